/*
 * store/import_table.c - the table-driven CSV importer (store/import_int.h).
 *
 * For each kind a column spec says how every CSV column is read and where it
 * is stored; this file does the rest, the same way for every kind:
 *   1. map the header onto the spec (required columns, extra columns listed);
 *   2. per row: parse every cell by its type (a blank row is skipped), run
 *      the kind's check hook, refuse a key already seen in the file;
 *   3. upsert: find the stored row by its key, compare every stored column,
 *      insert, update or leave it, store the children (skill sets, contract
 *      rules) through the kind's hook, count added / updated / unchanged.
 * A kind marked `sort` keeps the rows of step 2 and upserts them sorted by
 * key once the whole file is read, so that a big file in time order does
 * not thrash SQLite's page cache on an index ordered by employee.
 */
#include "store/import_int.h"

#include <stdlib.h>
#include <string.h>


struct rota_timport_priv {
	struct rota_csv_col hdr[ROTA_TCOL_MAX];
	int idx[ROTA_TCOL_MAX];          /* field index of each column */
	char scratch[ROTA_TCOL_MAX][16]; /* normalised dates */
	struct rota_codes ref[ROTA_TCOL_MAX];
	struct rota_strset seen;              /* keys: line of first use */
	struct rota_strset interned;          /* sorted kinds: row texts */
	int keys[ROTA_TCOL_MAX], nkeys;  /* stored key columns */
	int data[ROTA_TCOL_MAX], ndata;  /* stored other columns */
	sqlite3_stmt *find, *ins, *upd;
	/* sorted kinds: the rows read, ncols values each */
	struct rota_tval *rows;
	long *lines;
	size_t nrows, cap_rows, cap_lines;
};

/* ----------------------------------------------------------- string set */

static size_t str_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/*
 * Find s in z; when absent add a copy (with line).  Returns the index, or
 * -1 when out of memory; *found says whether it was there.
 */
long rota_strset_put(struct rota_strset *z, const char *s, long line,
		       int *found)
{
	size_t i;

	if (z->n * 2 >= z->nslot) {
		size_t nslot = z->nslot ? z->nslot * 2 : 256;
		size_t *slot = calloc(nslot, sizeof(*slot));

		if (!slot)
			return -1;
		for (size_t k = 0; k < z->n; k++) {
			i = str_hash(z->s[k]) & (nslot - 1);
			while (slot[i])
				i = (i + 1) & (nslot - 1);
			slot[i] = k + 1;
		}
		free(z->slot);
		z->slot = slot;
		z->nslot = nslot;
	}
	i = str_hash(s) & (z->nslot - 1);
	while (z->slot[i]) {
		if (strcmp(z->s[z->slot[i] - 1], s) == 0) {
			*found = 1;
			return (long)z->slot[i] - 1;
		}
		i = (i + 1) & (z->nslot - 1);
	}
	*found = 0;
	if (z->n == z->cap) {
		size_t ncap = z->cap ? z->cap * 2 : 256;
		char **ns = realloc(z->s, ncap * sizeof(*ns));
		long *nl;

		if (!ns)
			return -1;
		z->s = ns;
		if (!(nl = realloc(z->line, ncap * sizeof(*nl))))
			return -1;
		z->line = nl;
		z->cap = ncap;
	}
	if (!(z->s[z->n] = strdup(s)))
		return -1;
	z->line[z->n] = line;
	z->slot[i] = z->n + 1;
	return (long)z->n++;
}

void rota_strset_free(struct rota_strset *z)
{
	for (size_t i = 0; i < z->n; i++)
		free(z->s[i]);
	free(z->s);
	free(z->line);
	free(z->slot);
}

/* ------------------------------------------------------------ REF cache */

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct rota_code_id *)a)->code,
		      ((const struct rota_code_id *)b)->code);
}

