/*
 * plan/versions.c - a week's roster versions: their history and what
 * changed between two of them.
 */
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

int rota_plan_roster_history(struct rota_plan *pl, int32_t monday,
			     struct rota_roster_version **out, size_t *n,
			     struct rota_error *err)
{
	return rota_store_roster_history(pl->st, monday, out, n, err);
}

/* Version v of the week (0: the live one). */
static int load(struct rota_plan *pl, int32_t monday, int v,
		struct rota_roster **out, struct rota_error *err)
{
	if (v == 0)
		return rota_store_roster_load(pl->st, monday, out, err);
	return rota_store_roster_load_version(pl->st, monday, v, out, err);
}

int rota_plan_roster_diff(struct rota_plan *pl, int32_t monday, int v1,
			  int v2, struct rota_plan_diff *out,
			  struct rota_error *err)
{
	struct rota_roster *a = NULL, *b = NULL;
	struct rota_plan_diff d;
	int rc;

	memset(&d, 0, sizeof(d));
	if (v1 < 0 || v2 < 0)
		return rota_error_set(err, ROTA_EINVAL,
				      "a roster version is a number from 1");
	if ((rc = load(pl, monday, v1, &a, err)) < 0 ||
	    (rc = load(pl, monday, v2, &b, err)) < 0)
		goto out;
	if ((rc = rota_roster_diff(a, b, &d.changes, &d.n)) < 0) {
		rc = rota_plan_oom(err);
		goto out;
	}
	d.week = monday;
	d.from_version = a->version;
	d.to_version = b->version;
	*out = d;
out:
	rota_roster_free(a);
	rota_roster_free(b);
	return rc;
}

void rota_plan_diff_release(struct rota_plan_diff *d)
{
	if (!d)
		return;
	free(d->changes);
	memset(d, 0, sizeof(*d));
}
