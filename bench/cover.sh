#!/bin/sh
# Substitutes: how long `rota cover` takes to answer a sick call.
#   1. examples/contact-center, the week of 2026-11-30 scheduled by
#      `rota schedule` ($COVER_EXAMPLE_LIMIT s, default 60); at Wednesday
#      07:00 A001 calls in sick for the day; target: under 1 s;
#   2. a generated site (bench/cover_site.py, $COVER_AGENTS agents, default
#      1000, seed $COVER_SEED, default 1) with its roster imported; at
#      Wednesday 06:00 G0003 calls in sick; target: under 5 s.
# Each `rota cover` is timed three times (wall clock, best and worst; the
# slow MIP variant on the generated site once), with
# chains enumerated (the default), found by one MIP per X (--mip-chains)
# and without chains (--no-chains).  The table replaces the "## cover"
# section of bench/RESULTS.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
BUILD=${BUILD:-$top/build}
ROTA=${ROTA:-$BUILD/rota}
agents=${COVER_AGENTS:-1000}
seed=${COVER_SEED:-1}
ex_limit=${COVER_EXAMPLE_LIMIT:-60}
results=$here/RESULTS.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x "$ROTA" ] || { echo "cover: $ROTA not built (make)"; exit 1; }

now() { date +%s.%N; }

# runs N DB EMPLOYEE DATE [OPTION]: "best worst candidates" of N runs
runs() {
	times=$1 db=$2 emp=$3 day=$4
	shift 4
	best="" worst=""
	for i in $(seq "$times"); do
		t0=$(now)
		"$ROTA" --db "$db" cover "$emp" --date "$day" --format table \
			--limit 3 "$@" >"$tmp/cover.txt" ||
			{ echo "cover: rota cover failed" >&2; cat "$tmp/cover.txt" >&2; exit 1; }
		t1=$(now)
		s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
		best=$(awk -v a="${best:-$s}" -v b="$s" 'BEGIN { print (b < a ? b : a) }')
		worst=$(awk -v a="${worst:-$s}" -v b="$s" 'BEGIN { print (b > a ? b : a) }')
	done
	n=$(sed -n 's/^\([0-9]*\) candidate.*/\1/p' "$tmp/cover.txt")
	echo "$best $worst $n"
}

load=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo "?")

echo "cover: examples/contact-center, week of 2026-11-30 ($ex_limit s schedule)"
ex=$tmp/ex.db
ROTA_NOW="2026-11-29 12:00" "$ROTA" --db "$ex" import "$top/examples/contact-center" >/dev/null 2>&1 ||
	{ echo "cover: cannot import the example"; exit 1; }
ROTA_NOW="2026-11-29 12:00" "$ROTA" --db "$ex" schedule --week 2026-11-30 \
	--time-limit "$ex_limit" >/dev/null 2>&1 || { echo "cover: schedule failed"; exit 1; }
export ROTA_NOW="2026-12-02 07:00"
"$ROTA" --db "$ex" absence add A001 --from "2026-12-02 07:00" --to 2026-12-02 \
	--type sick >/dev/null 2>&1 || { echo "cover: absence failed"; exit 1; }
set -- $(runs 3 "$ex" A001 2026-12-02); e_b=$1 e_w=$2 e_n=$3
set -- $(runs 3 "$ex" A001 2026-12-02 --mip-chains); e_mb=$1 e_mw=$2 e_mn=$3
set -- $(runs 3 "$ex" A001 2026-12-02 --no-chains); e_db=$1 e_dw=$2 e_dn=$3
"$ROTA" --db "$ex" cover A001 --date 2026-12-02 --format table --limit 3 | cut -c 1-160

echo "cover: generated site, $agents agents, seed $seed"
gen=$tmp/gen
python3 "$here/cover_site.py" --agents "$agents" --seed "$seed" --out "$gen" ||
	{ echo "cover: cover_site.py failed"; exit 1; }
g=$tmp/gen.db
ROTA_NOW="2026-11-29 12:00" "$ROTA" --db "$g" import "$gen" >/dev/null 2>&1 ||
	{ echo "cover: cannot import the generated site"; exit 1; }
ROTA_NOW="2026-11-29 12:00" "$ROTA" --db "$g" staffing --week 2026-11-30 >/dev/null ||
	{ echo "cover: staffing failed"; exit 1; }
export ROTA_NOW="2026-12-02 06:00"
"$ROTA" --db "$g" absence add G0003 --from 2026-12-02 --to 2026-12-02 \
	--type sick >/dev/null 2>&1 || { echo "cover: absence failed"; exit 1; }
set -- $(runs 3 "$g" G0003 2026-12-02); g_b=$1 g_w=$2 g_n=$3
set -- $(runs 1 "$g" G0003 2026-12-02 --mip-chains); g_mb=$1 g_mw=$2 g_mn=$3
set -- $(runs 3 "$g" G0003 2026-12-02 --no-chains); g_db=$1 g_dw=$2 g_dn=$3
"$ROTA" --db "$g" cover G0003 --date 2026-12-02 --format table --limit 3 | cut -c 1-160

table=$tmp/table.md
cat >"$table" <<EOF
## cover

\`rota cover EMPLOYEE --date DATE\` after a sick call: every employee
judged by the checker, direct fills and one-move chains, ranked.  Command:
\`sh bench/cover.sh\` (part of \`make bench\`; \`bench/cover_site.py\`
writes the generated site).  Wall clock of the whole command (open the
database, build the week, judge, rank, print), best and worst of three runs
(one for the MIP chains on the generated site).
Measured $(date -u +%Y-%m-%d) on $(uname -m), $(nproc 2>/dev/null || echo '?') cores, load average $load at the start.

| site | chains | seconds (best-worst) | candidates |
|---|---|---:|---:|
| examples/contact-center, 60 agents, A001 sick Wed | enumerated (default) | $e_b-$e_w | $e_n |
| | one MIP per X (\`--mip-chains\`) | $e_mb-$e_mw | $e_mn |
| | none (\`--no-chains\`) | $e_db-$e_dw | $e_dn |
| generated, $agents agents (seed $seed), 15-min intervals, G0003 sick Wed | enumerated (default) | $g_b-$g_w | $g_n |
| | one MIP per X (\`--mip-chains\`) | $g_mb-$g_mw | $g_mn |
| | none (\`--no-chains\`) | $g_db-$g_dw | $g_dn |

Targets (issue 10): the example under 1 s, a 1,000-agent site under 5 s.

How it stays fast: an employee's hard rules are judged on the week's
problem restricted to the people a move changes and without intervals
(plan/judge.c), and coverage on the week restricted to the intervals of
the days moved, cached per day, skills and move (plan/cover.c), so a
candidate costs two small checks and usually a cache hit.  Chains are
enumerated (X gives up or changes one day, gives up two, or Y takes the
day X gives up; or X switches to the open shift) for at most 64 people;
the MIP alternative solves one small roster problem per X (the people
around the hole, residual demand, at most three changes) and finds the
same chains on the example at many times the cost.
EOF
cat "$table"

{
	[ -f "$results" ] && awk '
		/^## cover[ \t]*$/ { skip = 1; next }
		/^## / { skip = 0 }
		skip { next }
		{ print }' "$results" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
	echo
	cat "$table"
} >"$tmp/new" && cp "$tmp/new" "$results"
