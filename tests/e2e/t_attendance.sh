# Attendance end to end: punches imported (duplicates skipped), clocking in
# and out, corrections, the HR summary (golden CSV), per-shift detail, the
# review sheet.  Site Europe/London; the week of 2026-03-23 holds the change
# to summer time (the night shift of Sat 28 March lasts its 480 minutes and
# ends at 07:00 summer time).
. "$E2E_DIR/lib.sh"
export ROTA_NOW=2026-04-01T00:00:00Z
cp -r "$DATA/site" site
rota --db t.db import site >/dev/null
rota --db t.db import roster "$DATA/attendance/roster.csv" >/dev/null
cp "$DATA/attendance/punches.csv" punches.csv

# import: exact duplicates are skipped and counted; again: all skipped
expect_exit 0 rota --db t.db import punches punches.csv
expect_grep "punches.csv: 18 added, 0 updated, 0 unchanged, 2 duplicates skipped" out
expect_exit 0 rota --db t.db import punches punches.csv
expect_grep "punches.csv: 0 added, 0 updated, 0 unchanged, 20 duplicates skipped" out
printf 'employee,time,kind\nE01,2026-03-30 07:00,in\nE09,2026-03-30 07:00,in\n' >bad.csv
expect_exit 3 rota --db t.db import punches bad.csv
expect_grep "bad.csv:3: column 'employee': unknown employee 'E09'" err

# the summary: every definition on the hand-made week
expect_exit 0 rota --db t.db attendance --from 2026-03-23 --to 2026-03-29 --format csv
expect_file "$E2E_DIR/expected/attendance.csv" out
expect_exit 0 rota --db t.db attendance --from 2026-03-23 --to 2026-03-29 --detail --format csv
expect_file "$E2E_DIR/expected/attendance-detail.csv" out
expect_exit 0 rota --db t.db attendance --from 2026-03-23 --to 2026-03-29 --team blue --format json
json_ok out
expect_grep '"employee": "E03"' out
expect_grep '"adherence": 1.0000' out
expect_no_grep '"E01"' out
expect_exit 0 rota --db t.db attendance --from 2026-03-29 --to 2026-03-29 --employee E03 --format csv
expect_grep "E03,Jürgen Groß,blue,1,450,460,0,0,0,0,0,0,10,1.0000,0,450,1.0222,0," out
# as of Friday noon: Friday's shift has not ended, later punches not happened
expect_exit 0 rota --db t.db attendance --from 2026-03-23 --to 2026-03-29 --as-of "2026-03-27 12:00" --format csv
expect_grep "E01,王小明,red,4,1920,1401,1,12,1,30,1,0,3,0.7281,0,1398," out
expect_grep "E02,\"Okafor, Ada\",red,2,960,957,0,0,0,0,0,1,5,0.9917,0,952," out
expect_exit 1 rota --db t.db attendance --from 2026-03-23 --to 2026-03-29 --employee E77
expect_grep "rota: unknown employee 'E77'" err
expect_exit 2 rota --db t.db attendance --from 2026-03-29 --to 2026-03-23
expect_grep "--to is before --from" err
expect_exit 2 rota --db t.db attendance --from 2026-03-23
expect_grep "--from and --to are required" err

# the review sheet
expect_exit 0 rota --db t.db review E01 --from 2026-03-23 --to 2026-03-29
expect_file "$E2E_DIR/expected/review.txt" out
expect_exit 0 rota --db t.db review E01 --from 2026-03-16 --to 2026-03-29 --format json
json_ok out
expect_grep '"team_size": 2' out
expect_exit 2 rota --db t.db review E01 --from 2026-03-23 --to 2026-03-29 --format xml
expect_grep "is not a format" err

