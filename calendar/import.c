/*
 * calendar/import.c - time off from a staff member's calendar (.ics).
 *
 * Two passes.  A strict scan of the text (line numbers, BEGIN/END nesting,
 * content-line syntax, DTSTART/DTEND values) comes first, because libical
 * 3.0.16 is lenient: it reads "DTSTART:2026-13-45" as a date and returns
 * NULL without a reason for a truncated file.  Then libical parses the text
 * and gives components, parameters, unescaped TEXT and, for zones that are
 * not IANA names, the file's VTIMEZONE arithmetic.  Nothing is returned
 * unless every event converts.
 */
#include "calendar/cal_int.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 16

/* ----------------------------------------------------------- text scan */

struct scan {
	const char *label;
	int *vevent_line;     /* line of each top-level BEGIN:VEVENT */
	size_t n_vevent, cap;
	char stack[MAX_DEPTH][32];
	int stack_line[MAX_DEPTH];
	int depth;
	int calendars;
	int lines;            /* logical lines seen */
};

static int utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0)
			len = 2, cp = c & 0x1F;
		else if ((c & 0xF0) == 0xE0)
			len = 3, cp = c & 0x0F;
		else if ((c & 0xF8) == 0xF0)
			len = 4, cp = c & 0x07;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYYMMDD or YYYYMMDDTHHMMSS[Z] naming an existing date and time. */
static int valid_datetime(const char *v)
{
	size_t n = strlen(v);
	int y, m, d, hh, mm, ss;

	if (n != 8 && n != 15 && n != 16)
		return 0;
	y = digits(v, 4);
	m = digits(v + 4, 2);
	d = digits(v + 6, 2);
	if (y < 1 || m < 1 || d < 1 || !rota_civil_date_valid(y, m, d))
		return 0;
	if (n == 8)
		return 1;
	if (v[8] != 'T' || (n == 16 && v[15] != 'Z'))
		return 0;
	hh = digits(v + 9, 2);
	mm = digits(v + 11, 2);
	ss = digits(v + 13, 2);
	return hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 && ss >= 0 &&
	       ss <= 60;
}

static int scan_line(struct scan *sc, char *line, int lineno,
		     struct rota_error *err)
{
	char *p = line, *value, name[64];
	size_t nlen;
	int quoted = 0;

	if (!*line)
		return 0;   /* blank line: tolerated */
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
	       (*p >= '0' && *p <= '9') || *p == '-')
		p++;
	nlen = (size_t)(p - line);
	if (nlen == 0 || nlen >= sizeof(name) || (*p != ';' && *p != ':'))
		return rota_error_set(err, ROTA_EDATA,
				      "%s:%d: not an iCalendar content line: "
				      "'%.40s'", sc->label, lineno, line);
	memcpy(name, line, nlen);
	name[nlen] = '\0';
	for (value = p; *value && (quoted || *value != ':'); value++)
		if (*value == '"')
			quoted = !quoted;
	if (*value != ':')
		return rota_error_set(err, ROTA_EDATA,
				      "%s:%d: property %s has no ':' and "
				      "value", sc->label, lineno, name);
	value++;
	if (sc->lines++ == 0 && (strcasecmp(name, "BEGIN") != 0 ||
				 strcasecmp(value, "VCALENDAR") != 0))
		return rota_error_set(err, ROTA_EDATA,
				      "%s:%d: not an iCalendar file (expected "
				      "BEGIN:VCALENDAR)", sc->label, lineno);
	if (strcasecmp(name, "BEGIN") == 0) {
		if (sc->depth == 0 && sc->calendars++ > 0)
			return rota_error_set(err, ROTA_EDATA,
					      "%s:%d: a second VCALENDAR; "
					      "give one calendar per file",
					      sc->label, lineno);
		if (sc->depth == 0 && strcasecmp(value, "VCALENDAR") != 0)
			return rota_error_set(err, ROTA_EDATA,
					      "%s:%d: BEGIN:%.32s outside the "
					      "VCALENDAR", sc->label, lineno,
					      value);
		if (sc->depth == MAX_DEPTH || strlen(value) >= 32)
			return rota_error_set(err, ROTA_EDATA,
					      "%s:%d: components nested too "
					      "deeply", sc->label, lineno);
		if (sc->depth == 1 && strcasecmp(value, "VEVENT") == 0) {
			if (sc->n_vevent == sc->cap) {
				size_t nc = sc->cap ? sc->cap * 2 : 32;
				int *nl = realloc(sc->vevent_line,
						  nc * sizeof(*nl));

				if (!nl)
					return rota_error_set(err, ROTA_ENOMEM,
							      "out of memory");
				sc->vevent_line = nl;
				sc->cap = nc;
			}
			sc->vevent_line[sc->n_vevent++] = lineno;
		}
		strcpy(sc->stack[sc->depth], value);
		sc->stack_line[sc->depth++] = lineno;
		return 0;
	}
	if (strcasecmp(name, "END") == 0) {
		if (sc->depth == 0)
			return rota_error_set(err, ROTA_EDATA,
					      "%s:%d: END:%.32s without BEGIN",
					      sc->label, lineno, value);
		if (strcasecmp(sc->stack[sc->depth - 1], value) != 0)
			return rota_error_set(err, ROTA_EDATA,
					      "%s:%d: END:%.32s does not close "
					      "BEGIN:%s of line %d", sc->label,
					      lineno, value,
					      sc->stack[sc->depth - 1],
					      sc->stack_line[sc->depth - 1]);
		sc->depth--;
		return 0;
	}
	if (sc->depth == 0)
		return rota_error_set(err, ROTA_EDATA,
				      "%s:%d: %s outside the VCALENDAR",
				      sc->label, lineno, name);
	if (strcasecmp(sc->stack[sc->depth - 1], "VEVENT") == 0 &&
	    (strcasecmp(name, "DTSTART") == 0 ||
	     strcasecmp(name, "DTEND") == 0) &&
	    !valid_datetime(value))
		return rota_error_set(err, ROTA_EDATA,
				      "%s:%d: %s '%.40s' is not a date "
				      "(YYYYMMDD) or date-time "
				      "(YYYYMMDDTHHMMSS, optional Z)",
				      sc->label, lineno, name, value);
	return 0;
}

