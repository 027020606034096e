/*
 * solver/search.c - rota_solve(): the search built around GLPK, its
 * phases in order.
 *
 * GLPK's own branch-and-bound is weak on roster MIPs, so it is only used
 * on pieces it handles well (docs/model.md, "The search around GLPK"):
 *   1. a first roster, employee by employee (construct.c; re-planning
 *      starts from everyone's nearest week to the reference);
 *   2. column generation (master_search.c): the set-partitioning LP
 *      bound, then a roster by diving and the master's neighbourhoods;
 *      for weeks with interval demand, that LP rounded to a roster;
 *   3. when it proved no bound, the compact model's LP bound and a
 *      second start rounding it (bound.c);
 *   4. large neighbourhood search (lns.c), in turns with the master's
 *      while a turn still improves the roster; on long runs a segment at
 *      a time, with a start from the shifts short alone (cover_first)
 *      and restarts from new dives between the segments;
 *   5. when the searches stall and the model is small enough, the full
 *      MIP with the incumbent injected, to prove optimality or raise the
 *      bound;
 * then the caller's solution from the incumbent (solution.c).  Here:
 * rota_solve and rota_model_write, the state (search_int.h) opened and
 * closed, a roster evaluated on the whole model and accepted, the
 * searches' turns and restarts, the whole MIP.
 * Only the explicit time limit makes a run depend on the clock.
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/search_int.h"

/* GLPK's terminal output goes to the caller's log, or nowhere. */
static int term_hook(void *info, const char *s)
{
	const struct rota_solve_options *opt = info;

	if (opt && opt->log)
		opt->log(s, opt->log_arg);
	return 1;
}

/* --------------------------------------- a roster on the whole model */

/* Continuous part of the full model for the integer part in x. */
int solver_search_evaluate(struct solver_search *st, double *x, double *obj_out)
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
	sp.crash = solver_search_interval_demand(st);
	sp.lp_presolve = !solver_search_interval_demand(st);
	solver_sub_solve(&st->bu, m, &sp, x, &so);
	free(fr);
	free(val);
	if (so.result != SUB_OPTIMAL)
		return so.result == SUB_NONE ? ROTA_ENOSOLUTION : ROTA_ESOLVER;
	*obj_out = solver_mip_objective(m, x);
	return 0;
}

void solver_search_roster_to_x(struct solver_search *st, double *x)
{
	const struct mip *m = &st->full.mip;

	for (int j = 0; j < m->ncols; j++) {
		const struct col_tag *t = &m->ctag[j];

		x[j] = 0;
		if (t->kind == COL_X)
			x[j] = st->type[t->a * st->D + t->b] == t->c;
	}
}

static void x_to_roster(struct solver_search *st, const double *x)
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

