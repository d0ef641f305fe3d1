#pragma once

// A deterministic generator of realistic help-desk ticket exports.
//
// Used by `supportlens demo` (through the real import pipeline), by tests and by benchmarks.
// Same options, same bytes, on every platform: its own PRNG (xoshiro256**), no standard
// distributions (their output is implementation-defined), no clock (except to default the last
// day). It streams: tickets come out in creation order one day at a time, so a million rows need
// no more memory than a thousand.

#include <QDate>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sl {

enum class DemoFormat { ZendeskLegacy, ZendeskExplore, Freshdesk };
QString demoFormatName(DemoFormat format); // "zendesk", "zendesk-explore", "freshdesk"
std::optional<DemoFormat> demoFormatFromName(const QString &name);

struct DemoOptions
{
    std::int64_t tickets = 60000;
    std::uint64_t seed = 42;
    QDate lastDay; // the data ends on this day (UTC); invalid: demoDefaultLastDay()
    int months = 18; // whole calendar months ending at lastDay
};

// The last day of the month before `today`: a demo that ends "last month" looks current.
QDate demoDefaultLastDay(const QDate &today = QDate::currentDate());

enum class DemoChannel { Email, Web, Chat, Phone, Twitter, Facebook, Api };
enum class DemoStatus { New, Open, Pending, Hold, Solved, Closed };
enum class DemoPriority { Low, Normal, High, Urgent };
enum class DemoType { Question, Incident, Problem, Task };
enum class DemoSatisfaction { Unoffered, Offered, Good, Bad };

// One generated ticket. Times are UTC seconds since the epoch; text is UTF-8.
struct DemoTicket
{
    std::int64_t id = 0; // 1, 2, 3... in creation order
    std::string subject;
    std::string tags; // space-separated, the topic first
    std::string_view topic;
    DemoChannel channel = DemoChannel::Email;
    DemoStatus status = DemoStatus::New;
    DemoPriority priority = DemoPriority::Normal;
    DemoType type = DemoType::Question;
    bool incident = false; // part of an incident spike

    int team = 0;   // index into demoTeams()
    int agent = -1; // index into demoAgents(); -1 while unassigned (status New)
    int groupStations = 1;    // 2 when escalated from Tier 1
    int assigneeStations = 1; // likewise

    std::int64_t customer = 0; // requester id, stable across the customer's tickets
    std::string requesterName;
    std::string requesterEmail;
    std::string_view organization; // empty for consumers

    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::int64_t dueAt = 0; // the resolution target of the ticket's priority
    std::optional<std::int64_t> initiallyAssignedAt;
    std::optional<std::int64_t> assignedAt; // the current assignee's
    std::optional<std::int64_t> firstReplyAt;
    std::optional<std::int64_t> firstSolvedAt; // before any reopen
    std::optional<std::int64_t> solvedAt;      // also set for closed-unanswered spam
    std::optional<std::int64_t> closedAt;

    int reopens = 0;
    int agentReplies = 0; // 0 when never answered, else 1-6
    int customerReplies = 0;
    std::int64_t handleSeconds = 0; // time tracked by agents
    std::int64_t onHoldSeconds = 0;
    std::int64_t agentWaitSeconds = 0;     // of the resolution time, waiting on the agent
    std::int64_t requesterWaitSeconds = 0; // and waiting on the customer
    DemoSatisfaction satisfaction = DemoSatisfaction::Unoffered;
    int satisfactionScore = 0; // 1-5 when rated (Good is 4-5)
};

struct DemoAgent
{
    const char *name; // UTF-8
    int team;         // index into demoTeams()
};
// The 40 agents (many non-ASCII names) and the 6 teams they belong to.
const std::vector<DemoAgent> &demoAgents();
const std::vector<std::string> &demoTeams();

class DemoGenerator
{
public:
    explicit DemoGenerator(const DemoOptions &options);
    ~DemoGenerator();
    DemoGenerator(const DemoGenerator &) = delete;
    DemoGenerator &operator=(const DemoGenerator &) = delete;

    // The next ticket in creation order; false after the last one. Reusing one DemoTicket
    // across calls reuses its strings' memory.
    bool next(DemoTicket &ticket);
    QDate firstDay() const;
    QDate lastDay() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Seconds between two UTC times that fall inside Mon-Fri 09:00-17:00 UTC: the demo help desk's
// business hours, used for the exports' "within business hours" columns.
std::int64_t demoBusinessSeconds(std::int64_t from, std::int64_t to);

struct DemoWriteResult
{
    bool ok = false;
    bool cancelled = false;
    QString error;
    std::int64_t rows = 0; // written so far when cancelled or failed
};

// Writes all tickets of `options` to `path` in `format` (UTF-8 without BOM, RFC 4180 quoting,
// LF line ends). `progress(done, total)` is called every few thousand rows and at the end;
// returning false cancels. A cancelled or failed export removes the file.
DemoWriteResult writeDemoExport(const DemoOptions &options, DemoFormat format, const QString &path,
                                const std::function<bool(std::int64_t, std::int64_t)> &progress = {});

} // namespace sl
