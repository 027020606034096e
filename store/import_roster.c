/*
 * store/import_roster.c - reading roster.csv: a roster edited by hand (or
 * exported with `rota roster --format csv`), checked against the site and
 * grouped into one roster per ISO week.  Nothing is stored here: the plan
 * layer (rota_plan_import_roster) commits each week as a new version, with
 * frozen time and the file's employees as the change's scope.
 *
 * Columns (docs/roster.md): employee, date, shift required; start, end,
 * paid_minutes, skill optional; name and team are accepted and ignored
 * (the export writes them).  A row is one shift: the employee works the
 * template `shift` starting on the local `date`.  Times come from the
 * template: when start, end or paid_minutes are given they must agree with
 * it (a hand edit that changes the code but not the times is caught; to
 * move a shift, use another template).  Rules are not checked here: the
 * caller runs the checker.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/import_int.h"

enum { C_EMPLOYEE, C_DATE, C_SHIFT, C_START, C_END, C_PAID, C_SKILL, C_NAME,
       C_TEAM, NCOLS };

struct row {
	struct rota_assignment a;
	long line;
};

struct roster_ctx {
	struct rota_import *im;
	struct rota_dataset ds;
	int idx[NCOLS];
	struct row *rows;
	size_t n, cap;
};

static int blank(const struct rota_csv_row *row)
{
	for (int i = 0; i < row->n; i++)
		if (row->field[i][0])
			return 0;
	return 1;
}

static int check_instant(const struct rota_import *im,
			 const struct rota_csv_row *row, const char *col,
			 const char *text, int64_t want, const char *what,
			 struct rota_error *err)
{
	int64_t got;
	int rc;

	if (!*text)
		return 0;
	if ((rc = rota_field_instant(im, row, col, text, &got, err)) < 0)
		return rc;
	if (got == want)
		return 0;
	return rota_csv_error(err, row, col,
			      "'%s' does not match the template: %s (change "
			      "the shift code to move a shift)", text, what);
}

static int roster_row(void *vc, const struct rota_csv_row *row,
		      struct rota_error *err)
{
	static const struct rota_csv_col cols[NCOLS] = {
		{"employee", 1}, {"date", 1},	       {"shift", 1},
		{"start", 0},	 {"end", 0},	       {"paid_minutes", 0},
		{"skill", 0},	 {"name", 0},	       {"team", 0},
	};
	struct roster_ctx *c = vc;
	struct rota_import *im = c->im;
	const char *emp, *date, *code, *skill, *paid;
	const struct rota_shift *sh;
	struct row *r;
	int32_t day;
	int si, rc;
	char what[128], iso[32];

	if (row->index == 0)
		return rota_csv_header(row, cols, NCOLS, c->idx,
				       im->stats->extra_columns,
				       sizeof(im->stats->extra_columns), err);
	if (blank(row))
		return 0;
	emp = rota_csv_get(row, c->idx[C_EMPLOYEE]);
	date = rota_csv_get(row, c->idx[C_DATE]);
	code = rota_csv_get(row, c->idx[C_SHIFT]);
	skill = rota_csv_get(row, c->idx[C_SKILL]);
	paid = rota_csv_get(row, c->idx[C_PAID]);
	if (!*emp)
		return rota_csv_error(err, row, "employee", "empty");
	if (rota_dataset_employee(&c->ds, emp) < 0)
		return rota_csv_error(err, row, "employee",
				      "unknown employee '%s'", emp);
	if (rota_parse_date(date, &day, NULL) < 0)
		return rota_csv_error(err, row, "date",
				      "'%s' is not a date (expected "
				      "YYYY-MM-DD)", date);
	if (!*code)
		return rota_csv_error(err, row, "shift",
				      "empty (list only the days worked)");
	if ((si = rota_dataset_shift(&c->ds, code)) < 0)
		return rota_csv_error(err, row, "shift", "unknown shift '%s'",
				      code);
	sh = &c->ds.shifts[si];
	if (*skill && rota_dataset_skill(&c->ds, skill) < 0)
		return rota_csv_error(err, row, "skill", "unknown skill '%s'",
				      skill);
	if (ROTA_GROW(c->rows, c->cap, c->n) < 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	r = &c->rows[c->n];
	memset(r, 0, sizeof(*r));
	r->line = row->line;
	rota_strlcpy(r->a.employee, emp, sizeof(r->a.employee));
	rota_strlcpy(r->a.shift, code, sizeof(r->a.shift));
	rota_strlcpy(r->a.skill, skill, sizeof(r->a.skill));
	r->a.day = day;
	r->a.start = rota_tz_local_minutes(im->tz, day, sh->start_min);
	r->a.end = r->a.start + (int64_t)sh->length_min * 60;
	r->a.paid_min = rota_shift_paid_min(sh);

	rota_format_local_iso(im->tz, r->a.start, iso, sizeof(iso));
	snprintf(what, sizeof(what), "shift %s on %s starts %s", code, date,
		 iso);
	if ((rc = check_instant(im, row, "start",
				rota_csv_get(row, c->idx[C_START]), r->a.start,
				what, err)) < 0)
		return rc;
	rota_format_local_iso(im->tz, r->a.end, iso, sizeof(iso));
	snprintf(what, sizeof(what), "shift %s on %s ends %s", code, date,
		 iso);
	if ((rc = check_instant(im, row, "end",
				rota_csv_get(row, c->idx[C_END]), r->a.end,
				what, err)) < 0)
		return rc;
	if (*paid) {
		long pm;

		if ((rc = rota_field_int(row, "paid_minutes", paid, 0, 1440,
					 &pm, err)) < 0)
			return rc;
		if (pm != r->a.paid_min)
			return rota_csv_error(
				err, row, "paid_minutes",
				"%ld does not match the template: shift %s is "
				"paid %d minutes", pm, code, r->a.paid_min);
	}
	c->n++;
	return 0;
}

static int cmp_row(const void *a, const void *b)
{
	const struct rota_assignment *x = &((const struct row *)a)->a;
	const struct rota_assignment *y = &((const struct row *)b)->a;
	int32_t wx = rota_week_monday(x->day), wy = rota_week_monday(y->day);
	int c;

	if (wx != wy)
		return wx < wy ? -1 : 1;
	if ((c = strcmp(x->employee, y->employee)) != 0)
		return c;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return ((const struct row *)a)->line < ((const struct row *)b)->line
		       ? -1 : 1;
}

/* After sorting, two rows for one employee and day are neighbours. */
static int one_per_day(const struct roster_ctx *c, struct rota_error *err)
{
	for (size_t i = 1; i < c->n; i++) {
		const struct row *a = &c->rows[i - 1], *b = &c->rows[i];
		struct rota_csv_row at;
		char date[16];

		if (a->a.day != b->a.day ||
		    strcmp(a->a.employee, b->a.employee) != 0)
			continue;
		memset(&at, 0, sizeof(at));
		at.file = c->im->label;
		at.line = b->line;
		rota_format_date(b->a.day, date, sizeof(date));
		return rota_csv_error(err, &at, "date",
				      "%s already has a shift on %s (line "
				      "%ld): one shift per day",
				      b->a.employee, date, a->line);
	}
	return 0;
}

