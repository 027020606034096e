/* tests/test_cover.c - substitutes (rota_plan_cover): each hard rule
 * excludes a candidate with the checker's sentence, the overtime allowance,
 * chains where no direct fill exists, applying one; swaps. */
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
#include "plan_fixture.h"


/* Sunday 2026-11-29 12:00 in Shanghai (04:00 UTC): the week of Monday
 * 2026-11-30 is ahead. */
#define SUNDAY_NOON 1795924800

/* A site whose staff.csv and timeoff.csv the test gives. */
static void open_site(struct fx *f, const char *staff, const char *timeoff)
{
	struct rota_store *st = NULL;
	struct rota_error err = {0};

	fx_create(f, "cover", &st);
	import(f, st, ROTA_IMPORT_SITE, "site.ini",
	       "[site]\nname = Cover test\ntimezone = Asia/Shanghai\n"
	       "interval_min = 60\n[skill.voice]\n[skill.chat]\n"
	       "[leave.annual]\npaid = yes\n"
	       "[leave.sick]\npaid = yes\nplanned = no\n"
	       "[operations]\nnotice_hours = 12\nchange_weight = 50\n");
	import(f, st, ROTA_IMPORT_CONTRACTS, "contracts.csv",
	       "id,min_week_min,max_week_min,max_days_week,"
	       "max_consecutive_days,min_rest_min,max_overtime_min,"
	       "overtime_weight\n"
	       "ft,0,2400,5,6,660,0,1\n"
	       "c3,0,2400,5,3,660,0,1\n"
	       "pt,0,960,5,6,660,240,2\n"
	       "p12,0,720,5,6,660,240,2\n");
	import(f, st, ROTA_IMPORT_STAFF, "staff.csv", staff);
	import(f, st, ROTA_IMPORT_SHIFTS, "shifts.csv",
	       "code,name,start,length_min,break_min,days,skills\n"
	       "V,Voice day,08:00,540,60,Mon-Sun,voice\n"
	       "L,Late shift,13:00,540,60,Mon-Sun,\n"
	       "N,Night shift,22:00,480,0,Mon-Sun,\n");
	if (timeoff)
		import(f, st, ROTA_IMPORT_TIMEOFF, "timeoff.csv", timeoff);
	rota_store_close(st);
	assert_int_equal(rota_plan_open(f->db, 0, SUNDAY_NOON, &f->pl, &err),
			 0);
}

static int32_t monday(void)
{
	return rota_days_from_civil(2026, 11, 30);
}

/* emp's shift `code` on day d (0 = Monday 2026-11-30). */
static struct rota_assignment at(const struct fx *f, const char *emp, int d,
				 const char *code)
{
	const struct rota_dataset *ds = rota_plan_dataset(f->pl);
	const struct rota_shift *s = &ds->shifts[rota_dataset_shift(ds, code)];
	struct rota_assignment a;

	memset(&a, 0, sizeof(a));
	rota_strlcpy(a.employee, emp, sizeof(a.employee));
	rota_strlcpy(a.shift, code, sizeof(a.shift));
	a.day = monday() + d;
	a.start = rota_tz_local_minutes(rota_plan_tz(f->pl), a.day,
					s->start_min);
	a.end = a.start + (int64_t)s->length_min * 60;
	a.paid_min = s->length_min - s->break_min;
	return a;
}

/* Store the roster given as "EMP:d:CODE" items. */
static void roster(struct fx *f, const char *const *items, size_t n)
{
	struct rota_assignment as[64];
	struct rota_version_meta m = ROTA_VERSION_META_INIT;
	struct rota_error err = {0};
	struct rota_roster r;

	assert_true(n <= 64);
	for (size_t i = 0; i < n; i++) {
		char emp[16], code[8];
		int d;

		assert_int_equal(sscanf(items[i], "%15[^:]:%d:%7s", emp, &d,
					code), 3);
		as[i] = at(f, emp, d, code);
	}
	memset(&r, 0, sizeof(r));
	r.week = monday();
	r.created_at = rota_plan_now(f->pl);
	rota_strlcpy(r.origin, "import", sizeof(r.origin));
	r.assignments = as;
	r.n_assignments = n;
	m.kind = "import";
	assert_int_equal(rota_plan_commit(f->pl, &r, NULL, 0, &m, 0, NULL, NULL,
					  NULL, &err), 0);
}

