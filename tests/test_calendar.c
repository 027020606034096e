/*
 * tests/test_calendar.c - calendar/: text writer, UIDs and SEQUENCE,
 * rendered feeds parsed back with libical, atomic files, .ics time off.
 * Everything is in memory or in a temporary directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar/calendar.h"
#include "calendar/ics_int.h"

/* ------------------------------------------------------------ fixture */

#define SITE "Acme Contact Centre, London"
/* rota_cal_uid_domain(SITE) */
#define DOMAIN "acme-contact-centre-london"
#define LONG_NAME "王小明（Wang Xiaoming）客户服务中心夜班组长"

struct fx {
	struct rota_dataset ds;
	struct rota_employee emp[3];
	struct rota_shift sh[3];
	struct rota_tz *tz;
	struct rota_assignment as[8];
	size_t n_as;
	int32_t monday;
};

static void employee(struct rota_employee *e, const char *id,
		     const char *name, const char *email, const char *team)
{
	memset(e, 0, sizeof(*e));
	rota_strlcpy(e->id, id, sizeof(e->id));
	rota_strlcpy(e->name, name, sizeof(e->name));
	rota_strlcpy(e->email, email, sizeof(e->email));
	rota_strlcpy(e->team, team, sizeof(e->team));
}

static void shift(struct rota_shift *s, const char *code, const char *name,
		  int start_min, int length_min, int break_min)
{
	memset(s, 0, sizeof(*s));
	rota_strlcpy(s->code, code, sizeof(s->code));
	rota_strlcpy(s->name, name, sizeof(s->name));
	s->start_min = start_min;
	s->length_min = length_min;
	s->break_min = break_min;
	s->days = 127;
}

/* An assignment of the fixture's shift `code` on monday + offset. */
static void assign(struct fx *f, const char *emp, int offset,
		   const char *code, const char *skill)
{
	struct rota_assignment *a = &f->as[f->n_as++];
	const struct rota_shift *s =
		&f->ds.shifts[rota_dataset_shift(&f->ds, code)];

	memset(a, 0, sizeof(*a));
	rota_strlcpy(a->employee, emp, sizeof(a->employee));
	a->day = f->monday + offset;
	rota_strlcpy(a->shift, code, sizeof(a->shift));
	rota_strlcpy(a->skill, skill, sizeof(a->skill));
	a->start = rota_tz_local_minutes(f->tz, a->day, s->start_min);
	a->end = a->start + (int64_t)s->length_min * 60;
	a->paid_min = s->length_min - s->break_min;
}

static int fx_zone(void **state, const char *zone, int y, int m, int d)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct rota_error err = {0};

	if (!f)
		return -1;
	f->tz = rota_tz_load(zone, &err);
	if (!f->tz) {
		free(f);
		return -1;
	}
	rota_strlcpy(f->ds.site.name, SITE, sizeof(f->ds.site.name));
	rota_strlcpy(f->ds.site.timezone, zone, sizeof(f->ds.site.timezone));
	/* sorted by id, as rota_store_load gives them */
	employee(&f->emp[0], "E001", "Ann O'Neil", "ann@example.com", "blue");
	employee(&f->emp[1], "E002", "Bob Brown, Jr.", "BOB@example.com",
		 "blue");
	employee(&f->emp[2], "E003", LONG_NAME, "wang@example.com", "night");
	f->ds.employees = f->emp;
	f->ds.n_employees = 3;
	shift(&f->sh[0], "E", "Early shift", 7 * 60, 8 * 60, 30);
	shift(&f->sh[1], "L", "Late shift", 14 * 60, 8 * 60, 30);
	shift(&f->sh[2], "N", "Night shift", 22 * 60, 9 * 60, 45);
	f->ds.shifts = f->sh;
	f->ds.n_shifts = 3;
	f->monday = rota_days_from_civil(y, m, d);
	*state = f;
	return 0;
}

/* The week of the March 2026 change to summer time in London. */
static int setup_london(void **state)
{
	struct fx *f;

	if (fx_zone(state, "Europe/London", 2026, 3, 23) < 0)
		return -1;
	f = *state;
	assign(f, "E001", 0, "E", "voice");
	assign(f, "E001", 5, "N", "voice");  /* Sat 22:00: clocks go forward */
	assign(f, "E002", 1, "L", "chat");
	assign(f, "E002", 3, "N", "");       /* overnight, no change */
	assign(f, "E003", 6, "E", "voice");  /* Sunday, summer time */
	return 0;
}

static int setup_shanghai(void **state)
{
	struct fx *f;

	if (fx_zone(state, "Asia/Shanghai", 2026, 11, 30) < 0)
		return -1;
	f = *state;
	assign(f, "E003", 0, "E", "voice");
	assign(f, "E003", 4, "N", "voice");  /* Friday night into Saturday */
	return 0;
}

/* Dublin's tz data calls winter time (GMT) its negative summer time. */
static int setup_dublin(void **state)
{
	struct fx *f;

	if (fx_zone(state, "Europe/Dublin", 2026, 3, 23) < 0)
		return -1;
	f = *state;
	assign(f, "E001", 5, "N", "voice");  /* across the March change */
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	rota_tz_free(f->tz);
	free(f);
	return 0;
}

/* Reconcile f->as against nothing and render one feed. */
static char *render(struct fx *f, int kind, const char *subject,
		    int alarm_min, struct rota_cal_event **evs, size_t *n)
{
	struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
	struct rota_cal_event *ev = NULL, *sel;
	struct rota_error err = {0};
	size_t nev = 0, k = 0, len = 0;
	char *text = NULL;

	assert_int_equal(rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0,
					    1774000000, &ev, &nev, NULL, &err),
			 0);
	sel = calloc(nev + 1, sizeof(*sel));
	assert_non_null(sel);
	for (size_t i = 0; i < nev; i++) {
		int e = rota_dataset_employee(&f->ds, ev[i].employee);

		if (kind == ROTA_CAL_EMPLOYEE
			    ? strcmp(ev[i].employee, subject) == 0
			    : strcmp(f->ds.employees[e].team, subject) == 0)
			sel[k++] = ev[i];
	}
	free(ev);
	opt.kind = kind;
	opt.subject = subject;
	opt.alarm_min = alarm_min;
	assert_int_equal(rota_cal_render(&f->ds, f->tz, &opt, sel, k, &text,
					 &len, &err),
			 0);
	assert_int_equal(strlen(text), len);
	if (evs) {
		*evs = sel;
		*n = k;
	} else {
		free(sel);
	}
	return text;
}

/* ----------------------------------------------------- text and folding */

static void check_physical_lines(const char *text)
{
	const char *p = text;

	while (*p) {
		const char *eol = strstr(p, "\r\n");
		size_t n;

		assert_non_null(eol);
		n = (size_t)(eol - p);
		assert_true(n <= 75);
		assert_null(memchr(p, '\n', n));
		assert_null(memchr(p, '\r', n));
		/* a continuation line never starts inside a UTF-8 character */
		if (p[0] == ' ')
			assert_true(((unsigned char)p[1] & 0xC0) != 0x80);
		p = eol + 2;
	}
}

