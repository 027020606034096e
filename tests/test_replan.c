/*
 * tests/test_replan.c - re-planning a stored week through the plan layer
 * (rota_plan_schedule with a live roster).  A property test drives many
 * small generated sites through random absences, hand edits and re-plans
 * and checks after each: nothing that starts before the re-plan's `from`
 * (which is never before now) changed, the week and the next one pass the
 * checker, and no more employee-days changed than --max-changes allows.
 * Then a few cases by hand: the next week's rules, the notice window, the
 * errors.
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

#include "plan/plan.h"

#define W1 (rota_days_from_civil(2026, 11, 30))  /* the week re-planned */
#define W2 (W1 + 7)                               /* the week after it */
#define HOUR 3600

struct fx {
	char dir[64];
	char db[96];
	struct rota_plan *pl;
	uint64_t rng;
};

static unsigned rnd(struct fx *f, unsigned n)
{
	/* xorshift64: the same sequence on every machine */
	f->rng ^= f->rng << 13;
	f->rng ^= f->rng >> 7;
	f->rng ^= f->rng << 17;
	return (unsigned)(f->rng % n);
}

static void write_file(const struct fx *f, const char *name, const char *text)
{
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static void import(struct fx *f, struct rota_store *st, int kind,
		   const char *name, const char *text)
{
	struct rota_error err = {0};
	char path[160];

	write_file(f, name, text);
	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	if (rota_store_import_file(st, kind, path, name, NULL, &err) < 0)
		fail_msg("%s: %s", name, err.msg);
	unlink(path);
}

/* Local midnight of day d (Asia/Shanghai: UTC+8, no DST). */
static int64_t midnight(int32_t d)
{
	return (int64_t)d * 86400 - 8 * HOUR;
}

/*
 * A site in Shanghai with hourly intervals, one skill, early and late
 * shifts of 8 hours (a late then an early is 10 h of rest, less than the
 * 11 h the contract asks), n employees who work 3 to 5 days, at most 5 in
 * a row, and a random forecast for both weeks.
 */
static void make_site(struct fx *f, int n)
{
	struct rota_store *st = NULL;
	struct rota_error err = {0};
	char staff[1024], *fc;
	size_t len = 0, cap = 64 * 1024;

	snprintf(f->dir, sizeof(f->dir), "/tmp/rota-test-replan.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/rota.db", f->dir);
	assert_int_equal(rota_store_open(f->db, ROTA_STORE_CREATE, &st, &err),
			 0);
	import(f, st, ROTA_IMPORT_SITE, "site.ini",
	       "[site]\nname = Replan test\ntimezone = Asia/Shanghai\n"
	       "interval_min = 60\n[skill.voice]\n"
	       "[operations]\nnotice_hours = 12\nchange_weight = 50\n");
	import(f, st, ROTA_IMPORT_CONTRACTS, "contracts.csv",
	       "id,min_week_min,max_week_min,max_days_week,"
	       "max_consecutive_days,min_rest_min\nft,960,2880,6,5,660\n");
	import(f, st, ROTA_IMPORT_SHIFTS, "shifts.csv",
	       "code,name,start,length_min,break_min,days\n"
	       "E,Early shift,08:00,480,0,Mon-Sun\n"
	       "L,Late shift,14:00,480,0,Mon-Sun\n");
	len = (size_t)snprintf(staff, sizeof(staff),
			       "id,name,contract,skills\n");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(staff + len, sizeof(staff) - len,
					"A%03d,Agent %d,ft,voice\n", i + 1,
					i + 1);
	import(f, st, ROTA_IMPORT_STAFF, "staff.csv", staff);
	assert_non_null(fc = malloc(cap));
	len = (size_t)snprintf(fc, cap, "start,skill,contacts,aht_s\n");
	for (int d = 0; d < 14; d++) {
		int y, m, dd;

		rota_civil_from_days(W1 + d, &y, &m, &dd);
		for (int h = 8; h < 22; h++)
			len += (size_t)snprintf(fc + len, cap - len,
						"%04d-%02d-%02d %02d:00,voice,"
						"%u,300\n",
						y, m, dd, h, 1 + rnd(f, 16));
	}
	import(f, st, ROTA_IMPORT_FORECAST, "forecast.csv", fc);
	free(fc);
	rota_store_close(st);
	/* now: a week before the first week */
	assert_int_equal(rota_plan_open(f->db, 0, midnight(W1) - 7 * 86400,
					&f->pl, &err),
			 0);
}

static void drop_site(struct fx *f)
{
	char path[160];
	const char *names[] = {"rota.db", "rota.db-wal", "rota.db-shm"};

	rota_plan_close(f->pl);
	f->pl = NULL;
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		unlink(path);
	}
	rmdir(f->dir);
}

