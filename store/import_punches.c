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
 *
 * Speed: every row is validated first, then the rows are stored sorted by
 * employee and time.  A terminal export is in time order while the indexes
 * are by employee; inserting in index order keeps the pages SQLite touches
 * in its small default cache.  (A year of punches for 1,000 people,
 * bench/attendance.sh: 74 s inserted in file order, about 8 s of CPU
 * sorted.)
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

/* One validated row, waiting to be stored. */
struct row {
	int64_t employee_id;
	int64_t at;
	long line;
	unsigned source;   /* index into the interned sources */
	int kind;
};

struct ctx {
	struct rota_import *im;
	int idx[NCOLS];
	struct rota_codes emp;
	struct row *rows;
	size_t n_rows, cap_rows;
	struct rota_strset src;  /* distinct sources */
};

static int on_row(void *vc, const struct rota_csv_row *row,
		  struct rota_error *err)
{
	struct ctx *c = vc;
	struct rota_import_stats *stats = c->im->stats;
	const char *emp, *time_text, *kind_text, *source;
	const struct rota_code_id *hit;
	struct row *r;
	long src;
	int64_t at;
	int kind, found;

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
	if (strlen(emp) >= ROTA_ID_MAX)
		return rota_csv_error(err, row, "employee",
				      "unknown employee '%.40s...'", emp);
	if (!(hit = rota_codes_find(&c->emp, emp)))
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
	if ((src = rota_strset_put(&c->src, source, 0, &found)) < 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	if (ROTA_GROW(c->rows, c->cap_rows, c->n_rows) < 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	r = &c->rows[c->n_rows++];
	r->employee_id = hit->id;
	r->at = at;
	r->line = row->line;
	r->source = (unsigned)src;
	r->kind = kind;
	return 0;
}

/* Index order; ties by line, so the result never depends on qsort. */
static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->employee_id != y->employee_id)
		return x->employee_id < y->employee_id ? -1 : 1;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int store_rows(struct ctx *c, int *added, int *skipped,
		      struct rota_error *err)
{
	struct rota_store *st = c->im->st;
	int64_t now = (int64_t)time(NULL);
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "INSERT INTO punch (employee_id, at, kind, "
				  "timezone, source, recorded_at) VALUES (?1, "
				  "?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
				  &s, err)) < 0)
		return rc;
	sqlite3_bind_text(s, 4, c->im->site.timezone, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, now);
	if (c->n_rows)
		qsort(c->rows, c->n_rows, sizeof(*c->rows), cmp_row);
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct row *r = &c->rows[i];

		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, r->employee_id);
		sqlite3_bind_int64(s, 2, r->at);
		sqlite3_bind_text(s, 3, r->kind == ROTA_PUNCH_IN ? "in" : "out",
				  -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, c->src.s[r->source], -1,
				  SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE) {
			struct rota_error e = {0};

			rota_db_error(st, &e, "storing a punch");
			rc = rota_error_set(err, ROTA_EDB, "%s:%ld: %s",
					    c->im->label, r->line, e.msg);
			break;
		}
		if (sqlite3_changes(st->db) == 0)
			(*skipped)++;
		else
			(*added)++;
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_import_punches(struct rota_import *im, struct rota_error *err)
{
	struct ctx c;
	int rc, added = 0, skipped = 0;

	memset(&c, 0, sizeof(c));
	c.im = im;
	if ((rc = rota_import_need_site(im, err)) < 0)
		return rc;
	if ((rc = rota_codes_load(im->st, "SELECT code, id FROM employee",
				  &c.emp, err)) < 0 ||
	    (rc = rota_import_csv(im, on_row, &c, err)) < 0)
		goto out;
	if ((rc = rota_store_begin(im->st, err)) == 0) {
		if ((rc = store_rows(&c, &added, &skipped, err)) < 0)
			rota_store_rollback(im->st);
		else
			rc = rota_store_commit(im->st, err);
	}
	if (rc == 0 && im->stats) {
		im->stats->added += added;
		im->stats->skipped += skipped;
	}
out:
	rota_codes_free(&c.emp);
	free(c.rows);
	rota_strset_free(&c.src);
	return rc;
}
