# Importing a site: counts, idempotence, listings, errors leave the data alone.
. "$E2E_DIR/lib.sh"
cp -r "$DATA/site" site

expect_exit 0 rota --db t.db import site
expect_file "$E2E_DIR/expected/import-first.txt" out
expect_exit 0 rota --db t.db import site
expect_file "$E2E_DIR/expected/import-again.txt" out

expect_exit 0 rota --db t.db staff --format csv
expect_file "$E2E_DIR/expected/staff.csv" out
expect_exit 0 rota --db t.db staff --format table
expect_file "$E2E_DIR/expected/staff.txt" out
expect_exit 0 rota --db t.db staff --format json
json_ok out
expect_grep '"name": "王小明"' out
expect_exit 0 rota --db t.db staff --team red --skill voice --format csv
[ "$(wc -l <out)" -eq 2 ] || fail "filter by team and skill"
expect_exit 0 rota --db t.db shifts --format csv
expect_file "$E2E_DIR/expected/shifts.csv" out
expect_exit 0 rota --db t.db shifts --format json
json_ok out

# a bad file: exit 3, file:line:column in the message, nothing written
rota --db t.db staff --format csv >before.csv
printf 'id,name,email,team,contract,skills\nE04,New,,red,ft,voice\nE05,Bad,,red,ft,vioce\n' >bad.csv
expect_exit 3 rota --db t.db import staff bad.csv
expect_grep "bad.csv:3: column 'skills': unknown skill 'vioce' (known: chat, voice)" err
rota --db t.db staff --format csv >after.csv
expect_file before.csv after.csv

# a directory import is one transaction: a bad later file undoes the earlier
mkdir bad
cp site/contracts.csv bad/
printf 'id,min_week_min,max_week_min\nnew,0,600\n' >bad/contracts.csv
printf 'code,start,length_min,days\nX,25:00,60,Mon\n' >bad/shifts.csv
expect_exit 3 rota --db t.db import bad
expect_grep "bad/shifts.csv:2: column 'start': '25:00' is not a time of day" err
expect_grep "nothing was imported" err
expect_exit 0 rota --db t.db import contracts site/contracts.csv
expect_grep "0 added, 0 updated, 2 unchanged" out

# --dry-run checks and reports without writing
printf 'id,name,email,team,contract,skills\nE09,Dry,,red,ft,voice\n' >dry.csv
expect_exit 0 rota --db t.db import staff dry.csv --dry-run
expect_grep "1 added, 0 updated, 0 unchanged (dry run: nothing written)" out
rota --db t.db staff --format csv >after.csv
expect_file before.csv after.csv

# a failed import into a new database leaves no database behind
cp site/site.ini bad/
expect_exit 3 rota --db new.db import bad
[ ! -e new.db ] || fail "failed import left new.db"
# without a site.ini there is nothing to create a database from
rm bad/site.ini
expect_exit 1 rota --db new.db import bad
expect_grep "new.db: no such database (create one with 'rota init')" err
expect_exit 2 rota --db t.db import people site/staff.csv
expect_grep "'people' is not a kind" err
expect_exit 3 rota --db t.db import staff missing.csv
expect_grep "missing.csv: cannot read" err

# the forecast listing, in local time with the offset (London in summer)
expect_exit 0 rota --db t.db forecast --week 2026-04-01 --format csv
expect_file "$E2E_DIR/expected/forecast.csv" out
expect_exit 0 rota --db t.db forecast --from 2026-03-30 --to 2026-03-30 --skill chat --format json
json_ok out
expect_grep '"contacts": 30' out
expect_exit 0 rota --db t.db forecast --from 2026-03-31 --to 2026-04-05 --format csv
[ "$(wc -l <out)" -eq 1 ] || fail "forecast outside the range listed"
expect_exit 2 rota --db t.db forecast --week 2026-04-01 --from 2026-03-30

# dates and times as a spreadsheet writes them: 2026/3/31, 2026/03/31 08:01
printf 'employee,start,end,kind,weight,note\nE02,2026/3/31,2026/3/31,hard,,dentist\n' >slash.csv
expect_exit 0 rota --db t.db import timeoff slash.csv
expect_grep "0 added, 0 updated, 1 unchanged" out
printf 'employee,start,end,kind,weight,note\nE02,2026/04/02 08:01,2026/4/2 9:30,hard,,bank\n' >slash.csv
expect_exit 0 rota --db t.db import timeoff slash.csv
expect_grep "1 added, 0 updated, 0 unchanged" out
expect_exit 0 rota --db t.db import timeoff slash.csv
expect_grep "0 added, 0 updated, 1 unchanged" out
