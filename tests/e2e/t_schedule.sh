# rota schedule: solve the week, store it as a draft, print the summary;
# the same roster twice; the model for other solvers; an infeasible week
# explained (exit 1, nothing stored); usage errors.
. "$E2E_DIR/lib.sh"
# the fixtures' weeks are in the future (frozen time: docs/operations.md)
export ROTA_NOW=2026-03-01T00:00:00Z
cp -r "$DATA/site" site
expect_exit 0 rota --db t.db import site

expect_exit 0 rota --db t.db schedule --week 2026-04-01 --time-limit 30
expect_grep "week 2026-03-30 to 2026-04-05: 12 shifts for 3 of 3 employees, stored as version 1 (12 employee-days changed)" out
expect_grep "status     optimal" out
expect_grep "objective  22444.60" out
expect_grep "bound      22444.60" out
expect_grep "gap        0.00%" out
expect_grep "terms      understaffing 21500, overstaffing 935, paid time 9.60" out
expect_grep "understaffed: 3 interval-skills, 1290 agent-minutes missing" out
expect_grep "voice  2026-03-30 08:00  09:00          21                   1200" out
expect_grep "rule penalties paid: none" out
# progress goes to a terminal only
[ ! -s err ] || { cat err; fail "schedule wrote to stderr"; }

# stored as a draft that passes every rule
expect_exit 0 rota --db t.db roster --week 2026-03-30 --format table
expect_grep "draft, scheduled by the solver (optimal, objective 22444.60" out
expect_grep "E01       王小明       E       E       E       E       E       -       -       40:00" out
expect_exit 0 rota --db t.db roster --week 2026-03-30 --check --format table
expect_grep "0 hard violations, 0 soft (penalty 0)" out
expect_grep "objective 22444.60" out
expect_exit 0 rota --db t.db roster --week 2026-03-30 --format csv
cp out first.csv

# the same input gives the same roster, byte for byte
expect_exit 0 rota --db t.db schedule --week 2026-03-30 --time-limit 30
expect_exit 0 rota --db t.db roster --week 2026-03-30 --format csv
expect_file first.csv out

# the model for other solvers; the next week reads this one as history
expect_exit 0 rota --db t.db schedule --week 2026-04-06 --write-mps m.mps \
	--write-lp m.lp --time-limit 30
expect_grep "week 2026-04-06 to 2026-04-12" out
objective=$(sed -n 's/^objective  //p' out)
head -n 3 m.mps >head.txt
expect_grep "NAME rota" head.txt
expect_grep "ENDATA" m.mps
expect_grep "Subject To" m.lp
# glpsol (when installed) finds the same optimum in both files
same_objective() {
	got=$(sed -n 's/^Objective: *obj = \([-0-9.e+]*\).*/\1/p' "$1")
	awk -v a="$got" -v b="$objective" 'BEGIN { d = a - b; exit !(d < 0.005 && d > -0.005) }' ||
		fail "$1: glpsol objective '$got', rota $objective"
}
if command -v glpsol >/dev/null 2>&1; then
	glpsol --freemps m.mps -o sol.txt >/dev/null 2>&1 ||
		fail "glpsol cannot solve m.mps"
	same_objective sol.txt
	glpsol --lp m.lp -o sol2.txt >/dev/null 2>&1 ||
		fail "glpsol cannot solve m.lp"
	same_objective sol2.txt
fi

# an infeasible week: the employee and the conflicting rules, exit 1
printf 'employee,start,end,kind,weight,note\nE01,2026-03-30,2026-04-02,hard,,leave\n' >leave.csv
expect_exit 0 rota --db t.db import timeoff leave.csv
expect_exit 1 rota --db t.db schedule --week 2026-03-30 --time-limit 30
expect_grep "rota: employee E01 (王小明) cannot be rostered: at least 40 h paid a week conflicts with hard time off on Mon 2026-03-30, Tue 2026-03-31, Wed 2026-04-01 and Thu 2026-04-02 (at most 24 h can be worked)" err
[ ! -s out ] || { cat out; fail "infeasible schedule printed a summary"; }
# the stored roster is left as it was
expect_exit 0 rota --db t.db roster --week 2026-03-30 --format csv
expect_file first.csv out

# usage errors
expect_exit 2 rota --db t.db schedule
expect_grep "rota schedule: --week DATE is required" err
expect_exit 2 rota --db t.db schedule --week 2026-03-30 --gap 2
expect_grep "rota schedule: --gap: expected a fraction in [0, 1), e.g. 0.01" err
expect_exit 2 rota --db t.db schedule --week 2026-03-30 --time-limit -1
expect_grep "rota schedule: --time-limit: expected seconds >= 0 (0: no limit)" err
expect_exit 2 rota --db t.db schedule --week 2026-02-30
expect_grep "'2026-02-30' is not a date" err
