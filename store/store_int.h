/*
 * store/store_int.h - private to store/: the struct behind rota_store and
 * the SQLite helpers every store file uses.
 */
#ifndef ROTA_STORE_INT_H
#define ROTA_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

struct rota_store {
	sqlite3 *db;
	int tx_depth;   /* rota_store_begin nesting */
	int tx_failed;  /* an inner level rolled back */
	char path[512];
};

extern const char *const rota_migrations[];
extern const int rota_n_migrations;

/* Fill err with ROTA_EDB and "what: sqlite message"; returns ROTA_EDB. */
int rota_db_error(struct rota_store *st, struct rota_error *err,
		  const char *what);

/* Prepare sql; on failure fills err and returns ROTA_EDB. */
int rota_db_prepare(struct rota_store *st, const char *sql,
		    sqlite3_stmt **out, struct rota_error *err);

/* Execute a statement without parameters or results. */
int rota_db_exec(struct rota_store *st, const char *sql,
		 struct rota_error *err);

/* Bind text (NULL binds SQL NULL); copies the string. */
int rota_db_bind_text(sqlite3_stmt *s, int i, const char *v);

/* Copy column text into buf (empty string for NULL). */
void rota_db_column_text(sqlite3_stmt *s, int col, char *buf, size_t size);

/*
 * Steps s to its end and finalizes it: for each result row, read(s, row)
 * fills a new zeroed element of `size` bytes.  rowsp is the address of the
 * caller's array pointer (of any object type, as rota_grow takes it).  On
 * success the array (NULL when there is no row; the caller frees it) and
 * *n; on error "what: ..." or "out of memory", and nothing is written.
 */
int rota_db_rows(struct rota_store *st, sqlite3_stmt *s, size_t size,
		 void (*read)(sqlite3_stmt *s, void *row), void *rowsp,
		 size_t *n, const char *what, struct rota_error *err);

/*
 * Steps s once and finalizes it: 0 after read(s, row) when there is a row,
 * 1 when there is none (err untouched: the caller says what is missing),
 * or "what: ..." on a database error.
 */
int rota_db_row(struct rota_store *st, sqlite3_stmt *s,
		void (*read)(sqlite3_stmt *s, void *row), void *row,
		const char *what, struct rota_error *err);

/* The site's leave types sorted by name, in a new array *out (NULL when
 * there are none; the caller frees it); on error nothing is written. */
int rota_db_leave_types(struct rota_store *st, struct rota_leave_type **out,
			size_t *n, struct rota_error *err);

/* The row id of employee `code` in *id: ROTA_ENOTFOUND "unknown employee
 * 'code'" when there is none, "reading employees: ..." on a database
 * error. */
int rota_db_employee(struct rota_store *st, const char *code, int64_t *id,
		     struct rota_error *err);

/* Migrate to `target` (tests use this to build an old database). */
int rota_store_migrate_to(struct rota_store *st, int target,
			  struct rota_error *err);

enum rota_db_table { ROTA_DB_EMPLOYEE, ROTA_DB_SKILL, ROTA_DB_SHIFT,
		     ROTA_DB_CONTRACT };

/* Row id of a user-visible code (employee id, skill name, shift code,
 * contract id); 0 when there is none, negative on a database error. */
int64_t rota_db_id_of(struct rota_store *st, enum rota_db_table table,
		      const char *code);

#endif
