# Operating a week: roster versions (--history, --diff), a roster import
# that changes only its employees, frozen time and the notice window,
# publish refusing a roster that breaks hard rules, re-planning with
# --from / plain schedule on a published week, and the exit codes.
. "$E2E_DIR/lib.sh"
export USER=tester ROTA_NOW=2026-03-01T00:00:00Z ROTA_DB="$PWD/t.db"
cp -r "$DATA/site" site
expect_exit 0 rota import site
expect_exit 0 rota schedule --week 2026-03-30 --time-limit 30
expect_grep "stored as version 1 (12 employee-days changed)" out

# --- every change is a version: who, when, why, what
expect_exit 0 rota roster --week 2026-03-30 --history --format csv
expect_grep "version,created,kind,by,reason,changes,published,live" out
expect_grep "1,2026-03-01T00:00:00+00:00,solve,tester,,12,false,true" out
expect_exit 0 rota roster --week 2026-03-30 --employee E01 --format csv
cp out e01.before
# E03's rows only: E01 and E02 keep their shifts (rows without a skill
# keep the stored one)
cat >e03.csv <<'CSV'
employee,date,shift
E03,2026-03-30,E
E03,2026-03-31,E
E03,2026-04-01,L
E03,2026-04-02,E
E03,2026-04-04,L
CSV
expect_exit 0 rota import roster e03.csv --by "Supervisor Li" --reason "E03 asked for a Saturday"
expect_grep "e03.csv: 1 added, 1 updated, 3 unchanged, 1 removed" out
expect_grep "E03 rests 8h00 between L on Wed 2026-04-01 and E on Thu 2026-04-02 (at least 11h00)" out
expect_exit 0 rota roster --week 2026-03-30 --employee E01 --format csv
expect_file e01.before out
expect_exit 0 rota roster --week 2026-03-30 --history --format table
expect_grep "      2  2026-03-01 00:00  import  Supervisor Li  E03 asked for a Saturday        3             live" out
expect_exit 0 rota roster --week 2026-03-30 --diff 1 2 --format table
expect_grep "version 1 -> 2: 3 employee-days changed" out
expect_grep "E03       Jürgen Groß  Wed 2026-04-01  E 07:00-16:00 voice  ->  L 14:00-23:00" out
expect_grep "E03       Jürgen Groß  Fri 2026-04-03  E 07:00-16:00 voice  ->  -" out
expect_grep "E03       Jürgen Groß  Sat 2026-04-04  -                    ->  L 14:00-23:00" out
expect_exit 0 rota roster --week 2026-03-30 --diff 1 live --format csv
expect_grep "employee,name,date,old_shift,old_start,old_end,old_skill,new_shift,new_start,new_end,new_skill" out
expect_grep "E03,Jürgen Groß,2026-04-03,E,2026-04-03T07:00:00+01:00,2026-04-03T16:00:00+01:00,voice,,,," out
expect_exit 0 rota roster --week 2026-03-30 --diff 2 1 --employee E01 --format json
[ "$(cat out)" = "[]" ] || fail "E01 did not change: $(cat out)"
expect_exit 1 rota roster --week 2026-03-30 --diff 1 9
expect_grep "rota: the roster of the week of 2026-03-30 has no version 9 (latest 2)" err
expect_exit 1 rota roster --week 2026-04-06 --history
expect_grep "rota: no roster for the week of 2026-04-06" err
expect_exit 2 rota roster --week 2026-03-30 --diff 1
expect_grep "--diff needs two versions: --diff V1 V2" err
expect_exit 2 rota roster --week 2026-03-30 --diff one 2
expect_grep "--diff: 'one' is not a whole number" err
expect_exit 2 rota roster --week 2026-03-30 --history --check
expect_grep "give one of --check, --history and --diff" err

# --- the roster breaks a hard rule: publish refuses it
expect_exit 1 rota publish --week 2026-03-30 --out feeds
expect_grep "rota: the roster of the week of 2026-03-30 breaks 1 hard rule (rota roster --check lists them): not published (--force publishes it anyway)" err
[ ! -e feeds ] || fail "a refused publish wrote feeds"
# re-planning from Wednesday mends it with the fewest changes
expect_exit 0 rota schedule --week 2026-03-30 --from "2026-04-01 00:00" --time-limit 30 --by "Supervisor Li" --reason "rest"
expect_grep "re-planned from Wed 2026-04-01 00:00: 1 employee-day changed:" out
expect_grep "coverage (understaffed agent-minutes of the week):" out
expect_exit 0 rota roster --week 2026-03-30 --check --format table
expect_grep "0 hard violations" out
expect_exit 0 rota publish --week 2026-03-30 --out feeds
expect_exit 0 rota roster --week 2026-03-30 --history --format csv
expect_grep "3,2026-03-01T00:00:00+00:00,replan,Supervisor Li,rest,1,true,true" out

