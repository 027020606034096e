#!/bin/sh
# make demo: a fresh database from the contact-center example, then the whole
# week of a supervisor, a member of staff and HR: requirements, roster,
# calendars, a sick call and its substitute (替补), clock records and the
# attendance summary.  "Now" is set ($ROTA_NOW) so the demo does not depend
# on the day it runs: the week is planned the Friday before.
# $ROTA is the binary and $BUILD the build directory (make passes both).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$top/build}
ROTA=${ROTA:-$BUILD/rota}
out=${DEMO_OUT:-$top/demo-out}
db="$out/demo.db"
week=2026-11-30             # the week to plan (Monday)
last=2026-12-06             # its Sunday
asof="2026-12-07 00:00"     # HR looks back at it the Monday after
limit=${DEMO_TIME_LIMIT:-60}
export ROTA_NOW="2026-11-27 09:00"   # the Friday before the week
export USER=${USER:-supervisor}

mkdir -p "$out"
rm -rf "$db" "$db-wal" "$db-shm" "$out/calendars" "$out/punches.csv"
step() { printf '\n== %s\n$ %s\n' "$1" "$2"; }
rota() { "$ROTA" --db "$db" "$@"; }

step "Load the example site: Shanghai, 60 agents in 3 teams, 3 skills" \
	"rota import examples/contact-center"
rota import "$here"

step "Shift templates" "rota shifts"
rota shifts --format table

step "Staff (the first 8 of $(rota staff --format csv | tail -n +2 | wc -l))" \
	"rota staff"
rota staff --format table | head -n 9

step "Agents needed on Monday at the morning and evening peaks" \
	"rota staffing --week $week"
rota staffing --week "$week" --format table |
	sed -n '1p;/2026-11-30T10:30/p;/2026-11-30T19:30/p'

step "Schedule the week (GLPK, at most ${limit} s)" \
	"rota schedule --week $week --time-limit $limit --gap 0.001"
rota schedule --week "$week" --time-limit "$limit" --gap 0.001

step "The roster" "rota roster --week $week"
rota roster --week "$week" --format table

step "Coverage: where the week is short of agents" \
	"rota coverage --week $week"
rota coverage --week "$week" --format table | sed -n '/^understaffed/,$p'

step "Independent check of every rule" "rota roster --week $week --check"
rota roster --week "$week" --check --format table | tail -n 5

step "Calendars for every agent and team" \
	"rota publish --week $week --out $out/calendars --alarm-min 30"
rota publish --week "$week" --out "$out/calendars" \
	--organizer rota@example.cn --alarm-min 30
echo "calendar feeds: $out/calendars (docs/calendar.md says how to subscribe)"

# Wednesday 07:00 of the week: the first agent rostered after 08:00 calls
# in sick (docs/operations.md)
export ROTA_NOW="2026-12-02 07:00"
sick=$(rota roster --week "$week" --format csv |
	awk -F, '$2 == "2026-12-02" && $4 >= "2026-12-02T08" { print $1; exit }')
step "Wednesday 07:00: $sick calls in sick" \
	"rota absence add $sick --from '2026-12-02 07:00' --to 2026-12-02 --type sick"
rota absence add "$sick" --from "2026-12-02 07:00" --to 2026-12-02 \
	--type sick --reason fever --by "Sup Wang"

step "Who can take the open shift (替补)" \
	"rota cover $sick --date 2026-12-02 --limit 5"
rota cover "$sick" --date 2026-12-02 --limit 5 --format table

step "Apply the best candidate" \
	"rota cover $sick --date 2026-12-02 --apply 1 --by 'Sup Wang'"
rota cover "$sick" --date 2026-12-02 --apply 1 --by "Sup Wang"

step "Every change is a version" "rota roster --week $week --history"
rota roster --week "$week" --history --format table

step "Republish: only the two changed people's events move (SEQUENCE)" \
	"rota publish --week $week --out $out/calendars"
rota publish --week "$week" --out "$out/calendars"

step "Clock records exported by the terminals for that week" \
	"rota import punches punches.csv"
"$BUILD/bench/punchgen" --db "$db" --from "$week" --to "$last" --seed 7 \
	--out "$out/punches.csv"
rota import punches "$out/punches.csv"

step "HR attendance summary" \
	"rota attendance --from $week --to $last --as-of '$asof'"
rota attendance --from "$week" --to "$last" --as-of "$asof" --format table

step "A performance-review sheet" \
	"rota review A001 --from $week --to $last --as-of '$asof'"
rota review A001 --from "$week" --to "$last" --as-of "$asof"

step "The scorecard of team hotline-a (KPIs from kpis.csv and attendance)" \
	"rota scorecard --from $week --to $last --team hotline-a"
rota scorecard --from "$week" --to "$last" --team hotline-a \
	--as-of "$asof" --format table | awk 'NR == 1 || /total/'

step "The review as a printable page" \
	"rota review A001 --from $week --to $last --format html > review-A001.html"
rota review A001 --from "$week" --to "$last" --as-of "$asof" \
	--format html >"$out/review-A001.html"
echo "review page: $out/review-A001.html (open it in a browser, print it)"

step "Payroll: minutes per pay code, for the payroll system" \
	"rota payroll --from $week --to $last --format csv --bom"
rota payroll --from "$week" --to "$last" --as-of "$asof" --format csv \
	--bom >"$out/payroll.csv"
rota payroll --from "$week" --to "$last" --as-of "$asof" --format table \
	--employee A001
echo "payroll for everyone: $out/payroll.csv"

printf '\nDemo database: %s\n' "$db"
