#!/usr/bin/env python3
"""An independent computation of the ticket metrics of spec/metrics.md from a Zendesk ticket CSV
export, with nothing but Python's csv module: the second opinion the golden test compares
SupportLens against.

    python3 tests/golden/zendesk_metrics.py FILE.csv FROM TO > expected.json

FROM and TO are whole UTC days, both inclusive. Times in the file are read as UTC.
"""
import csv
import hashlib
import json
import math
import sys
from datetime import datetime, timedelta, timezone


def parse_time(text):
    if not text:
        return None
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)


def number(text):
    return float(text) if text not in ("", None) else None


def median(values):
    values = sorted(values)
    if not values:
        return None
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def p90(values):
    values = sorted(values)
    if not values:
        return None
    return values[math.ceil(0.9 * len(values)) - 1]


def mean(values):
    return sum(values) / len(values) if values else None


def wilson(successes, trials):
    if trials == 0:
        return None, None, None
    z = 1.959963984540054
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return 100 * p, 100 * max(0.0, centre - spread), 100 * min(1.0, centre + spread)


def channel(via):
    via = via.lower()
    if "mail" in via:
        return "Email"
    if "phone" in via or "call" in via:
        return "Phone"
    if "chat" in via:
        return "Chat"
    if via in ("twitter", "facebook") or "social" in via:
        return "Social"
    if "web" in via or "form" in via:
        return "Web"
    if via == "api":
        return "API"
    return via


TARGET_SECONDS = {"Phone": 20, "Chat": 60, "Social": 3600}


def main():
    path, start_day, end_day = sys.argv[1], sys.argv[2], sys.argv[3]
    start = datetime.fromisoformat(start_day).replace(tzinfo=timezone.utc)
    end = datetime.fromisoformat(end_day).replace(tzinfo=timezone.utc) + timedelta(days=1)
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))

    tickets = []
    for r in rows:
        tickets.append({
            "created": parse_time(r["Created at"]),
            "solved": parse_time(r["Solved at"]),
            "frt": number(r["First reply time in minutes"]),
            "frt_bh": number(r["First reply time in minutes within business hours"]),
            "res": number(r["Full resolution time in minutes"]),
            "res_bh": number(r["Full resolution time in minutes within business hours"]),
            "handle": number(r["Total time spent (sec) [int]"]),
            "reopens": int(r["Reopens"]) if r["Reopens"] else None,
            "replies": int(r["Replies"]) if r["Replies"] else None,
            "csat": r["Satisfaction Score"],
            "channel": channel(r["Via"]),
            "customer": r["Requester id"],
        })

    created = [t for t in tickets if t["created"] and start <= t["created"] < end]
    solved = [t for t in tickets if t["solved"] and start <= t["solved"] < end]
    backlog = [t for t in tickets if t["created"] and t["created"] < end and not (t["solved"] and t["solved"] < end)]

    frt = [t["frt"] for t in created if t["frt"] is not None]
    frt_bh = [t["frt_bh"] for t in created if t["frt_bh"] is not None]
    res = [t["res"] / 60 for t in solved if t["res"] is not None]
    res_bh = [t["res_bh"] / 60 for t in solved if t["res_bh"] is not None]

    fcr_trials = [t for t in solved if t["replies"] is not None and t["replies"] >= 1]
    fcr_hits = [t for t in fcr_trials if t["replies"] == 1 and (t["reopens"] or 0) == 0]
    reopen_trials = [t for t in solved if t["reopens"] is not None]
    reopened = [t for t in reopen_trials if t["reopens"] > 0]

    sla_trials = 0
    sla_hits = 0
    for t in created:
        target = TARGET_SECONDS.get(t["channel"], 24 * 3600)
        if t["frt"] is not None:
            sla_trials += 1
            sla_hits += t["frt"] * 60 <= target
        elif t["created"] + timedelta(seconds=target) < end:
            sla_trials += 1

    rated = [t for t in solved if t["csat"] in ("Good", "Bad")]
    good = [t for t in rated if t["csat"] == "Good"]
    offered = [t for t in solved if t["csat"] in ("Good", "Bad", "Offered")]
    customers = {t["customer"] for t in created if t["customer"]}

    metrics = {
        "tickets_created": len(created),
        "tickets_solved": len(solved),
        "backlog_end": len(backlog),
        "frt_median_min": median(frt),
        "frt_mean_min": mean(frt),
        "frt_p90_min": p90(frt),
        "frt_unreplied": sum(1 for t in created if t["frt"] is None),
        "frt_bh_median_min": median(frt_bh),
        "frt_bh_mean_min": mean(frt_bh),
        "frt_bh_p90_min": p90(frt_bh),
        "resolution_median_hours": median(res),
        "resolution_mean_hours": mean(res),
        "resolution_bh_median_hours": median(res_bh),
        "resolution_bh_mean_hours": mean(res_bh),
        "aht_min": mean([t["handle"] / 60 for t in solved if t["handle"] is not None]),
        "tickets_per_customer": len(created) / len(customers) if customers else None,
        "replies_mean": mean([t["replies"] for t in solved if t["replies"] is not None]),
        "csat_responses": len(rated),
        "csat_mean": None,  # Zendesk rates good/bad: there is no score to average
    }
    for name, (hits, trials) in {
        "fcr_pct": (len(fcr_hits), len(fcr_trials)),
        "reopen_pct": (len(reopened), len(reopen_trials)),
        "sla_first_reply_pct": (sla_hits, sla_trials),
        "csat_pct": (len(good), len(rated)),
        "survey_response_rate_pct": (len(rated), len(offered)),
    }.items():
        metrics[name], metrics[name + "_lo"], metrics[name + "_hi"] = wilson(hits, trials)

    json.dump({"csv_sha256": sha, "from": start_day, "to": end_day, "metrics": metrics}, sys.stdout,
              indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
