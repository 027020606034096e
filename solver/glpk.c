/*
 * solver/glpk.c - GLPK glue: solve a sub-MIP of a struct mip.
 *
 * Every index handed to GLPK is built here from our own validated arrays
 * (GLPK aborts the process on a bad index).  Presolve stays off when an
 * incumbent is injected: the callback must see our column numbers.
 */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"

struct cb_data {
	struct search *se;
	const struct sub_params *sp;
	const double *inject;   /* 1-based incumbent for GLPK, or NULL */
	int injected;
	double bound;           /* best bound seen in the tree */
	long nodes;
};

static void callback(glp_tree *tree, void *info)
{
	struct cb_data *cb = info;
	struct search *se = cb->se;
	int reason = glp_ios_reason(tree);
	int best;

	best = glp_ios_best_node(tree);
	if (best) {
		double b = glp_ios_node_bound(tree, best);

		if (b > cb->bound)
			cb->bound = b;
	}
	if (reason == GLP_IHEUR && cb->inject && !cb->injected) {
		cb->injected = 1;
		glp_ios_heur_sol(tree, cb->inject);
	}
	if (reason == GLP_ISELECT) {
		int a, n, t;

		glp_ios_tree_size(tree, &a, &n, &t);
		cb->nodes = t;
		if (cb->sp->node_limit > 0 && t >= cb->sp->node_limit)
			glp_ios_terminate(tree);
		if (cb->sp->iter_limit > 0 &&
		    glp_get_it_cnt(glp_ios_get_prob(tree)) >=
			    cb->sp->iter_limit)
			glp_ios_terminate(tree);
	}
	if (se && !cb->sp->no_deadline && !search_time_left(se))
		glp_ios_terminate(tree);
	if (se && cb->sp->report) {
		glp_prob *P = glp_ios_get_prob(tree);

		if (glp_mip_status(P) == GLP_FEAS ||
		    glp_mip_status(P) == GLP_OPT) {
			double z = glp_mip_obj_val(P);

			if (z < se->incumbent)
				se->incumbent = z;
		}
		if (best && cb->bound > se->bound &&
		    cb->bound <= se->incumbent + 1e-9)
			se->bound = cb->bound;
		search_report(se, reason == GLP_IBINGO);
	}
}