static char *unfold(const char *text)
{
	char *out = malloc(strlen(text) + 1), *o = out;

	assert_non_null(out);
	for (const char *p = text; *p;) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 3;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static void folding_keeps_lines_within_75_octets_and_never_splits_utf8(
	void **state)
{
	struct ics_buf b = {NULL, 0, 0};
	char line[600] = "SUMMARY:";
	char *joined;

	(void)state;
	for (int i = 0; i < 12; i++)
		strcat(line, "王小明 a");  /* 3-octet characters at odd places */
	for (int shift_ = 0; shift_ < 3; shift_++) {
		strcat(line, "x");
		b.len = 0;
		assert_int_equal(ics_fold(&b, line, strlen(line)), 0);
		check_physical_lines(b.p);
		joined = unfold(b.p);
		assert_int_equal(strlen(joined), strlen(line) + 2);
		assert_memory_equal(joined, line, strlen(line));
		free(joined);
	}
	free(b.p);
}

static void a_line_of_exactly_75_octets_is_not_folded(void **state)
{
	struct ics_buf b = {NULL, 0, 0};
	char line[76];

	(void)state;
	memset(line, 'a', 75);
	line[75] = '\0';
	assert_int_equal(ics_fold(&b, line, 75), 0);
	assert_int_equal(b.len, 77);
	line[74] = '\0';
	b.len = 0;
	assert_int_equal(ics_fold(&b, "X", 1), 0);
	assert_string_equal(b.p, "X\r\n");
	free(b.p);
}

static void text_values_escape_commas_semicolons_backslashes_and_newlines(
	void **state)
{
	struct ics_writer w;

	(void)state;
	ics_writer_init(&w);
	ics_prop_text(&w, "SUMMARY", "a,b;c\\d\ne\tf\x01g");
	ics_begin(&w, "CATEGORIES");
	ics_text(&w, "x,y");
	ics_text_more(&w, "z;");
	ics_end(&w);
	ics_begin(&w, "ORGANIZER");
	ics_param(&w, "CN", "Acme, \"Ltd\"");
	ics_raw(&w, "mailto:a@b");
	ics_end(&w);
	assert_false(w.oom);
	assert_string_equal(w.out.p,
			    "SUMMARY:a\\,b\\;c\\\\d\\ne fg\r\n"
			    "CATEGORIES:x\\,y,z\\;\r\n"
			    "ORGANIZER;CN=\"Acme, Ltd\":mailto:a@b\r\n");
	ics_writer_release(&w);
}

static void folding_does_not_split_a_text_escape(void **state)
{
	struct ics_writer w;
	char value[200];

	(void)state;
	/* "DESCRIPTION:" is 12 octets; put a "\n" escape across octet 75 */
	memset(value, 'a', 62);
	strcpy(value + 62, "\nrest of the text");
	ics_writer_init(&w);
	ics_prop_text(&w, "DESCRIPTION", value);
	assert_non_null(strstr(w.out.p, "aaa\r\n \\nrest"));
	check_physical_lines(w.out.p);
	ics_writer_release(&w);
}

static void offsets_and_utc_times_are_formatted_as_rfc_5545_says(
	void **state)
{
	char buf[17], off[9];

	(void)state;
	ics_format_utc(1774746000, buf);   /* 2026-03-29T01:00:00Z */
	assert_string_equal(buf, "20260329T010000Z");
	ics_format_utc(-1, buf);
	assert_string_equal(buf, "19691231T235959Z");
	ics_format_offset(3600, off);
	assert_string_equal(off, "+0100");
	ics_format_offset(-12600, off);
	assert_string_equal(off, "-0330");
	ics_format_offset(-75, off);
	assert_string_equal(off, "-000115");
}

/* ------------------------------------------------------------ UID, hash */

static void uid_depends_only_on_domain_employee_and_date(void **state)
{
	char a[ROTA_CAL_UID_MAX], b[ROTA_CAL_UID_MAX], dom[64];
	struct rota_error err = {0};
	int32_t d = rota_days_from_civil(2026, 3, 2);

	(void)state;
	assert_int_equal(rota_cal_uid_domain(SITE, dom, sizeof(dom), &err), 0);
	assert_string_equal(dom, DOMAIN);
	assert_int_equal(rota_cal_uid_domain("Acme Contact Centre", dom,
					     sizeof(dom), &err),
			 0);
	assert_int_equal(rota_cal_uid(dom, "E001", d, a, sizeof(a), &err), 0);
	assert_string_equal(a, "rota-20260302-E001@acme-contact-centre");
	assert_int_equal(rota_cal_uid(dom, "E001", d, b, sizeof(b), &err), 0);
	assert_string_equal(a, b);
	rota_cal_uid(dom, "E001", d + 1, b, sizeof(b), &err);
	assert_string_not_equal(a, b);
	rota_cal_uid(dom, "E002", d, b, sizeof(b), &err);
	assert_string_not_equal(a, b);
	rota_cal_uid("other-site", "E001", d, b, sizeof(b), &err);
	assert_string_not_equal(a, b);
	assert_int_equal(rota_cal_uid("", "E001", d, b, sizeof(b), &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "'' is not a uid domain");
	assert_int_equal(rota_cal_uid("a@b", "E001", d, b, sizeof(b), &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "'a@b' is not a uid domain");
}

static void uid_domain_of_a_site_with_other_scripts_has_a_hash_of_the_name(
	void **state)
{
	char a[64], b[64], uid[ROTA_CAL_UID_MAX];
	struct rota_error err = {0};
	int32_t d = rota_days_from_civil(2026, 3, 2);

	(void)state;
	assert_int_equal(rota_cal_uid_domain("上海客服中心", a, sizeof(a),
					     &err),
			 0);
	assert_int_equal(rota_cal_uid_domain("北京客服中心", b, sizeof(b),
					     &err),
			 0);
	assert_string_not_equal(a, b);
	assert_int_equal(strlen(a), 8);
	assert_int_equal(rota_cal_uid_domain("Site", a, 4, &err), ROTA_EINVAL);
	assert_string_equal(err.msg, "uid domain 'site' does not fit");
	assert_int_equal(rota_cal_uid("site", "../x", d, uid, sizeof(uid),
				      &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "'../x' is not a valid employee id");
	assert_int_equal(rota_cal_uid("site", "E001", d, uid, 10, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "uid for 'E001' does not fit");
}

static void hash_changes_with_time_shift_skill_and_status_only(void **state)
{
	struct rota_cal_event e, f;
	char h0[ROTA_CAL_HASH_MAX], h[ROTA_CAL_HASH_MAX];

	(void)state;
	memset(&e, 0, sizeof(e));
	strcpy(e.uid, "u");
	strcpy(e.employee, "E001");
	strcpy(e.shift, "E");
	strcpy(e.skill, "voice");
	e.start = 1000;
	e.end = 2000;
	rota_cal_hash(&e, h0);
	assert_int_equal(strlen(h0), 16);
	f = e;
	f.sequence = 7;
	f.stamp = 99;
	strcpy(f.uid, "other");
	rota_cal_hash(&f, h);
	assert_string_equal(h, h0);
	f = e;
	f.end = 2060;
	rota_cal_hash(&f, h);
	assert_string_not_equal(h, h0);
	f = e;
	strcpy(f.shift, "L");
	rota_cal_hash(&f, h);
	assert_string_not_equal(h, h0);
	f = e;
	strcpy(f.skill, "chat");
	rota_cal_hash(&f, h);
	assert_string_not_equal(h, h0);
	f = e;
	f.cancelled = 1;
	rota_cal_hash(&f, h);
	assert_string_not_equal(h, h0);
}

/* ------------------------------------------------------------ reconcile */

static const struct rota_cal_event *find_uid(const struct rota_cal_event *ev,
					     size_t n, const char *employee,
					     int32_t day)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ev[i].employee, employee) == 0 && ev[i].day == day)
			return &ev[i];
	return NULL;
}

static void first_publication_gives_every_shift_sequence_zero(void **state)
{
	struct fx *f = *state;
	struct rota_cal_event *ev = NULL;
	struct rota_cal_counts c;
	struct rota_error err = {0};
	size_t n = 0;

	assert_int_equal(rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0,
					    5000, &ev, &n, &c, &err),
			 0);
	assert_int_equal(n, f->n_as);
	assert_int_equal(c.added, 5);
	assert_int_equal(c.changed + c.cancelled + c.unchanged, 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(ev[i].sequence, 0);
		assert_int_equal(ev[i].cancelled, 0);
		assert_int_equal(ev[i].stamp, 5000);
		assert_true(ev[i].changed);
		if (i > 0)  /* sorted by employee, day */
			assert_true(strcmp(ev[i - 1].employee,
					   ev[i].employee) < 0 ||
				    (strcmp(ev[i - 1].employee,
					    ev[i].employee) == 0 &&
				     ev[i - 1].day < ev[i].day));
	}
	free(ev);
}

static void republishing_an_unchanged_roster_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct rota_cal_event *ev = NULL, *again = NULL;
	struct rota_cal_counts c;
	struct rota_error err = {0};
	size_t n = 0, n2 = 0;

	rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0, 5000, &ev, &n, NULL,
			   &err);
	assert_int_equal(rota_cal_reconcile(DOMAIN, f->as, f->n_as, ev, n, 9000,
					    &again, &n2, &c, &err),
			 0);
	assert_int_equal(n2, n);
	assert_int_equal(c.unchanged, 5);
	for (size_t i = 0; i < n2; i++) {
		assert_false(again[i].changed);
		assert_int_equal(again[i].sequence, 0);
		assert_int_equal(again[i].stamp, 5000);  /* not 9000 */
		assert_string_equal(again[i].uid, ev[i].uid);
	}
	free(ev);
	free(again);
}

