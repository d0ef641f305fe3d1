#pragma once

// A deterministic generator of realistic help-desk ticket exports.
//
// Used by `supportlens demo` (through the real import pipeline), by tests and by benchmarks.
// Same options, same bytes, on every platform: its own PRNG (xoshiro256**), no standard
// distributions (their output is implementation-defined), no clock. It streams: tickets come out
// in creation order one day at a time, so a million rows need no more memory than a thousand.

#include <QDate>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace sl {

enum class DemoFormat { ZendeskLegacy, ZendeskExplore, Freshdesk };
QString demoFormatName(DemoFormat format); // "zendesk", "zendesk-explore", "freshdesk"

struct DemoOptions
{
    std::int64_t tickets = 60000;
    std::uint64_t seed = 42;
    QDate lastDay; // the data ends on this day (UTC); must be set
    int months = 18;
};

enum class DemoSatisfaction { Unoffered, Offered, Good, Bad };

// One generated ticket. Times are UTC seconds since the epoch.
struct DemoTicket
{
    std::int64_t id = 0;
    std::string subject;
    std::string status;   // new, open, pending, hold, solved, closed
    std::string priority; // low, normal, high, urgent
    std::string channel;  // Email, Web, Chat, Phone, Social, API
    std::string socialNetwork; // Twitter or Facebook for Social
    std::string type;     // question, incident, problem, task
    std::string topic;
    std::string tags;     // space-separated, the topic first
    int agent = -1;       // index into demoAgents(); -1 unassigned
    int team = 0;         // index into demoTeams()
    std::int64_t customer = 0;
    std::string requesterName;
    std::string requesterEmail;
    std::string organization;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> firstReplyAt;
    std::optional<std::int64_t> solvedAt;
    std::int64_t updatedAt = 0;
    int reopens = 0;
    int replies = 0;
    int customerReplies = 0;
    std::int64_t handleSeconds = 0;
    DemoSatisfaction satisfaction = DemoSatisfaction::Unoffered;
    int satisfactionScore = 0; // 1-5 when rated
};

struct DemoAgent
{
    const char *name;
    int team;
};
// ~40 agents (many non-ASCII names), each in one of the teams.
const std::vector<DemoAgent> &demoAgents();
const std::vector<std::string> &demoTeams();

class DemoGenerator
{
public:
    explicit DemoGenerator(const DemoOptions &options);
    ~DemoGenerator();
    DemoGenerator(const DemoGenerator &) = delete;
    DemoGenerator &operator=(const DemoGenerator &) = delete;

    // The next ticket in creation order; false after the last one.
    bool next(DemoTicket &ticket);
    QDate firstDay() const;
    QDate lastDay() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Minutes between two UTC times that fall inside Mon-Fri 09:00-17:00 UTC: the demo help desk's
// business hours, used for the exports' "within business hours" columns.
std::int64_t demoBusinessSeconds(std::int64_t from, std::int64_t to);

struct DemoWriteResult
{
    bool ok = false;
    QString error;
    std::int64_t rows = 0;
};

// Writes all tickets of `options` to `path` in `format`. `progress(done, total)` is called
// every few thousand rows; returning false cancels (the result says so, the file is removed).
DemoWriteResult writeDemoExport(const DemoOptions &options, DemoFormat format, const QString &path,
                                const std::function<bool(std::int64_t, std::int64_t)> &progress = {});

} // namespace sl
