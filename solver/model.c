/*
 * solver/model.c - the roster MIP (docs/model.md, "Roster model", uses the
 * same symbols).
 *
 *   x[e,d,s]  binary, only where e may work s on d
 *   w[e,d]    = sum_s x[e,d,s]  (an expression, not a column)
 *   y[t,P,k]  agents of skill profile P counted on skill k in interval t
 *   u, o      under/over-staffing of interval demand; cu, co of shift cover
 *   v         units a soft rule is broken by
 *   z[e,i]    weekend i worked (continuous: z >= w on its days)
 *   fmax/fmin spread of weekend days and late shifts in a fairness group
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"

#define INF HUGE_VAL

uint64_t solver_model_profile(const struct rota_problem *p, int e, int s)
{
	uint64_t all = p->n_skills >= 64 ? ~UINT64_C(0)
					 : (UINT64_C(1) << p->n_skills) - 1;
	uint64_t serve = p->types[s].skills ? p->types[s].skills : all;

	return p->employees[e].skills & serve;
}

int solver_model_rest_conflict(const struct rota_problem *p, int d1, int s1,
			       int d2, int s2, int rest_min)
{
	const struct rota_slot *a = rota_problem_slot(p, d1, s1);
	const struct rota_slot *b = rota_problem_slot(p, d2, s2);

	return b->start - a->end < (int64_t)rest_min * 60;
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

struct builder {
	struct roster_model *rm;
	struct mip *m;
	const struct rota_problem *p;
	const struct model_spec *spec;
	int D, S, E, T, K;
	int *list;     /* scratch: columns */
	double *coef;  /* scratch: coefficients */
	int nlist;
};

static int included(const struct builder *b, int e)
{
	return (!b->spec->employees || b->spec->employees[e]) &&
	       (!b->spec->mult || b->spec->mult[e] > 0);
}

/* how many employees e stands for */
static double mult(const struct builder *b, int e)
{
	return b->spec->mult ? b->spec->mult[e] : 1;
}

static int relaxed(const struct builder *b, int group)
{
	return (b->spec->relaxed >> group) & 1u;
}

/* A rule row for employee e: sum (cols, coefs) in [lo, hi]; when the rule
 * is soft (weight > 0) a violation column relaxes the violated side. */
static void rule_row(struct builder *b, int e, int rule, double weight,
		     const int *cols, const double *coef, int n, double lo,
		     double hi, int a)
{
	struct mip *m = b->m;
	int row, v = -1;

	if (weight > 0 && !b->spec->objective)
		return; /* feasibility only: soft rules cannot conflict */
	row = solver_mip_add_row(m, lo, hi, rule, e);
	for (int i = 0; i < n; i++)
		solver_mip_add_coef(m, row, cols[i], coef ? coef[i] : 1.0);
	if (weight > 0) {
		struct col_tag tag = {COL_VIOL, (uint8_t)rule, e, e, a, 0};

		v = solver_mip_add_col(m, 0, INF, weight * mult(b, e), 0, tag);
		/* one side only is ever finite for a soft rule row */
		solver_mip_add_coef(m, row, v, isinf(hi) ? 1.0 : -1.0);
	}
}

/* x columns of employee e on day d into b->list (appending). */
static void day_cols(struct builder *b, int e, int d)
{
	for (int s = 0; s < b->S; s++) {
		int j = model_x(b->rm, e, d, s);

		if (j >= 0)
			b->list[b->nlist++] = j;
	}
}

static int create_x(struct builder *b)
{
	const struct rota_problem *p = b->p;
	struct mip *m = b->m;

	for (int e = 0; e < b->E; e++) {
		const struct rota_problem_employee *pe = &p->employees[e];
		const struct rota_history *h = &pe->history;
		const struct rota_future *fu = &pe->future;
		const struct rota_rule_value *rest =
			&pe->rule[ROTA_RULE_min_rest_min];

		if (!included(b, e))
			continue;
		for (int d = 0; d < b->D; d++) {
			int pin = relaxed(b, GROUP_FIXED)
					  ? ROTA_FREE
					  : rota_problem_fixed(p, e, d);

			for (int s = 0; s < b->S; s++) {
				const struct rota_slot *sl =
					rota_problem_slot(p, d, s);
				const struct rota_shift_type *ty =
					&p->types[s];
				struct col_tag tag = {COL_X, 0, e, e, d, s};
				double obj = 0;
				int j, rest_bad = 0;

				if (pin != ROTA_FREE && pin != s)
					continue;
				if (!sl->allowed && !relaxed(b, GROUP_OFFER))
					continue;
				if (rota_problem_unavailable(p, e, d, s) &&
				    !relaxed(b, GROUP_UNAV))
					continue;
				if (p->n_skills && ty->skills &&
				    !(ty->skills & pe->skills) &&
				    !relaxed(b, GROUP_QUAL))
					continue;
				if (d == 0 && h->known && h->last_type >= 0 &&
				    p->ban[h->last_type * b->S + s] &&
				    !relaxed(b, GROUP_BAN))
					continue;
				if (d == b->D - 1 && fu->known &&
				    fu->first_type >= 0 &&
				    p->ban[s * b->S + fu->first_type] &&
				    !relaxed(b, GROUP_BAN))
					continue;
				/* rest after last week's last shift and
				 * before next week's first: one pair each */
				if (h->known && h->last_end != INT64_MIN &&
				    rest->value != ROTA_UNSET &&
				    sl->start - h->last_end <
					    (int64_t)rest->value * 60)
					rest_bad++;
				if (fu->known && fu->first_start != INT64_MAX &&
				    rest->value != ROTA_UNSET &&
				    fu->first_start - sl->end <
					    (int64_t)rest->value * 60)
					rest_bad++;
				if (rest_bad && rest->weight == 0 &&
				    !relaxed(b, ROTA_RULE_min_rest_min))
					continue;
				if (b->spec->objective)
					obj = p->cost_per_min * ty->paid_min *
					      mult(b, e);
				j = solver_mip_add_col(m, pin == s ? 1 : 0, 1, obj, 1,
						tag);
				if (j < 0)
					return -1;
				b->rm->xcol[((size_t)(e - b->rm->x_lo) *
						     (size_t)b->D + (size_t)d) *
						    (size_t)b->S + (size_t)s] = j;
				b->rm->n_x++;
				if (rest_bad && rest->weight > 0 &&
				    b->spec->objective) {
					/* v >= pairs x: the pairs too close */
					int cols[1] = {j};
					double coef[1] = {rest_bad};

					rule_row(b, e, ROTA_RULE_min_rest_min,
						 rest->weight, cols, coef, 1,
						 -INF, 0, d);
				}
			}
			/* a pin on a type e may not work: a row no roster
			 * meets (0 >= 1), so the model is infeasible and
			 * the explanation names the pin */
			if (pin >= 0 && model_x(b->rm, e, d, pin) < 0)
				solver_mip_add_row(m, 1, INF, GROUP_FIXED, e);
		}
	}
	return m->failed ? -1 : 0;
}

