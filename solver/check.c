/*
 * solver/check.c - the independent roster checker (rota_check).
 *
 * Every rule is evaluated here straight from the semantics written in
 * solver/solver.h, on the roster as an array of (employee, day) -> type,
 * without any of the solver's model-building code: a bug in the model
 * shows up as a disagreement between the solver's statistics and this
 * report.  Coverage is recounted; the skill allocation of interval demand
 * is derived by a small min-cost flow per interval (see solver.h).
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "solver/solver.h"

/* ------------------------------------------------------------- names */

static const struct {
	const char *name, *summary;
} kinds[] = {
#define ROTA_X_CHECK(n, s) {#n, s},
	ROTA_CHECK_KIND_MAP(ROTA_X_CHECK)
#undef ROTA_X_CHECK
};

_Static_assert(ROTA_CHECK_KIND_COUNT - ROTA_CHECK_type_max - 1 ==
		       sizeof(kinds) / sizeof(kinds[0]),
	       "check kind table and enum disagree");

const char *rota_check_kind_name(int kind)
{
	if (kind >= 0 && kind <= ROTA_PROBLEM_RULE_COUNT)
		return rota_problem_rule_name(kind);
	if (kind > ROTA_CHECK_type_max && kind < ROTA_CHECK_KIND_COUNT)
		return kinds[kind - ROTA_CHECK_type_max - 1].name;
	return NULL;
}

const char *rota_check_kind_summary(int kind)
{
	if (kind >= 0 && kind <= ROTA_PROBLEM_RULE_COUNT)
		return rota_problem_rule_summary(kind);
	if (kind > ROTA_CHECK_type_max && kind < ROTA_CHECK_KIND_COUNT)
		return kinds[kind - ROTA_CHECK_type_max - 1].summary;
	return NULL;
}

/* ------------------------------------------------------------ context */

struct ctx {
	const struct rota_problem *p;
	const struct rota_solution *sol;
	struct rota_check_report *r;
	size_t cap;
	int failed;       /* out of memory while adding */
};

static int type_of(const struct ctx *c, int e, int d)
{
	return c->sol->type[(size_t)e * (size_t)c->p->n_days + (size_t)d];
}

static int works(const struct ctx *c, int e, int d)
{
	return type_of(c, e, d) >= 0;
}

/* "Mon 2026-03-30" when dated, "day 3 (Thu)" otherwise. */
static void day_label(const struct rota_problem *p, int d, char *buf,
		      size_t size)
{
	const char *wd = rota_weekday_name(rota_problem_weekday(p, d));

	if (p->dated) {
		char date[16];

		rota_format_date(p->first_day + d, date, sizeof(date));
		snprintf(buf, size, "%s %s", wd, date);
	} else {
		snprintf(buf, size, "day %d (%s)", d, wd);
	}
}

/* "on Mon 2026-03-30" or "from Mon 2026-03-30 to Wed 2026-04-01" */
static void span_label(const struct rota_problem *p, int a, int b,
		       char *buf, size_t size)
{
	char la[48], lb[48];

	day_label(p, a, la, sizeof(la));
	if (a == b) {
		snprintf(buf, size, "on %s", la);
		return;
	}
	day_label(p, b, lb, sizeof(lb));
	snprintf(buf, size, "from %s to %s", la, lb);
}

/* "37h30", "-1h15" */
static void hm(long minutes, char *buf, size_t size)
{
	long m = minutes < 0 ? -minutes : minutes;

	snprintf(buf, size, "%s%ldh%02ld", minutes < 0 ? "-" : "", m / 60,
		 m % 60);
}

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

__attribute__((format(printf, 10, 11))) static void
add(struct ctx *c, int kind, int e, int group, int day, int type, int units,
    int hard, double weight, const char *fmt, ...)
{
	struct rota_check_report *r = c->r;
	struct rota_violation *v;
	double pen = hard ? 0.0 : weight * units;
	va_list ap;

	if (ROTA_GROW(r->violations, c->cap, r->n_violations) < 0) {
		c->failed = 1;
		return;
	}
	v = &r->violations[r->n_violations++];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->employee = e;
	v->group = group;
	v->day = day;
	v->type = type;
	v->units = units;
	v->hard = hard;
	v->penalty = pen;
	va_start(ap, fmt);
	vsnprintf(v->text, sizeof(v->text), fmt, ap);
	va_end(ap);
	if (hard)
		r->hard_broken++;
	else
		r->soft_broken++;
	if (kind <= ROTA_PROBLEM_RULE_COUNT) {
		r->rule_units[kind] += units;
		r->rule_penalty[kind] += pen;
		r->term[ROTA_TERM_rules] += pen;
	} else if (kind == ROTA_CHECK_request_on ||
		   kind == ROTA_CHECK_request_off) {
		r->term[ROTA_TERM_requests] += pen;
	} else if (kind == ROTA_CHECK_fair_weekend ||
		   kind == ROTA_CHECK_fair_late) {
		r->term[ROTA_TERM_fairness] += pen;
	}
}

/* The rule r of employee e when it applies, NULL otherwise. */
static const struct rota_rule_value *rule(const struct ctx *c, int e, int r)
{
	const struct rota_rule_value *v = &c->p->employees[e].rule[r];

	return v->value == ROTA_UNSET ? NULL : v;
}

static const char *emp(const struct ctx *c, int e)
{
	return c->p->employees[e].id;
}

static const char *code(const struct ctx *c, int s)
{
	return c->p->types[s].code;
}

/* --------------------------------------------------------- placement */

