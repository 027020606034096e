/* tests/test_leave.c - leave types, paid-leave credit, time-off requests and
 * their rules, absences. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/time.h"
#include "store/store.h"
#include "store/store_int.h"

struct fx {
	char dir[64];
	char db[96];
	struct rota_store *st;
};

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct rota_error err = {0};

	snprintf(f->dir, sizeof(f->dir), "/tmp/rota-test-leave.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/rota.db", f->dir);
	assert_int_equal(rota_store_open(f->db, ROTA_STORE_CREATE, &f->st, &err),
			 0);
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	char path[256];
	const char *names[] = {"rota.db", "rota.db-wal", "rota.db-shm",
			       "old.db",  "old.db-wal",  "old.db-shm"};

	rota_store_close(f->st);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		unlink(path);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t count_in(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int64_t n = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* ------------------------------------------------------------- schema */

static void version_5_time_off_survives_the_migration_as_approved(void **state)
{
	struct fx *f = *state;
	struct rota_store *old = NULL;
	struct rota_error err = {0};
	char path[128];
	sqlite3 *db;

	snprintf(path, sizeof(path), "%s/old.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (int v = 0; v < 5; v++)
		assert_int_equal(sqlite3_exec(db, rota_migrations[v], NULL,
					      NULL, NULL),
				 SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(db,
			     "PRAGMA user_version = 5;"
			     "INSERT INTO contract (id, code) VALUES (1, 'ft');"
			     "INSERT INTO employee (id, code, name, contract_id)"
			     " VALUES (1, 'A001', 'Wei', 1);"
			     "INSERT INTO timeoff (employee_id, start, end, kind,"
			     " weight, note) VALUES (1, 100, 200, 'hard', 0,"
			     " 'annual leave');",
			     NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(rota_store_open(path, 0, &old, &err), 0);
	assert_int_equal(rota_store_schema_version(old), ROTA_SCHEMA_VERSION);
	assert_int_equal(count_in(old->db,
				  "SELECT count(*) FROM timeoff WHERE start = "
				  "100 AND end = 200 AND note = 'annual leave' "
				  "AND type = '' AND status = 'approved' AND "
				  "credit_min IS NULL AND origin = 'import'"),
			 1);
	/* the default leave types are there until the site defines its own */
	assert_int_equal(count_in(old->db,
				  "SELECT count(*) FROM leave_type WHERE "
				  "(name, paid, planned) IN (VALUES "
				  "('annual', 1, 1), ('sick', 1, 0), "
				  "('personal', 0, 1), ('training', 1, 1), "
				  "('unpaid', 0, 1))"),
			 5);
	assert_int_equal(count_in(old->db, "SELECT count(*) FROM absence"), 0);
	rota_store_close(old);
}

static void a_denied_period_may_be_asked_for_again(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = f->st->db;

	assert_int_equal(
		sqlite3_exec(db,
			     "INSERT INTO contract (id, code) VALUES (1, 'ft');"
			     "INSERT INTO employee (id, code, name, contract_id)"
			     " VALUES (1, 'A001', 'Wei', 1);"
			     "INSERT INTO timeoff (employee_id, start, end, kind,"
			     " status) VALUES (1, 100, 200, 'hard', 'denied');"
			     "INSERT INTO timeoff (employee_id, start, end, kind,"
			     " status) VALUES (1, 100, 200, 'hard', 'pending');",
			     NULL, NULL, NULL),
		SQLITE_OK);
	/* but two live rows for the same period are one too many */
	assert_int_not_equal(
		sqlite3_exec(db,
			     "INSERT INTO timeoff (employee_id, start, end, kind,"
			     " status) VALUES (1, 100, 200, 'hard', 'approved')",
			     NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(count_in(db, "SELECT count(*) FROM timeoff"), 2);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(version_5_time_off_survives_the_migration_as_approved),
		T(a_denied_period_may_be_asked_for_again),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
