#!/bin/sh
# Curtois & Qu nurse rostering benchmark through the product's command:
# `rota bench curtois FILE --time-limit S` on each instance in turn (one
# process per instance, so the runs are independent).  Every roster is
# verified by the independent checker before its objective is printed.
#
#   ROTA_CURTOIS_DIR        the instances (default ../shared/bench/curtois
#                           beside the repository; not in the repository):
#                           the benchmark is skipped when they are absent
#   ROTA_CURTOIS_INSTANCES  which ones (default "1 2 3 4 5 6 7 8 9 10 11";
#                           ROTA_CURTOIS_ALL=1: 1-24)
#   ROTA_CURTOIS_TIME_LIMIT the cap per instance in seconds (default 60)
#   ROTA_CURTOIS_EFFORT     the work budget's factor (default 1)
#
# The table goes between the markers "<!-- curtois:table begin -->" and
# "<!-- curtois:table end -->" of bench/RESULTS.md; nothing else in the
# file is touched.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
BUILD=${BUILD:-$top/build}
ROTA=${ROTA:-$BUILD/rota}
dir=${ROTA_CURTOIS_DIR:-$top/../shared/bench/curtois}
limit=${ROTA_CURTOIS_TIME_LIMIT:-60}
effort=${ROTA_CURTOIS_EFFORT:-1}
results=$here/RESULTS.md
which=${ROTA_CURTOIS_INSTANCES:-1 2 3 4 5 6 7 8 9 10 11}
[ "${ROTA_CURTOIS_ALL:-0}" = 1 ] && which=$(seq 1 24 | tr '\n' ' ')

if [ ! -r "$dir/Instance1.txt" ]; then
	echo "curtois: $dir has no instances: skipped"
	exit 0
fi
[ -x "$ROTA" ] || { echo "curtois: $ROTA not built (make)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

load=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo "?")
started=$(date -u '+%Y-%m-%d %H:%M')
status=0
: >"$tmp/rows.csv"
for i in $which; do
	"$ROTA" bench curtois "$dir/Instance$i.txt" --time-limit "$limit" \
		--effort "$effort" --format csv >"$tmp/one.csv" || status=1
	tail -n +2 "$tmp/one.csv" | tee -a "$tmp/rows.csv"
done

# csv: instance,status,objective,bound,gap,seconds,work,stopped_by,
#      best_known,gap_to_best,days,employees,types,shifts_short,
#      cover_under,cover_over,requests
table=$tmp/table.md
{
	echo "<!-- curtois:table begin (written by bench/curtois.sh) -->"
	echo "Measured $started-$(date -u '+%H:%M') UTC on $(uname -m), $(nproc 2>/dev/null || echo '?') cores, load average $load at the start;"
	echo "\`ROTA_CURTOIS_INSTANCES=\"$which\" ROTA_CURTOIS_TIME_LIMIT=$limit ROTA_CURTOIS_EFFORT=$effort sh bench/curtois.sh\`."
	echo
	echo "| instance | days | staff | types | status | objective | bound | gap | best known | gap to best | seconds | work | stopped by | shifts short | requests |"
	echo "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|"
	awk -F, '
	function pct(v) { return v == "" ? "-" : sprintf("%.2f%%", v * 100) }
	{
		printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			$1, $11, $12, $13, $2, $3, ($4 == "" ? "-" : $4),
			pct($5), $9, pct($10), $6, $7, $8, $14, $17
	}' "$tmp/rows.csv"
	awk -F, '$10 != "" && $10 + 0 <= 0 { n++; s = s (s ? ", " : "") substr($1, 9) }
		END { printf "\nAt the best known value: %d of %d (%s).\n", n, NR, n ? s : "none" }' "$tmp/rows.csv"
	echo "<!-- curtois:table end -->"
} >"$table"
cat "$table"

sh "$here/lib/results_table.sh" "$results" curtois:table "$table" || exit 1
exit $status
