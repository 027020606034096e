/* tests/test_check.c - the independent roster checker, rule by rule. */
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
 * A small dated problem: day 0 is Monday 2026-03-30, UTC clock, three
 * types: E 07:00-15:00, L 14:00-22:00, N 22:00-06:00 (night), each 8 h
 * paid; employees E01, E02, ...  Rosters are written one string per
 * employee, one character per day: '.', 'E', 'L' or 'N'.
 */
enum { T_E, T_L, T_N };

static int32_t monday(void)
{
	return rota_days_from_civil(2026, 3, 30);
}

static void set_slots(struct rota_problem *p)
{
	for (int d = 0; d < p->n_days; d++)
		for (int s = 0; s < p->n_types; s++) {
			struct rota_slot *sl = rota_problem_slot(p, d, s);
			const struct rota_shift_type *t = &p->types[s];

			sl->start = ((int64_t)p->first_day + d) * 86400 +
				    (int64_t)t->start_min * 60;
			sl->end = sl->start + (int64_t)t->length_min * 60;
		}
}

static struct rota_problem *mk(int D, int E)
{
	static const struct {
		const char *code;
		int start, night, late;
	} ty[3] = {{"E", 7 * 60, 0, 0}, {"L", 14 * 60, 0, 1},
		   {"N", 22 * 60, 1, 1}};
	struct rota_error err = {0};
	struct rota_problem *p = rota_problem_new(D, 0, 0, 3, E, &err);

	assert_non_null(p);
	p->dated = 1;
	p->first_day = monday();
	for (int s = 0; s < 3; s++) {
		struct rota_shift_type *t = &p->types[s];

		snprintf(t->code, sizeof(t->code), "%s", ty[s].code);
		snprintf(t->name, sizeof(t->name), "%s shift", ty[s].code);
		t->start_min = ty[s].start;
		t->length_min = 480;
		t->paid_min = 480;
		t->night = ty[s].night;
		t->late = ty[s].late;
	}
	for (int e = 0; e < E; e++)
		snprintf(p->employees[e].id, sizeof(p->employees[e].id),
			 "E%02d", e + 1);
	set_slots(p);
	return p;
}

static void set_rule(struct rota_problem *p, int e, int r, int value,
		     double weight)
{
	p->employees[e].rule[r].value = value;
	p->employees[e].rule[r].weight = weight;
}

static struct rota_solution *roster(const struct rota_problem *p,
				    const char *const *rows)
{
	struct rota_solution *s = rota_solution_new(p, NULL);

	assert_non_null(s);
	/* a hand-made roster carries no skill allocation */
	free(s->served);
	s->served = NULL;
	for (int e = 0; e < p->n_employees; e++) {
		assert_int_equal((int)strlen(rows[e]), p->n_days);
		for (int d = 0; d < p->n_days; d++) {
			int t = -1;

			for (int k = 0; k < p->n_types; k++)
				if (rows[e][d] == p->types[k].code[0])
					t = k;
			s->type[e * p->n_days + d] = t;
		}
	}
	return s;
}

/* Check, free the roster, return the report. */
static struct rota_check_report *check(const struct rota_problem *p,
				       struct rota_solution *s)
{
	struct rota_check_report *r = NULL;
	struct rota_error err = {0};
	int rc = rota_check(p, s, &r, &err);

	if (rc < 0)
		fail_msg("rota_check: %s", err.msg);
	rota_solution_free(s);
	return r;
}

static struct rota_check_report *check_rows(const struct rota_problem *p,
					    const char *const *rows)
{
	return check(p, roster(p, rows));
}

/* The report holds exactly one violation, as given. */
static void expect_one(const struct rota_check_report *r, int kind,
		       int hard, int units, const char *text)
{
	if (r->n_violations != 1) {
		for (size_t i = 0; i < r->n_violations; i++)
			print_message("  %s\n", r->violations[i].text);
		fail_msg("expected 1 violation, found %zu", r->n_violations);
	}
	assert_string_equal(r->violations[0].text, text);
	assert_string_equal(rota_check_kind_name(r->violations[0].kind),
			    rota_check_kind_name(kind));
	assert_int_equal(r->violations[0].hard, hard);
	assert_int_equal(r->violations[0].units, units);
	assert_int_equal(r->hard_broken, hard ? 1 : 0);
	assert_int_equal(r->soft_broken, hard ? 0 : 1);
}

static void expect_none(const struct rota_check_report *r)
{
	for (size_t i = 0; i < r->n_violations; i++)
		print_message("  unexpected: %s\n", r->violations[i].text);
	assert_int_equal(r->n_violations, 0);
	assert_int_equal(r->hard_broken, 0);
}

/* ------------------------------------------------------------- basics */

