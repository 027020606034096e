/*
 * tests/test_glpk.c - solver/glpk.c: the interior-point LP bound is a true
 * lower bound (a Lagrangian value of the duals), equal to the simplex
 * optimum on LPs that converge; a sub-MIP started from the incumbent's
 * basis reaches the same optimum as one started from the slack basis; a
 * roster's slacks, priced through GLPK's LP presolver, cost what the
 * simplex says, with no simplex iteration.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"
#include "test_rng.h"


/*
 * A covering LP shaped like a roster's: binaries x (shifts) covering
 * demand rows with under (u) and over (o) columns that have no upper
 * bound, plus one "at most one a day" row per group of shifts.
 */
static void covering(struct mip *m, int nx, int nt)
{
	struct col_tag tag;
	int one;

	memset(&tag, 0, sizeof(tag));
	solver_mip_init(m);
	for (int j = 0; j < nx; j++)
		solver_mip_add_col(m, 0, 1, 1 + rnd(20) / 4.0, 1, tag);
	for (int t = 0; t < nt; t++) {
		double need = 2 + rnd(4);
		int r = solver_mip_add_row(m, need, need, 0, -1);
		int u = solver_mip_add_col(m, 0, HUGE_VAL, 50, 0, tag);
		int o = solver_mip_add_col(m, 0, HUGE_VAL, 0.5, 0, tag);

		solver_mip_add_coef(m, r, u, 1);
		solver_mip_add_coef(m, r, o, -1);
		for (int j = 0; j < nx; j++)
			if (rnd(3) == 0)
				solver_mip_add_coef(m, r, j, 1);
	}
	for (int j = 0; j + 2 < nx; j += 3) {
		one = solver_mip_add_row(m, -HUGE_VAL, 1, 0, -1);
		for (int k = 0; k < 3; k++)
			solver_mip_add_coef(m, one, j + k, 1);
	}
	assert_int_equal(solver_mip_finish(m, NULL), 0);
}

static void solve_lp(const struct mip *m, int interior, double box,
		     struct sub_out *so)
{
	struct sub_params sp;
	uint8_t *fr = malloc((size_t)m->ncols);
	double *val = calloc((size_t)m->ncols, sizeof(double));
	double *x = calloc((size_t)m->ncols, sizeof(double));

	assert_non_null(fr);
	assert_non_null(val);
	assert_non_null(x);
	memset(fr, 1, (size_t)m->ncols);
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = val;
	sp.lp_only = 1;
	sp.interior = interior;
	sp.box = box;
	assert_int_equal(solver_sub_solve(NULL, m, &sp, x, so), 0);
	free(fr);
	free(val);
	free(x);
}

static void interior_bound_is_below_and_at_the_simplex_optimum(void **state)
{
	(void)state;
	for (int k = 0; k < 10; k++) {
		struct mip m;
		struct sub_out ipt, spx;

		covering(&m, 30 + rnd(60), 10 + rnd(30));
		solve_lp(&m, 0, 0, &spx);
		solve_lp(&m, 1, 1e6, &ipt);
		assert_int_equal(spx.result, SUB_OPTIMAL);
		assert_true(ipt.result == SUB_OPTIMAL ||
			    ipt.result == SUB_FEASIBLE);
		assert_true(ipt.bound <= spx.bound + 1e-9 * fabs(spx.bound));
		assert_true(ipt.bound >= spx.bound - 1e-5 * fabs(spx.bound));
		solver_mip_free(&m);
	}
}

/* Every x off, every demand short: feasible for covering(). */
static void all_short(const struct mip *m, double *val)
{
	for (int j = 0; j < m->ncols; j++)
		val[j] = 0;
	for (int i = 0; i < m->nrows; i++)
		if (m->rlo[i] > 0)
			for (size_t a = m->rbeg[i]; a < m->rbeg[i + 1]; a++)
				if (m->obj[m->rind[a]] == 50)
					val[m->rind[a]] = m->rlo[i];
}

