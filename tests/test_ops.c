/* tests/test_ops.c - absences, time-off requests and their decisions, and
 * leave that counts when a week is scheduled. */
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


/* Sunday 2026-11-29 12:00 in Shanghai */
#define SUNDAY_NOON 1795924800

static void open_site(struct fx *f, const char *timeoff)
{
	struct rota_store *st = NULL;
	struct rota_error err = {0};

	fx_create(f, "ops", &st);
	import(f, st, ROTA_IMPORT_SITE, "site.ini",
	       "[site]\nname = Ops test\ntimezone = Asia/Shanghai\n"
	       "interval_min = 60\n[skill.voice]\n"
	       "[leave.annual]\npaid = yes\n"
	       "[leave.sick]\npaid = yes\nplanned = no\n"
	       "[leave.unpaid]\npaid = no\n"
	       "[timeoff]\nmin_notice_days = 14\nmax_off_per_team = 1\n"
	       "max_off_per_skill = 1\n"
	       "blackout = 2026-12-24..2026-12-26\n"
	       "[operations]\nnotice_hours = 12\n");
	import(f, st, ROTA_IMPORT_CONTRACTS, "contracts.csv",
	       "id,min_week_min,max_week_min,max_days_week\n"
	       "ft40,2400,2400,5\n");
	import(f, st, ROTA_IMPORT_STAFF, "staff.csv",
	       "id,name,team,contract,skills\n"
	       "A001,Li,t1,ft40,voice\nA002,Wei,t1,ft40,voice\n"
	       "A003,Ann,t1,ft40,voice\nA004,Bo,t2,ft40,voice\n");
	import(f, st, ROTA_IMPORT_SHIFTS, "shifts.csv",
	       "code,name,start,length_min,break_min,days\n"
	       "E,Early shift,08:00,540,60,Mon-Sun\n"
	       "L,Late shift,13:00,540,60,Mon-Sun\n");
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

static int64_t local(const struct fx *f, int day, int hour)
{
	return rota_tz_local_minutes(rota_plan_tz(f->pl), monday() + day,
				     hour * 60);
}

/* Everyone on E Monday to Friday. */
static void weekdays(struct fx *f)
{
	struct rota_assignment as[20];
	struct rota_version_meta m = ROTA_VERSION_META_INIT;
	struct rota_error err = {0};
	struct rota_roster r;
	static const char *const emp[] = {"A001", "A002", "A003", "A004"};
	size_t n = 0;

	for (int e = 0; e < 4; e++)
		for (int d = 0; d < 5; d++, n++) {
			memset(&as[n], 0, sizeof(as[n]));
			rota_strlcpy(as[n].employee, emp[e],
				     sizeof(as[n].employee));
			rota_strlcpy(as[n].shift, "E", sizeof(as[n].shift));
			as[n].day = monday() + d;
			as[n].start = local(f, d, 8);
			as[n].end = as[n].start + 9 * 3600;
			as[n].paid_min = 480;
		}
	memset(&r, 0, sizeof(r));
	r.week = monday();
	r.created_at = rota_plan_now(f->pl);
	r.assignments = as;
	r.n_assignments = n;
	m.kind = "import";
	assert_int_equal(rota_plan_commit(f->pl, &r, NULL, 0, &m, 0, NULL, NULL,
					  NULL, &err), 0);
}

/* ------------------------------------------------------------ absences */

static void an_absence_takes_out_the_shifts_not_started_and_keeps_them(
	void **state)
{
	struct fx *f = *state;
	struct rota_plan_absence_opts o;
	struct rota_plan_absence a;
	struct rota_roster_version *h = NULL;
	struct rota_open_shift *os = NULL;
	struct rota_absence *ab = NULL;
	struct rota_plan_week w;
	struct rota_error err = {0};
	size_t n = 0;

	open_site(f, NULL);
	weekdays(f);
	/* Wednesday 10:00: A001 goes home sick until Friday night;
	 * Wednesday's shift started at 08:00 */
	rota_plan_set_now(f->pl, local(f, 2, 10));
	memset(&o, 0, sizeof(o));
	o.employee = "A001";
	o.type = "sick";
	o.from = local(f, 2, 10);
	o.to = local(f, 5, 0);
	o.reason = "flu";
	o.by = "Sup Wang";
	assert_int_equal(rota_plan_absence_add(f->pl, &o, &a, &err), 0);
	assert_int_equal(a.n_kept, 1);
	assert_int_equal(a.kept[0].day, monday() + 2);
	assert_int_equal(a.n_removed, 2);
	assert_int_equal(a.removed[0].day, monday() + 3);
	assert_int_equal(a.removed[1].day, monday() + 4);
	assert_int_equal(a.versions, 1);
	rota_plan_absence_release(&a);
	assert_int_equal(rota_store_roster_history(rota_plan_store(f->pl),
						   monday(), &h, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[1].kind, "absence");
	assert_string_equal(h[1].by, "Sup Wang");
	assert_string_equal(h[1].reason, "flu");
	assert_int_equal(h[1].changes, 2);
	free(h);
	/* the closed rows are linked to the absence */
	assert_int_equal(rota_store_open_shifts(rota_plan_store(f->pl),
						monday(), NULL, &os, &n, &err),
			 0);
	assert_int_equal(n, 2);
	assert_string_equal(os[0].shift.employee, "A001");
	assert_string_equal(os[0].type, "sick");
	assert_string_equal(os[0].covered_by, "");
	free(os);
	assert_int_equal(rota_store_absence_list(rota_plan_store(f->pl), NULL,
						 INT64_MIN, INT64_MAX, &ab, &n,
						 &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ab[0].shifts, 2);
	free(ab);
	/* the week is sound: the sick days count as leave, not as hours
	 * short, and the lone working Wednesday breaks no block rule */
	assert_int_equal(rota_plan_week_load(f->pl, monday(), 1, &w, &err), 0);
	assert_int_equal(w.report->hard_broken, 0);
	rota_plan_week_release(&w);
}

static void an_absence_needs_a_leave_type_and_a_period(void **state)
{
	struct fx *f = *state;
	struct rota_plan_absence_opts o;
	struct rota_plan_absence a;
	struct rota_error err = {0};

	open_site(f, NULL);
	weekdays(f);
	memset(&o, 0, sizeof(o));
	o.employee = "A001";
	o.type = "flu";
	o.from = local(f, 2, 0);
	o.to = local(f, 3, 0);
	assert_int_equal(rota_plan_absence_add(f->pl, &o, &a, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "unknown leave type 'flu' (known: "
				     "annual, sick, unpaid)");
	o.type = "sick";
	o.employee = "Z999";
	assert_int_equal(rota_plan_absence_add(f->pl, &o, &a, &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "unknown employee 'Z999'");
	o.employee = "A001";
	o.to = o.from;
	assert_int_equal(rota_plan_absence_add(f->pl, &o, &a, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "the absence must end after it starts");
	o.to = o.from + 40 * 86400;
	assert_int_equal(rota_plan_absence_add(f->pl, &o, &a, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "an absence lasts at most 31 days "
				     "(longer leave is time off: rota timeoff "
				     "request)");
}

static void a_sick_call_inside_the_notice_window_needs_no_force(void **state)
{
	struct fx *f = *state;
	struct rota_plan_absence_opts o;
	struct rota_plan_absence a;
	struct rota_error err = {0};

	open_site(f, NULL);
	weekdays(f);
	/* Wednesday 07:00, an hour before the shift */
	rota_plan_set_now(f->pl, local(f, 2, 7));
	memset(&o, 0, sizeof(o));
	o.employee = "A002";
	o.type = "sick";
	o.from = local(f, 2, 7);
	o.to = local(f, 3, 0);
	assert_int_equal(rota_plan_absence_add(f->pl, &o, &a, &err), 0);
	assert_int_equal(a.n_removed, 1);
	assert_int_equal(a.n_kept, 0);
	rota_plan_absence_release(&a);
}

/* ------------------------------------------------------------- time off */

static int request(struct fx *f, const char *emp, int from_day, int to_day,
		   const char *type, int autoa, struct rota_plan_timeoff *t,
		   struct rota_error *err)
{
	struct rota_plan_timeoff_opts o;

	memset(&o, 0, sizeof(o));
	o.employee = emp;
	o.from = rota_tz_day_start(rota_plan_tz(f->pl), monday() + from_day);
	o.to = rota_tz_day_start(rota_plan_tz(f->pl), monday() + to_day + 1);
	o.type = type;
	o.reason = "family";
	o.auto_approve = autoa;
	return rota_plan_timeoff_request(f->pl, &o, t, err);
}

static void a_request_inside_every_rule_may_be_approved_at_once(void **state)
{
	struct fx *f = *state;
	struct rota_plan_timeoff t;
	struct rota_error err = {0};

	open_site(f, NULL);
	/* Monday 2026-12-14 and Tuesday: fifteen days ahead */
	assert_int_equal(request(f, "A001", 14, 15, "annual", 1, &t, &err), 0);
	assert_int_equal(t.auto_approved, 1);
	assert_string_equal(t.record.status, "approved");
	assert_string_equal(t.record.decided_by, "auto");
	assert_string_equal(t.record.decision, "inside every rule");
	assert_string_equal(t.record.origin, "request");
	assert_string_equal(t.record.reason, "family");
	assert_int_equal(t.record.requested_at, SUNDAY_NOON);
	assert_int_equal(t.impact.broken.n, 0);
	rota_plan_timeoff_release(&t);
	/* the same period again */
	assert_int_equal(request(f, "A001", 14, 15, "annual", 0, &t, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "A001 already asked for that time off "
				     "(id 1, approved)");
	assert_int_equal(request(f, "A001", 16, 16, "holiday", 0, &t, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "unknown leave type 'holiday' (known: "
				     "annual, sick, unpaid)");
}

static void approval_refuses_what_breaks_a_site_rule_unless_forced(
	void **state)
{
	struct fx *f = *state;
	struct rota_plan_timeoff t;
	struct rota_plan_timeoff_opts o;
	struct rota_timeoff_query q = ROTA_TIMEOFF_QUERY_INIT;
	struct rota_timeoff_record *rs = NULL;
	struct rota_error err = {0};
	size_t n = 0;
	int64_t id;

	/* A002 of the same team is off on Christmas Eve already */
	open_site(f, "employee,start,end,type\n"
		     "A002,2026-12-24,2026-12-24,annual\n");
	assert_int_equal(request(f, "A001", 24, 25, "annual", 1, &t, &err), 0);
	assert_int_equal(t.auto_approved, 0);
	assert_string_equal(t.record.status, "pending");
	id = t.record.id;
	assert_int_equal(t.impact.broken.n, 3);
	assert_string_equal(t.impact.broken.text[0],
			    "it falls in the blackout dates "
			    "2026-12-24..2026-12-26");
	assert_string_equal(t.impact.broken.text[1],
			    "1 of team t1 is already off on Thu 2026-12-24 "
			    "(at most 1)");
	assert_string_equal(t.impact.broken.text[2],
			    "1 with skill voice is already off on Thu "
			    "2026-12-24 (at most 1)");
	rota_plan_timeoff_release(&t);
	memset(&o, 0, sizeof(o));
	o.by = "Sup Wang";
	assert_int_equal(rota_plan_timeoff_decide(f->pl, id, "approved", &o,
						  &t, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "time off 2 breaks 3 site rules (--force "
				     "to approve it anyway)");
	assert_int_equal(t.impact.broken.n, 3);
	rota_plan_timeoff_release(&t);
	q.status = "pending";
	assert_int_equal(rota_store_timeoff_list(rota_plan_store(f->pl), &q,
						 &rs, &n, &err), 0);
	assert_int_equal(n, 1);
	free(rs);
	o.force = 1;
	o.reason = "agreed with the team";
	assert_int_equal(rota_plan_timeoff_decide(f->pl, id, "approved", &o,
						  &t, &err), 0);
	assert_string_equal(t.record.status, "approved");
	assert_string_equal(t.record.decided_by, "Sup Wang");
	assert_string_equal(t.record.decision, "agreed with the team");
	rota_plan_timeoff_release(&t);
	/* too little notice: Thursday, four days ahead */
	assert_int_equal(request(f, "A004", 3, 3, "annual", 1, &t, &err), 0);
	assert_string_equal(t.impact.broken.text[0],
			    "it starts in 4 days; the site asks for 14 days' "
			    "notice");
	rota_plan_timeoff_release(&t);
}

static void requests_are_decided_once_and_may_be_cancelled(void **state)
{
	struct fx *f = *state;
	struct rota_plan_timeoff t;
	struct rota_plan_timeoff_opts o;
	struct rota_timeoff_record r;
	struct rota_error err = {0};

	open_site(f, NULL);
	assert_int_equal(request(f, "A003", 28, 28, "unpaid", 0, &t, &err), 0);
	rota_plan_timeoff_release(&t);
	memset(&o, 0, sizeof(o));
	o.by = "Sup Wang";
	o.reason = "month end";
	assert_int_equal(rota_plan_timeoff_decide(f->pl, 1, "denied", &o, &t,
						  &err), 0);
	assert_string_equal(t.record.status, "denied");
	rota_plan_timeoff_release(&t);
	assert_int_equal(rota_plan_timeoff_decide(f->pl, 1, "approved", &o, &t,
						  &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "time off 1 is denied: only a pending "
				     "request can be approved");
	rota_plan_timeoff_release(&t);
	assert_int_equal(rota_plan_timeoff_decide(f->pl, 1, "cancelled", &o,
						  &t, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "time off 1 is denied: only pending or "
				     "approved time off can be cancelled");
	rota_plan_timeoff_release(&t);
	/* a denied period may be asked for again, then cancelled */
	assert_int_equal(request(f, "A003", 28, 28, "unpaid", 1, &t, &err), 0);
	assert_string_equal(t.record.status, "approved");
	rota_plan_timeoff_release(&t);
	assert_int_equal(rota_plan_timeoff_decide(f->pl, 2, "cancelled", &o,
						  &t, &err), 0);
	rota_plan_timeoff_release(&t);
	assert_int_equal(rota_store_timeoff_get(rota_plan_store(f->pl), 2, &r,
						&err), 0);
	assert_string_equal(r.status, "cancelled");
	assert_int_equal(r.paid, 0);
	assert_int_equal(rota_plan_timeoff_decide(f->pl, 9, "denied", &o, &t,
						  &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "no time off with id 9");
}

static void leave_over_a_published_shift_names_it_and_the_coverage_lost(
	void **state)
{
	struct fx *f = *state;
	struct rota_plan_timeoff t;
	struct rota_requirement req[3];
	struct rota_error err = {0};

	open_site(f, NULL);
	/* one voice agent wanted Thursday 08:00-11:00 */
	for (int i = 0; i < 3; i++) {
		memset(&req[i], 0, sizeof(req[i]));
		req[i].start = local(f, 3, 8 + i);
		req[i].agents = req[i].scheduled_agents = 4;
	}
	assert_int_equal(rota_store_requirements_save(
				 rota_plan_store(f->pl), local(f, 0, 0),
				 local(f, 7, 0), req, 3, &err), 0);
	weekdays(f);
	assert_int_equal(rota_store_roster_set_status(rota_plan_store(f->pl),
						      monday(), "published",
						      &err), 0);
	assert_int_equal(request(f, "A004", 3, 3, "annual", 0, &t, &err), 0);
	assert_int_equal(t.impact.shifts.n, 1);
	assert_string_equal(t.impact.shifts.text[0],
			    "A004's Early shift on Thu 2026-12-03 (08:00) is "
			    "in a published week: cover it (rota cover A004 "
			    "--date 2026-12-03) or re-plan");
	assert_int_equal(t.impact.coverage.n, 1);
	assert_string_equal(t.impact.coverage.text[0],
			    "voice 2026-12-03 08:00-11:00: 180 agent-minutes "
			    "short");
	assert_int_equal(t.impact.short_min, 180);
	rota_plan_timeoff_release(&t);
}

/* A001's attendance on Thursday and Friday, as of Saturday: shifts,
 * absences and shifts excused as annual leave. */
static void thu_fri(struct fx *f, long *shifts, long *absent, long *annual)
{
	struct rota_attendance_query q = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_attendance_report *r = NULL;
	struct rota_error err = {0};

	q.from = monday() + 3;
	q.to = monday() + 4;
	q.employee = "A001";
	q.now = local(f, 5, 12);
	assert_int_equal(rota_store_attendance(rota_plan_store(f->pl), &q, &r,
					       &err), 0);
	assert_int_equal(r->n_people, 1);
	*shifts = r->people[0].att.total.shifts;
	*absent = r->people[0].att.total.absences;
	*annual = -1;
	for (int i = 0; i < r->n_leave; i++)
		if (strcmp(r->leave[i].name, "annual") == 0)
			*annual = r->people[0].att.total.excused[i];
	rota_attendance_report_free(r);
}

static int live_shift(struct fx *f, const char *emp, int day)
{
	struct rota_roster *r = NULL;
	struct rota_error err = {0};
	int found = 0;

	assert_int_equal(rota_store_roster_load(rota_plan_store(f->pl),
						monday(), &r, &err), 0);
	for (size_t i = 0; i < r->n_assignments; i++)
		found |= strcmp(r->assignments[i].employee, emp) == 0 &&
			 r->assignments[i].day == monday() + day;
	rota_roster_free(r);
	return found;
}

/* After time off 1 (annual, A001's Thursday and Friday) was approved:
 * its two shifts are open shifts linked to it, and `rota cover --open`
 * lists them with the reason. */
static void leave_shifts_are_open(struct fx *f)
{
	struct rota_open_shift *os = NULL;
	struct rota_plan_open *op = NULL;
	struct rota_error err = {0};
	size_t n = 0, found = 0;

	assert_int_equal(rota_store_open_shifts(rota_plan_store(f->pl),
						monday(), "A001", &os, &n,
						&err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(os[0].timeoff_id, 1);
	assert_int_equal(os[0].absence_id, 0);
	assert_int_equal(os[0].timeoff_cancelled, 0);
	assert_string_equal(os[0].type, "annual");
	assert_int_equal(os[0].shift.day, monday() + 3);
	free(os);
	/* rota cover --open lists them; the week counts the leave, so it
	 * breaks no hard rule (the plan sees the approval at once) */
	assert_int_equal(rota_plan_cover_open(f->pl, monday(), NULL, &op, &n,
					      &err), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(op[i].employee, "A001") == 0) {
			assert_string_equal(op[i].why, "annual (time off 1)");
			found++;
		}
	free(op);
	assert_int_equal(found, 2);
}

static void approving_leave_takes_its_shifts_out_as_open_shifts(
	void **state)
{
	struct fx *f = *state;
	struct rota_plan_timeoff t;
	struct rota_plan_timeoff_opts o;
	struct rota_roster_version *h = NULL;
	struct rota_open_shift *os = NULL;
	struct rota_plan_week w;
	struct rota_error err = {0};
	size_t n = 0;
	long shifts, absent, annual;

	open_site(f, NULL);
	weekdays(f);
	thu_fri(f, &shifts, &absent, &annual);
	assert_int_equal(shifts, 2);
	assert_int_equal(absent, 2);
	assert_int_equal(annual, 0);
	assert_int_equal(rota_store_roster_set_status(rota_plan_store(f->pl),
						      monday(), "published",
						      &err), 0);
	/* Thursday and Friday; too little notice, so forced */
	assert_int_equal(request(f, "A001", 3, 4, "annual", 0, &t, &err), 0);
	assert_string_equal(t.record.status, "pending");
	assert_int_equal(t.n_removed, 0);
	rota_plan_timeoff_release(&t);
	assert_true(live_shift(f, "A001", 3));
	memset(&o, 0, sizeof(o));
	o.by = "Sup Wang";
	o.reason = "wedding";
	o.force = 1;
	assert_int_equal(rota_plan_timeoff_decide(f->pl, 1, "approved", &o, &t,
						  &err), 0);
	assert_string_equal(t.record.status, "approved");
	assert_int_equal(t.n_removed, 2);
	assert_int_equal(t.removed[0].day, monday() + 3);
	assert_int_equal(t.removed[1].day, monday() + 4);
	assert_int_equal(t.versions, 1);
	assert_int_equal(t.notes.n, 1);
	assert_non_null(strstr(t.notes.text[0], "publish again"));
	rota_plan_timeoff_release(&t);
	/* gone from the live roster, as a version saying who and why */
	assert_false(live_shift(f, "A001", 3));
	assert_false(live_shift(f, "A001", 4));
	assert_true(live_shift(f, "A001", 2));
	assert_int_equal(rota_store_roster_history(rota_plan_store(f->pl),
						   monday(), &h, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[1].kind, "timeoff");
	assert_string_equal(h[1].by, "Sup Wang");
	assert_string_equal(h[1].reason, "wedding");
	assert_int_equal(h[1].changes, 2);
	assert_int_equal(h[1].live, 1);
	free(h);
	/* open shifts, linked to the time off, and listed for cover */
	leave_shifts_are_open(f);
	assert_int_equal(rota_plan_week_load(f->pl, monday(), 1, &w, &err), 0);
	assert_int_equal(w.report->hard_broken, 0);
	rota_plan_week_release(&w);
	/* attendance: excused annual leave, not absences */
	thu_fri(f, &shifts, &absent, &annual);
	assert_int_equal(absent, 0);
	assert_int_equal(annual, 2);
	/* cancelling puts nothing back: the shifts stay open */
	memset(&o, 0, sizeof(o));
	o.by = "A001";
	assert_int_equal(rota_plan_timeoff_decide(f->pl, 1, "cancelled", &o,
						  &t, &err), 0);
	assert_int_equal(t.n_removed, 2);
	assert_int_equal(t.removed[0].day, monday() + 3);
	rota_plan_timeoff_release(&t);
	assert_false(live_shift(f, "A001", 3));
	assert_int_equal(rota_store_open_shifts(rota_plan_store(f->pl),
						monday(), "A001", &os, &n,
						&err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(os[0].timeoff_cancelled, 1);
	free(os);
	/* and the days are no longer rostered, nor excused */
	thu_fri(f, &shifts, &absent, &annual);
	assert_int_equal(shifts, 0);
	assert_int_equal(absent, 0);
	assert_int_equal(annual, 0);
}

static void a_started_shift_refuses_an_approval_and_nothing_changes(
	void **state)
{
	struct fx *f = *state;
	struct rota_plan_timeoff t;
	struct rota_plan_timeoff_opts o;
	struct rota_timeoff_record r;
	struct rota_roster_version *h = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	open_site(f, NULL);
	weekdays(f);
	assert_int_equal(request(f, "A002", 1, 2, "annual", 0, &t, &err), 0);
	rota_plan_timeoff_release(&t);
	/* Tuesday 09:00: Tuesday's shift started at 08:00 */
	rota_plan_set_now(f->pl, local(f, 1, 9));
	memset(&o, 0, sizeof(o));
	o.by = "Sup Wang";
	o.force = 1;
	assert_int_equal(rota_plan_timeoff_decide(f->pl, 1, "approved", &o, &t,
						  &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "A002's Early shift on Tue 2026-12-01 "
				     "(08:00) has started: past time is "
				     "frozen, so time off 1 cannot be approved "
				     "over it (rota absence add records an "
				     "absence)");
	assert_int_equal(rota_store_timeoff_get(rota_plan_store(f->pl), 1, &r,
						&err), 0);
	assert_string_equal(r.status, "pending");
	assert_true(live_shift(f, "A002", 1));
	assert_true(live_shift(f, "A002", 2));
	assert_int_equal(rota_store_roster_history(rota_plan_store(f->pl),
						   monday(), &h, &n, &err), 0);
	assert_int_equal(n, 1);
	free(h);
}

static void an_automatic_approval_takes_the_shifts_out_too(void **state)
{
	struct fx *f = *state;
	struct rota_plan_timeoff t;
	struct rota_roster_version *h = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	open_site(f, NULL);
	weekdays(f);
	/* three weeks ahead: inside every rule */
	rota_plan_set_now(f->pl, SUNDAY_NOON - 21 * 86400);
	assert_int_equal(request(f, "A003", 0, 0, "annual", 1, &t, &err), 0);
	assert_int_equal(t.auto_approved, 1);
	assert_int_equal(t.n_removed, 1);
	assert_int_equal(t.removed[0].day, monday());
	rota_plan_timeoff_release(&t);
	assert_false(live_shift(f, "A003", 0));
	assert_int_equal(rota_store_roster_history(rota_plan_store(f->pl),
						   monday(), &h, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[1].kind, "timeoff");
	assert_string_equal(h[1].by, "auto");
	free(h);
}

/* ----------------------------------------------- leave that counts */

/* The minutes rostered to emp in the scheduled week. */
static int scheduled_min(struct fx *f, const char *emp)
{
	struct rota_plan_schedule_opts so = ROTA_PLAN_SCHEDULE_OPTS_INIT;
	struct rota_plan_schedule s;
	struct rota_error err = {0};
	int m = 0;

	so.solve.time_limit_s = 30;
	assert_int_equal(rota_plan_schedule(f->pl, monday(), &so, &s, &err),
			 0);
	assert_int_equal(s.report->hard_broken, 0);
	for (size_t i = 0; i < s.roster->n_assignments; i++)
		if (strcmp(s.roster->assignments[i].employee, emp) == 0)
			m += s.roster->assignments[i].paid_min;
	rota_plan_schedule_release(&s);
	return m;
}

static void a_week_of_annual_leave_schedules_with_no_work_for_that_agent(
	void **state)
{
	struct fx *f = *state;

	open_site(f, "employee,start,end,type\n"
		     "A001,2026-11-30,2026-12-04,annual\n");
	assert_int_equal(scheduled_min(f, "A001"), 0);
	assert_int_equal(scheduled_min(f, "A002"), 2400);
}

static void part_week_and_unpaid_leave_lower_the_weeks_hours(void **state)
{
	struct fx *f = *state;

	/* Thursday and Friday annual leave; Monday unpaid: both lower the
	 * hours to work (unpaid leave credits no pay) */
	open_site(f, "employee,start,end,type\n"
		     "A001,2026-12-03,2026-12-04,annual\n"
		     "A002,2026-11-30,2026-11-30,unpaid\n");
	assert_int_equal(scheduled_min(f, "A001"), 1440);
	assert_int_equal(scheduled_min(f, "A002"), 1920);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(an_absence_takes_out_the_shifts_not_started_and_keeps_them),
		T(an_absence_needs_a_leave_type_and_a_period),
		T(a_sick_call_inside_the_notice_window_needs_no_force),
		T(a_request_inside_every_rule_may_be_approved_at_once),
		T(approval_refuses_what_breaks_a_site_rule_unless_forced),
		T(requests_are_decided_once_and_may_be_cancelled),
		T(leave_over_a_published_shift_names_it_and_the_coverage_lost),
		T(approving_leave_takes_its_shifts_out_as_open_shifts),
		T(a_started_shift_refuses_an_approval_and_nothing_changes),
		T(an_automatic_approval_takes_the_shifts_out_too),
		T(a_week_of_annual_leave_schedules_with_no_work_for_that_agent),
		T(part_week_and_unpaid_leave_lower_the_weeks_hours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