static void a_changed_shift_gets_a_higher_sequence_and_the_others_keep_theirs(
	void **state)
{
	struct fx *f = *state;
	struct rota_cal_event *ev = NULL, *v2 = NULL;
	const struct rota_cal_event *e;
	struct rota_cal_counts c;
	struct rota_error err = {0};
	size_t n = 0, n2 = 0;

	rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0, 5000, &ev, &n, NULL,
			   &err);
	f->as[2].start += 3600;   /* E002's late shift an hour later */
	f->as[2].end += 3600;
	strcpy(f->as[0].skill, "chat");  /* E001 Monday: other skill */
	assert_int_equal(rota_cal_reconcile(DOMAIN, f->as, f->n_as, ev, n, 9000,
					    &v2, &n2, &c, &err),
			 0);
	assert_int_equal(c.changed, 2);
	assert_int_equal(c.unchanged, 3);
	e = find_uid(v2, n2, "E002", f->monday + 1);
	assert_int_equal(e->sequence, 1);
	assert_true(e->changed);
	assert_int_equal(e->stamp, 9000);
	e = find_uid(v2, n2, "E001", f->monday);
	assert_int_equal(e->sequence, 1);
	e = find_uid(v2, n2, "E002", f->monday + 3);
	assert_int_equal(e->sequence, 0);
	assert_false(e->changed);
	free(ev);
	free(v2);
}

static void a_removed_shift_is_kept_as_cancelled_with_a_higher_sequence(
	void **state)
{
	struct fx *f = *state;
	struct rota_cal_event *v1 = NULL, *v2 = NULL, *v3 = NULL, *v4 = NULL;
	const struct rota_cal_event *e;
	struct rota_cal_counts c;
	struct rota_error err = {0};
	size_t n1 = 0, n2 = 0, n3 = 0, n4 = 0;
	struct rota_assignment removed = f->as[4];

	rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0, 5000, &v1, &n1,
			   NULL, &err);
	/* E003's Sunday shift is taken out of the roster */
	assert_int_equal(rota_cal_reconcile(DOMAIN, f->as, 4, v1, n1, 6000,
					    &v2, &n2, &c, &err),
			 0);
	assert_int_equal(n2, 5);
	assert_int_equal(c.cancelled, 1);
	e = find_uid(v2, n2, "E003", f->monday + 6);
	assert_non_null(e);
	assert_true(e->cancelled);
	assert_int_equal(e->sequence, 1);
	assert_int_equal(e->start, removed.start);  /* times kept */
	assert_true(e->changed);
	/* publishing again: still cancelled, nothing new */
	assert_int_equal(rota_cal_reconcile(DOMAIN, f->as, 4, v2, n2, 7000,
					    &v3, &n3, &c, &err),
			 0);
	assert_int_equal(c.unchanged, 5);
	e = find_uid(v3, n3, "E003", f->monday + 6);
	assert_int_equal(e->sequence, 1);
	assert_false(e->changed);
	/* the shift comes back: confirmed again, SEQUENCE 2 */
	assert_int_equal(rota_cal_reconcile(DOMAIN, f->as, 5, v3, n3, 8000,
					    &v4, &n4, &c, &err),
			 0);
	assert_int_equal(c.changed, 1);
	e = find_uid(v4, n4, "E003", f->monday + 6);
	assert_false(e->cancelled);
	assert_int_equal(e->sequence, 2);
	free(v1);
	free(v2);
	free(v3);
	free(v4);
}

static void dtstamp_never_goes_back_when_the_clock_does(void **state)
{
	struct fx *f = *state;
	struct rota_cal_event *v1 = NULL, *v2 = NULL;
	struct rota_error err = {0};
	size_t n1 = 0, n2 = 0;

	rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0, 5000, &v1, &n1,
			   NULL, &err);
	f->as[0].end += 60;
	rota_cal_reconcile(DOMAIN, f->as, f->n_as, v1, n1, 4000, &v2, &n2, NULL,
			   &err);
	assert_int_equal(find_uid(v2, n2, "E001", f->monday)->stamp, 5001);
	free(v1);
	free(v2);
}

static void two_shifts_on_one_day_or_a_bad_employee_id_are_refused(void **state)
{
	struct fx *f = *state;
	struct rota_cal_event *ev = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	f->as[1] = f->as[0];
	assert_int_equal(rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0, 1,
					    &ev, &n, NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "E001 has two shifts on 2026-03-23");
	strcpy(f->as[1].employee, "../E001");
	f->as[1].day++;
	assert_int_equal(rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0, 1,
					    &ev, &n, NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "'../E001' is not a valid employee id");
	assert_null(ev);
}

/* ------------------------------------------------------ feeds, libical */

/* Parse text with libical; fail the test on any parse error. */
static icalcomponent *parse(const char *text)
{
	icalcomponent *c = icalparser_parse_string(text);

	assert_non_null(c);
	assert_int_equal(icalcomponent_isa(c), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_errors(c), 0);
	return c;
}