static void empty_roster_breaks_nothing_and_costs_nothing(void **state)
{
	struct rota_problem *p = mk(7, 2);
	const char *rows[] = {".......", "......."};
	struct rota_check_report *r;

	(void)state;
	r = check_rows(p, rows);
	expect_none(r);
	assert_true(r->objective == 0);
	assert_int_equal(r->shifts, 0);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void objective_is_the_sum_of_its_terms_with_paid_time(void **state)
{
	struct rota_problem *p = mk(7, 2);
	const char *rows[] = {"EE.....", "L......"};
	struct rota_check_report *r;
	double sum = 0;

	(void)state;
	p->cost_per_min = 0.5;
	rota_problem_cover(p, 0, T_E)->required = 2;
	rota_problem_cover(p, 0, T_E)->under_weight = 100;
	rota_problem_cover(p, 1, T_E)->required = 0;
	rota_problem_cover(p, 1, T_E)->over_weight = 3;
	r = check_rows(p, rows);
	assert_int_equal(r->paid_min_total, 3 * 480);
	assert_int_equal(r->paid_min[0], 960);
	assert_int_equal(r->paid_min[1], 480);
	assert_true(r->term[ROTA_TERM_cost] == 0.5 * 3 * 480);
	assert_true(r->term[ROTA_TERM_cover_under] == 100);
	assert_true(r->term[ROTA_TERM_cover_over] == 3);
	assert_int_equal(r->cover_short, 1);
	assert_int_equal(r->cover_n[0 * 3 + T_E], 1);
	assert_int_equal(r->cover_n[0 * 3 + T_L], 1);
	for (int t = 0; t < ROTA_TERM_COUNT; t++)
		sum += r->term[t];
	assert_true(r->objective == sum);
	assert_true(r->objective == 720 + 100 + 3);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void roster_that_does_not_fit_is_refused_with_a_message(void **state)
{
	struct rota_problem *p = mk(7, 2), *q = mk(6, 2);
	struct rota_solution *s = rota_solution_new(p, NULL);
	struct rota_check_report *r = NULL;
	struct rota_error err = {0};

	(void)state;
	s->type[1] = 7;
	assert_int_equal(rota_check(p, s, &r, &err), ROTA_EDATA);
	assert_string_equal(err.msg, "roster: employee 0 day 1: shift type 7 "
				     "out of range");
	assert_null(r);
	s->type[1] = -1;
	s->skill[2] = 0;
	assert_int_equal(rota_check(p, s, &r, &err), ROTA_EDATA);
	assert_string_equal(err.msg,
			    "roster: employee 0 day 2: skill 0 out of range");
	s->skill[2] = -1;
	assert_int_equal(rota_check(q, s, &r, &err), ROTA_EDATA);
	assert_string_equal(err.msg, "roster does not fit the problem (2 "
				     "employees x 7 days, problem 2 x 6)");
	p->types[0].length_min = 0;
	assert_int_equal(rota_check(p, s, &r, &err), ROTA_EDATA);
	assert_string_equal(err.msg, "problem: shift type 'E': start, length "
				     "or paid minutes out of range");
	rota_solution_free(s);
	rota_problem_free(p);
	rota_problem_free(q);
}

/* ---------------------------------------------------------- placement */

static void shift_on_a_day_it_is_not_offered_is_hard(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"N......"};
	struct rota_check_report *r;

	(void)state;
	rota_problem_slot(p, 0, T_N)->allowed = 0;
	r = check_rows(p, rows);
	expect_one(r, ROTA_CHECK_not_offered, 1, 1,
		   "E01 works N on Mon 2026-03-30, which is not offered that "
		   "day");
	assert_int_equal(r->violations[0].day, 0);
	assert_int_equal(r->violations[0].type, T_N);
	assert_true(r->violations[0].penalty == 0);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void unavailable_employee_at_work_is_hard(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {".E....."};
	struct rota_check_report *r;

	(void)state;
	p->unavailable[(0 * 7 + 1) * 3 + T_E] = 1;
	r = check_rows(p, rows);
	expect_one(r, ROTA_CHECK_unavailable, 1, 1,
		   "E01 works E on Tue 2026-03-31 but is unavailable that day "
		   "(leave or day off)");
	rota_check_report_free(r);
	rota_problem_free(p);
}

static struct rota_problem *mk_skills(int D, int E, int T)
{
	struct rota_error err = {0};
	struct rota_problem *p = rota_problem_new(D, T, 2, 3, E, &err);
	struct rota_problem *m = mk(D, E);

	assert_non_null(p);
	p->dated = 1;
	p->first_day = m->first_day;
	memcpy(p->types, m->types, 3 * sizeof(*p->types));
	memcpy(p->employees, m->employees, (size_t)E * sizeof(*p->employees));
	set_slots(p);
	rota_problem_free(m);
	snprintf(p->skills[0].name, sizeof(p->skills[0].name), "voice");
	snprintf(p->skills[1].name, sizeof(p->skills[1].name), "chat");
	return p;
}

static void employee_without_the_skill_a_shift_serves_is_hard(void **state)
{
	struct rota_problem *p = mk_skills(7, 1, 0);
	const char *rows[] = {"L......"};
	struct rota_check_report *r;

	(void)state;
	p->types[T_L].skills = 1;       /* voice */
	p->employees[0].skills = 2;     /* chat */
	r = check_rows(p, rows);
	expect_one(r, ROTA_CHECK_unqualified, 1, 1,
		   "E01 works L on Mon 2026-03-30 without a skill that shift "
		   "serves");
	rota_check_report_free(r);
	/* a type serving any skill needs none in particular */
	p->types[T_L].skills = 0;
	r = check_rows(p, rows);
	expect_none(r);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void solution_skill_the_employee_lacks_is_hard(void **state)
{
	struct rota_problem *p = mk_skills(7, 1, 0);
	const char *rows[] = {"E......"};
	struct rota_solution *s;
	struct rota_check_report *r;

	(void)state;
	p->employees[0].skills = 1;     /* voice only */
	s = roster(p, rows);
	s->skill[0] = 1;                /* said to serve chat */
	r = check(p, s);
	expect_one(r, ROTA_CHECK_unqualified, 1, 1,
		   "E01 works E on Mon 2026-03-30 serving chat, which the "
		   "employee lacks or the shift does not serve");
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void forbidden_sequence_is_hard_also_across_the_horizon(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *inside[] = {"NE....."};
	const char *first[] = {"E......"};
	struct rota_check_report *r;

	(void)state;
	p->ban[T_N * 3 + T_E] = 1;
	r = check_rows(p, inside);
	expect_one(r, ROTA_CHECK_ban, 1, 1,
		   "E01 works E on Tue 2026-03-31 right after N on Mon "
		   "2026-03-30, a forbidden sequence");
	assert_int_equal(r->violations[0].day, 1);
	rota_check_report_free(r);
	/* history unknown: nothing before day 0 */
	p->employees[0].history.last_type = T_N;
	r = check_rows(p, first);
	expect_none(r);
	rota_check_report_free(r);
	p->employees[0].history.known = 1;
	p->employees[0].history.days_worked = 1;
	r = check_rows(p, first);
	expect_one(r, ROTA_CHECK_ban, 1, 1,
		   "E01 works E on Mon 2026-03-30 right after N on Sun "
		   "2026-03-29, a forbidden sequence");
	rota_check_report_free(r);
	rota_problem_free(p);
}

/* -------------------------------------------------------- weekly rules */

static void weekly_minimum_minutes_soft_costs_per_minute(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"E......"};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_min_week_min, 2400, 0.5);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_min_week_min, 0, 1920,
		   "E01 is paid 8h00 in the week from Mon 2026-03-30 (at "
		   "least 40h00)");
	assert_true(r->violations[0].penalty == 960);
	assert_true(r->rule_penalty[ROTA_RULE_min_week_min] == 960);
	assert_int_equal(r->rule_units[ROTA_RULE_min_week_min], 1920);
	assert_true(r->term[ROTA_TERM_rules] == 960);
	assert_true(r->objective == 960);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void weekly_maximum_minutes_hard(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"EEEEEE."};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_max_week_min, 2400, 0);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_max_week_min, 1, 480,
		   "E01 is paid 48h00 in the week from Mon 2026-03-30 (at "
		   "most 40h00)");
	assert_true(r->objective == 0);
	assert_int_equal(r->rule_units[ROTA_RULE_max_week_min], 480);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void working_days_per_week_are_counted_per_7_day_block(void **state)
{
	struct rota_problem *p = mk(10, 1);
	/* 6 days in the first block; the second block is incomplete and
	 * not checked */
	const char *rows[] = {"EEE.EEEEEE"};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_max_days_week, 5, 2);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_max_days_week, 0, 1,
		   "E01 works 6 days in the week from Mon 2026-03-30 (at most "
		   "5)");
	assert_true(r->violations[0].penalty == 2);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void night_shifts_per_week(void **state)
{
	struct rota_problem *p = mk(14, 1);
	const char *rows[] = {"N.N.....N....."};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_max_nights, 1, 0);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_max_nights, 1, 1,
		   "E01 works 2 night shifts in the week from Mon 2026-03-30 "
		   "(at most 1)");
	rota_check_report_free(r);
	rota_problem_free(p);
}

