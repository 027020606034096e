/* tests/test_store.c - schema, migrations, imports, rosters, append-only. */
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

static const char *path_of(const struct fx *f, const char *name)
{
	static char path[4][160];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", f->dir, name);
	return path[k];
}

static const char site_ini[] =
	"[site]\nname = Test site\ntimezone = Europe/London\n"
	"interval_min = 30\n\n[skill.voice]\nsl = 0.8\n[skill.chat]\n"
	"concurrency = 2\n[skill.complaints]\n";
static const char contracts_csv[] =
	"id,min_week_min,max_week_min,max_days_week\n"
	"ft,2400,2400,5\npt,600,1200,4\n";
static const char shifts_csv[] =
	"code,name,start,length_min,break_min,days,skills\n"
	"E,Early shift,08:00,540,60,Mon-Fri,\n"
	"N,Night shift,22:00,480,30,all,voice\n";
static const char staff_csv[] =
	"id,name,email,team,contract,skills\n"
	"A001,王伟,wei@example.cn,t1,ft,voice:3;chat\n"
	"A002,\"Smith, Jane\",jane@example.com,t1,pt,chat\n";

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct rota_error err = {0};

	snprintf(f->dir, sizeof(f->dir), "/tmp/rota-test-store.XXXXXX");
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
	char cmd[256];
	const char *names[] = {"rota.db",     "rota.db-wal", "rota.db-shm",
			       "site.ini",    "contracts.csv", "shifts.csv",
			       "staff.csv",   "forecast.csv",  "timeoff.csv",
			       "bad.csv",     "old.db",        "old.db-wal",
			       "old.db-shm"};

	rota_store_close(f->st);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(cmd, sizeof(cmd), "%s/%s", f->dir, names[i]);
		unlink(cmd);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static int import(struct fx *f, int kind, const char *name,
		  struct rota_import_stats *stats, struct rota_error *err)
{
	return rota_store_import_file(f->st, kind, path_of(f, name), name,
				      stats, err);
}

static void import_base(struct fx *f)
{
	struct rota_error err = {0};

	write_file(f, "site.ini", site_ini);
	write_file(f, "contracts.csv", contracts_csv);
	write_file(f, "shifts.csv", shifts_csv);
	write_file(f, "staff.csv", staff_csv);
	if (import(f, ROTA_IMPORT_SITE, "site.ini", NULL, &err) < 0 ||
	    import(f, ROTA_IMPORT_CONTRACTS, "contracts.csv", NULL, &err) < 0 ||
	    import(f, ROTA_IMPORT_SHIFTS, "shifts.csv", NULL, &err) < 0 ||
	    import(f, ROTA_IMPORT_STAFF, "staff.csv", NULL, &err) < 0)
		fail_msg("base import: %s", err.msg);
}

