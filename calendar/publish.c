/*
 * calendar/publish.c - stable UIDs, versioning (SEQUENCE) and rendering of
 * shift feeds.
 */
#include "calendar/cal_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ROTA_VERSION
#define ROTA_VERSION "0"
#endif

#define SLUG_MAX 48

/* ------------------------------------------------------------------ UID */

int rota_cal_uid_domain(const char *site, char *buf, size_t size,
			struct rota_error *err)
{
	char slug[SLUG_MAX + 10];
	size_t n = 0;
	int other = 0, w;

	for (const unsigned char *p = (const unsigned char *)site; *p; p++) {
		if (*p < 0x80 && isalnum(*p)) {
			if (n < SLUG_MAX)
				slug[n++] = (char)tolower(*p);
		} else {
			if (*p >= 0x80)
				other = 1;
			if (n > 0 && n < SLUG_MAX && slug[n - 1] != '-')
				slug[n++] = '-';
		}
	}
	while (n > 0 && slug[n - 1] == '-')
		n--;
	slug[n] = '\0';
	if (other || n == 0) {
		uint64_t h = ics_fnv1a(ICS_FNV_INIT, site, strlen(site));

		snprintf(slug + n, sizeof(slug) - n, "%s%08" PRIx32,
			 n ? "-" : "", (uint32_t)(h ^ (h >> 32)));
	}
	w = snprintf(buf, size, "%s", slug);
	if (w < 0 || (size_t)w >= size)
		return rota_error_set(err, ROTA_EINVAL,
				      "uid domain '%s' does not fit", slug);
	return 0;
}

int rota_cal_uid(const char *domain, const char *employee, int32_t day,
		 char *buf, size_t size, struct rota_error *err)
{
	int y, m, d, w;

	if (!rota_id_valid(employee))
		return rota_error_set(err, ROTA_EINVAL,
				      "'%s' is not a valid employee id",
				      employee);
	if (!*domain || strchr(domain, '@'))
		return rota_error_set(err, ROTA_EINVAL,
				      "'%s' is not a uid domain", domain);
	rota_civil_from_days(day, &y, &m, &d);
	w = snprintf(buf, size, "rota-%04d%02d%02d-%s@%s", y % 10000, m % 100,
		     d % 100, employee, domain);
	if (w < 0 || (size_t)w >= size)
		return rota_error_set(err, ROTA_EINVAL,
				      "uid for '%s' does not fit", employee);
	return 0;
}

void rota_cal_hash(const struct rota_cal_event *ev,
		   char out[ROTA_CAL_HASH_MAX])
{
	char text[64 + 2 * ROTA_ID_MAX + 64];
	uint64_t h;
	int n;

	n = snprintf(text, sizeof(text), "start=%" PRId64 ";end=%" PRId64
		     ";shift=%s;skill=%s;status=%s", ev->start, ev->end,
		     ev->shift, ev->skill,
		     ev->cancelled ? "CANCELLED" : "CONFIRMED");
	h = ics_fnv1a(ICS_FNV_INIT, text,
		      n < 0 ? 0 : (size_t)n < sizeof(text) ? (size_t)n
							    : sizeof(text) - 1);
	snprintf(out, ROTA_CAL_HASH_MAX, "%016" PRIx64, h);
}

/* ------------------------------------------------------------ reconcile */

static int by_uid(const void *a, const void *b)
{
	return strcmp(((const struct rota_cal_event *)a)->uid,
		      ((const struct rota_cal_event *)b)->uid);
}

static int by_employee_day(const void *a, const void *b)
{
	const struct rota_cal_event *x = a, *y = b;
	int c = strcmp(x->employee, y->employee);

	if (c)
		return c;
	return (x->day > y->day) - (x->day < y->day);
}

static int64_t next_stamp(int64_t now, int64_t prev)
{
	return now > prev ? now : prev + 1;
}

/* The events of the assignments as[0..n_as) in cur[], hashed and sorted
 * by UID; an employee with two shifts on a day is an error. */
