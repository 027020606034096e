/*
 * tests/test_solver_build.c - rota_problem_build(): a site's week as a
 * roster problem (clock times with the site's zone, DST included;
 * requirements; time off; history; contracts; fairness groups).
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
 * Europe/London, 30-minute intervals, the week of Monday 2026-10-19 whose
 * Sunday 2026-10-25 has 25 hours (BST ends).  Skills chat (0) and voice
 * (1).  Shifts: E 07:00 9 h with 1 h break, Mon-Fri, any skill; L 14:00
 * 9 h, every day, voice; N 22:00 8 h with 30 min, Sat and Sun, voice.
 * Contracts ft (2400 minutes, 5 days) and pt.  Staff: E01 red ft
 * chat+voice, E02 red pt chat, E03 blue ft voice, E04 red ft chat+voice.
 */
struct site {
	struct rota_dataset ds;
	struct rota_tz *tz;
	int32_t monday;
};

static void add_shift(struct rota_dataset *ds, const char *code, int start,
		      int len, int brk, uint8_t days, uint64_t skills)
{
	struct rota_shift *s = &ds->shifts[ds->n_shifts++];

	memset(s, 0, sizeof(*s));
	snprintf(s->code, sizeof(s->code), "%s", code);
	snprintf(s->name, sizeof(s->name), "%s shift", code);
	s->start_min = start;
	s->length_min = len;
	s->break_min = brk;
	s->days = days;
	s->skills = skills;
}

static void add_staff(struct rota_dataset *ds, const char *id,
		      const char *team, const char *contract, uint64_t skills)
{
	struct rota_employee *e = &ds->employees[ds->n_employees++];

	memset(e, 0, sizeof(*e));
	snprintf(e->id, sizeof(e->id), "%s", id);
	snprintf(e->name, sizeof(e->name), "Name of %s", id);
	snprintf(e->team, sizeof(e->team), "%s", team);
	snprintf(e->contract, sizeof(e->contract), "%s", contract);
	e->skills = skills;
}

static int setup(void **state)
{
	struct site *s = calloc(1, sizeof(*s));
	struct rota_dataset *ds = &s->ds;

	assert_non_null(s);
	snprintf(ds->site.name, sizeof(ds->site.name), "test");
	snprintf(ds->site.timezone, sizeof(ds->site.timezone),
		 "Europe/London");
	ds->site.interval_min = 30;
	s->tz = rota_tz_load("Europe/London", NULL);
	assert_non_null(s->tz);
	s->monday = rota_days_from_civil(2026, 10, 19);

	ds->skills = calloc(2, sizeof(*ds->skills));
	ds->n_skills = 2;
	snprintf(ds->skills[0].name, sizeof(ds->skills[0].name), "chat");
	snprintf(ds->skills[1].name, sizeof(ds->skills[1].name), "voice");
	ds->contracts = calloc(2, sizeof(*ds->contracts));
	ds->n_contracts = 2;
	rota_contract_defaults(&ds->contracts[0]);
	snprintf(ds->contracts[0].id, sizeof(ds->contracts[0].id), "ft");
	ds->contracts[0].rule[ROTA_RULE_min_week_min].value = 2400;
	ds->contracts[0].rule[ROTA_RULE_max_weekends].value = 2;
	ds->contracts[0].rule[ROTA_RULE_max_weekends].weight = 7;
	rota_contract_defaults(&ds->contracts[1]);
	snprintf(ds->contracts[1].id, sizeof(ds->contracts[1].id), "pt");
	ds->contracts[1].rule[ROTA_RULE_max_week_min].value = 1200;
	ds->shifts = calloc(3, sizeof(*ds->shifts));
	add_shift(ds, "E", 7 * 60, 540, 60, 0x1f, 0);
	add_shift(ds, "L", 14 * 60, 540, 60, 0x7f, 2);
	add_shift(ds, "N", 22 * 60, 480, 30, 0x60, 2);
	ds->employees = calloc(4, sizeof(*ds->employees));
	add_staff(ds, "E01", "red", "ft", 3);
	add_staff(ds, "E02", "red", "pt", 1);
	add_staff(ds, "E03", "blue", "ft", 2);
	add_staff(ds, "E04", "red", "ft", 3);
	ds->timeoff = calloc(4, sizeof(*ds->timeoff));
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct site *s = *state;

	rota_dataset_release(&s->ds);
	rota_tz_free(s->tz);
	free(s);
	return 0;
}

