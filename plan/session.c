/*
 * plan/session.c - an open site (struct rota_plan) and notes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

int rota_plan_oom(struct rota_error *err)
{
	return rota_error_set(err, ROTA_ENOMEM, "out of memory");
}

void rota_plan_note(struct rota_plan_notes *notes, const char *fmt, ...)
{
	va_list ap;

	if (!notes || ROTA_GROW(notes->text, notes->cap, notes->n) < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(notes->text[notes->n], ROTA_PLAN_NOTE_MAX, fmt, ap);
	va_end(ap);
	notes->n++;
}

void rota_plan_notes_release(struct rota_plan_notes *notes)
{
	if (!notes)
		return;
	free(notes->text);
	memset(notes, 0, sizeof(*notes));
}

static int load_site(struct rota_plan *pl, struct rota_error *err)
{
	struct rota_dataset ds;
	struct rota_tz *tz;
	int rc;

	memset(&ds, 0, sizeof(ds));
	if ((rc = rota_store_load(pl->st, &ds, err)) < 0)
		return rc;
	if (!(tz = rota_tz_load(ds.site.timezone, err))) {
		rota_dataset_release(&ds);
		return err ? err->code : ROTA_EDATA;
	}
	rota_dataset_release(&pl->ds);
	rota_tz_free(pl->tz);
	pl->ds = ds;
	pl->tz = tz;
	return 0;
}

int rota_plan_open(const char *path, int flags, int64_t now,
		   struct rota_plan **out, struct rota_error *err)
{
	struct rota_plan *pl = calloc(1, sizeof(*pl));
	int rc;

	if (!pl)
		return rota_plan_oom(err);
	pl->now = now;
	pl->owns_store = 1;
	if ((rc = rota_store_open(path, flags, &pl->st, err)) < 0 ||
	    (rc = load_site(pl, err)) < 0) {
		rota_plan_close(pl);
		return rc;
	}
	*out = pl;
	return 0;
}

void rota_plan_close(struct rota_plan *pl)
{
	if (!pl)
		return;
	rota_dataset_release(&pl->ds);
	rota_tz_free(pl->tz);
	if (pl->owns_store)
		rota_store_close(pl->st);
	free(pl);
}

int rota_plan_attach(struct rota_store *st, int64_t now,
		     struct rota_plan **out, struct rota_error *err)
{
	struct rota_plan *pl = calloc(1, sizeof(*pl));
	int rc;

	if (!pl)
		return rota_plan_oom(err);
	pl->st = st;
	pl->now = now;
	if ((rc = load_site(pl, err)) < 0) {
		rota_plan_close(pl);
		return rc;
	}
	*out = pl;
	return 0;
}

int rota_plan_reload(struct rota_plan *pl, struct rota_error *err)
{
	return load_site(pl, err);
}

struct rota_store *rota_plan_store(struct rota_plan *pl)
{
	return pl->st;
}

const struct rota_dataset *rota_plan_dataset(const struct rota_plan *pl)
{
	return &pl->ds;
}

const struct rota_tz *rota_plan_tz(const struct rota_plan *pl)
{
	return pl->tz;
}

int64_t rota_plan_now(const struct rota_plan *pl)
{
	return pl->now;
}

void rota_plan_set_now(struct rota_plan *pl, int64_t now)
{
	pl->now = now;
}

int32_t rota_plan_this_monday(const struct rota_plan *pl)
{
	return rota_week_monday(rota_tz_day_of(pl->tz, pl->now));
}
