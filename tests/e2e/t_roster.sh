# Rosters: import a hand-edited roster.csv (stored even when it breaks rules,
# violations listed), show it as a week grid / CSV / JSON, --check it, and
# coverage per interval and skill.
. "$E2E_DIR/lib.sh"
# the fixtures' weeks are in the future (frozen time: docs/operations.md)
export ROTA_NOW=2026-03-01T00:00:00Z
cp -r "$DATA/site" site
expect_exit 0 rota --db t.db import site
# a soft time-off wish: E03 would like Saturday 4 April off
printf 'employee,start,end,kind,weight,note\nE03,2026-04-04,2026-04-04,soft,5,party\n' >soft.csv
expect_exit 0 rota --db t.db import timeoff soft.csv

# E01: a late shift then an early one (8 h rest); E02 works on her hard day
# off; E03 short of his weekly hours and working the Saturday he asked off
cat >roster.csv <<'CSV'
employee,date,shift
E01,2026-03-30,E
E01,2026-03-31,E
E01,2026-04-01,L
E01,2026-04-02,L
E01,2026-04-03,E
E02,2026-03-31,E
E02,2026-04-01,E
E03,2026-03-30,L
E03,2026-03-31,L
E03,2026-04-01,L
E03,2026-04-04,N
CSV
expect_exit 0 rota --db t.db import roster roster.csv
expect_file "$E2E_DIR/expected/roster-import.txt" out

expect_exit 0 rota --db t.db roster --week 2026-04-01 --format table
expect_file "$E2E_DIR/expected/roster-grid.txt" out
expect_exit 0 rota --db t.db roster --week 2026-04-01 --format csv
expect_file "$E2E_DIR/expected/roster.csv" out
cp out exported.csv
expect_exit 0 rota --db t.db roster --week 2026-03-30 --format json
json_ok out
expect_grep '"employee": "E01", "date": "2026-03-30", "shift": "E", "start": "2026-03-30T07:00:00+01:00", "end": "2026-03-30T16:00:00+01:00", "paid_minutes": 480, "name": "王小明"' out
expect_exit 0 rota --db t.db roster --week 2026-03-30 --team blue --format csv
[ "$(wc -l <out)" -eq 5 ] || fail "--team blue: expected 4 shifts"
expect_exit 0 rota --db t.db roster --week 2026-03-30 --employee E02 --format table
expect_grep "E02       Okafor, Ada  -       E       E       -       -       -       -       16:00" out
expect_no_grep "E01" out

# a dry run lists the violations too, and writes nothing; only E01, the
# one employee in the file, would change (--replace-week: everyone)
printf 'employee,date,shift\nE01,2026-03-30,N\n' >dry.csv
expect_exit 0 rota --db t.db import roster dry.csv --dry-run
expect_grep "dry.csv: 0 added, 1 updated, 0 unchanged, 4 removed (dry run: nothing written)" out
expect_exit 0 rota --db t.db import roster dry.csv --dry-run --replace-week
expect_grep "dry.csv: 0 added, 1 updated, 0 unchanged, 10 removed (dry run: nothing written)" out
expect_grep "E01 works N on Mon 2026-03-30, which is not offered that day" out
expect_exit 0 rota --db t.db roster --week 2026-03-30 --format csv
expect_file "$E2E_DIR/expected/roster.csv" out

# the exported CSV imports back unchanged (and keeps the stored roster)
expect_exit 0 rota --db t.db import roster exported.csv
expect_grep "exported.csv: 0 added, 0 updated, 11 unchanged" out

# --check: every violation, exit 1 while a hard rule is broken
expect_exit 1 rota --db t.db roster --week 2026-03-30 --check --format table
expect_file "$E2E_DIR/expected/roster-check.txt" out
expect_exit 1 rota --db t.db roster --week 2026-03-30 --check --format csv
expect_grep "E02,2026-03-31,unavailable,hard,1,0,E02 works E on Tue 2026-03-31 but is unavailable that day (leave or day off)" out
expect_exit 1 rota --db t.db roster --week 2026-03-30 --check --format json
json_ok out

