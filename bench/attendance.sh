#!/bin/sh
# bench/attendance.sh - a year of clock punches for 1,000 employees: import
# (target < 15 s) and the year's summary for everyone (target < 2 s), through
# the library (build/bench/attendance) and through the rota binary on the same
# data.  Not a test: prints the figures; bench/RESULTS.md records them.
#   ATT_EMPLOYEES=1000 ATT_WEEKS=52  size of the run
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
BUILD=${BUILD:-$top/build}
ROTA=${ROTA:-$BUILD/rota}
dir=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-att.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

"$BUILD/bench/attendance" --employees "${ATT_EMPLOYEES:-1000}" \
	--weeks "${ATT_WEEKS:-52}" --dir "$dir"

# the same through the command line: import into the copy without punches,
# then the summary as CSV
secs() { python3 -c 'import time; print("%.3f" % time.monotonic())'; }
last=$(python3 -c "
import datetime
d = datetime.date(2026, 1, 5) + datetime.timedelta(weeks=${ATT_WEEKS:-52}, days=-1)
print(d.isoformat())")
t0=$(secs)
"$ROTA" --db "$dir/empty.db" import punches "$dir/punches.csv"
t1=$(secs)
"$ROTA" --db "$dir/empty.db" attendance --from 2026-01-05 --to "$last" \
	--format csv >"$dir/summary.csv"
t2=$(secs)
echo "rota import punches: $(python3 -c "print('%.2f' % ($t1 - $t0))") s"
echo "rota attendance (year, everyone, csv): $(python3 -c "print('%.2f' % ($t2 - $t1))") s, $(($(wc -l <"$dir/summary.csv") - 1)) rows"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
