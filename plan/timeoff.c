/*
 * plan/timeoff.c - time-off requests and their decisions: the site's
 * rules, the live shifts a period overlaps and the coverage they would
 * take with them (plan/plan.h, "time off").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

#define TIMEOFF_MAX_DAYS 366

static void date_text(int32_t day, char *buf, size_t size)
{
	char d[16];

	rota_format_date(day, d, sizeof(d));
	snprintf(buf, size, "%s %s", rota_weekday_name(rota_weekday(day)), d);
}

/* Approved time off of employee i (dataset index) overlapping local day
 * `day`, other than row ignore_id. */
static int off_on(const struct rota_plan *pl, int i, int32_t day,
		  int64_t ignore_id)
{
	int64_t a = rota_tz_day_start(pl->tz, day);
	int64_t b = rota_tz_day_start(pl->tz, day + 1);

	for (size_t t = 0; t < pl->ds.n_timeoff; t++) {
		const struct rota_timeoff *to = &pl->ds.timeoff[t];

		if (to->kind == ROTA_TIMEOFF_HARD && to->id != ignore_id &&
		    to->start < b && a < to->end &&
		    strcmp(to->employee, pl->ds.employees[i].id) == 0)
			return 1;
	}
	return 0;
}

/* Minimum notice, blackout dates, people off per team and per skill. */
static void site_rules(const struct rota_plan *pl, int e, int32_t first,
		       int32_t last, int64_t ignore_id,
		       struct rota_plan_notes *broken)
{
	const struct rota_ops_settings *ops = &pl->ds.ops;
	const struct rota_employee *em = &pl->ds.employees[e];
	int32_t today = rota_tz_day_of(pl->tz, pl->now);
	char day[32];

	if (first < today)
		rota_plan_note(broken, "it starts before today");
	else if (ops->min_notice_days > 0 &&
		 first - today < ops->min_notice_days)
		rota_plan_note(broken,
			       "it starts in %d day%s; the site asks for %d "
			       "days' notice",
			       first - today, first - today == 1 ? "" : "s",
			       ops->min_notice_days);
	for (size_t b = 0; b < pl->ds.n_blackouts; b++) {
		const struct rota_blackout *bo = &pl->ds.blackouts[b];
		char a[16], z[16];

		if (bo->first_day > last || bo->last_day < first)
			continue;
		rota_format_date(bo->first_day, a, sizeof(a));
		rota_format_date(bo->last_day, z, sizeof(z));
		if (bo->first_day == bo->last_day)
			rota_plan_note(broken, "%s is a blackout date", a);
		else
			rota_plan_note(broken, "it falls in the blackout "
				       "dates %s..%s", a, z);
	}
	for (int32_t d = first; d <= last; d++) {
		int team = 0, skill[ROTA_MAX_SKILLS] = {0};

		for (size_t i = 0; i < pl->ds.n_employees; i++) {
			if ((int)i == e || !off_on(pl, (int)i, d, ignore_id))
				continue;
			team += em->team[0] &&
				strcmp(pl->ds.employees[i].team, em->team) == 0;
			for (size_t k = 0; k < pl->ds.n_skills; k++)
				skill[k] += (pl->ds.employees[i].skills &
					     em->skills & (UINT64_C(1) << k)) !=
					    0;
		}
		date_text(d, day, sizeof(day));
		if (ops->max_off_per_team >= 0 && em->team[0] &&
		    team + 1 > ops->max_off_per_team)
			rota_plan_note(broken,
				       "%d of team %s %s already off on %s "
				       "(at most %d)",
				       team, em->team, team == 1 ? "is" : "are",
				       day, ops->max_off_per_team);
		for (size_t k = 0; k < pl->ds.n_skills; k++)
			if (ops->max_off_per_skill >= 0 &&
			    (em->skills & (UINT64_C(1) << k)) &&
			    skill[k] + 1 > ops->max_off_per_skill)
				rota_plan_note(broken,
					       "%d with skill %s %s already "
					       "off on %s (at most %d)",
					       skill[k], pl->ds.skills[k].name,
					       skill[k] == 1 ? "is" : "are",
					       day, ops->max_off_per_skill);
	}
}

/* Intervals that become short of each skill if the shifts (all of one
 * week) go, as stretches. */
static int coverage_lost(struct rota_plan *pl, int32_t week,
			 const struct rota_assignment *gone, size_t n_gone,
			 struct rota_plan_timeoff_impact *out,
			 struct rota_error *err)
{
	struct rota_plan_week w;
	struct rota_solution *sol = NULL;
	struct rota_check_report *r = NULL;
	const struct rota_problem *p;
	int rc;

