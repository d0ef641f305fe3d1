#pragma once

// The kinds of export SupportLens reads: each has its table, its importer and its metrics.

#include <QString>

#include <optional>

namespace sl {

enum class RecordKind { Tickets, Calls, Surveys, Customers, Costs, Qa, Events };

// "tickets", "calls", "surveys", "customers", "costs", "qa", "events" (the CLI's --kind values).
QString recordKindName(RecordKind kind);
std::optional<RecordKind> recordKindFromName(const QString &name);

} // namespace sl
