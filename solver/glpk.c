/*
 * solver/glpk.c - GLPK glue: solve a sub-MIP of a struct mip.
 *
 * Every index handed to GLPK is built here from our own validated arrays
 * (GLPK aborts the process on a bad index).  Presolve stays off when an
 * incumbent is injected: the callback must see our column numbers.  The
 * work GLPK does (simplex iterations, nodes) is charged to the budget;
 * the budget's work limit and time cap stop it.
 */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"

/*
 * Work units (docs/model.md, Determinism): a simplex iteration costs in
 * proportion to the size of the problem it runs on, so one unit is an
 * iteration on a problem of WORK_SIZE rows and columns (at least one unit
 * an iteration); a branch-and-bound node costs as much as NODE_ITERS
 * iterations; mapping a sub-problem out of the full model costs its
 * nonzeros, rows and columns over MAP_WORK.  Measured on the contact-centre
 * weeks and the benchmark: about 100,000 units a second of one core.
 */
#define WORK_SIZE 1000.0
#define NODE_ITERS 10.0
#define MAP_WORK 1000.0


/* The sub-problem: free columns and rows that still have one. */
struct sub {
	const struct mip *m;
	const struct sub_params *sp;
	const double *obj;
	int *newcol;      /* [j] -> GLPK column, 0 when fixed */
	int *oldcol;      /* [c] -> j */
	int *keep;        /* [i] -> GLPK row, 0 when dropped */
	double *rowfix;   /* [i] the fixed columns' part of row i */
	double objc;      /* objective of the fixed part */
	int nc, nr, nints;
	size_t nz;
	glp_prob *P;
};

static double iter_work(const struct sub *s)
{
	return fmax(1.0, (s->nr + s->nc) / WORK_SIZE);
}

struct cb_data {
	struct solver_budget *bu;
	const struct sub_params *sp;
	double per_iter;        /* work of one iteration */
	const double *inject;   /* 1-based incumbent for GLPK, or NULL */
	int injected;
	double bound;           /* best bound seen in the tree */
	long nodes;
};

static int budget_spent(struct solver_budget *bu, const struct sub_params *sp,
			double work_now)
{
	if (!bu || sp->must_finish)
		return 0;
	if (bu->work + work_now >= bu->work_limit) {
		bu->stopped_by = ROTA_STOP_WORK;
		return 1;
	}
	return !solver_budget_time_left(bu);
}

static void callback(glp_tree *tree, void *info)
{
	struct cb_data *cb = info;
	struct solver_budget *bu = cb->bu;
	int reason = glp_ios_reason(tree);
	int best = glp_ios_best_node(tree), a, n, t;
	long iters = glp_get_it_cnt(glp_ios_get_prob(tree));

	if (best) {
		double b = glp_ios_node_bound(tree, best);

		if (b > cb->bound)
			cb->bound = b;
	}
	if (reason == GLP_IHEUR && cb->inject && !cb->injected) {
		cb->injected = 1;
		glp_ios_heur_sol(tree, cb->inject);
	}
	glp_ios_tree_size(tree, &a, &n, &t);
	cb->nodes = t;
	if (reason == GLP_ISELECT &&
	    ((cb->sp->node_limit > 0 && t >= cb->sp->node_limit) ||
	     (cb->sp->iter_limit > 0 && iters >= cb->sp->iter_limit)))
		glp_ios_terminate(tree);
	if (budget_spent(bu, cb->sp,
			 cb->per_iter * ((double)iters + NODE_ITERS * t)))
		glp_ios_terminate(tree);
	if (bu && cb->sp->report) {
		glp_prob *P = glp_ios_get_prob(tree);

		if (glp_mip_status(P) == GLP_FEAS ||
		    glp_mip_status(P) == GLP_OPT) {
			double z = glp_mip_obj_val(P);

			if (z < bu->incumbent)
				bu->incumbent = z;
		}
		if (best && cb->bound > bu->bound &&
		    cb->bound <= bu->incumbent + 1e-9)
			bu->bound = cb->bound;
		solver_budget_report(bu, reason == GLP_IBINGO);
	}
}

