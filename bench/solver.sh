#!/bin/sh
# Roster solver benchmark: rota's result and time against CBC on the very
# same model (written with --write-mps), with the same time limit.
#   1. the generated site: bench/solver_gen.c, 200 agents, 3 skills,
#      15-minute intervals, one week, full- and part-time contracts
#      ($SOLVER_AGENTS, $SOLVER_SEED, $SOLVER_TIME_LIMIT, default 200, 1,
#      120 s); target: within 2% of the bound in 120 s;
#   2. examples/contact-center, the week of 2026-11-30, through
#      `rota schedule` ($SOLVER_EXAMPLE_LIMIT, default 60 s); target:
#      optimal or a gap under 1% in 60 s.
# CBC (Debian coinor-cbc) is skipped when not installed.  The table
# replaces the "## solver" section of bench/RESULTS.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
BUILD=${BUILD:-$top/build}
ROTA=${ROTA:-$BUILD/rota}
agents=${SOLVER_AGENTS:-200}
seed=${SOLVER_SEED:-1}
limit=${SOLVER_TIME_LIMIT:-120}
ex_limit=${SOLVER_EXAMPLE_LIMIT:-60}
gen=$BUILD/bench/solver_gen
results=$here/RESULTS.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x "$gen" ] || { echo "solver: $gen not built (make bench)"; exit 1; }
[ -x "$ROTA" ] || { echo "solver: $ROTA not built (make)"; exit 1; }

# key=value from a line of solver_gen output
kv() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# CBC on an MPS file: "objective bound seconds" ('-' when none)
cbc_run() {
	if ! command -v cbc >/dev/null 2>&1; then
		echo "- - not-installed"
		return
	fi
	log=$tmp/cbc.log
	start=$(date +%s.%N)
	cbc "$1" -sec "$2" -solve >"$log" 2>&1
	end=$(date +%s.%N)
	obj=$(sed -n 's/^Objective value: *\([-0-9.e+]*\).*/\1/p' "$log" | tail -n 1)
	bnd=$(sed -n 's/^Lower bound: *\([-0-9.e+]*\).*/\1/p' "$log" | tail -n 1)
	[ -n "$bnd" ] || bnd=$(sed -n 's/^Continuous objective value is \([-0-9.e+]*\).*/\1/p' "$log" | tail -n 1)
	grep -q "No feasible solution found" "$log" && obj="none"
	grep -q "^Result - Optimal solution found" "$log" && bnd="$obj (optimal)"
	printf '%s %s %s\n' "${obj:--}" "${bnd:--}" \
		"$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')"
}

load=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "solver: generated site, $agents agents, seed $seed, $limit s (load $load)"
line=$("$gen" --agents "$agents" --seed "$seed" --time-limit "$limit" \
	--write-mps "$tmp/gen.mps") || { echo "solver: solver_gen failed"; exit 1; }
echo "$line"
echo "solver: CBC on the same model, $limit s"
set -- $(cbc_run "$tmp/gen.mps" "$limit")
g_cbc_obj=$1 g_cbc_bnd=$2 g_cbc_s=$3
shift 3
echo "cbc objective=$g_cbc_obj bound=$g_cbc_bnd seconds=$g_cbc_s"

echo "solver: examples/contact-center, week of 2026-11-30, $ex_limit s"
db=$tmp/demo.db
"$ROTA" --db "$db" import "$top/examples/contact-center" >/dev/null 2>&1 ||
	{ echo "solver: cannot import the example"; exit 1; }
"$ROTA" --db "$db" schedule --week 2026-11-30 --time-limit "$ex_limit" \
	--write-mps "$tmp/ex.mps" >"$tmp/ex.txt" ||
	{ echo "solver: rota schedule failed"; exit 1; }
