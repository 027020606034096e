/*
 * tests/test_replan_solver.c - what re-planning needs from the solver:
 * pins (rota_problem.fixed), a reference roster with a cost per change
 * and a cap on changes, and the rules of the next week across the end of
 * the horizon (rota_problem_employee.future).  Every roster the solver
 * returns is verified by the independent checker (no hard rule broken,
 * the same objective, term by term).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "solver/solver.h"

/*
 * Problems: day 0 is Monday 2026-11-30 (UTC clock), hourly intervals from
 * its midnight, three shift types of 8 paid hours: E 06:00-14:00,
 * L 14:00-22:00, N 22:00-06:00 (night).  Employees E1, E2, ... with
 * every skill, no rules unless a test sets one.
 */
enum { T_E, T_L, T_N };

static int32_t monday(void)
{
	return rota_days_from_civil(2026, 11, 30);
}

static struct rota_problem *mk(int D, int K, int E)
{
	static const struct {
		const char *code;
		int start, night;
	} ty[3] = {{"E", 6 * 60, 0}, {"L", 14 * 60, 0}, {"N", 22 * 60, 1}};
	struct rota_error err = {0};
	struct rota_problem *p =
		rota_problem_new(D, D * 24 + 8, K, 3, E, &err);

	assert_non_null(p);
	p->dated = 1;
	p->first_day = monday();
	p->t0 = (int64_t)monday() * 86400;
	p->interval_min = 60;
	for (int k = 0; k < K; k++)
		snprintf(p->skills[k].name, sizeof(p->skills[k].name), "%s",
			 k == 0 ? "voice" : "chat");
	for (int s = 0; s < 3; s++) {
		struct rota_shift_type *t = &p->types[s];

		snprintf(t->code, sizeof(t->code), "%s", ty[s].code);
		snprintf(t->name, sizeof(t->name), "%s shift", ty[s].code);
		t->start_min = ty[s].start;
		t->length_min = 480;
		t->paid_min = 480;
		t->night = ty[s].night;
		for (int d = 0; d < D; d++) {
			struct rota_slot *sl = rota_problem_slot(p, d, s);

			sl->start = p->t0 + ((int64_t)d * 1440 + ty[s].start) * 60;
			sl->end = sl->start + 480 * 60;
			sl->first_interval = d * 24 + ty[s].start / 60;
			sl->end_interval = sl->first_interval + 8;
		}
	}
	for (int e = 0; e < E; e++) {
		struct rota_problem_employee *pe = &p->employees[e];

		snprintf(pe->id, sizeof(pe->id), "E%d", e + 1);
		snprintf(pe->name, sizeof(pe->name), "Employee %d", e + 1);
		pe->skills = K ? (UINT64_C(1) << K) - 1 : 0;
	}
	return p;
}

static void rule(struct rota_problem *p, int e, int r, int value,
		 double weight)
{
	p->employees[e].rule[r].value = value;
	p->employees[e].rule[r].weight = weight;
}

/* n agents of skill k wanted in [from_h, to_h) of day d */
static void demand(struct rota_problem *p, int k, int d, int from_h,
		   int to_h, int n, double under, double over)
{
	for (int h = from_h; h < to_h; h++) {
		struct rota_demand *dm = rota_problem_demand(p, d * 24 + h, k);

		dm->required = n;
		dm->under_weight = under;
		dm->over_weight = over;
	}
}

static void pin(struct rota_problem *p, int e, int d, int s)
{
	p->fixed[e * p->n_days + d] = s;
}

static int type_of(const struct rota_solution *s, int e, int d)
{
	return s->type[e * s->n_days + d];
}

/* The checker's report of a solver result: no hard rule broken and the
 * solver's objective, term by term. */
static struct rota_check_report *verify(const struct rota_problem *p,
					const struct rota_solution *sol)
{
	struct rota_check_report *r = NULL;
	struct rota_error err = {0};

	assert_int_equal(rota_check(p, sol, &r, &err), 0);
	if (r->hard_broken)
		fail_msg("checker: %s", r->violations[0].text);
	if (fabs(r->objective - sol->stats.objective) > 1e-6)
		fail_msg("checker objective %.6f, solver %.6f", r->objective,
			 sol->stats.objective);
	for (int t = 0; t < ROTA_TERM_COUNT; t++)
		if (fabs(r->term[t] - sol->stats.term[t]) > 1e-6)
			fail_msg("term %s: checker %.6f, solver %.6f",
				 rota_term_name(t), r->term[t],
				 sol->stats.term[t]);
	return r;
}

