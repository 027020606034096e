/*
 * solver/colgen.c - column generation over whole schedules, and diving.
 *
 * The roster problem decomposes by employee: every hard rule belongs to
 * one employee; only coverage (interval demand with its skill allocation,
 * shift cover), the cap on changes and fairness join them.  So the master
 * problem chooses, for every class of identical employees (classes.c), how
 * many members work each schedule generated so far:
 *
 *   min  sum_j c_j lambda_j + coverage costs
 *   s.t. sum_{j of class c} lambda_j = n_c              (convexity)
 *        the coverage rows of model.c (spec.master), with each schedule's
 *        shifts where x would be; the cap on changes
 *
 * where c_j is the schedule's own cost: paid time, requests, changes and
 * the penalties of its soft rules.  Its LP is solved by GLPK's simplex;
 * the pricing problem of a class - a schedule of negative reduced cost -
 * is the dynamic program of price.c on the row duals (when some
 * employee's rules are beyond it, solver_colgen_new says ROTA_ELIMIT and
 * the search does without column generation).  Fairness is left out of
 * the master: the LP value is a lower bound of the roster problem still
 * (fairness costs >= 0), and tighter than the compact model's LP.
 *
 * Integer rosters come from diving (dive.c) and from neighbourhoods of a
 * roster on the master (below).  Everything is counted in work units of
 * the budget: deterministic.
 */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/colgen_int.h"

#define INF HUGE_VAL
/* a reduced cost below -RC_EPS prices out */
#define RC_EPS 1e-6
/* labels a day the heuristic pricing keeps */
#define PRICE_BEAM 256
/* the days a window round leaves free around the LP's heaviest week */
#define WINDOW_DAYS 14
/* the root tails off when its LP falls less than TAIL_DROP (relative)
 * over TAIL_ROUNDS rounds */
#define TAIL_ROUNDS 5
#define TAIL_DROP 1e-3

/* ------------------------------------------------------------- columns */

static uint64_t week_hash(const int *week, int D, int cls)
{
	uint64_t h = (uint64_t)cls * 0x9E3779B97F4A7C15u + 1;

	for (int d = 0; d < D; d++)
		h = (h ^ (uint64_t)(week[d] + 2)) * 0x100000001B3u;
	return h;
}

static int changes_of(const struct solver_colgen *cg, int e, const int *week)
{
	int n = 0;

	if (!cg->p->reference)
		return 0;
	for (int d = 0; d < cg->D; d++)
		n += week[d] != cg->p->reference[e * cg->D + d];
	return n;
}

static int add_nz(struct cg_nz *z, size_t *n, int row, double v)
{
	/* a row the column is in already takes the sum (a week's shifts
	 * meet in one running-count row when one ends where the next day's
	 * starts: GLPK refuses a column naming a row twice) */
	for (size_t i = 1; i <= *n; i++)
		if (z->rows[i] == row + 1) {
			z->vals[i] += v;
			return 0;
		}
	if (*n + 1 >= z->cap) {
		size_t nc = z->cap ? z->cap * 2 : 256;
		int *r = realloc(z->rows, nc * sizeof(int));
		double *x;

		if (!r)
			return -1;
		z->rows = r;
		if (!(x = realloc(z->vals, nc * sizeof(double))))
			return -1;
		z->vals = x;
		z->cap = nc;
	}
	(*n)++;
	z->rows[*n] = row + 1;   /* our rows are 0-based, GLPK's 1-based */
	z->vals[*n] = v;
	return 0;
}

/* The master rows a shift of e (type s on day d) appears in, with their
 * coefficients, added to z's first *n; returns -1 out of memory.  Reads
 * cg only: threads pricing a round call it, each with its own z. */
static int shift_rows(const struct solver_colgen *cg, struct cg_nz *z, int e,
		      int d, int s, size_t *n)
{
	const struct rota_problem *p = cg->p;
	const struct roster_model *b = &cg->base;
	const struct rota_slot *sl = rota_problem_slot(p, d, s);
	int T = p->n_intervals;

	if (b->coverrow[d * cg->S + s] >= 0 &&
	    add_nz(z, n, b->coverrow[d * cg->S + s], 1) < 0)
		return -1;
	if (b->chainrow && b->xprof && b->xprof[e * cg->S + s] >= 0) {
		int pi = b->xprof[e * cg->S + s];
		int seg[2][2] = {{sl->first_interval, sl->end_interval}, {0, 0}};

		if (sl->break_first < sl->break_end) {
			seg[0][1] = sl->break_first;
			seg[1][0] = sl->break_end;
			seg[1][1] = sl->end_interval;
		}
		for (int g = 0; g < 2; g++) {
			if (seg[g][0] >= seg[g][1])
				continue;
			if (add_nz(z, n,
				   b->chainrow[(size_t)seg[g][0] *
						       (size_t)b->nprof +
					       (size_t)pi],
				   -1) < 0)
				return -1;
			if (seg[g][1] < T &&
			    add_nz(z, n,
				   b->chainrow[(size_t)seg[g][1] *
						       (size_t)b->nprof +
					       (size_t)pi],
				   1) < 0)
				return -1;
		}
	}
	return 0;
}

/* Entries that summed to zero leave the column (1-based, as GLPK). */
static void drop_zeros(struct cg_nz *z, size_t *n)
{
	size_t k = 0;

	for (size_t i = 1; i <= *n; i++)
		if (z->vals[i] != 0) {
			k++;
			z->rows[k] = z->rows[i];
			z->vals[k] = z->vals[i];
		}
	*n = k;
}

/* The week takes an option a cell dive has taken from class c (the
 * pricing offers no such week; a neighbourhood's roster may). */
int solver_colgen_masked_out(const struct solver_colgen *cg, int c,
			     const int *week)
{
	const uint64_t *m;

	if (!cg->mask)
		return 0;
	m = cg->mask + (size_t)c * (size_t)cg->D;
	for (int d = 0; d < cg->D; d++)
		if (!(m[d] >> solver_colgen_option(cg, week[d]) & 1))
			return 1;
	return 0;
}

/* The rows column i appears in, with coefficients, into cg->nz
 * (1-based, GLPK rows; the convexity row first, no zero entry); returns
 * how many. */
static size_t column_rows(struct solver_colgen *cg, size_t i)
{
	const struct cg_col *col = &cg->col[i];
	int rep = cg->cls[col->cls].rep;
	size_t n = 0;

	if (add_nz(&cg->nz, &n, cg->cls[col->cls].row - 1, 1) < 0)
		return (size_t)-1;
	for (int d = 0; d < cg->D; d++)
		if (col->week[d] >= 0 &&
		    shift_rows(cg, &cg->nz, rep, d, col->week[d], &n) < 0)
			return (size_t)-1;
	if (cg->base.changes_row >= 0 && col->changes &&
	    add_nz(&cg->nz, &n, cg->base.changes_row, col->changes) < 0)
		return (size_t)-1;
	drop_zeros(&cg->nz, &n);
	return n;
}

