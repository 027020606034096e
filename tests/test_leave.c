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

#include "core/leave.h"
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

/* ------------------------------------------------------------ helpers */

static void write_file(const struct fx *f, const char *name, const char *text)
{
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static int import_text(struct fx *f, int kind, const char *name,
		       const char *text, struct rota_error *err)
{
	char path[160];
	int rc;

	write_file(f, name, text);
	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	rc = rota_store_import_file(f->st, kind, path, name, NULL, err);
	unlink(path);
	return rc;
}

static const char site_ini[] =
	"[site]\nname = Leave test\ntimezone = Asia/Shanghai\n"
	"interval_min = 30\n[skill.voice]\n";

/* A site with two ft40 agents (480 min a day) and one pt20 (240). */
static void base(struct fx *f)
{
	struct rota_error err = {0};

	assert_int_equal(import_text(f, ROTA_IMPORT_SITE, "site.ini", site_ini,
				     &err), 0);
	assert_int_equal(import_text(f, ROTA_IMPORT_CONTRACTS, "contracts.csv",
				     "id,min_week_min,max_week_min,"
				     "max_days_week,max_overtime_min,"
				     "overtime_weight\n"
				     "ft40,2400,2400,5,240,2.5\n"
				     "pt20,960,1200,5,,\n",
				     &err), 0);
	assert_int_equal(import_text(f, ROTA_IMPORT_STAFF, "staff.csv",
				     "id,name,team,contract,skills\n"
				     "A001,李霞,t1,ft40,voice\n"
				     "A002,Wei,t1,ft40,voice\n"
				     "A003,Ann,t2,pt20,voice\n",
				     &err), 0);
}

static void load(struct fx *f, struct rota_dataset *ds)
{
	struct rota_error err = {0};

	assert_int_equal(rota_store_load(f->st, ds, &err), 0);
}

/* ------------------------------------------------------------- inputs */

static void site_ini_defines_leave_types_and_operations_rules(void **state)
{
	struct fx *f = *state;
	struct rota_dataset ds = {0};
	struct rota_error err = {0};
	char ini[1024];

	base(f);
	snprintf(ini, sizeof(ini),
		 "%s[leave.annual]\npaid = yes\n"
		 "[leave.sick]\npaid = yes\nplanned = no\n"
		 "[leave.study]\npaid = no\n"
		 "[timeoff]\nmin_notice_days = 14\nmax_off_per_team = 2\n"
		 "blackout = 2026-12-24..2026-12-26, 2027-01-01\n"
		 "auto_approve = yes\n"
		 "[operations]\nnotice_hours = 24\nchange_weight = 80\n"
		 "allow_overtime = yes\n",
		 site_ini);
	assert_int_equal(import_text(f, ROTA_IMPORT_SITE, "site.ini", ini,
				     &err), 0);
	load(f, &ds);
	/* the file's list replaces the defaults nobody uses */
	assert_int_equal(ds.n_leave_types, 3);
	assert_string_equal(ds.leave_types[0].name, "annual");
	assert_string_equal(ds.leave_types[1].name, "sick");
	assert_int_equal(ds.leave_types[1].planned, 0);
	assert_int_equal(ds.leave_types[1].paid, 1);
	assert_string_equal(ds.leave_types[2].name, "study");
	assert_int_equal(ds.leave_types[2].paid, 0);
	assert_int_equal(ds.ops.min_notice_days, 14);
	assert_int_equal(ds.ops.max_off_per_team, 2);
	assert_int_equal(ds.ops.max_off_per_skill, -1);
	assert_int_equal(ds.ops.auto_approve, 1);
	assert_int_equal(ds.ops.notice_min, 24 * 60);
	assert_true(ds.ops.change_weight == 80);
	assert_int_equal(ds.ops.allow_overtime, 1);
	assert_int_equal(ds.n_blackouts, 2);
	assert_int_equal(ds.blackouts[0].first_day,
			 rota_days_from_civil(2026, 12, 24));
	assert_int_equal(ds.blackouts[0].last_day,
			 rota_days_from_civil(2026, 12, 26));
	assert_int_equal(ds.blackouts[1].first_day, ds.blackouts[1].last_day);
	/* the contract's overtime allowance */
	assert_int_equal(ds.contracts[0].max_overtime_min, 240);
	assert_true(ds.contracts[0].overtime_weight == 2.5);
	assert_int_equal(ds.contracts[1].max_overtime_min, 0);
	assert_true(ds.contracts[1].overtime_weight == 1);
	rota_dataset_release(&ds);
	/* a section given again sets all its keys: the rest go back to
	 * their defaults, and the blackouts are the file's */
	snprintf(ini, sizeof(ini), "%s[timeoff]\nmax_off_per_skill = 3\n",
		 site_ini);
	assert_int_equal(import_text(f, ROTA_IMPORT_SITE, "site.ini", ini,
				     &err), 0);
	load(f, &ds);
	assert_int_equal(ds.ops.min_notice_days, 0);
	assert_int_equal(ds.ops.max_off_per_team, -1);
	assert_int_equal(ds.ops.max_off_per_skill, 3);
	assert_int_equal(ds.n_blackouts, 0);
	assert_int_equal(ds.ops.notice_min, 24 * 60);  /* not in the file */
	rota_dataset_release(&ds);
}

static void site_ini_operations_errors_name_line_and_key(void **state)
{
	static const struct {
		const char *tail, *msg;
	} cases[] = {
		{"[leave.annual]\npaid = maybe\n",
		 "site.ini:7: key 'paid': 'maybe' is not yes or no"},
		{"[leave.annual]\ncolour = red\n",
		 "site.ini:7: key 'colour': unknown key in a leave section "
		 "(expected paid, planned)"},
		{"[timeoff]\nblackout = 2026-12-26..2026-12-24\n",
		 "site.ini:7: key 'blackout': range '2026-12-26..2026-12-24' "
		 "ends before it starts"},
		{"[timeoff]\nblackout = christmas\n",
		 "site.ini:7: key 'blackout': 'christmas' is not a date or a "
		 "range DATE..DATE"},
		{"[operations]\nnotice_hours = -1\n",
		 "site.ini:7: key 'notice_hours': -1 is out of range (expected "
		 "0 to 720)"},
		{"[leave.a b]\n",
		 "site.ini:6: 'a b' is not a valid leave type name"},
		{"[timeoff]\n[timeoff]\n", "site.ini:7: [timeoff] appears twice"},
	};
	struct fx *f = *state;

	base(f);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rota_error err = {0};
		char ini[512];

		snprintf(ini, sizeof(ini), "%s%s", site_ini, cases[i].tail);
		assert_int_equal(import_text(f, ROTA_IMPORT_SITE, "site.ini",
					     ini, &err), ROTA_EDATA);
		assert_string_equal(err.msg, cases[i].msg);
	}
	/* nothing of a refused file was kept */
	assert_int_equal(count_in(f->st->db, "SELECT count(*) FROM "
					     "leave_type"), 5);
	assert_int_equal(count_in(f->st->db, "SELECT count(*) FROM "
					     "leave_setting"), 0);
}

