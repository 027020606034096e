/*
 * solver/master_search.c - the search's column-generation phase on the
 * set-partitioning master (colgen.c, dive.c, branch.c): the root's
 * bound, far tighter than the compact model's, then a dive for a roster
 * (a second one on long runs), branch-and-price below the incumbent and
 * large neighbourhoods on the master (colgen_lns), which search.c runs
 * in turns with the compact model's (lns.c).  On weeks with interval
 * demand the root's LP is rounded to a roster instead (bound.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/search_int.h"

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
static void improve_bound(struct solver_search *st, double bound)
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
static int try_roster(struct solver_search *st, double *x)
{
	double z;
	int rc;

	solver_search_roster_to_x(st, x);
	if ((rc = solver_search_evaluate(st, x, &z)) < 0)
		return rc;
	if (solver_search_better(z, st->inc_obj)) {
		solver_search_accept(st, x, z);
		return 1;
	}
	return 0;
}

/* try_roster on the roster a step left in st->type, made from the weeks
 * in saved, which come back unless it is better: 1 when it is, 0, or a
 * negative status. */
static int keep_better(struct solver_search *st, double *x, const int *saved)
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
int solver_search_branch_once(struct solver_search *st,
			      struct solver_colgen *cg, double *x,
			      struct rota_error *err)
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
static void lns_pick(struct solver_search *st, int iter, int size,
		     uint8_t *freed, int *cand, int *cnt)
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
int solver_search_colgen_lns(struct solver_search *st, struct solver_colgen *cg,
			     double *x, struct rota_error *err)
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
		    (rc = solver_search_branch_once(st, cg, x, err)) < 0)
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
static int dive_once(struct solver_search *st, struct solver_colgen *cg,
		     double *x, int *saved, int careful, const char *which,
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
static int round_master(struct solver_search *st, struct solver_colgen *cg,
			double *x, struct rota_error *err)
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
	rc = solver_search_round_lp(st, x, target, rep_of, err);
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
int solver_search_dive_time_fits(struct solver_search *st, const char *what,
				 int say)
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
static int second_dive(struct solver_search *st, struct solver_colgen *cg,
		       double *x, int *saved, struct rota_error *err)
{
	struct solver_colgen_snap *sn;
	double before = st->inc_obj;
	int rc = 0;

	if (solver_budget_work_left(&st->bu) <
		    SECOND_DIVE * st->unit ||
	    !(solver_rel_gap(st->inc_obj, st->bound) > 0) ||
	    !solver_search_dive_time_fits(st, "dive (second)", 1))
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
int solver_search_colgen_phase(struct solver_search *st, double *x,
			       struct solver_colgen **keep,
			       struct rota_error *err)
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
	if (solver_search_interval_demand(st)) {
		/* a contact-centre week: the root is its LP bound (on top of
		 * the budget, as the compact LP's was) and its LP, rounded, a
		 * second start; the compact LNS does the rest */
		solver_search_bound_on_top(st, w0);
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
	if ((rc = solver_search_branch_once(st, cg, x, err)) < 0 ||
	    (rc = second_dive(st, cg, x, saved, err)) < 0)
		goto out;
	rc = solver_search_colgen_lns(st, cg, x, err);
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