/* Unfold text (CRLF or LF) into logical lines and check each. */
static int scan_text(struct scan *sc, const char *text, size_t len,
		     struct rota_error *err)
{
	char *logical = NULL;
	size_t llen = 0, lcap = 0, pos = 0;
	int lineno = 0, start_line = 0, rc = 0;

	if (memchr(text, '\0', len))
		return rota_error_set(err, ROTA_EDATA,
				      "%s: contains a NUL byte; not an "
				      "iCalendar file", sc->label);
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		pos = 3;   /* a byte-order mark, as some exporters write */
	while (pos < len) {
		const char *eol = memchr(text + pos, '\n', len - pos);
		size_t n = eol ? (size_t)(eol - (text + pos)) : len - pos;
		const char *s = text + pos;

		lineno++;
		pos += n + (eol ? 1 : 0);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (!utf8_valid((const unsigned char *)s, n)) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "%s:%d: not valid UTF-8",
					    sc->label, lineno);
			goto out;
		}
		if (n > 0 && (s[0] == ' ' || s[0] == '\t') && llen > 0) {
			s++;    /* continuation of the logical line */
			n--;
		} else {
			if (llen > 0 &&
			    (rc = scan_line(sc, logical, start_line, err)) < 0)
				goto out;
			llen = 0;
			start_line = lineno;
		}
		if (llen + n + 1 > lcap) {
			size_t nc = (llen + n + 1) * 2;
			char *nl = realloc(logical, nc);

			if (!nl) {
				rc = rota_error_set(err, ROTA_ENOMEM,
						    "out of memory");
				goto out;
			}
			logical = nl;
			lcap = nc;
		}
		memcpy(logical + llen, s, n);
		llen += n;
		logical[llen] = '\0';
	}
	if (llen > 0 && (rc = scan_line(sc, logical, start_line, err)) < 0)
		goto out;
	if (sc->calendars == 0)
		rc = rota_error_set(err, ROTA_EDATA,
				    "%s: empty; not an iCalendar file",
				    sc->label);
	else if (sc->depth > 0)
		rc = rota_error_set(err, ROTA_EDATA,
				    "%s: BEGIN:%s of line %d is never closed "
				    "(file cut short?)", sc->label,
				    sc->stack[sc->depth - 1],
				    sc->stack_line[sc->depth - 1]);