/* UTC instant of DTSTART/DTEND using only the file's own VTIMEZONE. */
static int64_t utc_of(icalcomponent *cal, icalproperty *p)
{
	struct icaltimetype t = icalproperty_get_datetime_with_component(
		p, NULL);
	icalparameter *tzp = icalproperty_get_first_parameter(
		p, ICAL_TZID_PARAMETER);
	icaltimezone *z;

	if (!tzp) {
		assert_true(icaltime_is_utc(t));
		return (int64_t)icaltime_as_timet_with_zone(
			t, icaltimezone_get_utc_timezone());
	}
	z = icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzp));
	assert_non_null(z);
	t.zone = NULL;
	return (int64_t)icaltime_as_timet_with_zone(t, z);
}

static const struct rota_assignment *assignment_of_uid(struct fx *f,
						       const char *uid)
{
	char want[ROTA_CAL_UID_MAX];

	for (size_t i = 0; i < f->n_as; i++) {
		rota_cal_uid(DOMAIN, f->as[i].employee, f->as[i].day, want,
			     sizeof(want), NULL);
		if (strcmp(want, uid) == 0 ||
		    (strncmp(uid, "team-", 5) == 0 &&
		     strcmp(want, uid + 5) == 0))
			return &f->as[i];
	}
	return NULL;
}

/* Check every VEVENT of text against the fixture; returns their count. */
static int round_trip(struct fx *f, const char *text, int team)
{
	icalcomponent *cal = parse(text);
	int n = 0;

	for (icalcomponent *ev = icalcomponent_get_first_component(
		     cal, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(
		     cal, ICAL_VEVENT_COMPONENT), n++) {
		const struct rota_assignment *a =
			assignment_of_uid(f, icalcomponent_get_uid(ev));
		const struct rota_shift *s;
		const struct rota_employee *e;
		char want[512];

		assert_non_null(a);
		s = &f->ds.shifts[rota_dataset_shift(&f->ds, a->shift)];
		e = &f->ds.employees[rota_dataset_employee(&f->ds,
							   a->employee)];
		assert_int_equal(utc_of(cal, icalcomponent_get_first_property(
						     ev, ICAL_DTSTART_PROPERTY)),
				 a->start);
		assert_int_equal(utc_of(cal, icalcomponent_get_first_property(
						     ev, ICAL_DTEND_PROPERTY)),
				 a->end);
		snprintf(want, sizeof(want), "%s%s%s%s%s",
			 team ? e->name : "", team ? ": " : "", s->name,
			 a->skill[0] ? " – " : "", a->skill);
		assert_string_equal(icalcomponent_get_summary(ev), want);
		assert_int_equal(icalcomponent_get_sequence(ev), 0);
		assert_int_equal(icalcomponent_get_status(ev),
				 ICAL_STATUS_CONFIRMED);
		assert_string_equal(icalcomponent_get_location(ev), SITE);
	}
	icalcomponent_free(cal);
	return n;
}

static void london_feeds_round_trip_through_libical_across_the_dst_change(
	void **state)
{
	struct fx *f = *state;
	char *text;

	text = render(f, ROTA_CAL_EMPLOYEE, "E001", -1, NULL, NULL);
	assert_int_equal(round_trip(f, text, 0), 2);
	/* the Saturday night shift: 22:00 GMT to 08:00 BST, 9 h elapsed */
	assert_non_null(strstr(text, "DTSTART;TZID=Europe/London:"
				     "20260328T220000\r\n"));
	assert_non_null(strstr(text, "DTEND;TZID=Europe/London:"
				     "20260329T080000\r\n"));
	assert_non_null(strstr(text, "the clocks change during this shift"));
	/* its break: 4 h after 22:00 GMT is 03:00 BST, not 02:00 */
	{
		icalcomponent *cal = parse(text);
		int found = 0;

		for (icalcomponent *ev = icalcomponent_get_first_component(
			     cal, ICAL_VEVENT_COMPONENT);
		     ev; ev = icalcomponent_get_next_component(
			     cal, ICAL_VEVENT_COMPONENT))
			found += strstr(icalcomponent_get_description(ev),
					"\nUnpaid break: 03:00 \xe2\x80\x93 "
					"03:45 (45 min)\n") != NULL;
		assert_int_equal(found, 1);
		icalcomponent_free(cal);
	}
	free(text);
	text = render(f, ROTA_CAL_EMPLOYEE, "E002", -1, NULL, NULL);
	assert_int_equal(round_trip(f, text, 0), 2);
	assert_non_null(strstr(text, "DTEND;TZID=Europe/London:"
				     "20260327T070000\r\n"));
	free(text);
	text = render(f, ROTA_CAL_EMPLOYEE, "E003", -1, NULL, NULL);
	assert_int_equal(round_trip(f, text, 0), 1);
	free(text);
	text = render(f, ROTA_CAL_TEAM, "blue", -1, NULL, NULL);
	assert_int_equal(round_trip(f, text, 1), 4);
	free(text);
}

static void shanghai_feed_round_trips_with_a_single_standard_offset(
	void **state)
{
	struct fx *f = *state;
	char *text = render(f, ROTA_CAL_EMPLOYEE, "E003", -1, NULL, NULL);

	assert_int_equal(round_trip(f, text, 0), 2);
	/* the last change before 2026 is the end of summer time in 1991 */
	assert_non_null(strstr(text, "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai"
				     "\r\nBEGIN:STANDARD\r\nDTSTART:"
				     "19910915T020000\r\nTZOFFSETFROM:+0900"
				     "\r\nTZOFFSETTO:+0800\r\nTZNAME:CST\r\n"
				     "END:STANDARD\r\nEND:VTIMEZONE\r\n"));
	assert_null(strstr(text, "DAYLIGHT"));
	free(text);
}

static void dublin_winter_time_is_written_as_standard_time(void **state)
{
	struct fx *f = *state;
	char *text = render(f, ROTA_CAL_EMPLOYEE, "E001", -1, NULL, NULL);

	assert_int_equal(round_trip(f, text, 0), 1);
	assert_non_null(strstr(text, "BEGIN:STANDARD\r\nDTSTART:20251026T02"
				     "0000\r\nTZOFFSETFROM:+0100\r\n"
				     "TZOFFSETTO:+0000\r\nTZNAME:GMT\r\n"));
	assert_non_null(strstr(text, "BEGIN:DAYLIGHT\r\nDTSTART:20260329T01"
				     "0000\r\nTZOFFSETFROM:+0000\r\n"
				     "TZOFFSETTO:+0100\r\nTZNAME:IST\r\n"));
	free(text);
}

static void feed_lines_end_in_crlf_and_fold_chinese_names_safely(
	void **state)
{
	struct fx *f = *state;
	char *text = render(f, ROTA_CAL_TEAM, "night", -1, NULL, NULL);
	char *flat = unfold(text);

	check_physical_lines(text);
	assert_true(strlen(text) > 2 &&
		    strcmp(text + strlen(text) - 2, "\r\n") == 0);
	/* the summary line is longer than 75 octets, so it was folded */
	assert_null(strstr(text, "SUMMARY:" LONG_NAME ": Early shift – voice"));
	assert_non_null(strstr(flat, "SUMMARY:" LONG_NAME
				     ": Early shift – voice\r\n"));
	free(flat);
	free(text);
}

/* Index of the first line starting with prefix, or -1. */
static int line_of(const char *text, const char *prefix)
{
	int line = 0;

	for (const char *p = text; *p; line++) {
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			return line;
		p = strstr(p, "\r\n") + 2;
	}
	return -1;
}

static void calendar_properties_come_before_the_first_component(
	void **state)
{
	struct fx *f = *state;
	char *text = render(f, ROTA_CAL_EMPLOYEE, "E001", -1, NULL, NULL);
	const char *props[] = {"PRODID:-//rota//", "VERSION:2.0\r",
			       "CALSCALE:GREGORIAN\r", "METHOD:PUBLISH\r",
			       "X-WR-CALNAME:Ann O'Neil shifts – Acme Contact "
			       "Centre\\, London\r",
			       "NAME:Ann O'Neil shifts", "X-WR-TIMEZONE:Europe"
			       "/London\r",
			       "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r",
			       "X-PUBLISHED-TTL:PT1H\r"};
	int first = line_of(text, "BEGIN:VTIMEZONE");

	assert_int_equal(line_of(text, "BEGIN:VCALENDAR\r"), 0);
	assert_true(first > 0);
	for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		int l = line_of(text, props[i]);

		assert_true(l > 0);
		assert_true(l < first);
	}
	free(text);
}