static void check_placement(struct ctx *c, int e)
{
	const struct rota_problem *p = c->p;
	const struct rota_problem_employee *pe = &p->employees[e];

	for (int d = 0; d < p->n_days; d++) {
		int s = type_of(c, e, d);
		const struct rota_shift_type *ty;
		char day[48];

		if (s < 0)
			continue;
		ty = &p->types[s];
		day_label(p, d, day, sizeof(day));
		if (!rota_problem_slot(p, d, s)->allowed)
			add(c, ROTA_CHECK_not_offered, e, -1, d, s, 1, 1, 0,
			    "%s works %s on %s, which is not offered that day",
			    emp(c, e), code(c, s), day);
		if (rota_problem_unavailable(p, e, d, s))
			add(c, ROTA_CHECK_unavailable, e, -1, d, s, 1, 1, 0,
			    "%s works %s on %s but is unavailable that day "
			    "(leave or day off)",
			    emp(c, e), code(c, s), day);
		if (p->n_skills > 0 && ty->skills != 0 &&
		    (ty->skills & pe->skills) == 0)
			add(c, ROTA_CHECK_unqualified, e, -1, d, s, 1, 1, 0,
			    "%s works %s on %s without a skill that shift "
			    "serves",
			    emp(c, e), code(c, s), day);
		if (c->sol->skill && p->n_skills > 0) {
			int k = c->sol->skill[(size_t)e * (size_t)p->n_days +
					      (size_t)d];
			uint64_t bit = k >= 0 ? UINT64_C(1) << k : 0;

			if (k >= 0 && (!(pe->skills & bit) ||
				       (ty->skills && !(ty->skills & bit))))
				add(c, ROTA_CHECK_unqualified, e, -1, d, s, 1,
				    1, 0,
				    "%s works %s on %s serving %s, which the "
				    "employee lacks or the shift does not "
				    "serve",
				    emp(c, e), code(c, s), day,
				    p->skills[k].name);
		}
	}
}

/* Pins: "A001 must keep E on Wed 2026-12-02 (frozen) but is off". */
static void check_fixed(struct ctx *c, int e)
{
	const struct rota_problem *p = c->p;

	for (int d = 0; d < p->n_days; d++) {
		int f = rota_problem_fixed(p, e, d), s = type_of(c, e, d);
		char day[48];

		if (f == ROTA_FREE || f == s)
			continue;
		day_label(p, d, day, sizeof(day));
		if (f < 0)
			add(c, ROTA_CHECK_fixed, e, -1, d, s, 1, 1, 0,
			    "%s must stay off on %s (frozen) but works %s",
			    emp(c, e), day, code(c, s));
		else if (s < 0)
			add(c, ROTA_CHECK_fixed, e, -1, d, f, 1, 1, 0,
			    "%s must keep %s on %s (frozen) but is off",
			    emp(c, e), code(c, f), day);
		else
			add(c, ROTA_CHECK_fixed, e, -1, d, f, 1, 1, 0,
			    "%s must keep %s on %s (frozen) but works %s",
			    emp(c, e), code(c, f), day, code(c, s));
	}
}

static void check_bans(struct ctx *c, int e)
{
	const struct rota_problem *p = c->p;
	const struct rota_history *h = &p->employees[e].history;
	int S = p->n_types;

	for (int d = 0; d < p->n_days; d++) {
		int s2 = type_of(c, e, d);
		int s1 = d > 0 ? type_of(c, e, d - 1)
			       : (h->known ? h->last_type : -1);
		char l1[48], l2[48];

		if (s1 < 0 || s2 < 0 || !p->ban[s1 * S + s2])
			continue;
		day_label(p, d - 1, l1, sizeof(l1));
		day_label(p, d, l2, sizeof(l2));
		add(c, ROTA_CHECK_ban, e, -1, d, s2, 1, 1, 0,
		    "%s works %s on %s right after %s on %s, a forbidden "
		    "sequence",
		    emp(c, e), code(c, s2), l2, code(c, s1), l1);
	}
	/* into the next week */
	{
		const struct rota_future *f = &p->employees[e].future;
		int D = p->n_days, s1 = type_of(c, e, D - 1);
		char l1[48], l2[48];

		if (!f->known || f->first_type < 0 || s1 < 0 ||
		    !p->ban[s1 * S + f->first_type])
			return;
		day_label(p, D - 1, l1, sizeof(l1));
		day_label(p, D, l2, sizeof(l2));
		add(c, ROTA_CHECK_ban, e, -1, D - 1, s1, 1, 1, 0,
		    "%s works %s on %s right after %s on %s, a forbidden "
		    "sequence",
		    emp(c, e), code(c, f->first_type), l2, code(c, s1), l1);
	}
}

/* ------------------------------------------------------- weekly rules */

static void check_weeks(struct ctx *c, int e)
{
	const struct rota_problem *p = c->p;
	const struct rota_rule_value *minw = rule(c, e, ROTA_RULE_min_week_min);
	const struct rota_rule_value *maxw = rule(c, e, ROTA_RULE_max_week_min);
	const struct rota_rule_value *maxd = rule(c, e, ROTA_RULE_max_days_week);
	const struct rota_rule_value *maxn = rule(c, e, ROTA_RULE_max_nights);

	for (int w0 = 0; w0 + 7 <= p->n_days; w0 += 7) {
		int paid = 0, days = 0, nights = 0;
		char wk[48], a[24], b[24];

		for (int d = w0; d < w0 + 7; d++) {
			int s = type_of(c, e, d);

			if (s < 0)
				continue;
			paid += p->types[s].paid_min;
			days++;
			nights += p->types[s].night != 0;
		}
		day_label(p, w0, wk, sizeof(wk));
		hm(paid, a, sizeof(a));
		if (minw && paid < minw->value) {
			hm(minw->value, b, sizeof(b));
			add(c, ROTA_RULE_min_week_min, e, -1, w0, -1,
			    minw->value - paid, minw->weight == 0,
			    minw->weight,
			    "%s is paid %s in the week from %s (at least %s)",
			    emp(c, e), a, wk, b);
		}
		if (maxw && paid > maxw->value) {
			hm(maxw->value, b, sizeof(b));
			add(c, ROTA_RULE_max_week_min, e, -1, w0, -1,
			    paid - maxw->value, maxw->weight == 0,
			    maxw->weight,
			    "%s is paid %s in the week from %s (at most %s)",
			    emp(c, e), a, wk, b);
		}
		if (maxd && days > maxd->value)
			add(c, ROTA_RULE_max_days_week, e, -1, w0, -1,
			    days - maxd->value, maxd->weight == 0,
			    maxd->weight,
			    "%s works %d %s in the week from %s (at most %d)",
			    emp(c, e), days, plural(days, "day", "days"), wk,
			    maxd->value);
		if (maxn && nights > maxn->value)
			add(c, ROTA_RULE_max_nights, e, -1, w0, -1,
			    nights - maxn->value, maxn->weight == 0,
			    maxn->weight,
			    "%s works %d night %s in the week from %s (at "
			    "most %d)",
			    emp(c, e), nights,
			    plural(nights, "shift", "shifts"), wk,
			    maxn->value);
	}
}