/*
 * Add the schedule `week` of class c as a column (unless it is there);
 * returns its index in cg->col, or -1 when it breaks a hard rule, or
 * ROTA_ENOMEM.
 */
static long add_column(struct solver_colgen *cg, int c, const int *week)
{
	struct cg_class *k = &cg->cls[c];
	uint64_t h = week_hash(week, cg->D, c);
	double z;
	size_t n;
	struct cg_col *col;
	int j;

	for (size_t i = 0; i < cg->ncol; i++)
		if (cg->col[i].hash == h && cg->col[i].cls == c &&
		    memcmp(cg->col[i].week, week,
			   (size_t)cg->D * sizeof(int)) == 0)
			return (long)i;
	z = solver_pricer_cost(k->pr, k->own, week);
	if (!(z < INF))
		return -1;
	if (ROTA_GROW(cg->col, cg->capcol, cg->ncol) < 0)
		return ROTA_ENOMEM;
	col = &cg->col[cg->ncol];
	if (!(col->week = malloc((size_t)cg->D * sizeof(int))))
		return ROTA_ENOMEM;
	memcpy(col->week, week, (size_t)cg->D * sizeof(int));
	col->cls = c;
	col->cost = z;
	col->hash = h;
	col->changes = changes_of(cg, k->rep, week);
	cg->ncol++;
	if ((n = column_rows(cg, cg->ncol - 1)) == (size_t)-1)
		return ROTA_ENOMEM;
	j = glp_add_cols(cg->P, 1);
	glp_set_col_bnds(cg->P, j,
			 solver_colgen_masked_out(cg, c, week) ? GLP_FX : GLP_LO,
			 0, 0);
	glp_set_obj_coef(cg->P, j, z);
	glp_set_mat_col(cg->P, j, (int)n, cg->nz.rows, cg->nz.vals);
	return (long)(cg->ncol - 1);
}

/* ------------------------------------------------------------- master */

static int bound_type(double lo, double hi)
{
	if (isinf(lo) && isinf(hi))
		return GLP_FR;
	if (isinf(hi))
		return GLP_LO;
	if (isinf(lo))
		return GLP_UP;
	return lo == hi ? GLP_FX : GLP_DB;
}

/* The master's base rows and columns into GLPK, then one convexity row
 * per class. */
static void load_master(struct solver_colgen *cg)
{
	const struct mip *m = &cg->base.mip;

	cg->P = glp_create_prob();
	glp_set_obj_dir(cg->P, GLP_MIN);
	if (m->nrows)
		glp_add_rows(cg->P, m->nrows);
	for (int i = 0; i < m->nrows; i++)
		glp_set_row_bnds(cg->P, i + 1, bound_type(m->rlo[i], m->rhi[i]),
				 isinf(m->rlo[i]) ? 0 : m->rlo[i],
				 isinf(m->rhi[i]) ? 0 : m->rhi[i]);
	if (m->ncols)
		glp_add_cols(cg->P, m->ncols);
	glp_set_obj_coef(cg->P, 0, m->obj_const);
	for (int j = 0; j < m->ncols; j++) {
		size_t nz = m->cbeg[j + 1] - m->cbeg[j];
		int *ind = malloc((nz + 1) * sizeof(int));
		double *val = malloc((nz + 1) * sizeof(double));

		glp_set_col_bnds(cg->P, j + 1, bound_type(m->lb[j], m->ub[j]),
				 isinf(m->lb[j]) ? 0 : m->lb[j],
				 isinf(m->ub[j]) ? 0 : m->ub[j]);
		glp_set_obj_coef(cg->P, j + 1, m->obj[j]);
		if (ind && val) {
			for (size_t a = 0; a < nz; a++) {
				ind[a + 1] = m->cind[m->cbeg[j] + a] + 1;
				val[a + 1] = m->cval[m->cbeg[j] + a];
			}
			glp_set_mat_col(cg->P, j + 1, (int)nz, ind, val);
		}
		free(ind);
		free(val);
	}
	cg->nbase = m->ncols;
	for (int c = 0; c < cg->ncls; c++) {
		cg->cls[c].row = glp_add_rows(cg->P, 1);
		glp_set_row_bnds(cg->P, cg->cls[c].row, GLP_FX, cg->cls[c].n,
				 cg->cls[c].n);
	}
}

void solver_colgen_free(struct solver_colgen *cg)
{
	if (!cg)
		return;
	for (int c = 0; cg->cls && c < cg->ncls; c++) {
		solver_pricer_free(cg->cls[c].pr);
		free(cg->cls[c].own);
	}
	for (size_t i = 0; i < cg->ncol; i++)
		free(cg->col[i].week);
	if (cg->P)
		glp_delete_prob(cg->P);
	solver_model_free(&cg->base);
	free(cg->cls);
	free(cg->class_of);
	free(cg->col);
	free(cg->dual);
	free(cg->center);
	free(cg->sdual);
	free(cg->week);
	free(cg->nz.rows);
	free(cg->nz.vals);
	free(cg->ask);
	free(cg->askweeks);
	for (int l = 0; cg->lane && l < cg->nlanes; l++) {
		free(cg->lane[l].cost);
		free(cg->lane[l].nz.rows);
		free(cg->lane[l].nz.vals);
	}
	free(cg->lane);
	free(cg->mask);
	free(cg);
}

int solver_colgen_new(const struct rota_problem *p, struct solver_budget *bu,
		      struct solver_colgen **out, struct rota_error *err)
{
	struct model_spec spec = {NULL, 1, 1, 0, NULL, NULL, 1};
	struct solver_colgen *cg = calloc(1, sizeof(*cg));
	int *mult = NULL, *rep_of = NULL, rc = 0;
	int E = p->n_employees, D = p->n_days, S = p->n_types;

	if (!cg)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	cg->p = p;
	cg->bu = bu;
	cg->D = D;
	cg->S = S;
	cg->E = E;
	cg->bound = -INF;
	cg->window_after = INF;
	cg->step_lp = -INF;
	mult = malloc(((size_t)E + 1) * sizeof(int));
	rep_of = malloc(((size_t)E + 1) * sizeof(int));
	cg->class_of = malloc(((size_t)E + 1) * sizeof(int));
	cg->week = malloc(((size_t)D + 1) * sizeof(int));
	if (!mult || !rep_of || !cg->class_of || !cg->week ||
	    (cg->ncls = solver_classes(p, mult, rep_of)) < 0 ||
	    !(cg->cls = calloc((size_t)cg->ncls + 1, sizeof(*cg->cls))) ||
	    !(cg->ask = calloc((size_t)cg->ncls + 1, sizeof(*cg->ask))) ||
	    !(cg->askweeks = malloc(((size_t)cg->ncls * PRICE_COLS *
					     (size_t)D +
				     1) * sizeof(int))) ||
	    solver_colgen_lanes(cg, 1) < 0) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (int e = 0, c = 0; e < E; e++) {
		if (mult[e] > 0) {
			cg->cls[c].rep = e;
			cg->cls[c].n = mult[e];
			c++;
		}
	}
	for (int e = 0; e < E; e++)
		for (int c = 0; c < cg->ncls; c++)
			if (cg->cls[c].rep == rep_of[e])
				cg->class_of[e] = c;
	for (int c = 0; c < cg->ncls; c++) {
		struct cg_class *k = &cg->cls[c];
		int r = solver_pricer_new(p, k->rep, &k->pr);

		if (r == 0) {
			solver_pricer_budget(k->pr, bu);
			solver_pricer_clock(k->pr, 1);
			/* priced through asks only, charged by the
			 * round (ask_charge) */
			solver_pricer_defer(k->pr, 1);
		}
		if (r < 0) {
			/* not modelled by the program: no column generation */
			rc = r == ROTA_ELIMIT
				     ? r
				     : rota_error_set(err, ROTA_ENOMEM,
						      "out of memory");
			goto out;
		}
		if (!(k->own = malloc(((size_t)D * (size_t)(S + 1) + 1) *
				      sizeof(double)))) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		solver_own_costs(p, k->rep, k->own);
	}
	if ((rc = solver_model_build(&cg->base, p, &spec, err)) < 0)
		goto out;
	load_master(cg);
	*out = cg;
	cg = NULL;
out:
	free(mult);
	free(rep_of);
	solver_colgen_free(cg);
	return rc;
}