	if ((rc = rota_plan_week_load(pl, week, 1, &w, err)) < 0)
		return rc;
	p = w.problem;
	if ((rc = rota_plan_roster_solution(p, w.roster, week, &sol, err)) < 0)
		goto out;
	for (size_t i = 0; i < n_gone; i++)
		for (int e = 0; e < p->n_employees; e++)
			if (strcmp(p->employees[e].id, gone[i].employee) == 0)
				sol->type[e * p->n_days +
					  (int)(gone[i].day - week)] = -1;
	if ((rc = rota_check(p, sol, &r, err)) < 0 || !r->served)
		goto out;
	for (int k = 0; k < p->n_skills; k++) {
		int first = -1;
		long lost = 0;

		for (int t = 0; t <= w.week_T; t++) {
			double d = 0;

			if (t < w.week_T) {
				double req = rota_problem_demand(p, t, k)->required;

				d = fmin(req, w.report->served[t * p->n_skills +
							       k]) -
				    fmin(req, r->served[t * p->n_skills + k]);
			}
			if (d > 1e-6) {
				if (first < 0) {
					first = t;
					lost = 0;
				}
				lost += lround(d * p->interval_min);
				continue;
			}
			if (first >= 0) {
				char a[32], b[32];

				rota_format_local_short(
					pl->tz,
					p->t0 + (int64_t)first *
							p->interval_min * 60,
					a, sizeof(a));
				rota_format_local_short(
					pl->tz,
					p->t0 + (int64_t)t * p->interval_min *
							60,
					b, sizeof(b));
				rota_plan_note(&out->coverage,
					       "%s %s-%s: %ld agent-minutes "
					       "short",
					       p->skills[k].name, a, b + 11,
					       lost);
				out->short_min += lost;
				first = -1;
			}
		}
	}
out:
	rota_check_report_free(r);
	rota_solution_free(sol);
	rota_plan_week_release(&w);
	return rc;
}

int rota_plan_timeoff_impact(struct rota_plan *pl, const char *employee,
			     int64_t from, int64_t to, int64_t ignore_id,
			     struct rota_plan_timeoff_impact *out,
			     struct rota_error *err)
{
	struct rota_plan_timeoff_impact r;
	struct rota_assignment *as = NULL, *gone = NULL;
	size_t n_as = 0, n_gone = 0;
	int e, rc;

	memset(&r, 0, sizeof(r));
	if ((e = rota_plan_employee_arg(pl, employee, err)) < 0)
		return e;
	site_rules(pl, e, rota_tz_day_of(pl->tz, from),
		   rota_tz_day_of(pl->tz, to - 1), ignore_id, &r.broken);
	if ((rc = rota_store_assignments_range(pl->st, from - 86400, to,
					       employee, &as, &n_as, err)) < 0)
		goto fail;
	if (n_as && !(gone = calloc(n_as, sizeof(*gone)))) {
		rc = rota_plan_oom(err);
		goto fail;
	}
	for (size_t i = 0; i < n_as; i++) {
		struct rota_roster *ro = NULL;
		struct rota_error e2 = {0};
		char what[160], day[16];

		if (!(as[i].start < to && from < as[i].end) ||
		    as[i].start <= pl->now)
			continue;
		gone[n_gone++] = as[i];
		rota_plan_describe(pl, &as[i], what, sizeof(what));
		rota_format_date(as[i].day, day, sizeof(day));
		if (rota_store_roster_load(pl->st, rota_week_monday(as[i].day),
					   &ro, &e2) == 0 &&
		    ro->published_version > 0)
			rota_plan_note(&r.shifts,
				       "%s is in a published week: cover it "
				       "(rota cover %s --date %s) or re-plan",
				       what, employee, day);
		else
			rota_plan_note(&r.shifts,
				       "%s is rostered (draft): schedule the "
				       "week again or cover it",
				       what);
		rota_roster_free(ro);
	}
	for (size_t i = 0; i < n_gone; i++) {
		int32_t wk = rota_week_monday(gone[i].day);
		size_t j, m = 0;

		for (j = 0; j < i && rota_week_monday(gone[j].day) != wk; j++)
			;
		if (j < i)
			continue;
		/* this week's shifts first */
		for (j = i; j < n_gone; j++)
			if (rota_week_monday(gone[j].day) == wk) {
				struct rota_assignment t = gone[m + i];

				gone[m + i] = gone[j];
				gone[j] = t;
				m++;
			}
		if ((rc = coverage_lost(pl, wk, gone + i, m, &r, err)) < 0)
			goto fail;
	}
	free(as);
	free(gone);
	*out = r;
	return 0;
fail:
	free(as);
	free(gone);
	rota_plan_timeoff_impact_release(&r);
	return rc;
}