int rota_codes_load(struct rota_store *st, const char *sql,
		    struct rota_codes *c, struct rota_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0, tlen = 0, tcap = 0;
	int rc;

	if ((rc = rota_db_prepare(st, sql, &s, err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0);
		size_t len = strlen(code ? code : "") + 1;

		if (ROTA_GROW(c->e, cap, c->n) < 0)
			goto nomem;
		if (tlen + len > tcap) {
			size_t ncap = tcap ? tcap * 2 : 4096;
			char *nt;

			while (ncap < tlen + len)
				ncap *= 2;
			if (!(nt = realloc(c->text, ncap)))
				goto nomem;
			c->text = nt;
			tcap = ncap;
		}
		memcpy(c->text + tlen, code ? code : "", len);
		/* offsets now, pointers once the text stops moving */
		c->e[c->n].code = (const char *)(uintptr_t)tlen;
		c->e[c->n++].id = sqlite3_column_int64(s, 1);
		tlen += len;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading codes");
	for (size_t i = 0; i < c->n; i++)
		c->e[i].code = c->text + (uintptr_t)c->e[i].code;
	if (c->n > 1)
		qsort(c->e, c->n, sizeof(*c->e), cmp_code);
	return 0;
nomem:
	sqlite3_finalize(s);
	return rota_error_set(err, ROTA_ENOMEM, "out of memory");
}

const struct rota_code_id *rota_codes_find(const struct rota_codes *c,
					  const char *code)
{
	struct rota_code_id key = {code, 0};

	return c->n ? bsearch(&key, c->e, c->n, sizeof(*c->e), cmp_code)
		    : NULL;
}

void rota_codes_free(struct rota_codes *c)
{
	free(c->e);
	free(c->text);
	memset(c, 0, sizeof(*c));
}

/* "a, b, c" from the cache (sorted), "none yet" when empty. */
static void ref_known(const struct rota_codes *c, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < c->n; i++) {
		int w = snprintf(buf + len, size - len, "%s%s",
				 len ? ", " : "", c->e[i].code);

		if (w < 0 || (size_t)w >= size - len) {
			snprintf(buf + (size > 5 ? size - 5 : 0), 5, "...");
			return;
		}
		len += (size_t)w;
	}
	if (!len)
		snprintf(buf, size, "none yet");
}

/* ---------------------------------------------------------------- cells */

static int cell_error(struct rota_error *err, const struct rota_csv_row *row,
		      const struct rota_tcol *col, const struct rota_error *e)
{
	return rota_csv_error(err, row, col->name, "%s", e->msg);
}

static int parse_choice(const struct rota_tcol *col,
			const struct rota_csv_row *row, const char *text,
			struct rota_error *err)
{
	char expect[128] = "";
	const char *p = col->ref;
	size_t len = 0;
	int n = 0, count = 1;

	for (const char *q = p; *q; q++)
		count += *q == '|';
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t w = bar ? (size_t)(bar - p) : strlen(p);

		if (strlen(text) == w && strncmp(text, p, w) == 0)
			return 0;
		n++;
		len += (size_t)snprintf(expect + len, sizeof(expect) - len,
					"%s%.*s",
					n == 1 ? "" : n == count ? " or " : ", ",
					(int)w, p);
		if (len >= sizeof(expect))
			len = sizeof(expect) - 1;
		p += w + (bar != NULL);
	}
	return rota_csv_error(err, row, col->name,
			      "'%s' is not a %s (expected %s)", text,
			      col->noun ? col->noun : col->name, expect);
}

/* An empty cell (refused, NULL or the column's default) and "-" or
 * "none" where the column allows no value: 1 when that decides the value
 * v, 0 when *text (perhaps now the default) is to be parsed by type. */
static int parse_blank(struct rota_table_import *t, int c,
		       const struct rota_csv_row *row, const char **text,
		       struct rota_error *err)
{
	const struct rota_tcol *col = &t->cols[c];
	struct rota_tval *v = &t->v[c];

	if (!**text) {
		if (col->flags & ROTA_TCOL_NONEMPTY)
			return rota_csv_error(err, row, col->name, "empty");
		if (!col->def) {
			v->type = SQLITE_NULL;
			return 1;
		}
		*text = col->def;
		t->raw[c] = *text;
		if (!**text) {
			v->type = SQLITE_TEXT;
			v->s = "";
			return 1;
		}
	}
	if ((col->flags & ROTA_TCOL_NONE) &&
	    (strcmp(*text, "-") == 0 || strcmp(*text, "none") == 0)) {
		v->type = SQLITE_NULL;
		return 1;
	}
	return 0;
}

/* A reference to a row of another table, by its code: the id, or the
 * code itself with ROTA_TCOL_CODE. */
static int parse_ref(struct rota_table_import *t, int c,
		     const struct rota_csv_row *row, const char *text,
		     struct rota_error *err)
{
	const struct rota_tcol *col = &t->cols[c];
	struct rota_timport_priv *p = t->priv;
	struct rota_tval *v = &t->v[c];
	const struct rota_code_id *hit = rota_codes_find(&p->ref[c], text);