/* Solve to a proven optimum and verify the roster with the checker. */
static struct rota_solution *solve(const struct rota_problem *p)
{
	struct rota_solve_options opt = ROTA_SOLVE_OPTIONS_INIT;
	struct rota_solution *sol = NULL;
	struct rota_error err = {0};

	opt.time_limit_s = 0;
	opt.gap = 0;
	if (rota_solve(p, &opt, &sol, &err) != 0)
		fail_msg("rota_solve: %s", err.msg);
	assert_int_equal(sol->stats.status, ROTA_SOLVE_OPTIMAL);
	rota_check_report_free(verify(p, sol));
	return sol;
}

/* The message of an infeasible problem. */
static const char *infeasible(const struct rota_problem *p,
			      struct rota_error *err)
{
	struct rota_solution *sol = NULL;

	assert_int_equal(rota_solve(p, NULL, &sol, err), ROTA_EINFEASIBLE);
	assert_null(sol);
	return err->msg;
}

/* ------------------------------------------------------------------ pins */

static void pins_hold_against_the_demand(void **state)
{
	struct rota_problem *p = mk(7, 1, 2);
	struct rota_solution *s;

	(void)state;
	/* one early agent wanted every day; E1 is pinned off on Wednesday
	 * and to a late shift nobody needs on Thursday, E2 off on Friday */
	for (int d = 0; d < 7; d++)
		demand(p, 0, d, 6, 14, 1, 100, 1);
	pin(p, 0, 2, -1);
	pin(p, 0, 3, T_L);
	pin(p, 1, 4, -1);
	s = solve(p);
	assert_int_equal(type_of(s, 0, 2), -1);
	assert_int_equal(type_of(s, 0, 3), T_L);
	assert_int_equal(type_of(s, 1, 4), -1);
	/* the demand is met every day by whoever is free (the pinned late
	 * shift serves hours without a demand, at no cost) */
	assert_true(fabs(s->stats.objective) < 1e-9);
	assert_int_equal((type_of(s, 0, 2) == T_E) + (type_of(s, 1, 2) == T_E),
			 1);
	rota_solution_free(s);
	rota_problem_free(p);
}

static void pinned_days_count_in_the_rules(void **state)
{
	struct rota_problem *p = mk(7, 1, 2);
	struct rota_solution *s;

	(void)state;
	/* E1, the cheaper-to-use employee for the early demand, is pinned
	 * to work Monday to Wednesday and may work 3 days in a row: Thursday
	 * must go to E2 */
	demand(p, 0, 3, 6, 14, 1, 100, 1);
	rule(p, 0, ROTA_RULE_max_consecutive_days, 3, 0);
	for (int d = 0; d < 3; d++)
		pin(p, 0, d, T_E);
	s = solve(p);
	assert_int_equal(type_of(s, 0, 3), -1);
	assert_int_equal(type_of(s, 1, 3), T_E);
	rota_solution_free(s);
	rota_problem_free(p);
}

static void a_pin_against_leave_is_infeasible_and_named(void **state)
{
	struct rota_problem *p = mk(7, 0, 2);
	struct rota_error err = {0};

	(void)state;
	pin(p, 1, 2, T_E);
	for (int s = 0; s < 3; s++)
		p->unavailable[(size_t)(1 * 7 + 2) * 3 + (size_t)s] = 1;
	assert_string_equal(
		infeasible(p, &err),
		"employee E2 (Employee 2) cannot be rostered: keeping E on Wed "
		"2026-12-02 (frozen) conflicts with hard time off on Wed "
		"2026-12-02");
	rota_problem_free(p);
}

static void a_pin_out_of_range_is_refused(void **state)
{
	struct rota_problem *p = mk(7, 0, 1);
	struct rota_error err = {0};

	(void)state;
	pin(p, 0, 5, 3);
	assert_int_equal(rota_problem_validate(p, &err), ROTA_EDATA);
	assert_string_equal(err.msg, "problem: employee 'E1': fixed type 3 "
				     "on day 5 out of range");
	rota_problem_free(p);
}

/* ------------------------------------------------- reference and changes */

/* rows: one string per employee, one character per day: '.', E, L, N */
static void set_reference(struct rota_problem *p, const char *const *rows)
{
	int *ref = malloc((size_t)p->n_employees * (size_t)p->n_days *
			  sizeof(int));

	assert_non_null(ref);
	for (int e = 0; e < p->n_employees; e++)
		for (int d = 0; d < p->n_days; d++) {
			char c = rows[e][d];

			ref[e * p->n_days + d] = c == 'E' ? T_E
						 : c == 'L' ? T_L
						 : c == 'N' ? T_N
							    : -1;
		}
	assert_int_equal(rota_problem_set_reference(p, ref, NULL), 0);
	free(ref);
}