/* Columns of a complete roster (type[e*D + d]); negative on failure. */
int solver_colgen_add_roster(struct solver_colgen *cg, const int *type)
{
	for (int e = 0; e < cg->E; e++) {
		long r = add_column(cg, cg->class_of[e], type + (size_t)e *
								(size_t)cg->D);

		if (r == ROTA_ENOMEM)
			return ROTA_ENOMEM;
	}
	return 0;
}

/* -------------------------------------------------------------- the LP */

/* iterations a master LP may run past the work left */
#define MASTER_IT_SLACK 20000.0

/* The master LP from the current basis; SUB_* result (SUB_NONE: stopped
 * by the work or the time cap; GLPK's primal status then says whether
 * the point it stopped at is one of the LP). */
static int solve_lp(struct solver_colgen *cg)
{
	glp_smcp smcp;
	int before = glp_get_it_cnt(cg->P), rc, nrows;
	double per_iter = fmax(1.0, (glp_get_num_rows(cg->P) +
				     glp_get_num_cols(cg->P)) /
					    1000.0);
	double left = fmax(0.0, solver_budget_work_left(cg->bu) / per_iter);

	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.meth = GLP_PRIMAL;
	/* within the work left and MASTER_IT_SLACK iterations more
	 * (deterministic; the root's share of the work would otherwise cut
	 * its LPs short), and the time cap: a degenerate master can take
	 * the simplex minutes */
	left += MASTER_IT_SLACK;
	smcp.it_lim = left < INT_MAX - 1 ? (int)left + 1 : INT_MAX;
	smcp.tm_lim = solver_glpk_tm_lim(cg->bu);
	rc = glp_simplex(cg->P, &smcp);
	if (rc != 0 && rc != GLP_EITLIM && rc != GLP_ETMLIM) {
		glp_adv_basis(cg->P, 0);
		rc = glp_simplex(cg->P, &smcp);
	}
	solver_budget_spend(cg->bu,
			    (glp_get_it_cnt(cg->P) - before) * per_iter);
	if (rc == GLP_EITLIM || rc == GLP_ETMLIM) {
		/* out of budget: the caller finds the budget spent */
		if (rc == GLP_ETMLIM)
			solver_budget_time_cut(cg->bu);
		return SUB_NONE;
	}
	if (rc != 0)
		return SUB_ERROR;
	if (glp_get_status(cg->P) == GLP_NOFEAS)
		return SUB_INFEASIBLE;
	if (glp_get_status(cg->P) != GLP_OPT)
		return SUB_ERROR;
	cg->lp = glp_get_obj_val(cg->P);
	nrows = glp_get_num_rows(cg->P);
	free(cg->dual);
	if (!(cg->dual = malloc(((size_t)nrows + 1) * sizeof(double))))
		return SUB_ERROR;
	for (int i = 1; i <= nrows; i++)
		cg->dual[i] = glp_get_row_dual(cg->P, i);
	return SUB_OPTIMAL;
}

/* The reduced cost of every (day, option) of class c under the duals
 * into cost: own cost less the duals of the rows its shifts appear in;
 * +inf where the cell masks (NULL: none) take the option away.  Reads cg
 * only (z is the caller's scratch): threads pricing a round call it. */
static int priced_costs(const struct solver_colgen *cg, int c,
			const double *dual, const uint64_t *mask,
			double *cost, struct cg_nz *z)
{
	const struct cg_class *k = &cg->cls[c];
	int D = cg->D, S = cg->S;
	double mu = cg->base.changes_row >= 0
			    ? dual[cg->base.changes_row + 1]
			    : 0;

	for (int d = 0; d < D; d++)
		for (int o = 0; o <= S; o++) {
			double v = k->own[d * (S + 1) + o];
			size_t n = 0;

			if (o < S) {
				if (shift_rows(cg, z, k->rep, d, o, &n) < 0)
					return ROTA_ENOMEM;
				for (size_t a = 1; a <= n; a++)
					v -= z->vals[a] * dual[z->rows[a]];
			}
			if (cg->p->reference &&
			    cg->p->reference[k->rep * D + d] != (o < S ? o : -1))
				v -= mu;
			if (mask && !(mask[c * D + d] >> o & 1))
				v = INF;
			cost[d * (S + 1) + o] = v;
		}
	return 0;
}

int solver_colgen_lanes(struct solver_colgen *cg, int lanes)
{
	size_t nc = (size_t)cg->D * (size_t)(cg->S + 1) + 1;
	struct cg_lane *l;

	if (lanes < 1)
		lanes = 1;
	if (lanes <= cg->nlanes)
		return 0;
	if (!(l = realloc(cg->lane, (size_t)lanes * sizeof(*l))))
		return ROTA_ENOMEM;
	cg->lane = l;
	for (; cg->nlanes < lanes; cg->nlanes++) {
		memset(&l[cg->nlanes], 0, sizeof(*l));
		if (!(l[cg->nlanes].cost = malloc(nc * sizeof(double))))
			return ROTA_ENOMEM;
	}
	return 0;
}

/* A round's next ask: class c priced on dual (cells masked by mask)
 * below cutoff, k weeks by a beam of `beam` labels a day (0: the exact
 * program).  Returns the ask, its weeks in cg->askweeks. */
static struct cg_ask *ask_for(struct solver_colgen *cg, size_t i, int c,
			      const double *dual, const uint64_t *mask,
			      double cutoff, long beam, int k)
{
	struct cg_ask *a = &cg->ask[i];

	memset(a, 0, sizeof(*a));
	a->c = c;
	a->dual = dual;
	a->mask = mask;
	a->cutoff = cutoff;
	a->beam = beam;
	a->k = k;
	a->weeks = cg->askweeks + i * PRICE_COLS * (size_t)cg->D;
	return a;
}

/* Ask i of a round, on lane's scratch.  Once the time cap has passed it
 * does not run (ROTA_ELIMIT, nothing found). */
