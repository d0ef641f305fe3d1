#include "import/kinds/costimporter.h"

#include "domain/ticketfields.h"
#include "import/importoptions.h"
#include "store/database.h"

#include <QObject>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace sl {

namespace {

enum Field { Month, Channel, Cost, Orders, FieldCount };

const std::vector<kinds::FieldSynonyms> &costFields()
{
    static const std::vector<kinds::FieldSynonyms> fields = {
        { Month, "month", { "month", "period", "yearmonth", "billingmonth", "reportingmonth", "monthstart", "date" } },
        { Channel, "channel", { "channel", "supportchannel", "costchannel" } },
        { Cost, "support_cost",
            { "supportcost", "supportcosts", "totalsupportcost", "totalsupportcosts", "totalcost", "totalcosts", "cost",
                "costs", "supportspend", "spend", "amount" } },
        { Orders, "orders",
            { "orders", "ordercount", "orderscount", "numberoforders", "noforders", "ordersplaced", "totalorders",
                "numorders" } },
    };
    return fields;
}

// The canonical channel a column named "<channel> cost" is about ("Email cost", "Phone support
// costs", "Live chat spend"), or empty when the column is not one.
QString channelOfCostColumn(const QString &header)
{
    QString key = kinds::columnKey(header);
    bool costWord = false;
    for (const QLatin1String suffix : { QLatin1String("costs"), QLatin1String("cost"), QLatin1String("spend") }) {
        if (key.size() > suffix.size() && key.endsWith(suffix)) {
            key.chop(suffix.size());
            costWord = true;
            break;
        }
    }
    if (!costWord)
        return {};
    if (key.size() > 7 && key.endsWith(QLatin1String("support")))
        key.chop(7);
    const QByteArray utf8 = key.toUtf8();
    const std::string_view channel = normalizedChannel(std::string_view(utf8.constData(), std::size_t(utf8.size())));
    static const QStringList canonical = { QStringLiteral("Email"), QStringLiteral("Web"), QStringLiteral("Chat"),
        QStringLiteral("Phone"), QStringLiteral("Social"), QStringLiteral("API"), QStringLiteral("Other") };
    const QString name = QString::fromUtf8(channel.data(), qsizetype(channel.size()));
    return canonical.contains(name) ? name : QString();
}

// The channel of a row in the Channel-column layout: '' for the whole month.
QString channelOfRow(std::string_view text)
{
    if (isNullMarker(text))
        return {};
    const QString label = QString::fromUtf8(text.data(), qsizetype(text.size())).trimmed();
    static const QStringList whole
        = { QStringLiteral("total"), QStringLiteral("all"), QStringLiteral("overall"), QStringLiteral("all channels") };
    if (whole.contains(label.toLower()))
        return {};
    const std::string_view channel = normalizedChannel(text);
    return QString::fromUtf8(channel.data(), qsizetype(channel.size()));
}

int monthOfName(const QString &name)
{
    static const std::array<const char *, 12> months = { "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december" };
    const QString lower = name.toLower();
    for (std::size_t i = 0; i < months.size(); ++i) {
        const QString full = QLatin1String(months[i]);
        if (lower == full || lower == full.left(3) || (i == 8 && lower == QLatin1String("sept")))
            return int(i) + 1;
    }
    return 0;
}

// A month written without a day; an invalid date when the text is not one of these forms.
QDate monthOnly(std::string_view raw)
{
    const QString text = QString::fromUtf8(raw.data(), qsizetype(raw.size())).trimmed();
    static const QRegularExpression yearMonth(QStringLiteral("^(\\d{4})\\s*[-/.]\\s*(\\d{1,2})$"));
    static const QRegularExpression monthYear(QStringLiteral("^(\\d{1,2})\\s*[-/.]\\s*(\\d{4})$"));
    static const QRegularExpression nameYear(QStringLiteral("^([A-Za-z]+)\\.?[\\s,/'-]*(\\d{4}|\\d{2})$"));
    static const QRegularExpression yearName(QStringLiteral("^(\\d{4})[\\s,/-]*([A-Za-z]+)\\.?$"));
    int year = 0, month = 0;
    if (const QRegularExpressionMatch m = yearMonth.match(text); m.hasMatch()) {
        year = m.captured(1).toInt();
        month = m.captured(2).toInt();
    } else if (const QRegularExpressionMatch m = monthYear.match(text); m.hasMatch()) {
        month = m.captured(1).toInt();
        year = m.captured(2).toInt();
    } else if (const QRegularExpressionMatch m = nameYear.match(text); m.hasMatch()) {
        month = monthOfName(m.captured(1));
        year = m.captured(2).toInt();
        if (m.captured(2).size() == 2)
            year += year <= 68 ? 2000 : 1900; // as parseDateTime reads two-digit years
    } else if (const QRegularExpressionMatch m = yearName.match(text); m.hasMatch()) {
        year = m.captured(1).toInt();
        month = monthOfName(m.captured(2));
    }
    if (month < 1 || month > 12 || year < 1900 || year > 2200)
        return {};
    return QDate(year, month, 1);
}

// What `inspect` and the import dialog call a column holding one channel's cost.
constexpr const char *channelCostPrefix = "support_cost:";
QString channelCostId(const QString &channel)
{
    return QLatin1String(channelCostPrefix) + channel;
}

} // namespace