static int changes(const struct rota_problem *p,
		   const struct rota_solution *s)
{
	int n = 0;

	for (int i = 0; i < p->n_employees * p->n_days; i++)
		n += s->type[i] != p->reference[i];
	return n;
}

/*
 * A week of one early agent wanted every day (100 an hour short), three
 * employees who may work 5 days of 7; the reference covers every day.
 */
static struct rota_problem *covered_week(void)
{
	static const char *const rows[] = {"EEEE...", "....EEE", "......."};
	struct rota_problem *p = mk(7, 1, 3);

	for (int d = 0; d < 7; d++)
		demand(p, 0, d, 6, 14, 1, 100, 1);
	for (int e = 0; e < 3; e++)
		rule(p, e, ROTA_RULE_max_days_week, 5, 0);
	set_reference(p, rows);
	return p;
}

static void the_reference_comes_back_when_it_is_optimal(void **state)
{
	struct rota_problem *p = covered_week();
	struct rota_solution *s;

	(void)state;
	p->change_weight = 5;
	s = solve(p);
	assert_int_equal(changes(p, s), 0);
	assert_true(fabs(s->stats.objective) < 1e-9);
	rota_solution_free(s);
	rota_problem_free(p);
}

static void only_the_changes_that_pay_are_made(void **state)
{
	struct rota_problem *p = covered_week();
	struct rota_solution *s;

	(void)state;
	/* E1 calls in sick on Wednesday: filling the hole (800) is worth
	 * one more change (50) besides the forced one */
	for (int t = 0; t < 3; t++)
		p->unavailable[(size_t)(0 * 7 + 2) * 3 + (size_t)t] = 1;
	p->change_weight = 50;
	s = solve(p);
	assert_int_equal(changes(p, s), 2);
	assert_int_equal(type_of(s, 0, 2), -1);
	assert_true(type_of(s, 1, 2) == T_E || type_of(s, 2, 2) == T_E);
	assert_true(fabs(s->stats.term[ROTA_TERM_changes] - 100) < 1e-9);
	assert_true(fabs(s->stats.objective - 100) < 1e-9);
	rota_solution_free(s);
	/* at 1000 a change, the hole is cheaper */
	p->change_weight = 1000;
	s = solve(p);
	assert_int_equal(changes(p, s), 1);
	assert_true(fabs(s->stats.objective - (800 + 1000)) < 1e-9);
	rota_solution_free(s);
	rota_problem_free(p);
}

static void max_changes_is_a_hard_cap(void **state)
{
	struct rota_problem *p = covered_week();
	struct rota_solution *s;
	struct rota_error err = {0};

	(void)state;
	for (int t = 0; t < 3; t++)
		p->unavailable[(size_t)(0 * 7 + 2) * 3 + (size_t)t] = 1;
	p->change_weight = 1;
	p->max_changes = 1;  /* the forced change only: the hole stays */
	s = solve(p);
	assert_int_equal(changes(p, s), 1);
	assert_true(fabs(s->stats.term[ROTA_TERM_under] - 800) < 1e-9);
	rota_solution_free(s);
	p->max_changes = 0;
	assert_string_equal(infeasible(p, &err),
			    "the hard rules need at least 1 change to the "
			    "current roster, more than the 0 allowed (E1 1)");
	rota_problem_free(p);
}

static void freezing_pins_what_has_started(void **state)
{
	struct rota_problem *p = covered_week();
	struct rota_error err = {0};
	int64_t wed_10h = p->t0 + (2 * 24 + 10) * 3600;

	(void)state;
	/* E1 works E Mon-Thu, E2 E Fri-Sun; now is Wednesday 10:00 */
	assert_int_equal(rota_problem_freeze(p, wed_10h, &err), 0);
	assert_int_equal(p->fixed[0 * 7 + 0], T_E);
	assert_int_equal(p->fixed[0 * 7 + 2], T_E);  /* started at 06:00 */
	assert_int_equal(p->fixed[0 * 7 + 3], ROTA_FREE);
	assert_int_equal(p->fixed[1 * 7 + 1], -1);   /* Tuesday is past */
	assert_int_equal(p->fixed[1 * 7 + 2], ROTA_FREE);
	/* on Wednesday E2 may still start L or N, not E */
	assert_int_equal(p->unavailable[(size_t)(1 * 7 + 2) * 3 + T_E], 1);
	assert_int_equal(p->unavailable[(size_t)(1 * 7 + 2) * 3 + T_L], 0);
	assert_int_equal(p->unavailable[(size_t)(1 * 7 + 3) * 3 + T_E], 0);
	rota_problem_free(p);

	p = mk(7, 0, 1);
	assert_int_equal(rota_problem_freeze(p, 0, &err), ROTA_EINVAL);
	assert_string_equal(err.msg, "freezing needs a reference roster");
	rota_problem_free(p);
}

