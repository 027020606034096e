/*
 * store/import.c - the import kinds, the transaction around each import, and
 * the CSV importers for contracts, staff, shift templates, forecast and time
 * off.  (site.ini is in store/ini.c, rosters and punches in their own files.)
 *
 * Every importer reads its whole file inside the caller's transaction; the
 * first error stops it, and rota_store_import_file() rolls everything back.
 * Rows are upserted by their identifier and counted as added, updated or
 * unchanged.
 */
#include "store/import_int.h"

#include <errno.h>
#include <math.h>
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

/* ---------------------------------------------------------- field helpers */

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

int rota_field_int(const struct rota_csv_row *row, const char *col,
		   const char *text, long min, long max, long *out,
		   struct rota_error *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (!*text || errno || *end)
		return rota_csv_error(err, row, col,
				      "'%s' is not a whole number", text);
	if (v < min || v > max)
		return rota_csv_error(err, row, col,
				      "%ld is out of range (expected %ld to "
				      "%ld)", v, min, max);
	*out = v;
	return 0;
}

int rota_field_double(const struct rota_csv_row *row, const char *col,
		      const char *text, double min, double max, double *out,
		      struct rota_error *err)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(text, &end);
	if (!*text || errno || *end || !isfinite(v))
		return rota_csv_error(err, row, col, "'%s' is not a number",
				      text);
	if (v < min || v > max)
		return rota_csv_error(err, row, col,
				      "%g is out of range (expected %g to %g)",
				      v, min, max);
	*out = v;
	return 0;
}

int rota_field_instant(const struct rota_import *im,
		       const struct rota_csv_row *row, const char *col,
		       const char *text, int64_t *out, struct rota_error *err)
{
	struct rota_error e = {0};

	if (rota_parse_instant(im->tz, text, out, &e) < 0)
		return rota_csv_error(err, row, col, "%s", e.msg);
	return 0;
}

int rota_field_employee(const struct rota_import *im,
			const struct rota_csv_row *row, const char *col,
			const char *text, int64_t *out,
			struct rota_error *err)
{
	int64_t id = rota_db_id_of(im->st, ROTA_DB_EMPLOYEE, text);

	if (id < 0)
		return rota_db_error(im->st, err, "looking up an employee");
	if (id == 0)
		return rota_csv_error(err, row, col, "unknown employee '%s'",
				      text);
	*out = id;
	return 0;
}

/* "known: a, b, c" list of a table's codes, for error messages. */
static void known_list(struct rota_store *st, const char *sql, char *buf,
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

/* Track the ids seen in one file to refuse duplicates. */
struct seen {
	char (*id)[ROTA_ID_MAX * 2];
	long *line;
	size_t n, cap;
};

static int seen_check(struct seen *s, const struct rota_csv_row *row,
		      const char *col, const char *key, struct rota_error *err)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->id[i], key) == 0)
			return rota_csv_error(err, row, col,
					      "duplicate '%s' (already on "
					      "line %ld)", key, s->line[i]);
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 64;
		void *a = realloc(s->id, ncap * sizeof(*s->id));

		if (!a)
			return rota_error_set(err, ROTA_ENOMEM, "out of memory");
		s->id = a;
		a = realloc(s->line, ncap * sizeof(*s->line));
		if (!a)
			return rota_error_set(err, ROTA_ENOMEM, "out of memory");
		s->line = a;
		s->cap = ncap;
	}
	rota_strlcpy(s->id[s->n], key, sizeof(s->id[0]));
	s->line[s->n++] = row->line;
	return 0;
}

static void seen_free(struct seen *s)
{
	free(s->id);
	free(s->line);
}

/* A data row that is all empty fields is skipped (spreadsheets add them). */
static int row_blank(const struct rota_csv_row *row)
{
	for (int i = 0; i < row->n; i++)
		if (row->field[i][0])
			return 0;
	return 1;
}

static int check_id(const struct rota_csv_row *row, const char *col,
		    const char *id, struct rota_error *err)
{
	if (!*id)
		return rota_csv_error(err, row, col, "empty");
	if (!rota_id_valid(id))
		return rota_csv_error(err, row, col,
				      "'%s' is not a valid id (use 1-%d "
				      "letters, digits, '.', '_' or '-', not "
				      "starting with '.' or '-')",
				      id, ROTA_ID_MAX - 1);
	return 0;
}

static int check_text(const struct rota_csv_row *row, const char *col,
		      const char *text, size_t max, struct rota_error *err)
{
	if (strlen(text) >= max)
		return rota_csv_error(err, row, col,
				      "longer than %zu bytes", max - 1);
	for (const char *p = text; *p; p++)
		if ((unsigned char)*p < 0x20)
			return rota_csv_error(err, row, col,
					      "contains a control character "
					      "or line break");
	return 0;
}

/* Run a prepared statement expecting no rows. */
static int step_done(struct rota_store *st, sqlite3_stmt *s,
		     struct rota_error *err, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, what);
	return 0;
}

/* One row of an upsert: added, updated or left unchanged. */
static void count_row(struct rota_import *im, int existed, int changed)
{
	if (!existed)
		im->stats->added++;
	else if (changed)
		im->stats->updated++;
	else
		im->stats->unchanged++;
}

/* -------------------------------------------------------------- contracts */

/* id, value and weight of every rule, then the overtime allowance */
#define CONTRACT_OT_COL (1 + 2 * ROTA_RULE_COUNT)
#define CONTRACT_NOTE_COL (CONTRACT_OT_COL + 2)   /* free text, ignored */
#define MAX_CONTRACT_COLS (CONTRACT_NOTE_COL + 1)

struct contracts_ctx {
	struct rota_import *im;
	struct rota_csv_col cols[MAX_CONTRACT_COLS];
	char names[MAX_CONTRACT_COLS][48];
	int idx[MAX_CONTRACT_COLS];
	struct seen seen;
	sqlite3_stmt *find, *ins, *rules, *put_rule, *del_rules, *put_ot;
};