static void check_totals(struct ctx *c, int e)
{
	const struct rota_problem *p = c->p;
	const struct rota_rule_value *mint = rule(c, e, ROTA_RULE_min_total_min);
	const struct rota_rule_value *maxt = rule(c, e, ROTA_RULE_max_total_min);
	int paid = c->r->paid_min[e];
	char a[24], b[24];

	hm(paid, a, sizeof(a));
	if (mint && paid < mint->value) {
		hm(mint->value, b, sizeof(b));
		add(c, ROTA_RULE_min_total_min, e, -1, -1, -1,
		    mint->value - paid, mint->weight == 0, mint->weight,
		    "%s is paid %s over the horizon (at least %s)", emp(c, e),
		    a, b);
	}
	if (maxt && paid > maxt->value) {
		hm(maxt->value, b, sizeof(b));
		add(c, ROTA_RULE_max_total_min, e, -1, -1, -1,
		    paid - maxt->value, maxt->weight == 0, maxt->weight,
		    "%s is paid %s over the horizon (at most %s)", emp(c, e),
		    a, b);
	}
	/* per-type caps */
	for (int s = 0; s < p->n_types; s++) {
		const struct rota_rule_value *cap =
			&p->type_max[(size_t)e * (size_t)p->n_types +
				     (size_t)s];
		int n = 0;

		if (cap->value == ROTA_UNSET)
			continue;
		for (int d = 0; d < p->n_days; d++)
			n += type_of(c, e, d) == s;
		if (n > cap->value)
			add(c, ROTA_CHECK_type_max, e, -1, -1, s,
			    n - cap->value, cap->weight == 0, cap->weight,
			    "%s works %s %d %s (at most %d)", emp(c, e),
			    code(c, s), n, plural(n, "time", "times"),
			    cap->value);
	}
}

/* ---------------------------------------------------- consecutive days */

static void check_max_consecutive(struct ctx *c, int e)
{
	const struct rota_problem *p = c->p;
	const struct rota_rule_value *v =
		rule(c, e, ROTA_RULE_max_consecutive_days);
	const struct rota_history *h = &p->employees[e].history;
	const struct rota_future *f = &p->employees[e].future;
	int D = p->n_days, N;

	if (!v)
		return;
	N = v->value;
	for (int a = 0; a < D;) {
		int b, hist, fut, start, end, first, last, len;
		char sp[112], day[48];

		if (!works(c, e, a)) {
			a++;
			continue;
		}
		for (b = a; b + 1 < D && works(c, e, b + 1); b++)
			;
		hist = a == 0 && h->known ? h->days_worked : 0;
		fut = b == D - 1 && f->known ? f->days_worked : 0;
		start = a - hist;
		end = b + fut;
		/* windows [x, x + N] inside [start, end] holding a day of
		 * the horizon: x + N >= 0 and x <= D - 1 */
		first = start > -N ? start : -N;
		last = end - N < D - 1 ? end - N : D - 1;
		len = end - start + 1;
		if (last >= first) {
			int units = last - first + 1, hard = v->weight == 0;

			if (hist && fut)
				add(c, ROTA_RULE_max_consecutive_days, e, -1, a,
				    -1, units, hard, v->weight,
				    "%s works %d consecutive days, %d of them "
				    "before and %d after the horizon (at most "
				    "%d)",
				    emp(c, e), len, hist, fut, N);
			else if (hist) {
				day_label(p, b, day, sizeof(day));
				add(c, ROTA_RULE_max_consecutive_days, e, -1, a,
				    -1, units, hard, v->weight,
				    "%s works %d consecutive days up to %s, "
				    "%d of them before the horizon (at most "
				    "%d)",
				    emp(c, e), len, day, hist, N);
			} else if (fut) {
				day_label(p, a, day, sizeof(day));
				add(c, ROTA_RULE_max_consecutive_days, e, -1, a,
				    -1, units, hard, v->weight,
				    "%s works %d consecutive days from %s, %d "
				    "of them after the horizon (at most %d)",
				    emp(c, e), len, day, fut, N);
			} else {
				span_label(p, a, b, sp, sizeof(sp));
				add(c, ROTA_RULE_max_consecutive_days, e, -1, a,
				    -1, units, hard, v->weight,
				    "%s works %d consecutive days %s (at most "
				    "%d)",
				    emp(c, e), len, sp, N);
			}
		}
		a = b + 1;
	}
}

/* A block of the horizon too short, with its days outside it. */
static void short_block(struct ctx *c, int e, int r, int on, int a, int b,
			int hist, int fut)
{
	const struct rota_rule_value *v = rule(c, e, r);
	int len = b - a + 1 + hist + fut;
	const char *what = on ? " at work" : " off";
	char sp[112], tail[64] = "";

	span_label(c->p, a, b, sp, sizeof(sp));
	if (hist && fut)
		snprintf(tail, sizeof(tail),
			 ", %d of them before and %d after the horizon", hist,
			 fut);
	else if (hist || fut)
		snprintf(tail, sizeof(tail), ", %d of them %s the horizon",
			 hist ? hist : fut, hist ? "before" : "after");
	add(c, r, e, -1, a, -1, 1, v->weight == 0, v->weight,
	    "%s has %d consecutive %s%s %s%s (at least %d)", emp(c, e), len,
	    plural(len, "day", "days"), what, sp, tail, v->value);
}