Parsed<QDate> CostImporter::parseMonth(std::string_view text, DateOrder order)
{
    if (isNullMarker(text))
        return Parsed<QDate>::null();
    if (const QDate month = monthOnly(text); month.isValid())
        return Parsed<QDate>::of(month);
    const Parsed<WallClock> date = parseDateTime(text, order);
    if (!date.ok || !date.value)
        return Parsed<QDate>::bad();
    // The wall-clock month as written: a month label is not an instant to move between zones.
    const QDate day
        = kinds::dayOf(WallClock { date.value->localSeconds, std::nullopt, date.value->hasTime }, QTimeZone::utc());
    return Parsed<QDate>::of(QDate(day.year(), day.month(), 1));
}

KindMatch CostImporter::match(const QStringList &header, const QString &forcedProfile) const
{
    KindMatch result;
    result.kind = RecordKind::Costs;
    const bool forced = !forcedProfile.isEmpty() && forcedProfile != QLatin1String("auto");
    if (forced && forcedProfile != QLatin1String("generic-costs") && forcedProfile != QLatin1String("generic"))
        return result;
    kinds::KindColumns columns(header, costFields(), FieldCount);
    std::vector<ChannelColumn> channelColumns;
    // With a Channel column the rows say the channel; columns named after one are then just extra.
    if (!columns.has(Channel)) {
        for (qsizetype column = 0; column < header.size(); ++column) {
            if (columns.isTaken(int(column)))
                continue;
            const QString channel = channelOfCostColumn(header[column]);
            if (channel.isEmpty())
                continue;
            const bool duplicate = std::any_of(channelColumns.begin(), channelColumns.end(),
                [&](const ChannelColumn &c) { return c.channel == channel; });
            if (duplicate)
                continue; // the first column of a channel wins; the other stays extra
            channelColumns.push_back({ int(column), channel });
            columns.take(int(column), channelCostId(channel));
        }
    }
    const bool figures = columns.has(Cost) || columns.has(Orders) || !channelColumns.empty();
    if (!columns.has(Month) || !figures || (columns.has(Channel) && !columns.has(Cost))) {
        result.missing = kinds::missingNames(columns, costFields(), { Month, Cost });
        return result;
    }
    result.profile = QStringLiteral("generic-costs");
    result.source = QStringLiteral("generic");
    result.displayName = QObject::tr("Support cost and orders by month");
    result.score = columns.boundCount();
    result.columnFields = columns.columnFields();
    result.fieldChoices = kinds::fieldIds(costFields());
    for (const ChannelColumn &column : channelColumns)
        result.fieldChoices.append(channelCostId(column.channel));
    m_columns = columns;
    m_channelColumns = channelColumns;
    return result;
}

