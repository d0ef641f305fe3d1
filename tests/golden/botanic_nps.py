#!/usr/bin/env python3
"""The Botanic survey's NPS, computed independently of SupportLens, for tests/import/tst_surveyimport.cpp.

Reads ../shared/data/real/botanic-nps-survey/nps.csv (or the path given) with Python's csv module.
The file is Windows-1252/Latin-1 mixed with stray CP850 bytes; reading it as latin-1 maps every
byte to one character, so no row is lost whatever the verbatims hold (only the `nps` column is used).

NPS = % promoters (9-10) - % detractors (0-6) of the rows with a score; `NA` is no score.
Prints the counts and the NPS, rounded to one decimal half away from zero as spec/metrics.md says.
"""
import csv
import json
import os
import sys
from decimal import ROUND_HALF_UP, Decimal

here = os.path.dirname(os.path.abspath(__file__))
default = os.path.join(here, "..", "..", "..", "shared", "data", "real", "botanic-nps-survey", "nps.csv")
path = sys.argv[1] if len(sys.argv) > 1 else default

rows = na = promoters = passives = detractors = 0
with open(path, encoding="latin-1", newline="") as f:
    reader = csv.DictReader(f)
    for row in reader:
        rows += 1
        text = row["nps"].strip()
        if text == "NA":
            na += 1
            continue
        score = int(text)
        if not 0 <= score <= 10:
            raise SystemExit(f"line {reader.line_num}: score {score} is off the 0-10 scale")
        if score >= 9:
            promoters += 1
        elif score <= 6:
            detractors += 1
        else:
            passives += 1

scored = promoters + passives + detractors
nps = (Decimal(100) * (promoters - detractors) / scored).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
print(json.dumps({"rows": rows, "na": na, "scored": scored, "promoters": promoters, "passives": passives,
                  "detractors": detractors, "nps": float(nps)}))
