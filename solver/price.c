/*
 * solver/price.c - one employee's best week (or horizon) by dynamic
 * programming: the pricing problem of the column generation (colgen.c).
 *
 * Given a cost for every (day, type) and for every day off, find the
 * schedule of one employee with the smallest cost plus the penalties of
 * their soft rules, under their hard rules - exactly the rule semantics of
 * solver.h, as the model (model.c) and the checker (check.c) have them.
 * It is a resource-constrained shortest path over the days: a label is a
 * partial schedule up to day d, summarised by the last day's type, the
 * length of the block of work or days off it ends with, and the resources
 * the rules still need (minutes and days of the current week, nights,
 * minutes of the horizon, shifts per capped type, weekends worked).
 * Labels are pruned by hard rules, by a lower bound on the cost still to
 * come (a backward pass over (day, type) without the resource rules, and
 * one for each hard limit on a count - a capped type's shifts, weekends
 * worked - with that limit kept), and by dominance among labels of the
 * same day, type and block.  A beam ranks by the same bound.
 *
 * What it does not model, it says so when built (solver_pricer_new
 * returns ROTA_ELIMIT): rest conflicts between shifts two or more days
 * apart.  The caller then prices that employee with a MIP.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"

#define INF HUGE_VAL
/* labels of one day an exact search keeps at most (then it is a beam) */
#define PRICE_MAX_DAY_LABELS 400000L

/* resources a label carries (those the employee's rules need) */
enum res_kind {
	RES_WEEK_MIN,   /* paid minutes of the current week */
	RES_WEEK_DAYS,  /* days worked in the current week */
	RES_NIGHTS,     /* night shifts of the current week */
	RES_TOTAL_MIN,  /* paid minutes of the horizon */
	RES_WEEKENDS,   /* weekends worked */
	RES_CAP,        /* shifts of one capped type (several) */
};

/* how two labels' values of a resource compare under dominance */
enum res_order {
	ORDER_LESS,     /* smaller is better (only maxima apply) */
	ORDER_MORE,     /* larger is better (only minima apply) */
	ORDER_EQUAL,    /* both: only equal values compare */
	ORDER_WINDOW,   /* both, hard: a label dominates another when every
			   completion that fits the other's window fits
			   its own (the reachable sums of what is left) */
};

struct resource {
	int kind, type;        /* type: RES_CAP's shift type */
	int order;
};

/* A rule as the pricer applies it: value ROTA_UNSET = not applied;
 * weight 0 = hard. */
struct prule {
	int value;
	double weight;
};

struct solver_pricer {
	const struct rota_problem *p;
	int e, D, S;
	/* allowed[d*S + s]; boundary penalties (soft rest against the
	 * history and the future) in bpen */
	uint8_t *allowed;
	uint8_t *offok;        /* [d] 0 when a pin makes e work on d */
	double *bpen;
	/* trans_of(pr, d)[s1*S + s2]: s1 on d then s2 on d+1: INF forbidden
	 * (ban, hard rest), else the soft rest penalty; the distinct
	 * matrices in trans (most horizons have one or two), tid[d] says
	 * which is day d's */
	double *trans;
	int *tid, ntrans;
	int nweeks;            /* complete 7-day blocks */
	/* weekend: 1 when the day opens a weekend (a Saturday, or a Sunday
	 * on day 0), 2 on the Sunday after a Saturday of the horizon */
	uint8_t *weekend;
	struct prule maxc, minc, minoff, minw, maxw, maxdays, maxnights;
	struct prule mint, maxt, weekends;
	struct prule *cap;     /* [s] */
	int hist_known, hw, ho, fut_known, fw, fo;
	int nres;
	struct resource res[8 + 64];
	/* the resources dominance compares (all but ORDER_EQUAL, which the
	 * bucket key holds equal): cmp[0..nless) ORDER_LESS, then up to
	 * nmore ORDER_MORE, then up to ncmp ORDER_WINDOW (compare_order) */
	int cmp[8 + 64], nless, nmore, ncmp;
	int rcap;              /* runs are counted up to this length */
	int *remmax;           /* [d] most paid minutes days d..D-1 */
	int *weekremmax;       /* [d] most paid minutes d..end of its week */
	/* scratch of one solver_price() call */
	double *lb;            /* [(d * (S+1)) + last+1] completion bound */
	/* the count bound: lbk[d*(D+1) + k] = cheapest way to work exactly
	 * k of days d..D-1; with the hard limits on the horizon's paid
	 * minutes [hmin, hmax] (resource hres) and working days (kmax,
	 * resource dres) it bounds what a label still has to pay */
	double *lbk;
	int hres, dres, hmin, hmax, kmax, minpaid, maxpaid;
	/* window resources: the minutes still reachable from day d on (to
	 * the end of the horizon, or of the week), in steps of gcd minutes:
	 * ge[d*(V+1) + v] = the least reachable sum >= v steps (V+1 none),
	 * le[...] the largest <= v (-1 none) */
	int gcd, V;
	int *ge_h, *le_h, *ge_w, *le_w;
	int cur_day;           /* the day whose labels are being compared */
	/* the most days still workable (pace.c), the shift types by paid
	 * minutes, longest first, and the resource counting each */
	struct solver_pace pace;
	int *bypaid, *capres, nbypaid;
	int tres, wres;        /* the horizon-minutes and weekend resources
				  (-1: none), looked up once: every label
				  is checked against them */
	int pace_first;        /* a beam ranks by pace_miss() first
				  (SOLVER_PACE_*), 0 not */
	double pace_r0;        /* the most paid minutes a day-0 label can
				  end with (pace_room), 0 unknown */
	/* the limit bounds (not the count bound of lbk) of the hard limits
	 * on counts (a capped type's shifts, weekends worked) small enough
	 * to tabulate: for limit i, rbt + rb_off[i] holds at [(d * (S + 1)
	 * + last + 1) * (rb_max[i] + 1) + r] the cheapest completion of days
	 * d..D-1 after `last` that counts at most r more (resource_bound;
	 * rbt is scratch of one solver_price_k call) */
	int nrb, rb_res[8 + 64], rb_max[8 + 64];
	size_t rb_off[8 + 64 + 1];
	double *rbt;
	struct solver_budget *bu; /* an exact search stops when it is out */
	long max_labels;       /* an exact search making more gives up
				  (ROTA_ELIMIT); 0: no limit */
	int clock;             /* a beam too stops at bu's time cap */
	int defer;             /* the caller charges (solver_pricer_defer) */
};

/* ------------------------------------------------------------ building */

static const double *trans_of(const struct solver_pricer *pr, int d)
{
	return pr->trans + (size_t)pr->tid[d] * (size_t)pr->S * (size_t)pr->S;
}

/* Working on day d counts a weekend more (after a day worked: was_on):
 * a day that opens one, or its Sunday after a Saturday off. */
static int weekend_opens(const struct solver_pricer *pr, int d, int was_on)
{
	return pr->weekend[d] == 1 || (pr->weekend[d] == 2 && !was_on);
}

static struct prule prule_of(const struct rota_rule_value *v)
{
	struct prule r = {v->value, v->weight};

	return r;
}

static int active(const struct prule *r)
{
	return r->value != ROTA_UNSET;
}

static void add_res(struct solver_pricer *pr, int kind, int type,
		    const struct prule *min, const struct prule *max)
{
	struct resource *r;
	int has_min = min && active(min), has_max = max && active(max);

	if (!has_min && !has_max)
		return;
	r = &pr->res[pr->nres++];
	r->kind = kind;
	r->type = type;
	r->order = has_min && has_max ? ORDER_EQUAL
		   : has_max	      ? ORDER_LESS
				      : ORDER_MORE;
}

static int paid(const struct solver_pricer *pr, int s)
{
	return pr->p->types[s].paid_min;
}

void solver_pricer_free(struct solver_pricer *pr)
{
	if (!pr)
		return;
	free(pr->allowed);
	free(pr->offok);
	free(pr->bpen);
	free(pr->trans);
	free(pr->tid);
	free(pr->weekend);
	free(pr->cap);
	free(pr->remmax);
	free(pr->weekremmax);
	solver_pace_free(&pr->pace);
	free(pr->bypaid);
	free(pr->capres);
	free(pr->rbt);
	free(pr->lb);
	free(pr->lbk);
	free(pr->ge_h);
	free(pr->le_h);
	free(pr->ge_w);
	free(pr->le_w);
	free(pr);
}

/* Which (day, type) e may work, and the soft boundary penalties: the
 * same columns create_x() makes in model.c. */
static void fill_allowed(struct solver_pricer *pr)
{
	const struct rota_problem *p = pr->p;
	const struct rota_problem_employee *pe = &p->employees[pr->e];
	const struct rota_history *h = &pe->history;
	const struct rota_future *fu = &pe->future;
	const struct rota_rule_value *rest = &pe->rule[ROTA_RULE_min_rest_min];
	int S = pr->S;

	for (int d = 0; d < pr->D; d++) {
		int pin = rota_problem_fixed(p, pr->e, d);

		pr->offok[d] = pin < 0;
		for (int s = 0; s < S; s++) {
			const struct rota_slot *sl = rota_problem_slot(p, d, s);
			int bad = 0, ok = rota_problem_can_work(p, pr->e, d, s);

			if (pin != ROTA_FREE && pin != s)
				ok = 0;
			if (d == 0 && h->known && h->last_type >= 0 &&
			    p->ban[h->last_type * S + s])
				ok = 0;
			if (d == pr->D - 1 && fu->known && fu->first_type >= 0 &&
			    p->ban[s * S + fu->first_type])
				ok = 0;
			if (rest->value != ROTA_UNSET) {
				int64_t r = (int64_t)rest->value * 60;

				if (h->known && h->last_end != INT64_MIN &&
				    sl->start - h->last_end < r)
					bad++;
				if (fu->known && fu->first_start != INT64_MAX &&
				    fu->first_start - sl->end < r)
					bad++;
			}
			if (bad && rest->weight == 0)
				ok = 0;
			pr->allowed[d * S + s] = (uint8_t)ok;
			pr->bpen[d * S + s] = bad ? bad * rest->weight : 0;
		}
	}
}