/* ------------------------------------------------------ horizon totals */

static void total_minutes_over_the_horizon(void **state)
{
	struct rota_problem *p = mk(14, 2);
	const char *rows[] = {"E.............", "EEEEE..EEEEE.."};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_min_total_min, 960, 0);
	set_rule(p, 1, ROTA_RULE_max_total_min, 4320, 1);
	r = check_rows(p, rows);
	assert_int_equal(r->n_violations, 2);
	assert_string_equal(r->violations[0].text,
			    "E01 is paid 8h00 over the horizon (at least "
			    "16h00)");
	assert_int_equal(r->violations[0].units, 480);
	assert_int_equal(r->violations[0].hard, 1);
	assert_int_equal(r->violations[0].day, -1);
	assert_string_equal(r->violations[1].text,
			    "E02 is paid 80h00 over the horizon (at most "
			    "72h00)");
	assert_int_equal(r->violations[1].units, 480);
	assert_true(r->violations[1].penalty == 480);
	assert_int_equal(r->hard_broken, 1);
	assert_int_equal(r->soft_broken, 1);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void shifts_of_one_type_over_its_cap(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"NN.N..."};
	struct rota_check_report *r;

	(void)state;
	p->type_max[0 * 3 + T_N].value = 2;
	p->type_max[0 * 3 + T_N].weight = 0;
	p->type_max[0 * 3 + T_E].value = 0;
	r = check_rows(p, rows);
	expect_one(r, ROTA_CHECK_type_max, 1, 1,
		   "E01 works N 3 times (at most 2)");
	assert_string_equal(rota_check_kind_name(ROTA_CHECK_type_max),
			    "type_max");
	assert_int_equal(r->rule_units[ROTA_PROBLEM_RULE_COUNT], 1);
	rota_check_report_free(r);
	p->type_max[0 * 3 + T_N].weight = 4;
	r = check_rows(p, rows);
	assert_true(r->rule_penalty[ROTA_PROBLEM_RULE_COUNT] == 4);
	assert_true(r->objective == 4);
	rota_check_report_free(r);
	rota_problem_free(p);
}

/* ------------------------------------------------ consecutive working days */

