/*
 * plan/week.c - a week's roster problem, a stored roster as a solution of
 * it, the checker's verdict on a stored week, and the understaffed
 * stretches every report shows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/leave.h"
#include "plan/plan_int.h"

static int lower(struct rota_rule_value *v, int by)
{
	if (v->value == ROTA_UNSET || by <= 0)
		return 0;
	v->value = v->value > by ? v->value - by : 0;
	return 1;
}

/*
 * Leave that counts: the week's leave lowers the weekly minimum and
 * maximum minutes and the maximum days (core/leave.h); then the overtime
 * allowance, when allowed, turns the weekly maximum into a soft limit with
 * a hard cap above it.
 */
static void apply_contracts(const struct rota_plan *pl,
			    const struct rota_dataset *ds, int32_t monday,
			    int overtime, struct rota_problem *p)
{

	for (int e = 0; e < p->n_employees; e++) {
		struct rota_problem_employee *pe = &p->employees[e];
		struct rota_rule_value *maxw =
			&pe->rule[ROTA_RULE_max_week_min];
		struct rota_leave_week lw;
		int c = rota_dataset_contract(ds, pe->contract);

		rota_leave_week(ds, pl->tz, pe->id, monday, &lw);
		lower(&pe->rule[ROTA_RULE_min_week_min], lw.leave_min);
		lower(maxw, lw.leave_min);
		lower(&pe->rule[ROTA_RULE_max_days_week], lw.days);
		if (lw.days > 0) {
			/* a day of leave is neither a working day nor a day
			 * off: it cuts blocks short, so the minimum-block
			 * rules do not apply to this employee this week */
			pe->rule[ROTA_RULE_min_consecutive_days].value =
				ROTA_UNSET;
			pe->rule[ROTA_RULE_min_consecutive_days_off].value =
				ROTA_UNSET;
		}
		if (!overtime || c < 0 || maxw->value == ROTA_UNSET ||
		    maxw->weight > 0 || ds->contracts[c].max_overtime_min <= 0)
			continue;
		pe->rule[ROTA_RULE_max_total_min].value =
			maxw->value + ds->contracts[c].max_overtime_min;
		pe->rule[ROTA_RULE_max_total_min].weight = 0;
		/* a weight of 0 would make the rule hard again */
		maxw->weight = ds->contracts[c].overtime_weight > 0
				       ? ds->contracts[c].overtime_weight
				       : 1e-6;
	}
}

static int overlaps_shift(const struct rota_assignment *as, size_t n,
			  const char *employee, int64_t from, int64_t to)
{
	for (size_t i = 0; i < n; i++)
		if (as[i].start < to && from < as[i].end &&
		    strcmp(as[i].employee, employee) == 0)
			return 1;
	return 0;
}

/* 1 when absence id took a shift of day `day` out (open shifts os). */
static int took_shift(const struct rota_open_shift *os, size_t n, int64_t id,
		      int32_t day)
{
	for (size_t i = 0; i < n; i++)
		if (os[i].absence_id == id && os[i].shift.day == day)
			return 1;
	return 0;
}

/*
 * Absences (docs/operations.md, "Absences"): the week's dataset is the
 * site's with each absence, cut into local days, added as hard time off -
 * of the absence's leave type (counted as leave, core/leave.h) on a day
 * it took a rostered shift out, untyped (unavailable, no credit) on other
 * days - except on a day where the employee keeps a shift it overlaps
 * (one that had started when it was recorded), which is worked as
 * rostered.  *ds is a shallow copy of the site's; *extra its time-off
 * array (free() it).
 */
static int with_absences(struct rota_plan *pl, int32_t monday,
			 struct rota_dataset *ds, struct rota_timeoff **extra,
			 struct rota_error *err)
{
	int64_t from = rota_tz_day_start(pl->tz, monday - 1);
	int64_t to = rota_tz_day_start(pl->tz, monday + 8);
	struct rota_absence *ab = NULL;
	struct rota_assignment *as = NULL;
	struct rota_open_shift *os = NULL;
	struct rota_timeoff *arr = NULL;
	size_t n_ab = 0, n_as = 0, n_os = 0, n = 0, cap = 0;
	int rc;