/* Bans and rest between consecutive days; ROTA_ELIMIT when two shifts
 * further apart are too close (not modelled by the labels). */
static int fill_trans(struct solver_pricer *pr)
{
	const struct rota_problem *p = pr->p;
	const struct rota_rule_value *rest =
		&p->employees[pr->e].rule[ROTA_RULE_min_rest_min];
	int S = pr->S, D = pr->D;
	size_t SS = (size_t)S * (size_t)S;

	for (int d = 0; d + 1 < D; d++) {
		double *t = pr->trans + (size_t)pr->ntrans * SS;
		int found = -1;

		for (int s1 = 0; s1 < S; s1++)
			for (int s2 = 0; s2 < S; s2++) {
				double *v = &t[s1 * S + s2];

				*v = 0;
				if (p->ban[s1 * S + s2])
					*v = INF;
				else if (rest->value != ROTA_UNSET &&
					 solver_model_rest_conflict(
						 p, d, s1, d + 1, s2,
						 rest->value))
					*v = rest->weight > 0 ? rest->weight
							      : INF;
			}
		for (int k = 0; k < pr->ntrans && found < 0; k++)
			if (memcmp(pr->trans + (size_t)k * SS, t,
				   SS * sizeof(double)) == 0)
				found = k;
		pr->tid[d] = found >= 0 ? found : pr->ntrans++;
	}
	if (rest->value == ROTA_UNSET)
		return 0;
	for (int d = 0; d + 2 < D; d++)
		for (int s1 = 0; s1 < S; s1++) {
			if (!pr->allowed[d * S + s1])
				continue;
			for (int gap = 2; gap <= 3 && d + gap < D; gap++)
				for (int s2 = 0; s2 < S; s2++)
					if (pr->allowed[(d + gap) * S + s2] &&
					    solver_model_rest_conflict(
						    p, d, s1, d + gap, s2,
						    rest->value))
						return ROTA_ELIMIT;
		}
	return 0;
}

static void count_limits(struct solver_pricer *pr);
static int reach_tables(struct solver_pricer *pr);
static int pace_tables(struct solver_pricer *pr);
static void compare_order(struct solver_pricer *pr);
static void resource_tables(struct solver_pricer *pr);
static int res_index(const struct solver_pricer *pr, int kind, int type);

/* Allocates the pricer's per-day and per-type arrays; returns -1 when one
 * could not be (the caller frees the pricer). */
static int alloc_arrays(struct solver_pricer *pr)
{
	int D = pr->D, S = pr->S;
	size_t DS = (size_t)D * (size_t)S;

	pr->allowed = malloc(DS + 1);
	pr->offok = malloc((size_t)D + 1);
	pr->bpen = malloc((DS + 1) * sizeof(double));
	pr->trans = malloc((DS * (size_t)S + 1) * sizeof(double));
	pr->tid = calloc((size_t)D + 1, sizeof(int));
	pr->weekend = calloc((size_t)D + 1, 1);
	pr->cap = malloc(((size_t)S + 1) * sizeof(*pr->cap));
	pr->remmax = calloc((size_t)D + 2, sizeof(int));
	pr->weekremmax = calloc((size_t)D + 2, sizeof(int));

	if (!pr->allowed || !pr->offok || !pr->bpen || !pr->trans ||
	    !pr->tid || !pr->weekend ||
	    !pr->cap || !pr->remmax || !pr->weekremmax)
		return -1;
	return 0;
}

/* Shrinks pr->trans to the distinct matrices fill_trans found. */
static void keep_distinct_trans(struct solver_pricer *pr)
{
	int S = pr->S;
	/* keep the distinct matrices only */
	double *t = realloc(pr->trans,
			    ((size_t)pr->ntrans * (size_t)S *
				     (size_t)S +
			     1) * sizeof(double));

	if (t)
		pr->trans = t;
}

/* Counts the complete weeks and marks the days that open a weekend. */
static void mark_weekends(struct solver_pricer *pr)
{
	const struct rota_problem *p = pr->p;
	int D = pr->D;

	pr->nweeks = D / 7;
	for (int d = 0; d < D; d++) {
		int wd = rota_problem_weekday(p, d);

		if (wd == 6 || (wd == 7 && d == 0))
			pr->weekend[d] = 1;
		else if (wd == 7)
			pr->weekend[d] = 2;
	}
}

/* Reads employee e's rules, type caps, history and future, as model.c
 * applies them. */
static void read_rules(struct solver_pricer *pr)
{
	const struct rota_problem *p = pr->p;
	int e = pr->e, S = pr->S;
	const struct rota_problem_employee *pe = &p->employees[e];
	const struct rota_rule_value *R = pe->rule;

	/* the rules, as model.c applies them */
	pr->maxc = prule_of(&R[ROTA_RULE_max_consecutive_days]);
	pr->minc = prule_of(&R[ROTA_RULE_min_consecutive_days]);
	pr->minoff = prule_of(&R[ROTA_RULE_min_consecutive_days_off]);
	pr->minw = prule_of(&R[ROTA_RULE_min_week_min]);
	pr->maxw = prule_of(&R[ROTA_RULE_max_week_min]);
	pr->maxdays = prule_of(&R[ROTA_RULE_max_days_week]);
	pr->maxnights = prule_of(&R[ROTA_RULE_max_nights]);
	pr->mint = prule_of(&R[ROTA_RULE_min_total_min]);
	pr->maxt = prule_of(&R[ROTA_RULE_max_total_min]);
	pr->weekends = prule_of(&R[ROTA_RULE_max_weekends]);
	if (active(&pr->minw) && pr->minw.value <= 0)
		pr->minw.value = ROTA_UNSET;
	if (active(&pr->maxdays) && pr->maxdays.value >= 7)
		pr->maxdays.value = ROTA_UNSET;
	if (active(&pr->mint) && pr->mint.value <= 0)
		pr->mint.value = ROTA_UNSET;
	if (active(&pr->weekends)) {
		if (pe->history.known)
			pr->weekends.value -= pe->history.weekends_worked;
		if (pr->weekends.value < 0)
			pr->weekends.value = 0; /* the past cannot be undone */
	}
	if (pr->nweeks == 0) {
		pr->minw.value = pr->maxw.value = ROTA_UNSET;
		pr->maxdays.value = pr->maxnights.value = ROTA_UNSET;
	}
	for (int s = 0; s < S; s++)
		pr->cap[s] = prule_of(&p->type_max[e * S + s]);
	pr->hist_known = pe->history.known;
	pr->hw = pe->history.known ? pe->history.days_worked : 0;
	pr->ho = pe->history.known ? pe->history.days_off : 0;
	pr->fut_known = pe->future.known;
	pr->fw = pe->future.known ? pe->future.days_worked : 0;
	pr->fo = pe->future.known ? pe->future.days_off : 0;
}

/* Adds the resources the rules need; returns ROTA_ELIMIT when the capped
 * types need more than a label can carry (the caller frees the pricer). */
static int add_resources(struct solver_pricer *pr)
{
	int D = pr->D, S = pr->S;

	/* the resources the rules need */
	add_res(pr, RES_WEEK_MIN, -1, &pr->minw, &pr->maxw);
	add_res(pr, RES_WEEK_DAYS, -1, NULL, &pr->maxdays);
	add_res(pr, RES_NIGHTS, -1, NULL, &pr->maxnights);
	add_res(pr, RES_TOTAL_MIN, -1, &pr->mint, &pr->maxt);
	add_res(pr, RES_WEEKENDS, -1, NULL, &pr->weekends);
	for (int s = 0; s < S; s++) {
		int can = 0;

		for (int d = 0; d < D; d++)
			can += pr->allowed[d * S + s];
		if (active(&pr->cap[s]) && can > pr->cap[s].value) {
			if (pr->nres >= (int)(sizeof(pr->res) /
					      sizeof(pr->res[0])))
				return ROTA_ELIMIT;
			add_res(pr, RES_CAP, s, NULL, &pr->cap[s]);
		}
	}
	return 0;
}

/* Sets the length up to which runs are counted, and the most paid minutes
 * still possible from each day (to the horizon's and the week's end). */