static void max_consecutive_days_counts_each_window(void **state)
{
	struct rota_problem *p = mk(14, 1);
	const char *rows[] = {"EEEEEEE......."};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_max_consecutive_days, 5, 3);
	r = check_rows(p, rows);
	/* 7 days: windows of 6 starting on days 0 and 1 */
	expect_one(r, ROTA_RULE_max_consecutive_days, 0, 2,
		   "E01 works 7 consecutive days from Mon 2026-03-30 to Sun "
		   "2026-04-05 (at most 5)");
	assert_true(r->violations[0].penalty == 6);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void max_consecutive_days_counts_history_when_known(void **state)
{
	struct rota_problem *p = mk(14, 1);
	const char *rows[] = {"EEEE.........."};
	struct rota_history *h = &p->employees[0].history;
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_max_consecutive_days, 5, 0);
	h->days_worked = 3;
	r = check_rows(p, rows);  /* history unknown: days before are off */
	expect_none(r);
	rota_check_report_free(r);
	h->known = 1;
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_max_consecutive_days, 1, 2,
		   "E01 works 7 consecutive days up to Thu 2026-04-02, 3 of "
		   "them before the horizon (at most 5)");
	rota_check_report_free(r);
	/* a run reaching the last day is still checked (no exemption) */
	h->known = 0;
	{
		const char *end[] = {"........EEEEEE"};

		r = check_rows(p, end);
		expect_one(r, ROTA_RULE_max_consecutive_days, 1, 1,
			   "E01 works 6 consecutive days from Tue 2026-04-07 "
			   "to Sun 2026-04-12 (at most 5)");
		rota_check_report_free(r);
	}
	rota_problem_free(p);
}

static void short_block_of_work_inside_the_horizon(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"..E.EE."};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_min_consecutive_days, 2, 7);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_min_consecutive_days, 0, 1,
		   "E01 has 1 consecutive day at work on Wed 2026-04-01 (at "
		   "least 2)");
	assert_true(r->violations[0].penalty == 7);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void blocks_touching_the_horizon_ends_are_exempt(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"E.EE..E"};
	struct rota_history *h = &p->employees[0].history;
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_min_consecutive_days, 2, 0);
	r = check_rows(p, rows);
	expect_none(r);  /* day 0 (history unknown) and day 6 are exempt */
	rota_check_report_free(r);
	/* known history: the block on day 0 continues Sunday's */
	h->known = 1;
	h->days_worked = 1;
	r = check_rows(p, rows);
	expect_none(r);
	rota_check_report_free(r);
	h->days_worked = 0;
	h->days_off = 2;
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_min_consecutive_days, 1, 1,
		   "E01 has 1 consecutive day at work on Mon 2026-03-30 (at "
		   "least 2)");
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void short_block_of_days_off(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {".EE.EE."};
	struct rota_history *h = &p->employees[0].history;
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_min_consecutive_days_off, 2, 0);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_min_consecutive_days_off, 1, 1,
		   "E01 has 1 consecutive day off on Thu 2026-04-02 (at "
		   "least 2)");
	rota_check_report_free(r);
	/* the day off on day 0 continues the days off before */
	h->known = 1;
	h->days_off = 1;
	set_rule(p, 0, ROTA_RULE_min_consecutive_days_off, 3, 0);
	r = check_rows(p, rows);
	assert_int_equal(r->n_violations, 2);
	assert_string_equal(r->violations[0].text,
			    "E01 has 2 consecutive days off on Mon 2026-03-30, "
			    "1 of them before the horizon (at least 3)");
	assert_string_equal(r->violations[1].text,
			    "E01 has 1 consecutive day off on Thu 2026-04-02 "
			    "(at least 3)");
	rota_check_report_free(r);
	rota_problem_free(p);
}

/* ------------------------------------------------------------------ rest */

static void overnight_shift_counts_against_next_day_rest(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"NE....."};
	const char *ok[] = {"N.E...."};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_min_rest_min, 660, 0);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_min_rest_min, 1, 1,
		   "E01 rests 1h00 between N on Mon 2026-03-30 and E on Tue "
		   "2026-03-31 (at least 11h00)");
	rota_check_report_free(r);
	r = check_rows(p, ok);
	expect_none(r);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void rest_after_the_last_shift_before_the_horizon(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"E......"};
	struct rota_history *h = &p->employees[0].history;
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_min_rest_min, 660, 5);
	/* Sunday's late shift ended at 23:00 */
	h->last_end = (int64_t)monday() * 86400 - 3600;
	r = check_rows(p, rows);
	expect_none(r);  /* history unknown */
	rota_check_report_free(r);
	h->known = 1;
	h->days_worked = 1;
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_min_rest_min, 0, 1,
		   "E01 rests 8h00 between the last shift before the horizon "
		   "and E on Mon 2026-03-30 (at least 11h00)");
	assert_true(r->objective == 5);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void rest_uses_real_instants_in_a_dst_week(void **state)
{
	/* Europe/London goes to summer time on Sunday 2026-03-29: a late
	 * shift ending Saturday 22:00 GMT and an early one starting Sunday
	 * 07:00 BST (06:00 UTC) leave 8 hours, not 9. */
	struct rota_error err = {0};
	struct rota_tz *tz = rota_tz_load("Europe/London", &err);
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {".....LE"};
	struct rota_check_report *r;
	int32_t mon = rota_days_from_civil(2026, 3, 23);

	(void)state;
	assert_non_null(tz);
	p->first_day = mon;
	for (int d = 0; d < 7; d++)
		for (int s = 0; s < 3; s++) {
			struct rota_slot *sl = rota_problem_slot(p, d, s);

			sl->start = rota_tz_local_minutes(
				tz, mon + d, p->types[s].start_min);
			sl->end = sl->start + 480 * 60;
		}
	set_rule(p, 0, ROTA_RULE_min_rest_min, 540, 0);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_min_rest_min, 1, 1,
		   "E01 rests 8h00 between L on Sat 2026-03-28 and E on Sun "
		   "2026-03-29 (at least 9h00)");
	rota_check_report_free(r);
	rota_tz_free(tz);
	rota_problem_free(p);
}

