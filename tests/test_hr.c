/*
 * tests/test_hr.c - HR reports through the store: breaks from the shift
 * templates, excused absences by leave type, the site's HR settings and the
 * Bradford window (docs/attendance.md).
 */
#include <math.h>
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
	struct rota_tz *tz;
	int32_t mon;   /* Monday 2026-11-30 */
};

static void sql(struct fx *f, const char *text)
{
	char *msg = NULL;

	if (sqlite3_exec(f->st->db, text, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", text, msg);
}

/* Local instant of day offset d from Monday, h:m. */
static int64_t at(const struct fx *f, int d, int h, int m)
{
	return rota_tz_local_minutes(f->tz, f->mon + d, h * 60 + m);
}

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct rota_error err = {0};
	struct rota_site site = ROTA_SITE_INIT;

	snprintf(f->dir, sizeof(f->dir), "/tmp/rota-test-hr.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/rota.db", f->dir);
	assert_int_equal(rota_store_open(f->db, ROTA_STORE_CREATE, &f->st, &err),
			 0);
	strcpy(site.timezone, "Asia/Shanghai");
	assert_int_equal(rota_store_site_set(f->st, &site, &err), 0);
	f->tz = rota_tz_load("Asia/Shanghai", &err);
	assert_non_null(f->tz);
	f->mon = rota_days_from_civil(2026, 11, 30);
	/* shift D 08:00-17:00, break 13:00-14:00 (300 min after the start) */
	sql(f, "INSERT INTO contract (id, code) VALUES (1, 'ft');"
	       "INSERT INTO employee (id, code, name, team, contract_id) VALUES"
	       " (1, 'A001', '李霞', 'red', 1), (2, 'A002', 'Wei', 'red', 1);"
	       "INSERT INTO shift (id, code, name, start_min, length_min,"
	       " break_min, break_start_min, days) VALUES"
	       " (1, 'D', 'Day', 480, 540, 60, 300, 127);"
	       "INSERT INTO roster (id, week, origin, created_at) VALUES"
	       " (1, '2026-11-30', 'import', 0), (2, '2026-12-07', 'import', 0);");
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	char path[256];
	const char *names[] = {"rota.db", "rota.db-wal", "rota.db-shm"};

	rota_tz_free(f->tz);
	rota_store_close(f->st);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		unlink(path);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Employee eid works shift D on day offset d (from Monday 2026-11-30). */
static void assign(struct fx *f, int eid, int d)
{
	char q[512], day[16];

	rota_format_date(f->mon + d, day, sizeof(day));
	snprintf(q, sizeof(q),
		 "INSERT INTO assignment (roster_id, employee_id, day, shift_id,"
		 " start, end, paid_min) VALUES (%d, %d, '%s', 1, %lld, %lld,"
		 " 480)",
		 d < 7 ? 1 : 2, eid, day, (long long)at(f, d, 8, 0),
		 (long long)at(f, d, 17, 0));
	sql(f, q);
}

static void clock(struct fx *f, const char *emp, int kind, int64_t t)
{
	struct rota_error err = {0};

	if (rota_store_clock(f->st, emp, kind, t, "t", t, NULL, &err) < 0)
		fail_msg("clock: %s", err.msg);
}

static struct rota_attendance_report *report(struct fx *f, int d0, int d1,
					     const char *emp, int detail)
{
	struct rota_attendance_query q = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_attendance_report *r = NULL;
	struct rota_error err = {0};

	q.from = f->mon + d0;
	q.to = f->mon + d1;
	q.employee = emp;
	q.detail = detail;
	if (rota_store_attendance(f->st, &q, &r, &err) < 0)
		fail_msg("attendance: %s", err.msg);
	return r;
}

static int leave(const struct rota_attendance_report *r, const char *name)
{
	for (int i = 0; i < r->n_leave; i++)
		if (strcmp(r->leave[i].name, name) == 0)
			return i;
	fail_msg("no leave type %s", name);
	return -1;
}

static void the_break_comes_from_the_template_and_the_worked_example_holds(
	void **state)
{
	struct fx *f = *state;
	struct rota_attendance_report *r;
	const struct rota_att_totals *t;

	assign(f, 1, 0);
	assign(f, 1, 1);
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 0, 7, 58));
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 0, 13, 0));
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 0, 14, 0));
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 0, 17, 1));
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 1, 7, 58));   /* no break */
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 1, 17, 1));
	r = report(f, 0, 1, "A001", 1);
	assert_int_equal(r->n_people, 1);
	assert_int_equal(r->shifts[r->people[0].att.rows[0].shift].break_start,
			 at(f, 0, 13, 0));
	for (int d = 0; d < 2; d++) {
		const struct rota_att_row *row = &r->people[0].att.rows[d];

		assert_int_equal(row->scheduled_min, 480);
		assert_int_equal(row->worked_min, 483);
		assert_int_equal(row->covered_min, 480);
		assert_int_equal(row->overtime_min, 3);
	}
	t = &r->people[0].att.total;
	assert_true(rota_att_adherence(t) == 1.0);
	rota_attendance_report_free(r);

	/* break_auto_deduct = no: Tuesday's unpunched break is worked */
	{
		struct rota_hr_settings h;
		struct rota_error err = {0};
		int changed = -1;

		assert_int_equal(rota_store_hr_settings(f->st, &h, &err), 0);
		h.v[ROTA_HR_break_auto_deduct] = 0;
		assert_int_equal(rota_store_hr_settings_set(f->st, &h, &changed,
							    &err),
				 0);
		assert_int_equal(changed, 1);
	}
	r = report(f, 0, 1, "A001", 0);
	assert_int_equal(r->hr.v[ROTA_HR_break_auto_deduct], 0);
	assert_int_equal(r->people[0].att.total.worked_min, 483 + 543);
	assert_int_equal(r->people[0].att.total.overtime_min, 3 + 63);
	rota_attendance_report_free(r);
}

