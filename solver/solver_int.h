/*
 * solver/solver_int.h - private to solver/: a plain MIP container, the
 * roster model built into it, and the GLPK glue.
 *
 * struct mip holds a mixed-integer program in our own arrays (0-based), so
 * that the same model can be written as text, loaded into GLPK whole, or
 * cut down to a sub-MIP where most columns are fixed (fix-and-optimise,
 * relax-and-fix): fixed columns are substituted into the row bounds and
 * rows left without free columns are dropped.
 */
#ifndef ROTA_SOLVER_INT_H
#define ROTA_SOLVER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "solver/solver.h"

/* ------------------------------------------------------------- columns */

enum col_kind {
	COL_X,        /* x[e,d,s] binary */
	COL_ALLOC,    /* y[t,P,k] agents of profile P on skill k */
	COL_COUNT,    /* n[t,P] agents of profile P at work in interval t */
	COL_UNDER,    /* u[t,k] */
	COL_OVER,     /* o[t,k] */
	COL_CUNDER,   /* cu[d,s] */
	COL_COVER,    /* co[d,s] */
	COL_VIOL,     /* v: units a soft rule is broken by */
	COL_WEEKEND,  /* z[e,i]: weekend i worked */
	COL_FMAX,     /* most weekend days / late shifts in a group */
	COL_FMIN,     /* fewest */
};

struct col_tag {
	uint8_t kind;   /* enum col_kind */
	uint8_t rule;   /* COL_VIOL: problem rule (ROTA_PROBLEM_RULE_COUNT =
			   type cap); COL_FMAX/FMIN: 0 weekend, 1 late */
	int owner;      /* employee whose rules the column belongs to, -1 */
	int a, b, c;    /* indices, by kind */
};

/* ---------------------------------------------------------------- rows */

/* Rule groups a row belongs to (explanations relax whole groups). */
enum row_group {
	/* 0 .. ROTA_PROBLEM_RULE_COUNT-1: the problem rules */
	GROUP_TYPE_MAX = ROTA_PROBLEM_RULE_COUNT,
	GROUP_BAN,
	GROUP_UNAV,      /* hard time off, days off (column existence) */
	GROUP_QUAL,      /* shift types serving none of their skills */
	GROUP_OFFER,     /* types not offered that day */
	GROUP_FIXED,     /* pins (rota_problem.fixed) */
	GROUP_CHANGES,   /* the cap on changes to the reference */
	GROUP_CORE,      /* one shift a day, coverage, ...: never relaxed */
	GROUP_COUNT
};

struct mip {
	int ncols, nrows;
	double *lb, *ub, *obj;   /* per column; -HUGE_VAL/HUGE_VAL = none */
	uint8_t *is_int;
	struct col_tag *ctag;
	double obj_const;
	double *rlo, *rhi;       /* per row */
	uint8_t *rgroup;         /* enum row_group */
	int *rowner;             /* employee, -1 */
	/* coefficients as triplets while building, then CSR and CSC */
	size_t nnz, cap_nz;
	int *ti, *tj;
	double *tv;
	int ccap, rcap;
	/* after solver_mip_finish(): row-wise and column-wise */
	size_t *rbeg;            /* nrows + 1 */
	int *rind;
	double *rval;
	size_t *cbeg;            /* ncols + 1 */
	int *cind;
	double *cval;
	int failed;              /* out of memory while building */
};

void solver_mip_init(struct mip *m);
void solver_mip_free(struct mip *m);
int solver_mip_add_col(struct mip *m, double lb, double ub, double obj,
		       int is_int, struct col_tag tag);
int solver_mip_add_row(struct mip *m, double lo, double hi, int group,
		       int owner);
void solver_mip_add_coef(struct mip *m, int row, int col, double v);
/* Sort and merge coefficients, build CSR/CSC.  ROTA_ENOMEM on failure. */
int solver_mip_finish(struct mip *m, struct rota_error *err);

/* Objective of a full column vector. */
double solver_mip_objective(const struct mip *m, const double *x);

/* Column name "x_3_2_5" into buf. */
void solver_mip_col_name(const struct mip *m, int j, char *buf, size_t size);
void solver_mip_row_name(const struct mip *m, int i, char *buf, size_t size);