/* A coverage row per interval and skill with demand, and its under- and
 * overstaffing columns (covrow, rm->ucol, rm->ocol; -1 where none). */
static void coverage_rows(struct builder *b, int *covrow)
{
	const struct rota_problem *p = b->p;
	struct mip *m = b->m;
	struct roster_model *rm = b->rm;
	int T = b->T, K = b->K;

	for (int t = 0; t < T; t++)
		for (int k = 0; k < K; k++) {
			const struct rota_demand *dm =
				rota_problem_demand(p, t, k);
			int has_u = dm->required > 0 && dm->under_weight > 0;
			int has_o = dm->over_weight > 0;
			size_t i = (size_t)t * (size_t)K + (size_t)k;
			int row;

			covrow[i] = rm->ucol[i] = rm->ocol[i] = -1;
			if (!has_u && !has_o)
				continue;
			row = solver_mip_add_row(m, has_u ? dm->required : -INF,
					  has_o ? dm->required : INF,
					  GROUP_CORE, -1);
			covrow[i] = row;
			if (has_u) {
				struct col_tag tag = {COL_UNDER, 0, -1, t, k,
						      0};
				int u = solver_mip_add_col(m, 0, dm->required,
						    dm->under_weight, 0, tag);

				solver_mip_add_coef(m, row, u, 1);
				rm->ucol[i] = u;
			}
			if (has_o) {
				struct col_tag tag = {COL_OVER, 0, -1, t, k, 0};
				int o = solver_mip_add_col(m, 0, INF, dm->over_weight,
						    0, tag);

				solver_mip_add_coef(m, row, o, -1);
				rm->ocol[i] = o;
			}
		}
}

/* The distinct skill profiles of (employee, type) pairs, sorted so the
 * model is deterministic (rm->prof, rm->nprof), and each pair's profile
 * (rm->xprof, -1 for none). */
static void find_profiles(struct builder *b)
{
	const struct rota_problem *p = b->p;
	struct roster_model *rm = b->rm;
	uint64_t *prof = rm->prof;
	int *xprof = rm->xprof, nprof = 0;

	for (int e = 0; e < b->E; e++)
		for (int s = 0; s < b->S; s++) {
			uint64_t pm = solver_model_profile(p, e, s);
			int found = 0;

			if (!pm)
				continue;
			for (int i = 0; i < nprof; i++)
				if (prof[i] == pm)
					found = 1;
			if (!found)
				prof[nprof++] = pm;
		}
	for (int i = 1; i < nprof; i++)
		for (int j = i; j > 0 && prof[j - 1] > prof[j]; j--) {
			uint64_t tmp = prof[j];

			prof[j] = prof[j - 1];
			prof[j - 1] = tmp;
		}
	for (int e = 0; e < b->E; e++)
		for (int s = 0; s < b->S; s++) {
			uint64_t pm = solver_model_profile(p, e, s);

			xprof[e * b->S + s] = -1;
			for (int i = 0; i < nprof; i++)
				if (prof[i] == pm)
					xprof[e * b->S + s] = i;
		}
	rm->nprof = nprof;
}

/* Which profiles some possible shift with on-queue time uses (used[pi]). */
static void used_profiles(struct builder *b, uint8_t *used)
{
	const struct rota_problem *p = b->p;
	const int *xprof = b->rm->xprof;

	for (int e = 0; e < b->E; e++)
		for (int d = 0; d < b->D; d++)
			for (int s = 0; s < b->S; s++) {
				const struct rota_slot *sl =
					rota_problem_slot(p, d, s);

				if ((b->spec->master
					     ? included(b, e) &&
						       rota_problem_can_work(
							       p, e, d, s)
					     : model_x(b->rm, e, d, s) >= 0) &&
				    xprof[e * b->S + s] >= 0 &&
				    sl->first_interval < sl->end_interval)
					used[xprof[e * b->S + s]] = 1;
			}
}