static void ask_run(void *ctx, size_t i, int lane)
{
	struct solver_colgen *cg = ctx;
	struct cg_ask *a = &cg->ask[i];
	struct cg_lane *ln = &cg->lane[lane];
	const struct cg_class *k = &cg->cls[a->c];

	if (solver_budget_past_cap(cg->bu)) {
		a->rc = ROTA_ELIMIT;
		return;
	}
	if (priced_costs(cg, a->c, a->dual, a->mask, ln->cost, &ln->nz) < 0) {
		a->rc = ROTA_ENOMEM;
		return;
	}
	a->rc = solver_price_k(k->pr, ln->cost, a->cutoff, a->beam, a->k,
			       a->weeks, a->values, &a->found, &a->made);
	if (a->rc < 0 || !a->found || !a->truth)
		return;
	if (priced_costs(cg, a->c, a->truth, a->mask, ln->cost, &ln->nz) < 0) {
		a->rc = ROTA_ENOMEM;
		return;
	}
	for (int j = 0; j < a->found; j++)
		a->keep[j] = solver_pricer_cost(k->pr, ln->cost,
						a->weeks + (size_t)j *
								   (size_t)cg->D) -
				     a->truth[k->row] <
			     -RC_EPS;
}

/* Charge ask a's labels to the budget, once (the round's reader does,
 * in class order: the same sum whatever thread priced what). */
static void ask_charge(struct solver_colgen *cg, struct cg_ask *a)
{
	if (!a->charged)
		solver_budget_spend(cg->bu,
				    (double)a->made / SOLVER_LABELS_PER_WORK);
	a->charged = 1;
}

/*
 * Run asks 0 .. n-1.  Beams run on the team of cg->nlanes threads; an
 * exact search (beam 0) reads the work left, so those run one after the
 * other, each charged before the next starts, as they always did.  The
 * caller reads the asks in order, charging each (ask_charge) as it reads
 * it; a time cap met on the way is recorded in the budget here.
 */
static void asks_run(struct solver_colgen *cg, size_t n)
{
	int together = cg->nlanes > 1 && n > 1;

	for (size_t i = 0; i < n; i++)
		together &= cg->ask[i].beam > 0;
	if (together) {
		solver_team_run(cg->nlanes, n, ask_run, cg);
	} else {
		for (size_t i = 0; i < n; i++) {
			ask_run(cg, i, 0);
			ask_charge(cg, &cg->ask[i]);
		}
	}
	(void)solver_budget_time_left(cg->bu);
}

/*
 * The columns of asks 0 .. n-1, read in order (each charged as read):
 * their weeks, those an ask with true duals keeps only; an ask the time
 * cap stopped adds nothing.  Returns the columns added, or a negative
 * status (an ask's, or ROTA_ENOMEM).
 */
static int asks_columns(struct solver_colgen *cg, size_t n)
{
	int added = 0;

	for (size_t i = 0; i < n; i++) {
		struct cg_ask *a = &cg->ask[i];

		ask_charge(cg, a);
		if (a->rc == ROTA_ELIMIT)
			continue; /* the time cap */
		if (a->rc < 0)
			return a->rc;
		for (int j = 0; j < a->found; j++) {
			long r;

			if (a->truth && !a->keep[j])
				continue;
			r = add_column(cg, a->c,
				       a->weeks + (size_t)j * (size_t)cg->D);
			if (r == ROTA_ENOMEM)
				return ROTA_ENOMEM;
			added += r >= 0;
		}
	}
	return added;
}

/*
 * One pricing round: every class not wholly fixed gets its cheapest
 * schedule (beam > 0: a beam search's, heuristic); those of negative
 * reduced cost become columns.  *sum gets sum_c n_c * min(0, reduced
 * cost) (the Lagrangian term, valid when every pricing was exact).
 * Returns the columns added, or a negative status.
 */
static int price_round(struct solver_colgen *cg, long beam, double *sum)
{
	int added;
	size_t n = 0;

	*sum = 0;
	cg->all_exact = 1;
	for (int c = 0; c < cg->ncls; c++)
		if (cg->cls[c].fixed < cg->cls[c].n)
			ask_for(cg, n++, c, cg->dual, cg->mask,
				cg->dual[cg->cls[c].row] - RC_EPS, beam,
				beam ? PRICE_COLS : 1);
	asks_run(cg, n);
	if ((added = asks_columns(cg, n)) < 0)
		return added;
	for (size_t i = 0; i < n; i++) {
		const struct cg_ask *a = &cg->ask[i];
		const struct cg_class *k = &cg->cls[a->c];

		/* rc 1: labels dropped; ROTA_ELIMIT: the exact program ran
		 * out of budget, or the time cap stopped (or came before) a
		 * beam: no proof either way */
		if (a->rc != 0)
			cg->all_exact = 0;
		if (a->found)
			*sum += (k->n - k->fixed) *
				(a->values[0] - cg->dual[k->row]);
	}
	return added;
}

int solver_colgen_mask_columns(struct solver_colgen *cg)
{
	uint8_t *has = calloc((size_t)cg->ncls + 1, 1);
	size_t n = 0;
	int rc = 0;

	if (!has)
		return ROTA_ENOMEM;
	for (size_t i = 0; i < cg->ncol; i++)
		if (!solver_colgen_masked_out(cg, cg->col[i].cls,
					      cg->col[i].week))
			has[cg->col[i].cls] = 1;
	for (int c = 0; c < cg->ncls; c++)
		if (!has[c] && cg->cls[c].fixed < cg->cls[c].n)
			ask_for(cg, n++, c, cg->dual, cg->mask, INF,
				PRICE_BEAM, 1);
	free(has);
	asks_run(cg, n);
	/* read as the classes were once priced one after the other: up to
	 * the first that fails, the later ones not charged */
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct cg_ask *a = &cg->ask[i];

		ask_charge(cg, a);
		if (a->rc < 0)
			rc = a->rc;
		else if (!a->found || a->values[0] >= INF)
			rc = 1;
		else if (add_column(cg, a->c, a->weeks) == ROTA_ENOMEM)
			rc = ROTA_ENOMEM;
	}
	return rc;
}

/*
 * Dual smoothing at the root (Wentges 1997; Pessoa et al. 2018): the
 * master's duals jump from round to round, and schedules priced on them
 * often go unused.  Price on alpha * center + (1 - alpha) * duals, where
 * the center follows the smoothed duals, and keep the schedules whose
 * reduced cost under the true duals is negative.  When none is found
 * (a mispricing) the center moves to the true duals and the round prices
 * on them as before; so the proof of optimality and the bound come from
 * the true duals only.  Returns the columns added, or a negative status.
 */
#define SMOOTH_ALPHA 0.5