/* Free MPS or CPLEX LP text of the whole model. */
int solver_mip_write(const struct mip *m, const char *format, char **text,
	      size_t *len, struct rota_error *err);

/* ------------------------------------------------------------- budget */

/*
 * What a search may spend (budget.c, a leaf): deterministic work units
 * against work_limit, the caller's time cap as a safety net, and the
 * progress shown to the caller.
 */
struct solver_budget {
	const struct rota_solve_options *opt;
	double t_start;
	double deadline;        /* monotonic seconds, HUGE_VAL: none */
	double work;            /* units spent */
	double work_limit;      /* HUGE_VAL: none */
	int stopped_by;         /* enum rota_stop */
	int time_cut;           /* the clock (the cap, or a phase's share of
				   it) has cut something short or turned the
				   search aside: the roster is the machine's,
				   and the result says the time limit stopped
				   it even when the work budget ran out after
				   (solver_budget_time_cut) */
	const char *phase;
	double incumbent, bound;   /* for the progress reports */
	double last_report;
};

double solver_now(void);
void solver_budget_init(struct solver_budget *b,
			const struct rota_solve_options *opt,
			double work_limit);
double solver_budget_elapsed(const struct solver_budget *b);
/* 1 while work and time are left; else 0 with stopped_by set */
int solver_budget_left(struct solver_budget *b);
/* the time cap only (turning a roster we have into a result) */
int solver_budget_time_left(struct solver_budget *b);
/* 1 once the time cap has passed; reads b and nothing else, so threads
 * pricing for a round may ask while the caller waits (who then calls
 * solver_budget_time_left to record the stop) */
int solver_budget_past_cap(const struct solver_budget *b);
/* the clock has decided something (GLPK's time limit stopped a run, a
 * step was skipped because it would not fit in the time left): from now
 * on the roster depends on the machine; and past the cap, stopped_by
 * says so (as solver_budget_time_left) */
