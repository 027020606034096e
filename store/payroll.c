/*
 * store/payroll.c - one employee's pay codes from the attendance: pure (no
 * database), docs/attendance.md "Payroll".
 *
 *   1. per shift row, the minutes worked inside its paid intervals P
 *      (covered, paid at the schedule) and outside them (extra: before the
 *      start, after the end, through the break when it is not deducted,
 *      and all of an unscheduled period), with their intervals;
 *   2. per day, in order from the Monday: extra minutes are paid only when
 *      approved (or with pay_unapproved_overtime); paid minutes past the
 *      daily threshold, approved extra minutes, and regular minutes past
 *      the weekly threshold are overtime; the rest of the extra is not
 *      paid;
 *   3. premiums on the paid intervals (covered, and the approved extra
 *      taken from the end of the day): night window, weekend days, holidays;
 *   4. leave: excused shifts pay their paid minutes, approved leave its
 *      credit, by type.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

/* An interval of worked time, on the day of the row it belongs to. */
struct piece {
	int32_t day;
	int64_t a, b;
	int extra;       /* outside the paid intervals */
};

struct work {
	struct piece *p;
	size_t n, cap;
};

static int add(struct work *w, int32_t day, int64_t a, int64_t b, int extra)
{
	if (b <= a)
		return 0;
	if (ROTA_GROW(w->p, w->cap, w->n) < 0)
		return -1;
	w->p[w->n++] = (struct piece){day, a, b, extra};
	return 0;
}

static int64_t overlap(int64_t a, int64_t b, int64_t c, int64_t d)
{
	int64_t lo = a > c ? a : c, hi = b < d ? b : d;

	return hi > lo ? hi - lo : 0;
}

static int minutes(int64_t s)
{
	return s > 0 ? (int)(s / 60) : 0;
}

static int cmp_piece(const void *x, const void *y)
{
	const struct piece *a = x, *b = y;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->a < b->a ? -1 : a->a > b->a;
}

/* Per day: minutes at the schedule and outside it. */
struct day {
	int32_t day;
	long cov, extra;
};

/* The pieces of one period [a, b) of a shift row. */
static int shift_pieces(struct work *w, const struct rota_att_shift *s,
			int32_t day, int64_t a, int64_t b, int deduct,
			int64_t *covered)
{
	int brk = s->break_end > s->break_start;
	int64_t p0[2] = {s->start, brk ? s->break_end : s->end};
	int64_t p1[2] = {brk ? s->break_start : s->end, s->end};

	for (int i = 0; i < 2; i++) {
		int64_t lo = a > p0[i] ? a : p0[i], hi = b < p1[i] ? b : p1[i];

		if (hi > lo) {
			*covered += hi - lo;
			if (add(w, day, lo, hi, 0) < 0)
				return -1;
		}
	}
	if (add(w, day, a, b < s->start ? b : s->start, 1) < 0 ||
	    add(w, day, a > s->end ? a : s->end, b, 1) < 0)
		return -1;
	if (brk && !deduct) {
		int64_t lo = a > s->break_start ? a : s->break_start;
		int64_t hi = b < s->break_end ? b : s->break_end;

		if (add(w, day, lo, hi, 1) < 0)
			return -1;
	}
	return 0;
}

/* 1. the rows' minutes and pieces, by day */
static int collect(const struct rota_attendance *a,
		   const struct rota_att_shift *shifts,
		   const struct rota_pay_rules *r, int32_t first, int32_t to,
		   struct day *days, struct work *w)
{
	for (size_t k = 0; k < a->n_rows; k++) {
		const struct rota_att_row *row = &a->rows[k];
		int32_t day = row->shift >= 0 ? shifts[row->shift].day
					      : rota_tz_day_of(r->tz, row->start);
		struct day *d;
		int64_t covered = 0, in = INT64_MIN;
		long cov;

		if (row->kind == ROTA_ATT_STRAY || day < first || day > to)
			continue;
		d = &days[day - first];
		if (row->kind == ROTA_ATT_UNSCHEDULED) {
			d->extra += row->worked_min;
			if (add(w, day, row->start, row->end, 1) < 0)
				return -1;
			continue;
		}
		/* the row's work periods: its paired punches, in, out, ... */
		for (size_t i = 0; i < row->n_items; i++) {
			const struct rota_att_item *it =
				&a->items[row->first_item + i];

			if (it->status != ROTA_ATT_PAIRED)
				continue;
			if (it->kind == ROTA_PUNCH_IN) {
				in = it->at;
				continue;
			}
			if (in != INT64_MIN &&
			    shift_pieces(w, &shifts[row->shift], day, in,
					 it->at, r->hr.v[ROTA_HR_break_auto_deduct],
					 &covered) < 0)
				return -1;
			in = INT64_MIN;
		}
		cov = minutes(covered);
		if (cov > row->worked_min)
			cov = row->worked_min;
		d->cov += cov;
		d->extra += row->worked_min - cov;
	}
	return 0;
}

