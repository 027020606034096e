/*
 * calendar/vtimezone.c - a VTIMEZONE for the site's zone, from the system
 * tz data (core/time.h), covering only the years a file needs.
 *
 * Shape: one sub-component per UTC-offset change inside the years
 * [y0, y1], each with the DTSTART of that change (local time before it, as
 * RFC 5545 3.6.5 says), TZOFFSETFROM, TZOFFSETTO and TZNAME, and no RRULE:
 * what is written is exactly what the tz data says, also in years whose
 * rules differ.  DAYLIGHT is a change that puts clocks forward, STANDARD one
 * that puts them back.  A first sub-component anchors the offset in force on
 * 1 January of y0: the last change before it when that is within a century
 * and after 1970, otherwise an offset that holds since 1970-01-01 (so no
 * local-mean-time offsets with seconds leak into the file).  TZID is the
 * IANA name exactly, which clients with their own zone data (Google, Apple,
 * Outlook's IANA mapping) also recognise.
 */
#include "calendar/cal_int.h"

#include <stdlib.h>

static void civil_of_seconds(int64_t s, struct rota_civil *c)
{
	int64_t days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
	int64_t rem = s - days * 86400;

	rota_civil_from_days((int32_t)days, &c->year, &c->month, &c->day);
	c->hour = (int)(rem / 3600);
	c->min = (int)(rem / 60 % 60);
	c->sec = (int)(rem % 60);
}

static void sub_component(struct ics_writer *w, int is_dst, int64_t local,
			  int from, int to, const char *abbr)
{
	/* clocks going forward start DAYLIGHT, going back STANDARD, whatever
	 * the tz data's flag says: Europe/Dublin marks winter as its
	 * (negative) daylight saving time, which Windows-based clients map
	 * badly */
	int daylight = to > from ? 1 : to < from ? 0 : is_dst;
	const char *kind = daylight ? "DAYLIGHT" : "STANDARD";
	struct rota_civil c;
	char buf[16], off[9];

	ics_prop_raw(w, "BEGIN", kind);
	civil_of_seconds(local, &c);
	ics_format_local(c.year, c.month, c.day, c.hour, c.min, c.sec, buf);
	ics_prop_raw(w, "DTSTART", buf);
	ics_format_offset(from, off);
	ics_prop_raw(w, "TZOFFSETFROM", off);
	ics_format_offset(to, off);
	ics_prop_raw(w, "TZOFFSETTO", off);
	if (abbr && *abbr)
		ics_prop_text(w, "TZNAME", abbr);
	ics_prop_raw(w, "END", kind);
}

/* The last offset change in [lo, hi), if any. */
static int last_transition(const struct rota_tz *tz, int64_t lo, int64_t hi,
			   struct rota_tz_transition *out)
{
	struct rota_tz_transition *all;
	int n = rota_tz_transitions(tz, lo, hi, NULL, 0);

	if (n <= 0)
		return 0;
	if (!(all = malloc((size_t)n * sizeof(*all))))
		return -1;
	n = rota_tz_transitions(tz, lo, hi, all, n);
	*out = all[n - 1];
	free(all);
	return 1;
}

int cal_vtimezone(struct ics_writer *w, const struct rota_tz *tz, int y0,
		  int y1, struct rota_error *err)
{
	const struct rota_civil jan1 = {y0, 1, 1, 0, 0, 0};
	const struct rota_civil after = {y1 + 1, 1, 1, 0, 0, 0};
	const int64_t century = INT64_C(100) * 366 * 86400;
	struct rota_tz_transition prev, *tr = NULL;
	int64_t from = rota_tz_from_civil(tz, &jan1);
	int64_t to = rota_tz_from_civil(tz, &after);
	int found, n;

	if ((found = last_transition(tz, from - century, from, &prev)) < 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	n = rota_tz_transitions(tz, from, to, NULL, 0);
	if (n > 0 && !(tr = malloc((size_t)n * sizeof(*tr))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	if (n > 0)
		n = rota_tz_transitions(tz, from, to, tr, n);

	ics_prop_raw(w, "BEGIN", "VTIMEZONE");
	ics_prop_text(w, "TZID", rota_tz_name(tz));
	if (found && prev.at >= 0) {
		sub_component(w, prev.is_dst, prev.at + prev.before,
			      prev.before, prev.after, prev.abbr);
	} else {
		const char *abbr = NULL;
		int dst = 0;
		int off = rota_tz_offset(tz, from, &dst, &abbr);
		int64_t anchor = y0 >= 1970 ? 0 : from + off;

		sub_component(w, dst, anchor, off, off, abbr);
	}
	for (int i = 0; i < n; i++)
		sub_component(w, tr[i].is_dst, tr[i].at + tr[i].before,
			      tr[i].before, tr[i].after, tr[i].abbr);
	ics_prop_raw(w, "END", "VTIMEZONE");
	free(tr);
	return 0;
}