/*
 * n[t,P] = n[t-1,P] + (shifts of P starting at t) - (ending at t): a
 * running count per used profile and interval (chain[t * nprof + pi] is
 * its balance row), split among the profile's skills by allocation
 * columns into the coverage rows.  Every shift column then appears in two
 * rows only.
 */
static void profile_chains(struct builder *b, const int *covrow,
			   const uint8_t *used, int *chain)
{
	struct mip *m = b->m;
	const uint64_t *prof = b->rm->prof;
	int T = b->T, K = b->K, nprof = b->rm->nprof;

	for (int pi = 0; pi < nprof; pi++) {
		uint64_t pm = prof[pi];
		int single = popcount64(pm) == 1;
		int prev = -1;

		for (int t = 0; t < T; t++) {
			struct col_tag tag = {COL_COUNT, 0, -1, t, pi, 0};
			int row, n;

			chain[(size_t)t * (size_t)nprof + (size_t)pi] = -1;
			if (!used[pi])
				continue;
			n = solver_mip_add_col(m, 0, INF, 0, 0, tag);
			row = solver_mip_add_row(m, 0, 0, GROUP_CORE, -1);
			chain[(size_t)t * (size_t)nprof + (size_t)pi] = row;
			solver_mip_add_coef(m, row, n, 1);
			if (prev >= 0)
				solver_mip_add_coef(m, row, prev, -1);
			prev = n;
			if (single) {
				int k = __builtin_ctzll(pm);

				solver_mip_add_coef(m, covrow[t * K + k], n, 1);
				continue;
			}
			/* split among the profile's skills */
			row = solver_mip_add_row(m, 0, 0, GROUP_CORE, -1);
			solver_mip_add_coef(m, row, n, -1);
			for (int k = 0; k < K; k++) {
				struct col_tag ty = {COL_ALLOC, 0, -1, t, pi, k};
				int y;

				if (!((pm >> k) & 1))
					continue;
				y = solver_mip_add_col(m, 0, INF, 0, 0, ty);
				solver_mip_add_coef(m, row, y, 1);
				solver_mip_add_coef(m, covrow[t * K + k], y, 1);
			}
		}
	}
}

/* Each shift column into its profile's balance rows where its on-queue
 * segments start (-x) and end (+x). */
static void shift_segments(struct builder *b, const int *chain)
{
	const struct rota_problem *p = b->p;
	struct mip *m = b->m;
	const int *xprof = b->rm->xprof;
	int T = b->T, nprof = b->rm->nprof;

	for (int e = 0; e < b->E; e++)
		for (int d = 0; d < b->D; d++)
			for (int s = 0; s < b->S; s++) {
				int j = model_x(b->rm, e, d, s);
				int pi = xprof[e * b->S + s];
				const struct rota_slot *sl =
					rota_problem_slot(p, d, s);

				/* on the queues in [first, break_first) and
				 * [break_end, end) (one segment without a
				 * break): -x where a segment starts, +x
				 * where it ends; empty segments add nothing,
				 * and the segments never touch, so a row
				 * gets each column once */
				int seg[2][2] = {
					{sl->first_interval, sl->end_interval},
					{0, 0}};

				if (j < 0 || pi < 0)
					continue;
				if (sl->break_first < sl->break_end) {
					seg[0][1] = sl->break_first;
					seg[1][0] = sl->break_end;
					seg[1][1] = sl->end_interval;
				}
				for (int g = 0; g < 2; g++) {
					if (seg[g][0] >= seg[g][1])
						continue;
					solver_mip_add_coef(m,
						     chain[(size_t)seg[g][0] *
								   (size_t)nprof +
							   (size_t)pi],
						     j, -mult(b, e));
					if (seg[g][1] < T)
						solver_mip_add_coef(
							m,
							chain[(size_t)seg[g][1] *
								      (size_t)nprof +
							      (size_t)pi],
							j, mult(b, e));
				}
			}
}

/* Interval demand: coverage rows, profile balances, allocations. */
static int build_coverage(struct builder *b)
{
	struct roster_model *rm = b->rm;
	int T = b->T, K = b->K, rc = -1;
	int *covrow = NULL, *chain = NULL;
	uint8_t *used = NULL;

	if (T == 0 || K == 0)
		return 0;
	covrow = malloc((size_t)T * (size_t)K * sizeof(int));
	rm->ucol = malloc((size_t)T * (size_t)K * sizeof(int));
	rm->ocol = malloc((size_t)T * (size_t)K * sizeof(int));
	rm->prof = malloc((size_t)(b->E * b->S + 1) * sizeof(uint64_t));
	rm->xprof = malloc((size_t)(b->E * b->S + 1) * sizeof(int));
	if (!covrow || !rm->ucol || !rm->ocol || !rm->prof || !rm->xprof)
		goto out;
	coverage_rows(b, covrow);
	find_profiles(b);
	chain = malloc(((size_t)T * (size_t)(rm->nprof ? rm->nprof : 1)) *
		       sizeof(int));
	used = calloc((size_t)rm->nprof + 1, 1);
	if (!chain || !used)
		goto out;
	used_profiles(b, used);
	profile_chains(b, covrow, used, chain);
	shift_segments(b, chain);
	rc = b->m->failed ? -1 : 0;
	if (b->spec->master) {
		rm->chainrow = chain; /* kept: schedules are added later */
		chain = NULL;
	}
out:
	free(covrow);
	free(chain);
	free(used);
	return rc;
}

