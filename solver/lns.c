/*
 * solver/lns.c - large neighbourhood search on the compact model: free
 * the shifts of some employees on all days or a window of days, fix
 * everybody else, and let GLPK solve that sub-MIP with the incumbent
 * injected and node / iteration limits (deterministic); a bandit picks
 * the neighbourhood shapes.  search.c runs it in turns with the
 * master's neighbourhoods (master_search.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/search_int.h"

#ifndef LNS_MAX_TARGET
#define LNS_MAX_TARGET 4000
#endif
/* branch-and-bound nodes one neighbourhood may take; with interval demand
 * few: there the dive finds a neighbourhood's gain in its first nodes and
 * the rest only prove it (1,000-agent week, 500 nodes: the neighbourhoods
 * stopped by the node limit took 97 of the LNS's 162 s and brought a
 * fifth of the gain per second of the others) */
#ifndef LNS_NODES
#define LNS_NODES 500
#endif
#ifndef LNS_NODES_INTERVAL
#define LNS_NODES_INTERVAL 40
#endif

struct lns {
	uint8_t *in;        /* employees freed */
	uint8_t *fr;        /* columns freed */
	int *cand;
	double *x;
	double target[2];   /* free binaries wanted: all week, day window */
	int bin_per_emp;
};

/*
 * The day of interval t: the first day with a slot covering it (a night
 * shift's interval belongs to the day it started), -1 when none does.
 */
static int interval_day(const struct solver_search *st, int t)
{
	for (int d = 0; d < st->D; d++)
		for (int s = 0; s < st->S; s++) {
			const struct rota_slot *sl =
				rota_problem_slot(st->p, d, s);

			if (t >= sl->first_interval && t < sl->end_interval)
				return d;
		}
	return -1;
}

/* Kind 3: frees a random fairness group, then lists in ln->cand the
 * employees sharing its skills and returns how many; -1 when the pick is
 * already complete. */
static int pick_group(struct solver_search *st, struct lns *ln, int *size)
{
	const struct rota_problem *p = st->p;
	int E = st->E, n = 0;
	/* a fairness group, then employees sharing its skills */
	int g = solver_rng_below(&st->rng, p->n_groups);
	uint64_t sk = 0;

	for (int e = 0; e < E; e++)
		if (p->employees[e].group == g) {
			ln->in[e] = 1;
			sk |= p->employees[e].skills;
			(*size)--;
		}
	for (int e = 0; e < E; e++)
		if (!ln->in[e] && (!sk || (p->employees[e].skills & sk)))
			ln->cand[n++] = e;
	if (*size <= 0)
		return -1;
	if (n < *size) {
		for (int i = 0; i < n; i++)
			ln->in[ln->cand[i]] = 1;
		return -1;
	}
	return n;
}

/* Kind 1: lists in ln->cand the employees sharing skills with a random
 * one; returns how many. */
static int pick_related(struct solver_search *st, struct lns *ln)
{
	const struct rota_problem *p = st->p;
	int E = st->E, n = 0;
	/* related: share skills with a random employee */
	int e0 = solver_rng_below(&st->rng, E);
	uint64_t sk = p->employees[e0].skills;

	for (int e = 0; e < E; e++)
		if (p->employees[e].skills & sk)
			ln->cand[n++] = e;
	return n;
}

/* Draws an interval and skill in proportion to the penalty its coverage
 * pays in the incumbent; *wk = -1 when none pays any. */
static void draw_interval(struct solver_search *st, int *wk, int *wt)
{
	const struct rota_problem *p = st->p;
	/* around an interval and skill drawn in proportion to the
	 * penalty its coverage pays (always the worst one kept
	 * coming back to intervals no roster can cover) */
	double total = 0, draw = 0;

	*wk = -1;
	*wt = -1;
	for (int pass = 0; pass < 2 && *wk < 0; pass++) {
		if (pass == 1) {
			if (!(total > 0))
				break;
			draw = solver_rng_unit(&st->rng) * total;
		}
		for (int i = 0; i < st->T * st->K; i++) {
			double pen = 0;

			if (st->full.ucol[i] >= 0)
				pen += st->inc[st->full.ucol[i]] *
				       p->demand[i].under_weight;
			if (st->full.ocol[i] >= 0)
				pen += st->inc[st->full.ocol[i]] *
				       p->demand[i].over_weight;
			if (!(pen > 0))
				continue;
			if (pass == 0) {
				total += pen;
			} else if ((draw -= pen) < 0) {
				*wk = i % st->K;
				*wt = i / st->K;
				break;
			}
		}
	}
}

