/*
 * bench/attendance.c - a year of clock punches: import and summary times.
 *
 *   attendance [--employees N] [--weeks W] [--breaks P] [--dir DIR]
 *              [--holidays FILE]
 *
 * Builds DIR/bench.db (default: a new directory under $TMPDIR) with N
 * employees (default 1000) on a roster for W weeks (default 52) from Monday
 * 2026-01-05, one shift every day (the schema holds one shift per employee
 * and day), then writes DIR/punches.csv with bench/punchgen.h (in, out, a
 * punched break on a fraction P of the shifts, default 0.4, and the usual
 * accidents) and measures, through the library:
 *   import   rota_store_import_file(PUNCHES) of the whole file (the code
 *            behind 'rota import punches'), one transaction;
 *   summary  rota_store_attendance() over the W weeks for everyone (the
 *            code behind 'rota attendance');
 * plus a one-week summary for everyone and a year for one person; then
 * the HR reports of issue 11:
 *   kpis       rota_store_import_file(KPIS) of DIR/kpis-1.csv (one value
 *              per person and day of one metric: 364,000 rows for 1,000
 *              people), and of the other four metrics' files;
 *   scorecard  rota_store_scorecard() over the W weeks for everyone, with
 *              the five imported metrics (one value per person per day
 *              each) and the five built-in attendance ones;
 *   payroll    rota_store_payroll() over the W weeks for everyone, with
 *              mainland China's 2026 holidays and an approval on one shift
 *              in ten.
 * The setup (employees, rosters, the CSVs, kpi.ini) is not timed.  DIR is
 * kept so that bench/attendance.sh can time the rota binary on the same
 * data.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench/punchgen.h"
#include "store/store.h"
#include "store/store_int.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system) of this process so far */
static double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static void die(const char *what, const struct rota_error *err)
{
	fprintf(stderr, "bench attendance: %s: %s\n", what,
		err ? err->msg : "");
	exit(1);
}

static void exec_sql(struct rota_store *st, const char *sql)
{
	struct rota_error err = {0};

	if (rota_db_exec(st, sql, &err) < 0)
		die("sql", &err);
}

static void add_people(struct rota_store *st, int n)
{
	sqlite3_stmt *s;
	struct rota_error err = {0};

	exec_sql(st, "BEGIN;"
		     "INSERT INTO contract (code) VALUES ('ft');"
		     "INSERT INTO shift (code, name, start_min, length_min, "
		     "break_min, days) VALUES ('E', 'Early', 480, 540, 60, 127),"
		     " ('D', 'Day', 600, 540, 60, 127),"
		     " ('N', 'Night', 1320, 480, 30, 127);");
	if (rota_db_prepare(st,
			    "INSERT INTO employee (code, name, team, "
			    "contract_id) VALUES (?1, ?2, ?3, 1)",
			    &s, &err) < 0)
		die("prepare", &err);
	for (int i = 0; i < n; i++) {
		char code[16], name[32], team[16];

		snprintf(code, sizeof(code), "B%05d", i);
		snprintf(name, sizeof(name), "Agent %d", i);
		snprintf(team, sizeof(team), "team-%02d", i / 50);
		sqlite3_reset(s);
		rota_db_bind_text(s, 1, code);
		rota_db_bind_text(s, 2, name);
		rota_db_bind_text(s, 3, team);
		if (sqlite3_step(s) != SQLITE_DONE)
			die("insert employee", NULL);
	}
	sqlite3_finalize(s);
	exec_sql(st, "COMMIT");
}

static void add_rosters(struct rota_store *st, const struct rota_tz *tz,
			int n, int weeks, int32_t monday0)
{
	static const struct {
		const char *code;
		int start, len;
	} shifts[] = {{"E", 480, 540}, {"D", 600, 540}, {"N", 1320, 480}};
	struct rota_roster r;
	struct rota_error err = {0};

	memset(&r, 0, sizeof(r));
	r.assignments = calloc((size_t)n * 7, sizeof(*r.assignments));
	if (!r.assignments)
		die("out of memory", NULL);
	rota_strlcpy(r.origin, "import", sizeof(r.origin));
	for (int w = 0; w < weeks; w++) {
		r.week = monday0 + 7 * w;
		r.n_assignments = 0;
		for (int e = 0; e < n; e++)
			for (int d = 0; d < 7; d++) {
				struct rota_assignment *a =
					&r.assignments[r.n_assignments++];
				int k = (e + w) % 3;

				snprintf(a->employee, sizeof(a->employee),
					 "B%05d", e);
				rota_strlcpy(a->shift, shifts[k].code,
					     sizeof(a->shift));
				a->day = r.week + d;
				a->start = rota_tz_local_minutes(
					tz, a->day, shifts[k].start);
				a->end = a->start + shifts[k].len * 60;
				a->paid_min = shifts[k].len - 60;
			}
		if (rota_store_roster_save(st, &r, &err) < 0)
			die("roster", &err);
	}
	free(r.assignments);
}