static int current_events(const char *domain, const struct rota_assignment *as,
			  size_t n_as, struct rota_cal_event *cur,
			  struct rota_error *err)
{
	int rc;

	for (size_t i = 0; i < n_as; i++) {
		const struct rota_assignment *a = &as[i];
		struct rota_cal_event *e = &cur[i];

		if (!rota_id_valid(a->employee))
			return rota_error_set(err, ROTA_EDATA,
					      "'%s' is not a valid employee id",
					      a->employee);
		if ((rc = rota_cal_uid(domain, a->employee, a->day, e->uid,
				       sizeof(e->uid), err)) < 0)
			return rc;
		rota_strlcpy(e->employee, a->employee, sizeof(e->employee));
		e->day = a->day;
		rota_strlcpy(e->shift, a->shift, sizeof(e->shift));
		rota_strlcpy(e->skill, a->skill, sizeof(e->skill));
		e->start = a->start;
		e->end = a->end;
		rota_cal_hash(e, e->hash);
	}
	if (n_as)
		qsort(cur, n_as, sizeof(*cur), by_uid);
	for (size_t i = 1; i < n_as; i++) {
		if (strcmp(cur[i - 1].uid, cur[i].uid) == 0) {
			char day[16];

			rota_format_date(cur[i].day, day, sizeof(day));
			return rota_error_set(err, ROTA_EDATA,
					      "%s has two shifts on %s",
					      cur[i].employee, day);
		}
	}
	return 0;
}

/* Merge the current events cur[] with those published before, prev[]
 * (both sorted by UID) into res[]: new, cancelled, changed (SEQUENCE
 * raised) or unchanged, counted in *cnt; how many res[] holds. */
static size_t merge_events(const struct rota_cal_event *cur, size_t n_cur,
			   const struct rota_cal_event *prev, size_t n_prev,
			   int64_t now, struct rota_cal_event *res,
			   struct rota_cal_counts *cnt)
{
	size_t i = 0, j = 0, k = 0;

	while (i < n_cur || j < n_prev) {
		int c = i == n_cur ? 1
			: j == n_prev ? -1
				      : strcmp(cur[i].uid, prev[j].uid);
		struct rota_cal_event *e = &res[k++];

		if (c < 0) {            /* new shift */
			*e = cur[i++];
			e->sequence = 0;
			e->stamp = now;
			e->changed = 1;
			cnt->added++;
		} else if (c > 0) {     /* published before, gone now */
			*e = prev[j++];
			e->changed = 0;
			if (e->cancelled) {
				cnt->unchanged++;
				continue;
			}
			e->cancelled = 1;
			e->sequence++;
			e->stamp = next_stamp(now, e->stamp);
			rota_cal_hash(e, e->hash);
			e->changed = 1;
			cnt->cancelled++;
		} else {                /* in both */
			const struct rota_cal_event *p = &prev[j++];

			*e = cur[i++];
			if (strcmp(e->hash, p->hash) == 0 && !p->cancelled) {
				e->sequence = p->sequence;
				e->stamp = p->stamp;
				e->changed = 0;
				cnt->unchanged++;
			} else {
				e->sequence = p->sequence + 1;
				e->stamp = next_stamp(now, p->stamp);
				e->changed = 1;
				cnt->changed++;
			}
		}
	}
	return k;
}

int rota_cal_reconcile(const char *domain, const struct rota_assignment *as,
		       size_t n_as, const struct rota_cal_event *old,
		       size_t n_old, int64_t now, struct rota_cal_event **out,
		       size_t *n_out, struct rota_cal_counts *counts,
		       struct rota_error *err)
{
	struct rota_cal_event *cur = NULL, *prev = NULL, *res = NULL;
	struct rota_cal_counts cnt = {0, 0, 0, 0};
	size_t k;
	int rc = 0;

