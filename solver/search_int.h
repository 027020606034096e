/*
 * solver/search_int.h - the search's state (struct solver_search), shared by
 * the files of rota_solve's search: search.c (rota_solve: the phases in order,
 * the state's opening and closing, a roster evaluated and accepted, the turns
 * and restarts of the neighbourhood searches), construct.c (the first roster),
 * bound.c (the compact model's LP bound and its rounding), master_search.c (the
 * column generation's phase), lns.c (the compact model's large neighbourhood
 * search) and solution.c (the caller's solution from the incumbent).  What they
 * share is named solver_search_ and the name it had in search.c, where the
 * comments still call it.  Inside the solver only.
 */
#ifndef ROTA_SOLVER_SEARCH_INT_H
#define ROTA_SOLVER_SEARCH_INT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "solver/solver_int.h"

/* simplex iterations one neighbourhood may take */
#ifndef LNS_ITERS
#define LNS_ITERS 15000
#endif

/* The search's state: the problem and its whole model, the roster being
 * worked on and the incumbent, the budget, the generator and the pricing
 * programs (search.c opens and closes it: state_open, state_close). */
struct solver_search {
	struct solver_budget bu;
	const struct rota_problem *p;
	struct roster_model full;
	int D, S, E, T, K;
	int *type;        /* current roster, [e*D + d] */
	/* with a reference: each employee's nearest roster under their own
	 * hard rules (fewest changes), where construction starts */
	int *start;
	double *inc;      /* incumbent, full column vector */
	double inc_obj;
	double bound;
	int have_inc;
	uint64_t rng;
	long nodes;
	/* the pricing program of each class (by its first member, rep_of),
	 * made when first needed; tried[r] = 1 once made or refused */
	int *rep_of;
	struct solver_pricer **pricer;
	uint8_t *tried;
	double *own;      /* scratch [D*(S+1)] */
	/* construction: how often the cost-ranked beam ran and lost every
	 * week (then the pace-ranked beam goes first) */
	int beam_runs, beam_lost;
	/* the construction's beam: CONSTRUCT_BEAM, or CONSTRUCT_BEAM_HURRIED
	 * for the rest of a first roster late for the cap (hurry) */
	int beam;
	/* the construction's sweeps after a roster for everyone: their
	 * pricing stops at the time cap, and e keeps the week e had */
	int clocked;
	int colgen_bound; /* the column generation proved a bound */
	int colgen_ran;   /* its root LP was solved */
	double branched;  /* the incumbent branch_once last ran below */
	double dive_s;    /* seconds the first dive took (colgen_phase) */
	double unit;      /* the default work budget (opt's work_unit, else
			     default_work): effort scales it, the long
			     run's steps are counted in it */
	/* the options GLPK's terminal hook writes to (rota_solve's own
	 * copy), put back after a nested solve (cover_first) */
	struct rota_solve_options *hook;
};

/*
 * Contact-centre weeks (demand per interval and skill) rather than the
 * benchmark's shift-cover problems; the search tunes a few choices by it.
 * Branching in the construction and LNS sub-MIPs is one: with interval
 * demand most-fractional, since Driebeck-Tomlin's tableau rows took most of
 * a sub-MIP's time there (perf) and the cheaper rule leaves it to more
 * neighbourhoods (200-agent generated week, 120 s, seeds 1-3:
 * 1.63/1.52/3.31% -> 1.12/1.47/2.24% from the bound; the example proves
 * optimal in 52 s instead of stopping at 0.02%); the shift-cover problems
 * did worse with it (Instances 1-8 at 60 s: 11,337 against 11,146 in
 * total) and keep GLPK's default.
 */
static inline int solver_search_interval_demand(const struct solver_search *st)
{
	return st->T > 0 && st->K > 0;
}

/* Days on which e's current week differs from the reference. */
static inline int solver_search_changes_of(const struct solver_search *st,
					   int e)
{
	const int *ref = st->p->reference + (size_t)e * (size_t)st->D;
	const int *cur = st->type + (size_t)e * (size_t)st->D;
	int n = 0;

	for (int d = 0; d < st->D; d++)
		n += cur[d] != ref[d];
	return n;
}

