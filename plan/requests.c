/*
 * plan/requests.c - the checker's sentences about requests, told with the
 * time off they come from.
 *
 * The builder turns a soft time-off record into one request per shift
 * slot it overlaps, so the checker can only say "E03 asked not to work M
 * on Sat 2026-12-05 and works it", even when E03 asked for the weekend
 * off.  Here each such sentence is rewritten from the record: "E03 (Li)
 * asked for Sat 2026-12-05 to Sun 2026-12-06 off ('weekend off') and works
 * M on Sat 2026-12-05" (cut to fit the violation's text).
 */
#include <stdio.h>
#include <string.h>

#include "plan/plan_int.h"

/* "Sat 2026-12-05" or "Sat 2026-12-05 to Sun 2026-12-06" (whole days);
 * "Sat 2026-12-05 08:00 to 12:00" otherwise. */
static void period(const struct rota_plan *pl, const struct rota_timeoff *t,
		   char *buf, size_t size)
{
	int32_t d0 = rota_tz_day_of(pl->tz, t->start);
	int32_t d1 = rota_tz_day_of(pl->tz, t->end - 1);
	char a[16], b[16], ta[32], tb[32];

	rota_format_date(d0, a, sizeof(a));
	rota_format_date(d1, b, sizeof(b));
	if (t->start == rota_tz_day_start(pl->tz, d0) &&
	    t->end == rota_tz_day_start(pl->tz, d1 + 1)) {
		if (d0 == d1)
			snprintf(buf, size, "%s %s",
				 rota_weekday_name(rota_weekday(d0)), a);
		else
			snprintf(buf, size, "%s %s to %s %s",
				 rota_weekday_name(rota_weekday(d0)), a,
				 rota_weekday_name(rota_weekday(d1)), b);
		return;
	}
	rota_format_local_short(pl->tz, t->start, ta, sizeof(ta));
	rota_format_local_short(pl->tz, t->end, tb, sizeof(tb));
	snprintf(buf, size, "%s %s to %s",
		 rota_weekday_name(rota_weekday(d0)), ta,
		 d0 == d1 ? tb + 11 : tb);
}

/* The soft time off of employee id overlapping [start, end). */
static const struct rota_timeoff *record_of(const struct rota_plan *pl,
					    const char *id, int64_t start,
					    int64_t end)
{
	for (size_t i = 0; i < pl->ds.n_timeoff; i++) {
		const struct rota_timeoff *t = &pl->ds.timeoff[i];

		if (t->kind == ROTA_TIMEOFF_SOFT && t->start < end &&
		    start < t->end && strcmp(t->employee, id) == 0)
			return t;
	}
	return NULL;
}

void rota_plan_name_requests(const struct rota_plan *pl,
			     const struct rota_problem *p,
			     struct rota_check_report *r)
{
	for (size_t i = 0; r && i < r->n_violations; i++) {
		struct rota_violation *v = &r->violations[i];
		const struct rota_slot *sl;
		const struct rota_timeoff *t;
		const char *id, *name;
		char when[80], day[16], note[ROTA_NAME_MAX + 8] = "";
		char text[2 * ROTA_VIOLATION_TEXT_MAX];

		if (v->kind != ROTA_CHECK_request_off || v->employee < 0 ||
		    v->day < 0 || v->type < 0 || !p->dated)
			continue;
		sl = rota_problem_slot(p, v->day, v->type);
		id = p->employees[v->employee].id;
		name = p->employees[v->employee].name;
		if (!(t = record_of(pl, id, sl->start, sl->end)))
			continue;
		period(pl, t, when, sizeof(when));
		if (t->note[0])
			snprintf(note, sizeof(note), " ('%s')", t->note);
		rota_format_date(p->first_day + v->day, day, sizeof(day));
		snprintf(text, sizeof(text),
			 "%s%s%s%s asked for %s off%s and works %s on %s %s",
			 id, name[0] ? " (" : "", name, name[0] ? ")" : "",
			 when, note, p->types[v->type].code,
			 rota_weekday_name(rota_weekday(p->first_day + v->day)),
			 day);
		rota_strlcpy(v->text, text, sizeof(v->text));
	}
}