static void absences_and_approved_typed_leave_excuse_shifts_by_type(
	void **state)
{
	struct fx *f = *state;
	struct rota_attendance_report *r;
	const struct rota_att_totals *t;
	char q[1024];

	for (int d = 0; d < 6; d++)
		assign(f, 1, d);
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 0, 8, 0));
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 0, 17, 0));
	/* Tue: a sick call (absence); Wed: approved annual leave; Thu: the
	 * same but only pending; Fri: approved but untyped; Sat: denied */
	snprintf(q, sizeof(q),
		 "INSERT INTO absence (employee_id, start, end, type, reason,"
		 " by, recorded_at) VALUES (1, %lld, %lld, 'sick', 'flu',"
		 " 'sup', 0);"
		 "INSERT INTO timeoff (employee_id, start, end, kind, type,"
		 " status) VALUES (1, %lld, %lld, 'hard', 'annual', 'approved'),"
		 " (1, %lld, %lld, 'hard', 'annual', 'pending'),"
		 " (1, %lld, %lld, 'hard', '', 'approved'),"
		 " (1, %lld, %lld, 'hard', 'annual', 'denied');",
		 (long long)at(f, 1, 7, 0), (long long)at(f, 1, 23, 0),
		 (long long)at(f, 2, 0, 0), (long long)at(f, 3, 0, 0),
		 (long long)at(f, 3, 0, 0), (long long)at(f, 4, 0, 0),
		 (long long)at(f, 4, 0, 0), (long long)at(f, 5, 0, 0),
		 (long long)at(f, 5, 0, 0), (long long)at(f, 6, 0, 0));
	sql(f, q);
	r = report(f, 0, 6, "A001", 1);
	t = &r->people[0].att.total;
	assert_int_equal(t->shifts, 6);
	assert_int_equal(t->excused[leave(r, "sick")], 1);
	assert_int_equal(t->excused[leave(r, "annual")], 1);
	assert_int_equal(t->excused_shifts, 2);
	assert_int_equal(t->absences, 3);
	assert_int_equal(t->scheduled_min, 4 * 480);
	assert_int_equal(r->people[0].att.rows[1].excused, leave(r, "sick"));
	assert_int_equal(r->people[0].att.rows[2].excused, leave(r, "annual"));
	/* Bradford: Tue sick (unplanned), Wed on planned leave (not a
	 * scheduled day), Thu-Sat absent: one spell of four days */
	assert_int_equal(r->people[0].bradford.spells, 1);
	assert_int_equal(r->people[0].bradford.days, 4);
	assert_int_equal(r->people[0].bradford.factor, 4);
	rota_attendance_report_free(r);
}