/* Minimum block rules: blocks of days with works == on (solver.h: the
 * extended timeline). */
static void check_min_blocks(struct ctx *c, int e, int on)
{
	const struct rota_problem *p = c->p;
	int r = on ? ROTA_RULE_min_consecutive_days
		   : ROTA_RULE_min_consecutive_days_off;
	const struct rota_rule_value *v = rule(c, e, r);
	const struct rota_history *h = &p->employees[e].history;
	const struct rota_future *f = &p->employees[e].future;
	int D = p->n_days;
	int hb = h->known ? (on ? h->days_worked : h->days_off) : 0;
	int fb = f->known ? (on ? f->days_worked : f->days_off) : 0;
	const char *what = on ? "at work" : "off";

	if (!v)
		return;
	for (int a = 0; a < D;) {
		int b, hist, fut;

		if (works(c, e, a) != on) {
			a++;
			continue;
		}
		for (b = a; b + 1 < D && works(c, e, b + 1) == on; b++)
			;
		if ((a == 0 && !h->known) || (b == D - 1 && !f->known)) {
			a = b + 1;
			continue;
		}
		hist = a == 0 ? hb : 0;
		fut = b == D - 1 ? fb : 0;
		if (b - a + 1 + hist + fut < v->value)
			short_block(c, e, r, on, a, b, hist, fut);
		a = b + 1;
	}
	/* blocks just outside that the horizon ends */
	if (hb > 0 && hb < v->value && works(c, e, 0) != on) {
		char l0[48], l1[48];

		day_label(p, -1, l1, sizeof(l1));
		day_label(p, 0, l0, sizeof(l0));
		add(c, r, e, -1, 0, -1, 1, v->weight == 0, v->weight,
		    "%s has %d consecutive %s %s up to %s, before the horizon, "
		    "and %s on %s (at least %d)",
		    emp(c, e), hb, plural(hb, "day", "days"), what, l1,
		    on ? "is off" : "works", l0, v->value);
	}
	if (fb > 0 && fb < v->value && works(c, e, D - 1) != on) {
		char lD[48], l1[48];

		day_label(p, D, lD, sizeof(lD));
		day_label(p, D - 1, l1, sizeof(l1));
		add(c, r, e, -1, D - 1, -1, 1, v->weight == 0, v->weight,
		    "%s has %d consecutive %s %s from %s, after the horizon, "
		    "and %s on %s (at least %d)",
		    emp(c, e), fb, plural(fb, "day", "days"), what, lD,
		    on ? "is off" : "works", l1, v->value);
	}
}

/* ------------------------------------------------------------------ rest */

static void check_rest(struct ctx *c, int e)
{
	const struct rota_problem *p = c->p;
	const struct rota_rule_value *v = rule(c, e, ROTA_RULE_min_rest_min);
	const struct rota_history *h = &p->employees[e].history;
	const struct rota_future *f = &p->employees[e].future;
	int D = p->n_days;

	if (!v)
		return;
	for (int d2 = 0; d2 < D; d2++) {
		int s2 = type_of(c, e, d2);
		const struct rota_slot *b;
		char l1[48], l2[48], rest[24], need[24];

		if (s2 < 0)
			continue;
		b = rota_problem_slot(p, d2, s2);
		day_label(p, d2, l2, sizeof(l2));
		hm(v->value, need, sizeof(need));
		if (f->known && f->first_start != INT64_MAX &&
		    f->first_start - b->end < (int64_t)v->value * 60) {
			hm((long)((f->first_start - b->end) / 60), rest,
			   sizeof(rest));
			add(c, ROTA_RULE_min_rest_min, e, -1, d2, s2, 1,
			    v->weight == 0, v->weight,
			    "%s rests %s between %s on %s and the first shift "
			    "after the horizon (at least %s)",
			    emp(c, e), rest, code(c, s2), l2, need);
		}
		if (h->known && h->last_end != INT64_MIN &&
		    b->start - h->last_end < (int64_t)v->value * 60) {
			hm((long)((b->start - h->last_end) / 60), rest,
			   sizeof(rest));
			add(c, ROTA_RULE_min_rest_min, e, -1, d2, s2, 1,
			    v->weight == 0, v->weight,
			    "%s rests %s between the last shift before the "
			    "horizon and %s on %s (at least %s)",
			    emp(c, e), rest, code(c, s2), l2, need);
		}
		for (int d1 = 0; d1 < d2; d1++) {
			int s1 = type_of(c, e, d1);
			const struct rota_slot *a;
			int64_t gap;

			if (s1 < 0)
				continue;
			a = rota_problem_slot(p, d1, s1);
			gap = b->start - a->end;
			if (gap >= (int64_t)v->value * 60)
				continue;
			day_label(p, d1, l1, sizeof(l1));
			hm((long)(gap / 60), rest, sizeof(rest));
			add(c, ROTA_RULE_min_rest_min, e, -1, d2, s2, 1,
			    v->weight == 0, v->weight,
			    "%s rests %s between %s on %s and %s on %s (at "
			    "least %s)",
			    emp(c, e), rest, code(c, s1), l1, code(c, s2), l2,
			    need);
		}
	}
}

/* -------------------------------------------------------------- weekends */

/* Number of weekends with a shift on either day; a weekend is a Saturday
 * and the Sunday after it, or the part of it inside the horizon. */
static int weekends_worked(const struct ctx *c, int e)
{
	const struct rota_problem *p = c->p;
	int n = 0;

	for (int d = 0; d < p->n_days; d++) {
		int wd = rota_problem_weekday(p, d);

		if (wd == 6) {
			n += works(c, e, d) ||
			     (d + 1 < p->n_days && works(c, e, d + 1));
		} else if (wd == 7 && d == 0) {
			n += works(c, e, d);
		}
	}
	return n;
}

