/* tests/test_roster.c - importing roster.csv (read by the store, committed
 * by the plan layer), and the week's requirements the roster commands
 * read. */
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
#include "plan/plan.h"
#include "store/store.h"
#include "store/store_int.h"

struct fx {
	char dir[64];
	char db[96];
	struct rota_store *st;
};

static const char site_ini[] =
	"[site]\nname = Test site\ntimezone = Europe/London\n"
	"interval_min = 30\n\n[skill.voice]\n[skill.chat]\nconcurrency = 2\n";
static const char contracts_csv[] =
	"id,min_week_min,max_week_min,max_days_week\nft,2400,2400,5\n";
static const char shifts_csv[] =
	"code,name,start,length_min,break_min,days,skills\n"
	"E,Early shift,07:00,540,60,Mon-Fri,\n"
	"L,Late shift,14:00,540,60,all,voice\n"
	"N,Night shift,22:00,480,30,Sat;Sun,voice\n";
static const char staff_csv[] =
	"id,name,email,team,contract,skills\n"
	"A001,王伟,,t1,ft,voice;chat\n"
	"A002,\"Smith, Jane\",,t1,ft,chat\n";

static void write_file(const struct fx *f, const char *name, const char *text)
{
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int import(struct fx *f, int kind, const char *name,
		  struct rota_import_stats *stats, struct rota_error *err)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	return rota_store_import_file(f->st, kind, path, name, stats, err);
}

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct rota_error err = {0};

	snprintf(f->dir, sizeof(f->dir), "/tmp/rota-test-roster.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/rota.db", f->dir);
	assert_int_equal(rota_store_open(f->db, ROTA_STORE_CREATE, &f->st, &err),
			 0);
	write_file(f, "site.ini", site_ini);
	write_file(f, "contracts.csv", contracts_csv);
	write_file(f, "shifts.csv", shifts_csv);
	write_file(f, "staff.csv", staff_csv);
	if (import(f, ROTA_IMPORT_SITE, "site.ini", NULL, &err) < 0 ||
	    import(f, ROTA_IMPORT_CONTRACTS, "contracts.csv", NULL, &err) < 0 ||
	    import(f, ROTA_IMPORT_SHIFTS, "shifts.csv", NULL, &err) < 0 ||
	    import(f, ROTA_IMPORT_STAFF, "staff.csv", NULL, &err) < 0)
		fail_msg("base import: %s", err.msg);
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	char path[256];
	const char *names[] = {"rota.db",	"rota.db-wal", "rota.db-shm",
			       "site.ini",	"contracts.csv", "shifts.csv",
			       "staff.csv",	"roster.csv",	 "bad.csv"};

	rota_store_close(f->st);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		unlink(path);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static int32_t day(int y, int m, int d)
{
	return rota_days_from_civil(y, m, d);
}

static struct rota_roster *load(struct fx *f, int32_t week)
{
	struct rota_roster *r = NULL;
	struct rota_error err = {0};

	if (rota_store_roster_load(f->st, week, &r, &err) < 0)
		fail_msg("load: %s", err.msg);
	return r;
}

/* roster.csv through the plan layer; now is 1970, so nothing is frozen */
static int plan_import(struct fx *f, const char *name,
		       const struct rota_plan_import_opts *o,
		       struct rota_import_stats *stats, struct rota_error *err)
{
	struct rota_plan *pl = NULL;
	char path[160];
	int rc;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	if ((rc = rota_plan_attach(f->st, 0, &pl, err)) < 0)
		return rc;
	rc = rota_plan_import_roster(pl, path, name, o, stats, NULL, err);
	rota_plan_close(pl);
	return rc;
}

static struct rota_import_stats import_roster_opts(
	struct fx *f, const char *text, const struct rota_plan_import_opts *o)
{
	struct rota_import_stats s;
	struct rota_error err = {0};

	write_file(f, "roster.csv", text);
	if (plan_import(f, "roster.csv", o, &s, &err) < 0)
		fail_msg("import: %s", err.msg);
	return s;
}

static struct rota_import_stats import_roster(struct fx *f, const char *text)
{
	return import_roster_opts(f, text, NULL);
}