static void run_cap_and_remmax(struct solver_pricer *pr)
{
	int D = pr->D, S = pr->S;

	pr->rcap = 1;
	if (active(&pr->maxc))
		pr->rcap = pr->maxc.value + 1;
	if (active(&pr->minc) && pr->minc.value > pr->rcap)
		pr->rcap = pr->minc.value;
	if (active(&pr->minoff) && pr->minoff.value > pr->rcap)
		pr->rcap = pr->minoff.value;
	if (pr->rcap > 250)
		pr->rcap = 250;
	/* most paid minutes still possible, for the minimum rules */
	for (int d = D - 1; d >= 0; d--) {
		int best = 0;

		for (int s = 0; s < S; s++)
			if (pr->allowed[d * S + s] && paid(pr, s) > best)
				best = paid(pr, s);
		pr->remmax[d] = pr->remmax[d + 1] + best;
		pr->weekremmax[d] = best + (d % 7 == 6 ? 0 : pr->weekremmax[d + 1]);
	}
}

int solver_pricer_new(const struct rota_problem *p, int e,
		      struct solver_pricer **out)
{
	int D = p->n_days, S = p->n_types, rc;
	struct solver_pricer *pr = calloc(1, sizeof(*pr));

	if (!pr)
		return ROTA_ENOMEM;
	pr->p = p;
	pr->e = e;
	pr->D = D;
	pr->S = S;
	if (alloc_arrays(pr) < 0) {
		solver_pricer_free(pr);
		return ROTA_ENOMEM;
	}
	fill_allowed(pr);
	if ((rc = fill_trans(pr)) < 0) {
		solver_pricer_free(pr);
		return rc;
	}
	keep_distinct_trans(pr);
	mark_weekends(pr);
	read_rules(pr);
	if ((rc = add_resources(pr)) < 0) {
		solver_pricer_free(pr);
		return rc;
	}
	run_cap_and_remmax(pr);
	count_limits(pr);
	if (reach_tables(pr) < 0 || pace_tables(pr) < 0) {
		solver_pricer_free(pr);
		return ROTA_ENOMEM;
	}
	compare_order(pr);
	resource_tables(pr);
	*out = pr;
	return 0;
}

static int gcd_int(int a, int b)
{
	while (b) {
		int t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/*
 * Reachable sums of paid minutes from day d on (to the horizon's end, or
 * to the week's end when week), ignoring every rule but the allowed
 * types: a superset of what any completion can add, which is what the
 * window dominance needs to stay exact.
 */
static int reach_one(struct solver_pricer *pr, int week, int **ge_out,
		     int **le_out)
{
	int D = pr->D, S = pr->S, V = pr->V;
	size_t W = (size_t)V + 1;
	uint8_t *r = calloc(((size_t)D + 1) * W, 1);
	int *ge = malloc(((size_t)D + 1) * W * sizeof(int));
	int *le = malloc(((size_t)D + 1) * W * sizeof(int));

	if (!r || !ge || !le) {
		free(r);
		free(ge);
		free(le);
		return -1;
	}
	for (int d = D; d >= 0; d--) {
		uint8_t *cur = r + (size_t)d * W;
		const uint8_t *nx = r + (size_t)(d + 1) * W;

		if (d == D || (week && d % 7 == 6 && d < 7 * pr->nweeks)) {
			/* nothing after: only the day itself (or none) */
			memset(cur, 0, W);
			cur[0] = 1;
			if (d == D)
				goto tables;
			nx = NULL;
		}
		if (nx)
			memcpy(cur, nx, W); /* the day off */
		for (int s = 0; s < S; s++) {
			int k;

			if (!pr->allowed[d * S + s])
				continue;
			k = paid(pr, s) / pr->gcd;
			for (int v = V; v >= k; v--)
				if ((nx ? nx[v - k] : v == k))
					cur[v] = 1;
		}
tables:
		{
			int *g = ge + (size_t)d * W, *l = le + (size_t)d * W;
			int last = -1;

			for (int v = 0; v <= V; v++) {
				if (cur[v])
					last = v;
				l[v] = last;
			}
			last = V + 1;
			for (int v = V; v >= 0; v--) {
				if (cur[v])
					last = v;
				g[v] = last;
			}
		}
	}
	free(r);
	*ge_out = ge;
	*le_out = le;
	return 0;
}

/* The window resources and their reachable sums. */
static int reach_tables(struct solver_pricer *pr)
{
	int need_h = 0, need_w = 0, g = 0, top = 0;

	for (int i = 0; i < pr->nres; i++) {
		struct resource *r = &pr->res[i];

		if (r->order != ORDER_EQUAL)
			continue;
		if (r->kind == RES_TOTAL_MIN && pr->mint.weight == 0 &&
		    pr->maxt.weight == 0) {
			r->order = ORDER_WINDOW;
			need_h = 1;
			top = pr->maxt.value > top ? pr->maxt.value : top;
		} else if (r->kind == RES_WEEK_MIN && pr->minw.weight == 0 &&
			   pr->maxw.weight == 0) {
			r->order = ORDER_WINDOW;
			need_w = 1;
			top = pr->maxw.value > top ? pr->maxw.value : top;
		}
	}
	if (!need_h && !need_w)
		return 0;
	for (int s = 0; s < pr->S; s++)
		if (paid(pr, s) > 0)
			g = gcd_int(g, paid(pr, s));
	if (g == 0 || ((size_t)top / (size_t)g + 2) * ((size_t)pr->D + 1) >
			      (size_t)2000000) {
		/* nothing paid, or too fine: compare by equality */
		for (int i = 0; i < pr->nres; i++)
			if (pr->res[i].order == ORDER_WINDOW)
				pr->res[i].order = ORDER_EQUAL;
		return 0;
	}
	pr->gcd = g;
	pr->V = top / g + 1;
	if ((need_h && reach_one(pr, 0, &pr->ge_h, &pr->le_h) < 0) ||
	    (need_w && reach_one(pr, 1, &pr->ge_w, &pr->le_w) < 0))
		return -1;
	return 0;
}

static int hard_value(const struct prule *r)
{
	return active(r) && r->weight == 0 ? r->value : 0;
}

/* The pace table (pace.c) and the longest shift types first, for the
 * hard minimum of the horizon's paid minutes. */
static int pace_tables(struct solver_pricer *pr)
{
	int D = pr->D, S = pr->S, rc, *pm = NULL;
	uint8_t *work_ok = calloc((size_t)D + 1, 1);
	struct solver_pace_types ty = {0, NULL, NULL, NULL, NULL};

	pr->tres = res_index(pr, RES_TOTAL_MIN, -1);
	pr->wres = res_index(pr, RES_WEEKENDS, -1);
	pr->bypaid = malloc(((size_t)S + 1) * sizeof(int));
	pr->capres = malloc(((size_t)S + 1) * sizeof(int));
	if (!work_ok || !pr->bypaid || !pr->capres) {
		free(work_ok);
		return -1;
	}
	for (int s = 0; s < S; s++) {
		int can = 0, i = res_index(pr, RES_CAP, s), k;

		for (int d = 0; d < D; d++) {
			can |= pr->allowed[d * S + s];
			work_ok[d] |= pr->allowed[d * S + s];
		}
		pr->capres[s] = i >= 0 && pr->cap[s].weight == 0 ? i : -1;
		if (!can || paid(pr, s) <= 0)
			continue;
		/* insertion by paid minutes, longest first */
		for (k = pr->nbypaid++;
		     k > 0 && paid(pr, pr->bypaid[k - 1]) < paid(pr, s); k--)
			pr->bypaid[k] = pr->bypaid[k - 1];
		pr->bypaid[k] = s;
	}
	if (hard_value(&pr->mint) > 0) {
		/* the minutes table too: what a hard minimum needs */
		if (!(ty.paid = pm = malloc(((size_t)S + 1) * sizeof(int)))) {
			free(work_ok);
			return -1;
		}
		for (int s = 0; s < S; s++)
			pm[s] = paid(pr, s);
		ty.S = S;
		ty.allowed = pr->allowed;
		ty.trans = pr->trans;
		ty.tid = pr->tid;
	}
	rc = solver_pace_build(&pr->pace, D, work_ok, pr->offok, pr->weekend,
			       hard_value(&pr->maxc), hard_value(&pr->minc),
			       hard_value(&pr->minoff),
			       active(&pr->weekends) &&
					       pr->weekends.weight == 0
				       ? pr->weekends.value
				       : -1,
			       &ty);
	free(work_ok);
	free(pm);
	return rc < 0 ? -1 : 0;
}

/* Steps of gcd minutes: ceil and floor of minutes / gcd, clamped. */
static int steps_up(const struct solver_pricer *pr, int minutes)
{
	int v = minutes <= 0 ? 0 : (minutes + pr->gcd - 1) / pr->gcd;

	return v > pr->V ? pr->V + 1 : v;
}

static int steps_down(const struct solver_pricer *pr, int minutes)
{
	return minutes < 0 ? -1 : minutes / pr->gcd > pr->V ? pr->V
							      : minutes / pr->gcd;
}

/* Window dominance of resource i: a (value ta) covers b (value tb). */
static int window_le(const struct solver_pricer *pr, int i, int ta, int tb)
{
	const struct resource *r = &pr->res[i];
	int week = r->kind == RES_WEEK_MIN;
	int lo = week ? pr->minw.value : pr->mint.value;
	int hi = week ? pr->maxw.value : pr->maxt.value;
	int d = pr->cur_day + 1;
	size_t W = (size_t)pr->V + 1;
	const int *ge = (week ? pr->ge_w : pr->ge_h) + (size_t)d * W;
	const int *le = (week ? pr->le_w : pr->le_h) + (size_t)d * W;
	int from, to, rlo, rhi;

	if (ta == tb)
		return 1;
	if (week && (pr->cur_day % 7 == 6 || pr->cur_day >= 7 * pr->nweeks))
		return 0;
	/* b's completions: reachable r with lo <= tb + r <= hi */
	from = steps_up(pr, lo - tb);
	to = steps_down(pr, hi - tb);
	if (from > pr->V || to < 0)
		return 1; /* b has none: anything covers it */
	rlo = ge[from];
	rhi = le[to];
	if (rlo > to || rhi < from || rlo > pr->V || rhi < 0)
		return 1;
	return ta + rlo * pr->gcd >= lo && ta + rhi * pr->gcd <= hi;
}

/* The hard limits of the count bound (see struct solver_pricer). */
static void count_limits(struct solver_pricer *pr)
{
	int one_week = pr->nweeks == 1 && pr->D == 7;

	pr->hres = pr->dres = -1;
	pr->hmin = 0;
	pr->hmax = INT_MAX;
	pr->kmax = pr->D;
	pr->minpaid = INT_MAX;
	pr->maxpaid = 0;
	for (int d = 0; d < pr->D; d++)
		for (int s = 0; s < pr->S; s++)
			if (pr->allowed[d * pr->S + s]) {
				int m = paid(pr, s);

				pr->minpaid = m < pr->minpaid ? m : pr->minpaid;
				pr->maxpaid = m > pr->maxpaid ? m : pr->maxpaid;
			}
	for (int i = 0; i < pr->nres; i++) {
		const struct resource *r = &pr->res[i];
		const struct prule *lo = NULL, *hi = NULL;

		if (r->kind == RES_TOTAL_MIN) {
			lo = &pr->mint;
			hi = &pr->maxt;
		} else if (r->kind == RES_WEEK_MIN && one_week &&
			   pr->hres < 0) {
			lo = &pr->minw;
			hi = &pr->maxw;
		} else if (r->kind == RES_WEEK_DAYS && one_week) {
			if (pr->maxdays.weight == 0) {
				pr->dres = i;
				pr->kmax = pr->maxdays.value;
			}
			continue;
		} else {
			continue;
		}
		if (active(lo) && lo->weight == 0) {
			pr->hres = i;
			pr->hmin = lo->value;
		}
		if (active(hi) && hi->weight == 0) {
			pr->hres = i;
			pr->hmax = hi->value;
		}
	}
}

/* -------------------------------------------------------------- labels */

struct label {
	double cost;
	int pred;         /* index in the previous day's labels, -1: none */
	int16_t last;     /* type worked that day, -1 off */
	uint8_t run;      /* length of the block it ends with (capped) */
	uint8_t exempt;   /* that block began on day 0, history unknown */
	int alive;
	int lsum;         /* its ORDER_LESS resources less its ORDER_MORE
			     ones: a label dominates another only when its
			     lsum is no larger (day_insert_copy) */
	int res[];        /* nres values */
};

struct pool {
	char *mem;
	size_t n, cap, size;   /* labels, capacity, stride between labels */
	size_t bytes;          /* bytes of one label (size rounded up to the
				  label's alignment gives the stride) */
};

static struct label *at(const struct pool *pl, size_t i)
{
	return (struct label *)(pl->mem + i * pl->size);
}

static struct label *push(struct pool *pl)
{
	if (pl->n == pl->cap) {
		size_t nc = pl->cap ? pl->cap * 2 : 256;
		char *m = realloc(pl->mem, nc * pl->size);

		if (!m)
			return NULL;
		pl->mem = m;
		pl->cap = nc;
	}
	return at(pl, pl->n++);
}

/* Hash of what must be equal for two labels to compare. */
static uint64_t key_hash(const struct solver_pricer *pr, const struct label *l)
{
	uint64_t h = (uint64_t)(l->last + 2) * 0x9E3779B97F4A7C15u;

	h ^= ((uint64_t)l->run << 8 | l->exempt) * 0xC2B2AE3D27D4EB4Fu;
	for (int i = 0; i < pr->nres; i++)
		if (pr->res[i].order == ORDER_EQUAL)
			h = (h ^ (uint64_t)(uint32_t)l->res[i]) *
			    0x100000001B3u;
	return h ^ (h >> 29);
}

static int same_key(const struct solver_pricer *pr, const struct label *a,
		    const struct label *b)
{
	if (a->last != b->last || a->run != b->run || a->exempt != b->exempt)
		return 0;
	for (int i = 0; i < pr->nres; i++)
		if (pr->res[i].order == ORDER_EQUAL && a->res[i] != b->res[i])
			return 0;
	return 1;
}

/* The resources dominance compares, grouped by order (pr->cmp). */
static void compare_order(struct solver_pricer *pr)
{
	static const int by[] = {ORDER_LESS, ORDER_MORE, ORDER_WINDOW};

	pr->ncmp = 0;
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < pr->nres; i++)
			if (pr->res[i].order == by[k])
				pr->cmp[pr->ncmp++] = i;
		if (k == 0)
			pr->nless = pr->ncmp;
		else if (k == 1)
			pr->nmore = pr->ncmp;
	}
}