static void check_weekends(struct ctx *c, int e)
{
	const struct rota_rule_value *v = rule(c, e, ROTA_RULE_max_weekends);
	const struct rota_history *h = &c->p->employees[e].history;
	int hist, total, allowance;

	if (!v)
		return;
	hist = h->known ? h->weekends_worked : 0;
	total = weekends_worked(c, e) + hist;
	/* the past cannot be undone: weekends before the horizon beyond the
	 * maximum are not held against this horizon */
	allowance = v->value > hist ? v->value : hist;
	if (total <= allowance)
		return;
	if (hist)
		add(c, ROTA_RULE_max_weekends, e, -1, -1, -1,
		    total - allowance, v->weight == 0, v->weight,
		    "%s works %d %s, %d of them before the horizon (at most "
		    "%d)",
		    emp(c, e), total, plural(total, "weekend", "weekends"),
		    hist, v->value);
	else
		add(c, ROTA_RULE_max_weekends, e, -1, -1, -1,
		    total - allowance, v->weight == 0, v->weight,
		    "%s works %d %s (at most %d)", emp(c, e), total,
		    plural(total, "weekend", "weekends"), v->value);
}

/* -------------------------------------------------- requests, fairness */

static void check_requests(struct ctx *c)
{
	const struct rota_problem *p = c->p;

	for (size_t i = 0; i < p->n_requests; i++) {
		const struct rota_request *q = &p->requests[i];
		int t = type_of(c, q->employee, q->day);
		const char *who = emp(c, q->employee);
		char day[48];

		day_label(p, q->day, day, sizeof(day));
		if (q->on && q->type >= 0 && t != q->type) {
			if (t < 0)
				add(c, ROTA_CHECK_request_on, q->employee, -1,
				    q->day, q->type, 1, 0, q->weight,
				    "%s asked to work %s on %s and is off",
				    who, code(c, q->type), day);
			else
				add(c, ROTA_CHECK_request_on, q->employee, -1,
				    q->day, q->type, 1, 0, q->weight,
				    "%s asked to work %s on %s and works %s",
				    who, code(c, q->type), day, code(c, t));
		} else if (q->on && q->type < 0 && t < 0) {
			add(c, ROTA_CHECK_request_on, q->employee, -1, q->day,
			    -1, 1, 0, q->weight,
			    "%s asked to work on %s and is off", who, day);
		} else if (!q->on && q->type >= 0 && t == q->type) {
			add(c, ROTA_CHECK_request_off, q->employee, -1, q->day,
			    q->type, 1, 0, q->weight,
			    "%s asked not to work %s on %s and works it", who,
			    code(c, q->type), day);
		} else if (!q->on && q->type < 0 && t >= 0) {
			add(c, ROTA_CHECK_request_off, q->employee, -1, q->day,
			    t, 1, 0, q->weight,
			    "%s asked for %s off and works %s", who, day,
			    code(c, t));
		}
	}
}

/* Changes to the reference: the term, and the cap. */
static void check_changes(struct ctx *c)
{
	const struct rota_problem *p = c->p;
	struct rota_check_report *r = c->r;
	size_t n = (size_t)p->n_employees * (size_t)p->n_days;

	if (!p->reference)
		return;
	for (size_t i = 0; i < n; i++)
		r->changes += c->sol->type[i] != p->reference[i];
	r->term[ROTA_TERM_changes] = p->change_weight * r->changes;
	if (p->max_changes != ROTA_UNSET && r->changes > p->max_changes)
		add(c, ROTA_CHECK_max_changes, -1, -1, -1, -1,
		    r->changes - p->max_changes, 1, 0,
		    "the roster changes %d employee-%s of the current roster "
		    "(at most %d)",
		    r->changes, plural(r->changes, "day", "days"),
		    p->max_changes);
}

static void check_fairness(struct ctx *c)
{
	const struct rota_problem *p = c->p;

	for (int g = 0; g < p->n_groups; g++) {
		const struct rota_fair_group *fg = &p->groups[g];

		for (int kind = 0; kind < 2; kind++) {
			double w = kind ? fg->late_weight : fg->weekend_weight;
			int lo = INT_MAX, hi = INT_MIN, elo = -1, ehi = -1;

			if (w <= 0)
				continue;
			for (int e = 0; e < p->n_employees; e++) {
				int n = 0;

				if (p->employees[e].group != g)
					continue;
				for (int d = 0; d < p->n_days; d++) {
					int s = type_of(c, e, d);

					if (s < 0)
						continue;
					n += kind ? p->types[s].late != 0
						  : rota_problem_is_weekend(p,
									    d);
				}
				if (n < lo) {
					lo = n;
					elo = e;
				}
				if (n > hi) {
					hi = n;
					ehi = e;
				}
			}
			if (elo < 0 || hi == lo)
				continue;
			add(c,
			    kind ? ROTA_CHECK_fair_late
				 : ROTA_CHECK_fair_weekend,
			    -1, g, -1, -1, hi - lo, 0, w,
			    "%s: %s range from %d (%s) to %d (%s)", fg->name,
			    kind ? "late shifts" : "weekend days worked", lo,
			    emp(c, elo), hi, emp(c, ehi));
		}
	}
}

/* ------------------------------------------------ allocation: min-cost flow */

/*
 * A tiny min-cost flow (successive shortest paths, Bellman-Ford) for one
 * interval: source -> profile (capacity = agents with that eligible skill
 * set) -> skill (unbounded) -> sink through two arcs: `required` units at
 * cost -under_weight and unbounded units at cost over_weight.  All agents
 * must be routed.  The cost of skill k with n agents is convex in n, so
 * the successive-shortest-path optimum is the best allocation.
 */
struct arc {
	int to;
	double cap, cost;
};

struct flow {
	int n_nodes, n_arcs, cap_arcs;
	struct arc *arc;     /* arc 2i and its reverse 2i+1 */
	int *head, *next;    /* adjacency lists */
	double *dist;
	int *pred;           /* arc used to reach a node */
};

#define FLOW_INF 1e18
#define FLOW_EPS 1e-9

