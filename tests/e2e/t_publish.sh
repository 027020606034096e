# rota publish: feeds per employee and team, republishing in place.
# The database is seeded with plain SQL (python3's sqlite3), so this test
# does not depend on the CSV importers.
. "$E2E_DIR/lib.sh"
# the fixtures' weeks are in the future (frozen time: docs/operations.md)
export ROTA_NOW=2026-03-01T00:00:00Z
export ROTA_DB="$PWD/rota.db"

rota init --site "Acme Contact Centre, London" --tz Europe/London >/dev/null

sql() { python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.commit()' "$ROTA_DB" "$1"; }

# Week of Monday 2026-03-23; clocks go forward on Sunday 29 March.
python3 - "$ROTA_DB" <<'PY'
import sqlite3, sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
tz = ZoneInfo("Europe/London")
db = sqlite3.connect(sys.argv[1])
db.executescript("""
INSERT INTO contract (code) VALUES ('std');
INSERT INTO skill (name) VALUES ('voice'), ('chat');
INSERT INTO employee (code, name, email, team, contract_id) VALUES
 ('E001', 'Ann O''Neil', 'ann@example.com', 'blue', 1),
 ('E002', 'Bob Brown, Jr.', 'bob@example.com', 'blue', 1),
 ('E003', '王小明（Wang Xiaoming）客户服务中心夜班组长', 'wang@example.com', 'night', 1),
 ('E004', 'Dee', '', '', 1);
INSERT INTO employee_skill (employee_id, skill_id) VALUES
 (1, 1), (2, 1), (2, 2), (3, 1);
INSERT INTO shift (code, name, start_min, length_min, break_min, days) VALUES
 ('E', 'Early shift', 420, 480, 30, 127),
 ('L', 'Late shift', 840, 480, 30, 127),
 ('N', 'Night shift', 1320, 540, 45, 127);
INSERT INTO roster (week, status, origin, created_at) VALUES
 ('2026-03-23', 'draft', 'import', 1774000000);
""")
def assign(emp, day, shift, skill):
    start_min, length = {'E': (420, 480), 'L': (840, 480), 'N': (1320, 540)}[shift]
    d = datetime(2026, 3, 23) + timedelta(days=day)
    start = int((d + timedelta(minutes=start_min)).replace(tzinfo=tz).timestamp())
    end = start + length * 60
    db.execute("""INSERT INTO assignment (roster_id, employee_id, day, shift_id,
        start, end, paid_min, skill_id) VALUES (1,
        (SELECT id FROM employee WHERE code = ?), ?,
        (SELECT id FROM shift WHERE code = ?), ?, ?, ?,
        (SELECT id FROM skill WHERE name = ?))""",
        (emp, d.strftime('%Y-%m-%d'), shift, start, end, length - 30, skill))
assign('E001', 0, 'E', 'voice')
assign('E001', 5, 'N', 'voice')   # Saturday night across the DST change
assign('E002', 1, 'L', 'chat')
assign('E002', 3, 'N', None)      # an ordinary overnight shift
assign('E003', 6, 'E', 'voice')
db.commit()
PY

crlf_only() {
	python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
assert d.endswith(b"\r\n") and d.count(b"\n") == d.count(b"\r\n"), sys.argv[1]
assert all(len(l) <= 75 for l in d.split(b"\r\n")), sys.argv[1]' "$1" ||
		fail "$1: not CRLF-only with lines of at most 75 octets"
}

# --- first publication
expect_exit 0 rota publish --week 2026-03-25 --out feeds/new
expect_grep "week of 2026-03-23: 5 new, 0 changed, 0 cancelled, 0 unchanged events" out
expect_grep "feeds/new: 4 employee calendars, 2 team calendars (6 written, 0 already up to date)" out
for f in E001 E002 E003 E004 team-blue team-night; do
	[ -f "feeds/new/$f.ics" ] || fail "feeds/new/$f.ics missing"
	crlf_only "feeds/new/$f.ics"
done
[ "$(ls -A feeds/new | wc -l)" -eq 6 ] || fail "unexpected files in feeds/new"
expect_grep "DTSTART;TZID=Europe/London:20260328T220000" feeds/new/E001.ics
expect_grep "DTEND;TZID=Europe/London:20260329T080000" feeds/new/E001.ics
expect_grep "SUMMARY:Night shift – voice" feeds/new/E001.ics
expect_grep "UID:rota-20260328-E001@acme-contact-centre-london" feeds/new/E001.ics
expect_grep "SUMMARY:Bob Brown\\, Jr.: Late shift – chat" feeds/new/team-blue.ics
expect_grep "TZID:Europe/London" feeds/new/E002.ics
expect_no_grep "BEGIN:VEVENT" feeds/new/E004.ics
expect_no_grep "E003" feeds/new/team-blue.ics
status=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT status FROM roster").fetchone()[0])' "$ROTA_DB")
[ "$status" = published ] || fail "roster status is '$status'"

# --- the same again: byte for byte
cp -r feeds/new feeds/v1
expect_exit 0 rota publish --week 2026-03-23 --out feeds/new
expect_grep "0 new, 0 changed, 0 cancelled, 5 unchanged" out
expect_grep "(0 written, 6 already up to date)" out
for f in feeds/v1/*.ics; do
	cmp "$f" "feeds/new/$(basename "$f")" || fail "$f changed on republishing"
done

# --- Bob's late shift moves an hour, Wang's Sunday shift is removed
# (a new roster version: the old rows are closed, the moved one re-added)
sql "UPDATE assignment SET to_version = 2
     WHERE day IN ('2026-03-24', '2026-03-29') AND to_version IS NULL;
     INSERT INTO assignment (roster_id, employee_id, day, shift_id, start,
       end, paid_min, skill_id, from_version)
       SELECT roster_id, employee_id, day, shift_id, start + 3600,
       end + 3600, paid_min, skill_id, 2 FROM assignment
       WHERE day = '2026-03-24' AND to_version = 2;
     UPDATE roster SET version = 2, created_at = 1774100000;"
expect_exit 0 rota publish --week 2026-03-23 --out feeds/new
expect_grep "0 new, 1 changed, 1 cancelled, 3 unchanged" out
expect_grep "(4 written, 2 already up to date)" out
expect_grep "SEQUENCE:1" feeds/new/E002.ics
expect_grep "DTSTART;TZID=Europe/London:20260324T150000" feeds/new/E002.ics
expect_grep "DTSTAMP:20260321T133320Z" feeds/new/E002.ics
expect_grep "STATUS:CANCELLED" feeds/new/E003.ics
expect_grep "SUMMARY:Cancelled: Early shift – voice" feeds/new/E003.ics
expect_grep "STATUS:CANCELLED" feeds/new/team-night.ics
cmp feeds/v1/E001.ics feeds/new/E001.ics || fail "E001.ics changed"
grep '^UID:' feeds/v1/team-blue.ics >uids.old
grep '^UID:' feeds/new/team-blue.ics >uids.new
expect_file uids.old uids.new

# --- one employee, with a reminder, into a fresh directory
# (the text of E001's events changes: SEQUENCE rises)
expect_exit 0 rota publish --week 2026-03-23 --out feeds/one --employee E001 \
	--alarm-min 30 --organizer rota@example.com
expect_grep "0 new, 2 changed, 0 cancelled, 0 unchanged" out
expect_grep "reminder 30 min before each shift, organizer rota@example.com" out
expect_grep "SEQUENCE:1" feeds/one/E001.ics
[ "$(ls feeds/one | tr '\n' ' ')" = "E001.ics team-blue.ics " ] ||
	fail "--employee wrote $(ls feeds/one)"
expect_grep "TRIGGER:-PT30M" feeds/one/E001.ics
expect_no_grep "TRIGGER" feeds/one/team-blue.ics
expect_grep "ORGANIZER;CN=\"Acme Contact Centre, London\":mailto:rota@example.com" feeds/one/E001.ics

# --- the reminder and organizer are remembered: the whole week without
# them gets them too (E001's events are already up to date)
expect_exit 0 rota publish --week 2026-03-23 --out feeds/new
expect_grep "0 new, 2 changed, 0 cancelled, 3 unchanged" out
expect_grep "reminder 30 min before each shift, organizer rota@example.com (remembered" out
expect_grep "TRIGGER:-PT30M" feeds/new/E002.ics
expect_grep "ORGANIZER;CN=\"Acme Contact Centre, London\":mailto:rota@example.com" feeds/new/team-blue.ics
# ... until given otherwise: dropping both is a new text, SEQUENCE rises
expect_exit 0 rota publish --week 2026-03-23 --out feeds/new --alarm-min none --organizer none
expect_grep "0 new, 4 changed, 0 cancelled, 1 unchanged" out
expect_grep "no reminder, organizer none" out
expect_no_grep "TRIGGER" feeds/new/E001.ics
expect_no_grep "ORGANIZER" feeds/new/E001.ics
expect_grep "SEQUENCE:2" feeds/new/E001.ics

# --- renaming the site keeps every UID (the text changes: SEQUENCE rises)
grep '^UID:' feeds/new/E001.ics >uids.before
sql "UPDATE site SET name = 'Acme Support Hub';"
expect_exit 0 rota publish --week 2026-03-23 --out feeds/new
expect_grep "0 new, 4 changed, 0 cancelled, 1 unchanged" out
grep '^UID:' feeds/new/E001.ics >uids.after
expect_file uids.before uids.after
expect_grep "LOCATION:Acme Support Hub" feeds/new/E001.ics
# a database published before the text was versioned: no bump, once
sql "UPDATE publication SET hash = substr(hash, 1, 16);"
expect_exit 0 rota publish --week 2026-03-23 --out feeds/new
expect_grep "0 new, 0 changed, 0 cancelled, 5 unchanged" out
n=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM publication WHERE status = \"CONFIRMED\" AND hash LIKE \"%:%\"").fetchone()[0])' "$ROTA_DB")
[ "$n" -eq 4 ] || fail "$n of 4 live events' hashes have their text part"
# a database published before the UID domain was kept: the UIDs it
# published stay, whatever the site is called now
sql "DELETE FROM setting WHERE key = 'calendar.uid_domain';
     UPDATE site SET name = 'Third Name';"
expect_exit 0 rota publish --week 2026-03-23 --out feeds/new
grep '^UID:' feeds/new/E001.ics >uids.after
expect_file uids.before uids.after

# --- a roster breaking a hard rule is not published unless --force
# (Dee has no skill for the voice shift she is given)
sql "INSERT INTO assignment (roster_id, employee_id, day, shift_id, start,
       end, paid_min, skill_id, from_version)
     SELECT 1, 4, '2026-03-25', 1, start + 2 * 86400, end + 2 * 86400,
       450, 1, 2 FROM assignment WHERE day = '2026-03-23';"
cp feeds/new/E004.ics E004.before
expect_exit 1 rota publish --week 2026-03-23 --out feeds/new
expect_grep "rota: the roster of the week of 2026-03-23 breaks 1 hard rule (rota roster --check lists them): not published (--force publishes it anyway)" err
cmp E004.before feeds/new/E004.ics || fail "a refused publish wrote E004.ics"
expect_exit 0 rota publish --week 2026-03-23 --out feeds/new --force
expect_grep "published the week of 2026-03-23 although its roster breaks 1 hard rule (--force)" err
expect_grep "1 new, 0 changed, 0 cancelled, 5 unchanged" out

# --- errors
expect_exit 2 rota publish --out feeds/x
expect_grep "--week and --out are required" err
expect_exit 2 rota publish --week 2026-02-30 --out feeds/x
expect_grep "--week: " err
expect_exit 1 rota publish --week 2026-03-23 --out feeds/x --employee E999
expect_grep "rota: unknown employee 'E999'" err
expect_exit 1 rota publish --week 2026-03-23 --out feeds/x --team red
expect_grep "rota: unknown team 'red'" err
expect_exit 2 rota publish --week 2026-03-23 --out feeds/x --alarm-min -5
expect_grep "--alarm-min: '-5' is not a whole number from 0 to 10080" err
expect_exit 2 rota publish --week 2026-03-23 --out feeds/x --organizer nobody
expect_grep "--organizer: 'nobody' is not an e-mail address" err
expect_exit 1 rota publish --week 2026-03-30 --out feeds/x
expect_grep "rota: no roster for the week of 2026-03-30" err
: >plainfile
expect_exit 1 rota publish --week 2026-03-23 --out plainfile/feeds --force
expect_grep "cannot create directory 'plainfile/feeds': Not a directory" err
[ ! -e feeds/x ] || fail "feeds/x created by a failed publish"
