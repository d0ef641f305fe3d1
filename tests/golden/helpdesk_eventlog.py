#!/usr/bin/env python3
"""An independent reconstruction of tickets from the Helpdesk event log, and their metrics, with
nothing but Python's csv module: the second opinion tst_eventlogimport compares SupportLens with.

    python3 tests/golden/helpdesk_eventlog.py ../shared/data/real/helpdesk-event-log/helpdesk.csv

Times are read as UTC. The rules are those of core/import/kinds/eventlogimporter.h, written
again here from that description, not from the C++:
  - rows that are exact copies of an earlier row are dropped;
  - a case's events are sorted by time, file order breaking ties;
  - "Take in charge ticket" is a reply, "Resolve ticket" and "RESOLVED" resolve, "Closed" closes,
    everything else is ignored;
  - created = first event; first reply = first reply; a reply after a resolve or close reopens;
    solved = last resolve, or a close that ended an open ticket; no solve if it ends open.
Prints the figures as JSON; the period is all of the data.
"""
import csv
import json
import math
import sys
from collections import OrderedDict
from datetime import datetime, timezone

ROLES = {
    "take in charge ticket": "reply",
    "resolve ticket": "resolve",
    "resolved": "resolve",
    "closed": "close",
}


def parse_time(text):
    return datetime.strptime(text, "%Y/%m/%d %H:%M:%S").replace(tzinfo=timezone.utc).timestamp()


def median(values):
    values = sorted(values)
    if not values:
        return None
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def wilson(successes, trials):
    z = 1.959963984540054
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return 100 * p, 100 * max(0.0, centre - spread), 100 * min(1.0, centre + spread)


def reconstruct(events):
    events = sorted(events, key=lambda e: e["time"])  # sorted() is stable: file order breaks ties
    ticket = {"created": events[0]["time"], "first_reply": None, "solved": None, "reopens": 0, "replies": 0}
    resolved = False
    for event in events:
        role = ROLES.get(event["activity"].lower(), "ignore")
        if role == "reply":
            if resolved:
                ticket["reopens"] += 1
                resolved = False
            if ticket["first_reply"] is None:
                ticket["first_reply"] = event["time"]
            ticket["replies"] += 1
        elif role == "resolve":
            resolved = True
            ticket["solved"] = event["time"]
        elif role == "close":
            if not resolved:
                ticket["solved"] = event["time"]
            resolved = True
    if not resolved:
        ticket["solved"] = None
    return ticket


def main(path):
    with open(path, newline="", encoding="ascii") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    case_column, activity_column, time_column = (header.index(name) for name in ("Case ID", "Activity",
                                                                                  "Complete Timestamp"))
    seen = set()
    duplicates = 0
    cases = OrderedDict()
    for row in rows:
        if tuple(row) in seen:
            duplicates += 1
            continue
        seen.add(tuple(row))
        cases.setdefault(row[case_column], []).append(
            {"activity": row[activity_column], "time": parse_time(row[time_column])})
    tickets = {case: reconstruct(events) for case, events in cases.items()}

    replied = [(t["first_reply"] - t["created"]) / 60 for t in tickets.values() if t["first_reply"] is not None]
    solved = [t for t in tickets.values() if t["solved"] is not None]
    resolution = [(t["solved"] - t["created"]) / 3600 for t in solved]
    reopened = sum(1 for t in solved if t["reopens"] > 0)
    reopen_pct, reopen_lo, reopen_hi = wilson(reopened, len(solved))
    with_reply = [t for t in solved if t["replies"] >= 1]
    fcr = sum(1 for t in with_reply if t["replies"] == 1 and t["reopens"] == 0)
    print(json.dumps({
        "rows": len(rows),
        "duplicate_rows": duplicates,
        "tickets_created": len(tickets),
        "tickets_solved": len(solved),
        "frt_unreplied": len(tickets) - len(replied),
        "frt_median_min": median(replied),
        "frt_mean_min": sum(replied) / len(replied),
        "resolution_median_hours": median(resolution),
        "resolution_mean_hours": sum(resolution) / len(resolution),
        "reopen_pct": reopen_pct,
        "reopen_pct_lo": reopen_lo,
        "reopen_pct_hi": reopen_hi,
        "fcr_pct": 100 * fcr / len(with_reply),
        "replies_mean": sum(t["replies"] for t in solved) / len(solved),
    }, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