static void expect_error(struct fx *f, const char *text, const char *msg)
{
	struct rota_import_stats s;
	struct rota_error err = {0};
	sqlite3_stmt *q;
	int before, after;

	assert_int_equal(sqlite3_prepare_v2(f->st->db,
					    "SELECT count(*) FROM assignment",
					    -1, &q, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	before = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	write_file(f, "bad.csv", text);
	assert_int_equal(plan_import(f, "bad.csv", NULL, &s, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, msg);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	after = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	assert_int_equal(after, before);
}

/* ---------------------------------------------------------------- tests */

static void roster_rows_are_stored_with_template_times(void **state)
{
	struct fx *f = *state;
	struct rota_import_stats s;
	struct rota_roster *r;
	int32_t mon = day(2026, 3, 30);

	s = import_roster(f, "employee,date,shift,skill\n"
			     "A002,2026-03-31,E,chat\n"
			     "A001,2026-03-30,E,\n"
			     "A001,2026-04-04,N,voice\n");
	assert_int_equal(s.added, 3);
	assert_int_equal(s.n_weeks, 1);
	assert_int_equal(s.weeks[0], mon);
	r = load(f, mon);
	assert_string_equal(r->origin, "import");
	assert_string_equal(r->status, "draft");
	assert_int_equal((int)r->n_assignments, 3);
	/* sorted by employee then day; 07:00 BST is 06:00 UTC */
	assert_string_equal(r->assignments[0].employee, "A001");
	assert_int_equal(r->assignments[0].day, mon);
	assert_int_equal(r->assignments[0].start,
			 (int64_t)mon * 86400 + 6 * 3600);
	assert_int_equal(r->assignments[0].end,
			 (int64_t)mon * 86400 + 15 * 3600);
	assert_int_equal(r->assignments[0].paid_min, 480);
	assert_string_equal(r->assignments[1].shift, "N");
	assert_int_equal(r->assignments[1].paid_min, 450);
	assert_string_equal(r->assignments[1].skill, "voice");
	assert_string_equal(r->assignments[2].employee, "A002");
	assert_string_equal(r->assignments[2].skill, "chat");
	rota_roster_free(r);
}

static void shift_on_the_day_clocks_change_starts_at_wall_clock(void **state)
{
	struct fx *f = *state;
	struct rota_roster *r;
	int32_t sun = day(2026, 3, 29);   /* BST begins at 01:00 GMT */

	import_roster(f, "employee,date,shift,start,end\n"
			 "A001,2026-03-29,L,2026-03-29T14:00:00+01:00,"
			 "2026-03-29T23:00:00+01:00\n");
	r = load(f, sun - 6);
	assert_int_equal(r->assignments[0].start,
			 (int64_t)sun * 86400 + 13 * 3600);
	assert_int_equal(r->assignments[0].end - r->assignments[0].start,
			 540 * 60);
	rota_roster_free(r);
}

static void rows_are_grouped_by_iso_week(void **state)
{
	struct fx *f = *state;
	struct rota_import_stats s;
	struct rota_roster *r;

	s = import_roster(f, "employee,date,shift\n"
			     "A001,2026-04-06,E\n"
			     "A001,2026-04-05,L\n"
			     "A002,2026-04-07,E\n");
	assert_int_equal(s.n_weeks, 2);
	assert_int_equal(s.weeks[0], day(2026, 3, 30));
	assert_int_equal(s.weeks[1], day(2026, 4, 6));
	r = load(f, day(2026, 3, 30));
	assert_int_equal((int)r->n_assignments, 1);
	rota_roster_free(r);
	r = load(f, day(2026, 4, 6));
	assert_int_equal((int)r->n_assignments, 2);
	rota_roster_free(r);
}

static void reimport_counts_changes_and_keeps_an_unchanged_week(void **state)
{
	struct fx *f = *state;
	struct rota_roster sol = {0}, *r;
	struct rota_assignment a = {"A001", 0, "E", 0, 0, 480, ""};
	struct rota_import_stats s;
	struct rota_error err = {0};
	int32_t mon = day(2026, 3, 30);

	/* a solver roster, exported and imported as it is: untouched */
	a.day = mon;
	a.start = (int64_t)mon * 86400 + 6 * 3600;
	a.end = a.start + 540 * 60;
	sol.week = mon;
	sol.created_at = 1234;
	rota_strlcpy(sol.origin, "solver", sizeof(sol.origin));
	rota_strlcpy(sol.status, "published", sizeof(sol.status));
	sol.assignments = &a;
	sol.n_assignments = 1;
	assert_int_equal(rota_store_roster_save(f->st, &sol, &err), 0);
	s = import_roster(f, "employee,date,shift,start,end,paid_minutes,"
			     "name,team,skill\n"
			     "A001,2026-03-30,E,2026-03-30T07:00:00+01:00,"
			     "2026-03-30T16:00:00+01:00,480,王伟,t1,\n");
	assert_int_equal(s.unchanged, 1);
	assert_int_equal(s.added + s.updated + s.removed, 0);
	assert_string_equal(s.extra_columns, "");
	r = load(f, mon);
	assert_string_equal(r->origin, "solver");
	assert_string_equal(r->status, "published");
	assert_int_equal(r->created_at, 1234);
	rota_roster_free(r);
	/* a changed week becomes an imported new version; the version
	 * published stays the one calendars have */
	s = import_roster(f, "employee,date,shift\n"
			     "A001,2026-03-30,L\n"
			     "A002,2026-03-31,E\n");
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.added, 1);
	r = load(f, mon);
	assert_string_equal(r->origin, "import");
	assert_string_equal(r->status, "published");
	assert_int_equal(r->version, 2);
	assert_int_equal(r->published_version, 1);
	rota_roster_free(r);
}

static void an_import_changes_only_the_employees_in_the_file(void **state)
{
	struct fx *f = *state;
	struct rota_plan_import_opts whole = ROTA_PLAN_IMPORT_OPTS_INIT;
	struct rota_import_stats s;
	struct rota_roster *r;
	int32_t mon = day(2026, 3, 30);

	import_roster(f, "employee,date,shift\nA001,2026-03-30,L\n"
			 "A001,2026-03-31,L\nA002,2026-03-31,E\n");
	/* A002's rows only: A001 keeps both shifts */
	s = import_roster(f, "employee,date,shift\nA002,2026-04-01,E\n");
	assert_int_equal(s.added, 1);
	assert_int_equal(s.removed, 1);
	assert_int_equal(s.unchanged, 0);
	r = load(f, mon);
	assert_int_equal((int)r->n_assignments, 3);
	assert_string_equal(r->assignments[0].employee, "A001");
	assert_string_equal(r->assignments[1].employee, "A001");
	assert_int_equal(r->assignments[2].day, mon + 2);
	assert_int_equal(r->version, 2);
	rota_roster_free(r);
	/* --replace-week: the file is the whole week */
	whole.replace_week = 1;
	s = import_roster_opts(f, "employee,date,shift\nA002,2026-04-01,E\n",
			       &whole);
	assert_int_equal(s.unchanged, 1);
	assert_int_equal(s.removed, 2);
	r = load(f, mon);
	assert_int_equal((int)r->n_assignments, 1);
	assert_int_equal(r->version, 3);
	rota_roster_free(r);
}

static void an_import_is_a_version_with_who_and_why(void **state)
{
	struct fx *f = *state;
	struct rota_plan_import_opts o = ROTA_PLAN_IMPORT_OPTS_INIT;
	struct rota_roster_version *v = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	o.by = "Supervisor Li";
	o.reason = "A001 asked for lates";
	import_roster_opts(f, "employee,date,shift\nA001,2026-03-30,L\n", &o);
	assert_int_equal(rota_store_roster_history(f->st, day(2026, 3, 30), &v,
						   &n, &err),
			 0);
	assert_int_equal((int)n, 1);
	assert_string_equal(v[0].kind, "import");
	assert_string_equal(v[0].by, "Supervisor Li");
	assert_string_equal(v[0].reason, "A001 asked for lates");
	assert_int_equal(v[0].changes, 1);
	free(v);
}

static void an_import_into_frozen_time_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct rota_import_stats s;
	struct rota_error err = {0};
	struct rota_plan *pl = NULL;
	struct rota_roster *r;
	char path[160];

	import_roster(f, "employee,date,shift\nA001,2026-03-30,E\n"
			 "A001,2026-04-06,E\n");
	write_file(f, "roster.csv", "employee,date,shift\n"
				    "A001,2026-03-30,L\nA001,2026-04-07,E\n");
	snprintf(path, sizeof(path), "%s/roster.csv", f->dir);
	/* now: Wednesday 1 April 2026, 12:00 BST */
	assert_int_equal(rota_plan_attach(f->st, 1775041200, &pl, &err), 0);
	assert_int_equal(rota_plan_import_roster(pl, path, "roster.csv", NULL,
						 &s, NULL, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "roster.csv: A001's Early shift on Mon "
				     "2026-03-30 (07:00) has started: past "
				     "time is frozen");
	rota_plan_close(pl);
	/* neither week changed: one transaction */
	r = load(f, day(2026, 4, 6));
	assert_int_equal(r->version, 1);
	assert_int_equal(r->assignments[0].day, day(2026, 4, 6));
	rota_roster_free(r);
}

static void the_store_alone_refuses_a_roster_import(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};

	write_file(f, "roster.csv", "employee,date,shift\nA001,2026-03-30,E\n");
	assert_int_equal(import(f, ROTA_IMPORT_ROSTER, "roster.csv", NULL,
				&err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "roster.csv: a roster is imported with "
				     "rota_plan_import_roster() (plan/plan.h), "
				     "so that frozen time and versions apply");
}

static void bad_rows_name_file_line_and_column(void **state)
{
	struct fx *f = *state;

	(void)state;
	expect_error(f, "employee,date\nA001,2026-03-30\n",
		     "bad.csv:1: missing column 'shift' in the header");
	expect_error(f, "employee,date,shift\nA009,2026-03-30,E\n",
		     "bad.csv:2: column 'employee': unknown employee 'A009'");
	expect_error(f, "employee,date,shift\nA001,2026-02-30,E\n",
		     "bad.csv:2: column 'date': '2026-02-30' is not a date "
		     "(expected YYYY-MM-DD)");
	expect_error(f, "employee,date,shift\nA001,2026-03-30,X\n",
		     "bad.csv:2: column 'shift': unknown shift 'X'");
	expect_error(f, "employee,date,shift\nA001,2026-03-30,\n",
		     "bad.csv:2: column 'shift': empty (list only the days "
		     "worked)");
	expect_error(f, "employee,date,shift,skill\nA001,2026-03-30,E,vocie\n",
		     "bad.csv:2: column 'skill': unknown skill 'vocie'");
	expect_error(f, "employee,date,shift\nA001,2026-03-30,E\n"
			"A002,2026-03-30,E\nA001,2026-03-30,L\n",
		     "bad.csv:4: column 'date': A001 already has a shift on "
		     "2026-03-30 (line 2): one shift per day");
	expect_error(f, "employee,date,shift,start\n"
			"A001,2026-03-30,E,2026-03-30T08:00:00+01:00\n",
		     "bad.csv:2: column 'start': '2026-03-30T08:00:00+01:00' "
		     "does not match the template: shift E on 2026-03-30 "
		     "starts 2026-03-30T07:00:00+01:00 (change the shift code "
		     "to move a shift)");
	expect_error(f, "employee,date,shift,end\n"
			"A001,2026-03-30,E,2026-03-30 17:00\n",
		     "bad.csv:2: column 'end': '2026-03-30 17:00' does not "
		     "match the template: shift E on 2026-03-30 ends "
		     "2026-03-30T16:00:00+01:00 (change the shift code to move "
		     "a shift)");
	expect_error(f, "employee,date,shift,paid_minutes\n"
			"A001,2026-03-30,E,540\n",
		     "bad.csv:2: column 'paid_minutes': 540 does not match "
		     "the template: shift E is paid 480 minutes");
	expect_error(f, "employee,date,shift,paid_minutes\n"
			"A001,2026-03-30,E,eight\n",
		     "bad.csv:2: column 'paid_minutes': 'eight' is not a "
		     "whole number");
}

static void roster_breaking_rules_is_stored_all_the_same(void **state)
{
	struct fx *f = *state;
	struct rota_import_stats s;
	struct rota_roster *r;

	/* E is Mon-Fri only, and A002 lacks voice for L: stored anyway */
	s = import_roster(f, "employee,date,shift\nA001,2026-04-04,E\n"
			     "A002,2026-04-01,L\n");
	assert_int_equal(s.added, 2);
	r = load(f, day(2026, 3, 30));
	assert_int_equal((int)r->n_assignments, 2);
	rota_roster_free(r);
}

static void week_requirements_use_dataset_skill_indices(void **state)
{
	struct fx *f = *state;
	struct rota_dataset ds = {0};
	struct rota_requirement *req = NULL;
	struct rota_error err = {0};
	size_t n = 0;
	int64_t t = (int64_t)day(2026, 3, 30) * 86400;

	assert_int_equal(rota_store_load(f->st, &ds, &err), 0);
	assert_int_equal(
		sqlite3_exec(f->st->db,
			     "INSERT INTO requirement SELECT 1774836000, id, 3, "
			     "4, 0.8 FROM skill WHERE name = 'voice';"
			     "INSERT INTO requirement SELECT 1774836000, id, 1, "
			     "2, 0.9 FROM skill WHERE name = 'chat';"
			     "INSERT INTO requirement SELECT 1774915200, id, 1, "
			     "1, 0.9 FROM skill WHERE name = 'chat';",
			     NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(rota_store_requirements_load(f->st, t, t + 86400,
						      &req, &n, &err),
			 0);
	assert_int_equal((int)n, 2);
	/* sorted by start then skill name; dataset skills by name too */
	assert_int_equal(req[0].skill, rota_dataset_skill(&ds, "chat"));
	assert_int_equal(req[0].scheduled_agents, 2);
	assert_int_equal(req[1].skill, rota_dataset_skill(&ds, "voice"));
	assert_int_equal(req[1].agents, 3);
	assert_true(req[1].service_level == 0.8);
	free(req);
	rota_dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			roster_rows_are_stored_with_template_times, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			shift_on_the_day_clocks_change_starts_at_wall_clock,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(rows_are_grouped_by_iso_week,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			reimport_counts_changes_and_keeps_an_unchanged_week,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			an_import_changes_only_the_employees_in_the_file,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			an_import_is_a_version_with_who_and_why, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			an_import_into_frozen_time_changes_nothing, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			the_store_alone_refuses_a_roster_import, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			bad_rows_name_file_line_and_column, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			roster_breaking_rules_is_stored_all_the_same, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			week_requirements_use_dataset_skill_indices, fx_setup,
			fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
