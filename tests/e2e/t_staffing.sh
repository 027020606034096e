# rota staffing: requirements per interval and skill for an ISO week, from
# the imported forecast and the skills' targets (site.ini); stored for the
# scheduler and recomputed when either changes.
. "$E2E_DIR/lib.sh"

# read the database directly (python3's sqlite3 module)
sql() {
	python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(sys.argv[2]).fetchall()
db.commit()
for r in rows: print("|".join(str(c) for c in r))' rota.db "$1"
}
# stored requirement "agents|scheduled" of a skill at a UTC instant
stored() {
	sql "SELECT agents, scheduled_agents FROM requirement r JOIN skill s
	     ON s.id = r.skill_id WHERE start = $1 AND s.name = '$2'"
}

site() {   # site VOICE_SL CHAT_SL CHAT_PATIENCE INTERVAL
	cat >site.ini <<INI
[site]
name = Shanghai
timezone = Asia/Shanghai
interval_min = ${4:-30}

[skill.voice]
sl = $1
answer_s = 20
max_occupancy = 0.85
shrinkage = 0.3

[skill.chat]
sl = $2
answer_s = 60
concurrency = 2
patience_s = $3
INI
	expect_exit 0 rota import site site.ini
}

export ROTA_DB=rota.db
site 0.8 0.85 300
cat >forecast.csv <<'CSV'
start,skill,contacts,aht_s
2026-03-02 09:00,voice,100,180
2026-03-02 09:30,voice,85,1800
2026-03-02 09:00,chat,60,600
CSV
expect_exit 0 rota import forecast forecast.csv

# any day of the week selects the same week
expect_exit 0 rota staffing --week 2026-03-04 --format csv
head -n 1 out >got
echo "start,skill,contacts,aht_s,agents,scheduled_agents,service_level" >want
expect_file want got
[ "$(wc -l <out)" -eq $((7 * 48 * 2 + 1)) ] || fail "expected 672 rows"
expect_grep "2026-03-02T00:00:00+08:00,chat,0,,0,0,1.00000000000" out
expect_grep "2026-03-02T09:00:00+08:00,voice,100,180,14,20,0.888350019179" out
# 85 Erlangs at an 85% cap: exactly 100 agents, 143 scheduled
expect_grep "2026-03-02T09:30:00+08:00,voice,85,1800,100,143," out
expect_grep "2026-03-02T09:00:00+08:00,chat,60,600," out
expect_grep "2026-03-08T23:30:00+08:00,voice,0,,0,0," out
expect_no_grep "2026-03-09T00:00" out
cp out week.csv
expect_exit 0 rota staffing --week 2026-03-08 --format csv
expect_file week.csv out

# stored for the scheduler: the whole week, every skill
[ "$(sql 'SELECT count(*) FROM requirement')" = 672 ] || fail "672 requirement rows"
[ "$(stored 1772413200 voice)" = "14|20" ] || fail "stored voice 09:00: $(stored 1772413200 voice)"
[ "$(stored 1772415000 voice)" = "100|143" ] || fail "stored voice 09:30"

# --skill filters the display only
expect_exit 0 rota staffing --week 2026-03-02 --skill voice --format csv
[ "$(wc -l <out)" -eq 337 ] || fail "expected 336 voice rows"
expect_no_grep ",chat," out
expect_exit 0 rota staffing --week 2026-03-02 --skill chat --format json
json_ok out
expect_grep '"start": "2026-03-02T09:00:00+08:00", "skill": "chat", "contacts": 60, "aht_s": 600' out
expect_exit 0 rota staffing --week 2026-03-02 --skill chat --format table
expect_grep "start                      skill  contacts  aht_s  agents" out

# targets change (site.ini imported again) -> requirements follow
site 0.95 0.85 300
expect_exit 0 rota staffing --week 2026-03-02 --skill voice --format csv
expect_no_grep "2026-03-02T09:00:00+08:00,voice,100,180,14,20" out
[ "$(stored 1772413200 voice | cut -d'|' -f1)" -gt 14 ] ||
	fail "stored requirement did not follow the target"
# forecast changes -> requirements follow
site 0.8 0.85 300
cat >forecast.csv <<'CSV'
start,skill,contacts,aht_s
2026-03-02 09:00,voice,200,180
2026-03-02 09:30,voice,0,1800
CSV
expect_exit 0 rota import forecast forecast.csv
expect_exit 0 rota staffing --week 2026-03-02 --skill voice --format csv
expect_grep "2026-03-02T09:30:00+08:00,voice,0,1800,0,0,1.00000000000" out
expect_grep "2026-03-02T09:00:00+08:00,voice,200,180,24,35," out
[ "$(stored 1772415000 voice)" = "0|0" ] || fail "stored voice 09:30 after the change"

# a week without forecast: every interval needs nobody; other weeks kept
expect_exit 0 rota staffing --week 2026-03-10 --format csv
[ "$(wc -l <out)" -eq 673 ] || fail "empty week rows"
expect_no_grep ",voice,0,,1," out
[ "$(sql 'SELECT count(*) FROM requirement')" = 1344 ] || fail "two weeks stored"

# a 100% target can never be met: exit 1, naming the interval and skill
site 0.8 1 300
expect_exit 1 rota staffing --week 2026-03-02
expect_grep "rota: 2026-03-02T09:00:00+08:00: skill 'chat': a 100% service level can never be met while contacts arrive" err
[ ! -s out ] || fail "output on failure"
# ... and nothing was replaced
[ "$(sql 'SELECT count(*) FROM requirement')" = 1344 ] || fail "failed run changed the requirements"
[ "$(stored 1772413200 voice)" = "24|35" ] || fail "failed run changed a requirement"
# stored targets rota cannot use are bad data: exit 3
sql "UPDATE skill SET sl = 1.5 WHERE name = 'chat'"
expect_exit 3 rota staffing --week 2026-03-02
expect_grep "rota: skill 'chat': sl must be in (0, 1] (got 1.5)" err
site 0.8 0.85 300
# forecast rows off the grid (the interval changed after the import)
site 0.8 0.85 300 15
cat >forecast.csv <<'CSV'
start,skill,contacts,aht_s
2026-03-02 09:15,voice,5,180
CSV
expect_exit 0 rota import forecast forecast.csv
site 0.8 0.85 300 30
expect_exit 3 rota staffing --week 2026-03-02
expect_grep "rota: forecast for skill 'voice' at 2026-03-02T09:15:00+08:00 is not on the site's 30-minute interval grid" err

# usage errors
expect_exit 2 rota staffing
expect_grep "rota staffing: --week DATE is required" err
expect_exit 2 rota staffing --week 2026-02-30
expect_grep "rota staffing: --week: " err
expect_exit 1 rota staffing --week 2026-03-02 --skill email
expect_grep "rota: unknown skill 'email' (known: chat, voice)" err
expect_exit 2 rota staffing --week 2026-03-02 --format yaml
expect_grep "'yaml' is not a format" err
expect_exit 1 rota --db missing.db staffing --week 2026-03-02
expect_grep "missing.db: no such database" err
