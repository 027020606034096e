/*
 * solver/dive.c - rounding the master's LP to a roster: fix part of what
 * the LP chooses, generate columns again, repeat until the LP is whole.
 *
 * Two dives.  When every class has one member (the benchmark's employees
 * all differ in their requests), the dive fixes cells - employee e works
 * shift s, or is off, on day d - as branch-and-price for rostering
 * branches; otherwise it fixes schedule counts.  Both undo a step that
 * lifts the LP too far, and leave what they could not place to the
 * restricted master (a neighbourhood of colgen.c).  Everything is counted
 * in the budget's work units: deterministic.
 */
#include <glpk.h>
#include <math.h>
#include <stdint.h>
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
/* the cell dive: rounds of column generation after each fix (Curtois 9:
 * 2 rounds 541, 5 rounds 439, unlimited 439 in more time; 7: 1062 with 5,
 * 1058 unlimited; 8: 1322 with 5, 1326 unlimited) */
#define CELL_ROUNDS 5
/* the share of the work left the cell dive may take (0.5 as the schedule
 * dive: Curtois 12 4,647, 15 6,084, the dive's share spent with most
 * employees still fractional; 0.75: 4,142 and 4,439, Instances 1-11, 13,
 * 14, 16-19 the same to the work unit) */
#define CELL_SHARE 0.75
/* a single fix of the cell dive that lifts the LP by more than this
 * (relative to where the dive started) is undone and its option barred
 * from the cell, up to DIVE_JUMPS times a dive, besides DIVE_BACKTRACKS
 * (Curtois 8 at the default budget: fixes of +50 each took the LP from
 * 1,369.5 to 1,506.6, below the 15% of DIVE_DEGRADE, and the restricted
 * master then found 1,619; with it the roster is 1,422 instead of 1,520,
 * Instances 5-7 and 9-18 the same) */
#define DIVE_JUMP 0.02
#define DIVE_JUMPS 16
/* the careful cell dive (solver_colgen_dive's `careful`): a step keeps at
 * once only the cells the LP has whole (within CELL_CAREFUL), else the
 * heaviest open cells picked (CELL_MANY); it may take CAREFUL_SHARE of
 * the work left, and stops once it has spent CAREFUL_PROBE of that share
 * when the cells it has settled so far, at the work they took, project
 * past it */
#define CELL_CAREFUL 0.01
/* the most cells a step picks by weight when none is whole enough for a
 * batch (cell_loop doubles its count while the LP stays where it is):
 * on Curtois 13 at --effort 10 the LP stayed at 1,372 for 200 s of
 * single fixes, and the dive ran out of its share with 39 employees
 * open (4,099); picking up to 32, it ended whole at 1,366, and at 1,362
 * when a step that leaves the LP put skips the wide beam (colgen.c);
 * 1,357 in a third run, and a fourth ran out again (docs/model.md) */
#define CELL_MANY 32
#define CAREFUL_SHARE 0.4
#define CAREFUL_PROBE 0.1

static int dive_finish(struct solver_colgen *cg, const int *start,
		       int *type);

/* Fix column i to at least lb schedules. */
static void fix_at_least(struct solver_colgen *cg, size_t i, int lb)
{
	int j = cg->nbase + 1 + (int)i;
	int old = (int)glp_get_col_lb(cg->P, j);

	glp_set_col_bnds(cg->P, j, GLP_LO, lb, 0);
	cg->cls[cg->col[i].cls].fixed += lb - old;
}

