# rota bench: a generated site is the same for the same arguments, imports
# and schedules; the schedule is the same roster twice (bounded by work,
# not time); a Curtois-format instance is solved and checked, its roster
# written as employee,day,shift.
. "$E2E_DIR/lib.sh"
export ROTA_NOW=2026-11-01T00:00:00Z

expect_exit 0 rota bench generate --agents 20 --seed 7 --out a
expect_grep "generated site: 20 agents (seed 7) in a" out
expect_exit 0 rota bench generate --agents 20 --seed 7 --out b
for f in site.ini contracts.csv staff.csv shifts.csv timeoff.csv forecast.csv; do
	expect_file a/$f b/$f
done
expect_exit 0 rota bench generate --agents 20 --seed 8 --out c
cmp -s a/staff.csv c/staff.csv && fail "seed 8 gave seed 7's staff"
expect_exit 2 rota bench generate --agents 0 --out d
expect_exit 2 rota bench generate --out d

# the same roster twice, from two databases, with no time cap
expect_exit 0 rota --db a.db import a
expect_exit 0 rota --db b.db import b
expect_exit 0 rota --db a.db schedule --week 2026-11-30 --effort 0.02 --time-limit 0
expect_grep "status     " out
expect_grep "work       " out
expect_exit 0 rota --db b.db schedule --week 2026-11-30 --effort 0.02 --time-limit 0
expect_exit 0 rota --db a.db roster --week 2026-11-30 --format csv
mv out roster_a.csv
expect_exit 0 rota --db b.db roster --week 2026-11-30 --format csv
expect_file roster_a.csv out
expect_exit 2 rota --db a.db schedule --week 2026-11-30 --effort 0

# a tiny instance in the benchmark's format (two nurses, a week)
printf 'SECTION_HORIZON\r\n7\r\n\r\nSECTION_SHIFTS\r\nD,480,\r\n\r\n' >tiny.txt
printf 'SECTION_STAFF\r\nA,D=7,2880,960,5,1,1,1\r\nB,D=7,2880,960,5,1,1,1\r\n\r\n' >>tiny.txt
printf 'SECTION_DAYS_OFF\r\nA,6\r\nB,0\r\n\r\n' >>tiny.txt
printf 'SECTION_SHIFT_ON_REQUESTS\r\nA,0,D,2\r\n\r\n' >>tiny.txt
printf 'SECTION_SHIFT_OFF_REQUESTS\r\nA,2,D,2\r\nB,2,D,3\r\nB,3,D,1\r\n\r\n' >>tiny.txt
printf 'SECTION_COVER\r\n' >>tiny.txt
for d in 0 1 2 3 4 5 6; do printf '%s,D,1,100,1\r\n' $d >>tiny.txt; done
printf 'instance,best_upper\r\ntiny,2\r\n' >BEST_KNOWN.csv
expect_exit 0 rota bench curtois ./tiny.txt --format csv --solution sol.csv
expect_grep "instance,status,objective,bound,gap,seconds,work,stopped_by,best_known,gap_to_best,days,employees,types" out
expect_grep "tiny,optimal,2,2,0.0000," out
expect_grep ",done,2,0.0000,7,2,1,0,0,0,2" out
expect_grep ",types,shifts_short,cover_under,cover_over,requests" out
head -n 1 sol.csv | grep -qx "employee,day,shift" || fail "solution header"
[ "$(grep -c ',D$' sol.csv)" -eq 7 ] || { cat sol.csv; fail "7 shifts expected"; }
grep -q "^A,0,D$" sol.csv || fail "A's request for Monday not granted"
grep -q "^A,2,D$" sol.csv || fail "A works Wednesday, the cheaper request broken"
# the objective split: two wanted on Monday, when B is off (one short at
# 100, the request still granted); then nobody wanted after Tuesday, when
# both must still work two days (two over at 1, no request broken)
sed 's/^0,D,1,100,1/0,D,2,100,1/' tiny.txt >short.txt
expect_exit 0 rota bench curtois ./short.txt --format csv
expect_grep "short,optimal,102,102,0.0000," out
expect_grep ",done,,,7,2,1,1,100,0,2" out
sed 's/^\([2-6]\),D,1,100,1/\1,D,0,100,1/' tiny.txt >over.txt
expect_exit 0 rota bench curtois ./over.txt --format csv
expect_grep "over,optimal,2,2,0.0000," out
expect_grep ",done,,,7,2,1,0,0,2,0" out
expect_exit 0 rota bench curtois ./tiny.txt --format csv --seed 5
expect_grep "tiny,optimal,2,2,0.0000," out
expect_exit 2 rota bench curtois ./tiny.txt --seed -1
expect_grep "seed" err
# the same roster (and work) on one thread as on three
expect_exit 0 rota bench curtois ./tiny.txt --format csv --threads 1 --solution one.csv
expect_grep "tiny,optimal,2,2,0.0000," out
expect_exit 0 rota bench curtois ./tiny.txt --format csv --threads 3 --solution three.csv
expect_grep "tiny,optimal,2,2,0.0000," out
cmp one.csv three.csv || fail "--threads changed the roster"
expect_exit 2 rota bench curtois ./tiny.txt --threads 0
expect_grep "threads" err
expect_exit 2 rota bench curtois ./tiny.txt --threads 17
expect_exit 1 rota bench curtois nosuch.txt
expect_exit 2 rota bench curtois tiny.txt tiny.txt --solution x.csv
expect_exit 2 rota bench nosuch
