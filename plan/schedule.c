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

int rota_plan_schedule(struct rota_plan *pl, int32_t monday,
		       const struct rota_plan_schedule_opts *opt,
		       struct rota_plan_schedule *out,
		       struct rota_error *err)
{
	struct rota_plan_schedule_opts o = ROTA_PLAN_SCHEDULE_OPTS_INIT;
	struct rota_version_meta meta = ROTA_VERSION_META_INIT;
	struct rota_staffing_week staffing;
	struct rota_plan_schedule s;
	int rc;

	if (opt)
		o = *opt;
	memset(&s, 0, sizeof(s));
	memset(&staffing, 0, sizeof(staffing));
	/* the week's requirements follow the current forecast and targets */
	if ((rc = rota_plan_staffing(pl, monday, &staffing, err)) < 0)
		goto fail;
	note_demand(&staffing, &s.notes);
	rota_staffing_week_release(&staffing);
	if ((rc = rota_plan_week_problem(pl, monday, NULL, &s.problem, err)) <
		    0 ||
	    (o.lp_path &&
	     (rc = write_model(s.problem, "lp", o.lp_path, err)) < 0) ||
	    (o.mps_path &&
	     (rc = write_model(s.problem, "mps", o.mps_path, err)) < 0) ||
	    (rc = rota_solve(s.problem, &o.solve, &s.solution, err)) < 0)
		goto fail;
	s.week_T = rota_plan_week_intervals(s.problem, pl->tz, monday);
	/* the independent checker vouches for the roster before it is
	 * stored, and its allocation is what every report shows */
	if ((rc = rota_check(s.problem, s.solution, &s.report, err)) < 0)
		goto fail;
	if (s.report->hard_broken) {
		rc = rota_error_set(err, ROTA_ESOLVER,
				    "internal error: the roster found breaks "
				    "%d hard rule%s (rota roster --check lists "
				    "them); not stored",
				    s.report->hard_broken,
				    s.report->hard_broken == 1 ? "" : "s");
		goto fail;
	}
	if (fabs(s.report->objective - s.solution->stats.objective) >
	    1e-6 * fmax(1.0, fabs(s.report->objective)))
		rota_plan_note(&s.notes,
			       "the checker values the roster at %.6g, the "
			       "solver at %.6g",
			       s.report->objective,
			       s.solution->stats.objective);
	if ((rc = to_roster(s.problem, s.solution, monday, pl->now, &s.roster,
			    err)) < 0)
		goto fail;
	meta.kind = "solve";
	meta.by = o.by;
	meta.reason = o.reason;
	if ((rc = rota_plan_commit(pl, s.roster, NULL, 0, &meta, 1,
				   &s.version, &s.changes, &s.notes, err)) < 0)
		goto fail;
	for (int e = 0; e < s.problem->n_employees; e++) {
		int works = 0;

		for (int d = 0; d < s.problem->n_days; d++)
			works |= s.solution->type[e * s.problem->n_days + d] >=
				 0;
		s.people += works;
	}
	*out = s;
	return 0;
fail:
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
	memset(s, 0, sizeof(s[0]));
}