static int64_t at(const struct site *s, int day, int hour, int min)
{
	return rota_tz_local_minutes(s->tz, s->monday + day, hour * 60 + min);
}

static struct rota_problem *build(struct site *s,
				  const struct rota_requirement *req, size_t n,
				  const struct rota_assignment *prev,
				  size_t n_prev, int history_days)
{
	struct rota_build_options opt = ROTA_BUILD_OPTIONS_INIT;
	struct rota_problem *p = NULL;
	struct rota_error err = {0};

	opt.history_days = history_days;
	if (rota_problem_build(&s->ds, s->monday, req, n, prev, n_prev, &opt,
			       &p, &err) < 0)
		fail_msg("rota_problem_build: %s", err.msg);
	return p;
}

static void shift_starts_follow_the_wall_clock_across_a_dst_change(
	void **state)
{
	struct site *s = *state;
	struct rota_problem *p = build(s, NULL, 0, NULL, 0, 0);
	const struct rota_slot *mon = rota_problem_slot(p, 0, 0);
	const struct rota_slot *sun = rota_problem_slot(p, 6, 1);
	const struct rota_slot *sun_n = rota_problem_slot(p, 6, 2);

	/* Monday 07:00 BST = 06:00 UTC; Sunday 14:00 GMT = 14:00 UTC */
	assert_int_equal(p->t0, at(s, 0, 0, 0));
	assert_int_equal(mon->start, at(s, 0, 7, 0));
	assert_int_equal(mon->start - p->t0, 7 * 3600);
	assert_int_equal(sun->start - p->t0, (6 * 24 + 1 + 14) * 3600);
	assert_int_equal(sun->end - sun->start, 540 * 60);
	/* the week has 169 hours: 338 intervals, plus Sunday night's 6 h */
	assert_int_equal(p->n_intervals, 338 + 12);
	assert_int_equal(sun->first_interval, (6 * 24 + 1 + 14) * 2);
	assert_int_equal(sun->end_interval, sun->first_interval + 18);
	assert_int_equal(sun_n->end_interval, 350);
	/* template days: E Mon-Fri, N Sat and Sun */
	assert_int_equal(rota_problem_slot(p, 4, 0)->allowed, 1);
	assert_int_equal(rota_problem_slot(p, 5, 0)->allowed, 0);
	assert_int_equal(rota_problem_slot(p, 4, 2)->allowed, 0);
	assert_int_equal(sun_n->allowed, 1);
	/* types: paid minutes, night and late flags, skills */
	assert_int_equal(p->types[0].paid_min, 480);
	assert_int_equal(p->types[2].paid_min, 450);
	assert_int_equal(p->types[2].night, 1);
	assert_int_equal(p->types[1].late, 1);
	assert_int_equal(p->types[0].late, 0);
	assert_true(p->types[1].skills == 2);
	assert_true(p->dated && p->first_day == s->monday);
	assert_int_equal(p->first_weekday, 1);
	rota_problem_free(p);
}

static void requirements_become_demand_per_interval_and_skill(void **state)
{
	struct site *s = *state;
	struct rota_requirement req[2] = {
		{at(s, 0, 9, 30), 1, 4, 6, 0.8},
		{at(s, 6, 23, 30), 0, 1, 2, 0.8},
	};
	struct rota_build_options opt = ROTA_BUILD_OPTIONS_INIT;
	struct rota_problem *p = build(s, req, 2, NULL, 0, 0);
	const struct rota_demand *d = rota_problem_demand(p, 19, 1);
	int last = (int)((req[1].start - p->t0) / 1800);

	/* scheduled agents (shrinkage included) by default */
	assert_int_equal(d->required, 6);
	assert_true(fabs(d->under_weight - opt.under_per_agent_hour / 2) <
		    1e-9);
	assert_true(fabs(d->over_weight - opt.over_per_agent_hour / 2) <
		    1e-9);
	assert_int_equal(last, 337);
	assert_int_equal(rota_problem_demand(p, last, 0)->required, 2);
	/* after the week: no weights (next week's business) */
	assert_true(rota_problem_demand(p, 340, 1)->over_weight == 0);
	assert_true(fabs(p->cost_per_min - opt.cost_per_paid_hour / 60) <
		    1e-12);
	rota_problem_free(p);

	opt.use_scheduled_agents = 0;
	assert_int_equal(rota_problem_build(&s->ds, s->monday, req, 2, NULL, 0,
					    &opt, &p, NULL),
			 0);
	assert_int_equal(rota_problem_demand(p, 19, 1)->required, 4);
	rota_problem_free(p);
}

