# rota staffing across daylight-saving changes: the ISO week runs from
# Monday 00:00 to Monday 00:00 local time, 167 or 169 hours long.
. "$E2E_DIR/lib.sh"

expect_exit 0 rota --db rota.db init --tz Europe/London --interval-min 15
export ROTA_DB=rota.db
python3 -c 'import sqlite3
db = sqlite3.connect("rota.db")
db.execute("INSERT INTO skill (name) VALUES (\"voice\")")
# Sunday 2026-03-29 03:00 BST (02:00 UTC), the first quarter after the change
db.execute("INSERT INTO forecast (start, skill_id, contacts, aht_s) VALUES (1774749600, 1, 20, 300)")
db.commit()'

# spring forward: 2026-03-29 has 23 hours
expect_exit 0 rota staffing --week 2026-03-25 --format csv
[ "$(wc -l <out)" -eq $((167 * 4 + 1)) ] || fail "spring week: $(wc -l <out) lines"
expect_grep "2026-03-23T00:00:00+00:00,voice," out
expect_grep "2026-03-29T00:45:00+00:00,voice," out
expect_no_grep "2026-03-29T01:00:00" out
expect_grep "2026-03-29T03:00:00+01:00,voice,20,300," out
expect_grep "2026-03-29T23:45:00+01:00,voice," out

# fall back: 2026-10-25 has 25 hours, 01:00-02:00 twice
expect_exit 0 rota staffing --week 2026-10-25 --format csv
[ "$(wc -l <out)" -eq $((169 * 4 + 1)) ] || fail "autumn week: $(wc -l <out) lines"
expect_grep "2026-10-25T01:15:00+01:00,voice," out
expect_grep "2026-10-25T01:15:00+00:00,voice," out
expect_grep "2026-10-19T00:00:00+01:00,voice," out
expect_grep "2026-10-25T23:45:00+00:00,voice," out
