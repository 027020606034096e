/*
 * solver/search.c - rota_solve(): the search built around GLPK.
 *
 * GLPK's own branch-and-bound is weak on roster MIPs, so it is only used
 * on pieces it handles well (docs/model.md, "The search around GLPK"):
 *   1. construction: employees one at a time (specialists first), each a
 *      tiny MIP over their own rules whose objective is their marginal
 *      value to the coverage still missing, then best-response sweeps
 *      until nobody changes; an employee whose MIP is infeasible is
 *      explained (explain.c) - every hard rule belongs to one employee, so
 *      this finds every infeasibility;
 *   2. the bound: the LP relaxation, solved on the model where identical
 *      employees are merged (same optimum), by the interior-point method;
 *      a second start rounds it (class members pulled towards the LP's
 *      counts, then the sweeps) and replaces the first when better;
 *   3. large neighbourhood search: free the shifts of some employees on all
 *      days or a window of days, fix everybody else, and let GLPK solve
 *      that sub-MIP with the incumbent injected and node / iteration
 *      limits (deterministic); a bandit picks the neighbourhood shapes;
 *   4. when LNS stalls and the model is small enough, the full MIP with the
 *      incumbent injected, to prove optimality or raise the bound.
 * Only the explicit time limit makes a run depend on the clock.
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solver/solver_int.h"

/* GLPK's terminal output goes to the caller's log, or nowhere. */
static int term_hook(void *info, const char *s)
{
	const struct rota_solve_options *opt = info;

	if (opt && opt->log)
		opt->log(s, opt->log_arg);
	return 1;
}

/* ------------------------------------------------------------- state */

struct state {
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

static int interval_demand(const struct state *st);

/* The pricing program for e's class, NULL when e's rules are beyond it
 * (or out of memory: the MIP takes over). */
static struct solver_pricer *pricer_of(struct state *st, int e)
{
	int r = st->rep_of[e];

	/* weeks with interval demand: the employee's MIP is faster (its
	 * presolve sees the coverage terms; measured on the generated
	 * 200-agent week: 1.5 s against 5-8 s for the construction) */
	if (interval_demand(st))
		return NULL;
	if (!st->tried[r]) {
		st->tried[r] = 1;
		if (solver_pricer_new(st->p, r, &st->pricer[r]) < 0)
			st->pricer[r] = NULL;
		else
			solver_pricer_budget(st->pricer[r], &st->bu);
	}
	return st->pricer[r];
}

static int popcount64(uint64_t v)
{
	int n = 0;

	while (v) {
		v &= v - 1;
		n++;
	}
	return n;
}

/* ------------------------------------------------------- construction */

/* Value of one more agent of profile pm in interval t: the best skill. */
static double interval_value(const struct rota_problem *p, const double *res,
			     int t, uint64_t pm, int *best_k)
{
	double best = -HUGE_VAL;

	*best_k = -1;
	for (int k = 0; k < p->n_skills; k++) {
		const struct rota_demand *dm;
		double v;

		if (!((pm >> k) & 1))
			continue;
		dm = rota_problem_demand(p, t, k);
		v = res[t * p->n_skills + k] > 0.5 ? dm->under_weight
						   : -dm->over_weight;
		if (v > best) {
			best = v;
			*best_k = k;
		}
	}
	return *best_k < 0 ? 0 : best;
}

struct order_item {
	int e, key;
};

static int cmp_order(const void *a, const void *b)
{
	const struct order_item *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->e < y->e ? -1 : x->e > y->e;
}

/*
 * Construction.  Every employee in turn solves their own MIP (own rules,
 * own soft penalties, requests and cost) with the coverage still missing
 * as a linear reward: +under_weight for an interval-skill still short,
 * -over_weight for one already covered.  Then best-response sweeps: each
 * employee takes their shifts out of the coverage and solves again against
 * everyone else's, keeping their roster unless the new one is strictly
 * better; repeated until a sweep changes nothing.  Each MIP is tiny
 * (one week of one person), so a sweep of 200 employees takes a second.
 */
struct cons {
	double *res;      /* [t*K + k] agents still missing */
	double *cres;     /* [d*S + s] cover still missing */
	int *alloc;       /* [e*T + t] skill e is counted on in t, -1 */
};

/* Add (sign 1) or remove (-1) the shifts of e in st->type. */
static void apply(struct state *st, struct cons *c, int e, int sign)
{
	const struct rota_problem *p = st->p;
	int T = st->T, K = st->K;

	for (int d = 0; d < st->D; d++) {
		int s = st->type[e * st->D + d], k;
		const struct rota_slot *sl;
		uint64_t pm;

		if (s < 0)
			continue;
		c->cres[d * st->S + s] -= sign;
		pm = solver_model_profile(p, e, s);
		if (!K || !pm)
			continue;
		sl = rota_problem_slot(p, d, s);
		for (int t = sl->first_interval; t < sl->end_interval; t++) {
			if (!rota_slot_covers(sl, t))
				continue;
			if (sign > 0) {
				interval_value(p, c->res, t, pm, &k);
				c->alloc[(size_t)e * (size_t)T + (size_t)t] = k;
			} else {
				k = c->alloc[(size_t)e * (size_t)T + (size_t)t];
				c->alloc[(size_t)e * (size_t)T + (size_t)t] = -1;
			}
			if (k >= 0)
				c->res[t * K + k] -= sign;
		}
	}
}

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
static int interval_demand(const struct state *st)
{
	return st->T > 0 && st->K > 0;
}

/* The week of e in the solution x of a model holding e. */
static void read_week(struct state *st, const struct roster_model *rm, int e,
		      const double *x)
{
	for (int d = 0; d < st->D; d++) {
		st->type[e * st->D + d] = -1;
		for (int s = 0; s < st->S; s++) {
			int j = model_x(rm, e, d, s);

			if (j >= 0 && x[j] > 0.5)
				st->type[e * st->D + d] = s;
		}
	}
}

/* Days on which e's current week differs from the reference. */
static int changes_of(const struct state *st, int e)
{
	const int *ref = st->p->reference + (size_t)e * (size_t)st->D;
	const int *cur = st->type + (size_t)e * (size_t)st->D;
	int n = 0;

	for (int d = 0; d < st->D; d++)
		n += cur[d] != ref[d];
	return n;
}

/* The changes e may make while everybody else keeps their current week:
 * the cap less the others' changes (ROTA_UNSET: no cap). */
static int change_budget(const struct state *st, int e)
{
	const struct rota_problem *p = st->p;
	int left;

	if (!p->reference || p->max_changes == ROTA_UNSET)
		return ROTA_UNSET;
	left = p->max_changes;
	for (int f = 0; f < st->E; f++)
		if (f != e)
			left -= changes_of(st, f);
	return left < 0 ? 0 : left;
}

/* Solve e's own MIP against the coverage in c; on success the new roster
 * of e is in st->type.  Returns the sub_result, or a negative status (err
 * filled) when the model cannot be built. */
/* What one shift of type s on day d of e is worth to the coverage still
 * missing in c (and the pull of bias), as in solve_one(). */
static double shift_value(struct state *st, struct cons *c, int e, int d,
			  int s, const double *bias, int coverage)
{
	const struct rota_problem *p = st->p;
	const struct rota_slot *sl = rota_problem_slot(p, d, s);
	const struct rota_cover *cv = rota_problem_cover(p, d, s);
	uint64_t pm = solver_model_profile(p, e, s);
	double v = 0;
	int k;

	if (st->K && pm && coverage)
		for (int t = sl->first_interval; t < sl->end_interval; t++)
			if (rota_slot_covers(sl, t))
				v += interval_value(p, c->res, t, pm, &k);
	if (coverage)
		v += c->cres[d * st->S + s] > 0.5 ? cv->under_weight
						  : -cv->over_weight;
	if (bias)
		v += bias[d * st->S + s];
	/* ties keep the current roster */
	if (st->type[e * st->D + d] == s)
		v += 1e-6;
	return v;
}

/* labels a day the construction's pricing program keeps (a beam: a start
 * need not be optimal, and long horizons make the exact program slow) */
#define CONSTRUCT_BEAM 256
/* the beam for the rest of a first roster late for the time cap (hurry;
 * Curtois Instance 24: 0.8 s an employee at 256, 0.05 s at 16, the
 * roster 4% dearer) */
#define CONSTRUCT_BEAM_HURRIED 16
/* labels the construction's exact program may make before it gives up
 * (about a second); on some long horizons with many shift types it
 * would otherwise run for hours */
#define CONSTRUCT_EXACT_LABELS 2000000L

/*
 * solve_one() by the pricing program: e's own costs less what each shift
 * is worth to the coverage.  A beam ranked by cost first.  When it loses
 * every week the rules allow (a hard window of paid minutes over a long
 * horizon, Curtois Instances 13-24), e's class switches for good to a
 * beam ranked by the pace of its paid minutes (SOLVER_PACE_WINDOW; the
 * column generation's beams then rank so too), and after that come e's
 * current week, a beam keeping the most minutes in reach
 * (SOLVER_PACE_MOST), and the exact program up to a limit (past it,
 * solve_one() takes e's own MIP).  Once the cost-ranked beam has lost
 * most of the weeks it was asked for, every class starts ranked by pace:
 * on Instance 24 each beam costs a second (364 days, 32 shift types).
 */
static int solve_one_dp(struct state *st, struct cons *c, int e,
			struct solver_pricer *pr, const double *bias,
			int coverage)
{
	int D = st->D, S = st->S, rc, paced;
	double value;
	int *week = malloc(((size_t)D + 1) * sizeof(int));

	if (!week)
		return ROTA_ENOMEM;
	solver_own_costs(st->p, e, st->own);
	for (int d = 0; d < D; d++) {
		for (int s = 0; s < S; s++)
			st->own[d * (S + 1) + s] -=
				shift_value(st, c, e, d, s, bias, coverage);
		if (st->type[e * D + d] < 0)
			st->own[d * (S + 1) + S] -= 1e-6;
	}
	if (st->beam_runs >= 4 && 2 * st->beam_lost > st->beam_runs)
		solver_pricer_pace_first(pr, SOLVER_PACE_WINDOW);
	paced = solver_pricer_pace_first(pr, -1);
	rc = solver_price(pr, st->own, HUGE_VAL, st->beam, week, &value,
			  NULL);
	if (!paced) {
		st->beam_runs++;
		st->beam_lost += rc == 1 && !(value < HUGE_VAL);
		if (rc == 1 && !(value < HUGE_VAL) &&
		    solver_pricer_pace_first(pr, SOLVER_PACE_WINDOW))
			rc = solver_price(pr, st->own, HUGE_VAL, st->beam,
					  week, &value, NULL);
	}
	if (rc == 1 && !(value < HUGE_VAL)) {
		memcpy(week, st->type + (size_t)e * (size_t)D,
		       (size_t)D * sizeof(int));
		value = solver_pricer_cost(pr, st->own, week);
		paced = solver_pricer_pace_first(pr, -1);
		if (!(value < HUGE_VAL) &&
		    solver_pricer_pace_first(pr, SOLVER_PACE_MOST)) {
			rc = solver_price(pr, st->own, HUGE_VAL, st->beam,
					  week, &value, NULL);
			solver_pricer_pace_first(pr, paced);
		}
		if (rc >= 0 && !(value < HUGE_VAL)) {
			solver_pricer_limit(pr, CONSTRUCT_EXACT_LABELS);
			rc = solver_price(pr, st->own, HUGE_VAL, 0, week,
					  &value, NULL);
			solver_pricer_limit(pr, 0);
			if (rc == 1 && !(value < HUGE_VAL))
				rc = ROTA_ELIMIT; /* cut, not proven */
		}
	}
	if (rc < 0) {
		free(week);
		return rc;
	}
	if (!(value < HUGE_VAL)) {
		free(week);
		return SUB_INFEASIBLE;
	}
	/* a beam's week may cost more than the one e has: keep that one */
	if (rc == 1 &&
	    solver_pricer_cost(pr, st->own, st->type + (size_t)e * (size_t)D) <
		    value)
		memcpy(week, st->type + (size_t)e * (size_t)D,
		       (size_t)D * sizeof(int));
	memcpy(st->type + (size_t)e * (size_t)D, week,
	       (size_t)D * sizeof(int));
	free(week);
	return rc == 0 ? SUB_OPTIMAL : SUB_FEASIBLE;
}

static int solve_one(struct state *st, struct cons *c, int e, uint8_t *mask,
		     int first, const double *bias, int coverage,
		     struct rota_error *err)
{
	const struct rota_problem *p = st->p;
	int D = st->D, S = st->S, rc;
	int budget = change_budget(st, e), gave_up = 0;
	struct solver_pricer *pr;
	struct model_spec spec = {mask, 0, 1, 0, NULL, NULL, 0};
	struct roster_model rm;
	struct sub_params sp;
	struct sub_out so;
	const struct mip *m;
	double *obj = NULL, *x = NULL;
	uint8_t *fr = NULL;