/* -------------------------------------------------------------- weekends */

static void weekends_partly_inside_the_horizon_count(void **state)
{
	/* day 0 is a Sunday (the end of a weekend), days 6-7 a whole
	 * weekend, day 13 a Saturday whose Sunday is beyond the horizon */
	struct rota_problem *p = mk(14, 1);
	const char *rows[] = {"E.......E....E"};
	const char *two[] = {"E......E......"};
	struct rota_check_report *r;

	(void)state;
	p->first_weekday = 7;
	p->first_day = monday() - 1;
	set_slots(p);
	set_rule(p, 0, ROTA_RULE_max_weekends, 1, 10);
	r = check_rows(p, rows);
	/* day 0 Sun, day 8 is a Monday, day 13 Sat: 2 weekends */
	expect_one(r, ROTA_RULE_max_weekends, 0, 1,
		   "E01 works 2 weekends (at most 1)");
	assert_true(r->objective == 10);
	rota_check_report_free(r);
	/* Sunday 0 and the weekend of days 6-7 */
	r = check_rows(p, two);
	expect_one(r, ROTA_RULE_max_weekends, 0, 1,
		   "E01 works 2 weekends (at most 1)");
	rota_check_report_free(r);
	{
		/* Saturday and Sunday of one weekend count once */
		const char *same[] = {"......EE......"};

		r = check_rows(p, same);
		expect_none(r);
		rota_check_report_free(r);
	}
	rota_problem_free(p);
}

static void weekends_before_the_horizon_count_when_known(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {".....E."};
	struct rota_history *h = &p->employees[0].history;
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_max_weekends, 1, 0);
	h->weekends_worked = 1;
	r = check_rows(p, rows);
	expect_none(r);
	rota_check_report_free(r);
	h->known = 1;
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_max_weekends, 1, 1,
		   "E01 works 2 weekends, 1 of them before the horizon (at "
		   "most 1)");
	rota_check_report_free(r);
	rota_problem_free(p);
}

/* -------------------------------------------------- requests, fairness */

static void requests_not_granted_cost_their_weight(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"EL.N..."};
	const struct rota_request rq[] = {
		{0, 0, T_E, 1, 1},   /* granted */
		{0, 1, T_E, 1, 2},   /* works L instead */
		{0, 2, T_E, 1, 3},   /* is off */
		{0, 2, -1, 1, 4},    /* any shift: is off */
		{0, 3, T_N, 0, 5},   /* works it */
		{0, 3, -1, 0, 6},    /* day off: works N */
		{0, 4, -1, 0, 7},    /* granted */
	};
	struct rota_check_report *r;

	(void)state;
	for (size_t i = 0; i < sizeof(rq) / sizeof(rq[0]); i++)
		assert_true(rota_problem_add_request(p, &rq[i], NULL) >= 0);
	r = check_rows(p, rows);
	assert_int_equal(r->n_violations, 5);
	assert_string_equal(r->violations[0].text,
			    "E01 asked to work E on Tue 2026-03-31 and works "
			    "L");
	assert_string_equal(r->violations[1].text,
			    "E01 asked to work E on Wed 2026-04-01 and is off");
	assert_string_equal(r->violations[2].text,
			    "E01 asked to work on Wed 2026-04-01 and is off");
	assert_string_equal(r->violations[3].text,
			    "E01 asked not to work N on Thu 2026-04-02 and "
			    "works it");
	assert_string_equal(r->violations[4].text,
			    "E01 asked for Thu 2026-04-02 off and works N");
	assert_int_equal(r->violations[0].kind, ROTA_CHECK_request_on);
	assert_int_equal(r->violations[4].kind, ROTA_CHECK_request_off);
	assert_int_equal(r->hard_broken, 0);
	assert_true(r->term[ROTA_TERM_requests] == 2 + 3 + 4 + 5 + 6);
	assert_true(r->objective == 20);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void unfair_spread_in_a_group_costs_max_minus_min(void **state)
{
	struct rota_problem *p = mk(7, 3);
	const char *rows[] = {".....EE", "L....L.", "EEEEE.."};
	const struct rota_fair_group g = {"team red", 5, 2};
	struct rota_check_report *r;

	(void)state;
	assert_int_equal(rota_problem_add_group(p, &g, NULL), 0);
	p->employees[0].group = 0;
	p->employees[1].group = 0;
	r = check_rows(p, rows);
	assert_int_equal(r->n_violations, 2);
	assert_string_equal(r->violations[0].text,
			    "team red: weekend days worked range from 1 (E02) "
			    "to 2 (E01)");
	assert_int_equal(r->violations[0].kind, ROTA_CHECK_fair_weekend);
	assert_int_equal(r->violations[0].employee, -1);
	assert_int_equal(r->violations[0].group, 0);
	assert_string_equal(r->violations[1].text,
			    "team red: late shifts range from 0 (E01) to 2 "
			    "(E02)");
	assert_true(r->term[ROTA_TERM_fairness] == 5 * 1 + 2 * 2);
	rota_check_report_free(r);
	rota_problem_free(p);
}

/* ---------------------------------------------------- interval coverage */

