/*
 * plan/import.c - a roster.csv as new versions of its weeks: only the
 * employees in the file change (unless the whole week is replaced), and
 * frozen time applies as to every roster change.
 */
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

static int in_scope(const char *const *scope, size_t n_scope,
		    const char *id)
{
	for (size_t j = 0; j < n_scope; j++)
		if (strcmp(scope[j], id) == 0)
			return 1;
	return !scope;
}

/* Count one week's rows against the live roster within the scope. */
static int count(const struct rota_roster *live, const struct rota_roster *r,
		 const char *const *scope, size_t n_scope,
		 struct rota_import_stats *st, struct rota_error *err)
{
	struct rota_roster view;
	struct rota_roster_change *ch = NULL;
	size_t n_ch = 0;

	memset(&view, 0, sizeof(view));
	if (live && live->n_assignments &&
	    !(view.assignments =
		      malloc(live->n_assignments * sizeof(*view.assignments))))
		return rota_plan_oom(err);
	for (size_t i = 0; live && i < live->n_assignments; i++)
		if (in_scope(scope, n_scope, live->assignments[i].employee))
			view.assignments[view.n_assignments++] =
				live->assignments[i];
	if (rota_roster_diff(&view, r, &ch, &n_ch) < 0) {
		free(view.assignments);
		return rota_plan_oom(err);
	}
	for (size_t i = 0; i < n_ch; i++) {
		if (!ch[i].now.shift[0])
			st->removed++;
		else if (!ch[i].old.shift[0])
			st->added++;
		else
			st->updated++;
	}
	st->unchanged = (int)r->n_assignments - st->added - st->updated;
	free(ch);
	free(view.assignments);
	return 0;
}

/* The employees of r (sorted by employee), each once, into *out. */
static int scope_of(const struct rota_roster *r, const char ***out,
		    size_t *n, struct rota_error *err)
{
	const char **ids = malloc((r->n_assignments + 1) * sizeof(*ids));
	size_t k = 0;

	if (!ids)
		return rota_plan_oom(err);
	for (size_t i = 0; i < r->n_assignments; i++)
		if (k == 0 || strcmp(ids[k - 1], r->assignments[i].employee))
			ids[k++] = r->assignments[i].employee;
	*out = ids;
	*n = k;
	return 0;
}

static int import_week(struct rota_plan *pl, struct rota_roster *r,
		       const struct rota_plan_import_opts *o,
		       struct rota_import_stats *stats,
		       struct rota_plan_notes *notes, struct rota_error *err)
{
	struct rota_version_meta meta = ROTA_VERSION_META_INIT;
	struct rota_import_stats st;
	struct rota_roster *live = NULL;
	struct rota_error e2 = {0};
	const char **scope = NULL;
	size_t n_scope = 0;
	int rc;

	rc = rota_store_roster_load(pl->st, r->week, &live, &e2);
	if (rc < 0 && rc != ROTA_ENOTFOUND) {
		if (err)
			*err = e2;
		return rc;
	}
	if (!o->replace_week && (rc = scope_of(r, &scope, &n_scope, err)) < 0)
		goto out;
	/* a row without a skill keeps the one stored for the same shift */
	for (size_t i = 0; live && i < r->n_assignments; i++) {
		struct rota_assignment *a = &r->assignments[i];
		const struct rota_assignment *was =
			rota_plan_find_assignment(live, a);

		if (was && !a->skill[0] && strcmp(was->shift, a->shift) == 0 &&
		    was->start == a->start && was->end == a->end)
			rota_strlcpy(a->skill, was->skill, sizeof(a->skill));
	}
	memset(&st, 0, sizeof(st));
	if ((rc = count(live, r, scope, n_scope, &st, err)) < 0)
		goto out;
	stats->added += st.added;
	stats->updated += st.updated;
	stats->unchanged += st.unchanged;
	stats->removed += st.removed;
	/* an unchanged week is left as it is (origin, statistics) */
	if (live && st.added + st.updated + st.removed == 0)
		goto out;
	r->created_at = pl->now;
	meta.kind = "import";
	meta.by = o->by;
	meta.reason = o->reason;
	rc = rota_plan_commit(pl, r, scope, n_scope, &meta, o->force, NULL,
			      NULL, notes, err);
out:
	free((void *)scope);
	rota_roster_free(live);
	return rc;
}

int rota_plan_import_roster(struct rota_plan *pl, const char *path,
			    const char *label,
			    const struct rota_plan_import_opts *opt,
			    struct rota_import_stats *stats,
			    struct rota_plan_notes *notes,
			    struct rota_error *err)
{
	struct rota_plan_import_opts o = ROTA_PLAN_IMPORT_OPTS_INIT;
	struct rota_import_stats st;
	struct rota_roster_file f;
	int rc;

	if (opt)
		o = *opt;
	if (!label)
		label = path;
	memset(&st, 0, sizeof(st));
	memset(&f, 0, sizeof(f));
	if ((rc = rota_store_roster_read(pl->st, path, label, o.encoding, &f,
					 err)) < 0)
		return rc;
	if ((rc = rota_store_begin(pl->st, err)) < 0)
		goto out;
	for (size_t w = 0; w < f.n_weeks; w++) {
		if ((rc = import_week(pl, &f.weeks[w], &o, &st, notes, err)) <
		    0) {
			rota_error_prefix(err, "%s", label);
			rota_store_rollback(pl->st);
			goto out;
		}
		st.weeks[st.n_weeks++] = f.weeks[w].week;
	}
	if ((rc = rota_store_commit(pl->st, err)) < 0)
		goto out;
	rota_strlcpy(st.extra_columns, f.extra_columns,
		     sizeof(st.extra_columns));
	if (stats)
		*stats = st;
out:
	rota_roster_file_release(&f);
	return rc;
}