/* Moves the window [*d0, *d1] at random to hold interval wt's day. */
static void move_window(struct solver_search *st, int wt, int *d0, int *d1)
{
	int w = *d1 - *d0 + 1, wd = interval_day(st, wt);

	if (wd >= 0) {
		*d0 = wd - solver_rng_below(&st->rng, w);
		if (*d0 < 0)
			*d0 = 0;
		if (*d0 > st->D - w)
			*d0 = st->D - w;
		*d1 = *d0 + w - 1;
	}
}

/* Kind 2: lists in ln->cand the employees with skill wk who have a shift
 * covering interval wt inside days [d0, d1]; when they are fewer than
 * *size, frees them and lists the others with the skill instead.  Returns
 * how many are listed. */
static int pick_covering(struct solver_search *st, struct lns *ln, int wk,
			 int wt, int d0, int d1, int *size)
{
	const struct rota_problem *p = st->p;
	int E = st->E, n = 0;
	/* who can cover the interval inside the window first */
	const struct mip *m = &st->full.mip;

	for (int j = 0; j < m->ncols; j++) {
		const struct col_tag *t = &m->ctag[j];
		const struct rota_slot *sl;

		if (t->kind != COL_X || ln->in[t->a] ||
		    t->b < d0 || t->b > d1 ||
		    !((p->employees[t->a].skills >> wk) & 1))
			continue;
		sl = rota_problem_slot(p, t->b, t->c);
		if (wt >= sl->first_interval &&
		    wt < sl->end_interval) {
			ln->in[t->a] = 1;
			ln->cand[n++] = t->a;
		}
	}
	for (int i = 0; i < n; i++)
		ln->in[ln->cand[i]] = 0;
	if (n < *size) {
		for (int i = 0; i < n; i++)
			ln->in[ln->cand[i]] = 1;
		*size -= n;
		n = 0;
		for (int e = 0; e < E; e++)
			if (!ln->in[e] &&
			    ((p->employees[e].skills >> wk) & 1))
				ln->cand[n++] = e;
	}
	return n;
}

/*
 * Choose the employees of one neighbourhood (days [*d0, *d1]).  Kind 2
 * works around an interval and skill drawn in proportion to the coverage
 * penalty it pays: a window of days moves to hold that interval's day, and
 * the employees picked first are those with the skill who have a shift
 * covering the interval inside the window (1,000-agent week: a window at
 * random days around all employees of the worst interval's skill brought
 * a fifth of the gain per second of the random and related windows).
 */
static void pick(struct solver_search *st, struct lns *ln, int kind, int size,
		 int *d0, int *d1)
{
	const struct rota_problem *p = st->p;
	int E = st->E, n = 0;

	memset(ln->in, 0, (size_t)E);
	if (size >= E) {
		memset(ln->in, 1, (size_t)E);
		return;
	}
	if (kind == 3 && p->n_groups > 0) {
		if ((n = pick_group(st, ln, &size)) < 0)
			return;
	} else if (kind == 1 && st->K > 0) {
		n = pick_related(st, ln);
	} else if (kind == 2 && st->K > 0 && st->full.ucol) {
		int wk, wt;

		draw_interval(st, &wk, &wt);
		if (wk >= 0 && *d1 - *d0 + 1 < st->D)
			move_window(st, wt, d0, d1);
		if (wk >= 0)
			n = pick_covering(st, ln, wk, wt, *d0, *d1, &size);
	}
	if (n < size) {
		n = 0;
		for (int e = 0; e < E; e++)
			if (!ln->in[e])
				ln->cand[n++] = e;
	}
	/* partial Fisher-Yates */
	for (int i = 0; i < size && i < n; i++) {
		int j = i + solver_rng_below(&st->rng, n - i);
		int t = ln->cand[i];

		ln->cand[i] = ln->cand[j];
		ln->cand[j] = t;
		ln->in[ln->cand[i]] = 1;
	}
}