static void multi_skilled_agents_are_allocated_where_needed(void **state)
{
	/* 4 intervals of 2 h from Monday 06:00; E covers 07:00-15:00, so
	 * with t0 = 07:00 and 2-hour intervals it covers all four. */
	struct rota_problem *p = mk_skills(7, 2, 4);
	const char *rows[] = {"E......", "E......"};
	struct rota_check_report *r;

	(void)state;
	p->t0 = (int64_t)monday() * 86400 + 7 * 3600;
	p->interval_min = 120;
	for (int s = 0; s < 3; s++)
		for (int d = 0; d < 7; d++) {
			struct rota_slot *sl = rota_problem_slot(p, d, s);

			sl->first_interval = sl->end_interval = 0;
		}
	rota_problem_slot(p, 0, T_E)->end_interval = 4;
	p->employees[0].skills = 3;   /* voice and chat */
	p->employees[1].skills = 1;   /* voice */
	for (int t = 0; t < 4; t++) {
		rota_problem_demand(p, t, 0)->required = 1;
		rota_problem_demand(p, t, 0)->under_weight = 100;
		rota_problem_demand(p, t, 0)->over_weight = 1;
		rota_problem_demand(p, t, 1)->required = t < 2 ? 1 : 0;
		rota_problem_demand(p, t, 1)->under_weight = 50;
		rota_problem_demand(p, t, 1)->over_weight = 1;
	}
	r = check_rows(p, rows);
	expect_none(r);
	/* intervals 0-1: E02 on voice, E01 on chat; 2-3: one over */
	for (int t = 0; t < 2; t++) {
		assert_true(r->served[t * 2 + 0] == 1);
		assert_true(r->served[t * 2 + 1] == 1);
	}
	for (int t = 2; t < 4; t++)
		assert_true(r->served[t * 2 + 0] + r->served[t * 2 + 1] == 2);
	assert_int_equal(r->headcount[0], 2);
	assert_true(r->term[ROTA_TERM_under] == 0);
	assert_true(r->term[ROTA_TERM_over] == 2);
	assert_int_equal(r->served_given_ok, -1);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void solution_allocation_that_is_impossible_is_flagged(void **state)
{
	struct rota_problem *p = mk_skills(7, 2, 1);
	const char *rows[] = {"E......", "E......"};
	struct rota_solution *s;
	struct rota_check_report *r;

	(void)state;
	p->t0 = (int64_t)monday() * 86400 + 7 * 3600;
	p->interval_min = 60;
	rota_problem_slot(p, 0, T_E)->end_interval = 1;
	p->employees[0].skills = 3;
	p->employees[1].skills = 1;
	rota_problem_demand(p, 0, 1)->required = 2;
	rota_problem_demand(p, 0, 1)->under_weight = 10;
	s = roster(p, rows);
	s->served = calloc(2, sizeof(double));
	s->served[0] = 0;
	s->served[1] = 2;    /* E02 cannot do chat */
	r = check(p, s);
	assert_int_equal(r->served_given_ok, 0);
	assert_int_equal(r->served_bad_interval, 0);
	/* the checker's own allocation: E01 on chat, E02 on voice */
	assert_true(r->served[0] == 1 && r->served[1] == 1);
	assert_true(r->term[ROTA_TERM_under] == 10);
	rota_check_report_free(r);
	s = roster(p, rows);
	s->served = calloc(2, sizeof(double));
	s->served[0] = 1;
	s->served[1] = 1;
	r = check(p, s);
	assert_int_equal(r->served_given_ok, 1);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void agent_without_an_eligible_skill_counts_for_none(void **state)
{
	struct rota_problem *p = mk_skills(7, 1, 1);
	const char *rows[] = {"L......"};
	struct rota_check_report *r;

	(void)state;
	p->t0 = (int64_t)monday() * 86400 + 14 * 3600;
	rota_problem_slot(p, 0, T_L)->end_interval = 1;
	p->types[T_L].skills = 1;
	p->employees[0].skills = 2;
	rota_problem_demand(p, 0, 0)->required = 1;
	rota_problem_demand(p, 0, 0)->under_weight = 7;
	r = check_rows(p, rows);
	assert_int_equal(r->hard_broken, 1);
	assert_int_equal(r->headcount[0], 1);
	assert_true(r->served[0] == 0 && r->served[1] == 0);
	assert_true(r->term[ROTA_TERM_under] == 7);
	rota_check_report_free(r);
	rota_problem_free(p);
}

/* ---------------------------------------------------------- reporting */

static void violations_are_sorted_by_employee_then_day(void **state)
{
	struct rota_problem *p = mk(7, 2);
	const char *rows[] = {"NE...E.", "NNN...."};
	const struct rota_request rq = {0, 0, T_E, 1, 1};
	struct rota_check_report *r;

	(void)state;
	p->ban[T_N * 3 + T_E] = 1;
	assert_true(rota_problem_add_request(p, &rq, NULL) >= 0);
	p->type_max[1 * 3 + T_N].value = 1;
	rota_problem_slot(p, 5, T_E)->allowed = 0;
	r = check_rows(p, rows);
	assert_int_equal(r->n_violations, 4);
	assert_int_equal(r->violations[0].employee, 0);
	assert_int_equal(r->violations[0].day, 0);   /* request */
	assert_int_equal(r->violations[1].day, 1);   /* ban */
	assert_int_equal(r->violations[2].day, 5);   /* not offered */
	assert_int_equal(r->violations[3].employee, 1);
	assert_int_equal(r->violations[3].day, -1);  /* cap */
	assert_int_equal(r->hard_broken, 3);
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void undated_days_are_named_by_index_and_weekday(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"..E.EE."};
	struct rota_check_report *r;

	(void)state;
	p->dated = 0;
	set_rule(p, 0, ROTA_RULE_min_consecutive_days, 2, 0);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_min_consecutive_days, 1, 1,
		   "E01 has 1 consecutive day at work on day 2 (Wed) (at "
		   "least 2)");
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void a_pin_not_kept_is_hard_in_three_sentences(void **state)
{
	struct rota_problem *p = mk(7, 3);
	const char *rows[] = {"..L....", ".E.....", "E......"};
	struct rota_check_report *r;

	(void)state;
	p->fixed[0 * 7 + 2] = -1;   /* E01 off on Wed, works L */
	p->fixed[1 * 7 + 2] = T_E;  /* E02 E on Wed, is off */
	p->fixed[2 * 7 + 0] = T_L;  /* E03 L on Mon, works E */
	p->fixed[2 * 7 + 1] = -1;   /* kept */
	r = check_rows(p, rows);
	assert_int_equal(r->n_violations, 3);
	assert_int_equal(r->hard_broken, 3);
	assert_string_equal(r->violations[0].text,
			    "E01 must stay off on Wed 2026-04-01 (frozen) but "
			    "works L");
	assert_string_equal(r->violations[1].text,
			    "E02 must keep E on Wed 2026-04-01 (frozen) but is "
			    "off");
	assert_string_equal(r->violations[2].text,
			    "E03 must keep L on Mon 2026-03-30 (frozen) but "
			    "works E");
	assert_string_equal(rota_check_kind_name(r->violations[0].kind),
			    "fixed");
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void changes_to_the_reference_are_counted_and_capped(void **state)
{
	struct rota_problem *p = mk(7, 2);
	const char *rows[] = {"EE.L...", "......."};
	int ref[14] = {T_E, T_E, T_E, -1, -1, -1, -1,
		       -1, -1, -1, -1, -1, -1, T_N};
	struct rota_check_report *r;

	(void)state;
	/* E01 is off on Wed and works L on Thu; E02 is off on Sun */
	assert_int_equal(rota_problem_set_reference(p, ref, NULL), 0);
	p->change_weight = 2.5;
	r = check_rows(p, rows);
	expect_none(r);
	assert_int_equal(r->changes, 3);
	assert_true(r->term[ROTA_TERM_changes] == 7.5);
	assert_true(r->objective == 7.5);
	rota_check_report_free(r);
	p->max_changes = 2;
	r = check_rows(p, rows);
	expect_one(r, ROTA_CHECK_max_changes, 1, 1,
		   "the roster changes 3 employee-days of the current roster "
		   "(at most 2)");
	rota_check_report_free(r);
	ref[0] = 3;
	assert_int_equal(rota_problem_set_reference(p, ref, NULL), ROTA_EDATA);
	rota_problem_free(p);
}

/* The next week (day 7 = Mon 2026-04-06) as the future of E01. */
static struct rota_future *known_future(struct rota_problem *p)
{
	p->employees[0].future.known = 1;
	return &p->employees[0].future;
}

static void max_consecutive_days_reach_into_the_future(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {".....EE"};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_max_consecutive_days, 5, 0);
	p->employees[0].future.days_worked = 4;
	r = check_rows(p, rows);  /* unknown future: nothing */
	expect_none(r);
	rota_check_report_free(r);
	known_future(p);
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_max_consecutive_days, 1, 1,
		   "E01 works 6 consecutive days from Sat 2026-04-04, 4 of "
		   "them after the horizon (at most 5)");
	rota_check_report_free(r);
	/* with the history too */
	{
		const char *all[] = {"EEEEEEE"};

		p->employees[0].history.known = 1;
		p->employees[0].history.days_worked = 1;
		r = check_rows(p, all);
		expect_one(r, ROTA_RULE_max_consecutive_days, 1, 7,
			   "E01 works 12 consecutive days, 1 of them before "
			   "and 4 after the horizon (at most 5)");
		rota_check_report_free(r);
	}
	rota_problem_free(p);
}

static void blocks_reaching_the_future_are_checked_both_ways(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *sunday[] = {"......E"}, *none[] = {"......."};
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_min_consecutive_days, 3, 0);
	known_future(p)->days_worked = 1;
	r = check_rows(p, sunday);
	expect_one(r, ROTA_RULE_min_consecutive_days, 1, 1,
		   "E01 has 2 consecutive days at work on Sun 2026-04-05, 1 "
		   "of them after the horizon (at least 3)");
	rota_check_report_free(r);
	r = check_rows(p, none);
	expect_one(r, ROTA_RULE_min_consecutive_days, 1, 1,
		   "E01 has 1 consecutive day at work from Mon 2026-04-06, "
		   "after the horizon, and is off on Sun 2026-04-05 (at least "
		   "3)");
	assert_int_equal(r->violations[0].day, 6);
	rota_check_report_free(r);
	/* days off, and the history's side */
	set_rule(p, 0, ROTA_RULE_min_consecutive_days, ROTA_UNSET, 0);
	set_rule(p, 0, ROTA_RULE_min_consecutive_days_off, 2, 0);
	p->employees[0].future.days_worked = 0;
	p->employees[0].future.days_off = 1;
	p->employees[0].history.known = 1;
	p->employees[0].history.days_off = 1;
	{
		const char *rows[] = {"EEEEEEE"};

		r = check_rows(p, rows);
		assert_int_equal(r->n_violations, 2);
		assert_string_equal(r->violations[0].text,
				    "E01 has 1 consecutive day off up to Sun "
				    "2026-03-29, before the horizon, and works "
				    "on Mon 2026-03-30 (at least 2)");
		assert_string_equal(r->violations[1].text,
				    "E01 has 1 consecutive day off from Mon "
				    "2026-04-06, after the horizon, and works "
				    "on Sun 2026-04-05 (at least 2)");
		rota_check_report_free(r);
	}
	rota_problem_free(p);
}