/* A deterministic pseudo-random number in [0, 1). */
static double rnd(uint64_t *x)
{
	*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(*x >> 11) / 9007199254740992.0;
}

/* DIR/kpi.ini (five metrics) and DIR/kpis-K.csv: one value per person
 * and day of metric K. */
static void write_kpis(const char *dir, int n, int weeks, int32_t monday0)
{
	static const char *const metric[5] = {"csat", "aht", "quality",
					      "complaints", "sales"};
	char path[700];
	uint64_t x = 7;
	FILE *f;

	snprintf(path, sizeof(path), "%s/kpi.ini", dir);
	if (!(f = fopen(path, "w")))
		die(path, NULL);
	fputs("[kpi.csat]\nunit = points\ntarget = 4.5\nlower = 3.5\n"
	      "upper = 4.8\nweight = 2\n"
	      "[kpi.aht]\nunit = s\nbetter = lower\nlower = 240\n"
	      "upper = 420\n"
	      "[kpi.quality]\nunit = %\nlower = 70\nupper = 95\n"
	      "[kpi.complaints]\naggregation = rate\nlower = 0.5\n"
	      "upper = 3\n"
	      "[kpi.sales]\naggregation = sum\nlower = 0\nupper = 2000\n",
	      f);
	fclose(f);
	for (int k = 0; k < 5; k++) {
		snprintf(path, sizeof(path), "%s/kpis-%d.csv", dir, k + 1);
		if (!(f = fopen(path, "w")))
			die(path, NULL);
		fputs("employee,date,metric,value,source\n", f);
		/* in date order, as a daily export appends */
		for (int d = 0; d < 7 * weeks; d++) {
			char date[16];

			rota_format_date(monday0 + d, date, sizeof(date));
			for (int e = 0; e < n; e++) {
				double r = rnd(&x), v;

				v = k == 0 ? 3.0 + 2.0 * r
				    : k == 1 ? 200 + 260 * r
				    : k == 2 ? 60 + 40 * r
				    : k == 3 ? (double)(int)(r * 40)
					     : (double)(int)(r * 12);
				fprintf(f, "B%05d,%s,%s,%.2f,bench\n", e, date,
					metric[k], v);
			}
		}
		fclose(f);
	}
}