/*
 * Free the shifts of the chosen employees on days [d0, d1], plus what they
 * can change: their own rule columns, and the coverage columns of the
 * intervals (and profiles) their possible shifts touch.  Everything else
 * stays at the incumbent, so the sub-MIP is small.
 */
static void free_columns(struct solver_search *st, struct lns *ln, int d0,
			 int d1, uint8_t *touched, uint8_t *live,
			 uint8_t *cfree)
{
	const struct rota_problem *p = st->p;
	const struct mip *m = &st->full.mip;
	int T = st->T, np = st->full.nprof;

	memset(touched, 0, (size_t)T + 1);
	memset(live, 0, (size_t)T * (size_t)(np ? np : 1) + 1);
	memset(cfree, 0, (size_t)st->D * (size_t)st->S + 1);
	for (int j = 0; j < m->ncols; j++) {
		const struct col_tag *t = &m->ctag[j];
		const struct rota_slot *sl;
		int pi;

		if (t->kind != COL_X)
			continue;
		ln->fr[j] = ln->in[t->a] && t->b >= d0 && t->b <= d1;
		if (!ln->fr[j])
			continue;
		cfree[t->b * st->S + t->c] = 1;
		sl = rota_problem_slot(p, t->b, t->c);
		pi = st->full.xprof ? st->full.xprof[t->a * st->S + t->c] : -1;
		for (int i = sl->first_interval; i < sl->end_interval; i++) {
			touched[i] = 1;
			if (pi >= 0)
				live[(size_t)i * (size_t)np + (size_t)pi] = 1;
		}
	}
	for (int j = 0; j < m->ncols; j++) {
		const struct col_tag *t = &m->ctag[j];

		switch (t->kind) {
		case COL_X:
			break;
		case COL_VIOL:
		case COL_WEEKEND:
			ln->fr[j] = t->owner >= 0 && ln->in[t->owner];
			break;
		case COL_COUNT:
			ln->fr[j] = live[(size_t)t->a * (size_t)np +
					 (size_t)t->b];
			break;
		case COL_ALLOC:
		case COL_UNDER:
		case COL_OVER:
			ln->fr[j] = touched[t->a];
			break;
		case COL_CUNDER:
		case COL_COVER:
			ln->fr[j] = cfree[t->a * st->S + t->b];
			break;
		default:
			ln->fr[j] = 1;
			break;
		}
	}
}

/*
 * Which neighbourhood shape next.  Problems with interval demand use a
 * fixed rotation (a bandit did worse there: cheap small gains crowd out
 * the bigger neighbourhoods).  Otherwise the first round tries each shape
 * in turn, then shapes are drawn with probability proportional to their score
 * (an average of the relative gain per simplex iteration they brought)
 * plus a floor, so none is starved.  Deterministic: the scores come from
 * iteration counts and the draw from the fixed-seed generator.
 */
static int choose_shape(struct solver_search *st, const double *score, int n,
			int iter)
{
	/* with interval demand: a fixed rotation, measured best on
	 * contact-centre weeks (skill-related and day-window shapes) */
	static const int rotation[7] = {1, 4, 2, 5, 6, 4, 3};
	double total = 0, best = 0, pick;

	if (solver_search_interval_demand(st) && n == 7)
		return rotation[iter % 7];
	if (iter < n)
		return iter;
	for (int i = 0; i < n; i++)
		best = fmax(best, score[i]);
	for (int i = 0; i < n; i++)
		total += score[i] + 0.1 * best + 1e-12;
	pick = solver_rng_unit(&st->rng) * total;
	for (int i = 0; i < n; i++) {
		pick -= score[i] + 0.1 * best + 1e-12;
		if (pick < 0)
			return i;
	}
	return n - 1;
}