/* Shift cover per (day, type). */
static void build_cover(struct builder *b)
{
	const struct rota_problem *p = b->p;
	struct mip *m = b->m;

	for (int d = 0; d < b->D; d++)
		for (int s = 0; s < b->S; s++) {
			const struct rota_cover *c =
				rota_problem_cover(p, d, s);
			int has_u = c->required > 0 && c->under_weight > 0;
			int has_o = c->over_weight > 0;
			int row;

			if (!has_u && !has_o)
				continue;
			row = solver_mip_add_row(m, has_u ? c->required : -INF,
					  has_o ? c->required : INF,
					  GROUP_CORE, -1);
			if (b->rm->coverrow)
				b->rm->coverrow[d * b->S + s] = row;
			if (has_u) {
				struct col_tag tag = {COL_CUNDER, 0, -1, d, s,
						      0};
				int u = solver_mip_add_col(m, 0, c->required,
						    c->under_weight, 0, tag);

				solver_mip_add_coef(m, row, u, 1);
			}
			if (has_o) {
				struct col_tag tag = {COL_COVER, 0, -1, d, s,
						      0};
				int o = solver_mip_add_col(m, 0, INF, c->over_weight,
						    0, tag);

				solver_mip_add_coef(m, row, o, -1);
			}
			for (int e = 0; e < b->E; e++) {
				int j = model_x(b->rm, e, d, s);

				if (j >= 0)
					solver_mip_add_coef(m, row, j, mult(b, e));
			}
		}
}

/* Shifts of e on day d ending less than rest_min before instant sigma
 * (into cols when not NULL); returns how many. */
static int rest_count(struct builder *b, int e, int d, int64_t sigma,
		      int rest_min, int *cols)
{
	int n = 0;

	for (int s = 0; s < b->S; s++) {
		int j = model_x(b->rm, e, d, s);

		if (j >= 0 && sigma - rota_problem_slot(b->p, d, s)->end <
				      (int64_t)rest_min * 60) {
			if (cols)
				cols[n] = j;
			n++;
		}
	}
	return n;
}

/* Rest between shifts on different days; hard rules as cliques. */
static void build_rest(struct builder *b, int e, int rest_min, double weight)
{
	const struct rota_problem *p = b->p;
	struct roster_model *rm = b->rm;
	int S = b->S;
	int *cols = b->list;
	double *coef = NULL;

	for (int d = 0; d < b->D; d++) {
		/* pairs two days apart: only very long shifts; pairwise */
		for (int d2 = d + 1; d2 <= d + 2 && d2 < b->D; d2++) {
			if (d2 == d + 1 && weight == 0)
				continue; /* cliques below */
			for (int s1 = 0; s1 < S; s1++) {
				int j1 = model_x(rm, e, d, s1), n = 0;

				if (j1 < 0)
					continue;
				cols[n++] = j1;
				for (int s2 = 0; s2 < S; s2++) {
					int j2 = model_x(rm, e, d2, s2);

					if (j2 >= 0 &&
					    solver_model_rest_conflict(p, d, s1, d2,
								s2, rest_min))
						cols[n++] = j2;
				}
				if (n > 1)
					rule_row(b, e, ROTA_RULE_min_rest_min,
						 weight, cols, coef, n, -INF, 1,
						 d);
			}
		}
		if (weight > 0 || d + 1 >= b->D)
			continue;
		/* cliques: for a start time sigma of day d+1, the shifts of
		 * day d ending after sigma - R and the shifts of d+1 starting
		 * no later than sigma pairwise conflict.  The day-d part
		 * shrinks as sigma grows, so a clique is kept only when the
		 * next start time loses one of its day-d shifts. */
		for (int s2 = 0; s2 < S; s2++) {
			int64_t sigma, next = INT64_MAX;
			int n = 0, na, dup = 0;

			if (model_x(rm, e, d + 1, s2) < 0)
				continue;
			sigma = rota_problem_slot(p, d + 1, s2)->start;
			for (int s = 0; s < S; s++) {
				int64_t st = rota_problem_slot(p, d + 1, s)->start;

				if (model_x(rm, e, d + 1, s) < 0)
					continue;
				if (st == sigma && s > s2)
					dup = 1;
				if (st > sigma && st < next)
					next = st;
			}
			if (dup)
				continue;
			na = rest_count(b, e, d, sigma, rest_min, cols);
			n = na;
			if (na == 0 || (next != INT64_MAX &&
					rest_count(b, e, d, next, rest_min,
						   NULL) == na))
				continue;
			for (int s = 0; s < S; s++) {
				int j = model_x(rm, e, d + 1, s);

				if (j >= 0 &&
				    rota_problem_slot(p, d + 1, s)->start <=
					    sigma)
					cols[n++] = j;
			}
			if (n > 1)
				rule_row(b, e, ROTA_RULE_min_rest_min, 0, cols,
					 NULL, n, -INF, 1, d);
		}
	}
}

/*
 * Maximum consecutive working days N: every window [j, j+N] of the
 * extended timeline (solver.h) holding a day of the horizon has a day
 * off.  A window reaching a day outside the horizon that is off (or
 * unknown) holds; otherwise its worked outside days leave N - out for
 * the horizon's part.
 */