static int smooth_round(struct solver_colgen *cg)
{
	int nrows = glp_get_num_rows(cg->P), added = 0;
	size_t n = 0;

	if (!cg->center) {
		if (!(cg->center = malloc(((size_t)nrows + 1) *
					  sizeof(double))) ||
		    !(cg->sdual = malloc(((size_t)nrows + 1) *
					 sizeof(double))))
			return ROTA_ENOMEM;
		memcpy(cg->center, cg->dual,
		       ((size_t)nrows + 1) * sizeof(double));
		return 0;
	}
	for (int i = 1; i <= nrows; i++)
		cg->sdual[i] = SMOOTH_ALPHA * cg->center[i] +
			       (1 - SMOOTH_ALPHA) * cg->dual[i];
	for (int c = 0; c < cg->ncls; c++)
		if (cg->cls[c].fixed < cg->cls[c].n)
			ask_for(cg, n++, c, cg->sdual, cg->mask,
				cg->sdual[cg->cls[c].row] - RC_EPS, PRICE_BEAM,
				PRICE_COLS)
				->truth = cg->dual;
	asks_run(cg, n);
	if ((added = asks_columns(cg, n)) < 0)
		return added;
	memcpy(cg->center, added ? cg->sdual : cg->dual,
	       ((size_t)nrows + 1) * sizeof(double));
	return added;
}

/* The classes with members the dive has not fixed. */
static int open_classes(const struct solver_colgen *cg)
{
	int n = 0;

	for (int c = 0; c < cg->ncls; c++)
		n += cg->cls[c].fixed < cg->cls[c].n;
	return n;
}

/* A class's cell mask m[0..D) that holds `week` on every day outside
 * first .. first + n - 1 and allows every option inside (window rounds,
 * days neighbourhoods). */
static void hold_outside(const struct solver_colgen *cg, uint64_t *m,
			 const int *week, int first, int n)
{
	for (int d = 0; d < cg->D; d++)
		m[d] = d < first || d >= first + n
			       ? (uint64_t)1 << solver_colgen_option(cg, week[d])
			       : ~(uint64_t)0;
}

/*
 * A window round: every open class priced on the true duals with the week
 * the LP gives it most weight kept outside a window of WINDOW_DAYS days
 * (a cell mask as the dive's, for this pricing only); the window moves
 * with the round and the class.  A beam over a whole horizon misses the
 * schedules that pay: on Curtois 13 (18 types, 28 days) the root's
 * narrow beam found 3 columns at an LP of 2,740 where the dive, pricing
 * under its masks, went on to an LP of 1,862 from the same master.  Over
 * two weeks a beam of PRICE_BEAM labels a day nearly is the exact
 * program.  Returns the columns added, or a negative status.
 */
static int window_round(struct solver_colgen *cg, int round)
{
	int D = cg->D, W = D < WINDOW_DAYS ? D : WINDOW_DAYS, added = 0;
	size_t n = (size_t)cg->ncls * (size_t)D, na = 0;
	size_t *heavy = malloc(((size_t)cg->ncls + 1) * sizeof(size_t));
	double *weight = calloc((size_t)cg->ncls + 1, sizeof(double));
	/* at the root the master has no cell mask: this one is the round's
	 * own, each class narrowing its own cells (priced_costs reads c's
	 * cells alone), and the columns are added with no mask
	 * (add_column) */
	uint64_t *mask = malloc((n + 1) * sizeof(uint64_t));

	if (!heavy || !weight || !mask) {
		added = ROTA_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < cg->ncol; i++) {
		double v = solver_colgen_value(cg, i);
		int c = cg->col[i].cls;

		if (v > weight[c]) {
			weight[c] = v;
			heavy[c] = i;
		}
	}
	for (int c = 0; c < cg->ncls; c++) {
		int d0 = (round * 5 + c * 11) % (D - W + 1);

		if (cg->cls[c].fixed >= cg->cls[c].n || !(weight[c] > 0))
			continue;
		hold_outside(cg, mask + (size_t)c * (size_t)D,
			     cg->col[heavy[c]].week, d0, W);
		ask_for(cg, na++, c, cg->dual, mask,
			cg->dual[cg->cls[c].row] - RC_EPS, PRICE_BEAM,
			PRICE_COLS);
	}
	asks_run(cg, na);
	added = asks_columns(cg, na);
out:
	free(heavy);
	free(weight);
	free(mask);
	return added;
}

/*
 * Tailing off: the LP fell less than TAIL_DROP over the last TAIL_ROUNDS
 * rounds (its history restarts after each check that fires), after it
 * left its first value.  An LP that has not moved yet is degenerate, not
 * tailing off: Curtois 13's stayed at its first roster's 6,420 for 8
 * rounds of 480 new columns each, and the wide beam and the exact program
 * of a tailing-off round at round 5 took 31 s of its root.  Records this
 * round's LP in tail[] and *since.
 */
static int tailing_off(const struct solver_colgen *cg, double *tail,
		       int *since, double lp_first, int round)
{
	int stalled;

	stalled = *since >= TAIL_ROUNDS &&
		  tail[round % TAIL_ROUNDS] - cg->lp <
			  TAIL_DROP * fabs(cg->lp) &&
		  cg->lp < lp_first - 1e-6 * fmax(1.0, fabs(lp_first));
	tail[round % TAIL_ROUNDS] = cg->lp;
	*since = stalled ? 0 : *since + 1;
	return stalled;
}

/* After a smoothed round that added columns (added > 0) or failed
 * (added < 0): logs it and, on a long root, follows it with a window
 * round; returns 0, or the failed round's negative status. */
static int after_smoothed(struct solver_colgen *cg, int round, int added,
			  double w0)
{
	if (added < 0)
		return added;
	solver_budget_log(cg->bu,
			  "colgen round %d: lp %.4f, %zu columns, %d new "
			  "(smoothed)\n",
			  round, cg->lp, cg->ncol, added);
	/* a long root (window_after: one default budget, set by the search)
	 * whose smoothed round found fewer columns than there are classes:
	 * the beam has lost its way, and a window round follows.  Long runs
	 * only: at the default budget, where it rarely fires, each instance
	 * it fired on ended worse (Curtois 9: 6 columns from it, and 652
	 * instead of 439) */
	if (cg->bu->work - w0 < cg->window_after ||
	    added >= open_classes(cg))
		return 0;
	if ((added = window_round(cg, round)) < 0)
		return added;
	solver_budget_log(cg->bu, "colgen round %d: %d new (window)\n", round,
			  added);
	return 0;
}

/*
 * Column generation until no schedule prices out, the budget is spent or
 * max_rounds rounds (0: no limit; below 0: none, the LP alone) have run.
 * With `root`, a proven bound (the LP value at the end, or the best
 * Lagrangian bound on the way) goes into cg->bound.  Returns SUB_OPTIMAL
 * (LP solved, columns may still price out when stopped early, or an LP
 * stopped by the budget at a point of it), SUB_NONE (an LP stopped before
 * it had one), SUB_INFEASIBLE, or SUB_ERROR / a negative status.
 */