static const struct rota_holiday *holiday(const struct rota_pay_rules *r,
					  int32_t day)
{
	size_t lo = 0, hi = r->n_holidays;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->holidays[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n_holidays && r->holidays[lo].day == day
		       ? &r->holidays[lo]
		       : NULL;
}

static int rate_slot(struct rota_pay *out, double rate)
{
	for (int i = 0; i < out->n_rates; i++)
		if (out->rate[i] == rate)
			return i;
	if (out->n_rates >= ROTA_PAY_MAX_RATES)
		return -1;
	out->rate[out->n_rates] = rate;
	return out->n_rates++;
}

/* Premium seconds of the paid interval [a, b): night, weekend, holiday by
 * rate slot (of a day's accumulators). */
struct premium {
	int64_t night, weekend;
	int64_t holiday[ROTA_PAY_MAX_RATES];
};

/* The local day boundaries and night windows around a payroll day d:
 * days d - 1, d and d + 1 (the tz look-ups once a day, not per piece). */
struct days3 {
	int32_t d;
	int64_t start[4];          /* midnights of d - 1 ... d + 2 */
	int64_t night[3][2];       /* the night windows starting on them */
};

static void days3_init(const struct rota_pay_rules *r, int32_t d,
		       struct days3 *c)
{
	int ns = r->hr.v[ROTA_HR_night_start], ne = r->hr.v[ROTA_HR_night_end];
	int len = (ne - ns + 1440) % 1440;

	c->d = d;
	for (int k = 0; k < 4; k++)
		c->start[k] = rota_tz_day_start(r->tz, d - 1 + k);
	for (int k = 0; k < 3; k++) {
		c->night[k][0] = rota_tz_local_minutes(r->tz, d - 1 + k, ns);
		c->night[k][1] = len ? rota_tz_local_minutes(r->tz, d - 1 + k,
							     ns + len)
				     : c->night[k][0];
	}
}

/* Premium seconds of the paid interval [a, b) on local day `day`. */
static int on_day(const struct rota_pay_rules *r, int32_t day, int64_t secs,
		  struct rota_pay *out, struct premium *pr)
{
	const struct rota_holiday *h = holiday(r, day);

	if (secs <= 0)
		return 0;
	if (h && h->multiplier > 1) {
		int i = rate_slot(out, h->multiplier);

		if (i < 0)
			return -1;
		pr->holiday[i] += secs;
	} else if (!h && (r->hr.v[ROTA_HR_weekend] >> (rota_weekday(day) - 1)) &
				 1) {
		pr->weekend += secs;
	}
	return 0;
}

static int premiums(const struct rota_pay_rules *r, const struct days3 *c,
		    int64_t a, int64_t b, struct rota_pay *out,
		    struct premium *pr)
{
	struct days3 other;

	/* a piece far from its day (a long unscheduled period): its own */
	if (a < c->start[0] || b > c->start[3]) {
		int32_t d0 = rota_tz_day_of(r->tz, a);
		int32_t d1 = rota_tz_day_of(r->tz, b - 1);

		for (int32_t d = d0; d <= d1; d++) {   /* a day at a time */
			int64_t lo = rota_tz_day_start(r->tz, d);
			int64_t hi = rota_tz_day_start(r->tz, d + 1);

			days3_init(r, d, &other);
			if (premiums(r, &other, a > lo ? a : lo,
				     b < hi ? b : hi, out, pr) < 0)
				return -1;
		}
		return 0;
	}
	for (int k = 0; k < 3; k++) {
		pr->night += overlap(a, b, c->night[k][0], c->night[k][1]);
		if (on_day(r, c->d - 1 + k,
			   overlap(a, b, c->start[k], c->start[k + 1]), out,
			   pr) < 0)
			return -1;
	}
	return 0;
}

int rota_payroll_compute(const struct rota_attendance *a,
			 const struct rota_att_shift *shifts,
			 const struct rota_pay_day *pdays, size_t n_pdays,
			 const struct rota_pay_rules *r, int32_t from,
			 int32_t to, struct rota_pay *out,
			 struct rota_error *err)
{
	const int *hr = r->hr.v;
	int32_t first = rota_week_monday(from);
	size_t nd = (size_t)(to - first + 1), at = 0;
	struct day *days = NULL;
	struct work w = {NULL, 0, 0};
	struct rota_pay pay;
	long week_reg = 0;
	size_t lo = 0, hi = 0;   /* the pieces of the day */
	int rc = 0;

	memset(&pay, 0, sizeof(pay));
	if (to < from)
		return rota_error_set(err, ROTA_EINVAL,
				      "the range ends before it starts");
	if (!(days = calloc(nd, sizeof(*days))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	for (size_t i = 0; i < nd; i++)
		days[i].day = first + (int32_t)i;
	if (collect(a, shifts, r, first, to, days, &w) < 0) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	if (w.n > 1)
		qsort(w.p, w.n, sizeof(*w.p), cmp_piece);

	for (size_t i = 0; i < nd; i++) {
		struct day *d = &days[i];
		const struct rota_pay_day *pd = NULL;
		long base, appr, reg, ot, over;
		int64_t take;
		struct premium pr;
		struct days3 around;

		while (at < n_pdays && pdays[at].day < d->day)
			at++;
		for (lo = hi; lo < w.n && w.p[lo].day < d->day; lo++)
			;
		for (hi = lo; hi < w.n && w.p[hi].day == d->day; hi++)
			;
		if (at < n_pdays && pdays[at].day == d->day)
			pd = &pdays[at];
		if (rota_weekday(d->day) == 1)
			week_reg = 0;
		/* 2. regular, overtime, not paid */
		if (hr[ROTA_HR_pay_unapproved_overtime]) {
			base = d->cov + d->extra;
			appr = 0;
		} else {
			base = d->cov;
			appr = pd && pd->approved_min < d->extra
				       ? pd->approved_min
				       : pd ? d->extra : 0;
		}
		over = hr[ROTA_HR_daily_overtime_after_min] > 0 &&
				       base > hr[ROTA_HR_daily_overtime_after_min]
			       ? base - hr[ROTA_HR_daily_overtime_after_min]
			       : 0;
		reg = base - over;
		ot = appr + over;
		if (hr[ROTA_HR_weekly_overtime_after_min] > 0 &&
		    week_reg + reg > hr[ROTA_HR_weekly_overtime_after_min]) {
			long past = week_reg + reg -
				    hr[ROTA_HR_weekly_overtime_after_min];

			if (past > reg)
				past = reg;
			reg -= past;
			ot += past;
		}
		week_reg += reg;
		if (d->day < from)
			continue;
		pay.regular += reg;
		pay.overtime += ot;
		pay.not_paid += d->cov + d->extra - reg - ot;

		/* 3. premiums on the day's paid pieces: covered ones, and the
		 * paid extra taken from the end of the day */
		memset(&pr, 0, sizeof(pr));
		if (lo < hi)
			days3_init(r, d->day, &around);
		take = hr[ROTA_HR_pay_unapproved_overtime] ? INT64_MAX
							   : (int64_t)appr * 60;
		for (size_t k = hi; k-- > lo;) {
			const struct piece *p = &w.p[k];
			int64_t a0 = p->a;

			if (p->extra) {
				if (take <= 0)
					continue;
				if (take != INT64_MAX && p->b - p->a > take)
					a0 = p->b - take;
				if (take != INT64_MAX)
					take -= p->b - a0;
			}
			if (premiums(r, &around, a0, p->b, &pay, &pr) < 0) {
				rc = rota_error_set(
					err, ROTA_ELIMIT,
					"more than %d holiday multipliers",
					ROTA_PAY_MAX_RATES);
				goto out;
			}
		}
		pay.night += minutes(pr.night);
		pay.weekend += minutes(pr.weekend);
		for (int k = 0; k < pay.n_rates; k++)
			pay.holiday[k] += minutes(pr.holiday[k]);
		/* 4. leave credited that day */
		if (pd)
			for (int k = 0; k < ROTA_ATT_MAX_LEAVE; k++)
				pay.leave[k] += pd->leave_min[k];
	}
	/* excused shifts pay their paid minutes */
	for (size_t k = 0; k < a->n_rows; k++) {
		const struct rota_att_row *row = &a->rows[k];

		if ((row->flags & ROTA_ATT_EXCUSED) && row->excused >= 0 &&
		    row->excused < ROTA_ATT_MAX_LEAVE && row->shift >= 0 &&
		    shifts[row->shift].day >= from &&
		    shifts[row->shift].day <= to)
			pay.leave[row->excused] += row->excused_min;
	}
	*out = pay;
out:
	free(days);
	free(w.p);
	return rc;
}
