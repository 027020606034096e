#!/bin/sh
# Roster solver benchmark: the contact-centre ladder.  For each size N in
# $SOLVER_LADDER (default "50 200 1000"): `rota bench generate --agents N
# --seed $SOLVER_SEED` (default 1), `rota import`, then `rota schedule`
# with a time limit of $SOLVER_TIME_LIMIT seconds (default 120; 600 from
# 3,000 agents on) and --write-mps; CBC on that same MPS file with the same
# limit (wall clock: -timeMode elapsed) for the sizes in $SOLVER_CBC
# (default "200"; "" for none; skipped when cbc is not installed).  Peak
# memory comes from /usr/bin/time -v, the time to the first roster and to
# a 1% gap from rota's progress lines (one a second at most, so read them
# to about a second), which it prints on a terminal only: the run goes
# through script(1) when it is there.
#
# The table goes between the markers "<!-- solver:ladder begin -->" and
# "<!-- solver:ladder end -->" of bench/RESULTS.md; nothing else in the
# file is touched (the prose around it is written by hand).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
BUILD=${BUILD:-$top/build}
ROTA=${ROTA:-$BUILD/rota}
ladder=${SOLVER_LADDER:-50 200 1000}
seed=${SOLVER_SEED:-1}
cbc_sizes=${SOLVER_CBC-200}
results=$here/RESULTS.md
week=2026-11-30
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x "$ROTA" ] || { echo "solver: $ROTA not built (make)"; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
timev=
[ -x /usr/bin/time ] && timev="/usr/bin/time -v -o $tmp/time.txt"

limit_for() {
	if [ -n "${SOLVER_TIME_LIMIT:-}" ]; then
		echo "$SOLVER_TIME_LIMIT"
	elif [ "$1" -ge 3000 ]; then
		echo 600
	else
		echo 120
	fi
}

# peak resident memory of the last timed run, in MB ('-' when unknown)
peak_mb() {
	[ -f "$tmp/time.txt" ] || { echo -; return; }
	awk -F: '/Maximum resident set size/ {
		printf "%.0f", $2 / 1024; found = 1 }
		END { if (!found) printf "-" }' "$tmp/time.txt"
}

# a field of rota schedule's summary ("status     feasible (...)")
field() { sed -n "s/^$1  *//p" "$2" | head -n 1; }

# CBC on an MPS file: "objective bound seconds peak_MB" ('-' when none)
cbc_run() {
	log=$tmp/cbc.log
	rm -f "$tmp/time.txt"
	start=$(date +%s.%N)
	# -preprocess off: CBC 2.10.8's default preprocessing reported
	# "Optimal solution found" at 130,000.4 on the 50-agent week, below the
	# model's LP bound of 166,067.5 (impossible for a minimisation); without
	# it CBC proves 166,633.1 (bench/RESULTS.md, solver)
	# CBC does not look at -sec inside its root LP (1,000 agents: 614 s
	# on a 120 s limit, killed by hand): a hard stop at twice the limit
	# plus a minute, when timeout(1) is there
	hard=
	have timeout && hard="timeout $(($2 * 2 + 60))"
	$timev $hard cbc "$1" -timeMode elapsed -sec "$2" -preprocess off -solve \
		>"$log" 2>&1
	end=$(date +%s.%N)
	obj=$(sed -n 's/^Objective value: *\([-0-9.e+]*\).*/\1/p' "$log" | tail -n 1)
	bnd=$(sed -n 's/^Lower bound: *\([-0-9.e+]*\).*/\1/p' "$log" | tail -n 1)
	[ -n "$bnd" ] || bnd=$(sed -n 's/^Continuous objective value is \([-0-9.e+]*\).*/\1/p' "$log" | tail -n 1)
	grep -q "No feasible solution found" "$log" && obj="none"
	grep -q "^Result - Optimal solution found" "$log" && bnd="$obj"
	printf '%s %s %s %s\n' "${obj:--}" "${bnd:--}" \
		"$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" \
		"$(peak_mb)"
}