static double solve_mip(const struct mip *m, const double *val, int warm,
			const uint8_t *fr)
{
	struct sub_params sp;
	struct sub_out so;
	double *x = calloc((size_t)m->ncols, sizeof(double));

	assert_non_null(x);
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = val;
	sp.inject = 1;
	sp.warm = warm;
	sp.crash = warm;
	assert_int_equal(solver_sub_solve(NULL, m, &sp, x, &so), 0);
	assert_int_equal(so.result, SUB_OPTIMAL);
	free(x);
	return so.obj;
}

static void incumbent_basis_gives_the_same_optimum(void **state)
{
	(void)state;
	for (int k = 0; k < 10; k++) {
		struct mip m;
		double *val;
		uint8_t *fr;

		covering(&m, 20 + rnd(20), 5 + rnd(10));
		val = malloc((size_t)m.ncols * sizeof(double));
		fr = malloc((size_t)m.ncols);
		assert_non_null(val);
		assert_non_null(fr);
		all_short(&m, val);
		/* free half the shifts, all the rest */
		for (int j = 0; j < m.ncols; j++)
			fr[j] = !m.is_int[j] || rnd(2);
		assert_float_equal(solve_mip(&m, val, 1, fr),
				   solve_mip(&m, val, 0, fr), 1e-6);
		free(val);
		free(fr);
		solver_mip_free(&m);
	}
}

/* The LP of m's continuous columns with every shift fixed at val (a
 * roster's evaluation), through the presolver or not: its objective,
 * the iterations into *iters, the point into x (rows checked). */
static double evaluate(const struct mip *m, const double *val, int presolve,
		       long *iters, double *x)
{
	struct sub_params sp;
	struct sub_out so;
	uint8_t *fr = malloc((size_t)m->ncols);

	assert_non_null(fr);
	for (int j = 0; j < m->ncols; j++)
		fr[j] = !m->is_int[j];
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = val;
	sp.must_finish = 1;
	sp.lp_presolve = presolve;
	assert_int_equal(solver_sub_solve(NULL, m, &sp, x, &so), 0);
	assert_int_equal(so.result, SUB_OPTIMAL);
	for (int i = 0; i < m->nrows; i++) {
		double a = 0;

		for (size_t k = m->rbeg[i]; k < m->rbeg[i + 1]; k++)
			a += m->rval[k] * x[m->rind[k]];
		assert_true(a >= m->rlo[i] - 1e-6 && a <= m->rhi[i] + 1e-6);
	}
	for (int j = 0; j < m->ncols; j++)
		if (m->is_int[j])
			assert_float_equal(x[j], val[j], 0);
	free(fr);
	*iters = so.iters;
	return solver_mip_objective(m, x);
}

static void a_roster_s_slacks_are_priced_by_the_presolver(void **state)
{
	long pivots = 0;

	(void)state;
	for (int k = 0; k < 10; k++) {
		struct mip m;
		double *val, *x;
		long with, without;

		covering(&m, 30 + rnd(30), 10 + rnd(20));
		val = calloc((size_t)m.ncols, sizeof(double));
		x = calloc((size_t)m.ncols, sizeof(double));
		assert_non_null(val);
		assert_non_null(x);
		/* a shift of each group of three, or none */
		for (int j = 0; j + 2 < m.ncols && m.is_int[j + 2]; j += 3) {
			int pick = rnd(4);

			if (pick < 3)
				val[j + pick] = 1;
		}
		assert_float_equal(evaluate(&m, val, 1, &with, x),
				   evaluate(&m, val, 0, &without, x), 1e-6);
		assert_int_equal(with, 0);
		pivots += without;
		free(val);
		free(x);
		solver_mip_free(&m);
	}
	/* the slack basis needed pivots: the cases were not trivial */
	assert_true(pivots > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			interior_bound_is_below_and_at_the_simplex_optimum),
		cmocka_unit_test(incumbent_basis_gives_the_same_optimum),
		cmocka_unit_test(a_roster_s_slacks_are_priced_by_the_presolver),
	};

	rng = 7; /* the cases this test was written with */
	glp_term_out(GLP_OFF);

	return cmocka_run_group_tests(tests, NULL, NULL);
}
