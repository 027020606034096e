/*
 * solver/bound.c - the compact model's LP bound: the LP relaxation,
 * solved on the model where identical employees are merged (same
 * optimum), by the interior-point method; and a second start rounding
 * an LP (class members pulled towards the LP's counts, then the sweeps
 * of construct.c) that replaces the incumbent when better.  The column
 * generation rounds its root's LP so too on weeks with interval demand
 * (master_search.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/search_int.h"

/*
 * With interval demand the default budget is the search's: the work of the
 * LP bound since w0 is charged and the budget grows by as much (the
 * compact LP's interior point grows with the square of the site: 2.1 M
 * units at 1,000 agents, 13.7 M at 3,000, where it left no work for the
 * search).
 */
void solver_search_bound_on_top(struct solver_search *st, double w0)
{
	if (!solver_search_interval_demand(st) || !st->bu.opt ||
	    st->bu.opt->work_limit > 0 || !(st->bu.work_limit < HUGE_VAL))
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
int solver_search_round_lp(struct solver_search *st, double *x,
			   const double *target, const int *rep_of,
			   struct rota_error *err)
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
	rc = solver_search_construct(st, target, rep_of, err);
	if (rc == 0) {
		double z;

		solver_search_roster_to_x(st, x);
		if (solver_search_evaluate(st, x, &z) == 0 &&
		    solver_search_better(z, st->inc_obj)) {
			solver_search_accept(st, x, z);
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
int solver_search_bound_and_round(struct solver_search *st, double *x,
				  struct rota_error *err)
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
	solver_search_bound_on_top(st, w0);
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
	rc = solver_search_round_lp(st, x, target, rep_of, err);
out:
	solver_model_free(&cm);
	free(mult);
	free(rep_of);
	free(fr);
	free(cx);
	free(target);
	return rc;
}