static void rest_and_bans_reach_the_next_week(void **state)
{
	struct rota_problem *p = mk(7, 1);
	const char *rows[] = {"......L"}, *night[] = {"......N"};
	struct rota_future *f;
	struct rota_check_report *r;

	(void)state;
	set_rule(p, 0, ROTA_RULE_min_rest_min, 660, 0);
	f = known_future(p);
	f->days_worked = 1;
	f->first_type = T_E;
	f->first_start = ((int64_t)monday() + 7) * 86400 + 6 * 3600;
	r = check_rows(p, rows);
	expect_one(r, ROTA_RULE_min_rest_min, 1, 1,
		   "E01 rests 8h00 between L on Sun 2026-04-05 and the first "
		   "shift after the horizon (at least 11h00)");
	rota_check_report_free(r);
	set_rule(p, 0, ROTA_RULE_min_rest_min, ROTA_UNSET, 0);
	p->ban[T_N * 3 + T_E] = 1;
	r = check_rows(p, night);
	expect_one(r, ROTA_CHECK_ban, 1, 1,
		   "E01 works E on Mon 2026-04-06 right after N on Sun "
		   "2026-04-05, a forbidden sequence");
	rota_check_report_free(r);
	rota_problem_free(p);
}

static void kind_names_cover_rules_caps_and_checks(void **state)
{
	(void)state;
	assert_string_equal(rota_check_kind_name(ROTA_RULE_max_weekends),
			    "max_weekends");
	assert_string_equal(rota_check_kind_name(ROTA_RULE_min_total_min),
			    "min_total_min");
	assert_string_equal(rota_check_kind_name(ROTA_CHECK_ban), "ban");
	assert_string_equal(rota_check_kind_name(ROTA_CHECK_fair_late),
			    "fair_late");
	assert_string_equal(rota_check_kind_summary(ROTA_CHECK_unavailable),
			    "employee unavailable (leave, day off)");
	assert_null(rota_check_kind_name(ROTA_CHECK_KIND_COUNT));
	assert_null(rota_check_kind_name(-1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_roster_breaks_nothing_and_costs_nothing),
		cmocka_unit_test(
			objective_is_the_sum_of_its_terms_with_paid_time),
		cmocka_unit_test(
			roster_that_does_not_fit_is_refused_with_a_message),
		cmocka_unit_test(shift_on_a_day_it_is_not_offered_is_hard),
		cmocka_unit_test(unavailable_employee_at_work_is_hard),
		cmocka_unit_test(
			employee_without_the_skill_a_shift_serves_is_hard),
		cmocka_unit_test(solution_skill_the_employee_lacks_is_hard),
		cmocka_unit_test(
			forbidden_sequence_is_hard_also_across_the_horizon),
		cmocka_unit_test(weekly_minimum_minutes_soft_costs_per_minute),
		cmocka_unit_test(weekly_maximum_minutes_hard),
		cmocka_unit_test(
			working_days_per_week_are_counted_per_7_day_block),
		cmocka_unit_test(night_shifts_per_week),
		cmocka_unit_test(total_minutes_over_the_horizon),
		cmocka_unit_test(shifts_of_one_type_over_its_cap),
		cmocka_unit_test(max_consecutive_days_counts_each_window),
		cmocka_unit_test(
			max_consecutive_days_counts_history_when_known),
		cmocka_unit_test(short_block_of_work_inside_the_horizon),
		cmocka_unit_test(blocks_touching_the_horizon_ends_are_exempt),
		cmocka_unit_test(short_block_of_days_off),
		cmocka_unit_test(overnight_shift_counts_against_next_day_rest),
		cmocka_unit_test(rest_after_the_last_shift_before_the_horizon),
		cmocka_unit_test(rest_uses_real_instants_in_a_dst_week),
		cmocka_unit_test(weekends_partly_inside_the_horizon_count),
		cmocka_unit_test(weekends_before_the_horizon_count_when_known),
		cmocka_unit_test(requests_not_granted_cost_their_weight),
		cmocka_unit_test(unfair_spread_in_a_group_costs_max_minus_min),
		cmocka_unit_test(
			multi_skilled_agents_are_allocated_where_needed),
		cmocka_unit_test(
			solution_allocation_that_is_impossible_is_flagged),
		cmocka_unit_test(
			agent_without_an_eligible_skill_counts_for_none),
		cmocka_unit_test(violations_are_sorted_by_employee_then_day),
		cmocka_unit_test(
			undated_days_are_named_by_index_and_weekday),
		cmocka_unit_test(a_pin_not_kept_is_hard_in_three_sentences),
		cmocka_unit_test(
			changes_to_the_reference_are_counted_and_capped),
		cmocka_unit_test(max_consecutive_days_reach_into_the_future),
		cmocka_unit_test(
			blocks_reaching_the_future_are_checked_both_ways),
		cmocka_unit_test(rest_and_bans_reach_the_next_week),
		cmocka_unit_test(kind_names_cover_rules_caps_and_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