/* A001 calls in sick for Wednesday. */
static void sick_wednesday(struct fx *f)
{
	struct rota_plan_absence_opts o;
	struct rota_plan_absence a;
	struct rota_error err = {0};

	memset(&o, 0, sizeof(o));
	o.employee = "A001";
	o.type = "sick";
	o.from = rota_tz_day_start(rota_plan_tz(f->pl), monday() + 2);
	o.to = rota_tz_day_start(rota_plan_tz(f->pl), monday() + 3);
	assert_int_equal(rota_plan_absence_add(f->pl, &o, &a, &err), 0);
	assert_int_equal(a.n_removed, 1);
	rota_plan_absence_release(&a);
}

/* --explain lines of `who` for A001's open shift on Wednesday. */
static void explain(struct fx *f, const char *who,
		    struct rota_plan_cover *c)
{
	struct rota_plan_cover_opts o = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_error err = {0};

	o.explain = who;
	o.chains = 0;  /* direct fills: a switch would take B002's shift */
	assert_int_equal(rota_plan_cover(f->pl, "A001", monday() + 2, &o, c,
					 &err), 0);
}

static int has_line(const struct rota_plan_notes *n, const char *text)
{
	for (size_t i = 0; i < n->n; i++)
		if (strcmp(n->text[i], text) == 0)
			return 1;
	return 0;
}

static void assert_excluded(struct fx *f, const char *who, const char *why)
{
	struct rota_plan_cover c;
	char head[64];

	explain(f, who, &c);
	snprintf(head, sizeof(head), "%s cannot take it:", who);
	assert_true(c.explain.n >= 2);
	assert_string_equal(c.explain.text[0], head);
	for (size_t i = 1; i < c.explain.n; i++)
		if (strcmp(c.explain.text[i] + 2, why) == 0) {
			rota_plan_cover_release(&c);
			return;
		}
	for (size_t i = 0; i < c.explain.n; i++)
		fprintf(stderr, "%s\n", c.explain.text[i]);
	fail_msg("'%s' is not among %s's reasons", why, who);
}

static const char rules_staff[] =
	"id,name,team,contract,skills\n"
	"A001,Absent,t1,ft,voice\n"
	"B002,Busy,t1,ft,voice\n"
	"C003,On leave,t1,ft,voice\n"
	"D004,Chat only,t1,ft,chat\n"
	"F005,Night before,t1,ft,voice\n"
	"G006,Three in a row,t1,c3,voice\n"
	"H007,Part timer,t1,pt,voice\n"
	"I008,Free,t1,ft,voice\n"
	"K010,Overtime,t1,p12,voice\n";

static void rules_site(struct fx *f)
{
	static const char *const items[] = {
		"A001:0:V", "A001:1:V", "A001:2:V", "A001:3:V", "A001:4:V",
		"B002:2:L",
		"F005:1:N",
		"G006:0:V", "G006:1:V", "G006:3:V",
		"H007:0:V", "H007:1:V",
		"I008:0:V", "I008:1:V", "I008:3:V", "I008:4:V",
		"K010:0:V"};

	open_site(f, rules_staff,
		  "employee,start,end,type\nC003,2026-12-02,2026-12-02,"
		  "annual\n");
	roster(f, items, sizeof(items) / sizeof(items[0]));
	sick_wednesday(f);
}

static void each_hard_rule_excludes_a_candidate_in_the_checkers_words(
	void **state)
{
	struct fx *f = *state;

	rules_site(f);
	assert_excluded(f, "B002", "B002 already works L on Wed 2026-12-02 "
				   "(one shift a day)");
	assert_excluded(f, "C003", "C003 works V on Wed 2026-12-02 but is "
				   "unavailable that day (leave or day off)");
	assert_excluded(f, "D004", "D004 works V on Wed 2026-12-02 without a "
				   "skill that shift serves");
	assert_excluded(f, "F005", "F005 rests 2h00 between N on Tue "
				   "2026-12-01 and V on Wed 2026-12-02 (at "
				   "least 11h00)");
	assert_excluded(f, "G006", "G006 works 4 consecutive days from Mon "
				   "2026-11-30 to Thu 2026-12-03 (at most 3)");
	assert_excluded(f, "H007", "H007 is paid 24h00 over the horizon (at "
				   "most 20h00)");
}