	if (!hit) {
		char known[200];

		if (!col->known)
			return rota_csv_error(err, row, col->name,
					      "unknown %s '%s'", col->noun,
					      text);
		ref_known(&p->ref[c], known, sizeof(known));
		return rota_csv_error(err, row, col->name,
				      "unknown %s '%s' (known: %s)", col->noun,
				      text, known);
	}
	if (col->flags & ROTA_TCOL_CODE) {
		v->type = SQLITE_TEXT;
		v->s = hit->code;
	} else {
		v->type = SQLITE_INTEGER;
		v->i = hit->id;
	}
	return 0;
}

/* A TEXT cell's checks: shorter than max bytes, no control character;
 * returns 0 or the error's code. */
static int text_fits(const struct rota_tcol *col,
		     const struct rota_csv_row *row, const char *text,
		     size_t max, struct rota_error *err)
{
	if (strlen(text) >= max)
		return rota_csv_error(err, row, col->name,
				      "longer than %zu bytes",
				      max - 1);
	for (const char *q = text; *q; q++)
		if ((unsigned char)*q < 0x20)
			return rota_csv_error(
				err, row, col->name,
				"contains a control character "
				"or line break");
	return 0;
}

/* A DAY_START or DAY_END cell: a date (the start of that day, or of the
 * next) or an instant; returns 0 or the error's code. */
static int parse_day_bound(struct rota_table_import *t, int c,
			   const struct rota_csv_row *row, const char *text,
			   struct rota_error *err)
{
	const struct rota_tcol *col = &t->cols[c];
	struct rota_tval *v = &t->v[c];
	struct rota_error e = {0};
	int32_t day;

	if (rota_parse_date(text, &day, NULL) == 0) {
		v->type = SQLITE_INTEGER;
		v->i = rota_tz_day_start(
			t->im->tz,
			day + (col->type == ROTA_TCOL_DAY_END));
		return 0;
	}
	if (rota_parse_instant(t->im->tz, text, &v->i, &e) < 0)
		return cell_error(err, row, col, &e);
	v->type = SQLITE_INTEGER;
	return 0;
}

/* One case per column type: the cases are short and read best side by
 * side, so the switch stays whole (the two longest have helpers). */
static int parse_cell(struct rota_table_import *t, int c,
		      const struct rota_csv_row *row, const char *text,
		      struct rota_error *err)
{
	const struct rota_tcol *col = &t->cols[c];
	struct rota_timport_priv *p = t->priv;
	struct rota_tval *v = &t->v[c];
	struct rota_error e = {0};
	int rc;

	memset(v, 0, sizeof(*v));
	t->raw[c] = text;
	if ((rc = parse_blank(t, c, row, &text, err)) != 0)
		return rc < 0 ? rc : 0;
	switch (col->type) {
	case ROTA_TCOL_TEXT:
	case ROTA_TCOL_RAW: {
		size_t max = col->max > 0 ? (size_t)col->max + 1
					  : ROTA_NAME_MAX;

		if (col->type == ROTA_TCOL_TEXT &&
		    (rc = text_fits(col, row, text, max, err)) < 0)
			return rc;
		v->type = SQLITE_TEXT;
		v->s = text;
		return 0;
	}
	case ROTA_TCOL_ID:
		if (!rota_id_valid(text))
			return rota_csv_error(err, row, col->name,
					      "'%s' is not a valid id (use "
					      "1-%d letters, digits, '.', '_' "
					      "or '-', not starting with '.' "
					      "or '-')", text, ROTA_ID_MAX - 1);
		v->type = SQLITE_TEXT;
		v->s = text;
		return 0;
	case ROTA_TCOL_INT: {
		long n;

		if (rota_value_long(text, (long)col->min, (long)col->max, &n,
				    &e) < 0)
			return cell_error(err, row, col, &e);
		v->type = SQLITE_INTEGER;
		v->i = n;
		return 0;
	}
	case ROTA_TCOL_REAL:
		if (rota_value_double(text, col->min, col->max, 0, &v->d,
				      &e) < 0)
			return cell_error(err, row, col, &e);
		v->type = SQLITE_FLOAT;
		return 0;
	case ROTA_TCOL_HHMM: {
		int m;

		if (rota_parse_hhmm(text, 0, &m, &e) < 0)
			return cell_error(err, row, col, &e);
		v->type = SQLITE_INTEGER;
		v->i = m;
		return 0;
	}
	case ROTA_TCOL_DAYS: {
		uint8_t mask;

		if (rota_parse_days(text, &mask, &e) < 0)
			return cell_error(err, row, col, &e);
		v->type = SQLITE_INTEGER;
		v->i = mask;
		return 0;
	}
	case ROTA_TCOL_DATE: {
		int32_t day;

		if (rota_parse_date(text, &day, &e) < 0)
			return cell_error(err, row, col, &e);
		rota_format_date(day, p->scratch[c], sizeof(p->scratch[c]));
		v->type = SQLITE_TEXT;
		v->s = p->scratch[c];
		return 0;
	}
	case ROTA_TCOL_DAY_START:
	case ROTA_TCOL_DAY_END:
		return parse_day_bound(t, c, row, text, err);
	case ROTA_TCOL_INSTANT:
		if (rota_parse_instant(t->im->tz, text, &v->i, &e) < 0)
			return cell_error(err, row, col, &e);
		v->type = SQLITE_INTEGER;
		return 0;
	case ROTA_TCOL_REF:
		return parse_ref(t, c, row, text, err);
	case ROTA_TCOL_CHOICE:
		if (parse_choice(col, row, text, err) < 0)
			return ROTA_EDATA;
		v->type = SQLITE_TEXT;
		v->s = text;
		return 0;
	}
	return rota_error_set(err, ROTA_EINVAL, "column '%s': bad type",
			      col->name);
}

