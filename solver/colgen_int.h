/*
 * solver/colgen_int.h - the column generation's state, shared by its
 * three files: colgen.c (the master, its pricing and its neighbourhoods),
 * dive.c (rounding the master's LP to a roster) and branch.c (the dive's
 * branching searched as a tree).  Inside the solver only.
 */
#ifndef ROTA_SOLVER_COLGEN_INT_H
#define ROTA_SOLVER_COLGEN_INT_H

#include <glpk.h>
#include <stddef.h>
#include <stdint.h>

#include "solver/solver_int.h"

/* the schedules pricing offers per class and round */
#define PRICE_COLS 4

struct cg_class {
	int rep;                 /* the first member */
	int n;                   /* members */
	int row;                 /* convexity row (GLPK) */
	struct solver_pricer *pr;   /* NULL: priced by its MIP */
	double *own;             /* [d*(S+1) + s]: own cost, S = day off */
	int fixed;               /* members the dive has fixed */
};

/* A column's rows and values, 1-based as GLPK (scratch). */
struct cg_nz {
	int *rows;
	double *vals;
	size_t cap;
};

/* A thread's scratch in a pricing round (lane l of solver_team_run). */
struct cg_lane {
	double *cost;            /* [D*(S+1)] */
	struct cg_nz nz;
};

/* One class's pricing in a round: what it is asked, and what it found.
 * A round fills one per class to price, runs them (on a team of threads
 * when they are beams), then reads them in class order. */
struct cg_ask {
	int c;                   /* the class */
	const double *dual;      /* the duals priced on, 1-based as GLPK */
	const double *truth;     /* NULL, or: keep[j] says whether week j's
				  * reduced cost on these is negative */
	const uint64_t *mask;    /* NULL or cell masks [c*D + d] */
	double cutoff;
	long beam;
	int k;
	int rc, found;           /* solver_price_k's; ROTA_ELIMIT too when
				  * the time cap came before it ran */
	long made;               /* labels, charged by the round */
	int charged;
	int *weeks;              /* [PRICE_COLS * D] */
	double values[PRICE_COLS];
	uint8_t keep[PRICE_COLS];
};

struct cg_col {
	int cls;
	int *week;               /* [D] */
	double cost;
	int changes;
	uint64_t hash;
};

struct solver_colgen {
	const struct rota_problem *p;
	struct solver_budget *bu;
	int D, S, E, ncls;
	struct cg_class *cls;
	int *class_of;           /* [e] */
	struct roster_model base;   /* the master's rows and columns */
	glp_prob *P;
	int nbase;               /* GLPK columns before the schedules */
	struct cg_col *col;      /* [GLPK column - nbase - 1] */
	size_t ncol, capcol;
	double *dual;            /* [row], 1-based as GLPK */
	double *center, *sdual;  /* the root's smoothed duals (see smooth) */
	int *week;               /* scratch [D] */
	struct cg_nz nz;         /* scratch: a column's rows and values */
	struct cg_ask *ask;      /* [ncls]: a pricing round's */
	int *askweeks;           /* [ncls * PRICE_COLS * D] */
	struct cg_lane *lane;    /* [nlanes]: the pricing threads' scratch */
	int nlanes;
	double lp;               /* last LP value */
	double bound;            /* best proven lower bound, -INF none */
	int all_exact;           /* the last pricing round was exact */
	uint64_t *mask;          /* cell dive: [c*D + d] options allowed
				  * (bit o: shift o, bit S: off); NULL */
	double window_after;     /* the root's work before window rounds */
	/* a dive's step: the LP before it.  A round of the step whose
	 * narrow beam finds nothing, with the LP no higher than that, ends
	 * the generation without the wide beam (-INF: never) */
	double step_lp;
	/* cell dive: a step of picked cells takes the open cells whose
	 * heaviest option plus jitter x U[0,1) (drawn from rng) is largest;
	 * 0: the heaviest (solver_colgen_jitter) */
	double jitter;
	uint64_t rng;
};

/* Column generation until no schedule prices out, the budget is spent or
 * max_rounds rounds (0: no limit); `root`: smoothed duals, and a proven
 * bound into cg->bound.  SUB_OPTIMAL, SUB_NONE (an LP the budget stopped
 * before it reached a point of the LP: no weights to read),
 * SUB_INFEASIBLE, or an error. */
int solver_colgen_generate(struct solver_colgen *cg, int max_rounds, int root);
/* Option o of a week's day s: the shift, or S for the day off (the
 * index of cost vectors and of cell masks). */
static inline int solver_colgen_option(const struct solver_colgen *cg, int s)
{
	return s >= 0 ? s : cg->S;
}
/* The heaviest of a day's O option weights yd (the first of equals): its
 * weight, the option into *o (cell dives, dive.c and branch.c). */
static inline double solver_colgen_heaviest(const double *yd, size_t O,
					    int *o)
{
	double v = -1;

	*o = -1;
	for (size_t a = 0; a < O; a++)
		if (yd[a] > v) {
			v = yd[a];
			*o = (int)a;
		}
	return v;
}
/* The LP's value of schedule i (cg->col[i]). */
static inline double solver_colgen_value(const struct solver_colgen *cg,
					 size_t i)
{
	return glp_get_col_prim(cg->P, cg->nbase + 1 + (int)i);
}
/* The week takes an option cg->mask has taken from class c (never while
 * no cell dive runs). */
int solver_colgen_masked_out(const struct solver_colgen *cg, int c,
			     const int *week);
/* Delete the columns from the n-th on (those generated since cg->ncol was
 * n). */
void solver_colgen_truncate(struct solver_colgen *cg, size_t n);
/* The roster of the integer values v (per GLPK column) of the schedules:
 * members of a class in index order take its columns in index order.
 * 0, or ROTA_ENOMEM (type then all days off). */
int solver_colgen_read(const struct solver_colgen *cg, const double *v,
		       int *type);

/* Bar (bounds fixed at 0) every schedule of a touched class (touched[c])
 * that takes an option cg->mask no longer allows; free again those that
 * keep to it (dive.c). */
void solver_colgen_cell_bar(struct solver_colgen *cg, const uint8_t *touched);
/* y[(c*D + d)*(S+1) + o]: the LP's weight on option o of class c's day d;
 * returns 1 when every schedule count is whole (dive.c). */
int solver_colgen_cell_weights(const struct solver_colgen *cg, double *y);
/* The roster of the schedule counts: the columns' lower bounds (a dive
 * that fixed every class wholly) or, with `values`, the LP's whole
 * values.  ROTA_ENOMEM or 0 (dive.c). */
int solver_colgen_read_counts(const struct solver_colgen *cg, int values,
			      int *type);
/* Every open class that has no column cg->mask allows gets the cheapest
 * week it allows under the last LP's duals, whatever its reduced cost
 * (a Farkas-free repair: the master stays feasible after a branch that
 * bars every column of a class).  0 when every class has one; 1 when
 * some class has no week its mask allows (the branch is infeasible);
 * ROTA_ELIMIT when the time cap stopped a class's pricing (nothing
 * proven); or another negative status (colgen.c). */
int solver_colgen_mask_columns(struct solver_colgen *cg);

#endif