static int flow_init(struct flow *f, int n_nodes, int n_arcs)
{
	memset(f, 0, sizeof(*f));
	f->n_nodes = n_nodes;
	f->cap_arcs = 2 * n_arcs;
	f->arc = malloc((size_t)f->cap_arcs * sizeof(*f->arc));
	f->next = malloc((size_t)f->cap_arcs * sizeof(int));
	f->head = malloc((size_t)n_nodes * sizeof(int));
	f->dist = malloc((size_t)n_nodes * sizeof(double));
	f->pred = malloc((size_t)n_nodes * sizeof(int));
	if (!f->arc || !f->next || !f->head || !f->dist || !f->pred)
		return -1;
	for (int i = 0; i < n_nodes; i++)
		f->head[i] = -1;
	return 0;
}

static void flow_free(struct flow *f)
{
	free(f->arc);
	free(f->next);
	free(f->head);
	free(f->dist);
	free(f->pred);
}

static void flow_reset(struct flow *f, int n_nodes)
{
	f->n_nodes = n_nodes;
	f->n_arcs = 0;
	for (int i = 0; i < n_nodes; i++)
		f->head[i] = -1;
}

/* Returns the index of the forward arc. */
static int flow_arc(struct flow *f, int from, int to, double cap, double cost)
{
	int i = f->n_arcs;

	f->arc[i] = (struct arc){to, cap, cost};
	f->next[i] = f->head[from];
	f->head[from] = i;
	f->arc[i + 1] = (struct arc){from, 0, -cost};
	f->next[i + 1] = f->head[to];
	f->head[to] = i + 1;
	f->n_arcs += 2;
	return i;
}

/* Push up to `amount` from src to dst along cheapest paths; returns the
 * amount pushed. */
static double flow_run(struct flow *f, int src, int dst, double amount)
{
	double pushed = 0;

	while (pushed < amount - FLOW_EPS) {
		double push = amount - pushed;
		int changed = 1;

		for (int i = 0; i < f->n_nodes; i++) {
			f->dist[i] = FLOW_INF;
			f->pred[i] = -1;
		}
		f->dist[src] = 0;
		for (int round = 0; changed && round < f->n_nodes; round++) {
			changed = 0;
			for (int u = 0; u < f->n_nodes; u++) {
				if (f->dist[u] >= FLOW_INF)
					continue;
				for (int a = f->head[u]; a >= 0;
				     a = f->next[a]) {
					const struct arc *ar = &f->arc[a];
					double nd = f->dist[u] + ar->cost;

					if (ar->cap > FLOW_EPS &&
					    nd < f->dist[ar->to] - 1e-12) {
						f->dist[ar->to] = nd;
						f->pred[ar->to] = a;
						changed = 1;
					}
				}
			}
		}
		if (f->pred[dst] < 0)
			break;
		for (int v = dst; v != src; v = f->arc[f->pred[v] ^ 1].to)
			if (f->arc[f->pred[v]].cap < push)
				push = f->arc[f->pred[v]].cap;
		for (int v = dst; v != src; v = f->arc[f->pred[v] ^ 1].to) {
			f->arc[f->pred[v]].cap -= push;
			f->arc[f->pred[v] ^ 1].cap += push;
		}
		pushed += push;
	}
	return pushed;
}

/* Skills an assignment of type s may count for, for employee e. */
static uint64_t eligible(const struct rota_problem *p, int e, int s)
{
	uint64_t all = p->n_skills >= 64 ? ~UINT64_C(0)
					 : (UINT64_C(1) << p->n_skills) - 1;
	uint64_t serve = p->types[s].skills ? p->types[s].skills : all;

	return serve & p->employees[e].skills & all;
}

struct profile {
	uint64_t mask;
	int count;
};

static int cmp_profile(const void *a, const void *b)
{
	uint64_t x = ((const struct profile *)a)->mask;
	uint64_t y = ((const struct profile *)b)->mask;

	return x < y ? -1 : x > y;
}

/* Counts shift cover per (day, type) and adds its under- and over-cover
 * terms. */
static void check_shift_cover(struct ctx *c)
{
	const struct rota_problem *p = c->p;
	struct rota_check_report *r = c->r;
	int E = p->n_employees, D = p->n_days;

	for (int e = 0; e < E; e++)
		for (int d = 0; d < D; d++) {
			int s = type_of(c, e, d);

			if (s >= 0)
				r->cover_n[(size_t)d * (size_t)p->n_types +
					   (size_t)s]++;
		}
	for (int d = 0; d < D; d++)
		for (int s = 0; s < p->n_types; s++) {
			const struct rota_cover *cv = rota_problem_cover(p, d, s);
			int n = r->cover_n[(size_t)d * (size_t)p->n_types +
					   (size_t)s];

			if (n < cv->required) {
				r->cover_short += cv->required - n;
				r->term[ROTA_TERM_cover_under] +=
					cv->under_weight * (cv->required - n);
			} else
				r->term[ROTA_TERM_cover_over] +=
					cv->over_weight * (n - cv->required);
		}
}

/* One assignment as an interval range and its eligible skill set. */
struct assignment {
	const struct rota_slot *slot;
	uint64_t mask;
};

/* Lists the roster's assignments in as[]; returns how many. */
static int collect_assignments(const struct ctx *c, struct assignment *as)
{
	const struct rota_problem *p = c->p;
	int K = p->n_skills, E = p->n_employees, D = p->n_days;
	int n_assign = 0;

	for (int e = 0; e < E; e++)
		for (int d = 0; d < D; d++) {
			int s = type_of(c, e, d);
			const struct rota_slot *sl;

			if (s < 0)
				continue;
			sl = rota_problem_slot(p, d, s);
			as[n_assign].slot = sl;
			as[n_assign].mask = K ? eligible(p, e, s) : 0;
			n_assign++;
		}
	return n_assign;
}

/* Counts the assignments covering interval t into the headcount and puts
 * those with a skill into prof[], one agent each; returns how many. */