int solver_colgen_read_counts(const struct solver_colgen *cg, int values,
			      int *type)
{
	int rc;
	double *v = calloc((size_t)glp_get_num_cols(cg->P) + 1,
			   sizeof(double));

	if (!v)
		return ROTA_ENOMEM;
	for (size_t i = 0; i < cg->ncol; i++) {
		int j = cg->nbase + 1 + (int)i;

		v[j] = values ? glp_get_col_prim(cg->P, j)
			      : glp_get_col_lb(cg->P, j);
	}
	rc = solver_colgen_read(cg, v, type);
	free(v);
	return rc;
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
	if (ROTA_GROW(ds->fix, ds->cap, ds->n) < 0)
		return ROTA_ENOMEM;
	ds->fix[ds->n].col = i;
	ds->fix[ds->n].old =
		(int)glp_get_col_lb(cg->P, cg->nbase + 1 + (int)i);
	ds->fix[ds->n].lb = lb;
	ds->fix[ds->n++].v = solver_colgen_value(cg, i);
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

/* Fixes in ds the schedules the LP uses whole (or nearly: DIVE_ROUND);
 * returns -1 when out of memory. */
static int fix_whole(struct solver_colgen *cg, struct dive_step *ds)
{
	for (size_t i = 0; i < cg->ncol; i++) {
		struct cg_class *k = &cg->cls[cg->col[i].cls];
		double v = solver_colgen_value(cg, i);
		int lb = (int)glp_get_col_lb(cg->P, cg->nbase + 1 + (int)i);
		int whole = (int)floor(v + DIVE_ROUND + 1e-6);

		if (whole > lb && k->fixed + whole - lb <= k->n) {
			if (step_fix(cg, ds, i, whole) < 0)
				return -1;
		}
	}
	return 0;
}

/* Counts the classes with members still open, and those members. */
static void count_open(const struct solver_colgen *cg, int *open,
		       int *members)
{
	for (int c = 0; c < cg->ncls; c++) {
		*open += cg->cls[c].fixed < cg->cls[c].n;
		*members += cg->cls[c].n - cg->cls[c].fixed;
	}
}

/* The most nearly whole fractional schedule not yet fixed, SIZE_MAX when
 * there is none. */
static size_t most_nearly_whole(const struct solver_colgen *cg)
{
	size_t best = SIZE_MAX;
	double best_frac = -1;

	for (size_t i = 0; i < cg->ncol; i++) {
		struct cg_class *k = &cg->cls[cg->col[i].cls];
		double v = solver_colgen_value(cg, i);
		double f = v - floor(v);

		if (k->fixed >= k->n || f < 1e-6 ||
		    glp_get_col_type(cg->P, cg->nbase + 1 + (int)i) == GLP_FX)
			continue;
		if (f > best_frac + 1e-9) {
			best_frac = f;
			best = i;
		}
	}
	return best;
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
		size_t best;
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
		if (!fixed_any && fix_whole(cg, &ds) < 0) {
			r = ROTA_ENOMEM;
			goto out;
		}
		fixed_any = ds.n > 0;
		count_open(cg, &open, &members);
		if (!open)
			break;
		if (!fixed_any && start && cg->p->max_changes == ROTA_UNSET &&
		    (members <= open_limit ||
		     degraded(cg, lp0))) {
			r = dive_finish(cg, start, type);
			goto out;
		}
		if (!fixed_any) {
			best = most_nearly_whole(cg);
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
	r = solver_colgen_read_counts(cg, 0, type) < 0 ? ROTA_ENOMEM
							 : SUB_OPTIMAL;
out:
	free(ds.fix);
	return r;
}

/* ------------------------------------------------------ diving on cells */

/*
 * When every class has one member (the benchmark's employees all differ
 * in their requests), the dive fixes cells - employee e works shift s
 * (or is off) on day d - rather than whole schedules: a fix bars the
 * schedules that disagree and the pricing program offers only weeks that
 * keep to it (cg->mask), so the LP may still mix every week that agrees.
 * This is the branching of branch-and-price for rostering (one employee's
 * day), taken greedily with backtracking: far less rigid than fixing a
 * schedule, whose other days the LP chose against the duals of a master
 * that no longer exists by the time the dive ends.
 */

void solver_colgen_cell_bar(struct solver_colgen *cg, const uint8_t *touched)
{
	for (size_t i = 0; i < cg->ncol; i++) {
		const struct cg_col *col = &cg->col[i];

		if (touched[col->cls])
			glp_set_col_bnds(cg->P, cg->nbase + 1 + (int)i,
					 solver_colgen_masked_out(cg, col->cls,
								  col->week)
						 ? GLP_FX
						 : GLP_LO,
					 0, 0);
	}
}

int solver_colgen_cell_weights(const struct solver_colgen *cg, double *y)
{
	size_t O = (size_t)cg->S + 1, D = (size_t)cg->D;
	int whole = 1;

	memset(y, 0, (size_t)cg->ncls * D * O * sizeof(double));
	for (size_t i = 0; i < cg->ncol; i++) {
		const struct cg_col *col = &cg->col[i];
		double v = solver_colgen_value(cg, i), *yc;

		if (fabs(v - floor(v + 0.5)) > 1e-6)
			whole = 0;
		if (v < 1e-9)
			continue;
		yc = y + (size_t)col->cls * D * O;
		for (size_t d = 0; d < D; d++) {
			int o = solver_colgen_option(cg, col->week[d]);

			yc[d * O + (size_t)o] += v;
		}
	}
	return whole;
}

/* The fixes of one cell step, to undo it. */
struct cell_fix {
	size_t cell;   /* c*D + d */
	uint64_t old;  /* its options before */
	int opt;       /* the option kept */
	double y;      /* the LP's weight on it */
};

struct cell_step {
	size_t n, cap;
	struct cell_fix *fix;
};

static int cell_push(struct cell_step *st, size_t cell, uint64_t old, int opt,
		     double y)
{
	if (ROTA_GROW(st->fix, st->cap, st->n) < 0)
		return ROTA_ENOMEM;
	st->fix[st->n++] = (struct cell_fix){cell, old, opt, y};
	return 0;
}

/* Undo a step: a step of one fix bans its option from the cell instead
 * (else it would come back); a step of several is retried as its most
 * nearly whole fix alone (*retry; retry->cell SIZE_MAX: none). */
static void cell_undo(struct solver_colgen *cg, struct cell_step *st,
		      struct cell_fix *retry)
{
	retry->cell = SIZE_MAX;
	retry->y = -1;
	for (size_t k = st->n; k-- > 0;) {
		const struct cell_fix *f = &st->fix[k];

		cg->mask[f->cell] = f->old;
		if (st->n == 1)
			cg->mask[f->cell] &= ~((uint64_t)1 << f->opt);
		else if (f->y > retry->y)
			*retry = *f;
	}
}

/* A cell the next step may fix by weight, ranked by key (its LP weight,
 * plus a draw with cg->jitter). */
struct cell_pick {
	double key, y;
	size_t cell;
	int opt;
};

/* Rank (key, y, cell, opt) into top[0..*n), the heaviest first, keeping
 * at most `many`; ties keep the earlier cell. */
static void pick_rank(struct cell_pick *top, int *n, int many,
		      struct cell_pick c)
{
	int i;

	if (*n == many && !(c.key > top[many - 1].key))
		return;
	i = *n < many ? (*n)++ : many - 1;
	while (i > 0 && c.key > top[i - 1].key) {
		top[i] = top[i - 1];
		i--;
	}
	top[i] = c;
}

/*
 * The fixes of the next step into st: every open cell the LP gives an
 * option at least 1 - round, else the `many` (at most CELL_MANY) open
 * cells with the heaviest options (with cg->jitter, the heaviest plus a
 * draw of up to the jitter), *picked their number (0 for a batch).
 * *open gets the classes the LP leaves fractional, *frac the open cells.
 */
static int cell_choose(struct solver_colgen *cg, const double *y,
		       double round, int many, struct cell_step *st,
		       int *picked, int *open, int *frac)
{
	size_t O = (size_t)cg->S + 1, ncell = (size_t)cg->ncls * cg->D;
	struct cell_pick top[CELL_MANY];
	int ntop = 0, last = -1;

	many = many < 1 ? 1 : many > CELL_MANY ? CELL_MANY : many;
	*picked = 0;
	*open = 0;
	*frac = 0;
	for (size_t k = 0; k < ncell; k++) {
		uint64_t m = cg->mask[k];
		int o;
		double v = solver_colgen_heaviest(y + k * O, O, &o);

		if (v < 1 - 1e-6 && (int)(k / (size_t)cg->D) != last) {
			last = (int)(k / (size_t)cg->D);
			(*open)++;
		}
		if ((m & (m - 1)) == 0)
			continue; /* one option left: fixed */
		*frac += v < 1 - 1e-6;
		if (v >= 1 - round - 1e-6) {
			if (cell_push(st, k, m, o, v) < 0)
				return ROTA_ENOMEM;
		} else {
			double key = v;

			if (cg->jitter > 0)
				key += cg->jitter * solver_rng_unit(&cg->rng);
			pick_rank(top, &ntop, many,
				  (struct cell_pick){key, v, k, o});
		}
	}
	if (st->n > 0)
		return 0;
	for (int i = 0; i < ntop; i++)
		if (cell_push(st, top[i].cell, cg->mask[top[i].cell],
			      top[i].opt, top[i].y) < 0)
			return ROTA_ENOMEM;
	*picked = ntop;
	return 0;
}

void solver_colgen_jitter(struct solver_colgen *cg, double jitter,
			  uint64_t seed)
{
	cg->jitter = jitter;
	cg->rng = seed;
}

/* The LP's own rounding (solver_int.h): the schedule dive's loop with
 * no column generation after its fixes. */
int solver_colgen_round(struct solver_colgen *cg, int *type)
{
	int starved = 0;
	/* first the LP itself: a cell dive may have stopped between its
	 * fixes and its LP */
	int r = solver_colgen_resolve(cg);

	return r == SUB_OPTIMAL ? dive_loop(cg, -1, NULL, 0, type, &starved)
				: r;
}

/* The option o a day's weights yd (O of them) give whole, or -1. */
static int whole_option(const double *yd, size_t O)
{
	for (size_t o = 0; o < O; o++)
		if (yd[o] > 1 - 1e-6)
			return (int)o;
	return -1;
}

/*
 * The end of a cell dive that could not finish, from y (the weights of
 * the last LP it solved): the employees whose week there is whole keep
 * it, and the restricted master decides the others (open) at once.  It
 * starts from the LP's own rounding (the schedule dive's loop on the
 * master as the cell dive left it, no column generation after its
 * fixes), or, when that LP turns infeasible (a rule between employees),
 * with the open employees in their weeks of `start`.  From `start`
 * alone, Curtois 13 at --effort 10 ended on its first roster (7,344):
 * the dive ran out of its share with 36 employees open at an LP of
 * 1,858, and the restricted master found nothing better within its
 * limits.
 */
static int cell_finish(struct solver_colgen *cg, const double *y,
		       const int *start, int *type)
{
	size_t O = (size_t)cg->S + 1, D = (size_t)cg->D;
	uint8_t *open = calloc((size_t)cg->E + 1, 1);
	int r, rounded;

	if (!open)
		return ROTA_ENOMEM;
	r = solver_colgen_round(cg, type);
	if (r < 0) {
		free(open);
		return r;
	}
	rounded = r == SUB_OPTIMAL;
	solver_budget_log(cg->bu, "dive: the LP's own rounding: %s\n",
			  rounded ? "a roster" : "none");
	for (int e = 0; e < cg->E; e++) {
		const double *ye = y + (size_t)cg->class_of[e] * D * O;
		int *w = type + (size_t)e * D;

		for (size_t d = 0; d < D && !open[e]; d++) {
			int o = whole_option(ye + d * O, O);

			open[e] = o < 0;
			if (!rounded && o >= 0)
				w[d] = o == (int)O - 1 ? -1 : o;
		}
		if (open[e] && !rounded)
			memcpy(w, start + (size_t)e * D, D * sizeof(int));
	}
	solver_colgen_release(cg);
	r = solver_colgen_neighbourhood(cg, type, open, 0, 2000, 50000, type);
	solver_budget_log(cg->bu, "dive: the restricted master on the open "
				  "employees: result %d\n", r);
	free(open);
	if (r == SUB_NONE && rounded)
		return SUB_OPTIMAL; /* the rounding itself */
	return r == SUB_FEASIBLE ? SUB_OPTIMAL : r;
}

/*
 * The careful dive's projection (CAREFUL_PROBE): frac0 open cells at its
 * start, frac now, of a share of left0 work units.  1 when the cells it
 * has settled, at the work they took, say the rest will not fit.
 */
static int careful_short(struct solver_colgen *cg, double left0, int frac0,
			 int frac)
{
	double spent = left0 - solver_budget_work_left(cg->bu);

	if (!isfinite(left0) || spent < CAREFUL_PROBE * left0)
		return 0; /* no work limit, or too early to say */
	if (frac < frac0 && spent / (frac0 - frac) * frac <= left0 - spent)
		return 0;
	solver_budget_log(cg->bu, "dive: careful, %d of %d cells open after "
				  "%.0f work units: stopped\n",
			  frac, frac0, spent);
	return 1;
}

/* Fix the cells of step st (touched: their classes; `picked` of them by
 * weight, 0 for a batch), bar the schedules that disagree and generate
 * columns again: the step's LP status. */
static int cell_apply(struct solver_colgen *cg, const struct cell_step *st,
		      int picked, uint8_t *touched, int open)
{
	int r;

	memset(touched, 0, (size_t)cg->ncls);
	for (size_t k = 0; k < st->n; k++) {
		cg->mask[st->fix[k].cell] = (uint64_t)1 << st->fix[k].opt;
		touched[st->fix[k].cell / (size_t)cg->D] = 1;
	}
	solver_colgen_cell_bar(cg, touched);
	solver_budget_log(cg->bu, "dive: lp %.4f, %d employees open, "
				  "%zu cells fixed%s\n",
			  cg->lp, open, st->n, picked ? " (picked)" : "");
	if (!solver_budget_left(cg->bu))
		return SUB_NONE;
	cg->step_lp = cg->lp;
	r = solver_colgen_generate(cg, CELL_ROUNDS, 0);
	cg->step_lp = -INFINITY;
	return r;
}

/* Undo step st (cell_undo, *retry its retry) and generate columns
 * again: the LP's status. */
static int cell_back(struct solver_colgen *cg, struct cell_step *st,
		     struct cell_fix *retry, const uint8_t *touched)
{
	cell_undo(cg, st, retry);
	solver_colgen_cell_bar(cg, touched);
	return solver_colgen_generate(cg, CELL_ROUNDS, 0);
}

/*
 * The cell dive's loop, its batches the cells at least 1 - round whole:
 * SUB_OPTIMAL with the roster in type, SUB_NONE when it ended without
 * one (y then holds the weights of the last LP solved), or a negative
 * status.  A step of cells picked by weight (no batch) fixes `many` of
 * them, doubled after a step that left the LP where it was and back to
 * one after any that lifted it (CELL_MANY).
 */
static int cell_loop(struct solver_colgen *cg, double *y, double round,
		     int *type)
{
	double lp0 = cg->lp, left0 = solver_budget_work_left(cg->bu);
	double tol = fmax(1.0, fabs(lp0)), lp_step, rise;
	int frac = 0, frac0 = -1, many = 1, picked;
	uint8_t *touched = calloc((size_t)cg->ncls + 1, 1);
	struct cell_step st = {0, 0, NULL};
	struct cell_fix retry = {SIZE_MAX, 0, -1, 0};
	int r = SUB_NONE, backtracks = 0, open = 0, jumps = 0, jump, spread;

	if (!touched)
		return ROTA_ENOMEM;
	cg->bu->phase = "diving";
	while (!solver_colgen_cell_weights(cg, y)) {
		st.n = 0;
		picked = 0;
		if (retry.cell != SIZE_MAX) {
			if (cell_push(&st, retry.cell, cg->mask[retry.cell],
				      retry.opt, retry.y) < 0)
				goto nomem;
			retry.cell = SIZE_MAX;
		} else if (cell_choose(cg, y, round, many, &st, &picked,
				       &open, &frac) < 0) {
			goto nomem;
		} else if (round < DIVE_ROUND) {
			if (frac0 < 0)
				frac0 = frac;
			if (careful_short(cg, left0, frac0, frac)) {
				r = SUB_NONE;
				goto out;
			}
		}
		if (st.n == 0 || (st.n == 1 && degraded(cg, lp0))) {
			r = SUB_NONE;
			goto out;
		}
		lp_step = cg->lp;
		r = cell_apply(cg, &st, picked, touched, open);
		if (r == SUB_NONE || (r < 0 && r != SUB_INFEASIBLE))
			goto out;
		rise = r == SUB_OPTIMAL ? cg->lp - lp_step : INFINITY;
		if (picked)
			many = rise > 1e-6 * tol ? 1
			       : 2 * many < CELL_MANY ? 2 * many
						   : CELL_MANY;
		/* several picked cells that lift the LP too far: undone, and
		 * retried as the heaviest alone */
		spread = picked > 1 && r == SUB_OPTIMAL &&
			 rise > DIVE_JUMP * tol;
		jump = !spread && r == SUB_OPTIMAL && st.n == 1 &&
		       jumps < DIVE_JUMPS && rise > DIVE_JUMP * tol;
		if (spread || jump || r == SUB_INFEASIBLE ||
		    (r == SUB_OPTIMAL && degraded(cg, lp0))) {
			if (spread) {
				solver_budget_log(cg->bu,
						  "dive: %d cells lifting the "
						  "lp to %.4f undone\n",
						  picked, cg->lp);
			} else if (jump) {
				jumps++;
				solver_budget_log(cg->bu,
						  "dive: a fix lifting the lp "
						  "to %.4f barred\n",
						  cg->lp);
			} else if (backtracks++ >= DIVE_BACKTRACKS) {
				r = SUB_NONE;
				goto out;
			} else {
				solver_budget_log(
					cg->bu,
					"dive: step of %zu fixes undone "
					"(lp %.4f)\n",
					st.n, r == SUB_OPTIMAL ? cg->lp : NAN);
			}
			r = cell_back(cg, &st, &retry, touched);
			if (r < 0 && r != SUB_INFEASIBLE)
				goto out;
		}
		if (r != SUB_OPTIMAL) {
			r = SUB_NONE;
			goto out;
		}
	}
	solver_budget_log(cg->bu, "dive: an integral LP, %.4f\n", cg->lp);
	r = solver_colgen_read_counts(cg, 1, type) < 0 ? ROTA_ENOMEM
							 : SUB_OPTIMAL;
	goto out;
nomem:
	r = ROTA_ENOMEM;
out:
	free(touched);
	free(st.fix);
	return r == SUB_OPTIMAL || r < 0 ? r : SUB_NONE;
}

/* The dive on cells (see above), its batches the cells at least 1 -
 * round whole, within `share` of the work left; the restricted master
 * finishes it when it cannot (with `start`). */
static int cell_dive(struct solver_colgen *cg, const int *start,
		     double round, double share, int *type)
{
	size_t O = (size_t)cg->S + 1, ncell = (size_t)cg->ncls * cg->D;
	uint64_t all = O >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << O) - 1;
	double *y = malloc(ncell * O * sizeof(double) + 1);
	struct solver_hold hold;
	int r;

	cg->mask = malloc(ncell * sizeof(uint64_t) + 1);
	if (!y || !cg->mask) {
		free(y);
		free(cg->mask);
		cg->mask = NULL;
		return ROTA_ENOMEM;
	}
	for (size_t k = 0; k < ncell; k++)
		cg->mask[k] = all;
	hold = solver_budget_hold(cg->bu, share);
	r = cell_loop(cg, y, round, type);
	solver_budget_release(cg->bu, hold);
	free(cg->mask);
	cg->mask = NULL;
	if (r == SUB_NONE && start && cg->p->max_changes == ROTA_UNSET &&
	    solver_budget_left(cg->bu))
		r = cell_finish(cg, y, start, type);
	free(y);
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

/* The master as a dive found it: its columns (the first `mark`) and the
 * LP's basis. */
struct solver_colgen_snap {
	size_t mark;
	int m, n;
	int *row, *col;
};

struct solver_colgen_snap *solver_colgen_snap(struct solver_colgen *cg)
{
	struct solver_colgen_snap *sn = malloc(sizeof(*sn));

	if (!sn)
		return NULL;
	sn->mark = cg->ncol;
	sn->m = glp_get_num_rows(cg->P);
	sn->n = glp_get_num_cols(cg->P);
	sn->row = malloc(((size_t)sn->m + 1) * sizeof(int));
	sn->col = malloc(((size_t)sn->n + 1) * sizeof(int));
	if (!sn->row || !sn->col) {
		solver_colgen_snap_free(sn);
		return NULL;
	}
	for (int i = 1; i <= sn->m; i++)
		sn->row[i] = glp_get_row_stat(cg->P, i);
	for (int j = 1; j <= sn->n; j++)
		sn->col[j] = glp_get_col_stat(cg->P, j);
	return sn;
}

void solver_colgen_restore(struct solver_colgen *cg,
			   const struct solver_colgen_snap *sn)
{
	solver_colgen_release(cg);
	solver_colgen_truncate(cg, sn->mark);
	if (glp_get_num_cols(cg->P) != sn->n)
		return; /* out of memory in the truncation: columns stay */
	for (int i = 1; i <= sn->m; i++)
		glp_set_row_stat(cg->P, i, sn->row[i]);
	for (int j = 1; j <= sn->n; j++)
		glp_set_col_stat(cg->P, j, sn->col[j]);
}

void solver_colgen_snap_free(struct solver_colgen_snap *sn)
{
	if (!sn)
		return;
	free(sn->row);
	free(sn->col);
	free(sn);
}

/*
 * The careful cell dive (CELL_CAREFUL): SUB_OPTIMAL with a roster in
 * type, SUB_NONE when it stopped short, or a negative status.  Stopped
 * short, it leaves the master as it found it - its columns deleted, the
 * LP's basis restored - so the usual dive after it takes the path it
 * takes without it (Curtois 9 at the default budget: from the columns of
 * a careful dive stopped short, the usual one ended at 649, not 439).
 */
static int careful_dive(struct solver_colgen *cg, int *type)
{
	struct solver_colgen_snap *sn = solver_colgen_snap(cg);
	int r;

	if (!sn)
		return ROTA_ENOMEM;
	r = cell_dive(cg, NULL, CELL_CAREFUL, CAREFUL_SHARE, type);
	if (r == SUB_NONE) {
		solver_budget_log(cg->bu, "dive: the careful dive stopped "
					  "short; the usual one\n");
		solver_colgen_restore(cg, sn);
		r = solver_colgen_generate(cg, CELL_ROUNDS, 0);
		r = r == SUB_OPTIMAL ? SUB_NONE : r < 0 ? r : SUB_INFEASIBLE;
	}
	solver_colgen_snap_free(sn);
	return r;
}

/*
 * Dive to a roster: on cells when every class has one member (and the
 * options of a day fit a 64-bit mask), else on schedule counts.  On
 * success type[] holds the roster and SUB_OPTIMAL is returned; SUB_NONE
 * when the budget ran out or the LP became infeasible and `start` (the
 * weeks of the members not placed) could not finish it.  With `careful`,
 * a cell dive is first tried with batches of whole cells only
 * (CELL_CAREFUL); when it stops short, the dive starts again from the
 * LP with the usual batches.
 */
int solver_colgen_cell_dive(const struct solver_colgen *cg)
{
	int cells = cg->S + 1 <= 64;

	for (int c = 0; c < cg->ncls; c++)
		cells &= cg->cls[c].n == 1;
	return cells;
}

int solver_colgen_dive(struct solver_colgen *cg, const int *start,
		       int careful, int *type)
{
	int r;

	if (!solver_colgen_cell_dive(cg))
		return column_dive(cg, start, type);
	if (careful && (r = careful_dive(cg, type)) != SUB_NONE)
		return r;
	return cell_dive(cg, start, DIVE_ROUND, CELL_SHARE, type);
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
	if (solver_colgen_read_counts(cg, 0, type) < 0) {
		free(open);
		free(placed);
		return ROTA_ENOMEM;
	}
	for (int c = 0; c < cg->ncls; c++)
		placed[c] = cg->cls[c].fixed;
	/* read_counts fills members in index order: the first `fixed` of
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
