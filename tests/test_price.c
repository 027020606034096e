/*
 * tests/test_price.c - the pricing dynamic program (solver/price.c)
 * against the MIP of the same employee (solver/model.c) and the checker:
 * over random rules, history, future, pins and costs, the program finds
 * the same optimum as GLPK on the model, and the week it returns costs
 * what the checker says it costs.  (A test of an internal part, hence
 * solver_int.h.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"
#include "test_rng.h"


/* A day's types E 06-14, L 14-22, N 22-06 (night), 8 h each, or of
 * mixed lengths; undated Monday start, one employee. */
static struct rota_problem *random_problem(int D)
{
	static const int start[3] = {6 * 60, 14 * 60, 22 * 60};
	struct rota_problem *p = rota_problem_new(D, 0, 0, 3, 1, NULL);
	struct rota_problem_employee *pe;

	assert_non_null(p);
	p->first_weekday = 1 + rnd(7);
	for (int s = 0; s < 3; s++) {
		struct rota_shift_type *t = &p->types[s];

		snprintf(t->code, sizeof(t->code), "%c", "ELN"[s]);
		t->start_min = start[s];
		t->length_min = 480 + 120 * rnd(2);
		t->paid_min = t->length_min - 30 * rnd(2);
		t->night = s == 2;
		for (int d = 0; d < D; d++) {
			struct rota_slot *sl = rota_problem_slot(p, d, s);

			sl->start = ((int64_t)d * 1440 + start[s]) * 60;
			sl->end = sl->start + (int64_t)t->length_min * 60;
		}
	}
	pe = &p->employees[0];
	snprintf(pe->id, sizeof(pe->id), "E1");
#define MAYBE(r, lo, span)                                                   \
	do {                                                                 \
		if (rnd(3) == 0) {                                           \
			pe->rule[r].value = (lo) + rnd(span);                \
			pe->rule[r].weight = rnd(2) ? 0 : 1 + rnd(30);       \
		}                                                            \
	} while (0)
	MAYBE(ROTA_RULE_max_consecutive_days, 2, 4);
	MAYBE(ROTA_RULE_min_consecutive_days, 2, 2);
	MAYBE(ROTA_RULE_min_consecutive_days_off, 2, 2);
	MAYBE(ROTA_RULE_min_rest_min, 600, 300);
	MAYBE(ROTA_RULE_max_days_week, 3, 3);
	MAYBE(ROTA_RULE_min_week_min, 960, 1000);
	MAYBE(ROTA_RULE_max_week_min, 1800, 900);
	MAYBE(ROTA_RULE_max_nights, 1, 3);
	MAYBE(ROTA_RULE_max_weekends, 0, 2);
	MAYBE(ROTA_RULE_min_total_min, 480 * D / 5, 480 * D / 5);
	MAYBE(ROTA_RULE_max_total_min, 480 * D / 2, 480 * D / 3);
#undef MAYBE
	for (int s = 0; s < 3; s++)
		if (rnd(3) == 0) {
			p->type_max[s].value = rnd(D / 2 + 1);
			p->type_max[s].weight = rnd(2) ? 0 : 1 + rnd(20);
		}
	if (rnd(2)) {
		struct rota_history *h = &pe->history;

		h->known = 1;
		if (rnd(2))
			h->days_worked = rnd(6);
		else
			h->days_off = rnd(4);
		h->last_type = h->days_worked ? rnd(3) : -1;
		h->last_end = h->days_worked ? -(int64_t)rnd(12) * 3600
					     : INT64_MIN;
		h->weekends_worked = rnd(2);
	}
	if (rnd(2)) {
		struct rota_future *f = &pe->future;

		f->known = 1;
		if (rnd(2))
			f->days_worked = 1 + rnd(5);
		else
			f->days_off = rnd(4);
		f->first_type = f->days_worked ? rnd(3) : -1;
		f->first_start = f->days_worked
					 ? ((int64_t)D * 1440 + 6 * 60) * 60
					 : INT64_MAX;
	}
	if (rnd(3) == 0)
		p->ban[2 * 3 + 0] = 1; /* no early after a night */
	for (int d = 0; d < D; d++) {
		if (rnd(8) == 0)
			for (int s = 0; s < 3; s++)
				p->unavailable[d * 3 + s] = 1;
		if (rnd(10) == 0)
			p->fixed[d] = rnd(4) - 1;
	}
	return p;
}

