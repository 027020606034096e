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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pins_hold_against_the_demand),
		cmocka_unit_test(pinned_days_count_in_the_rules),
		cmocka_unit_test(a_pin_against_leave_is_infeasible_and_named),
		cmocka_unit_test(a_pin_out_of_range_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
