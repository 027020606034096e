/*
 * tests/test_publication.c - store/publication.c: publication rows and time
 * off from calendars, on a temporary database seeded with plain SQL.
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

#include "core/time.h"
#include "store/store_int.h"

struct db {
	char path[64];
	struct rota_store *st;
};

static int setup(void **state)
{
	struct db *d = calloc(1, sizeof(*d));
	struct rota_site site = ROTA_SITE_INIT;
	struct rota_error err = {0};
	int fd;

	if (!d)
		return -1;
	strcpy(d->path, "/tmp/rota-pub-test.XXXXXX");
	if ((fd = mkstemp(d->path)) < 0)
		return -1;
	close(fd);
	unlink(d->path);
	if (rota_store_open(d->path, ROTA_STORE_CREATE, &d->st, &err) < 0)
		return -1;
	strcpy(site.timezone, "Europe/London");
	if (rota_store_site_set(d->st, &site, &err) < 0 ||
	    rota_db_exec(d->st,
			 "INSERT INTO contract (code) VALUES ('std');"
			 "INSERT INTO employee (code, name, email, team, "
			 "contract_id) VALUES "
			 "('E001', 'Ann', 'ann@example.com', 'blue', 1),"
			 "('E002', 'Bob', 'bob@example.com', 'blue', 1);",
			 &err) < 0)
		return -1;
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct db *d = *state;
	char p[80];

	rota_store_close(d->st);
	unlink(d->path);
	snprintf(p, sizeof(p), "%s-wal", d->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", d->path);
	unlink(p);
	free(d);
	return 0;
}

static struct rota_publication row(const char *uid, const char *emp,
				   int32_t day, int seq, int cancelled)
{
	struct rota_publication p;

	memset(&p, 0, sizeof(p));
	strcpy(p.uid, uid);
	strcpy(p.employee, emp);
	p.day = day;
	strcpy(p.shift, "E");
	strcpy(p.skill, "voice");
	p.start = (int64_t)day * 86400 + 7 * 3600;
	p.end = p.start + 8 * 3600;
	p.sequence = seq;
	p.cancelled = cancelled;
	strcpy(p.hash, "0123456789abcdef");
	p.published_at = 1774000000 + seq;
	return p;
}

static void publication_rows_round_trip_and_are_replaced_by_uid(void **state)
{
	struct db *d = *state;
	int32_t mon = rota_days_from_civil(2026, 3, 23);
	struct rota_publication in[3], *out = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	in[0] = row("u-b", "E002", mon, 0, 0);
	in[1] = row("u-a", "E001", mon + 6, 2, 1);
	in[2] = row("u-c", "E001", mon + 7, 0, 0);   /* next week */
	assert_int_equal(rota_store_publication_put(d->st, in, 3, &err), 0);
	assert_int_equal(rota_store_publication_list(d->st, NULL, mon,
						     mon + 7, &out, &n, &err),
			 0);
	assert_int_equal(n, 2);
	/* sorted by employee, then day */
	assert_memory_equal(&out[0], &in[1], sizeof(in[1]));
	assert_memory_equal(&out[1], &in[0], sizeof(in[0]));
	free(out);
	in[0].sequence = 1;
	in[0].start += 3600;
	memset(in[0].skill, 0, sizeof(in[0].skill));
	assert_int_equal(rota_store_publication_put(d->st, in, 1, &err), 0);
	assert_int_equal(rota_store_publication_list(d->st, "E002", mon,
						     mon + 14, &out, &n, &err),
			 0);
	assert_int_equal(n, 1);
	assert_memory_equal(&out[0], &in[0], sizeof(in[0]));
	free(out);
	assert_int_equal(rota_store_publication_list(d->st, "E001", mon + 7,
						     mon + 14, &out, &n, &err),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(out[0].uid, "u-c");
	free(out);
}

static void publication_of_an_unknown_employee_writes_nothing(void **state)
{
	struct db *d = *state;
	int32_t mon = rota_days_from_civil(2026, 3, 23);
	struct rota_publication in[2], *out = NULL;
	struct rota_error err = {0};
	size_t n = 9;

	in[0] = row("u-1", "E001", mon, 0, 0);
	in[1] = row("u-2", "E999", mon, 0, 0);
	assert_int_equal(rota_store_publication_put(d->st, in, 2, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg,
			    "publication u-2: unknown employee 'E999'");
	assert_int_equal(rota_store_publication_list(d->st, NULL, mon - 7,
						     mon + 7, &out, &n, &err),
			 0);
	assert_int_equal(n, 0);
	assert_null(out);
}

static struct rota_timeoff period(const char *emp, int64_t start, int hours,
				  const char *note)
{
	struct rota_timeoff t;

	memset(&t, 0, sizeof(t));
	strcpy(t.employee, emp);
	t.start = start;
	t.end = start + hours * 3600;
	t.kind = ROTA_TIMEOFF_HARD;
	strcpy(t.note, note);
	return t;
}

static void time_off_is_added_updated_or_left_unchanged(void **state)
{
	struct db *d = *state;
	struct rota_timeoff in[3];
	struct rota_import_stats stats;
	struct rota_dataset ds;
	struct rota_error err = {0};

	memset(&stats, 0, sizeof(stats));
	in[0] = period("E001", 1775000000, 8, "Dentist");
	in[1] = period("E002", 1775000000, 24, "Holiday");
	assert_int_equal(rota_store_timeoff_put(d->st, in, 2, &stats, &err),
			 0);
	assert_int_equal(stats.added, 2);
	memset(&stats, 0, sizeof(stats));
	strcpy(in[1].note, "Holiday, Spain");
	in[2] = period("E001", 1775100000, 1, "");
	assert_int_equal(rota_store_timeoff_put(d->st, in, 3, &stats, &err),
			 0);
	assert_int_equal(stats.added, 1);
	assert_int_equal(stats.updated, 1);
	assert_int_equal(stats.unchanged, 1);
	assert_int_equal(rota_store_load(d->st, &ds, &err), 0);
	assert_int_equal(ds.n_timeoff, 3);
	assert_string_equal(ds.timeoff[2].employee, "E002");
	assert_string_equal(ds.timeoff[2].note, "Holiday, Spain");
	assert_int_equal(ds.timeoff[2].end - ds.timeoff[2].start, 86400);
	rota_dataset_release(&ds);
}

static void time_off_with_a_bad_row_writes_nothing(void **state)
{
	struct db *d = *state;
	struct rota_timeoff in[2];
	struct rota_dataset ds;
	struct rota_error err = {0};

	in[0] = period("E001", 1775000000, 8, "ok");
	in[1] = period("E404", 1775000000, 8, "who");
	assert_int_equal(rota_store_timeoff_put(d->st, in, 2, NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "time off: unknown employee 'E404'");
	in[1] = period("E002", 1775000000, 0, "empty");
	assert_int_equal(rota_store_timeoff_put(d->st, in, 2, NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg,
			    "time off of 'E002': ends before it starts");
	assert_int_equal(rota_store_load(d->st, &ds, &err), 0);
	assert_int_equal(ds.n_timeoff, 0);
	rota_dataset_release(&ds);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(publication_rows_round_trip_and_are_replaced_by_uid),
		T(publication_of_an_unknown_employee_writes_nothing),
		T(time_off_is_added_updated_or_left_unchanged),
		T(time_off_with_a_bad_row_writes_nothing),
	};

	return cmocka_run_group_tests_name("publication", tests, NULL, NULL);
}