/* The HR reports: KPI imports, the year's scorecard and payroll. */
static void hr_reports(struct rota_store **stp, const char *db,
		       const char *dir, const char *holidays, int n, int weeks,
		       int32_t monday0)
{
	struct rota_store *st = *stp;
	struct rota_scorecard_query sq = ROTA_SCORECARD_QUERY_INIT;
	struct rota_attendance_query pq = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_scorecard *sc = NULL;
	struct rota_payroll *pr = NULL;
	struct rota_import_stats stats;
	struct rota_error err = {0};
	char path[700], label[32];
	double t0, t_kpi1 = 0, t_kpis = 0, t_card, t_pay, c0, c_kpi1 = 0;
	long rows1 = 0, total_ot = 0, total_night = 0, total_hol = 0;

	t0 = now_s();
	write_kpis(dir, n, weeks, monday0);
	snprintf(path, sizeof(path), "%s/kpi.ini", dir);
	if (rota_store_import_file(st, ROTA_IMPORT_SITE, path, "kpi.ini",
				   &stats, &err) < 0)
		die("kpi.ini", &err);
	/* holidays and approvals (one shift in ten, 30 minutes) */
	exec_sql(st, "BEGIN");
	{
		sqlite3_stmt *s;

		if (rota_db_prepare(st,
				    "INSERT INTO overtime_approval (employee_id, "
				    "day, minutes, by) SELECT employee_id, day, "
				    "30, 'bench' FROM assignment WHERE "
				    "(employee_id + CAST(substr(day, 9, 2) AS "
				    "INTEGER)) % 10 = 0",
				    &s, &err) < 0 ||
		    sqlite3_step(s) != SQLITE_DONE)
			die("approvals", &err);
		sqlite3_finalize(s);
	}
	exec_sql(st, "COMMIT");
	if (holidays &&
	    rota_store_import_file(st, ROTA_IMPORT_HOLIDAYS, holidays,
				   "holidays.csv", &stats, &err) < 0)
		die("holidays", &err);
	printf("setup:   5 kpi files of %d rows, approvals, %s (%.1f s)\n",
	       n * 7 * weeks, holidays ? "holidays" : "no holidays",
	       now_s() - t0);

	for (int k = 1; k <= 5; k++) {
		snprintf(path, sizeof(path), "%s/kpis-%d.csv", dir, k);
		snprintf(label, sizeof(label), "kpis-%d.csv", k);
		t0 = now_s();
		c0 = cpu_s();
		if (rota_store_import_file(st, ROTA_IMPORT_KPIS, path, label,
					   &stats, &err) < 0)
			die("kpi import", &err);
		if (k == 1) {
			t_kpi1 = now_s() - t0;
			c_kpi1 = cpu_s() - c0;
			rows1 = stats.added;
		}
		t_kpis += now_s() - t0;
	}
	printf("kpis:    %ld rows of one metric imported: %.2f s (cpu %.2f "
	       "s); all five files: %.2f s\n", rows1, t_kpi1, c_kpi1,
	       t_kpis);

	/* reports are another process: a fresh connection */
	rota_store_close(st);
	if (rota_store_open(db, 0, stp, &err) < 0)
		die("reopen", &err);
	st = *stp;
	sq.from = pq.from = monday0;
	sq.to = pq.to = monday0 + 7 * weeks - 1;
	t0 = now_s();
	c0 = cpu_s();
	if (rota_store_scorecard(st, &sq, &sc, &err) < 0)
		die("scorecard", &err);
	t_card = now_s() - t0;
	printf("scorecard: %zu people x %zu metrics (total of B00007 %.2f, "
	       "percentile %.0f): %.2f s (cpu %.2f s)\n", sc->n_people,
	       sc->n_metrics, sc->people[7].total.value,
	       sc->people[7].total.percentile, t_card, cpu_s() - c0);
	rota_scorecard_free(sc);
	t0 = now_s();
	c0 = cpu_s();
	if (rota_store_payroll(st, &pq, &pr, &err) < 0)
		die("payroll", &err);
	t_pay = now_s() - t0;
	for (size_t i = 0; i < pr->n_people; i++) {
		total_ot += pr->people[i].pay.overtime;
		total_night += pr->people[i].pay.night;
		for (int k = 0; k < pr->people[i].pay.n_rates; k++)
			total_hol += pr->people[i].pay.holiday[k];
	}
	printf("payroll: %zu people (overtime %ld min, night %ld min, "
	       "holidays %ld min): %.2f s (cpu %.2f s)\n", pr->n_people,
	       total_ot, total_night, total_hol, t_pay, cpu_s() - c0);
	rota_payroll_free(pr);
	printf("RESULT hr kpi_import_s=%.2f kpi_rows=%ld kpi_all_s=%.2f "
	       "scorecard_s=%.2f payroll_s=%.2f\n", t_kpi1, rows1, t_kpis,
	       t_card, t_pay);
}

