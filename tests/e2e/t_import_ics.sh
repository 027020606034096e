# rota import timeoff FILE.ics [--employee ID]: time off from a calendar.
# The database is seeded with plain SQL (python3's sqlite3).
. "$E2E_DIR/lib.sh"
export ROTA_DB="$PWD/rota.db"

rota init --site "Acme" --tz Europe/London >/dev/null
python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
INSERT INTO contract (code) VALUES (\x27std\x27);
INSERT INTO employee (code, name, email, team, contract_id) VALUES
 (\x27E001\x27, \x27Ann\x27, \x27ann@example.com\x27, \x27blue\x27, 1),
 (\x27E002\x27, \x27Bob\x27, \x27bob@example.com\x27, \x27blue\x27, 1);
""")' "$ROTA_DB"

timeoff() {
	python3 -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute("""SELECT e.code, t.start,
    t.end, t.kind, t.note FROM timeoff t JOIN employee e ON e.id =
    t.employee_id ORDER BY e.code, t.start"""):
    print("|".join(str(x) for x in r))' "$ROTA_DB"
}

printf '%s\r\n' 'BEGIN:VCALENDAR' 'VERSION:2.0' 'PRODID:-//Example//Calendar//EN' \
	'BEGIN:VEVENT' 'UID:hol-1' 'DTSTART;VALUE=DATE:20260330' \
	'DTEND;VALUE=DATE:20260401' 'SUMMARY:Holiday\, Spain' \
	'ORGANIZER:mailto:ann@example.com' 'END:VEVENT' \
	'BEGIN:VEVENT' 'UID:dent-1' 'DTSTART;TZID=Europe/Paris:20260402T090000' \
	'DTEND;TZID=Europe/Paris:20260402T120000' 'SUMMARY:Dentist' \
	'ATTENDEE;CN=Ann:mailto:ANN@example.com' 'END:VEVENT' \
	'BEGIN:VEVENT' 'UID:course-1' 'DTSTART:20260403T080000Z' \
	'DURATION:PT2H' 'SUMMARY:Course' 'ORGANIZER:mailto:bob@example.com' \
	'END:VEVENT' \
	'BEGIN:VEVENT' 'UID:gone' 'DTSTART:20260404T080000Z' \
	'DTEND:20260404T100000Z' 'STATUS:CANCELLED' 'END:VEVENT' \
	'END:VCALENDAR' >leave.ics

set +e
rota import timeoff leave.ics >out 2>err
set -e
if grep -q "not implemented" err; then
	echo "SKIP: 'rota import' does not call cli_import_timeoff_ics yet"
	exit 0
fi

expect_grep "leave.ics: 3 time-off periods (3 added, 0 updated, 0 unchanged), 1 event skipped (cancelled or without length)" out
expect_exit 0 rota import timeoff leave.ics
expect_grep "leave.ics: 3 time-off periods (0 added, 0 updated, 3 unchanged), 1 event skipped" out
timeoff >got
cat >want <<'T'
E001|1774825200|1774998000|hard|Holiday, Spain
E001|1775113200|1775124000|hard|Dentist
E002|1775203200|1775210400|hard|Course
T
expect_file want got

# an export with no e-mails, for one person
printf '%s\r\n' 'BEGIN:VCALENDAR' 'VERSION:2.0' 'PRODID:-//x//EN' \
	'BEGIN:VEVENT' 'UID:x' 'DTSTART;VALUE=DATE:20260501' 'SUMMARY:May day' \
	'END:VEVENT' 'END:VCALENDAR' >may.ics
expect_exit 0 rota import timeoff may.ics --employee E002
expect_grep "may.ics: 1 time-off period (1 added, 0 updated, 0 unchanged)" out

# malformed: a clear error, nothing imported
timeoff >before
printf '%s\r\n' 'BEGIN:VCALENDAR' 'VERSION:2.0' 'BEGIN:VEVENT' 'UID:ok' \
	'DTSTART:20260601T080000Z' 'DTEND:20260601T090000Z' \
	'ORGANIZER:mailto:ann@example.com' 'END:VEVENT' \
	'BEGIN:VEVENT' 'UID:bad' 'DTSTART:2026-06-02' 'END:VEVENT' \
	'END:VCALENDAR' >bad.ics
expect_exit 3 rota import timeoff bad.ics
expect_grep "bad.ics:11: DTSTART '2026-06-02' is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, optional Z)" err
printf '%s\r\n' 'BEGIN:VCALENDAR' 'BEGIN:VEVENT' 'UID:who' \
	'DTSTART:20260601T080000Z' 'DTEND:20260601T090000Z' \
	'ATTENDEE:mailto:stranger@example.org' 'END:VEVENT' 'END:VCALENDAR' >who.ics
expect_exit 3 rota import timeoff who.ics
expect_grep "who.ics:2: event 'who': no ATTENDEE or ORGANIZER e-mail matches an employee" err
expect_exit 3 rota import timeoff may.ics --employee E999
expect_grep "may.ics: unknown employee 'E999'" err
timeoff >after
expect_file before after
