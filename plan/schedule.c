/*
 * plan/schedule.c - build, solve, check and store a week's roster.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

static int write_model(const struct rota_problem *p, const char *format,
		       const char *path, struct rota_error *err)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int ok, rc;

	if ((rc = rota_model_write(p, format, &text, &len, err)) < 0)
		return rc;
	f = fopen(path, "w");
	ok = f && fwrite(text, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = 0;
	free(text);
	if (!ok)
		return rota_error_set(err, ROTA_EIO, "cannot write '%s'", path);
	return 0;
}

/* The solution as the week's roster (*r's arrays are malloc'd). */
static int to_roster(const struct rota_problem *p,
		     const struct rota_solution *sol, int32_t monday,
		     int64_t now, struct rota_roster **out,
		     struct rota_error *err)
{
	struct rota_roster *r = calloc(1, sizeof(*r));
	size_t n = 0;

	if (!r)
		return rota_plan_oom(err);
	for (int i = 0; i < p->n_employees * p->n_days; i++)
		n += sol->type[i] >= 0;
	if (!(r->assignments = calloc(n ? n : 1, sizeof(*r->assignments)))) {
		free(r);
		return rota_plan_oom(err);
	}
	r->week = monday;
	snprintf(r->status, sizeof(r->status), "draft");
	snprintf(r->origin, sizeof(r->origin), "solver");
	r->created_at = now;
	snprintf(r->solver_status, sizeof(r->solver_status), "%s",
		 rota_solve_status_name(sol->stats.status));
	r->has_stats = 1;
	r->objective = sol->stats.objective;
	r->bound = sol->stats.bound;
	r->gap = sol->stats.gap;
	r->seconds = sol->stats.seconds;
	for (int e = 0; e < p->n_employees; e++)
		for (int d = 0; d < p->n_days; d++) {
			int s = sol->type[e * p->n_days + d];
			int k = sol->skill[e * p->n_days + d];
			struct rota_assignment *a;
			const struct rota_slot *sl;

			if (s < 0)
				continue;
			a = &r->assignments[r->n_assignments++];
			sl = rota_problem_slot(p, d, s);
			rota_strlcpy(a->employee, p->employees[e].id,
				     sizeof(a->employee));
			a->day = monday + d;
			rota_strlcpy(a->shift, p->types[s].code,
				     sizeof(a->shift));
			a->start = sl->start;
			a->end = sl->end;
			a->paid_min = p->types[s].paid_min;
			if (k >= 0)
				rota_strlcpy(a->skill, p->skills[k].name,
					     sizeof(a->skill));
		}
	*out = r;
	return 0;
}

/* Notes on what the week is planned against. */
static void note_demand(const struct rota_staffing_week *w,
			struct rota_plan_notes *notes)
{
	if (w->n_forecast == 0)
		rota_plan_note(notes,
			       "the week has no forecast: the roster follows "
			       "the contracts only (import forecast.csv, then "
			       "schedule again)");
	else if (w->agents_total == 0)
		rota_plan_note(notes,
			       "the week's forecast needs no agents: the "
			       "roster follows the contracts only");
}

/*
 * How a week with a live roster is solved: from when, re-planned or
 * afresh (plan/plan.h, rota_plan_schedule).
 */
static int prepare(struct rota_plan *pl, int32_t monday,
		   const struct rota_plan_schedule_opts *o,
		   const struct rota_roster *live, struct rota_plan_schedule *s,
		   struct rota_error *err)
{
	char wk[16], at[48];
	int rc;

	rota_format_date(monday, wk, sizeof(wk));
	if (!live) {
		if (o->from || o->max_changes != ROTA_UNSET)
			return rota_error_set(err, ROTA_ENOTFOUND,
					      "no roster for the week of %s to "
					      "re-plan (schedule it first)",
					      wk);
		return 0;
	}
	s->had_roster = 1;
	if ((rc = rota_plan_replan_from(pl, monday, live, o, &s->from,
					&s->notes, err)) < 0)
		return rc;
	s->replanned = o->from || (live->published_version > 0 && !o->fresh);
	if (s->replanned && !o->from) {
		rota_plan_when(pl, s->from, at, sizeof(at));
		rota_plan_note(&s->notes,
			       "the roster of the week of %s is published: "
			       "re-planning from %s with the fewest changes "
			       "(--fresh re-solves it)", wk, at);
	}
	return 0;
}

/* The problem, with frozen time and the reference when re-planning. */
static int build(struct rota_plan *pl, int32_t monday,
		 const struct rota_plan_schedule_opts *o,
		 const struct rota_roster *live, struct rota_plan_schedule *s,
		 struct rota_error *err)
{
	/* re-planning may use the contracts' overtime allowance */
	struct rota_plan_week_opts wo = {s->replanned ? 1 : -1};
	int rc;

	if ((rc = rota_plan_week_problem(pl, monday, &wo, &s->problem, err)) <
	    0)
		return rc;
	if (live && (rc = rota_plan_replan_setup(pl, s->problem, live, monday,
						 s->from, s->replanned,
						 o->max_changes, err)) < 0)
		return rc;
	if ((o->lp_path &&
	     (rc = write_model(s->problem, "lp", o->lp_path, err)) < 0) ||
	    (o->mps_path &&
	     (rc = write_model(s->problem, "mps", o->mps_path, err)) < 0))
		return rc;
	return 0;
}