static int interval_profiles(struct rota_check_report *r,
			     const struct assignment *as, int n_assign,
			     int t, struct profile *prof)
{
	int np = 0;

	for (int i = 0; i < n_assign; i++) {
		if (!rota_slot_covers(as[i].slot, t))
			continue;
		r->headcount[t]++;
		if (as[i].mask == 0)
			continue;
		prof[np].mask = as[i].mask;
		prof[np].count = 1;
		np++;
	}
	return np;
}

/* Merges equal skill sets of prof[0..np) into one profile each; returns
 * the number of distinct sets. */
static int merge_profiles(struct profile *prof, int np)
{
	int m = 0;

	qsort(prof, (size_t)np, sizeof(*prof), cmp_profile);
	for (int i = 0; i < np; i++) {
		if (m && prof[m - 1].mask == prof[i].mask)
			prof[m - 1].count += prof[i].count;
		else
			prof[m++] = prof[i];
	}
	return m;
}

/* Resets f to source -> profiles -> skills for one interval; nodes: 0
 * source, 1..np profiles, np+1..np+K skills, np+K+1 sink (the skill ->
 * sink arcs are the caller's). */
static void profile_network(struct flow *f, const struct profile *prof,
			    int np, int K)
{
	int src = 0, sink = np + K + 1;

	flow_reset(f, sink + 1);
	for (int i = 0; i < np; i++) {
		flow_arc(f, src, 1 + i, prof[i].count, 0);
		for (int k = 0; k < K; k++)
			if (prof[i].mask & (UINT64_C(1) << k))
				flow_arc(f, 1 + i, np + 1 + k, FLOW_INF, 0);
	}
}

/* Allocates interval t's total agents to skills at least cost, records
 * the served counts and adds the under- and over-staffing terms. */
static void allocate_interval(struct ctx *c, struct flow *f,
			      const struct profile *prof, int np, int total,
			      int t)
{
	const struct rota_problem *p = c->p;
	struct rota_check_report *r = c->r;
	int K = p->n_skills;
	int src = 0, sink = np + K + 1;
	int first_arc[ROTA_MAX_SKILLS];

	profile_network(f, prof, np, K);
	for (int k = 0; k < K; k++) {
		const struct rota_demand *dm = rota_problem_demand(p, t, k);

		first_arc[k] = flow_arc(f, np + 1 + k, sink, dm->required,
					-dm->under_weight);
		flow_arc(f, np + 1 + k, sink, FLOW_INF, dm->over_weight);
	}
	flow_run(f, src, sink, total);
	for (int k = 0; k < K; k++) {
		const struct rota_demand *dm = rota_problem_demand(p, t, k);
		/* flow on the two skill -> sink arcs */
		double n = f->arc[first_arc[k] + 1].cap +
			   f->arc[first_arc[k] + 3].cap;
		double nk = floor(n + 0.5);

		r->served[(size_t)t * (size_t)K + (size_t)k] = nk;
		if (nk < dm->required)
			r->term[ROTA_TERM_under] +=
				dm->under_weight * (dm->required - nk);
		else
			r->term[ROTA_TERM_over] +=
				dm->over_weight * (nk - dm->required);
	}
}

/* Checks that the solution's own allocation of interval t is a feasible
 * one; marks the report if not. */
static void check_given(struct ctx *c, struct flow *f,
			const struct profile *prof, int np, int total, int t)
{
	const struct rota_solution *sol = c->sol;
	struct rota_check_report *r = c->r;
	int K = c->p->n_skills;
	int src = 0, sink = np + K + 1;
	double given = 0;

	profile_network(f, prof, np, K);
	for (int k = 0; k < K; k++) {
		double g = sol->served[(size_t)t * (size_t)K + (size_t)k];

		if (!(g >= -1e-6)) {
			given = -1;
			break;
		}
		given += g;
		flow_arc(f, np + 1 + k, sink, g > 0 ? g : 0, 0);
	}
	if (given < 0 || fabs(given - total) > 1e-6 ||
	    fabs(flow_run(f, src, sink, total) - total) > 1e-6) {
		r->served_given_ok = 0;
		r->served_bad_interval = t;
	}
}

static int check_coverage(struct ctx *c, struct rota_error *err)
{
	const struct rota_problem *p = c->p;
	const struct rota_solution *sol = c->sol;
	struct rota_check_report *r = c->r;
	int T = p->n_intervals, K = p->n_skills, E = p->n_employees;
	int D = p->n_days;
	struct profile *prof = NULL;
	struct flow f;
	int n_assign = 0, rc = 0;
	struct assignment *as = NULL;

	check_shift_cover(c);
	if (T == 0)
		return 0;

	/* the assignments as interval ranges and eligible skill sets */
	as = malloc(((size_t)E * (size_t)D + 1) * sizeof(*as));
	prof = malloc(((size_t)E * (size_t)D + 1) * sizeof(*prof));
	memset(&f, 0, sizeof(f));
	if (!as || !prof ||
	    flow_init(&f, 2 + E * D + K + 1, E * D + E * D * K + 2 * K + 1)) {
		rc = rota_error_set(err, ROTA_ENOMEM,
				    "out of memory checking coverage");
		goto out;
	}
	n_assign = collect_assignments(c, as);
	for (int t = 0; t < T; t++) {
		int np = interval_profiles(r, as, n_assign, t, prof);
		int total = np;

		if (K == 0)
			continue;
		np = merge_profiles(prof, np);
		allocate_interval(c, &f, prof, np, total, t);
		if (!sol->served || r->served_given_ok == 0)
			continue;
		check_given(c, &f, prof, np, total, t);
	}
out:
	flow_free(&f);
	free(as);
	free(prof);
	return rc;
}

/* ---------------------------------------------------------------- main */

/* Order: employee (group records last), day (horizon-wide last), kind. */
static int before(const struct rota_violation *x, const struct rota_violation *y)
{
	int ex = x->employee < 0 ? INT_MAX : x->employee;
	int ey = y->employee < 0 ? INT_MAX : y->employee;
	int dx = x->day < 0 ? INT_MAX : x->day;
	int dy = y->day < 0 ? INT_MAX : y->day;

	if (ex != ey)
		return ex < ey;
	if (dx != dy)
		return dx < dy;
	return x->kind < y->kind;
}