static void sub_release(struct sub *s)
{
	if (s->P)
		glp_delete_prob(s->P);
	free(s->newcol);
	free(s->oldcol);
	free(s->keep);
	free(s->rowfix);
}

/*
 * Which columns and rows the sub-problem keeps: fixed columns go into the
 * row bounds and the objective constant; a row left without a free column
 * must hold already (else SUB_INFEASIBLE).  Returns SUB_OPTIMAL to go on,
 * or the final result.
 */
static int sub_map(struct sub *s)
{
	const struct mip *m = s->m;
	const struct sub_params *sp = s->sp;

	s->newcol = malloc(((size_t)m->ncols + 1) * sizeof(int));
	s->oldcol = malloc(((size_t)m->ncols + 1) * sizeof(int));
	s->keep = malloc(((size_t)m->nrows + 1) * sizeof(int));
	s->rowfix = malloc(((size_t)m->nrows + 1) * sizeof(double));
	if (!s->newcol || !s->oldcol || !s->keep || !s->rowfix)
		return SUB_ERROR;
	s->objc = m->obj_const;
	for (int j = 0; j < m->ncols; j++) {
		if (sp->free[j]) {
			s->newcol[j] = ++s->nc;
			s->oldcol[s->nc] = j;
			s->nints += m->is_int[j];
		} else {
			s->newcol[j] = 0;
			s->objc += s->obj[j] * sp->val[j];
		}
	}
	for (int i = 0; i < m->nrows; i++) {
		double fix = 0;
		int nfree = 0;

		for (size_t a = m->rbeg[i]; a < m->rbeg[i + 1]; a++) {
			int j = m->rind[a];

			if (sp->free[j])
				nfree++;
			else
				fix += m->rval[a] * sp->val[j];
		}
		s->rowfix[i] = fix;
		if (nfree == 0) {
			if (fix < m->rlo[i] - 1e-6 || fix > m->rhi[i] + 1e-6)
				return SUB_INFEASIBLE;
			s->keep[i] = 0;
			continue;
		}
		s->keep[i] = ++s->nr;
		s->nz += (size_t)nfree;
	}
	return SUB_OPTIMAL;
}

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

/* The GLPK problem of the mapped sub-problem. */
static int sub_load(struct sub *s)
{
	const struct mip *m = s->m;
	const struct sub_params *sp = s->sp;
	int *ia = malloc((s->nz + 1) * sizeof(int));
	int *ja = malloc((s->nz + 1) * sizeof(int));
	double *ar = malloc((s->nz + 1) * sizeof(double));
	size_t nz = 0;

	if (!ia || !ja || !ar) {
		free(ia);
		free(ja);
		free(ar);
		return -1;
	}
	s->P = glp_create_prob();
	glp_set_obj_dir(s->P, GLP_MIN);
	if (s->nr)
		glp_add_rows(s->P, s->nr);
	glp_add_cols(s->P, s->nc);
	glp_set_obj_coef(s->P, 0, s->objc);
	for (int i = 0; i < m->nrows; i++) {
		double lo = m->rlo[i] - s->rowfix[i];
		double hi = m->rhi[i] - s->rowfix[i];
		int type = bound_type(m->rlo[i], m->rhi[i]);

		if (!s->keep[i])
			continue;
		if (type == GLP_DB && hi < lo)
			hi = lo;
		glp_set_row_bnds(s->P, s->keep[i], type, isinf(lo) ? 0 : lo,
				 isinf(hi) ? 0 : hi);
		for (size_t a = m->rbeg[i]; a < m->rbeg[i + 1]; a++) {
			int j = m->rind[a];

			if (!sp->free[j])
				continue;
			nz++;
			ia[nz] = s->keep[i];
			ja[nz] = s->newcol[j];
			ar[nz] = m->rval[a];
		}
	}
	for (int c = 1; c <= s->nc; c++) {
		int j = s->oldcol[c];
		double lb = m->lb[j], ub = m->ub[j];
		int binary = m->is_int[j] && lb == 0 && ub == 1;

		if (m->is_int[j] && !sp->lp_only)
			glp_set_col_kind(s->P, c, binary ? GLP_BV : GLP_IV);
		if (!binary || sp->lp_only)
			glp_set_col_bnds(s->P, c, bound_type(lb, ub),
					 isinf(lb) ? 0 : lb, isinf(ub) ? 0 : ub);
		glp_set_obj_coef(s->P, c, s->obj[j]);
	}
	if (nz)
		glp_load_matrix(s->P, (int)nz, ia, ja, ar);
	glp_scale_prob(s->P, GLP_SF_AUTO);
	free(ia);
	free(ja);
	free(ar);
	return 0;
}