/*
 * Dominance between two labels of one bucket (same key), both ways in
 * one pass: of `want`, bit 1 stays when a is at least as good as b in
 * every resource, bit 2 when b is as good as a.  The hot loop of the
 * exact pricing: two calls of a one-way check, each switching on every
 * resource's order, were a third of Curtois 13's root at --effort 10.
 */
static int dominance(const struct solver_pricer *pr, const struct label *a,
		     const struct label *b, int want)
{
	int k = 0;

	for (; k < pr->nless && want; k++) {
		int i = pr->cmp[k];

		if (a->res[i] > b->res[i])
			want &= ~1;
		else if (a->res[i] < b->res[i])
			want &= ~2;
	}
	for (; k < pr->nmore && want; k++) {
		int i = pr->cmp[k];

		if (a->res[i] < b->res[i])
			want &= ~1;
		else if (a->res[i] > b->res[i])
			want &= ~2;
	}
	for (; k < pr->ncmp && want; k++) {
		int i = pr->cmp[k], ta = a->res[i], tb = b->res[i];

		if (ta == tb)
			continue;
		if ((want & 1) && !window_le(pr, i, ta, tb))
			want &= ~1;
		if ((want & 2) && !window_le(pr, i, tb, ta))
			want &= ~2;
	}
	return want;
}

/* The labels of one day, bucketed by key for dominance. */
struct day_labels {
	struct pool pool;
	int *table;       /* hash slots -> first label of the bucket, -1 */
	int *next;        /* label -> next label in its bucket */
	size_t nslots, next_cap;
};

static int day_reset(struct day_labels *dl, size_t size)
{
	const size_t align = _Alignof(struct label);

	dl->pool.n = 0;
	/* labels sit back to back: keep each one aligned for its double */
	dl->pool.bytes = size;
	dl->pool.size = (size + align - 1) / align * align;
	if (!dl->table) {
		dl->nslots = 1024;
		dl->table = malloc(dl->nslots * sizeof(int));
		if (!dl->table)
			return -1;
	}
	for (size_t i = 0; i < dl->nslots; i++)
		dl->table[i] = -1;
	return 0;
}

static void day_release(struct day_labels *dl)
{
	free(dl->pool.mem);
	free(dl->table);
	free(dl->next);
	memset(dl, 0, sizeof(*dl));
}

static int day_rehash(const struct solver_pricer *pr, struct day_labels *dl)
{
	size_t ns = dl->nslots * 4;
	int *t = malloc(ns * sizeof(int));

	if (!t)
		return -1;
	free(dl->table);
	dl->table = t;
	dl->nslots = ns;
	for (size_t i = 0; i < ns; i++)
		t[i] = -1;
	for (size_t i = 0; i < dl->pool.n; i++) {
		struct label *l = at(&dl->pool, i);
		size_t h;

		if (!l->alive)
			continue;
		h = key_hash(pr, l) & (ns - 1);
		while (t[h] >= 0 && !same_key(pr, at(&dl->pool, (size_t)t[h]), l))
			h = (h + 1) & (ns - 1);
		if (t[h] < 0) {
			t[h] = (int)i;
			dl->next[i] = -1;
		} else {
			/* append to the bucket */
			int j = t[h];

			while (dl->next[j] >= 0)
				j = dl->next[j];
			dl->next[j] = (int)i;
			dl->next[i] = -1;
		}
	}
	return 0;
}

/* Once day d is built and cut: drop its dead labels (dominated, or cut
 * from the beam) and its hash table.  Nothing points into the day yet
 * (the next day is built from it afterwards), so the survivors just move
 * down.  A beam of 256 with 32 shift types kept 8,448 labels a day where
 * 256 live: 92 MB for one employee of Curtois Instance 24 (364 days),
 * 21 MB compacted. */
static void day_compact(struct day_labels *dl)
{
	size_t k = 0;

	for (size_t i = 0; i < dl->pool.n; i++) {
		const struct label *l = at(&dl->pool, i);

		if (!l->alive)
			continue;
		if (k != i)
			memcpy(at(&dl->pool, k), l, dl->pool.bytes);
		k++;
	}
	dl->pool.n = k;
	if (k && k < dl->pool.cap) {
		char *m = realloc(dl->pool.mem, k * dl->pool.size);

		if (m) {
			dl->pool.mem = m;
			dl->pool.cap = k;
		}
	}
	free(dl->table);
	free(dl->next);
	dl->table = dl->next = NULL;
	dl->nslots = dl->next_cap = 0;
}