void rota_plan_timeoff_impact_release(struct rota_plan_timeoff_impact *i)
{
	if (!i)
		return;
	rota_plan_notes_release(&i->broken);
	rota_plan_notes_release(&i->shifts);
	rota_plan_notes_release(&i->coverage);
	memset(i, 0, sizeof(*i));
}

/* Decide a stored row and read it back. */
static int decide(struct rota_plan *pl, int64_t id, const char *status,
		  const char *by, const char *why,
		  struct rota_timeoff_record *rec, struct rota_error *err)
{
	int rc;

	if ((rc = rota_store_timeoff_decide(pl->st, id, status, by, pl->now,
					    why, err)) < 0)
		return rc;
	return rota_store_timeoff_get(pl->st, id, rec, err);
}

/* The live shifts of rec's employee that its period overlaps (*out:
 * free()). */
static int overlapped(struct rota_plan *pl,
		      const struct rota_timeoff_record *rec,
		      struct rota_assignment **out, size_t *n,
		      struct rota_error *err)
{
	struct rota_assignment *as = NULL;
	size_t n_as = 0, m = 0;
	int rc;

	if ((rc = rota_store_assignments_range(pl->st, rec->start - 86400,
					       rec->end, rec->employee, &as,
					       &n_as, err)) < 0)
		return rc;
	for (size_t i = 0; i < n_as; i++)
		if (as[i].start < rec->end && rec->start < as[i].end)
			as[m++] = as[i];
	*out = as;
	*n = m;
	return 0;
}

/* 1 when every shift rec overlaps may be taken out without --force. */
static int free_to_take_out(struct rota_plan *pl,
			    const struct rota_timeoff_record *rec,
			    struct rota_error *err)
{
	struct rota_assignment *as = NULL;
	size_t n = 0;
	int ok = 1;

	if (overlapped(pl, rec, &as, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n && ok; i++)
		ok = rota_plan_guard_of(pl, as[i].start) == ROTA_PLAN_FREE;
	free(as);
	return ok;
}

/*
 * Approve rec and take the live shifts its period overlaps out of the
 * roster (docs/operations.md, "Time off"): one version of kind "timeoff"
 * a week, its closed rows linked to rec (timeoff_shift), so that they are
 * open shifts for rota cover and excused leave for attendance.  A shift
 * that has started refuses the approval (past time is frozen); one inside
 * the notice window needs force.  One transaction: on error nothing is
 * changed.
 */
static int approve(struct rota_plan *pl, const struct rota_timeoff_record *rec,
		   const char *by, const char *why, int force,
		   struct rota_plan_timeoff *r, struct rota_error *err)
{
	struct rota_version_meta meta = ROTA_VERSION_META_INIT;
	struct rota_assignment *as = NULL;
	size_t n = 0;
	char reason[160], what[160];
	int rc;

	if ((rc = rota_store_begin(pl->st, err)) < 0)
		return rc;
	if ((rc = decide(pl, rec->id, "approved", by, why, &r->record, err)) <
		    0 ||
	    (rc = overlapped(pl, rec, &as, &n, err)) < 0)
		goto rollback;
	for (size_t i = 0; i < n; i++) {
		if (as[i].start > pl->now)
			continue;
		rota_plan_describe(pl, &as[i], what, sizeof(what));
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "%s has started: past time is frozen, so "
				    "time off %lld cannot be approved over it "
				    "(rota absence add records an absence)",
				    what, (long long)rec->id);
		goto rollback;
	}
	snprintf(reason, sizeof(reason), "%s leave (time off %lld)",
		 rec->type[0] ? rec->type : "untyped", (long long)rec->id);
	meta.kind = "timeoff";
	meta.by = by;
	meta.reason = why && *why ? why : reason;
	meta.timeoff_id = rec->id;
	if ((rc = rota_plan_take_out(pl, as, n, &meta, force, &r->versions,
				     &r->notes, err)) < 0)
		goto rollback;
	if ((rc = rota_store_commit(pl->st, err)) < 0)
		goto fail;
	r->removed = as;
	r->n_removed = n;
	return 0;
rollback:
	rota_store_rollback(pl->st);
fail:
	free(as);
	return rc;
}

/* The shifts time off id took out that are still open (nobody covers
 * them), for a cancellation to name. */
