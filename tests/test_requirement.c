/*
 * tests/test_requirement.c - store/requirement.c: forecast rows and
 * staffing requirements by UTC range, skills by name order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_int.h"

struct fixture {
	char path[64];
	struct rota_store *st;
};

/* A fresh database with a site and the skills voice, chat, email (so the
 * name order, chat < email < voice, differs from the insertion order). */
static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct rota_site site = ROTA_SITE_INIT;
	struct rota_error err = {0};
	int fd;

	if (!fx)
		return -1;
	snprintf(fx->path, sizeof(fx->path), "/tmp/rota-req-XXXXXX");
	fd = mkstemp(fx->path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(fx->path);
	if (rota_store_open(fx->path, ROTA_STORE_CREATE, &fx->st, &err) < 0 ||
	    rota_store_site_set(fx->st, &site, &err) < 0 ||
	    rota_db_exec(fx->st,
			 "INSERT INTO skill (name) VALUES ('voice'), "
			 "('chat'), ('email')",
			 &err) < 0) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char side[80];

	rota_store_close(fx->st);
	unlink(fx->path);
	snprintf(side, sizeof(side), "%s-wal", fx->path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", fx->path);
	unlink(side);
	free(fx);
	return 0;
}

enum { CHAT, EMAIL, VOICE };   /* indices in name order */

static int64_t count(struct rota_store *st, const char *table)
{
	char sql[64];
	sqlite3_stmt *s;
	int64_t n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void forecast_loads_by_half_open_range_sorted_by_start_and_skill_name(
	void **state)
{
	struct fixture *fx = *state;
	const struct rota_forecast in[] = {
		{3600, VOICE, 100, 180}, {1800, VOICE, 80, 200},
		{1800, CHAT, 12.5, 600}, {0, EMAIL, 4, 300},
		{5400, CHAT, 1, 60},
	};
	struct rota_forecast *out = NULL;
	struct rota_error err = {0};
	size_t n = 99;

	(void)state;
	assert_int_equal(rota_store_forecast_put(fx->st, in, 5, &err), 0);
	assert_int_equal(rota_store_forecast_load(fx->st, 0, 5400, &out, &n,
						  &err),
			 0);
	assert_int_equal(n, 4);   /* 5400 is the end: excluded */
	assert_true(out[0].start == 0 && out[0].skill == EMAIL);
	assert_true(out[1].start == 1800 && out[1].skill == CHAT);
	assert_true(out[1].contacts == 12.5 && out[1].aht_s == 600);
	assert_true(out[2].start == 1800 && out[2].skill == VOICE);
	assert_true(out[3].start == 3600 && out[3].skill == VOICE);
	free(out);
	assert_int_equal(rota_store_forecast_load(fx->st, 1800, 1800, &out, &n,
						  &err),
			 0);
	assert_int_equal(n, 0);
	assert_null(out);
}

static void forecast_put_replaces_a_row_with_the_same_start_and_skill(
	void **state)
{
	struct fixture *fx = *state;
	struct rota_forecast row = {7200, VOICE, 10, 100};
	struct rota_forecast *out = NULL;
	size_t n = 0;

	assert_int_equal(rota_store_forecast_put(fx->st, &row, 1, NULL), 0);
	row.contacts = 20;
	row.aht_s = 250;
	assert_int_equal(rota_store_forecast_put(fx->st, &row, 1, NULL), 0);
	assert_int_equal(count(fx->st, "forecast"), 1);
	assert_int_equal(rota_store_forecast_load(fx->st, 0, 10000, &out, &n,
						  NULL),
			 0);
	assert_int_equal(n, 1);
	assert_true(out[0].contacts == 20 && out[0].aht_s == 250);
	free(out);
}

static void a_bad_forecast_row_writes_nothing_and_says_which(void **state)
{
	struct fixture *fx = *state;
	struct rota_forecast rows[] = {{0, VOICE, 10, 100},
				       {1800, 3, 10, 100}};
	struct rota_error err = {0};

	assert_int_equal(rota_store_forecast_put(fx->st, rows, 2, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "forecast row 2: skill index 3 is out "
				     "of range (3 skills)");
	rows[1].skill = CHAT;
	rows[1].contacts = -1;
	assert_int_equal(rota_store_forecast_put(fx->st, rows, 2, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "forecast row 2: contacts must be a "
				     "number >= 0 (got -1)");
	rows[1].contacts = 1;
	rows[1].aht_s = 0;
	assert_int_equal(rota_store_forecast_put(fx->st, rows, 2, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "forecast row 2: aht_s must be greater "
				     "than 0 (got 0)");
	assert_int_equal(count(fx->st, "forecast"), 0);
}

static void requirements_replace_only_their_range(void **state)
{
	struct fixture *fx = *state;
	const struct rota_requirement week1[] = {
		{0, VOICE, 14, 20, 0.888}, {0, CHAT, 3, 4, 0.9},
		{1800, VOICE, 12, 18, 0.85}};
	const struct rota_requirement week2[] = {{604800, VOICE, 7, 10, 0.8}};
	const struct rota_requirement again[] = {{1800, EMAIL, 1, 2, 1}};
	struct rota_requirement *out = NULL;
	size_t n = 0;

	assert_int_equal(rota_store_requirements_save(fx->st, 0, 604800,
						      week1, 3, NULL),
			 0);
	assert_int_equal(rota_store_requirements_save(fx->st, 604800, 1209600,
						      week2, 1, NULL),
			 0);
	/* recomputing week 1 drops its old rows, keeps week 2 */
	assert_int_equal(rota_store_requirements_save(fx->st, 0, 604800,
						      again, 1, NULL),
			 0);
	assert_int_equal(count(fx->st, "requirement"), 2);
	assert_int_equal(rota_store_requirements_load(fx->st, 0, 1209600, &out,
						      &n, NULL),
			 0);
	assert_int_equal(n, 2);
	assert_true(out[0].start == 1800 && out[0].skill == EMAIL &&
		    out[0].agents == 1 && out[0].scheduled_agents == 2 &&
		    out[0].service_level == 1);
	assert_true(out[1].start == 604800 && out[1].skill == VOICE &&
		    out[1].agents == 7 && out[1].scheduled_agents == 10 &&
		    out[1].service_level == 0.8);
	free(out);
	/* an empty list clears the range */
	assert_int_equal(rota_store_requirements_save(fx->st, 0, 604800, NULL,
						      0, NULL),
			 0);
	assert_int_equal(count(fx->st, "requirement"), 1);
}

static void bad_requirements_are_refused_and_change_nothing(void **state)
{
	struct fixture *fx = *state;
	struct rota_requirement rows[] = {{0, VOICE, 14, 20, 0.9},
					  {1800, VOICE, 1, 1, 1}};
	struct rota_error err = {0};

	assert_int_equal(rota_store_requirements_save(fx->st, 0, 3600, rows, 1,
						      NULL),
			 0);
	rows[1].start = 3600;
	assert_int_equal(rota_store_requirements_save(fx->st, 0, 3600, rows, 2,
						      &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "requirement 2: start 3600 is outside "
				     "the range [0, 3600)");
	rows[1].start = 1800;
	rows[1].skill = -1;
	assert_int_equal(rota_store_requirements_save(fx->st, 0, 3600, rows, 2,
						      &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "requirement 2: skill index -1 is out of "
				     "range (3 skills)");
	rows[1].skill = CHAT;
	rows[1].scheduled_agents = -2;
	assert_int_equal(rota_store_requirements_save(fx->st, 0, 3600, rows, 2,
						      &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "requirement 2: negative agents");
	assert_int_equal(rota_store_requirements_save(fx->st, 10, 0, rows, 0,
						      &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "requirements: range ends before it "
				     "starts");
	assert_int_equal(count(fx->st, "requirement"), 1);
}

static void requirements_join_the_callers_transaction(void **state)
{
	struct fixture *fx = *state;
	const struct rota_requirement row = {0, VOICE, 5, 5, 0.9};

	assert_int_equal(rota_store_begin(fx->st, NULL), 0);
	assert_int_equal(rota_store_requirements_save(fx->st, 0, 60, &row, 1,
						      NULL),
			 0);
	assert_int_equal(count(fx->st, "requirement"), 1);
	rota_store_rollback(fx->st);
	assert_int_equal(count(fx->st, "requirement"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			forecast_loads_by_half_open_range_sorted_by_start_and_skill_name,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			forecast_put_replaces_a_row_with_the_same_start_and_skill,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_bad_forecast_row_writes_nothing_and_says_which, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			requirements_replace_only_their_range, setup, teardown),
		cmocka_unit_test_setup_teardown(
			bad_requirements_are_refused_and_change_nothing, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			requirements_join_the_callers_transaction, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