/* Upper bounds of each rule value. */
static long rule_max(int r)
{
	switch (r) {
	case ROTA_RULE_min_week_min:
	case ROTA_RULE_max_week_min:
		return 7 * 1440;
	case ROTA_RULE_min_rest_min:
		return 2880;
	case ROTA_RULE_max_weekends:
		return 4;
	case ROTA_RULE_max_nights:
	case ROTA_RULE_max_days_week:
		return 7;
	default:
		return 28;
	}
}

static int contract_row(void *vc, const struct rota_csv_row *row,
			struct rota_error *err)
{
	struct contracts_ctx *c = vc;
	struct rota_import *im = c->im;
	struct rota_contract k;
	const char *id;
	int64_t cid = 0;
	int rc, changed = 0, existed;

	if (row->index == 0)
		return rota_csv_header(row, c->cols, MAX_CONTRACT_COLS, c->idx,
				       im->stats->extra_columns,
				       sizeof(im->stats->extra_columns), err);
	if (row_blank(row))
		return 0;
	id = rota_csv_get(row, c->idx[0]);
	if ((rc = check_id(row, "id", id, err)) < 0 ||
	    (rc = seen_check(&c->seen, row, "id", id, err)) < 0)
		return rc;
	rota_contract_defaults(&k);
	rota_strlcpy(k.id, id, sizeof(k.id));
	for (int r = 0; r < ROTA_RULE_COUNT; r++) {
		const char *v = rota_csv_get(row, c->idx[1 + 2 * r]);
		const char *w = rota_csv_get(row, c->idx[2 + 2 * r]);
		long lv;
		double dw;

		if (strcmp(v, "-") == 0 || strcmp(v, "none") == 0) {
			k.rule[r].value = ROTA_UNSET;
		} else if (*v) {
			if ((rc = rota_field_int(row, rota_rule_name(r), v,
						 r == ROTA_RULE_max_days_week,
						 rule_max(r), &lv, err)) < 0)
				return rc;
			k.rule[r].value = (int)lv;
		}
		if (*w) {
			if ((rc = rota_field_double(row, c->names[2 + 2 * r], w,
						    0, 1e6, &dw, err)) < 0)
				return rc;
			k.rule[r].weight = dw;
		}
	}
	{
		const char *v = rota_csv_get(row, c->idx[CONTRACT_OT_COL]);
		const char *w = rota_csv_get(row, c->idx[CONTRACT_OT_COL + 1]);
		long lv;

		if (*v) {
			if ((rc = rota_field_int(row, "max_overtime_min", v, 0,
						 7 * 1440, &lv, err)) < 0)
				return rc;
			k.max_overtime_min = (int)lv;
		}
		if (*w && (rc = rota_field_double(row, "overtime_weight", w, 0,
						  1e6, &k.overtime_weight,
						  err)) < 0)
			return rc;
	}
	if (k.rule[ROTA_RULE_min_week_min].value != ROTA_UNSET &&
	    k.rule[ROTA_RULE_max_week_min].value != ROTA_UNSET &&
	    k.rule[ROTA_RULE_min_week_min].value >
		    k.rule[ROTA_RULE_max_week_min].value)
		return rota_csv_error(err, row, "min_week_min",
				      "%d exceeds max_week_min %d",
				      k.rule[ROTA_RULE_min_week_min].value,
				      k.rule[ROTA_RULE_max_week_min].value);

