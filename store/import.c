/*
 * store/import.c - the import kinds, the transaction around each import, and
 * opening an import's file.  Each kind has its own file: the CSV kinds are
 * column specs for the table-driven importer (store/import_table.c):
 * store/import_contracts.c, import_staff.c, import_shifts.c,
 * import_forecast.c, import_timeoff.c; rosters, punches and site.ini have
 * readers of their own (import_roster.c, import_punches.c, ini.c).
 *
 * Every importer reads its whole file inside the caller's transaction; the
 * first error stops it, and rota_store_import_file() rolls everything back.
 * Rows are upserted by their identifier and counted as added, updated or
 * unchanged.
 */
#include "store/import_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------- kind table */

static const struct {
	const char *name;
	const char *file;
	int (*fn)(struct rota_import *, struct rota_error *);
} kinds[ROTA_IMPORT_KIND_COUNT] = {
	[ROTA_IMPORT_SITE] = {"site", "site.ini", rota_import_site},
	[ROTA_IMPORT_CONTRACTS] = {"contracts", "contracts.csv",
				   rota_import_contracts},
	[ROTA_IMPORT_STAFF] = {"staff", "staff.csv", rota_import_staff},
	[ROTA_IMPORT_SHIFTS] = {"shifts", "shifts.csv", rota_import_shifts},
	[ROTA_IMPORT_FORECAST] = {"forecast", "forecast.csv",
				  rota_import_forecast},
	[ROTA_IMPORT_TIMEOFF] = {"timeoff", "timeoff.csv",
				 rota_import_timeoff},
	[ROTA_IMPORT_ROSTER] = {"roster", "roster.csv", rota_import_roster},
	[ROTA_IMPORT_PUNCHES] = {"punches", "punches.csv",
				 rota_import_punches},
};

int rota_import_kind_find(const char *name)
{
	for (int k = 0; k < ROTA_IMPORT_KIND_COUNT; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}

const char *rota_import_kind_name(int kind)
{
	return kind >= 0 && kind < ROTA_IMPORT_KIND_COUNT ? kinds[kind].name
							   : NULL;
}

const char *rota_import_kind_file(int kind)
{
	return kind >= 0 && kind < ROTA_IMPORT_KIND_COUNT ? kinds[kind].file
							   : NULL;
}

int rota_store_import_file(struct rota_store *st, int kind, const char *path,
			   const char *label, struct rota_import_stats *stats,
			   struct rota_error *err)
{
	struct rota_import im;
	struct rota_import_stats local;
	int rc;

	if (kind < 0 || kind >= ROTA_IMPORT_KIND_COUNT)
		return rota_error_set(err, ROTA_EINVAL, "unknown import kind");
	memset(&im, 0, sizeof(im));
	memset(&local, 0, sizeof(local));
	im.st = st;
	im.path = path;
	im.label = label ? label : path;
	im.stats = &local;
	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	rc = kinds[kind].fn(&im, err);
	rota_tz_free(im.tz);
	if (rc < 0) {
		rota_store_rollback(st);
		return rc;
	}
	if ((rc = rota_store_commit(st, err)) < 0)
		return rc;
	if (stats)
		*stats = local;
	return 0;
}

/* ----------------------------------------------------------------- site */

int rota_import_need_site(struct rota_import *im, struct rota_error *err)
{
	if (im->have_site)
		return 0;
	if (rota_store_site_get(im->st, &im->site, err) < 0)
		return rota_error_set(err, ROTA_EDATA,
				      "%s: the database has no site yet "
				      "(import site.ini first, or run 'rota "
				      "init --tz ZONE')", im->label);
	if (!(im->tz = rota_tz_load(im->site.timezone, err)))
		return rota_error_prefix(err, "%s: site time zone", im->label);
	im->have_site = 1;
	return 0;
}

/* ----------------------------------------------------------------- files */

int rota_import_open(const struct rota_import *im, FILE **out,
		     struct rota_error *err)
{
	FILE *f = fopen(im->path, "rb");

	if (!f)
		return rota_error_set(err, ROTA_EIO, "%s: cannot open: %s",
				      im->label, strerror(errno));
	*out = f;
	return 0;
}

int rota_import_csv(const struct rota_import *im, rota_csv_row_fn fn,
		    void *ctx, struct rota_error *err)
{
	FILE *f = NULL;
	int rc;

	if ((rc = rota_import_open(im, &f, err)) < 0)
		return rc;
	rc = rota_csv_read_file(f, im->label, fn, ctx, err);
	fclose(f);
	return rc;
}