# a roster that keeps every hard rule: --check passes, soft ones listed
cat >fixed.csv <<'CSV'
employee,date,shift
E01,2026-03-30,E
E01,2026-03-31,E
E01,2026-04-01,E
E01,2026-04-02,L
E01,2026-04-03,L
E02,2026-04-01,E
E02,2026-04-02,E
E03,2026-03-30,L
E03,2026-03-31,L
E03,2026-04-01,L
E03,2026-04-02,L
E03,2026-04-04,L
CSV
expect_exit 0 rota --db t.db import roster fixed.csv
expect_grep "fixed.csv: 2 added, 3 updated, 7 unchanged, 1 removed" out
expect_exit 0 rota --db t.db roster --week 2026-03-30 --check --format table
expect_file "$E2E_DIR/expected/roster-check-ok.txt" out

# coverage against stored requirements (written directly until `rota
# staffing` stores them): 3 voice agents 14:00-15:00 Monday, 1 chat 07:00-08:00
python3 - <<'PY'
import sqlite3
db = sqlite3.connect("t.db")
sk = dict(db.execute("SELECT name, id FROM skill"))
mon = 1774825200  # 2026-03-30 00:00 BST
rows = [(mon + 7 * 3600 + i * 1800, sk["chat"], 1, 1, 0.8) for i in range(2)]
rows += [(mon + 14 * 3600 + i * 1800, sk["voice"], 3, 3, 0.8) for i in range(2)]
db.executemany("INSERT INTO requirement VALUES (?, ?, ?, ?, ?)", rows)
db.commit()
PY
expect_exit 0 rota --db t.db coverage --week 2026-03-30 --skill voice --format table
expect_file "$E2E_DIR/expected/coverage-voice.txt" out
expect_exit 0 rota --db t.db coverage --week 2026-03-30 --format csv
expect_grep "2026-03-30T07:00:00+01:00,chat,1,1,0" out
expect_grep "2026-03-30T14:00:00+01:00,voice,3,2,-1" out
expect_exit 0 rota --db t.db coverage --week 2026-03-30 --format json
json_ok out

# errors
expect_exit 2 rota --db t.db roster --week 2026-13-01
expect_grep "--week: '2026-13-01' is not a date (expected YYYY-MM-DD)" err
expect_exit 1 rota --db t.db roster --week 2026-04-13
expect_grep "rota: no roster for the week of 2026-04-13" err
# one rule for names that do not exist: exit 1, a message, no output
expect_exit 1 rota --db t.db roster --week 2026-03-30 --employee E99
expect_grep "rota: unknown employee 'E99'" err
[ ! -s out ] || fail "an unknown employee printed a roster"
expect_exit 1 rota --db t.db roster --week 2026-03-30 --team nosuch
expect_grep "rota: unknown team 'nosuch' (nobody is in it)" err
[ ! -s out ] || fail "an unknown team printed a roster"
expect_exit 1 rota --db t.db coverage --week 2026-04-13
expect_grep "rota: no roster for the week of 2026-04-13" err
[ ! -s out ] || fail "coverage of an unscheduled week printed a table"
expect_exit 1 rota --db t.db coverage --week 2026-03-30 --skill email
expect_grep "rota: unknown skill 'email' (known: chat, voice)" err
expect_exit 1 rota --db t.db forecast --skill email
expect_grep "rota: unknown skill 'email' (known: chat, voice)" err
expect_exit 1 rota --db t.db punches --employee E99
expect_grep "rota: unknown employee 'E99'" err
expect_exit 1 rota --db t.db attendance --from 2026-03-30 --to 2026-04-05 --team nosuch
expect_exit 1 rota --db t.db review E99 --from 2026-03-30 --to 2026-04-05
expect_exit 2 rota --db t.db roster --check --employee E01
expect_grep "--check looks at the whole roster" err
expect_exit 2 rota --db t.db coverage
expect_grep "--week DATE is required" err
printf 'employee,date,shift\nE01,2026-03-30,E\nE01,2026-03-30,L\n' >twice.csv
expect_exit 3 rota --db t.db import roster twice.csv
expect_grep "twice.csv:3: column 'date': E01 already has a shift on 2026-03-30 (line 2): one shift per day" err

# the week clocks go forward (Europe/London, Sunday 29 March): each shift
# keeps its wall-clock start, the offset changes within the week
printf 'employee,date,shift\nE03,2026-03-28,L\nE03,2026-03-29,L\n' >dst.csv
expect_exit 0 rota --db t.db import roster dst.csv
expect_exit 0 rota --db t.db roster --week 2026-03-23 --format csv
expect_grep "E03,2026-03-28,L,2026-03-28T14:00:00+00:00,2026-03-28T23:00:00+00:00,480" out
expect_grep "E03,2026-03-29,L,2026-03-29T14:00:00+01:00,2026-03-29T23:00:00+01:00,480" out
