/*
 * bench/calendar.c - how long publishing takes for a large site.
 *
 * A synthetic site in Europe/London: EMPLOYEES people in teams of 20, each
 * working 5 shifts a week (an overnight one among them) for WEEKS weeks.
 * Measures, with the library only (no database, no disk except one file):
 *   reconcile   one week of every employee against the stored week (after a
 *               change to 10% of the shifts);
 *   render      every personal feed and every team feed holding all weeks;
 *   write       one feed written atomically (temp + fsync + rename).
 * Times are CPU seconds of this process (the write is mostly fsync, which
 * CPU time does not show: it is measured on the wall clock).
 * usage: calendar [EMPLOYEES [WEEKS]]   (default 1000 52)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/calendar.h"

/* CPU time of this process: the numbers do not depend on other load */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const struct rota_error *err)
{
	fprintf(stderr, "bench calendar: %s\n", err->msg);
	exit(1);
}

/* The site: n_emp people in teams of 20 and three shifts (sh[3]). */
static void make_site(struct rota_dataset *ds, struct rota_shift *sh,
		      int n_emp)
{
	memset(ds, 0, sizeof(*ds));
	strcpy(ds->site.name, "Acme Contact Centre");
	strcpy(ds->site.timezone, "Europe/London");
	ds->employees = calloc((size_t)n_emp, sizeof(*ds->employees));
	ds->n_employees = (size_t)n_emp;
	for (int i = 0; i < n_emp; i++) {
		struct rota_employee *e = &ds->employees[i];

		snprintf(e->id, sizeof(e->id), "E%05d", i);
		snprintf(e->name, sizeof(e->name), "员工 Employee %d", i);
		snprintf(e->email, sizeof(e->email), "e%d@example.com", i);
		snprintf(e->team, sizeof(e->team), "team%03d", i / 20);
	}
	memset(sh, 0, 3 * sizeof(*sh));
	strcpy(sh[0].code, "E");
	strcpy(sh[0].name, "Early shift");
	sh[0].start_min = 420, sh[0].length_min = 480, sh[0].break_min = 30;
	strcpy(sh[1].code, "L");
	strcpy(sh[1].name, "Late shift");
	sh[1].start_min = 840, sh[1].length_min = 480, sh[1].break_min = 30;
	strcpy(sh[2].code, "N");
	strcpy(sh[2].name, "Night shift");
	sh[2].start_min = 1320, sh[2].length_min = 540, sh[2].break_min = 45;
	ds->shifts = sh;
	ds->n_shifts = 3;
}

/* Every week's shifts: 5 a week per person, *n of them. */
static struct rota_assignment *make_assignments(const struct rota_dataset *ds,
						const struct rota_tz *tz,
						int weeks, int32_t monday,
						size_t *n)
{
	int n_emp = (int)ds->n_employees;
	struct rota_assignment *as =
		calloc((size_t)n_emp * 5 * (size_t)weeks, sizeof(*as));

	for (int w = 0; w < weeks; w++)
		for (int i = 0; i < n_emp; i++)
			for (int d = 0; d < 5; d++) {
				struct rota_assignment *a = &as[(*n)++];
				const struct rota_shift *s =
					&ds->shifts[(i + d) % 3];

				strcpy(a->employee, ds->employees[i].id);
				a->day = monday + 7 * w + (i + d) % 7;
				strcpy(a->shift, s->code);
				strcpy(a->skill, d % 2 ? "voice" : "chat");
				a->start = rota_tz_local_minutes(tz, a->day,
								 s->start_min);
				a->end = a->start + s->length_min * 60;
			}
	return as;
}

/* The last week again, 10% of its shifts an hour later, reconciled with
 * what was published (all[0..n_all)): the time, and the result in *now. */
static double time_reconcile(const char *dom, struct rota_assignment *as,
			     const struct rota_cal_event *all, size_t n_all,
			     int n_emp, int weeks, int32_t monday,
			     struct rota_cal_event **now, size_t *n_now,
			     struct rota_cal_counts *counts)
{
	size_t first = (size_t)(weeks - 1) * (size_t)n_emp * 5;
	struct rota_assignment *wk = as + first;
	size_t n_wk = (size_t)n_emp * 5, n_old = 0;
	struct rota_cal_event *old = malloc(n_wk * sizeof(*old));
	struct rota_error err = {0};
	double t0;

	for (size_t i = 0; i < n_all; i++)
		if (all[i].day >= monday + 7 * (weeks - 1))
			old[n_old++] = all[i];
	for (size_t i = 0; i < n_wk; i += 10) {
		wk[i].start += 3600;
		wk[i].end += 3600;
	}
	t0 = now_s();
	if (rota_cal_reconcile(dom, wk, n_wk, old, n_old, 1768000000, now,
			       n_now, counts, &err) < 0)
		die(&err);
	t0 = now_s() - t0;
	free(old);
	return t0;
}

/* Every personal feed: events are sorted by employee, so each feed is a
 * slice.  The time; *bytes their size. */