static void a_shift_an_absence_took_out_of_the_roster_is_excused_by_its_type(
	void **state)
{
	struct fx *f = *state;
	struct rota_attendance_report *r;
	char q[1024];

	/* Mon worked; Tue's shift closed in version 2 by a sick call
	 * (absence_shift); Wed's closed by an edit (gone from the roster) */
	assign(f, 1, 0);
	assign(f, 1, 1);
	assign(f, 1, 2);
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 0, 8, 0));
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 0, 17, 0));
	snprintf(q, sizeof(q),
		 "INSERT INTO absence (id, employee_id, start, end, type,"
		 " recorded_at) VALUES (7, 1, %lld, %lld, 'sick', 0);"
		 "UPDATE assignment SET to_version = 2 WHERE day IN"
		 " ('2026-12-01', '2026-12-02');"
		 "INSERT INTO absence_shift (absence_id, assignment_id)"
		 " SELECT 7, id FROM assignment WHERE day = '2026-12-01';",
		 (long long)at(f, 1, 0, 0), (long long)at(f, 1, 12, 0));
	sql(f, q);
	r = report(f, 0, 6, "A001", 1);
	assert_int_equal(r->people[0].att.total.shifts, 2);
	assert_int_equal(r->people[0].att.total.absences, 0);
	assert_int_equal(r->people[0].att.total.excused[leave(r, "sick")], 1);
	assert_int_equal(r->people[0].att.rows[1].flags, ROTA_ATT_EXCUSED);
	assert_int_equal(r->people[0].att.rows[1].excused_min, 480);
	assert_int_equal(r->people[0].bradford.factor, 1);
	rota_attendance_report_free(r);
}

static void the_bradford_window_reaches_back_from_the_end_of_the_range(
	void **state)
{
	struct fx *f = *state;
	struct rota_attendance_report *r;
	struct rota_hr_settings h;
	struct rota_error err = {0};

	/* absent Mon 30 Nov and Mon 7 Dec, worked in between */
	assign(f, 2, 0);
	assign(f, 2, 2);
	assign(f, 2, 7);
	clock(f, "A002", ROTA_PUNCH_IN, at(f, 2, 8, 0));
	clock(f, "A002", ROTA_PUNCH_OUT, at(f, 2, 17, 0));
	/* a report of the second week only still sees the first (52 weeks) */
	r = report(f, 7, 13, "A002", 0);
	assert_int_equal(r->people[0].att.total.shifts, 1);
	assert_int_equal(r->people[0].att.total.absences, 1);
	assert_int_equal(r->people[0].bradford.spells, 2);
	assert_int_equal(r->people[0].bradford.factor, 8);
	assert_int_equal(r->bradford_from, f->mon + 14 - 364);
	rota_attendance_report_free(r);
	/* a window of one week does not */
	assert_int_equal(rota_store_hr_settings(f->st, &h, &err), 0);
	h.v[ROTA_HR_bradford_window_weeks] = 1;
	assert_int_equal(rota_store_hr_settings_set(f->st, &h, NULL, &err), 0);
	r = report(f, 7, 13, "A002", 0);
	assert_int_equal(r->people[0].bradford.spells, 1);
	assert_int_equal(r->people[0].bradford.factor, 1);
	rota_attendance_report_free(r);
}

