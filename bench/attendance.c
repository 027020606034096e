/*
 * bench/attendance.c - a year of clock punches: import and summary times.
 *
 *   attendance [--employees N] [--weeks W] [--breaks P] [--dir DIR]
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
 * plus a one-week summary for everyone and a year for one person.  The
 * setup (employees, rosters, the CSV) is not timed.  DIR is kept so that
 * bench/attendance.sh can time the rota binary on the same data.
 */
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

int main(int argc, char **argv)
{
	int n = 1000, weeks = 52;
	struct pg_options o = {20260105, 0.4};
	const char *dir_arg = NULL;
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

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--employees") == 0)
			n = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--weeks") == 0)
			weeks = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--breaks") == 0)
			o.breaks = atof(argv[i + 1]);
		else if (strcmp(argv[i], "--dir") == 0)
			dir_arg = argv[i + 1];
	}
	if (n < 1 || weeks < 1) {
		fputs("usage: attendance [--employees N] [--weeks W] "
		      "[--breaks P] [--dir DIR]\n", stderr);
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
	rota_tz_free(tz);
	rota_store_close(st);
	printf("data kept in %s\n", dir);
	return 0;
}
