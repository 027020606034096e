#!/bin/sh
# bench/replan.sh - re-planning the example site after one sick call on
# Wednesday morning, against re-solving the week from scratch.  Run by
# bench/run (make bench) or alone:  make && sh bench/replan.sh
# Numbers go into bench/RESULTS.md under "## replan" by hand.
#
# The week of 2026-11-30 is scheduled and published the Friday before; on
# Wednesday 2 December at 07:00 A001 calls in sick for the day (rota absence
# add takes their shift out).  Then, on copies of that database:
#   replan   rota schedule --from "2026-12-02 07:00" --force: the fewest
#            changes from 07:00 on (site change_weight 50)
#   fresh    rota schedule --fresh --force: re-solved after the frozen
#            time, no cost per change
#   scratch  what rota did before frozen time: the whole week re-solved
#            (--fresh with "now" before the week)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
ROTA=${ROTA:-$top/build/rota}
limit=${REPLAN_TIME_LIMIT:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-replan.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
week=2026-11-30
rota() { "$ROTA" --db "$db" "$@"; }

db=$work/base.db
export USER=bench
ROTA_NOW="2026-11-27 09:00" rota import "$top/examples/contact-center" >/dev/null
ROTA_NOW="2026-11-27 09:00" rota schedule --week $week --time-limit "$limit" \
	--gap 0.001 >"$work/first.txt"
ROTA_NOW="2026-11-27 09:00" rota publish --week $week --out "$work/cal" >/dev/null
export ROTA_NOW="2026-12-02 07:00"
rota absence add A001 --from 2026-12-02 --to 2026-12-02 --type sick \
	--reason "sick call" --by bench >"$work/absence.txt"

run() {   # name, ROTA_NOW, schedule options...
	name=$1 at=$2
	shift 2
	cp "$work/base.db" "$work/$name.db"
	db=$work/$name.db
	# wall and CPU seconds of the rota process (the machine is shared)
	times=$(ROTA_NOW=$at python3 -c '
import resource, subprocess, sys, time
t = time.time()
with open(sys.argv[1], "w") as out, open(sys.argv[2], "w") as err:
    rc = subprocess.run(sys.argv[3:], stdout=out, stderr=err).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.1f %.1f" % (time.time() - t, r.ru_utime + r.ru_stime))
sys.exit(rc)' "$work/$name.txt" "$work/$name.err" "$ROTA" --db "$db" \
		schedule --week $week --time-limit "$limit" --gap 0.001 "$@")
	changed=$(sed -n 's/.*(\([0-9]*\) employee-days\{0,1\} changed).*/\1/p' "$work/$name.txt" | head -n 1)
	[ -n "$changed" ] || changed=0
	short=$(sed -n 's/^understaffed: .*, \([0-9]*\) agent-minutes missing/\1/p' "$work/$name.txt")
	status=$(sed -n 's/^status *//p' "$work/$name.txt" | cut -d' ' -f1)
	past=$(rota roster --week $week --diff 2 live --format csv |
		awk -F, -v now="2026-12-02T07:00" 'NR > 1 && (($4 != "" && $5 < now) || ($8 != "" && $9 < now)) { n++ } END { print n + 0 }')
	printf '| %s | `%s` | %s s | %s s | %s | %s | %s (%s) |\n' "$name" "$*" \
		"${times% *}" "${times#* }" "$changed" "$past" "${short:--}" \
		"$status"
}

echo "== replan: examples/contact-center, week $week, A001 sick on Wed 2026-12-02 (now 07:00)"
echo "understaffed before the sick call: $(sed -n 's/^understaffed: .*, \([0-9]*\) agent-minutes missing/\1/p' "$work/first.txt") agent-minutes"
echo "| run | options | wall | CPU | employee-days changed | changed before now | understaffed agent-minutes (status) |"
echo "|---|---|---:|---:|---:|---:|---|"
run replan "2026-12-02 07:00" --from "2026-12-02 07:00" --force
run fresh "2026-12-02 07:00" --fresh --force
run scratch "2026-11-27 09:00" --fresh --force
echo "understaffed after the sick call, before re-planning: $(sed -n '/^coverage/,$p' "$work/replan.txt" |
	awk 'NR > 2 { n += $2 } END { print n + 0 }') agent-minutes"