int sub_solve(struct search *se, const struct mip *m,
	      const struct sub_params *sp, double *x, struct sub_out *out)
{
	const double *obj = sp->obj ? sp->obj : m->obj;
	glp_prob *P = NULL;
	int *newcol = NULL, *oldcol = NULL, *keep = NULL;
	int *ia = NULL, *ja = NULL;
	double *ar = NULL, *rowfix = NULL, *inj = NULL;
	double objc;
	int nc = 0, nr = 0, nints = 0, rc;
	size_t nz = 0;
	struct cb_data cb;

	memset(out, 0, sizeof(*out));
	out->result = SUB_ERROR;
	out->bound = -HUGE_VAL;
	newcol = malloc(((size_t)m->ncols + 1) * sizeof(int));
	oldcol = malloc(((size_t)m->ncols + 1) * sizeof(int));
	keep = malloc(((size_t)m->nrows + 1) * sizeof(int));
	rowfix = malloc(((size_t)m->nrows + 1) * sizeof(double));
	if (!newcol || !oldcol || !keep || !rowfix)
		goto done;

	objc = m->obj_const;
	for (int j = 0; j < m->ncols; j++) {
		if (sp->free[j]) {
			newcol[j] = ++nc;
			oldcol[nc] = j;
			nints += m->is_int[j];
		} else {
			newcol[j] = 0;
			objc += obj[j] * sp->val[j];
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
		rowfix[i] = fix;
		if (nfree == 0) {
			/* a row of fixed columns only must hold already */
			if (fix < m->rlo[i] - 1e-6 || fix > m->rhi[i] + 1e-6) {
				out->result = SUB_INFEASIBLE;
				goto done;
			}
			keep[i] = 0;
			continue;
		}
		keep[i] = ++nr;
		nz += (size_t)nfree;
	}
	out->rows = nr;
	out->cols = nc;
	out->ints = nints;
	if (nc == 0) {
		/* nothing to decide */
		memcpy(x, sp->val, (size_t)m->ncols * sizeof(double));
		out->obj = objc;
		out->bound = objc;
		out->result = SUB_OPTIMAL;
		goto done;
	}
	ia = malloc((nz + 1) * sizeof(int));
	ja = malloc((nz + 1) * sizeof(int));
	ar = malloc((nz + 1) * sizeof(double));
	if (!ia || !ja || !ar)
		goto done;

	P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MIN);
	if (nr)
		glp_add_rows(P, nr);
	glp_add_cols(P, nc);
	glp_set_obj_coef(P, 0, objc);
	nz = 0;
	for (int i = 0; i < m->nrows; i++) {
		double lo, hi;
		int type;

		if (!keep[i])
			continue;
		lo = m->rlo[i] - rowfix[i];
		hi = m->rhi[i] - rowfix[i];
		if (isinf(m->rlo[i]) && isinf(m->rhi[i]))
			type = GLP_FR;
		else if (isinf(m->rlo[i]))
			type = GLP_UP;
		else if (isinf(m->rhi[i]))
			type = GLP_LO;
		else if (m->rlo[i] == m->rhi[i])
			type = GLP_FX;
		else
			type = GLP_DB;
		if (type == GLP_DB && hi < lo)
			hi = lo;
		glp_set_row_bnds(P, keep[i], type, isinf(lo) ? 0 : lo,
				 isinf(hi) ? 0 : hi);
		for (size_t a = m->rbeg[i]; a < m->rbeg[i + 1]; a++) {
			int j = m->rind[a];

			if (!sp->free[j])
				continue;
			nz++;
			ia[nz] = keep[i];
			ja[nz] = newcol[j];
			ar[nz] = m->rval[a];
		}
	}
	for (int c = 1; c <= nc; c++) {
		int j = oldcol[c];
		double lb = m->lb[j], ub = m->ub[j];
		int type;

		if (isinf(lb) && isinf(ub))
			type = GLP_FR;
		else if (isinf(ub))
			type = GLP_LO;
		else if (isinf(lb))
			type = GLP_UP;
		else if (lb == ub)
			type = GLP_FX;
		else
			type = GLP_DB;
		if (m->is_int[j] && !sp->lp_only)
			glp_set_col_kind(P, c, lb == 0 && ub == 1 ? GLP_BV
								   : GLP_IV);
		if (!(m->is_int[j] && lb == 0 && ub == 1) || sp->lp_only)
			glp_set_col_bnds(P, c, type, isinf(lb) ? 0 : lb,
					 isinf(ub) ? 0 : ub);
		glp_set_obj_coef(P, c, obj[j]);
	}
	if (nz)
		glp_load_matrix(P, (int)nz, ia, ja, ar);
	glp_scale_prob(P, GLP_SF_AUTO);

	memset(&cb, 0, sizeof(cb));
	cb.se = se;
	cb.sp = sp;
	cb.bound = -HUGE_VAL;

	if (sp->lp_only && sp->interior) {
		glp_iptcp ipt;

		glp_init_iptcp(&ipt);
		ipt.msg_lev = GLP_MSG_OFF;
		rc = glp_interior(P, &ipt);
		if (rc == GLP_ENOFEAS) {
			out->result = SUB_INFEASIBLE;
			goto done;
		}
		if (rc != 0 || glp_ipt_status(P) != GLP_OPT)
			goto done;
		for (int c = 1; c <= nc; c++)
			x[oldcol[c]] = glp_ipt_col_prim(P, c);
		for (int j = 0; j < m->ncols; j++)
			if (!sp->free[j])
				x[j] = sp->val[j];
		/* the interior point stops at a small duality gap: report the
		 * smaller of the primal and dual objectives as the bound */
		{
			double primal = glp_ipt_obj_val(P), dual = objc;

			for (int i = 1; i <= nr; i++) {
				int type = glp_get_row_type(P, i);
				double yi = glp_ipt_row_dual(P, i);

				if (type == GLP_LO || type == GLP_FX ||
				    (type == GLP_DB && yi > 0))
					dual += yi * glp_get_row_lb(P, i);
				else if (type == GLP_UP ||
					 (type == GLP_DB && yi < 0))
					dual += yi * glp_get_row_ub(P, i);
			}
			for (int c = 1; c <= nc; c++) {
				int type = glp_get_col_type(P, c);
				double dj = glp_ipt_col_dual(P, c);

				if (type == GLP_LO || type == GLP_FX ||
				    (type == GLP_DB && dj > 0))
					dual += dj * glp_get_col_lb(P, c);
				else if (type == GLP_UP ||
					 (type == GLP_DB && dj < 0))
					dual += dj * glp_get_col_ub(P, c);
			}
			out->obj = primal;
			out->bound = fmin(primal, dual);
		}
		out->result = SUB_OPTIMAL;
		goto done;
	}
	if (!sp->presolve || sp->lp_only || nints == 0) {
		glp_smcp smcp;

		glp_init_smcp(&smcp);
		smcp.msg_lev = GLP_MSG_OFF;
		smcp.presolve = GLP_OFF;
		if (sp->iter_limit > 0 && sp->iter_limit < INT_MAX)
			smcp.it_lim = (int)sp->iter_limit;
		if (se && se->deadline < HUGE_VAL && !sp->no_deadline) {
			double left = se->deadline - search_now();

			smcp.tm_lim = left > 0.001 ? (int)(left * 1000) : 1;
		}
		rc = glp_simplex(P, &smcp);
		out->iters = glp_get_it_cnt(P);
		if (rc == GLP_ETMLIM || rc == GLP_EITLIM) {
			out->result = SUB_NONE;
			goto done;
		}
		if (rc != 0) {
			/* retry from a fresh basis before giving up */
			glp_adv_basis(P, 0);
			rc = glp_simplex(P, &smcp);
		}
		if (rc != 0)
			goto done;
		if (glp_get_status(P) == GLP_NOFEAS ||
		    glp_get_prim_stat(P) == GLP_NOFEAS) {
			out->result = SUB_INFEASIBLE;
			goto done;
		}
		if (glp_get_status(P) != GLP_OPT)
			goto done;
		out->bound = glp_get_obj_val(P);
		if (sp->lp_only || nints == 0) {
			for (int c = 1; c <= nc; c++)
				x[oldcol[c]] = glp_get_col_prim(P, c);
			for (int j = 0; j < m->ncols; j++)
				if (!sp->free[j])
					x[j] = sp->val[j];
			out->obj = out->bound;
			out->result = SUB_OPTIMAL;
			goto done;
		}
	}

	if (sp->inject) {
		inj = malloc(((size_t)nc + 1) * sizeof(double));
		if (!inj)
			goto done;
		inj[0] = 0;
		for (int c = 1; c <= nc; c++)
			inj[c] = sp->val[oldcol[c]];
		cb.inject = inj;
	}
	{
		glp_iocp iocp;
		double left = HUGE_VAL;

		glp_init_iocp(&iocp);
		iocp.msg_lev = se && se->opt && se->opt->log && sp->report
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
		iocp.gmi_cuts = iocp.mir_cuts = iocp.cov_cuts =
			iocp.clq_cuts = sp->cuts ? GLP_ON : GLP_OFF;
		iocp.fp_heur = sp->fp_heur ? GLP_ON : GLP_OFF;
		iocp.ps_heur = sp->ps_heur ? GLP_ON : GLP_OFF;
		if (sp->time_limit_s > 0)
			left = sp->time_limit_s;
		if (se && se->deadline < HUGE_VAL && !sp->no_deadline &&
		    se->deadline - search_now() < left)
			left = se->deadline - search_now();
		if (left < HUGE_VAL)
			iocp.tm_lim = left > 0.001 ? (int)(left * 1000) : 1;
		if (iocp.ps_heur)
			iocp.ps_tm_lim = 2000;
		rc = glp_intopt(P, &iocp);
		out->nodes = cb.nodes;
		out->iters = glp_get_it_cnt(P);
		switch (glp_mip_status(P)) {
		case GLP_OPT:
			out->result = SUB_OPTIMAL;
			break;
		case GLP_FEAS:
			out->result = rc == GLP_EMIPGAP ? SUB_OPTIMAL
							: SUB_FEASIBLE;
			break;
		case GLP_NOFEAS:
			out->result = SUB_INFEASIBLE;
			goto done;
		default:
			out->result = rc == 0 || rc == GLP_ENOPFS ||
						      rc == GLP_ENODFS
					      ? SUB_INFEASIBLE
					      : SUB_NONE;
			if (rc != 0 && rc != GLP_ENOPFS && rc != GLP_ENODFS &&
			    rc != GLP_ETMLIM && rc != GLP_ESTOP &&
			    rc != GLP_EMIPGAP)
				out->result = SUB_ERROR;
			goto done;
		}
		out->obj = glp_mip_obj_val(P);
		if (out->result == SUB_OPTIMAL && rc == 0)
			out->bound = out->obj;
		else if (cb.bound > out->bound)
			out->bound = cb.bound < out->obj ? cb.bound : out->obj;
		for (int c = 1; c <= nc; c++) {
			int j = oldcol[c];
			double v = glp_mip_col_val(P, c);

			x[j] = m->is_int[j] ? floor(v + 0.5) : v;
		}
		for (int j = 0; j < m->ncols; j++)
			if (!sp->free[j])
				x[j] = sp->val[j];
	}
done:
	if (P)
		glp_delete_prob(P);
	free(newcol);
	free(oldcol);
	free(keep);
	free(rowfix);
	free(ia);
	free(ja);
	free(ar);
	free(inj);
	return out->result == SUB_ERROR ? ROTA_ESOLVER : 0;
}