	if ((n_as && !(cur = calloc(n_as, sizeof(*cur)))) ||
	    (n_old && !(prev = malloc(n_old * sizeof(*prev)))) ||
	    !(res = calloc(n_as + n_old + 1, sizeof(*res)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = current_events(domain, as, n_as, cur, err)) < 0)
		goto out;
	if (n_old) {
		memcpy(prev, old, n_old * sizeof(*prev));
		qsort(prev, n_old, sizeof(*prev), by_uid);
	}
	k = merge_events(cur, n_as, prev, n_old, now, res, &cnt);
	qsort(res, k, sizeof(*res), by_employee_day);
	*out = res;
	*n_out = k;
	res = NULL;
	if (counts)
		*counts = cnt;
out:
	free(cur);
	free(prev);
	free(res);
	return rc;
}

/* --------------------------------------------------------------- render */

struct ctx {
	const struct rota_dataset *ds;
	const struct rota_tz *tz;
	const struct rota_cal_options *opt;
	int emp_sorted;     /* ds->employees sorted by id: binary search */
	struct ics_writer w;
};

static int cmp_employee(const void *key, const void *elem)
{
	return strcmp(key, ((const struct rota_employee *)elem)->id);
}

static const struct rota_employee *employee_of(const struct ctx *c,
					       const char *id)
{
	int i;

	if (c->emp_sorted)
		return bsearch(id, c->ds->employees, c->ds->n_employees,
			       sizeof(*c->ds->employees), cmp_employee);
	i = rota_dataset_employee(c->ds, id);
	return i < 0 ? NULL : &c->ds->employees[i];
}

static const struct rota_shift *shift_of(const struct rota_dataset *ds,
					 const char *code)
{
	int i = rota_dataset_shift(ds, code);

	return i < 0 ? NULL : &ds->shifts[i];
}

static const char *name_of(const struct rota_employee *e, const char *id)
{
	return e && e->name[0] ? e->name : id;
}

static int by_start(const void *a, const void *b)
{
	const struct rota_cal_event *x = a, *y = b;
	int c;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if ((c = strcmp(x->employee, y->employee)) != 0)
		return c;
	return strcmp(x->uid, y->uid);
}

/*
 * 1 when the wall-clock time of instant t also names another instant (the
 * hour repeated when clocks go back).  Such a time is written in UTC: RFC
 * 5545 reads it as the first occurrence, but clients were seen to take the
 * second.
 */
static int ambiguous(const struct rota_tz *tz, int64_t t)
{
	int64_t local = t + rota_tz_offset(tz, t, NULL, NULL);

	for (int d = -1; d <= 1; d++) {
		int o = rota_tz_offset(tz, t + d * 86400, NULL, NULL);
		int64_t other = local - o;

		if (other != t && rota_tz_offset(tz, other, NULL, NULL) == o)
			return 1;
	}
	return 0;
}

static void prop_time(struct ctx *c, const char *name, int64_t t)
{
	struct rota_civil lc;
	char buf[17];

	if (ambiguous(c->tz, t)) {
		ics_format_utc(t, buf);
		ics_prop_raw(&c->w, name, buf);
		return;
	}
	rota_tz_to_civil(c->tz, t, &lc, NULL);
	ics_format_local(lc.year, lc.month, lc.day, lc.hour, lc.min, lc.sec,
			 buf);
	ics_begin(&c->w, name);
	ics_param(&c->w, "TZID", rota_tz_name(c->tz));
	ics_raw(&c->w, buf);
	ics_end(&c->w);
}

/* "Early shift – voice", with "Name: " for team feeds and "Cancelled: ". */
static void summary(const struct ctx *c, const struct rota_cal_event *ev,
		    const struct rota_employee *e, char *buf, size_t size)
{
	const struct rota_shift *sh = shift_of(c->ds, ev->shift);
	const char *shift = sh && sh->name[0] ? sh->name : ev->shift;
	char who[ROTA_NAME_MAX + 4] = "";

	if (c->opt->kind == ROTA_CAL_TEAM)
		snprintf(who, sizeof(who), "%s: ", name_of(e, ev->employee));
	snprintf(buf, size, "%s%s%s%s%s", ev->cancelled ? "Cancelled: " : "",
		 who, shift, ev->skill[0] ? " \xe2\x80\x93 " : "", ev->skill);
}

static void when(const struct rota_tz *tz, int64_t t, int with_date,
		 char *buf, size_t size)
{
	struct rota_civil lc;

	rota_tz_to_civil(tz, t, &lc, NULL);
	if (with_date)
		snprintf(buf, size, "%s %04d-%02d-%02d %02d:%02d",
			 rota_weekday_name(rota_weekday(rota_days_from_civil(
				 lc.year, lc.month, lc.day))),
			 lc.year % 10000, lc.month % 100, lc.day % 100,
			 lc.hour % 100, lc.min % 100);
	else
		snprintf(buf, size, "%02d:%02d", lc.hour % 100, lc.min % 100);
}

static void description(const struct ctx *c, const struct rota_cal_event *ev,
			const struct rota_employee *e, char *buf, size_t size)
{
	const struct rota_shift *sh = shift_of(c->ds, ev->shift);
	int64_t elapsed = (ev->end - ev->start) / 60;
	int wall_start = rota_tz_offset(c->tz, ev->start, NULL, NULL);
	int wall_end = rota_tz_offset(c->tz, ev->end, NULL, NULL);
	int same_day = rota_tz_day_of(c->tz, ev->start) ==
		       rota_tz_day_of(c->tz, ev->end - 1);
	char from[64], to[64], len[128], brk[96] = "", team[ROTA_ID_MAX + 16] =
		"", contact[2 * ROTA_NAME_MAX + 32] = "";
	int brk_at = sh ? rota_shift_break_offset(sh) : -1;

	when(c->tz, ev->start, 1, from, sizeof(from));
	when(c->tz, ev->end, !same_day, to, sizeof(to));
	snprintf(len, sizeof(len), "%" PRId64 " h %02d min%s", elapsed / 60,
		 (int)(elapsed % 60),
		 wall_start != wall_end ? " (the clocks change during this "
					  "shift)" : "");
	if (brk_at >= 0 && ev->start + (int64_t)(brk_at + sh->break_min) * 60 <=
				   ev->end) {
		char b0[16], b1[16];

		when(c->tz, ev->start + (int64_t)brk_at * 60, 0, b0,
		     sizeof(b0));
		when(c->tz, ev->start + (int64_t)(brk_at + sh->break_min) * 60,
		     0, b1, sizeof(b1));
		snprintf(brk, sizeof(brk),
			 "\nUnpaid break: %s \xe2\x80\x93 %s (%d min)", b0, b1,
			 sh->break_min);
	} else if (sh && sh->break_min > 0) {
		snprintf(brk, sizeof(brk), "\nUnpaid break: %d min",
			 sh->break_min);
	}
	if (e && e->team[0])
		snprintf(team, sizeof(team), "\nTeam: %s", e->team);
	if (e && e->email[0])
		snprintf(contact, sizeof(contact), "\nContact: %s <%s>",
			 name_of(e, ev->employee), e->email);
	snprintf(buf, size,
		 "%s%s%s%sWhen: %s \xe2\x80\x93 %s (%s)\nLength: %s%s%s%s",
		 ev->cancelled ? "This shift was removed from the roster.\n"
			       : "",
		 c->opt->kind == ROTA_CAL_TEAM ? "Employee: " : "",
		 c->opt->kind == ROTA_CAL_TEAM ? name_of(e, ev->employee) : "",
		 c->opt->kind == ROTA_CAL_TEAM ? "\n" : "", from, to,
		 rota_tz_name(c->tz), len, brk, team, contact);
}

static void event(struct ctx *c, const struct rota_cal_event *ev)
{
	struct ics_writer *w = &c->w;
	const struct rota_employee *e = employee_of(c, ev->employee);
	char sum[2 * ROTA_NAME_MAX + ROTA_ID_MAX + 32];
	char desc[1024], buf[ROTA_CAL_UID_MAX + 8];

	summary(c, ev, e, sum, sizeof(sum));
	description(c, ev, e, desc, sizeof(desc));
	ics_prop_raw(w, "BEGIN", "VEVENT");
	snprintf(buf, sizeof(buf), "%s%s",
		 c->opt->kind == ROTA_CAL_TEAM ? "team-" : "", ev->uid);
	ics_prop_text(w, "UID", buf);
	ics_format_utc(ev->stamp, buf);
	ics_prop_raw(w, "DTSTAMP", buf);
	ics_prop_raw(w, "LAST-MODIFIED", buf);
	prop_time(c, "DTSTART", ev->start);
	prop_time(c, "DTEND", ev->end);
	ics_prop_text(w, "SUMMARY", sum);
	ics_prop_text(w, "LOCATION", c->ds->site.name);
	ics_prop_text(w, "DESCRIPTION", desc);
	ics_begin(w, "CATEGORIES");
	ics_text(w, "Shift");
	if (ev->skill[0])
		ics_text_more(w, ev->skill);
	ics_end(w);
	/* a cancelled shift no longer blocks the time */
	ics_prop_raw(w, "TRANSP", ev->cancelled ? "TRANSPARENT" : "OPAQUE");
	snprintf(buf, sizeof(buf), "%d", ev->sequence);
	ics_prop_raw(w, "SEQUENCE", buf);
	ics_prop_raw(w, "STATUS", ev->cancelled ? "CANCELLED" : "CONFIRMED");
	if (c->opt->organizer && c->opt->organizer[0]) {
		char mailto[ROTA_NAME_MAX + 8];

		snprintf(mailto, sizeof(mailto), "mailto:%s",
			 c->opt->organizer);
		ics_begin(w, "ORGANIZER");
		ics_param(w, "CN", c->ds->site.name);
		ics_raw(w, mailto);
		ics_end(w);
	}
	if (c->opt->alarm_min >= 0 && !ev->cancelled) {
		ics_prop_raw(w, "BEGIN", "VALARM");
		ics_prop_raw(w, "ACTION", "DISPLAY");
		ics_prop_text(w, "DESCRIPTION", sum);
		if (c->opt->alarm_min == 0)
			snprintf(buf, sizeof(buf), "PT0S");
		else
			snprintf(buf, sizeof(buf), "-PT%dM",
				 c->opt->alarm_min);
		ics_prop_raw(w, "TRIGGER", buf);
		ics_prop_raw(w, "END", "VALARM");
	}
	ics_prop_raw(w, "END", "VEVENT");
}

void rota_cal_text_hash(const struct rota_dataset *ds,
			const struct rota_tz *tz,
			const struct rota_cal_options *opt,
			const struct rota_cal_event *ev,
			char out[ROTA_CAL_HASH_MAX])
{
	struct rota_cal_options o = *opt;
	struct rota_cal_event e = *ev;
	struct ctx c = {ds, tz, &o, 0, {{NULL, 0, 0}, {NULL, 0, 0}, 0}};
	uint64_t h = ICS_FNV_INIT;

	/* what reconcile already versions, or what every version changes */
	e.sequence = 0;
	e.stamp = 0;
	for (int kind = ROTA_CAL_EMPLOYEE; kind <= ROTA_CAL_TEAM; kind++) {
		o.kind = kind;
		ics_writer_init(&c.w);
		event(&c, &e);
		h = ics_fnv1a(h, c.w.out.p ? c.w.out.p : "", c.w.out.len);
		ics_writer_release(&c.w);
	}
	snprintf(out, ROTA_CAL_HASH_MAX, "%016" PRIx64, h);
}

static int local_year(const struct rota_tz *tz, int64_t t)
{
	struct rota_civil lc;

	rota_tz_to_civil(tz, t, &lc, NULL);
	return lc.year;
}

static int valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at || at == s || !at[1] || strlen(s) >= ROTA_NAME_MAX)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f || *s == '"' ||
		    *s == '<' || *s == '>')
			return 0;
	return 1;
}