/* The bits set in v. */
static inline int solver_search_popcount64(uint64_t v)
{
	int n = 0;

	while (v) {
		v &= v - 1;
		n++;
	}
	return n;
}

/* z is better than `than` by more than rounding: every "better roster"
 * of the search is judged by this one tolerance. */
static inline int solver_search_better(double z, double than)
{
	return z < than - 1e-9 * fmax(1.0, fabs(than));
}

/* ---- search.c: a roster on the whole model (st->full) */

/* x (the whole model's columns) of the roster in st->type. */
void solver_search_roster_to_x(struct solver_search *st, double *x);
/* The continuous part of x for its integer part, and the objective into
 * *obj_out.  0, ROTA_ENOMEM, ROTA_ENOSOLUTION (the budget stopped it)
 * or ROTA_ESOLVER; sets no error. */
int solver_search_evaluate(struct solver_search *st, double *x,
			   double *obj_out);
/* x, of objective obj, as the incumbent (st->inc); its roster into
 * st->type. */
void solver_search_accept(struct solver_search *st, const double *x,
			  double obj);

/* ---- construct.c: the first roster */

/* Re-planning: every employee's nearest week to the reference into
 * st->start, where the construction starts.  0, or a negative status
 * with err set (ROTA_EINFEASIBLE: the hard rules, or the cap on
 * changes, cannot hold). */
int solver_search_nearest_weeks(struct solver_search *st,
				struct rota_error *err);
/* A roster into st->type, employee by employee, then the sweeps; with
 * lp_target (and rep_of) the first pass pulls everyone towards an LP's
 * counts.  0, or a negative status with err set (ROTA_EINFEASIBLE: an
 * employee cannot be rostered, and why). */
int solver_search_construct(struct solver_search *st, const double *lp_target,
			    const int *rep_of, struct rota_error *err);

/* ---- bound.c: the compact model's LP bound, an LP rounded */

/* With interval demand, the work since w0 (an LP bound's) on top of the
 * default budget. */
void solver_search_bound_on_top(struct solver_search *st, double w0);
/* A second start pulled towards an LP's counts, the incumbent when
 * better; x is scratch.  0 (also when no roster came of it: the
 * incumbent stands), or ROTA_ENOMEM with err set. */
int solver_search_round_lp(struct solver_search *st, double *x,
			   const double *target, const int *rep_of,
			   struct rota_error *err);
/* The compact model's LP bound into st->bound, and a second start from
 * it (round_lp); x is scratch.  0, or a negative status with err set. */
int solver_search_bound_and_round(struct solver_search *st, double *x,
				  struct rota_error *err);

/* ---- master_search.c: the column generation's phase */

/* The set-partitioning bound and a roster from it; the master into
 * *keep when its neighbourhoods are to take turns with the compact
 * model's.  0 (also when the pricing program cannot take the rules),
 * or a negative status with err set. */
int solver_search_colgen_phase(struct solver_search *st, double *x,
			       struct solver_colgen **keep,
			       struct rota_error *err);
/* Branch-and-price below the incumbent, once per incumbent.  0, or a
 * negative status with err set. */
int solver_search_branch_once(struct solver_search *st,
			      struct solver_colgen *cg, double *x,
			      struct rota_error *err);
/* Large neighbourhoods on the master until they stall.  0, or a
 * negative status with err set. */
int solver_search_colgen_lns(struct solver_search *st, struct solver_colgen *cg,
			     double *x, struct rota_error *err);
/* Another dive (`what`) fits in the time left; not fitting is recorded
 * as the clock's decision, and logged when `say`. */
int solver_search_dive_time_fits(struct solver_search *st, const char *what,
				 int say);

/* ---- lns.c: the compact model's large neighbourhood search */

/* Neighbourhoods until they stall, the budget ends or the gap is
 * gap_target.  0, or ROTA_ENOMEM with err set. */
int solver_search_lns(struct solver_search *st, double gap_target,
		      struct rota_error *err);

/* ---- solution.c */

/* The incumbent into sol: its roster, the objective's terms, coverage,
 * each assignment's skill and the search's figures.  0, or ROTA_ENOMEM
 * (sol then partly written). */
int solver_search_fill_solution(struct solver_search *st,
				struct rota_solution *sol);

#endif