/* Free columns from get(P, c), fixed ones from val; integers rounded. */
static void sub_read(const struct sub *s, double (*get)(glp_prob *, int),
		     double *x)
{
	const struct mip *m = s->m;

	for (int c = 1; c <= s->nc; c++) {
		int j = s->oldcol[c];
		double v = get(s->P, c);

		x[j] = m->is_int[j] && !s->sp->lp_only ? floor(v + 0.5) : v;
	}
	for (int j = 0; j < m->ncols; j++)
		if (!s->sp->free[j])
			x[j] = s->sp->val[j];
}

/* Seconds GLPK may take: the budget's time cap, the call's own limit. */
static double time_left(const struct solver_budget *bu,
			const struct sub_params *sp)
{
	double left = sp->time_limit_s > 0 ? sp->time_limit_s : HUGE_VAL;

	if (bu && bu->deadline < HUGE_VAL && !sp->must_finish &&
	    bu->deadline - solver_now() < left)
		left = bu->deadline - solver_now();
	return left;
}

static int glpk_ms(double seconds)
{
	return seconds > 0.001 ? (int)fmin(seconds * 1000, INT_MAX) : 1;
}

int solver_glpk_tm_lim(const struct solver_budget *bu)
{
	return bu && bu->deadline < HUGE_VAL
		       ? glpk_ms(bu->deadline - solver_now())
		       : INT_MAX;
}

/*
 * A lower bound from any row duals y, dual feasible or not (Lagrangian
 * relaxation of the rows): clamp y to the signs the row types allow, then
 *
 *     L(y) = objc + sum_i y_i * (lo_i if y_i > 0 else hi_i)
 *                 + sum_j min over x_j in [lb_j, ub_j] of d_j * x_j,
 *     d = c - A'y,
 *
 * which is <= the objective of every x in the box.  A column unbounded on
 * the side its reduced cost points to takes sp->box there (a bound some
 * optimal solution respects, given by the caller), so an interior point
 * that is not quite dual feasible, or one GLPK stopped at, still gives a
 * true bound, close to the LP's value when the point is close to optimal.
 */
static double dual_bound(const struct sub *s, const double *y_in)
{
	const struct mip *m = s->m;
	double box = s->sp->box > 0 ? s->sp->box : HUGE_VAL;
	double *d = calloc((size_t)s->nc + 1, sizeof(double));
	double L = s->objc;

	if (!d)
		return -HUGE_VAL;
	for (int c = 1; c <= s->nc; c++)
		d[c] = s->obj[s->oldcol[c]];
	for (int i = 0; i < m->nrows; i++) {
		int r = s->keep[i];
		double lo = m->rlo[i] - s->rowfix[i];
		double hi = m->rhi[i] - s->rowfix[i];
		double y = r ? y_in[r] : 0;

		if (!r)
			continue;
		if (hi < lo)
			hi = lo; /* as sub_load gave it to GLPK */
		if ((y > 0 && isinf(lo)) || (y < 0 && isinf(hi)) || !isfinite(y))
			y = 0;
		if (y > 0)
			L += y * lo;
		else if (y < 0)
			L += y * hi;
		for (size_t a = m->rbeg[i]; a < m->rbeg[i + 1]; a++)
			if (s->sp->free[m->rind[a]])
				d[s->newcol[m->rind[a]]] -= m->rval[a] * y;
	}
	for (int c = 1; c <= s->nc; c++) {
		int j = s->oldcol[c];
		double lb = isinf(m->lb[j]) ? -box : m->lb[j];
		double ub = isinf(m->ub[j]) ? box : m->ub[j];

		L += d[c] >= 0 ? d[c] * lb : d[c] * ub;
	}
	free(d);
	return isnan(L) ? -HUGE_VAL : L;
}