int rota_cal_render(const struct rota_dataset *ds, const struct rota_tz *tz,
		    const struct rota_cal_options *opt,
		    const struct rota_cal_event *ev, size_t n, char **out,
		    size_t *len, struct rota_error *err)
{
	struct ctx c = {ds, tz, opt, 1, {{NULL, 0, 0}, {NULL, 0, 0}, 0}};
	struct rota_cal_event *sorted = NULL;
	char name[ROTA_NAME_MAX * 2 + 64], buf[32];
	int rc = 0;

	if (!opt || !opt->subject ||
	    (opt->kind != ROTA_CAL_EMPLOYEE && opt->kind != ROTA_CAL_TEAM) ||
	    opt->refresh_min <= 0 || opt->alarm_min < -1)
		return rota_error_set(err, ROTA_EINVAL,
				      "calendar options are incomplete");
	if (opt->organizer && opt->organizer[0] &&
	    !valid_email(opt->organizer))
		return rota_error_set(err, ROTA_EINVAL,
				      "'%s' is not an e-mail address",
				      opt->organizer);
	for (size_t i = 0; i < n; i++)
		if (ev[i].end <= ev[i].start)
			return rota_error_set(err, ROTA_EINVAL,
					      "event %s ends before it starts",
					      ev[i].uid);
	if (n && !(sorted = malloc(n * sizeof(*sorted))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	if (n) {
		memcpy(sorted, ev, n * sizeof(*sorted));
		qsort(sorted, n, sizeof(*sorted), by_start);
	}
	ics_writer_init(&c.w);
	for (size_t i = 1; i < ds->n_employees && c.emp_sorted; i++)
		c.emp_sorted = strcmp(ds->employees[i - 1].id,
				      ds->employees[i].id) < 0;

	if (opt->kind == ROTA_CAL_TEAM)
		snprintf(name, sizeof(name), "Team %s shifts \xe2\x80\x93 %s",
			 opt->subject, ds->site.name);
	else
		snprintf(name, sizeof(name), "%s shifts \xe2\x80\x93 %s",
			 name_of(employee_of(&c, opt->subject), opt->subject),
			 ds->site.name);
	ics_prop_raw(&c.w, "BEGIN", "VCALENDAR");
	ics_prop_raw(&c.w, "PRODID", "-//rota//rota " ROTA_VERSION "//EN");
	ics_prop_raw(&c.w, "VERSION", "2.0");
	ics_prop_raw(&c.w, "CALSCALE", "GREGORIAN");
	ics_prop_raw(&c.w, "METHOD", "PUBLISH");
	ics_prop_text(&c.w, "X-WR-CALNAME", name);
	ics_prop_text(&c.w, "NAME", name);
	ics_prop_text(&c.w, "X-WR-TIMEZONE", rota_tz_name(tz));
	if (opt->refresh_min % 60 == 0)
		snprintf(buf, sizeof(buf), "PT%dH", opt->refresh_min / 60);
	else
		snprintf(buf, sizeof(buf), "PT%dM", opt->refresh_min);
	ics_begin(&c.w, "REFRESH-INTERVAL");
	ics_param(&c.w, "VALUE", "DURATION");
	ics_raw(&c.w, buf);
	ics_end(&c.w);
	ics_prop_raw(&c.w, "X-PUBLISHED-TTL", buf);
	if (n) {
		int y0 = local_year(tz, sorted[0].start), y1 = y0;

		for (size_t i = 0; i < n; i++) {
			int y = local_year(tz, sorted[i].end);

			if (y > y1)
				y1 = y;
		}
		if ((rc = cal_vtimezone(&c.w, tz, y0, y1, err)) < 0)
			goto out;
	}
	for (size_t i = 0; i < n; i++)
		event(&c, &sorted[i]);
	ics_prop_raw(&c.w, "END", "VCALENDAR");
	if (c.w.oom) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	*out = c.w.out.p;
	*len = c.w.out.len;
	c.w.out.p = NULL;
out:
	free(sorted);
	ics_writer_release(&c.w);
	return rc;
}
