# rota staffing: requirements per interval and skill for an ISO week, from
# the stored forecast and the skills' targets; stored for the scheduler and
# recomputed when either changes.
. "$E2E_DIR/lib.sh"

# Skills and forecast rows are written with SQL until the importers can
# load them (python3's sqlite3 module; the schema is rota's own).
sql() {
	python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(sys.argv[2]).fetchall()
db.commit()
for r in rows: print("|".join(str(c) for c in r))' rota.db "$1"
}

expect_exit 0 rota --db rota.db init --site "Shanghai" --tz Asia/Shanghai --interval-min 30
export ROTA_DB=rota.db
sql "INSERT INTO skill (name, sl, answer_s, max_occupancy, shrinkage)
     VALUES ('voice', 0.8, 20, 0.85, 0.3)"
sql "INSERT INTO skill (name, sl, answer_s, concurrency, patience_s)
     VALUES ('chat', 0.85, 60, 2, 300)"
# Monday 2026-03-02 09:00 and 09:30 +08:00 (UTC 01:00 and 01:30)
sql "INSERT INTO forecast (start, skill_id, contacts, aht_s) VALUES
     (1772413200, (SELECT id FROM skill WHERE name = 'voice'), 100, 180),
     (1772415000, (SELECT id FROM skill WHERE name = 'voice'), 85, 1800),
     (1772413200, (SELECT id FROM skill WHERE name = 'chat'), 60, 600)"

# any day of the week selects the same week
expect_exit 0 rota staffing --week 2026-03-04 --format csv
head -n 1 out >got
echo "start,skill,contacts,aht_s,agents,scheduled_agents,service_level" >want
expect_file want got
[ "$(wc -l <out)" -eq $((7 * 48 * 2 + 1)) ] || fail "expected 672 rows"
expect_grep "2026-03-02T00:00:00+08:00,chat,0,,0,0,1.00000000000" out
expect_grep "2026-03-02T09:00:00+08:00,voice,100,180,14,20,0.888350019179" out
expect_grep "2026-03-02T09:30:00+08:00,voice,85,1800,100,143," out
expect_grep "2026-03-02T09:00:00+08:00,chat,60,600," out
expect_grep "2026-03-08T23:30:00+08:00,voice,0,,0,0," out
expect_no_grep "2026-03-09T00:00" out
cp out week.csv
expect_exit 0 rota staffing --week 2026-03-08 --format csv
expect_file week.csv out

# stored for the scheduler: the whole week, every skill
[ "$(sql 'SELECT count(*) FROM requirement')" = 672 ] || fail "672 requirement rows"
[ "$(sql 'SELECT agents, scheduled_agents FROM requirement r JOIN skill s ON s.id = r.skill_id
	WHERE start = 1772413200 AND s.name = '"'voice'")" = "14|20" ] ||
	fail "stored requirement for voice 09:00"

# --skill filters the display only
expect_exit 0 rota staffing --week 2026-03-02 --skill voice --format csv
[ "$(wc -l <out)" -eq 337 ] || fail "expected 336 voice rows"
expect_no_grep ",chat," out
expect_exit 0 rota staffing --week 2026-03-02 --skill chat --format json
json_ok out
expect_grep '"start": "2026-03-02T09:00:00+08:00", "skill": "chat", "contacts": 60, "aht_s": 600' out

# targets change -> requirements follow
sql "UPDATE skill SET sl = 0.95 WHERE name = 'voice'"
expect_exit 0 rota staffing --week 2026-03-02 --skill voice --format csv
expect_no_grep "2026-03-02T09:00:00+08:00,voice,100,180,14,20" out
[ "$(sql 'SELECT agents FROM requirement WHERE start = 1772413200 AND skill_id = (SELECT id FROM skill WHERE name = '"'voice'"')')" -gt 14 ] ||
	fail "stored requirement did not follow the target"
# forecast changes -> requirements follow; a removed row needs nobody
sql "UPDATE skill SET sl = 0.8 WHERE name = 'voice'"
sql "DELETE FROM forecast WHERE start = 1772415000"
sql "UPDATE forecast SET contacts = 200 WHERE start = 1772413200 AND skill_id = (SELECT id FROM skill WHERE name = 'voice')"
expect_exit 0 rota staffing --week 2026-03-02 --skill voice --format csv
expect_grep "2026-03-02T09:30:00+08:00,voice,0,,0,0,1.00000000000" out
expect_no_grep "2026-03-02T09:00:00+08:00,voice,200,180,14," out
expect_grep "2026-03-02T09:00:00+08:00,voice,200,180," out
[ "$(sql 'SELECT agents FROM requirement WHERE start = 1772415000')" = "0
0" ] || fail "removed forecast row still needs agents"

# a week without forecast: every interval needs nobody; other weeks kept
expect_exit 0 rota staffing --week 2026-03-10 --format csv
[ "$(wc -l <out)" -eq 673 ] || fail "empty week rows"
expect_no_grep ",voice,0,,1," out
[ "$(sql 'SELECT count(*) FROM requirement')" = 1344 ] || fail "two weeks stored"

# a 100% target can never be met: exit 1, naming the interval and skill
sql "UPDATE skill SET sl = 1 WHERE name = 'chat'"
expect_exit 1 rota staffing --week 2026-03-02
expect_grep "rota: 2026-03-02T09:00:00+08:00: skill 'chat': a 100% service level can never be met while contacts arrive" err
# ... and nothing was replaced
[ "$(sql 'SELECT count(*) FROM requirement')" = 1344 ] || fail "failed run changed the requirements"
# a target out of range in the database is bad data: exit 3
sql "UPDATE skill SET sl = 1.5 WHERE name = 'chat'"
expect_exit 3 rota staffing --week 2026-03-02
expect_grep "rota: skill 'chat': sl must be in (0, 1] (got 1.5)" err
sql "UPDATE skill SET sl = 0.85 WHERE name = 'chat'"
# a forecast row off the 30-minute grid is bad data
sql "INSERT INTO forecast (start, skill_id, contacts, aht_s) VALUES
     (1772413800, (SELECT id FROM skill WHERE name = 'voice'), 5, 180)"
expect_exit 3 rota staffing --week 2026-03-02
expect_grep "rota: forecast for skill 'voice' at 2026-03-02T09:10:00+08:00 is not on the site's 30-minute interval grid" err
sql "DELETE FROM forecast WHERE start = 1772413800"

# usage errors
expect_exit 2 rota staffing
expect_grep "rota staffing: --week DATE is required" err
expect_exit 2 rota staffing --week 2026-02-30
expect_grep "rota staffing: --week: " err
expect_exit 2 rota staffing --week 2026-03-02 --skill email
expect_grep "rota staffing: unknown skill 'email' (known: chat, voice)" err
expect_exit 2 rota staffing --week 2026-03-02 --format yaml
expect_grep "'yaml' is not a format" err
expect_exit 1 rota --db missing.db staffing --week 2026-03-02
expect_grep "missing.db: no such database" err