/*
 * Insert src as c, the pool's last label, unless a label of its bucket
 * dominates it (then c is given back); labels it dominates die.  Returns
 * 0, or -1 out of memory.
 */
static int day_insert_copy(const struct solver_pricer *pr,
			   struct day_labels *dl, struct label *c,
			   const struct label *src)
{
	size_t ci = dl->pool.n - 1, h;
	int *link;

	c->alive = 0; /* not in the table yet */
	if (dl->next_cap < dl->pool.cap) {
		int *nx = realloc(dl->next, dl->pool.cap * sizeof(int));

		if (!nx)
			return -1;
		dl->next = nx;
		dl->next_cap = dl->pool.cap;
	}
	if (dl->pool.n * 2 > dl->nslots && day_rehash(pr, dl) < 0)
		return -1;
	memcpy(c, src, dl->pool.bytes);
	c->lsum = 0;
	for (int k = 0; k < pr->nmore; k++)
		c->lsum += k < pr->nless ? c->res[pr->cmp[k]]
					 : -c->res[pr->cmp[k]];
	dl->next[ci] = -1;
	h = key_hash(pr, c) & (dl->nslots - 1);
	while (dl->table[h] >= 0 &&
	       !same_key(pr, at(&dl->pool, (size_t)dl->table[h]), c))
		h = (h + 1) & (dl->nslots - 1);
	if (dl->table[h] < 0) {
		dl->table[h] = (int)ci;
		return 0;
	}
	/* walk the bucket: drop c if dominated, unlink what c dominates */
	link = &dl->table[h];
	while (*link >= 0) {
		struct label *o = at(&dl->pool, (size_t)*link);
		int want = (o->cost <= c->cost + 1e-12 &&
			    o->lsum <= c->lsum) |
			   (c->cost <= o->cost + 1e-12 &&
			    c->lsum <= o->lsum) << 1;

		if (want)
			want = dominance(pr, o, c, want);
		if (want & 1) {
			c->alive = 0;
			dl->pool.n--; /* c was the last label */
			return 0;
		}
		if (want & 2) {
			o->alive = 0;
			*link = dl->next[*link];
			continue;
		}
		link = &dl->next[*link];
	}
	*link = (int)ci;
	return 0;
}

/* ------------------------------------------------------------ rules */

/* Cost of a rule broken by `units` (INF when hard), 0 when kept. */
static double broken(const struct prule *r, int units)
{
	if (units <= 0)
		return 0;
	return r->weight > 0 ? r->weight * units : INF;
}

/* A block of work (on) or days off ends with `len` days (history and
 * future included): its cost under the minimum block rule. */
static double block_end(const struct solver_pricer *pr, int on, int len,
			int exempt)
{
	const struct prule *r = on ? &pr->minc : &pr->minoff;

	if (!active(r) || exempt)
		return 0;
	return broken(r, len < r->value ? 1 : 0);
}

static int res_index(const struct solver_pricer *pr, int kind, int type)
{
	for (int i = 0; i < pr->nres; i++)
		if (pr->res[i].kind == kind &&
		    (kind != RES_CAP || pr->res[i].type == type))
			return i;
	return -1;
}

/* The current week's rules when day d closes it: their cost. */
static double week_close(const struct solver_pricer *pr, struct label *l)
{
	int i = res_index(pr, RES_WEEK_MIN, -1);
	int j = res_index(pr, RES_WEEK_DAYS, -1);
	int k = res_index(pr, RES_NIGHTS, -1);
	double c = 0;

	if (i >= 0) {
		int m = l->res[i];

		if (active(&pr->minw))
			c += broken(&pr->minw, pr->minw.value - m);
		if (active(&pr->maxw))
			c += broken(&pr->maxw, m - pr->maxw.value);
		l->res[i] = 0;
	}
	if (j >= 0) {
		c += broken(&pr->maxdays, l->res[j] - pr->maxdays.value);
		l->res[j] = 0;
	}
	if (k >= 0) {
		c += broken(&pr->maxnights, l->res[k] - pr->maxnights.value);
		l->res[k] = 0;
	}
	return c;
}

/* Cost at the end of the horizon: the last block with the future, the
 * future's first block, windows reaching into the future, totals, caps,
 * weekends. */
static double horizon_close(const struct solver_pricer *pr,
			    const struct label *l)
{
	int on = l->last >= 0, i;
	double c = 0;

	if (pr->fut_known) {
		int ext = on ? pr->fw : pr->fo, other = on ? pr->fo : pr->fw;
		const struct prule *r_other = on ? &pr->minoff : &pr->minc;

		c += block_end(pr, on, l->run + ext, l->exempt);
		/* the future's first block, ended by our last day */
		if (active(r_other) && other > 0)
			c += broken(r_other, other < r_other->value ? 1 : 0);
		if (on && active(&pr->maxc) && pr->fw > 0) {
			int N = pr->maxc.value;
			int lo = N - l->run + 1 > 1 ? N - l->run + 1 : 1;
			int hi = pr->fw < N ? pr->fw : N;

			c += broken(&pr->maxc, hi - lo + 1);
		}
	}
	if ((i = res_index(pr, RES_TOTAL_MIN, -1)) >= 0) {
		if (active(&pr->mint))
			c += broken(&pr->mint, pr->mint.value - l->res[i]);
		if (active(&pr->maxt))
			c += broken(&pr->maxt, l->res[i] - pr->maxt.value);
	}
	if ((i = res_index(pr, RES_WEEKENDS, -1)) >= 0)
		c += broken(&pr->weekends, l->res[i] - pr->weekends.value);
	for (i = 0; i < pr->nres; i++)
		if (pr->res[i].kind == RES_CAP)
			c += broken(&pr->cap[pr->res[i].type],
				    l->res[i] - pr->cap[pr->res[i].type].value);
	return c;
}

/* The most paid minutes k more working days can add to l: the longest
 * types first, within what their hard caps leave. */
static int most_minutes(const struct solver_pricer *pr, const struct label *l,
			int k)
{
	int m = 0;

	for (int j = 0; j < pr->nbypaid && k > 0; j++) {
		int s = pr->bypaid[j], n = k;

		if (pr->capres[s] >= 0) {
			int left = pr->cap[s].value - l->res[pr->capres[s]];

			n = left < n ? (left > 0 ? left : 0) : n;
		}
		m += n * paid(pr, s);
		k -= n;
	}
	return m;
}

/* The most paid minutes a completion of l can add (pace.c: the days it
 * can still work with the caps it has left, and the minutes table), -1
 * when no completion keeps the hard block, weekend and days-off rules,
 * INT_MAX when not known (a first block exempt from its minimum). */
static int reach_minutes(const struct solver_pricer *pr, const struct label *l,
			 int d)
{
	int on = l->last >= 0, len = l->run, k, m;
	int w = pr->wres >= 0 ? l->res[pr->wres] : 0;

	if (l->exempt) {
		if (on)
			return INT_MAX; /* its minimum block is not known */
		len = pr->pace.noff;
	}
	if ((k = solver_pace_most(&pr->pace, d + 1, on, len, w)) < 0)
		return -1;
	m = solver_pace_minutes(&pr->pace, d + 1, on, len, l->last);
	if (m < 0)
		return -1;
	k = most_minutes(pr, l, k);
	return k < m ? k : m;
}

/* No completion of l keeps the hard block, weekend and days-off rules
 * and reaches a hard minimum of paid minutes. */
static int out_of_pace(const struct solver_pricer *pr, const struct label *l,
		       int d)
{
	int m = reach_minutes(pr, l, d);

	if (m < 0)
		return 1;
	return m < INT_MAX && hard_value(&pr->mint) > 0 && pr->tres >= 0 &&
	       l->res[pr->tres] + m < pr->mint.value;
}

/* The fewest paid minutes l must still work to close its block of work
 * under a hard minimum block (0 when the horizon ends first: its end
 * may complete the block).  A label at its hard maximum of paid minutes
 * one day into a block has no completion: a beam that works as much as
 * it can ended on Curtois Instances 23 and 24 with only such labels. */
static int block_rest(const struct solver_pricer *pr, const struct label *l,
		      int d)
{
	int need = pr->minc.value - l->run;

	if (l->last < 0 || l->exempt || !active(&pr->minc) ||
	    pr->minc.weight != 0 || need <= 0 || need > pr->D - 1 - d ||
	    pr->minpaid == INT_MAX)
		return 0;
	return need * pr->minpaid;
}

/* Hard resources already over their maximum, or minima out of reach:
 * the label can only lead to broken hard rules. */
static int hopeless(const struct solver_pricer *pr, const struct label *l,
		    int d)
{
	if (out_of_pace(pr, l, d))
		return 1;
	for (int i = 0; i < pr->nres; i++) {
		const struct resource *r = &pr->res[i];
		int v = l->res[i];

		switch (r->kind) {
		case RES_WEEK_MIN:
			if (active(&pr->maxw) && pr->maxw.weight == 0 &&
			    v > pr->maxw.value)
				return 1;
			if (active(&pr->minw) && pr->minw.weight == 0 &&
			    d < 7 * pr->nweeks && d % 7 != 6 &&
			    v + pr->weekremmax[d + 1] < pr->minw.value)
				return 1;
			break;
		case RES_WEEK_DAYS:
			if (pr->maxdays.weight == 0 && v > pr->maxdays.value)
				return 1;
			break;
		case RES_NIGHTS:
			if (pr->maxnights.weight == 0 &&
			    v > pr->maxnights.value)
				return 1;
			break;
		case RES_TOTAL_MIN:
			if (active(&pr->maxt) && pr->maxt.weight == 0 &&
			    v + block_rest(pr, l, d) > pr->maxt.value)
				return 1;
			if (active(&pr->mint) && pr->mint.weight == 0 &&
			    v + pr->remmax[d + 1] < pr->mint.value)
				return 1;
			break;
		case RES_WEEKENDS:
			if (pr->weekends.weight == 0 &&
			    v > pr->weekends.value)
				return 1;
			break;
		default:
			if (pr->cap[r->type].weight == 0 &&
			    v > pr->cap[r->type].value)
				return 1;
			break;
		}
	}
	return 0;
}

