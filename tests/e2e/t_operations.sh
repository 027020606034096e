# A week of operations on a published roster: a sick call, its substitute,
# republishing (only the two people's calendars and their team's change),
# a swap refused and one made, a time-off request decided.
. "$E2E_DIR/lib.sh"
export ROTA_DB="$PWD/rota.db"

mkdir site
cat >site/site.ini <<'EOF'
[site]
name = Ops e2e
timezone = Asia/Shanghai
interval_min = 60
[skill.voice]
[leave.annual]
paid = yes
[leave.sick]
paid = yes
planned = no
[timeoff]
min_notice_days = 7
[operations]
notice_hours = 12
EOF
cat >site/contracts.csv <<'EOF'
id,min_week_min,max_week_min,max_days_week,max_overtime_min
ft,0,2400,5,0
pt,0,960,4,480
EOF
cat >site/staff.csv <<'EOF'
id,name,team,contract,skills
A001,Li Xia,red,ft,voice
A002,Wu Yu,red,ft,voice
A003,Zhou Jie,blue,pt,voice
A004,Chen Li,blue,ft,voice
EOF
cat >site/shifts.csv <<'EOF'
code,name,start,length_min,break_min,days
E,Early shift,08:00,540,60,Mon-Sun
L,Late shift,13:00,540,60,Mon-Sun
EOF
cat >site/roster.csv <<'EOF'
employee,date,shift
A001,2026-11-30,E
A001,2026-12-01,E
A001,2026-12-02,E
A001,2026-12-03,E
A002,2026-11-30,L
A002,2026-12-01,L
A002,2026-12-02,L
A002,2026-12-03,L
A002,2026-12-04,L
A003,2026-11-30,E
A004,2026-12-01,E
A004,2026-12-02,L
A004,2026-12-04,E
EOF
export ROTA_NOW="2026-11-29 12:00"
rota import site >/dev/null
rota publish --week 2026-11-30 --out cal >/dev/null
cp -r cal before

# Wednesday 07:00: A001 calls in sick for the day
export ROTA_NOW="2026-12-02 07:00"
expect_exit 2 rota absence add A001 --from "2026-12-02 07:00" --to 2026-12-02 --type flu
expect_grep "unknown leave type 'flu' (known: annual, sick)" err
expect_exit 0 rota absence add A001 --from "2026-12-02 07:00" --to 2026-12-02 \
	--type sick --reason fever --by "Sup Wang"
expect_grep "open shift to cover:" out
expect_grep "A001's Early shift on Wed 2026-12-02 (08:00-17:00)  ->  rota cover A001 --date 2026-12-02" out
expect_grep "version 2 changes it: publish again" err
expect_exit 0 rota absence list --format csv
expect_grep "1,A001,Li Xia,sick,true,2026-12-02 07:00,2026-12-03 00:00,1,fever,Sup Wang" out

# candidates: A003 (part-time, overtime allowed) fills it directly; A004
# works the late shift that day; A002 would work six days
expect_exit 0 rota cover A001 --date 2026-12-02 --format csv
head -n 1 out >header
echo "rank,employee,name,shift,start,end,overtime_min,changes,cost,reasons" >want
expect_file want header
expect_grep "1,A003,Zhou Jie,E,2026-12-02T08:00:00+08:00,2026-12-02T17:00:00+08:00,0,1," out
expect_exit 0 rota cover A001 --date 2026-12-02 --explain A002 --no-chains
expect_grep "A002 cannot take it:" out
expect_grep "  A002 already works L on Wed 2026-12-02 (one shift a day)" out
expect_exit 0 rota cover A001 --date 2026-12-02 --format json
json_ok out
expect_exit 1 rota cover A002 --date 2026-12-02
expect_grep "rota: A002 has no open shift on 2026-12-02" err

expect_exit 0 rota cover A001 --date 2026-12-02 --apply 1 --by "Sup Wang"
expect_grep "applied candidate 1 as version 3: A003 takes it" out
expect_grep "  + A003's Early shift on Wed 2026-12-02 (08:00-17:00)" out
expect_exit 1 rota cover A001 --date 2026-12-02
expect_grep "is covered by A003 (version 3)" err
expect_exit 0 rota cover --open --week 2026-11-30 --format csv
expect_no_grep "A001,E" out

