#!/usr/bin/env python3
"""Whole-data call metrics of PwC's call-centre log, computed independently of SupportLens.

Reads ../shared/data/real/pwc-call-center/call_center_dataset.csv with Python's csv module and
applies spec/metrics.md ("Calls", and CSAT from "Surveys") directly to the columns:

  offered          every row (each row is a call that reached the queue)
  answered         "Answered (Y/N)" == "Y"; abandoned: == "N"
  abandon_pct      abandoned / offered
  asa_s            mean "Speed of answer in seconds" over answered calls
  service_level    answered within 20 s (<=) / (answered + abandoned after 20 s); the log gives no
                   wait for abandoned calls, so none of them can be placed after the target
  aht_min          mean "AvgTalkDuration" (H:MM:SS) over answered calls, in minutes (the log has
                   no hold or after-call work)
  fcr_pct          "Resolved" == "Y" / answered calls
  csat_pct         ratings of 4-5 / ratings 1-5 ("Satisfaction rating" 0 is no rating: it is
                   written for unanswered calls); csat_mean their mean

tests/metrics/tst_callquery.cpp compares SupportLens's figures with what this prints.
Usage: python3 tests/golden/pwc_calls.py [PATH]
"""
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'real', 'pwc-call-center',
                       'call_center_dataset.csv')


def seconds(hms):
    h, m, s = hms.split(':')
    return int(h) * 3600 + int(m) * 60 + int(s)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    with open(path, newline='', encoding='utf-8-sig') as f:
        rows = list(csv.DictReader(f))
    answered = [r for r in rows if r['Answered (Y/N)'] == 'Y']
    abandoned = [r for r in rows if r['Answered (Y/N)'] == 'N']
    waits = [float(r['Speed of answer in seconds']) for r in answered if r['Speed of answer in seconds'] != '']
    talks = [seconds(r['AvgTalkDuration']) for r in answered if r['AvgTalkDuration'] != '']
    abandoned_late = [r for r in abandoned
                      if r['Speed of answer in seconds'] != '' and float(r['Speed of answer in seconds']) > 20]
    within = sum(1 for w in waits if w <= 20)
    ratings = [int(r['Satisfaction rating']) for r in rows if r['Satisfaction rating'] not in ('', '0')]
    result = {
        'calls_offered': len(rows),
        'calls_answered': len(answered),
        'calls_abandoned': len(abandoned),
        'abandon_pct': 100.0 * len(abandoned) / len(rows),
        'asa_s': sum(waits) / len(waits),
        'service_level_pct': 100.0 * within / (len(waits) + len(abandoned_late)),
        'aht_min': sum(talks) / len(talks) / 60.0,
        'fcr_pct': 100.0 * sum(1 for r in answered if r['Resolved'] == 'Y') / len(answered),
        'csat_pct': 100.0 * sum(1 for x in ratings if x >= 4) / len(ratings),
        'csat_responses': len(ratings),
        'csat_mean': sum(ratings) / len(ratings),
        'rated_calls_answered': all(r['Answered (Y/N)'] == 'Y' for r in rows
                                    if r['Satisfaction rating'] not in ('', '0')),
    }
    print(json.dumps(result, indent=2))


if __name__ == '__main__':
    main()