static void vtimezone_is_named_by_iana_and_covers_only_the_years_needed(
	void **state)
{
	struct fx *f = *state;
	char *text = render(f, ROTA_CAL_EMPLOYEE, "E001", -1, NULL, NULL);
	const char *tz = strstr(text, "BEGIN:VTIMEZONE\r\n");
	const char *end = strstr(text, "END:VTIMEZONE\r\n");
	char *body;

	assert_non_null(tz);
	assert_non_null(end);
	body = strndup(tz, (size_t)(end - tz));
	assert_non_null(strstr(body, "\r\nTZID:Europe/London\r\n"));
	/* the change before 2026, then both 2026 changes, nothing else */
	assert_string_equal(strstr(body, "BEGIN:STANDARD"),
			    "BEGIN:STANDARD\r\nDTSTART:20251026T020000\r\n"
			    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\n"
			    "TZNAME:GMT\r\nEND:STANDARD\r\n"
			    "BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\n"
			    "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\n"
			    "TZNAME:BST\r\nEND:DAYLIGHT\r\n"
			    "BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\n"
			    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\n"
			    "TZNAME:GMT\r\nEND:STANDARD\r\n");
	assert_null(strstr(text, "RRULE"));
	assert_null(strstr(text, "freeassociation"));
	free(body);
	free(text);
}

static void a_time_that_occurs_twice_is_written_in_utc(void **state)
{
	struct fx *f = *state;
	int32_t day = rota_days_from_civil(2026, 10, 25);
	char *text;

	/* 01:15 BST, the first 01:15 of the night clocks go back, to 01:30
	 * GMT, the second 01:30 */
	f->n_as = 0;
	assign(f, "E001", 0, "E", "");
	f->as[0].day = day;
	f->as[0].start = rota_tz_local_minutes(f->tz, day, 75);
	f->as[0].end = f->as[0].start + 75 * 60;
	text = render(f, ROTA_CAL_EMPLOYEE, "E001", -1, NULL, NULL);
	assert_non_null(strstr(text, "DTSTART:20261025T001500Z\r\n"));
	assert_non_null(strstr(text, "DTEND:20261025T013000Z\r\n"));
	assert_int_equal(round_trip(f, text, 0), 1);
	free(text);
}

static void cancelled_events_say_so_and_no_longer_block_time(void **state)
{
	struct fx *f = *state;
	struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
	struct rota_cal_event *v1 = NULL, *v2 = NULL;
	struct rota_error err = {0};
	size_t n1 = 0, n2 = 0, len = 0;
	char *text = NULL;
	icalcomponent *cal, *ev;

	rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0, 5000, &v1, &n1,
			   NULL, &err);
	rota_cal_reconcile(DOMAIN, f->as, 4, v1, n1, 6000, &v2, &n2, NULL,
			   &err);
	opt.subject = "E003";
	opt.alarm_min = 15;
	assert_int_equal(rota_cal_render(&f->ds, f->tz, &opt,
					 find_uid(v2, n2, "E003",
						  f->monday + 6),
					 1, &text, &len, &err),
			 0);
	cal = parse(text);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	assert_int_equal(icalcomponent_get_sequence(ev), 1);
	assert_string_equal(icalcomponent_get_summary(ev),
			    "Cancelled: Early shift – voice");
	assert_non_null(strstr(text, "TRANSP:TRANSPARENT\r\n"));
	assert_null(strstr(text, "BEGIN:VALARM"));  /* no reminder */
	assert_non_null(strstr(text, "DTSTAMP:19700101T014000Z\r\n"));
	icalcomponent_free(cal);
	free(text);
	free(v1);
	free(v2);
}

static void team_feeds_name_people_and_use_their_own_uids(void **state)
{
	struct fx *f = *state;
	char *text = render(f, ROTA_CAL_TEAM, "blue", 10, NULL, NULL);

	assert_non_null(strstr(text, "UID:team-rota-20260323-E001@"
				     "acme-contact-centre-london\r\n"));
	assert_non_null(strstr(text, "SUMMARY:Bob Brown\\, Jr.: Late shift – "
				     "chat\r\n"));
	assert_non_null(strstr(text, "X-WR-CALNAME:Team blue shifts"));
	assert_null(strstr(text, "E003"));
	free(text);
}

static void a_reminder_is_added_when_asked(void **state)
{
	struct fx *f = *state;
	char *text = render(f, ROTA_CAL_EMPLOYEE, "E002", 45, NULL, NULL);
	icalcomponent *cal = parse(text);
	icalcomponent *ev = icalcomponent_get_first_component(
		cal, ICAL_VEVENT_COMPONENT);
	icalcomponent *al = icalcomponent_get_first_component(
		ev, ICAL_VALARM_COMPONENT);
	struct icaltriggertype tr;

	assert_non_null(al);
	tr = icalproperty_get_trigger(icalcomponent_get_first_property(
		al, ICAL_TRIGGER_PROPERTY));
	assert_int_equal(icaldurationtype_as_int(tr.duration), -45 * 60);
	icalcomponent_free(cal);
	free(text);
}

static void an_employee_with_no_shifts_gets_a_valid_empty_feed(void **state)
{
	struct fx *f = *state;
	struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
	struct rota_error err = {0};
	char *text = NULL;
	size_t len = 0;
	icalcomponent *cal;

	opt.subject = "E003";
	assert_int_equal(rota_cal_render(&f->ds, f->tz, &opt, NULL, 0, &text,
					 &len, &err),
			 0);
	cal = parse(text);
	assert_null(icalcomponent_get_first_component(cal,
						       ICAL_ANY_COMPONENT));
	assert_null(strstr(text, "VTIMEZONE"));
	icalcomponent_free(cal);
	free(text);
}