/*
 * The days [*d0, *d1] (all week unless `window`) and the number of
 * employees of a neighbourhood freeing about `target` binaries.
 */
static int lns_size(struct solver_search *st, const struct lns *ln,
		    int window, double target, int *d0, int *d1)
{
	int E = st->E, D = st->D, size;
	double per_emp = ln->bin_per_emp;

	if (window) {
		/* a window of 2-3 days for more employees; once it holds
		 * everybody, a longer window */
		double per_day = (double)ln->bin_per_emp / D;
		int w = 2 + solver_rng_below(&st->rng, 2);

		if (target / (w * per_day) > E)
			w = (int)ceil(target / (E * per_day));
		if (w > D)
			w = D;
		*d0 = solver_rng_below(&st->rng, D - w + 1);
		*d1 = *d0 + w - 1;
		per_emp = per_day * w;
	}
	size = (int)(target / per_emp + 0.5);
	if (size < 2)
		size = 2;
	if (size > E)
		size = E;
	return size;
}

/* The sub-MIP of the columns ln->fr frees, from the incumbent, within a
 * neighbourhood's node and iteration limits; its solution into ln->x. */
static void lns_solve(struct solver_search *st, struct lns *ln,
		      struct sub_out *so)
{
	struct sub_params sp;

	memset(&sp, 0, sizeof(sp));
	sp.free = ln->fr;
	sp.val = st->inc;
	sp.inject = 1;
	sp.node_limit = solver_search_interval_demand(st) ? LNS_NODES_INTERVAL
							  : LNS_NODES;
	sp.iter_limit = LNS_ITERS;
	sp.most_fractional = solver_search_interval_demand(st);
	/* with interval demand most of a neighbourhood's rows are the running
	 * counts and coverage of the week, each with a continuous column of
	 * its own: a crash basis makes those basic at once, where the slack
	 * basis spent one phase-1 iteration on each (50-agent week: 4,935
	 * iterations on the first neighbourhood, 4,025; and twice the
	 * neighbourhoods for the same work) */
	sp.crash = solver_search_interval_demand(st);
	/* better still, a basis from the incumbent: its root LP then starts
	 * nearly primal feasible (50-agent week: 1,270 iterations on the first
	 * neighbourhood instead of 4,025) */
	sp.warm = solver_search_interval_demand(st);
	sp.gap = 0;
	/* a GLPK failure on one neighbourhood (its result SUB_ERROR) costs
	 * that neighbourhood only: the incumbent stands */
	solver_sub_solve(&st->bu, &st->full.mip, &sp, ln->x, so);
}

/* The neighbourhood size follows the work it took, measured in simplex
 * iterations (deterministic, unlike seconds). */
static void lns_resize(double *target, const struct sub_out *so)
{
	if (so->result == SUB_OPTIMAL && so->iters < LNS_ITERS / 4 &&
	    *target < LNS_MAX_TARGET)
		*target *= 1.2;
	else if ((so->result != SUB_OPTIMAL || so->iters > LNS_ITERS / 2) &&
		 *target > 40)
		*target *= 0.75;
}

/* A neighbourhood's roster (ln->x) scores its shape (*score) and becomes
 * the incumbent when better: then 1, else 0. */
static int lns_take(struct solver_search *st, struct lns *ln,
		    const struct sub_out *so, double *score)
{
	double z = solver_mip_objective(&st->full.mip, ln->x);
	/* reward: relative gain per 1000 simplex iterations */
	double gain = z < st->inc_obj ? st->inc_obj - z : 0;
	double r = gain / fmax(1.0, fabs(st->inc_obj)) * 1e5 /
		   fmax(1000.0, (double)so->iters);

	*score = 0.7 * *score + 0.3 * r;
	if (z < st->inc_obj - 1e-7 * fmax(1.0, fabs(st->inc_obj))) {
		solver_search_accept(st, ln->x, z);
		solver_budget_report(&st->bu, 0);
		return 1;
	}
	return 0;
}

