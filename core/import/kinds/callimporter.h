#pragma once

// Call-centre logs (RecordKind::Calls) -> the calls table, keyed by (source, call id), one row
// per call that reached the queue.
//
// Profiles (data in callimporter.cpp: header names -> fields, and the signature columns that
// claim a header):
//   pwc-calls              PwC's call-centre case log: Call Id, Agent, Date (DD/MM/YYYY), Time
//                          (H:MM:SS), Topic, Answered (Y/N), Resolved, Speed of answer in seconds,
//                          AvgTalkDuration (H:MM:SS), Satisfaction rating (1-5).
//   simulated-call-centre  the R simmer queue simulation: call_id, date, call_started,
//                          call_answered, call_ended (AM/PM times of day), wait_length and
//                          service_length in seconds.
//   five9                  Five9's call log report: CALL ID, TIMESTAMP or DATE + TIME, AGENT NAME,
//                          SKILL, CALL TYPE, QUEUE WAIT TIME, TALK TIME, HOLD TIME, AFTER CALL
//                          WORK TIME (HH:MM:SS), ABANDONED (1/0).
//   genesys                Genesys Cloud's interactions export: Conversation ID, Conversation
//                          Start (or Date), Users - Interacted, Queue, Direction, Media Type,
//                          Abandoned (YES/NO), and the metrics in milliseconds (tAnswered or
//                          Total Queue, tTalk/Total Talk, tHeld/Total Hold, tAcw/Total ACW).
//   talkdesk               Talkdesk's calls report: Call ID (or Interaction ID), Start Time,
//                          Agent Name, Ring Groups, Type (inbound, abandoned, missed, voicemail,
//                          outbound...), Wait Time, Talk Time, Hold Time, Wrap Up Time.
//   generic-calls          any call list with common column names (synonyms).
//
// Answered or abandoned, per profile (the rules are one chain; which columns a profile binds
// decides which link speaks):
//   - an abandoned flag that says yes (Five9's ABANDONED, Genesys's Abandoned): abandoned;
//   - an answered flag (PwC's Answered (Y/N)): Y answered, N abandoned;
//   - a call type or status (Talkdesk's Type): abandoned/short_abandoned/missed abandoned,
//     voicemail/callback neither, inbound answered where the profile says so (Talkdesk writes
//     "inbound" only for answered inbound calls; Five9's CALL TYPE "Inbound" says nothing);
//   - an answer time of day (the simulation's call_answered): present answered, blank abandoned;
//   - talk time above zero: answered; else neither (Five9's and Genesys's not-abandoned calls
//     without talk went to voicemail, a callback or the IVR: offered, neither answered nor
//     abandoned).
// Outbound calls (a direction or call type saying so) and non-voice interactions (Genesys's
// Media Type "message", "email", "chat") never reached a phone queue: they are rejected with
// that reason rather than counted as offered calls.
//
// What is stored: wait, talk, hold and after-call work in seconds (the profile's unit, or the
// unit a header name carries: "Wait Time (ms)"); the first-contact-resolution flag of answered
// calls only (an abandoned call had no contact to resolve); a rating on its scale (PwC writes 0
// for "not rated", so 0 there is no rating). Agents and queues resolve to the agents and teams
// tables tickets use, so --agent and --team find the same person and queue in both.

#include "import/kinds.h"
#include "import/kinds/kindcolumns.h"

#include <QHash>

#include <memory>

namespace sl {

class CallImporter final : public KindImporter
{
public:
    CallImporter();
    ~CallImporter() override;

    RecordKind kind() const override { return RecordKind::Calls; }
    KindMatch match(const QStringList &header, const QString &forcedProfile) const override;
    bool applyOverrides(const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match,
        QString *error) override;
    void observe(const CsvRecord &record) override;
    bool begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
        const ImportOptions &options, QString *error) override;
    Outcome write(const CsvRecord &record, RowIssue &issue, QString *error) override;
    QStringList notes() const override;
    QStringList extraColumnNames() const override;

    // The profile ids this importer answers to with --profile.
    static QStringList profileIds();

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace sl
