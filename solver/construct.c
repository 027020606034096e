/*
 * solver/construct.c - the search's first roster: employees one at a
 * time (specialists first), each a tiny MIP over their own rules (or
 * their class's pricing program, price.c) whose objective is their
 * marginal value to the coverage still missing, then best-response
 * sweeps until nobody changes; an employee whose MIP is infeasible is
 * explained (explain.c) - every hard rule belongs to one employee, so
 * this finds every infeasibility.  Re-planning starts from everyone's
 * nearest week to the reference (nearest_weeks); a second start pulls
 * everyone towards an LP's counts first (bound.c, round_lp).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/search_int.h"

/* The pricing program for e's class, NULL when e's rules are beyond it
 * (or out of memory: the MIP takes over). */
static struct solver_pricer *pricer_of(struct solver_search *st, int e)
{
	int r = st->rep_of[e];

	/* weeks with interval demand: the employee's MIP is faster (its
	 * presolve sees the coverage terms; measured on the generated
	 * 200-agent week: 1.5 s against 5-8 s for the construction) */
	if (solver_search_interval_demand(st))
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
static void apply(struct solver_search *st, struct cons *c, int e, int sign)
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

/* The week of e in the solution x of a model holding e. */
static void read_week(struct solver_search *st, const struct roster_model *rm,
		      int e, const double *x)
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

/* The changes e may make while everybody else keeps their current week:
 * the cap less the others' changes (ROTA_UNSET: no cap). */
static int change_budget(const struct solver_search *st, int e)
{
	const struct rota_problem *p = st->p;
	int left;

	if (!p->reference || p->max_changes == ROTA_UNSET)
		return ROTA_UNSET;
	left = p->max_changes;
	for (int f = 0; f < st->E; f++)
		if (f != e)
			left -= solver_search_changes_of(st, f);
	return left < 0 ? 0 : left;
}

/* Solve e's own MIP against the coverage in c; on success the new roster
 * of e is in st->type.  Returns the sub_result, or a negative status (err
 * filled) when the model cannot be built. */
/* What one shift of type s on day d of e is worth to the coverage still
 * missing in c (and the pull of bias), as in solve_one(). */
static double shift_value(struct solver_search *st, struct cons *c, int e,
			  int d, int s, const double *bias, int coverage)
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
static int solve_one_dp(struct solver_search *st, struct cons *c, int e,
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
	solver_pricer_clock(pr, st->clocked);
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

static int solve_one(struct solver_search *st, struct cons *c, int e,
		     uint8_t *mask, int first, const double *bias, int coverage,
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
		/* a later sweep the time cap stopped: e keeps e's week */
		if (st->clocked && solver_budget_past_cap(&st->bu))
			return SUB_NONE;
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
	sp.most_fractional = solver_search_interval_demand(st) || gave_up;
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
static int explain_bad(struct solver_search *st, int first_bad, int n_bad,
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
static int nearest_week(struct solver_search *st, int e, uint8_t *mask,
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
int solver_search_nearest_weeks(struct solver_search *st,
				struct rota_error *err)
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
		total += solver_search_changes_of(st, e);
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
			int n = solver_search_changes_of(st, e);

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
static void hurry(struct solver_search *st, double t0, int done)
{
	double now = solver_now(), left = st->bu.deadline - now;

	if (st->beam == CONSTRUCT_BEAM_HURRIED || !(left < HUGE_VAL) ||
	    solver_search_interval_demand(st))
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

/* Coverage still missing before anyone is rostered, the employees in
 * order (specialists first), and with a start everyone's start week. */
static void construct_prepare(struct solver_search *st, struct cons *c,
			      struct order_item *order)
{
	const struct rota_problem *p = st->p;
	int D = st->D, S = st->S, E = st->E, T = st->T, K = st->K;

	for (int i = 0; i < T * K; i++)
		c->res[i] = p->demand[i].required;
	for (int i = 0; i < D * S; i++)
		c->cres[i] = p->cover[i].required;
	for (size_t i = 0; i < (size_t)E * (size_t)T; i++)
		c->alloc[i] = -1;
	for (int e = 0; e < E; e++) {
		order[e].e = e;
		order[e].key = solver_search_popcount64(p->employees[e].skills);
	}
	qsort(order, (size_t)E, sizeof(*order), cmp_order);
	if (st->start) {
		/* re-planning: from everyone's nearest week, a complete
		 * roster within the cap; sweep 0 is a best-response sweep */
		memcpy(st->type, st->start,
		       (size_t)E * (size_t)D * sizeof(int));
		for (int e = 0; e < E; e++)
			apply(st, c, e, 1);
	}
}

/* The first pass found no week for e (r, neither SUB_OPTIMAL nor
 * SUB_FEASIBLE, nor SUB_INFEASIBLE): why, as a negative status. */
static int first_failed(struct solver_search *st, int e, int r,
			struct rota_error *err)
{
	if (r == SUB_NONE && !solver_budget_left(&st->bu))
		return rota_error_set(err, ROTA_ENOSOLUTION,
				      "the time limit ended the search before "
				      "a roster was found");
	if (r == SUB_NONE)
		return rota_error_set(err, ROTA_ENOSOLUTION,
				      "no week found for employee '%s' within "
				      "the search's limits (not proven "
				      "impossible: the pricing program and the "
				      "employee's MIP gave up)",
				      st->p->employees[e].id);
	return rota_error_set(err, ROTA_ESOLVER,
			      "the solver failed on the rules of employee "
			      "'%s'", st->p->employees[e].id);
}

/* what became of an employee's turn in a sweep */
enum { TURN_SAME, TURN_CHANGED, TURN_BAD };

/*
 * One employee's turn in a sweep: their shifts out of the coverage, their
 * week solved again (solve_one; in the first pass with R pulled towards
 * their class's LP counts, R then charged with it), their shifts back in.
 * TURN_CHANGED when the week is a new one, TURN_SAME when not (or when
 * only the old one could be kept), TURN_BAD when e cannot be rostered (the
 * first pass without a start), or a negative status with err set.
 */
static int construct_turn(struct solver_search *st, struct cons *c, int e,
			  int sweep, double *R, double *bias, const int *rep_of,
			  uint8_t *mask, int *old, struct rota_error *err)
{
	int D = st->D, S = st->S, r;
	size_t DS = (size_t)D * (size_t)S;

	memcpy(old, st->type + (size_t)e * (size_t)D, (size_t)D * sizeof(int));
	apply(st, c, e, -1);
	if (sweep == 0 && R) {
		const double *rr = R + (size_t)rep_of[e] * DS;

		for (size_t i = 0; i < DS; i++)
			bias[i] = LP_PULL * (fmin(rr[i], 1.0) - 0.5);
	}
	r = solve_one(st, c, e, mask, sweep == 0 && !st->start,
		      sweep == 0 && R ? bias : NULL, !(sweep == 0 && R), err);
	if (r < 0)
		return r;
	if (r == SUB_INFEASIBLE && sweep == 0 && !st->start)
		return TURN_BAD;
	if (r != SUB_OPTIMAL && r != SUB_FEASIBLE) {
		if (sweep > 0 || st->start) {
			/* keep the roster we had */
			memcpy(st->type + (size_t)e * (size_t)D, old,
			       (size_t)D * sizeof(int));
			apply(st, c, e, 1);
			return TURN_SAME;
		}
		return first_failed(st, e, r, err);
	}
	apply(st, c, e, 1);
	if (sweep == 0 && R)
		for (int d = 0; d < D; d++) {
			int s = st->type[e * D + d];

			if (s >= 0)
				R[(size_t)rep_of[e] * DS +
				  (size_t)d * (size_t)S + (size_t)s] -= 1;
		}
	if (memcmp(old, st->type + (size_t)e * (size_t)D,
		   (size_t)D * sizeof(int)) != 0)
		return TURN_CHANGED;
	return TURN_SAME;
}

/*
 * lp_target: NULL for the coverage-driven construction; else, for each
 * class representative r, lp_target[r*D*S + d*S + s] = how many of its
 * class the LP puts on (d, s), and rep_of[e] the representative of e: the
 * first pass then pulls every member towards the counts its class still
 * misses (rounding the LP), before the coverage-driven sweeps polish it.
 */
int solver_search_construct(struct solver_search *st, const double *lp_target,
			    const int *rep_of, struct rota_error *err)
{
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
	construct_prepare(st, &c, order);

	st->bu.phase = lp_target ? "lp rounding" : "construct";
	st->beam = CONSTRUCT_BEAM;
	t0 = solver_now();
	for (int sweep = 0; sweep <= SWEEPS; sweep++) {
		int changed = 0;

		st->clocked = sweep > 0;
		for (int oi = 0; oi < E; oi++) {
			int e = order[oi].e, r;

			if (bad[e])
				continue;
			if (sweep > 0 && !solver_budget_left(&st->bu))
				break;
			if (sweep == 0)
				hurry(st, t0, oi);
			r = construct_turn(st, &c, e, sweep, R, bias, rep_of,
					   mask, old, err);
			if (r < 0) {
				rc = r;
				goto out;
			}
			if (r == TURN_BAD) {
				bad[e] = 1;
				if (first_bad < 0 || e < first_bad)
					first_bad = e;
				n_bad++;
			}
			changed += r == TURN_CHANGED;
		}
		if (n_bad || (sweep > 0 && changed == 0) ||
		    !solver_budget_left(&st->bu))
			break;
	}
	if (n_bad)
		rc = explain_bad(st, first_bad, n_bad, err);
out:
	st->beam = CONSTRUCT_BEAM;
	st->clocked = 0;
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