static int64_t count(struct fx *f, const char *sql)
{
	sqlite3_stmt *s;
	int64_t n = -1;

	assert_int_equal(sqlite3_prepare_v2(f->st->db, sql, -1, &s, NULL),
			 SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Expect an import of `text` as `kind` to fail with exactly `msg`, and to
 * leave the table count given by `count_sql` unchanged. */
static void expect_import_error(struct fx *f, int kind, const char *text,
				const char *count_sql, const char *msg)
{
	struct rota_error err = {0};
	int64_t before = count(f, count_sql);

	write_file(f, "bad.csv", text);
	assert_int_equal(import(f, kind, "bad.csv", NULL, &err), ROTA_EDATA);
	assert_string_equal(err.msg, msg);
	assert_int_equal(count(f, count_sql), before);
}

/* ------------------------------------------------------------- schema */

static void new_database_has_current_schema_and_pragmas(void **state)
{
	struct fx *f = *state;

	assert_int_equal(rota_store_schema_version(f->st), ROTA_SCHEMA_VERSION);
	assert_int_equal(count(f, "PRAGMA foreign_keys"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM pragma_journal_mode "
				  "WHERE journal_mode = 'wal'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM sqlite_schema WHERE "
				  "type = 'table' AND sql NOT LIKE '%STRICT'"),
			 0);
}

static void old_database_is_upgraded_keeping_its_data(void **state)
{
	struct fx *f = *state;
	struct rota_store *old;
	struct rota_error err = {0};
	const char *path = path_of(f, "old.db");

	/* build a version-1 database by hand and put a site in it */
	{
		sqlite3 *db;

		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, rota_migrations[0], NULL,
					      NULL, NULL),
				 SQLITE_OK);
		assert_int_equal(
			sqlite3_exec(db,
				     "PRAGMA user_version = 1; INSERT INTO "
				     "site VALUES (1, 'Old', 'Asia/Shanghai', "
				     "30, 5)",
				     NULL, NULL, NULL),
			SQLITE_OK);
		sqlite3_close(db);
	}
	assert_int_equal(rota_store_open(path, 0, &old, &err), 0);
	assert_int_equal(rota_store_schema_version(old), ROTA_SCHEMA_VERSION);
	{
		struct rota_site site;

		assert_int_equal(rota_store_site_get(old, &site, &err), 0);
		assert_string_equal(site.name, "Old");
		assert_string_equal(site.timezone, "Asia/Shanghai");
	}
	/* the tables of later versions exist now */
	assert_int_equal(sqlite3_exec(old->db, "SELECT count(*) FROM punch",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	rota_store_close(old);
}

static void database_from_a_newer_rota_is_refused_untouched(void **state)
{
	struct fx *f = *state;
	struct rota_store *st = NULL;
	struct rota_error err = {0};
	char want[300];

	assert_int_equal(sqlite3_exec(f->st->db, "PRAGMA user_version = 99",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(rota_store_open(f->db, 0, &st, &err), ROTA_EVERSION);
	assert_null(st);
	snprintf(want, sizeof(want),
		 "%s: database schema version 99 is newer than this rota "
		 "understands (%d); use a newer rota",
		 f->db, ROTA_SCHEMA_VERSION);
	assert_string_equal(err.msg, want);
	assert_int_equal(count(f, "PRAGMA user_version"), 99);
}

static void missing_database_is_not_created_without_the_flag(void **state)
{
	struct fx *f = *state;
	struct rota_store *st = NULL;
	struct rota_error err = {0};
	char want[200];

	assert_int_equal(rota_store_open(path_of(f, "nope.db"), 0, &st, &err),
			 ROTA_ENOTFOUND);
	snprintf(want, sizeof(want),
		 "%s/nope.db: no such database (create one with 'rota init')",
		 f->dir);
	assert_string_equal(err.msg, want);
	assert_int_equal(access(path_of(f, "nope.db"), F_OK), -1);
}

/* -------------------------------------------------------------- imports */

static void base_import_loads_every_table(void **state)
{
	struct fx *f = *state;
	struct rota_dataset ds = {0};
	struct rota_error err = {0};
	int voice, chat;

	import_base(f);
	assert_int_equal(rota_store_load(f->st, &ds, &err), 0);
	assert_string_equal(ds.site.timezone, "Europe/London");
	assert_int_equal(ds.n_skills, 3);
	assert_string_equal(ds.skills[0].name, "chat"); /* sorted */
	assert_int_equal(ds.skills[0].concurrency, 2);
	assert_true(ds.skills[2].sl == 0.8);
	assert_int_equal(ds.n_contracts, 2);
	assert_int_equal(ds.contracts[1].rule[ROTA_RULE_max_days_week].value, 4);
	assert_int_equal(ds.contracts[1].rule[ROTA_RULE_min_rest_min].value,
			 660);
	assert_int_equal(ds.n_employees, 2);
	assert_string_equal(ds.employees[0].name, "王伟");
	assert_string_equal(ds.employees[1].name, "Smith, Jane");
	voice = rota_dataset_skill(&ds, "voice");
	chat = rota_dataset_skill(&ds, "chat");
	assert_true(ds.employees[0].skills & (UINT64_C(1) << voice));
	assert_int_equal(ds.employees[0].level[voice], 3);
	assert_int_equal(ds.employees[0].level[chat], 0);
	assert_int_equal(ds.n_shifts, 2);
	assert_int_equal(ds.shifts[0].days, 0x1f);
	assert_int_equal(ds.shifts[0].skills, 0);
	assert_int_equal(ds.shifts[1].skills, UINT64_C(1) << voice);
	assert_int_equal(ds.shifts[1].start_min, 22 * 60);
	rota_dataset_release(&ds);
}

static void reimport_is_a_no_op_and_changes_are_counted(void **state)
{
	struct fx *f = *state;
	struct rota_import_stats s;
	struct rota_error err = {0};

	import_base(f);
	assert_int_equal(import(f, ROTA_IMPORT_STAFF, "staff.csv", &s, &err), 0);
	assert_int_equal(s.added, 0);
	assert_int_equal(s.updated, 0);
	assert_int_equal(s.unchanged, 2);
	assert_int_equal(import(f, ROTA_IMPORT_SITE, "site.ini", &s, &err), 0);
	assert_int_equal(s.unchanged, 4);
	assert_int_equal(import(f, ROTA_IMPORT_CONTRACTS, "contracts.csv", &s,
				&err),
			 0);
	assert_int_equal(s.unchanged, 2);
	assert_int_equal(import(f, ROTA_IMPORT_SHIFTS, "shifts.csv", &s, &err),
			 0);
	assert_int_equal(s.unchanged, 2);
	/* one changed skill level, one new employee, columns in another order
	 * with an extra column, CRLF and a BOM */
	write_file(f, "staff.csv",
		   "\xEF\xBB\xBFskills,id,name,contract,team,email,badge\r\n"
		   "voice:4;chat,A001,王伟,ft,t1,wei@example.cn,17\r\n"
		   "chat,A002,\"Smith, Jane\",pt,t1,jane@example.com,18\r\n"
		   "voice,A003,\"Multi\nLine\",pt,t2,,19\r\n");
	assert_int_equal(import(f, ROTA_IMPORT_STAFF, "staff.csv", &s, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "staff.csv:4: column 'name': contains a "
				     "control character or line break");
	write_file(f, "staff.csv",
		   "\xEF\xBB\xBFskills,id,name,contract,team,email,badge\r\n"
		   "voice:4;chat,A001,王伟,ft,t1,wei@example.cn,17\r\n"
		   "chat,A002,\"Smith, Jane\",pt,t1,jane@example.com,18\r\n"
		   "voice,A003,\"Li \"\"Lucky\"\" Na\",pt,t2,,19\r\n");
	assert_int_equal(import(f, ROTA_IMPORT_STAFF, "staff.csv", &s, &err), 0);
	assert_int_equal(s.added, 1);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.unchanged, 1);
	assert_string_equal(s.extra_columns, "badge");
	assert_int_equal(count(f, "SELECT count(*) FROM employee WHERE name = "
				  "'Li \"Lucky\" Na'"),
			 1);
}

static void staff_errors_name_file_line_and_column(void **state)
{
	struct fx *f = *state;
	const char *n = "SELECT count(*) FROM employee";
	const char *hdr = "id,name,email,team,contract,skills\n";
	char text[512];

	import_base(f);
	snprintf(text, sizeof(text), "%sA009,Bo,,t1,ft,voice\n"
		 "A010,Al,,t1,ft,vioce\n", hdr);
	expect_import_error(f, ROTA_IMPORT_STAFF, text, n,
			    "bad.csv:3: column 'skills': unknown skill 'vioce' "
			    "(known: chat, complaints, voice)");
	snprintf(text, sizeof(text), "%sA009,Bo,,t1,full,voice\n", hdr);
	expect_import_error(f, ROTA_IMPORT_STAFF, text, n,
			    "bad.csv:2: column 'contract': unknown contract "
			    "'full' (known: ft, pt)");
	snprintf(text, sizeof(text), "%sA009,Bo,,t1,ft,voice\nA009,Cy,,t1,ft,"
		 "voice\n", hdr);
	expect_import_error(f, ROTA_IMPORT_STAFF, text, n,
			    "bad.csv:3: column 'id': duplicate 'A009' (already "
			    "on line 2)");
	snprintf(text, sizeof(text), "%s../evil,Bo,,t1,ft,voice\n", hdr);
	expect_import_error(f, ROTA_IMPORT_STAFF, text, n,
			    "bad.csv:2: column 'id': '../evil' is not a valid "
			    "id (use 1-63 letters, digits, '.', '_' or '-', "
			    "not starting with '.' or '-')");
	snprintf(text, sizeof(text), "%sA009,Bo,bo-at-example,t1,ft,voice\n",
		 hdr);
	expect_import_error(f, ROTA_IMPORT_STAFF, text, n,
			    "bad.csv:2: column 'email': 'bo-at-example' is not "
			    "an e-mail address");
	snprintf(text, sizeof(text), "%sA009,Bo,,t1,ft,voice:12\n", hdr);
	expect_import_error(f, ROTA_IMPORT_STAFF, text, n,
			    "bad.csv:2: column 'skills': skill 'voice': level "
			    "'12' is not 1 to 9");
	expect_import_error(f, ROTA_IMPORT_STAFF,
			    "id,name,email,team,skills\nA009,Bo,,t1,voice\n", n,
			    "bad.csv:1: missing column 'contract' in the "
			    "header");
	expect_import_error(f, ROTA_IMPORT_STAFF,
			    "id,name,email,team,contract,skills\n"
			    "A009,\"Bo,,t1,ft,voice\n",
			    n, "bad.csv:2: unterminated quoted field");
	expect_import_error(f, ROTA_IMPORT_STAFF,
			    "id,name,email,team,contract,skills\n"
			    "A009,B\"o,,t1,ft,voice\n",
			    n,
			    "bad.csv:2: malformed CSV (error parsing data "
			    "while strict checking enabled; a field with a "
			    "quote must be quoted, quotes doubled)");
	expect_import_error(f, ROTA_IMPORT_STAFF,
			    "id,name,email,team,contract,skills\n"
			    "A009,B\xff,,t1,ft,voice\n",
			    n, "bad.csv:2: field 2 is not valid UTF-8");
	expect_import_error(f, ROTA_IMPORT_STAFF, "", n,
			    "bad.csv: empty file (expected a header row)");
}

static void shift_errors_are_reported(void **state)
{
	struct fx *f = *state;
	const char *n = "SELECT count(*) FROM shift";
	const char *hdr = "code,start,length_min,break_min,days,skills\n";
	char text[512];

	import_base(f);
	snprintf(text, sizeof(text), "%sX,09:00,1500,0,Mon,\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'length_min': 1500 minutes is "
			    "longer than 24 hours");
	snprintf(text, sizeof(text), "%sX,9h,480,0,Mon,\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'start': '9h' is not a time of "
			    "day (expected HH:MM)");
	snprintf(text, sizeof(text), "%sX,09:00,480,480,Mon,\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'break_min': 480 is not shorter "
			    "than the shift (480)");
	snprintf(text, sizeof(text), "%sX,09:00,480,0,Mo-Fr,\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'days': 'Mo-Fr' is not a list of "
			    "days (expected e.g. Mon-Fri, Sat;Sun or all)");
	snprintf(text, sizeof(text), "%sX,09:00,480,0,Mon,voice:2\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'skills': 'voice:2': a level is "
			    "not allowed here");
	snprintf(text, sizeof(text), "%sX,09:00,-5,0,Mon,\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'length_min': -5: a shift must "
			    "last at least one minute");
}

static void break_start_is_stored_as_minutes_after_the_shift_start(
	void **state)
{
	struct fx *f = *state;
	struct rota_import_stats s;
	struct rota_error err = {0};
	const char *n = "SELECT count(*) FROM shift";
	const char *hdr =
		"code,start,length_min,break_min,break_start,days,skills\n";
	char text[512];

	import_base(f);
	/* an overnight shift's break after midnight, a default break, none */
	snprintf(text, sizeof(text),
		 "%sN,22:00,600,60,02:30,all,\nD,09:00,540,60,,all,\n"
		 "P,09:00,240,0,,all,\n",
		 hdr);
	write_file(f, "b.csv", text);
	assert_int_equal(import(f, ROTA_IMPORT_SHIFTS, "b.csv", &s, &err), 0);
	assert_int_equal(s.added, 2);
	assert_int_equal(s.updated, 1);
	assert_int_equal(count(f, "SELECT break_start_min FROM shift WHERE "
				  "code = 'N'"),
			 270);
	assert_int_equal(count(f, "SELECT break_start_min FROM shift WHERE "
				  "code = 'D'"),
			 0);
	/* the same file again changes nothing; a moved break is an update */
	assert_int_equal(import(f, ROTA_IMPORT_SHIFTS, "b.csv", &s, &err), 0);
	assert_int_equal(s.unchanged, 3);
	snprintf(text, sizeof(text), "%sN,22:00,600,60,03:00,all,\n", hdr);
	write_file(f, "b.csv", text);
	assert_int_equal(import(f, ROTA_IMPORT_SHIFTS, "b.csv", &s, &err), 0);
	assert_int_equal(s.updated, 1);
	assert_int_equal(count(f, "SELECT break_start_min FROM shift WHERE "
				  "code = 'N'"),
			 300);

	snprintf(text, sizeof(text), "%sX,09:00,480,60,16:30,Mon,\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'break_start': a 60-minute "
			    "break at 16:30 is not inside the shift (09:00 for "
			    "480 minutes)");
	snprintf(text, sizeof(text), "%sX,09:00,480,60,09:00,Mon,\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'break_start': a 60-minute "
			    "break at 09:00 is not inside the shift (09:00 for "
			    "480 minutes)");
	snprintf(text, sizeof(text), "%sX,09:00,480,0,12:00,Mon,\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'break_start': given without a "
			    "break_min");
	snprintf(text, sizeof(text), "%sX,09:00,480,60,noon,Mon,\n", hdr);
	expect_import_error(f, ROTA_IMPORT_SHIFTS, text, n,
			    "bad.csv:2: column 'break_start': 'noon' is not a "
			    "time of day (expected HH:MM)");
}

static void contract_errors_are_reported(void **state)
{
	struct fx *f = *state;
	const char *n = "SELECT count(*) FROM contract_rule";

	import_base(f);
	expect_import_error(f, ROTA_IMPORT_CONTRACTS,
			    "id,min_week_min,max_week_min\nx,2400,1200\n", n,
			    "bad.csv:2: column 'min_week_min': 2400 exceeds "
			    "max_week_min 1200");
	expect_import_error(f, ROTA_IMPORT_CONTRACTS,
			    "id,max_days_week\nx,9\n", n,
			    "bad.csv:2: column 'max_days_week': 9 is out of "
			    "range (expected 1 to 7)");
	expect_import_error(f, ROTA_IMPORT_CONTRACTS,
			    "id,min_rest_min,min_rest_min_weight\nx,660,lots\n",
			    n,
			    "bad.csv:2: column 'min_rest_min_weight': 'lots' is "
			    "not a number");
}

static void soft_rules_and_unset_rules_are_stored(void **state)
{
	struct fx *f = *state;
	struct rota_dataset ds = {0};
	struct rota_error err = {0};

	import_base(f);
	write_file(f, "contracts.csv",
		   "id,min_week_min,min_week_min_weight,max_consecutive_days\n"
		   "flex,1200,2.5,-\n");
	assert_int_equal(import(f, ROTA_IMPORT_CONTRACTS, "contracts.csv", NULL,
				&err),
			 0);
	assert_int_equal(rota_store_load(f->st, &ds, &err), 0);
	{
		int c = rota_dataset_contract(&ds, "flex");

		assert_true(c >= 0);
		assert_int_equal(ds.contracts[c].rule[ROTA_RULE_min_week_min].value,
				 1200);
		assert_true(ds.contracts[c].rule[ROTA_RULE_min_week_min].weight ==
			    2.5);
		assert_int_equal(
			ds.contracts[c].rule[ROTA_RULE_max_consecutive_days].value,
			ROTA_UNSET);
	}
	rota_dataset_release(&ds);
}

static void site_ini_errors_name_line_and_key(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};

	write_file(f, "site.ini", "[site]\nname = X\ntimezone = Asia/Shangai\n");
	assert_int_equal(import(f, ROTA_IMPORT_SITE, "site.ini", NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "site.ini:3: key 'timezone': unknown time "
				     "zone 'Asia/Shangai' (not in "
				     "/usr/share/zoneinfo)");
	write_file(f, "site.ini", "[site]\ntimezone = UTC\n[skill.voice]\n"
				  "sl = 1.5\n");
	assert_int_equal(import(f, ROTA_IMPORT_SITE, "site.ini", NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "site.ini:4: key 'sl': 1.5 is out of range "
				     "(expected more than 0 to 1)");
	write_file(f, "site.ini", "[site]\ntimezone = UTC\nintervall = 30\n");
	assert_int_equal(import(f, ROTA_IMPORT_SITE, "site.ini", NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "site.ini:3: key 'intervall': unknown key "
				     "in [site] (expected name, timezone, "
				     "interval_min, grace_min)");
	write_file(f, "site.ini", "[site]\ntimezone = UTC\ninterval_min = 20\n");
	assert_int_equal(import(f, ROTA_IMPORT_SITE, "site.ini", NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "site.ini:3: key 'interval_min': 20 is not "
				     "supported (expected 15, 30 or 60)");
	write_file(f, "site.ini", "[site]\nname = X\n");
	assert_int_equal(import(f, ROTA_IMPORT_SITE, "site.ini", NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "site.ini: [site] has no 'timezone' (an "
				     "IANA name such as Asia/Shanghai)");
	write_file(f, "site.ini", "[site]\ntimezone = UTC\n[skill.voice]\n"
				  "shrinkage = 1\n");
	assert_int_equal(import(f, ROTA_IMPORT_SITE, "site.ini", NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "site.ini:4: key 'shrinkage': 1 is out of "
				     "range (expected 0 to less than 1)");
	assert_int_equal(count(f, "SELECT count(*) FROM site"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM skill"), 0);
}

static void forecast_import_converts_local_times_and_validates(void **state)
{
	struct fx *f = *state;
	struct rota_import_stats s;
	struct rota_error err = {0};
	const char *n = "SELECT count(*) FROM forecast";

	import_base(f);
	/* 01:30 on 2026-10-25 happens twice in London: first occurrence */
	write_file(f, "forecast.csv",
		   "start,skill,contacts,aht_s\n"
		   "2026-10-25 01:00,voice,10,180\n"
		   "2026-10-25 01:30,voice,12.5,180\n"
		   "2026-10-25T02:00:00+00:00,voice,14,180\n");
	assert_int_equal(import(f, ROTA_IMPORT_FORECAST, "forecast.csv", &s,
				&err),
			 0);
	assert_int_equal(s.added, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM forecast WHERE start = "
				  "1792888200"),
			 1); /* 2026-10-25T00:30Z */
	assert_int_equal(count(f, "SELECT count(*) FROM forecast WHERE start = "
				  "1792893600"),
			 1); /* 02:00Z */
	assert_int_equal(import(f, ROTA_IMPORT_FORECAST, "forecast.csv", &s,
				&err),
			 0);
	assert_int_equal(s.unchanged, 3);
	expect_import_error(f, ROTA_IMPORT_FORECAST,
			    "start,skill,contacts,aht_s\n"
			    "2026-11-30 08:10,voice,10,180\n",
			    n,
			    "bad.csv:2: column 'start': '2026-11-30 08:10' is "
			    "not on a 30-minute interval boundary");
	expect_import_error(f, ROTA_IMPORT_FORECAST,
			    "start,skill,contacts,aht_s\n"
			    "2026-11-30 08:00,voice,-3,180\n",
			    n,
			    "bad.csv:2: column 'contacts': -3 is out of range "
			    "(expected 0 to 1e+09)");
	expect_import_error(f, ROTA_IMPORT_FORECAST,
			    "start,skill,contacts,aht_s\n"
			    "2026-11-30 08:00,voice,ten,180\n",
			    n,
			    "bad.csv:2: column 'contacts': 'ten' is not a "
			    "number");
	expect_import_error(f, ROTA_IMPORT_FORECAST,
			    "start,skill,contacts,aht_s\n"
			    "2026-11-30 08:00,voice,3,0\n",
			    n,
			    "bad.csv:2: column 'aht_s': 0 is out of range "
			    "(expected more than 0 and at most 86400 seconds)");
	expect_import_error(f, ROTA_IMPORT_FORECAST,
			    "start,skill,contacts,aht_s\n"
			    "2026-11-30 08:00,voice,3,100\n"
			    "2026-11-30 08:00,voice,4,100\n",
			    n,
			    "bad.csv:3: column 'start': duplicate "
			    "'1796025600/voice' (already on line 2)");
	expect_import_error(f, ROTA_IMPORT_FORECAST,
			    "start,skill,contacts,aht_s\n"
			    "30/11/2026 08:00,voice,3,100\n",
			    n,
			    "bad.csv:2: column 'start': '30/11/2026 08:00' is "
			    "not a time (expected YYYY-MM-DD HH:MM local, or "
			    "ISO 8601 with an offset)");
}

static void timeoff_dates_cover_whole_local_days(void **state)
{
	struct fx *f = *state;
	struct rota_dataset ds = {0};
	struct rota_error err = {0};

	import_base(f);
	write_file(f, "timeoff.csv",
		   "employee,start,end,kind,weight,note\n"
		   "A001,2026-03-28,2026-03-29,hard,,leave\n"
		   "A002,2026-12-01 18:00,2026-12-01 22:00,soft,,class\n");
	assert_int_equal(import(f, ROTA_IMPORT_TIMEOFF, "timeoff.csv", NULL,
				&err),
			 0);
	assert_int_equal(rota_store_load(f->st, &ds, &err), 0);
	assert_int_equal(ds.n_timeoff, 2);
	/* London: 2026-03-28 00:00 GMT to 2026-03-30 00:00 BST = 47 h */
	assert_int_equal(ds.timeoff[0].end - ds.timeoff[0].start, 47 * 3600);
	assert_int_equal(ds.timeoff[0].kind, ROTA_TIMEOFF_HARD);
	assert_int_equal(ds.timeoff[1].kind, ROTA_TIMEOFF_SOFT);
	assert_true(ds.timeoff[1].weight == 1.0); /* soft default */
	assert_string_equal(ds.timeoff[1].note, "class");
	rota_dataset_release(&ds);
	expect_import_error(f, ROTA_IMPORT_TIMEOFF,
			    "employee,start,end\nA404,2026-12-01,2026-12-02\n",
			    "SELECT count(*) FROM timeoff",
			    "bad.csv:2: column 'employee': unknown employee "
			    "'A404'");
	expect_import_error(f, ROTA_IMPORT_TIMEOFF,
			    "employee,start,end\nA001,2026-12-03,2026-12-01\n",
			    "SELECT count(*) FROM timeoff",
			    "bad.csv:2: column 'end': '2026-12-01' is not after "
			    "the start '2026-12-03'");
	expect_import_error(f, ROTA_IMPORT_TIMEOFF,
			    "employee,start,end,kind\nA001,2026-12-01,"
			    "2026-12-01,maybe\n",
			    "SELECT count(*) FROM timeoff",
			    "bad.csv:2: column 'kind': 'maybe' is not a kind "
			    "(expected hard or soft)");
}

static void import_needing_a_site_says_so(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};

	write_file(f, "forecast.csv", "start,skill,contacts,aht_s\n");
	assert_int_equal(import(f, ROTA_IMPORT_FORECAST, "forecast.csv", NULL,
				&err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "forecast.csv: the database has no site "
				     "yet (import site.ini first, or run 'rota "
				     "init --tz ZONE')");
}

static void failed_import_in_a_group_rolls_back_everything(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};

	write_file(f, "site.ini", site_ini);
	write_file(f, "contracts.csv", contracts_csv);
	write_file(f, "staff.csv", "id,name,contract,skills\nA1,X,nope,\n");
	assert_int_equal(rota_store_begin(f->st, &err), 0);
	assert_int_equal(import(f, ROTA_IMPORT_SITE, "site.ini", NULL, &err), 0);
	assert_int_equal(import(f, ROTA_IMPORT_CONTRACTS, "contracts.csv", NULL,
				&err),
			 0);
	assert_int_equal(import(f, ROTA_IMPORT_STAFF, "staff.csv", NULL, &err),
			 ROTA_EDATA);
	rota_store_rollback(f->st);
	assert_int_equal(count(f, "SELECT count(*) FROM site"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM contract"), 0);
}

/* -------------------------------------------------------------- rosters */

static void roster_round_trips_and_replaces_the_week(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};
	struct rota_roster r = {0}, *back = NULL;
	struct rota_assignment a[2] = {
		{"A001", 0, "E", 0, 0, 480, "voice"},
		{"A002", 0, "N", 0, 0, 450, ""},
	};
	int32_t mon = rota_days_from_civil(2026, 11, 30);
	struct rota_assignment *range = NULL;
	size_t n = 0;

	import_base(f);
	a[0].day = mon;
	a[0].start = (int64_t)mon * 86400 + 8 * 3600;
	a[0].end = a[0].start + 540 * 60;
	a[1].day = mon + 6;
	a[1].start = (int64_t)(mon + 6) * 86400 + 22 * 3600;
	a[1].end = a[1].start + 480 * 60;
	r.week = mon;
	rota_strlcpy(r.origin, "solver", sizeof(r.origin));
	rota_strlcpy(r.solver_status, "optimal", sizeof(r.solver_status));
	r.has_stats = 1;
	r.objective = 12.5;
	r.assignments = a;
	r.n_assignments = 2;
	assert_int_equal(rota_store_roster_save(f->st, &r, &err), 0);
	assert_int_equal(rota_store_roster_load(f->st, mon, &back, &err), 0);
	assert_int_equal(back->n_assignments, 2);
	assert_string_equal(back->status, "draft");
	assert_string_equal(back->solver_status, "optimal");
	assert_true(back->objective == 12.5);
	assert_string_equal(back->assignments[0].skill, "voice");
	assert_int_equal(back->assignments[1].day, mon + 6);
	assert_int_equal(back->assignments[1].end, a[1].end);
	rota_roster_free(back);
	/* saving again makes a new live version; the old one is kept */
	r.n_assignments = 1;
	assert_int_equal(rota_store_roster_save(f->st, &r, &err), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM assignment WHERE "
				  "to_version IS NULL"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM assignment"), 2);
	assert_int_equal(rota_store_roster_load(f->st, mon, &back, &err), 0);
	assert_int_equal(back->n_assignments, 1);
	assert_int_equal(back->version, 2);
	rota_roster_free(back);
	assert_int_equal(rota_store_roster_load_version(f->st, mon, 1, &back,
							&err),
			 0);
	assert_int_equal(back->n_assignments, 2);
	assert_int_equal(back->version, 1);
	rota_roster_free(back);
	assert_int_equal(rota_store_assignments_range(f->st, a[0].start,
						      a[0].start + 1, "A001",
						      &range, &n, &err),
			 0);
	assert_int_equal(n, 1);
	free(range);
	assert_int_equal(rota_store_roster_load(f->st, mon + 7, &back, &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "no roster for the week of 2026-12-07");
}

static void roster_with_unknown_employee_is_refused_whole(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};
	struct rota_roster r = {0};
	struct rota_assignment a[2] = {
		{"A001", 0, "E", 100, 200, 480, ""},
		{"Z999", 0, "E", 100, 200, 480, ""},
	};
	int32_t mon = rota_days_from_civil(2026, 11, 30);

	import_base(f);
	a[0].day = a[1].day = mon;
	r.week = mon;
	r.assignments = a;
	r.n_assignments = 2;
	assert_int_equal(rota_store_roster_save(f->st, &r, &err), ROTA_EDATA);
	assert_string_equal(err.msg, "roster 2026-11-30: employee 'Z999' does "
				     "not exist");
	assert_int_equal(count(f, "SELECT count(*) FROM roster"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM assignment"), 0);
}

/* -------------------------------------------------------------- punches */

static void clock_records_refuse_update_and_delete(void **state)
{
	struct fx *f = *state;
	char *msg = NULL;

	import_base(f);
	assert_int_equal(sqlite3_exec(f->st->db,
				      "INSERT INTO punch (employee_id, at, kind, "
				      "timezone, recorded_at) VALUES (1, 100, "
				      "'in', 'UTC', 100)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(f->st->db,
					  "UPDATE punch SET at = 200", NULL,
					  NULL, &msg),
			     SQLITE_OK);
	assert_string_equal(msg, "clock records are append-only: use a "
				 "correction");
	sqlite3_free(msg);
	msg = NULL;
	assert_int_not_equal(sqlite3_exec(f->st->db, "DELETE FROM punch", NULL,
					  NULL, &msg),
			     SQLITE_OK);
	assert_string_equal(msg, "clock records are append-only: use a "
				 "correction");
	sqlite3_free(msg);
	assert_int_equal(count(f, "SELECT at FROM punch"), 100);
	/* and an employee with clock records cannot be deleted */
	assert_int_not_equal(sqlite3_exec(f->st->db,
					  "DELETE FROM employee WHERE id = 1",
					  NULL, NULL, NULL),
			     SQLITE_OK);
}

static void settings_are_kept_replaced_and_removed(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};
	char buf[ROTA_SETTING_MAX], small[4], big[ROTA_SETTING_MAX + 1];

	assert_int_equal(rota_store_setting_get(f->st, "publish.organizer",
						buf, sizeof(buf), &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "no setting 'publish.organizer'");
	assert_int_equal(rota_store_setting_put(f->st, "publish.organizer",
						"rota@example.cn", &err),
			 0);
	assert_int_equal(rota_store_setting_put(f->st, "publish.organizer",
						"hr@example.cn", &err),
			 0);
	assert_int_equal(rota_store_setting_get(f->st, "publish.organizer",
						buf, sizeof(buf), &err),
			 0);
	assert_string_equal(buf, "hr@example.cn");
	assert_int_equal(rota_store_setting_get(f->st, "publish.organizer",
						small, sizeof(small), &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "setting 'publish.organizer' is longer "
				     "than 3 bytes");
	assert_int_equal(rota_store_setting_put(f->st, "publish.organizer",
						NULL, &err),
			 0);
	assert_int_equal(rota_store_setting_get(f->st, "publish.organizer",
						buf, sizeof(buf), &err),
			 ROTA_ENOTFOUND);
	assert_int_equal(rota_store_setting_put(f->st, "", "x", &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "a setting needs a name of 1 to 255 "
				     "characters");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(rota_store_setting_put(f->st, "k", big, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "setting 'k': a value has at most 255 "
				     "characters");
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(new_database_has_current_schema_and_pragmas),
		T(old_database_is_upgraded_keeping_its_data),
		T(database_from_a_newer_rota_is_refused_untouched),
		T(missing_database_is_not_created_without_the_flag),
		T(base_import_loads_every_table),
		T(reimport_is_a_no_op_and_changes_are_counted),
		T(staff_errors_name_file_line_and_column),
		T(shift_errors_are_reported),
		T(break_start_is_stored_as_minutes_after_the_shift_start),
		T(contract_errors_are_reported),
		T(soft_rules_and_unset_rules_are_stored),
		T(site_ini_errors_name_line_and_key),
		T(forecast_import_converts_local_times_and_validates),
		T(timeoff_dates_cover_whole_local_days),
		T(import_needing_a_site_says_so),
		T(failed_import_in_a_group_rolls_back_everything),
		T(roster_round_trips_and_replaces_the_week),
		T(roster_with_unknown_employee_is_refused_whole),
		T(clock_records_refuse_update_and_delete),
		T(settings_are_kept_replaced_and_removed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