int solver_colgen_generate(struct solver_colgen *cg, int max_rounds, int root)
{
	double tail[TAIL_ROUNDS], w0 = cg->bu->work, lp_first = 0;
	int since = 0;

	for (int round = 0; max_rounds == 0 || round < max_rounds; round++) {
		double sum;
		int r = solve_lp(cg), added, stalled, wide;

		/* spent inside the LP: as below, when the simplex stopped at
		 * a point of the LP (the dive reads its weights); not when
		 * it stopped before it had one, its rows unmet (Curtois 24's
		 * root, its first LP cut by the time cap, left every weight
		 * 0: a dive read an empty roster from it, and the run failed
		 * evaluating it) */
		if (r == SUB_NONE)
			return glp_get_prim_stat(cg->P) == GLP_FEAS
				       ? SUB_OPTIMAL
				       : SUB_NONE;
		if (r != SUB_OPTIMAL)
			return r;
		if (!solver_budget_left(cg->bu))
			return SUB_OPTIMAL;
		/* tailing off: see tailing_off() */
		if (round == 0)
			lp_first = cg->lp;
		stalled = tailing_off(cg, tail, &since, lp_first, round);
		wide = root && stalled;
		/* at the root, smoothed duals first; then a beam, and the
		 * wide beam when it finds nothing.  A root that tails off
		 * goes to the wide beam on the true duals at once: the narrow
		 * one, on smoothed duals, keeps finding a few columns that
		 * barely move the LP (Curtois 19: 60 rounds, 4 M work units,
		 * from 3,798 to 3,784; one wide round then found 121 columns
		 * and the LP fell to 3,537 in the next 7) */
		if (root && !wide && (added = smooth_round(cg)) != 0) {
			if ((added = after_smoothed(cg, round, added, w0)) < 0)
				return added;
			continue;
		}
		added = wide ? 0 : price_round(cg, PRICE_BEAM, &sum);
		/* a dive's step that left the LP where it was needs no
		 * repair: the wide beam is for a step that lifted it (on
		 * Curtois 13 at --effort 10 the dive's LP stays at its value
		 * through most steps, and each step ended on a wide beam over
		 * every open employee, 8 s late in the dive) */
		if (added == 0 && !root &&
		    cg->lp <= cg->step_lp + 1e-6 * fmax(1.0, fabs(cg->step_lp)))
			return SUB_OPTIMAL;
		if (added == 0)
			added = price_round(cg, 8 * PRICE_BEAM, &sum);
		/* the exact program when the beams find nothing: it alone
		 * proves the LP optimal, which only the root needs (its
		 * bound); a dive's or a neighbourhood's round stops where
		 * the wide beam does (Curtois 13 at --effort 10: one exact
		 * round of the dive took 161 s) */
		if (added == 0 && root)
			added = price_round(cg, 0, &sum);
		if (added < 0)
			return added;
		if (root && cg->all_exact)
			cg->bound = fmax(cg->bound, cg->lp + sum);
		solver_budget_log(cg->bu,
				  "colgen round %d: lp %.4f, %zu columns, "
				  "%d new%s, lagrangian %.4f%s\n",
				  round, cg->lp, cg->ncol, added,
				  wide ? " (tailing off)" : "", cg->lp + sum,
				  cg->all_exact ? "" : " (inexact)");
		if (added == 0) {
			if (root && cg->all_exact)
				cg->bound = fmax(cg->bound, cg->lp);
			return SUB_OPTIMAL;
		}
	}
	return solve_lp(cg);
}

int solver_colgen_resolve(struct solver_colgen *cg)
{
	return solver_colgen_generate(cg, -1, 0);
}

void solver_colgen_windows(struct solver_colgen *cg, double after_work)
{
	cg->window_after = after_work;
}

int solver_colgen_root(struct solver_colgen *cg, double *bound)
{
	int r;

	cg->bu->phase = "column generation";
	r = solver_colgen_generate(cg, 0, 1);
	*bound = cg->bound;
	return r;
}

/* ---------------------------------------------------- restricted master */

