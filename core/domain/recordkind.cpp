#include "domain/recordkind.h"

#include <array>
#include <utility>

namespace sl {

namespace {

constexpr std::array<std::pair<RecordKind, const char *>, 7> kindNames = { {
    { RecordKind::Tickets, "tickets" },
    { RecordKind::Calls, "calls" },
    { RecordKind::Surveys, "surveys" },
    { RecordKind::Customers, "customers" },
    { RecordKind::Costs, "costs" },
    { RecordKind::Qa, "qa" },
    { RecordKind::Events, "events" },
} };

} // namespace

QString recordKindName(RecordKind kind)
{
    for (const auto &[k, name] : kindNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<RecordKind> recordKindFromName(const QString &name)
{
    for (const auto &[kind, text] : kindNames) {
        if (name.compare(QLatin1String(text), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

} // namespace sl