static void build_max_consecutive(struct builder *b, int e)
{
	const struct rota_problem_employee *pe = &b->p->employees[e];
	const struct rota_rule_value *v =
		&pe->rule[ROTA_RULE_max_consecutive_days];
	int N = v->value, D = b->D;
	int hw = pe->history.known ? pe->history.days_worked : 0;
	int fw = pe->future.known ? pe->future.days_worked : 0;

	for (int j = -N; j <= D - 1; j++) {
		int out = 0, holds = 0;

		for (int d = j; d <= j + N; d++) {
			if (d >= 0 && d < D)
				continue;
			if ((d < 0 && -d <= hw) || (d >= D && d - D < fw))
				out++;
			else
				holds = 1;
		}
		if (holds)
			continue;
		b->nlist = 0;
		for (int d = j < 0 ? 0 : j; d <= j + N && d < D; d++)
			day_cols(b, e, d);
		if (b->nlist > N - out)
			rule_row(b, e, ROTA_RULE_max_consecutive_days,
				 v->weight, b->list, NULL, b->nlist, -INF,
				 N - out, j);
	}
}

/* w[d] into the row being gathered, with coefficient c. */
static void day_terms(struct builder *b, int e, int d, double c)
{
	int from = b->nlist;

	day_cols(b, e, d);
	for (int i = from; i < b->nlist; i++)
		b->coef[i] = c;
}

/*
 * Minimum block rules (on = 1: working days, min_consecutive_days; on =
 * 0: days off, min_consecutive_days_off) on the extended timeline
 * (solver.h): each block [a, a+len) of the horizon too short once the
 * history (a = 0) and the future (a + len = D) are added is forbidden,
 * its neighbours being of the other kind; blocks reaching an unknown
 * side are exempt.  Then the blocks just outside that the horizon ends:
 * the history's last block, too short, forbids day 0 of the other kind,
 * and the future's first block day D-1.
 */
static void build_min_blocks(struct builder *b, int e, int on)
{
	const struct rota_problem_employee *pe = &b->p->employees[e];
	const struct rota_history *h = &pe->history;
	const struct rota_future *fu = &pe->future;
	int r = on ? ROTA_RULE_min_consecutive_days
		   : ROTA_RULE_min_consecutive_days_off;
	const struct rota_rule_value *v = &pe->rule[r];
	int N = v->value, D = b->D;
	int hb = h->known ? (on ? h->days_worked : h->days_off) : 0;
	int fb = fu->known ? (on ? fu->days_worked : fu->days_off) : 0;
	/* a term of the block: +w (work) or -w (off); of a neighbour the
	 * opposite */
	double in = on ? 1 : -1;

	for (int len = 1; len < N; len++)
		for (int a = 0; a + len <= D; a++) {
			int end = a + len, possible = 1;
			int total = len + (a == 0 ? hb : 0) + (end == D ? fb : 0);
			double rhs;

			if (total >= N || (a == 0 && !h->known) ||
			    (end == D && !fu->known))
				continue;
			b->nlist = 0;
			/* a neighbour that cannot be worked makes a short
			 * block of days off impossible to end there; a block
			 * day that cannot be worked, a block of work */
			if (a > 0) {
				day_terms(b, e, a - 1, -in);
				if (!on && b->nlist == 0)
					continue;
			}
			for (int d = a; d < end; d++) {
				int before = b->nlist;

				day_terms(b, e, d, in);
				if (on && b->nlist == before)
					possible = 0;
			}
			if (end < D) {
				int before = b->nlist;

				day_terms(b, e, end, -in);
				if (!on && b->nlist == before)
					continue;
			}
			if (!possible)
				continue;
			/* work: sum block - neighbours <= len - 1; off:
			 * neighbours - sum block <= neighbours - 1 */
			rhs = on ? len - 1 : (a > 0) + (end < D) - 1;
			rule_row(b, e, r, v->weight, b->list, b->coef, b->nlist,
				 -INF, rhs, a);
		}
	/* the history's last block, if too short, is ended by day 0 of the
	 * other kind: day 0 must be of its kind (work: w >= 1, off: w <= 0);
	 * likewise day D-1 before the future's first block */
	for (int side = 0; side < 2; side++) {
		int len = side ? fb : hb, d = side ? D - 1 : 0;

		if (len < 1 || len >= N)
			continue;
		b->nlist = 0;
		day_cols(b, e, d);
		rule_row(b, e, r, v->weight, b->list, NULL, b->nlist,
			 on ? 1 : -INF, on ? INF : 0, d);
	}
}

/* A rule of the employee's contract is in the model: set, and either
 * soft or not relaxed in this model. */
static int active(const struct builder *b, const struct rota_rule_value *R,
		  int r)
{
	return R[r].value != ROTA_UNSET && (R[r].weight > 0 || !relaxed(b, r));
}