	/* the program knows every rule but the budget of changes */
	if (budget == ROTA_UNSET && (pr = pricer_of(st, e))) {
		rc = solve_one_dp(st, c, e, pr, bias, coverage);
		if (rc == ROTA_ENOMEM)
			return rota_error_set(err, rc, "out of memory");
		if (rc != ROTA_ELIMIT)
			return rc;
		/* the program gave up: e's own MIP, looking for a roster
		 * first (a long horizon's MIP is slow to branch on) */
		gave_up = 1;
	}
	if (budget != ROTA_UNSET)
		spec.change_budget = &budget;
	mask[e] = 1;
	rc = solver_model_build(&rm, p, &spec, err);
	mask[e] = 0;
	if (rc < 0)
		return rc;
	m = &rm.mip;
	obj = malloc(((size_t)m->ncols + 1) * sizeof(double));
	x = calloc((size_t)m->ncols + 1, sizeof(double));
	fr = malloc((size_t)m->ncols + 1);
	if (!obj || !x || !fr) {
		so.result = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	if (m->ncols)
		memcpy(obj, m->obj, (size_t)m->ncols * sizeof(double));
	memset(fr, 1, (size_t)m->ncols);
	for (int d = 0; d < D; d++)
		for (int s = 0; s < S; s++) {
			int j = model_x(&rm, e, d, s);

			if (j >= 0)
				obj[j] -= shift_value(st, c, e, d, s, bias,
						      coverage);
		}
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = x;
	sp.presolve = 1;
	sp.obj = obj;
	sp.node_limit = 5000;
	sp.most_fractional = interval_demand(st) || gave_up;
	sp.fp_heur = gave_up;
	/* the first roster is always completed: a time limit never leaves
	 * the caller without one */
	sp.must_finish = first;
	solver_sub_solve(&st->bu, m, &sp, x, &so);
	st->nodes += so.nodes;
	if (so.result == SUB_OPTIMAL || so.result == SUB_FEASIBLE)
		read_week(st, &rm, e, x);
out:
	free(obj);
	free(x);
	free(fr);
	solver_model_free(&rm);
	return so.result;
}

#define SWEEPS 8

/* ROTA_EINFEASIBLE: why first_bad cannot be rostered, and how many more
 * employees cannot either. */
static int explain_bad(struct state *st, int first_bad, int n_bad,
		       struct rota_error *err)
{
	int rc = solver_explain_employee(&st->bu, st->p, first_bad, err);

	if (rc < 0)
		return rc;
	if (rc == 0)
		rota_error_set(err, ROTA_EINFEASIBLE,
			       "employee '%s' cannot be rostered under their "
			       "hard rules", st->p->employees[first_bad].id);
	if (n_bad > 1 && err) {
		size_t len = strlen(err->msg);

		snprintf(err->msg + len, sizeof(err->msg) - len,
			 " (and %d more employee%s)", n_bad - 1,
			 n_bad > 2 ? "s" : "");
	}
	if (err)
		err->code = ROTA_EINFEASIBLE;
	return ROTA_EINFEASIBLE;
}

/* One employee's week with the fewest changes to the reference under
 * their own hard rules and pins; the sub_result. */
static int nearest_week(struct state *st, int e, uint8_t *mask,
			struct rota_error *err)
{
	const struct rota_problem *p = st->p;
	/* without the cap: it joins the employees (nearest_weeks) */
	struct model_spec spec = {mask, 0, 0, 1u << GROUP_CHANGES, NULL, NULL, 0};
	struct roster_model rm;
	struct sub_params sp;
	struct sub_out so;
	double *obj = NULL, *x = NULL;
	uint8_t *fr = NULL;
	int rc;