/* --------------------------------------------------------------- upsert */

static void bind_value(sqlite3_stmt *s, int i, const struct rota_tval *v)
{
	switch (v->type) {
	case SQLITE_INTEGER:
		sqlite3_bind_int64(s, i, v->i);
		break;
	case SQLITE_FLOAT:
		sqlite3_bind_double(s, i, v->d);
		break;
	case SQLITE_TEXT:
		sqlite3_bind_text(s, i, v->s, -1, SQLITE_TRANSIENT);
		break;
	default:
		sqlite3_bind_null(s, i);
	}
}

/* 1 when column col of the stored row holds v. */
static int same_value(sqlite3_stmt *s, int col, const struct rota_tval *v)
{
	int type = sqlite3_column_type(s, col);

	if (v->type == SQLITE_NULL || type == SQLITE_NULL)
		return v->type == SQLITE_NULL && type == SQLITE_NULL;
	switch (v->type) {
	case SQLITE_INTEGER:
		return type == SQLITE_INTEGER &&
		       sqlite3_column_int64(s, col) == v->i;
	case SQLITE_FLOAT:
		return sqlite3_column_double(s, col) == v->d;
	default: {
		const unsigned char *text = sqlite3_column_text(s, col);

		return strcmp(text ? (const char *)text : "", v->s) == 0;
	}
	}
}

static size_t sql_append(char *buf, size_t size, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (len + n < size) {
		memcpy(buf + len, s, n + 1);
		len += n;
	}
	return len;
}

