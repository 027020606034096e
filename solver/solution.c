/*
 * solver/solution.c - the caller's solution from the search's incumbent:
 * the roster, the objective's terms and each rule's share, the agents
 * served per interval and skill, each assignment's skill, the bound and
 * the model's size.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/search_int.h"

/* The main skill of multi-skilled assignments: the skill with the
 * largest share of its profile's allocation over the shift (alloc: the
 * allocation columns' values, [(t*(maxpi + 1) + profile)*K + k]). */
static void main_skills(const struct solver_search *st,
			struct rota_solution *sol, const double *alloc,
			int maxpi)
{
	const struct rota_problem *p = st->p;
	int D = st->D, K = st->K;

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
			if (pi < 0 || pi > maxpi ||
			    solver_search_popcount64(pm) < 2)
				continue;
			sl = rota_problem_slot(p, d, s);
			for (int t = sl->first_interval;
			     t < sl->end_interval; t++) {
				const double *al;
				double tot = 0;

				if (!rota_slot_covers(sl, t))
					continue;
				al = &alloc[((size_t)t * (size_t)(maxpi + 1) +
					      (size_t)pi) * (size_t)K];
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
}

/* Each column's part of the objective into sol's terms and each rule's
 * penalty and units, and the allocation columns' agents into
 * sol->served and alloc ([(t*(maxpi + 1) + profile)*K + k]). */
static void column_terms(const struct solver_search *st,
			 struct rota_solution *sol, double *alloc, int maxpi)
{
	const struct rota_problem *p = st->p;
	const struct mip *m = &st->full.mip;
	const double *x = st->inc;
	int K = st->K;
	struct rota_solve_stats *ss = &sol->stats;

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
}

int solver_search_fill_solution(struct solver_search *st,
				struct rota_solution *sol)
{
	const struct rota_problem *p = st->p;
	const struct mip *m = &st->full.mip;
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
	column_terms(st, sol, alloc, maxpi);
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
			if (solver_search_popcount64(pm) == 1) {
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
	/* the main skill of multi-skilled assignments (main_skills) */
	if (alloc) {
		main_skills(st, sol, alloc, maxpi);
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
			n += solver_search_changes_of(st, e);
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