bool CostImporter::applyOverrides(
    const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match, QString *error)
{
    if (overrides.isEmpty())
        return true;
    // A channel's cost column ("support_cost:Email") is the kind's own use of a column, not a
    // field: those edits are applied here, the others by KindColumns.
    QHash<QString, QString> fieldEdits;
    QHash<int, QString> channelEdits; // column -> channel
    for (auto edit = overrides.constBegin(); edit != overrides.constEnd(); ++edit) {
        const qsizetype column = header.indexOf(edit.key());
        if (column < 0)
            continue;
        if (edit->startsWith(QLatin1String(channelCostPrefix))) {
            if (!match.fieldChoices.contains(*edit)) {
                if (error)
                    *error = QObject::tr("column \"%1\": \"%2\" is not a field of this export").arg(edit.key(), *edit);
                return false;
            }
            channelEdits.insert(int(column), edit->mid(qsizetype(std::strlen(channelCostPrefix))));
            fieldEdits.insert(edit.key(), QString()); // the column leaves any field it had
        } else {
            fieldEdits.insert(edit.key(), *edit);
        }
    }
    kinds::KindColumns columns = m_columns;
    if (!columns.applyOverrides(fieldEdits, costFields(), error))
        return false;
    std::vector<ChannelColumn> channelColumns;
    for (const ChannelColumn &column : m_channelColumns) {
        if (!fieldEdits.contains(header.value(column.column)))
            channelColumns.push_back(column); // an edited column is what the edit made it
    }
    for (auto edit = channelEdits.constBegin(); edit != channelEdits.constEnd(); ++edit) {
        // A channel takes one column: the one it had becomes extra.
        std::erase_if(channelColumns, [&](const ChannelColumn &c) {
            if (c.channel != edit.value())
                return false;
            columns.take(c.column, QString());
            return true;
        });
        channelColumns.push_back({ edit.key(), edit.value() });
        columns.take(edit.key(), channelCostId(edit.value()));
    }
    // With a Channel column the rows say the channel (as match() decides): no column per channel.
    if (columns.has(Channel)) {
        for (const ChannelColumn &column : channelColumns)
            columns.take(column.column, QString());
        channelColumns.clear();
    }
    std::sort(channelColumns.begin(), channelColumns.end(),
        [](const ChannelColumn &a, const ChannelColumn &b) { return a.column < b.column; });
    m_columns = columns;
    m_channelColumns = std::move(channelColumns);
    match.columnFields = m_columns.columnFields();
    if (!kinds::checkRequired(m_columns, costFields(), { Month }, error)
        || (m_columns.has(Channel) && !kinds::checkRequired(m_columns, costFields(), { Cost }, error)))
        return false;
    if (!m_columns.has(Cost) && !m_columns.has(Orders) && m_channelColumns.empty()) {
        if (error)
            *error = QObject::tr("no column is mapped to support_cost or orders, which this export needs");
        return false;
    }
    return true;
}

void CostImporter::observe(const CsvRecord &record)
{
    const std::string_view text = m_columns.text(record, Month);
    if (!isNullMarker(text) && !monthOnly(text).isValid()) {
        m_fullDates = true;
        m_monthOrder.observe(text);
    }
}