static void the_same_events_in_any_order_render_the_same_bytes(void **state)
{
	struct fx *f = *state;
	struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
	struct rota_cal_event *ev = NULL, tmp;
	struct rota_error err = {0};
	size_t n = 0, l1 = 0, l2 = 0;
	char *a = NULL, *b = NULL;

	rota_cal_reconcile(DOMAIN, f->as, f->n_as, NULL, 0, 5000, &ev, &n, NULL,
			   &err);
	opt.kind = ROTA_CAL_TEAM;
	opt.subject = "blue";
	assert_int_equal(rota_cal_render(&f->ds, f->tz, &opt, ev, n, &a, &l1,
					 &err),
			 0);
	tmp = ev[0];
	ev[0] = ev[n - 1];
	ev[n - 1] = tmp;
	assert_int_equal(rota_cal_render(&f->ds, f->tz, &opt, ev, n, &b, &l2,
					 &err),
			 0);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
	free(ev);
}

static void render_refuses_bad_options_and_events(void **state)
{
	struct fx *f = *state;
	struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
	struct rota_cal_event ev;
	struct rota_error err = {0};
	char *text = NULL;
	size_t len = 0;

	assert_int_equal(rota_cal_render(&f->ds, f->tz, &opt, NULL, 0, &text,
					 &len, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "calendar options are incomplete");
	opt.subject = "E001";
	opt.organizer = "not an address";
	assert_int_equal(rota_cal_render(&f->ds, f->tz, &opt, NULL, 0, &text,
					 &len, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "'not an address' is not an e-mail "
				     "address");
	opt.organizer = NULL;
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.uid, "x");
	strcpy(ev.employee, "E001");
	ev.start = ev.end = 100;
	assert_int_equal(rota_cal_render(&f->ds, f->tz, &opt, &ev, 1, &text,
					 &len, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "event x ends before it starts");
	assert_null(text);
}

static void an_organizer_is_named_after_the_site(void **state)
{
	struct fx *f = *state;
	struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
	struct rota_cal_event *ev = NULL;
	struct rota_error err = {0};
	size_t n = 0, len = 0;
	char *text = NULL;

	rota_cal_reconcile(DOMAIN, f->as, 1, NULL, 0, 5000, &ev, &n, NULL, &err);
	opt.subject = "E001";
	opt.organizer = "rota@example.com";
	assert_int_equal(rota_cal_render(&f->ds, f->tz, &opt, ev, n, &text,
					 &len, &err),
			 0);
	assert_non_null(strstr(text, "ORGANIZER;CN=\"Acme Contact Centre, "
				     "London\":mailto:rota@example.com\r\n"));
	free(text);
	free(ev);
}

/* ----------------------------------------------------------------- files */

static char *temp_dir(void)
{
	char *d = strdup("/tmp/rota-cal-test.XXXXXX");

	assert_non_null(d);
	assert_non_null(mkdtemp(d));
	return d;
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat sb;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void write_file_creates_missing_directories_and_replaces_the_file(
	void **state)
{
	char *root = temp_dir(), dir[256], path[300], buf[16] = "";
	struct rota_error err = {0};
	struct stat sb;
	int written = -1;
	FILE *f;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/a/b/feeds", root);

	assert_int_equal(rota_cal_write_file(dir, "E001.ics", "one", 3,
					     &written, &err),
			 0);
	assert_int_equal(written, 1);
	assert_int_equal(rota_cal_write_file(dir, "E001.ics", "second", 6,
					     &written, &err),
			 0);
	assert_int_equal(written, 1);
	snprintf(path, sizeof(path), "%s/E001.ics", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fread(buf, 1, sizeof(buf) - 1, f), 6);
	fclose(f);
	assert_string_equal(buf, "second");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);
	assert_int_equal(count_entries(dir), 1);  /* no temporary left */
	remove_tree(root);
	free(root);
}

static void write_file_leaves_a_file_with_the_same_bytes_alone(void **state)
{
	char *root = temp_dir(), path[300];
	struct rota_error err = {0};
	struct stat before, after;
	int written = -1;

	(void)state;
	assert_int_equal(rota_cal_write_file(root, "t.ics", "abc", 3, &written,
					     &err),
			 0);
	snprintf(path, sizeof(path), "%s/t.ics", root);
	assert_int_equal(stat(path, &before), 0);
	assert_int_equal(rota_cal_write_file(root, "t.ics", "abc", 3, &written,
					     &err),
			 0);
	assert_int_equal(written, 0);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);  /* not replaced */
	/* same length, other bytes: replaced */
	assert_int_equal(rota_cal_write_file(root, "t.ics", "abd", 3, &written,
					     &err),
			 0);
	assert_int_equal(written, 1);
	assert_int_equal(stat(path, &after), 0);
	assert_int_not_equal(before.st_ino, after.st_ino);
	remove_tree(root);
	free(root);
}

static void write_file_refuses_names_that_are_not_plain(void **state)
{
	struct rota_error err = {0};

	(void)state;
	assert_int_equal(rota_cal_write_file("/tmp", "../x.ics", "", 0, NULL, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "'../x.ics' is not a plain file name");
	assert_int_equal(rota_cal_write_file("/tmp", ".hidden", "", 0, NULL, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "'.hidden' is not a plain file name");
}

static void write_file_reports_a_directory_it_cannot_create(void **state)
{
	char *root = temp_dir(), file[256], dir[300], msg[400];
	struct rota_error err = {0};
	FILE *f;

	(void)state;
	snprintf(file, sizeof(file), "%s/plain", root);
	f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(dir, sizeof(dir), "%s/sub", file);
	assert_int_equal(rota_cal_write_file(dir, "E001.ics", "x", 1, NULL,
					     &err),
			 ROTA_EIO);
	snprintf(msg, sizeof(msg), "cannot create directory '%s': Not a "
		 "directory", dir);
	assert_string_equal(err.msg, msg);
	remove_tree(root);
	free(root);
}

/* ------------------------------------------------------------ import */

#define CAL(body)                                                           \
	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" body    \
	"END:VCALENDAR\r\n"

static int import_text(struct fx *f, const char *text, const char *employee,
		       struct rota_timeoff **out, size_t *n, size_t *skipped,
		       struct rota_error *err)
{
	return rota_cal_parse_timeoff(text, strlen(text), "leave.ics", &f->ds,
				      f->tz, employee, out, n, skipped, err);
}

static void import_reads_all_day_and_timed_events_in_any_zone(void **state)
{
	struct fx *f = *state;
	const char *text = CAL(
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20260330\r\n"
		"DTEND;VALUE=DATE:20260401\r\nSUMMARY:Holiday\\, Spain\r\n"
		"ORGANIZER:mailto:ann@example.com\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:b\r\n"
		"DTSTART;TZID=America/New_York:20260402T090000\r\n"
		"DTEND;TZID=America/New_York:20260402T120000\r\n"
		"SUMMARY:Dentist\r\nATTENDEE:mailto:Ann@Example.com\r\n"
		"END:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20260403T080000Z\r\n"
		"DURATION:PT2H30M\r\nSUMMARY:Course\r\n"
		"ORGANIZER:mailto:ann@example.com\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20260328\r\n"
		"SUMMARY:One day\r\nORGANIZER:mailto:ann@example.com\r\n"
		"END:VEVENT\r\n");
	struct rota_timeoff *t = NULL;
	struct rota_error err = {0};
	size_t n = 0, skipped = 9;

	assert_int_equal(import_text(f, text, NULL, &t, &n, &skipped, &err),
			 0);
	assert_int_equal(n, 4);
	assert_int_equal(skipped, 0);
	/* sorted by start: Sat 28 March (GMT, the day before the change) */
	assert_string_equal(t[0].employee, "E001");
	assert_int_equal(t[0].start, 1774656000);  /* 2026-03-28T00:00Z */
	assert_int_equal(t[0].end, 1774742400);    /* 2026-03-29T00:00Z */
	/* 30 and 31 March, midnight BST */
	assert_int_equal(t[1].start, 1774825200);  /* 2026-03-29T23:00Z */
	assert_int_equal(t[1].end, 1774998000);    /* 2026-03-31T23:00Z */
	assert_string_equal(t[1].note, "Holiday, Spain");
	assert_int_equal(t[1].kind, ROTA_TIMEOFF_HARD);
	/* 09:00 EDT = 13:00Z */
	assert_int_equal(t[2].start, 1775134800);
	assert_int_equal(t[2].end, 1775134800 + 3 * 3600);
	assert_int_equal(t[3].start, 1775203200);  /* 2026-04-03T08:00Z */
	assert_int_equal(t[3].end, 1775203200 + 9000);
	free(t);
}

static void import_matches_the_attendee_rather_than_the_organizer(
	void **state)
{
	struct fx *f = *state;
	const char *text = CAL(
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260403T080000Z\r\n"
		"DTEND:20260403T100000Z\r\n"
		"ORGANIZER;CN=Boss:mailto:bob@example.com\r\n"
		"ATTENDEE;CN=Boss:mailto:bob@example.com\r\n"
		"ATTENDEE;CN=Wang:MAILTO:wang@example.com\r\n"
		"ATTENDEE:mailto:someone@else.org\r\nEND:VEVENT\r\n");
	struct rota_timeoff *t = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	assert_int_equal(import_text(f, text, NULL, &t, &n, NULL, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].employee, "E003");
	free(t);
}

static void import_with_an_employee_given_ignores_the_emails(void **state)
{
	struct fx *f = *state;
	const char *text = CAL(
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260403T080000Z\r\n"
		"DTEND:20260403T100000Z\r\nEND:VEVENT\r\n");
	struct rota_timeoff *t = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	assert_int_equal(import_text(f, text, "E002", &t, &n, NULL, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].employee, "E002");
	assert_string_equal(t[0].note, "");
	free(t);
	assert_int_equal(import_text(f, text, "E999", &t, &n, NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, "leave.ics: unknown employee 'E999'");
}

static void import_uses_the_files_vtimezone_for_a_windows_zone_name(
	void **state)
{
	struct fx *f = *state;
	/* as Outlook writes it: a Windows name, RRULE-based VTIMEZONE */
	const char *text = CAL(
		"BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n"
		"BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
		"TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
		"BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\n"
		"TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
		"END:VTIMEZONE\r\n"
		"BEGIN:VEVENT\r\nUID:a\r\n"
		"DTSTART;TZID=W. Europe Standard Time:20260401T090000\r\n"
		"DTEND;TZID=W. Europe Standard Time:20260401T170000\r\n"
		"END:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:b\r\n"
		"DTSTART;TZID=\"/citadel.org/20190914_1/Europe/Berlin\":"
		"20260101T090000\r\nDURATION:P1D\r\nEND:VEVENT\r\n");
	struct rota_timeoff *t = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	assert_int_equal(import_text(f, text, "E001", &t, &n, NULL, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].start, 1767254400);  /* 2026-01-01T08:00Z */
	assert_int_equal(t[0].end, 1767254400 + 86400);
	assert_int_equal(t[1].start, 1775026800);  /* 2026-04-01T07:00Z */
	assert_int_equal(t[1].end, 1775026800 + 8 * 3600);
	free(t);
}

static void import_skips_cancelled_and_zero_length_events(void **state)
{
	struct fx *f = *state;
	const char *text = CAL(
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260403T080000Z\r\n"
		"DTEND:20260403T100000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260403T080000Z\r\n"
		"END:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20260404T080000Z\r\n"
		"DTEND:20260404T100000Z\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20260404T080000Z\r\n"
		"DTEND:20260404T100000Z\r\nEND:VEVENT\r\n");
	struct rota_timeoff *t = NULL;
	struct rota_error err = {0};
	size_t n = 0, skipped = 0;

	assert_int_equal(import_text(f, text, "E001", &t, &n, &skipped, &err),
			 0);
	assert_int_equal(n, 1);  /* c and d are the same period */
	assert_int_equal(skipped, 2);
	free(t);
}

static void expect_import_error(struct fx *f, const char *text,
				const char *employee, const char *msg)
{
	struct rota_timeoff *t = (struct rota_timeoff *)&t;  /* untouched */
	struct rota_error err = {0};
	size_t n = 12345;

	assert_int_equal(import_text(f, text, employee, &t, &n, NULL, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg, msg);
	assert_ptr_equal(t, (struct rota_timeoff *)&t);
	assert_int_equal(n, 12345);
}

static void malformed_files_fail_with_a_clear_message_and_import_nothing(
	void **state)
{
	struct fx *f = *state;

	expect_import_error(f, "Subject,Start\r\nHoliday,2026-04-01\r\n",
			    NULL, "leave.ics:1: not an iCalendar content "
				  "line: 'Subject,Start'");
	expect_import_error(f, "PRODID:x\r\n", NULL,
			    "leave.ics:1: not an iCalendar file (expected "
			    "BEGIN:VCALENDAR)");
	expect_import_error(f, "", NULL,
			    "leave.ics: empty; not an iCalendar file");
	expect_import_error(f, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n"
			       "DTSTART:20260403T080000Z\r\n",
			    NULL, "leave.ics: BEGIN:VEVENT of line 2 is never "
				  "closed (file cut short?)");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:a\r\nEND:VTODO\r\n"),
			    NULL, "leave.ics:6: END:VTODO does not close "
				  "BEGIN:VEVENT of line 4");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:a\r\n"
				   "DTSTART:2026-13-45\r\nEND:VEVENT\r\n"),
			    NULL, "leave.ics:6: DTSTART '2026-13-45' is not a "
				  "date (YYYYMMDD) or date-time "
				  "(YYYYMMDDTHHMMSS, optional Z)");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:a\r\n"
				   "DTSTART:20260230\r\nEND:VEVENT\r\n"),
			    NULL, "leave.ics:6: DTSTART '20260230' is not a "
				  "date (YYYYMMDD) or date-time "
				  "(YYYYMMDDTHHMMSS, optional Z)");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\n"
				   "END:VEVENT\r\n"),
			    "E001", "leave.ics:4: event 'a': no DTSTART");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:tz\r\n"
				   "DTSTART;TZID=Mars/Olympus:20260403T08000"
				   "0\r\nEND:VEVENT\r\n"),
			    "E001", "leave.ics:4: event 'tz': unknown time "
				    "zone 'Mars/Olympus' (not an IANA name "
				    "and no VTIMEZONE for it)");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:r\r\n"
				   "DTSTART:20260403T080000Z\r\n"
				   "DTEND:20260403T090000Z\r\n"
				   "RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"),
			    "E001", "leave.ics:4: event 'r': recurring events "
				    "(RRULE, RDATE) are not supported; export "
				    "single events");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:b\r\n"
				   "DTSTART:20260403T080000Z\r\n"
				   "DTEND:20260403T070000Z\r\nEND:VEVENT\r\n"),
			    "E001", "leave.ics:4: event 'b': ends before it "
				    "starts");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:ok\r\n"
				   "DTSTART:20260403T080000Z\r\n"
				   "DTEND:20260403T090000Z\r\n"
				   "ORGANIZER:mailto:ann@example.com\r\n"
				   "END:VEVENT\r\n"
				   "BEGIN:VEVENT\r\nUID:who\r\n"
				   "DTSTART:20260403T080000Z\r\n"
				   "DTEND:20260403T090000Z\r\n"
				   "ATTENDEE:mailto:nobody@example.com\r\n"
				   "END:VEVENT\r\n"),
			    NULL, "leave.ics:10: event 'who': no ATTENDEE or "
				  "ORGANIZER e-mail matches an employee (name "
				  "the employee explicitly)");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:two\r\n"
				   "DTSTART:20260403T080000Z\r\n"
				   "DTEND:20260403T090000Z\r\n"
				   "ATTENDEE:mailto:ann@example.com\r\n"
				   "ATTENDEE:mailto:bob@example.com\r\n"
				   "END:VEVENT\r\n"),
			    NULL, "leave.ics:4: event 'two': attendees match "
				  "several employees ('E001', 'E002'); name "
				  "the employee explicitly");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:a\r\n"
				   "SUMMARY:caf\xe9\r\nEND:VEVENT\r\n"),
			    "E001", "leave.ics:6: not valid UTF-8");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:a\r\n"
				   "DTSTART;VALUE=DATE:20260403\r\n"
				   "DTEND:20260404T100000Z\r\nEND:VEVENT\r\n"),
			    "E001", "leave.ics:4: event 'a': DTSTART is a "
				    "date but DTEND a date-time");
	expect_import_error(f, CAL("BEGIN:VEVENT\r\nUID:ok\r\n"
				   "DTSTART:20260403T080000Z\r\n"
				   "DURATION:PT1H\r\nEND:VEVENT\r\n"
				   "BEGIN:VEVENT\r\nUID:dur\r\n"
				   "DTSTART:20260403T080000Z\r\n"
				   "DURATION:PXYZ\r\nEND:VEVENT\r\n"),
			    "E001", "leave.ics:9: event 'dur': libical: Can't "
				    "parse as DURATION value in DURATION "
				    "property. Removing entire property: "
				    "PXYZ");
	expect_import_error(f, CAL("END:VCALENDAR\r\nBEGIN:VCALENDAR\r\n"),
			    NULL, "leave.ics:5: a second VCALENDAR; give one "
				  "calendar per file");
}

