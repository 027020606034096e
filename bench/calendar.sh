#!/bin/sh
# bench/calendar.sh - publishing speed (run by bench/run via make bench).
#  1. build/bench/calendar: library only, 1000 employees x 52 weeks of
#     history (reconcile one week, render every personal and team feed);
#  2. rota publish on a seeded database: 1000 employees, 5 shifts each, the
#     first publication of a week and a republication after a change.
set -eu
: "${BUILD:=build}"
: "${ROTA:=$BUILD/rota}"
"$BUILD/bench/calendar" 1000 52

work=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-cal.XXXXXX")
trap 'rm -rf "$work"' EXIT
export ROTA_DB="$work/rota.db"
"$ROTA" init --site "Bench Site" --tz Europe/London >/dev/null
python3 - "$ROTA_DB" <<'PY'
import sqlite3, sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
tz = ZoneInfo("Europe/London")
db = sqlite3.connect(sys.argv[1])
db.executescript("""
INSERT INTO contract (code) VALUES ('std');
INSERT INTO shift (code, name, start_min, length_min, break_min, days) VALUES
 ('E', 'Early shift', 420, 480, 30, 127), ('N', 'Night shift', 1320, 540, 45, 127);
INSERT INTO roster (week, status, origin, created_at) VALUES ('2026-03-23', 'draft', 'import', 1774000000);
""")
for i in range(1000):
    db.execute("INSERT INTO employee (code, name, email, team, contract_id) VALUES (?, ?, ?, ?, 1)",
               ("E%04d" % i, "员工 %d" % i, "e%d@example.com" % i, "team%02d" % (i // 20)))
for i in range(1000):
    for d in range(5):
        day = (i + d) % 7
        code, start, length = ("N", 1320, 540) if (i + d) % 3 == 0 else ("E", 420, 480)
        t = datetime(2026, 3, 23) + timedelta(days=day, minutes=start)
        s = int(t.replace(tzinfo=tz).timestamp())
        db.execute("""INSERT INTO assignment (roster_id, employee_id, day, shift_id, start, end, paid_min)
            VALUES (1, ?, ?, (SELECT id FROM shift WHERE code = ?), ?, ?, ?)""",
            (i + 1, (datetime(2026, 3, 23) + timedelta(days=day)).strftime("%Y-%m-%d"), code, s, s + length * 60, length - 30))
db.commit()
PY
t0=$(date +%s.%N)
"$ROTA" publish --week 2026-03-23 --out "$work/feeds" >/dev/null
t1=$(date +%s.%N)
python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE assignment SET start = start + 3600, end = end + 3600 WHERE employee_id % 10 = 0")
db.execute("UPDATE roster SET created_at = created_at + 3600"); db.commit()' "$ROTA_DB"
t2=$(date +%s.%N)
"$ROTA" publish --week 2026-03-23 --out "$work/feeds" >"$work/out"
t3=$(date +%s.%N)
python3 -c 'import sys
t = [float(x) for x in sys.argv[1:5]]
print("calendar: rota publish, 1000 employees, 50 teams, 5000 shifts: first %.2f s, "
      "republish after 500 changes %.2f s (wall)" % (t[1] - t[0], t[3] - t[2]))' "$t0" "$t1" "$t2" "$t3"
sed 's/^/calendar: /' "$work/out"