cat "$tmp/ex.txt"
field() { sed -n "s/^$1 *//p" "$tmp/ex.txt" | head -n 1; }
e_status=$(field status | cut -d ' ' -f 1)
e_obj=$(field objective)
e_bnd=$(field bound)
e_gap=$(field gap)
e_s=$(field seconds)
e_model=$(field model)
set -- $(cbc_run "$tmp/ex.mps" "$ex_limit")
e_cbc_obj=$1 e_cbc_bnd=$2 e_cbc_s=$3
echo "cbc objective=$e_cbc_obj bound=$e_cbc_bnd seconds=$e_cbc_s"

g_gap=$(awk -v g="$(kv gap "$line")" 'BEGIN { printf "%.2f%%", g * 100 }')
table=$tmp/table.md
cat >"$table" <<EOF
## solver

Roster solver (\`rota_solve\`, docs/model.md "Roster model") against CBC
$(cbc -quit 2>/dev/null | sed -n 's/^Version: *//p' | head -n 1) on the same model written as free MPS, same time
limit, one run each.  Command: \`sh bench/solver.sh\` (part of \`make bench\`).
Measured $(date -u +%Y-%m-%d) on $(uname -m), $(nproc 2>/dev/null || echo '?') cores, load average $load at the start.
Gap = (objective - bound) / objective; rota's bound is the LP relaxation.

| model | binaries | rows | columns | rota status | rota objective | rota bound | rota gap | rota s | CBC objective | CBC bound | CBC s |
|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|
| generated, $agents agents (seed $seed), limit $limit s | $(kv binaries "$line") | $(kv rows "$line") | $(kv cols "$line") | $(kv status "$line") | $(kv objective "$line") | $(kv bound "$line") | $g_gap | $(kv seconds "$line") | $g_cbc_obj | $g_cbc_bnd | $g_cbc_s |
| examples/contact-center, 60 agents, limit $ex_limit s | $(echo "$e_model" | sed 's/.*columns, \([0-9]*\) binaries/\1/') | $(echo "$e_model" | sed 's/ rows.*//') | $(echo "$e_model" | sed 's/.*rows, \([0-9]*\) columns.*/\1/') | $e_status | $e_obj | $e_bnd | $e_gap | $e_s | $e_cbc_obj | $e_cbc_bnd | $e_cbc_s |

Targets (issue 4): the generated week within 2% of the bound in 120 s; the
example site optimal or under 1% gap in 60 s.

Reading the CBC columns: "bound" is CBC's "Lower bound" line, which after
its preprocessing is not comparable to the model's LP bound when the root
was not finished.  Since shifts carry their unpaid breaks (a break takes the
agent off the queues for the intervals it overlaps), CBC finds no roster
within the limit on either model.  Before that change, on the generated
week without breaks, CBC's feasibility pump found 8978.4 against rota's
9080.3 (LP bound 8973.3): the full-LP rounding CBC does well is what rota's
search lacks (rota's bound comes from the merged-employee LP by interior
point in about 5 s, and it closes the gap by LNS).

Spread over generator seeds (120 s each, 2026-11-28, `build/bench/solver_gen
--agents 200 --seed S --time-limit 120`): seeds 1, 2, 3 at 1.12%, 1.47%,
2.24% from the bound, so seed 3 misses the 2% target (it reaches 1.49% in
300 s with the previous branching).  Two changes of this day moved these
numbers: breaks that take agents off the queues (a hole of two 15-minute
intervals in every shift, which the LP fills by mixing templates
fractionally) took seeds 1-3 from 0.8-1.5% to 1.63/1.52/3.31%; branching on
the most fractional variable in the construction and LNS sub-MIPs instead
of GLPK's Driebeck-Tomlin rule (whose tableau rows took most of their time
under perf) brought them to the figures above, and the example from 0.02%
at the limit to proven optimal.  rota's runs are deterministic except where
the time limit stops them, so a loaded machine gives a somewhat worse gap.
EOF
cat "$table"

{
	# the file without its solver section and trailing blank lines
	[ -f "$results" ] && awk '
		/^## solver[ \t]*$/ { skip = 1; next }
		/^## / { skip = 0 }
		skip { next }
		{ print }' "$results" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
	echo
	cat "$table"
} >"$tmp/new" && cp "$tmp/new" "$results"