static int prepare(struct rota_table_import *t, struct rota_error *err)
{
	struct rota_timport_priv *p = t->priv;
	const struct rota_tkind *k = t->kind;
	char sql[2048], num[32];
	size_t len;
	int n;

	for (int c = 0; c < t->ncols; c++) {
		if (!t->cols[c].column)
			continue;
		if (t->cols[c].flags & ROTA_TCOL_KEY)
			p->keys[p->nkeys++] = c;
		else
			p->data[p->ndata++] = c;
	}
	/* SELECT rowid, data... FROM table WHERE key = ?1 AND ... */
	len = sql_append(sql, sizeof(sql), 0,
			 k->by_key ? "SELECT 0" : "SELECT rowid");
	for (int i = 0; i < p->ndata; i++) {
		len = sql_append(sql, sizeof(sql), len, ", ");
		len = sql_append(sql, sizeof(sql), len,
				 t->cols[p->data[i]].column);
	}
	len = sql_append(sql, sizeof(sql), len, " FROM ");
	len = sql_append(sql, sizeof(sql), len, k->table);
	for (int i = 0; i < p->nkeys; i++) {
		len = sql_append(sql, sizeof(sql), len, i ? " AND " : " WHERE ");
		len = sql_append(sql, sizeof(sql), len,
				 t->cols[p->keys[i]].column);
		snprintf(num, sizeof(num), " = ?%d", i + 1);
		len = sql_append(sql, sizeof(sql), len, num);
	}
	if (k->find_extra)
		sql_append(sql, sizeof(sql), len, k->find_extra);
	if ((n = rota_db_prepare(t->im->st, sql, &p->find, err)) < 0)
		return n;
	/* INSERT INTO table (keys..., data...) VALUES (?1, ...) */
	len = sql_append(sql, sizeof(sql), 0, "INSERT INTO ");
	len = sql_append(sql, sizeof(sql), len, k->table);
	len = sql_append(sql, sizeof(sql), len, " (");
	for (int i = 0; i < p->nkeys + p->ndata; i++) {
		int c = i < p->nkeys ? p->keys[i] : p->data[i - p->nkeys];

		len = sql_append(sql, sizeof(sql), len, i ? ", " : "");
		len = sql_append(sql, sizeof(sql), len, t->cols[c].column);
	}
	len = sql_append(sql, sizeof(sql), len, ") VALUES (");
	for (int i = 0; i < p->nkeys + p->ndata; i++) {
		snprintf(num, sizeof(num), "%s?%d", i ? ", " : "", i + 1);
		len = sql_append(sql, sizeof(sql), len, num);
	}
	len = sql_append(sql, sizeof(sql), len,
			 k->by_key ? ")" : ") RETURNING rowid");
	if ((n = rota_db_prepare(t->im->st, sql, &p->ins, err)) < 0)
		return n;
	if (!p->ndata)
		return 0;
	/* UPDATE table SET data = ?1, ... WHERE rowid = ?N (or the key) */
	len = sql_append(sql, sizeof(sql), 0, "UPDATE ");
	len = sql_append(sql, sizeof(sql), len, k->table);
	for (int i = 0; i < p->ndata; i++) {
		len = sql_append(sql, sizeof(sql), len, i ? ", " : " SET ");
		len = sql_append(sql, sizeof(sql), len,
				 t->cols[p->data[i]].column);
		snprintf(num, sizeof(num), " = ?%d", i + 1);
		len = sql_append(sql, sizeof(sql), len, num);
	}
	if (k->update_extra)
		len = sql_append(sql, sizeof(sql), len, k->update_extra);
	if (k->by_key) {
		for (int i = 0; i < p->nkeys; i++) {
			len = sql_append(sql, sizeof(sql), len,
					 i ? " AND " : " WHERE ");
			len = sql_append(sql, sizeof(sql), len,
					 t->cols[p->keys[i]].column);
			snprintf(num, sizeof(num), " = ?%d",
				 p->ndata + i + 1);
			len = sql_append(sql, sizeof(sql), len, num);
		}
	} else {
		snprintf(num, sizeof(num), " WHERE rowid = ?%d", p->ndata + 1);
		len = sql_append(sql, sizeof(sql), len, num);
	}
	if (len >= sizeof(sql) - 1)
		return rota_error_set(err, ROTA_EINVAL, "%s: SQL too long",
				      k->table);
	return rota_db_prepare(t->im->st, sql, &p->upd, err);
}

static int step(struct rota_table_import *t, sqlite3_stmt *s,
		const char *what, struct rota_error *err)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rota_db_error(t->im->st, err, what);
	}
	return rc;
}

/* Upsert the row in t->v. */
static int upsert(struct rota_table_import *t, struct rota_error *err)
{
	struct rota_timport_priv *p = t->priv;
	struct rota_import_stats *stats = t->im->stats;
	int64_t rowid = 0;
	int rc, existed, changed = 0;

	for (int i = 0; i < p->nkeys; i++)
		bind_value(p->find, i + 1, &t->v[p->keys[i]]);
	if ((rc = step(t, p->find, "reading stored rows", err)) < 0)
		return rc;
	existed = rc == SQLITE_ROW;
	if (existed) {
		rowid = sqlite3_column_int64(p->find, 0);
		for (int i = 0; i < p->ndata && !changed; i++)
			changed = !same_value(p->find, i + 1,
					      &t->v[p->data[i]]);
	}
	sqlite3_reset(p->find);
	if (!existed) {
		for (int i = 0; i < p->nkeys + p->ndata; i++)
			bind_value(p->ins, i + 1,
				   &t->v[i < p->nkeys ? p->keys[i]
						      : p->data[i - p->nkeys]]);
		if ((rc = step(t, p->ins, "adding a row", err)) < 0)
			return rc;
		if (rc == SQLITE_ROW)
			rowid = sqlite3_column_int64(p->ins, 0);
		sqlite3_reset(p->ins);
	} else if (changed) {
		for (int i = 0; i < p->ndata; i++)
			bind_value(p->upd, i + 1, &t->v[p->data[i]]);
		if (t->kind->by_key)
			for (int i = 0; i < p->nkeys; i++)
				bind_value(p->upd, p->ndata + i + 1,
					   &t->v[p->keys[i]]);
		else
			sqlite3_bind_int64(p->upd, p->ndata + 1, rowid);
		if ((rc = step(t, p->upd, "updating a row", err)) < 0)
			return rc;
		sqlite3_reset(p->upd);
	}
	if (t->kind->children &&
	    (rc = t->kind->children(t, rowid, existed, &changed, err)) < 0)
		return rc;
	if (!existed)
		stats->added++;
	else if (changed)
		stats->updated++;
	else
		stats->unchanged++;
	return 0;
}

