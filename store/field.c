/*
 * store/field.c - the value parsers CSV columns and site.ini keys share
 * (store/import_int.h): every number, yes/no and time an import reads goes
 * through one of these, so a value is read and bounded the same way
 * wherever it is written.
 */
#include "store/import_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int rota_value_long(const char *text, long min, long max, long *out,
		    struct rota_error *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (!*text || errno || *end)
		return rota_error_set(err, ROTA_EDATA,
				      "'%s' is not a whole number", text);
	if (v < min || v > max)
		return rota_error_set(err, ROTA_EDATA,
				      "%ld is out of range (expected %ld to "
				      "%ld)", v, min, max);
	*out = v;
	return 0;
}

int rota_value_double(const char *text, double min, double max,
		      int min_open, double *out, struct rota_error *err)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(text, &end);
	if (!*text || errno || *end || !isfinite(v))
		return rota_error_set(err, ROTA_EDATA, "'%s' is not a number",
				      text);
	if (v < min || v > max || (min_open && v <= min))
		return rota_error_set(err, ROTA_EDATA,
				      "%g is out of range (expected %s%g to "
				      "%g)", v, min_open ? "more than " : "",
				      min, max);
	*out = v;
	return 0;
}

int rota_value_bool(const char *text, int *out, struct rota_error *err)
{
	if (strcmp(text, "yes") == 0 || strcmp(text, "true") == 0 ||
	    strcmp(text, "1") == 0) {
		*out = 1;
		return 0;
	}
	if (strcmp(text, "no") == 0 || strcmp(text, "false") == 0 ||
	    strcmp(text, "0") == 0) {
		*out = 0;
		return 0;
	}
	return rota_error_set(err, ROTA_EDATA, "'%s' is not yes or no", text);
}

/* err's bare message placed at row and column */
static int at_column(struct rota_error *err, const struct rota_csv_row *row,
		     const char *col, const struct rota_error *e)
{
	return rota_csv_error(err, row, col, "%s", e->msg);
}

int rota_field_int(const struct rota_csv_row *row, const char *col,
		   const char *text, long min, long max, long *out,
		   struct rota_error *err)
{
	struct rota_error e = {0};

	if (rota_value_long(text, min, max, out, &e) < 0)
		return at_column(err, row, col, &e);
	return 0;
}

int rota_field_double(const struct rota_csv_row *row, const char *col,
		      const char *text, double min, double max, double *out,
		      struct rota_error *err)
{
	struct rota_error e = {0};

	if (rota_value_double(text, min, max, 0, out, &e) < 0)
		return at_column(err, row, col, &e);
	return 0;
}

int rota_field_instant(const struct rota_import *im,
		       const struct rota_csv_row *row, const char *col,
		       const char *text, int64_t *out, struct rota_error *err)
{
	struct rota_error e = {0};

	if (rota_parse_instant(im->tz, text, out, &e) < 0)
		return at_column(err, row, col, &e);
	return 0;
}

void rota_import_known(struct rota_store *st, const char *sql, char *buf,
		       size_t size)
{
	sqlite3_stmt *s;
	size_t len = 0;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		int w = snprintf(buf + len, size - len, "%s%s",
				 len ? ", " : "", t ? t : "");

		if (w < 0 || (size_t)w >= size - len) {
			snprintf(buf + (size > 5 ? size - 5 : 0), 5, "...");
			break;
		}
		len += (size_t)w;
	}
	sqlite3_finalize(s);
	if (!len)
		snprintf(buf, size, "none yet");
}