out:
	free(logical);
	return rc;
}

/* ----------------------------------------------------------- conversion */

struct zone {
	char *tzid;
	struct rota_tz *tz;        /* an IANA zone, or */
	icaltimezone *ical;        /* the file's VTIMEZONE (owned by root) */
};

struct imp {
	const char *label;
	const struct rota_dataset *ds;
	const struct rota_tz *site_tz;
	icalcomponent *root;
	struct zone *zones;
	size_t n_zones;
	/* the event being converted, for messages */
	int line;
	const char *uid;
};

static int ev_error(const struct imp *im, struct rota_error *err,
		    const char *what)
{
	return rota_error_set(err, ROTA_EDATA, "%s:%d: event '%s': %s",
			      im->label, im->line, im->uid, what);
}

static struct rota_tz *load_iana(const char *tzid)
{
	struct rota_tz *tz = rota_tz_load(tzid, NULL);

	/* "/citadel.org/20190914_1/Europe/London" and similar prefixes */
	for (const char *p = strchr(tzid, '/'); !tz && p; p = strchr(p, '/'))
		tz = rota_tz_load(++p, NULL);
	return tz;
}

static int find_zone(struct imp *im, const char *tzid,
		     const struct zone **out, struct rota_error *err)
{
	struct zone z = {NULL, NULL, NULL}, *nz;
	char msg[200];

	for (size_t i = 0; i < im->n_zones; i++)
		if (strcmp(im->zones[i].tzid, tzid) == 0) {
			*out = &im->zones[i];
			return 0;
		}
	if (!(z.tz = load_iana(tzid)) &&
	    !(z.ical = icalcomponent_get_timezone(im->root, tzid))) {
		snprintf(msg, sizeof(msg), "unknown time zone '%.60s' (not an "
			 "IANA name and no VTIMEZONE for it)", tzid);
		return ev_error(im, err, msg);
	}
	if (!(z.tzid = strdup(tzid)) ||
	    !(nz = realloc(im->zones, (im->n_zones + 1) * sizeof(*nz)))) {
		free(z.tzid);
		rota_tz_free(z.tz);
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	}
	im->zones = nz;
	im->zones[im->n_zones] = z;
	*out = &im->zones[im->n_zones++];
	return 0;
}

/* UTC instant of a DATE-TIME value of property p (TZID, Z or floating). */
static int instant_of(struct imp *im, icalproperty *p, struct icaltimetype t,
		      int64_t *out, struct rota_error *err)
{
	icalparameter *tzp = icalproperty_get_first_parameter(
		p, ICAL_TZID_PARAMETER);
	struct rota_civil c = {t.year, t.month, t.day, t.hour, t.minute,
			       t.second};
	const struct zone *z = NULL;
	int rc;

	if (icaltime_is_utc(t)) {
		*out = (int64_t)rota_days_from_civil(t.year, t.month, t.day) *
			       86400 +
		       t.hour * 3600 + t.minute * 60 + t.second;
		return 0;
	}
	if (!tzp) {     /* floating: the site's wall clock */
		*out = rota_tz_from_civil(im->site_tz, &c);
		return 0;
	}
	if ((rc = find_zone(im, icalparameter_get_tzid(tzp), &z, err)) < 0)
		return rc;
	if (z->tz) {
		*out = rota_tz_from_civil(z->tz, &c);
	} else {
		t.zone = NULL;
		*out = (int64_t)icaltime_as_timet_with_zone(t, z->ical);
	}
	return 0;
}

static int mailto_match(const struct rota_dataset *ds, const char *addr)
{
	if (!addr)
		return -1;
	if (strncasecmp(addr, "mailto:", 7) == 0)
		addr += 7;
	if (!*addr)
		return -1;
	for (size_t i = 0; i < ds->n_employees; i++)
		if (ds->employees[i].email[0] &&
		    strcasecmp(ds->employees[i].email, addr) == 0)
			return (int)i;
	return -1;
}

static int match_employee(struct imp *im, icalcomponent *ev, int *out,
			  struct rota_error *err)
{
	icalproperty *po = icalcomponent_get_first_property(
		ev, ICAL_ORGANIZER_PROPERTY);
	int org = po ? mailto_match(im->ds, icalproperty_get_organizer(po))
		     : -1;
	int found[8], n = 0;
	char msg[200];

