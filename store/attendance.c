/*
 * store/attendance.c - attendance of one employee: pure computation.
 *
 * No database here: shifts and effective punches in, rows and totals out.
 * docs/attendance.md states the definitions; the steps below follow them in
 * order:
 *   1. pair the punches in time order into work periods (in -> next out, at
 *      most 16 h); the rest are missing-in / missing-out exceptions;
 *   2. attribute each period to the shift it overlaps most (ties: the
 *      earlier shift), none: unscheduled work; attribute each unpaired punch
 *      to the nearest shift within 2 h of it, none: a stray punch;
 *   3. per shift: late, early leave, absent or excused, worked (without
 *      the unpaid break), overtime, covered (of the paid intervals P),
 *      break overrun, each in seconds, then whole minutes rounded down;
 *   4. keep the rows in the range, in time order, and add them up.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* An unpaired punch is attributed to a shift at most this far from it. */
#define ATTRIBUTION_WINDOW_S (2 * 3600)

struct period {
	int64_t in, out;   /* [in, out); out = max(in, now) when open */
	size_t in_p, out_p;
	int open;          /* in progress: no out yet, in < 16 h before now */
	long shift;        /* attributed shift, -1 = none */
	long row;          /* row it belongs to, -1 = outside the report */
};

struct unpaired {
	size_t p;          /* punch index */
	int status;        /* ROTA_ATT_NO_IN / ROTA_ATT_NO_OUT */
	long shift;
	long row;
};

/* What the rows are built from, then sorted by (start, kind, seq). */
struct row_spec {
	int64_t start;
	int kind;
	size_t seq;        /* shift / period / unpaired index */
};

struct work {
	const struct rota_att_shift *s;
	size_t ns;
	const struct rota_punch *p;
	size_t np;
	int64_t max_len;   /* longest shift */
	int deduct;        /* break_auto_deduct */
	struct period *per;
	size_t nper;
	struct unpaired *un;
	size_t nun;
	long *shift_row;   /* row of each shift, -1 = not reported */
};

double rota_att_adherence(const struct rota_att_totals *t)
{
	if (t->scheduled_min <= 0)
		return -1;
	return (double)t->covered_min / (double)t->scheduled_min;
}

double rota_att_conformance(const struct rota_att_totals *t)
{
	if (t->scheduled_min <= 0)
		return -1;
	return (double)t->worked_min / (double)t->scheduled_min;
}

double rota_att_punctuality(const struct rota_att_totals *t)
{
	long attended = t->shifts - t->absences - t->excused_shifts;

	if (attended <= 0)
		return -1;
	return (double)(attended - t->late_count) / (double)attended;
}

void rota_att_totals_add(struct rota_att_totals *t,
			 const struct rota_att_row *r)
{
	switch (r->kind) {
	case ROTA_ATT_SHIFT:
		t->shifts++;
		t->scheduled_min += r->scheduled_min;
		t->worked_min += r->worked_min;
		t->late_count += (r->flags & ROTA_ATT_LATE) != 0;
		t->late_min += r->late_min;
		t->early_count += (r->flags & ROTA_ATT_EARLY) != 0;
		t->early_min += r->early_min;
		t->absences += (r->flags & ROTA_ATT_ABSENT) != 0;
		t->missing_punches += r->missing;
		t->overtime_min += r->overtime_min;
		t->covered_min += r->covered_min;
		t->break_overrun_count +=
			(r->flags & ROTA_ATT_BREAK_OVERRUN) != 0;
		t->break_overrun_min += r->break_overrun_min;
		if ((r->flags & ROTA_ATT_EXCUSED) && r->excused >= 0 &&
		    r->excused < ROTA_ATT_MAX_LEAVE) {
			t->excused_shifts++;
			t->excused_min += r->excused_min;
			t->excused[r->excused]++;
		}
		break;
	case ROTA_ATT_UNSCHEDULED:
		t->worked_min += r->worked_min;
		t->overtime_min += r->overtime_min;
		t->unscheduled_min += r->worked_min;
		break;
	default:
		t->missing_punches += r->missing;
		break;
	}
}

