#!/usr/bin/env python3
"""seed_roster.py DB ROSTER.CSV - store a roster in a rota database with SQL.

A stand-in for 'rota import roster' in the attendance tests: rows are
employee,date,shift,start,end (local wall-clock times in the site zone; an
end before the start is on the next day).  One roster row per ISO week.
"""
import csv
import datetime
import sqlite3
import sys
from zoneinfo import ZoneInfo

db = sqlite3.connect(sys.argv[1])
zone = ZoneInfo(db.execute("SELECT timezone FROM site").fetchone()[0])


def instant(day, hhmm):
    h, m = map(int, hhmm.split(":"))
    local = datetime.datetime.combine(day, datetime.time(h, m), tzinfo=zone)
    return int(local.timestamp())


with open(sys.argv[2], newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        day = datetime.date.fromisoformat(r["date"])
        monday = (day - datetime.timedelta(days=day.weekday())).isoformat()
        db.execute("INSERT OR IGNORE INTO roster (week, origin, created_at) "
                   "VALUES (?, 'import', 0)", (monday,))
        rid = db.execute("SELECT id FROM roster WHERE week = ?",
                         (monday,)).fetchone()[0]
        start = instant(day, r["start"])
        end_day = day if r["end"] > r["start"] else day + datetime.timedelta(1)
        end = instant(end_day, r["end"])
        eid = db.execute("SELECT id FROM employee WHERE code = ?",
                         (r["employee"],)).fetchone()[0]
        sid = db.execute("SELECT id FROM shift WHERE code = ?",
                         (r["shift"],)).fetchone()[0]
        db.execute("INSERT INTO assignment (roster_id, employee_id, day, "
                   "shift_id, start, end, paid_min) VALUES (?, ?, ?, ?, ?, "
                   "?, ?)", (rid, eid, r["date"], sid, start, end,
                             (end - start) // 60))
db.commit()