/* ----------------------------------------------------------------- rows */

/* The row's key as text ("1796025600/voice"), for duplicates. */
static void key_text(const struct rota_table_import *t, char *buf,
		     size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int c = 0; c < t->ncols && len < size; c++) {
		const struct rota_tval *v = &t->v[c];
		const char *sep = len ? "/" : "";

		if (!(t->cols[c].flags & ROTA_TCOL_KEY))
			continue;
		if (t->cols[c].type == ROTA_TCOL_REF && v->type == SQLITE_INTEGER) {
			/* the code as written (a kept row: found by its id) */
			const struct rota_codes *rc = &t->priv->ref[c];
			const char *code = t->raw[c];

			for (size_t k = 0; !code && k < rc->n; k++)
				if (rc->e[k].id == v->i)
					code = rc->e[k].code;
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						sep, code ? code : "?");
		} else if (t->cols[c].type == ROTA_TCOL_REF && t->raw[c])
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						sep, t->raw[c]);
		else if (v->type == SQLITE_INTEGER)
			len += (size_t)snprintf(buf + len, size - len,
						"%s%lld", sep,
						(long long)v->i);
		else if (v->type == SQLITE_FLOAT)
			len += (size_t)snprintf(buf + len, size - len, "%s%g",
						sep, v->d);
		else
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						sep, v->s ? v->s : "");
	}
}

static int first_key(const struct rota_table_import *t)
{
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].flags & ROTA_TCOL_KEY)
			return c;
	return 0;
}

static int keep_row(struct rota_table_import *t, long line,
		    struct rota_error *err)
{
	struct rota_timport_priv *p = t->priv;
	struct rota_tval *v;

	if (ROTA_GROW(p->lines, p->cap_lines, p->nrows) < 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	if ((p->nrows + 1) * (size_t)t->ncols > p->cap_rows) {
		size_t ncap = p->cap_rows ? p->cap_rows * 2
					  : (size_t)t->ncols * 1024;
		struct rota_tval *nr = realloc(p->rows, ncap * sizeof(*nr));

		if (!nr)
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		p->rows = nr;
		p->cap_rows = ncap;
	}
	v = p->rows + p->nrows * (size_t)t->ncols;
	memcpy(v, t->v, (size_t)t->ncols * sizeof(*v));
	for (int c = 0; c < t->ncols; c++) {
		int found;
		long i;

		if (v[c].type != SQLITE_TEXT)
			continue;
		if ((i = rota_strset_put(&p->interned, v[c].s, 0, &found)) < 0)
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		v[c].s = p->interned.s[i];
	}
	p->lines[p->nrows++] = line;
	return 0;
}

static int on_row(void *vt, const struct rota_csv_row *row,
		  struct rota_error *err)
{
	struct rota_table_import *t = vt;
	struct rota_timport_priv *p = t->priv;
	struct rota_import_stats *stats = t->im->stats;
	char key[2 * ROTA_NAME_MAX];
	int blank = 1, found, rc;
	long i;