static void hr_settings_have_defaults_and_bounds(void **state)
{
	struct fx *f = *state;
	struct rota_hr_settings h;
	struct rota_error err = {0};

	assert_int_equal(rota_store_hr_settings(f->st, &h, &err), 0);
	assert_int_equal(h.v[ROTA_HR_break_auto_deduct], 1);
	assert_int_equal(h.v[ROTA_HR_clock_tolerance_min], 10);
	assert_int_equal(h.v[ROTA_HR_bradford_window_weeks], 52);
	assert_int_equal(h.v[ROTA_HR_night_start], 22 * 60);
	assert_int_equal(h.v[ROTA_HR_weekend], 0x60);
	assert_int_equal(rota_hr_setting_find("attendance", "grace_min"), -1);
	assert_int_equal(rota_hr_setting_find("payroll", "night_end"),
			 ROTA_HR_night_end);
	assert_int_equal(rota_hr_setting_kind(ROTA_HR_weekend), ROTA_HR_DAYS);
	h.v[ROTA_HR_bradford_window_weeks] = 0;
	assert_int_equal(rota_store_hr_settings_set(f->st, &h, NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "bradford_window_weeks: 0 is out of "
				     "range (expected 1 to 520)");
	assert_int_equal(rota_store_hr_settings(f->st, &h, &err), 0);
	assert_int_equal(h.v[ROTA_HR_bradford_window_weeks], 52);
}

static void clock_at_is_accepted_only_within_the_site_tolerance_of_now(
	void **state)
{
	struct fx *f = *state;
	struct rota_hr_settings h;
	struct rota_error err = {0};
	int64_t now = at(f, 0, 10, 0);

	assert_int_equal(rota_store_clock_check(f->st, now, now, &err), 0);
	assert_int_equal(rota_store_clock_check(f->st, now - 600, now, &err),
			 0);
	assert_int_equal(rota_store_clock_check(f->st, now + 600, now, &err),
			 0);
	assert_int_equal(rota_store_clock_check(f->st, now - 601, now, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg,
			    "2026-11-30 09:49 is 0 h 10 min before now "
			    "(2026-11-30 10:00); a clock punch may be at most "
			    "10 min from now (site.ini [attendance] "
			    "clock_tolerance_min): record it with 'rota punch "
			    "add EMPLOYEE in|out --at TIME --reason TEXT --by "
			    "NAME'");
	assert_int_equal(rota_store_clock_check(f->st, at(f, 0, 12, 30), now,
						&err),
			 ROTA_ECONFLICT);
	assert_non_null(strstr(err.msg, "is 2 h 30 min after now"));
	/* the tolerance is the site's */
	assert_int_equal(rota_store_hr_settings(f->st, &h, &err), 0);
	h.v[ROTA_HR_clock_tolerance_min] = 0;
	assert_int_equal(rota_store_hr_settings_set(f->st, &h, NULL, &err), 0);
	assert_int_equal(rota_store_clock_check(f->st, now - 60, now, &err),
			 ROTA_ECONFLICT);
	assert_int_equal(rota_store_clock_check(f->st, now, now, &err), 0);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void site_ini_attendance_and_payroll_sections_set_the_hr_settings(
	void **state)
{
	struct fx *f = *state;
	struct rota_import_stats stats;
	struct rota_hr_settings h;
	struct rota_error err = {0};
	char path[128];
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{"[attendance]\nbreak_auto_deduct = maybe\n",
		 "site.ini:2: key 'break_auto_deduct': 'maybe' is not yes or "
		 "no"},
		{"[attendance]\nbradford_weeks = 4\n",
		 "site.ini:2: key 'bradford_weeks': unknown key in "
		 "[attendance] (expected break_auto_deduct, "
		 "clock_tolerance_min, bradford_window_weeks)"},
		{"[payroll]\nnight_start = 25:00\n",
		 "site.ini:2: key 'night_start': '25:00' is not a time of day "
		 "(expected HH:MM)"},
		{"[payroll]\ndaily_overtime_after_min = 1441\n",
		 "site.ini:2: key 'daily_overtime_after_min': 1441 is out of "
		 "range (expected 0 to 1440)"},
		{"[attendance]\n[attendance]\n",
		 "site.ini:2: [attendance] appears twice"},
	};

	snprintf(path, sizeof(path), "%s/site.ini", f->dir);
	write_file(path, "[attendance]\nbreak_auto_deduct = no\n"
			 "bradford_window_weeks = 26\n"
			 "[payroll]\nnight_start = 23:00\nnight_end = 7:00\n"
			 "weekend = Fri;Sat\npay_unapproved_overtime = yes\n");
	assert_int_equal(rota_store_import_file(f->st, ROTA_IMPORT_SITE, path,
						"site.ini", &stats, &err),
			 0);
	assert_int_equal(stats.updated, 2);
	assert_int_equal(rota_store_hr_settings(f->st, &h, &err), 0);
	assert_int_equal(h.v[ROTA_HR_break_auto_deduct], 0);
	assert_int_equal(h.v[ROTA_HR_bradford_window_weeks], 26);
	assert_int_equal(h.v[ROTA_HR_clock_tolerance_min], 10);
	assert_int_equal(h.v[ROTA_HR_night_start], 23 * 60);
	assert_int_equal(h.v[ROTA_HR_night_end], 7 * 60);
	assert_int_equal(h.v[ROTA_HR_weekend], 0x30);
	assert_int_equal(h.v[ROTA_HR_pay_unapproved_overtime], 1);
	/* again: unchanged; a section left out keeps its values; a section
	 * present sets its missing keys back to their defaults */
	assert_int_equal(rota_store_import_file(f->st, ROTA_IMPORT_SITE, path,
						"site.ini", &stats, &err),
			 0);
	assert_int_equal(stats.unchanged, 2);
	write_file(path, "[attendance]\nclock_tolerance_min = 2\n");
	assert_int_equal(rota_store_import_file(f->st, ROTA_IMPORT_SITE, path,
						"site.ini", &stats, &err),
			 0);
	assert_int_equal(rota_store_hr_settings(f->st, &h, &err), 0);
	assert_int_equal(h.v[ROTA_HR_clock_tolerance_min], 2);
	assert_int_equal(h.v[ROTA_HR_break_auto_deduct], 1);
	assert_int_equal(h.v[ROTA_HR_night_start], 23 * 60);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file(path, bad[i].text);
		assert_int_equal(rota_store_import_file(f->st, ROTA_IMPORT_SITE,
							path, "site.ini",
							&stats, &err),
				 ROTA_EDATA);
		assert_string_equal(err.msg, bad[i].msg);
	}
	assert_int_equal(rota_store_hr_settings(f->st, &h, &err), 0);
	assert_int_equal(h.v[ROTA_HR_clock_tolerance_min], 2);
	unlink(path);
}

static void import(struct fx *f, int kind, const char *name,
		   const char *text, struct rota_import_stats *stats)
{
	struct rota_error err = {0};
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	write_file(path, text);
	if (rota_store_import_file(f->st, kind, path, name, stats, &err) < 0)
		fail_msg("import %s: %s", name, err.msg);
	unlink(path);
}

static void import_fails(struct fx *f, int kind, const char *name,
			 const char *text, const char *msg)
{
	struct rota_import_stats stats;
	struct rota_error err = {0};
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	write_file(path, text);
	assert_int_equal(rota_store_import_file(f->st, kind, path, name,
						&stats, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, msg);
	unlink(path);
}

static const char kpi_ini[] =
	"[kpi.csat]\nunit = points\ntarget = 4.5\nlower = 3\nupper = 5\n"
	"weight = 2\n"
	"[kpi.aht]\nunit = s\nbetter = lower\nlower = 240\nupper = 420\n"
	"[kpi.complaints]\naggregation = rate\nlower = 0\nupper = 4\n"
	"[kpi.qa]\naggregation = sum\nlower = 0\nupper = 10\npoints = 20\n"
	"[kpi.adherence]\nweight = 3\nlower = 0.8\nupper = 0.95\n";

static void kpi_metrics_come_from_site_ini_with_the_builtins_first(
	void **state)
{
	struct fx *f = *state;
	struct rota_kpi_metric *m = NULL;
	struct rota_import_stats stats;
	struct rota_error err = {0};
	size_t n;

	import(f, ROTA_IMPORT_SITE, "site.ini", kpi_ini, &stats);
	assert_int_equal(stats.added, 5);
	import(f, ROTA_IMPORT_SITE, "site.ini", kpi_ini, &stats);
	assert_int_equal(stats.unchanged, 5);
	assert_int_equal(rota_store_kpi_metrics(f->st, &m, &n, &err), 0);
	assert_int_equal(n, 5 + 4);
	assert_string_equal(m[0].name, "adherence");
	assert_true(m[0].weight == 3 && m[0].lower == 0.8 && m[0].builtin);
	assert_true(m[0].higher_better);
	assert_string_equal(m[5].name, "aht");
	assert_false(m[5].higher_better);
	assert_false(m[5].has_target);
	assert_string_equal(m[6].name, "complaints");
	assert_int_equal(m[6].aggregation, ROTA_KPI_RATE);
	assert_string_equal(m[7].name, "csat");
	assert_true(m[7].has_target && m[7].target == 4.5);
	assert_true(m[7].weight == 2 && m[7].points == 10);
	assert_string_equal(m[7].unit, "points");
	assert_true(m[8].points == 20);
	free(m);
	/* the file's metrics are the site's */
	import(f, ROTA_IMPORT_SITE, "site.ini",
	       "[kpi.csat]\nlower = 3\nupper = 5\n", &stats);
	assert_int_equal(rota_store_kpi_metrics(f->st, &m, &n, &err), 0);
	assert_int_equal(n, 6);
	assert_true(m[0].weight == 1 && m[0].lower == 0.85);
	free(m);
	import_fails(f, ROTA_IMPORT_SITE, "site.ini",
		     "[kpi.csat]\nlower = 3\n",
		     "site.ini:1: [kpi.csat] needs lower and upper (the "
		     "thresholds between which its points grow)");
	import_fails(f, ROTA_IMPORT_SITE, "site.ini",
		     "[kpi.csat]\nlower = 5\nupper = 3\n",
		     "site.ini:1: [kpi.csat]: lower 5 is not below upper 3");
	import_fails(f, ROTA_IMPORT_SITE, "site.ini",
		     "[kpi.csat]\naggregation = median\n",
		     "site.ini:2: key 'aggregation': 'median' is not an "
		     "aggregation (expected mean, sum or rate)");
	import_fails(f, ROTA_IMPORT_SITE, "site.ini",
		     "[kpi.bradford]\nbetter = higher\n",
		     "site.ini:2: key 'better': 'bradford' is computed from "
		     "attendance: its better is fixed");
	import_fails(f, ROTA_IMPORT_SITE, "site.ini",
		     "[kpi.csat]\ncolour = red\n",
		     "site.ini:2: key 'colour': unknown key in a kpi section "
		     "(expected unit, aggregation, better, target, weight, "
		     "lower, upper, points)");
}

static void kpis_import_by_employee_day_metric_and_source(void **state)
{
	struct fx *f = *state;
	struct rota_import_stats stats;

	import(f, ROTA_IMPORT_SITE, "site.ini", kpi_ini, &stats);
	import(f, ROTA_IMPORT_KPIS, "kpis.csv",
	       "employee,date,metric,value,source\n"
	       "A001,2026-11-30,csat,4.0,survey\n"
	       "A001,2026/12/1,csat,5,survey\n"
	       "A001,2026-12-01,csat,3,callback\n"
	       "A002,2026-12-01,aht,300,\n",
	       &stats);
	assert_int_equal(stats.added, 4);
	import(f, ROTA_IMPORT_KPIS, "kpis.csv",
	       "employee,date,metric,value,source\n"
	       "A001,2026-11-30,csat,4.0,survey\n"
	       "A002,2026-12-01,aht,310,\n",
	       &stats);
	assert_int_equal(stats.unchanged, 1);
	assert_int_equal(stats.updated, 1);
	import_fails(f, ROTA_IMPORT_KPIS, "kpis.csv",
		     "employee,date,metric,value\nA001,2026-12-02,nps,9\n",
		     "kpis.csv:2: column 'metric': unknown metric 'nps' "
		     "(known: adherence, aht, complaints, csat, qa)");
	import_fails(f, ROTA_IMPORT_KPIS, "kpis.csv",
		     "employee,date,metric,value\nA001,2026-12-02,adherence,"
		     "1\n",
		     "kpis.csv:2: column 'metric': 'adherence' is computed "
		     "from attendance, not imported");
	import_fails(f, ROTA_IMPORT_KPIS, "kpis.csv",
		     "employee,date,metric,value\nA001,2026-12-02,csat,4\n"
		     "A001,2026/12/2,csat,5\n",
		     "kpis.csv:3: column 'employee': duplicate "
		     "'A001/csat/2026-12-02/' (already on line 2)");
	import_fails(f, ROTA_IMPORT_KPIS, "kpis.csv",
		     "employee,date,metric,value\nA009,2026-12-02,csat,4\n",
		     "kpis.csv:2: column 'employee': unknown employee 'A009'");
	import_fails(f, ROTA_IMPORT_KPIS, "kpis.csv",
		     "employee,date,metric,value\nA001,2026-12-32,csat,4\n",
		     "kpis.csv:2: column 'date': '2026-12-32' is not a date "
		     "(expected YYYY-MM-DD)");
	import_fails(f, ROTA_IMPORT_KPIS, "kpis.csv",
		     "employee,date,metric,value\nA001,2026-12-02,csat,good\n",
		     "kpis.csv:2: column 'value': 'good' is not a number");
	import_fails(f, ROTA_IMPORT_KPIS, "kpis.csv",
		     "employee,date,metric\nA001,2026-12-02,csat\n",
		     "kpis.csv:1: missing column 'value' in the header");
}

static const struct rota_score *score(const struct rota_scorecard *sc,
				      const char *emp, const char *metric)
{
	for (size_t p = 0; p < sc->n_people; p++)
		for (size_t m = 0; m < sc->n_metrics; m++)
			if (strcmp(sc->people[p].id, emp) == 0 &&
			    strcmp(sc->metrics[m].name, metric) == 0)
				return &sc->people[p].score[m];
	fail_msg("no score %s %s", emp, metric);
	return NULL;
}

static void the_scorecard_aggregates_imported_values_and_attendance(
	void **state)
{
	struct fx *f = *state;
	struct rota_scorecard_query q = ROTA_SCORECARD_QUERY_INIT;
	struct rota_scorecard *sc = NULL;
	struct rota_import_stats stats;
	struct rota_error err = {0};

	import(f, ROTA_IMPORT_SITE, "site.ini", kpi_ini, &stats);
	/* A001 works Mon (on time) and Tue (20 min late), A002 nothing */
	assign(f, 1, 0);
	assign(f, 1, 1);
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 0, 8, 0));
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 0, 17, 0));
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 1, 8, 20));
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 1, 17, 0));
	import(f, ROTA_IMPORT_KPIS, "kpis.csv",
	       "employee,date,metric,value,source\n"
	       "A001,2026-11-30,csat,4.0,\n"
	       "A001,2026-12-01,csat,5.0,\n"
	       "A001,2026-12-08,csat,1.0,\n"     /* after the range */
	       "A001,2026-11-30,complaints,6,\n"
	       "A001,2026-12-01,complaints,10,\n"
	       "A001,2026-12-01,qa,7,\n"
	       "A001,2026-12-01,qa,2,second\n"
	       "A002,2026-12-01,csat,3.0,\n",
	       &stats);
	q.from = f->mon;
	q.to = f->mon + 6;
	assert_int_equal(rota_store_scorecard(f->st, &q, &sc, &err), 0);
	assert_int_equal(sc->n_people, 2);
	/* mean of the range's values: 4.5 -> 7.5 points */
	assert_true(score(sc, "A001", "csat")->value == 4.5);
	assert_int_equal(score(sc, "A001", "csat")->count, 2);
	assert_true(score(sc, "A001", "csat")->points == 7.5);
	/* rate: 16 complaints in 940 minutes worked, per hour */
	assert_true(fabs(score(sc, "A001", "complaints")->value -
			 16.0 * 60 / 940) < 1e-9);
	/* sum, over every source */
	assert_true(score(sc, "A001", "qa")->value == 9);
	assert_true(score(sc, "A001", "qa")->points == 18);
	/* built-ins from attendance */
	assert_true(score(sc, "A001", "adherence")->value == 940.0 / 960);
	assert_true(score(sc, "A001", "punctuality")->value == 0.5);
	assert_true(score(sc, "A001", "absence_rate")->value == 0);
	assert_true(score(sc, "A001", "bradford")->value == 0);
	assert_false(score(sc, "A002", "adherence")->has_value);
	assert_false(score(sc, "A002", "complaints")->has_value);
	/* no shifts in the period: no attendance metric, Bradford neither */
	assert_false(score(sc, "A002", "bradford")->has_value);
	/* the team (red) compares them */
	assert_true(score(sc, "A002", "csat")->team_median == 3.75);
	assert_true(score(sc, "A001", "csat")->percentile == 75);
	assert_true(sc->people[0].total.has_value);
	rota_scorecard_free(sc);
	/* a team with nobody in it */
	q.team = "blue";
	assert_int_equal(rota_store_scorecard(f->st, &q, &sc, &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "no employee in team 'blue'");
}