static void a_published_feed_reads_back_as_the_same_periods(void **state)
{
	struct fx *f = *state;
	struct rota_cal_event *ev = NULL;
	struct rota_timeoff *t = NULL;
	struct rota_error err = {0};
	size_t n_ev = 0, n = 0;
	char *text = render(f, ROTA_CAL_EMPLOYEE, "E001", 30, &ev, &n_ev);

	assert_int_equal(import_text(f, text, "E001", &t, &n, NULL, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].start, f->as[0].start);
	assert_int_equal(t[0].end, f->as[0].end);
	assert_int_equal(t[1].start, f->as[1].start);
	assert_int_equal(t[1].end, f->as[1].end);
	assert_string_equal(t[1].note, "Night shift – voice");
	free(t);
	free(ev);
	free(text);
}

static void reading_a_missing_file_names_it(void **state)
{
	struct fx *f = *state;
	struct rota_timeoff *t = NULL;
	struct rota_error err = {0};
	size_t n = 0;

	assert_int_equal(rota_cal_read_timeoff("/nonexistent/x.ics", "x.ics",
					       &f->ds, f->tz, NULL, &t, &n,
					       NULL, &err),
			 ROTA_EIO);
	assert_string_equal(err.msg,
			    "x.ics: cannot open: No such file or directory");
}