static int schedule(struct fx *f, int32_t monday,
		    const struct rota_plan_schedule_opts *o,
		    struct rota_plan_schedule *s, struct rota_error *err)
{
	struct rota_plan_schedule_opts def = ROTA_PLAN_SCHEDULE_OPTS_INIT;

	if (!o) {
		def.solve.time_limit_s = 10;
		def.solve.gap = 0.02;
		o = &def;
	}
	memset(s, 0, sizeof(*s));
	return rota_plan_schedule(f->pl, monday, o, s, err);
}

static int hard_broken(struct fx *f, int32_t monday)
{
	struct rota_plan_week w;
	struct rota_error err = {0};
	int n;

	if (rota_plan_week_load(f->pl, monday, 1, &w, &err) < 0)
		fail_msg("week load: %s", err.msg);
	n = w.report->hard_broken;
	for (size_t i = 0; n && i < w.report->n_violations; i++)
		if (w.report->violations[i].hard)
			print_message("  %s\n", w.report->violations[i].text);
	rota_plan_week_release(&w);
	return n;
}

static struct rota_roster *live(struct fx *f, int32_t monday)
{
	struct rota_roster *r = NULL;
	struct rota_error err = {0};

	if (rota_store_roster_load(rota_plan_store(f->pl), monday, &r, &err) <
	    0)
		fail_msg("load: %s", err.msg);
	return r;
}

/* A random absence of someone in the first week, from around now. */
static void random_absence(struct fx *f)
{
	struct rota_plan_absence_opts o = {0};
	struct rota_plan_absence a;
	struct rota_error err = {0};
	char id[16];

	memset(&a, 0, sizeof(a));
	snprintf(id, sizeof(id), "A%03u", 1 + rnd(f, 8));
	o.employee = id;
	o.from = rota_plan_now(f->pl) - HOUR * (int64_t)rnd(f, 10);
	o.to = o.from + HOUR * (int64_t)(4 + rnd(f, 60));
	o.type = "sick";
	o.by = "test";
	if (rota_plan_absence_add(f->pl, &o, &a, &err) < 0)
		fail_msg("absence: %s", err.msg);
	rota_plan_absence_release(&a);
}

/* A random hand edit of a day after the notice window (forced). */
static void random_edit(struct fx *f)
{
	struct rota_roster *r = live(f, W1), *next;
	struct rota_version_meta m = ROTA_VERSION_META_INIT;
	struct rota_error err = {0};
	size_t i;

	if (!r->n_assignments) {
		rota_roster_free(r);
		return;
	}
	/* drop one shift that starts after now + 12 h, if there is one */
	assert_non_null(next = calloc(1, sizeof(*next)));
	*next = *r;
	assert_non_null(next->assignments =
				malloc(r->n_assignments * sizeof(*r->assignments)));
	next->n_assignments = 0;
	i = rnd(f, (unsigned)r->n_assignments);
	for (size_t k = 0; k < r->n_assignments; k++)
		if (k != i || r->assignments[k].start <
				      rota_plan_now(f->pl) + 12 * HOUR)
			next->assignments[next->n_assignments++] =
				r->assignments[k];
	m.kind = "edit";
	m.by = "test";
	assert_int_equal(rota_plan_commit(f->pl, next, NULL, 0, &m, 1, NULL,
					  NULL, NULL, &err),
			 0);
	rota_roster_free(next);
	rota_roster_free(r);
}