int main(int argc, char **argv)
{
	int n = 1000, weeks = 52;
	struct pg_options o = {20260105, 0.4};
	const char *dir_arg = NULL, *holidays = NULL;
	char dir[512], db[600], csv[600];
	struct rota_store *st = NULL;
	struct rota_site site = ROTA_SITE_INIT;
	struct rota_tz *tz;
	struct rota_error err = {0};
	struct rota_assignment *a = NULL;
	struct rota_import_stats stats;
	struct rota_attendance_query q = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_attendance_report *rep = NULL;
	struct rota_att_totals sum = {0};
	int32_t monday0 = rota_days_from_civil(2026, 1, 5);
	size_t na = 0;
	long punches;
	double t0, c0, t_import, t_year, t_week, t_one, c_import, c_year;
	FILE *f;

#ifdef M_TRIM_THRESHOLD
	/* as the rota binary does (cli/main.c) */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--employees") == 0)
			n = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--weeks") == 0)
			weeks = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--breaks") == 0)
			o.breaks = atof(argv[i + 1]);
		else if (strcmp(argv[i], "--dir") == 0)
			dir_arg = argv[i + 1];
		else if (strcmp(argv[i], "--holidays") == 0)
			holidays = argv[i + 1];
	}
	if (n < 1 || weeks < 1) {
		fputs("usage: attendance [--employees N] [--weeks W] "
		      "[--breaks P] [--dir DIR] [--holidays FILE]\n", stderr);
		return 2;
	}
	if (dir_arg) {
		rota_strlcpy(dir, dir_arg, sizeof(dir));
	} else {
		const char *tmp = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/rota-bench-att.XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			die("mkdtemp", NULL);
	}
	snprintf(db, sizeof(db), "%s/bench.db", dir);
	snprintf(csv, sizeof(csv), "%s/punches.csv", dir);
	unlink(db);

	/* setup, not timed */
	t0 = now_s();
	if (rota_store_open(db, ROTA_STORE_CREATE, &st, &err) < 0)
		die(db, &err);
	rota_strlcpy(site.name, "bench", sizeof(site.name));
	rota_strlcpy(site.timezone, "Asia/Shanghai", sizeof(site.timezone));
	if (rota_store_site_set(st, &site, &err) < 0 ||
	    !(tz = rota_tz_load(site.timezone, &err)))
		die("site", &err);
	add_people(st, n);
	add_rosters(st, tz, n, weeks, monday0);
	if (rota_store_assignments_range(
		    st, rota_tz_day_start(tz, monday0),
		    rota_tz_day_start(tz, monday0 + 7 * weeks), NULL, &a, &na,
		    &err) < 0)
		die("assignments", &err);
	if (!(f = fopen(csv, "w")))
		die(csv, NULL);
	punches = pg_write(f, a, na, tz, &o);
	fclose(f);
	free(a);
	printf("setup: %d employees, %zu shifts over %d weeks, %ld punches "
	       "in %s (%.1f s)\n", n, na, weeks, punches, csv, now_s() - t0);
	/* keep a copy without punches for the command-line timing */
	rota_store_close(st);
	{
		char copy[1400];

		snprintf(copy, sizeof(copy), "%s/empty.db", dir);
		unlink(copy);
		f = fopen(copy, "wb");
		if (f) {
			FILE *in = fopen(db, "rb");
			char buf[1 << 16];
			size_t k;

			while (in && (k = fread(buf, 1, sizeof(buf), in)) > 0)
				fwrite(buf, 1, k, f);
			if (in)
				fclose(in);
			fclose(f);
		}
	}
	if (rota_store_open(db, 0, &st, &err) < 0)
		die(db, &err);

	/* import */
	t0 = now_s();
	c0 = cpu_s();
	if (rota_store_import_file(st, ROTA_IMPORT_PUNCHES, csv, "punches.csv",
				   &stats, &err) < 0)
		die("import", &err);
	t_import = now_s() - t0;
	c_import = cpu_s() - c0;
	printf("import:  %d punches stored, %d duplicates skipped: %.2f s "
	       "(cpu %.2f s)\n", stats.added, stats.skipped, t_import,
	       c_import);

	/* a report is another process: a fresh connection, WAL checkpointed */
	rota_store_close(st);
	if (rota_store_open(db, 0, &st, &err) < 0)
		die(db, &err);

	/* the year's summary for everyone */
	q.from = monday0;
	q.to = monday0 + 7 * weeks - 1;
	t0 = now_s();
	c0 = cpu_s();
	if (rota_store_attendance(st, &q, &rep, &err) < 0)
		die("summary", &err);
	t_year = now_s() - t0;
	c_year = cpu_s() - c0;
	for (size_t i = 0; i < rep->n_people; i++) {
		const struct rota_att_totals *t = &rep->people[i].att.total;

		sum.shifts += t->shifts;
		sum.scheduled_min += t->scheduled_min;
		sum.worked_min += t->worked_min;
		sum.late_count += t->late_count;
		sum.early_count += t->early_count;
		sum.absences += t->absences;
		sum.missing_punches += t->missing_punches;
		sum.covered_min += t->covered_min;
	}
	printf("summary: %zu people, %ld shifts (%ld late, %ld early, %ld "
	       "absent, %ld missing punches, adherence %.4f): %.2f s "
	       "(cpu %.2f s)\n",
	       rep->n_people, sum.shifts, sum.late_count, sum.early_count,
	       sum.absences, sum.missing_punches, rota_att_adherence(&sum),
	       t_year, c_year);
	rota_attendance_report_free(rep);

	/* one week for everyone, one person for the year (with detail) */
	q.from = monday0 + 7 * (weeks / 2);
	q.to = q.from + 6;
	q.detail = 1;
	t0 = now_s();
	if (rota_store_attendance(st, &q, &rep, &err) < 0)
		die("week", &err);
	t_week = now_s() - t0;
	rota_attendance_report_free(rep);
	q.from = monday0;
	q.to = monday0 + 7 * weeks - 1;
	q.employee = "B00007";
	t0 = now_s();
	if (rota_store_attendance(st, &q, &rep, &err) < 0)
		die("one person", &err);
	t_one = now_s() - t0;
	rota_attendance_report_free(rep);
	printf("week:    everyone, one week with detail: %.3f s\n", t_week);
	printf("person:  one employee, the whole range with detail: %.3f s\n",
	       t_one);
	printf("RESULT attendance import_s=%.2f import_cpu_s=%.2f "
	       "summary_s=%.2f summary_cpu_s=%.2f week_s=%.3f person_s=%.3f "
	       "shifts=%zu punches=%d\n",
	       t_import, c_import, t_year, c_year, t_week, t_one, na,
	       stats.added);
	hr_reports(&st, db, dir, holidays, n, weeks, monday0);
	rota_tz_free(tz);
	rota_store_close(st);
	printf("data kept in %s\n", dir);
	return 0;
}
