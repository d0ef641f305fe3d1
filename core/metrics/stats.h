#pragma once

// The statistics every metric shares, with the conventions of spec/metrics.md: medians average
// the two middle values of an even count, p90 is nearest-rank, proportions carry a 95% Wilson
// score interval, and an empty input is "no value", never 0.

#include <cmath>
#include <optional>
#include <vector>

namespace sl::stats {

// Sorts `values` in place (the caller's scratch copy).
std::optional<double> median(std::vector<double> &values);
// ceil(0.9 * n)-th smallest value.
std::optional<double> p90NearestRank(std::vector<double> &values);
std::optional<double> mean(const std::vector<double> &values);

// Both at once, reordering `values` (one partition serves both).
struct OrderStatistics
{
    std::optional<double> median;
    std::optional<double> p90;
};
OrderStatistics medianAndP90(std::vector<double> &values);
OrderStatistics medianAndP90(double *first, double *last);

struct Proportion
{
    std::optional<double> pct; // 0-100
    std::optional<double> lo;  // Wilson 95% lower bound, 0-100
    std::optional<double> hi;
};
// successes of trials; all three empty when trials is 0.
Proportion proportion(long long successes, long long trials);

} // namespace sl::stats