	/* upsert: compare the stored rules with the new ones */
	sqlite3_bind_text(c->find, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(c->find);
	existed = rc == SQLITE_ROW;
	if (existed) {
		cid = sqlite3_column_int64(c->find, 0);
		changed = sqlite3_column_int(c->find, 1) !=
				  k.max_overtime_min ||
			  sqlite3_column_double(c->find, 2) !=
				  k.overtime_weight;
	}
	sqlite3_reset(c->find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rota_db_error(im->st, err, "reading contracts");
	if (!existed) {
		sqlite3_bind_text(c->ins, 1, id, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(c->ins) != SQLITE_ROW) {
			sqlite3_reset(c->ins);
			return rota_db_error(im->st, err, "adding a contract");
		}
		cid = sqlite3_column_int64(c->ins, 0);
		sqlite3_reset(c->ins);
		changed = 1;
	} else {
		int stored = 0;

		sqlite3_bind_int64(c->rules, 1, cid);
		while (sqlite3_step(c->rules) == SQLITE_ROW) {
			int r = rota_rule_find(
				(const char *)sqlite3_column_text(c->rules, 0));
			int v = sqlite3_column_type(c->rules, 1) == SQLITE_NULL
					? ROTA_UNSET
					: sqlite3_column_int(c->rules, 1);

			stored++;
			if (r < 0 || k.rule[r].value != v ||
			    k.rule[r].weight !=
				    sqlite3_column_double(c->rules, 2))
				changed = 1;
		}
		sqlite3_reset(c->rules);
		if (stored != ROTA_RULE_COUNT)
			changed = 1;
	}
	if (changed) {
		sqlite3_bind_int(c->put_ot, 1, k.max_overtime_min);
		sqlite3_bind_double(c->put_ot, 2, k.overtime_weight);
		sqlite3_bind_int64(c->put_ot, 3, cid);
		if ((rc = step_done(im->st, c->put_ot, err,
				    "saving a contract")) < 0)
			return rc;
		sqlite3_bind_int64(c->del_rules, 1, cid);
		if ((rc = step_done(im->st, c->del_rules, err,
				    "replacing contract rules")) < 0)
			return rc;
		for (int r = 0; r < ROTA_RULE_COUNT; r++) {
			sqlite3_bind_int64(c->put_rule, 1, cid);
			sqlite3_bind_text(c->put_rule, 2, rota_rule_name(r), -1,
					  SQLITE_STATIC);
			if (k.rule[r].value == ROTA_UNSET)
				sqlite3_bind_null(c->put_rule, 3);
			else
				sqlite3_bind_int(c->put_rule, 3,
						 k.rule[r].value);
			sqlite3_bind_double(c->put_rule, 4, k.rule[r].weight);
			if ((rc = step_done(im->st, c->put_rule, err,
					    "saving contract rules")) < 0)
				return rc;
		}
	}
	count_row(im, existed, changed);
	return 0;
}

int rota_import_contracts(struct rota_import *im, struct rota_error *err)
{
	struct contracts_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.im = im;
	c.cols[0] = (struct rota_csv_col){"id", 1};
	for (int r = 0; r < ROTA_RULE_COUNT; r++) {
		snprintf(c.names[1 + 2 * r], sizeof(c.names[0]), "%s",
			 rota_rule_name(r));
		snprintf(c.names[2 + 2 * r], sizeof(c.names[0]), "%s_weight",
			 rota_rule_name(r));
		c.cols[1 + 2 * r] = (struct rota_csv_col){c.names[1 + 2 * r], 0};
		c.cols[2 + 2 * r] = (struct rota_csv_col){c.names[2 + 2 * r], 0};
	}
	c.cols[CONTRACT_OT_COL] = (struct rota_csv_col){"max_overtime_min", 0};
	c.cols[CONTRACT_OT_COL + 1] =
		(struct rota_csv_col){"overtime_weight", 0};
	c.cols[CONTRACT_NOTE_COL] = (struct rota_csv_col){"note", 0};
	if ((rc = rota_db_prepare(im->st,
				  "SELECT id, max_overtime_min, "
				  "overtime_weight FROM contract WHERE code = "
				  "?1",
				  &c.find, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "UPDATE contract SET max_overtime_min = ?1, "
				  "overtime_weight = ?2 WHERE id = ?3",
				  &c.put_ot, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO contract (code) VALUES (?1) "
				  "RETURNING id",
				  &c.ins, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "SELECT rule, value, weight FROM "
				  "contract_rule WHERE contract_id = ?1",
				  &c.rules, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO contract_rule (contract_id, "
				  "rule, value, weight) VALUES (?1, ?2, ?3, ?4)",
				  &c.put_rule, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "DELETE FROM contract_rule WHERE "
				  "contract_id = ?1",
				  &c.del_rules, err)) < 0)
		goto out;
	rc = rota_csv_read(im->path, im->label, contract_row, &c, err);
out:
	sqlite3_finalize(c.find);
	sqlite3_finalize(c.ins);
	sqlite3_finalize(c.rules);
	sqlite3_finalize(c.put_rule);
	sqlite3_finalize(c.del_rules);
	sqlite3_finalize(c.put_ot);
	seen_free(&c.seen);
	return rc;
}

/* ------------------------------------------------------------------ staff */

enum { ST_ID, ST_NAME, ST_EMAIL, ST_TEAM, ST_CONTRACT, ST_SKILLS, ST_NCOLS };

struct staff_ctx {
	struct rota_import *im;
	int idx[ST_NCOLS];
	struct seen seen;
	sqlite3_stmt *find, *ins, *upd, *skills, *del_skills, *put_skill;
};

/* Parse "voice;chat:3" into skill row ids and levels, sorted by id. */
struct skill_set {
	int64_t id[ROTA_MAX_SKILLS];
	int level[ROTA_MAX_SKILLS];
	int n;
};

static int parse_skill_list(struct rota_store *st,
			    const struct rota_csv_row *row, const char *col,
			    const char *text, int allow_level,
			    struct skill_set *out, struct rota_error *err)
{
	const char *p = text;

	out->n = 0;
	while (*p) {
		char name[ROTA_ID_MAX], *colon;
		const char *a = p;
		size_t n;
		int64_t id;
		long level = 0;

		while (*p && *p != ';' && *p != ',')
			p++;
		n = (size_t)(p - a);
		while (n && *a == ' ') {
			a++;
			n--;
		}
		while (n && a[n - 1] == ' ')
			n--;
		if (*p)
			p++;
		if (n == 0)
			continue;
		if (n >= sizeof(name))
			return rota_csv_error(err, row, col,
					      "skill name too long");
		memcpy(name, a, n);
		name[n] = '\0';
		colon = strchr(name, ':');
		if (colon) {
			char *end;

			*colon = '\0';
			if (!allow_level)
				return rota_csv_error(err, row, col,
						      "'%s': a level is not "
						      "allowed here", a);
			errno = 0;
			level = strtol(colon + 1, &end, 10);
			if (errno || *end || end == colon + 1 || level < 1 ||
			    level > 9)
				return rota_csv_error(
					err, row, col,
					"skill '%s': level '%s' is not 1 to 9",
					name, colon + 1);
		}
		id = rota_db_id_of(st, ROTA_DB_SKILL, name);
		if (id < 0)
			return rota_db_error(st, err, "looking up a skill");
		if (id == 0) {
			char known[160];

			known_list(st, "SELECT name FROM skill ORDER BY name",
				   known, sizeof(known));
			return rota_csv_error(err, row, col,
					      "unknown skill '%s' (known: %s)",
					      name, known);
		}
		for (int i = 0; i < out->n; i++)
			if (out->id[i] == id)
				return rota_csv_error(err, row, col,
						      "skill '%s' listed twice",
						      name);
		if (out->n >= ROTA_MAX_SKILLS)
			return rota_csv_error(err, row, col, "too many skills");
		/* insertion sort by id keeps the comparison canonical */
		{
			int i = out->n++;

			while (i > 0 && out->id[i - 1] > id) {
				out->id[i] = out->id[i - 1];
				out->level[i] = out->level[i - 1];
				i--;
			}
			out->id[i] = id;
			out->level[i] = (int)level;
		}
	}
	return 0;
}

static int stored_skills(sqlite3_stmt *q, int64_t owner, struct skill_set *out)
{
	out->n = 0;
	sqlite3_bind_int64(q, 1, owner);
	while (sqlite3_step(q) == SQLITE_ROW && out->n < ROTA_MAX_SKILLS) {
		out->id[out->n] = sqlite3_column_int64(q, 0);
		out->level[out->n] = sqlite3_column_int(q, 1);
		out->n++;
	}
	return sqlite3_reset(q) == SQLITE_OK ? 0 : -1;
}

static int same_skills(const struct skill_set *a, const struct skill_set *b)
{
	if (a->n != b->n)
		return 0;
	for (int i = 0; i < a->n; i++)
		if (a->id[i] != b->id[i] || a->level[i] != b->level[i])
			return 0;
	return 1;
}

/*
 * Replace the skills of owner with want: del takes ?1 = owner, put takes
 * ?1 = owner, ?2 = skill and, when it has a third parameter, ?3 = level.
 */
static int replace_skills(struct rota_import *im, sqlite3_stmt *del,
			  sqlite3_stmt *put, int64_t owner,
			  const struct skill_set *want, const char *what,
			  struct rota_error *err)
{
	int rc, level = sqlite3_bind_parameter_count(put) >= 3;

	sqlite3_bind_int64(del, 1, owner);
	if ((rc = step_done(im->st, del, err, what)) < 0)
		return rc;
	for (int i = 0; i < want->n; i++) {
		sqlite3_bind_int64(put, 1, owner);
		sqlite3_bind_int64(put, 2, want->id[i]);
		if (level)
			sqlite3_bind_int(put, 3, want->level[i]);
		if ((rc = step_done(im->st, put, err, what)) < 0)
			return rc;
	}
	return 0;
}

static int col_equal(sqlite3_stmt *s, int col, const char *v)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return strcmp(t ? (const char *)t : "", v) == 0;
}

static int staff_row(void *vc, const struct rota_csv_row *row,
		     struct rota_error *err)
{
	static const struct rota_csv_col cols[ST_NCOLS] = {
		{"id", 1}, {"name", 1}, {"email", 0},
		{"team", 0}, {"contract", 1}, {"skills", 1},
	};
	struct staff_ctx *c = vc;
	struct rota_import *im = c->im;
	const char *id, *name, *email, *team, *contract;
	struct skill_set want, have;
	int64_t eid = 0, cid;
	int rc, existed, changed = 0;

	if (row->index == 0)
		return rota_csv_header(row, cols, ST_NCOLS, c->idx,
				       im->stats->extra_columns,
				       sizeof(im->stats->extra_columns), err);
	if (row_blank(row))
		return 0;
	id = rota_csv_get(row, c->idx[ST_ID]);
	name = rota_csv_get(row, c->idx[ST_NAME]);
	email = rota_csv_get(row, c->idx[ST_EMAIL]);
	team = rota_csv_get(row, c->idx[ST_TEAM]);
	contract = rota_csv_get(row, c->idx[ST_CONTRACT]);
	if ((rc = check_id(row, "id", id, err)) < 0 ||
	    (rc = seen_check(&c->seen, row, "id", id, err)) < 0)
		return rc;
	if (!*name)
		return rota_csv_error(err, row, "name", "empty");
	if ((rc = check_text(row, "name", name, ROTA_NAME_MAX, err)) < 0 ||
	    (rc = check_text(row, "email", email, ROTA_NAME_MAX, err)) < 0)
		return rc;
	if (*email && (!strchr(email, '@') || strchr(email, ' ') ||
		       strchr(email, '@') == email ||
		       !strchr(strchr(email, '@'), '.')))
		return rota_csv_error(err, row, "email",
				      "'%s' is not an e-mail address", email);
	if (*team && (rc = check_id(row, "team", team, err)) < 0)
		return rc;
	cid = rota_db_id_of(im->st, ROTA_DB_CONTRACT, contract);
	if (cid < 0)
		return rota_db_error(im->st, err, "looking up a contract");
	if (cid == 0) {
		char known[160];

		known_list(im->st, "SELECT code FROM contract ORDER BY code",
			   known, sizeof(known));
		return rota_csv_error(err, row, "contract",
				      "unknown contract '%s' (known: %s)",
				      contract, known);
	}
	if ((rc = parse_skill_list(im->st, row, "skills",
				   rota_csv_get(row, c->idx[ST_SKILLS]), 1,
				   &want, err)) < 0)
		return rc;

	sqlite3_bind_text(c->find, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(c->find);
	existed = rc == SQLITE_ROW;
	if (existed) {
		eid = sqlite3_column_int64(c->find, 0);
		changed = !col_equal(c->find, 1, name) ||
			  !col_equal(c->find, 2, email) ||
			  !col_equal(c->find, 3, team) ||
			  sqlite3_column_int64(c->find, 4) != cid;
	}
	sqlite3_reset(c->find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rota_db_error(im->st, err, "reading employees");
	if (!existed) {
		sqlite3_bind_text(c->ins, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(c->ins, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(c->ins, 3, email, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(c->ins, 4, team, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(c->ins, 5, cid);
		if (sqlite3_step(c->ins) != SQLITE_ROW) {
			sqlite3_reset(c->ins);
			return rota_db_error(im->st, err, "adding an employee");
		}
		eid = sqlite3_column_int64(c->ins, 0);
		sqlite3_reset(c->ins);
		have.n = -1;
	} else {
		if (changed) {
			sqlite3_bind_text(c->upd, 1, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(c->upd, 2, email, -1,
					  SQLITE_TRANSIENT);
			sqlite3_bind_text(c->upd, 3, team, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(c->upd, 4, cid);
			sqlite3_bind_int64(c->upd, 5, eid);
			if ((rc = step_done(im->st, c->upd, err,
					    "updating an employee")) < 0)
				return rc;
		}
		if (stored_skills(c->skills, eid, &have) < 0)
			return rota_db_error(im->st, err, "reading skills");
	}
	if (have.n < 0 || !same_skills(&want, &have)) {
		if (have.n >= 0)
			changed = 1;
		if ((rc = replace_skills(im, c->del_skills, c->put_skill, eid,
					 &want, "saving skills", err)) < 0)
			return rc;
	}
	count_row(im, existed, changed);
	return 0;
}

int rota_import_staff(struct rota_import *im, struct rota_error *err)
{
	struct staff_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.im = im;
	if ((rc = rota_db_prepare(im->st,
				  "SELECT id, name, email, team, contract_id "
				  "FROM employee WHERE code = ?1",
				  &c.find, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO employee (code, name, email, "
				  "team, contract_id) VALUES (?1, ?2, ?3, ?4, "
				  "?5) RETURNING id",
				  &c.ins, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "UPDATE employee SET name = ?1, email = ?2, "
				  "team = ?3, contract_id = ?4 WHERE id = ?5",
				  &c.upd, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "SELECT skill_id, level FROM employee_skill "
				  "WHERE employee_id = ?1 ORDER BY skill_id",
				  &c.skills, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "DELETE FROM employee_skill WHERE "
				  "employee_id = ?1",
				  &c.del_skills, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO employee_skill (employee_id, "
				  "skill_id, level) VALUES (?1, ?2, ?3)",
				  &c.put_skill, err)) < 0)
		goto out;
	rc = rota_csv_read(im->path, im->label, staff_row, &c, err);
out:
	sqlite3_finalize(c.find);
	sqlite3_finalize(c.ins);
	sqlite3_finalize(c.upd);
	sqlite3_finalize(c.skills);
	sqlite3_finalize(c.del_skills);
	sqlite3_finalize(c.put_skill);
	seen_free(&c.seen);
	return rc;
}

/* ----------------------------------------------------------------- shifts */

enum { SH_CODE, SH_NAME, SH_START, SH_LENGTH, SH_BREAK, SH_DAYS, SH_SKILLS,
       SH_BREAK_START, SH_NCOLS };

struct shifts_ctx {
	struct rota_import *im;
	int idx[SH_NCOLS];
	struct seen seen;
	sqlite3_stmt *find, *ins, *upd, *skills, *del_skills, *put_skill;
};

static int shift_row(void *vc, const struct rota_csv_row *row,
		     struct rota_error *err)
{
	static const struct rota_csv_col cols[SH_NCOLS] = {
		{"code", 1}, {"name", 0}, {"start", 1}, {"length_min", 1},
		{"break_min", 0}, {"days", 1}, {"skills", 0},
		{"break_start", 0},
	};
	struct shifts_ctx *c = vc;
	struct rota_import *im = c->im;
	const char *code, *name, *text;
	struct rota_error e = {0};
	struct skill_set want, have;
	int start, rc, existed, changed = 0, brk_at = 0;
	long length, brk = 0;
	uint8_t days;
	int64_t sid = 0;

	if (row->index == 0)
		return rota_csv_header(row, cols, SH_NCOLS, c->idx,
				       im->stats->extra_columns,
				       sizeof(im->stats->extra_columns), err);
	if (row_blank(row))
		return 0;
	code = rota_csv_get(row, c->idx[SH_CODE]);
	name = rota_csv_get(row, c->idx[SH_NAME]);
	if ((rc = check_id(row, "code", code, err)) < 0 ||
	    (rc = seen_check(&c->seen, row, "code", code, err)) < 0 ||
	    (rc = check_text(row, "name", name, ROTA_NAME_MAX, err)) < 0)
		return rc;
	if (!*name)
		name = code;
	if (rota_parse_hhmm(rota_csv_get(row, c->idx[SH_START]), 0, &start,
			    &e) < 0)
		return rota_csv_error(err, row, "start", "%s", e.msg);
	text = rota_csv_get(row, c->idx[SH_LENGTH]);
	if ((rc = rota_field_int(row, "length_min", text, -1000000, 1000000,
				 &length, err)) < 0)
		return rc;
	if (length <= 0)
		return rota_csv_error(err, row, "length_min",
				      "%ld: a shift must last at least one "
				      "minute", length);
	if (length > 1440)
		return rota_csv_error(err, row, "length_min",
				      "%ld minutes is longer than 24 hours",
				      length);
	text = rota_csv_get(row, c->idx[SH_BREAK]);
	if (*text && (rc = rota_field_int(row, "break_min", text, 0, 1440,
					  &brk, err)) < 0)
		return rc;
	if (brk >= length)
		return rota_csv_error(err, row, "break_min",
				      "%ld is not shorter than the shift (%ld)",
				      brk, length);
	text = rota_csv_get(row, c->idx[SH_BREAK_START]);
	if (*text) {
		int at;

		if (rota_parse_hhmm(text, 0, &at, &e) < 0)
			return rota_csv_error(err, row, "break_start", "%s",
					      e.msg);
		if (brk == 0)
			return rota_csv_error(err, row, "break_start",
					      "given without a break_min");
		/* minutes after the start; a break after midnight belongs
		 * to an overnight shift */
		brk_at = (at - start + 1440) % 1440;
		if (brk_at == 0 || brk_at + brk > length)
			return rota_csv_error(
				err, row, "break_start",
				"a %ld-minute break at %s is not inside the "
				"shift (%s for %ld minutes)", brk, text,
				rota_csv_get(row, c->idx[SH_START]), length);
	}
	if (rota_parse_days(rota_csv_get(row, c->idx[SH_DAYS]), &days, &e) < 0)
		return rota_csv_error(err, row, "days", "%s", e.msg);
	if ((rc = parse_skill_list(im->st, row, "skills",
				   rota_csv_get(row, c->idx[SH_SKILLS]), 0,
				   &want, err)) < 0)
		return rc;

	sqlite3_bind_text(c->find, 1, code, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(c->find);
	existed = rc == SQLITE_ROW;
	if (existed) {
		sid = sqlite3_column_int64(c->find, 0);
		changed = !col_equal(c->find, 1, name) ||
			  sqlite3_column_int(c->find, 2) != start ||
			  sqlite3_column_int(c->find, 3) != length ||
			  sqlite3_column_int(c->find, 4) != brk ||
			  sqlite3_column_int(c->find, 5) != days ||
			  sqlite3_column_int(c->find, 6) != brk_at;
	}
	sqlite3_reset(c->find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rota_db_error(im->st, err, "reading shifts");
	if (!existed || changed) {
		sqlite3_stmt *s = existed ? c->upd : c->ins;

		sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 3, start);
		sqlite3_bind_int(s, 4, (int)length);
		sqlite3_bind_int(s, 5, (int)brk);
		sqlite3_bind_int(s, 7, brk_at);
		sqlite3_bind_int(s, 6, days);
		if (sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_reset(s);
			return rota_db_error(im->st, err, "saving a shift");
		}
		sid = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	have.n = -1;
	if (existed && stored_skills(c->skills, sid, &have) < 0)
		return rota_db_error(im->st, err, "reading shift skills");
	if (have.n < 0 || !same_skills(&want, &have)) {
		if (existed)
			changed = 1;
		if ((rc = replace_skills(im, c->del_skills, c->put_skill, sid,
					 &want, "saving shift skills", err)) < 0)
			return rc;
	}
	count_row(im, existed, changed);
	return 0;
}

int rota_import_shifts(struct rota_import *im, struct rota_error *err)
{
	struct shifts_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.im = im;
	if ((rc = rota_db_prepare(im->st,
				  "SELECT id, name, start_min, length_min, "
				  "break_min, days, break_start_min FROM shift "
				  "WHERE code = ?1",
				  &c.find, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO shift (code, name, start_min, "
				  "length_min, break_min, days, "
				  "break_start_min) VALUES (?1, ?2, ?3, ?4, "
				  "?5, ?6, ?7) RETURNING id",
				  &c.ins, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "UPDATE shift SET name = ?2, start_min = ?3, "
				  "length_min = ?4, break_min = ?5, days = ?6, "
				  "break_start_min = ?7 WHERE code = ?1 "
				  "RETURNING id",
				  &c.upd, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "SELECT skill_id, 0 FROM shift_skill WHERE "
				  "shift_id = ?1 ORDER BY skill_id",
				  &c.skills, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "DELETE FROM shift_skill WHERE shift_id = ?1",
				  &c.del_skills, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO shift_skill (shift_id, "
				  "skill_id) VALUES (?1, ?2)",
				  &c.put_skill, err)) < 0)
		goto out;
	rc = rota_csv_read(im->path, im->label, shift_row, &c, err);
out:
	sqlite3_finalize(c.find);
	sqlite3_finalize(c.ins);
	sqlite3_finalize(c.upd);
	sqlite3_finalize(c.skills);
	sqlite3_finalize(c.del_skills);
	sqlite3_finalize(c.put_skill);
	seen_free(&c.seen);
	return rc;
}

/* --------------------------------------------------------------- forecast */

enum { FC_START, FC_SKILL, FC_CONTACTS, FC_AHT, FC_NCOLS };

struct forecast_ctx {
	struct rota_import *im;
	int idx[FC_NCOLS];
	struct seen seen;
	int64_t skill_id[ROTA_MAX_SKILLS];
	char skill_name[ROTA_MAX_SKILLS][ROTA_ID_MAX];
	int n_skills;
	sqlite3_stmt *find, *put;
};

static int forecast_row(void *vc, const struct rota_csv_row *row,
			struct rota_error *err)
{
	static const struct rota_csv_col cols[FC_NCOLS] = {
		{"start", 1}, {"skill", 1}, {"contacts", 1}, {"aht_s", 1},
	};
	struct forecast_ctx *c = vc;
	struct rota_import *im = c->im;
	const char *text, *skill;
	char key[ROTA_ID_MAX * 2];
	struct rota_civil lt;
	int64_t start, kid = 0;
	double contacts, aht;
	int rc;

	if (row->index == 0)
		return rota_csv_header(row, cols, FC_NCOLS, c->idx,
				       im->stats->extra_columns,
				       sizeof(im->stats->extra_columns), err);
	if (row_blank(row))
		return 0;
	text = rota_csv_get(row, c->idx[FC_START]);
	if ((rc = rota_field_instant(im, row, "start", text, &start, err)) < 0)
		return rc;
	rota_tz_to_civil(im->tz, start, &lt, NULL);
	if (lt.sec != 0 || (lt.hour * 60 + lt.min) % im->site.interval_min)
		return rota_csv_error(err, row, "start",
				      "'%s' is not on a %d-minute interval "
				      "boundary", text, im->site.interval_min);
	skill = rota_csv_get(row, c->idx[FC_SKILL]);
	for (int i = 0; i < c->n_skills; i++)
		if (strcmp(c->skill_name[i], skill) == 0)
			kid = c->skill_id[i];
	if (!kid) {
		char known[160];

		known_list(im->st, "SELECT name FROM skill ORDER BY name",
			   known, sizeof(known));
		return rota_csv_error(err, row, "skill",
				      "unknown skill '%s' (known: %s)", skill,
				      known);
	}
	if ((rc = rota_field_double(row, "contacts",
				    rota_csv_get(row, c->idx[FC_CONTACTS]), 0,
				    1e9, &contacts, err)) < 0)
		return rc;
	text = rota_csv_get(row, c->idx[FC_AHT]);
	if ((rc = rota_field_double(row, "aht_s", text, -1e9, 1e9, &aht,
				    err)) < 0)
		return rc;
	if (aht <= 0 || aht > 86400)
		return rota_csv_error(err, row, "aht_s",
				      "%g is out of range (expected more than "
				      "0 and at most 86400 seconds)", aht);
	snprintf(key, sizeof(key), "%lld/%s", (long long)start, skill);
	if ((rc = seen_check(&c->seen, row, "start", key, err)) < 0)
		return rc;

	sqlite3_bind_int64(c->find, 1, start);
	sqlite3_bind_int64(c->find, 2, kid);
	rc = sqlite3_step(c->find);
	if (rc == SQLITE_ROW &&
	    sqlite3_column_double(c->find, 0) == contacts &&
	    sqlite3_column_double(c->find, 1) == aht) {
		sqlite3_reset(c->find);
		im->stats->unchanged++;
		return 0;
	}
	sqlite3_reset(c->find);
	if (rc == SQLITE_ROW)
		im->stats->updated++;
	else if (rc == SQLITE_DONE)
		im->stats->added++;
	else
		return rota_db_error(im->st, err, "reading the forecast");
	sqlite3_bind_int64(c->put, 1, start);
	sqlite3_bind_int64(c->put, 2, kid);
	sqlite3_bind_double(c->put, 3, contacts);
	sqlite3_bind_double(c->put, 4, aht);
	return step_done(im->st, c->put, err, "saving the forecast");
}

int rota_import_forecast(struct rota_import *im, struct rota_error *err)
{
	struct forecast_ctx c;
	sqlite3_stmt *s = NULL;
	int rc;

	memset(&c, 0, sizeof(c));
	c.im = im;
	if ((rc = rota_import_need_site(im, err)) < 0)
		return rc;
	if ((rc = rota_db_prepare(im->st, "SELECT id, name FROM skill", &s,
				  err)) < 0)
		return rc;
	while (sqlite3_step(s) == SQLITE_ROW && c.n_skills < ROTA_MAX_SKILLS) {
		c.skill_id[c.n_skills] = sqlite3_column_int64(s, 0);
		rota_db_column_text(s, 1, c.skill_name[c.n_skills],
				    ROTA_ID_MAX);
		c.n_skills++;
	}
	sqlite3_finalize(s);
	if ((rc = rota_db_prepare(im->st,
				  "SELECT contacts, aht_s FROM forecast WHERE "
				  "start = ?1 AND skill_id = ?2",
				  &c.find, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO forecast (start, skill_id, "
				  "contacts, aht_s) VALUES (?1, ?2, ?3, ?4) "
				  "ON CONFLICT (start, skill_id) DO UPDATE SET "
				  "contacts = excluded.contacts, aht_s = "
				  "excluded.aht_s",
				  &c.put, err)) < 0)
		goto out;
	rc = rota_csv_read(im->path, im->label, forecast_row, &c, err);
out:
	sqlite3_finalize(c.find);
	sqlite3_finalize(c.put);
	seen_free(&c.seen);
	return rc;
}

/* --------------------------------------------------------------- time off */

enum { TO_EMPLOYEE, TO_START, TO_END, TO_KIND, TO_WEIGHT, TO_NOTE,
       TO_TYPE, TO_CREDIT, TO_NCOLS };

struct timeoff_ctx {
	struct rota_import *im;
	int idx[TO_NCOLS];
	struct seen seen;
	sqlite3_stmt *find, *ins, *upd, *type;
};

/* A leave type the site knows, or "" (none). */
static int timeoff_type(struct timeoff_ctx *c, const struct rota_csv_row *row,
			const char *type, struct rota_error *err)
{
	int rc;

	if (!*type)
		return 0;
	rota_db_bind_text(c->type, 1, type);
	rc = sqlite3_step(c->type);
	sqlite3_reset(c->type);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return rota_db_error(c->im->st, err, "reading leave types");
	{
		char known[256];

		known_list(c->im->st, "SELECT name FROM leave_type ORDER BY "
				      "name", known, sizeof(known));
		return rota_csv_error(err, row, "type",
				      "unknown leave type '%s' (known: %s)",
				      type, known);
	}
}

/*
 * A time-off bound: a date "YYYY-MM-DD" means the start of that day for
 * `start` and the end of that day (start of the next) for `end`; otherwise an
 * instant as rota_parse_instant() reads it.
 */
static int timeoff_bound(const struct rota_import *im,
			 const struct rota_csv_row *row, const char *col,
			 const char *text, int is_end, int64_t *out,
			 struct rota_error *err)
{
	int32_t day;

	if (rota_parse_date(text, &day, NULL) == 0) {
		*out = rota_tz_day_start(im->tz, day + (is_end ? 1 : 0));
		return 0;
	}
	return rota_field_instant(im, row, col, text, out, err);
}

static int timeoff_row(void *vc, const struct rota_csv_row *row,
		       struct rota_error *err)
{
	static const struct rota_csv_col cols[TO_NCOLS] = {
		{"employee", 1}, {"start", 1}, {"end", 1},
		{"kind", 0}, {"weight", 0}, {"note", 0},
		{"type", 0}, {"credit_min", 0},
	};
	struct timeoff_ctx *c = vc;
	struct rota_import *im = c->im;
	const char *kind, *wtext, *note, *type, *ctext;
	int64_t eid, start, end;
	long credit = -1;
	double weight = 0;
	char key[96];
	int rc;

	if (row->index == 0)
		return rota_csv_header(row, cols, TO_NCOLS, c->idx,
				       im->stats->extra_columns,
				       sizeof(im->stats->extra_columns), err);
	if (row_blank(row))
		return 0;
	if ((rc = rota_field_employee(im, row, "employee",
				      rota_csv_get(row, c->idx[TO_EMPLOYEE]),
				      &eid, err)) < 0 ||
	    (rc = timeoff_bound(im, row, "start",
				rota_csv_get(row, c->idx[TO_START]), 0, &start,
				err)) < 0 ||
	    (rc = timeoff_bound(im, row, "end",
				rota_csv_get(row, c->idx[TO_END]), 1, &end,
				err)) < 0)
		return rc;
	if (end <= start)
		return rota_csv_error(err, row, "end",
				      "'%s' is not after the start '%s'",
				      rota_csv_get(row, c->idx[TO_END]),
				      rota_csv_get(row, c->idx[TO_START]));
	if (end - start > 366LL * 86400)
		return rota_csv_error(err, row, "end",
				      "time off longer than a year");
	kind = rota_csv_get(row, c->idx[TO_KIND]);
	if (!*kind)
		kind = "hard";
	if (strcmp(kind, "hard") != 0 && strcmp(kind, "soft") != 0)
		return rota_csv_error(err, row, "kind",
				      "'%s' is not a kind (expected hard or "
				      "soft)", kind);
	wtext = rota_csv_get(row, c->idx[TO_WEIGHT]);
	if (*wtext) {
		if ((rc = rota_field_double(row, "weight", wtext, 0, 1e6,
					    &weight, err)) < 0)
			return rc;
	} else if (strcmp(kind, "soft") == 0) {
		weight = 1;
	}
	note = rota_csv_get(row, c->idx[TO_NOTE]);
	if ((rc = check_text(row, "note", note, ROTA_NAME_MAX, err)) < 0)
		return rc;
	type = rota_csv_get(row, c->idx[TO_TYPE]);
	if ((rc = timeoff_type(c, row, type, err)) < 0)
		return rc;
	if (*type && strcmp(kind, "soft") == 0)
		return rota_csv_error(err, row, "type",
				      "a soft request is not leave (leave "
				      "type '%s' needs kind hard)", type);
	ctext = rota_csv_get(row, c->idx[TO_CREDIT]);
	if (*ctext && (rc = rota_field_int(row, "credit_min", ctext, 0, 1440,
					   &credit, err)) < 0)
		return rc;
	snprintf(key, sizeof(key), "%lld/%lld/%lld", (long long)eid,
		 (long long)start, (long long)end);
	if ((rc = seen_check(&c->seen, row, "start", key, err)) < 0)
		return rc;

	sqlite3_bind_int64(c->find, 1, eid);
	sqlite3_bind_int64(c->find, 2, start);
	sqlite3_bind_int64(c->find, 3, end);
	rc = sqlite3_step(c->find);
	if (rc == SQLITE_ROW) {
		int same = col_equal(c->find, 1, kind) &&
			   sqlite3_column_double(c->find, 2) == weight &&
			   col_equal(c->find, 3, note) &&
			   col_equal(c->find, 4, type) &&
			   sqlite3_column_int(c->find, 5) == credit;
		int64_t id = sqlite3_column_int64(c->find, 0);

		sqlite3_reset(c->find);
		if (same) {
			im->stats->unchanged++;
			return 0;
		}
		sqlite3_bind_text(c->upd, 1, kind, -1, SQLITE_TRANSIENT);
		sqlite3_bind_double(c->upd, 2, weight);
		sqlite3_bind_text(c->upd, 3, note, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(c->upd, 4, id);
		sqlite3_bind_text(c->upd, 5, type, -1, SQLITE_TRANSIENT);
		if (credit >= 0)
			sqlite3_bind_int(c->upd, 6, (int)credit);
		else
			sqlite3_bind_null(c->upd, 6);
		im->stats->updated++;
		return step_done(im->st, c->upd, err, "updating time off");
	}
	sqlite3_reset(c->find);
	if (rc != SQLITE_DONE)
		return rota_db_error(im->st, err, "reading time off");
	sqlite3_bind_int64(c->ins, 1, eid);
	sqlite3_bind_int64(c->ins, 2, start);
	sqlite3_bind_int64(c->ins, 3, end);
	sqlite3_bind_text(c->ins, 4, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(c->ins, 5, weight);
	sqlite3_bind_text(c->ins, 6, note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(c->ins, 7, type, -1, SQLITE_TRANSIENT);
	if (credit >= 0)
		sqlite3_bind_int(c->ins, 8, (int)credit);
	else
		sqlite3_bind_null(c->ins, 8);
	im->stats->added++;
	return step_done(im->st, c->ins, err, "adding time off");
}

int rota_import_timeoff(struct rota_import *im, struct rota_error *err)
{
	struct timeoff_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.im = im;
	if ((rc = rota_import_need_site(im, err)) < 0)
		return rc;
	if ((rc = rota_db_prepare(im->st,
				  "SELECT id, kind, weight, note, type, "
				  "coalesce(credit_min, -1) FROM timeoff "
				  "WHERE employee_id = ?1 AND start = ?2 AND "
				  "end = ?3 ORDER BY status IN ('pending', "
				  "'approved') DESC, id DESC LIMIT 1",
				  &c.find, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO timeoff (employee_id, start, "
				  "end, kind, weight, note, type, credit_min) "
				  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				  &c.ins, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "UPDATE timeoff SET kind = ?1, weight = ?2, "
				  "note = ?3, type = ?5, credit_min = ?6, "
				  "status = 'approved' WHERE id = ?4",
				  &c.upd, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "SELECT 1 FROM leave_type WHERE name = ?1",
				  &c.type, err)) < 0)
		goto out;
	rc = rota_csv_read(im->path, im->label, timeoff_row, &c, err);
out:
	sqlite3_finalize(c.find);
	sqlite3_finalize(c.ins);
	sqlite3_finalize(c.upd);
	sqlite3_finalize(c.type);
	seen_free(&c.seen);
	return rc;
}
