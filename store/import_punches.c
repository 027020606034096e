/*
 * store/import_punches.c - punches.csv: employee,time,kind[,source].
 *
 * time is ISO 8601 with an offset, or local site time; kind is in or out;
 * source defaults to "import".  The file is read in one transaction.  Exact
 * duplicates of an original punch already stored or earlier in the file
 * (same employee, instant, kind and source) are skipped and counted in
 * stats->skipped; a voided punch still counts, so re-importing a file never
 * brings back what a correction took out.  Punches are not checked for
 * order: an export with a forgotten clock-out is stored as it is, and the
 * attendance report lists the missing punch.
 */
#include "store/import_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum { COL_EMPLOYEE, COL_TIME, COL_KIND, COL_SOURCE, NCOLS };

static const struct rota_csv_col cols[NCOLS] = {
	{"employee", 1},
	{"time", 1},
	{"kind", 1},
	{"source", 0},
};

struct code_id {
	char code[ROTA_ID_MAX];
	int64_t id;
};

struct ctx {
	struct rota_import *im;
	const struct rota_tz *tz;
	const char *zone;
	int idx[NCOLS];
	struct code_id *emp;     /* sorted by code */
	size_t n_emp;
	sqlite3_stmt *ins;
	int64_t now;
	int added, skipped;
};

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct code_id *)a)->code,
		      ((const struct code_id *)b)->code);
}

static int load_employees(struct ctx *c, struct rota_error *err)
{
	struct rota_store *st = c->im->st;
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st, "SELECT code, id FROM employee", &s,
				  err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (c->n_emp == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct code_id *p =
				realloc(c->emp, ncap * sizeof(*p));

			if (!p) {
				sqlite3_finalize(s);
				return rota_error_set(err, ROTA_ENOMEM,
						      "out of memory");
			}
			c->emp = p;
			cap = ncap;
		}
		rota_db_column_text(s, 0, c->emp[c->n_emp].code,
				    sizeof(c->emp[0].code));
		c->emp[c->n_emp++].id = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading employees");
	if (c->n_emp)
		qsort(c->emp, c->n_emp, sizeof(*c->emp), cmp_code);
	return 0;
}

static int on_row(void *vc, const struct rota_csv_row *row,
		  struct rota_error *err)
{
	struct ctx *c = vc;
	struct rota_import_stats *stats = c->im->stats;
	const char *emp, *time_text, *kind_text, *source;
	struct rota_error e = {0};
	struct code_id key, *hit;
	int64_t at;
	int kind;

	if (row->index == 0)
		return rota_csv_header(row, cols, NCOLS, c->idx,
				       stats ? stats->extra_columns : NULL,
				       stats ? sizeof(stats->extra_columns) : 0,
				       err);
	emp = rota_csv_get(row, c->idx[COL_EMPLOYEE]);
	time_text = rota_csv_get(row, c->idx[COL_TIME]);
	kind_text = rota_csv_get(row, c->idx[COL_KIND]);
	source = rota_csv_get(row, c->idx[COL_SOURCE]);
	if (!*emp)
		return rota_csv_error(err, row, "employee", "empty");
	if (strlen(emp) >= sizeof(key.code))
		return rota_csv_error(err, row, "employee",
				      "unknown employee '%.40s...'", emp);
	memcpy(key.code, emp, strlen(emp) + 1);
	hit = c->n_emp ? bsearch(&key, c->emp, c->n_emp, sizeof(*c->emp),
				 cmp_code)
		       : NULL;
	if (!hit)
		return rota_csv_error(err, row, "employee",
				      "unknown employee '%s'", emp);
	if (!*time_text)
		return rota_csv_error(err, row, "time", "empty");
	if (rota_field_instant(c->im, row, "time", time_text, &at, err) < 0)
		return ROTA_EDATA;
	if (strcasecmp(kind_text, "in") == 0)
		kind = ROTA_PUNCH_IN;
	else if (strcasecmp(kind_text, "out") == 0)
		kind = ROTA_PUNCH_OUT;
	else
		return rota_csv_error(err, row, "kind",
				      "'%s' is not a punch kind (expected in "
				      "or out)", kind_text);
	if (!*source)
		source = "import";
	if (strlen(source) >= ROTA_NAME_MAX)
		return rota_csv_error(err, row, "source",
				      "longer than %d bytes", ROTA_NAME_MAX - 1);
	sqlite3_reset(c->ins);
	sqlite3_bind_int64(c->ins, 1, hit->id);
	sqlite3_bind_int64(c->ins, 2, at);
	sqlite3_bind_text(c->ins, 3, kind == ROTA_PUNCH_IN ? "in" : "out", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(c->ins, 4, c->zone, -1, SQLITE_STATIC);
	rota_db_bind_text(c->ins, 5, source);
	sqlite3_bind_int64(c->ins, 6, c->now);
	if (sqlite3_step(c->ins) != SQLITE_DONE) {
		rota_db_error(c->im->st, &e, "storing a punch");
		return rota_csv_error(err, row, NULL, "%s", e.msg);
	}
	if (sqlite3_changes(c->im->st->db) == 0)
		c->skipped++;
	else
		c->added++;
	return 0;
}

int rota_import_punches(struct rota_import *im, struct rota_error *err)
{
	struct ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.im = im;
	c.now = (int64_t)time(NULL);
	if ((rc = rota_import_need_site(im, err)) < 0)
		return rc;
	c.tz = im->tz;
	c.zone = im->site.timezone;
	if ((rc = rota_store_begin(im->st, err)) < 0)
		goto out;
	if ((rc = load_employees(&c, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO punch (employee_id, at, kind, "
				  "timezone, source, recorded_at) VALUES (?1, "
				  "?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
				  &c.ins, err)) < 0 ||
	    (rc = rota_csv_read(im->path, im->label, on_row, &c, err)) < 0) {
		sqlite3_finalize(c.ins);
		c.ins = NULL;
		rota_store_rollback(im->st);
		goto out;
	}
	sqlite3_finalize(c.ins);
	c.ins = NULL;
	if ((rc = rota_store_commit(im->st, err)) == 0 && im->stats) {
		im->stats->added += c.added;
		im->stats->skipped += c.skipped;
	}
out:
	free(c.emp);
	return rc;
}
