#include "import/kinds/kindcolumns.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>

#include <algorithm>
#include <array>

namespace sl::kinds {

QString columnKey(const QString &header)
{
    QString key;
    key.reserve(header.size());
    for (const QChar c : header) {
        if (c.isLetterOrNumber())
            key.append(c.toLower());
    }
    return key;
}

KindColumns::KindColumns(const QStringList &header, const std::vector<FieldSynonyms> &fields, int fieldCount)
    : m_header(header)
    , m_columnOfField(std::size_t(fieldCount), -1)
    , m_idOfColumn(std::size_t(header.size()))
{
    QStringList keys;
    for (const QString &name : header)
        keys.append(columnKey(name));
    for (const FieldSynonyms &field : fields) {
        if (m_columnOfField[std::size_t(field.field)] >= 0)
            continue;
        for (std::string_view synonym : field.keys) {
            const QString wanted = QString::fromLatin1(synonym.data(), qsizetype(synonym.size()));
            qsizetype found = -1;
            for (qsizetype column = 0; column < keys.size() && found < 0; ++column) {
                if (keys[column] == wanted && m_idOfColumn[std::size_t(column)].isEmpty())
                    found = column;
            }
            if (found >= 0) {
                m_columnOfField[std::size_t(field.field)] = int(found);
                m_idOfColumn[std::size_t(found)] = QString::fromLatin1(field.id);
                break;
            }
        }
    }
}

int KindColumns::column(int field) const
{
    return field >= 0 && std::size_t(field) < m_columnOfField.size() ? m_columnOfField[std::size_t(field)] : -1;
}

int KindColumns::boundCount() const
{
    return int(
        std::count_if(m_idOfColumn.begin(), m_idOfColumn.end(), [](const QString &id) { return !id.isEmpty(); }));
}

bool KindColumns::applyOverrides(
    const QHash<QString, QString> &overrides, const std::vector<FieldSynonyms> &fields, QString *error)
{
    std::vector<int> columnOfField = m_columnOfField;
    std::vector<QString> idOfColumn = m_idOfColumn;
    for (qsizetype column = 0; column < m_header.size(); ++column) {
        const auto edit = overrides.constFind(m_header[column]);
        if (edit == overrides.constEnd())
            continue;
        const FieldSynonyms *chosen = nullptr;
        if (!edit->isEmpty()) {
            const auto found = std::find_if(fields.begin(), fields.end(),
                [&](const FieldSynonyms &field) { return *edit == QLatin1String(field.id); });
            if (found == fields.end()) {
                if (error)
                    *error = QObject::tr("column \"%1\": \"%2\" is not a field of this export")
                                 .arg(m_header[column], *edit);
                return false;
            }
            chosen = &*found;
        }
        // The column gives up what it held (a field, or a kind's own use such as a channel's cost).
        for (int &bound : columnOfField) {
            if (bound == int(column))
                bound = -1;
        }
        idOfColumn[std::size_t(column)].clear();
        if (!chosen)
            continue;
        // The field leaves the column it had: that column becomes an extra one.
        if (const int previous = columnOfField[std::size_t(chosen->field)]; previous >= 0)
            idOfColumn[std::size_t(previous)].clear();
        columnOfField[std::size_t(chosen->field)] = int(column);
        idOfColumn[std::size_t(column)] = QString::fromLatin1(chosen->id);
    }
    m_columnOfField = std::move(columnOfField);
    m_idOfColumn = std::move(idOfColumn);
    return true;
}

void KindColumns::take(int column, const QString &fieldId)
{
    if (column >= 0 && std::size_t(column) < m_idOfColumn.size())
        m_idOfColumn[std::size_t(column)] = fieldId;
}

bool KindColumns::isTaken(int column) const
{
    return column >= 0 && std::size_t(column) < m_idOfColumn.size() && !m_idOfColumn[std::size_t(column)].isEmpty();
}

std::vector<std::pair<QString, QString>> KindColumns::columnFields() const
{
    std::vector<std::pair<QString, QString>> result;
    for (std::size_t column = 0; column < m_idOfColumn.size(); ++column) {
        if (!m_idOfColumn[column].isEmpty())
            result.emplace_back(m_header[qsizetype(column)], m_idOfColumn[column]);
    }
    return result;
}

QStringList KindColumns::extraColumnNames() const
{
    // Unique and never empty, so a row's extra values can always be told apart (as tickets do).
    QStringList names;
    QSet<QString> taken;
    QHash<QString, int> nextSuffix;
    for (std::size_t column = 0; column < m_idOfColumn.size(); ++column) {
        if (!m_idOfColumn[column].isEmpty())
            continue;
        QString name = m_header[qsizetype(column)].trimmed();
        if (name.isEmpty())
            name = QObject::tr("column %1").arg(column + 1);
        if (taken.contains(name)) {
            const QString base = name;
            int &n = nextSuffix[base];
            for (n = std::max(n, 2); taken.contains(name); ++n)
                name = base + QStringLiteral(" (%1)").arg(n);
        }
        taken.insert(name);
        names.append(name);
    }
    return names;
}

bool KindColumns::checkWidth(const CsvRecord &record, RowIssue &issue) const
{
    const auto headerSize = std::size_t(m_header.size());
    if (record.fields.size() < headerSize) {
        issue = this->issue(record, -1,
            QObject::tr("expected %1 fields as in the header, found %2").arg(headerSize).arg(record.fields.size()));
        return false;
    }
    // Spreadsheets pad rows with delimiters; a value past the header means the row does not line up.
    for (std::size_t column = headerSize; column < record.fields.size(); ++column) {
        if (!trimmed(record.fields[column]).empty()) {
            issue = this->issue(record, -1,
                QObject::tr("expected %1 fields as in the header, found %2 (field %3 holds %4)")
                    .arg(headerSize)
                    .arg(record.fields.size())
                    .arg(column + 1)
                    .arg(quoted(record.fields[column])));
            return false;
        }
    }
    return true;
}

std::string_view KindColumns::text(const CsvRecord &record, int field) const
{
    const int column = this->column(field);
    if (column < 0 || std::size_t(column) >= record.fields.size())
        return {};
    return trimmed(record.fields[std::size_t(column)]);
}

std::string KindColumns::extraJson(const CsvRecord &record) const
{
    std::vector<std::size_t> extras;
    for (std::size_t column = 0; column < m_idOfColumn.size(); ++column) {
        if (m_idOfColumn[column].isEmpty())
            extras.push_back(column);
    }
    while (!extras.empty() && trimmed(record.fields[extras.back()]).empty())
        extras.pop_back();
    std::string json;
    if (extras.empty())
        return json;
    json.push_back('[');
    for (std::size_t i = 0; i < extras.size(); ++i) {
        if (i > 0)
            json.push_back(',');
        appendJsonEscaped(json, record.fields[extras[i]]);
    }
    json.push_back(']');
    return json;
}

RowIssue KindColumns::issue(const CsvRecord &record, int column, const QString &message) const
{
    return { record.line, column >= 0 ? m_header.value(column) : QString(), message };
}

QStringList fieldIds(const std::vector<FieldSynonyms> &fields)
{
    QStringList ids;
    for (const FieldSynonyms &field : fields) {
        const QString id = QString::fromLatin1(field.id);
        if (!ids.contains(id))
            ids.append(id);
    }
    return ids;
}

bool checkRequired(const KindColumns &columns, const std::vector<FieldSynonyms> &fields,
    const std::vector<int> &required, QString *error)
{
    const QStringList missing = missingNames(columns, fields, required);
    if (missing.isEmpty())
        return true;
    if (error)
        *error = QObject::tr("no column is mapped to %1, which this export needs").arg(missing.first());
    return false;
}

QStringList missingNames(
    const KindColumns &columns, const std::vector<FieldSynonyms> &fields, const std::vector<int> &required)
{
    QStringList missing;
    for (int field : required) {
        if (columns.has(field))
            continue;
        for (const FieldSynonyms &synonyms : fields) {
            if (synonyms.field == field) {
                missing.append(QString::fromLatin1(synonyms.id));
                break;
            }
        }
    }
    return missing;
}

QString quoted(std::string_view text)
{
    constexpr std::size_t maxShown = 60;
    QString shown = QString::fromUtf8(text.data(), qsizetype(std::min(text.size(), maxShown)));
    if (text.size() > maxShown)
        shown += QStringLiteral("…");
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

Parsed<double> parseAmount(std::string_view raw)
{
    std::string_view text = trimmed(raw);
    if (isNullMarker(text))
        return Parsed<double>::null();
    // Longest first, so that "US$" is not read as "$" after a stray "US".
    static constexpr std::array<std::string_view, 12> currencies = {
        "US$",
        "USD",
        "EUR",
        "GBP",
        "CHF",
        "CAD",
        "AUD",
        "\xE2\x82\xAC" /* € */,
        "\xC2\xA3" /* £ */,
        "\xC2\xA5" /* ¥ */,
        "$",
        "kr",
    };
    for (std::string_view currency : currencies) {
        if (text.size() > currency.size() && text.substr(0, currency.size()) == currency) {
            text = trimmed(text.substr(currency.size()));
            break;
        }
        if (text.size() > currency.size() && text.substr(text.size() - currency.size()) == currency) {
            text = trimmed(text.substr(0, text.size() - currency.size()));
            break;
        }
    }
    // A minus before the symbol ("-$12") is still a minus.
    if (text.size() > 1 && text.front() == '-' && text[1] == '$') {
        const Parsed<double> rest = parseNumber(text.substr(2));
        return rest.value ? Parsed<double>::of(-*rest.value) : Parsed<double>::bad();
    }
    if (text.back() == '%')
        return Parsed<double>::bad(); // a share, not an amount
    return parseNumber(text);
}

QDate dayOf(const WallClock &wallClock, const QTimeZone &zone)
{
    if (!wallClock.offsetSeconds) {
        const std::int64_t days
            = wallClock.localSeconds >= 0 ? wallClock.localSeconds / 86400 : (wallClock.localSeconds - 86399) / 86400;
        return QDate(1970, 1, 1).addDays(days);
    }
    const std::int64_t utc = wallClock.localSeconds - *wallClock.offsetSeconds;
    return QDateTime::fromSecsSinceEpoch(utc, zone).date();
}

QString dateOrderNote(const QString &column, const DateOrderDetector &detector)
{
    if (detector.contradictory())
        return QObject::tr("column \"%1\": some dates are day-first and some month-first; each is read the way "
                           "it can be, an ambiguous one month-first")
            .arg(column);
    switch (detector.decided()) {
    case DateOrder::DayFirst:
        return QObject::tr("column \"%1\": dates are day-first (DD/MM)").arg(column);
    case DateOrder::MonthFirst:
        return QObject::tr("column \"%1\": dates are month-first (MM/DD)").arg(column);
    case DateOrder::Unknown:
        break;
    }
    return {};
}

KindImporter::Outcome runUpsert(
    sqlite::Connection &connection, sqlite::Statement &exists, sqlite::Statement &upsert, QString *error)
{
    return outcomeOf(sl::runUpsert(connection, exists, upsert), connection, error);
}

KindImporter::Outcome outcomeOf(UpsertOutcome outcome, const sqlite::Connection &connection, QString *error)
{
    switch (outcome) {
    case UpsertOutcome::Inserted:
        return KindImporter::Outcome::Inserted;
    case UpsertOutcome::Updated:
        return KindImporter::Outcome::Updated;
    case UpsertOutcome::Unchanged:
        return KindImporter::Outcome::Unchanged;
    case UpsertOutcome::Failed:
        break;
    }
    *error = connection.lastError();
    return KindImporter::Outcome::Failed;
}

} // namespace sl::kinds
