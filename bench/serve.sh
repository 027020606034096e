#!/bin/sh
# bench/serve.sh - rota serve under load, on loopback only (make bench).
#  1. feeds: 1,000 employees with 13 weeks of published shifts, one
#     subscription URL each; wrk, 50 connections for $SERVE_BENCH_S s
#     (default 60), each walking the 1,000 URLs and re-fetching with the
#     ETag it got (bench/serve_feeds.lua): requests/s, p50/p99, 304 share.
#  2. punches: the example site (60 agents); 20 terminals post batches of 50
#     as fast as they can for $SERVE_BENCH_S s (bench/serve_punches.py) while
#     `rota schedule` solves the week and `rota import punches` imports 20,000
#     punches twice, all on the same database: every acknowledged punch is
#     counted in the database exactly once, 5xx counted, p99 latency.
# The server's peak resident memory (VmHWM) is read for each phase.  Every
# process started here is stopped here; all traffic goes to 127.0.0.1.
set -eu
: "${BUILD:=build}"
: "${ROTA:=$BUILD/rota}"
SECS=${SERVE_BENCH_S:-60}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "serve: wrk is not installed (make deps-bench)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-serve.XXXXXX")
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

start_server() {   # start_server LOG -> $srv (pid), $port
	"$ROTA" serve --listen 127.0.0.1:0 --threads 4 >"$work/listen" 2>"$1" &
	srv=$!
	pids="$pids $srv"
	for _ in $(seq 100); do
		port=$(sed -n 's/^listening on http:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/listen")
		[ -n "$port" ] && return 0
		sleep 0.1
	done
	echo "serve: the server did not start"; cat "$1"; exit 1
}
stop_server() {   # prints the peak memory, stops the server
	hwm=$(sed -n 's/^VmHWM: *//p' "/proc/$srv/status")
	kill -TERM "$srv"
	wait "$srv" || true
}

# ---------------------------------------------------------------- feeds
export ROTA_DB="$work/feeds.db" ROTA_NOW="2026-04-01 09:00"
"$ROTA" init --site "Bench Site" --tz Asia/Shanghai >/dev/null
python3 - "$ROTA_DB" <<'PY'
import sqlite3, sys
from datetime import datetime, timedelta, timezone
db = sqlite3.connect(sys.argv[1])
db.executescript("""
INSERT INTO contract (code) VALUES ('std');
INSERT INTO shift (code, name, start_min, length_min, break_min, days) VALUES
 ('E', 'Early shift', 480, 540, 60, 127), ('L', 'Late shift', 780, 540, 60, 127);
""")
sh = timezone(timedelta(hours=8))
for i in range(1000):
    db.execute("INSERT INTO employee (code, name, email, team, contract_id) "
               "VALUES (?, ?, ?, ?, 1)", ("E%04d" % i, "员工%d" % i,
               "e%d@example.com" % i, "team%02d" % (i // 50)))
monday = datetime(2026, 3, 2)                 # 4 weeks back .. 8 ahead
rows = []
for i in range(1000):
    for w in range(13):
        for d in range(5):
            day = monday + timedelta(days=7 * w + (i + d) % 7)
            code, start = ("E", 480) if (i + d) % 2 else ("L", 780)
            s = int((day + timedelta(minutes=start)).replace(tzinfo=sh).timestamp())
            rows.append(("rota-%s-E%04d@bench-site" % (day.strftime("%Y%m%d"), i),
                         i + 1, day.strftime("%Y-%m-%d"), code, s, s + 540 * 60,
                         "%016x" % (i * 1000 + w * 10 + d), 1774900000 + w))
db.executemany("INSERT INTO publication (uid, employee_id, day, shift_code, start, "
               "end, sequence, status, hash, published_at) VALUES (?, ?, ?, ?, ?, ?, "
               "0, 'CONFIRMED', ?, ?)", rows)
db.commit()
PY
i=0
while [ $i -lt 1000 ]; do
	"$ROTA" feed token "$(printf 'E%04d' $i)" | tail -n 1 >>"$work/feeds"
	i=$((i + 1))
done
start_server "$work/feeds.log"
echo "feeds: 1000 subscriptions, 65,000 published shifts, server on port $port"
FEEDS="$work/feeds" wrk -t 50 -c 50 -d "${SECS}s" --timeout 10s \
	-s "$here/serve_feeds.lua" "http://127.0.0.1:$port" >"$work/wrk.out" 2>&1 ||
	{ cat "$work/wrk.out"; exit 1; }
stop_server
sed -n 's/^RESULT /feeds: /p' "$work/wrk.out"
echo "feeds: server peak memory (VmHWM) $hwm, log lines $(wc -l <"$work/feeds.log")"

# -------------------------------------------------------------- punches
export ROTA_DB="$work/punch.db" ROTA_NOW="2026-12-02 09:00"
"$ROTA" init >/dev/null
"$ROTA" import "$here/../examples/contact-center" >/dev/null
"$ROTA" staff --format csv | tail -n +2 | cut -d, -f1 >"$work/employees"
for k in $(seq 20); do
	"$ROTA" terminal add "T$k" | tail -n 1 >>"$work/keys"
done
# 20,000 punches from a door reader, imported twice (the second all skipped)
python3 - "$work/door.csv" "$work/employees" <<'PY'
import sys
emps = [e.strip() for e in open(sys.argv[2]) if e.strip()]
with open(sys.argv[1], "w") as f:
    f.write("employee,time,kind,source\n")
    for n in range(20000):
        e = emps[n % len(emps)]
        c = n // len(emps)
        f.write("%s,2026-11-01T%02d:%02d:%02d+08:00,%s,door\n" %
                (e, c // 3600 % 24, c // 60 % 60, c % 60, "in" if c % 2 == 0 else "out"))
PY
start_server "$work/punch.log"
echo "punches: 20 terminals, batches of 50, $(wc -l <"$work/employees") employees, server on port $port"
("$ROTA" schedule --week 2026-11-30 --time-limit "$SECS" >"$work/schedule.out" 2>&1;
 echo "exit $?" >>"$work/schedule.out") &
sched=$!
pids="$pids $sched"
(sleep 5; "$ROTA" import punches "$work/door.csv"; sleep 20;
 "$ROTA" import punches "$work/door.csv") >"$work/import.out" 2>&1 &
imp=$!
pids="$pids $imp"
start_at=$(python3 -c 'import calendar, time; print(calendar.timegm((2026, 11, 2, 1, 0, 0)))')
python3 "$here/serve_punches.py" "$port" "$work/keys" "$work/employees" "$SECS" 50 \
	"$work/punches.json" "$start_at" >/dev/null
wait "$sched" "$imp" || true
stop_server
python3 - "$work/punches.json" "$ROTA_DB" <<'PY'
import json, sqlite3, sys
s = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
rows = db.execute("SELECT count(*) FROM punch WHERE source LIKE 'terminal:%'").fetchone()[0]
dups = db.execute("SELECT count(*) FROM (SELECT 1 FROM punch WHERE source LIKE "
                  "'terminal:%' GROUP BY employee_id, at, kind, source HAVING count(*) > 1)").fetchone()[0]
fivexx = sum(c for st, c in s["status"].items() if int(st) >= 500)
print("punches: %d requests in %.1f s, status %s, %d connection errors" %
      (s["requests"], s["seconds"], s["status"], s["errors"]))
print("punches: acknowledged stored %d, duplicate %d, refused %d; rows in the database %d "
      "(%s), stored twice %d; resent batches not all duplicate: %d; 5xx: %d" %
      (s["stored"], s["duplicate"], s["refused"], rows,
       "exactly once" if rows == s["stored"] else "MISMATCH", dups,
       s["resend_not_duplicate"], fivexx))
print("punches: %d punches/s answered, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms" %
      (s["punches_per_s"], s["p50_ms"], s["p99_ms"], s["max_ms"]))
sys.exit(0 if rows == s["stored"] and dups == 0 and fivexx == 0 else 1)
PY
echo "punches: server peak memory (VmHWM) $hwm"
echo "punches: during the load: rota schedule: $(grep -E '^(status|exit)' "$work/schedule.out" | tr '\n' ' ')"
echo "punches: during the load: rota import punches: $(tr '\n' ' ' <"$work/import.out")"
