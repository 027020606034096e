/*
 * store/store.c - opening, migrating, transactions, site, loading a dataset.
 */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/time.h"

int rota_db_error(struct rota_store *st, struct rota_error *err,
		  const char *what)
{
	return rota_error_set(err, ROTA_EDB, "%s: %s", what,
			      st && st->db ? sqlite3_errmsg(st->db)
					   : "no database");
}

int rota_db_prepare(struct rota_store *st, const char *sql,
		    sqlite3_stmt **out, struct rota_error *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) {
		*out = NULL;
		return rota_db_error(st, err, "preparing a statement");
	}
	return 0;
}

int rota_db_exec(struct rota_store *st, const char *sql,
		 struct rota_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		rota_error_set(err, ROTA_EDB, "database: %s",
			       msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return ROTA_EDB;
	}
	return 0;
}

int rota_db_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

void rota_db_column_text(sqlite3_stmt *s, int col, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	rota_strlcpy(buf, t ? (const char *)t : "", size);
}

int rota_db_employee(struct rota_store *st, const char *code, int64_t *id,
		     struct rota_error *err)
{
	*id = rota_db_id_of(st, ROTA_DB_EMPLOYEE, code);
	if (*id < 0)
		return rota_db_error(st, err, "reading employees");
	if (*id == 0)
		return rota_error_set(err, ROTA_ENOTFOUND,
				      "unknown employee '%s'", code);
	return 0;
}

int rota_db_rows(struct rota_store *st, sqlite3_stmt *s, size_t size,
		 void (*read)(sqlite3_stmt *s, void *row), void *rowsp,
		 size_t *n, const char *what, struct rota_error *err)
{
	unsigned char *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (rota_grow(&arr, &cap, cnt, size) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto fail;
		}
		memset(arr + cnt * size, 0, size);
		read(s, arr + cnt * size);
		cnt++;
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, what);
		goto fail;
	}
	sqlite3_finalize(s);
	memcpy(rowsp, &arr, sizeof(arr));
	*n = cnt;
	return 0;
fail:
	sqlite3_finalize(s);
	free(arr);
	return rc;
}

int rota_db_row(struct rota_store *st, sqlite3_stmt *s,
		void (*read)(sqlite3_stmt *s, void *row), void *row,
		const char *what, struct rota_error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		read(s, row);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 1;
	} else {
		rc = rota_db_error(st, err, what);
	}
	sqlite3_finalize(s);
	return rc;
}

int64_t rota_db_id_of(struct rota_store *st, enum rota_db_table table,
		      const char *code)
{
	static const char *const sql[] = {
		[ROTA_DB_EMPLOYEE] = "SELECT id FROM employee WHERE code = ?1",
		[ROTA_DB_SKILL] = "SELECT id FROM skill WHERE name = ?1",
		[ROTA_DB_SHIFT] = "SELECT id FROM shift WHERE code = ?1",
		[ROTA_DB_CONTRACT] = "SELECT id FROM contract WHERE code = ?1",
	};
	sqlite3_stmt *s;
	int64_t id = 0;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql[table], -1, &s, NULL) != SQLITE_OK)
		return -1;
	rota_db_bind_text(s, 1, code);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE)
		id = -1;
	sqlite3_finalize(s);
	return id;
}

/* ------------------------------------------------------------ schema */