/* c rounded to 6 significant digits: a perturbed objective for a retry */
static double round6(double c)
{
	double e;

	if (c == 0 || !isfinite(c))
		return c;
	e = pow(10, floor(log10(fabs(c))) - 5);
	return round(c / e) * e;
}

/*
 * glp_interior with the ordering ord, on the objective rounded to 6
 * significant digits when perturb is set (the bound stays true: dual_bound
 * prices the duals with the exact objective); the dual bound of the point
 * it ends at (its best point when it stops early), -HUGE_VAL when none.
 */
static double interior_run(struct sub *s, int ord, int perturb, int *rc)
{
	glp_iptcp ipt;
	double *y, L;

	for (int c = 1; perturb && c <= s->nc; c++)
		glp_set_obj_coef(s->P, c, round6(s->obj[s->oldcol[c]]));
	glp_init_iptcp(&ipt);
	ipt.msg_lev = GLP_MSG_OFF;
	ipt.ord_alg = ord;
	*rc = glp_interior(s->P, &ipt);
	for (int c = 1; perturb && c <= s->nc; c++)
		glp_set_obj_coef(s->P, c, s->obj[s->oldcol[c]]);
	if (*rc != 0 && *rc != GLP_EINSTAB && *rc != GLP_EITLIM)
		return -HUGE_VAL;
	if (!(y = malloc(((size_t)s->nr + 1) * sizeof(double))))
		return -HUGE_VAL;
	for (int i = 1; i <= s->nr; i++)
		y[i] = glp_ipt_row_dual(s->P, i);
	L = dual_bound(s, y);
	free(y);
	return L;
}

/*
 * The LP by the interior-point method: far faster on the whole roster LP,
 * no basis.  GLPK's method stops on numerical instability now and then,
 * depending on the last bits of the data (measured: the 1,000-agent week
 * with the AMD ordering, the 200-agent week with SYMAMD, each fine with the
 * other or after rounding the objective), so the first run is on the
 * objective rounded to 6 digits (fine on the 50-, 200- and 1,000-agent
 * weeks), and on a failure it runs again on the exact objective, then
 * with the other ordering.  The bound is
 * dual_bound's, the best of the runs, valid whether or not a run reached
 * optimality; SUB_OPTIMAL (with the primal point in x, whose objective is
 * the exact one) only when one did, SUB_FEASIBLE with just the bound when
 * none did.
 */
static int sub_interior(struct sub *s, struct solver_budget *bu, double *x,
			struct sub_out *out)
{
	static const int tries[3][2] = {{GLP_ORD_AMD, 1},
					{GLP_ORD_AMD, 0},
					{GLP_ORD_SYMAMD, 0}};
	/* GLPK does not count its interior-point work; this estimate,
	 * charged as iterations of the problem's size, matches the seconds
	 * measured on the 50-, 200- and 1,000-agent weeks (2.3 s, 9.4 s,
	 * 25 s at about 100,000 units a second) */
	long per_run = (long)((s->nz / 8 + (size_t)s->nr) / 3);
	double L = -HUGE_VAL, took = 0;
	int rc = 0, ok = 0;