	*ds = pl->ds;
	*extra = NULL;
	if ((rc = rota_store_absence_list(pl->st, NULL, from, to, &ab, &n_ab,
					  err)) < 0 || n_ab == 0 ||
	    (rc = rota_store_assignments_range(pl->st, from - 86400, to, NULL,
					       &as, &n_as, err)) < 0 ||
	    (rc = rota_store_open_shifts(pl->st, monday, NULL, &os, &n_os,
					 err)) < 0)
		goto out;
	for (size_t i = 0; i < pl->ds.n_timeoff; i++) {
		if (ROTA_GROW(arr, cap, n) < 0)
			goto oom;
		arr[n++] = pl->ds.timeoff[i];
	}
	for (size_t i = 0; i < n_ab; i++)
		for (int32_t d = monday - 1; d <= monday + 7; d++) {
			int64_t a = rota_tz_day_start(pl->tz, d);
			int64_t b = rota_tz_day_start(pl->tz, d + 1);
			int took = took_shift(os, n_os, ab[i].id, d);
			struct rota_timeoff *t;

			a = ab[i].start > a ? ab[i].start : a;
			b = ab[i].end < b ? ab[i].end : b;
			if (b <= a || overlaps_shift(as, n_as, ab[i].employee,
						     a, b))
				continue;
			if (ROTA_GROW(arr, cap, n) < 0)
				goto oom;
			t = &arr[n++];
			memset(t, 0, sizeof(*t));
			rota_strlcpy(t->employee, ab[i].employee,
				     sizeof(t->employee));
			t->start = a;
			t->end = b;
			t->kind = ROTA_TIMEOFF_HARD;
			rota_strlcpy(t->note, "absence", sizeof(t->note));
			if (took)
				rota_strlcpy(t->type, ab[i].type,
					     sizeof(t->type));
			t->credit_min = -1;
		}
	ds->timeoff = arr;
	ds->n_timeoff = n;
	*extra = arr;
	arr = NULL;
	goto out;
oom:
	rc = rota_plan_oom(err);
out:
	free(arr);
	free(ab);
	free(as);
	free(os);
	return rc;
}

int rota_plan_week_problem(struct rota_plan *pl, int32_t monday,
			   const struct rota_plan_week_opts *opt,
			   struct rota_problem **out, struct rota_error *err)
{
	struct rota_build_options bo = ROTA_BUILD_OPTIONS_INIT;
	struct rota_plan_week_opts o = ROTA_PLAN_WEEK_OPTS_INIT;
	struct rota_requirement *req = NULL;
	struct rota_assignment *prev = NULL;
	struct rota_roster *next = NULL;
	struct rota_problem *p = NULL;
	struct rota_error e2 = {0};
	struct rota_timeoff *extra = NULL;
	struct rota_dataset ds;

	size_t n_req = 0, n_prev = 0;
	int rc;

	if (opt)
		o = *opt;
	if (o.overtime < 0)
		o.overtime = pl->ds.ops.allow_overtime;
	if ((rc = rota_store_requirements_load(
		     pl->st, rota_tz_day_start(pl->tz, monday),
		     rota_tz_day_start(pl->tz, monday + 7), &req, &n_req,
		     err)) < 0 ||
	    (rc = rota_store_assignments_range(
		     pl->st,
		     rota_tz_day_start(pl->tz, monday - ROTA_PLAN_HISTORY_DAYS),
		     rota_tz_day_start(pl->tz, monday), NULL, &prev, &n_prev,
		     err)) < 0)
		goto out;
	/* the next week's roster, when there is one, so that the week's
	 * rules reach across its end in both directions */
	rc = rota_store_roster_load(pl->st, monday + 7, &next, &e2);
	if (rc < 0 && rc != ROTA_ENOTFOUND) {
		if (err)
			*err = e2;
		goto out;
	}
	if (next) {
		bo.next = next->assignments;
		bo.n_next = next->n_assignments;
		bo.next_days = 7;
	}
	bo.history_days = ROTA_PLAN_HISTORY_DAYS;
	if ((rc = with_absences(pl, monday, &ds, &extra, err)) < 0 ||
	    (rc = rota_problem_build(&ds, monday, req, n_req, prev, n_prev,
				     &bo, &p, err)) < 0)
		goto out;
	apply_contracts(pl, &ds, monday, o.overtime, p);
	*out = p;
out:
	free(extra);
	free(req);
	free(prev);
	rota_roster_free(next);
	return rc;
}

int rota_plan_roster_solution(const struct rota_problem *p,
			      const struct rota_roster *r, int32_t monday,
			      struct rota_solution **out,
			      struct rota_error *err)
{
	struct rota_solution *sol = rota_solution_new(p, err);