static void the_overtime_allowance_admits_a_candidate_at_its_cost(void **state)
{
	struct fx *f = *state;
	struct rota_plan_cover_opts o = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_plan_cover c;
	struct rota_error err = {0};

	rules_site(f);
	o.chains = 0;
	assert_int_equal(rota_plan_cover(f->pl, "A001", monday() + 2, &o, &c,
					 &err), 0);
	/* I008 fits within the week; K010 (720 min a week) only with 240
	 * minutes of overtime at weight 2 */
	assert_int_equal(c.n_found, 2);
	assert_string_equal(c.hole.shift.shift, "V");
	assert_string_equal(c.hole.why, "sick (absence 1)");
	assert_string_equal(c.cand[0].employee, "I008");
	assert_int_equal(c.cand[0].overtime_min, 0);
	assert_int_equal(c.cand[0].n_changes, 1);
	assert_string_equal(c.cand[0].reasons,
			    "fills it directly, nobody else moves; regains "
			    "no shortage, adds 8h00 of overstaffing; no "
			    "overtime; 0 substitute shifts this month");
	assert_string_equal(c.cand[1].employee, "K010");
	assert_int_equal(c.cand[1].overtime_min, 240);
	assert_true(c.cand[1].cost_rules >= 480);
	assert_true(c.cand[1].cost > c.cand[0].cost);
	assert_int_equal(c.n_excluded, 6);
	rota_plan_cover_release(&c);
}

static void weekly_planning_uses_overtime_only_when_the_site_allows_it(
	void **state)
{
	struct fx *f = *state;
	struct rota_plan_week_opts wo = ROTA_PLAN_WEEK_OPTS_INIT;
	struct rota_problem *p = NULL;
	struct rota_error err = {0};
	int e;

	rules_site(f);
	/* the site: allow_overtime = no (the default) */
	assert_int_equal(rota_plan_week_problem(f->pl, monday(), NULL, &p,
						&err), 0);
	for (e = 0; strcmp(p->employees[e].id, "K010") != 0; e++)
		;
	assert_int_equal(p->employees[e].rule[ROTA_RULE_max_week_min].value,
			 720);
	assert_true(p->employees[e].rule[ROTA_RULE_max_week_min].weight == 0);
	assert_int_equal(p->employees[e].rule[ROTA_RULE_max_total_min].value,
			 ROTA_UNSET);
	rota_problem_free(p);
	/* substitutes and re-plans: a soft weekly maximum under a hard cap */
	wo.overtime = 1;
	assert_int_equal(rota_plan_week_problem(f->pl, monday(), &wo, &p,
						&err), 0);
	assert_true(p->employees[e].rule[ROTA_RULE_max_week_min].weight == 2);
	assert_int_equal(p->employees[e].rule[ROTA_RULE_max_total_min].value,
			 960);
	assert_true(p->employees[e].rule[ROTA_RULE_max_total_min].weight == 0);
	rota_problem_free(p);
}