static void one_round(struct fx *f, int round)
{
	struct rota_plan_schedule_opts o = ROTA_PLAN_SCHEDULE_OPTS_INIT;
	struct rota_plan_schedule s;
	struct rota_error err = {0};
	struct rota_roster *before, *after, *next_before;
	struct rota_roster_change *ch = NULL;
	size_t n_ch = 0;
	int rc, w2_ok;

	make_site(f, 8);
	assert_int_equal(schedule(f, W1, NULL, &s, &err), 0);
	rota_plan_schedule_release(&s);
	assert_int_equal(schedule(f, W2, NULL, &s, &err), 0);
	rota_plan_schedule_release(&s);
	if (rnd(f, 2))
		assert_int_equal(rota_store_roster_set_status(
					 rota_plan_store(f->pl), W1,
					 "published", &err),
				 0);
	/* now: somewhere in the first week */
	rota_plan_set_now(f->pl, midnight(W1) + HOUR * (int64_t)rnd(f, 7 * 24));
	if (rnd(f, 3))
		random_absence(f);
	if (rnd(f, 2))
		random_edit(f);
	before = live(f, W1);
	next_before = live(f, W2);
	w2_ok = hard_broken(f, W2) == 0;
	o.solve.time_limit_s = 10;
	o.solve.gap = 0.02;
	o.from = rnd(f, 3) ? rota_plan_now(f->pl) + HOUR * (int64_t)rnd(f, 48)
			   : 0;
	o.max_changes = rnd(f, 3) ? (int)rnd(f, 8) : ROTA_UNSET;
	o.force = (int)rnd(f, 2);
	o.fresh = !o.from && rnd(f, 2);
	rc = schedule(f, W1, &o, &s, &err);
	after = live(f, W1);
	if (rc < 0) {
		/* refused in words, nothing stored */
		print_message("round %d: %s\n", round, err.msg);
		assert_true(rc == ROTA_EINFEASIBLE || rc == ROTA_EINVAL ||
			    rc == ROTA_ENOSOLUTION);
		assert_int_equal(after->version, before->version);
	} else {
		/* nothing starting before `from` changed, and `from` is not
		 * before now */
		assert_true(s.from > rota_plan_now(f->pl));
		assert_int_equal(rota_roster_diff(before, after, &ch, &n_ch), 0);
		assert_int_equal(n_ch, s.n_diff);
		for (size_t i = 0; i < n_ch; i++) {
			if (ch[i].old.shift[0])
				assert_true(ch[i].old.start >= s.from);
			if (ch[i].now.shift[0])
				assert_true(ch[i].now.start >= s.from);
		}
		if (o.max_changes != ROTA_UNSET)
			assert_true(n_ch <= (size_t)o.max_changes);
		/* the result, and the week after it, pass the checker */
		assert_int_equal(hard_broken(f, W1), 0);
		if (w2_ok)
			assert_int_equal(hard_broken(f, W2), 0);
		free(ch);
	}
	/* re-planning one week never touches the next */
	rota_roster_free(after);
	after = live(f, W2);
	assert_int_equal(after->version, next_before->version);
	rota_roster_free(after);
	rota_roster_free(next_before);
	rota_roster_free(before);
	rota_plan_schedule_release(&s);
	drop_site(f);
}

static void random_replans_never_change_the_past_and_keep_every_rule(
	void **state)
{
	struct fx f;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.rng = 0x9e3779b97f4a7c15u;
	for (int round = 0; round < 30; round++)
		one_round(&f, round);
}

/* Import a roster.csv through the plan layer (nothing frozen yet). */
static void import_roster(struct fx *f, const char *text)
{
	struct rota_error err = {0};
	char path[160];

	write_file(f, "roster.csv", text);
	snprintf(path, sizeof(path), "%s/roster.csv", f->dir);
	if (rota_plan_import_roster(f->pl, path, "roster.csv", NULL, NULL, NULL,
				    &err) < 0)
		fail_msg("roster.csv: %s", err.msg);
	unlink(path);
}

static void re_solving_a_week_keeps_the_next_weeks_rules(void **state)
{
	struct fx f;
	struct rota_plan_schedule s;
	struct rota_error err = {0};
	struct rota_roster *r;
	char csv[4096];
	size_t len;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.rng = 7;
	make_site(&f, 8);
	/* next week: everyone works early Monday to Friday, five days in a
	 * row (the most), starting at 08:00 on Monday */
	len = (size_t)snprintf(csv, sizeof(csv), "employee,date,shift\n");
	for (int e = 1; e <= 8; e++)
		for (int d = 7; d <= 11; d++)
			len += (size_t)snprintf(csv + len, sizeof(csv) - len,
						"A%03d,2026-12-%02d,E\n", e, d);
	import_roster(&f, csv);
	/* this week, solved afresh: nobody works its Sunday, which would be
	 * a sixth day in a row */
	assert_int_equal(schedule(&f, W1, NULL, &s, &err), 0);
	rota_plan_schedule_release(&s);
	r = live(&f, W1);
	for (size_t i = 0; i < r->n_assignments; i++)
		assert_true(r->assignments[i].day != W1 + 6);
	assert_true(r->n_assignments > 0);
	rota_roster_free(r);
	assert_int_equal(hard_broken(&f, W1), 0);
	assert_int_equal(hard_broken(&f, W2), 0);
	drop_site(&f);
}

