# HR end to end: KPIs (site.ini [kpi.NAME], rota import kpis), the
# scorecard, the review page and payroll on the hand-made week of
# t_attendance (site Europe/London, 2026-03-23..29).
. "$E2E_DIR/lib.sh"
export ROTA_NOW=2026-04-01T00:00:00Z
cp -r "$DATA/site" site
cat >>site/site.ini <<'INI'

[kpi.csat]
unit = points
target = 4.5
lower = 3
upper = 5
weight = 2
INI
rota --db t.db import site >/dev/null
rota --db t.db import roster "$DATA/attendance/roster.csv" >/dev/null
rota --db t.db import punches "$DATA/attendance/punches.csv" >/dev/null
printf 'employee,date,metric,value\nE01,2026-03-23,csat,4.2\nE01,2026-03-24,csat,4.8\nE02,2026-03-23,csat,3.9\nE03,2026-03-28,csat,5\n' >kpis.csv

# KPIs: imported, again unchanged, a bad metric refused with the known ones
expect_exit 0 rota --db t.db import kpis kpis.csv
expect_grep "kpis.csv: 4 added, 0 updated, 0 unchanged" out
expect_exit 0 rota --db t.db import kpis kpis.csv
expect_grep "kpis.csv: 0 added, 0 updated, 4 unchanged" out
printf 'employee,date,metric,value\nE01,2026-03-25,nps,9\n' >bad.csv
expect_exit 3 rota --db t.db import kpis bad.csv
expect_grep "bad.csv:2: column 'metric': unknown metric 'nps' (known: csat)" err

# the scorecard: a row per metric and a total, team medians and ranks
expect_exit 0 rota --db t.db scorecard --from 2026-03-23 --to 2026-03-29 --format csv
expect_grep "employee,name,team,metric,unit,value,target,points,weight,team_median,percentile" out
expect_grep "E01,王小明,red,csat,points,4.50,4.50,7.50,2,4.20,75" out
expect_grep "E01,王小明,red,adherence,fraction,0.5825,0.9500,0.00,1,0.7871,25" out
expect_grep "E01,王小明,red,bradford,points,1,50,9.96,1,0.50,25" out
expect_grep "E02,\"Okafor, Ada\",red,total,points,8.35,,8.35,7,5.96,75" out
expect_grep "E03,Jürgen Groß,blue,total,points,10,,10.00,7,10,50" out
[ "$(grep -c ',total,' out)" -eq 3 ] || fail "one total per person"
expect_exit 0 rota --db t.db scorecard --from 2026-03-23 --to 2026-03-29 --team blue --format json
json_ok out
expect_grep '"metric": "csat", "unit": "points", "value": 5,' out
expect_no_grep "E01" out
expect_exit 1 rota --db t.db scorecard --from 2026-03-23 --to 2026-03-29 --team green
expect_grep "rota: no employee in team 'green'" err
expect_exit 2 rota --db t.db scorecard --from 2026-03-23
expect_grep "--from and --to are required" err

# payroll: minutes per pay code; regular + overtime + not_paid = worked
expect_exit 0 rota --db t.db payroll --from 2026-03-23 --to 2026-03-29 --format csv
expect_grep "employee,name,team,code,minutes,hours,multiplier" out
expect_grep "E01,王小明,red,regular,1398,23.30," out
expect_grep "E01,王小明,red,not_paid,3,0.05," out
expect_grep "E02,\"Okafor, Ada\",red,night,116,1.93," out
expect_grep "E03,Jürgen Groß,blue,weekend,570,9.50," out
# E02 stayed 5 min late on Monday and worked 2 h on Saturday: approve both
printf 'employee,date,minutes,by,reason\nE02,2026-03-23,5,sup Li,queue\nE02,2026-03-28,120,sup Li,backlog\n' >overtime.csv
expect_exit 0 rota --db t.db import overtime overtime.csv
expect_grep "overtime.csv: 2 added" out
# Saturday a public holiday at 3x, Sunday a make-up working day
printf 'date,name,multiplier\n2026-03-28,Test holiday,3\n2026-03-29,Make-up day,1\n' >holidays.csv
expect_exit 0 rota --db t.db import holidays holidays.csv
expect_exit 0 rota --db t.db payroll --from 2026-03-23 --to 2026-03-29 --format csv
expect_grep "E02,\"Okafor, Ada\",red,regular,952," out
expect_grep "E02,\"Okafor, Ada\",red,overtime,125," out
expect_no_grep "E02,\"Okafor, Ada\",red,not_paid" out
expect_grep "E02,\"Okafor, Ada\",red,holiday,120,2.00,3" out
expect_grep "E03,Jürgen Groß,blue,holiday,120,2.00,3" out
expect_no_grep "E03,Jürgen Groß,blue,weekend" out
expect_exit 0 rota --db t.db payroll --from 2026-03-23 --to 2026-03-29 --employee E02 --format json
json_ok out
expect_exit 1 rota --db t.db payroll --from 2026-03-23 --to 2026-03-29 --employee E77
expect_grep "rota: unknown employee 'E77'" err
printf 'date,name,multiplier\n2026-03-30,Bad,0\n' >bad.csv
expect_exit 3 rota --db t.db import holidays bad.csv
expect_grep "bad.csv:2: column 'multiplier': 0 is out of range (expected 1 to 10)" err