/* X011 works five days (the most), Y012 only chats: no direct fill. */
static void chain_site(struct fx *f)
{
	static const char *const items[] = {
		"A001:0:V", "A001:1:V", "A001:2:V", "A001:3:V", "A001:4:V",
		"X011:0:L", "X011:1:L", "X011:3:L", "X011:4:L", "X011:5:L"};
	const struct rota_tz *tz;
	static const int days[] = {0, 1, 3, 4, 5};
	struct rota_requirement req[35];
	struct rota_error err = {0};
	int n = 0;

	open_site(f,
		  "id,name,team,contract,skills\n"
		  "A001,Absent,t1,ft,voice\n"
		  "X011,Mover,t1,ft,voice;chat\n"
		  "Y012,Backfill,t1,ft,chat\n",
		  NULL);
	tz = rota_plan_tz(f->pl);
	/* one chat agent wanted 14:00-21:00 on X011's days */
	for (int d = 0; d < 5; d++)
		for (int i = 0; i < 7; i++, n++) {
			memset(&req[n], 0, sizeof(req[n]));
			req[n].start = rota_tz_local_minutes(
				tz, monday() + days[d], (14 + i) * 60);
			req[n].skill = 0;  /* chat: skills sorted by name */
			req[n].agents = req[n].scheduled_agents = 1;
		}
	assert_int_equal(rota_store_requirements_save(
				 rota_plan_store(f->pl),
				 rota_tz_day_start(tz, monday()),
				 rota_tz_day_start(tz, monday() + 7), req,
				 (size_t)n, &err), 0);
	roster(f, items, sizeof(items) / sizeof(items[0]));
	sick_wednesday(f);
}

static void a_chain_is_found_where_no_direct_fill_exists(void **state)
{
	struct fx *f = *state;
	struct rota_plan_cover_opts o = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_plan_cover c;
	struct rota_error err = {0};
	const struct rota_plan_candidate *k;

	chain_site(f);
	o.chains = 0;
	assert_int_equal(rota_plan_cover(f->pl, "A001", monday() + 2, &o, &c,
					 &err), 0);
	assert_int_equal(c.n_found, 0);
	assert_int_equal(c.n_excluded, 2);
	rota_plan_cover_release(&c);
	/* X takes Wednesday and gives up Tuesday's late shift, which Y
	 * takes so that Tuesday's chat stays covered */
	o.chains = 1;
	o.explain = "X011";
	assert_int_equal(rota_plan_cover(f->pl, "A001", monday() + 2, &o, &c,
					 &err), 0);
	assert_int_equal(c.n_found, 1);
	k = &c.cand[0];
	assert_string_equal(k->employee, "X011");
	assert_int_equal(k->n_changes, 3);
	assert_string_equal(k->changes[0].now.shift, "V");
	assert_int_equal(k->changes[0].day, monday() + 2);
	assert_string_equal(k->changes[1].employee, "X011");
	/* not Monday: Tuesday's late shift would end 10 h before
	 * Wednesday's early one */
	assert_int_equal(k->changes[1].day, monday() + 1);
	assert_string_equal(k->changes[1].old.shift, "L");
	assert_string_equal(k->changes[1].now.shift, "");
	assert_string_equal(k->changes[2].employee, "Y012");
	assert_string_equal(k->changes[2].now.shift, "L");
	assert_true(k->cost_changes == 100);
	assert_string_equal(k->reasons,
			    "takes it, gives up L on Tue 2026-12-01, Y012 "
			    "takes L on Tue 2026-12-01; regains no "
			    "shortage, adds 8h00 of overstaffing; no "
			    "overtime; 0 substitute shifts this month");
	assert_string_equal(c.explain.text[0],
			    "X011 is candidate 1 of 1: takes it, gives up L "
			    "on Tue 2026-12-01, Y012 takes L on Tue "
			    "2026-12-01; regains no shortage, adds 8h00 of "
			    "overstaffing; no overtime; 0 substitute shifts "
			    "this month");
	assert_string_equal(c.explain.text[2], "not as a direct fill:");
	assert_true(has_line(&c.explain, "  X011 works 6 days in the week "
					 "from Mon 2026-11-30 (at most 5)"));
	assert_true(has_line(&c.explain, "  X011 rests 10h00 between L on "
					 "Tue 2026-12-01 and V on Wed "
					 "2026-12-02 (at least 11h00)"));
	rota_plan_cover_release(&c);
	/* the MIP around the hole finds the same chain */
	o.chains = 2;
	o.explain = NULL;
	assert_int_equal(rota_plan_cover(f->pl, "A001", monday() + 2, &o, &c,
					 &err), 0);
	assert_int_equal(c.n_found, 1);
	assert_int_equal(c.cand[0].n_changes, 3);
	assert_string_equal(c.cand[0].changes[2].employee, "Y012");
	rota_plan_cover_release(&c);
}

