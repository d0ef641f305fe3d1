#pragma once

// How every family finds the function of a metric id: a table of (id, function) next to the
// functions themselves, and the functions in the order of the family's definitions table
// (domain/metricdefinitions.h), matched once. tests/metrics/tst_metricregistry.cpp checks that
// every definition of a family has exactly one function and every function a definition.

#include "domain/metricdefinitions.h"

#include <span>
#include <string_view>
#include <vector>

namespace sl {

template<typename Function> struct MetricFunction
{
    std::string_view id;
    Function compute;
};

// The function of `id` in `table`, or nullptr.
template<typename Function>
Function metricFunctionOf(std::span<const MetricFunction<Function>> table, std::string_view id)
{
    for (const MetricFunction<Function> &entry : table) {
        if (entry.id == id)
            return entry.compute;
    }
    return nullptr;
}

// The functions of `table` in the order of `definitions`: nullptr where a definition has none
// (the registry test makes that a failure, so callers may rely on every entry being set).
template<typename Function>
std::vector<Function> metricFunctionsInOrder(
    std::span<const MetricFunction<Function>> table, const std::vector<MetricDefinition> &definitions)
{
    std::vector<Function> ordered;
    ordered.reserve(definitions.size());
    for (const MetricDefinition &definition : definitions)
        ordered.push_back(metricFunctionOf(table, definition.id));
    return ordered;
}

} // namespace sl