void rota_attendance_release(struct rota_attendance *a)
{
	if (!a)
		return;
	free(a->rows);
	free(a->items);
	memset(a, 0, sizeof(*a));
}

/* ------------------------------------------------------------ 1. pairing */

static void pair(struct work *w, int64_t now)
{
	long open = -1;

	for (size_t i = 0; i < w->np; i++) {
		const struct rota_punch *q = &w->p[i];

		if (q->kind == ROTA_PUNCH_IN) {
			if (open >= 0)
				w->un[w->nun++] = (struct unpaired){
					(size_t)open, ROTA_ATT_NO_OUT, -1, -1};
			open = (long)i;
			continue;
		}
		if (open >= 0 &&
		    q->at - w->p[open].at <= ROTA_PUNCH_MAX_PERIOD_S) {
			struct period *pe = &w->per[w->nper++];

			memset(pe, 0, sizeof(*pe));
			pe->in = w->p[open].at;
			pe->out = q->at;
			pe->in_p = (size_t)open;
			pe->out_p = i;
			pe->shift = pe->row = -1;
		} else {
			if (open >= 0)
				w->un[w->nun++] = (struct unpaired){
					(size_t)open, ROTA_ATT_NO_OUT, -1, -1};
			w->un[w->nun++] =
				(struct unpaired){i, ROTA_ATT_NO_IN, -1, -1};
		}
		open = -1;
	}
	if (open >= 0) {
		int64_t at = w->p[open].at;

		/* still in progress when the out may yet come */
		if (now != INT64_MAX && at > now - ROTA_PUNCH_MAX_PERIOD_S) {
			struct period *pe = &w->per[w->nper++];

			memset(pe, 0, sizeof(*pe));
			pe->in = at;
			pe->out = now > at ? now : at;
			pe->in_p = pe->out_p = (size_t)open;
			pe->open = 1;
			pe->shift = pe->row = -1;
		} else {
			w->un[w->nun++] = (struct unpaired){
				(size_t)open, ROTA_ATT_NO_OUT, -1, -1};
		}
	}
}

/* ----------------------------------------------------------- 2. attribution */