void solver_search_accept(struct solver_search *st, const double *x, double obj)
{
	memcpy(st->inc, x, (size_t)st->full.mip.ncols * sizeof(double));
	st->inc_obj = obj;
	st->have_inc = 1;
	/* the progress reports show the best roster, also while a restart
	 * searches from a worse one (restart) */
	st->bu.incumbent = fmin(obj, st->bu.incumbent);
	x_to_roster(st, x);
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
static int turns(struct solver_search *st, struct solver_colgen *cg, double *x,
		 double gap, struct rota_error *err)
{
	int rc, idle = 0;

	while (cg && idle < LNS_IDLE_CYCLES && solver_budget_left(&st->bu) &&
	       solver_rel_gap(st->inc_obj, st->bound) > gap) {
		double before = st->inc_obj;

		if ((rc = solver_search_branch_once(st, cg, x, err)) < 0 ||
		    (rc = solver_search_colgen_lns(st, cg, x, err)) < 0 ||
		    (rc = solver_search_lns(st, gap, err)) < 0)
			return rc;
		if (solver_search_better(st->inc_obj, before))
			idle = 0;
		else
			idle++;
	}
	return 0;
}

/* A hold of RESTART_SEGMENT default budgets of the work left (and the
 * same share of the time left under a cap). */
static struct solver_hold segment_hold(struct solver_search *st)
{
	double left = solver_budget_work_left(&st->bu);
	double seg = RESTART_SEGMENT * st->unit;

	return solver_budget_hold(&st->bu, seg < left ? seg / left : 1.0);
}

/* A restart fits: a master kept, cell dives (only they take the jitter),
 * `defaults` default budgets left, and the time for a dive
 * (dive_time_fits, told when `say`). */
static int restart_fits(struct solver_search *st,
			const struct solver_colgen *cg, double gap,
			double defaults, int say)
{
	return cg && solver_colgen_cell_dive(cg) &&
	       solver_budget_work_left(&st->bu) >=
		       defaults * st->unit &&
	       solver_rel_gap(st->inc_obj, st->bound) > gap &&
	       solver_search_dive_time_fits(st, "restart", say);
}

/*
 * The searches (turns, within a segment) from the roster in st->type,
 * which becomes the incumbent even when worse; when they end above the
 * best roster before, the best is put back.  The log names the search
 * `what` ("restart 2", "cover first") and its start `from` ("dive",
 * "start").  0, or a negative status with err set.
 */
static int search_from(struct solver_search *st, struct solver_colgen *cg,
		       double *x, double gap, const char *what,
		       const char *from, struct rota_error *err)
{
	size_t nx = (size_t)st->full.mip.ncols;
	double *best_x = malloc((nx + 1) * sizeof(double));
	double best = st->inc_obj, z;
	struct solver_hold h;
	int rc;

	if (!best_x)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	memcpy(best_x, st->inc, nx * sizeof(double));
	solver_search_roster_to_x(st, x);
	if ((rc = solver_search_evaluate(st, x, &z)) < 0) {
		rc = rota_error_set(err, rc, "evaluating a roster failed");
		goto out;
	}
	solver_budget_log(&st->bu, "%s: %s %.2f, best %.2f\n", what, from, z,
			  best);
	solver_search_accept(st, x, z);
	h = segment_hold(st);
	rc = turns(st, cg, x, gap, err);
	solver_budget_release(&st->bu, h);
	solver_budget_log(&st->bu, "%s: searched to %.2f, best before %.2f\n",
			  what, st->inc_obj, best);
	if (rc == 0 && !solver_search_better(st->inc_obj, best))
		solver_search_accept(st, best_x, best);
out:
	free(best_x);
	return rc;
}

/*
 * Restart n: a dive from the master's LP as it stands (every column so
 * far), its picked cells drawn with jitter, and the searches from its
 * roster (search_from).
 */
static int restart(struct solver_search *st, struct solver_colgen *cg,
		   double *x, double gap, int n, struct rota_error *err)
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
static int cover_first(struct solver_search *st, struct solver_colgen *cg,
		       double *x, double gap, struct rota_error *err)
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
static int neighbourhoods(struct solver_search *st, struct solver_colgen *cg,
			  double *x, double gap, struct rota_error *err)
{
	struct solver_hold h;
	int rc, n = 0;

	if (!restart_fits(st, cg, gap, RESTART_LEFT + RESTART_SEGMENT, 0)) {
		if ((rc = solver_search_lns(st, gap, err)) < 0)
			return rc;
		return turns(st, cg, x, gap, err);
	}
	h = segment_hold(st);
	if ((rc = solver_search_lns(st, gap, err)) == 0)
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
static int compact_lp(const struct solver_search *st)
{
	if (st->colgen_bound)
		return 0;
	return !st->colgen_ran || st->full.n_x <= COMPACT_AFTER_COLGEN ||
	       solver_search_interval_demand(st);
}

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

/* the whole MIP goes to GLPK's branch-and-bound up to this size, when
 * LNS stalls */
#ifndef BNB_MAX_BINARIES
#define BNB_MAX_BINARIES 8000
#endif

/* The whole MIP with the incumbent injected and GLPK's cuts: a proof of
 * optimality, a better roster or a better bound. */
static int whole_mip(struct solver_search *st, double *x, double gap,
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
			solver_search_accept(st, x, z);
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
static int state_open(struct solver_search *st, const struct rota_problem *p,
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

static void state_close(struct solver_search *st)
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
static void search_stats(const struct solver_search *st,
			 struct rota_solve_stats *s)
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

/* The options' ranges; returns 0 or the error's code. */
static int options_valid(const struct rota_solve_options *o,
			 struct rota_error *err)
{
	if (!(o->time_limit_s >= 0) || !(o->gap >= 0) || o->gap >= 1 ||
	    !(o->effort > 0) || !(o->work_limit >= 0) ||
	    !(o->work_unit >= 0) || o->threads < 0)
		return rota_error_set(err, ROTA_EINVAL,
				      "time limit must be >= 0, gap in [0, 1), "
				      "effort > 0, work limit, work unit and "
				      "threads >= 0");
	return 0;
}

/* Step 1: the first roster, made the incumbent (*x is allocated here and
 * freed by the caller, also on error); returns 0 or the error's code. */
static int first_roster(struct solver_search *st, struct rota_solution *sol,
			double **x, struct rota_error *err)
{
	int rc;

	/* 1. a roster of our own, employee by employee (re-planning: from
	 * everyone's nearest week to the reference) */
	if (st->p->reference &&
	    (rc = solver_search_nearest_weeks(st, err)) < 0) {
		if (rc == ROTA_EINFEASIBLE)
			sol->stats.status = ROTA_SOLVE_INFEASIBLE;
		return rc;
	}
	if ((rc = solver_search_construct(st, NULL, NULL, err)) < 0) {
		if (rc == ROTA_EINFEASIBLE)
			sol->stats.status = ROTA_SOLVE_INFEASIBLE;
		return rc;
	}
	st->inc = malloc(((size_t)st->full.mip.ncols + 1) * sizeof(double));
	*x = malloc(((size_t)st->full.mip.ncols + 1) * sizeof(double));
	if (!st->inc || !*x) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		return rc;
	}
	solver_search_roster_to_x(st, *x);
	if ((rc = solver_search_evaluate(st, *x, &st->inc_obj)) < 0) {
		rc = rota_error_set(err, rc,
				    rc == ROTA_ENOSOLUTION
					    ? "the time limit ended the search "
					      "before a roster was found"
					    : "the solver failed evaluating "
					      "the first roster");
		return rc;
	}
	solver_search_accept(st, *x, st->inc_obj);
	solver_budget_report(&st->bu, 1);
	return 0;
}

/* Step 2: the column generation, then the compact model's LP bound and
 * rounding when they may still help; returns 0 or the error's code. */
static int bound_phases(struct solver_search *st, double *x,
			struct solver_colgen **cg, double gap,
			struct rota_error *err)
{
	int rc;

	/* 2. column generation: the bound, and a roster by diving; for
	 * weeks with interval demand the bound and the root's LP rounded
	 * (the compact LP's interior point stops short of the optimum on
	 * the 3,000-agent week: a bound of 977,445 against the LP's
	 * 1,025,419; docs/model.md, the decomposition) */
	if (solver_budget_left(&st->bu) &&
	    (rc = solver_search_colgen_phase(st, x, cg, err)) < 0)
		return rc;

	/* the LP relaxation of the whole model, computed on the model where
	 * identical employees are merged (same value); then a second start
	 * that rounds that LP.  Not after a column generation that proved a
	 * bound: the compact model's LP bound is weaker than the set
	 * partitioning one; nor after one whose root did not converge on a
	 * model of more than COMPACT_AFTER_COLGEN shift variables (compact_lp
	 * below); and under a time cap only in the cap's first half, since
	 * its interior-point run cannot be stopped (Curtois Instance 20:
	 * started at 96 s of a 120 s cap, the run ended at 248 s) */
	if (solver_budget_left(&st->bu) && compact_lp(st) &&
	    interior_fits(&st->bu) &&
	    solver_rel_gap(st->inc_obj, st->bound) > gap &&
	    (rc = solver_search_bound_and_round(st, x, err)) < 0)
		return rc;
	return 0;
}

int rota_solve(const struct rota_problem *p,
	       const struct rota_solve_options *opt_in,
	       struct rota_solution **out, struct rota_error *err)
{
	struct rota_solve_options opt = ROTA_SOLVE_OPTIONS_INIT;
	struct model_spec spec = {NULL, 1, 1, 0, NULL, NULL, 0};
	struct rota_solution *sol = NULL;
	struct solver_search st;
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
	if ((rc = options_valid(&opt, err)) < 0)
		return rc;
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

	if ((rc = first_roster(&st, sol, &x, err)) < 0)
		goto out;

	if ((rc = bound_phases(&st, x, &cg, opt.gap, err)) < 0)
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
	if ((rc = solver_search_fill_solution(&st, sol)) < 0) {
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