/* The MIP's optimum for cost[] (HUGE_VAL when infeasible). */
static double mip_optimum(const struct rota_problem *p, const double *cost)
{
	uint8_t mask[1] = {1};
	struct model_spec spec = {mask, 0, 1, 0, NULL, NULL, 0};
	struct roster_model rm;
	struct sub_params sp;
	struct sub_out so;
	int S = p->n_types;
	double *obj, *x, off = 0;
	uint8_t *fr;

	assert_int_equal(solver_model_build(&rm, p, &spec, NULL), 0);
	obj = malloc(((size_t)rm.mip.ncols + 1) * sizeof(double));
	x = calloc((size_t)rm.mip.ncols + 1, sizeof(double));
	fr = malloc((size_t)rm.mip.ncols + 1);
	memcpy(obj, rm.mip.obj, (size_t)rm.mip.ncols * sizeof(double));
	memset(fr, 1, (size_t)rm.mip.ncols);
	for (int d = 0; d < p->n_days; d++) {
		off += cost[d * (S + 1) + S];
		for (int s = 0; s < S; s++) {
			int j = model_x(&rm, 0, d, s);

			if (j >= 0)
				obj[j] += cost[d * (S + 1) + s] -
					  cost[d * (S + 1) + S];
		}
	}
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = x;
	sp.obj = obj;
	sp.presolve = 1;
	solver_sub_solve(NULL, &rm.mip, &sp, x, &so);
	free(obj);
	free(x);
	free(fr);
	solver_model_free(&rm);
	if (so.result == SUB_INFEASIBLE)
		return HUGE_VAL;
	assert_int_equal(so.result, SUB_OPTIMAL);
	return so.obj + off;
}

/* The checker's cost of week (rules) plus cost[]; -1 on a hard fault. */
static double checked(const struct rota_problem *p, const double *cost,
		      const int *week)
{
	struct rota_solution *sol = rota_solution_new(p, NULL);
	struct rota_check_report *r = NULL;
	int S = p->n_types;
	double z = 0;

	memcpy(sol->type, week, (size_t)p->n_days * sizeof(int));
	assert_int_equal(rota_check(p, sol, &r, NULL), 0);
	if (r->hard_broken) {
		z = -1;
	} else {
		z = r->term[ROTA_TERM_rules];
		for (int d = 0; d < p->n_days; d++)
			z += cost[d * (S + 1) + (week[d] < 0 ? S : week[d])];
	}
	rota_check_report_free(r);
	rota_solution_free(sol);
	return z;
}