static void a_published_week_is_re_planned_after_the_notice_window(
	void **state)
{
	struct fx f;
	struct rota_plan_schedule_opts o = ROTA_PLAN_SCHEDULE_OPTS_INIT;
	struct rota_plan_schedule s;
	struct rota_error err = {0};
	struct rota_roster_version *v = NULL;
	size_t n = 0;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.rng = 11;
	make_site(&f, 8);
	assert_int_equal(schedule(&f, W1, NULL, &s, &err), 0);
	rota_plan_schedule_release(&s);
	assert_int_equal(rota_store_roster_set_status(rota_plan_store(f.pl), W1,
						      "published", &err),
			 0);
	/* Wednesday 10:00 */
	rota_plan_set_now(f.pl, midnight(W1 + 2) + 10 * HOUR);
	o.solve.time_limit_s = 10;
	o.solve.gap = 0.02;
	o.by = "Supervisor Li";
	o.reason = "forecast raised";
	assert_int_equal(schedule(&f, W1, &o, &s, &err), 0);
	assert_int_equal(s.replanned, 1);
	assert_int_equal(s.from, midnight(W1 + 2) + 22 * HOUR);
	assert_true(s.notes.n >= 1);
	assert_string_equal(s.notes.text[0],
			    "the roster of the week of 2026-11-30 is "
			    "published: re-planning from Wed 2026-12-02 22:00 "
			    "with the fewest changes (--fresh re-solves it)");
	rota_plan_schedule_release(&s);
	assert_int_equal(rota_plan_roster_history(f.pl, W1, &v, &n, &err), 0);
	assert_int_equal((int)n, 1 + (v[n - 1].version > 1));
	if (n > 1) {
		assert_string_equal(v[1].kind, "replan");
		assert_string_equal(v[1].by, "Supervisor Li");
		assert_string_equal(v[1].reason, "forecast raised");
	}
	free(v);
	/* --from inside the window moves to its end, with a note */
	o.from = midnight(W1 + 2) + 12 * HOUR;
	assert_int_equal(schedule(&f, W1, &o, &s, &err), 0);
	assert_int_equal(s.from, midnight(W1 + 2) + 22 * HOUR);
	assert_string_equal(s.notes.text[0],
			    "the week is published: changes start at Wed "
			    "2026-12-02 22:00, after the 12 h notice window "
			    "(--force to change sooner)");
	rota_plan_schedule_release(&s);
	/* with --force it is taken as given */
	o.force = 1;
	assert_int_equal(schedule(&f, W1, &o, &s, &err), 0);
	assert_int_equal(s.from, midnight(W1 + 2) + 12 * HOUR);
	rota_plan_schedule_release(&s);
	drop_site(&f);
}

static void re_planning_refuses_the_past_and_weeks_without_a_roster(
	void **state)
{
	struct fx f;
	struct rota_plan_schedule_opts o = ROTA_PLAN_SCHEDULE_OPTS_INIT;
	struct rota_plan_schedule s;
	struct rota_error err = {0};

	(void)state;
	memset(&f, 0, sizeof(f));
	f.rng = 13;
	make_site(&f, 8);
	o.solve.time_limit_s = 10;
	o.from = midnight(W1 + 3);
	assert_int_equal(schedule(&f, W1, &o, &s, &err), ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "no roster for the week of 2026-11-30 "
				     "to re-plan (schedule it first)");
	o.from = 0;
	o.max_changes = 3;
	assert_int_equal(schedule(&f, W1, &o, &s, &err), ROTA_ENOTFOUND);
	o.max_changes = ROTA_UNSET;
	assert_int_equal(schedule(&f, W1, NULL, &s, &err), 0);
	rota_plan_schedule_release(&s);
	rota_plan_set_now(f.pl, midnight(W1 + 2) + 10 * HOUR);
	o.from = midnight(W1 + 2) + 8 * HOUR;
	assert_int_equal(schedule(&f, W1, &o, &s, &err), ROTA_ECONFLICT);
	assert_string_equal(err.msg, "cannot re-plan from Wed 2026-12-02 "
				     "08:00: it is before now (Wed 2026-12-02 "
				     "10:00) and past time is frozen");
	o.from = midnight(W1 + 7) + HOUR;
	assert_int_equal(schedule(&f, W1, &o, &s, &err), ROTA_EINVAL);
	assert_string_equal(err.msg, "cannot re-plan the week of 2026-11-30 "
				     "from Mon 2026-12-07 01:00: the week is "
				     "over by then");
	drop_site(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			random_replans_never_change_the_past_and_keep_every_rule),
		cmocka_unit_test(re_solving_a_week_keeps_the_next_weeks_rules),
		cmocka_unit_test(
			a_published_week_is_re_planned_after_the_notice_window),
		cmocka_unit_test(
			re_planning_refuses_the_past_and_weeks_without_a_roster),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