load=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo "?")
started=$(date -u '+%Y-%m-%d %H:%M')
rows=$tmp/rows.md
: >"$rows"
for n in $ladder; do
	limit=$(limit_for "$n")
	site=$tmp/site$n db=$tmp/site$n.db out=$tmp/out$n.txt
	echo "solver: $n agents (seed $seed), limit $limit s (load $(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null))"
	"$ROTA" bench generate --agents "$n" --seed "$seed" --out "$site" >/dev/null &&
		"$ROTA" --db "$db" import "$site" >/dev/null ||
		{ echo "solver: cannot generate and import $n agents"; exit 1; }
	cmd="$ROTA --db $db schedule --week $week --time-limit $limit --write-mps $tmp/m$n.mps"
	rm -f "$tmp/time.txt"
	if have script; then
		$timev script -q -e -c "$cmd" /dev/null >"$tmp/raw$n.txt" 2>&1
	else
		$timev $cmd >"$tmp/raw$n.txt" 2>&1
	fi
	rc=$?
	tr '\r' '\n' <"$tmp/raw$n.txt" | sed 's/  *$//' >"$out"
	[ $rc -eq 0 ] || { cat "$out"; echo "solver: rota schedule failed"; exit 1; }
	grep -E '^(status|objective|bound|gap|seconds|work|model) ' "$out"
	mem=$(peak_mb)
	# progress lines: "   3.1s  construct  incumbent X  bound Y  gap Z%"
	first=$(awk '/incumbent [0-9]/ { sub(/s$/, "", $1); print $1; exit }' "$out")
	one=$(awk '/ gap [0-9.]+%/ { g = $NF; sub(/%/, "", g); t = $1;
		sub(/s$/, "", t); if (g + 0 <= 1.0) { print t; exit } }' "$out")
	model=$(field model "$out")
	status=$(field status "$out")
	gap=$(field gap "$out")
	[ -n "$one" ] || one="not reached"
	case $status in
	optimal*) one=${one:-$(field seconds "$out")} ;;
	esac
	cbc="| - | - | - | -"
	for c in $cbc_sizes; do
		[ "$c" = "$n" ] || continue
		if have cbc; then
			echo "solver: CBC on the same MPS, $limit s"
			set -- $(cbc_run "$tmp/m$n.mps" "$limit")
			echo "cbc objective=$1 bound=$2 seconds=$3 peak=$4 MB"
			cbc="| $1 | $2 | $3 | $4"
		else
			cbc="| not installed | - | - | -"
		fi
	done
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s %s |\n' \
		"$n" "$limit" \
		"$(echo "$model" | sed 's/ rows.*//')" \
		"$(echo "$model" | sed 's/.*rows, \([0-9]*\) columns.*/\1/')" \
		"$(echo "$model" | sed 's/.*columns, \([0-9]*\) binaries.*/\1/')" \
		"${first:--}" "$one" \
		"$(field objective "$out")" "$(field bound "$out")" "${gap:--}" \
		"$(field seconds "$out")" \
		"$(echo "$status" | sed 's/^[a-z]* *(\(.*\))$/\1/; s/^optimal$/proven optimal/')" \
		"$mem" "$cbc" >>"$rows"
done

table=$tmp/table.md
{
	echo "<!-- solver:ladder begin (written by bench/solver.sh) -->"
	echo "Measured $started-$(date -u '+%H:%M') UTC on $(uname -m), $(nproc 2>/dev/null || echo '?') cores, load average $load at the start;"
	echo "\`SOLVER_LADDER=\"$ladder\" SOLVER_CBC=\"$cbc_sizes\" sh bench/solver.sh\`, seed $seed, week of $week."
	echo
	echo "| agents | limit s | rows | columns | binaries | first roster s | 1% gap s | objective | bound | gap | seconds | stopped by | peak MB | CBC objective | CBC bound | CBC s | CBC peak MB |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|"
	cat "$rows"
	echo "<!-- solver:ladder end -->"
} >"$table"
cat "$table"

sh "$here/lib/results_table.sh" "$results" solver:ladder "$table" || exit 1