	if (row->index == 0)
		return rota_csv_header(row, p->hdr, t->ncols, p->idx,
				       stats->extra_columns,
				       sizeof(stats->extra_columns), err);
	for (int f = 0; f < row->n && blank; f++)
		blank = row->field[f][0] == '\0';
	if (blank)   /* spreadsheets add empty rows */
		return 0;
	for (int c = 0; c < t->ncols; c++) {
		if (t->cols[c].flags & ROTA_TCOL_DERIVED) {
			memset(&t->v[c], 0, sizeof(t->v[c]));
			t->raw[c] = "";
			continue;
		}
		if ((rc = parse_cell(t, c, row, rota_csv_get(row, p->idx[c]),
				     err)) < 0)
			return rc;
	}
	if (t->kind->check && (rc = t->kind->check(t, row, err)) < 0)
		return rc;
	/* a sorted kind finds duplicates once sorted: they are neighbours */
	if (t->kind->sort)
		return keep_row(t, row->line, err);
	key_text(t, key, sizeof(key));
	if ((i = rota_strset_put(&p->seen, key, row->line, &found)) < 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	if (found)
		return rota_csv_error(err, row, t->cols[first_key(t)].name,
				      "duplicate '%s' (already on line %ld)",
				      key, p->seen.line[i]);
	return upsert(t, err);
}

/* Sorted kinds: a row and the import it belongs to (qsort has no context
 * argument in C11). */
struct sort_ent {
	size_t row;
	const struct rota_table_import *t;
};

static int cmp_tval(const struct rota_tval *a, const struct rota_tval *b)
{
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	switch (a->type) {
	case SQLITE_INTEGER:
		return a->i < b->i ? -1 : a->i > b->i;
	case SQLITE_FLOAT:
		return a->d < b->d ? -1 : a->d > b->d;
	case SQLITE_TEXT:
		return strcmp(a->s, b->s);
	default:
		return 0;
	}
}

/* By the key columns, in spec order; ties by line. */
static int cmp_rows(const void *a, const void *b)
{
	const struct rota_table_import *t = ((const struct sort_ent *)a)->t;
	const struct rota_timport_priv *p = t->priv;
	size_t x = ((const struct sort_ent *)a)->row;
	size_t y = ((const struct sort_ent *)b)->row;
	const struct rota_tval *u = p->rows + x * (size_t)t->ncols;
	const struct rota_tval *w = p->rows + y * (size_t)t->ncols;

	for (int i = 0; i < p->nkeys; i++) {
		int c = cmp_tval(&u[p->keys[i]], &w[p->keys[i]]);

		if (c)
			return c;
	}
	return p->lines[x] < p->lines[y] ? -1 : p->lines[x] > p->lines[y];
}

static int store_sorted(struct rota_table_import *t, struct rota_error *err)
{
	struct rota_timport_priv *p = t->priv;
	struct sort_ent *order = malloc((p->nrows + 1) * sizeof(*order));
	int rc = 0;

	if (!order)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	for (size_t i = 0; i < p->nrows; i++)
		order[i] = (struct sort_ent){i, t};
	if (p->nrows > 1)
		qsort(order, p->nrows, sizeof(*order), cmp_rows);
	/* rows with the same key are neighbours, in line order */
	for (size_t i = 1; i < p->nrows; i++) {
		const struct rota_tval *a = p->rows + order[i - 1].row *
						      (size_t)t->ncols;
		const struct rota_tval *b = p->rows + order[i].row *
						      (size_t)t->ncols;
		char key[2 * ROTA_NAME_MAX];
		long here = p->lines[order[i].row];
		long first = p->lines[order[i - 1].row];
		int same = 1;

		for (int k = 0; k < p->nkeys && same; k++)
			same = cmp_tval(&a[p->keys[k]], &b[p->keys[k]]) == 0;
		if (!same)
			continue;
		memcpy(t->v, b, (size_t)t->ncols * sizeof(*t->v));
		for (int c = 0; c < t->ncols; c++)
			t->raw[c] = NULL;
		key_text(t, key, sizeof(key));
		free(order);
		return rota_error_set(err, ROTA_EDATA,
				      "%s:%ld: column '%s': duplicate '%s' "
				      "(already on line %ld)", t->im->label,
				      here, t->cols[first_key(t)].name, key,
				      first);
	}
	for (size_t i = 0; i < p->nrows && rc == 0; i++) {
		memcpy(t->v, p->rows + order[i].row * (size_t)t->ncols,
		       (size_t)t->ncols * sizeof(*t->v));
		if ((rc = upsert(t, err)) < 0)
			rota_error_prefix(err, "%s:%ld", t->im->label,
					  p->lines[order[i].row]);
	}
	free(order);
	return rc;
}

int rota_tcol_find(const struct rota_table_import *t, const char *name)
{
	for (int c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c].name, name) == 0)
			return c;
	return -1;
}

int rota_table_begin(struct rota_import *im, const struct rota_tkind *k,
		     struct rota_table_import *t, struct rota_error *err)
{
	struct rota_timport_priv *p;
	int rc;