/*
 * Extend label l (day d-1, or the start when l->pred... d = 0) by option
 * s (-1 off) on day d into n; returns the added cost (INF: forbidden).
 */
static double extend(const struct solver_pricer *pr, const double *cost,
		     const struct label *l, int d, int s, struct label *n)
{
	int S = pr->S, on = s >= 0, was_on = l->last >= 0;
	double c = cost[(size_t)d * (size_t)(S + 1) + (size_t)(on ? s : S)];
	int run;

	if (!on && !pr->offok[d])
		return INF;
	if (on) {
		if (!pr->allowed[d * S + s])
			return INF;
		c += pr->bpen[d * S + s];
		if (d > 0 && was_on)
			c += trans_of(pr, d - 1)[l->last * S + s];
	}
	memcpy(n->res, l->res, (size_t)pr->nres * sizeof(int));
	n->last = (int16_t)s;
	n->exempt = 0;
	if (d == 0) {
		/* the block before the horizon */
		if (!pr->hist_known) {
			run = 1;
			n->exempt = 1;
		} else if ((on && pr->hw > 0) || (!on && pr->ho > 0)) {
			run = (on ? pr->hw : pr->ho) + 1;
		} else {
			/* the history's last block ends here */
			int len = on ? pr->ho : pr->hw;

			run = 1;
			if (len > 0)
				c += block_end(pr, !on, len, 0);
		}
	} else if (on == was_on) {
		run = l->run + 1;
		n->exempt = l->exempt;
	} else {
		c += block_end(pr, was_on, l->run, l->exempt);
		run = 1;
	}
	if (on && active(&pr->maxc) && run > pr->maxc.value)
		c += broken(&pr->maxc, 1); /* the window ending on day d */
	n->run = (uint8_t)(run < pr->rcap ? run : pr->rcap);
	for (int i = 0; i < pr->nres && on; i++) {
		const struct resource *r = &pr->res[i];

		switch (r->kind) {
		case RES_WEEK_MIN:
			if (d < 7 * pr->nweeks)
				n->res[i] += paid(pr, s);
			break;
		case RES_WEEK_DAYS:
			if (d < 7 * pr->nweeks)
				n->res[i]++;
			break;
		case RES_NIGHTS:
			if (d < 7 * pr->nweeks && pr->p->types[s].night)
				n->res[i]++;
			break;
		case RES_TOTAL_MIN:
			n->res[i] += paid(pr, s);
			break;
		case RES_WEEKENDS:
			n->res[i] += weekend_opens(pr, d, was_on);
			break;
		default:
			if (r->type == s)
				n->res[i]++;
			break;
		}
	}
	if (d < 7 * pr->nweeks && d % 7 == 6)
		c += week_close(pr, n);
	return c;
}

/* The most work (entries times options) one resource bound's table may
 * take per pricing: a count limit beyond it goes without. */
#define RB_MAX_WORK 4000000.0

/* The weekends the horizon opens (a Saturday, or a Sunday on day 0). */
static int weekends_in(const struct solver_pricer *pr)
{
	int n = 0;

	for (int d = 0; d < pr->D; d++)
		n += pr->weekend[d] == 1;
	return n;
}

/* Which hard count limits get a resource bound (see struct
 * solver_pricer), and where each table lies in rbt: scratch of one
 * pricing, as lb (a year's tables for every class at once took Curtois 22
 * to 942 MB at 120 s; 245 MB with one class's at a time). */
static void resource_tables(struct solver_pricer *pr)
{
	int S = pr->S;

	pr->nrb = 0;
	pr->rb_off[0] = 0;
	for (int i = 0; i < pr->nres; i++) {
		const struct resource *r = &pr->res[i];
		int max;

		if (r->kind == RES_CAP && pr->capres[r->type] == i)
			max = pr->cap[r->type].value;
		else if (r->kind == RES_WEEKENDS && pr->weekends.weight == 0 &&
			 weekends_in(pr) > pr->weekends.value)
			max = pr->weekends.value;
		else
			continue; /* soft, or a limit the horizon cannot reach */
		if (max < 0 || (double)(pr->D + 1) * (S + 1) * (S + 1) *
					       (max + 1) > RB_MAX_WORK)
			continue;
		pr->rb_res[pr->nrb] = i;
		pr->rb_max[pr->nrb] = max;
		pr->rb_off[pr->nrb + 1] = pr->rb_off[pr->nrb] +
					  (size_t)(pr->D + 1) *
						  (size_t)(S + 1) *
						  (size_t)(max + 1);
		pr->nrb++;
	}
}

/* How much of resource bound i's count option s (-1 off) on day d after
 * `last` takes. */
static int rb_uses(const struct solver_pricer *pr, int i, int d, int last,
		   int s)
{
	const struct resource *r = &pr->res[pr->rb_res[i]];

	if (s < 0)
		return 0;
	if (r->kind == RES_CAP)
		return s == r->type;
	return weekend_opens(pr, d, last >= 0);
}

/* Resource bound i's table for the costs: completion_bounds with one
 * count limit kept. */
static void resource_bound(struct solver_pricer *pr, const double *cost,
			   int i)
{
	int D = pr->D, S = pr->S, R = pr->rb_max[i];
	double *t = pr->rbt + pr->rb_off[i];
	size_t row = (size_t)(S + 1) * (size_t)(R + 1);

	for (size_t j = 0; j < row; j++)
		t[(size_t)D * row + j] = 0;
	for (int d = D - 1; d >= 0; d--) {
		const double *c = cost + (size_t)d * (size_t)(S + 1);
		const double *next = t + (size_t)(d + 1) * row;

		for (int l = -1; l < S; l++) {
			double *here = t + (size_t)d * row +
				       (size_t)(l + 1) * (size_t)(R + 1);

			for (int r = 0; r <= R; r++)
				here[r] = pr->offok[d] ? c[S] + next[r] : INF;
			for (int s = 0; s < S; s++) {
				int u = rb_uses(pr, i, d, l, s);
				double v;

				if (!pr->allowed[d * S + s])
					continue;
				v = c[s] + pr->bpen[d * S + s];
				if (d > 0 && l >= 0)
					v += trans_of(pr, d - 1)[l * S + s];
				for (int r = u; r <= R; r++) {
					double w = v + next[(size_t)(s + 1) *
								    (size_t)(R + 1) +
							    (size_t)(r - u)];

					if (w < here[r])
						here[r] = w;
				}
			}
		}
	}
}

/* fmax and fmin for the label loops: libm's are calls (their NaN rules
 * keep the compiler from inlining them), a twentieth of Curtois 13's
 * root at --effort 10.  The same values, NaN included: a NaN argument
 * gives the other one. */
static inline double max2(double a, double b)
{
	return a != a || b > a ? b : a;
}

static inline double min2(double a, double b)
{
	return a != a || b < a ? b : a;
}

/* What label l (decided up to day d) must still pay by the resource
 * bounds: the largest of them, -INF with none. */
static double resource_bound_of(const struct solver_pricer *pr,
				const struct label *l, int d)
{
	double best = -INF;

	for (int i = 0; i < pr->nrb; i++) {
		int R = pr->rb_max[i], left = R - l->res[pr->rb_res[i]];
		const double *t = pr->rbt + pr->rb_off[i];

		if (left < 0)
			return INF;
		best = max2(best,
			    t[((size_t)(d + 1) * (size_t)(pr->S + 1) +
			       (size_t)(l->last + 1)) *
				      (size_t)(R + 1) +
			      (size_t)left]);
	}
	return best;
}

/* Lower bound on the cost of days d..D-1 after `last` on day d-1:
 * costs, boundary penalties and transitions only. */
static void completion_bounds(struct solver_pricer *pr, const double *cost)
{
	int D = pr->D, S = pr->S;
	double *lb = pr->lb;

	for (int l = 0; l <= S; l++)
		lb[(size_t)D * (size_t)(S + 1) + (size_t)l] = 0;
	for (int d = D - 1; d >= 0; d--)
		for (int l = -1; l < S; l++) {
			double best = pr->offok[d]
					      ? cost[(size_t)d * (size_t)(S + 1) +
						     (size_t)S] +
							lb[(size_t)(d + 1) *
							   (size_t)(S + 1)]
					      : INF;

			for (int s = 0; s < S; s++) {
				double v;

				if (!pr->allowed[d * S + s])
					continue;
				v = cost[(size_t)d * (size_t)(S + 1) +
					 (size_t)s] +
				    pr->bpen[d * S + s] +
				    lb[(size_t)(d + 1) * (size_t)(S + 1) +
				       (size_t)(s + 1)];
				if (d > 0 && l >= 0)
					v += trans_of(pr, d - 1)[l * S + s];
				if (v < best)
					best = v;
			}
			lb[(size_t)d * (size_t)(S + 1) + (size_t)(l + 1)] = best;
		}
}

