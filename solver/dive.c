/*
 * solver/dive.c - rounding the master's LP to a roster: fix part of what
 * the LP chooses, generate columns again, repeat until the LP is whole.
 * A step that lifts the LP too far is undone; what the dive could not
 * place goes to the restricted master (a neighbourhood of colgen.c).
 * Everything is counted in the budget's work units: deterministic.
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/colgen_int.h"


/* the share of the work left the dive's rounding may take */
#define DIVE_SHARE 0.5
/* a dive keeps at once every schedule the LP uses this close to whole
 * (0.8 of a schedule counts as one) */
#define DIVE_ROUND 0.2
/* a dive whose LP has risen this much (relative) above where it started
 * leaves the members still open to the restricted master */
#define DIVE_DEGRADE 0.15
/* the schedule dive: members it leaves to the restricted master, and the
 * rounds of column generation after each of its fixes (measured on
 * Curtois 7 and 8: 6 and 2 against 40 and 5, bench/RESULTS.md) */
#define COLUMN_OPEN 6
#define COLUMN_ROUNDS 2

static int dive_finish(struct solver_colgen *cg, const int *start,
		       int *type);

static double value_of(const struct solver_colgen *cg, size_t i)
{
	return glp_get_col_prim(cg->P, cg->nbase + 1 + (int)i);
}

/* Fix column i to at least lb schedules. */
static void fix_at_least(struct solver_colgen *cg, size_t i, int lb)
{
	int j = cg->nbase + 1 + (int)i;
	int old = (int)glp_get_col_lb(cg->P, j);

	glp_set_col_bnds(cg->P, j, GLP_LO, lb, 0);
	cg->cls[cg->col[i].cls].fixed += lb - old;
}

/* The roster the fixed columns make (every class wholly fixed). */
static void read_roster(const struct solver_colgen *cg, int *type)
{
	int *next = calloc((size_t)cg->ncls + 1, sizeof(int));

	for (int e = 0; e < cg->E; e++)
		for (int d = 0; d < cg->D; d++)
			type[e * cg->D + d] = -1;
	if (!next)
		return;
	/* members in index order take the columns in index order */
	for (size_t i = 0; i < cg->ncol; i++) {
		int c = cg->col[i].cls;
		int k = (int)floor(glp_get_col_lb(cg->P, cg->nbase + 1 + (int)i) +
				   0.5);

		while (k-- > 0) {
			int m = -1, seen = 0;

			for (int e = 0; e < cg->E && m < 0; e++)
				if (cg->class_of[e] == c && seen++ == next[c])
					m = e;
			if (m < 0)
				break;
			next[c]++;
			memcpy(type + (size_t)m * (size_t)cg->D, cg->col[i].week,
			       (size_t)cg->D * sizeof(int));
		}
	}
	free(next);
}

/* a dive step that lifts the LP past DIVE_DEGRADE is undone and the
 * step retried narrower, this many times a dive */
#define DIVE_BACKTRACKS 8

/* The fixes of one dive step, to undo it: the column, its bound before
 * and after, and its LP value when fixed. */
struct dive_fix {
	size_t col;
	int old, lb;
	double v;
};

struct dive_step {
	size_t n, cap;
	struct dive_fix *fix;
};

static int step_fix(struct solver_colgen *cg, struct dive_step *ds, size_t i,
		    int lb)
{
	if (ds->n == ds->cap) {
		size_t nc = ds->cap ? 2 * ds->cap : 64;
		struct dive_fix *f = realloc(ds->fix, nc * sizeof(*f));

		if (!f)
			return ROTA_ENOMEM;
		ds->fix = f;
		ds->cap = nc;
	}
	ds->fix[ds->n].col = i;
	ds->fix[ds->n].old =
		(int)glp_get_col_lb(cg->P, cg->nbase + 1 + (int)i);
	ds->fix[ds->n].lb = lb;
	ds->fix[ds->n++].v = value_of(cg, i);
	fix_at_least(cg, i, lb);
	return 0;
}

/* Undo a step.  A step of one fix also bars its column from rising
 * above the old bound again (else the same fix would come back); a step
 * of several is retried as its most nearly whole fix alone, returned in
 * *retry (retry->col SIZE_MAX: none). */