	out->iters = 0;
	for (int i = 0; i < 3 && !ok; i++) {
		double Li, t0;

		/* a run cannot be stopped: retry only inside the limits, and
		 * only when the time cap leaves as long as the last run took
		 * (Curtois Instance 13: a retry ran 40 s past a 120 s cap) */
		if (i > 0 && budget_spent(bu, s->sp,
					  iter_work(s) * (double)out->iters))
			break;
		if (i > 0 && bu && !s->sp->must_finish &&
		    bu->deadline < HUGE_VAL &&
		    solver_now() + took > bu->deadline) {
			solver_budget_time_cut(bu);
			break;
		}
		t0 = solver_now();
		Li = interior_run(s, tries[i][0], tries[i][1], &rc);
		took = solver_now() - t0;

		out->iters += per_run;
		L = fmax(L, Li);
		if (rc == GLP_ENOFEAS)
			return SUB_INFEASIBLE;
		ok = rc == 0 && glp_ipt_status(s->P) == GLP_OPT;
	}
	out->bound = L;
	if (!ok)
		return isfinite(L) ? SUB_FEASIBLE : SUB_ERROR;
	sub_read(s, glp_ipt_col_prim, x);
	out->obj = 0;
	for (int j = 0; j < s->m->ncols; j++)
		out->obj += s->obj[j] * x[j];
	out->obj += s->m->obj_const;
	out->bound = fmin(out->obj, L);
	return SUB_OPTIMAL;
}

/* A nonbasic status for column or row bounds, at the end v is nearest. */
static int nonbasic(int type, double v, double lb, double ub)
{
	switch (type) {
	case GLP_FR:
		return GLP_NF;
	case GLP_LO:
		return GLP_NL;
	case GLP_UP:
		return GLP_NU;
	case GLP_FX:
		return GLP_NS;
	default:
		return v - lb <= ub - v ? GLP_NL : GLP_NU;
	}
}

/*
 * A starting basis from the incumbent in sp->val: integer columns
 * nonbasic at their value; rows basic when slack; each continuous column
 * strictly inside its bounds basic in one row of its own (columns with
 * fewer rows first, as a triangular crash does); every other row takes its
 * auxiliary.  A column that finds no row of its own stays nonbasic (the
 * primal simplex's phase 1 mends the few it makes infeasible).  Returns -1
 * when the matrix is singular: the caller then takes another start.
 */
static int incumbent_basis(struct sub *s)
{
	const struct mip *m = s->m;
	const double *v = s->sp->val;
	uint8_t *taken = calloc((size_t)s->nr + 1, 1);
	int *cols = malloc(((size_t)s->nc + 1) * sizeof(int));
	int *ind = malloc(((size_t)s->nr + 1) * sizeof(int));
	int n = 0, rc = -1;

	if (!taken || !cols || !ind)
		goto out;
	for (int i = 0; i < m->nrows; i++) {
		int r = s->keep[i];
		double act = 0, lo = m->rlo[i], hi = m->rhi[i];

		if (!r)
			continue;
		for (size_t a = m->rbeg[i]; a < m->rbeg[i + 1]; a++)
			act += m->rval[a] * v[m->rind[a]];
		if (act > lo + 1e-7 && act < hi - 1e-7) {
			glp_set_row_stat(s->P, r, GLP_BS);
			taken[r] = 1;
		} else {
			glp_set_row_stat(s->P, r,
					 nonbasic(glp_get_row_type(s->P, r),
						  act, lo, hi));
		}
	}
	for (int c = 1; c <= s->nc; c++) {
		int j = s->oldcol[c];
		double lb = m->lb[j], ub = m->ub[j];

		glp_set_col_stat(s->P, c,
				 nonbasic(glp_get_col_type(s->P, c), v[j], lb,
					  ub));
		if (!m->is_int[j] && v[j] > lb + 1e-9 && v[j] < ub - 1e-9)
			cols[n++] = c;
	}
	/* fewest rows first: counting sort by length, lengths up to 8 */
	for (int len = 1; len <= 9; len++)
		for (int k = 0; k < n; k++) {
			int c = cols[k], cnt, r = 0;

			if (c < 0)
				continue;
			cnt = glp_get_mat_col(s->P, c, ind, NULL);
			if (len < 9 && cnt != len)
				continue;
			for (int a = 1; a <= cnt && !r; a++)
				if (!taken[ind[a]])
					r = ind[a];
			cols[k] = -1;
			if (!r)
				continue; /* stays nonbasic: phase 1 mends it */
			taken[r] = 1;
			glp_set_col_stat(s->P, c, GLP_BS);
		}
	for (int r = 1; r <= s->nr; r++)
		if (!taken[r])
			glp_set_row_stat(s->P, r, GLP_BS);
	rc = glp_factorize(s->P) == 0 ? 0 : -1;
out:
	free(taken);
	free(cols);
	free(ind);
	return rc;
}