/* lbk (see struct solver_pricer) for the costs. */
static void count_bounds(struct solver_pricer *pr, const double *cost)
{
	int D = pr->D, S = pr->S;
	double *lbk = pr->lbk;

	for (int k = 0; k <= D; k++)
		lbk[(size_t)D * (size_t)(D + 1) + (size_t)k] = k ? INF : 0;
	for (int d = D - 1; d >= 0; d--) {
		double off = pr->offok[d] ? cost[(size_t)d * (size_t)(S + 1) +
						  (size_t)S]
					  : INF;
		double work = INF;
		const double *next = lbk + (size_t)(d + 1) * (size_t)(D + 1);
		double *here = lbk + (size_t)d * (size_t)(D + 1);

		for (int s = 0; s < S; s++)
			if (pr->allowed[d * S + s])
				work = fmin(work,
					    cost[(size_t)d * (size_t)(S + 1) +
						 (size_t)s] +
						    pr->bpen[d * S + s]);
		for (int k = 0; k <= D; k++)
			here[k] = fmin(off + next[k],
				       k ? work + next[k - 1] : INF);
	}
}

/* What label l (decided up to day d) must still pay by the count bound;
 * INF when its limits cannot be met, -INF when it knows nothing. */
static double count_bound(const struct solver_pricer *pr,
			  const struct label *l, int d)
{
	int left = pr->D - 1 - d, klo = 0, khi = left;
	const double *row = pr->lbk + (size_t)(d + 1) * (size_t)(pr->D + 1);
	double best = INF;

	/* (on the last day the week's resources are closed already) */
	if ((pr->hres < 0 && pr->dres < 0) || left == 0)
		return -INF;
	if (pr->hres >= 0) {
		int t = l->res[pr->hres];

		if (pr->hmin > t) {
			if (pr->maxpaid <= 0)
				return INF;
			klo = (pr->hmin - t + pr->maxpaid - 1) / pr->maxpaid;
		}
		if (pr->hmax < INT_MAX && pr->minpaid > 0 &&
		    (pr->hmax - t) / pr->minpaid < khi)
			khi = pr->hmax < t ? -1 : (pr->hmax - t) / pr->minpaid;
	}
	if (pr->dres >= 0 && pr->kmax - l->res[pr->dres] < khi)
		khi = pr->kmax - l->res[pr->dres];
	for (int k = klo; k <= khi; k++)
		best = min2(best, row[k]);
	return best;
}

/* x before y: the smaller value, the earlier label of equals (a total
 * order: which labels a beam keeps never depends on the sort). */
static int prio_before(const struct solver_prio *x,
		       const struct solver_prio *y)
{
	return x->v < y->v || (x->v == y->v && x->i < y->i);
}

/* Sort pv[lo..hi) in prio_before's order (a short range). */
static void sort_short(struct solver_prio *pv, size_t lo, size_t hi)
{
	for (size_t a = lo + 1; a < hi; a++) {
		struct solver_prio t = pv[a];
		size_t b = a;

		for (; b > lo && prio_before(&t, &pv[b - 1]); b--)
			pv[b] = pv[b - 1];
		pv[b] = t;
	}
}

/* Hoare's partition of pv[lo..hi) (at least three entries) around the
 * median of its first, middle and last: returns j with pv[lo..j] no
 * later than the pivot and pv[j+1..hi) no earlier, both parts non-empty
 * (the median of three distinct entries is neither the first nor the
 * last of the range). */
static size_t partition(struct solver_prio *pv, size_t lo, size_t hi)
{
	size_t i = lo, j = hi - 1;
	struct solver_prio a = pv[lo], b = pv[lo + (hi - lo) / 2];
	struct solver_prio c = pv[hi - 1], piv, t;

	if (prio_before(&a, &b))
		piv = prio_before(&b, &c) ? b : prio_before(&a, &c) ? c : a;
	else
		piv = prio_before(&a, &c) ? a : prio_before(&b, &c) ? c : b;
	for (;;) {
		while (prio_before(&pv[i], &piv))
			i++;
		while (prio_before(&piv, &pv[j]))
			j--;
		if (i >= j)
			return j;
		t = pv[i];
		pv[i] = pv[j];
		pv[j] = t;
		i++;
		j--;
	}
}

/* (solver_int.h) A selection, not a sort: sorting all of a day's labels
 * to keep a beam's took a twentieth of Curtois 13's root at --effort
 * 10. */
void solver_price_select(struct solver_prio *pv, size_t n, size_t k)
{
	size_t lo = 0, hi = n;

	while (k > lo && k < hi) {
		size_t j;

		if (hi - lo <= 16) {
			sort_short(pv, lo, hi);
			return;
		}
		j = partition(pv, lo, hi);
		if (j + 1 >= hi) {
			/* no progress: only a NaN value (no order) does
			 * this; end rather than loop */
			sort_short(pv, lo, hi);
			return;
		}
		if (k <= j)
			hi = j + 1;
		else
			lo = j + 1;
	}
}

/* The most paid minutes l can end the horizon with (pace.c), 0 when
 * unknown. */
static double pace_room(const struct solver_pricer *pr, const struct label *l,
			int d)
{
	int m;

	if (pr->tres < 0 || !pr->pace.mins)
		return 0;
	m = reach_minutes(pr, l, d);
	return m < 0 || m == INT_MAX ? 0 : (double)l->res[pr->tres] + m;
}

/*
 * How far l is off the pace a hard window of paid minutes asks for (what
 * a beam that keeps the window in reach ranks by; smaller is better).
 * With a hard minimum only: minus the minutes l can still end with (most
 * is best).  With a hard maximum as well, working as much as possible is
 * wrong: on Curtois Instances 23 and 24 (111,360 to 112,320 minutes over
 * 364 days) such a beam reached the maximum by day 270 with every label
 * inside a block it could not close without passing it.  So l is
 * projected to the end at the pace the whole horizon needs (its minutes
 * so far plus the share rho = middle of the window / pace_r0 of the
 * minutes it can still reach), and ranked by how far that projection
 * lies outside the window; labels on pace tie and their cost decides.
 * That pace is measured on a relaxation, and now and then it falls
 * behind (one employee of Instance 21 in 100 random cost vectors):
 * SOLVER_PACE_MOST then ranks by the most minutes in reach only.
 */
static double pace_miss(const struct solver_pricer *pr, const struct label *l,
			int d)
{
	double lo = pr->mint.value, hi = pr->maxt.value, mid, proj;
	int m;

	if (pr->pace_first == SOLVER_PACE_MOST ||
	    !(active(&pr->maxt) && pr->maxt.weight == 0) ||
	    pr->pace_r0 <= (lo + hi) / 2)
		return -pace_room(pr, l, d);
	m = reach_minutes(pr, l, d);
	if (m < 0 || m == INT_MAX)
		return hi; /* not known: after every label that is */
	mid = (lo + hi) / 2;
	proj = l->res[pr->tres] + mid / pr->pace_r0 * m;
	return fmax(0, fabs(proj - mid) - (hi - lo) / 2);
}

/* Label l of day d's cost plus the bound on what is still to come (the
 * completion and the count bounds): what it must beat a cutoff by. */
static double label_bound(const struct solver_pricer *pr,
			  const struct label *l, int d)
{
	return l->cost + max2(max2(pr->lb[(size_t)(d + 1) *
						  (size_t)(pr->S + 1) +
					  (size_t)(l->last + 1)],
				   count_bound(pr, l, d)),
			      resource_bound_of(pr, l, d));
}

/* What a beam ranks label l of day d by, smallest first: label_bound,
 * after how far it is off the pace a hard window asks for (pace_miss). */
static double beam_prio(const struct solver_pricer *pr, const struct label *l,
			int d)
{
	double v = label_bound(pr, l, d);

	return pr->pace_first ? v + 1e6 * pace_miss(pr, l, d) : v;
}

/* Keep the `beam` labels of day d with the smallest cost plus bound; 1
 * when some were dropped, -1 out of memory. */
static int cut_beam(struct solver_pricer *pr, struct pool *pl, int d,
		    long beam)
{
	size_t alive = 0, k = 0;
	struct solver_prio *pv;

	for (size_t i = 0; i < pl->n; i++)
		alive += at(pl, i)->alive != 0;
	if ((long)alive <= beam)
		return 0;
	if (!(pv = malloc(alive * sizeof(*pv))))
		return -1;
	for (size_t i = 0; i < pl->n; i++) {
		const struct label *l = at(pl, i);

		if (!l->alive)
			continue;
		pv[k].v = beam_prio(pr, l, d);
		pv[k++].i = (int)i;
	}
	solver_price_select(pv, alive, (size_t)beam);
	for (size_t j = (size_t)beam; j < alive; j++)
		at(pl, (size_t)pv[j].i)->alive = 0;
	free(pv);
	return 1;
}

/* An exact search that would overspend: the label limit, the work left
 * (labels count SOLVER_LABELS_PER_WORK to a unit) or the time cap. */