static void timeoff_rows_carry_a_leave_type_and_credit(void **state)
{
	struct fx *f = *state;
	struct rota_dataset ds = {0};
	struct rota_error err = {0};

	base(f);
	assert_int_equal(import_text(f, ROTA_IMPORT_TIMEOFF, "timeoff.csv",
				     "employee,start,end,kind,weight,note,"
				     "type,credit_min\n"
				     "A001,2026-11-30,2026-12-04,hard,,,"
				     "annual,\n"
				     "A002,2026-12-03,2026-12-03,hard,,,"
				     "training,300\n"
				     "A003,2026-12-05,2026-12-05,soft,2,"
				     "wedding,,\n",
				     &err), 0);
	load(f, &ds);
	assert_int_equal(ds.n_timeoff, 3);
	assert_string_equal(ds.timeoff[0].type, "annual");
	assert_int_equal(ds.timeoff[0].credit_min, -1);
	assert_string_equal(ds.timeoff[1].type, "training");
	assert_int_equal(ds.timeoff[1].credit_min, 300);
	assert_string_equal(ds.timeoff[2].type, "");
	assert_true(ds.timeoff[0].id > 0);
	rota_dataset_release(&ds);
	assert_int_equal(import_text(f, ROTA_IMPORT_TIMEOFF, "timeoff.csv",
				     "employee,start,end,type\n"
				     "A001,2026-12-07,2026-12-07,holiday\n",
				     &err), ROTA_EDATA);
	assert_string_equal(err.msg,
			    "timeoff.csv:2: column 'type': unknown leave type "
			    "'holiday' (known: annual, personal, sick, "
			    "training, unpaid)");
	assert_int_equal(import_text(f, ROTA_IMPORT_TIMEOFF, "timeoff.csv",
				     "employee,start,end,kind,type\n"
				     "A001,2026-12-07,2026-12-07,soft,annual\n",
				     &err), ROTA_EDATA);
	assert_string_equal(err.msg,
			    "timeoff.csv:2: column 'type': a soft request is "
			    "not leave (leave type 'annual' needs kind hard)");
	assert_int_equal(import_text(f, ROTA_IMPORT_CONTRACTS, "contracts.csv",
				     "id,max_overtime_min\nft40,20000\n",
				     &err), ROTA_EDATA);
	assert_string_equal(err.msg,
			    "contracts.csv:2: column 'max_overtime_min': "
			    "20000 is out of range (expected 0 to 10080)");
}