	if (!sol)
		return err ? err->code : ROTA_ENOMEM;
	free(sol->served);   /* a stored roster has no allocation */
	sol->served = NULL;
	for (size_t i = 0; r && i < r->n_assignments; i++) {
		const struct rota_assignment *a = &r->assignments[i];
		int e = -1, s = -1, k = -1, d = (int)(a->day - monday);

		for (int j = 0; j < p->n_employees && e < 0; j++)
			if (strcmp(p->employees[j].id, a->employee) == 0)
				e = j;
		for (int j = 0; j < p->n_types && s < 0; j++)
			if (strcmp(p->types[j].code, a->shift) == 0)
				s = j;
		for (int j = 0; j < p->n_skills && k < 0 && a->skill[0]; j++)
			if (strcmp(p->skills[j].name, a->skill) == 0)
				k = j;
		if (e < 0 || s < 0 || d < 0 || d >= p->n_days) {
			char day[16];

			rota_format_date(a->day, day, sizeof(day));
			rota_solution_free(sol);
			return rota_error_set(err, ROTA_EDATA,
					      "roster: %s %s on %s is not "
					      "part of the week's problem",
					      a->employee, a->shift, day);
		}
		sol->type[(size_t)e * (size_t)p->n_days + (size_t)d] = s;
		sol->skill[(size_t)e * (size_t)p->n_days + (size_t)d] = k;
	}
	*out = sol;
	return 0;
}

int rota_plan_week_intervals(const struct rota_problem *p,
			     const struct rota_tz *tz, int32_t monday)
{
	int64_t n = (rota_tz_day_start(tz, monday + 7) - p->t0) /
		    ((int64_t)p->interval_min * 60);

	return n < p->n_intervals ? (int)n : p->n_intervals;
}

int rota_plan_week_load(struct rota_plan *pl, int32_t monday, int need_roster,
			struct rota_plan_week *out, struct rota_error *err)
{
	/* a stored week is judged with the contracts' overtime allowance:
	 * re-plans and substitutes may use it, weekly planning only when the
	 * site allows it (a roster without overtime costs the same) */
	struct rota_plan_week_opts judge = {1};
	struct rota_plan_week w;
	struct rota_error e2 = {0};
	int rc;

	memset(&w, 0, sizeof(w));
	w.monday = monday;
	rc = rota_store_roster_load(pl->st, monday, &w.roster, &e2);
	if (rc < 0 && (rc != ROTA_ENOTFOUND || need_roster)) {
		if (err)
			*err = e2;
		return rc;
	}
	if ((rc = rota_plan_week_problem(pl, monday, &judge, &w.problem,
					 err)) < 0 ||
	    (rc = rota_plan_roster_solution(w.problem, w.roster, monday,
					    &w.solution, err)) < 0 ||
	    (rc = rota_check(w.problem, w.solution, &w.report, err)) < 0) {
		rota_plan_week_release(&w);
		return rc;
	}
	rota_plan_name_requests(pl, w.problem, w.report);
	w.week_T = rota_plan_week_intervals(w.problem, pl->tz, monday);
	*out = w;
	return 0;
}

void rota_plan_week_release(struct rota_plan_week *w)
{
	if (!w)
		return;
	rota_check_report_free(w->report);
	rota_solution_free(w->solution);
	rota_problem_free(w->problem);
	rota_roster_free(w->roster);
	memset(w, 0, sizeof(*w));
}

int rota_plan_understaffed(const struct rota_problem *p, const double *served,
			   int week_T, int only_skill,
			   struct rota_plan_stretch **out, size_t *n,
			   struct rota_error *err)
{
	struct rota_plan_stretch *arr = NULL;
	size_t cnt = 0, cap = 0;
	const int64_t step = (int64_t)p->interval_min * 60;

	for (int k = 0; served && k < p->n_skills; k++) {
		struct rota_plan_stretch cur;

		if (only_skill >= 0 && k != only_skill)
			continue;
		cur.first = -1;
		for (int i = 0; i <= week_T; i++) {
			int short_by = 0;

			if (i < week_T) {
				double got = served[i * p->n_skills + k];
				int req = rota_problem_demand(p, i, k)->required;

				if (req - got > 1e-6)
					short_by = (int)ceil(req - got - 1e-6);
			}
			if (short_by) {
				if (cur.first < 0) {
					cur.first = i;
					cur.most_short = 0;
					cur.agent_min = 0;
				}
				if (short_by > cur.most_short)
					cur.most_short = short_by;
				cur.agent_min +=
					(long)short_by * p->interval_min;
				continue;
			}
			if (cur.first < 0)
				continue;
			cur.skill = k;
			cur.end = i;
			cur.from = p->t0 + (int64_t)cur.first * step;
			cur.to = p->t0 + (int64_t)i * step;
			if (ROTA_GROW(arr, cap, cnt) < 0) {
				free(arr);
				return rota_plan_oom(err);
			}
			arr[cnt++] = cur;
			cur.first = -1;
		}
	}
	*out = arr;
	*n = cnt;
	return 0;
}
