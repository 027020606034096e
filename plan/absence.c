/*
 * plan/absence.c - an unplanned absence takes the employee's shifts out
 * of the live roster (plan/plan.h, "absences").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

#define ABSENCE_MAX_DAYS 31

/* ROTA_EINVAL naming the known types unless `type` is a leave type. */
int rota_plan_leave_type_arg(const struct rota_plan *pl, const char *type,
			     struct rota_error *err)
{
	char known[200] = "";
	size_t len = 0;

	if (type && rota_dataset_leave_type(&pl->ds, type) >= 0)
		return 0;
	for (size_t i = 0; i < pl->ds.n_leave_types; i++)
		if (len + strlen(pl->ds.leave_types[i].name) + 3 <
		    sizeof(known))
			len += (size_t)snprintf(known + len,
						sizeof(known) - len, "%s%s",
						i ? ", " : "",
						pl->ds.leave_types[i].name);
	return rota_error_set(err, ROTA_EINVAL,
			      "unknown leave type '%s' (known: %s)",
			      type ? type : "", known);
}

int rota_plan_employee_arg(const struct rota_plan *pl, const char *id,
			   struct rota_error *err)
{
	int e = id ? rota_dataset_employee(&pl->ds, id) : -1;

	if (e < 0)
		return rota_error_set(err, ROTA_ENOTFOUND, "unknown employee '%s'",
				      id ? id : "");
	return e;
}

static int push(struct rota_assignment **arr, size_t *n,
		const struct rota_assignment *a)
{
	struct rota_assignment *p = realloc(*arr, (*n + 1) * sizeof(**arr));

	if (!p)
		return -1;
	p[(*n)++] = *a;
	*arr = p;
	return 0;
}

/* Take the removed shifts of one week out, as one version. */
static int take_out_week(struct rota_plan *pl, int32_t week,
			 const struct rota_assignment *removed, size_t n,
			 const struct rota_version_meta *meta, int force,
			 struct rota_plan_notes *notes, struct rota_error *err)
{
	struct rota_roster_change *ch = calloc(n ? n : 1, sizeof(*ch));
	size_t m = 0;
	int rc;

	if (!ch)
		return rota_plan_oom(err);
	for (size_t i = 0; i < n; i++) {
		if (rota_week_monday(removed[i].day) != week)
			continue;
		rota_strlcpy(ch[m].employee, removed[i].employee,
			     sizeof(ch[m].employee));
		ch[m].day = removed[i].day;
		ch[m].old = removed[i];
		m++;
	}
	rc = rota_plan_apply_changes(pl, week, ch, m, meta, force, NULL, notes,
				     err);
	free(ch);
	return rc;
}

int rota_plan_take_out(struct rota_plan *pl,
		       const struct rota_assignment *removed, size_t n,
		       const struct rota_version_meta *meta, int force,
		       int *versions, struct rota_plan_notes *notes,
		       struct rota_error *err)
{
	int rc;

	*versions = 0;
	for (size_t i = 0; i < n; i++) {
		int32_t wk = rota_week_monday(removed[i].day);
		int seen = 0;

		for (size_t j = 0; j < i && !seen; j++)
			seen = rota_week_monday(removed[j].day) == wk;
		if (seen)
			continue;
		if ((rc = take_out_week(pl, wk, removed, n, meta, force, notes,
					err)) < 0)
			return rc;
		(*versions)++;
	}
	return 0;
}

int rota_plan_absence_add(struct rota_plan *pl,
			  const struct rota_plan_absence_opts *opt,
			  struct rota_plan_absence *out,
			  struct rota_error *err)
{
	struct rota_version_meta meta = ROTA_VERSION_META_INIT;
	struct rota_plan_absence r;
	struct rota_absence ab;
	struct rota_assignment *as = NULL;
	size_t n_as = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = rota_plan_employee_arg(pl, opt->employee, err)) < 0 ||
	    (rc = rota_plan_leave_type_arg(pl, opt->type, err)) < 0)
		return rc;
	if (opt->to <= opt->from)
		return rota_error_set(err, ROTA_EINVAL,
				      "the absence must end after it starts");
	if (opt->to - opt->from > (int64_t)ABSENCE_MAX_DAYS * 86400)
		return rota_error_set(err, ROTA_EINVAL,
				      "an absence lasts at most %d days "
				      "(longer leave is time off: rota "
				      "timeoff request)",
				      ABSENCE_MAX_DAYS);
	memset(&ab, 0, sizeof(ab));
	rota_strlcpy(ab.employee, opt->employee, sizeof(ab.employee));
	ab.start = opt->from;
	ab.end = opt->to;
	rota_strlcpy(ab.type, opt->type, sizeof(ab.type));
	rota_strlcpy(ab.reason, opt->reason ? opt->reason : "",
		     sizeof(ab.reason));
	rota_strlcpy(ab.by, opt->by ? opt->by : "", sizeof(ab.by));
	ab.recorded_at = pl->now;
	/* shifts overlapping the absence (one may start the day before) */
	if ((rc = rota_store_assignments_range(pl->st, opt->from - 86400,
					       opt->to, opt->employee, &as,
					       &n_as, err)) < 0)
		return rc;
	for (size_t i = 0; i < n_as; i++) {
		if (!(as[i].start < opt->to && opt->from < as[i].end))
			continue;
		if ((as[i].start <= pl->now ? push(&r.kept, &r.n_kept, &as[i])
					    : push(&r.removed, &r.n_removed,
						   &as[i])) < 0) {
			rc = rota_plan_oom(err);
			goto fail;
		}
	}
	if ((rc = rota_store_begin(pl->st, err)) < 0)
		goto fail;
	if ((rc = rota_store_absence_add(pl->st, &ab, &r.id, err)) < 0)
		goto rollback;
	meta.kind = "absence";
	meta.by = opt->by ? opt->by : "";
	meta.reason = opt->reason && *opt->reason ? opt->reason : opt->type;
	meta.absence_id = r.id;
	/* an absence is a fact: the notice window does not apply */
	if ((rc = rota_plan_take_out(pl, r.removed, r.n_removed, &meta, 1,
				     &r.versions, &r.notes, err)) < 0)
		goto rollback;
	if ((rc = rota_store_commit(pl->st, err)) < 0)
		goto fail;
	free(as);
	*out = r;
	return 0;
rollback:
	rota_store_rollback(pl->st);
fail:
	free(as);
	rota_plan_absence_release(&r);
	return rc;
}

void rota_plan_absence_release(struct rota_plan_absence *a)
{
	if (!a)
		return;
	free(a->removed);
	free(a->kept);
	rota_plan_notes_release(&a->notes);
	memset(a, 0, sizeof(*a));
}