	for (icalproperty *p = icalcomponent_get_first_property(
		     ev, ICAL_ATTENDEE_PROPERTY);
	     p; p = icalcomponent_get_next_property(ev,
						     ICAL_ATTENDEE_PROPERTY)) {
		int e = mailto_match(im->ds, icalproperty_get_attendee(p)), k;

		for (k = 0; k < n && found[k] != e; k++)
			;
		if (e >= 0 && k == n && n < 8)
			found[n++] = e;
	}
	/* several attendees: the organizer (who often lists themself) is
	 * not the one taking time off */
	if (n > 1)
		for (int k = 0; k < n; k++)
			if (found[k] == org) {
				found[k] = found[--n];
				break;
			}
	if (n == 0 && org >= 0)
		found[n++] = org;
	if (n == 1) {
		*out = found[0];
		return 0;
	}
	if (n == 0)
		return ev_error(im, err, "no ATTENDEE or ORGANIZER e-mail "
				"matches an employee (name the employee "
				"explicitly)");
	snprintf(msg, sizeof(msg), "attendees match several employees ('%s', "
		 "'%s'); name the employee explicitly",
		 im->ds->employees[found[0]].id,
		 im->ds->employees[found[1]].id);
	return ev_error(im, err, msg);
}

static void copy_note(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	for (; src && *src && n + 1 < size; src++)
		dst[n++] = (unsigned char)*src < 0x20 ? ' ' : *src;
	/* cut short inside a UTF-8 character: drop its first bytes too */
	if (src && ((unsigned char)*src & 0xC0) == 0x80) {
		while (n > 0 && ((unsigned char)dst[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			n--;
	}
	dst[n] = '\0';
}
/* 1 converted, 0 skipped, < 0 error. */
static int convert_event(struct imp *im, icalcomponent *ev,
			 const char *employee, struct rota_timeoff *t,
			 struct rota_error *err)
{
	icalproperty *ps = icalcomponent_get_first_property(
		ev, ICAL_DTSTART_PROPERTY);
	icalproperty *pe = icalcomponent_get_first_property(
		ev, ICAL_DTEND_PROPERTY);
	icalproperty *pd = icalcomponent_get_first_property(
		ev, ICAL_DURATION_PROPERTY);
	icalproperty *st = icalcomponent_get_first_property(
		ev, ICAL_STATUS_PROPERTY);
	struct icaltimetype s, e;
	int64_t start, end;
	int rc, who = -1;

	if (st && icalproperty_get_status(st) == ICAL_STATUS_CANCELLED)
		return 0;
	if (icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) ||
	    icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY))
		return ev_error(im, err, "recurring events (RRULE, RDATE) are "
				"not supported; export single events");
	if (!ps)
		return ev_error(im, err, "no DTSTART");
	if (pe && pd)
		return ev_error(im, err, "both DTEND and DURATION");
	s = icalproperty_get_dtstart(ps);
	if (s.is_date) {
		int32_t d0 = rota_days_from_civil(s.year, s.month, s.day);
		int32_t d1 = d0 + 1;

		if (pe) {
			e = icalproperty_get_dtend(pe);
			if (!e.is_date)
				return ev_error(im, err, "DTSTART is a date "
						"but DTEND a date-time");
			d1 = rota_days_from_civil(e.year, e.month, e.day);
		} else if (pd) {
			struct icaldurationtype du =
				icalproperty_get_duration(pd);

			if (icaldurationtype_is_bad_duration(du) ||
			    du.is_neg || du.hours || du.minutes ||
			    du.seconds)
				return ev_error(im, err, "an all-day event "
						"needs a DURATION in days");
			d1 = d0 + (int32_t)(du.weeks * 7 + du.days);
		}
		start = rota_tz_day_start(im->site_tz, d0);
		end = rota_tz_day_start(im->site_tz, d1);
	} else {
		if ((rc = instant_of(im, ps, s, &start, err)) < 0)
			return rc;
		end = start;
		if (pe) {
			e = icalproperty_get_dtend(pe);
			if (e.is_date)
				return ev_error(im, err, "DTSTART is a "
						"date-time but DTEND a date");
			if ((rc = instant_of(im, pe, e, &end, err)) < 0)
				return rc;
		} else if (pd) {
			struct icaldurationtype du =
				icalproperty_get_duration(pd);

			if (icaldurationtype_is_bad_duration(du) || du.is_neg)
				return ev_error(im, err, "bad DURATION");
			/* days and weeks are nominal (wall clock), the rest
			 * exact: RFC 5545 3.3.6 */
			e = s;
			icaltime_adjust(&e, (int)(du.weeks * 7 + du.days), 0,
					0, 0);
			if ((rc = instant_of(im, ps, e, &end, err)) < 0)
				return rc;
			end += (int64_t)du.hours * 3600 + du.minutes * 60 +
			       du.seconds;
		}
	}
	if (end < start)
		return ev_error(im, err, "ends before it starts");
	if (end == start)
		return 0;
	memset(t, 0, sizeof(*t));
	if (employee) {
		rota_strlcpy(t->employee, employee, sizeof(t->employee));
	} else {
		if ((rc = match_employee(im, ev, &who, err)) < 0)
			return rc;
		rota_strlcpy(t->employee, im->ds->employees[who].id,
			     sizeof(t->employee));
	}
	t->start = start;
	t->end = end;
	t->kind = ROTA_TIMEOFF_HARD;
	t->weight = 0;
	copy_note(t->note, sizeof(t->note), icalcomponent_get_summary(ev));
	return 1;
}

/* First X-LIC-ERROR anywhere in c (depth-first), with its component. */
static icalproperty *first_error(icalcomponent *c, icalcomponent **where)
{
	icalproperty *p = icalcomponent_get_first_property(
		c, ICAL_XLICERROR_PROPERTY);

	if (p) {
		*where = c;
		return p;
	}
	for (icalcomponent *k = icalcomponent_get_first_component(
		     c, ICAL_ANY_COMPONENT);
	     k; k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		if ((p = first_error(k, where)))
			return p;
	return NULL;
}

static int by_period(const void *a, const void *b)
{
	const struct rota_timeoff *x = a, *y = b;
	int c = strcmp(x->employee, y->employee);

	if (c)
		return c;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

/* The error for the first X-LIC-ERROR property perr (in component where):
 * with the line and UID of the top-level VEVENT it is in, or the kind of
 * component. */
static int libical_error(struct imp *im, const struct scan *sc,
			 icalproperty *perr, icalcomponent *where,
			 struct rota_error *err)
{
	const char *msg = icalproperty_get_xlicerror(perr);
	icalcomponent *ev = where;
	int line = 0;

	/* the top-level VEVENT it is in, for a line number and UID */
	while (ev && icalcomponent_get_parent(ev) != im->root)
		ev = icalcomponent_get_parent(ev);
	if (ev && icalcomponent_isa(ev) == ICAL_VEVENT_COMPONENT) {
		size_t i = 0;

		for (icalcomponent *k = icalcomponent_get_first_component(
			     im->root, ICAL_VEVENT_COMPONENT);
		     k && k != ev;
		     k = icalcomponent_get_next_component(
			     im->root, ICAL_VEVENT_COMPONENT))
			i++;
		line = i < sc->n_vevent ? sc->vevent_line[i] : 0;
		im->line = line;
		im->uid = icalcomponent_get_uid(ev) ? icalcomponent_get_uid(ev)
						    : "(no UID)";
		return rota_error_set(err, ROTA_EDATA,
				      "%s:%d: event '%s': libical: %s",
				      im->label, line, im->uid,
				      msg ? msg : "parse error");
	}
	return rota_error_set(err, ROTA_EDATA, "%s: %s: libical: %s",
			      im->label,
			      icalcomponent_kind_to_string(
				      icalcomponent_isa(where)),
			      msg ? msg : "parse error");
}

/* Every VEVENT of im->root converted to time off in *res (grown by 64),
 * *cnt of them; *skip counts the events that are not time off. */
static int convert_events(struct imp *im, const struct scan *sc,
			  const char *employee, struct rota_timeoff **res,
			  size_t *cnt, size_t *skip, struct rota_error *err)
{
	size_t idx = 0;
	int rc;

	for (icalcomponent *ev = icalcomponent_get_first_component(
		     im->root, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(
		     im->root, ICAL_VEVENT_COMPONENT), idx++) {
		const char *uid = icalcomponent_get_uid(ev);

		im->line = idx < sc->n_vevent ? sc->vevent_line[idx] : 0;
		im->uid = uid && *uid ? uid : "(no UID)";
		if (*cnt % 64 == 0) {
			struct rota_timeoff *nr =
				realloc(*res, (*cnt + 64) * sizeof(*nr));

			if (!nr)
				return rota_error_set(err, ROTA_ENOMEM,
						      "out of memory");
			*res = nr;
		}
		rc = convert_event(im, ev, employee, &(*res)[*cnt], err);
		if (rc < 0)
			return rc;
		if (rc == 0)
			(*skip)++;
		else
			(*cnt)++;
	}
	return 0;
}

/* Sorts res[] by employee and period and drops repeats; the new count. */
static size_t sort_unique(struct rota_timeoff *res, size_t cnt)
{
	size_t k = 1;

	if (cnt <= 1)
		return cnt;
	qsort(res, cnt, sizeof(*res), by_period);
	for (size_t i = 1; i < cnt; i++)
		if (by_period(&res[k - 1], &res[i]) != 0)
			res[k++] = res[i];
	return k;
}

int rota_cal_parse_timeoff(const char *text, size_t len, const char *label,
			   const struct rota_dataset *ds,
			   const struct rota_tz *tz, const char *employee,
			   struct rota_timeoff **out, size_t *n,
			   size_t *skipped, struct rota_error *err)
{
	struct scan sc;
	struct imp im;
	struct rota_timeoff *res = NULL;
	char *copy = NULL;
	size_t cnt = 0, skip = 0;
	icalproperty *perr;
	icalcomponent *where = NULL;
	int rc = 0;

	memset(&sc, 0, sizeof(sc));
	memset(&im, 0, sizeof(im));
	sc.label = im.label = label;
	im.ds = ds;
	im.site_tz = tz;
	if (employee && rota_dataset_employee(ds, employee) < 0)
		return rota_error_set(err, ROTA_EDATA,
				      "%s: unknown employee '%s'", label,
				      employee);
	if ((rc = scan_text(&sc, text, len, err)) < 0)
		goto out;
	if (!(copy = malloc(len + 1))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	im.root = icalparser_parse_string(copy);
	if (!im.root || icalcomponent_isa(im.root) != ICAL_VCALENDAR_COMPONENT) {
		rc = rota_error_set(err, ROTA_EDATA,
				    "%s: libical could not parse the calendar",
				    label);
		goto out;
	}
	if ((perr = first_error(im.root, &where))) {
		rc = libical_error(&im, &sc, perr, where, err);
		goto out;
	}
	if ((rc = convert_events(&im, &sc, employee, &res, &cnt, &skip,
				 err)) < 0)
		goto out;
	cnt = sort_unique(res, cnt);
	*out = res;
	*n = cnt;
	res = NULL;
	if (skipped)
		*skipped = skip;
out:
	free(res);
	free(copy);
	free(sc.vevent_line);
	for (size_t i = 0; i < im.n_zones; i++) {
		free(im.zones[i].tzid);
		rota_tz_free(im.zones[i].tz);
	}
	free(im.zones);
	if (im.root)
		icalcomponent_free(im.root);
	return rc;
}

int rota_cal_read_timeoff(const char *path, const char *label,
			  const struct rota_dataset *ds,
			  const struct rota_tz *tz, const char *employee,
			  struct rota_timeoff **out, size_t *n,
			  size_t *skipped, struct rota_error *err)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!f)
		return rota_error_set(err, ROTA_EIO, "%s: cannot open: %s",
				      label, strerror(errno));
	for (;;) {
		size_t got;

		if (len + 4096 > cap) {
			size_t nc = cap ? cap * 2 : 16384;
			char *nt = realloc(text, nc);

			if (!nt) {
				fclose(f);
				free(text);
				return rota_error_set(err, ROTA_ENOMEM,
						      "out of memory");
			}
			text = nt;
			cap = nc;
		}
		got = fread(text + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		rc = rota_error_set(err, ROTA_EIO, "%s: cannot read: %s",
				    label, strerror(errno));
		fclose(f);
		free(text);
		return rc;
	}
	fclose(f);
	rc = rota_cal_parse_timeoff(text, len, label, ds, tz, employee, out,
				    n, skipped, err);
	free(text);
	return rc;
}