/* The LP relaxation by the simplex method (the root of a MIP without
 * presolve needs it too); SUB_OPTIMAL with the LP in x when lp_only. */
static int sub_simplex(struct sub *s, struct solver_budget *bu, double *x,
		       struct sub_out *out)
{
	const struct sub_params *sp = s->sp;
	glp_smcp smcp;
	double limit = sp->iter_limit > 0 ? (double)sp->iter_limit : HUGE_VAL;
	int rc;

	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.presolve = sp->lp_presolve ? GLP_ON : GLP_OFF;
	if (!(sp->inject && sp->warm && incumbent_basis(s) == 0) && sp->crash)
		glp_adv_basis(s->P, 0);
	if (bu && !sp->must_finish)
		limit = fmin(limit, fmax(1.0, solver_budget_work_left(bu) /
						      iter_work(s)));
	if (limit < INT_MAX)
		smcp.it_lim = (int)limit;
	if (time_left(bu, sp) < HUGE_VAL)
		smcp.tm_lim = glpk_ms(time_left(bu, sp));
	rc = glp_simplex(s->P, &smcp);
	if (rc != 0 && rc != GLP_ETMLIM && rc != GLP_EITLIM) {
		/* retry from a fresh basis before giving up */
		glp_adv_basis(s->P, 0);
		rc = glp_simplex(s->P, &smcp);
	}
	out->iters = glp_get_it_cnt(s->P);
	if (rc == GLP_ETMLIM || rc == GLP_EITLIM) {
		if (rc == GLP_ETMLIM && bu)
			solver_budget_time_cut(bu);
		budget_spent(bu, sp, iter_work(s) * (double)out->iters);
		return SUB_NONE;
	}
	if (rc != 0)
		return SUB_ERROR;
	if (glp_get_status(s->P) == GLP_NOFEAS ||
	    glp_get_prim_stat(s->P) == GLP_NOFEAS)
		return SUB_INFEASIBLE;
	if (glp_get_status(s->P) != GLP_OPT)
		return SUB_ERROR;
	out->bound = glp_get_obj_val(s->P);
	if (sp->lp_only || s->nints == 0) {
		sub_read(s, glp_get_col_prim, x);
		out->obj = out->bound;
	}
	return SUB_OPTIMAL;
}

/* Branch-and-bound, from the LP (presolve off) or with GLPK's presolver. */
static int sub_intopt(struct sub *s, struct solver_budget *bu, double *x,
		      struct sub_out *out)
{
	const struct sub_params *sp = s->sp;
	struct cb_data cb;
	glp_iocp iocp;
	double *inj = NULL;
	int rc, result;