	mask[e] = 1;
	rc = solver_model_build(&rm, p, &spec, err);
	mask[e] = 0;
	if (rc < 0)
		return rc;
	obj = calloc((size_t)rm.mip.ncols + 1, sizeof(double));
	x = calloc((size_t)rm.mip.ncols + 1, sizeof(double));
	fr = malloc((size_t)rm.mip.ncols + 1);
	if (!obj || !x || !fr) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	memset(fr, 1, (size_t)rm.mip.ncols);
	for (int d = 0; d < st->D; d++) {
		int ref = p->reference[e * st->D + d];

		for (int s = 0; s < st->S; s++) {
			int j = model_x(&rm, e, d, s);

			if (j >= 0)
				obj[j] = ref < 0 ? 1 : s == ref ? -1 : 0;
		}
	}
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = x;
	sp.presolve = 1;
	sp.obj = obj;
	sp.node_limit = 5000;
	sp.must_finish = 1;
	solver_sub_solve(&st->bu, &rm.mip, &sp, x, &so);
	st->nodes += so.nodes;
	rc = so.result;
	if (rc == SUB_OPTIMAL || rc == SUB_FEASIBLE)
		read_week(st, &rm, e, x);
out:
	free(obj);
	free(x);
	free(fr);
	solver_model_free(&rm);
	return rc;
}

/*
 * Re-planning: every employee's nearest week (nearest_week) into
 * st->start, where construction then starts.  Every hard rule belongs to
 * one employee and the cap on changes is the only row joining them, so
 * the cap can hold exactly when the employees' fewest changes add up to
 * no more than it: otherwise ROTA_EINFEASIBLE says so, naming who must
 * change.  An employee without any week is explained (explain.c).
 */
static int nearest_weeks(struct state *st, struct rota_error *err)
{
	const struct rota_problem *p = st->p;
	int E = st->E, D = st->D, n_bad = 0, first_bad = -1, total = 0;
	uint8_t *mask = calloc((size_t)E + 1, 1);
	int rc = 0;

	st->start = malloc(((size_t)E * (size_t)D + 1) * sizeof(int));
	if (!mask || !st->start) {
		free(mask);
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	}
	st->bu.phase = "nearest roster";
	for (int e = 0; e < E; e++) {
		int r = nearest_week(st, e, mask, err);

		if (r < 0) {
			rc = r;
			goto out;
		}
		if (r == SUB_INFEASIBLE) {
			if (first_bad < 0)
				first_bad = e;
			n_bad++;
			continue;
		}
		if (r != SUB_OPTIMAL && r != SUB_FEASIBLE) {
			rc = rota_error_set(err, ROTA_ESOLVER,
					    "the solver failed on the rules of "
					    "employee '%s'", p->employees[e].id);
			goto out;
		}
		total += changes_of(st, e);
	}
	if (n_bad) {
		rc = explain_bad(st, first_bad, n_bad, err);
		goto out;
	}
	if (p->max_changes != ROTA_UNSET && total > p->max_changes) {
		char who[160] = "";
		size_t len = 0;
		int listed = 0, more = 0;

		for (int e = 0; e < E; e++) {
			int n = changes_of(st, e);

			if (n == 0)
				continue;
			if (listed == 4) {
				more++;
				continue;
			}
			len += (size_t)snprintf(who + len, sizeof(who) - len,
						"%s%s %d", listed ? ", " : "",
						p->employees[e].id, n);
			if (len >= sizeof(who))
				len = sizeof(who) - 1;
			listed++;
		}
		if (more)
			snprintf(who + len, sizeof(who) - len, " and %d more",
				 more);
		rc = rota_error_set(err, ROTA_EINFEASIBLE,
				    "the hard rules need at least %d change%s "
				    "to the current roster, more than the %d "
				    "allowed (%s)",
				    total, total == 1 ? "" : "s",
				    p->max_changes, who);
		goto out;
	}
	memcpy(st->start, st->type, (size_t)E * (size_t)D * sizeof(int));
out:
	free(mask);
	return rc;
}

/* weight of the LP's counts in the LP-guided first pass */
#define LP_PULL 1000.0

/*
 * Sweep 0 must finish (a roster for everyone, whatever the budget says).
 * Under a time cap, once the employees left would take more than half the
 * time left at the pace of the first `done`, the rest get
 * CONSTRUCT_BEAM_HURRIED: the searches after the first roster buy more
 * than its beam.  On Curtois Instance 24 (0.8 s an employee at the full
 * beam) --time-limit 30 ran for 125 s to 251,495; hurried, 33 s to
 * 233,942.  The clock decides, so the run is marked time-cut.  Weeks
 * with interval demand take each employee's MIP (pricer_of), no beam.
 */
static void hurry(struct state *st, double t0, int done)
{
	double now = solver_now(), left = st->bu.deadline - now;

	if (st->beam == CONSTRUCT_BEAM_HURRIED || !(left < HUGE_VAL) ||
	    interval_demand(st))
		return;
	/* nothing to go by yet, or on pace */
	if (left > 0 &&
	    (done == 0 || (now - t0) / done * (st->E - done) <= 0.5 * left))
		return;
	st->beam = CONSTRUCT_BEAM_HURRIED;
	solver_budget_time_cut(&st->bu);
	solver_budget_log(&st->bu,
			  "%s: the %d employees left would take more than "
			  "half the time left; a beam of %d for them\n",
			  st->bu.phase, st->E - done, CONSTRUCT_BEAM_HURRIED);
}

/*
 * lp_target: NULL for the coverage-driven construction; else, for each
 * class representative r, lp_target[r*D*S + d*S + s] = how many of its
 * class the LP puts on (d, s), and rep_of[e] the representative of e: the
 * first pass then pulls every member towards the counts its class still
 * misses (rounding the LP), before the coverage-driven sweeps polish it.
 */
static int construct(struct state *st, const double *lp_target,
		     const int *rep_of, struct rota_error *err)
{
	const struct rota_problem *p = st->p;
	int D = st->D, S = st->S, E = st->E, T = st->T, K = st->K;
	struct cons c = {NULL, NULL, NULL};
	uint8_t *mask = NULL, *bad = NULL;
	struct order_item *order = NULL;
	int *old = NULL;
	double *R = NULL, *bias = NULL;
	size_t DS = (size_t)D * (size_t)S;
	int rc = 0, n_bad = 0, first_bad = -1;
	double t0;

	c.res = calloc((size_t)T * (size_t)K + 1, sizeof(double));
	c.cres = calloc((size_t)D * (size_t)S + 1, sizeof(double));
	c.alloc = malloc(((size_t)E * (size_t)T + 1) * sizeof(int));
	mask = calloc((size_t)E + 1, 1);
	bad = calloc((size_t)E + 1, 1);
	order = malloc(((size_t)E + 1) * sizeof(*order));
	old = malloc(((size_t)D + 1) * sizeof(int));
	if (lp_target) {
		R = malloc((DS * (size_t)E + 1) * sizeof(double));
		bias = malloc((DS + 1) * sizeof(double));
		if (R)
			memcpy(R, lp_target, DS * (size_t)E * sizeof(double));
	}
	if (!c.res || !c.cres || !c.alloc || !mask || !bad || !order || !old ||
	    (lp_target && (!R || !bias))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < T * K; i++)
		c.res[i] = p->demand[i].required;
	for (int i = 0; i < D * S; i++)
		c.cres[i] = p->cover[i].required;
	for (size_t i = 0; i < (size_t)E * (size_t)T; i++)
		c.alloc[i] = -1;
	for (int e = 0; e < E; e++) {
		order[e].e = e;
		order[e].key = popcount64(p->employees[e].skills);
	}
	qsort(order, (size_t)E, sizeof(*order), cmp_order);
	if (st->start) {
		/* re-planning: from everyone's nearest week, a complete
		 * roster within the cap; sweep 0 is a best-response sweep */
		memcpy(st->type, st->start,
		       (size_t)E * (size_t)D * sizeof(int));
		for (int e = 0; e < E; e++)
			apply(st, &c, e, 1);
	}

	st->bu.phase = lp_target ? "lp rounding" : "construct";
	st->beam = CONSTRUCT_BEAM;
	t0 = solver_now();
	for (int sweep = 0; sweep <= SWEEPS; sweep++) {
		int changed = 0;

		for (int oi = 0; oi < E; oi++) {
			int e = order[oi].e, r;

			if (bad[e])
				continue;
			if (sweep > 0 && !solver_budget_left(&st->bu))
				break;
			if (sweep == 0)
				hurry(st, t0, oi);
			memcpy(old, st->type + (size_t)e * (size_t)D,
			       (size_t)D * sizeof(int));
			apply(st, &c, e, -1);
			if (sweep == 0 && R) {
				const double *rr = R + (size_t)rep_of[e] * DS;

				for (size_t i = 0; i < DS; i++)
					bias[i] = LP_PULL *
						  (fmin(rr[i], 1.0) - 0.5);
			}
			r = solve_one(st, &c, e, mask,
				      sweep == 0 && !st->start,
				      sweep == 0 && R ? bias : NULL,
				      !(sweep == 0 && R), err);
			if (r < 0) {
				rc = r;
				goto out;
			}
			if (r == SUB_INFEASIBLE && sweep == 0 && !st->start) {
				bad[e] = 1;
				if (first_bad < 0 || e < first_bad)
					first_bad = e;
				n_bad++;
				continue;
			}
			if (r != SUB_OPTIMAL && r != SUB_FEASIBLE) {
				if (sweep > 0 || st->start) {
					/* keep the roster we had */
					memcpy(st->type + (size_t)e * (size_t)D,
					       old, (size_t)D * sizeof(int));
					apply(st, &c, e, 1);
					continue;
				}
				if (r == SUB_NONE && !solver_budget_left(&st->bu))
					rc = rota_error_set(
						err, ROTA_ENOSOLUTION,
						"the time limit ended the "
						"search before a roster was "
						"found");
				else if (r == SUB_NONE)
					rc = rota_error_set(
						err, ROTA_ENOSOLUTION,
						"no week found for employee "
						"'%s' within the search's "
						"limits (not proven "
						"impossible: the pricing "
						"program and the employee's "
						"MIP gave up)",
						p->employees[e].id);
				else
					rc = rota_error_set(
						err, ROTA_ESOLVER,
						"the solver failed on the rules "
						"of employee '%s'",
						p->employees[e].id);
				goto out;
			}
			apply(st, &c, e, 1);
			if (sweep == 0 && R)
				for (int d = 0; d < D; d++) {
					int s = st->type[e * D + d];

					if (s >= 0)
						R[(size_t)rep_of[e] * DS +
						  (size_t)d * (size_t)S +
						  (size_t)s] -= 1;
				}
			if (memcmp(old, st->type + (size_t)e * (size_t)D,
				   (size_t)D * sizeof(int)) != 0)
				changed++;
		}
		if (n_bad || (sweep > 0 && changed == 0) ||
		    !solver_budget_left(&st->bu))
			break;
	}
	if (n_bad)
		rc = explain_bad(st, first_bad, n_bad, err);
out:
	st->beam = CONSTRUCT_BEAM;
	free(c.res);
	free(c.cres);
	free(c.alloc);
	free(mask);
	free(bad);
	free(order);
	free(old);
	free(R);
	free(bias);
	return rc;
}

/* Continuous part of the full model for the integer part in x. */
static int evaluate(struct state *st, double *x, double *obj_out)
{
	const struct mip *m = &st->full.mip;
	uint8_t *fr = malloc((size_t)m->ncols + 1);
	double *val = malloc(((size_t)m->ncols + 1) * sizeof(double));
	struct sub_params sp;
	struct sub_out so;

	if (!fr || !val) {
		free(fr);
		free(val);
		return ROTA_ENOMEM;
	}
	for (int j = 0; j < m->ncols; j++) {
		fr[j] = !m->is_int[j];
		val[j] = x[j];
	}
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = val;
	sp.must_finish = 1;
	/* the coverage LP of a week with interval demand: from the crash
	 * basis, as in lns() (50-agent week: 250,000 of its 600,000 work
	 * units before the LP bound were this LP from the slack basis).
	 * Without interval demand the continuous columns are the soft
	 * rules' slacks, and GLPK's presolver removes them: Curtois 24's
	 * evaluation (1.7 M shift variables) took 2.9 s and 7,771 simplex
	 * iterations from the slack basis, 0.34 s and none so */
	sp.crash = interval_demand(st);
	sp.lp_presolve = !interval_demand(st);
	solver_sub_solve(&st->bu, m, &sp, x, &so);
	free(fr);
	free(val);
	if (so.result != SUB_OPTIMAL)
		return so.result == SUB_NONE ? ROTA_ENOSOLUTION : ROTA_ESOLVER;
	*obj_out = solver_mip_objective(m, x);
	return 0;
}

static void roster_to_x(struct state *st, double *x)
{
	const struct mip *m = &st->full.mip;

	for (int j = 0; j < m->ncols; j++) {
		const struct col_tag *t = &m->ctag[j];

		x[j] = 0;
		if (t->kind == COL_X)
			x[j] = st->type[t->a * st->D + t->b] == t->c;
	}
}

static void x_to_roster(struct state *st, const double *x)
{
	const struct mip *m = &st->full.mip;

	for (int i = 0; i < st->E * st->D; i++)
		st->type[i] = -1;
	for (int j = 0; j < m->ncols; j++) {
		const struct col_tag *t = &m->ctag[j];

		if (t->kind == COL_X && x[j] > 0.5)
			st->type[t->a * st->D + t->b] = t->c;
	}
}

/* z is better than `than` by more than rounding: every "better roster"
 * of the search is judged by this one tolerance. */
static int better(double z, double than)
{
	return z < than - 1e-9 * fmax(1.0, fabs(than));
}

static void accept(struct state *st, const double *x, double obj)
{
	memcpy(st->inc, x, (size_t)st->full.mip.ncols * sizeof(double));
	st->inc_obj = obj;
	st->have_inc = 1;
	/* the progress reports show the best roster, also while a restart
	 * searches from a worse one (restart) */
	st->bu.incumbent = fmin(obj, st->bu.incumbent);
	x_to_roster(st, x);
}

/* --------------------------------------------------------------- LNS */

/* the whole MIP goes to GLPK's branch-and-bound up to this size, when
 * LNS stalls */
#ifndef BNB_MAX_BINARIES
#define BNB_MAX_BINARIES 8000
#endif

/* simplex iterations one neighbourhood may take */
#ifndef LNS_ITERS
#define LNS_ITERS 15000
#endif
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
static int interval_day(const struct state *st, int t)
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

/*
 * Choose the employees of one neighbourhood (days [*d0, *d1]).  Kind 2
 * works around an interval and skill drawn in proportion to the coverage
 * penalty it pays: a window of days moves to hold that interval's day, and
 * the employees picked first are those with the skill who have a shift
 * covering the interval inside the window (1,000-agent week: a window at
 * random days around all employees of the worst interval's skill brought
 * a fifth of the gain per second of the random and related windows).
 */
static void pick(struct state *st, struct lns *ln, int kind, int size,
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
		/* a fairness group, then employees sharing its skills */
		int g = solver_rng_below(&st->rng, p->n_groups);
		uint64_t sk = 0;

		for (int e = 0; e < E; e++)
			if (p->employees[e].group == g) {
				ln->in[e] = 1;
				sk |= p->employees[e].skills;
				size--;
			}
		for (int e = 0; e < E; e++)
			if (!ln->in[e] && (!sk || (p->employees[e].skills & sk)))
				ln->cand[n++] = e;
		if (size <= 0)
			return;
		if (n < size) {
			for (int i = 0; i < n; i++)
				ln->in[ln->cand[i]] = 1;
			return;
		}
	} else if (kind == 1 && st->K > 0) {
		/* related: share skills with a random employee */
		int e0 = solver_rng_below(&st->rng, E);
		uint64_t sk = p->employees[e0].skills;

		for (int e = 0; e < E; e++)
			if (p->employees[e].skills & sk)
				ln->cand[n++] = e;
	} else if (kind == 2 && st->K > 0 && st->full.ucol) {
		/* around an interval and skill drawn in proportion to the
		 * penalty its coverage pays (always the worst one kept
		 * coming back to intervals no roster can cover) */
		double total = 0, draw = 0;
		int wk = -1, wt = -1;

		for (int pass = 0; pass < 2 && wk < 0; pass++) {
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
					wk = i % st->K;
					wt = i / st->K;
					break;
				}
			}
		}
		if (wk >= 0 && *d1 - *d0 + 1 < st->D) {
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
		if (wk >= 0) {
			/* who can cover the interval inside the window first */
			const struct mip *m = &st->full.mip;

			for (int j = 0; j < m->ncols; j++) {
				const struct col_tag *t = &m->ctag[j];
				const struct rota_slot *sl;

				if (t->kind != COL_X || ln->in[t->a] ||
				    t->b < *d0 || t->b > *d1 ||
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
			if (n < size) {
				for (int i = 0; i < n; i++)
					ln->in[ln->cand[i]] = 1;
				size -= n;
				n = 0;
				for (int e = 0; e < E; e++)
					if (!ln->in[e] &&
					    ((p->employees[e].skills >> wk) & 1))
						ln->cand[n++] = e;
			}
		}
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
static void free_columns(struct state *st, struct lns *ln, int d0, int d1,
			 uint8_t *touched, uint8_t *live, uint8_t *cfree)
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
static int choose_shape(struct state *st, const double *score, int n,
			int iter)
{
	/* with interval demand: a fixed rotation, measured best on
	 * contact-centre weeks (skill-related and day-window shapes) */
	static const int rotation[7] = {1, 4, 2, 5, 6, 4, 3};
	double total = 0, best = 0, pick;

	if (interval_demand(st) && n == 7)
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

static int lns(struct state *st, double gap_target, struct rota_error *err)
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
		double per_emp = ln.bin_per_emp,
		       *target = &ln.target[interval_demand(st) ? 0 : nb[1]];
		struct sub_params sp;
		struct sub_out so;
		double z;

		if (nb[1]) {
			/* a window of 2-3 days for more employees; once it
			 * holds everybody, a longer window */
			double per_day = (double)ln.bin_per_emp / D;
			int w = 2 + solver_rng_below(&st->rng, 2);

			if (*target / (w * per_day) > E)
				w = (int)ceil(*target / (E * per_day));
			if (w > D)
				w = D;
			d0 = solver_rng_below(&st->rng, D - w + 1);
			d1 = d0 + w - 1;
			per_emp = per_day * w;
		}
		size = (int)(*target / per_emp + 0.5);
		if (size < 2)
			size = 2;
		if (size > E)
			size = E;
		pick(st, &ln, kind, size, &d0, &d1);
		iter++;
		free_columns(st, &ln, d0, d1, touched, live, cfree);
		memset(&sp, 0, sizeof(sp));
		sp.free = ln.fr;
		sp.val = st->inc;
		sp.inject = 1;
		sp.node_limit = interval_demand(st) ? LNS_NODES_INTERVAL
						    : LNS_NODES;
		sp.iter_limit = LNS_ITERS;
		sp.most_fractional = interval_demand(st);
		/* with interval demand most of a neighbourhood's rows are
		 * the running counts and coverage of the week, each with a
		 * continuous column of its own: a crash basis makes those
		 * basic at once, where the slack basis spent one phase-1
		 * iteration on each (50-agent week: 4,935 iterations on the
		 * first neighbourhood, 4,025; and twice the neighbourhoods
		 * for the same work) */
		sp.crash = interval_demand(st);
		/* better still, a basis from the incumbent: its root LP then
		 * starts nearly primal feasible (50-agent week: 1,270
		 * iterations on the first neighbourhood instead of 4,025) */
		sp.warm = interval_demand(st);
		sp.gap = 0;
		/* a GLPK failure on one neighbourhood (its result
		 * SUB_ERROR) costs that neighbourhood only: the incumbent
		 * stands */
		solver_sub_solve(&st->bu, m, &sp, ln.x, &so);
		solver_budget_log(&st->bu,
				  "lns %d (kind %d): %d employees, days %d-%d, "
				  "%d rows, %d binaries, %ld nodes, %ld "
				  "iterations, result %d, objective %.2f\n",
				  iter, kind, size, d0, d1, so.rows, so.ints,
				  so.nodes, so.iters, so.result, so.obj);
		st->nodes += so.nodes;
		/* neighbourhood size follows the work it took, measured in
		 * simplex iterations (deterministic, unlike seconds) */
		if (so.result == SUB_OPTIMAL && so.iters < LNS_ITERS / 4 &&
		    *target < LNS_MAX_TARGET)
			*target *= 1.2;
		else if ((so.result != SUB_OPTIMAL ||
			  so.iters > LNS_ITERS / 2) && *target > 40)
			*target *= 0.75;
		since++;
		if (so.result != SUB_OPTIMAL && so.result != SUB_FEASIBLE) {
			score[sh] *= 0.7;
			continue;
		}
		z = solver_mip_objective(m, ln.x);
		{
			/* reward: relative gain per 1000 simplex iterations */
			double gain = z < st->inc_obj ? st->inc_obj - z : 0;
			double r = gain / fmax(1.0, fabs(st->inc_obj)) * 1e5 /
				   fmax(1000.0, (double)so.iters);

			score[sh] = 0.7 * score[sh] + 0.3 * r;
		}
		if (z < st->inc_obj - 1e-7 * fmax(1.0, fabs(st->inc_obj))) {
			accept(st, ln.x, z);
			since = 0;
			solver_budget_report(&st->bu, 0);
		}
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

/* ---------------------------------------------------------- solution */

static int fill_solution(struct state *st, struct rota_solution *sol)
{
	const struct rota_problem *p = st->p;
	const struct mip *m = &st->full.mip;
	const double *x = st->inc;
	int D = st->D, T = st->T, K = st->K, maxpi = -1;
	struct rota_solve_stats *ss = &sol->stats;
	double *alloc = NULL;
	double req = 0;

	memcpy(sol->type, st->type, (size_t)st->E * (size_t)D * sizeof(int));
	for (int j = 0; j < m->ncols; j++)
		if (m->ctag[j].kind == COL_ALLOC && m->ctag[j].b > maxpi)
			maxpi = m->ctag[j].b;
	if (maxpi >= 0) {
		alloc = calloc((size_t)T * (size_t)(maxpi + 1) * (size_t)K,
			       sizeof(double));
		if (!alloc)
			return ROTA_ENOMEM;
	}
	for (int j = 0; j < m->ncols; j++) {
		const struct col_tag *t = &m->ctag[j];
		double v = x[j];

		switch (t->kind) {
		case COL_X:
			if (v > 0.5)
				ss->term[ROTA_TERM_cost] += m->obj[j] == 0
					? 0
					: p->cost_per_min *
						  p->types[t->c].paid_min;
			break;
		case COL_ALLOC:
			sol->served[t->a * K + t->c] += v;
			alloc[((size_t)t->a * (size_t)(maxpi + 1) +
			       (size_t)t->b) * (size_t)K + (size_t)t->c] = v;
			break;
		case COL_UNDER:
			ss->term[ROTA_TERM_under] += v * m->obj[j];
			break;
		case COL_OVER:
			ss->term[ROTA_TERM_over] += v * m->obj[j];
			break;
		case COL_CUNDER:
			ss->term[ROTA_TERM_cover_under] += v * m->obj[j];
			break;
		case COL_COVER:
			ss->term[ROTA_TERM_cover_over] += v * m->obj[j];
			break;
		case COL_VIOL:
			ss->term[ROTA_TERM_rules] += v * m->obj[j];
			ss->rule_penalty[t->rule] += v * m->obj[j];
			ss->rule_units[t->rule] += (int)floor(v + 0.5);
			break;
		case COL_FMAX:
		case COL_FMIN:
			ss->term[ROTA_TERM_fairness] += v * m->obj[j];
			break;
		default:
			break;
		}
	}
	/* cost of every worked shift, whatever the column objective */
	ss->term[ROTA_TERM_cost] = 0;
	for (int e = 0; e < st->E; e++)
		for (int d = 0; d < D; d++) {
			int s = st->type[e * D + d];
			uint64_t pm;

			if (s < 0)
				continue;
			ss->term[ROTA_TERM_cost] +=
				p->cost_per_min * p->types[s].paid_min;
			pm = solver_model_profile(p, e, s);
			if (!K || !pm)
				continue;
			if (popcount64(pm) == 1) {
				int k = __builtin_ctzll(pm);
				const struct rota_slot *sl =
					rota_problem_slot(p, d, s);

				sol->skill[e * D + d] = k;
				for (int t = sl->first_interval;
				     t < sl->end_interval; t++)
					if (rota_slot_covers(sl, t))
						sol->served[t * K + k] += 1;
			}
		}
	/* the main skill of multi-skilled assignments: the skill with the
	 * largest share of its profile's allocation over the shift */
	if (alloc) {
		for (int e = 0; e < st->E; e++)
			for (int d = 0; d < D; d++) {
				int s = st->type[e * D + d], best = -1;
				int pi;
				double share[ROTA_MAX_SKILLS] = {0}, top = -1;
				const struct rota_slot *sl;
				uint64_t pm;

				if (s < 0)
					continue;
				pi = st->full.xprof[e * st->S + s];
				pm = solver_model_profile(p, e, s);
				if (pi < 0 || pi > maxpi || popcount64(pm) < 2)
					continue;
				sl = rota_problem_slot(p, d, s);
				for (int t = sl->first_interval;
				     t < sl->end_interval; t++) {
					const double *al;
					double tot = 0;

					if (!rota_slot_covers(sl, t))
						continue;
					al = &alloc[((size_t)t *
								(size_t)(maxpi +
									 1) +
							(size_t)pi) *
						       (size_t)K];
					for (int k = 0; k < K; k++)
						tot += al[k];
					if (tot <= 1e-9)
						continue;
					for (int k = 0; k < K; k++)
						share[k] += al[k] / tot;
				}
				for (int k = 0; k < K; k++)
					if (((pm >> k) & 1) &&
					    share[k] > top + 1e-9) {
						top = share[k];
						best = k;
					}
				sol->skill[e * D + d] = best;
			}
		free(alloc);
	}
	/* requests, straight from the roster */
	for (size_t i = 0; i < p->n_requests; i++) {
		const struct rota_request *r = &p->requests[i];
		int s = st->type[r->employee * D + r->day];
		int hit = r->type < 0 ? s >= 0 : s == r->type;

		if (r->on != hit)
			req += r->weight;
	}
	ss->term[ROTA_TERM_requests] = req;
	if (p->reference) {
		int n = 0;

		for (int e = 0; e < st->E; e++)
			n += changes_of(st, e);
		ss->term[ROTA_TERM_changes] = p->change_weight * n;
	}
	ss->objective = st->inc_obj;
	ss->bound = st->bound > st->inc_obj ? st->inc_obj : st->bound;
	ss->gap = solver_rel_gap(ss->objective, ss->bound);
	ss->rows = m->nrows;
	ss->cols = m->ncols;
	ss->binaries = st->full.n_x;
	ss->nodes = st->nodes;
	return 0;
}

/* ------------------------------------------------------ bound, rounding */

/* 1 when an interior-point run that cannot be stopped may start: no
 * time cap, or the cap's first half (else the clock has decided, and
 * the budget says so) */
static int interior_fits(struct solver_budget *b)
{
	if (!(b->deadline < HUGE_VAL) ||
	    solver_now() < b->t_start + (b->deadline - b->t_start) / 2)
		return 1;
	solver_budget_time_cut(b);
	return 0;
}

/*
 * With interval demand the default budget is the search's: the work of the
 * LP bound since w0 is charged and the budget grows by as much (the
 * compact LP's interior point grows with the square of the site: 2.1 M
 * units at 1,000 agents, 13.7 M at 3,000, where it left no work for the
 * search).
 */
static void bound_on_top(struct state *st, double w0)
{
	if (!interval_demand(st) || !st->bu.opt || st->bu.opt->work_limit > 0 ||
	    !(st->bu.work_limit < HUGE_VAL))
		return;
	st->bu.work_limit += st->bu.work - w0;
	/* the run's charge may have passed the budget before it grew */
	if (st->bu.stopped_by == ROTA_STOP_WORK &&
	    st->bu.work < st->bu.work_limit)
		st->bu.stopped_by = ROTA_STOP_DONE;
}

/*
 * A second start from an LP: every class member in turn is pulled towards
 * the counts target[(rep*D + d)*S + s] the LP gives its class (rep_of[e]:
 * the member whose rows hold them), then the sweeps polish that roster; it
 * replaces the incumbent when better.  x is scratch of the full model's
 * size.
 */
static int round_lp(struct state *st, double *x, const double *target,
		    const int *rep_of, struct rota_error *err)
{
	size_t ed = (size_t)st->E * (size_t)st->D;
	int *saved = malloc((ed + 1) * sizeof(int));
	int rc;

	if (!saved)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	memcpy(saved, st->type, ed * sizeof(int));
	for (size_t i = 0; i < ed; i++)
		st->type[i] = -1;
	st->bu.phase = "lp rounding";
	rc = construct(st, target, rep_of, err);
	if (rc == 0) {
		double z;

		roster_to_x(st, x);
		if (evaluate(st, x, &z) == 0 && better(z, st->inc_obj)) {
			accept(st, x, z);
			solver_budget_report(&st->bu, 1);
			free(saved);
			return 0;
		}
	} else if (rc != ROTA_ENOMEM) {
		rc = 0; /* keep the first roster */
	}
	memcpy(st->type, saved, ed * sizeof(int));
	free(saved);
	return rc;
}

/*
 * The LP bound on the merged model (identical employees as one class with
 * multiplicity), and a second start from it (round_lp).  x is scratch of
 * the full model's size.
 */
static int bound_and_round(struct state *st, double *x, struct rota_error *err)
{
	const struct rota_problem *p = st->p;
	struct model_spec cspec = {NULL, 1, 1, 0, NULL, NULL, 0};
	struct roster_model cm;
	struct sub_params sp;
	struct sub_out so;
	size_t DS = (size_t)st->D * (size_t)st->S;
	int *mult = malloc(((size_t)st->E + 1) * sizeof(int));
	int *rep_of = malloc(((size_t)st->E + 1) * sizeof(int));
	double *target = NULL, *cx = NULL, w0;
	uint8_t *fr = NULL;
	int rc = 0;

	memset(&cm, 0, sizeof(cm));
	if (!mult || !rep_of || solver_classes(p, mult, rep_of) < 0) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	cspec.mult = mult;
	if ((rc = solver_model_build(&cm, p, &cspec, err)) < 0)
		goto out;
	fr = malloc((size_t)cm.mip.ncols + 1);
	cx = calloc((size_t)cm.mip.ncols + 1, sizeof(double));
	if (!fr || !cx) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	memset(fr, 1, (size_t)cm.mip.ncols);
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = cx;
	sp.lp_only = 1;
	sp.interior = 1;
	/* no continuous column of an optimal roster exceeds this: counts are
	 * at most E, violations at most the minutes of the horizon */
	sp.box = 1440.0 * fmax(7, st->D) * (st->E + 1);
	st->bu.phase = "lp bound";
	w0 = st->bu.work;
	solver_sub_solve(&st->bu, &cm.mip, &sp, cx, &so);
	bound_on_top(st, w0);
	solver_budget_log(&st->bu,
			  "lp bound: %d rows, %d columns, result %d, bound %.4f\n",
			  so.rows, so.cols, so.result, so.bound);
	if (so.result != SUB_OPTIMAL && so.result != SUB_INFEASIBLE &&
	    !isfinite(so.bound) && solver_budget_left(&st->bu)) {
		/* glp_interior gave nothing: simplex */
		sp.interior = 0;
		solver_sub_solve(&st->bu, &cm.mip, &sp, cx, &so);
	}
	if ((so.result == SUB_OPTIMAL || so.result == SUB_FEASIBLE) &&
	    isfinite(so.bound) && fmin(so.bound, st->inc_obj) > st->bound)
		st->bound = fmin(so.bound, st->inc_obj);
	if (so.result != SUB_OPTIMAL) {
		st->bu.bound = st->bound;
		goto out;
	}
	st->bu.bound = st->bound;
	solver_budget_report(&st->bu, 1);
	if (!solver_budget_left(&st->bu) || solver_rel_gap(st->inc_obj, st->bound) <= 0)
		goto out;

	/* the LP's counts per class, on the representatives' rows */
	target = calloc(DS * (size_t)st->E + 1, sizeof(double));
	if (!target) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (int j = 0; j < cm.mip.ncols; j++) {
		const struct col_tag *t = &cm.mip.ctag[j];

		if (t->kind == COL_X)
			target[(size_t)t->a * DS + (size_t)t->b * (size_t)st->S +
			       (size_t)t->c] = cx[j] * mult[t->a];
	}
	rc = round_lp(st, x, target, rep_of, err);
out:
	solver_model_free(&cm);
	free(mult);
	free(rep_of);
	free(fr);
	free(cx);
	free(target);
	return rc;
}

/* ------------------------------------------------------ column generation */

/* 1 when every cost of the objective is a whole number, so the optimum
 * is one and a bound may be rounded up. */
static int objective_integral(const struct rota_problem *p)
{
	size_t n;

#define WHOLE(v) (fabs((v) - round(v)) < 1e-9)
	for (int s = 0; s < p->n_types; s++)
		if (!WHOLE(p->cost_per_min * p->types[s].paid_min))
			return 0;
	n = (size_t)p->n_intervals * (size_t)p->n_skills;
	for (size_t i = 0; i < n; i++)
		if (!WHOLE(p->demand[i].under_weight) ||
		    !WHOLE(p->demand[i].over_weight))
			return 0;
	n = (size_t)p->n_days * (size_t)p->n_types;
	for (size_t i = 0; i < n; i++)
		if (!WHOLE(p->cover[i].under_weight) ||
		    !WHOLE(p->cover[i].over_weight))
			return 0;
	for (int e = 0; e < p->n_employees; e++) {
		for (int r = 0; r < ROTA_PROBLEM_RULE_COUNT; r++)
			if (!WHOLE(p->employees[e].rule[r].weight))
				return 0;
		for (int s = 0; s < p->n_types; s++)
			if (!WHOLE(p->type_max[e * p->n_types + s].weight))
				return 0;
	}
	for (size_t i = 0; i < p->n_requests; i++)
		if (!WHOLE(p->requests[i].weight))
			return 0;
	for (int g = 0; g < p->n_groups; g++)
		if (!WHOLE(p->groups[g].weekend_weight) ||
		    !WHOLE(p->groups[g].late_weight))
			return 0;
	return WHOLE(p->change_weight);
#undef WHOLE
}

/* A proven bound into the state (rounded up when the objective is whole;
 * never above the incumbent). */
static void improve_bound(struct state *st, double bound)
{
	if (!isfinite(bound))
		return;
	if (objective_integral(st->p))
		bound = ceil(bound - 1e-6);
	bound = fmin(bound, st->inc_obj);
	if (bound > st->bound) {
		st->bound = bound;
		st->bu.bound = bound;
	}
}

/* The roster in st->type as the incumbent when it is better. */
static int try_roster(struct state *st, double *x)
{
	double z;
	int rc;

	roster_to_x(st, x);
	if ((rc = evaluate(st, x, &z)) < 0)
		return rc;
	if (better(z, st->inc_obj)) {
		accept(st, x, z);
		return 1;
	}
	return 0;
}

/* try_roster on the roster a step left in st->type, made from the weeks
 * in saved, which come back unless it is better: 1 when it is, 0, or a
 * negative status. */
static int keep_better(struct state *st, double *x, const int *saved)
{
	int r = try_roster(st, x);

	if (r != 1)
		memcpy(st->type, saved,
		       (size_t)st->E * (size_t)st->D * sizeof(int));
	return r;
}

/* the share of the work left a branch-and-price may take, and the
 * relative gap of the incumbent to the bound it runs within (Curtois 6
 * after its dive: 1,952 on a bound of 1,949, 0.15%; 7 after its dive,
 * 1,262 on 1,055, is the master's neighbourhoods' to search) */
#define BRANCH_SHARE 0.3
#define BRANCH_GAP 0.01

/*
 * Branch-and-price on cells (branch.c) below the incumbent, once per
 * incumbent, when the root proved a bound, the objective is whole and
 * the incumbent stands at least a unit and at most BRANCH_GAP above the
 * bound: a roster a unit cheaper or better becomes the incumbent.  Run
 * after the first dive, and when the master's neighbourhoods have grown
 * to nearly everybody (colgen_lns) or a turn of the searches begins.
 * 0, or a negative status with err set.
 */
static int branch_once(struct state *st, struct solver_colgen *cg,
		       double *x, struct rota_error *err)
{
	size_t ed = (size_t)st->E * (size_t)st->D;
	struct solver_hold hold;
	int *saved, r;
	double z;

	if (!cg || !st->colgen_bound || !solver_colgen_cell_dive(cg) ||
	    !objective_integral(st->p) || st->inc_obj - st->bound < 1 ||
	    solver_rel_gap(st->inc_obj, st->bound) > BRANCH_GAP ||
	    st->inc_obj == st->branched || !solver_budget_left(&st->bu))
		return 0;
	st->branched = st->inc_obj;
	if (!(saved = malloc((ed + 1) * sizeof(int))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	memcpy(saved, st->type, ed * sizeof(int));
	hold = solver_budget_hold(&st->bu, BRANCH_SHARE);
	r = solver_colgen_resolve(cg);
	if (r == SUB_OPTIMAL)
		r = solver_colgen_branch(cg, st->inc_obj, 1.0, st->type, &z);
	solver_budget_release(&st->bu, hold);
	solver_colgen_release(cg);
	if (r != SUB_OPTIMAL)
		memcpy(st->type, saved, ed * sizeof(int));
	else if ((r = keep_better(st, x, saved)) >= 0)
		solver_budget_log(&st->bu, "branch: a roster of %.2f, %s, "
					   "incumbent %.2f\n",
				  z, r ? "better" : "no better", st->inc_obj);
	free(saved);
	if (r < 0)
		return rota_error_set(err, r, "branch-and-price failed");
	solver_budget_report(&st->bu, 1);
	return 0;
}

/*
 * The `size` employees colgen_lns frees on its turn `iter` into freed
 * (cand, cnt: scratch): on odd turns related ones (related.c), around a
 * request not granted on one odd turn in two, else around a cell off its
 * cover; else (or when none is found) a random set (partial
 * Fisher-Yates).
 */
static void lns_pick(struct state *st, int iter, int size, uint8_t *freed,
		     int *cand, int *cnt)
{
	int E = st->E;

	if (iter % 4 == 3 && solver_related_request(st->p, st->type, &st->rng,
						    size, freed, cand))
		return;
	if (iter % 2 == 1 && solver_related(st->p, st->type, &st->rng, size,
					    freed, cand, cnt))
		return;
	memset(freed, 0, (size_t)E);
	for (int e = 0; e < E; e++)
		cand[e] = e;
	for (int i = 0; i < size; i++) {
		int j = i + solver_rng_below(&st->rng, E - i);
		int t = cand[i];

		cand[i] = cand[j];
		cand[j] = t;
		freed[cand[i]] = 1;
	}
}

/* A neighbourhood's size n (employees, or a span's days) after a result
 * r that took `spent` work units: one more, up to hi, when GLPK proved
 * its optimum within LNS_GROW_WORK; one less, down to lo, when it did
 * not. */
#define LNS_GROW_WORK 20000.0

static int lns_follow(int n, int r, double spent, int lo, int hi)
{
	if (r == SUB_OPTIMAL && spent < LNS_GROW_WORK && n < hi)
		return n + 1;
	if (r != SUB_OPTIMAL && n > lo)
		return n - 1;
	return n;
}

/* a days neighbourhood's first span (colgen_lns), and the least; it grows
 * and shrinks as the employee neighbourhoods do.  Its rounds of column
 * generation: everybody is freed, so it needs more than the employee
 * neighbourhoods' 2 (Curtois 8 at the default budget, seeds 0-3: 1,408,
 * 1,314, 1,310, 1,312 with 2; 1,322, 1,310, 1,307, 1,312 with 5; 1,308,
 * 1,311, 1,307, 1,314 with 10; 1,311, 1,309, 1,313 with 20) */
#define SPAN_DAYS 7
#define SPAN_MIN 2
#define SPAN_ROUNDS 10

/*
 * Large neighbourhoods on the set-partitioning master: free a few
 * employees, keep everybody else's week, generate columns for the freed
 * and let GLPK choose among them (solver_colgen_neighbourhood).  The
 * neighbourhood grows while GLPK proves its optimum quickly and shrinks
 * when it does not.  Ends when `stall` neighbourhoods in a row bring
 * nothing, at the gap, or when the budget is spent.
 *
 * When every employee is a class of its own (the benchmark), every other
 * neighbourhood frees everybody on a span of days instead
 * (solver_colgen_days_neighbourhood), in place of the related ones: the
 * shifts the dive leaves short are a swap between several employees on
 * the same days, which a few employees' whole weeks rarely hold.
 * Curtois 8 at the default budget: 1,308 instead of 1,411 (seeds 1-3:
 * 1,311, 1,307, 1,314 against 1,504, 1,504, 1,417); 7 1,057 instead of
 * 1,060; 1-6 and 9-11 as before.  At --effort 10: 15 3,866 instead of
 * 3,975, 8 1,302 (1,318), 18 4,567 (4,571) (bench/RESULTS.md,
 * 2026-12-07 09:30).
 */
static int colgen_lns(struct state *st, struct solver_colgen *cg, double *x,
		      struct rota_error *err)
{
	int E = st->E, size = E < 4 ? E : 4, since = 0, iter = 0, rc = 0;
	int stall = 10 + E / 2, span = st->D < SPAN_DAYS ? st->D : SPAN_DAYS;
	int days = solver_colgen_cell_dive(cg);
	size_t ed = (size_t)E * (size_t)st->D;
	uint8_t *freed = calloc((size_t)E + 1, 1);
	int *cand = malloc(((size_t)E + 1) * sizeof(int));
	int *saved = malloc((ed + 1) * sizeof(int));
	int *cnt = malloc(((size_t)st->D * (size_t)st->S + 1) * sizeof(int));

	if (!freed || !cand || !saved || !cnt) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	st->bu.phase = "colgen lns";
	while (since < stall && solver_budget_left(&st->bu) &&
	       solver_rel_gap(st->inc_obj, st->bound) > st->bu.opt->gap) {
		double before = st->bu.work;
		int r, span_nb = days && iter % 2 == 1, first = 0;

		if (span_nb)
			first = solver_rng_below(&st->rng, st->D - span + 1);
		else
			lns_pick(st, iter, size, freed, cand, cnt);
		memcpy(saved, st->type, ed * sizeof(int));
		if (span_nb)
			r = solver_colgen_days_neighbourhood(
				cg, saved, first, span, SPAN_ROUNDS, 500,
				LNS_ITERS, st->type);
		else
			r = solver_colgen_neighbourhood(cg, saved, freed, 2,
							500, LNS_ITERS,
							st->type);
		iter++;
		since++;
		if (r < 0 && r != ROTA_EINVAL) {
			rc = rota_error_set(err, r, r == ROTA_ENOMEM
							    ? "out of memory"
							    : "a neighbourhood of "
							      "the restricted "
							      "master failed");
			goto out;
		}
		if (r == SUB_OPTIMAL || r == SUB_FEASIBLE) {
			int better = keep_better(st, x, saved);

			if (better < 0) {
				rc = rota_error_set(err, better,
						    "evaluating a roster failed");
				goto out;
			}
			if (better) {
				since = 0;
				solver_budget_report(&st->bu, 0);
			}
		} else {
			memcpy(st->type, saved, ed * sizeof(int));
		}
		/* the neighbourhood follows the work it took */
		if (span_nb) {
			solver_budget_log(&st->bu,
					  "colgen lns %d: days %d-%d, result "
					  "%d, objective %.2f\n",
					  iter, first, first + span - 1, r,
					  st->inc_obj);
			span = lns_follow(span, r, st->bu.work - before,
					  SPAN_MIN, st->D);
		} else {
			size = lns_follow(size, r, st->bu.work - before, 2, E);
			solver_budget_log(&st->bu,
					  "colgen lns %d: %d employees, "
					  "result %d, objective %.2f\n",
					  iter, size, r, st->inc_obj);
		}
		/* neighbourhoods of nearly everybody: the restricted
		 * master's MIP is nearly the whole problem's, and the
		 * tree is the other way to search it (Curtois 16 at
		 * --effort 10: its trees here found 3,226, then the best
		 * known 3,225) */
		if (size >= E - E / 4 &&
		    (rc = branch_once(st, cg, x, err)) < 0)
			goto out;
	}
out:
	free(freed);
	free(cand);
	free(saved);
	free(cnt);
	return rc;
}

/* the share of the work left that the root column generation may take */
#define ROOT_SHARE 0.5
/* a second dive runs when this many default work budgets are left after
 * the first (long runs only: never at --effort 1) */
#define SECOND_DIVE 2.0
/* and, under a time cap, when the time left is at least this many times
 * what the first dive took: a careful dive and the usual one after it,
 * on a master the first one made bigger (Curtois 13 at --effort 10: the
 * first dive took 70 s, the second had 225 s left and the cap stopped
 * it with nothing better; with 2.0 it ran) */
#define SECOND_DIVE_TIME 4.0

/*
 * One dive from the master's LP as it stands (solver_colgen_dive), the
 * incumbent's weeks its start (kept in saved): a better roster becomes
 * the incumbent, else the incumbent's weeks stay in st->type.  A dive
 * that ends without a roster is no error.  0, or a negative status with
 * err set.
 */
static int dive_once(struct state *st, struct solver_colgen *cg, double *x,
		     int *saved, int careful, const char *which,
		     struct rota_error *err)
{
	size_t ed = (size_t)st->E * (size_t)st->D;
	int r;

	memcpy(saved, st->type, ed * sizeof(int));
	r = solver_colgen_dive(cg, saved, careful, st->type);
	solver_colgen_release(cg);
	if (r != SUB_OPTIMAL) {
		memcpy(st->type, saved, ed * sizeof(int));
		return 0;
	}
	if ((r = keep_better(st, x, saved)) < 0)
		return rota_error_set(err, r, "evaluating a roster failed");
	solver_budget_log(&st->bu, "dive%s: %s, incumbent %.2f\n", which,
			  r ? "a better roster" : "no better roster",
			  st->inc_obj);
	solver_budget_report(&st->bu, 1);
	return 0;
}

/* The root's LP rounded to a roster (round_lp), for interval demand. */
static int round_master(struct state *st, struct solver_colgen *cg, double *x,
			struct rota_error *err)
{
	size_t n = (size_t)st->E * (size_t)st->D * (size_t)st->S;
	double *target = malloc((n + 1) * sizeof(double));
	int *rep_of = malloc(((size_t)st->E + 1) * sizeof(int));
	int rc;

	if (!target || !rep_of) {
		free(target);
		free(rep_of);
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	}
	solver_colgen_counts(cg, target, rep_of);
	rc = round_lp(st, x, target, rep_of, err);
	free(target);
	free(rep_of);
	return rc;
}

/*
 * Another dive (`what`: the second, a restart) fits in the time left:
 * under a cap, SECOND_DIVE_TIME times what the first dive took
 * (st->dive_s); else the cap would cut it and leave the neighbourhood
 * search nothing.  Not fitting is a decision of the clock, recorded as
 * such and logged when `say`.
 */
static int dive_time_fits(struct state *st, const char *what, int say)
{
	double left = st->bu.deadline - solver_now();

	if (!(left < SECOND_DIVE_TIME * st->dive_s))
		return 1;
	if (say) {
		solver_budget_time_cut(&st->bu);
		solver_budget_log(&st->bu,
				  "%s: skipped, %.0f s left, the first dive "
				  "took %.0f s\n",
				  what, left, st->dive_s);
	}
	return 0;
}

/*
 * A second dive, careful first, while SECOND_DIVE default budgets are
 * left and it fits in the time (dive_time_fits): from the root's LP
 * again, with the columns the first one generated besides
 * (docs/model.md).  When it brings no better roster,
 * the master is put back as it was (its columns and basis), as after a
 * careful dive stopped short.  That does not make the search after it
 * the one without it (the work it spent is gone): Curtois 8 at --effort
 * 10 ends at 1,395 either way, 1,309 with no second dive.
 */
static int second_dive(struct state *st, struct solver_colgen *cg, double *x,
		       int *saved, struct rota_error *err)
{
	struct solver_colgen_snap *sn;
	double before = st->inc_obj;
	int rc = 0;

	if (solver_budget_work_left(&st->bu) <
		    SECOND_DIVE * st->unit ||
	    !(solver_rel_gap(st->inc_obj, st->bound) > 0) ||
	    !dive_time_fits(st, "dive (second)", 1))
		return 0;
	if (!(sn = solver_colgen_snap(cg)))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	if (solver_colgen_resolve(cg) == SUB_OPTIMAL)
		rc = dive_once(st, cg, x, saved, 1, " (second)", err);
	if (rc == 0 && !(st->inc_obj < before))
		solver_colgen_restore(cg, sn);
	solver_colgen_snap_free(sn);
	return rc;
}

/*
 * Column generation (colgen.c): the set-partitioning LP bound, far
 * tighter than the compact model's, then a dive for a roster.  Skipped
 * when some employee's rules are beyond the pricing program.
 */
static int colgen_phase(struct state *st, double *x,
			struct solver_colgen **keep, struct rota_error *err)
{
	struct solver_colgen *cg = NULL;
	size_t ed = (size_t)st->E * (size_t)st->D;
	int *saved = NULL;
	struct solver_hold hold;
	double bound, w0, t_dive;
	int rc, r;

	rc = solver_colgen_new(st->p, &st->bu, &cg, err);
	if (rc == ROTA_ELIMIT) {
		rc = 0;
		goto out;
	}
	if (rc < 0 || (rc = solver_colgen_add_roster(cg, st->type)) < 0)
		goto out;
	/* out of memory for a thread's scratch: fewer threads, same roster */
	(void)solver_colgen_lanes(
		cg, solver_team_lanes(st->bu.opt ? st->bu.opt->threads : 0));
	/* the root may take ROOT_SHARE of the work (and of the time under
	 * a cap): when it tails off, the dive starts from the restricted
	 * master it has (no bound then) */
	hold = solver_budget_hold(&st->bu, ROOT_SHARE);
	w0 = st->bu.work;
	solver_colgen_windows(cg, st->unit);
	r = solver_colgen_root(cg, &bound);
	solver_budget_release(&st->bu, hold);
	if (r < 0) {
		rc = rota_error_set(err, r, "column generation failed");
		goto out;
	}
	improve_bound(st, bound);
	st->colgen_bound = isfinite(bound);
	st->colgen_ran = 1;
	solver_budget_report(&st->bu, 1);
	if (interval_demand(st)) {
		/* a contact-centre week: the root is its LP bound (on top of
		 * the budget, as the compact LP's was) and its LP, rounded, a
		 * second start; the compact LNS does the rest */
		bound_on_top(st, w0);
		if (r == SUB_OPTIMAL && solver_budget_left(&st->bu) &&
		    solver_rel_gap(st->inc_obj, st->bound) > 0)
			rc = round_master(st, cg, x, err);
		goto out;
	}
	if (r != SUB_OPTIMAL ||
	    solver_rel_gap(st->inc_obj, st->bound) <= 0 ||
	    !solver_budget_left(&st->bu))
		goto out;
	/* the incumbent's weeks: the dive's start, and the roster again
	 * when the dive finds none better */
	if (!(saved = malloc((ed + 1) * sizeof(int)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	/* careful (dive.c: whole cells only in its batches, many more
	 * steps) after a root that proved a bound; one that did not has
	 * spent its share, and a careful dive would leave the usual one
	 * less (Curtois 8, 12, 15 and 18 at the default budget) */
	t_dive = solver_now();
	if ((rc = dive_once(st, cg, x, saved, st->colgen_bound, "", err)) < 0)
		goto out;
	st->dive_s = solver_now() - t_dive;
	if ((rc = branch_once(st, cg, x, err)) < 0 ||
	    (rc = second_dive(st, cg, x, saved, err)) < 0)
		goto out;
	rc = colgen_lns(st, cg, x, err);
	if (rc == 0) {
		/* the master and its columns serve the next rounds of the
		 * neighbourhood search (rota_solve) */
		*keep = cg;
		cg = NULL;
	}
out:
	solver_colgen_free(cg);
	free(saved);
	return rc;
}

/* ------------------------------------------------------------ solve */

/* cycles of both neighbourhood searches in a row that may bring nothing
 * before the search stops alternating them */
#define LNS_IDLE_CYCLES 3
/* restarts (long runs only): while this many default work budgets are
 * left after the searches' first segment, another dive from the master's
 * LP (its picked cells drawn with RESTART_JITTER, dive.c) and a segment
 * of the searches from its roster; each segment (and each restart's
 * dive) may take RESTART_SEGMENT default budgets, the best roster then
 * gets what is left */
#define RESTART_LEFT 3.0
#define RESTART_SEGMENT 1.0
#define RESTART_JITTER 0.2

/*
 * Both neighbourhood searches in turn (colgen_lns, lns), each until it
 * stalls, while the budget lasts and a turn of both still improves the
 * roster within LNS_IDLE_CYCLES.
 */
static int turns(struct state *st, struct solver_colgen *cg, double *x,
		 double gap, struct rota_error *err)
{
	int rc, idle = 0;

	while (cg && idle < LNS_IDLE_CYCLES && solver_budget_left(&st->bu) &&
	       solver_rel_gap(st->inc_obj, st->bound) > gap) {
		double before = st->inc_obj;

		if ((rc = branch_once(st, cg, x, err)) < 0 ||
		    (rc = colgen_lns(st, cg, x, err)) < 0 ||
		    (rc = lns(st, gap, err)) < 0)
			return rc;
		if (better(st->inc_obj, before))
			idle = 0;
		else
			idle++;
	}
	return 0;
}

/* A hold of RESTART_SEGMENT default budgets of the work left (and the
 * same share of the time left under a cap). */
static struct solver_hold segment_hold(struct state *st)
{
	double left = solver_budget_work_left(&st->bu);
	double seg = RESTART_SEGMENT * st->unit;

	return solver_budget_hold(&st->bu, seg < left ? seg / left : 1.0);
}

/* A restart fits: a master kept, cell dives (only they take the jitter),
 * `defaults` default budgets left, and the time for a dive
 * (dive_time_fits, told when `say`). */
static int restart_fits(struct state *st, const struct solver_colgen *cg,
			double gap, double defaults, int say)
{
	return cg && solver_colgen_cell_dive(cg) &&
	       solver_budget_work_left(&st->bu) >=
		       defaults * st->unit &&
	       solver_rel_gap(st->inc_obj, st->bound) > gap &&
	       dive_time_fits(st, "restart", say);
}

/*
 * The searches (turns, within a segment) from the roster in st->type,
 * which becomes the incumbent even when worse; when they end above the
 * best roster before, the best is put back.  The log names the search
 * `what` ("restart 2", "cover first") and its start `from` ("dive",
 * "start").  0, or a negative status with err set.
 */
static int search_from(struct state *st, struct solver_colgen *cg, double *x,
		       double gap, const char *what, const char *from,
		       struct rota_error *err)
{
	size_t nx = (size_t)st->full.mip.ncols;
	double *best_x = malloc((nx + 1) * sizeof(double));
	double best = st->inc_obj, z;
	struct solver_hold h;
	int rc;

	if (!best_x)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	memcpy(best_x, st->inc, nx * sizeof(double));
	roster_to_x(st, x);
	if ((rc = evaluate(st, x, &z)) < 0) {
		rc = rota_error_set(err, rc, "evaluating a roster failed");
		goto out;
	}
	solver_budget_log(&st->bu, "%s: %s %.2f, best %.2f\n", what, from, z,
			  best);
	accept(st, x, z);
	h = segment_hold(st);
	rc = turns(st, cg, x, gap, err);
	solver_budget_release(&st->bu, h);
	solver_budget_log(&st->bu, "%s: searched to %.2f, best before %.2f\n",
			  what, st->inc_obj, best);
	if (rc == 0 && !better(st->inc_obj, best))
		accept(st, best_x, best);
out:
	free(best_x);
	return rc;
}

/*
 * Restart n: a dive from the master's LP as it stands (every column so
 * far), its picked cells drawn with jitter, and the searches from its
 * roster (search_from).
 */
static int restart(struct state *st, struct solver_colgen *cg, double *x,
		   double gap, int n, struct rota_error *err)
{
	size_t ed = (size_t)st->E * (size_t)st->D;
	int *dived = malloc((ed + 1) * sizeof(int));
	char what[32];
	struct solver_hold h;
	int r;

	if (!dived)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	solver_colgen_jitter(cg, RESTART_JITTER, solver_rng_next(&st->rng));
	h = segment_hold(st);
	r = solver_colgen_resolve(cg);
	if (r == SUB_OPTIMAL)
		r = solver_colgen_dive(cg, st->type, 1, dived);
	solver_budget_release(&st->bu, h);
	solver_colgen_jitter(cg, 0, 0);
	solver_colgen_release(cg);
	if (r == SUB_OPTIMAL) {
		memcpy(st->type, dived, ed * sizeof(int));
		snprintf(what, sizeof(what), "restart %d", n);
		r = search_from(st, cg, x, gap, what, "dive", err);
	} else if (r < 0) {
		r = rota_error_set(err, r, "a restart's dive failed");
	} else {
		solver_budget_log(&st->bu, "restart %d: no roster\n", n);
		r = 0;
	}
	free(dived);
	return r;
}

/* the work the cover-first solve may take, in default budgets (Curtois
 * 18: 43 shifts short after 8 s of its 70) */
#define COVER_FIRST_UNITS 1.0

/* The nested solve's log lines, marked as its own. */
static void cover_first_log(const char *text, void *arg)
{
	const struct rota_solve_options *opt = arg;
	char line[512];

	snprintf(line, sizeof(line), "cover first | %s", text);
	opt->log(line, opt->log_arg);
}

/*
 * When the shifts short dominate the objective (cover_first.c), the
 * roster a solve of them alone finds - one default budget, under half the
 * time left - and the searches from it (search_from): Curtois 18 at
 * --effort 10, 43 shifts short where every dive and search stayed at 44.
 * Run once, before the restarts.  0, or a negative status with err set.
 */
static int cover_first(struct state *st, struct solver_colgen *cg, double *x,
		       double gap, struct rota_error *err)
{
	struct rota_problem q;
	struct rota_solve_options o = *st->bu.opt;
	struct rota_solution *sol = NULL;
	struct rota_error qerr = {0};
	double left = solver_budget_work_left(&st->bu);
	double now = solver_now();
	int rc;

	if ((rc = solver_cover_first_problem(st->p, &q)) < 0)
		return rota_error_set(err, rc, "out of memory");
	o.effort = 1;
	o.work_limit = fmin(COVER_FIRST_UNITS * st->unit, left);
	o.work_unit = st->unit;
	o.time_limit_s = st->bu.deadline < HUGE_VAL
				 ? fmax(0.5 * (st->bu.deadline - now), 1e-3)
				 : 0;
	o.progress = NULL;
	o.log = st->bu.opt->log ? cover_first_log : NULL;
	o.log_arg = st->hook;
	solver_budget_log(&st->bu, "cover first: %.0f work units\n",
			  o.work_limit);
	rc = rota_solve(&q, &o, &sol, &qerr);
	glp_term_hook(term_hook, st->hook);
	solver_cover_first_free(&q);
	if (rc < 0) {
		if (rc == ROTA_ENOMEM)
			return rota_error_set(err, rc, "out of memory");
		/* no roster: its whole budget counted as spent, and when its
		 * cap ended it first, the clock has decided */
		solver_budget_spend(&st->bu, o.work_limit);
		if (rc == ROTA_ENOSOLUTION)
			solver_budget_time_cut(&st->bu);
		solver_budget_log(&st->bu, "cover first: no roster (%s)\n",
				  qerr.msg);
		return 0;
	}
	solver_budget_spend(&st->bu, sol->stats.work);
	if (sol->stats.stopped_by == ROTA_STOP_TIME)
		solver_budget_time_cut(&st->bu);
	memcpy(st->type, sol->type,
	       (size_t)st->E * (size_t)st->D * sizeof(int));
	rota_solution_free(sol);
	return search_from(st, cg, x, gap, "cover first", "start", err);
}

/*
 * 3. Large neighbourhood search on the compact model (lns).  When the
 * column generation's master was kept (colgen_phase: a roster problem
 * without interval demand), its neighbourhoods (whole horizons of a few
 * employees, colgen_lns) and the compact model's (day windows, employee
 * sets) take turns, each until it stalls, while the budget lasts and a
 * turn of both still improves the roster within LNS_IDLE_CYCLES.  Each
 * is a local optimum the other can leave: on Curtois 8 at --effort 10
 * the master's search stalled at 126 s of 600 and the compact search
 * and branch-and-bound then had the rest for one unit.  On long runs
 * (restart_fits) the searches take a segment at a time, and restarts
 * from new dives come between (docs/model.md: Curtois 18 at --effort 20,
 * 4,566 where the searches alone stayed at 4,676).
 */
static int neighbourhoods(struct state *st, struct solver_colgen *cg,
			  double *x, double gap, struct rota_error *err)
{
	struct solver_hold h;
	int rc, n = 0;

	if (!restart_fits(st, cg, gap, RESTART_LEFT + RESTART_SEGMENT, 0)) {
		if ((rc = lns(st, gap, err)) < 0)
			return rc;
		return turns(st, cg, x, gap, err);
	}
	h = segment_hold(st);
	if ((rc = lns(st, gap, err)) == 0)
		rc = turns(st, cg, x, gap, err);
	solver_budget_release(&st->bu, h);
	/* told (0): when the time does not fit, the restarts' test below
	 * says so, once */
	if (rc == 0 && solver_cover_first_fits(st->p) &&
	    restart_fits(st, cg, gap, RESTART_LEFT, 0))
		rc = cover_first(st, cg, x, gap, err);
	while (rc == 0 && restart_fits(st, cg, gap, RESTART_LEFT, 1))
		rc = restart(st, cg, x, gap, ++n, err);
	if (rc == 0)
		rc = turns(st, cg, x, gap, err);
	return rc;
}

/* shift variables beyond which a column generation that ran, converged or
 * not, leaves out the compact model's LP: there its interior point is
 * slow and rounds poorly (Curtois Instance 13, 60,480 variables: 80 s of
 * it, 30 s past a 120 s cap, for no better roster); below, it is the only
 * bound an unconverged root leaves (Instance 10, 5,600: 4,616, 0.4% below
 * the roster) */
#define COMPACT_AFTER_COLGEN 20000

/* The compact model's LP bound and rounding are worth running. */
static int compact_lp(const struct state *st)
{
	if (st->colgen_bound)
		return 0;
	return !st->colgen_ran || st->full.n_x <= COMPACT_AFTER_COLGEN ||
	       interval_demand(st);
}

/*
 * The default work budget: GLPK simplex iterations (and nodes at
 * NODE_WORK each) the search may spend at effort 1.  It grows with the
 * model, so a bigger site gets more work, and is deterministic: the same
 * problem always gets the same budget.  Calibrated in bench/RESULTS.md
 * (the example week ends on it in about 15 s on the CI machine).  With
 * interval demand the cells beyond WORK_KNEE count 0.25 and the LP
 * bound's interior-point run comes on top (bound_and_round): a unit takes
 * longer on a bigger model (contact-centre weeks: about 7 us at 50 agents,
 * 10 at 200, 12-13 at 1,000, work-bounded on the 2-core machine), and the
 * 1,000-agent week is to end on its work within 120 s.
 */
#define WORK_KNEE 20000.0

static double default_work(const struct rota_problem *p)
{
	double cells = (double)p->n_employees * p->n_days * p->n_types;

	if (p->n_intervals > 0 && p->n_skills > 0 && cells > WORK_KNEE)
		cells = WORK_KNEE + 0.25 * (cells - WORK_KNEE);
	return 1.5e6 + 100.0 * cells;
}


/* The whole MIP with the incumbent injected and GLPK's cuts: a proof of
 * optimality, a better roster or a better bound. */
static int whole_mip(struct state *st, double *x, double gap,
		     struct rota_error *err)
{
	struct sub_params sp;
	struct sub_out so;
	uint8_t *fr = malloc((size_t)st->full.mip.ncols + 1);

	if (!fr)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	memset(fr, 1, (size_t)st->full.mip.ncols);
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = st->inc;
	sp.inject = 1;
	sp.gap = gap;
	sp.cuts = 1;
	sp.report = 1;
	st->bu.phase = "branch-and-bound";
	solver_sub_solve(&st->bu, &st->full.mip, &sp, x, &so);
	free(fr);
	st->nodes += so.nodes;
	if (so.result == SUB_OPTIMAL || so.result == SUB_FEASIBLE) {
		double z = solver_mip_objective(&st->full.mip, x);

		if (z < st->inc_obj - 1e-9)
			accept(st, x, z);
		if (so.bound > st->bound)
			st->bound = fmin(so.bound, st->inc_obj);
	}
	return 0;
}

/*
 * The search's state for p under opt: its budget (opt's work limit, else
 * effort x the default), its generator (seeded), the roster all days
 * off, the classes.  0, or -1 out of memory (state_close frees what was
 * made either way).
 */
static int state_open(struct state *st, const struct rota_problem *p,
		      const struct rota_solve_options *opt)
{
	int *mult;
	int ok;

	memset(st, 0, sizeof(*st));
	st->p = p;
	st->D = p->n_days;
	st->S = p->n_types;
	st->E = p->n_employees;
	st->T = p->n_intervals;
	st->K = p->n_skills;
	st->rng = UINT64_C(0x9E3779B97F4A7C15);
	if (opt->seed) {
		/* splitmix64's finaliser: nearby seeds, unrelated paths */
		uint64_t z = st->rng + opt->seed * UINT64_C(0x9E3779B97F4A7C15);

		z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
		z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
		z ^= z >> 31;
		st->rng = z ? z : st->rng;
	}
	st->unit = opt->work_unit > 0 ? opt->work_unit : default_work(p);
	solver_budget_init(&st->bu, opt,
			   opt->work_limit > 0 ? opt->work_limit
					       : opt->effort * st->unit);
	st->bound = -HUGE_VAL;
	st->branched = NAN;
	st->inc_obj = HUGE_VAL;
	st->type = malloc(((size_t)st->E * (size_t)st->D + 1) * sizeof(int));
	st->rep_of = malloc(((size_t)st->E + 1) * sizeof(int));
	st->pricer = calloc((size_t)st->E + 1, sizeof(*st->pricer));
	st->tried = calloc((size_t)st->E + 1, 1);
	st->own = malloc(((size_t)st->D * (size_t)(st->S + 1) + 1) *
			 sizeof(double));
	mult = malloc(((size_t)st->E + 1) * sizeof(int));
	ok = st->type && st->rep_of && st->pricer && st->tried && st->own &&
	     mult && solver_classes(p, mult, st->rep_of) >= 0;
	free(mult);
	if (!ok)
		return -1;
	for (int i = 0; i < st->E * st->D; i++)
		st->type[i] = -1;
	return 0;
}

static void state_close(struct state *st)
{
	solver_model_free(&st->full);
	free(st->type);
	free(st->start);
	for (int e = 0; st->pricer && e < st->E; e++)
		solver_pricer_free(st->pricer[e]);
	free(st->pricer);
	free(st->tried);
	free(st->rep_of);
	free(st->own);
	free(st->inc);
}

/* The search's end in stats: optimal within the gap or feasible, its
 * time and work, and what stopped it. */
static void search_stats(const struct state *st, struct rota_solve_stats *s)
{
	s->status = solver_rel_gap(st->inc_obj, st->bound) <=
				    st->bu.opt->gap + 1e-12
			    ? ROTA_SOLVE_OPTIMAL
			    : ROTA_SOLVE_FEASIBLE;
	s->seconds = solver_budget_elapsed(&st->bu);
	s->work = st->bu.work;
	s->work_limit = st->bu.work_limit;
	/* a search the clock has cut anywhere (a phase's share of the cap
	 * included) is the machine's, even when the work budget ended it */
	s->stopped_by = s->status == ROTA_SOLVE_OPTIMAL ? ROTA_STOP_DONE
			: st->bu.time_cut		? ROTA_STOP_TIME
							: st->bu.stopped_by;
}

int rota_solve(const struct rota_problem *p,
	       const struct rota_solve_options *opt_in,
	       struct rota_solution **out, struct rota_error *err)
{
	struct rota_solve_options opt = ROTA_SOLVE_OPTIONS_INIT;
	struct model_spec spec = {NULL, 1, 1, 0, NULL, NULL, 0};
	struct rota_solution *sol = NULL;
	struct state st;
	struct solver_colgen *cg = NULL;
	double *x = NULL;
	int rc;

	if (opt_in)
		opt = *opt_in;
	if (!p || !out)
		return rota_error_set(err, ROTA_EINVAL,
				      "rota_solve: missing argument");
	if ((rc = rota_problem_validate(p, err)) < 0)
		return rc;
	if (!(opt.time_limit_s >= 0) || !(opt.gap >= 0) || opt.gap >= 1 ||
	    !(opt.effort > 0) || !(opt.work_limit >= 0) ||
	    !(opt.work_unit >= 0) || opt.threads < 0)
		return rota_error_set(err, ROTA_EINVAL,
				      "time limit must be >= 0, gap in [0, 1), "
				      "effort > 0, work limit, work unit and "
				      "threads >= 0");
	glp_term_hook(term_hook, &opt);
	if (state_open(&st, p, &opt) < 0 ||
	    !(sol = rota_solution_new(p, err))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	st.hook = &opt;

	/* the whole model, which every roster is evaluated on; built first
	 * because on a long horizon it takes a while (Curtois Instance 24:
	 * 1.7 M shift variables, about 20 s), and the construction's later
	 * sweeps watch the time cap but a build after them cannot */
	if ((rc = solver_model_build(&st.full, p, &spec, err)) < 0)
		goto out;

	/* 1. a roster of our own, employee by employee (re-planning: from
	 * everyone's nearest week to the reference) */
	if (p->reference && (rc = nearest_weeks(&st, err)) < 0) {
		if (rc == ROTA_EINFEASIBLE)
			sol->stats.status = ROTA_SOLVE_INFEASIBLE;
		goto out;
	}
	if ((rc = construct(&st, NULL, NULL, err)) < 0) {
		if (rc == ROTA_EINFEASIBLE)
			sol->stats.status = ROTA_SOLVE_INFEASIBLE;
		goto out;
	}
	st.inc = malloc(((size_t)st.full.mip.ncols + 1) * sizeof(double));
	x = malloc(((size_t)st.full.mip.ncols + 1) * sizeof(double));
	if (!st.inc || !x) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	roster_to_x(&st, x);
	if ((rc = evaluate(&st, x, &st.inc_obj)) < 0) {
		rc = rota_error_set(err, rc,
				    rc == ROTA_ENOSOLUTION
					    ? "the time limit ended the search "
					      "before a roster was found"
					    : "the solver failed evaluating "
					      "the first roster");
		goto out;
	}
	accept(&st, x, st.inc_obj);
	solver_budget_report(&st.bu, 1);

	/* 2. column generation: the bound, and a roster by diving; for
	 * weeks with interval demand the bound and the root's LP rounded
	 * (the compact LP's interior point stops short of the optimum on
	 * the 3,000-agent week: a bound of 977,445 against the LP's
	 * 1,025,419; docs/model.md, the decomposition) */
	if (solver_budget_left(&st.bu) &&
	    (rc = colgen_phase(&st, x, &cg, err)) < 0)
		goto out;

	/* the LP relaxation of the whole model, computed on the model where
	 * identical employees are merged (same value); then a second start
	 * that rounds that LP.  Not after a column generation that proved a
	 * bound: the compact model's LP bound is weaker than the set
	 * partitioning one; nor after one whose root did not converge on a
	 * model of more than COMPACT_AFTER_COLGEN shift variables (compact_lp
	 * below); and under a time cap only in the cap's first half, since
	 * its interior-point run cannot be stopped (Curtois Instance 20:
	 * started at 96 s of a 120 s cap, the run ended at 248 s) */
	if (solver_budget_left(&st.bu) && compact_lp(&st) &&
	    interior_fits(&st.bu) &&
	    solver_rel_gap(st.inc_obj, st.bound) > opt.gap &&
	    (rc = bound_and_round(&st, x, err)) < 0)
		goto out;

	/* 3. large neighbourhood search; models GLPK can take whole get
	 * what is left for branch-and-bound when it stalls */
	if ((rc = neighbourhoods(&st, cg, x, opt.gap, err)) < 0)
		goto out;
	solver_colgen_free(cg);
	cg = NULL;

	/* 4. the whole MIP, incumbent injected: proof or a better bound */
	if (solver_budget_left(&st.bu) && st.full.n_x <= BNB_MAX_BINARIES &&
	    solver_rel_gap(st.inc_obj, st.bound) > opt.gap &&
	    (rc = whole_mip(&st, x, opt.gap, err)) < 0)
		goto out;
	st.bu.bound = st.bound;
	solver_budget_report(&st.bu, 1);
	if ((rc = fill_solution(&st, sol)) < 0) {
		rc = rota_error_set(err, rc, "out of memory");
		goto out;
	}
	search_stats(&st, &sol->stats);
	*out = sol;
	sol = NULL;
	rc = 0;
out:
	solver_colgen_free(cg);
	glp_term_hook(NULL, NULL);
	rota_solution_free(sol);
	state_close(&st);
	free(x);
	return rc;
}

int rota_model_write(const struct rota_problem *p, const char *format,
		     char **text, size_t *len, struct rota_error *err)
{
	struct model_spec spec = {NULL, 1, 1, 0, NULL, NULL, 0};
	struct roster_model rm;
	int rc;

	if (!p || !format || !text)
		return rota_error_set(err, ROTA_EINVAL,
				      "rota_model_write: missing argument");
	if ((rc = rota_problem_validate(p, err)) < 0)
		return rc;
	if ((rc = solver_model_build(&rm, p, &spec, err)) < 0)
		return rc;
	rc = solver_mip_write(&rm.mip, format, text, len, err);
	solver_model_free(&rm);
	return rc;
}
