#!/usr/bin/env python3
"""A council's statutory-visit report, the way the one in our source documents was written: every
looked-after child's visit is judged against six weeks from the previous visit (or the placement's
start), whatever the law sets for that child. It is here to be reconciled with the rules:

    python3 examples/reconcile/council-report.py EVENTS.csv > THEIRS.csv
    timescales reconcile EVENTS.csv --rule wales.lac.visit --theirs THEIRS.csv

Output columns: case_id,completed_date,on_time (what `timescales reconcile` reads).
"""
import csv
import datetime as dt
import sys


def main(path: str) -> None:
    rows = sorted(csv.DictReader(open(path, encoding="utf-8-sig", newline="")),
                  key=lambda r: (r["case_id"], r["date"]))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["case_id", "completed_date", "on_time"])
    previous = {}
    for r in rows:
        day = dt.date.fromisoformat(r["date"])
        if r["event"] == "placement_start":
            previous[r["case_id"]] = day
        elif r["event"] in ("placement_end", "looked_after_end", "case_closed"):
            previous.pop(r["case_id"], None)
        elif r["event"] == "lac_visit" and r["case_id"] in previous:
            on_time = (day - previous[r["case_id"]]).days <= 42  # six weeks, for everyone
            out.writerow([r["case_id"], r["date"], "true" if on_time else "false"])
            previous[r["case_id"]] = day


if __name__ == "__main__":
    main(sys.argv[1])