/* deterministic generator for the property test */
static uint64_t rng_state;

static int rnd(int n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (int)(rng_state % (uint64_t)n);
}

/*
 * Property: over random small re-plans (random rules, demand, time off,
 * pins and a random current roster that may break them), every roster
 * returned keeps its pins, passes the checker without a hard violation
 * and changes no more than max_changes; a refusal is one of the two
 * documented messages.
 */
static void random_replans_never_exceed_max_changes(void **state)
{
	int solved = 0, refused = 0;

	(void)state;
	rng_state = UINT64_C(0x9E3779B97F4A7C15);
	for (int round = 0; round < 40; round++) {
		int E = 2 + rnd(3);
		struct rota_problem *p = mk(7, 1, E);
		struct rota_solve_options opt = ROTA_SOLVE_OPTIONS_INIT;
		struct rota_solution *s = NULL;
		struct rota_error err = {0};
		int *ref = malloc((size_t)E * 7 * sizeof(int));
		int rc;

		assert_non_null(ref);
		for (int d = 0; d < 7; d++)
			demand(p, 0, d, 6 + 8 * rnd(2), 14 + 8 * rnd(2),
			       rnd(3), 100, 1);
		for (int e = 0; e < E; e++) {
			rule(p, e, ROTA_RULE_max_days_week, 3 + rnd(3), 0);
			rule(p, e, ROTA_RULE_max_consecutive_days, 2 + rnd(3),
			     0);
			rule(p, e, ROTA_RULE_min_rest_min, 660, 0);
			for (int d = 0; d < 7; d++) {
				ref[e * 7 + d] = rnd(3) ? rnd(3) : -1;
				if (rnd(10) == 0)
					for (int t = 0; t < 3; t++)
						p->unavailable[(size_t)(e * 7 +
									d) *
								       3 +
							       (size_t)t] = 1;
			}
		}
		assert_int_equal(rota_problem_set_reference(p, ref, NULL), 0);
		/* the first days are frozen as they are (days off where the
		 * employee is now away) */
		for (int e = 0; e < E; e++) {
			int frozen = rnd(3);

			for (int d = 0; d < frozen; d++)
				pin(p, e, d,
				    p->unavailable[(size_t)(e * 7 + d) * 3]
					    ? -1
					    : ref[e * 7 + d]);
		}
		p->change_weight = rnd(2) ? 0 : 1 + rnd(200);
		p->max_changes = rnd(5) == 0 ? ROTA_UNSET : 2 + rnd(4 * E);
		opt.time_limit_s = 0;
		rc = rota_solve(p, &opt, &s, &err);
		if (rc == ROTA_EINFEASIBLE) {
			assert_true(strncmp(err.msg, "the hard rules need",
					    19) == 0 ||
				    strncmp(err.msg, "employee E", 10) == 0);
			refused++;
		} else {
			assert_int_equal(rc, 0);
			rota_check_report_free(verify(p, s));
			if (p->max_changes != ROTA_UNSET)
				assert_true(changes(p, s) <= p->max_changes);
			for (int i = 0; i < E * 7; i++)
				if (p->fixed[i] != ROTA_FREE)
					assert_int_equal(s->type[i],
							 p->fixed[i]);
			solved++;
		}
		rota_solution_free(s);
		free(ref);
		rota_problem_free(p);
	}
	/* the generator exercises both outcomes */
	assert_true(solved >= 20);
	assert_true(refused >= 1);
}

/* ----------------------------------------------- the next week's rules */

static struct rota_future *future(struct rota_problem *p, int e)
{
	struct rota_future *f = &p->employees[e].future;

	f->known = 1;
	return f;
}

static int worked_days(const struct rota_solution *s, int e, int from,
		       int to)
{
	int n = 0;

	for (int d = from; d <= to; d++)
		n += type_of(s, e, d) >= 0;
	return n;
}

static void max_consecutive_days_reach_into_the_next_week(void **state)
{
	struct rota_problem *p = mk(7, 1, 1);
	struct rota_solution *s;

	(void)state;
	/* wanted every day; at most 5 days in a row; the next week starts
	 * with 3 working days: one of Friday-Sunday must be off, and one
	 * day off in Friday-Saturday is the best (6 days worked) */
	for (int d = 0; d < 7; d++)
		demand(p, 0, d, 6, 14, 1, 100, 1);
	rule(p, 0, ROTA_RULE_max_consecutive_days, 5, 0);
	future(p, 0)->days_worked = 3;
	s = solve(p);
	assert_int_equal(worked_days(s, 0, 0, 6), 6);
	assert_int_equal(worked_days(s, 0, 4, 6), 2);
	assert_true(type_of(s, 0, 6) >= 0);
	rota_solution_free(s);
	rota_problem_free(p);
}

