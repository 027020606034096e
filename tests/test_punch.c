/*
 * tests/test_punch.c - clock records in the store: clocking in and out,
 * corrections, the append-only triggers, importing punches.csv, concurrent
 * writers, and the attendance report read from the store.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/time.h"
#include "store/import_int.h"
#include "store/store.h"
#include "store/store_int.h"

struct env {
	char dir[256];
	char db[300];
	struct rota_store *st;
	struct rota_tz *tz;
};

static void sql(struct rota_store *st, const char *text)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, text, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "sql: %s\n", msg ? msg : "?");
		sqlite3_free(msg);
		fail();
	}
}

static void add_employee(struct rota_store *st, const char *code,
			 const char *team)
{
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_prepare_v2(st->db,
					    "INSERT INTO employee (code, name, "
					    "team, contract_id) VALUES (?1, "
					    "'Name ' || ?1, ?2, 1)",
					    -1, &s, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, team, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
}

/* A database with site zone `zone` and employees a1, a2 (team red), b1
 * (team blue). */
static int setup_zone(void **state, const char *zone)
{
	struct env *e = calloc(1, sizeof(*e));
	struct rota_error err = {0};
	struct rota_site site = ROTA_SITE_INIT;
	const char *tmp = getenv("TMPDIR");

	snprintf(e->dir, sizeof(e->dir), "%s/rota-punch.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(e->dir))
		return -1;
	snprintf(e->db, sizeof(e->db), "%s/rota.db", e->dir);
	if (rota_store_open(e->db, ROTA_STORE_CREATE, &e->st, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	rota_strlcpy(site.timezone, zone, sizeof(site.timezone));
	if (rota_store_site_set(e->st, &site, &err) < 0)
		return -1;
	e->tz = rota_tz_load(zone, &err);
	sql(e->st, "INSERT INTO contract (code) VALUES ('std');"
		   "INSERT INTO shift (code, name, start_min, length_min, days)"
		   " VALUES ('D', 'Day', 540, 480, 127);");
	add_employee(e->st, "a1", "red");
	add_employee(e->st, "a2", "red");
	add_employee(e->st, "b1", "blue");
	*state = e;
	return 0;
}

static int setup(void **state)
{
	return setup_zone(state, "UTC");
}

static int setup_london(void **state)
{
	return setup_zone(state, "Europe/London");
}

static int teardown(void **state)
{
	struct env *e = *state;
	char path[400];

	rota_store_close(e->st);
	rota_tz_free(e->tz);
	unlink(e->db);
	snprintf(path, sizeof(path), "%s-wal", e->db);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", e->db);
	unlink(path);
	snprintf(path, sizeof(path), "%s/punches.csv", e->dir);
	unlink(path);
	rmdir(e->dir);
	free(e);
	return 0;
}

/* UTC instant of a local "YYYY-MM-DD HH:MM" in the site zone */
static int64_t at(struct env *e, const char *text)
{
	int64_t t = 0;

	assert_int_equal(rota_parse_instant(e->tz, text, &t, NULL), 0);
	return t;
}

static int64_t clock_ok(struct env *e, const char *emp, int kind,
			const char *when)
{
	struct rota_error err = {0};
	struct rota_punch_record r;
	int rc = rota_store_clock(e->st, emp, kind, at(e, when), "test", 1000,
				  &r, &err);

	if (rc != 0)
		fail_msg("clock %s %s: %s", emp, when, err.msg);
	return r.id;
}

/* Save one roster holding the given shifts ("YYYY-MM-DD HH:MM" start,
 * minutes) for one employee; all in the same ISO week. */
static void roster(struct env *e, const char *emp, const char *const *start,
		   const int *len, int n)
{
	struct rota_roster r;
	struct rota_assignment a[8];
	struct rota_error err = {0};

	memset(&r, 0, sizeof(r));
	memset(a, 0, sizeof(a));
	for (int i = 0; i < n; i++) {
		rota_strlcpy(a[i].employee, emp, sizeof(a[i].employee));
		rota_strlcpy(a[i].shift, "D", sizeof(a[i].shift));
		a[i].start = at(e, start[i]);
		a[i].end = a[i].start + len[i] * 60;
		a[i].day = rota_tz_day_of(e->tz, a[i].start);
		a[i].paid_min = len[i];
	}
	r.week = rota_week_monday(a[0].day);
	rota_strlcpy(r.origin, "import", sizeof(r.origin));
	r.assignments = a;
	r.n_assignments = (size_t)n;
	if (rota_store_roster_save(e->st, &r, &err) < 0)
		fail_msg("roster: %s", err.msg);
}

static struct rota_attendance_report *report(struct env *e, const char *from,
					     const char *to, const char *emp,
					     const char *team, int detail)
{
	struct rota_attendance_query q = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_attendance_report *r = NULL;
	struct rota_error err = {0};

	assert_int_equal(rota_parse_date(from, &q.from, NULL), 0);
	assert_int_equal(rota_parse_date(to, &q.to, NULL), 0);
	q.employee = emp;
	q.team = team;
	q.detail = detail;
	if (rota_store_attendance(e->st, &q, &r, &err) < 0)
		fail_msg("attendance: %s", err.msg);
	return r;
}

static int64_t count(struct env *e, const char *query)
{
	sqlite3_stmt *s;
	int64_t n;

	assert_int_equal(sqlite3_prepare_v2(e->st->db, query, -1, &s, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* ------------------------------------------------------------ clocking */

static void clocking_in_twice_is_refused_with_the_open_clock_in(void **state)
{
	struct env *e = *state;
	struct rota_error err = {0};
	struct rota_punch_record r;
	int64_t id;

	id = clock_ok(e, "a1", ROTA_PUNCH_IN, "2026-03-02 09:00");
	assert_int_equal(rota_store_punch_get(e->st, id, &r, &err), 0);
	assert_string_equal(r.employee, "a1");
	assert_int_equal(r.at, at(e, "2026-03-02 09:00"));
	assert_string_equal(r.timezone, "UTC");
	assert_string_equal(r.source, "test");
	assert_int_equal(r.recorded_at, 1000);
	assert_int_equal(r.action, ROTA_PUNCH_ORIGINAL);
	assert_true(r.effective);
	assert_int_equal(rota_store_clock(e->st, "a1", ROTA_PUNCH_IN,
					  at(e, "2026-03-02 09:30"), "test",
					  1000, NULL, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg,
			    "'a1' is already clocked in since "
			    "2026-03-02T09:00:00+00:00 (record 1); clock out "
			    "first");
	assert_int_equal(count(e, "SELECT count(*) FROM punch"), 1);
	/* another employee is not affected */
	clock_ok(e, "a2", ROTA_PUNCH_IN, "2026-03-02 09:30");
	clock_ok(e, "a1", ROTA_PUNCH_OUT, "2026-03-02 17:00");
	clock_ok(e, "a1", ROTA_PUNCH_IN, "2026-03-03 09:00");
}

static void clocking_out_twice_is_refused_the_same_way(void **state)
{
	struct env *e = *state;
	struct rota_error err = {0};

	clock_ok(e, "a1", ROTA_PUNCH_IN, "2026-03-02 09:00");
	clock_ok(e, "a1", ROTA_PUNCH_OUT, "2026-03-02 17:00");
	assert_int_equal(rota_store_clock(e->st, "a1", ROTA_PUNCH_OUT,
					  at(e, "2026-03-02 17:01"), NULL, 0,
					  NULL, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg,
			    "'a1' already clocked out at "
			    "2026-03-02T17:00:00+00:00 (record 2) and has not "
			    "clocked in since");
}

static void a_clock_in_left_open_sixteen_hours_no_longer_blocks(void **state)
{
	struct env *e = *state;

	clock_ok(e, "a1", ROTA_PUNCH_IN, "2026-03-02 09:00");
	/* forgot to clock out; the next morning is a new clock-in */
	clock_ok(e, "a1", ROTA_PUNCH_IN, "2026-03-03 09:00");
	/* an out with no clock-in is recorded (a missing in, reported) */
	clock_ok(e, "b1", ROTA_PUNCH_OUT, "2026-03-03 17:00");
	assert_int_equal(count(e, "SELECT count(*) FROM punch"), 3);
}

static void clocking_needs_a_known_employee(void **state)
{
	struct env *e = *state;
	struct rota_error err = {0};

	assert_int_equal(rota_store_clock(e->st, "zz", ROTA_PUNCH_IN, 0, "",
					  0, NULL, &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "unknown employee 'zz'");
	assert_int_equal(rota_store_clock(e->st, "a1", 7, 0, "", 0, NULL,
					  &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "a punch is 'in' or 'out'");
	assert_int_equal(count(e, "SELECT count(*) FROM punch"), 0);
}

static void punches_cannot_be_updated_or_deleted(void **state)
{
	struct env *e = *state;
	char *msg = NULL;

	clock_ok(e, "a1", ROTA_PUNCH_IN, "2026-03-02 09:00");
	assert_int_not_equal(sqlite3_exec(e->st->db,
					  "UPDATE punch SET at = 0", NULL,
					  NULL, &msg),
			     SQLITE_OK);
	assert_string_equal(msg,
			    "clock records are append-only: use a correction");
	sqlite3_free(msg);
	msg = NULL;
	assert_int_not_equal(sqlite3_exec(e->st->db, "DELETE FROM punch",
					  NULL, NULL, &msg),
			     SQLITE_OK);
	assert_string_equal(msg,
			    "clock records are append-only: use a correction");
	sqlite3_free(msg);
	msg = NULL;
	/* a correction of a row that does not exist, or a second one */
	assert_int_not_equal(
		sqlite3_exec(e->st->db,
			     "INSERT INTO punch (employee_id, at, kind, "
			     "timezone, recorded_at, action, corrects, reason, "
			     "by) VALUES (1, 0, 'in', 'UTC', 0, 'void', 99, "
			     "'x', 'y')",
			     NULL, NULL, &msg),
		SQLITE_OK);
	assert_string_equal(msg, "FOREIGN KEY constraint failed");
	sqlite3_free(msg);
	msg = NULL;
	assert_int_equal(sqlite3_exec(e->st->db,
				      "INSERT INTO punch (employee_id, at, "
				      "kind, timezone, recorded_at, action, "
				      "corrects, reason, by) VALUES (1, 0, "
				      "'in', 'UTC', 0, 'void', 1, 'x', 'y')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_not_equal(
		sqlite3_exec(e->st->db,
			     "INSERT INTO punch (employee_id, at, kind, "
			     "timezone, recorded_at, action, corrects, reason, "
			     "by) VALUES (1, 0, 'in', 'UTC', 0, 'void', 1, "
			     "'x', 'y')",
			     NULL, NULL, &msg),
		SQLITE_OK);
	assert_string_equal(msg, "UNIQUE constraint failed: punch.corrects");
	sqlite3_free(msg);
	/* a correction without a reason */
	msg = NULL;
	assert_int_not_equal(
		sqlite3_exec(e->st->db,
			     "INSERT INTO punch (employee_id, at, kind, "
			     "timezone, recorded_at, action) VALUES (1, 0, "
			     "'in', 'UTC', 0, 'add')",
			     NULL, NULL, &msg),
		SQLITE_OK);
	assert_string_equal(msg, "CHECK constraint failed: action = 'punch' "
				 "OR (reason <> '' AND by <> '')");
	sqlite3_free(msg);
	assert_int_equal(count(e, "SELECT count(*) FROM punch WHERE at > 0"),
			 1);
}

/* --------------------------------------------------------- corrections */

static void corrections_change_the_summary_and_keep_the_originals(
	void **state)
{
	struct env *e = *state;
	const char *const starts[] = {"2026-03-02 09:00"};
	const int lens[] = {480};
	struct rota_attendance_report *r;
	struct rota_punch_record rec, *list = NULL;
	struct rota_error err = {0};
	int64_t in_id, out_id;
	size_t n = 0;

	roster(e, "a1", starts, lens, 1);
	in_id = clock_ok(e, "a1", ROTA_PUNCH_IN, "2026-03-02 09:20");
	out_id = clock_ok(e, "a1", ROTA_PUNCH_OUT, "2026-03-02 17:00");
	r = report(e, "2026-03-02", "2026-03-02", "a1", NULL, 0);
	assert_int_equal(r->people[0].att.total.late_count, 1);
	assert_int_equal(r->people[0].att.total.late_min, 20);
	rota_attendance_report_free(r);

	/* the terminal was wrong: the in was at 09:00 */
	assert_int_equal(rota_store_punch_correct(e->st, in_id,
						  at(e, "2026-03-02 09:00"),
						  "terminal clock slow", "hr1",
						  2000, &rec, &err),
			 0);
	assert_int_equal(rec.action, ROTA_PUNCH_CORRECT);
	assert_int_equal(rec.corrects, in_id);
	assert_int_equal(rec.kind, ROTA_PUNCH_IN);
	assert_string_equal(rec.reason, "terminal clock slow");
	assert_string_equal(rec.by, "hr1");
	r = report(e, "2026-03-02", "2026-03-02", "a1", NULL, 0);
	assert_int_equal(r->people[0].att.total.late_count, 0);
	assert_int_equal(r->people[0].att.total.worked_min, 480);
	rota_attendance_report_free(r);

	/* void the out: a missing out */
	assert_int_equal(rota_store_punch_void(e->st, out_id, "wrong person",
					       "hr1", 2001, NULL, &err),
			 0);
	r = report(e, "2026-03-02", "2026-03-02", "a1", NULL, 0);
	assert_int_equal(r->people[0].att.total.missing_punches, 1);
	assert_int_equal(r->people[0].att.total.worked_min, 0);
	rota_attendance_report_free(r);

	/* add the forgotten out */
	assert_int_equal(rota_store_punch_add(e->st, "a1", ROTA_PUNCH_OUT,
					      at(e, "2026-03-02 16:00"),
					      "forgot to clock out", "hr2",
					      2002, NULL, &err),
			 0);
	r = report(e, "2026-03-02", "2026-03-02", "a1", NULL, 0);
	assert_int_equal(r->people[0].att.total.missing_punches, 0);
	assert_int_equal(r->people[0].att.total.worked_min, 420);
	assert_int_equal(r->people[0].att.total.early_min, 60);
	rota_attendance_report_free(r);

	/* every record is still there, the originals unchanged */
	assert_int_equal(rota_store_punches_list(e->st, "a1", INT64_MIN,
						 INT64_MAX, 1, &list, &n,
						 &err),
			 0);
	assert_int_equal(n, 5);
	/* by time: the 09:00 correction (3), the 09:20 original, the added
	 * 16:00 out (5), the 17:00 original and its void (4) */
	assert_int_equal(list[0].id, 3);
	assert_int_equal(list[0].action, ROTA_PUNCH_CORRECT);
	assert_int_equal(list[1].id, in_id);
	assert_int_equal(list[2].id, 5);
	assert_int_equal(list[3].id, out_id);
	assert_int_equal(list[4].id, 4);
	assert_int_equal(list[4].action, ROTA_PUNCH_VOID);
	assert_int_equal(list[4].corrects, out_id);
	assert_false(list[4].effective);
	free(list);
	assert_int_equal(rota_store_punch_get(e->st, in_id, &rec, &err), 0);
	assert_int_equal(rec.at, at(e, "2026-03-02 09:20"));
	assert_int_equal(rec.action, ROTA_PUNCH_ORIGINAL);
	assert_int_equal(rec.superseded_by, 3);
	assert_false(rec.effective);
	assert_int_equal(rota_store_punch_get(e->st, out_id, &rec, &err), 0);
	assert_int_equal(rec.superseded_by, 4);
	assert_false(rec.effective);
	/* the effective list: corrected in, added out */
	assert_int_equal(rota_store_punches_list(e->st, NULL, INT64_MIN,
						 INT64_MAX, 0, &list, &n,
						 &err),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, 3);
	assert_int_equal(list[1].id, 5);
	assert_int_equal(list[1].action, ROTA_PUNCH_ADD);
	free(list);
}

static void corrections_that_cannot_apply_are_refused(void **state)
{
	struct env *e = *state;
	struct rota_error err = {0};
	int64_t id;

	id = clock_ok(e, "a1", ROTA_PUNCH_IN, "2026-03-02 09:00");
	assert_int_equal(rota_store_punch_void(e->st, id, "", "hr", 0, NULL,
					       &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "a correction needs a reason");
	assert_int_equal(rota_store_punch_void(e->st, id, "x", NULL, 0, NULL,
					       &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg,
			    "a correction needs the name of who makes it");
	assert_int_equal(rota_store_punch_void(e->st, 99, "x", "hr", 0, NULL,
					       &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "no clock record 99");
	assert_int_equal(rota_store_punch_correct(e->st, id, 5, "x", "hr", 0,
						  NULL, &err),
			 0);
	assert_int_equal(rota_store_punch_void(e->st, id, "x", "hr", 0, NULL,
					       &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg,
			    "record 1 was already corrected by record 2; "
			    "correct or void that record instead");
	assert_int_equal(rota_store_punch_void(e->st, 2, "x", "hr", 0, NULL,
					       &err),
			 0);
	assert_int_equal(rota_store_punch_correct(e->st, 2, 9, "x", "hr", 0,
						  NULL, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "record 2 was already voided by record "
				     "3; add a punch instead");
	assert_int_equal(rota_store_punch_void(e->st, 3, "x", "hr", 0, NULL,
					       &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "record 3 is a void, not a punch; it "
				     "cannot be corrected");
	assert_int_equal(rota_store_punch_add(e->st, "a1", ROTA_PUNCH_IN, 0,
					      "x", "", 0, NULL, &err),
			 ROTA_EINVAL);
	assert_int_equal(count(e, "SELECT count(*) FROM punch"), 3);
}

/* ------------------------------------------------------------- import */

static int import_text(struct env *e, const char *text,
		       struct rota_import_stats *stats, struct rota_error *err)
{
	char path[300];
	struct rota_import im;
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/punches.csv", e->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	memset(&im, 0, sizeof(im));
	memset(stats, 0, sizeof(*stats));
	im.st = e->st;
	im.path = path;
	im.label = "punches.csv";
	im.stats = stats;
	rc = rota_import_punches(&im, err);
	rota_tz_free(im.tz);
	return rc;
}

static void importing_punches_skips_exact_duplicates_and_counts_them(
	void **state)
{
	struct env *e = *state;
	struct rota_import_stats stats;
	struct rota_error err = {0};
	const char *csv =
		"employee,time,kind,source,badge\n"
		"a1,2026-03-02 09:00,in,t1,7\n"
		"a1,2026-03-02T17:00:00+00:00,out,t1,7\n"
		"a1,2026-03-02T09:00:00Z,in,t1,7\n"     /* same as line 2 */
		"a1,2026-03-02 09:00,in,t2,7\n"         /* other source */
		"a2,2026-03-02 10:00:30+01:00,IN,,\n"
		"a2,2026-03-02 09:00:30,in,,\n";        /* same as above */

	assert_int_equal(import_text(e, csv, &stats, &err), 0);
	assert_int_equal(stats.added, 4);
	assert_int_equal(stats.skipped, 2);
	assert_string_equal(stats.extra_columns, "badge");
	assert_int_equal(count(e, "SELECT count(*) FROM punch"), 4);
	assert_int_equal(count(e, "SELECT count(*) FROM punch WHERE source = "
				  "'import' AND at % 60 = 30"),
			 1);
	/* importing it again adds nothing */
	assert_int_equal(import_text(e, csv, &stats, &err), 0);
	assert_int_equal(stats.added, 0);
	assert_int_equal(stats.skipped, 6);
	assert_int_equal(count(e, "SELECT count(*) FROM punch"), 4);
}

static void reimporting_never_brings_back_a_voided_punch(void **state)
{
	struct env *e = *state;
	struct rota_import_stats stats;
	struct rota_error err = {0};
	struct rota_punch_record *list = NULL;
	size_t n = 0;
	const char *csv = "employee,time,kind\n"
			  "a1,2026-03-02 09:00,in\n";

	assert_int_equal(import_text(e, csv, &stats, &err), 0);
	assert_int_equal(rota_store_punch_void(e->st, 1, "test badge", "hr",
					       0, NULL, &err),
			 0);
	assert_int_equal(import_text(e, csv, &stats, &err), 0);
	assert_int_equal(stats.skipped, 1);
	assert_int_equal(rota_store_punches_list(e->st, NULL, INT64_MIN,
						 INT64_MAX, 0, &list, &n,
						 &err),
			 0);
	assert_int_equal(n, 0);
	free(list);
}

static void import_errors_name_the_line_and_column_and_store_nothing(
	void **state)
{
	struct env *e = *state;
	struct rota_import_stats stats;
	struct rota_error err = {0};

	assert_int_equal(import_text(e,
				     "employee,time,kind\n"
				     "a1,2026-03-02 09:00,in\n"
				     "zz,2026-03-02 09:00,in\n",
				     &stats, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "punches.csv:3: column 'employee': "
				     "unknown employee 'zz'");
	assert_int_equal(import_text(e,
				     "employee,time,kind\n"
				     "a1,2026-03-02 09:00,sideways\n",
				     &stats, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "punches.csv:2: column 'kind': "
				     "'sideways' is not a punch kind "
				     "(expected in or out)");
	assert_int_equal(import_text(e,
				     "employee,time,kind\n\n"
				     "a1,2026-02-30 09:00,in\n",
				     &stats, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg,
			    "punches.csv:3: column 'time': '2026-02-30 09:00' "
			    "is not a time (expected YYYY-MM-DD HH:MM local, "
			    "or ISO 8601 with an offset)");
	assert_int_equal(import_text(e, "employee,time,kind\n,x,in\n", &stats,
				     &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "punches.csv:2: column 'employee': "
				     "empty");
	assert_int_equal(import_text(e, "employee,kind\na1,in\n", &stats,
				     &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg,
			    "punches.csv:1: missing column 'time' in the "
			    "header");
	assert_int_equal(count(e, "SELECT count(*) FROM punch"), 0);
	assert_int_equal(stats.added, 0);
}

/* -------------------------------------------------------- concurrency */

#define PER_PROCESS 200

/* Child: clock PER_PROCESS employees of its own in, then out. */
static int clock_many(const char *db, int which)
{
	struct rota_store *st = NULL;
	struct rota_error err = {0};
	int64_t t0 = (int64_t)rota_days_from_civil(2026, 3, 2) * 86400 +
		     9 * 3600;
	char id[32];

	if (rota_store_open(db, 0, &st, &err) < 0) {
		fprintf(stderr, "child %d: %s\n", which, err.msg);
		return 1;
	}
	for (int kind = ROTA_PUNCH_IN; kind <= ROTA_PUNCH_OUT; kind++)
		for (int i = 0; i < PER_PROCESS; i++) {
			snprintf(id, sizeof(id), "p%d-%03d", which, i);
			if (rota_store_clock(st, id, kind,
					     t0 + kind * 8 * 3600 + i, "child",
					     (int64_t)time(NULL), NULL,
					     &err) < 0) {
				fprintf(stderr, "child %d: %s\n", which,
					err.msg);
				rota_store_close(st);
				return 1;
			}
		}
	rota_store_close(st);
	return 0;
}

static void two_processes_clocking_at_once_lose_nothing(void **state)
{
	struct env *e = *state;
	pid_t pid[2];
	char id[32];
	int status;

	assert_int_equal(sqlite3_exec(e->st->db, "BEGIN", NULL, NULL, NULL),
			 SQLITE_OK);
	for (int w = 0; w < 2; w++)
		for (int i = 0; i < PER_PROCESS; i++) {
			snprintf(id, sizeof(id), "p%d-%03d", w, i);
			add_employee(e->st, id, "load");
		}
	assert_int_equal(sqlite3_exec(e->st->db, "COMMIT", NULL, NULL, NULL),
			 SQLITE_OK);
	for (int w = 0; w < 2; w++) {
		pid[w] = fork();
		assert_true(pid[w] >= 0);
		if (pid[w] == 0)
			_exit(clock_many(e->db, w));
	}
	for (int w = 0; w < 2; w++) {
		assert_int_equal(waitpid(pid[w], &status, 0), pid[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(count(e, "SELECT count(*) FROM punch"),
			 4 * PER_PROCESS);
	assert_int_equal(count(e, "SELECT count(DISTINCT employee_id) FROM "
				  "punch WHERE kind = 'out'"),
			 2 * PER_PROCESS);
	assert_int_equal(count(e, "SELECT count(*) FROM punch p JOIN punch q "
				  "ON q.employee_id = p.employee_id AND "
				  "q.kind = 'out' AND q.at = p.at + 28800 "
				  "WHERE p.kind = 'in'"),
			 2 * PER_PROCESS);
}

/* ---------------------------------------------------- attendance report */

static void report_days_are_site_local_dates(void **state)
{
	struct env *e = *state;
	/* 00:30 BST on Tuesday 2 June is 23:30 UTC on Monday */
	const char *const starts[] = {"2026-06-02 00:30", "2026-06-03 22:00"};
	const int lens[] = {240, 480};
	struct rota_attendance_report *r;

	roster(e, "a1", starts, lens, 2);
	clock_ok(e, "a1", ROTA_PUNCH_IN, "2026-06-02 00:29");
	clock_ok(e, "a1", ROTA_PUNCH_OUT, "2026-06-02 04:30");
	r = report(e, "2026-06-01", "2026-06-01", "a1", NULL, 1);
	assert_int_equal(r->people[0].att.total.shifts, 0);
	rota_attendance_report_free(r);
	r = report(e, "2026-06-02", "2026-06-02", "a1", NULL, 0);
	assert_int_equal(r->people[0].att.total.shifts, 1);
	assert_int_equal(r->people[0].att.total.worked_min, 241);
	rota_attendance_report_free(r);
	r = report(e, "2026-06-02", "2026-06-03", "a1", NULL, 1);
	assert_int_equal(r->people[0].att.total.shifts, 2);
	assert_int_equal(r->people[0].att.total.absences, 1);
	assert_int_equal(r->people[0].att.total.worked_min, 241);
	assert_int_equal(r->n_shifts >= 2, 1);
	/* detail rows point at the report's shifts */
	assert_int_equal(r->people[0].att.n_rows, 2);
	assert_string_equal(r->shifts[r->people[0].att.rows[0].shift].shift,
			    "D");
	assert_int_equal(r->shifts[r->people[0].att.rows[1].shift].start,
			 at(e, "2026-06-03 22:00"));
	rota_attendance_report_free(r);
}

static void punches_at_the_same_instant_are_taken_in_record_order(
	void **state)
{
	struct env *e = *state;
	const char *const starts[] = {"2026-03-02 09:00"};
	const int lens[] = {480};
	struct rota_import_stats stats;
	struct rota_error err = {0};
	struct rota_attendance_report *r;

	roster(e, "a1", starts, lens, 1);
	/* the out is record 1, the in record 2: an out with no in, then an
	 * in with no out (not a zero-length period) */
	assert_int_equal(import_text(e,
				     "employee,time,kind,source\n"
				     "a1,2026-03-02 09:00,out,x\n"
				     "a1,2026-03-02 09:00,in,y\n",
				     &stats, &err),
			 0);
	r = report(e, "2026-03-02", "2026-03-02", "a1", NULL, 1);
	assert_int_equal(r->people[0].att.total.missing_punches, 2);
	assert_int_equal(r->people[0].att.rows[0].flags,
			 ROTA_ATT_MISSING_IN | ROTA_ATT_MISSING_OUT |
				 ROTA_ATT_EARLY);
	assert_int_equal(r->people[0].att.items[0].id, 1);
	assert_int_equal(r->people[0].att.items[0].status, ROTA_ATT_NO_IN);
	rota_attendance_report_free(r);
}

static void report_lists_everyone_asked_for_and_names_unknown_ones(
	void **state)
{
	struct env *e = *state;
	struct rota_attendance_query q = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_attendance_report *r = NULL;
	struct rota_error err = {0};

	r = report(e, "2026-03-02", "2026-03-08", NULL, NULL, 0);
	assert_int_equal(r->n_people, 3);
	assert_string_equal(r->people[0].id, "a1");
	assert_string_equal(r->people[0].name, "Name a1");
	assert_string_equal(r->people[2].team, "blue");
	assert_null(r->shifts);
	rota_attendance_report_free(r);
	r = report(e, "2026-03-02", "2026-03-08", NULL, "red", 0);
	assert_int_equal(r->n_people, 2);
	rota_attendance_report_free(r);

	q.from = q.to = rota_days_from_civil(2026, 3, 2);
	q.employee = "zz";
	assert_int_equal(rota_store_attendance(e->st, &q, &r, &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "unknown employee 'zz'");
	q.employee = NULL;
	q.team = "green";
	assert_int_equal(rota_store_attendance(e->st, &q, &r, &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "no employee in team 'green'");
	q.team = NULL;
	q.to = q.from - 1;
	assert_int_equal(rota_store_attendance(e->st, &q, &r, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "the range ends before it starts");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			clocking_in_twice_is_refused_with_the_open_clock_in,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			clocking_out_twice_is_refused_the_same_way, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			a_clock_in_left_open_sixteen_hours_no_longer_blocks,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			clocking_needs_a_known_employee, setup, teardown),
		cmocka_unit_test_setup_teardown(
			punches_cannot_be_updated_or_deleted, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			corrections_change_the_summary_and_keep_the_originals,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			corrections_that_cannot_apply_are_refused, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			importing_punches_skips_exact_duplicates_and_counts_them,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			reimporting_never_brings_back_a_voided_punch, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			import_errors_name_the_line_and_column_and_store_nothing,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			two_processes_clocking_at_once_lose_nothing, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			report_days_are_site_local_dates, setup_london,
			teardown),
		cmocka_unit_test_setup_teardown(
			punches_at_the_same_instant_are_taken_in_record_order,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			report_lists_everyone_asked_for_and_names_unknown_ones,
			setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