/* One shift a day, and the rotation bans between consecutive days. */
static void employee_days(struct builder *b, int e)
{
	const struct rota_problem *p = b->p;
	struct roster_model *rm = b->rm;
	struct mip *m = b->m;
	int D = b->D, S = b->S;
	int *cols = b->list;
	int n;

	for (int d = 0; d < D; d++) {
		b->nlist = 0;
		day_cols(b, e, d);
		if (b->nlist > 1) {
			int row = solver_mip_add_row(m, -INF, 1, GROUP_CORE, e);

			for (int i = 0; i < b->nlist; i++)
				solver_mip_add_coef(m, row, cols[i], 1);
		}
	}
	/* rotation bans */
	if (!relaxed(b, GROUP_BAN))
		for (int d = 0; d + 1 < D; d++)
			for (int s1 = 0; s1 < S; s1++) {
				int j1 = model_x(rm, e, d, s1);

				if (j1 < 0)
					continue;
				n = 0;
				cols[n++] = j1;
				for (int s2 = 0; s2 < S; s2++) {
					int j2 = model_x(rm, e, d + 1, s2);

					if (j2 >= 0 && p->ban[s1 * S + s2])
						cols[n++] = j2;
				}
				if (n > 1) {
					int row = solver_mip_add_row(m, -INF, 1,
							      GROUP_BAN, e);

					for (int i = 0; i < n; i++)
						solver_mip_add_coef(m, row, cols[i],
							     1);
				}
			}
}

/* At most so many shifts of a type over the horizon. */
static void employee_type_caps(struct builder *b, int e)
{
	const struct rota_problem *p = b->p;
	struct roster_model *rm = b->rm;
	int D = b->D, S = b->S;
	int *cols = b->list;
	int n;

	for (int s = 0; s < S; s++) {
		const struct rota_rule_value *cap = &p->type_max[e * S + s];

		if (cap->value == ROTA_UNSET ||
		    (cap->weight == 0 && relaxed(b, GROUP_TYPE_MAX)))
			continue;
		n = 0;
		for (int d = 0; d < D; d++) {
			int j = model_x(rm, e, d, s);

			if (j >= 0)
				cols[n++] = j;
		}
		if (n > cap->value)
			rule_row(b, e, GROUP_TYPE_MAX, cap->weight, cols, NULL,
				 n, -INF, cap->value, s);
	}
}

/* The employee's shift columns on days [d0, d1) into b->list, their paid
 * minutes into b->coef; how many. */
static int paid_cols(struct builder *b, int e, int d0, int d1)
{
	int n = 0;

	for (int d = d0; d < d1; d++)
		for (int s = 0; s < b->S; s++) {
			int j = model_x(b->rm, e, d, s);

			if (j >= 0) {
				b->list[n] = j;
				b->coef[n++] = b->p->types[s].paid_min;
			}
		}
	return n;
}

/* Per ISO week: minimum and maximum paid minutes, days, nights. */
static void employee_weeks(struct builder *b, int e,
			   const struct rota_rule_value *R)
{
	const struct rota_problem *p = b->p;
	struct roster_model *rm = b->rm;
	int D = b->D, S = b->S;
	int *cols = b->list;
	double *coef = b->coef;

	for (int w0 = 0; w0 + 7 <= D; w0 += 7) {
		int n = paid_cols(b, e, w0, w0 + 7);

		if (active(b, R, ROTA_RULE_min_week_min) &&
		    R[ROTA_RULE_min_week_min].value > 0)
			rule_row(b, e, ROTA_RULE_min_week_min,
				 R[ROTA_RULE_min_week_min].weight, cols, coef,
				 n, R[ROTA_RULE_min_week_min].value, INF, w0);
		if (active(b, R, ROTA_RULE_max_week_min))
			rule_row(b, e, ROTA_RULE_max_week_min,
				 R[ROTA_RULE_max_week_min].weight, cols, coef,
				 n, -INF, R[ROTA_RULE_max_week_min].value, w0);
		if (active(b, R, ROTA_RULE_max_days_week) &&
		    R[ROTA_RULE_max_days_week].value < 7)
			rule_row(b, e, ROTA_RULE_max_days_week,
				 R[ROTA_RULE_max_days_week].weight, cols, NULL,
				 n, -INF, R[ROTA_RULE_max_days_week].value, w0);
		if (active(b, R, ROTA_RULE_max_nights)) {
			int nn = 0;

			for (int d = w0; d < w0 + 7; d++)
				for (int s = 0; s < S; s++) {
					int j = model_x(rm, e, d, s);

					if (j >= 0 && p->types[s].night)
						cols[nn++] = j;
				}
			if (nn > R[ROTA_RULE_max_nights].value)
				rule_row(b, e, ROTA_RULE_max_nights,
					 R[ROTA_RULE_max_nights].weight, cols,
					 NULL, nn, -INF,
					 R[ROTA_RULE_max_nights].value, w0);
		}
	}
}

/* Minimum and maximum paid minutes over the whole horizon. */
static void employee_totals(struct builder *b, int e,
			    const struct rota_rule_value *R)
{
	int *cols = b->list;
	double *coef = b->coef;
	int n;

	if (active(b, R, ROTA_RULE_min_total_min) ||
	    active(b, R, ROTA_RULE_max_total_min)) {
		n = paid_cols(b, e, 0, b->D);
		if (active(b, R, ROTA_RULE_min_total_min) &&
		    R[ROTA_RULE_min_total_min].value > 0)
			rule_row(b, e, ROTA_RULE_min_total_min,
				 R[ROTA_RULE_min_total_min].weight, cols, coef,
				 n, R[ROTA_RULE_min_total_min].value, INF, 0);
		if (active(b, R, ROTA_RULE_max_total_min))
			rule_row(b, e, ROTA_RULE_max_total_min,
				 R[ROTA_RULE_max_total_min].weight, cols, coef,
				 n, -INF, R[ROTA_RULE_max_total_min].value, 0);
	}
}