void rota_roster_file_release(struct rota_roster_file *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_weeks; i++)
		free(f->weeks[i].assignments);
	free(f->weeks);
	memset(f, 0, sizeof(*f));
}

/* The rows [from, to) of one week as a roster appended to f. */
static int add_week(struct roster_ctx *c, struct rota_roster_file *f,
		    int32_t week, size_t from, size_t to,
		    struct rota_error *err)
{
	struct rota_roster *r;

	if (f->n_weeks == ROTA_IMPORT_MAX_WEEKS)
		return rota_error_set(err, ROTA_EDATA,
				      "%s: more than %d weeks in one file",
				      c->im->label, ROTA_IMPORT_MAX_WEEKS);
	r = &f->weeks[f->n_weeks];
	memset(r, 0, sizeof(*r));
	r->week = week;
	rota_strlcpy(r->status, "draft", sizeof(r->status));
	rota_strlcpy(r->origin, "import", sizeof(r->origin));
	r->n_assignments = to - from;
	if (!(r->assignments = malloc((to - from) * sizeof(*r->assignments))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	for (size_t i = from; i < to; i++)
		r->assignments[i - from] = c->rows[i].a;
	f->n_weeks++;
	return 0;
}

int rota_store_roster_read(struct rota_store *st, const char *path,
			   const char *label, const char *encoding,
			   struct rota_roster_file *out,
			   struct rota_error *err)
{
	struct rota_import_stats local;
	struct rota_roster_file f;
	struct rota_import im;
	struct roster_ctx c;
	int rc;

	memset(&im, 0, sizeof(im));
	memset(&local, 0, sizeof(local));
	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	im.st = st;
	im.path = path;
	im.label = label ? label : path;
	im.encoding = encoding && *encoding ? encoding : NULL;
	im.stats = &local;
	c.im = &im;
	if ((rc = rota_import_need_site(&im, err)) < 0 ||
	    (rc = rota_store_load(st, &c.ds, err)) < 0)
		goto out;
	if ((rc = rota_import_csv(&im, roster_row, &c, err)) < 0)
		goto out;
	qsort(c.rows, c.n, sizeof(*c.rows), cmp_row);
	if ((rc = one_per_day(&c, err)) < 0)
		goto out;
	if (!(f.weeks = calloc(ROTA_IMPORT_MAX_WEEKS, sizeof(*f.weeks)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < c.n;) {
		int32_t week = rota_week_monday(c.rows[i].a.day);
		size_t j = i;

		while (j < c.n && rota_week_monday(c.rows[j].a.day) == week)
			j++;
		if ((rc = add_week(&c, &f, week, i, j, err)) < 0)
			goto out;
		i = j;
	}
	rota_strlcpy(f.extra_columns, local.extra_columns,
		     sizeof(f.extra_columns));
	*out = f;
	memset(&f, 0, sizeof(f));
out:
	rota_roster_file_release(&f);
	free(c.rows);
	rota_dataset_release(&c.ds);
	rota_tz_free(im.tz);
	return rc;
}

int rota_import_roster(struct rota_import *im, struct rota_error *err)
{
	return rota_error_set(err, ROTA_EINVAL,
			      "%s: a roster is imported with "
			      "rota_plan_import_roster() (plan/plan.h), so "
			      "that frozen time and versions apply",
			      im->label);
}
