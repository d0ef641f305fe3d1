#include "import/kinds/accountimporter.h"

#include "import/importoptions.h"
#include "store/database.h"

#include <QObject>

#include <array>
#include <cmath>

namespace sl {

namespace {

enum Field { Id, StartedOn, EndedOn, Churned, Plan, MonthlyRevenue, TotalRevenue, FieldCount };

const std::vector<kinds::FieldSynonyms> &ibmFields()
{
    static const std::vector<kinds::FieldSynonyms> fields = {
        { Id, "external_id", { "customerid" } },
        { Churned, "churned", { "churn" } },
        { Plan, "plan", { "contract" } },
        { MonthlyRevenue, "monthly_revenue", { "monthlycharges" } },
        { TotalRevenue, "total_revenue", { "totalcharges" } },
    };
    return fields;
}

// The columns that make a header IBM's sample (and its copies with other delimiters or a BOM).
constexpr std::array<std::string_view, 5> ibmSignature
    = { "customerid", "tenure", "monthlycharges", "totalcharges", "churn" };

// "created" is left out of the start synonyms on purpose: ticket exports have it too, and a
// customer file names its start as a signup or a subscription start.
const std::vector<kinds::FieldSynonyms> &genericFields()
{
    static const std::vector<kinds::FieldSynonyms> fields = {
        { Id, "external_id",
            { "customerid", "accountid", "subscriptionid", "clientid", "customernumber", "accountnumber", "customerno",
                "customer", "account", "userid", "id" } },
        { StartedOn, "started_on",
            { "startdate", "startedat", "startedon", "signupdate", "signedupat", "signedupon", "signupat", "signedup",
                "signup", "subscriptionstart", "subscriptionstartdate", "subscriptionstartedat", "customersince",
                "activatedat", "activationdate", "joindate", "joinedat", "joinedon", "joined", "createdutc",
                "start" } },
        { EndedOn, "ended_on",
            { "enddate", "endedat", "endedon", "cancelledat", "canceledat", "cancelledon", "canceledon",
                "cancellationdate", "canceldate", "cancelledutc", "canceledutc", "churndate", "churnedat", "churnedon",
                "subscriptionend", "subscriptionenddate", "subscriptionendedat", "terminationdate", "endedutc",
                "end" } },
        { Churned, "churned",
            { "churned", "churn", "ischurned", "churnflag", "haschurned", "cancelled", "canceled", "iscancelled",
                "iscanceled", "exited" } },
        { Plan, "plan", { "plan", "planname", "subscriptionplan", "tier", "contract", "contracttype", "product" } },
        { MonthlyRevenue, "monthly_revenue",
            { "mrr", "monthlyrevenue", "monthlyrecurringrevenue", "monthlycharges", "monthlycharge", "monthlyfee",
                "monthlyprice", "monthlyamount" } },
        { TotalRevenue, "total_revenue",
            { "totalrevenue", "ltv", "lifetimevalue", "lifetimerevenue", "totalcharges", "totalspent", "totalspend",
                "totalpaid", "revenue" } },
    };
    return fields;
}

// Yes/No and the words billing tools write for a subscription's state.
Parsed<bool> parseChurned(std::string_view raw)
{
    const Parsed<bool> flag = parseBool(raw);
    if (flag.ok)
        return flag;
    const QString text = QString::fromUtf8(trimmed(raw).data(), qsizetype(trimmed(raw).size())).toLower();
    static const QStringList churned = { QStringLiteral("churned"), QStringLiteral("cancelled"),
        QStringLiteral("canceled"), QStringLiteral("lost"), QStringLiteral("inactive"), QStringLiteral("exited") };
    static const QStringList active
        = { QStringLiteral("active"), QStringLiteral("retained"), QStringLiteral("current"), QStringLiteral("stayed") };
    if (churned.contains(text))
        return Parsed<bool>::of(true);
    if (active.contains(text))
        return Parsed<bool>::of(false);
    return Parsed<bool>::bad();
}

bool isAutoProfile(const QString &profile)
{
    return profile.isEmpty() || profile == QLatin1String("auto");
}

} // namespace

KindMatch AccountImporter::match(const QStringList &header, const QString &forcedProfile) const
{
    KindMatch best;
    best.kind = RecordKind::Customers;
    const bool forced = !isAutoProfile(forcedProfile);

    // IBM's sample: every signature column present.
    if (!forced || forcedProfile == QLatin1String("ibm-telco")) {
        QStringList keys;
        for (const QString &name : header)
            keys.append(kinds::columnKey(name));
        QStringList missing;
        for (std::string_view column : ibmSignature) {
            if (!keys.contains(QString::fromLatin1(column.data(), qsizetype(column.size()))))
                missing.append(QString::fromLatin1(column.data(), qsizetype(column.size())));
        }
        kinds::KindColumns columns(header, ibmFields(), FieldCount);
        if (missing.isEmpty()) {
            best.profile = QStringLiteral("ibm-telco");
            best.source = QStringLiteral("ibm-telco");
            best.displayName = QObject::tr("IBM Telco customer churn sample");
            // tenure counts as recognised: it is kept on purpose, not overlooked.
            best.score = columns.boundCount() + 1;
            best.columnFields = columns.columnFields();
            best.fieldChoices = kinds::fieldIds(genericFields());
            m_columns = columns;
            m_profile = best.profile;
            return best;
        }
        if (missing.size() <= 2)
            best.missing = missing; // nearly IBM's sample: say what it lacks
    }

    if (!forced || forcedProfile == QLatin1String("generic-customers") || forcedProfile == QLatin1String("generic")) {
        kinds::KindColumns columns(header, genericFields(), FieldCount);
        const bool dated = columns.has(StartedOn) || columns.has(EndedOn) || columns.has(Churned);
        if (columns.has(Id) && dated && columns.boundCount() >= 3) {
            best.profile = QStringLiteral("generic-customers");
            best.source = QStringLiteral("generic");
            best.displayName = QObject::tr("Customer list");
            best.score = columns.boundCount();
            best.columnFields = columns.columnFields();
            best.fieldChoices = kinds::fieldIds(genericFields());
            best.missing.clear();
            m_columns = columns;
            m_profile = best.profile;
            return best;
        }
        if (best.missing.isEmpty())
            best.missing = kinds::missingNames(columns, genericFields(), { Id, StartedOn });
    }
    return best;
}

bool AccountImporter::applyOverrides(
    const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match, QString *error)
{
    (void)header; // bound in match()
    if (overrides.isEmpty())
        return true;
    // Every customer field may be chosen, IBM's sample included (its dates are not in the file,
    // but a copy with a signup column added is still that sample).
    if (!m_columns.applyOverrides(overrides, genericFields(), error))
        return false;
    match.columnFields = m_columns.columnFields();
    return kinds::checkRequired(m_columns, genericFields(), { Id }, error);
}

void AccountImporter::observe(const CsvRecord &record)
{
    if (m_columns.has(StartedOn))
        m_startOrder.observe(m_columns.text(record, StartedOn));
    if (m_columns.has(EndedOn))
        m_endOrder.observe(m_columns.text(record, EndedOn));
}

bool AccountImporter::begin(Database &database, std::int64_t importId, const KindMatch &match,
    const QStringList &header, const ImportOptions &options, QString *error)
{
    if (m_profile != match.profile)
        m_columns = kinds::KindColumns(
            header, match.profile == QLatin1String("ibm-telco") ? ibmFields() : genericFields(), FieldCount);
    m_profile = match.profile;
    m_source = match.source.toStdString();
    m_importId = importId;
    m_zone = options.timeZone;
    m_connection = &database.connection();
    m_writer.emplace(*m_connection, m_source, m_importId);
    if (!m_writer->isValid()) {
        *error = QObject::tr("cannot write to the database: %1").arg(m_connection->lastError());
        return false;
    }
    return true;
}

bool AccountImporter::readDay(
    const CsvRecord &record, int field, const DateOrderDetector &order, QDate *day, RowIssue &issue)
{
    if (!m_columns.has(field))
        return true;
    const std::string_view text = m_columns.text(record, field);
    const Parsed<WallClock> parsed = parseDateTime(text, order.decided());
    if (!parsed.ok) {
        issue = m_columns.issue(record, m_columns.column(field),
            QObject::tr("expected a date such as 2024-03-05, found %1").arg(kinds::quoted(text)));
        return false;
    }
    if (parsed.value)
        *day = kinds::dayOf(*parsed.value, m_zone);
    return true;
}

KindImporter::Outcome AccountImporter::write(const CsvRecord &record, RowIssue &issue, QString *error)
{
    if (!m_columns.checkWidth(record, issue))
        return Outcome::Rejected;
    const std::string_view id = m_columns.text(record, Id);
    if (id.empty() || isNullMarker(id)) {
        issue = m_columns.issue(
            record, m_columns.column(Id), QObject::tr("the customer id is empty: every row needs the export's own id"));
        return Outcome::Rejected;
    }
    const QByteArray idKey(id.data(), qsizetype(id.size()));
    if (const auto seen = m_lineOfId.constFind(idKey); seen != m_lineOfId.constEnd()) {
        issue = m_columns.issue(record, m_columns.column(Id),
            QObject::tr("customer %1 is already on line %2 of this file: one row per customer")
                .arg(kinds::quoted(id))
                .arg(*seen));
        return Outcome::Rejected;
    }

    QDate started, ended;
    if (!readDay(record, StartedOn, m_startOrder, &started, issue)
        || !readDay(record, EndedOn, m_endOrder, &ended, issue))
        return Outcome::Rejected;
    if (started.isValid() && ended.isValid() && ended < started) {
        issue = m_columns.issue(record, m_columns.column(EndedOn),
            QObject::tr("expected an end date on or after the start date %1, found %2")
                .arg(started.toString(Qt::ISODate), ended.toString(Qt::ISODate)));
        return Outcome::Rejected;
    }

    std::optional<bool> churned;
    if (m_columns.has(Churned)) {
        const std::string_view text = m_columns.text(record, Churned);
        const Parsed<bool> flag = parseChurned(text);
        if (!flag.ok) {
            issue = m_columns.issue(record, m_columns.column(Churned),
                QObject::tr("expected a churn flag (Yes/No, 1/0, true/false, churned/active), found %1")
                    .arg(kinds::quoted(text)));
            return Outcome::Rejected;
        }
        churned = flag.value;
    } else if (m_columns.has(EndedOn)) {
        churned = ended.isValid();
    }

    std::array<std::optional<double>, 2> revenue;
    for (const auto &[field, slot] :
        { std::pair { int(MonthlyRevenue), &revenue[0] }, std::pair { int(TotalRevenue), &revenue[1] } }) {
        if (!m_columns.has(field))
            continue;
        const std::string_view text = m_columns.text(record, field);
        const Parsed<double> amount = kinds::parseAmount(text);
        if (!amount.ok || (amount.value && (!std::isfinite(*amount.value) || *amount.value < 0))) {
            issue = m_columns.issue(record, m_columns.column(field),
                QObject::tr("expected an amount of 0 or more such as 29.90, found %1").arg(kinds::quoted(text)));
            return Outcome::Rejected;
        }
        *slot = amount.value;
    }

    const std::string_view plan = m_columns.text(record, Plan);
    const std::string extra = m_columns.extraJson(record);
    AccountRow row;
    row.id = id;
    row.startedOn = started;
    row.endedOn = ended;
    row.churned = churned;
    row.plan = isNullMarker(plan) ? std::string_view() : plan;
    row.monthlyRevenue = revenue[0];
    row.totalRevenue = revenue[1];
    row.extraJson = extra;
    const Outcome outcome = kinds::outcomeOf(m_writer->write(row), *m_connection, error);
    if (outcome == Outcome::Failed)
        return outcome;

    m_lineOfId.insert(idKey, record.line);
    ++m_rows;
    m_datedRows += started.isValid() || ended.isValid() ? 1 : 0;
    m_churnedWithoutDate += churned.value_or(false) && !ended.isValid() ? 1 : 0;
    m_blankMonthly += m_columns.has(MonthlyRevenue) && !revenue[0] ? 1 : 0;
    m_blankTotal += m_columns.has(TotalRevenue) && !revenue[1] ? 1 : 0;
    return outcome;
}

QStringList AccountImporter::notes() const
{
    QStringList notes;
    for (const auto &[field, order] :
        { std::pair { int(StartedOn), &m_startOrder }, std::pair { int(EndedOn), &m_endOrder } }) {
        if (m_columns.has(field)) {
            const QString note = kinds::dateOrderNote(m_columns.name(field), *order);
            if (!note.isEmpty())
                notes.append(note);
        }
    }
    if (m_rows > 0 && m_datedRows == 0) {
        notes.append(QObject::tr("no customer has a start or end date (churn is a flag, not an event): "
                                 "retention_pct, churn_pct and clv have no value for any period from these rows"));
    } else if (m_churnedWithoutDate > 0) {
        notes.append(QObject::tr("%n customer(s) flagged churned without an end date count in no period's retention "
                                 "or churn",
            nullptr, int(m_churnedWithoutDate)));
    }
    const qsizetype tenure = m_columns.header().indexOf(QLatin1String("tenure"));
    if (m_profile == QLatin1String("ibm-telco") && m_rows > 0 && tenure >= 0 && !m_columns.isTaken(int(tenure)))
        notes.append(QObject::tr("column \"tenure\" (months as a customer, as of an unstated date) is kept with the "
                                 "row's other columns, not turned into a start date"));
    for (const auto &[field, blanks] :
        { std::pair { int(MonthlyRevenue), m_blankMonthly }, std::pair { int(TotalRevenue), m_blankTotal } }) {
        if (blanks > 0) {
            notes.append(QObject::tr("column \"%1\": %n blank value(s) stored as no value", nullptr, int(blanks))
                             .arg(m_columns.name(field)));
        }
    }
    return notes;
}

QStringList AccountImporter::extraColumnNames() const
{
    return m_columns.extraColumnNames();
}

} // namespace sl