/* ------------------------------------------------------- leave credit */

static void leave_week_of(struct fx *f, const char *employee,
			  int32_t monday, struct rota_leave_week *w)
{
	struct rota_dataset ds = {0};
	struct rota_error err = {0};
	struct rota_tz *tz;

	load(f, &ds);
	assert_non_null(tz = rota_tz_load(ds.site.timezone, &err));
	rota_leave_week(&ds, tz, employee, monday, w);
	rota_tz_free(tz);
	rota_dataset_release(&ds);
}

static void a_week_of_annual_leave_credits_the_whole_contract(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};
	struct rota_leave_week w;
	int32_t mon = rota_days_from_civil(2026, 11, 30);

	base(f);
	assert_int_equal(import_text(f, ROTA_IMPORT_TIMEOFF, "timeoff.csv",
				     "employee,start,end,type\n"
				     "A001,2026-11-30,2026-12-04,annual\n"
				     "A002,2026-12-03,2026-12-04,annual\n"
				     "A003,2026-11-30,2026-12-06,annual\n",
				     &err), 0);
	leave_week_of(f, "A001", mon, &w);
	assert_int_equal(w.days, 5);
	assert_int_equal(w.whole, 0x1f);
	assert_int_equal(w.leave_min, 2400);
	assert_int_equal(w.credit_min, 2400);
	/* part of a week: Thursday and Friday */
	leave_week_of(f, "A002", mon, &w);
	assert_int_equal(w.days, 2);
	assert_int_equal(w.whole, 0x18);
	assert_int_equal(w.leave_min, 960);
	assert_int_equal(w.credit_min, 960);
	/* pt20: 1200 / 5 = 240 a day; seven days credit at most the week */
	leave_week_of(f, "A003", mon, &w);
	assert_int_equal(w.days, 7);
	assert_int_equal(w.leave_min, 1200);
	assert_int_equal(w.credit_min, 1200);
	/* nothing the week after */
	leave_week_of(f, "A001", mon + 7, &w);
	assert_int_equal(w.days + w.leave_min + w.credit_min, 0);
}

static void unpaid_and_partial_leave_count_without_credit(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};
	struct rota_leave_week w;
	int32_t mon = rota_days_from_civil(2026, 11, 30);

	base(f);
	assert_int_equal(import_text(f, ROTA_IMPORT_TIMEOFF, "timeoff.csv",
				     "employee,start,end,type,credit_min\n"
				     "A001,2026-11-30,2026-11-30,unpaid,\n"
				     "A001,2026-12-02 13:00,2026-12-02 17:00,"
				     "annual,\n"
				     "A002,2026-12-01,2026-12-01,training,"
				     "300\n"
				     "A002,2026-12-02,2026-12-02,,\n",
				     &err), 0);
	/* Monday unpaid: a day off the contract, not paid; Wednesday
	 * afternoon: 240 paid minutes, not a whole day */
	leave_week_of(f, "A001", mon, &w);
	assert_int_equal(w.days, 1);
	assert_int_equal(w.whole, 0x01);
	assert_int_equal(w.day_min[0], 480);
	assert_int_equal(w.day_min[2], 240);
	assert_int_equal(w.leave_min, 720);
	assert_int_equal(w.credit_min, 240);
	/* a row's own credit; untyped time off is a day off, not leave */
	leave_week_of(f, "A002", mon, &w);
	assert_int_equal(w.days, 1);
	assert_int_equal(w.leave_min, 300);
	assert_int_equal(w.credit_min, 300);
}

/* ---------------------------------------------------- roster versions */

static struct rota_assignment shift(const char *emp, int32_t day,
				    const char *code)
{
	struct rota_assignment a;

	memset(&a, 0, sizeof(a));
	rota_strlcpy(a.employee, emp, sizeof(a.employee));
	rota_strlcpy(a.shift, code, sizeof(a.shift));
	a.day = day;
	a.start = (int64_t)day * 86400 + (code[0] == 'E' ? 0 : 6 * 3600);
	a.end = a.start + 9 * 3600;
	a.paid_min = 480;
	return a;
}

/* History cannot be rewritten behind anyone's back: the database
 * refuses to delete an assignment or move one. */
static void history_cannot_be_rewritten(struct fx *f)
{
	char *msg = NULL;

	assert_int_not_equal(sqlite3_exec(f->st->db,
					  "DELETE FROM assignment", NULL, NULL,
					  &msg),
			     SQLITE_OK);
	assert_non_null(strstr(msg, "roster history is kept"));
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(f->st->db,
					  "UPDATE assignment SET start = 0",
					  NULL, NULL, &msg),
			     SQLITE_OK);
	assert_non_null(strstr(msg, "an assignment can only be closed"));
	sqlite3_free(msg);
}