static void step_undo(struct solver_colgen *cg, struct dive_step *ds,
		      struct dive_fix *retry)
{
	retry->col = SIZE_MAX;
	retry->v = -1;
	for (size_t k = ds->n; k-- > 0;) {
		const struct dive_fix *f = &ds->fix[k];

		if (ds->n > 1 && f->v - floor(f->v) > retry->v) {
			*retry = *f;
			retry->v = f->v - floor(f->v);
		}
		fix_at_least(cg, f->col, f->old);
		if (ds->n == 1)
			glp_set_col_bnds(cg->P, cg->nbase + 1 + (int)f->col,
					 GLP_FX, f->old, f->old);
	}
	ds->n = 0;
}

/* The dive's LP has risen past DIVE_DEGRADE above lp0, where it began. */
static int degraded(const struct solver_colgen *cg, double lp0)
{
	return cg->lp > lp0 + DIVE_DEGRADE * fmax(1.0, fabs(lp0));
}

/* The rounding of the dive (solver_colgen_dive); *starved is set when
 * the budget ended it.  A step (a batch of nearly whole schedules, or
 * the one most nearly whole) that lifts the LP past DIVE_DEGRADE or
 * makes it infeasible is undone, up to DIVE_BACKTRACKS times: a batch
 * is retried as its best fix alone, a single fix is barred.  Curtois
 * Instance 9: one batch with 18 members open took the LP from 410.7 to
 * 516.7, and the restricted master then found 1,455 (best known 439). */
static int dive_loop(struct solver_colgen *cg, int rounds_per_fix,
		     const int *start, int open_limit, int *type,
		     int *starved)
{
	int r = SUB_OPTIMAL, backtracks = 0;
	double lp0 = cg->lp;
	struct dive_step ds = {0, 0, NULL};
	struct dive_fix retry = {SIZE_MAX, 0, 0, 0};

	cg->bu->phase = "diving";
	for (;;) {
		size_t best = SIZE_MAX;
		double best_frac = -1;
		int fixed_any = 0, open = 0, members = 0;

		if (r != SUB_OPTIMAL) {
			r = SUB_NONE;
			goto out;
		}
		ds.n = 0;
		if (retry.col != SIZE_MAX) {
			if (step_fix(cg, &ds, retry.col, retry.lb) < 0) {
				r = ROTA_ENOMEM;
				goto out;
			}
			retry.col = SIZE_MAX;
			fixed_any = 1;
		}
		/* schedules the LP uses whole (or nearly: DIVE_ROUND): keep
		 * them */
		for (size_t i = 0; i < cg->ncol && !fixed_any; i++) {
			struct cg_class *k = &cg->cls[cg->col[i].cls];
			double v = value_of(cg, i);
			int lb = (int)glp_get_col_lb(cg->P, cg->nbase + 1 +
								   (int)i);
			int whole = (int)floor(v + DIVE_ROUND + 1e-6);

			if (whole > lb && k->fixed + whole - lb <= k->n) {
				if (step_fix(cg, &ds, i, whole) < 0) {
					r = ROTA_ENOMEM;
					goto out;
				}
			}
		}
		fixed_any = ds.n > 0;
		for (int c = 0; c < cg->ncls; c++) {
			open += cg->cls[c].fixed < cg->cls[c].n;
			members += cg->cls[c].n - cg->cls[c].fixed;
		}
		if (!open)
			break;
		if (!fixed_any && start && cg->p->max_changes == ROTA_UNSET &&
		    (members <= open_limit ||
		     degraded(cg, lp0))) {
			r = dive_finish(cg, start, type);
			goto out;
		}
		if (!fixed_any) {
			/* the most nearly whole fractional schedule */
			for (size_t i = 0; i < cg->ncol; i++) {
				struct cg_class *k = &cg->cls[cg->col[i].cls];
				double v = value_of(cg, i);
				double f = v - floor(v);

				if (k->fixed >= k->n || f < 1e-6 ||
				    glp_get_col_type(cg->P, cg->nbase + 1 +
								    (int)i) ==
					    GLP_FX)
					continue;
				if (f > best_frac + 1e-9) {
					best_frac = f;
					best = i;
				}
			}
			if (best == SIZE_MAX) {
				r = SUB_NONE;
				goto out;
			}
			if (step_fix(cg, &ds, best,
				     (int)glp_get_col_lb(cg->P,
							 cg->nbase + 1 +
								 (int)best) +
					     1) < 0) {
				r = ROTA_ENOMEM;
				goto out;
			}
		}
		solver_budget_log(cg->bu, "dive: lp %.4f, %d members open\n",
				  cg->lp, members);
		if (!solver_budget_left(cg->bu)) {
			*starved = 1;
			r = SUB_NONE;
			goto out;
		}
		r = solver_colgen_generate(cg, rounds_per_fix, 0);
		if (r < 0 && r != SUB_INFEASIBLE)
			goto out;
		if (start && backtracks < DIVE_BACKTRACKS &&
		    (r == SUB_INFEASIBLE ||
		     (r == SUB_OPTIMAL && degraded(cg, lp0)))) {
			backtracks++;
			solver_budget_log(cg->bu,
					  "dive: step of %zu fixes undone "
					  "(lp %.4f)\n",
					  ds.n, r == SUB_OPTIMAL ? cg->lp : NAN);
			step_undo(cg, &ds, &retry);
			r = solver_colgen_generate(cg, rounds_per_fix, 0);
			continue;
		}
		if (r == SUB_INFEASIBLE) {
			r = SUB_NONE;
			goto out;
		}
	}
	read_roster(cg, type);
	r = SUB_OPTIMAL;
out:
	free(ds.fix);
	return r;
}