# clocking: now, or --at within clock_tolerance_min (10) of now for a
# terminal that batches; twice in is refused with the open clock-in, exit 1
ROTA_NOW="2026-03-30 07:01" expect_exit 0 rota --db t.db clock in E01 --source door-1
expect_grep "E01 clocked in at 2026-03-30T07:01:00+01:00 (record 19, source 'door-1')" out
ROTA_NOW="2026-03-30 07:14" expect_exit 1 rota --db t.db clock in E01 --at "2026-03-30 07:05"
expect_grep "rota: 'E01' is already clocked in since 2026-03-30T07:01:00+01:00 (record 19); clock out first" err
# back-dating past the tolerance is refused: a correction says who and why
ROTA_NOW="2026-03-30 16:11" expect_exit 1 rota --db t.db clock out E01 --at "2026-03-30 16:00"
expect_grep "rota: 2026-03-30 16:00 is 0 h 11 min before now (2026-03-30 16:11); a clock punch may be at most 10 min from now (site.ini [attendance] clock_tolerance_min): record it with 'rota punch add EMPLOYEE in|out --at TIME --reason TEXT --by NAME'" err
ROTA_NOW="2026-03-31 10:00" expect_exit 1 rota --db t.db clock out E01 --at "2026-03-30 16:00"
expect_grep "is 18 h 00 min before now" err
ROTA_NOW="2026-03-30 15:50" expect_exit 1 rota --db t.db clock out E01 --at "2026-03-30 16:01"
expect_grep "is 0 h 11 min after now" err
ROTA_NOW="2026-03-30 16:10" expect_exit 0 rota --db t.db clock out E01 --at "2026-03-30 16:00"
ROTA_NOW="2026-03-30 16:01" expect_exit 1 rota --db t.db clock out E01
expect_grep "already clocked out at 2026-03-30T16:00:00+01:00 (record 20)" err
export ROTA_NOW=2026-04-01T00:00:00Z
expect_exit 1 rota --db t.db clock in E77
expect_grep "rota: unknown employee 'E77'" err
expect_exit 2 rota --db t.db clock in E01 --at "yesterday"
expect_grep "--at: 'yesterday' is not a time" err
expect_exit 2 rota --db t.db clock sideways E01

# corrections change the summary; the originals stay
expect_exit 0 rota --db t.db punch add E01 out --at "2026-03-27 16:00" --reason "forgot to clock out" --by "hr:li"
expect_grep "record 21 added: E01 out at 2026-03-27T16:00:00+00:00" out
expect_exit 0 rota --db t.db punch correct 3 --at "2026-03-24 07:00" --reason "badge reader down" --by "hr:li"
expect_grep "record 22 corrects record 3: E01 in at 2026-03-24T07:00:00+00:00" out
expect_exit 0 rota --db t.db punch void 10 --reason "pressed twice" --by "hr:li"
expect_grep "record 23 voids record 10: E02 out at 2026-03-23T23:02:00+00:00" out
expect_exit 1 rota --db t.db punch void 10 --reason "again" --by "hr:li"
expect_grep "record 10 was already voided by record 23" err
expect_exit 1 rota --db t.db punch correct 99 --at "2026-03-24 07:00" --reason x --by y
expect_grep "rota: no clock record 99" err
expect_exit 2 rota --db t.db punch void 10 --by "hr:li"
expect_grep "a correction needs --reason TEXT" err
expect_exit 0 rota --db t.db attendance --from 2026-03-23 --to 2026-03-29 --format csv
expect_grep "E01,王小明,red,5,2400,1890,0,0,1,30,1,0,3,0.7863,0,1887,0.7875,0,0,0,0,0,0,1" out
expect_grep "E02,\"Okafor, Ada\",red,2,960,1077,0,0,0,0,0,0,125,0.9917,120,952,1.1219," out
expect_exit 0 rota --db t.db punches --employee E01 --from 2026-03-24 --to 2026-03-24 --format csv
expect_file "$E2E_DIR/expected/punches-effective.csv" out
expect_exit 0 rota --db t.db punches --employee E01 --from 2026-03-24 --to 2026-03-24 --all --format csv
cut -d, -f1-11 out >all.csv
expect_file "$E2E_DIR/expected/punches-all.csv" all.csv
expect_exit 0 rota --db t.db punches --all --format json
json_ok out
[ "$(grep -c '"id"' out)" -eq 23 ] || fail "punches --all lists every record"