	memset(t, 0, sizeof(*t));
	t->im = im;
	t->kind = k;
	t->cols = k->cols;
	t->ncols = k->ncols;
	if (!(p = t->priv = calloc(1, sizeof(*p))) ||
	    (k->state_size && !(t->state = calloc(1, k->state_size)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto fail;
	}
	if ((k->need_site && (rc = rota_import_need_site(im, err)) < 0) ||
	    (k->init && (rc = k->init(t, err)) < 0))
		goto fail;
	if (t->ncols > ROTA_TCOL_MAX) {
		rc = rota_error_set(err, ROTA_EINVAL, "too many columns");
		goto fail;
	}
	for (int c = 0; c < t->ncols; c++) {
		const struct rota_tcol *col = &t->cols[c];

		/* a derived column has no header name to match */
		p->hdr[c].name = col->flags & ROTA_TCOL_DERIVED ? "\n"
								: col->name;
		p->hdr[c].required = (col->flags & ROTA_TCOL_REQUIRED) != 0;
		if (col->type == ROTA_TCOL_REF &&
		    (rc = rota_codes_load(im->st, col->ref, &p->ref[c], err)) < 0)
			goto fail;
	}
	if ((rc = prepare(t, err)) < 0)
		goto fail;
	return 0;
fail:
	rota_table_end(t);
	return rc;
}

int rota_table_put(struct rota_table_import *t, struct rota_error *err)
{
	return upsert(t, err);
}

void rota_table_end(struct rota_table_import *t)
{
	struct rota_timport_priv *p = t->priv;

	if (t->kind && t->kind->done && p)
		t->kind->done(t);
	if (p) {
		sqlite3_finalize(p->find);
		sqlite3_finalize(p->ins);
		sqlite3_finalize(p->upd);
		for (int c = 0; c < ROTA_TCOL_MAX; c++) {
			rota_codes_free(&p->ref[c]);
		}
		rota_strset_free(&p->seen);
		rota_strset_free(&p->interned);
		free(p->rows);
		free(p->lines);
		free(p);
	}
	free(t->state);
	memset(t, 0, sizeof(*t));
}

int rota_import_table(struct rota_import *im, const struct rota_tkind *k,
		      struct rota_error *err)
{
	struct rota_table_import t;
	int rc;

	if ((rc = rota_table_begin(im, k, &t, err)) < 0)
		return rc;
	if ((rc = rota_import_csv(im, on_row, &t, err)) == 0 && k->sort)
		rc = store_sorted(&t, err);
	rota_table_end(&t);
	return rc;
}

/* ------------------------------------------------------------ skill sets */

int rota_skill_set_parse(struct rota_store *st,
			 const struct rota_csv_row *row, const char *col,
			 const char *text, int allow_level,
			 struct rota_skill_set *out, struct rota_error *err)
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
			struct rota_error e = {0};

			*colon = '\0';
			if (!allow_level)
				return rota_csv_error(err, row, col,
						      "'%s': a level is not "
						      "allowed here", a);
			if (rota_value_long(colon + 1, 1, 9, &level, &e) < 0)
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

			rota_import_known(st, "SELECT name FROM skill ORDER BY "
					      "name", known, sizeof(known));
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

int rota_skill_set_store(struct rota_store *st, const char *table,
			 const char *owner_col, int with_level,
			 int64_t owner, int existed,
			 const struct rota_skill_set *want, int *changed,
			 struct rota_error *err)
{
	char sql[256];
	sqlite3_stmt *s = NULL;
	int rc = 0;

	if (existed) {
		struct rota_skill_set have;

		snprintf(sql, sizeof(sql),
			 "SELECT skill_id, %s FROM %s WHERE %s = ?1 ORDER BY "
			 "skill_id", with_level ? "level" : "0", table,
			 owner_col);
		if ((rc = rota_db_prepare(st, sql, &s, err)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, owner);
		have.n = 0;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
		       have.n < ROTA_MAX_SKILLS) {
			have.id[have.n] = sqlite3_column_int64(s, 0);
			have.level[have.n++] = sqlite3_column_int(s, 1);
		}
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			return rota_db_error(st, err, "reading skills");
		rc = 0;
		if (have.n == want->n &&
		    memcmp(have.id, want->id, sizeof(*want->id) * (size_t)want->n)
			    == 0 &&
		    memcmp(have.level, want->level,
			   sizeof(*want->level) * (size_t)want->n) == 0)
			return 0;
		*changed = 1;
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE %s = ?1",
			 table, owner_col);
		if ((rc = rota_db_prepare(st, sql, &s, err)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, owner);
		rc = sqlite3_step(s) == SQLITE_DONE
			     ? 0
			     : rota_db_error(st, err, "saving skills");
		sqlite3_finalize(s);
		if (rc < 0)
			return rc;
	}
	snprintf(sql, sizeof(sql),
		 "INSERT INTO %s (%s, skill_id%s) VALUES (?1, ?2%s)", table,
		 owner_col, with_level ? ", level" : "",
		 with_level ? ", ?3" : "");
	if ((rc = rota_db_prepare(st, sql, &s, err)) < 0)
		return rc;
	for (int i = 0; i < want->n && rc == 0; i++) {
		sqlite3_bind_int64(s, 1, owner);
		sqlite3_bind_int64(s, 2, want->id[i]);
		if (with_level)
			sqlite3_bind_int(s, 3, want->level[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = rota_db_error(st, err, "saving skills");
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc;
}