static void a_requirement_off_the_interval_grid_is_refused(void **state)
{
	struct site *s = *state;
	struct rota_requirement req = {at(s, 0, 9, 10), 1, 4, 6, 0.8};
	struct rota_problem *p = NULL;
	struct rota_error err = {0};

	assert_int_equal(rota_problem_build(&s->ds, s->monday, &req, 1, NULL,
					    0, NULL, &p, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "requirement at 2026-10-19T09:10:00+01:00 "
				     "is not an interval start of the week");
	req.start = at(s, 7, 0, 0);
	assert_int_equal(rota_problem_build(&s->ds, s->monday, &req, 1, NULL,
					    0, NULL, &p, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "requirement at 2026-10-26T00:00:00+00:00 "
				     "is not an interval start of the week");
	req.start = at(s, 0, 9, 0);
	req.skill = 2;
	assert_int_equal(rota_problem_build(&s->ds, s->monday, &req, 1, NULL,
					    0, NULL, &p, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "requirement 0: skill 2 or agents 6 out "
				     "of range");
	assert_null(p);
}

static void time_off_blocks_or_asks_for_every_overlapping_slot(
	void **state)
{
	struct site *s = *state;
	struct rota_dataset *ds = &s->ds;
	struct rota_problem *p;

	/* E02 hard on Tuesday; E03 soft from Saturday 23:00 */
	snprintf(ds->timeoff[0].employee, ROTA_ID_MAX, "E02");
	ds->timeoff[0].start = at(s, 1, 0, 0);
	ds->timeoff[0].end = at(s, 2, 0, 0);
	ds->timeoff[0].kind = ROTA_TIMEOFF_HARD;
	snprintf(ds->timeoff[1].employee, ROTA_ID_MAX, "E03");
	ds->timeoff[1].start = at(s, 5, 23, 0);
	ds->timeoff[1].end = at(s, 7, 0, 0);
	ds->timeoff[1].kind = ROTA_TIMEOFF_SOFT;
	ds->timeoff[1].weight = 3;
	ds->n_timeoff = 2;
	p = build(s, NULL, 0, NULL, 0, 0);
	for (int t = 0; t < 3; t++)
		assert_int_equal(rota_problem_unavailable(p, 1, 1, t), 1);
	assert_int_equal(rota_problem_unavailable(p, 1, 0, 0), 0);
	assert_int_equal(rota_problem_unavailable(p, 1, 2, 0), 0);
	assert_int_equal(rota_problem_unavailable(p, 0, 1, 0), 0);
	/* Saturday's night shift (22:00-06:00), Sunday's three shifts */
	assert_int_equal(p->n_requests, 4);
	assert_int_equal(p->requests[0].employee, 2);
	assert_int_equal(p->requests[0].day, 5);
	assert_int_equal(p->requests[0].type, 2);
	assert_int_equal(p->requests[0].on, 0);
	assert_true(p->requests[0].weight == 3);
	assert_int_equal(p->requests[3].day, 6);
	rota_problem_free(p);
	/* a record of someone unknown */
	snprintf(ds->timeoff[1].employee, ROTA_ID_MAX, "X9");
	{
		struct rota_error err = {0};

		assert_int_equal(rota_problem_build(ds, s->monday, NULL, 0,
						    NULL, 0, NULL, &p, &err),
				 ROTA_EDATA);
		assert_string_equal(err.msg,
				    "time off of unknown employee 'X9'");
	}
	ds->n_timeoff = 0;
}

static void contracts_become_rules_and_groups_gather_comparable_staff(
	void **state)
{
	struct site *s = *state;
	struct rota_problem *p = build(s, NULL, 0, NULL, 0, 0);
	const struct rota_problem_employee *e1 = &p->employees[0];
	const struct rota_problem_employee *e2 = &p->employees[1];

	assert_string_equal(e1->id, "E01");
	assert_string_equal(e1->name, "Name of E01");
	assert_int_equal(e1->rule[ROTA_RULE_min_week_min].value, 2400);
	assert_int_equal(e1->rule[ROTA_RULE_max_days_week].value, 5);
	assert_int_equal(e1->rule[ROTA_RULE_min_rest_min].value, 660);
	assert_int_equal(e1->rule[ROTA_RULE_max_weekends].value, 2);
	assert_true(e1->rule[ROTA_RULE_max_weekends].weight == 7);
	assert_int_equal(e1->rule[ROTA_RULE_min_total_min].value, ROTA_UNSET);
	assert_int_equal(e2->rule[ROTA_RULE_max_week_min].value, 1200);
	assert_int_equal(e2->history.known, 0);
	/* E01 and E04: red, ft, chat+voice; E02 and E03 alone */
	assert_int_equal(p->n_groups, 1);
	assert_int_equal(e1->group, 0);
	assert_int_equal(p->employees[3].group, 0);
	assert_int_equal(e2->group, -1);
	assert_int_equal(p->employees[2].group, -1);
	assert_string_equal(p->groups[0].name,
			    "team red, contract ft, skills: chat+voice");
	rota_problem_free(p);

	snprintf(s->ds.employees[2].contract, ROTA_ID_MAX, "zz");
	{
		struct rota_error err = {0};

		assert_int_equal(rota_problem_build(&s->ds, s->monday, NULL, 0,
						    NULL, 0, NULL, &p, &err),
				 ROTA_EDATA);
		assert_string_equal(err.msg, "employee 'E03': unknown contract "
					     "'zz'");
	}
	snprintf(s->ds.employees[2].contract, ROTA_ID_MAX, "ft");
}

static void history_comes_from_the_weeks_before(void **state)
{
	struct site *s = *state;
	struct rota_assignment prev[5];
	struct rota_problem *p;
	const struct rota_history *h;

	memset(prev, 0, sizeof(prev));
	/* E01 worked Fri, Sat, Sun (L, ends 23:00) and a Saturday two
	 * weeks before; E03 worked Thursday only */
	for (int i = 0; i < 3; i++) {
		snprintf(prev[i].employee, ROTA_ID_MAX, "E01");
		prev[i].day = s->monday - 3 + i;
		snprintf(prev[i].shift, ROTA_ID_MAX, "L");
		prev[i].start = at(s, -3 + i, 14, 0);
		prev[i].end = prev[i].start + 540 * 60;
	}
	snprintf(prev[3].employee, ROTA_ID_MAX, "E01");
	prev[3].day = s->monday - 9;
	snprintf(prev[3].shift, ROTA_ID_MAX, "E");
	prev[3].start = at(s, -9, 7, 0);
	prev[3].end = prev[3].start + 540 * 60;
	snprintf(prev[4].employee, ROTA_ID_MAX, "E03");
	prev[4].day = s->monday - 4;
	snprintf(prev[4].shift, ROTA_ID_MAX, "E");
	prev[4].start = at(s, -4, 7, 0);
	prev[4].end = prev[4].start + 540 * 60;

	p = build(s, NULL, 0, prev, 5, 28);
	h = &p->employees[0].history;
	assert_int_equal(h->known, 1);
	assert_int_equal(h->days_worked, 3);
	assert_int_equal(h->days_off, 0);
	assert_int_equal(h->last_end, at(s, -1, 23, 0));
	assert_int_equal(h->last_type, 1);
	assert_int_equal(h->weekends_worked, 2);
	h = &p->employees[2].history;
	assert_int_equal(h->days_worked, 0);
	assert_int_equal(h->days_off, 3);
	assert_int_equal(h->last_type, -1);
	assert_int_equal(h->weekends_worked, 0);
	h = &p->employees[1].history;
	assert_int_equal(h->known, 1);
	assert_int_equal(h->days_off, 28);
	assert_true(h->last_end == INT64_MIN);
	rota_problem_free(p);

	/* without history days, nothing is known */
	p = build(s, NULL, 0, prev, 5, 0);
	assert_int_equal(p->employees[0].history.known, 0);
	assert_int_equal(p->employees[0].history.days_worked, 0);
	rota_problem_free(p);
}

static void future_comes_from_the_week_after(void **state)
{
	struct site *s = *state;
	struct rota_build_options opt = ROTA_BUILD_OPTIONS_INIT;
	struct rota_assignment next[4];
	struct rota_problem *p = NULL;
	const struct rota_future *f;

	memset(next, 0, sizeof(next));
	/* E01 works E next Monday and Tuesday; E03 L next Wednesday; a
	 * shift two weeks on is outside the 7 days read */
	for (int i = 0; i < 4; i++) {
		static const char *const who[4] = {"E01", "E01", "E03", "E02"};
		static const int day[4] = {7, 8, 9, 14};

		snprintf(next[i].employee, ROTA_ID_MAX, "%s", who[i]);
		next[i].day = s->monday + day[i];
		snprintf(next[i].shift, ROTA_ID_MAX, "%s", i == 2 ? "L" : "E");
		next[i].start = at(s, day[i], i == 2 ? 14 : 7, 0);
		next[i].end = next[i].start + 540 * 60;
	}
	opt.next = next;
	opt.n_next = 4;
	opt.next_days = 7;
	assert_int_equal(rota_problem_build(&s->ds, s->monday, NULL, 0, NULL,
					    0, &opt, &p, NULL),
			 0);
	f = &p->employees[0].future;
	assert_int_equal(f->known, 1);
	assert_int_equal(f->days_worked, 2);
	assert_int_equal(f->days_off, 0);
	assert_int_equal(f->first_start, at(s, 7, 7, 0));
	assert_int_equal(f->first_type, 0);
	f = &p->employees[2].future;
	assert_int_equal(f->days_worked, 0);
	assert_int_equal(f->days_off, 2);
	assert_int_equal(f->first_start, at(s, 9, 14, 0));
	assert_int_equal(f->first_type, -1);
	f = &p->employees[1].future;
	assert_int_equal(f->known, 1);
	assert_int_equal(f->days_off, 7);
	assert_true(f->first_start == INT64_MAX);
	rota_problem_free(p);

	/* without next days, nothing is known */
	opt.next_days = 0;
	assert_int_equal(rota_problem_build(&s->ds, s->monday, NULL, 0, NULL,
					    0, &opt, &p, NULL),
			 0);
	assert_int_equal(p->employees[0].future.known, 0);
	assert_true(p->employees[0].future.first_start == INT64_MAX);
	rota_problem_free(p);
}

static void a_week_must_start_on_a_monday(void **state)
{
	struct site *s = *state;
	struct rota_problem *p = NULL;
	struct rota_error err = {0};

	assert_int_equal(rota_problem_build(&s->ds, s->monday + 1, NULL, 0,
					    NULL, 0, NULL, &p, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg,
			    "week must start on a Monday, not 2026-10-20");
	snprintf(s->ds.site.timezone, ROTA_TZ_MAX, "Mars/Olympus");
	assert_int_equal(rota_problem_build(&s->ds, s->monday, NULL, 0, NULL,
					    0, NULL, &p, &err),
			 ROTA_ENOTFOUND);
	snprintf(s->ds.site.timezone, ROTA_TZ_MAX, "Europe/London");
	assert_null(p);
}

static void a_built_week_solves_and_passes_the_checker(void **state)
{
	struct site *s = *state;
	struct rota_requirement req[40];
	struct rota_solve_options so = ROTA_SOLVE_OPTIONS_INIT;
	struct rota_solution *sol = NULL;
	struct rota_check_report *r = NULL;
	struct rota_problem *p;
	size_t n = 0;

	/* voice: 2 agents 09:00-16:00 on Monday and 1 on Sunday (the 25-hour
	 * day) 15:00-19:00 local; chat: 1 agent on Friday 09:00-13:00 */
	for (int h = 18; h < 32; h++)
		req[n++] = (struct rota_requirement){
			at(s, 0, 0, 0) + h * 1800, 1, 2, 2, 0.8};
	for (int h = 0; h < 8; h++)
		req[n++] = (struct rota_requirement){
			at(s, 6, 15, 0) + h * 1800, 1, 1, 1, 0.8};
	for (int h = 0; h < 8; h++)
		req[n++] = (struct rota_requirement){
			at(s, 4, 9, 0) + h * 1800, 0, 1, 1, 0.8};
	/* everyone on E takes the break at 11:00 and on L at 18:00: with
	 * the breaks at 08:00 and 19:00, outside the demand (breaks have a
	 * test of their own below), the week can be fully covered */
	s->ds.shifts[0].break_start_min = 60;
	s->ds.shifts[1].break_start_min = 300;
	p = build(s, req, n, NULL, 0, 0);
	so.gap = 0;
	assert_int_equal(rota_solve(p, &so, &sol, NULL), 0);
	assert_int_equal(sol->stats.status, ROTA_SOLVE_OPTIMAL);
	assert_int_equal(rota_check(p, sol, &r, NULL), 0);
	assert_int_equal(r->hard_broken, 0);
	assert_true(fabs(r->objective - sol->stats.objective) < 1e-6);
	/* every requirement is met: nothing understaffed */
	assert_true(fabs(sol->stats.term[ROTA_TERM_under]) < 1e-9);
	assert_true(sol->served[18 * 2 + 1] >= 2 - 1e-9);
	assert_true(sol->served[(6 * 24 + 1 + 15) * 2 * 2 + 1] >= 1 - 1e-9);
	assert_true(sol->served[(4 * 48 + 18) * 2 + 0] >= 1 - 1e-9);
	rota_check_report_free(r);
	rota_solution_free(sol);
	rota_problem_free(p);
}

static void unpaid_breaks_take_agents_off_the_queues(void **state)
{
	struct site *s = *state;
	struct rota_requirement req[14];
	struct rota_solve_options so = ROTA_SOLVE_OPTIONS_INIT;
	struct rota_solution *sol = NULL;
	struct rota_check_report *r = NULL;
	struct rota_problem *p;
	const struct rota_slot *sl;
	size_t n = 0;

	/* default: the middle of the shift, on a quarter hour.  E 07:00
	 * for 9 h with 60 min: (540 - 60) / 2 = 240 -> 11:00-12:00, the
	 * intervals 22 and 23 of Monday */
	p = build(s, NULL, 0, NULL, 0, 0);
	sl = rota_problem_slot(p, 0, 0);
	assert_int_equal(sl->first_interval, 14);
	assert_int_equal(sl->break_first, 22);
	assert_int_equal(sl->break_end, 24);
	assert_int_equal(sl->end_interval, 32);
	assert_true(rota_slot_covers(sl, 21));
	assert_false(rota_slot_covers(sl, 22));
	assert_false(rota_slot_covers(sl, 23));
	assert_true(rota_slot_covers(sl, 24));
	/* N 22:00 for 8 h with 30 min: 225 -> 01:45-02:15 on Tuesday,
	 * which overlaps two half hours (01:30-02:30) that are both lost */
	sl = rota_problem_slot(p, 0, 2);
	assert_int_equal(sl->break_first, 48 + 3);
	assert_int_equal(sl->break_end, 48 + 5);
	rota_problem_free(p);

	/* a break placed by the template: 12:30 on E */
	s->ds.shifts[0].break_start_min = 330;
	p = build(s, NULL, 0, NULL, 0, 0);
	sl = rota_problem_slot(p, 0, 0);
	assert_int_equal(sl->break_first, 25);
	assert_int_equal(sl->break_end, 27);
	rota_problem_free(p);

	/* two voice agents all Monday 09:00-16:00: only E covers the
	 * morning, and everybody on E is away 12:30-13:30, so two agents
	 * are missing for two intervals whatever the roster */
	for (int h = 18; h < 32; h++)
		req[n++] = (struct rota_requirement){
			at(s, 0, 0, 0) + h * 1800, 1, 2, 2, 0.8};
	p = build(s, req, n, NULL, 0, 0);
	so.gap = 0;
	assert_int_equal(rota_solve(p, &so, &sol, NULL), 0);
	assert_int_equal(rota_check(p, sol, &r, NULL), 0);
	assert_int_equal(r->hard_broken, 0);
	assert_true(fabs(r->objective - sol->stats.objective) < 1e-6);
	assert_true(sol->served[24 * 2 + 1] >= 2 - 1e-9);
	assert_true(fabs(sol->served[25 * 2 + 1]) < 1e-9);
	assert_true(fabs(sol->served[26 * 2 + 1]) < 1e-9);
	assert_true(sol->served[27 * 2 + 1] >= 2 - 1e-9);
	assert_int_equal(r->headcount[25], 0);
	assert_true(fabs(r->served[25 * 2 + 1] - sol->served[25 * 2 + 1]) <
		    1e-9);
	assert_true(fabs(sol->stats.term[ROTA_TERM_under] -
			 4 * p->demand[25 * 2 + 1].under_weight) < 1e-6);
	rota_check_report_free(r);
	rota_solution_free(sol);
	rota_problem_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			shift_starts_follow_the_wall_clock_across_a_dst_change,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			requirements_become_demand_per_interval_and_skill,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_requirement_off_the_interval_grid_is_refused, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			time_off_blocks_or_asks_for_every_overlapping_slot,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			contracts_become_rules_and_groups_gather_comparable_staff,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			history_comes_from_the_weeks_before, setup, teardown),
		cmocka_unit_test_setup_teardown(
			future_comes_from_the_week_after, setup, teardown),
		cmocka_unit_test_setup_teardown(a_week_must_start_on_a_monday,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_built_week_solves_and_passes_the_checker, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			unpaid_breaks_take_agents_off_the_queues, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
