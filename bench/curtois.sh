#!/bin/sh
# Curtois nurse rostering benchmark: rota_solve on Instances 1-8 (all 24 with
# ROTA_CURTOIS_ALL=1), each roster verified by the independent checker, the
# objective compared with the best known value.  The instances are read from
# $ROTA_CURTOIS_DIR (default /work/shared/bench/curtois; not in the repo): the
# benchmark is skipped when they are absent.  Time limit per instance:
# $ROTA_CURTOIS_TIME_LIMIT seconds (default 60).  The table replaces the
# "## curtois" section of bench/RESULTS.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-$here/../build}
dir=${ROTA_CURTOIS_DIR:-/work/shared/bench/curtois}
limit=${ROTA_CURTOIS_TIME_LIMIT:-60}
bin=$BUILD/bench/curtois
results=$here/RESULTS.md

if [ ! -r "$dir/Instance1.txt" ]; then
	echo "curtois: $dir has no instances: skipped"
	exit 0
fi
[ -x "$bin" ] || { echo "curtois: $bin not built (make bench)"; exit 1; }
if [ "${ROTA_CURTOIS_ALL:-0}" = 1 ]; then
	set -- $(seq 1 24)
	which="1-24"
else
	set -- 1 2 3 4 5 6 7 8
	which="1-8"
fi

table=$(mktemp)
trap 'rm -f "$table" "$table.new"' EXIT
"$bin" --markdown --time-limit "$limit" "$dir" "$@" | tee "$table"
status=$?

{
	# the file without its curtois section and trailing blank lines
	[ -f "$results" ] && awk '
		/^## curtois[ \t]*$/ { skip = 1; next }
		/^## / { skip = 0 }
		skip { next }
		/^[ \t]*$/ { blank++; next }
		{ while (blank) { print ""; blank-- } print }' "$results"
	printf '\n## curtois\n\n'
	printf 'Curtois & Qu nurse rostering Instances %s (schedulingbenchmarks.org), ' "$which"
	printf '`rota_solve` with a %s s limit per instance, each roster\n' "$limit"
	printf 'verified by `rota_check`; gap = (rota - best known) / best known.  '
	printf 'Command: `sh bench/curtois.sh` (env ROTA_CURTOIS_ALL=1 for all 24,\n'
	printf 'ROTA_CURTOIS_TIME_LIMIT=S).  Measured %s on %s (%s cores).\n\n' \
		"$(date -u +%Y-%m-%d)" "$(uname -m)" "$(nproc 2>/dev/null || echo '?')"
	cat "$table"
	printf '\n'
} >"$table.new" && mv "$table.new" "$results"
exit $status
