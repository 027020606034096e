/*
 * plan/change.c - small roster changes (an absence, a substitute, a swap)
 * as a new version of the live roster, and how they are described.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

void rota_plan_describe(const struct rota_plan *pl,
			const struct rota_assignment *a, char *buf, size_t size)
{
	char day[16], when[32];
	int i = rota_dataset_shift(&pl->ds, a->shift);

	rota_format_date(a->day, day, sizeof(day));
	rota_format_local_short(pl->tz, a->start, when, sizeof(when));
	snprintf(buf, size, "%s's %s on %s %s (%s)", a->employee,
		 i >= 0 ? pl->ds.shifts[i].name : a->shift,
		 rota_weekday_name(rota_weekday(a->day)), day,
		 strlen(when) > 11 ? when + 11 : when);
}

void rota_plan_assignment(const struct rota_problem *p, int32_t monday,
			  int e, int d, int s, int k,
			  struct rota_assignment *out)
{
	const struct rota_slot *sl = rota_problem_slot(p, d, s);

	memset(out, 0, sizeof(*out));
	rota_strlcpy(out->employee, p->employees[e].id, sizeof(out->employee));
	out->day = monday + d;
	rota_strlcpy(out->shift, p->types[s].code, sizeof(out->shift));
	out->start = sl->start;
	out->end = sl->end;
	out->paid_min = p->types[s].paid_min;
	if (k >= 0)
		rota_strlcpy(out->skill, p->skills[k].name, sizeof(out->skill));
}

static int same(const struct rota_assignment *a,
		const struct rota_assignment *b)
{
	return strcmp(a->shift, b->shift) == 0 && a->start == b->start &&
	       a->end == b->end;
}

/* The change of employee/day among ch, or NULL. */
static const struct rota_roster_change *
change_of(const struct rota_roster_change *ch, size_t n, const char *employee,
	  int32_t day)
{
	for (size_t i = 0; i < n; i++)
		if (ch[i].day == day && strcmp(ch[i].employee, employee) == 0)
			return &ch[i];
	return NULL;
}

int rota_plan_apply_changes(struct rota_plan *pl, int32_t week,
			    const struct rota_roster_change *ch, size_t n,
			    const struct rota_version_meta *meta, int force,
			    int *version, struct rota_plan_notes *notes,
			    struct rota_error *err)
{
	struct rota_roster *live = NULL, next;
	struct rota_assignment *as = NULL;
	const char **scope = NULL;
	struct rota_version_meta m = *meta;
	size_t n_as = 0, n_scope = 0;
	int rc;

	if ((rc = rota_store_roster_load(pl->st, week, &live, err)) < 0)
		return rc;
	if (!(as = calloc(live->n_assignments + n + 1, sizeof(*as))) ||
	    !(scope = calloc(n + 1, sizeof(*scope)))) {
		rc = rota_plan_oom(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < n_scope; j++)
			if (strcmp(scope[j], ch[i].employee) == 0)
				break;
		if (j == n_scope)
			scope[n_scope++] = ch[i].employee;
	}
	/* the scope's live assignments, with the changes made */
	for (size_t i = 0; i < live->n_assignments; i++) {
		const struct rota_assignment *a = &live->assignments[i];
		const struct rota_roster_change *c =
			change_of(ch, n, a->employee, a->day);
		int in = 0;

		for (size_t j = 0; j < n_scope && !in; j++)
			in = strcmp(scope[j], a->employee) == 0;
		if (!in)
			continue;
		if (c && !(c->old.shift[0] && same(&c->old, a))) {
			char what[160];

			rota_plan_describe(pl, a, what, sizeof(what));
			rc = rota_error_set(err, ROTA_ECONFLICT,
					    "the roster changed meanwhile: "
					    "%s is live", what);
			goto out;
		}
		if (!c)
			as[n_as++] = *a;
	}
	for (size_t i = 0; i < n; i++) {
		int found = 0;

		for (size_t j = 0; j < live->n_assignments && !found; j++)
			found = live->assignments[j].day == ch[i].day &&
				strcmp(live->assignments[j].employee,
				       ch[i].employee) == 0;
		if (ch[i].old.shift[0] && !found) {
			char what[160];

			rota_plan_describe(pl, &ch[i].old, what, sizeof(what));
			rc = rota_error_set(err, ROTA_ECONFLICT,
					    "the roster changed meanwhile: "
					    "%s is no longer live", what);
			goto out;
		}
		if (ch[i].now.shift[0])
			as[n_as++] = ch[i].now;
	}
	next = *live;
	next.assignments = as;
	next.n_assignments = n_as;
	next.created_at = pl->now;
	next.has_stats = 0;
	next.solver_status[0] = '\0';
	if (!m.at)
		m.at = pl->now;
	rc = rota_plan_commit(pl, &next, scope, n_scope, &m, force, version,
			      NULL, notes, err);
out:
	free(scope);
	free(as);
	rota_roster_free(live);
	return rc;
}