static double time_personal(const struct rota_dataset *ds,
			    const struct rota_tz *tz,
			    const struct rota_cal_event *all, size_t n_all,
			    size_t *bytes)
{
	struct rota_error err = {0};
	double t0 = now_s();

	for (size_t i = 0, j; i < n_all; i = j) {
		struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
		char *text = NULL;
		size_t len = 0;

		for (j = i; j < n_all && !strcmp(all[j].employee,
						 all[i].employee); j++)
			;
		opt.subject = all[i].employee;
		opt.alarm_min = 30;
		if (rota_cal_render(ds, tz, &opt, all + i, j - i, &text, &len,
				    &err) < 0)
			die(&err);
		*bytes += len;
		free(text);
	}
	return now_s() - t0;
}

/* Every team feed, the first one also written atomically into dir (its
 * wall-clock time in *t_write).  The time; *bytes their size. */
static double time_teams(const struct rota_dataset *ds,
			 const struct rota_tz *tz,
			 const struct rota_cal_event *all, size_t n_all,
			 char *dir, size_t *bytes, double *t_write)
{
	struct rota_cal_event *sel = malloc(n_all * sizeof(*sel));
	struct rota_error err = {0};
	int n_emp = (int)ds->n_employees;
	double t0 = now_s();

	for (int t = 0; t < n_emp / 20; t++) {
		struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
		char team[16], *text = NULL;
		size_t len = 0, k = 0;

		snprintf(team, sizeof(team), "team%03d", t);
		for (size_t i = 0; i < n_all; i++) {
			int e = atoi(all[i].employee + 1);

			if (e / 20 == t)
				sel[k++] = all[i];
		}
		opt.kind = ROTA_CAL_TEAM;
		opt.subject = team;
		if (rota_cal_render(ds, tz, &opt, sel, k, &text, &len, &err) <
		    0)
			die(&err);
		*bytes += len;
		if (t == 0) {
			struct timespec a, b;

			clock_gettime(CLOCK_MONOTONIC, &a);
			if (!mkdtemp(dir) ||
			    rota_cal_write_file(dir, "team-team000.ics", text,
						len, NULL, &err) < 0)
				die(&err);
			clock_gettime(CLOCK_MONOTONIC, &b);
			*t_write = (double)(b.tv_sec - a.tv_sec) +
				   (b.tv_nsec - a.tv_nsec) / 1e9;
		}
		free(text);
	}
	t0 = now_s() - t0;
	free(sel);
	return t0;
}

int main(int argc, char **argv)
{
	int n_emp = argc > 1 ? atoi(argv[1]) : 1000;
	int weeks = argc > 2 ? atoi(argv[2]) : 52;
	struct rota_error err = {0};
	char dom[64];
	struct rota_tz *tz = rota_tz_load("Europe/London", &err);
	struct rota_dataset ds;
	struct rota_shift sh[3];
	struct rota_assignment *as;
	struct rota_cal_event *all, *now = NULL;
	size_t n_as = 0, n_all = 0, n_now = 0;
	int32_t monday = rota_days_from_civil(2026, 1, 5);
	double t_rec, t_emp, t_team, t_write = 0;
	size_t bytes_emp = 0, bytes_team = 0;
	struct rota_cal_counts counts;
	char dir[] = "/tmp/rota-bench-cal.XXXXXX", path[64];

	if (!tz || n_emp < 20 || weeks < 1)
		return 2;
	make_site(&ds, sh, n_emp);
	/* every week's shifts, published before (SEQUENCE 0) */
	as = make_assignments(&ds, tz, weeks, monday, &n_as);
	if (rota_cal_uid_domain(ds.site.name, dom, sizeof(dom), &err) < 0)
		die(&err);
	if (rota_cal_reconcile(dom, as, n_as, NULL, 0, 1767000000,
			       &all, &n_all, NULL, &err) < 0)
		die(&err);
	t_rec = time_reconcile(dom, as, all, n_all, n_emp, weeks, monday,
			       &now, &n_now, &counts);
	t_emp = time_personal(&ds, tz, all, n_all, &bytes_emp);
	t_team = time_teams(&ds, tz, all, n_all, dir, &bytes_team, &t_write);
	snprintf(path, sizeof(path), "%s/team-team000.ics", dir);
	remove(path);
	remove(dir);

	printf("calendar: %d employees, %d weeks, %zu events\n", n_emp, weeks,
	       n_all);
	printf("calendar: reconcile one week (%zu shifts, %d changed): "
	       "%.1f ms\n", n_now, counts.changed, t_rec * 1e3);
	printf("calendar: render %d personal feeds (%zu events each, %.1f MB):"
	       " %.2f s, %.0f events/s\n", n_emp, n_all / (size_t)n_emp,
	       bytes_emp / 1e6, t_emp, n_all / t_emp);
	printf("calendar: render %d team feeds (%zu events each, %.1f MB): "
	       "%.2f s\n", n_emp / 20, n_all / (size_t)(n_emp / 20),
	       bytes_team / 1e6, t_team);
	printf("calendar: write one team feed atomically (%.1f MB): %.1f ms\n",
	       bytes_team / 1e6 / (n_emp / 20), t_write * 1e3);
	free(now);
	free(all);
	free(as);
	free(ds.employees);
	rota_tz_free(tz);
	return 0;
}