/* Weekends worked: a column per weekend (Saturday and its Sunday), at
 * most the contract's number less those already worked (history). */
static void employee_weekends(struct builder *b, int e,
			      const struct rota_rule_value *R)
{
	const struct rota_problem *p = b->p;
	const struct rota_history *h = &p->employees[e].history;
	struct mip *m = b->m;
	int D = b->D;
	int *cols = b->list;

	if (active(b, R, ROTA_RULE_max_weekends)) {
		int N = R[ROTA_RULE_max_weekends].value -
			(h->known ? h->weekends_worked : 0);
		int *zc = malloc(((size_t)D / 7 + 2) * sizeof(int)), nz = 0;

		if (!zc) {
			m->failed = 1;
			return;
		}
		if (N < 0)
			N = 0; /* the past cannot be undone */
		for (int d = 0; d < D; d++) {
			int wd = rota_problem_weekday(p, d);
			int z, last = wd == 6 && d + 1 < D ? d + 1 : d;
			struct col_tag tag = {COL_WEEKEND, 0, e, e, d, 0};

			if (wd < 6 || (wd == 7 && d > 0))
				continue; /* a Sunday joins its Saturday */
			b->nlist = 0;
			for (int dd = d; dd <= last; dd++)
				day_cols(b, e, dd);
			if (b->nlist == 0)
				continue;
			z = solver_mip_add_col(m, 0, 1, 0, 0, tag);
			zc[nz++] = z;
			for (int dd = d; dd <= last; dd++) {
				int row;

				b->nlist = 0;
				day_cols(b, e, dd);
				if (b->nlist == 0)
					continue;
				row = solver_mip_add_row(m, 0, INF,
						  ROTA_RULE_max_weekends, e);
				solver_mip_add_coef(m, row, z, 1);
				for (int i = 0; i < b->nlist; i++)
					solver_mip_add_coef(m, row, cols[i], -1);
			}
		}
		if (nz > N)
			rule_row(b, e, ROTA_RULE_max_weekends,
				 R[ROTA_RULE_max_weekends].weight, zc, NULL, nz,
				 -INF, N, 0);
		free(zc);
	}
}

static void build_employee(struct builder *b, int e)
{
	const struct rota_rule_value *R = b->p->employees[e].rule;

	employee_days(b, e);
	if (active(b, R, ROTA_RULE_min_rest_min))
		build_rest(b, e, R[ROTA_RULE_min_rest_min].value,
			   R[ROTA_RULE_min_rest_min].weight);
	employee_type_caps(b, e);
	employee_weeks(b, e, R);
	employee_totals(b, e, R);
	if (active(b, R, ROTA_RULE_max_consecutive_days))
		build_max_consecutive(b, e);
	if (active(b, R, ROTA_RULE_min_consecutive_days))
		build_min_blocks(b, e, 1);
	if (active(b, R, ROTA_RULE_min_consecutive_days_off))
		build_min_blocks(b, e, 0);
	employee_weekends(b, e, R);
}

static void build_requests(struct builder *b)
{
	const struct rota_problem *p = b->p;
	struct mip *m = b->m;

	for (size_t i = 0; i < p->n_requests; i++) {
		const struct rota_request *r = &p->requests[i];

		double k = mult(b, r->employee);

		if (!included(b, r->employee))
			continue;
		if (r->on)
			m->obj_const += r->weight * k;
		for (int s = 0; s < b->S; s++) {
			int j;

			if (r->type >= 0 && s != r->type)
				continue;
			j = model_x(b->rm, r->employee, r->day, s);
			if (j >= 0)
				m->obj[j] += (r->on ? -r->weight : r->weight) * k;
		}
	}
}

/*
 * Changes to the reference: c[e,d] = 1 - x[e,d,ref] where the reference
 * works (1 when that column does not exist), sum_s x[e,d,s] where it is
 * off.  Their cost goes into the objective, their cap into one row.
 */
static void build_changes(struct builder *b)
{
	const struct rota_problem *p = b->p;
	struct mip *m = b->m;
	double cw = b->spec->objective ? p->change_weight : 0, forced = 0;
	int cap = b->spec->change_budget ? *b->spec->change_budget
					 : p->max_changes;
	int row = -1;

	if (!p->reference)
		return;
	if (cap != ROTA_UNSET && !relaxed(b, GROUP_CHANGES))
		row = solver_mip_add_row(m, -INF, 0, GROUP_CHANGES, -1);
	b->rm->changes_row = row;
	if (b->spec->master) {
		/* the schedules bring their changes, costs and all */
		if (row >= 0)
			m->rhi[row] = cap;
		return;
	}
	if (cw <= 0 && row < 0)
		return;
	for (int e = 0; e < b->E; e++) {
		double k = mult(b, e);

		if (!included(b, e))
			continue;
		for (int d = 0; d < b->D; d++) {
			int ref = p->reference[e * b->D + d];

			if (ref >= 0) {
				int j = model_x(b->rm, e, d, ref);

				m->obj_const += cw * k;
				forced += k;
				if (j < 0)
					continue;
				m->obj[j] -= cw * k;
				if (row >= 0)
					solver_mip_add_coef(m, row, j, -k);
				continue;
			}
			for (int s = 0; s < b->S; s++) {
				int j = model_x(b->rm, e, d, s);

				if (j < 0)
					continue;
				m->obj[j] += cw * k;
				if (row >= 0)
					solver_mip_add_coef(m, row, j, k);
			}
		}
	}
	if (row >= 0)
		m->rhi[row] = cap - forced;
}