bool CostImporter::begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
    const ImportOptions &options, QString *error)
{
    (void)header, (void)options; // months are calendar labels: no time zone applies
    m_source = match.source.toStdString();
    m_importId = importId;
    m_connection = &database.connection();
    m_exists = m_connection->prepare("SELECT 1 FROM period_costs WHERE source = ?1 AND month = ?2 AND channel = ?3");
    m_upsert = m_connection->prepare(R"sql(
INSERT INTO period_costs (source, month, channel, support_cost, orders, extra, import_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (source, month, channel) DO UPDATE SET
    support_cost = excluded.support_cost, orders = excluded.orders, extra = excluded.extra,
    import_id = excluded.import_id
WHERE support_cost IS NOT excluded.support_cost OR orders IS NOT excluded.orders OR extra IS NOT excluded.extra
)sql");
    if (!m_exists.isValid() || !m_upsert.isValid()) {
        *error = QObject::tr("cannot write to the database: %1").arg(m_connection->lastError());
        return false;
    }
    return true;
}

KindImporter::Outcome CostImporter::writeOne(const QDate &month, const QString &channel,
    const std::optional<double> &cost, const std::optional<std::int64_t> &orders, const std::string &extra,
    QString *error)
{
    const QString monthText = month.toString(QStringLiteral("yyyy-MM"));
    for (sqlite::Statement *statement : { &m_exists, &m_upsert }) {
        statement->bindText(1, m_source);
        statement->bindText(2, monthText);
        statement->bindText(3, channel);
    }
    m_upsert.bindOptionalDouble(4, cost);
    m_upsert.bindOptionalInt(5, orders);
    kinds::bindOptionalText(m_upsert, 6, extra);
    m_upsert.bindInt(7, m_importId);
    return kinds::runUpsert(*m_connection, m_exists, m_upsert, error);
}

KindImporter::Outcome CostImporter::write(const CsvRecord &record, RowIssue &issue, QString *error)
{
    if (!m_columns.checkWidth(record, issue))
        return Outcome::Rejected;
    const std::string_view monthText = m_columns.text(record, Month);
    const Parsed<QDate> month = parseMonth(monthText, m_monthOrder.decided());
    if (!month.ok || !month.value) {
        issue = m_columns.issue(record, m_columns.column(Month),
            QObject::tr("expected a month such as 2025-01, Jan 2025 or a date, found %1")
                .arg(kinds::quoted(monthText)));
        return Outcome::Rejected;
    }

    const auto readCost = [&](int column, std::optional<double> *cost) {
        const std::string_view text = trimmed(record.fields[std::size_t(column)]);
        const Parsed<double> amount = kinds::parseAmount(text);
        if (!amount.ok || (amount.value && (!std::isfinite(*amount.value) || *amount.value < 0))) {
            issue = m_columns.issue(record, column,
                QObject::tr("expected a cost of 0 or more such as 12500.00, found %1").arg(kinds::quoted(text)));
            return false;
        }
        *cost = amount.value;
        return true;
    };
    std::optional<double> cost;
    if (m_columns.has(Cost) && !readCost(m_columns.column(Cost), &cost))
        return Outcome::Rejected;
    std::optional<std::int64_t> orders;
    if (m_columns.has(Orders)) {
        const std::string_view text = m_columns.text(record, Orders);
        const Parsed<std::int64_t> count = parseInteger(text);
        if (!count.ok || (count.value && *count.value < 0)) {
            issue = m_columns.issue(record, m_columns.column(Orders),
                QObject::tr("expected a whole number of orders, found %1").arg(kinds::quoted(text)));
            return Outcome::Rejected;
        }
        orders = count.value;
    }
    struct Part
    {
        QString channel;
        std::optional<double> cost;
        std::optional<std::int64_t> orders;
    };
    std::vector<Part> parts;
    if (m_columns.has(Channel)) {
        parts.push_back({ channelOfRow(m_columns.text(record, Channel)), cost, orders });
    } else {
        parts.push_back({ QString(), cost, orders });
        for (const ChannelColumn &column : m_channelColumns) {
            std::optional<double> channelCost;
            if (!readCost(column.column, &channelCost))
                return Outcome::Rejected;
            parts.push_back({ column.channel, channelCost, std::nullopt });
        }
    }

    // One row per month (and channel) in a file.
    const QString monthKey = month.value->toString(QStringLiteral("yyyy-MM"));
    for (const Part &part : parts) {
        const auto seen = m_lineOfKey.constFind(monthKey + QLatin1Char('|') + part.channel);
        if (seen == m_lineOfKey.constEnd())
            continue;
        issue = m_columns.issue(record, m_columns.column(Month),
            part.channel.isEmpty()
                ? QObject::tr("month %1 is already on line %2 of this file: one row per month").arg(monthKey).arg(*seen)
                : QObject::tr("month %1, channel %2 is already on line %3 of this file: one row "
                              "per month and channel")
                      .arg(monthKey, part.channel)
                      .arg(*seen));
        return Outcome::Rejected;
    }

    // The file's other columns go with the row of the whole month (or the row's own channel).
    const std::string extra = m_columns.extraJson(record);
    Outcome combined = Outcome::Unchanged;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Outcome outcome = writeOne(
            *month.value, parts[i].channel, parts[i].cost, parts[i].orders, i == 0 ? extra : std::string(), error);
        if (outcome == Outcome::Failed)
            return outcome;
        if (outcome == Outcome::Inserted || (outcome == Outcome::Updated && combined == Outcome::Unchanged))
            combined = outcome;
        m_lineOfKey.insert(monthKey + QLatin1Char('|') + parts[i].channel, record.line);
    }
    return combined;
}

QStringList CostImporter::notes() const
{
    QStringList notes;
    if (m_fullDates) {
        const QString order = kinds::dateOrderNote(m_columns.name(Month), m_monthOrder);
        notes.append(QObject::tr("column \"%1\" holds dates: each row counts for the month of its date")
                         .arg(m_columns.name(Month)));
        if (!order.isEmpty())
            notes.append(order);
    }
    if (!m_channelColumns.empty()) {
        QStringList mapped;
        for (const ChannelColumn &column : m_channelColumns)
            mapped.append(QStringLiteral("\"%1\" → %2").arg(m_columns.header().value(column.column), column.channel));
        notes.append(m_columns.has(Cost) ? QObject::tr("cost by channel: %1; the month's whole cost is column \"%2\"")
                                               .arg(mapped.join(QStringLiteral(", ")), m_columns.name(Cost))
                                         : QObject::tr("cost by channel: %1; the month's whole cost is their sum")
                                               .arg(mapped.join(QStringLiteral(", "))));
    }
    return notes;
}

QStringList CostImporter::extraColumnNames() const
{
    return m_columns.extraColumnNames();
}

} // namespace sl
