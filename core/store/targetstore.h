#pragma once

// KPI targets: one threshold per metric id ("csat_pct ≥ 90", "frt_median_min ≤ 60"), stored in
// the database's `targets` table (the 3 -> 4 migration in database.cpp). The threshold is all
// that is stored: which side of it is good is the metric's direction in the one definitions
// table, so a target can never disagree with the arrows and colours of the rest of the window.
//
// Targets change no figure, so writing them does not bump the data version (a cached snapshot
// stays valid).

#include "domain/targets.h"
#include "store/database.h"

#include <QString>

#include <optional>

namespace sl {

// Every target in the database. nullopt with a sentence in *error when it cannot be read.
std::optional<Targets> loadTargets(Database &database, QString *error);

// Replaces every target with `targets`, in one transaction. A target for an id the definitions
// do not know, for a neutral metric, or with a value that is not finite is refused; nothing is
// written then, and *error says which.
bool saveTargets(Database &database, const Targets &targets, QString *error);

} // namespace sl