/* The schedule dive's loop and its end (below), within DIVE_SHARE. */
static int column_dive(struct solver_colgen *cg, const int *start, int *type)
{
	struct solver_hold hold = solver_budget_hold(cg->bu, DIVE_SHARE);
	int starved = 0;
	int r = dive_loop(cg, COLUMN_ROUNDS, start, COLUMN_OPEN, type,
			  &starved);

	solver_budget_release(cg->bu, hold);
	if (starved && start && cg->p->max_changes == ROTA_UNSET &&
	    solver_budget_left(cg->bu)) {
		solver_budget_log(cg->bu, "dive: its share spent\n");
		r = dive_finish(cg, start, type);
	}
	return r;
}

/*
 * Dive to a roster.  On success type[] holds the roster and SUB_OPTIMAL
 * is returned; SUB_NONE when the budget ran out or the LP became
 * infeasible and `start` (the weeks of the members not placed) could not
 * finish it.
 */
int solver_colgen_dive(struct solver_colgen *cg, const int *start, int *type)
{
	return column_dive(cg, start, type);
}

/*
 * The end of a dive: the members the dive has not placed take their week
 * in `start`, and the restricted master decides them all at once (a
 * neighbourhood of that roster freeing exactly them).
 */
static int dive_finish(struct solver_colgen *cg, const int *start, int *type)
{
	uint8_t *open = calloc((size_t)cg->E + 1, 1);
	int *placed = calloc((size_t)cg->ncls + 1, sizeof(int));
	int r;

	if (!open || !placed) {
		free(open);
		free(placed);
		return ROTA_ENOMEM;
	}
	read_roster(cg, type);
	for (int c = 0; c < cg->ncls; c++)
		placed[c] = cg->cls[c].fixed;
	/* read_roster fills members in index order: the first `fixed` of
	 * each class are placed, the rest are open */
	for (int e = 0; e < cg->E; e++) {
		int c = cg->class_of[e];

		if (placed[c] > 0) {
			placed[c]--;
			continue;
		}
		open[e] = 1;
		memcpy(type + (size_t)e * (size_t)cg->D,
		       start + (size_t)e * (size_t)cg->D,
		       (size_t)cg->D * sizeof(int));
	}
	solver_colgen_release(cg);
	r = solver_colgen_neighbourhood(cg, type, open, 0, 2000, 50000, type);
	solver_budget_log(cg->bu, "dive: the restricted master on the open "
				  "members: result %d\n", r);
	free(open);
	free(placed);
	return r == SUB_FEASIBLE ? SUB_OPTIMAL : r;
}

/* Undo every fix of the dive (the columns stay). */
void solver_colgen_unfix(struct solver_colgen *cg)
{
	for (size_t i = 0; i < cg->ncol; i++)
		glp_set_col_bnds(cg->P, cg->nbase + 1 + (int)i, GLP_LO, 0, 0);
	for (int c = 0; c < cg->ncls; c++)
		cg->cls[c].fixed = 0;
}