/* Stable merge sort (equal records keep the order they were found in). */
static int sort_violations(struct rota_check_report *r)
{
	size_t n = r->n_violations;
	struct rota_violation *a = r->violations, *tmp;

	if (n < 2)
		return 0;
	if (!(tmp = malloc(n * sizeof(*tmp))))
		return -1;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n;
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				tmp[k++] = before(&a[j], &a[i]) ? a[j++]
								: a[i++];
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		memcpy(a, tmp, n * sizeof(*a));
	}
	free(tmp);
	return 0;
}

void rota_check_report_free(struct rota_check_report *r)
{
	if (!r)
		return;
	free(r->violations);
	free(r->cover_n);
	free(r->headcount);
	free(r->served);
	free(r->paid_min);
	free(r);
}

/* Checks that the roster fits the problem's dimensions and that its
 * types and skills are in range; returns 0 or the error's code. */
static int roster_fits(const struct rota_problem *p,
		       const struct rota_solution *sol, struct rota_error *err)
{
	size_t ED;

	if (sol->n_employees != p->n_employees || sol->n_days != p->n_days ||
	    (sol->served && (sol->n_intervals != p->n_intervals ||
			     sol->n_skills != p->n_skills)) ||
	    (!sol->type && p->n_employees))
		return rota_error_set(err, ROTA_EDATA,
				      "roster does not fit the problem (%d "
				      "employees x %d days, problem %d x %d)",
				      sol->n_employees, sol->n_days,
				      p->n_employees, p->n_days);
	ED = (size_t)p->n_employees * (size_t)p->n_days;
	for (size_t i = 0; i < ED; i++) {
		int s = sol->type[i];
		int k = sol->skill ? sol->skill[i] : -1;

		if (s < -1 || s >= p->n_types)
			return rota_error_set(
				err, ROTA_EDATA,
				"roster: employee %zu day %zu: shift type %d "
				"out of range", i / (size_t)p->n_days,
				i % (size_t)p->n_days, s);
		if (k < -1 || k >= p->n_skills)
			return rota_error_set(
				err, ROTA_EDATA,
				"roster: employee %zu day %zu: skill %d out "
				"of range", i / (size_t)p->n_days,
				i % (size_t)p->n_days, k);
	}
	return 0;
}

/* Sets a new report's dimensions and allocates its arrays; returns -1 if
 * one could not be allocated (the report is then freed by the caller). */
static int report_init(struct rota_check_report *r,
		       const struct rota_problem *p,
		       const struct rota_solution *sol)
{
	size_t DS = (size_t)p->n_days * (size_t)p->n_types;
	size_t TK = (size_t)p->n_intervals * (size_t)p->n_skills;

	r->n_days = p->n_days;
	r->n_types = p->n_types;
	r->n_intervals = p->n_intervals;
	r->n_skills = p->n_skills;
	r->n_employees = p->n_employees;
	r->served_given_ok = sol->served && TK ? 1 : -1;
	r->served_bad_interval = -1;
	r->cover_n = calloc(DS ? DS : 1, sizeof(int));
	r->headcount = calloc(p->n_intervals ? (size_t)p->n_intervals : 1,
			      sizeof(int));
	r->paid_min = calloc(p->n_employees ? (size_t)p->n_employees : 1,
			     sizeof(int));
	if (TK)
		r->served = calloc(TK, sizeof(double));
	if (!r->cover_n || !r->headcount || !r->paid_min || (TK && !r->served))
		return -1;
	return 0;
}

/* Counts paid time and shifts, then runs every rule's check but
 * coverage (an allocation failure is left in c->failed). */
static void run_checks(struct ctx *c)
{
	const struct rota_problem *p = c->p;
	struct rota_check_report *r = c->r;

	for (int e = 0; e < p->n_employees; e++)
		for (int d = 0; d < p->n_days; d++) {
			int s = type_of(c, e, d);

			if (s < 0)
				continue;
			r->paid_min[e] += p->types[s].paid_min;
			r->shifts++;
		}
	for (int e = 0; e < p->n_employees; e++) {
		r->paid_min_total += r->paid_min[e];
		check_placement(c, e);
		check_fixed(c, e);
		check_bans(c, e);
		check_weeks(c, e);
		check_max_consecutive(c, e);
		check_min_blocks(c, e, 1);
		check_min_blocks(c, e, 0);
		check_rest(c, e);
		check_weekends(c, e);
		check_totals(c, e);
	}
	check_requests(c);
	check_fairness(c);
	check_changes(c);
}

int rota_check(const struct rota_problem *p, const struct rota_solution *sol,
	       struct rota_check_report **out, struct rota_error *err)
{
	struct rota_check_report *r = NULL;
	struct ctx c;
	int rc;

	if ((rc = rota_problem_validate(p, err)) < 0)
		return rc;
	if (!sol || !out)
		return rota_error_set(err, ROTA_EINVAL,
				      "rota_check: missing argument");
	if ((rc = roster_fits(p, sol, err)) < 0)
		return rc;

	if (!(r = calloc(1, sizeof(*r))))
		goto nomem;
	if (report_init(r, p, sol) < 0)
		goto nomem;

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.sol = sol;
	c.r = r;
	run_checks(&c);
	if (c.failed)
		goto nomem;
	if ((rc = check_coverage(&c, err)) < 0)
		goto fail;
	r->term[ROTA_TERM_cost] = p->cost_per_min * (double)r->paid_min_total;
	r->objective = 0;
	for (int t = 0; t < ROTA_TERM_COUNT; t++)
		r->objective += r->term[t];
	if (sort_violations(r) < 0)
		goto nomem;
	*out = r;
	return 0;
nomem:
	rc = rota_error_set(err, ROTA_ENOMEM, "out of memory checking a roster");
fail:
	rota_check_report_free(r);
	return rc;
}