void solver_budget_time_cut(struct solver_budget *b);
double solver_budget_work_left(const struct solver_budget *b);
struct solver_hold {
	double work_limit, deadline;
};
struct solver_hold solver_budget_hold(struct solver_budget *b, double share);
void solver_budget_release(struct solver_budget *b, struct solver_hold h);
void solver_budget_spend(struct solver_budget *b, double units);
void solver_budget_report(struct solver_budget *b, int force);
void solver_budget_log(const struct solver_budget *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * A team of up to `lanes` threads, the caller's among them, runs job(ctx,
 * i, lane) once for every i in [0, n); lane (0 the caller's) tells a job
 * which scratch is its own.  Jobs must not write what another job reads.
 * Returns when all are done, with the number of threads that ran (a
 * thread that could not start leaves its share to the others).
 */
#define SOLVER_TEAM_MAX 16
int solver_team_run(int lanes, size_t n,
		    void (*job)(void *ctx, size_t i, int lane), void *ctx);
/* The lanes for `threads` (rota_solve_options.threads): that many, or
 * with 0 the processors online; 1 to SOLVER_TEAM_MAX. */
int solver_team_lanes(int threads);
/* (objective - bound) / max(1, |objective|), 0 below 1e-12, HUGE_VAL
 * when either is infinite */
double solver_rel_gap(double obj, double bound);

/* ------------------------------------------------------- GLPK sub-MIPs */


enum sub_result {
	SUB_OPTIMAL,      /* solved to optimality (or to the gap) */
	SUB_FEASIBLE,     /* a solution, search stopped by a limit */
	SUB_INFEASIBLE,   /* no integer solution exists */
	SUB_NONE,         /* stopped by a limit before any solution */
	SUB_ERROR,        /* GLPK failure */
};

struct sub_params {
	const uint8_t *free;    /* per column: 1 free, 0 fixed at val */
	const double *val;      /* full vector: fixed values, and the
				   incumbent restricted to the free columns
				   when inject is set */
	int inject;             /* val is a feasible full solution */
	int lp_only;            /* solve the LP relaxation only */
	int interior;           /* lp_only with the interior-point method
				   (far faster on the whole roster LP; no
				   basis) */
	int presolve;           /* use GLPK's MIP presolver (no injection) */
	int lp_presolve;        /* an LP (lp_only, or nothing integer free)
				   through GLPK's LP presolver: no basis
				   after it, for an LP solved once (a
				   roster's evaluation, whose slacks it
				   removes outright) */
	long node_limit;        /* 0: none */
	long iter_limit;        /* simplex iterations, 0: none (a
				   deterministic measure of work) */
	double time_limit_s;    /* 0: none */
	double gap;             /* relative gap */
	int cuts;               /* GLPK cuts (gomory, mir, cover, clique) */
	int fp_heur;            /* feasibility pump */
	int ps_heur;            /* proximity search */
	int pseudo_cost;        /* pseudo-cost branching */
	int most_fractional;    /* branch on the most fractional variable
				   instead of GLPK's default Driebeck-Tomlin,
				   which evaluates tableau rows at every
				   node (see search_int.h, interval_demand) */
	int crash;              /* start the root LP from GLPK's crash basis
				   (glp_adv_basis: a triangular basis of
				   structural columns) instead of the slack
				   basis */
	int warm;               /* inject: start the root LP from a basis
				   built from the incumbent (glpk.c,
				   incumbent_basis), crash when it is not
				   one */
	int report;             /* send progress to the search's callback */
	int must_finish;        /* ignore the budget's work limit and time
				   cap (turning a roster we have into a
				   result) */
	const double *obj;      /* NULL: the model's objective; else an
				   objective of its own over all columns */
	double box;             /* interior: a value no continuous column
				   of some optimal solution exceeds in
				   absolute value (0: none), for a dual
				   bound from a point that is not quite
				   dual feasible (glpk.c, dual_bound) */
};

struct sub_out {
	int result;             /* enum sub_result */
	double obj;             /* objective (full model, fixed part in) */
	double bound;           /* lower bound of the sub-problem (interior:
				   also when result is SUB_FEASIBLE, the
				   run having stopped short of optimal) */
	long nodes;
	long iters;             /* simplex iterations used (interior
				   point: an estimate of its work) */
	int rows, cols, ints;   /* size of the sub-MIP */
};

/*
 * Solve the sub-MIP of m where columns with free[j] = 0 are fixed at
 * val[j]; on SUB_OPTIMAL / SUB_FEASIBLE, x (full length) receives the
 * solution: free columns from GLPK, fixed columns from val.
 */
/* GLPK's tm_lim (milliseconds, at least 1) for what is left of bu's time
 * cap; INT_MAX (GLPK's default) without one. */
int solver_glpk_tm_lim(const struct solver_budget *bu);
int solver_sub_solve(struct solver_budget *bu, const struct mip *m,
		     const struct sub_params *sp, double *x,
		     struct sub_out *out);

/* ------------------------------------------------------- the roster model */

struct model_spec {
	const uint8_t *employees;  /* NULL: all; else 1 = included */
	int coverage;              /* interval demand, cover, fairness */
	int objective;             /* soft rules, requests, cost */
	uint32_t relaxed;          /* groups (bit g) dropped: explanation */
	/* NULL, or employees standing for mult[e] identical employees (0:
	 * left out): the LP of such a model equals the LP relaxation of the
	 * full model (it has a symmetric optimum) and is far smaller */
	const int *mult;
	/* NULL: the cap on changes is p->max_changes; else the changes the
	 * included employees may make together (the others' are spent) */
	const int *change_budget;
	/* 1: the master problem of the column generation (colgen.c): the
	 * rows joining employees (coverage, shift cover, the cap on
	 * changes) with their continuous columns, and no x column, rule or
	 * request; the row maps below say where a schedule's shifts go */
	int master;
};

struct roster_model {
	struct mip mip;
	const struct rota_problem *p;
	/* [((e - x_lo)*D + d)*S + s] -> column, -1: only the employees
	 * x_lo..x_hi of the model have a row of the map (a model of one
	 * employee, as the construction builds 3,000 times a sweep on a
	 * 3,000-agent site, must not cost a map of the whole site) */
	int *xcol;
	int x_lo, x_hi;
	int n_x;
	int *ucol, *ocol; /* [t*K + k] -> under/over column, -1 */
	int nprof;        /* distinct skill profiles, ascending masks */
	uint64_t *prof;
	int *xprof;       /* [e*S + s] -> profile index, -1 none */
	/* master models only: */
	int *chainrow;    /* [t*nprof + P] -> running-count row, -1 */
	int *coverrow;    /* [d*S + s] -> shift cover row, -1 */
	int changes_row;  /* the cap on changes, -1 */
};

int solver_model_build(struct roster_model *rm, const struct rota_problem *p,
		const struct model_spec *spec, struct rota_error *err);
void solver_model_free(struct roster_model *rm);

/* The search's deterministic generator (xorshift64*): the same seed, the
 * same neighbourhoods on any machine. */
static inline uint64_t solver_rng_next(uint64_t *st)
{
	uint64_t x = *st;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*st = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

/* uniform in [0, n); 0 when n <= 1 */
static inline int solver_rng_below(uint64_t *st, int n)
{
	return n <= 1 ? 0 : (int)(solver_rng_next(st) % (uint64_t)n);
}

/* uniform in [0, 1), in steps of 2^-53 */
static inline double solver_rng_unit(uint64_t *st)
{
	return (double)(solver_rng_next(st) >> 11) * 0x1p-53;
}

/* related.c: a neighbourhood of `size` employees around a shift cover
 * cell that roster type ([e*D + d], -1 off) misses, into freed ([E], 1 =
 * free); 0 when type meets every cover (nothing freed).  cand: E ints,
 * cnt: D*S ints of scratch. */
int solver_related(const struct rota_problem *p, const int *type,
		   uint64_t *rng, int size, uint8_t *freed, int *cand,
		   int *cnt);
/* related.c: the same around a request type does not grant (drawn by
 * weight); 0 when it grants every request. */
int solver_related_request(const struct rota_problem *p, const int *type,
			   uint64_t *rng, int size, uint8_t *freed, int *cand);

static inline int model_x(const struct roster_model *rm, int e, int d, int s)
{
	const struct rota_problem *p = rm->p;

	if (e < rm->x_lo || e > rm->x_hi)
		return -1;
	return rm->xcol[((size_t)(e - rm->x_lo) * (size_t)p->n_days +
			 (size_t)d) * (size_t)p->n_types + (size_t)s];
}

/* The effective skill profile of e working type s (bit k). */
uint64_t solver_model_profile(const struct rota_problem *p, int e, int s);

/* Rest conflict of (d1, s1) then (d2, s2), d1 < d2, for rest minutes. */
int solver_model_rest_conflict(const struct rota_problem *p, int d1, int s1,
			       int d2, int s2, int rest_min);

/* ------------------------------------------------------------ classes */

/*
 * Classes of identical employees (classes.c): mult[e] = the class size for
 * its first member, 0 for the others; rep_of[e] (when not NULL) = the
 * first member of e's class.  Returns the number of classes, or
 * ROTA_ENOMEM.
 */
int solver_classes(const struct rota_problem *p, int *mult, int *rep_of);

/* ------------------------------------------------------- cover first */

/*
 * The shortage alone (cover_first.c).  solver_cover_first_fits: 1 when p
 * is a roster with shift cover (no interval demand, no reference roster,
 * no soft rules, fairness or pay) whose every under-cover weight is at
 * least ten times each other weight, and something soft (a request, an
 * over-cover weight) to leave out.  solver_cover_first_problem: q as p
 * with no requests and no over-cover weights (q shares p's arrays but the
 * cover, which solver_cover_first_free frees); 0 or ROTA_ENOMEM.
 */
int solver_cover_first_fits(const struct rota_problem *p);
int solver_cover_first_problem(const struct rota_problem *p,
			       struct rota_problem *q);
void solver_cover_first_free(struct rota_problem *q);

/* ------------------------------------------------------------ pricing */

/*
 * The best schedule of one employee by dynamic programming (price.c):
 * the cost of a schedule is sum_d cost[d*(S+1) + s_d] (index S: the day
 * off) plus the penalties of the employee's soft rules, under their hard
 * rules, with the semantics of solver.h.  solver_pricer_new() returns
 * ROTA_ELIMIT when it cannot model e exactly (price e with a MIP).
 */
struct solver_pricer;

/* pace.c: the most days an employee can still work from day d, under the
 * hard block rules, days off and weekend limit (a relaxation of the
 * rest: it never says fewer than a completion works). */
struct solver_pace {
	int D, maxc, minc, minoff, weekends; /* <= 0 (weekends < 0): none */
	int non, noff, ns;       /* states: work blocks 1..non, off 1..noff */
	int16_t *tab;            /* [(d*ns + state)*(weekends+1) + w] */
	int S;                   /* the minutes table's types (0: none) */
	int32_t *mins;           /* [d*(non*S + noff) + state]: most paid
				    minutes of d..D-1, -1 none */
};

/* For the minutes table: allowed[d*S + s], paid[s] minutes, and the
 * succession matrices trans[(tid[d]*S + s1)*S + s2] (s1 on d, s2 on d+1;
 * infinite: forbidden). */
struct solver_pace_types {
	int S;
	const uint8_t *allowed;
	const int *paid;
	const double *trans;
	const int *tid;
};

/* work_ok[d]: some shift allowed; off_ok[d]: a day off allowed;
 * weekend[d]: 1 opens a weekend, 2 the Sunday after its Saturday. */
int solver_pace_build(struct solver_pace *pc, int D, const uint8_t *work_ok,
		      const uint8_t *off_ok, const uint8_t *weekend, int maxc,
		      int minc, int minoff, int weekends,
		      const struct solver_pace_types *ty);
void solver_pace_free(struct solver_pace *pc);
/* The most days of d..D-1 that can be worked after day d-1 ended a block
 * (on: of work) of len days with weekends_worked weekends; -1: no
 * completion keeps the hard rules. */
int solver_pace_most(const struct solver_pace *pc, int d, int on, int len,
		     int weekends_worked);
/* The most paid minutes of d..D-1 after day d-1 ended such a block with
 * type last (when on), under the block rules, days off and successions
 * (not the weekends or caps); -1: none; INT_MAX without a table. */
int solver_pace_minutes(const struct solver_pace *pc, int d, int on, int len,
			int last);

int solver_pricer_new(const struct rota_problem *p, int e,
		      struct solver_pricer **out);
void solver_pricer_free(struct solver_pricer *pr);
/*
 * The cheapest schedule costing less than cutoff into week[0..D) (type
 * or -1) and *value (HUGE_VAL when none is below cutoff).  beam > 0 keeps
 * only that many labels a day, the most promising (a fast heuristic).
 * Returns 0 (exact: nothing cheaper exists), 1 when labels were dropped
 * (the best found, perhaps not the cheapest), or a negative status:
 * ROTA_ELIMIT when an exact search (beam 0) gave up at its label limit
 * or on the budget (solver_pricer_limit, solver_pricer_budget), or a
 * beam at the time cap (solver_pricer_clock).
 * *labels: labels made (work: SOLVER_LABELS_PER_WORK to a unit).
 */
#define SOLVER_LABELS_PER_WORK 50.0
int solver_price(struct solver_pricer *pr, const double *cost, double cutoff,
		 long beam, int *week, double *value, long *labels);
/* The k (<= 16) cheapest schedules below cutoff, cheapest first, into
 * weeks[j*D ...] and values[j]; *found of them.  The same returns. */
int solver_price_k(struct solver_pricer *pr, const double *cost,
		   double cutoff, long beam, int k, int *weeks,
		   double *values, int *found, long *labels);
/* A label a beam ranks: its value v (smaller first) and its index i
 * (the earlier of equal values first: a total order). */
struct solver_prio {
	double v;
	int i;
};
/* Reorder pv[0..n) so that its first k come first in that order (in no
 * order among themselves): the labels a beam of k keeps (price.c). */
void solver_price_select(struct solver_prio *pv, size_t n, size_t k);
/* The part of the objective an employee e pays by themselves, per day and
 * option (own[d*(S+1) + s], s = S the day off): paid time, requests,
 * changes to the reference.  With the soft rules' penalties it is what
 * the pricing program adds up. */
void solver_own_costs(const struct rota_problem *p, int e, double *own);
/* An exact search (beam 0) that makes more than max_labels labels gives
 * up with ROTA_ELIMIT (0, the default: never).  A beam is not limited. */
void solver_pricer_limit(struct solver_pricer *pr, long max_labels);
/* Every search charges its labels to bu (SOLVER_LABELS_PER_WORK to a
 * unit), and an exact search stops (ROTA_ELIMIT) when the labels it made
 * would overspend the work left in bu, or at bu's time cap; NULL: no
 * budget. */
void solver_pricer_budget(struct solver_pricer *pr, struct solver_budget *bu);
/* on: a beam, too, stops at that budget's time cap (ROTA_ELIMIT, nothing
 * found), checked each day (the column generation's beam of 2,048 over
 * Curtois 24's 364 days runs for about 12 s); off (the default) for the
 * construction, whose first roster must be finished */
void solver_pricer_clock(struct solver_pricer *pr, int on);
/* on: the searches charge nothing to the budget and read nothing of it but
 * its time cap (solver_budget_past_cap), the caller charging the labels
 * they report, in an order of its own: a beam run on a thread of a team
 * (solver_team_run) beside others charging the same budget.  An exact
 * search, which reads the work left, needs it off. */
void solver_pricer_defer(struct solver_pricer *pr, int on);
/* From now on a beam keeps first the schedules on pace for a hard
 * minimum of paid minutes (the cheapest ones may lose it): mode
 * SOLVER_PACE_WINDOW those whose pace ends inside a hard window
 * [minimum, maximum] (the cheapest of them first), SOLVER_PACE_MOST those
 * that can still end with the most minutes, 0 by cost only, -1 leaves
 * the mode as it is.  Returns the mode now in force: 0 when e has no hard
 * minimum, so nothing would change. */
enum { SOLVER_PACE_WINDOW = 1, SOLVER_PACE_MOST = 2 };
int solver_pricer_pace_first(struct solver_pricer *pr, int mode);
/* The cost of one given schedule, as solver_price() counts it;
 * HUGE_VAL when it breaks a hard rule (or out of memory). */
double solver_pricer_cost(struct solver_pricer *pr, const double *cost,
			  const int *week);

/* ----------------------------------------------------- column generation */

/* The column generation (colgen.c): master LP over whole schedules of
 * classes of identical employees, pricing by price.c, diving. */
struct solver_colgen;

/* ROTA_ELIMIT when some employee's rules are beyond the pricing program
 * (the search then goes without column generation). */
int solver_colgen_new(const struct rota_problem *p, struct solver_budget *bu,
		      struct solver_colgen **out, struct rota_error *err);
void solver_colgen_free(struct solver_colgen *cg);
/* Pricing rounds run on up to `lanes` threads (1: the caller's alone;
 * solver_team_lanes).  The columns, the work charged and so the roster
 * are the same for any number.  0, or ROTA_ENOMEM with fewer lanes. */
int solver_colgen_lanes(struct solver_colgen *cg, int lanes);
/* The weeks of a complete roster as columns (a feasible start). */
int solver_colgen_add_roster(struct solver_colgen *cg, const int *type);
/* Column generation at the root: *bound = the proven lower bound
 * (-HUGE_VAL when none).  SUB_* result or a negative status. */
int solver_colgen_root(struct solver_colgen *cg, double *bound);
/* Window rounds (colgen.c) once the root has spent this much work
 * (HUGE_VAL, as solver_colgen_new leaves it: never). */
void solver_colgen_windows(struct solver_colgen *cg, double after_work);
/* The master's LP solved again as it stands, no columns generated (after
 * solver_colgen_release, before another dive).  SUB_OPTIMAL, or a SUB_*
 * result / negative status when it has no solution. */
int solver_colgen_resolve(struct solver_colgen *cg);
/* The master's columns and its LP's basis, taken before a dive (dive.c)
 * and put back after one whose roster is not kept: the master then goes
 * on as if the dive had not run.  NULL: out of memory. */
struct solver_colgen_snap;
struct solver_colgen_snap *solver_colgen_snap(struct solver_colgen *cg);
void solver_colgen_restore(struct solver_colgen *cg,
			   const struct solver_colgen_snap *sn);
void solver_colgen_snap_free(struct solver_colgen_snap *sn);
/* Dive to a roster (type[e*D + d]; dive.c); SUB_OPTIMAL when one was
 * found.  What the dive cannot place, the restricted master places at
 * once, from those members' weeks in start (NULL: no such end).
 * `careful`: a cell dive that fixes only whole cells in batches first. */
int solver_colgen_dive(struct solver_colgen *cg, const int *start,
		       int careful, int *type);
/* The dives are on cells (every class has one member, the options of a
 * day fit a 64-bit mask), not on schedule counts. */
int solver_colgen_cell_dive(const struct solver_colgen *cg);
/* The cell dives after this pick their cells by the heaviest option
 * plus up to `jitter` drawn from `seed` (another dive from the same
 * LP); jitter 0: by the heaviest again (dive.c). */
void solver_colgen_jitter(struct solver_colgen *cg, double jitter,
			  uint64_t seed);
/* Branch-and-price on cells (branch.c), depth first from the master's LP
 * as it stands, for a roster that costs at most incumbent - step: a node
 * fixes a cell to its heaviest option, its sibling bars it, and a node
 * whose LP cannot beat the best roster so far by step is pruned.  Within
 * the budget (hold a share of it).  SUB_OPTIMAL with the best roster
 * found in type and its cost (its LP's value) in *value, SUB_NONE when
 * none was found, or a negative status.  solver_colgen_release undoes
 * its bars. */
int solver_colgen_branch(struct solver_colgen *cg, double incumbent,
			 double step, int *type, double *value);
/* The LP's own rounding (dive.c): the master's LP as it stands, its
 * nearly whole schedules fixed in batches, else its most nearly whole
 * one, the LP solved again after each step with no new columns, until
 * it is whole.  SUB_OPTIMAL with the roster in type (it costs the LP's
 * value); SUB_NONE or SUB_INFEASIBLE when an LP had no solution (a rule
 * between employees) or the budget ended it; or a negative status.
 * solver_colgen_release undoes its fixes. */
int solver_colgen_round(struct solver_colgen *cg, int *type);
/* The master LP's shifts per class: target[(rep*D + d)*S + s] = how many
 * of the class of rep work type s on day d (the LP's schedule counts
 * summed), 0 elsewhere; rep_of[e] = the first member of e's class.
 * target has E*D*S entries, rep_of E. */
void solver_colgen_counts(const struct solver_colgen *cg, double *target,
			  int *rep_of);
/* Every schedule count back to free (>= 0, continuous): undoes a dive's
 * fixes and bars (the columns stay). */
void solver_colgen_release(struct solver_colgen *cg);
/* A neighbourhood of roster type: the employees freed[e] re-planned with
 * new columns and the restricted master MIP, everybody else kept; the
 * roster in out (SUB_OPTIMAL / SUB_FEASIBLE). */
int solver_colgen_neighbourhood(struct solver_colgen *cg, const int *type,
				const uint8_t *freed, int price_rounds,
				long node_limit, long iter_limit, int *out);
/* A neighbourhood of roster type over days: every employee re-planned on
 * days first .. first + ndays - 1 and kept on the others (classes of one
 * member only: ROTA_EINVAL otherwise); as solver_colgen_neighbourhood. */
int solver_colgen_days_neighbourhood(struct solver_colgen *cg,
				     const int *type, int first, int ndays,
				     int price_rounds, long node_limit,
				     long iter_limit, int *out);

/* Explain why employee e has no roster satisfying its hard rules; fills
 * err with ROTA_EINFEASIBLE.  Returns 1 when e is infeasible, 0 when
 * feasible, negative on failure. */
int solver_explain_employee(struct solver_budget *bu,
			    const struct rota_problem *p, int e,
			    struct rota_error *err);

#endif