static void the_program_finds_the_mip_optimum_on_random_employees(
	void **state)
{
	int same = 0, infeasible = 0;

	(void)state;
	glp_term_out(GLP_OFF);
	rng = UINT64_C(0x9E3779B97F4A7C15);
	for (int round = 0; round < 600; round++) {
		int D = round % 5 == 0 ? 11 : 7;
		struct rota_problem *p = random_problem(D);
		struct solver_pricer *pr = NULL;
		double *cost = malloc((size_t)D * 4 * sizeof(double));
		int week[16];
		double value, opt;
		long labels;
		int rc;

		for (int i = 0; i < D * 4; i++)
			cost[i] = rnd(200) - 120;
		assert_int_equal(rota_problem_validate(p, NULL), 0);
		rc = solver_pricer_new(p, 0, &pr);
		if (rc == ROTA_ELIMIT) {
			free(cost);
			rota_problem_free(p);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_int_equal(solver_price(pr, cost, HUGE_VAL, 0, week,
					      &value, &labels),
				 0);
		opt = mip_optimum(p, cost);
		if (!isfinite(opt)) {
			if (isfinite(value))
				fail_msg("round %d: program %.3f, MIP "
					 "infeasible",
					 round, value);
			infeasible++;
		} else {
			double z;

			if (!(fabs(value - opt) < 1e-6))
				fail_msg("round %d: program %.3f, MIP %.3f",
					 round, value, opt);
			z = checked(p, cost, week);
			assert_true(fabs(solver_pricer_cost(pr, cost, week) -
					 value) < 1e-6);
			if (!(fabs(z - value) < 1e-6)) {
				struct rota_problem_employee *pe =
					&p->employees[0];

				for (int r = 0; r < ROTA_PROBLEM_RULE_COUNT; r++)
					if (pe->rule[r].value != ROTA_UNSET)
						print_message("%s %d w %g\n",
							      rota_problem_rule_name(r),
							      pe->rule[r].value,
							      pe->rule[r].weight);
				print_message("hist %d %d/%d fut %d %d/%d wd1 %d\n",
					      pe->history.known,
					      pe->history.days_worked,
					      pe->history.days_off,
					      pe->future.known,
					      pe->future.days_worked,
					      pe->future.days_off,
					      p->first_weekday);
				for (int d = 0; d < D; d++)
					print_message("%d ", week[d]);
				print_message("\n");
				for (int d = 0; d < D; d++)
					print_message("[%g %g %g %g] ", cost[d*4], cost[d*4+1], cost[d*4+2], cost[d*4+3]);
				print_message("\nunav/fixed: ");
				for (int d = 0; d < D; d++)
					print_message("%d/%d ", p->unavailable[d*3], p->fixed[d]);
				print_message("\nlens %d %d %d paid %d %d %d ban %d last %d\n", p->types[0].length_min, p->types[1].length_min, p->types[2].length_min, p->types[0].paid_min, p->types[1].paid_min, p->types[2].paid_min, p->ban[6], pe->history.last_type);
			}
			if (!(fabs(z - value) < 1e-6))
				fail_msg("round %d: program %.3f, checker "
					 "%.3f",
					 round, value, z);
			same++;
		}
		solver_pricer_free(pr);
		free(cost);
		rota_problem_free(p);
	}
	assert_true(same >= 400);
	assert_true(infeasible >= 20);
}

/*
 * A beam keeps each day's most promising labels (price.c, cut_beam).  One
 * too wide ever to cut is the exact program (the same value, and it says
 * it cut nothing); a narrow one returns a week that keeps the hard rules,
 * costs what it says, and is never better than the optimum.
 */
static void a_beam_is_exact_when_wide_and_sound_when_narrow(void **state)
{
	int cut = 0, wide_found = 0;

	(void)state;
	rng = UINT64_C(0xD1B54A32D192ED03);
	for (int round = 0; round < 400; round++) {
		int D = round % 3 == 0 ? 11 : 7;
		struct rota_problem *p = random_problem(D);
		struct solver_pricer *pr = NULL;
		double *cost = malloc((size_t)D * 4 * sizeof(double));
		int week[16], rc;
		double opt, value;

		for (int i = 0; i < D * 4; i++)
			cost[i] = rnd(200) - 120;
		assert_int_equal(rota_problem_validate(p, NULL), 0);
		if (solver_pricer_new(p, 0, &pr) == ROTA_ELIMIT) {
			free(cost);
			rota_problem_free(p);
			continue;
		}
		assert_int_equal(solver_price(pr, cost, HUGE_VAL, 0, week, &opt,
					      NULL),
				 0);
		assert_int_equal(solver_price(pr, cost, HUGE_VAL, 1L << 24,
					      week, &value, NULL),
				 0);
		if (isfinite(opt) != isfinite(value) ||
		    (isfinite(opt) && !(fabs(value - opt) < 1e-6)))
			fail_msg("round %d: wide beam %.3f, exact %.3f", round,
				 value, opt);
		wide_found += isfinite(value);
		rc = solver_price(pr, cost, HUGE_VAL, 2, week, &value, NULL);
		assert_true(rc == 0 || rc == 1);
		cut += rc == 1;
		if (isfinite(value)) {
			if (value < opt - 1e-6 ||
			    (rc == 0 && !(fabs(value - opt) < 1e-6)))
				fail_msg("round %d: narrow beam %.3f (rc %d), "
					 "exact %.3f",
					 round, value, rc, opt);
			assert_true(fabs(checked(p, cost, week) - value) <
				    1e-6);
		}
		solver_pricer_free(pr);
		free(cost);
		rota_problem_free(p);
	}
	/* both kinds of day were met: full and cut */
	assert_true(wide_found >= 200);
	assert_true(cut >= 100);
}

/*
 * A beam that watches the clock (the column generation's) stops at the
 * time cap with nothing found (ROTA_ELIMIT), recording nothing in the
 * budget; one that does not (the construction's) finishes its week;
 * before the cap the watching beam finds the same week.  A deferred
 * search charges nothing and reports the labels it would have.  The cap is a deadline already past, set by hand:
 * nothing depends on the machine's speed.
 */
static void a_beam_that_watches_the_clock_stops_at_the_cap(void **state)
{
	struct rota_solve_options o = ROTA_SOLVE_OPTIONS_INIT;
	struct solver_budget bu;
	int tried = 0;

	(void)state;
	rng = UINT64_C(0x2545F4914F6CDD1D);
	o.time_limit_s = 3600;
	for (int round = 0; round < 40 && tried < 5; round++) {
		int D = 14, week[14], late[14], found = -1, rc;
		struct rota_problem *p = random_problem(D);
		struct solver_pricer *pr = NULL;
		double cost[14 * 4], value, v2 = 0;
		long made = 0, made2 = 0;

		for (int i = 0; i < D * 4; i++)
			cost[i] = rnd(200) - 120;
		if (solver_pricer_new(p, 0, &pr) < 0) {
			rota_problem_free(p);
			continue;
		}
		solver_budget_init(&bu, &o, 0);
		solver_pricer_budget(pr, &bu);
		solver_pricer_clock(pr, 1);
		rc = solver_price(pr, cost, HUGE_VAL, 4, week, &value, &made);
		assert_true(rc == 0 || rc == 1);
		assert_true(made > 0);
		assert_true(bu.work == made / SOLVER_LABELS_PER_WORK);
		/* deferred, the same search charges nothing and says what it
		 * made, for the caller to charge */
		solver_pricer_defer(pr, 1);
		rc = solver_price(pr, cost, HUGE_VAL, 4, late, &v2, &made2);
		solver_pricer_defer(pr, 0);
		assert_true(rc == 0 || rc == 1);
		assert_int_equal(made2, made);
		assert_true(bu.work == made / SOLVER_LABELS_PER_WORK);
		if (!isfinite(value)) {
			solver_pricer_free(pr);
			rota_problem_free(p);
			continue;
		}
		tried++;
		bu.deadline = solver_now() - 1; /* the cap has passed */
		assert_int_equal(solver_price_k(pr, cost, HUGE_VAL, 4, 1, late,
						&v2, &found, NULL),
				 ROTA_ELIMIT);
		assert_int_equal(found, 0);
		/* the pricer only reads the budget (threads share it): the
		 * caller records the stop */
		assert_int_equal(bu.stopped_by, ROTA_STOP_DONE);
		assert_int_equal(solver_budget_time_left(&bu), 0);
		assert_int_equal(bu.stopped_by, ROTA_STOP_TIME);
		solver_pricer_clock(pr, 0);
		rc = solver_price(pr, cost, HUGE_VAL, 4, late, &v2, NULL);
		assert_true(rc == 0 || rc == 1);
		assert_true(fabs(v2 - value) < 1e-9);
		assert_memory_equal(late, week, sizeof(week));
		solver_pricer_free(pr);
		rota_problem_free(p);
	}
	assert_int_equal(tried, 5);
}

static void a_cutoff_keeps_only_cheaper_schedules(void **state)
{
	struct rota_problem *p;
	struct solver_pricer *pr = NULL;
	double cost[7 * 4] = {0}, value;
	int week[7];
	long labels;

	(void)state;
	rng = 7;
	p = random_problem(7);
	for (int r = 0; r < ROTA_PROBLEM_RULE_COUNT; r++) {
		p->employees[0].rule[r].value = ROTA_UNSET;
		p->employees[0].rule[r].weight = 0;
	}
	for (int s = 0; s < 3; s++)
		p->type_max[s].value = ROTA_UNSET;
	p->employees[0].history.known = 0;
	p->employees[0].future.known = 0;
	memset(p->unavailable, 0, 7 * 3);
	for (int d = 0; d < 7; d++)
		p->fixed[d] = ROTA_FREE;
	p->ban[2 * 3 + 0] = 0;
	for (int d = 0; d < 7; d++)
		cost[d * 4 + 1] = -10; /* L every day: -70 */
	assert_int_equal(solver_pricer_new(p, 0, &pr), 0);
	assert_int_equal(solver_price(pr, cost, -80, 0, week, &value, &labels),
			 0);
	assert_false(isfinite(value));
	assert_int_equal(solver_price(pr, cost, -60, 0, week, &value, &labels),
			 0);
	assert_true(fabs(value + 70) < 1e-9);
	for (int d = 0; d < 7; d++)
		assert_int_equal(week[d], 1);
	solver_pricer_free(pr);
	rota_problem_free(p);
}

/*
 * A year with a hard window of paid minutes, in the shape of Curtois
 * Instance 23's employees (111,360 to 112,320 minutes over 364 days, 2
 * to 5 days in a row, 2 days off after a block, 26 weekends, 36 days
 * off, shifts of 8, 10 and 12 hours with bans after the long ones).  Beams ranked by cost
 * lose every week the rules allow on such horizons (working early
 * wherever it is cheap); both beams ranked by pace must find one for any
 * costs.  Before them (the most minutes in reach first, no check that a
 * block of work can close under the maximum), the beam lost every week
 * on the fourth of these cost vectors; ranked by cost, on the first.
 */
static const char year_text[] =
	"SECTION_HORIZON\n364\n\n"
	"SECTION_SHIFTS\n"
	"a1,480,\na2,480,\na3,600,\na4,720,a1|a2|a3|a4|d1|d2|d3|d4|d5\n"
	"d1,480,a1|a2|a3\nd2,480,a1|a2|a3\nd3,600,a1|a2|a3|a4\n"
	"d4,720,a1|a2|a3|a4|d1|d2|d3|d4|d5\nd5,480,a1|a2|a3\n"
	"p1,480,a1|a2|a3|a4|d1|d2|d3|d4|d5\n"
	"p2,480,a1|a2|a3|a4|d1|d2|d3|d4|d5\n"
	"p3,600,a1|a2|a3|a4|d1|d2|d3|d4|d5\n"
	"p4,720,a1|a2|a3|a4|d1|d2|d3|d4|d5|p3|p4\n"
	"n1,480,a1|a2|a3|a4|d1|d2|d3|d4|d5|p1|p2|p3|p4\n"
	"n2,600,a1|a2|a3|a4|d1|d2|d3|d4|d5|p1|p2|p3|p4|n3\n"
	"n3,720,a1|a2|a3|a4|d1|d2|d3|d4|d5|p1|p2|p3|p4|n3\n\n"
	"SECTION_STAFF\n"
	"B,a1=364|a2=364|a3=0|a4=78|d1=364|d2=364|d3=149|d4=0|d5=364|"
	"p1=364|p2=364|p3=149|p4=0|n1=0|n2=37|n3=31,112320,111360,5,2,2,26\n\n"
	"SECTION_DAYS_OFF\n"
	"B,16,17,18,24,25,26,27,28,110,111,112,113,114,115,116,117,118,119,"
	"120,121,122,130,131,132,133,150,210,211,212,290,316,317,318,319,320,"
	"321,322\n\n"
	"SECTION_SHIFT_ON_REQUESTS\n\n"
	"SECTION_SHIFT_OFF_REQUESTS\n\n"
	"SECTION_COVER\n";

static void a_pace_beam_keeps_a_year_s_window_of_minutes(void **state)
{
	struct rota_problem *p = NULL;
	struct rota_error err = {0};
	struct solver_pricer *pr = NULL;
	int D, S, week[364];
	double *cost, *zero;

	(void)state;
	if (rota_curtois_parse(year_text, strlen(year_text), "year.txt", &p,
			       &err) < 0)
		fail_msg("parse: %s", err.msg);
	D = p->n_days;
	S = p->n_types;
	cost = calloc((size_t)D * (size_t)(S + 1), sizeof(double));
	zero = calloc((size_t)D * (size_t)(S + 1), sizeof(double));
	assert_int_equal(solver_pricer_new(p, 0, &pr), 0);
	rng = 3;
	for (int round = 0; round < 8; round++) {
		int mode = round % 2 ? SOLVER_PACE_MOST : SOLVER_PACE_WINDOW;
		double value;
		int minutes = 0;

		for (int d = 0; d < D; d++)
			for (int s = 0; s < S; s++)
				cost[d * (S + 1) + s] = -(double)rnd(1000) / 10;
		assert_int_equal(solver_pricer_pace_first(pr, mode), mode);
		assert_int_equal(solver_price(pr, cost, HUGE_VAL, 256, week,
					      &value, NULL),
				 1);
		if (!isfinite(value))
			fail_msg("round %d (mode %d): the beam lost every week",
				 round, mode);
		/* no hard rule broken, and the cost the program says */
		assert_true(checked(p, zero, week) >= 0);
		assert_true(fabs(solver_pricer_cost(pr, cost, week) - value) <
			    1e-6);
		for (int d = 0; d < D; d++)
			minutes += week[d] >= 0 ? p->types[week[d]].paid_min
						: 0;
		assert_in_range(minutes, 111360, 112320);
	}
	solver_pricer_free(pr);
	free(cost);
	free(zero);
	rota_problem_free(p);
}

/* A model of one employee (the construction builds one per employee and
 * sweep) maps that employee's shifts only, the same ones the whole model
 * has for them; every other employee's lookup says "no column". */
static void a_model_of_one_employee_maps_that_employee_only(void **state)
{
	struct rota_problem *p = rota_problem_new(7, 0, 0, 2, 4, NULL);
	struct model_spec all = {NULL, 0, 1, 0, NULL, NULL, 0};
	struct roster_model whole, one;
	uint8_t mask[4] = {0, 0, 1, 0};
	int mapped = 0;

	(void)state;
	assert_non_null(p);
	for (int e = 0; e < 4; e++)
		snprintf(p->employees[e].id, sizeof(p->employees[e].id),
			 "E%d", e);
	for (int s = 0; s < 2; s++) {
		p->types[s].code[0] = "ED"[s];
		p->types[s].length_min = p->types[s].paid_min = 480;
		for (int d = 0; d < 7; d++) {
			struct rota_slot *sl = rota_problem_slot(p, d, s);

			sl->start = ((int64_t)d * 1440 + 360 + 480 * s) * 60;
			sl->end = sl->start + 480 * 60;
		}
	}
	p->unavailable[(2 * 7 + 3) * 2 + 1] = 1; /* E2 not on day 3 late */
	assert_int_equal(solver_model_build(&whole, p, &all, NULL), 0);
	{
		struct model_spec spec = {mask, 0, 1, 0, NULL, NULL, 0};

		assert_int_equal(solver_model_build(&one, p, &spec, NULL), 0);
	}
	for (int e = 0; e < 4; e++)
		for (int d = 0; d < 7; d++)
			for (int s = 0; s < 2; s++) {
				int j = model_x(&one, e, d, s);

				if (e != 2) {
					assert_int_equal(j, -1);
					continue;
				}
				assert_int_equal(j >= 0,
						 model_x(&whole, e, d, s) >= 0);
				mapped += j >= 0;
			}
	assert_int_equal(mapped, 13);
	assert_int_equal(one.n_x, 13);
	solver_model_free(&whole);
	solver_model_free(&one);
	rota_problem_free(p);
}

/*
 * A hard limit on a count (one type's shifts, weekends worked) gets a
 * completion bound of its own (price.c, resource_bound): the cheapest
 * rest of the horizon within what the limit has left.  With that limit
 * the employee's only rule, the bound is exact, so a beam of one label a
 * day, ranked by it, follows an optimal week.  Ranked by the bound
 * without the limit, such a beam spends the cheap capped shifts early
 * (Curtois 15: a root LP of 3,967 where the optimum is 3,828).
 */
static void a_count_limit_s_bound_leads_a_beam_of_one(void **state)
{
	int bound = 0;

	(void)state;
	rng = UINT64_C(0x2545F4914F6CDD1D);
	for (int round = 0; round < 300; round++) {
		int D = 14, S = 3, week[14], w1[14], capped = -1;
		struct rota_problem *p = random_problem(D);
		struct rota_problem_employee *pe = &p->employees[0];
		struct solver_pricer *pr = NULL;
		double cost[14 * 4], zero[14 * 4] = {0}, opt, one, free_opt;

		for (int r = 0; r < ROTA_PROBLEM_RULE_COUNT; r++) {
			pe->rule[r].value = ROTA_UNSET;
			pe->rule[r].weight = 0;
		}
		for (int s = 0; s < S; s++)
			p->type_max[s].value = ROTA_UNSET;
		pe->history.known = pe->future.known = 0;
		memset(p->unavailable, 0, (size_t)D * (size_t)S);
		for (int d = 0; d < D; d++)
			p->fixed[d] = ROTA_FREE;
		if (round % 2) {
			capped = rnd(S);
			p->type_max[capped].value = 1 + rnd(D / 2);
			p->type_max[capped].weight = 0;
		} else {
			pe->rule[ROTA_RULE_max_weekends].value = rnd(2);
		}
		for (int i = 0; i < D * 4; i++)
			cost[i] = rnd(200) - 120;
		assert_int_equal(rota_problem_validate(p, NULL), 0);
		assert_int_equal(solver_pricer_new(p, 0, &pr), 0);
		assert_int_equal(solver_price(pr, cost, HUGE_VAL, 0, week, &opt,
					      NULL),
				 0);
		assert_true(solver_price(pr, cost, HUGE_VAL, 1, w1, &one,
					 NULL) >= 0);
		if (!(fabs(one - opt) < 1e-6))
			fail_msg("round %d: a beam of one %.3f, exact %.3f",
				 round, one, opt);
		assert_true(checked(p, zero, w1) >= 0);
		assert_true(fabs(checked(p, cost, w1) - one) < 1e-6);
		/* the limit bound (the optimum without it is cheaper) */
		solver_pricer_free(pr);
		if (capped >= 0)
			p->type_max[capped].value = ROTA_UNSET;
		else
			pe->rule[ROTA_RULE_max_weekends].value = ROTA_UNSET;
		assert_int_equal(solver_pricer_new(p, 0, &pr), 0);
		assert_int_equal(solver_price(pr, cost, HUGE_VAL, 0, week,
					      &free_opt, NULL),
				 0);
		bound += free_opt < opt - 1e-6;
		solver_pricer_free(pr);
		rota_problem_free(p);
	}
	assert_true(bound >= 100);
}

/*
 * The selection a beam keeps its labels by (solver_price_select): the
 * first k after it are the k first of a sort by value, then index, on
 * 20,000 random arrays of up to 600 entries with many equal values and
 * some infinite ones, for every kind of k (0, all, one, the middle);
 * fails when the selection keeps a label a sort would cut (a sort's
 * order, or a pivot step that loses an entry).
 */
static int prio_cmp(const void *a, const void *b)
{
	const struct solver_prio *x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return x->i - y->i;
}

static void a_beam_keeps_the_labels_a_sort_would_keep(void **state)
{
	static struct solver_prio pv[600], sorted[600];
	static char kept[600];

	(void)state;
	rng = 7;
	for (int round = 0; round < 20000; round++) {
		size_t n = 1 + (size_t)rnd(600), k;
		int values = 1 + rnd(round % 3 ? 40 : 600);

		k = round % 4 == 0 ? (size_t)rnd((int)n + 1)
		    : round % 4 == 1 ? n / 2
		    : round % 4 == 2 ? 1 : n;
		for (size_t a = 0; a < n; a++) {
			pv[a].v = rnd(9) ? rnd(values) * 0.25 : HUGE_VAL;
			pv[a].i = (int)a;
		}
		for (size_t a = n; a > 1; a--) {
			size_t b = (size_t)rnd((int)a);
			struct solver_prio t = pv[a - 1];

			pv[a - 1] = pv[b];
			pv[b] = t;
		}
		memcpy(sorted, pv, n * sizeof(*pv));
		qsort(sorted, n, sizeof(*sorted), prio_cmp);
		solver_price_select(pv, n, k);
		memset(kept, 0, n);
		for (size_t a = 0; a < k; a++)
			kept[sorted[a].i] = 1;
		for (size_t a = 0; a < k; a++)
			if (!kept[pv[a].i])
				fail_msg("round %d: n %zu, k %zu: label %d kept",
					 round, n, k, pv[a].i);
		/* nothing lost: every index is still there once */
		memset(kept, 0, n);
		for (size_t a = 0; a < n; a++)
			kept[pv[a].i]++;
		for (size_t a = 0; a < n; a++)
			assert_int_equal(kept[a], 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			the_program_finds_the_mip_optimum_on_random_employees),
		cmocka_unit_test(a_beam_is_exact_when_wide_and_sound_when_narrow),
		cmocka_unit_test(a_cutoff_keeps_only_cheaper_schedules),
		cmocka_unit_test(a_beam_that_watches_the_clock_stops_at_the_cap),
		cmocka_unit_test(a_count_limit_s_bound_leads_a_beam_of_one),
		cmocka_unit_test(a_beam_keeps_the_labels_a_sort_would_keep),
		cmocka_unit_test(a_pace_beam_keeps_a_year_s_window_of_minutes),
		cmocka_unit_test(a_model_of_one_employee_maps_that_employee_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
