#!/bin/sh
# bench/attendance.sh - a year of clock punches for 1,000 employees: import
# (target < 15 s) and the year's summary for everyone (target < 2 s), then
# the HR reports: a KPI import of one value per person and day (365,000 rows,
# target < 5 s), the year's scorecard with 5 KPIs and payroll for everyone
# (each < 2 s); through the library (build/bench/attendance) and through the
# rota binary on the same data.  Not a test: prints the figures;
# bench/RESULTS.md records them.
#   ATT_EMPLOYEES=1000 ATT_WEEKS=52  size of the run
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
BUILD=${BUILD:-$top/build}
ROTA=${ROTA:-$BUILD/rota}
dir=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-att.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

"$BUILD/bench/attendance" --employees "${ATT_EMPLOYEES:-1000}" \
	--weeks "${ATT_WEEKS:-52}" --dir "$dir" \
	--holidays "$top/examples/contact-center/holidays.csv"

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
"$ROTA" --db "$dir/empty.db" import site "$dir/kpi.ini" >/dev/null
"$ROTA" --db "$dir/empty.db" import holidays \
	"$top/examples/contact-center/holidays.csv" >/dev/null
t3=$(secs)
"$ROTA" --db "$dir/empty.db" import kpis "$dir/kpis-1.csv"
t4=$(secs)
for k in 2 3 4 5; do
	"$ROTA" --db "$dir/empty.db" import kpis "$dir/kpis-$k.csv" >/dev/null
done
t5=$(secs)
"$ROTA" --db "$dir/empty.db" scorecard --from 2026-01-05 --to "$last" \
	--format csv >"$dir/scorecard.csv"
t6=$(secs)
"$ROTA" --db "$dir/empty.db" payroll --from 2026-01-05 --to "$last" \
	--format csv >"$dir/payroll.csv"
t7=$(secs)
echo "rota import punches: $(python3 -c "print('%.2f' % ($t1 - $t0))") s"
echo "rota attendance (year, everyone, csv): $(python3 -c "print('%.2f' % ($t2 - $t1))") s, $(($(wc -l <"$dir/summary.csv") - 1)) rows"
echo "rota import kpis (one metric, $(($(wc -l <"$dir/kpis-1.csv") - 1)) rows): $(python3 -c "print('%.2f' % ($t4 - $t3))") s"
echo "rota scorecard (year, everyone, 5 KPIs + 5 attendance metrics, csv): $(python3 -c "print('%.2f' % ($t6 - $t5))") s, $(($(wc -l <"$dir/scorecard.csv") - 1)) rows"
echo "rota payroll (year, everyone, csv): $(python3 -c "print('%.2f' % ($t7 - $t6))") s, $(($(wc -l <"$dir/payroll.csv") - 1)) rows"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
