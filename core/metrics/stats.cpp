#include "metrics/stats.h"

#include <algorithm>
#include <numeric>

namespace sl::stats {

std::optional<double> median(std::vector<double> &values)
{
    if (values.empty())
        return std::nullopt;
    const std::size_t middle = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(middle), values.end());
    const double upper = values[middle];
    if (values.size() % 2 == 1)
        return upper;
    // The other middle value is the largest of the lower half.
    const double lower = *std::max_element(values.begin(), values.begin() + std::ptrdiff_t(middle));
    return (lower + upper) / 2.0;
}

std::optional<double> p90NearestRank(std::vector<double> &values)
{
    if (values.empty())
        return std::nullopt;
    // Rank ceil(0.9 n), 1-based; computed in integers so 0.9 * 10 is exactly 9.
    const std::size_t rank = (values.size() * 9 + 9) / 10;
    const std::size_t index = rank - 1;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(index), values.end());
    return values[index];
}

OrderStatistics medianAndP90(std::vector<double> &values)
{
    return medianAndP90(values.data(), values.data() + values.size());
}

OrderStatistics medianAndP90(double *first, double *last)
{
    const auto n = std::size_t(last - first);
    if (n == 0)
        return {};
    const std::size_t middle = n / 2;
    std::nth_element(first, first + middle, last);
    OrderStatistics result;
    const double upper = first[middle];
    result.median = n % 2 == 1 ? upper : (*std::max_element(first, first + middle) + upper) / 2.0;
    // Everything after the middle is >= it, so the p90 is found among those.
    const std::size_t p90Index = (n * 9 + 9) / 10 - 1;
    if (p90Index > middle)
        std::nth_element(first + middle + 1, first + p90Index, last);
    result.p90 = first[p90Index];
    return result;
}

std::optional<double> mean(const std::vector<double> &values)
{
    if (values.empty())
        return std::nullopt;
    return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

Proportion proportion(long long successes, long long trials)
{
    if (trials <= 0)
        return {};
    constexpr double z = 1.959963984540054; // 95%
    const double n = double(trials);
    const double p = double(successes) / n;
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double spread = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    // At 0 or all successes the bound is exactly 0 or 100; the formula leaves rounding dust.
    const double lo = successes == 0 ? 0.0 : std::max(0.0, centre - spread);
    const double hi = successes == trials ? 1.0 : std::min(1.0, centre + spread);
    return {100.0 * p, 100.0 * lo, 100.0 * hi};
}

} // namespace sl::stats