int solver_search_lns(struct solver_search *st, double gap_target,
		      struct rota_error *err)
{
	const struct mip *m = &st->full.mip;
	struct lns ln;
	int E = st->E, D = st->D, since = 0, iter = 0, rc = 0;
	/* neighbourhoods in turn: (how employees are picked, day window) */
	/* neighbourhood shapes: (how employees are picked, day window) */
	static const int shapes[][2] = {{0, 0}, {1, 0}, {2, 0}, {3, 0},
					{0, 1}, {1, 1}, {2, 1}};
	int nshapes = D >= 4 ? 7 : 4, stall_limit;
	double score[7];
	uint8_t *touched, *live, *cfree;

	memset(&ln, 0, sizeof(ln));
	ln.in = malloc((size_t)E + 1);
	ln.fr = malloc((size_t)m->ncols + 1);
	ln.cand = malloc(((size_t)E + 1) * sizeof(int));
	ln.x = malloc(((size_t)m->ncols + 1) * sizeof(double));
	touched = malloc((size_t)st->T + 1);
	live = malloc((size_t)st->T * (size_t)(st->full.nprof ? st->full.nprof
							       : 1) + 1);
	cfree = malloc((size_t)D * (size_t)st->S + 1);
	if (!ln.in || !ln.fr || !ln.cand || !ln.x || !touched || !live ||
	    !cfree) {
		rc = rota_error_set(err, ROTA_ENOMEM,
				    "out of memory for the neighbourhood search");
		goto out;
	}
	ln.bin_per_emp = st->full.n_x / (E ? E : 1);
	if (ln.bin_per_emp < 1)
		ln.bin_per_emp = 1;
	ln.target[0] = ln.target[1] = 400;
	for (int i = 0; i < 7; i++)
		score[i] = 1.0;
	stall_limit = 40 + 2 * E;
	st->bu.phase = "lns";
	while (since < stall_limit && solver_budget_left(&st->bu) &&
	       solver_rel_gap(st->inc_obj, st->bound) > gap_target) {
		int sh = choose_shape(st, score, nshapes, iter);
		const int *nb = shapes[sh];
		int kind = nb[0], d0 = 0, d1 = D - 1, size;
		/* one size for all shapes with interval demand (window
		 * successes grow the all-week neighbourhoods too, which paid
		 * off there); one per shape kind otherwise */
		double *target = &ln.target[solver_search_interval_demand(st)
						    ? 0
						    : nb[1]];
		struct sub_out so;

		size = lns_size(st, &ln, nb[1], *target, &d0, &d1);
		pick(st, &ln, kind, size, &d0, &d1);
		iter++;
		free_columns(st, &ln, d0, d1, touched, live, cfree);
		lns_solve(st, &ln, &so);
		solver_budget_log(&st->bu,
				  "lns %d (kind %d): %d employees, days %d-%d, "
				  "%d rows, %d binaries, %ld nodes, %ld "
				  "iterations, result %d, objective %.2f\n",
				  iter, kind, size, d0, d1, so.rows, so.ints,
				  so.nodes, so.iters, so.result, so.obj);
		st->nodes += so.nodes;
		lns_resize(target, &so);
		since++;
		if (so.result != SUB_OPTIMAL && so.result != SUB_FEASIBLE) {
			score[sh] *= 0.7;
			continue;
		}
		if (lns_take(st, &ln, &so, &score[sh]))
			since = 0;
		if (size >= E && d0 == 0 && d1 == D - 1 &&
		    so.result == SUB_OPTIMAL) {
			/* the neighbourhood was everything: proven */
			if (so.bound > st->bound)
				st->bound = fmin(so.bound, st->inc_obj);
			break;
		}
	}
out:
	free(ln.in);
	free(ln.fr);
	free(ln.cand);
	free(ln.x);
	free(touched);
	free(live);
	free(cfree);
	return rc;
}
