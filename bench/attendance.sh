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
last=$(python3 -c "
import datetime
d = datetime.date(2026, 1, 5) + datetime.timedelta(weeks=${ATT_WEEKS:-52}, days=-1)
print(d.isoformat())")
# wall and cpu (user + system) seconds of one command: "W s (cpu C s)"
timed() {
	out=$1; shift
	/usr/bin/time -f "%e %U %S" -o "$dir/time" "$@" >"$out"
	awk '{ printf "%.2f s (cpu %.2f s)", $1, $2 + $3 }' "$dir/time"
}
t_punch=$(timed /dev/null "$ROTA" --db "$dir/empty.db" import punches "$dir/punches.csv")
t_att=$(timed "$dir/summary.csv" "$ROTA" --db "$dir/empty.db" attendance \
	--from 2026-01-05 --to "$last" --format csv)
"$ROTA" --db "$dir/empty.db" import site "$dir/kpi.ini" >/dev/null
"$ROTA" --db "$dir/empty.db" import holidays \
	"$top/examples/contact-center/holidays.csv" >/dev/null
t_kpi=$(timed /dev/null "$ROTA" --db "$dir/empty.db" import kpis "$dir/kpis-1.csv")
for k in 2 3 4 5; do
	"$ROTA" --db "$dir/empty.db" import kpis "$dir/kpis-$k.csv" >/dev/null
done
t_card=$(timed "$dir/scorecard.csv" "$ROTA" --db "$dir/empty.db" scorecard \
	--from 2026-01-05 --to "$last" --format csv)
t_pay=$(timed "$dir/payroll.csv" "$ROTA" --db "$dir/empty.db" payroll \
	--from 2026-01-05 --to "$last" --format csv)
echo "rota import punches: $t_punch"
echo "rota attendance (year, everyone, csv): $t_att, $(($(wc -l <"$dir/summary.csv") - 1)) rows"
echo "rota import kpis (one metric, $(($(wc -l <"$dir/kpis-1.csv") - 1)) rows): $t_kpi"
echo "rota scorecard (year, everyone, 5 KPIs + 5 attendance metrics, csv): $t_card, $(($(wc -l <"$dir/scorecard.csv") - 1)) rows"
echo "rota payroll (year, everyone, csv): $t_pay, $(($(wc -l <"$dir/payroll.csv") - 1)) rows"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