# republish: the absentee's and the substitute's calendars change in
# place (SEQUENCE, CANCELLED), and their teams'; nobody else's
expect_exit 0 rota publish --week 2026-11-30 --out cal
for f in before/*.ics; do
	n=$(basename "$f")
	if cmp -s "$f" "cal/$n"; then echo "$n" >>same; else echo "$n" >>changed; fi
done
printf 'A001.ics\nA003.ics\nteam-blue.ics\nteam-red.ics\n' >want
expect_file want changed
printf 'A002.ics\nA004.ics\n' >want
expect_file want same
grep -A12 'DTSTART;TZID=Asia/Shanghai:20261202T080000' cal/A001.ics >event
expect_grep "STATUS:CANCELLED" event
expect_grep "SEQUENCE:1" event
expect_grep "DTSTART;TZID=Asia/Shanghai:20261202T080000" cal/A003.ics

# a swap that breaks a rule is refused in the checker's words
expect_exit 1 rota swap A002 2026-12-03 A004
expect_grep "rota: swap refused: it breaks 1 hard rule" err
expect_grep "  A004 rests 10h00 between L on Thu 2026-12-03 and E on Fri 2026-12-04 (at least 11h00)" err
(USER=sup.li; export USER; expect_exit 0 rota swap A004 2026-12-04 A001 --reason "A004 asked")
expect_grep "given away as version 4:" out
expect_grep "  - A004's Early shift on Fri 2026-12-04 (08:00-17:00)" out
expect_grep "  + A001's Early shift on Fri 2026-12-04 (08:00-17:00)" out
expect_exit 0 rota roster --history --week 2026-11-30 --format csv
expect_grep ",swap,sup.li,A004 asked,2," out

# time off: a request inside the rules, one that is too soon
expect_exit 0 rota timeoff request A004 --from 2026-12-21 --to 2026-12-22 --type annual --auto
expect_grep "approved automatically" out
expect_exit 0 rota timeoff request A002 --from 2026-12-04 --to 2026-12-04 --type annual
expect_grep "it starts in 2 days; the site asks for 7 days' notice" out
expect_grep "A002's Late shift on Fri 2026-12-04 (13:00) is in a published week" out
expect_exit 1 rota timeoff approve 2 --by "Sup Wang"
expect_grep "rota: time off 2 breaks 1 site rule (--force to approve it anyway)" err
cp rota.db before-approval.db
expect_exit 0 rota timeoff approve 2 --by "Sup Wang" --force
expect_grep "time off 2: A002 annual from 2026-12-04 00:00 to 2026-12-05 00:00, approved by Sup Wang" out
expect_grep "site rules it breaks (approved anyway):" out
expect_grep "taken out of the roster (1 new version); open shift to cover:" out
expect_grep "  A002's Late shift on Fri 2026-12-04 (13:00-22:00)  ->  rota cover A002 --date 2026-12-04" out
expect_grep "version 5 changes it: publish again to update the calendars" err
expect_exit 0 rota timeoff list --status approved --format csv
expect_grep "2,A002,Wu Yu,2026-12-04 00:00,2026-12-05 00:00,annual,true,480,approved,request" out
# approving took A002's Friday shift out of the live roster, as a version
# that says who and why
expect_exit 0 rota roster --week 2026-11-30 --employee A002 --format csv
expect_grep "A002,2026-12-03,L," out
expect_no_grep "A002,2026-12-04," out
expect_exit 0 rota roster --history --week 2026-11-30 --format csv
expect_grep "5,2026-12-02T07:00:00+08:00,timeoff,Sup Wang,annual leave (time off 2),1,false,true" out
# it is an open shift for cover, alone and in the week's list
expect_exit 0 rota cover A002 --date 2026-12-04 --format table
expect_grep "open shift: A002's Late shift on Fri 2026-12-04 (13:00-22:00), annual (time off 2)" out
expect_exit 0 rota cover --open --week 2026-11-30 --format csv
expect_grep "2026-12-04,A002,L,2026-12-04T13:00:00+08:00,2026-12-04T22:00:00+08:00,,0,annual (time off 2)," out
# attendance reports the day as annual leave, not as an absence
expect_exit 0 rota attendance --from 2026-12-04 --to 2026-12-04 --employee A002 --detail --format csv --as-of "2026-12-05 00:00"
expect_grep "A002,Wu Yu,red,2026-12-04,L,13:00,22:00,17:00,18:00,0,0,0,0,0,0,0,0,excused_annual," out

# imported leave over a rostered shift is reported
printf 'employee,start,end,type\nA001,2026-12-03,2026-12-03,annual\n' >leave.csv
expect_exit 0 rota import timeoff leave.csv
expect_grep "leave over rostered shifts:" out
expect_grep "  A001's Early shift on Thu 2026-12-03 (08:00) overlaps annual leave (time off 3) in a published week: cover it (rota cover A001 --date 2026-12-03) or re-plan" out

# usage errors name what is wrong (exit 2)
expect_exit 2 rota cover A001
expect_grep "rota cover: --date DATE is required" err
expect_exit 2 rota cover A001 --date 2026-12-02 --skill voice
expect_grep "rota cover: --skill is for an understaffed day (no EMPLOYEE)" err
expect_exit 2 rota cover --open --date 2026-12-02
expect_grep "rota cover: --open takes no EMPLOYEE, --date, --apply or --explain" err
expect_exit 1 rota cover A001 --date 2026-12-02 --explain Z999
expect_grep "rota: unknown employee 'Z999'" err
expect_exit 2 rota absence add A001 --from 2026-12-02
expect_grep "rota absence: add needs --from, --to and --type" err
expect_exit 2 rota absence add A001 --from tomorrow --to 2026-12-02 --type sick
expect_grep "rota absence: --from:" err
expect_exit 2 rota swap A001 2026-12-02
expect_grep "rota swap: expected EMPLOYEE_A DATE_A EMPLOYEE_B [DATE_B]" err
expect_exit 2 rota swap A001 2026-13-02 A002
expect_grep "rota swap: DATE_A:" err
expect_exit 2 rota timeoff list --status maybe
expect_grep "rota timeoff: --status: 'maybe' is not pending, approved, denied or cancelled" err
expect_exit 2 rota timeoff deny 2 --force
expect_grep "rota timeoff: --force goes with approve" err
expect_exit 1 rota timeoff deny 2
expect_grep "rota: time off 2 is approved: only a pending request can be denied" err
# without --by the author is the login name: $USER, then $LOGNAME
(unset USER; LOGNAME=A002; export LOGNAME; expect_exit 0 rota timeoff cancel 2)
expect_grep "time off 2: A002 annual from 2026-12-04 00:00 to 2026-12-05 00:00, cancelled by A002" out
# cancelling puts nothing back: the shift stays out and open
expect_grep "the shift its approval took out stays out of the roster, open; cover it or re-plan:" out
expect_grep "  A002's Late shift on Fri 2026-12-04 (13:00-22:00)  ->  rota cover A002 --date 2026-12-04" out
expect_exit 0 rota roster --week 2026-11-30 --employee A002 --format csv
expect_no_grep "A002,2026-12-04," out
expect_exit 0 rota cover --open --week 2026-11-30 --format csv
expect_grep ',"annual (time off 2, cancelled)",' out
# a shift that has started refuses an approval, and nothing changes
cp before-approval.db rota.db
rm -f rota.db-wal rota.db-shm
(ROTA_NOW="2026-12-04 14:00"; export ROTA_NOW
 expect_exit 1 rota timeoff approve 2 --force)
expect_grep "rota: A002's Late shift on Fri 2026-12-04 (13:00) has started: past time is frozen, so time off 2 cannot be approved over it (rota absence add records an absence)" err
expect_exit 0 rota timeoff list --status pending --format csv
expect_grep "2,A002,Wu Yu,2026-12-04 00:00,2026-12-05 00:00,annual,true,480,pending,request" out
expect_exit 0 rota roster --week 2026-11-30 --employee A002 --format csv
expect_grep "A002,2026-12-04,L," out
