/*
 * plan/commit.c - changing a stored roster: frozen time, the notice
 * window, and a new version (plan/plan.h, "changing a roster").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

int rota_plan_guard_of(const struct rota_plan *pl, int64_t start)
{
	if (start <= pl->now)
		return ROTA_PLAN_FROZEN;
	if (start < pl->now + (int64_t)pl->ds.ops.notice_min * 60)
		return ROTA_PLAN_NOTICE;
	return ROTA_PLAN_FREE;
}

/* Judge one changed employee-day. */
static int guard_change(const struct rota_plan *pl,
			const struct rota_roster_change *ch, int force,
			struct rota_error *err)
{
	const struct rota_assignment *a = &ch->old;
	char what[256];
	int g;

	if (!ch->old.shift[0] ||
	    (ch->now.shift[0] && ch->now.start < ch->old.start))
		a = &ch->now;
	g = rota_plan_guard_of(pl, a->start);
	if (g == ROTA_PLAN_FREE || (g == ROTA_PLAN_NOTICE && force))
		return 0;
	rota_plan_describe(pl, a, what, sizeof(what));
	if (g == ROTA_PLAN_FROZEN)
		return rota_error_set(err, ROTA_ECONFLICT,
				      "%s %s: past time is frozen", what,
				      a == &ch->old ? "has started"
						    : "would start in the past");
	return rota_error_set(err, ROTA_ECONFLICT,
			      "%s starts within the %d h notice window "
			      "(--force to change it)",
			      what, pl->ds.ops.notice_min / 60);
}

int rota_plan_commit(struct rota_plan *pl, const struct rota_roster *next,
		     const char *const *scope, size_t n_scope,
		     const struct rota_version_meta *meta, int force,
		     int *version, int *changes,
		     struct rota_plan_notes *notes, struct rota_error *err)
{
	struct rota_roster *live = NULL, view;
	struct rota_roster_change *ch = NULL;
	struct rota_assignment *kept = NULL;
	struct rota_error e2 = {0};
	size_t n_ch = 0, n_kept = 0;
	int rc, published = 0, v = 0;

	rc = rota_store_roster_load(pl->st, next->week, &live, &e2);
	if (rc < 0 && rc != ROTA_ENOTFOUND) {
		if (err)
			*err = e2;
		return rc;
	}
	if (live) {
		/* compare within the scope only: the rest is kept */
		view = *live;
		if (scope) {
			if (live->n_assignments &&
			    !(kept = malloc(live->n_assignments *
					    sizeof(*kept)))) {
				rc = rota_plan_oom(err);
				goto out;
			}
			for (size_t i = 0; i < live->n_assignments; i++)
				for (size_t j = 0; j < n_scope; j++)
					if (strcmp(live->assignments[i].employee,
						   scope[j]) == 0)
						kept[n_kept++] =
							live->assignments[i];
			view.assignments = kept;
			view.n_assignments = n_kept;
		}
		if ((rc = rota_roster_diff(&view, next, &ch, &n_ch)) < 0) {
			rota_error_set(err, rc, "out of memory");
			goto out;
		}
		for (size_t i = 0; i < n_ch; i++)
			if ((rc = guard_change(pl, &ch[i], force, err)) < 0)
				goto out;
		published = live->published_version > 0;
	}
	if ((rc = rota_store_roster_commit(pl->st, next, scope, n_scope, meta,
					   &v, changes, err)) < 0)
		goto out;
	if (version)
		*version = v;
	if (published && live && v > live->version) {
		char wk[16];

		rota_format_date(next->week, wk, sizeof(wk));
		rota_plan_note(notes,
			       "the roster of the week of %s was published "
			       "(version %d); version %d changes it: publish "
			       "again to update the calendars",
			       wk, live->published_version, v);
	}
out:
	free(ch);
	free(kept);
	rota_roster_free(live);
	return rc;
}