static int exact_out(const struct solver_pricer *pr, long made)
{
	if (pr->max_labels > 0 && made > pr->max_labels)
		return 1;
	if (!pr->bu || made % 4096)
		return 0;
	return (double)made / SOLVER_LABELS_PER_WORK >
		       solver_budget_work_left(pr->bu) ||
	       !solver_budget_time_left(pr->bu);
}

#define PRICE_KMAX 16

int solver_price(struct solver_pricer *pr, const double *cost, double cutoff,
		 long beam, int *week, double *value, long *labels)
{
	int found = 0;

	return solver_price_k(pr, cost, cutoff, beam, 1, week, value, &found,
			      labels);
}

/* The most paid minutes a label of day 0 in pl can end the horizon with
 * (pace_miss's pace_r0). */
static void pace_start(struct solver_pricer *pr, const struct pool *pl)
{
	pr->pace_r0 = 0;
	for (size_t i = 0; i < pl->n; i++)
		pr->pace_r0 = fmax(pr->pace_r0, pace_room(pr, at(pl, i), 0));
}

/* One search's state: the k best complete schedules (their last type
 * and the label of the day before), what a label must beat (the k-th
 * best so far, or the cutoff) and the labels made. */
struct search {
	const double *cost;
	long beam, made;
	int k, nk;
	int s[PRICE_KMAX], pred[PRICE_KMAX];
	double v[PRICE_KMAX], best;
	struct label *n;       /* scratch: the label being made */
};

/* A complete schedule of value z, its last day's type s, among the k
 * best. */
static void keep_complete(struct search *se, double z, int s, int pred)
{
	int at_k = se->nk < se->k ? se->nk++ : se->k - 1;

	while (at_k > 0 && se->v[at_k - 1] > z) {
		se->v[at_k] = se->v[at_k - 1];
		se->s[at_k] = se->s[at_k - 1];
		se->pred[at_k] = se->pred[at_k - 1];
		at_k--;
	}
	se->v[at_k] = z;
	se->s[at_k] = s;
	se->pred[at_k] = pred;
	if (se->nk == se->k)
		se->best = se->v[se->k - 1];
}

/*
 * Day d of the search: every live label of the day before (or the start)
 * extended by each option.  Those that keep the hard rules and can still
 * beat se->best become day d's labels (through dominance), or on the last
 * day complete schedules.  Returns 0, ROTA_ELIMIT (an exact search out of
 * budget) or ROTA_ENOMEM.
 */
static int price_day(struct solver_pricer *pr, struct search *se,
		     struct day_labels *days, const struct label *start,
		     int d)
{
	const struct pool *prev = d ? &days[d - 1].pool : NULL;
	size_t np = d ? prev->n : 1;
	int S = pr->S, last = d == pr->D - 1;
	struct label *n = se->n;

	for (size_t i = 0; i < np; i++) {
		const struct label *l = d ? at(prev, i) : start;

		if (!l->alive)
			continue;
		for (int s = -1; s < S; s++) {
			double c = extend(pr, se->cost, l, d, s, n), z;
			struct label *slot;

			se->made++;
			if (se->beam <= 0 && exact_out(pr, se->made))
				return ROTA_ELIMIT;
			if (!(c < INF))
				continue;
			n->cost = l->cost + c;
			n->pred = d ? (int)i : -1;
			n->alive = 1;
			if (label_bound(pr, n, d) >= se->best ||
			    hopeless(pr, n, d))
				continue;
			if (last) {
				z = n->cost + horizon_close(pr, n);
				if (z < se->best)
					keep_complete(se, z, s, n->pred);
				continue;
			}
			if (!(slot = push(&days[d].pool)) ||
			    day_insert_copy(pr, &days[d], slot, n) < 0)
				return ROTA_ENOMEM;
		}
	}
	return 0;
}

int solver_price_k(struct solver_pricer *pr, const double *cost,
		   double cutoff, long beam, int k, int *weeks,
		   double *values, int *found, long *labels)
{
	int D = pr->D, S = pr->S, rc = 0;
	size_t size = sizeof(struct label) + (size_t)pr->nres * sizeof(int);
	struct day_labels *days = calloc((size_t)D, sizeof(*days));
	struct label *start = calloc(1, size);
	struct search se;
	int inexact = 0;

	memset(&se, 0, sizeof(se));
	se.cost = cost;
	se.beam = beam;
	se.k = k < 1 ? 1 : k > PRICE_KMAX ? PRICE_KMAX : k;
	se.best = cutoff;
	se.n = calloc(1, size);
	*found = 0;
	values[0] = INF;
	pr->lb = malloc(((size_t)D + 2) * ((size_t)S + 1) * sizeof(double));
	pr->lbk = malloc(((size_t)D + 2) * ((size_t)D + 2) * sizeof(double));
	pr->rbt = malloc((pr->rb_off[pr->nrb] + 1) * sizeof(double));
	if (!days || !start || !se.n || !pr->lb || !pr->lbk || !pr->rbt) {
		rc = ROTA_ENOMEM;
		goto out;
	}
	completion_bounds(pr, cost);
	count_bounds(pr, cost);
	for (int i = 0; i < pr->nrb; i++)
		resource_bound(pr, cost, i);
	start->last = -1;
	start->pred = -1;
	start->alive = 1;
	for (int d = 0; d < D && rc == 0; d++) {
		struct pool *pl = &days[d].pool;
		int cut = 0;

		if (beam > 0 && pr->clock && pr->bu &&
		    solver_budget_past_cap(pr->bu)) {
			rc = ROTA_ELIMIT;
			break;
		}
		if (day_reset(&days[d], size) < 0) {
			rc = ROTA_ENOMEM;
			break;
		}
		pr->cur_day = d;
		if ((rc = price_day(pr, &se, days, start, d)) < 0)
			break;
		if (d + 1 == D)
			break;
		if (d == 0 && pr->pace_first)
			pace_start(pr, pl);
		/* a beam keeps the most promising labels only (heuristic);
		 * an exact search too, when it would outgrow memory */
		if (beam > 0 || pl->n > PRICE_MAX_DAY_LABELS)
			cut = cut_beam(pr, pl, d,
				       beam > 0 ? beam : PRICE_MAX_DAY_LABELS);
		if (cut < 0) {
			rc = ROTA_ENOMEM;
			break;
		}
		inexact |= cut; /* labels left out: no proof */
		day_compact(&days[d]);
	}
	if (rc == 0)
		rc = inexact;
	for (int j = 0; j < se.nk && rc >= 0; j++) {
		int idx = se.pred[j], *week = weeks + (size_t)j * (size_t)D;

		week[D - 1] = se.s[j];
		for (int d = D - 2; d >= 0; d--) {
			const struct label *l = at(&days[d].pool, (size_t)idx);

			week[d] = l->last;
			idx = l->pred;
		}
		values[j] = se.v[j];
	}
	if (rc >= 0)
		*found = se.nk;
out:
	free(pr->lb);
	free(pr->lbk);
	free(pr->rbt);
	pr->lb = pr->lbk = pr->rbt = NULL;
	for (int d = 0; days && d < D; d++)
		day_release(&days[d]);
	free(days);
	free(start);
	free(se.n);
	if (labels)
		*labels = se.made;
	if (pr->bu && !pr->defer)
		solver_budget_spend(pr->bu,
				    (double)se.made / SOLVER_LABELS_PER_WORK);
	return rc;
}

void solver_pricer_budget(struct solver_pricer *pr, struct solver_budget *bu)
{
	pr->bu = bu;
}

void solver_pricer_clock(struct solver_pricer *pr, int on)
{
	pr->clock = on;
}

void solver_pricer_defer(struct solver_pricer *pr, int on)
{
	pr->defer = on;
}

void solver_pricer_limit(struct solver_pricer *pr, long max_labels)
{
	pr->max_labels = max_labels;
}

int solver_pricer_pace_first(struct solver_pricer *pr, int mode)
{
	if (mode >= 0)
		pr->pace_first = pr->pace.mins ? mode : 0;
	return pr->pace_first;
}

double solver_pricer_cost(struct solver_pricer *pr, const double *cost,
			  const int *week)
{
	size_t size = sizeof(struct label) + (size_t)pr->nres * sizeof(int);
	struct label *a = calloc(1, size), *b = calloc(1, size), *t;
	double z = 0;

	if (!a || !b) {
		free(a);
		free(b);
		return HUGE_VAL;
	}
	a->last = -1;
	for (int d = 0; d < pr->D && z < INF; d++) {
		z += extend(pr, cost, a, d, week[d], b);
		t = a;
		a = b;
		b = t;
	}
	if (z < INF)
		z += horizon_close(pr, a);
	free(a);
	free(b);
	return z;
}

void solver_own_costs(const struct rota_problem *p, int e, double *own)
{
	int D = p->n_days, S = p->n_types;

	for (int d = 0; d < D; d++)
		for (int o = 0; o <= S; o++) {
			double v = 0;

			if (o < S)
				v += p->cost_per_min * p->types[o].paid_min;
			if (p->reference &&
			    p->reference[e * D + d] != (o < S ? o : -1))
				v += p->change_weight;
			own[d * (S + 1) + o] = v;
		}
	for (size_t i = 0; i < p->n_requests; i++) {
		const struct rota_request *r = &p->requests[i];

		if (r->employee != e)
			continue;
		for (int o = 0; o <= S; o++) {
			int hit = r->type < 0 ? o < S : o == r->type;

			if (hit != r->on)
				own[r->day * (S + 1) + o] += r->weight;
		}
	}
}