/* Solve and have the independent checker vouch for the roster. */
static int solve(struct rota_plan *pl, int32_t monday,
		 const struct rota_plan_schedule_opts *o,
		 struct rota_plan_schedule *s, struct rota_error *err)
{
	int rc;

	if ((rc = rota_solve(s->problem, &o->solve, &s->solution, err)) < 0)
		return rc;
	s->week_T = rota_plan_week_intervals(s->problem, pl->tz, monday);
	/* its allocation is what every report shows */
	if ((rc = rota_check(s->problem, s->solution, &s->report, err)) < 0)
		return rc;
	rota_plan_name_requests(pl, s->problem, s->report);
	if (s->report->hard_broken)
		return rota_error_set(err, ROTA_ESOLVER,
				      "internal error: the roster found breaks "
				      "%d hard rule%s (rota roster --check "
				      "lists them); not stored",
				      s->report->hard_broken,
				      s->report->hard_broken == 1 ? "" : "s");
	if (fabs(s->report->objective - s->solution->stats.objective) >
	    1e-6 * fmax(1.0, fabs(s->report->objective)))
		rota_plan_note(&s->notes,
			       "the checker values the roster at %.6g, the "
			       "solver at %.6g",
			       s->report->objective,
			       s->solution->stats.objective);
	return 0;
}

/* An infeasible re-plan of a published week: say what --force frees. */
static void hint_notice(const struct rota_plan *pl, int64_t from,
			struct rota_error *err)
{
	char at[48];

	rota_plan_when(pl, from, at, sizeof(at));
	rota_error_prefix(err, "the %d h notice window freezes the roster "
			  "until %s (--force to change sooner)",
			  pl->ds.ops.notice_min / 60, at);
}

int rota_plan_schedule(struct rota_plan *pl, int32_t monday,
		       const struct rota_plan_schedule_opts *opt,
		       struct rota_plan_schedule *out,
		       struct rota_error *err)
{
	struct rota_plan_schedule_opts o = ROTA_PLAN_SCHEDULE_OPTS_INIT;
	struct rota_version_meta meta = ROTA_VERSION_META_INIT;
	struct rota_staffing_week staffing;
	struct rota_plan_schedule s;
	struct rota_roster *live = NULL;
	struct rota_error e2 = {0};
	int rc;

	if (opt)
		o = *opt;
	memset(&s, 0, sizeof(s));
	memset(&staffing, 0, sizeof(staffing));
	rc = rota_store_roster_load(pl->st, monday, &live, &e2);
	if (rc < 0 && rc != ROTA_ENOTFOUND) {
		if (err)
			*err = e2;
		goto fail;
	}
	if ((rc = prepare(pl, monday, &o, live, &s, err)) < 0)
		goto fail;
	/* the week's requirements follow the current forecast and targets */
	if ((rc = rota_plan_staffing(pl, monday, &staffing, err)) < 0)
		goto fail;
	note_demand(&staffing, &s.notes);
	rota_staffing_week_release(&staffing);
	if ((rc = build(pl, monday, &o, live, &s, err)) < 0)
		goto fail;
	if ((rc = solve(pl, monday, &o, &s, err)) < 0) {
		if (rc == ROTA_EINFEASIBLE && live &&
		    live->published_version > 0 && !o.force)
			hint_notice(pl, s.from, err);
		goto fail;
	}
	if (
(rc = to_roster(s.problem, s.solution, monday, pl->now, &s.roster,
			   err)) < 0)
		goto fail;
	rota_plan_keep_unchanged(s.roster, live);
	if (live &&
	    ((rc = rota_plan_short_of(s.problem, live, monday, s.week_T,
				      &s.short_before, err)) < 0 ||
	     (rc = rota_plan_short_by_skill(s.problem, s.report->served,
					    s.week_T, &s.short_after,
					    err)) < 0 ||
	     (rc = rota_roster_diff(live, s.roster, &s.diff, &s.n_diff)) < 0)) {
		if (rc == ROTA_ENOMEM)
			rota_plan_oom(err);
		goto fail;
	}
	meta.kind = s.replanned ? "replan" : "solve";
	meta.by = o.by;
	meta.reason = o.reason;
	/* a draft has told nobody anything: no notice window */
	if ((rc = rota_plan_commit(pl, s.roster, NULL, 0, &meta,
				   o.force || !live ||
					   live->published_version == 0,
				   &s.version, &s.changes, &s.notes, err)) < 0)
		goto fail;
	for (int e = 0; e < s.problem->n_employees; e++) {
		int works = 0;

		for (int d = 0; d < s.problem->n_days; d++)
			works |= s.solution->type[e * s.problem->n_days + d] >=
				 0;
		s.people += works;
	}
	rota_roster_free(live);
	*out = s;
	return 0;
fail:
	rota_roster_free(live);
	rota_plan_schedule_release(&s);
	return rc;
}

void rota_plan_schedule_release(struct rota_plan_schedule *s)
{
	if (!s)
		return;
	rota_check_report_free(s->report);
	rota_solution_free(s->solution);
	rota_problem_free(s->problem);
	rota_roster_free(s->roster);
	rota_plan_notes_release(&s->notes);
	free(s->diff);
	free(s->short_before);
	free(s->short_after);
	memset(s, 0, sizeof(s[0]));
}
