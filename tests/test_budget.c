/*
 * tests/test_budget.c - the search's budget (solver/budget.c): a phase's
 * share of the work and of the time, and the record that the clock, not
 * the work, decided something (time_cut), which rota_solve reports as
 * "stopped by the time limit" even when the work budget ran out later.
 * The waits below wait for the clock to pass a deadline (bounded); no
 * assertion depends on how fast the machine is.  And a whole solve whose
 * cap has passed before its first roster: the roster is finished on a
 * narrow beam (construct.c, hurry).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "solver/solver.h"
#include "solver/solver_int.h"
#include "curtois_gen.h"
#include "checked.h"
#include "contact_week.h"

/* Wait until the clock passes t (at most 5 s): 1 when it did. */
static int wait_past(double t)
{
	double give_up = solver_now() + 5;

	while (solver_now() <= t)
		if (solver_now() > give_up)
			return 0;
	return 1;
}

/* the options of the budget under test (it keeps a pointer to them) */
static struct rota_solve_options options;

/* A budget of 1,000 work units under a cap of cap_s seconds (0: none). */
static void start(struct solver_budget *b, double cap_s)
{
	const struct rota_solve_options o = ROTA_SOLVE_OPTIONS_INIT;

	options = o;
	options.time_limit_s = cap_s;
	solver_budget_init(b, &options, 1000);
}

/* Spend `units`: that ends the budget (or the phase's share) on work. */
static void spend_out(struct solver_budget *b, double units)
{
	solver_budget_spend(b, units);
	assert_false(solver_budget_left(b));
	assert_int_equal(b->stopped_by, ROTA_STOP_WORK);
}

/* Release a phase that ended: the search may go on. */
static void release_and_go_on(struct solver_budget *b, struct solver_hold h)
{
	solver_budget_release(b, h);
	assert_int_equal(b->stopped_by, ROTA_STOP_DONE);
	assert_true(solver_budget_left(b));
}

static void work_alone_never_marks_the_clock(void **state)
{
	struct solver_budget b;
	struct solver_hold h;

	(void)state;
	start(&b, 3600);
	h = solver_budget_hold(&b, 0.5);
	assert_true(fabs(b.work_limit - 500) < 1e-9);
	spend_out(&b, 600);
	/* the phase's share ran out, not the budget */
	release_and_go_on(&b, h);
	spend_out(&b, 400);
	assert_int_equal(b.time_cut, 0);
}

/*
 * A phase cut by its share of the time cap: released, the search goes on
 * (the cap itself is far), but the budget remembers that the clock cut
 * it, so the result cannot claim the work budget alone ended the search.
 */
static void a_phase_cut_by_its_share_of_the_time_is_remembered(void **state)
{
	struct solver_budget b;
	struct solver_hold h;

	(void)state;
	start(&b, 3600);
	/* a share of one millionth of an hour: 3.6 ms */
	h = solver_budget_hold(&b, 1e-6);
	assert_true(wait_past(b.deadline));
	assert_false(solver_budget_left(&b));
	assert_int_equal(b.stopped_by, ROTA_STOP_TIME);
	release_and_go_on(&b, h);
	assert_int_equal(b.time_cut, 1);
	/* and the work budget ends the search afterwards */
	spend_out(&b, 1000);
	assert_int_equal(b.time_cut, 1);
}

static void a_decision_of_the_clock_is_marked_by_hand(void **state)
{
	struct solver_budget b;

	(void)state;
	start(&b, 0);
	assert_true(solver_budget_time_left(&b));
	assert_int_equal(b.time_cut, 0);
	solver_budget_time_cut(&b);
	assert_int_equal(b.time_cut, 1);
	/* marking is no stop */
	assert_true(solver_budget_left(&b));
}

/*
 * The search ends a little before the cap, so the whole call (the final
 * evaluation and the clean-up after the search) ends within it: 1% of
 * it, at most 2 s.  No cap, no deadline.
 */
static void the_search_ends_before_the_cap(void **state)
{
	struct solver_budget b;

	(void)state;
	start(&b, 10);
	assert_true(fabs(b.deadline - b.t_start - 9.9) < 1e-9);
	start(&b, 600);
	assert_true(fabs(b.deadline - b.t_start - 598) < 1e-9);
	start(&b, 0);
	assert_false(b.deadline < HUGE_VAL);
}

/* The lines of a solve's log that tell of a hurried first roster. */
struct hurried {
	int lines, left;
};

static void on_hurry(const char *line, void *arg)
{
	struct hurried *h = arg;
	const char *s = strstr(line, "construct: the ");
	int left, beam;

	if (s && sscanf(s, "construct: the %d employees left would take "
			   "more than half the time left; a beam of %d",
			&left, &beam) == 2) {
		assert_int_equal(beam, 16);
		h->lines++;
		h->left = left;
	}
}

/* The solve of p under a cap of cap_s seconds (0: none), its log read
 * into h; the roster keeps every hard rule and costs what the checker
 * says. */
static struct rota_solution *solve_under(const struct rota_problem *p,
					 double cap_s, struct hurried *h)
{
	struct rota_solve_options o = ROTA_SOLVE_OPTIONS_INIT;
	struct rota_solution *s = NULL;
	struct rota_error err = {0};

	memset(h, 0, sizeof(*h));
	o.time_limit_s = cap_s;
	o.work_unit = 2000;
	o.log = on_hurry;
	o.log_arg = h;
	if (rota_solve(p, &o, &s, &err) < 0)
		fail_msg("solve: %s", err.msg);
	assert_checked(p, s);
	return s;
}

/*
 * A first roster is always finished, but under a cap it would overrun it
 * finishes on a narrow beam (Curtois 24 at --time-limit 30 ran 125 s at
 * the full one): with a cap of a microsecond, past before the first
 * employee is rostered, every employee gets the narrow beam, the log
 * says so once, and the result is stopped by the time limit.  Without a
 * cap the beam is never narrowed, nor on a week with interval demand,
 * whose employees' weeks come from their MIPs (no beam to narrow).
 */
static void a_first_roster_past_the_cap_is_finished_narrow(void **state)
{
	struct rota_problem *p = NULL;
	struct rota_solution *s;
	struct rota_error err = {0};
	struct hurried h;
	char *text;

	(void)state;
	rng = 99;
	text = curtois_gen(8, 14);
	if (rota_curtois_parse(text, strlen(text), "gen.txt", &p, &err) < 0)
		fail_msg("parse: %s", err.msg);
	s = solve_under(p, 1e-6, &h);
	assert_int_equal(h.lines, 1);
	assert_int_equal(h.left, p->n_employees);
	assert_int_equal(s->stats.stopped_by, ROTA_STOP_TIME);
	rota_solution_free(s);
	s = solve_under(p, 0, &h);
	assert_int_equal(h.lines, 0);
	assert_int_not_equal(s->stats.stopped_by, ROTA_STOP_TIME);
	rota_solution_free(s);
	rota_problem_free(p);
	free(text);
	rng = 5;
	p = contact_week();
	s = solve_under(p, 1e-6, &h);
	assert_int_equal(h.lines, 0);
	assert_int_equal(s->stats.stopped_by, ROTA_STOP_TIME);
	rota_solution_free(s);
	rota_problem_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(work_alone_never_marks_the_clock),
		cmocka_unit_test(
			a_phase_cut_by_its_share_of_the_time_is_remembered),
		cmocka_unit_test(a_decision_of_the_clock_is_marked_by_hand),
		cmocka_unit_test(the_search_ends_before_the_cap),
		cmocka_unit_test(
			a_first_roster_past_the_cap_is_finished_narrow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