#define T(name) cmocka_unit_test(name)
#define TL(name) cmocka_unit_test_setup_teardown(name, setup_london, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(folding_keeps_lines_within_75_octets_and_never_splits_utf8),
		T(a_line_of_exactly_75_octets_is_not_folded),
		T(text_values_escape_commas_semicolons_backslashes_and_newlines),
		T(folding_does_not_split_a_text_escape),
		T(offsets_and_utc_times_are_formatted_as_rfc_5545_says),
		T(uid_depends_only_on_domain_employee_and_date),
		T(uid_domain_of_a_site_with_other_scripts_has_a_hash_of_the_name),
		T(hash_changes_with_time_shift_skill_and_status_only),
		TL(first_publication_gives_every_shift_sequence_zero),
		TL(republishing_an_unchanged_roster_changes_nothing),
		TL(a_changed_shift_gets_a_higher_sequence_and_the_others_keep_theirs),
		TL(a_removed_shift_is_kept_as_cancelled_with_a_higher_sequence),
		TL(dtstamp_never_goes_back_when_the_clock_does),
		TL(two_shifts_on_one_day_or_a_bad_employee_id_are_refused),
		TL(london_feeds_round_trip_through_libical_across_the_dst_change),
		cmocka_unit_test_setup_teardown(
			shanghai_feed_round_trips_with_a_single_standard_offset,
			setup_shanghai, teardown),
		cmocka_unit_test_setup_teardown(
			dublin_winter_time_is_written_as_standard_time,
			setup_dublin, teardown),
		TL(feed_lines_end_in_crlf_and_fold_chinese_names_safely),
		TL(calendar_properties_come_before_the_first_component),
		TL(vtimezone_is_named_by_iana_and_covers_only_the_years_needed),
		TL(a_time_that_occurs_twice_is_written_in_utc),
		TL(cancelled_events_say_so_and_no_longer_block_time),
		TL(team_feeds_name_people_and_use_their_own_uids),
		TL(a_reminder_is_added_when_asked),
		TL(an_employee_with_no_shifts_gets_a_valid_empty_feed),
		TL(the_same_events_in_any_order_render_the_same_bytes),
		TL(render_refuses_bad_options_and_events),
		TL(an_organizer_is_named_after_the_site),
		T(write_file_creates_missing_directories_and_replaces_the_file),
		T(write_file_leaves_a_file_with_the_same_bytes_alone),
		T(write_file_refuses_names_that_are_not_plain),
		T(write_file_reports_a_directory_it_cannot_create),
		TL(import_reads_all_day_and_timed_events_in_any_zone),
		TL(import_matches_the_attendee_rather_than_the_organizer),
		TL(import_with_an_employee_given_ignores_the_emails),
		TL(import_uses_the_files_vtimezone_for_a_windows_zone_name),
		TL(import_skips_cancelled_and_zero_length_events),
		TL(malformed_files_fail_with_a_clear_message_and_import_nothing),
		TL(a_published_feed_reads_back_as_the_same_periods),
		TL(reading_a_missing_file_names_it),
	};

	return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
