/* tests/test_dive.c - the column generation's dive on cells (solver/dive.c),
 * on small generated instances in the benchmark's format. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/colgen_int.h"
#include "solver/solver.h"
#include "test_rng.h"

#define NURSES 10
#define DAYS 14

/*
 * A fortnight, three shifts (E may not be followed by D, N by D or E),
 * ten nurses who differ in their requests (so every class has one member
 * and the dive fixes cells), cover 2-4/2/1-2 with under-cover at 100.
 */
static char *instance(void)
{
	size_t cap = 1 << 16, n = 0;
	char *t = malloc(cap);

#define OUT(...) (n += (size_t)snprintf(t + n, cap - n, __VA_ARGS__))
	assert_non_null(t);
	OUT("SECTION_HORIZON\n%d\n\nSECTION_SHIFTS\n", DAYS);
	OUT("D,480,\nE,480,D\nN,480,D|E\n\nSECTION_STAFF\n");
	for (int e = 0; e < NURSES; e++)
		OUT("%c,D=14|E=14|N=%d,%d,2880,5,2,2,1\n", 'A' + e,
		    2 + rnd(3), 4320 + 480 * rnd(3));
	OUT("\nSECTION_DAYS_OFF\n");
	for (int e = 0; e < NURSES; e++)
		OUT("%c,%d\n", 'A' + e, rnd(DAYS));
	OUT("\nSECTION_SHIFT_ON_REQUESTS\n");
	for (int e = 0; e < NURSES; e++)
		for (int k = 0; k < 8; k++)
			OUT("%c,%d,%c,%d\n", 'A' + e, rnd(DAYS), "DEN"[rnd(3)],
			    1 + rnd(3));
	OUT("\nSECTION_SHIFT_OFF_REQUESTS\n");
	for (int e = 0; e < NURSES; e++)
		for (int k = 0; k < 8; k++)
			OUT("%c,%d,%c,%d\n", 'A' + e, rnd(DAYS), "DEN"[rnd(3)],
			    1 + rnd(3));
	OUT("\nSECTION_COVER\n");
	for (int d = 0; d < DAYS; d++)
		OUT("%d,D,%d,100,1\n%d,E,2,100,1\n%d,N,%d,100,1\n", d, 2 + rnd(3), d, d, 1 + rnd(2));
#undef OUT
	assert_true(n < cap);
	return t;
}

/* The checker's objective of roster type; *hard = rules broken. */
static double checked(const struct rota_problem *p, const int *type, int *hard)
{
	struct rota_solution *s = rota_solution_new(p, NULL);
	struct rota_check_report *r = NULL;
	struct rota_error err = {0};
	double z;

	assert_non_null(s);
	memcpy(s->type, type, (size_t)p->n_employees * (size_t)p->n_days *
				      sizeof(int));
	assert_int_equal(rota_check(p, s, &r, &err), 0);
	z = r->objective;
	*hard = r->hard_broken;
	rota_check_report_free(r);
	rota_solution_free(s);
	return z;
}

/*
 * From the root's LP, the dive on its own (no restricted master to end
 * it: start NULL) reaches a whole LP; the roster read from it keeps every
 * hard rule and costs what that LP says (the master prices a roster
 * exactly); it is no better than the bound.  The dive leaves nothing
 * behind: no cell mask, and once unfixed, the root's column generation
 * proves the same bound again (a barred schedule or a mask left in the
 * pricing would raise it).  Eight generated instances, most with a
 * fractional root.
 */
static void a_cell_dive_ends_on_a_whole_lp_that_keeps_the_hard_rules(
	void **state)
{
	int dove = 0;
	double sum_z = 0, sum_bound = 0;

	(void)state;
	rng = 11;
	for (int round = 0; round < 8; round++) {
		char *text = instance();
		struct rota_problem *p = NULL;
		struct rota_error err = {0};
		struct rota_solve_options opt = ROTA_SOLVE_OPTIONS_INIT;
		struct rota_solution *start = NULL;
		struct solver_budget bu;
		struct solver_colgen *cg = NULL;
		int type[NURSES * DAYS], hard = -1, r;
		double bound, again, z;

		assert_int_equal(rota_curtois_parse(text, strlen(text),
						    "gen.txt", &p, &err),
				 0);
		/* a feasible start for the master: a short search's roster */
		opt.time_limit_s = 0;
		opt.work_limit = 2000;
		if (rota_solve(p, &opt, &start, &err) < 0)
			fail_msg("solve: %s", err.msg);
		solver_budget_init(&bu, NULL, 0);
		assert_int_equal(solver_colgen_new(p, &bu, &cg, &err), 0);
		for (int c = 0; c < cg->ncls; c++)
			assert_int_equal(cg->cls[c].n, 1);
		assert_int_equal(solver_colgen_add_roster(cg, start->type), 0);
		assert_int_equal(solver_colgen_root(cg, &bound), SUB_OPTIMAL);
		assert_true(isfinite(bound));
		r = solver_colgen_dive(cg, NULL, type);
		assert_null(cg->mask);
		if (r == SUB_OPTIMAL) {
			dove++;
			z = checked(p, type, &hard);
			assert_int_equal(hard, 0);
			assert_true(fabs(z - cg->lp) < 1e-6 * fmax(1, z));
			assert_true(z >= bound - 1e-6);
			sum_z += z;
			sum_bound += bound;
		} else {
			assert_int_equal(r, SUB_NONE);
		}
		solver_colgen_release(cg);
		assert_int_equal(solver_colgen_root(cg, &again), SUB_OPTIMAL);
		assert_true(fabs(again - bound) < 1e-6 * fmax(1, bound));
		solver_colgen_free(cg);
		rota_solution_free(start);
		rota_problem_free(p);
		free(text);
	}
	/* the dive may give up on an instance, not on most; and it ends
	 * near the bound (1.5% above it in all when written: on two of the
	 * eight the root LP is whole, on four the dive ends within 0.5%) */
	assert_true(dove >= 6);
	assert_true(sum_z <= 1.03 * sum_bound);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			a_cell_dive_ends_on_a_whole_lp_that_keeps_the_hard_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