static int still_open(struct rota_plan *pl,
		      const struct rota_timeoff_record *rec,
		      struct rota_plan_timeoff *r, struct rota_error *err)
{
	int32_t first = rota_week_monday(rota_tz_day_of(pl->tz, rec->start));
	int32_t last = rota_week_monday(rota_tz_day_of(pl->tz, rec->end - 1));
	int rc = 0;

	for (int32_t wk = first; wk <= last && rc == 0; wk += 7) {
		struct rota_open_shift *os = NULL;
		size_t n = 0;

		if ((rc = rota_store_open_shifts(pl->st, wk, rec->employee, &os,
						 &n, err)) < 0)
			break;
		for (size_t i = 0; i < n; i++) {
			struct rota_assignment *p;

			if (os[i].timeoff_id != rec->id || os[i].covered_by[0])
				continue;
			p = realloc(r->removed,
				    (r->n_removed + 1) * sizeof(*p));
			if (!p) {
				rc = rota_plan_oom(err);
				break;
			}
			r->removed = p;
			r->removed[r->n_removed++] = os[i].shift;
		}
		free(os);
	}
	return rc;
}

/* After a decision: the plan's dataset has the site's time off as it is
 * now, for the workflows that follow on the same plan. */
static void reload(struct rota_plan *pl, struct rota_plan_timeoff *r)
{
	struct rota_error e2 = {0};

	if (rota_plan_reload(pl, &e2) < 0)
		rota_plan_note(&r->notes, "the decision is stored, but the "
			       "site could not be read again: %s", e2.msg);
}

int rota_plan_timeoff_request(struct rota_plan *pl,
			      const struct rota_plan_timeoff_opts *opt,
			      struct rota_plan_timeoff *out,
			      struct rota_error *err)
{
	struct rota_timeoff_query q = ROTA_TIMEOFF_QUERY_INIT;
	struct rota_timeoff_record rec, *same = NULL;
	struct rota_plan_timeoff r;
	size_t n_same = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = rota_plan_employee_arg(pl, opt->employee, err)) < 0 ||
	    (rc = rota_plan_leave_type_arg(pl, opt->type, err)) < 0)
		return rc;
	if (opt->to <= opt->from)
		return rota_error_set(err, ROTA_EINVAL,
				      "time off must end after it starts");
	if (opt->to - opt->from > (int64_t)TIMEOFF_MAX_DAYS * 86400)
		return rota_error_set(err, ROTA_EINVAL,
				      "time off longer than a year");
	q.employee = opt->employee;
	q.from = opt->from;
	q.to = opt->to;
	if ((rc = rota_store_timeoff_list(pl->st, &q, &same, &n_same, err)) <
	    0)
		return rc;
	for (size_t i = 0; i < n_same; i++)
		if (same[i].start == opt->from && same[i].end == opt->to &&
		    (strcmp(same[i].status, "pending") == 0 ||
		     strcmp(same[i].status, "approved") == 0)) {
			rc = rota_error_set(err, ROTA_ECONFLICT,
					    "%s already asked for that time "
					    "off (id %lld, %s)",
					    opt->employee,
					    (long long)same[i].id,
					    same[i].status);
			free(same);
			return rc;
		}
	free(same);
	memset(&rec, 0, sizeof(rec));
	rota_strlcpy(rec.employee, opt->employee, sizeof(rec.employee));
	rec.start = opt->from;
	rec.end = opt->to;
	rota_strlcpy(rec.type, opt->type, sizeof(rec.type));
	rota_strlcpy(rec.reason, opt->reason ? opt->reason : "",
		     sizeof(rec.reason));
	rec.requested_at = pl->now;
	if ((rc = rota_store_begin(pl->st, err)) < 0)
		return rc;
	if ((rc = rota_store_timeoff_request(pl->st, &rec, &rec.id, err)) < 0 ||
	    (rc = rota_plan_timeoff_impact(pl, opt->employee, opt->from,
					   opt->to, rec.id, &r.impact, err)) <
		    0)
		goto rollback;
	if ((opt->auto_approve || pl->ds.ops.auto_approve) &&
	    r.impact.broken.n == 0 &&
	    (rc = free_to_take_out(pl, &rec, err)) == 0) {
		rota_plan_note(&r.notes, "not approved automatically: a shift "
			       "it overlaps has started or starts within the "
			       "notice window (a supervisor decides: rota "
			       "timeoff approve %lld)", (long long)rec.id);
		rc = 0;
	}
	if (rc < 0)
		goto rollback;
	if ((opt->auto_approve || pl->ds.ops.auto_approve) &&
	    r.impact.broken.n == 0 && !r.notes.n) {
		if ((rc = approve(pl, &rec, "auto", "inside every rule", 0, &r,
				  err)) < 0)
			goto rollback;
		r.auto_approved = 1;
	} else if ((rc = rota_store_timeoff_get(pl->st, rec.id, &r.record,
						err)) < 0) {
		goto rollback;
	}
	if ((rc = rota_store_commit(pl->st, err)) < 0)
		goto fail;
	if (r.auto_approved)
		reload(pl, &r);
	*out = r;
	return 0;