static int user_version(struct rota_store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

int rota_store_schema_version(struct rota_store *st)
{
	return user_version(st);
}

int rota_store_migrate_to(struct rota_store *st, int target,
			  struct rota_error *err)
{
	int v, rc;

	if (target > rota_n_migrations)
		return rota_error_set(err, ROTA_EINVAL,
				      "no schema version %d", target);
	if ((rc = rota_db_exec(st, "BEGIN IMMEDIATE", err)) < 0)
		return rc;
	v = user_version(st);
	if (v < 0) {
		rc = rota_db_error(st, err, "reading the schema version");
		goto fail;
	}
	if (v > rota_n_migrations) {
		rc = rota_error_set(err, ROTA_EVERSION,
				    "%s: database schema version %d is newer "
				    "than this rota understands (%d); use a "
				    "newer rota", st->path, v,
				    rota_n_migrations);
		goto fail;
	}
	for (; v < target; v++) {
		char pragma[64];

		if ((rc = rota_db_exec(st, rota_migrations[v], err)) < 0) {
			rota_error_prefix(err, "migrating to schema %d", v + 1);
			goto fail;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
			 v + 1);
		if ((rc = rota_db_exec(st, pragma, err)) < 0)
			goto fail;
	}
	if ((rc = rota_db_exec(st, "COMMIT", err)) < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int rota_store_open(const char *path, int flags, struct rota_store **out,
		    struct rota_error *err)
{
	struct rota_store *st;
	int oflags, rc;

	if (!(flags & ROTA_STORE_CREATE) && access(path, F_OK) != 0)
		return rota_error_set(err, ROTA_ENOTFOUND,
				      "%s: no such database (create one with "
				      "'rota init')", path);
	st = calloc(1, sizeof(*st));
	if (!st)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	rota_strlcpy(st->path, path, sizeof(st->path));
	oflags = (flags & ROTA_STORE_READONLY)
			 ? SQLITE_OPEN_READONLY
			 : SQLITE_OPEN_READWRITE |
				   ((flags & ROTA_STORE_CREATE)
					    ? SQLITE_OPEN_CREATE
					    : 0);
	if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		rc = rota_error_set(err, ROTA_EDB, "%s: cannot open: %s", path,
				    st->db ? sqlite3_errmsg(st->db)
					   : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 10000);
	if ((rc = rota_db_exec(st, "PRAGMA foreign_keys = ON", err)) < 0)
		goto fail;
	if (!(flags & ROTA_STORE_READONLY)) {
		/* FULL: a clock-in acknowledged is on disk, even after power
		 * loss; the cost is one fsync per commit, fine for rota. */
		if ((rc = rota_db_exec(st, "PRAGMA journal_mode = WAL", err)) <
			    0 ||
		    (rc = rota_db_exec(st, "PRAGMA synchronous = FULL", err)) <
			    0)
			goto fail;
		if ((rc = rota_store_migrate_to(st, rota_n_migrations, err)) <
		    0)
			goto fail;
	} else {
		int v = user_version(st);

		if (v > rota_n_migrations) {
			rc = rota_error_set(err, ROTA_EVERSION,
					    "%s: database schema version %d is "
					    "newer than this rota understands "
					    "(%d); use a newer rota",
					    path, v, rota_n_migrations);
			goto fail;
		}
		if (v < rota_n_migrations) {
			rc = rota_error_set(err, ROTA_EVERSION,
					    "%s: database schema version %d is "
					    "older than %d; open it once "
					    "read-write to upgrade it",
					    path, v, rota_n_migrations);
			goto fail;
		}
	}
	*out = st;
	return 0;
fail:
	sqlite3_close(st->db);
	free(st);
	return rc;
}

void rota_store_close(struct rota_store *st)
{
	if (!st)
		return;
	if (st->tx_depth > 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(st->db);
	free(st);
}

/* -------------------------------------------------------- transactions */

int rota_store_begin(struct rota_store *st, struct rota_error *err)
{
	int rc;

	if (st->tx_depth == 0) {
		if ((rc = rota_db_exec(st, "BEGIN IMMEDIATE", err)) < 0)
			return rc;
		st->tx_failed = 0;
	}
	st->tx_depth++;
	return 0;
}

int rota_store_commit(struct rota_store *st, struct rota_error *err)
{
	int rc;

	if (st->tx_depth <= 0)
		return rota_error_set(err, ROTA_EINVAL,
				      "commit without a transaction");
	if (--st->tx_depth > 0)
		return 0;
	if (st->tx_failed) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return rota_error_set(err, ROTA_EDB,
				      "transaction rolled back by an inner "
				      "failure");
	}
	if ((rc = rota_db_exec(st, "COMMIT", err)) < 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return 0;
}

void rota_store_rollback(struct rota_store *st)
{
	if (st->tx_depth <= 0)
		return;
	if (--st->tx_depth > 0) {
		st->tx_failed = 1;
		return;
	}
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ site */

int rota_store_site_set(struct rota_store *st, const struct rota_site *site,
			struct rota_error *err)
{
	struct rota_tz *tz;
	sqlite3_stmt *s = NULL;
	int rc;

	if (site->interval_min != 15 && site->interval_min != 30 &&
	    site->interval_min != 60)
		return rota_error_set(err, ROTA_EDATA,
				      "interval %d minutes is not supported "
				      "(expected 15, 30 or 60)",
				      site->interval_min);
	if (site->grace_min < 0 || site->grace_min > 240)
		return rota_error_set(err, ROTA_EDATA,
				      "grace %d minutes is out of range "
				      "(expected 0 to 240)", site->grace_min);
	if (!(tz = rota_tz_load(site->timezone, err))) {
		if (err)
			err->code = ROTA_EDATA;
		return ROTA_EDATA;
	}
	rota_tz_free(tz);
	if ((rc = rota_db_prepare(
		     st,
		     "INSERT INTO site (id, name, timezone, interval_min, "
		     "grace_min) VALUES (1, ?1, ?2, ?3, ?4) "
		     "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
		     "timezone = excluded.timezone, "
		     "interval_min = excluded.interval_min, "
		     "grace_min = excluded.grace_min",
		     &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, site->name);
	rota_db_bind_text(s, 2, site->timezone);
	sqlite3_bind_int(s, 3, site->interval_min);
	sqlite3_bind_int(s, 4, site->grace_min);
	rc = sqlite3_step(s) == SQLITE_DONE
		     ? 0
		     : rota_db_error(st, err, "saving the site");
	sqlite3_finalize(s);
	return rc;
}

int rota_store_site_get(struct rota_store *st, struct rota_site *out,
			struct rota_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT name, timezone, interval_min, "
				  "grace_min FROM site WHERE id = 1",
				  &s, err)) < 0)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		rota_db_column_text(s, 0, out->name, sizeof(out->name));
		rota_db_column_text(s, 1, out->timezone,
				    sizeof(out->timezone));
		out->interval_min = sqlite3_column_int(s, 2);
		out->grace_min = sqlite3_column_int(s, 3);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = rota_error_set(err, ROTA_ENOTFOUND,
				    "%s: no site configured (run 'rota init' "
				    "or import a site.ini)", st->path);
	} else {
		rc = rota_db_error(st, err, "reading the site");
	}
	sqlite3_finalize(s);
	return rc;
}