static void applying_a_candidate_makes_a_substitute_version_and_covers_it(
	void **state)
{
	struct fx *f = *state;
	struct rota_plan_cover_opts o = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_version_meta m = ROTA_VERSION_META_INIT;
	struct rota_roster_version *h = NULL;
	struct rota_open_shift *os = NULL;
	struct rota_roster *r = NULL;
	struct rota_plan_cover c;
	struct rota_error err = {0};
	size_t n = 0;
	int v = 0;

	chain_site(f);
	assert_int_equal(rota_plan_cover(f->pl, "A001", monday() + 2, &o, &c,
					 &err), 0);
	assert_int_equal(rota_plan_cover_apply(f->pl, &c, 2, &m, 0, &v, NULL,
					       &err), ROTA_EINVAL);
	assert_string_equal(err.msg, "there is no candidate 2 (1 found)");
	m.by = "Sup Wang";
	assert_int_equal(rota_plan_cover_apply(f->pl, &c, 1, &m, 0, &v, NULL,
					       &err), 0);
	rota_plan_cover_release(&c);
	assert_int_equal(v, 3);
	assert_int_equal(rota_store_roster_history(rota_plan_store(f->pl),
						   monday(), &h, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(h[1].kind, "absence");
	assert_string_equal(h[2].kind, "substitute");
	assert_string_equal(h[2].by, "Sup Wang");
	assert_string_equal(h[2].reason, "X011 covers A001");
	assert_int_equal(h[2].changes, 3);
	free(h);
	assert_int_equal(rota_store_roster_load(rota_plan_store(f->pl),
						monday(), &r, &err), 0);
	assert_int_equal(r->n_assignments, 10);
	rota_roster_free(r);
	assert_int_equal(rota_store_open_shifts(rota_plan_store(f->pl),
						monday(), NULL, &os, &n, &err),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(os[0].covered_by, "X011");
	assert_int_equal(os[0].covered_version, 3);
	free(os);
	/* covered: no second substitute */
	assert_int_equal(rota_plan_cover(f->pl, "A001", monday() + 2, &o, &c,
					 &err), ROTA_ECONFLICT);
	assert_string_equal(err.msg, "A001's Voice day on Wed 2026-12-02 "
				     "(08:00) is covered by X011 (version 3)");
	/* nor for a day without an open shift */
	assert_int_equal(rota_plan_cover(f->pl, "A001", monday() + 3, &o, &c,
					 &err), ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "A001 has no open shift on 2026-12-03 "
				     "(no absence took one out, no leave "
				     "overlaps one)");
}

static void a_started_open_shift_cannot_be_covered(void **state)
{
	struct fx *f = *state;
	struct rota_plan_cover c;
	struct rota_error err = {0};

	chain_site(f);
	/* Wednesday 09:00: the shift began at 08:00 */
	rota_plan_set_now(f->pl, rota_tz_local_minutes(rota_plan_tz(f->pl),
						       monday() + 2, 9 * 60));
	assert_int_equal(rota_plan_cover(f->pl, "A001", monday() + 2, NULL, &c,
					 &err), ROTA_ECONFLICT);
	assert_string_equal(err.msg, "A001's Voice day on Wed 2026-12-02 "
				     "(08:00) has started: past time is "
				     "frozen");
}

/* ---------------------------------------------------------------- swaps */

static int swap(struct fx *f, const char *a, int da, const char *b, int db,
		struct rota_plan_swap *s, struct rota_error *err)
{
	struct rota_plan_swap_opts o = ROTA_PLAN_SWAP_OPTS_INIT;

	o.a = a;
	o.b = b;
	o.day_a = monday() + da;
	o.day_b = db < 0 ? -1 : monday() + db;
	o.by = "test";
	return rota_plan_swap(f->pl, &o, s, err);
}

static void a_swap_breaking_a_rule_is_refused_with_the_checkers_sentences(
	void **state)
{
	struct fx *f = *state;
	struct rota_plan_swap s;
	struct rota_roster *r = NULL;
	struct rota_error err = {0};
	int version;

	rules_site(f);
	assert_int_equal(rota_store_roster_load(rota_plan_store(f->pl),
						monday(), &r, &err), 0);
	version = r->version;
	rota_roster_free(r);
	/* G006 may work three days in a row: Wednesday's late shift joins
	 * Mon-Tue and Thursday, and ends 10 h before Thursday's */
	assert_int_equal(swap(f, "B002", 2, "G006", -1, &s, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "swap refused: it breaks 2 hard rules");
	assert_int_equal(s.broken.n, 2);
	assert_string_equal(s.broken.text[0],
			    "G006 works 4 consecutive days from Mon "
			    "2026-11-30 to Thu 2026-12-03 (at most 3)");
	assert_string_equal(s.broken.text[1],
			    "G006 rests 10h00 between L on Wed 2026-12-02 and "
			    "V on Thu 2026-12-03 (at least 11h00)");
	rota_plan_swap_release(&s);
	/* H007 would be paid beyond the week's maximum and its overtime */
	assert_int_equal(swap(f, "B002", 2, "H007", -1, &s, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(s.broken.text[0],
			    "H007 is paid 24h00 over the horizon (at most "
			    "20h00)");
	rota_plan_swap_release(&s);
	/* nothing changed */
	assert_int_equal(rota_store_roster_load(rota_plan_store(f->pl),
						monday(), &r, &err), 0);
	assert_int_equal(r->version, version);
	rota_roster_free(r);
}

static void swaps_exchange_or_give_away_as_a_version(void **state)
{
	struct fx *f = *state;
	struct rota_plan_swap s;
	struct rota_roster_version *h = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	rules_site(f);
	/* F005's night and I008's day on Tuesday change hands */
	assert_int_equal(swap(f, "F005", 1, "I008", -1, &s, &err), 0);
	assert_int_equal(s.given, 0);
	assert_int_equal(s.n_changes, 2);
	assert_string_equal(s.changes[0].employee, "F005");
	assert_string_equal(s.changes[0].now.shift, "V");
	assert_string_equal(s.changes[1].employee, "I008");
	assert_string_equal(s.changes[1].now.shift, "N");
	rota_plan_swap_release(&s);
	/* B002 gives Wednesday's late shift to K010 (within its overtime) */
	assert_int_equal(swap(f, "B002", 2, "K010", -1, &s, &err), 0);
	assert_int_equal(s.given, 1);
	rota_plan_swap_release(&s);
	assert_int_equal(rota_store_roster_history(rota_plan_store(f->pl),
						   monday(), &h, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(h[2].kind, "swap");
	assert_string_equal(h[2].reason, "F005 and I008 swap");
	assert_string_equal(h[3].reason, "B002 and K010 (shift given away)");
	assert_int_equal(h[3].changes, 2);
	free(h);
	/* no shift to swap; one shift a day */
	assert_int_equal(swap(f, "D004", 2, "I008", -1, &s, &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "D004 has no shift on Wed 2026-12-02");
	assert_int_equal(swap(f, "I008", 3, "G006", 0, &s, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "I008 is already rostered that day: "
				     "I008's Voice day on Mon 2026-11-30 "
				     "(08:00) (one shift a day)");
	/* Wednesday 21:00: Thursday 08:00 is inside the notice window */
	rota_plan_set_now(f->pl, rota_tz_local_minutes(rota_plan_tz(f->pl),
						       monday() + 2, 21 * 60));
	assert_int_equal(swap(f, "I008", 3, "B002", -1, &s, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "I008's Voice day on Thu 2026-12-03 "
				     "(08:00) starts within the 12 h notice "
				     "window (--force to change it)");
	rota_plan_swap_release(&s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(each_hard_rule_excludes_a_candidate_in_the_checkers_words),
		T(the_overtime_allowance_admits_a_candidate_at_its_cost),
		T(weekly_planning_uses_overtime_only_when_the_site_allows_it),
		T(a_chain_is_found_where_no_direct_fill_exists),
		T(applying_a_candidate_makes_a_substitute_version_and_covers_it),
		T(a_started_open_shift_cannot_be_covered),
		T(a_swap_breaking_a_rule_is_refused_with_the_checkers_sentences),
		T(swaps_exchange_or_give_away_as_a_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