static void rest_reaches_the_first_shift_of_the_next_week(void **state)
{
	struct rota_problem *p = mk(7, 1, 1);
	struct rota_solution *s;

	(void)state;
	/* a late shift on Sunday ends 8 h before next Monday's 06:00 */
	demand(p, 0, 6, 14, 22, 1, 100, 1);
	rule(p, 0, ROTA_RULE_min_rest_min, 660, 0);
	future(p, 0)->first_start = p->t0 + (7 * 24 + 6) * 3600;
	future(p, 0)->first_type = T_E;
	future(p, 0)->days_worked = 1;
	s = solve(p);
	assert_int_equal(type_of(s, 0, 6), -1);
	assert_true(fabs(s->stats.objective - 800) < 1e-9);
	rota_solution_free(s);
	/* soft, at 50 a pair: worth breaking */
	rule(p, 0, ROTA_RULE_min_rest_min, 660, 50);
	s = solve(p);
	assert_int_equal(type_of(s, 0, 6), T_L);
	assert_true(fabs(s->stats.term[ROTA_TERM_rules] - 50) < 1e-9);
	rota_solution_free(s);
	rota_problem_free(p);
}

static void a_ban_reaches_the_first_day_of_the_next_week(void **state)
{
	struct rota_problem *p = mk(7, 1, 1);
	struct rota_solution *s;

	(void)state;
	/* N may not be followed by E; next week starts with E */
	p->ban[T_N * 3 + T_E] = 1;
	demand(p, 0, 6, 22, 24, 1, 100, 1);
	future(p, 0)->first_type = T_E;
	future(p, 0)->days_worked = 1;
	s = solve(p);
	assert_int_equal(type_of(s, 0, 6), -1);
	rota_solution_free(s);
	future(p, 0)->first_type = T_L;
	s = solve(p);
	assert_int_equal(type_of(s, 0, 6), T_N);
	rota_solution_free(s);
	rota_problem_free(p);
}

static void minimum_blocks_join_the_next_week_both_ways(void **state)
{
	struct rota_problem *p = mk(7, 1, 1);
	struct rota_solution *s;

	(void)state;
	/* working days in runs of 3; next week starts with one working day:
	 * Sunday must be worked (else next week's run is 1 day), and so must
	 * Saturday (else Sunday's run is 2); work costs, so nothing else */
	p->cost_per_min = 0.01;
	rule(p, 0, ROTA_RULE_min_consecutive_days, 3, 0);
	future(p, 0)->days_worked = 1;
	s = solve(p);
	assert_int_equal(worked_days(s, 0, 0, 4), 0);
	assert_int_equal(worked_days(s, 0, 5, 6), 2);
	rota_solution_free(s);
	rota_problem_free(p);

	/* days off in runs of 2; next week starts with one day off: Sunday
	 * must be off although it is wanted */
	p = mk(7, 1, 1);
	for (int d = 0; d < 7; d++)
		demand(p, 0, d, 6, 14, 1, 100, 1);
	rule(p, 0, ROTA_RULE_min_consecutive_days_off, 2, 0);
	future(p, 0)->days_off = 1;
	s = solve(p);
	assert_int_equal(worked_days(s, 0, 0, 5), 6);
	assert_int_equal(type_of(s, 0, 6), -1);
	rota_solution_free(s);
	rota_problem_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pins_hold_against_the_demand),
		cmocka_unit_test(pinned_days_count_in_the_rules),
		cmocka_unit_test(a_pin_against_leave_is_infeasible_and_named),
		cmocka_unit_test(a_pin_out_of_range_is_refused),
		cmocka_unit_test(the_reference_comes_back_when_it_is_optimal),
		cmocka_unit_test(only_the_changes_that_pay_are_made),
		cmocka_unit_test(max_changes_is_a_hard_cap),
		cmocka_unit_test(freezing_pins_what_has_started),
		cmocka_unit_test(random_replans_never_exceed_max_changes),
		cmocka_unit_test(max_consecutive_days_reach_into_the_next_week),
		cmocka_unit_test(rest_reaches_the_first_shift_of_the_next_week),
		cmocka_unit_test(a_ban_reaches_the_first_day_of_the_next_week),
		cmocka_unit_test(minimum_blocks_join_the_next_week_both_ways),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