static void versions_keep_history_and_changes_stay_in_scope(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};
	int32_t mon = rota_days_from_civil(2026, 11, 30);
	struct rota_assignment as[3];
	struct rota_roster r = {0}, *v1 = NULL, *live = NULL;
	struct rota_version_meta m = ROTA_VERSION_META_INIT;
	struct rota_roster_version *h = NULL;
	struct rota_roster_change *ch = NULL;
	const char *scope[] = {"A002"};
	size_t n = 0;
	int version = 0, changes = -1;

	base(f);
	assert_int_equal(import_text(f, ROTA_IMPORT_SHIFTS, "shifts.csv",
				     "code,start,length_min,break_min,days\n"
				     "E,08:00,540,60,Mon-Sun\n"
				     "L,14:00,540,60,Mon-Sun\n",
				     &err), 0);
	as[0] = shift("A001", mon, "E");
	as[1] = shift("A002", mon, "E");
	as[2] = shift("A002", mon + 1, "L");
	r.week = mon;
	r.created_at = 1000;
	rota_strlcpy(r.origin, "solver", sizeof(r.origin));
	r.assignments = as;
	r.n_assignments = 3;
	assert_int_equal(rota_store_roster_commit(f->st, &r, NULL, 0, NULL,
						  &version, &changes, &err),
			 0);
	assert_int_equal(version, 1);
	assert_int_equal(changes, 3);
	/* the same again: no new version */
	assert_int_equal(rota_store_roster_commit(f->st, &r, NULL, 0, NULL,
						  &version, &changes, &err),
			 0);
	assert_int_equal(version, 1);
	assert_int_equal(changes, 0);
	/* a swap-like change limited to A002: A001 is not in r but kept */
	as[0] = shift("A002", mon, "L");
	r.assignments = as;
	r.n_assignments = 1;
	m.kind = "swap";
	m.by = "Supervisor Chen";
	m.reason = "A002 asked for lates";
	m.at = 2000;
	assert_int_equal(rota_store_roster_commit(f->st, &r, scope, 1, &m,
						  &version, &changes, &err),
			 0);
	assert_int_equal(version, 2);
	assert_int_equal(changes, 2);  /* Monday E->L, Tuesday L->off */
	assert_int_equal(rota_store_roster_load(f->st, mon, &live, &err), 0);
	assert_int_equal(live->n_assignments, 2);
	assert_string_equal(live->assignments[0].employee, "A001");
	assert_string_equal(live->assignments[1].shift, "L");
	assert_int_equal(rota_store_roster_load_version(f->st, mon, 1, &v1,
							&err),
			 0);
	assert_int_equal(v1->n_assignments, 3);
	assert_int_equal(rota_roster_diff(v1, live, &ch, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ch[0].employee, "A002");
	assert_string_equal(ch[0].old.shift, "E");
	assert_string_equal(ch[0].now.shift, "L");
	assert_string_equal(ch[1].old.shift, "L");
	assert_string_equal(ch[1].now.shift, "");
	free(ch);
	assert_int_equal(rota_store_roster_history(f->st, mon, &h, &n, &err),
			 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].kind, "solve");
	assert_int_equal(h[0].changes, 3);
	assert_string_equal(h[1].kind, "swap");
	assert_string_equal(h[1].by, "Supervisor Chen");
	assert_string_equal(h[1].reason, "A002 asked for lates");
	assert_int_equal(h[1].created_at, 2000);
	assert_int_equal(h[1].live, 1);
	free(h);
	/* an assignment outside the scope is refused, nothing written */
	as[0] = shift("A001", mon + 2, "L");
	assert_int_equal(rota_store_roster_commit(f->st, &r, scope, 1, &m,
						  NULL, NULL, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "roster: A001 is outside the change's "
				     "scope");
	assert_int_equal(rota_store_roster_load_version(f->st, mon, 3, &v1,
							&err) == 0 ? 1 : 0,
			 0);
	history_cannot_be_rewritten(f);
	rota_roster_free(v1);
	rota_roster_free(live);
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
		T(site_ini_defines_leave_types_and_operations_rules),
		T(site_ini_operations_errors_name_line_and_key),
		T(timeoff_rows_carry_a_leave_type_and_credit),
		T(a_week_of_annual_leave_credits_the_whole_contract),
		T(unpaid_and_partial_leave_count_without_credit),
		T(versions_keep_history_and_changes_stay_in_scope),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
