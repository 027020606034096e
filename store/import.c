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
#include <iconv.h>
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
	[ROTA_IMPORT_KPIS] = {"kpis", "kpis.csv", rota_import_kpis},
	[ROTA_IMPORT_HOLIDAYS] = {"holidays", "holidays.csv",
				  rota_import_holidays},
	[ROTA_IMPORT_OVERTIME] = {"overtime", "overtime.csv",
				  rota_import_overtime},
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
	return rota_store_import_encoded(st, kind, path, label, NULL, stats,
					 err);
}

int rota_store_import_encoded(struct rota_store *st, int kind,
			      const char *path, const char *label,
			      const char *encoding,
			      struct rota_import_stats *stats,
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
	im.encoding = encoding && *encoding ? encoding : NULL;
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

/* The whole of f (rewound) into *buf (malloc'ed), *len bytes. */
static int slurp(FILE *f, const char *label, char **buf, size_t *len,
		 struct rota_error *err)
{
	size_t cap = 1 << 16, n = 0, got;
	char *b = malloc(cap);

	if (!b)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	rewind(f);
	while ((got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *nb = realloc(b, cap * 2);

			if (!nb) {
				free(b);
				return rota_error_set(err, ROTA_ENOMEM,
						      "out of memory");
			}
			b = nb;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		free(b);
		return rota_error_set(err, ROTA_EIO, "%s: read error", label);
	}
	*buf = b;
	*len = n;
	return 0;
}

/*
 * Convert buf (len bytes) from `encoding` to UTF-8 into a temporary file
 * (*out, rewound).  With out NULL, only say whether it converts (0) or not
 * (ROTA_EDATA naming the line of the first bad byte).
 */
static int convert(const char *label, const char *encoding, char *buf,
		   size_t len, FILE **out, struct rota_error *err)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	char chunk[8192], *in = buf;
	size_t left = len;
	FILE *f = NULL;
	int rc = 0;

	if (cd == (iconv_t)-1)
		return rota_error_set(err, ROTA_EINVAL,
				      "unknown encoding '%s' (for example "
				      "gb18030, gbk, big5, latin1)", encoding);
	if (out && !(f = tmpfile())) {
		iconv_close(cd);
		return rota_error_set(err, ROTA_EIO,
				      "%s: cannot make a temporary file: %s",
				      label, strerror(errno));
	}
	while (left > 0 && rc == 0) {
		char *o = chunk;
		size_t room = sizeof(chunk);

		if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 &&
		    errno != E2BIG) {
			long line = 1;

			for (const char *p = buf; p < in; p++)
				line += *p == '\n';
			rc = rota_error_set(err, ROTA_EDATA,
					    "%s:%ld: not valid %s (byte %zu)",
					    label, line, encoding,
					    (size_t)(in - buf) + 1);
		}
		if (f && fwrite(chunk, 1, sizeof(chunk) - room, f) !=
				 sizeof(chunk) - room)
			rc = rota_error_set(err, ROTA_EIO, "%s: %s", label,
					    strerror(errno));
	}
	iconv_close(cd);
	if (rc < 0) {
		if (f)
			fclose(f);
		return rc;
	}
	if (f) {
		rewind(f);
		*out = f;
	}
	return 0;
}

/* 1 when every line of f is valid UTF-8 (f is rewound). */
static int all_utf8(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	int ok = 1;

	while (ok && getline(&line, &cap, f) > 0)
		ok = rota_utf8_valid(line);
	free(line);
	rewind(f);
	return ok;
}

int rota_import_open(const struct rota_import *im, FILE **out,
		     struct rota_error *err)
{
	FILE *f = fopen(im->path, "rb"), *conv = NULL;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (!f)
		return rota_error_set(err, ROTA_EIO, "%s: cannot open: %s",
				      im->label, strerror(errno));
	if (!im->encoding) {
		/* not UTF-8 but a Chinese Windows export: say so, and how */
		if (!all_utf8(f) && slurp(f, im->label, &buf, &len, NULL) == 0 &&
		    convert(im->label, "GB18030", buf, len, NULL, NULL) == 0) {
			free(buf);
			fclose(f);
			return rota_error_set(err, ROTA_EDATA,
					      "%s: not UTF-8, but it reads as "
					      "GB18030 (a Chinese Windows "
					      "export?): import it with "
					      "--encoding gb18030", im->label);
		}
		free(buf);
		rewind(f);
		*out = f;
		return 0;
	}
	rc = slurp(f, im->label, &buf, &len, err);
	fclose(f);
	if (rc == 0)
		rc = convert(im->label, im->encoding, buf, len, &conv, err);
	free(buf);
	if (rc < 0)
		return rc;
	*out = conv;
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