rollback:
	rota_store_rollback(pl->st);
fail:
	rota_plan_timeoff_release(&r);
	return rc;
}

int rota_plan_timeoff_decide(struct rota_plan *pl, int64_t id,
			     const char *status,
			     const struct rota_plan_timeoff_opts *opt,
			     struct rota_plan_timeoff *out,
			     struct rota_error *err)
{
	struct rota_plan_timeoff r;
	struct rota_timeoff_record rec;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = rota_store_timeoff_get(pl->st, id, &rec, err)) < 0)
		return rc;
	if ((rc = rota_plan_timeoff_impact(pl, rec.employee, rec.start, rec.end,
					   id, &r.impact, err)) < 0)
		return rc;
	r.record = rec;
	if (strcmp(status, "approved") == 0 && r.impact.broken.n &&
	    !opt->force && strcmp(rec.status, "pending") == 0) {
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "time off %lld breaks %zu site rule%s "
				    "(--force to approve it anyway)",
				    (long long)id, r.impact.broken.n,
				    r.impact.broken.n == 1 ? "" : "s");
		*out = r;
		return rc;
	}
	if (strcmp(status, "approved") == 0)
		rc = approve(pl, &rec, opt->by ? opt->by : "",
			     opt->reason ? opt->reason : "", opt->force, &r,
			     err);
	else
		rc = decide(pl, id, status, opt->by ? opt->by : "",
			    opt->reason ? opt->reason : "", &r.record, err);
	if (rc == 0 && strcmp(status, "cancelled") == 0 &&
	    strcmp(rec.status, "approved") == 0) {
		struct rota_error e2 = {0};

		/* the decision is stored: a failure here is only a note */
		if (still_open(pl, &rec, &r, &e2) < 0)
			rota_plan_note(&r.notes, "the shifts its approval took "
				       "out could not be listed: %s", e2.msg);
	}
	if (rc < 0) {
		rota_plan_timeoff_release(&r);
		return rc;
	}
	reload(pl, &r);
	*out = r;
	return 0;
}

void rota_plan_timeoff_release(struct rota_plan_timeoff *t)
{
	if (!t)
		return;
	rota_plan_timeoff_impact_release(&t->impact);
	rota_plan_notes_release(&t->notes);
	free(t->removed);
	memset(t, 0, sizeof(*t));
}

int rota_plan_leave_overlaps(struct rota_plan *pl,
			     struct rota_plan_notes *notes,
			     struct rota_error *err)
{
	for (size_t i = 0; i < pl->ds.n_timeoff; i++) {
		const struct rota_timeoff *t = &pl->ds.timeoff[i];
		struct rota_assignment *as = NULL;
		size_t n = 0;
		int rc;

		if (t->kind != ROTA_TIMEOFF_HARD || !t->type[0] ||
		    t->end <= pl->now)
			continue;
		if ((rc = rota_store_assignments_range(pl->st, t->start - 86400,
						       t->end, t->employee,
						       &as, &n, err)) < 0)
			return rc;
		for (size_t j = 0; j < n; j++) {
			struct rota_roster *ro = NULL;
			struct rota_error e2 = {0};
			char what[160], day[16];
			int published;

			if (!(as[j].start < t->end && t->start < as[j].end) ||
			    as[j].start <= pl->now)
				continue;
			published = rota_store_roster_load(
					    pl->st, rota_week_monday(as[j].day),
					    &ro, &e2) == 0 &&
				    ro->published_version > 0;
			rota_roster_free(ro);
			rota_plan_describe(pl, &as[j], what, sizeof(what));
			rota_format_date(as[j].day, day, sizeof(day));
			rota_plan_note(notes,
				       "%s overlaps %s leave (time off %lld)%s: "
				       "cover it (rota cover %s --date %s) or "
				       "re-plan",
				       what, t->type, (long long)t->id,
				       published ? " in a published week" : "",
				       t->employee, day);
		}
		free(as);
	}
	return 0;
}
