/*
 * plan/replan.c - re-planning a week that has a roster: frozen time, the
 * live roster as the reference, what changed and the coverage it regained
 * (plan/plan.h, rota_plan_schedule; docs/operations.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

void rota_plan_when(const struct rota_plan *pl, int64_t t, char *buf,
		    size_t size)
{
	char local[32];

	rota_format_local_short(pl->tz, t, local, sizeof(local));
	snprintf(buf, size, "%s %s",
		 rota_weekday_name(rota_weekday(rota_tz_day_of(pl->tz, t))),
		 local);
}

int rota_plan_replan_from(struct rota_plan *pl, int32_t monday,
			  const struct rota_roster *live,
			  const struct rota_plan_schedule_opts *o,
			  int64_t *from, struct rota_plan_notes *notes,
			  struct rota_error *err)
{
	int64_t week_end = rota_tz_day_start(pl->tz, monday + 7);
	/* the guard judges a start at `now` as started: freeze it too */
	int64_t guard = pl->now + 1;
	char a[48], b[48];

	if (live->published_version > 0 && !o->force)
		guard = pl->now + (int64_t)pl->ds.ops.notice_min * 60;
	if (!o->from) {
		*from = guard;
		return 0;
	}
	if (o->from < pl->now) {
		rota_plan_when(pl, o->from, a, sizeof(a));
		rota_plan_when(pl, pl->now, b, sizeof(b));
		return rota_error_set(err, ROTA_ECONFLICT,
				      "cannot re-plan from %s: it is before "
				      "now (%s) and past time is frozen",
				      a, b);
	}
	if (o->from >= week_end) {
		rota_plan_when(pl, o->from, a, sizeof(a));
		rota_format_date(monday, b, sizeof(b));
		return rota_error_set(err, ROTA_EINVAL,
				      "cannot re-plan the week of %s from "
				      "%s: the week is over by then", b, a);
	}
	/* now itself counts as started */
	*from = o->from > pl->now ? o->from : pl->now + 1;
	if (*from < guard) {
		rota_plan_when(pl, guard, a, sizeof(a));
		rota_plan_note(notes,
			       "the week is published: changes start at %s, "
			       "after the %d h notice window (--force to "
			       "change sooner)",
			       a, pl->ds.ops.notice_min / 60);
		*from = guard;
	}
	return 0;
}

int rota_plan_replan_setup(struct rota_plan *pl, struct rota_problem *p,
			   const struct rota_roster *live, int32_t monday,
			   int64_t from, int replan, int max_changes,
			   struct rota_error *err)
{
	struct rota_solution *ref = NULL;
	int rc;

	if ((rc = rota_plan_roster_solution(p, live, monday, &ref, err)) < 0)
		return rc;
	if ((rc = rota_problem_set_reference(p, ref->type, err)) < 0 ||
	    (rc = rota_problem_freeze(p, from, err)) < 0)
		goto out;
	p->max_changes = max_changes;
	if (replan)
		p->change_weight = pl->ds.ops.change_weight;
	else if (max_changes == ROTA_UNSET)
		/* afresh: the pins stay, the reference goes */
		rc = rota_problem_set_reference(p, NULL, err);
	else
		p->change_weight = 0;
out:
	rota_solution_free(ref);
	return rc;
}

const struct rota_assignment *rota_plan_find_assignment(
	const struct rota_roster *r, const struct rota_assignment *a)
{
	size_t lo = 0, hi = r->n_assignments;

	/* r is sorted by employee, then day */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct rota_assignment *m = &r->assignments[mid];
		int c = strcmp(m->employee, a->employee);

		if (c == 0)
			c = (m->day > a->day) - (m->day < a->day);
		if (c == 0)
			return m;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void rota_plan_keep_unchanged(struct rota_roster *next,
			      const struct rota_roster *live)
{
	for (size_t i = 0; live && i < next->n_assignments; i++) {
		struct rota_assignment *a = &next->assignments[i];
		const struct rota_assignment *o =
			rota_plan_find_assignment(live, a);

		/* the same shift keeps what was stored for it (its skill;
		 * its times when the template has moved since) */
		if (o && strcmp(o->shift, a->shift) == 0)
			*a = *o;
	}
}

int rota_plan_short_by_skill(const struct rota_problem *p,
			     const double *served, int week_T, long **out,
			     struct rota_error *err)
{
	struct rota_plan_stretch *st = NULL;
	long *by = calloc((size_t)p->n_skills + 1, sizeof(*by));
	size_t n = 0;
	int rc;

	if (!by)
		return rota_plan_oom(err);
	if ((rc = rota_plan_understaffed(p, served, week_T, -1, &st, &n,
					 err)) < 0) {
		free(by);
		return rc;
	}
	for (size_t i = 0; i < n; i++)
		by[st[i].skill] += st[i].agent_min;
	free(st);
	*out = by;
	return 0;
}

int rota_plan_short_of(const struct rota_problem *p,
		       const struct rota_roster *r, int32_t monday,
		       int week_T, long **out, struct rota_error *err)
{
	struct rota_solution *sol = NULL;
	struct rota_check_report *rep = NULL;
	int rc;

	if ((rc = rota_plan_roster_solution(p, r, monday, &sol, err)) < 0)
		goto out;
	/* shifts their employees can no longer work (time off, an absence
	 * recorded since) cover nothing */
	for (int e = 0; e < p->n_employees; e++)
		for (int d = 0; d < p->n_days; d++) {
			int *t = &sol->type[e * p->n_days + d];

			if (*t >= 0 && rota_problem_fixed(p, e, d) != *t &&
			    !rota_problem_can_work(p, e, d, *t))
				*t = -1;
		}
	if ((rc = rota_check(p, sol, &rep, err)) < 0 ||
	    (rc = rota_plan_short_by_skill(p, rep->served, week_T, out,
					   err)) < 0)
		goto out;
out:
	rota_check_report_free(rep);
	rota_solution_free(sol);
	return rc;
}