/* The roster of the integer values v (per GLPK column) of the schedules. */
int solver_colgen_read(const struct solver_colgen *cg, const double *v,
		       int *type)
{
	int *next = calloc((size_t)cg->ncls + 1, sizeof(int));

	for (size_t i = 0; i < (size_t)cg->E * (size_t)cg->D; i++)
		type[i] = -1;
	if (!next)
		return ROTA_ENOMEM;
	for (size_t i = 0; i < cg->ncol; i++) {
		int c = cg->col[i].cls;
		int k = (int)floor(v[cg->nbase + 1 + i] + 0.5);

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
	return 0;
}

void solver_colgen_counts(const struct solver_colgen *cg, double *target,
			  int *rep_of)
{
	size_t DS = (size_t)cg->D * (size_t)cg->S;

	memset(target, 0, (size_t)cg->E * DS * sizeof(double));
	for (int e = 0; e < cg->E; e++)
		rep_of[e] = cg->cls[cg->class_of[e]].rep;
	for (size_t i = 0; i < cg->ncol; i++) {
		const struct cg_col *c = &cg->col[i];
		double v = solver_colgen_value(cg, i);
		double *t = target + (size_t)cg->cls[c->cls].rep * DS;

		if (!(v > 0))
			continue;
		for (int d = 0; d < cg->D; d++)
			if (c->week[d] >= 0)
				t[(size_t)d * (size_t)cg->S +
				  (size_t)c->week[d]] += v;
	}
}

/* --------------------------------------------- neighbourhoods of a roster */

/*
 * The column of each employee's week in roster `type` (added when new),
 * into colof[e]; negative on failure.
 */
static int columns_of(struct solver_colgen *cg, const int *type, long *colof)
{
	for (int e = 0; e < cg->E; e++) {
		colof[e] = add_column(cg, cg->class_of[e],
				      type + (size_t)e * (size_t)cg->D);
		if (colof[e] == ROTA_ENOMEM)
			return ROTA_ENOMEM;
		if (colof[e] < 0)
			return ROTA_EINVAL; /* breaks a hard rule */
	}
	return 0;
}

/* The columns from the n-th on deleted (what was generated since cg->ncol
 * was n); out of memory, they stay (harmless: more columns). */
void solver_colgen_truncate(struct solver_colgen *cg, size_t n)
{
	int k = n < cg->ncol ? (int)(cg->ncol - n) : 0;
	int *num = k ? malloc(((size_t)k + 1) * sizeof(int)) : NULL;

	if (!num)
		return;
	for (int i = 0; i < k; i++)
		num[i + 1] = cg->nbase + 1 + (int)n + i;
	glp_del_cols(cg->P, k, num);
	for (size_t i = n; i < cg->ncol; i++)
		free(cg->col[i].week);
	cg->ncol = n;
	free(num);
}

/* Every schedule count back to free (>= 0, continuous). */
void solver_colgen_release(struct solver_colgen *cg)
{
	for (size_t i = 0; i < cg->ncol; i++) {
		int j = cg->nbase + 1 + (int)i;

		glp_set_col_kind(cg->P, j, GLP_CV);
		glp_set_col_bnds(cg->P, j, GLP_LO, 0, 0);
	}
	for (int c = 0; c < cg->ncls; c++)
		cg->cls[c].fixed = 0;
}

/*
 * The sub-problem of a neighbourhood as a MIP of its own: the master's
 * rows with what the kept schedules put in them moved into the bounds,
 * its continuous columns, and integer counts only for the schedules of
 * the freed employees' classes (convexity: the freed members) that a
 * cell mask (cg->mask) leaves them.  lam[k]
 * = the column index of the MIP's k-th count.  Returns the number of
 * counts, or a negative status.
 */
static long nb_build(struct solver_colgen *cg, const int *kept,
		     const int *nfree, struct mip *m, long *lam)
{
	const struct mip *b = &cg->base.mip;
	int nrows = b->nrows + cg->ncls;
	double *act = calloc((size_t)nrows + 1, sizeof(double));
	int *convrow = malloc(((size_t)cg->ncls + 1) * sizeof(int));
	long nl = 0;

	if (!act || !convrow) {
		free(act);
		free(convrow);
		return ROTA_ENOMEM;
	}
	/* what the kept schedules put in every row */
	for (size_t i = 0; i < cg->ncol; i++) {
		size_t n;

		if (!kept[i])
			continue;
		if ((n = column_rows(cg, i)) == (size_t)-1)
			goto nomem;
		for (size_t a = 1; a <= n; a++)
			act[cg->nz.rows[a] - 1] += cg->nz.vals[a] * kept[i];
	}
	solver_mip_init(m);
	m->obj_const = b->obj_const;
	for (size_t i = 0; i < cg->ncol; i++)
		m->obj_const += cg->col[i].cost * kept[i];
	for (int i = 0; i < b->nrows; i++)
		solver_mip_add_row(m, b->rlo[i] - act[i], b->rhi[i] - act[i],
				   b->rgroup[i], b->rowner[i]);
	for (int c = 0; c < cg->ncls; c++) {
		convrow[c] = -1;
		if (nfree[c] > 0)
			convrow[c] = solver_mip_add_row(m, nfree[c], nfree[c],
							GROUP_CORE, -1);
	}
	for (int j = 0; j < b->ncols; j++) {
		int k = solver_mip_add_col(m, b->lb[j], b->ub[j], b->obj[j],
					   b->is_int[j], b->ctag[j]);

		for (size_t a = b->cbeg[j]; a < b->cbeg[j + 1]; a++)
			solver_mip_add_coef(m, b->cind[a], k, b->cval[a]);
	}
	for (size_t i = 0; i < cg->ncol; i++) {
		int c = cg->col[i].cls, k;
		struct col_tag tag = {COL_X, 0, -1, -1, (int)i, c};
		size_t n;

		if (nfree[c] <= 0 ||
		    solver_colgen_masked_out(cg, c, cg->col[i].week))
			continue;
		if ((n = column_rows(cg, i)) == (size_t)-1)
			goto nomem;
		k = solver_mip_add_col(m, 0, nfree[c], cg->col[i].cost, 1, tag);
		lam[nl++] = (long)i;
		solver_mip_add_coef(m, convrow[c], k, 1);
		/* the first entry is the master's convexity row: skipped */
		for (size_t a = 2; a <= n; a++)
			solver_mip_add_coef(m, cg->nz.rows[a] - 1, k,
					    cg->nz.vals[a]);
	}
	free(act);
	free(convrow);
	if (solver_mip_finish(m, NULL) < 0)
		return ROTA_ENOMEM;
	return nl;
nomem:
	free(act);
	free(convrow);
	return ROTA_ENOMEM;
}

/*
 * A neighbourhood's pricing (solver_colgen_neighbourhood): new schedules
 * for the freed employees' classes, price_rounds rounds on the duals of
 * the master with everybody else held at their schedules (colof[e]) and
 * the schedules a cell mask takes out (cg->mask, a days neighbourhood's)
 * barred; then the master released.  SUB_* result or a negative status.
 */
static int nb_price(struct solver_colgen *cg, const long *colof,
		    const uint8_t *freed, int price_rounds)
{
	int *kept = calloc(cg->ncol + 1, sizeof(int));
	int r;

	if (!kept)
		return ROTA_ENOMEM;
	for (int c = 0; c < cg->ncls; c++)
		cg->cls[c].fixed = cg->cls[c].n;
	for (int e = 0; e < cg->E; e++) {
		if (freed[e])
			cg->cls[cg->class_of[e]].fixed--;
		else
			kept[colof[e]]++;
	}
	for (size_t i = 0; i < cg->ncol; i++) {
		const struct cg_class *k = &cg->cls[cg->col[i].cls];
		int j = cg->nbase + 1 + (int)i;

		if (solver_colgen_masked_out(cg, cg->col[i].cls,
					     cg->col[i].week))
			glp_set_col_bnds(cg->P, j, GLP_FX, 0, 0);
		else
			glp_set_col_bnds(cg->P, j,
					 k->fixed == k->n ? GLP_FX : GLP_LO,
					 kept[i], kept[i]);
	}
	r = solver_colgen_generate(cg, price_rounds, 0);
	solver_colgen_release(cg);
	free(kept);
	return r;
}

/*
 * What the freed can reach in the neighbourhood's MIP m: the intervals
 * (touched, T of them) and cells (cell, D*S) of the nl schedules lam[]
 * offered to them; fr[k] = 1 for the schedule and shift columns and for
 * the coverage columns of what they reach, 0 for the other coverage
 * columns (those stay at the roster's values).
 */
static void nb_reach(const struct solver_colgen *cg, const struct mip *m,
		     const long *lam, long nl, uint8_t *touched, uint8_t *cell,
		     uint8_t *fr)
{
	int S = cg->S;

	for (long k = 0; k < nl; k++) {
		const int *w = cg->col[lam[k]].week;

		for (int d = 0; d < cg->D; d++) {
			const struct rota_slot *sl;

			if (w[d] < 0)
				continue;
			cell[d * S + w[d]] = 1;
			sl = rota_problem_slot(cg->p, d, w[d]);
			for (int t = sl->first_interval; t < sl->end_interval;
			     t++)
				touched[t] = 1;
		}
	}
	for (int k = 0; k < m->ncols; k++) {
		const struct col_tag *t = &m->ctag[k];

		switch (t->kind) {
		case COL_COUNT:
		case COL_ALLOC:
		case COL_UNDER:
		case COL_OVER:
			fr[k] = touched[t->a];
			break;
		case COL_CUNDER:
		case COL_COVER:
			fr[k] = cell[t->a * S + t->b];
			break;
		default: /* COL_X and the rest */
			fr[k] = 1;
			break;
		}
	}
}

/*
 * The neighbourhood's roster into out: everybody kept on their schedules
 * (kept[i] of schedule i), the freed on the nl schedules lam[] as the
 * MIP's values xl[] (one per schedule) choose them.  0, or ROTA_ENOMEM.
 */
static int nb_read(const struct solver_colgen *cg, const int *kept,
		   const long *lam, long nl, const double *xl, int *out)
{
	double *v = calloc((size_t)glp_get_num_cols(cg->P) + 1, sizeof(double));
	int r;

	if (!v)
		return ROTA_ENOMEM;
	for (size_t i = 0; i < cg->ncol; i++)
		v[cg->nbase + 1 + i] = kept[i];
	for (long k = 0; k < nl; k++)
		v[cg->nbase + 1 + lam[k]] += floor(xl[k] + 0.5);
	r = solver_colgen_read(cg, v, out);
	free(v);
	return r;
}

/*
 * The sub-problem m of a neighbourhood (nb_build: its last nl columns
 * the schedules lam, `used` of each by the freed employees) solved from
 * the roster: first its LP with the roster's counts held, which gives
 * the coverage columns their values, then the MIP from there with the
 * coverage columns of the intervals and cells the freed can reach free,
 * at most node_limit nodes and iter_limit simplex iterations.  The
 * solution into x; the MIP's result (SUB_NONE when the first LP failed),
 * or ROTA_ENOMEM.
 */
static int nb_solve(struct solver_colgen *cg, struct mip *m, const int *used,
		    const long *lam, long nl, long node_limit,
		    long iter_limit, double *x)
{
	uint8_t *fr = malloc((size_t)m->ncols + 1);
	uint8_t *touched = calloc((size_t)cg->p->n_intervals + 1, 1);
	uint8_t *cell = calloc((size_t)cg->D * (size_t)cg->S + 1, 1);
	double *val = calloc((size_t)m->ncols + 1, sizeof(double));
	struct sub_params sp;
	struct sub_out so;
	int result;

	if (!fr || !val || !touched || !cell) {
		result = ROTA_ENOMEM;
		goto out;
	}
	/* the roster's counts; its coverage columns from their LP */
	for (int k = 0; k < m->ncols; k++) {
		const struct col_tag *t = &m->ctag[k];

		fr[k] = !m->is_int[k];
		if (t->kind == COL_X && t->a < 0)
			val[k] = used[lam[k - (m->ncols - nl)]];
	}
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = val;
	sp.must_finish = 1;
	solver_sub_solve(cg->bu, m, &sp, x, &so);
	if (so.result != SUB_OPTIMAL) {
		result = SUB_NONE;
		goto out;
	}
	memcpy(val, x, (size_t)m->ncols * sizeof(double));
	nb_reach(cg, m, lam, nl, touched, cell, fr);
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = val;
	sp.inject = 1;
	sp.node_limit = node_limit;
	sp.iter_limit = iter_limit;
	sp.most_fractional = 1;
	solver_sub_solve(cg->bu, m, &sp, x, &so);
	result = so.result;
out:
	free(fr);
	free(val);
	free(touched);
	free(cell);
	return result;
}

/*
 * One neighbourhood of the roster `type`: the employees with freed[e]
 * set may take any schedule, everybody else keeps theirs.  Columns are
 * first generated for the freed employees' classes (price_rounds rounds
 * on the duals of the restricted master), then the sub-problem
 * (nb_build) goes to GLPK from `type` (nb_solve).  SUB_OPTIMAL /
 * SUB_FEASIBLE with the roster in out (perhaps `type` itself), SUB_NONE,
 * or a negative status.
 */
int solver_colgen_neighbourhood(struct solver_colgen *cg, const int *type,
				const uint8_t *freed, int price_rounds,
				long node_limit, long iter_limit, int *out)
{
	long *colof = malloc(((size_t)cg->E + 1) * sizeof(long)), nl = 0;
	int *kept = NULL, *nfree = NULL, *used = NULL, result = SUB_NONE;
	long *lam = NULL;
	double *x = NULL;
	struct mip m;

	solver_mip_init(&m);
	if (!colof)
		return ROTA_ENOMEM;
	if ((result = columns_of(cg, type, colof)) < 0) {
		free(colof);
		return result;
	}
	if (price_rounds > 0 &&
	    (result = nb_price(cg, colof, freed, price_rounds)) < 0)
		goto out;
	/* the time cap came during the pricing: no time for the MIP (its
	 * first LP must finish) */
	if (solver_budget_past_cap(cg->bu)) {
		result = SUB_NONE;
		goto out;
	}
	kept = calloc(cg->ncol + 1, sizeof(int));
	used = calloc(cg->ncol + 1, sizeof(int));
	nfree = calloc((size_t)cg->ncls + 1, sizeof(int));
	lam = malloc((cg->ncol + 1) * sizeof(long));
	if (!kept || !used || !nfree || !lam) {
		result = ROTA_ENOMEM;
		goto out;
	}
	for (int e = 0; e < cg->E; e++) {
		if (freed[e]) {
			nfree[cg->class_of[e]]++;
			used[colof[e]]++;
		} else {
			kept[colof[e]]++;
		}
	}
	if ((nl = nb_build(cg, kept, nfree, &m, lam)) < 0) {
		result = (int)nl;
		goto out;
	}
	if (!(x = calloc((size_t)m.ncols + 1, sizeof(double)))) {
		result = ROTA_ENOMEM;
		goto out;
	}
	result = nb_solve(cg, &m, used, lam, nl, node_limit, iter_limit, x);
	if (result == SUB_OPTIMAL || result == SUB_FEASIBLE) {
		if (nb_read(cg, kept, lam, nl, x + (m.ncols - nl), out) < 0)
			result = ROTA_ENOMEM;
	} else if (result == SUB_ERROR) {
		result = SUB_NONE;
	}
out:
	solver_mip_free(&m);
	free(colof);
	free(kept);
	free(used);
	free(nfree);
	free(lam);
	free(x);
	return result;
}

/*
 * A days neighbourhood: every employee free on the days first ..
 * first + ndays - 1 and held to roster `type` on the others.  A cell
 * mask as the dive's keeps each employee's days outside the span, so the
 * pricing offers only weeks that agree there (the rules across the
 * span's edges are the pricer's as ever) and the restricted master's MIP
 * takes only such weeks.  Classes of one member only (the cell dive's
 * condition, solver_colgen_cell_dive).  As solver_colgen_neighbourhood.
 */
int solver_colgen_days_neighbourhood(struct solver_colgen *cg,
				     const int *type, int first, int ndays,
				     int price_rounds, long node_limit,
				     long iter_limit, int *out)
{
	size_t D = (size_t)cg->D;
	uint8_t *freed;
	int r;

	if (cg->mask || !solver_colgen_cell_dive(cg))
		return ROTA_EINVAL;
	freed = malloc((size_t)cg->E + 1);
	cg->mask = malloc((size_t)cg->ncls * D * sizeof(uint64_t) + 1);
	if (!freed || !cg->mask) {
		free(freed);
		free(cg->mask);
		cg->mask = NULL;
		return ROTA_ENOMEM;
	}
	for (int e = 0; e < cg->E; e++) {
		uint64_t *m = cg->mask + (size_t)cg->class_of[e] * D;

		freed[e] = 1;
		hold_outside(cg, m, type + (size_t)e * D, first, ndays);
	}
	r = solver_colgen_neighbourhood(cg, type, freed, price_rounds,
					node_limit, iter_limit, out);
	free(cg->mask);
	cg->mask = NULL;
	free(freed);
	return r;
}