/* First shift whose start is > t (strict) or >= t. */
static size_t first_start_after(const struct work *w, int64_t t, int strict)
{
	size_t lo = 0, hi = w->ns;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strict ? w->s[mid].start <= t : w->s[mid].start < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int64_t overlap(int64_t a, int64_t b, int64_t c, int64_t d)
{
	int64_t lo = a > c ? a : c, hi = b < d ? b : d;

	return hi > lo ? hi - lo : 0;
}

/* The nearest shift within the window of instant t; ties: earlier. */
static long attribute_instant(const struct work *w, int64_t t)
{
	size_t k = first_start_after(w, t + ATTRIBUTION_WINDOW_S, 1);
	int64_t best_d = INT64_MAX;
	long best = -1;

	while (k-- > 0) {
		const struct rota_att_shift *s = &w->s[k];
		int64_t d;

		if (s->start < t - ATTRIBUTION_WINDOW_S - w->max_len)
			break;
		d = t < s->start ? s->start - t : t > s->end ? t - s->end : 0;
		/* walking backwards: >= lets the earlier shift win a tie */
		if (d <= ATTRIBUTION_WINDOW_S && d <= best_d) {
			best_d = d;
			best = (long)k;
		}
	}
	return best;
}

/* The shift period [a, b) overlaps most; ties: earlier; none: -1. */
static long attribute_period(const struct work *w, int64_t a, int64_t b)
{
	size_t k;
	int64_t best_o = 0;
	long best = -1;

	if (b <= a)
		return attribute_instant(w, a);
	k = first_start_after(w, b, 0);
	while (k-- > 0) {
		const struct rota_att_shift *s = &w->s[k];
		int64_t o;

		if (s->start <= a - w->max_len)
			break;
		o = overlap(a, b, s->start, s->end);
		if (o > 0 && o >= best_o) {
			best_o = o;
			best = (long)k;
		}
	}
	return best;
}

static int has_break(const struct rota_att_shift *s)
{
	return s->break_end > s->break_start;
}

/* Seconds of [a, b) inside the paid intervals P of shift s. */
static int64_t paid_part(const struct rota_att_shift *s, int64_t a,
			 int64_t b)
{
	if (!has_break(s))
		return overlap(a, b, s->start, s->end);
	return overlap(a, b, s->start, s->break_start) +
	       overlap(a, b, s->break_end, s->end);
}

/* Seconds of [a, b) inside shift s's unpaid break. */
static int64_t break_part(const struct rota_att_shift *s, int64_t a,
			  int64_t b)
{
	return has_break(s) ? overlap(a, b, s->break_start, s->break_end) : 0;
}

/* Seconds of [a, b) inside the paid intervals of any shift (the shifts of
 * one person do not overlap; where they do, the earlier one counts). */
static int64_t paid_overlap(const struct work *w, int64_t a, int64_t b)
{
	size_t k = first_start_after(w, b, 0), lo = k;
	int64_t sum = 0, cur = a;

	if (b <= a)
		return 0;
	/* shifts overlapping [a, b) are among [lo, k), lo found backwards */
	while (lo > 0 && w->s[lo - 1].start > a - w->max_len)
		lo--;
	for (size_t i = lo; i < k; i++) {
		const struct rota_att_shift *s = &w->s[i];
		int64_t piece[2][2] = {
			{s->start, has_break(s) ? s->break_start : s->end},
			{has_break(s) ? s->break_end : s->end, s->end}};

		for (int j = 0; j < 2; j++) {
			int64_t x = piece[j][0] > cur ? piece[j][0] : cur;
			int64_t y = piece[j][1] < b ? piece[j][1] : b;

			if (y > x) {
				sum += y - x;
				cur = y;
			}
		}
	}
	return sum;
}

/* Seconds of P of shift k covered by closed work periods (disjoint). */
static int64_t covered(const struct work *w, size_t k)
{
	const struct rota_att_shift *s = &w->s[k];
	size_t lo = 0, hi = w->nper;
	int64_t sum = 0;

	/* first period ending after the shift starts (outs increase) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->per[mid].out <= s->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < w->nper && w->per[i].in < s->end; i++)
		if (!w->per[i].open)
			sum += paid_part(s, w->per[i].in, w->per[i].out);
	return sum;
}

/* --------------------------------------------------------------- 3. rows */

static int cmp_spec(const void *a, const void *b)
{
	const struct row_spec *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_item(const void *a, const void *b)
{
	const struct rota_att_item *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int minutes(int64_t seconds)
{
	return seconds > 0 ? (int)(seconds / 60) : 0;
}

/* What is attributed to one row, gathered in one pass. */
struct acc {
	int64_t first_in, last_out, worked, overtime;
	int64_t prev_out;   /* out of the last closed period, INT64_MIN */
	int64_t back;       /* in after a gap over the break, INT64_MIN */
	int attributed;
};

static void gather(const struct work *w, struct acc *acc, size_t nrows,
		   struct rota_att_row *rows)
{
	for (size_t r = 0; r < nrows; r++) {
		acc[r].first_in = INT64_MAX;
		acc[r].last_out = acc[r].prev_out = acc[r].back = INT64_MIN;
	}
	/* periods in time order: a gap between two of one shift that
	 * overlaps its break is the break, the in after it the return */
	for (size_t i = 0; i < w->nper; i++) {
		const struct period *pe = &w->per[i];
		const struct rota_att_shift *s;
		int64_t brk, ot;
		struct acc *a;

		if (pe->row < 0 || pe->shift < 0)
			continue;
		s = &w->s[pe->shift];
		a = &acc[pe->row];
		a->attributed++;
		if (pe->in < a->first_in)
			a->first_in = pe->in;
		if (has_break(s) && a->prev_out != INT64_MIN &&
		    a->prev_out < s->break_end && pe->in > s->break_start)
			a->back = pe->in;
		if (pe->open) {
			rows[pe->row].flags |= ROTA_ATT_OPEN;
			continue;
		}
		a->prev_out = pe->out;
		if (pe->out > a->last_out)
			a->last_out = pe->out;
		brk = w->deduct ? break_part(s, pe->in, pe->out) : 0;
		a->worked += pe->out - pe->in - brk;
		ot = pe->out - pe->in - paid_overlap(w, pe->in, pe->out) - brk;
		a->overtime += ot > 0 ? ot : 0;
	}
	for (size_t i = 0; i < w->nun; i++) {
		const struct unpaired *u = &w->un[i];
		int64_t at = w->p[u->p].at;
		struct acc *a;

		if (u->row < 0 || u->shift < 0)
			continue;
		a = &acc[u->row];
		a->attributed++;
		rows[u->row].missing++;
		if (u->status == ROTA_ATT_NO_OUT) {
			rows[u->row].flags |= ROTA_ATT_MISSING_OUT;
			if (at < a->first_in)
				a->first_in = at;
		} else {
			rows[u->row].flags |= ROTA_ATT_MISSING_IN;
			if (at > a->last_out)
				a->last_out = at;
		}
	}
}

/* Figures of the row of shift k from what is attributed to it. */
static void shift_figures(const struct work *w, size_t k,
			  const struct acc *a,
			  const struct rota_att_options *opt,
			  struct rota_att_row *row)
{
	const struct rota_att_shift *s = &w->s[k];
	int64_t grace = (int64_t)opt->grace_min * 60;

	row->scheduled_min = minutes(paid_part(s, s->start, s->end));
	row->worked_min = minutes(a->worked);
	row->overtime_min = minutes(a->overtime);
	row->covered_min = minutes(covered(w, k));
	row->excused = -1;
	if (!a->attributed) {
		if (s->excused >= 0) {
			row->flags |= ROTA_ATT_EXCUSED;
			row->excused = s->excused;
			row->excused_min = row->scheduled_min;
			row->scheduled_min = row->covered_min = 0;
		} else {
			row->flags |= ROTA_ATT_ABSENT;
		}
		return;
	}
	if (a->first_in != INT64_MAX && a->first_in > s->start + grace) {
		row->flags |= ROTA_ATT_LATE;
		row->late_min = minutes(a->first_in - s->start);
	}
	if (!(row->flags & ROTA_ATT_OPEN) && a->last_out != INT64_MIN &&
	    a->last_out < s->end - grace) {
		row->flags |= ROTA_ATT_EARLY;
		row->early_min = minutes(s->end - a->last_out);
	}
	if (a->back != INT64_MIN && a->back > s->break_end + grace) {
		row->flags |= ROTA_ATT_BREAK_OVERRUN;
		row->break_overrun_min = minutes(a->back - s->break_end);
	}
}

static int check_input(const struct work *w, struct rota_error *err)
{
	for (size_t i = 0; i < w->ns; i++) {
		const struct rota_att_shift *s = &w->s[i];

		if (s->end <= s->start)
			return rota_error_set(err, ROTA_EINVAL,
					      "attendance: shift %zu ends "
					      "before it starts", i);
		if (has_break(s) &&
		    (s->break_start < s->start || s->break_end > s->end))
			return rota_error_set(err, ROTA_EINVAL,
					      "attendance: the break of shift "
					      "%zu is not inside it", i);
		if (s->excused >= ROTA_ATT_MAX_LEAVE)
			return rota_error_set(err, ROTA_EINVAL,
					      "attendance: shift %zu: leave "
					      "type %d out of range", i,
					      s->excused);
		if (i && (w->s[i].start < w->s[i - 1].start ||
			  (w->s[i].start == w->s[i - 1].start &&
			   w->s[i].end < w->s[i - 1].end)))
			return rota_error_set(err, ROTA_EINVAL,
					      "attendance: shifts are not "
					      "sorted by start");
	}
	for (size_t i = 0; i < w->np; i++) {
		if (w->p[i].kind != ROTA_PUNCH_IN &&
		    w->p[i].kind != ROTA_PUNCH_OUT)
			return rota_error_set(err, ROTA_EINVAL,
					      "attendance: punch %lld is "
					      "neither in nor out",
					      (long long)w->p[i].id);
		if (i && (w->p[i].at < w->p[i - 1].at ||
			  (w->p[i].at == w->p[i - 1].at &&
			   w->p[i].id < w->p[i - 1].id)))
			return rota_error_set(err, ROTA_EINVAL,
					      "attendance: punches are not "
					      "sorted by time");
	}
	return 0;
}

static struct rota_att_item item_of(const struct rota_punch *p, int status)
{
	struct rota_att_item it;

	it.id = p->id;
	it.at = p->at;
	it.kind = p->kind;
	it.status = status;
	return it;
}

/* The rows of the report, sorted: shifts that started in the range and
 * ended by now, closed unscheduled periods and stray punches in it. */
static size_t row_specs(const struct work *w,
			const struct rota_att_options *opt,
			struct row_spec *spec)
{
	size_t nspec = 0;

	for (size_t k = 0; k < w->ns; k++)
		if (w->s[k].start >= opt->from && w->s[k].start < opt->to &&
		    w->s[k].end <= opt->now)
			spec[nspec++] = (struct row_spec){w->s[k].start,
							  ROTA_ATT_SHIFT, k};
	for (size_t i = 0; i < w->nper; i++)
		if (w->per[i].shift < 0 && !w->per[i].open &&
		    w->per[i].in >= opt->from && w->per[i].in < opt->to)
			spec[nspec++] = (struct row_spec){
				w->per[i].in, ROTA_ATT_UNSCHEDULED, i};
	for (size_t i = 0; i < w->nun; i++) {
		int64_t at = w->p[w->un[i].p].at;

		if (w->un[i].shift < 0 && at >= opt->from && at < opt->to)
			spec[nspec++] =
				(struct row_spec){at, ROTA_ATT_STRAY, i};
	}
	if (nspec)
		qsort(spec, nspec, sizeof(*spec), cmp_spec);
	return nspec;
}

/* Map shifts, periods and unpaired punches to their rows. */
static void map_rows(struct work *w, const struct row_spec *spec,
		     size_t nspec)
{
	for (size_t k = 0; k < w->ns; k++)
		w->shift_row[k] = -1;
	for (size_t r = 0; r < nspec; r++) {
		if (spec[r].kind == ROTA_ATT_SHIFT)
			w->shift_row[spec[r].seq] = (long)r;
		else if (spec[r].kind == ROTA_ATT_UNSCHEDULED)
			w->per[spec[r].seq].row = (long)r;
		else
			w->un[spec[r].seq].row = (long)r;
	}
	for (size_t i = 0; i < w->nper; i++)
		if (w->per[i].shift >= 0)
			w->per[i].row = w->shift_row[w->per[i].shift];
	for (size_t i = 0; i < w->nun; i++)
		if (w->un[i].shift >= 0)
			w->un[i].row = w->shift_row[w->un[i].shift];
}

/* Items: counted per row, then placed in each row's slice (fill[r] is
 * where the next item of row r goes); sorted later. */
static void place_items(const struct work *w, struct rota_attendance *res,
			size_t *fill)
{
	for (size_t i = 0; i < w->nper; i++)
		if (w->per[i].row >= 0)
			res->rows[w->per[i].row].n_items +=
				w->per[i].open ? 1 : 2;
	for (size_t i = 0; i < w->nun; i++)
		if (w->un[i].row >= 0)
			res->rows[w->un[i].row].n_items++;
	for (size_t r = 0; r < res->n_rows; r++) {
		res->rows[r].first_item = res->n_items;
		fill[r] = res->n_items;
		res->n_items += res->rows[r].n_items;
	}
	for (size_t i = 0; i < w->nper; i++) {
		const struct period *pe = &w->per[i];

		if (pe->row < 0)
			continue;
		if (pe->open) {
			res->items[fill[pe->row]++] =
				item_of(&w->p[pe->in_p], ROTA_ATT_IN_PROGRESS);
			continue;
		}
		res->items[fill[pe->row]++] =
			item_of(&w->p[pe->in_p], ROTA_ATT_PAIRED);
		res->items[fill[pe->row]++] =
			item_of(&w->p[pe->out_p], ROTA_ATT_PAIRED);
	}
	for (size_t i = 0; i < w->nun; i++)
		if (w->un[i].row >= 0)
			res->items[fill[w->un[i].row]++] =
				item_of(&w->p[w->un[i].p], w->un[i].status);
}

/* A row's figures by its kind: a shift's, an unscheduled period's (all
 * overtime) or a stray punch's (a missing in or out). */
static void row_figures(const struct work *w, const struct row_spec *spec,
			const struct acc *acc,
			const struct rota_att_options *opt,
			struct rota_att_row *row)
{
	row->kind = spec->kind;
	row->shift = -1;
	if (spec->kind == ROTA_ATT_SHIFT) {
		size_t k = spec->seq;

		row->shift = (long)k;
		row->start = w->s[k].start;
		row->end = w->s[k].end;
		shift_figures(w, k, acc, opt, row);
	} else if (spec->kind == ROTA_ATT_UNSCHEDULED) {
		const struct period *pe = &w->per[spec->seq];

		row->start = pe->in;
		row->end = pe->out;
		row->excused = -1;
		row->worked_min = row->overtime_min = minutes(pe->out - pe->in);
	} else {
		const struct unpaired *u = &w->un[spec->seq];

		row->start = row->end = w->p[u->p].at;
		row->excused = -1;
		row->missing = 1;
		row->flags = u->status == ROTA_ATT_NO_IN ? ROTA_ATT_MISSING_IN
							 : ROTA_ATT_MISSING_OUT;
	}
}

int rota_attendance_compute(const struct rota_att_shift *shifts,
			    size_t n_shifts, const struct rota_punch *punches,
			    size_t n_punches,
			    const struct rota_att_options *opt,
			    struct rota_attendance *out,
			    struct rota_error *err)
{
	struct work w;
	struct row_spec *spec = NULL;
	struct rota_attendance res;
	size_t nspec = 0, *fill = NULL;
	struct acc *acc = NULL;
	int rc;

	memset(&w, 0, sizeof(w));
	memset(&res, 0, sizeof(res));
	w.s = shifts;
	w.ns = n_shifts;
	w.p = punches;
	w.np = n_punches;
	w.deduct = opt->break_auto_deduct;
	if ((rc = check_input(&w, err)) < 0)
		return rc;
	/* as of `now`: later punches have not happened yet */
	while (w.np > 0 && w.p[w.np - 1].at > opt->now)
		w.np--;
	n_punches = w.np;
	for (size_t i = 0; i < n_shifts; i++)
		if (shifts[i].end - shifts[i].start > w.max_len)
			w.max_len = shifts[i].end - shifts[i].start;
	w.per = malloc((n_punches + 1) * sizeof(*w.per));
	w.un = malloc((n_punches + 1) * sizeof(*w.un));
	w.shift_row = malloc((n_shifts + 1) * sizeof(*w.shift_row));
	spec = malloc((n_shifts + 2 * n_punches + 1) * sizeof(*spec));
	if (!w.per || !w.un || !w.shift_row || !spec) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}

	/* 1. pairing, 2. attribution */
	pair(&w, opt->now);
	for (size_t i = 0; i < w.nper; i++)
		w.per[i].shift = attribute_period(&w, w.per[i].in, w.per[i].out);
	for (size_t i = 0; i < w.nun; i++)
		w.un[i].shift = attribute_instant(&w, w.p[w.un[i].p].at);
	nspec = row_specs(&w, opt, spec);
	map_rows(&w, spec, nspec);

	res.rows = calloc(nspec + 1, sizeof(*res.rows));
	res.items = malloc((n_punches + 1) * sizeof(*res.items));
	fill = calloc(nspec + 1, sizeof(*fill));
	acc = calloc(nspec + 1, sizeof(*acc));
	if (!res.rows || !res.items || !fill || !acc) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	res.n_rows = nspec;
	place_items(&w, &res, fill);

	/* 3. figures per row */
	gather(&w, acc, nspec, res.rows);
	for (size_t r = 0; r < nspec; r++) {
		struct rota_att_row *row = &res.rows[r];

		if (row->n_items > 1)
			qsort(res.items + row->first_item, row->n_items,
			      sizeof(*res.items), cmp_item);
		row_figures(&w, &spec[r], &acc[r], opt, row);
		rota_att_totals_add(&res.total, row);
	}
	*out = res;
	memset(&res, 0, sizeof(res));
	rc = 0;
out:
	rota_attendance_release(&res);
	free(w.per);
	free(w.un);
	free(w.shift_row);
	free(spec);
	free(fill);
	free(acc);
	return rc;
}

void rota_attendance_keep(struct rota_attendance *a, int64_t from,
			  int64_t to)
{
	size_t n = 0;

	memset(&a->total, 0, sizeof(a->total));
	for (size_t r = 0; r < a->n_rows; r++) {
		if (a->rows[r].start < from || a->rows[r].start >= to)
			continue;
		a->rows[n] = a->rows[r];
		rota_att_totals_add(&a->total, &a->rows[n]);
		n++;
	}
	a->n_rows = n;
}

/* ---------------------------------------------------------- Bradford */

void rota_att_bradford(const struct rota_attendance *a,
		       const struct rota_att_shift *shifts,
		       const unsigned char *unplanned,
		       struct rota_bradford *out)
{
	/* per scheduled day: 0 not scheduled (planned leave only),
	 * 1 attended, 2 unplanned absence */
	int32_t day = 0;
	int state = 0, in_spell = 0, have = 0;

	memset(out, 0, sizeof(*out));
	for (size_t r = 0; r <= a->n_rows; r++) {
		const struct rota_att_row *row = r < a->n_rows ? &a->rows[r]
							       : NULL;
		int s = 0;

		if (row && row->kind != ROTA_ATT_SHIFT)
			continue;
		if (row) {
			if (row->flags & ROTA_ATT_ABSENT)
				s = 2;
			else if (!(row->flags & ROTA_ATT_EXCUSED))
				s = 1;
			else if (unplanned && row->excused >= 0 &&
				 unplanned[row->excused])
				s = 2;
		}
		/* close the previous day when this row starts a new one */
		if (have && (!row || shifts[row->shift].day != day)) {
			if (state == 2) {
				out->days++;
				if (!in_spell)
					out->spells++;
				in_spell = 1;
			} else if (state == 1) {
				in_spell = 0;
			}
			have = 0;
		}
		if (!row)
			break;
		if (!have) {
			day = shifts[row->shift].day;
			state = 0;
			have = 1;
		}
		/* attended wins over absent, absent over planned leave */
		if (s == 1 || (s == 2 && state == 0))
			state = s;
	}
	out->factor = out->spells * out->spells * out->days;
}