static const struct rota_payroll_person *payroll(struct fx *f, int d0,
						  int d1,
						  struct rota_payroll **out)
{
	struct rota_attendance_query q = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_error err = {0};

	q.from = f->mon + d0;
	q.to = f->mon + d1;
	q.employee = "A001";
	if (rota_store_payroll(f->st, &q, out, &err) < 0)
		fail_msg("payroll: %s", err.msg);
	assert_int_equal((*out)->n_people, 1);
	return &(*out)->people[0];
}

static void payroll_reads_approvals_holidays_absences_and_leave(void **state)
{
	struct fx *f = *state;
	struct rota_import_stats stats;
	struct rota_payroll *pr = NULL;
	const struct rota_payroll_person *p;
	char q[512];
	int annual, sick;

	/* Mon worked; Tue a sick call; Wed annual leave (no shift);
	 * Thu stays 60 min, 30 approved; Fri a public holiday, worked */
	for (int d = 0; d < 5; d++)
		if (d != 2)
			assign(f, 1, d);
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 0, 8, 0));
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 0, 17, 0));
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 3, 8, 0));
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 3, 18, 0));
	clock(f, "A001", ROTA_PUNCH_IN, at(f, 4, 8, 0));
	clock(f, "A001", ROTA_PUNCH_OUT, at(f, 4, 17, 0));
	snprintf(q, sizeof(q),
		 "INSERT INTO absence (employee_id, start, end, type,"
		 " recorded_at) VALUES (1, %lld, %lld, 'sick', 0);"
		 "INSERT INTO timeoff (employee_id, start, end, kind, type,"
		 " status) VALUES (1, %lld, %lld, 'hard', 'annual',"
		 " 'approved');",
		 (long long)at(f, 1, 7, 0), (long long)at(f, 1, 18, 0),
		 (long long)at(f, 2, 0, 0), (long long)at(f, 3, 0, 0));
	sql(f, q);
	import(f, ROTA_IMPORT_OVERTIME, "overtime.csv",
	       "employee,date,minutes,by,reason\n"
	       "A001,2026-12-03,30,sup Wang,queue\n",
	       &stats);
	assert_int_equal(stats.added, 1);
	import(f, ROTA_IMPORT_HOLIDAYS, "holidays.csv",
	       "date,name,multiplier\n2026-12-04,Test day,3\n"
	       "2026-12-05,Make-up day,1\n",
	       &stats);
	assert_int_equal(stats.added, 2);
	p = payroll(f, 0, 6, &pr);
	annual = 0;
	sick = 0;
	for (int i = 0; i < pr->n_leave; i++) {
		if (strcmp(pr->leave[i].name, "annual") == 0)
			annual = i;
		if (strcmp(pr->leave[i].name, "sick") == 0)
			sick = i;
	}
	assert_int_equal(p->pay.regular, 3 * 480);
	assert_int_equal(p->pay.overtime, 30);
	assert_int_equal(p->pay.not_paid, 30);
	assert_int_equal(p->worked_min, 3 * 480 + 60);
	assert_int_equal(p->pay.regular + p->pay.overtime + p->pay.not_paid,
			 p->worked_min);
	assert_int_equal(p->pay.n_rates, 1);
	assert_int_equal(p->pay.holiday[0], 480);
	assert_int_equal(p->pay.leave[sick], 480);
	assert_int_equal(p->pay.leave[annual], 480);
	assert_int_equal(p->pay.weekend, 0);
	rota_payroll_free(pr);
	/* errors name the file, line and column */
	import_fails(f, ROTA_IMPORT_HOLIDAYS, "holidays.csv",
		     "date,name,multiplier\n2026-12-24,Eve,0.5\n",
		     "holidays.csv:2: column 'multiplier': 0.5 is out of range "
		     "(expected 1 to 10)");
	import_fails(f, ROTA_IMPORT_OVERTIME, "overtime.csv",
		     "employee,date,minutes,by\nA001,2026-12-03,30,\n",
		     "overtime.csv:2: column 'by': empty");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			the_break_comes_from_the_template_and_the_worked_example_holds,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			absences_and_approved_typed_leave_excuse_shifts_by_type,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			a_shift_an_absence_took_out_of_the_roster_is_excused_by_its_type,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			the_bradford_window_reaches_back_from_the_end_of_the_range,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			hr_settings_have_defaults_and_bounds, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			clock_at_is_accepted_only_within_the_site_tolerance_of_now,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			site_ini_attendance_and_payroll_sections_set_the_hr_settings,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			kpi_metrics_come_from_site_ini_with_the_builtins_first,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			kpis_import_by_employee_day_metric_and_source,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			the_scorecard_aggregates_imported_values_and_attendance,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			payroll_reads_approvals_holidays_absences_and_leave,
			fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
