/*
 * store/import_int.h - private to store/: the context every importer gets,
 * and the field parsers they share.
 */
#ifndef ROTA_STORE_IMPORT_INT_H
#define ROTA_STORE_IMPORT_INT_H

#include "core/time.h"
#include "store/csv.h"
#include "store/store_int.h"

struct rota_import {
	struct rota_store *st;
	const char *path;                  /* file to read */
	const char *label;                 /* name used in messages */
	struct rota_import_stats *stats;   /* counts to fill */
	struct rota_tz *tz;                /* the site's zone (NULL: none yet) */
	struct rota_site site;
	int have_site;
};

/* Load the site and its zone into im (ROTA_EDATA naming the file when the
 * database has no site yet). */
int rota_import_need_site(struct rota_import *im, struct rota_error *err);

/* Field parsers: on failure ROTA_EDATA "FILE:LINE: column 'col': ..." */
int rota_field_int(const struct rota_csv_row *row, const char *col,
		   const char *text, long min, long max, long *out,
		   struct rota_error *err);
int rota_field_double(const struct rota_csv_row *row, const char *col,
		      const char *text, double min, double max, double *out,
		      struct rota_error *err);
int rota_field_instant(const struct rota_import *im,
		       const struct rota_csv_row *row, const char *col,
		       const char *text, int64_t *out, struct rota_error *err);
/* Employee row id of a code, ROTA_EDATA "unknown employee 'x'" otherwise. */
int rota_field_employee(const struct rota_import *im,
			const struct rota_csv_row *row, const char *col,
			const char *text, int64_t *out,
			struct rota_error *err);

/* The importers (one per kind). */
int rota_import_site(struct rota_import *im, struct rota_error *err);
int rota_import_contracts(struct rota_import *im, struct rota_error *err);
int rota_import_staff(struct rota_import *im, struct rota_error *err);
int rota_import_shifts(struct rota_import *im, struct rota_error *err);
int rota_import_forecast(struct rota_import *im, struct rota_error *err);
int rota_import_timeoff(struct rota_import *im, struct rota_error *err);
int rota_import_roster(struct rota_import *im, struct rota_error *err);
int rota_import_punches(struct rota_import *im, struct rota_error *err);

#endif