# --- Wednesday 20:00 in London: what started is frozen, and the
# published week's next 12 hours need --force
export ROTA_NOW="2026-04-01 20:00"
printf 'employee,date,shift\nE01,2026-03-30,L\nE01,2026-03-31,E\nE01,2026-04-01,E\nE01,2026-04-02,E\nE01,2026-04-03,E\n' >past.csv
expect_exit 1 rota import roster past.csv
expect_grep "rota: past.csv: E01's Early shift on Mon 2026-03-30 (07:00) has started: past time is frozen" err
expect_exit 0 rota roster --week 2026-03-30 --history --format csv
expect_no_grep "4," out
printf 'employee,date,shift\nE03,2026-03-30,E\nE03,2026-03-31,E\nE03,2026-04-01,E\nE03,2026-04-02,L\nE03,2026-04-04,L\n' >notice.csv
expect_exit 1 rota import roster notice.csv
expect_grep "rota: notice.csv: E03's Early shift on Thu 2026-04-02 (07:00) starts within the 12 h notice window (--force to change it)" err
expect_exit 0 rota import roster notice.csv --force --reason "E03 asked"
expect_grep "notice.csv: 0 added, 1 updated, 4 unchanged" out
expect_grep "rota: warning: the roster of the week of 2026-03-30 was published (version 3); version 4 changes it: publish again to update the calendars" err

# plain schedule on a published week re-plans from now + the window
expect_exit 0 rota schedule --week 2026-03-30 --time-limit 30
expect_grep "rota: warning: the roster of the week of 2026-03-30 is published: re-planning from Thu 2026-04-02 08:00 with the fewest changes (--fresh re-solves it)" err
expect_grep "re-planned from Thu 2026-04-02 08:00:" out

# a sick call, then a re-plan from 21:00 (forced into the window) with at
# most two changes
expect_exit 0 rota absence add E01 --from 2026-04-02 --to 2026-04-02 --type sick --by Li
expect_exit 0 rota schedule --week 2026-03-30 --from "2026-04-01 21:00" --force --max-changes 2 --time-limit 30
expect_grep "re-planned from Wed 2026-04-01 21:00:" out
expect_exit 0 rota roster --week 2026-03-30 --check --format table
expect_grep "0 hard violations" out

# a week without a forecast, or whose forecast needs nobody, is scheduled
# with a warning (exit 0)
expect_exit 0 rota schedule --week 2026-04-06 --time-limit 30
expect_grep "rota: warning: the week has no forecast: the roster follows the contracts only (import forecast.csv, then schedule again)" err
printf 'start,skill,contacts,aht_s\n2026-04-14 09:00,voice,0,300\n' >quiet.csv
expect_exit 0 rota import forecast quiet.csv
expect_exit 0 rota schedule --week 2026-04-13 --time-limit 30
expect_grep "rota: warning: the week's forecast needs no agents: the roster follows the contracts only" err

# errors
expect_exit 1 rota schedule --week 2026-03-30 --from "2026-04-01 08:00"
expect_grep "rota: cannot re-plan from Wed 2026-04-01 08:00: it is before now (Wed 2026-04-01 20:00) and past time is frozen" err
expect_exit 1 rota schedule --week 2026-04-20 --from "2026-04-21 08:00"
expect_grep "rota: no roster for the week of 2026-04-20 to re-plan (schedule it first)" err
expect_exit 2 rota schedule --week 2026-03-30 --from "2026-04-02 08:00" --fresh
expect_grep "--from re-plans with the fewest changes, --fresh from scratch: give one" err
expect_exit 2 rota schedule --week 2026-03-30 --threads none
expect_grep "threads" err
expect_exit 2 rota schedule --week 2026-03-30 --max-changes many
expect_grep "--max-changes: 'many' is not a whole number" err
expect_exit 2 rota schedule --week 2026-03-30 --from tomorrow
expect_grep "--from: " err
expect_exit 2 rota import staff site/staff.csv --by Li
expect_grep "--replace-week, --force, --by and --reason are for a roster.csv" err