	memset(&cb, 0, sizeof(cb));
	cb.bu = bu;
	cb.sp = sp;
	cb.bound = -HUGE_VAL;
	cb.per_iter = iter_work(s);
	if (sp->inject) {
		if (!(inj = malloc(((size_t)s->nc + 1) * sizeof(double))))
			return SUB_ERROR;
		inj[0] = 0;
		for (int c = 1; c <= s->nc; c++)
			inj[c] = sp->val[s->oldcol[c]];
		cb.inject = inj;
	}
	glp_init_iocp(&iocp);
	iocp.msg_lev = bu && bu->opt && bu->opt->log && sp->report
			       ? GLP_MSG_ON
			       : GLP_MSG_OFF;
	iocp.presolve = sp->presolve && !sp->inject ? GLP_ON : GLP_OFF;
	iocp.cb_func = callback;
	iocp.cb_info = &cb;
	iocp.mip_gap = sp->gap;
	iocp.br_tech = sp->pseudo_cost	   ? GLP_BR_PCH
		       : sp->most_fractional ? GLP_BR_MFV
					     : GLP_BR_DTH;
	iocp.bt_tech = GLP_BT_BLB;
	iocp.gmi_cuts = iocp.mir_cuts = iocp.cov_cuts = iocp.clq_cuts =
		sp->cuts ? GLP_ON : GLP_OFF;
	iocp.fp_heur = sp->fp_heur ? GLP_ON : GLP_OFF;
	iocp.ps_heur = sp->ps_heur ? GLP_ON : GLP_OFF;
	if (time_left(bu, sp) < HUGE_VAL)
		iocp.tm_lim = glpk_ms(time_left(bu, sp));
	if (iocp.ps_heur)
		iocp.ps_tm_lim = 2000;
	rc = glp_intopt(s->P, &iocp);
	free(inj);
	/* GLPK's own time limit may be the budget's cap: say so, as the
	 * LP's path does through budget_spent (a whole MIP stopped there
	 * had the search report "done" at the cap: Curtois 14 at --effort
	 * 10, 600.0 s) */
	if (rc == GLP_ETMLIM && bu)
		solver_budget_time_cut(bu);
	out->nodes = cb.nodes;
	out->iters = glp_get_it_cnt(s->P);
	switch (glp_mip_status(s->P)) {
	case GLP_OPT:
		result = SUB_OPTIMAL;
		break;
	case GLP_FEAS:
		result = rc == GLP_EMIPGAP ? SUB_OPTIMAL : SUB_FEASIBLE;
		break;
	case GLP_NOFEAS:
		return SUB_INFEASIBLE;
	default:
		if (rc == 0 || rc == GLP_ENOPFS || rc == GLP_ENODFS)
			return SUB_INFEASIBLE;
		if (rc == GLP_ETMLIM || rc == GLP_ESTOP || rc == GLP_EMIPGAP)
			return SUB_NONE;
		return SUB_ERROR;
	}
	out->obj = glp_mip_obj_val(s->P);
	if (result == SUB_OPTIMAL && rc == 0)
		out->bound = out->obj;
	else if (cb.bound > out->bound)
		out->bound = fmin(cb.bound, out->obj);
	sub_read(s, glp_mip_col_val, x);
	return result;
}

int solver_sub_solve(struct solver_budget *bu, const struct mip *m,
		     const struct sub_params *sp, double *x,
		     struct sub_out *out)
{
	struct sub s;

	memset(out, 0, sizeof(*out));
	memset(&s, 0, sizeof(s));
	out->bound = -HUGE_VAL;
	s.m = m;
	s.sp = sp;
	s.obj = sp->obj ? sp->obj : m->obj;
	out->result = sub_map(&s);
	out->rows = s.nr;
	out->cols = s.nc;
	out->ints = s.nints;
	if (out->result != SUB_OPTIMAL)
		goto done;
	if (s.nc == 0) {
		/* nothing to decide */
		memcpy(x, sp->val, (size_t)m->ncols * sizeof(double));
		out->obj = out->bound = s.objc;
		goto done;
	}
	if (sub_load(&s) < 0) {
		out->result = SUB_ERROR;
		goto done;
	}
	if (sp->lp_only && sp->interior) {
		out->result = sub_interior(&s, bu, x, out);
		goto done;
	}
	if (!sp->presolve || sp->lp_only || s.nints == 0) {
		out->result = sub_simplex(&s, bu, x, out);
		if (out->result != SUB_OPTIMAL || sp->lp_only || s.nints == 0)
			goto done;
	}
	out->result = sub_intopt(&s, bu, x, out);
done:
	if (bu)
		solver_budget_spend(
			bu, iter_work(&s) * ((double)out->iters +
					     NODE_ITERS * (double)out->nodes) +
				    (double)(m->nrows + m->ncols +
					     (m->rbeg ? m->rbeg[m->nrows] : 0)) /
					    MAP_WORK);
	sub_release(&s);
	return out->result == SUB_ERROR ? ROTA_ESOLVER : 0;
}
