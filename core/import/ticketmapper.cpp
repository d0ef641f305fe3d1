#include "import/ticketmapper.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <cmath>

namespace sl {

namespace {

QString quotedSample(std::string_view text)
{
    constexpr std::size_t maxShown = 60;
    QString shown = QString::fromUtf8(text.data(), qsizetype(std::min(text.size(), maxShown)));
    if (text.size() > maxShown)
        shown += QStringLiteral("…");
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

// Tag lists come space-, comma-, semicolon- or pipe-separated; stored space-separated. Appends
// to `out`, which holds the tags of the row's earlier tag columns (Jira writes one per label).
void appendTags(std::string_view text, std::string &out)
{
    bool pendingSeparator = !out.empty();
    for (char c : text) {
        if (c == ',' || c == ';' || c == '|' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pendingSeparator = !out.empty();
            continue;
        }
        if (pendingSeparator) {
            out.push_back(' ');
            pendingSeparator = false;
        }
        out.push_back(c);
    }
}

bool looksLikeDate(std::string_view text)
{
    // A duration never has a date separator between two digits followed by more digits in the
    // way a date does: "2023-06-01", "01/06/2023", "1.6.2023 10:00". "1:30:00" has none.
    const Parsed<WallClock> asDate = parseDateTime(text, DateOrder::Unknown);
    return asDate.ok && asDate.value.has_value();
}

// "05/03/2024", "5.3.24", "05-03-2024": day and month first, in an order only the data can tell.
// Not "12/Mar/24" (Jira): a month name says which part is the month.
bool looksDayMonth(std::string_view text)
{
    std::size_t digits = 0;
    while (digits < text.size() && digits < 3 && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    return (digits == 1 || digits == 2) && digits + 1 < text.size()
           && (text[digits] == '/' || text[digits] == '.' || text[digits] == '-') && text[digits + 1] >= '0'
           && text[digits + 1] <= '9';
}

QString dateOrderText(DateOrder order)
{
    return order == DateOrder::DayFirst ? QObject::tr("day-first (DD/MM)") : QObject::tr("month-first (MM/DD)");
}

} // namespace

void appendJsonEscaped(std::string &out, std::string_view utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        if (byte >= 0x20 && byte != '"' && byte != '\\')
            continue;
        out.append(utf8.data() + runStart, i - runStart);
        runStart = i + 1;
        switch (byte) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out.push_back(hex[byte >> 4]);
            out.push_back(hex[byte & 0xf]);
        }
    }
    out.append(utf8.data() + runStart, utf8.size() - runStart);
    out.push_back('"');
}

ColumnSampler::ColumnSampler(const ProfileMatch &match, qsizetype columnCount)
    : m_bindings(match.bindings)
    , m_detectors(std::size_t(columnCount))
    , m_isDateColumn(std::size_t(columnCount), false)
    , m_needsOrder(std::size_t(columnCount), false)
    , m_votes(std::size_t(columnCount))
{
    for (const ColumnBinding &binding : m_bindings) {
        if (valueKindOf(binding.field) == ValueKind::DateTime)
            m_isDateColumn[std::size_t(binding.column)] = true;
    }
}

void ColumnSampler::observe(const CsvRecord &record)
{
    for (const ColumnBinding &binding : m_bindings) {
        const auto column = std::size_t(binding.column);
        if (!m_isDateColumn[column] || column >= record.fields.size())
            continue;
        const std::string_view text = trimmed(record.fields[column]);
        if (isNullMarker(text))
            continue;
        m_detectors[column].observe(text);
        if (!m_needsOrder[column] && looksDayMonth(text))
            m_needsOrder[column] = true;
        if (binding.dateOrDuration) {
            if (looksLikeDate(text))
                ++m_votes[column].dates;
            else if (parseDurationSeconds(text, binding.unit).ok)
                ++m_votes[column].durations;
        }
    }
}

bool ColumnSampler::undecided() const
{
    for (std::size_t column = 0; column < m_detectors.size(); ++column) {
        if (m_needsOrder[column] && m_detectors[column].decided() == DateOrder::Unknown
            && !m_detectors[column].contradictory()) {
            return true;
        }
    }
    return false;
}

ColumnDecisions ColumnSampler::decisions(const QStringList &header, DateOrder forcedOrder) const
{
    ColumnDecisions result;
    result.dateOrderByColumn.resize(m_detectors.size(), DateOrder::Unknown);
    // One export writes all its dates one way: a column whose own values fit both orders takes
    // the order the other date columns proved, when they agree.
    DateOrder fileOrder = DateOrder::Unknown;
    bool ordersDisagree = false;
    for (std::size_t column = 0; column < m_detectors.size(); ++column) {
        const DateOrder order = m_isDateColumn[column] ? m_detectors[column].decided() : DateOrder::Unknown;
        if (order == DateOrder::Unknown)
            continue;
        if (fileOrder != DateOrder::Unknown && fileOrder != order)
            ordersDisagree = true;
        fileOrder = order;
    }
    if (ordersDisagree)
        fileOrder = DateOrder::Unknown;
    for (ColumnBinding binding : m_bindings) {
        const auto column = std::size_t(binding.column);
        const QString name = header.value(binding.column);
        if (binding.dateOrDuration) {
            const DateOrDurationVotes &votes = m_votes[column];
            if (votes.durations > votes.dates) {
                binding.field = durationCounterpart(binding.field);
                result.notes.append(QObject::tr("column \"%1\" holds durations: read as %2")
                                        .arg(name, fieldId(binding.field)));
            } else {
                result.notes.append(QObject::tr("column \"%1\" holds timestamps: read as %2")
                                        .arg(name, fieldId(binding.field)));
            }
            binding.dateOrDuration = false;
        }
        if (binding.zone.isValid() && valueKindOf(binding.field) == ValueKind::DateTime) {
            result.notes.append(QObject::tr("column \"%1\": times read in %2, the zone its name gives")
                                    .arg(name, QString::fromUtf8(binding.zone.id())));
        }
        if (m_isDateColumn[column] && valueKindOf(binding.field) == ValueKind::DateTime) {
            const DateOrderDetector &detector = m_detectors[column];
            DateOrder order = detector.decided();
            if (order == DateOrder::Unknown && m_needsOrder[column] && !detector.contradictory())
                order = fileOrder;
            if (forcedOrder != DateOrder::Unknown) {
                result.dateOrderByColumn[column] = forcedOrder;
                if (m_needsOrder[column] && order != DateOrder::Unknown && order != forcedOrder)
                    result.notes.append(QObject::tr("column \"%1\": dates read %2 as chosen, though the data look %3")
                                            .arg(name, dateOrderText(forcedOrder), dateOrderText(order)));
                else if (m_needsOrder[column])
                    result.notes.append(QObject::tr("column \"%1\": dates read %2 as chosen")
                                            .arg(name, dateOrderText(forcedOrder)));
                result.bindings.push_back(binding);
                continue;
            }
            result.dateOrderByColumn[column] = order;
            if (order == DateOrder::DayFirst)
                result.notes.append(QObject::tr("column \"%1\": dates are day-first (DD/MM)").arg(name));
            else if (order == DateOrder::MonthFirst)
                result.notes.append(QObject::tr("column \"%1\": dates are month-first (MM/DD)").arg(name));
            else if (m_needsOrder[column])
                result.notes.append(QObject::tr("column \"%1\": no date tells whether it is day- or month-first; "
                                                "read month-first").arg(name));
        }
        result.bindings.push_back(binding);
    }
    return result;
}

TicketMapper::TicketMapper(const QStringList &header, ColumnDecisions decisions, const QTimeZone &timeZone)
    : m_header(header)
    , m_decisions(std::move(decisions))
    , m_zone(timeZone)
    , m_fieldOfColumn(std::size_t(header.size()), -1)
    , m_unitOfColumn(std::size_t(header.size()), DurationUnit::Minutes)
    , m_zoneOfColumn(std::size_t(header.size()))
{
    for (const ColumnBinding &binding : m_decisions.bindings) {
        m_fieldOfColumn[std::size_t(binding.column)] = std::int8_t(binding.field);
        m_unitOfColumn[std::size_t(binding.column)] = binding.unit;
        if (binding.zone.isValid())
            m_zoneOfColumn[std::size_t(binding.column)].emplace(binding.zone);
    }

    // The columns no field takes, under names that are unique and never empty, so a row's
    // extra values (a JSON array in this order) can always be told apart. Names taken are looked
    // up in a set, and each name's next free suffix is remembered: searching the list, and trying
    // every suffix from 2 again, made a header of a million columns take hours.
    QSet<QString> taken;
    QHash<QString, int> nextSuffix;
    for (qsizetype column = 0; column < header.size(); ++column) {
        if (m_fieldOfColumn[std::size_t(column)] >= 0)
            continue;
        QString name = header[column].trimmed();
        if (name.isEmpty())
            name = QObject::tr("column %1").arg(column + 1);
        if (taken.contains(name)) {
            const QString base = name;
            int &n = nextSuffix[base];
            for (n = std::max(n, 2); taken.contains(name); ++n)
                name = base + QStringLiteral(" (%1)").arg(n);
        }
        taken.insert(name);
        m_extraColumnNames.append(name);
        m_extraColumns.push_back(int(column));
    }
}

bool TicketMapper::fail(RowIssue &issue, const CsvRecord &record, int column, const QString &message) const
{
    issue.line = record.line;
    issue.column = column >= 0 ? m_header.value(column) : QString();
    issue.message = message;
    return false;
}

void TicketMapper::appendExtras(std::string &json, const CsvRecord &record) const
{
    // Trailing empty values are left out; a row with none at all stores no array.
    std::size_t used = m_extraColumns.size();
    while (used > 0 && trimmed(record.fields[std::size_t(m_extraColumns[used - 1])]).empty())
        --used;
    if (used == 0)
        return;
    json.push_back('[');
    for (std::size_t i = 0; i < used; ++i) {
        if (i > 0)
            json.push_back(',');
        appendJsonEscaped(json, record.fields[std::size_t(m_extraColumns[i])]);
    }
    json.push_back(']');
}

bool TicketMapper::map(const CsvRecord &record, TicketRow &row, RowIssue &issue)
{
    row.clear();
    const auto headerSize = std::size_t(m_header.size());
    const std::size_t fieldCount = record.fields.size();
    if (fieldCount < headerSize) {
        return fail(issue, record, -1,
                    QObject::tr("expected %1 fields as in the header, found %2")
                        .arg(headerSize)
                        .arg(fieldCount));
    }

    // Fields past the header are fine when empty (spreadsheets pad rows with delimiters); a value
    // there means the row does not line up with the header, and guessing which column moved
    // would put values under the wrong name.
    for (std::size_t column = headerSize; column < fieldCount; ++column) {
        if (!trimmed(record.fields[column]).empty()) {
            return fail(issue, record, -1,
                        QObject::tr("expected %1 fields as in the header, found %2 (field %3 holds %4)")
                            .arg(headerSize)
                            .arg(fieldCount)
                            .arg(column + 1)
                            .arg(quotedSample(record.fields[column])));
        }
    }

    std::optional<std::int64_t> closedAt;
    for (std::size_t column = 0; column < headerSize; ++column) {
        const std::string_view raw = record.fields[column];
        const int fieldIndex = m_fieldOfColumn[column];
        if (fieldIndex < 0)
            continue;
        const auto field = TicketField(fieldIndex);
        const std::string_view text = trimmed(raw);
        const int col = int(column);

        switch (valueKindOf(field)) {
        case ValueKind::Text: {
            if (field != TicketField::Subject && isNullMarker(text))
                break;
            switch (field) {
            case TicketField::ExternalId: row.externalId = text; break;
            case TicketField::Subject: row.subject = text; break;
            case TicketField::Status: row.status = text; break;
            case TicketField::Priority: row.priority = text; break;
            case TicketField::Type: row.type = text; break;
            case TicketField::Channel: row.channel = normalizedChannel(text); break;
            case TicketField::Agent: row.agent = text; break;
            case TicketField::Team: row.team = text; break;
            case TicketField::RequesterName: row.requesterName = text; break;
            case TicketField::RequesterEmail: row.requesterEmail = text; break;
            case TicketField::RequesterId: row.requesterId = text; break;
            case TicketField::Tags:
                appendTags(text, row.tagsBuffer);
                row.tags = row.tagsBuffer;
                break;
            default: break;
            }
            break;
        }
        case ValueKind::DateTime: {
            const Parsed<WallClock> parsed = parseDateTime(text, m_decisions.dateOrderByColumn[column]);
            if (!parsed.ok) {
                return fail(issue, record, col,
                            QObject::tr("expected %1, found %2")
                                .arg(expectedValueDescription(ValueKind::DateTime), quotedSample(text)));
            }
            if (!parsed.value)
                break;
            std::optional<TimeZoneConverter> &columnZone = m_zoneOfColumn[column];
            const std::int64_t utc = (columnZone ? *columnZone : m_zone).toUtc(*parsed.value);
            switch (field) {
            case TicketField::CreatedAt: row.createdAt = utc; break;
            case TicketField::FirstReplyAt: row.firstReplyAt = utc; break;
            case TicketField::SolvedAt: row.solvedAt = utc; break;
            case TicketField::ClosedAt: closedAt = utc; break;
            default: break;
            }
            break;
        }
        case ValueKind::Duration: {
            const Parsed<double> seconds = parseDurationSeconds(text, m_unitOfColumn[column]);
            if (!seconds.ok) {
                return fail(issue, record, col,
                            QObject::tr("expected %1, found %2")
                                .arg(expectedValueDescription(ValueKind::Duration), quotedSample(text)));
            }
            if (!seconds.value)
                break;
            const double minutes = *seconds.value / 60.0;
            switch (field) {
            case TicketField::FirstReplyDuration: row.firstReplyMin = minutes; break;
            case TicketField::FirstReplyDurationBh: row.firstReplyBhMin = minutes; break;
            case TicketField::ResolutionDuration: row.resolutionMin = minutes; break;
            case TicketField::ResolutionDurationBh: row.resolutionBhMin = minutes; break;
            case TicketField::HandleTime: row.handleTimeS = *seconds.value; break;
            default: break;
            }
            break;
        }
        case ValueKind::Integer: {
            const Parsed<std::int64_t> number = parseInteger(text);
            if (!number.ok || (number.value && *number.value < 0)) {
                return fail(issue, record, col,
                            QObject::tr("expected %1, found %2")
                                .arg(expectedValueDescription(ValueKind::Integer), quotedSample(text)));
            }
            if (field == TicketField::Reopens)
                row.reopens = number.value;
            else
                row.agentReplies = number.value;
            break;
        }
        case ValueKind::Satisfaction: {
            const Parsed<SatisfactionValue> rating = parseSatisfaction(text);
            if (!rating.ok) {
                return fail(issue, record, col,
                            QObject::tr("expected %1, found %2")
                                .arg(expectedValueDescription(ValueKind::Satisfaction), quotedSample(text)));
            }
            if (rating.value)
                row.satisfaction = *rating.value;
            break;
        }
        }
    }
    appendExtras(row.extraBuffer, record);
    row.extraJson = row.extraBuffer;
    if (!row.solvedAt && closedAt)
        row.solvedAt = closedAt;

    if (row.externalId.empty()) {
        const auto idBinding = std::find_if(m_decisions.bindings.begin(), m_decisions.bindings.end(),
                                            [](const ColumnBinding &b) { return b.field == TicketField::ExternalId; });
        return fail(issue, record, idBinding != m_decisions.bindings.end() ? idBinding->column : -1,
                    QObject::tr("the ticket id is empty: every row needs the export's own id"));
    }
    return true;
}

} // namespace sl