static void build_fairness(struct builder *b)
{
	const struct rota_problem *p = b->p;
	struct mip *m = b->m;

	for (int g = 0; g < p->n_groups; g++) {
		const struct rota_fair_group *fg = &p->groups[g];

		for (int what = 0; what < 2; what++) {
			double wt = what ? fg->late_weight : fg->weekend_weight;
			double members = 0;
			int fmax, fmin;
			struct col_tag tmax = {COL_FMAX, (uint8_t)what, -1, g,
					       0, 0};
			struct col_tag tmin = {COL_FMIN, (uint8_t)what, -1, g,
					       0, 0};

			if (wt <= 0)
				continue;
			for (int e = 0; e < b->E; e++)
				if (p->employees[e].group == g &&
				    included(b, e))
					members += mult(b, e);
			if (members < 2)
				continue;
			fmax = solver_mip_add_col(m, 0, INF, wt, 0, tmax);
			fmin = solver_mip_add_col(m, 0, INF, -wt, 0, tmin);
			for (int e = 0; e < b->E; e++) {
				int rmax, rmin;

				if (p->employees[e].group != g ||
				    !included(b, e))
					continue;
				rmax = solver_mip_add_row(m, 0, INF, GROUP_CORE, -1);
				rmin = solver_mip_add_row(m, -INF, 0, GROUP_CORE, -1);
				solver_mip_add_coef(m, rmax, fmax, 1);
				solver_mip_add_coef(m, rmin, fmin, 1);
				for (int d = 0; d < b->D; d++) {
					if (!what &&
					    !rota_problem_is_weekend(p, d))
						continue;
					for (int s = 0; s < b->S; s++) {
						int j = model_x(b->rm, e, d, s);

						if (j < 0 ||
						    (what && !p->types[s].late))
							continue;
						solver_mip_add_coef(m, rmax, j, -1);
						solver_mip_add_coef(m, rmin, j, -1);
					}
				}
			}
		}
	}
}

int solver_model_build(struct roster_model *rm, const struct rota_problem *p,
		const struct model_spec *spec, struct rota_error *err)
{
	struct builder b;
	size_t nx;
	size_t scratch = ((size_t)p->n_days + 2) * (size_t)p->n_types + 16;

	memset(rm, 0, sizeof(*rm));
	solver_mip_init(&rm->mip);
	rm->p = p;
	memset(&b, 0, sizeof(b));
	b.rm = rm;
	b.m = &rm->mip;
	b.p = p;
	b.spec = spec;
	b.D = p->n_days;
	b.S = p->n_types;
	b.E = p->n_employees;
	b.T = p->n_intervals;
	b.K = p->n_skills;
	/* the map covers the included employees' range only */
	rm->x_lo = 0;
	rm->x_hi = b.E - 1;
	if (spec->employees) {
		while (rm->x_lo < b.E && !spec->employees[rm->x_lo])
			rm->x_lo++;
		while (rm->x_hi >= rm->x_lo && !spec->employees[rm->x_hi])
			rm->x_hi--;
	}
	nx = rm->x_hi >= rm->x_lo ? (size_t)(rm->x_hi - rm->x_lo + 1) *
					     (size_t)p->n_days *
					     (size_t)p->n_types
				  : 0;
	rm->xcol = malloc((nx ? nx : 1) * sizeof(int));
	b.list = malloc(scratch * sizeof(int));
	b.coef = malloc(scratch * sizeof(double));
	if (!rm->xcol || !b.list || !b.coef)
		goto nomem;
	for (size_t i = 0; i < nx; i++)
		rm->xcol[i] = -1;
	rm->changes_row = -1;
	if (spec->master) {
		size_t ds = (size_t)p->n_days * (size_t)p->n_types;

		if (!(rm->coverrow = malloc((ds ? ds : 1) * sizeof(int))))
			goto nomem;
		for (size_t i = 0; i < ds; i++)
			rm->coverrow[i] = -1;
	} else if (create_x(&b) < 0) {
		goto nomem;
	}
	if (spec->coverage) {
		if (build_coverage(&b) < 0)
			goto nomem;
		build_cover(&b);
	}
	for (int e = 0; e < b.E && !spec->master; e++)
		if (included(&b, e))
			build_employee(&b, e);
	if (spec->objective && !spec->master)
		build_requests(&b);
	build_changes(&b);
	if (spec->coverage && !spec->master)
		build_fairness(&b);
	free(b.list);
	free(b.coef);
	b.list = NULL;
	b.coef = NULL;
	if (rm->mip.failed)
		goto nomem;
	return solver_mip_finish(&rm->mip, err);
nomem:
	free(b.list);
	free(b.coef);
	solver_model_free(rm);
	return rota_error_set(err, ROTA_ENOMEM,
			      "out of memory building the roster model");
}

void solver_model_free(struct roster_model *rm)
{
	if (!rm)
		return;
	solver_mip_free(&rm->mip);
	free(rm->xcol);
	free(rm->ucol);
	free(rm->ocol);
	free(rm->prof);
	free(rm->xprof);
	free(rm->chainrow);
	free(rm->coverrow);
	memset(rm, 0, sizeof(*rm));
}
