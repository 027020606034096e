/* tests/test_dive.c - the column generation's dive on cells (solver/dive.c)
 * and the branch-and-price it is one path of (solver/branch.c), on small
 * generated instances in the benchmark's format. */
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
#include "core/time.h"
#include "solver/solver.h"
#include "test_rng.h"
#include "curtois_gen.h"
#include "contact_week.h"

#define NURSES 10
#define DAYS 14

/* lines of the solver's log saying a careful dive stopped short */
static int stopped_short;

static void count_short(const char *line, void *arg)
{
	(void)arg;
	if (strstr(line, "careful dive stopped short"))
		stopped_short++;
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

/* Roster type read from a whole LP of value lp: it keeps every hard rule
 * and costs what that LP says, no less than the bound; its cost. */
static double at_cost(const struct rota_problem *p, double lp,
		      const int *type, double bound)
{
	int hard = -1;
	double z = checked(p, type, &hard);

	assert_int_equal(hard, 0);
	assert_true(fabs(z - lp) < 1e-6 * fmax(1, z));
	assert_true(z >= bound - 1e-6);
	return z;
}

/* at_cost of cg's last LP */
static double at_lp_cost(const struct rota_problem *p,
			 const struct solver_colgen *cg, const int *type,
			 double bound)
{
	return at_cost(p, cg->lp, type, bound);
}

/* One generated instance at its root: the master from a short search's
 * roster (a feasible start), column generation run to the bound. */
struct rooted {
	char *text;
	struct rota_problem *p;
	struct rota_solution *start;
	struct solver_budget bu;
	struct solver_colgen *cg;
	double bound;
};

/* A generated instance of `days` days and a short search's roster for it;
 * no master yet. */
static void problem_open(struct rooted *rt, int days)
{
	struct rota_error err = {0};
	struct rota_solve_options opt = ROTA_SOLVE_OPTIONS_INIT;

	memset(rt, 0, sizeof(*rt));
	rt->text = curtois_gen(NURSES, days);
	assert_int_equal(rota_curtois_parse(rt->text, strlen(rt->text),
					    "gen.txt", &rt->p, &err),
			 0);
	opt.time_limit_s = 0;
	opt.work_limit = 2000;
	if (rota_solve(rt->p, &opt, &rt->start, &err) < 0)
		fail_msg("solve: %s", err.msg);
}

/* The master from the start roster, its root run to the bound, window
 * rounds once it has spent window_after work (HUGE_VAL: none). */
static void root_run(struct rooted *rt, const struct rota_solve_options *log,
		     double window_after)
{
	struct rota_error err = {0};

	solver_budget_init(&rt->bu, log, 0);
	assert_int_equal(solver_colgen_new(rt->p, &rt->bu, &rt->cg, &err), 0);
	for (int c = 0; c < rt->cg->ncls; c++)
		assert_int_equal(rt->cg->cls[c].n, 1);
	assert_int_equal(solver_colgen_add_roster(rt->cg, rt->start->type), 0);
	solver_colgen_windows(rt->cg, window_after);
	assert_int_equal(solver_colgen_root(rt->cg, &rt->bound), SUB_OPTIMAL);
	assert_true(isfinite(rt->bound));
}

static void root_open(struct rooted *rt, const struct rota_solve_options *log)
{
	problem_open(rt, DAYS);
	root_run(rt, log, HUGE_VAL);
}

static void root_close(struct rooted *rt)
{
	solver_colgen_free(rt->cg);
	rota_solution_free(rt->start);
	rota_problem_free(rt->p);
	free(rt->text);
}

/*
 * From the root's LP, the dive on its own (no restricted master to end
 * it: start NULL) reaches a whole LP; the roster read from it keeps every
 * hard rule and costs what that LP says (the master prices a roster
 * exactly); it is no better than the bound.  The dive leaves nothing
 * behind: no cell mask, and once unfixed, the root's column generation
 * proves the same bound again (a barred schedule or a mask left in the
 * pricing would raise it), also with the columns the dive generated
 * deleted again.  Eight generated instances, most with a fractional
 * root; the usual dive and the careful one on each.
 */
static void a_cell_dive_ends_on_a_whole_lp_that_keeps_the_hard_rules(
	void **state)
{
	struct rota_solve_options logged = ROTA_SOLVE_OPTIONS_INIT;
	int dove = 0;
	double sum_z = 0, sum_bound = 0;

	(void)state;
	logged.time_limit_s = 0; /* no deadline: the work alone */
	logged.log = count_short;
	stopped_short = 0;
	rng = 11;
	for (int round = 0; round < 8; round++) {
		struct rooted rt;
		struct solver_colgen *cg;
		struct rota_problem *p;
		int type[NURSES * DAYS], r;
		size_t mark;
		double bound, again;

		root_open(&rt, &logged);
		cg = rt.cg;
		p = rt.p;
		bound = rt.bound;
		mark = cg->ncol;
		for (int careful = 0; careful < 2; careful++) {
			r = solver_colgen_dive(cg, NULL, careful, type);
			assert_null(cg->mask);
			if (r == SUB_OPTIMAL) {
				dove++;
				sum_z += at_lp_cost(p, cg, type, bound);
				sum_bound += bound;
			} else {
				assert_int_equal(r, SUB_NONE);
			}
			solver_colgen_release(cg);
			/* back to the root's columns (as a careful dive
			 * stopped short leaves it) */
			solver_colgen_truncate(cg, mark);
			assert_int_equal(cg->ncol, mark);
			assert_int_equal(glp_get_num_cols(cg->P),
					 cg->nbase + (int)mark);
			assert_int_equal(solver_colgen_root(cg, &again),
					 SUB_OPTIMAL);
			assert_true(fabs(again - bound) <
				    1e-6 * fmax(1, bound));
		}
		root_close(&rt);
	}
	/* the dive may give up on an instance, not on most; and it ends
	 * near the bound (1.5% above it in all when written: on two of the
	 * eight the root LP is whole, on four the dive ends within 0.5%).
	 * Each instance is dived twice: the usual dive, then the careful
	 * one (whole cells only in its batches) from the root again */
	assert_true(dove >= 12);
	/* and with no work limit the careful dive never gave up (then the
	 * usual dive would have run in its place) */
	assert_int_equal(stopped_short, 0);
	assert_true(sum_z <= 1.03 * sum_bound);
}

/* The steps of a cell dive, from the solver's log: each step's LP when
 * it began, its cells, whether they were picked by weight; and whether
 * a step of picked cells was undone just before it. */
#define MAX_STEPS 4096

struct steps {
	int n;
	double lp[MAX_STEPS];
	int cells[MAX_STEPS], picked[MAX_STEPS], after_undo[MAX_STEPS];
	int undone;   /* a "cells lifting the lp ... undone" line pending */
	int undos;
};

static void read_steps(const char *line, void *arg)
{
	struct steps *st = arg;
	const char *s = strstr(line, "dive: ");
	double lp;
	int open, cells, k;

	if (!s)
		return;
	if (sscanf(s, "dive: %d cells lifting the lp to %lf undone", &k,
		   &lp) == 2) {
		st->undone = 1;
		st->undos++;
	} else if (sscanf(s, "dive: lp %lf, %d employees open, %d cells fixed",
			  &lp, &open, &cells) == 3 &&
		   st->n < MAX_STEPS) {
		st->lp[st->n] = lp;
		st->cells[st->n] = cells;
		st->picked[st->n] = strstr(s, "(picked)") != NULL;
		st->after_undo[st->n] = st->undone;
		st->undone = 0;
		st->n++;
	}
}

/*
 * When no cell is whole enough for a batch, a step fixes the heaviest
 * cells by weight: twice as many as the last such step when that one
 * left the LP where it was, one when it lifted it, and a step of several
 * that lifted the LP too far is undone and retried as its heaviest cell
 * alone.  On forty generated instances from their roots, read from the
 * log: some step picks several cells (fails when it always picks one);
 * a picked step after one whose LP rose picks one (when written, 20
 * such steps; the small dives pick 54 times in all); a step right after
 * such an undo fixes one cell.  The rosters keep every hard rule at the
 * LP's cost, as above.
 */
static void a_dive_picks_more_cells_while_its_lp_stays(void **state)
{
	static struct steps st;
	struct rota_solve_options logged = ROTA_SOLVE_OPTIONS_INIT;
	int several = 0, checked_rise = 0;

	(void)state;
	logged.time_limit_s = 0;
	logged.log = read_steps;
	logged.log_arg = &st;
	rng = 11;
	for (int round = 0; round < 40; round++) {
		struct rooted rt;
		int type[NURSES * DAYS], r, last = -1;

		root_open(&rt, &logged);
		memset(&st, 0, sizeof(st));
		r = solver_colgen_dive(rt.cg, NULL, 0, type);
		if (r == SUB_OPTIMAL)
			at_lp_cost(rt.p, rt.cg, type, rt.bound);
		assert_true(st.n < MAX_STEPS);
		for (int i = 0; i < st.n; i++) {
			if (st.after_undo[i])
				assert_int_equal(st.cells[i], 1);
			if (!st.picked[i])
				continue;
			several += st.cells[i] > 1;
			/* the last picked step's LP rose by this one's
			 * start: this one picks one cell */
			if (last >= 0 && !st.after_undo[i] &&
			    last + 1 < st.n && !st.after_undo[last + 1] &&
			    st.lp[last + 1] >
				    st.lp[last] + 1e-4 * fmax(1, st.lp[last])) {
				assert_int_equal(st.cells[i], 1);
				checked_rise++;
			}
			last = i;
		}
		solver_colgen_release(rt.cg);
		root_close(&rt);
	}
	assert_true(several >= 1);
	assert_true(checked_rise >= 1);
}

/*
 * The LP's own rounding (the end of a cell dive that ran out of its
 * share: its fixes with no new columns) from the root's LP: a roster
 * that keeps every hard rule and costs what the master's last LP says,
 * no better than the bound; released, the root proves the same bound
 * again (nothing left fixed).  On every one of eight generated instances
 * (cover is soft in them, so no LP of the rounding is infeasible), and
 * above the bound on some (their roots are fractional).
 */
static void the_lps_own_rounding_is_a_roster_at_its_cost(void **state)
{
	struct rota_solve_options quiet = ROTA_SOLVE_OPTIONS_INIT;
	int above = 0;

	(void)state;
	quiet.time_limit_s = 0;
	rng = 11;
	for (int round = 0; round < 8; round++) {
		struct rooted rt;
		int type[NURSES * DAYS];
		double again, z;

		root_open(&rt, &quiet);
		assert_int_equal(solver_colgen_round(rt.cg, type), SUB_OPTIMAL);
		z = at_lp_cost(rt.p, rt.cg, type, rt.bound);
		above += z > rt.bound + 1e-6;
		solver_colgen_release(rt.cg);
		assert_int_equal(solver_colgen_root(rt.cg, &again),
				 SUB_OPTIMAL);
		assert_true(fabs(again - rt.bound) <
			    1e-6 * fmax(1, rt.bound));
		root_close(&rt);
	}
	assert_true(above >= 2);
}

/*
 * A second dive (master_search.c, in long searches): after a dive and its
 * release, the master's LP solved again as it stands
 * (solver_colgen_resolve) is the root's LP or lower (the dive's columns
 * only add to it), and a careful dive from there ends on a roster that
 * keeps every hard rule at the LP's cost, no better than the bound.
 * Put back (solver_colgen_restore, what a second dive that keeps nothing
 * does), the master has the columns it had before and the same LP.
 */
static void a_second_dive_starts_from_the_roots_lp_again(void **state)
{
	struct rota_solve_options quiet = ROTA_SOLVE_OPTIONS_INIT;
	int twice = 0;

	(void)state;
	quiet.time_limit_s = 0;
	rng = 11;
	for (int round = 0; round < 8; round++) {
		struct rooted rt;
		struct solver_colgen *cg;
		int type[NURSES * DAYS];
		double root_lp;

		root_open(&rt, &quiet);
		cg = rt.cg;
		root_lp = cg->lp;
		if (solver_colgen_dive(cg, rt.start->type, 0, type) ==
		    SUB_OPTIMAL) {
			struct solver_colgen_snap *sn;
			size_t ncol;
			double lp1;

			solver_colgen_release(cg);
			assert_non_null(sn = solver_colgen_snap(cg));
			ncol = cg->ncol;
			assert_int_equal(solver_colgen_resolve(cg),
					 SUB_OPTIMAL);
			assert_true(cg->lp <= root_lp + 1e-6 * fmax(1, root_lp));
			assert_true(cg->lp >=
				    rt.bound - 1e-6 * fmax(1, rt.bound));
			lp1 = cg->lp;
			if (solver_colgen_dive(cg, NULL, 1, type) ==
			    SUB_OPTIMAL) {
				at_lp_cost(rt.p, cg, type, rt.bound);
				twice++;
			}
			/* put back: the columns of before the second
			 * dive, and the same LP */
			solver_colgen_restore(cg, sn);
			solver_colgen_snap_free(sn);
			assert_int_equal(cg->ncol, ncol);
			assert_int_equal(glp_get_num_cols(cg->P),
					 cg->nbase + (int)ncol);
			assert_int_equal(solver_colgen_resolve(cg),
					 SUB_OPTIMAL);
			assert_true(fabs(cg->lp - lp1) < 1e-6 * fmax(1, lp1));
		}
		assert_null(cg->mask);
		root_close(&rt);
	}
	assert_true(twice >= 6);
}

/*
 * A jittered dive (solver_colgen_jitter, what a restart of the search
 * dives with) from the root's LP: a roster that keeps every hard rule at
 * the LP's cost, no better than the bound; the same seed from the same
 * root gives the same roster, and on some of eight generated instances
 * a seed gives another roster than the dive by the heaviest cell (fails
 * when the jitter is ignored).  Each dive starts from the root as it
 * was: its columns deleted again, the root run again.
 */
static void a_jittered_dive_takes_another_path_and_repeats_it(void **state)
{
	struct rota_solve_options quiet = ROTA_SOLVE_OPTIONS_INIT;
	int other = 0, dove = 0;

	(void)state;
	quiet.time_limit_s = 0;
	rng = 11;
	for (int round = 0; round < 8; round++) {
		struct rooted rt;
		struct solver_colgen *cg;
		int plain[NURSES * DAYS], a[NURSES * DAYS], b[NURSES * DAYS];
		size_t mark;
		double again;
		int r = SUB_NONE, plain_ok;

		root_open(&rt, &quiet);
		cg = rt.cg;
		mark = cg->ncol;
		plain_ok = solver_colgen_dive(cg, NULL, 1, plain) ==
			   SUB_OPTIMAL;
		for (uint64_t seed = 1; seed <= 2; seed++) {
			int *out[2] = {a, b};

			for (int k = 0; k < 2; k++) {
				/* back to the root */
				solver_colgen_release(cg);
				solver_colgen_truncate(cg, mark);
				assert_int_equal(
					solver_colgen_root(cg, &again),
					SUB_OPTIMAL);
				solver_colgen_jitter(cg, 0.2, seed);
				r = solver_colgen_dive(cg, NULL, 1, out[k]);
				solver_colgen_jitter(cg, 0, 0);
				if (r != SUB_OPTIMAL)
					break;
				at_lp_cost(rt.p, cg, out[k], rt.bound);
			}
			if (r != SUB_OPTIMAL)
				continue;
			dove++;
			assert_memory_equal(a, b, sizeof(a));
			other += plain_ok && memcmp(a, plain, sizeof(a)) != 0;
		}
		assert_null(cg->mask);
		root_close(&rt);
	}
	assert_true(dove >= 12);
	assert_true(other >= 1);
}

/* window rounds that found columns, from the solver's log */
static int windows_found;

static void count_windows(const char *line, void *arg)
{
	const char *at = strstr(line, "colgen round ");
	int round, found;

	(void)arg;
	if (at && strstr(at, "(window)") &&
	    sscanf(at, "colgen round %d: %d new", &round, &found) == 2 &&
	    found > 0)
		windows_found++;
}

/*
 * Window rounds (the root prices each employee with the LP's heaviest week
 * kept outside a window of days) add schedules, never a proof: a root
 * with them from its first round proves the same bound as one without,
 * on three-week instances where the window (two weeks) leaves a week
 * fixed.  A window round that added a schedule at a wrong cost, or left
 * its masks on the pricing that proves the bound, would move it.  Two
 * generated instances (when written, six gave the same bounds and 9 to
 * 20 window rounds with new schedules each; about 10 s an instance, the
 * exact pricing's proof over three weeks).  Since the pricing's beams
 * rank by the bounds that keep a count limit (price.c), they lose their
 * way less often and window rounds fire less: the instances of rng 21
 * had none, those of rng 7 have 6 and 4 with new schedules.
 */
static void window_rounds_keep_the_roots_bound(void **state)
{
	struct rota_solve_options logged = ROTA_SOLVE_OPTIONS_INIT;

	(void)state;
	logged.time_limit_s = 0;
	logged.log = count_windows;
	windows_found = 0;
	rng = 7;
	for (int round = 0; round < 2; round++) {
		struct rooted rt;
		double bound[2];

		problem_open(&rt, 21);
		for (int w = 0; w < 2; w++) {
			int before = windows_found;

			root_run(&rt, &logged, w ? 0 : HUGE_VAL);
			bound[w] = rt.bound;
			assert_true(fabs(bound[w] - rt.cg->lp) <
				    1e-6 * fmax(1, bound[w]));
			assert_null(rt.cg->mask);
			/* none without windows; some with them */
			if (w)
				assert_true(windows_found > before);
			else
				assert_int_equal(windows_found, before);
			solver_colgen_free(rt.cg);
			rt.cg = NULL;
		}
		assert_true(fabs(bound[1] - bound[0]) <
			    1e-6 * fmax(1, fabs(bound[0])));
		root_close(&rt);
	}
}

/*
 * On weeks with interval demand the root of the column generation is the
 * search's bound: it is never above the optimum GLPK's branch-and-bound
 * proves on the compact model, and it is the compact LP's value (no
 * fairness here, so nothing is left out of the master).  Its LP's counts
 * per class give each class at most its members a day, none negative, and
 * name the class's first member for all of them.
 */
static void the_root_bounds_a_week_with_interval_demand(void **state)
{
	(void)state;
	rng = 5;
	for (int round = 0; round < 3; round++) {
		struct rota_problem *p = contact_week();
		struct rota_error err = {0};
		struct rota_solve_options opt = ROTA_SOLVE_OPTIONS_INIT;
		struct rota_solution *best = NULL;
		struct solver_budget bu;
		struct solver_colgen *cg = NULL;
		int S = 3, D = 7, E = 9, rep_of[9];
		double bound, target[9 * 7 * 3];

		opt.time_limit_s = 0;
		opt.gap = 0;
		opt.effort = 20;
		if (rota_solve(p, &opt, &best, &err) < 0)
			fail_msg("solve: %s", err.msg);
		assert_int_equal(best->stats.status, ROTA_SOLVE_OPTIMAL);
		solver_budget_init(&bu, NULL, 0);
		assert_int_equal(solver_colgen_new(p, &bu, &cg, &err), 0);
		assert_int_equal(cg->ncls, 3);
		assert_int_equal(solver_colgen_add_roster(cg, best->type), 0);
		assert_int_equal(solver_colgen_root(cg, &bound), SUB_OPTIMAL);
		assert_true(isfinite(bound));
		assert_true(bound <= best->stats.objective + 1e-6);
		assert_true(fabs(bound - cg->lp) < 1e-6 * fmax(1, bound));
		solver_colgen_counts(cg, target, rep_of);
		for (int e = 0; e < E; e++) {
			assert_int_equal(rep_of[e], e / 3 * 3);
			for (int d = 0; d < D; d++) {
				double day = 0;

				for (int s = 0; s < S; s++) {
					double v = target[(e * D + d) * S + s];

					assert_true(v >= -1e-9);
					assert_true(e % 3 == 0 || v == 0);
					day += v;
				}
				assert_true(day <= 3 + 1e-6);
			}
		}
		solver_colgen_free(cg);
		rota_solution_free(best);
		rota_problem_free(p);
	}
}

/* lines of the solver's log of a branch-and-price that searched its
 * whole tree */
static int trees_done;

static void count_trees(const char *line, void *arg)
{
	(void)arg;
	if (strstr(line, "the tree searched"))
		trees_done++;
}

/*
 * Branch-and-price on cells (solver_colgen_branch) below a dive's roster,
 * from the root's LP again: a roster it returns keeps every hard rule,
 * costs what its whole LP says, at least a unit below the dive's and no
 * less than the bound; when it returns none, the dive's roster stands.
 * It leaves no mask behind, and once released the root proves the same
 * bound again.  On eight generated instances, where the dive ends above
 * the bound rounded up on most: the tree finds a better roster on some,
 * and none is ever worse (fails when the cutoff is not kept, or when the
 * search returns a roster it did not read from a whole LP).  Without a
 * work limit each tree is searched to its end.
 */
static void branch_and_price_finds_a_roster_below_the_dives(void **state)
{
	struct rota_solve_options logged = ROTA_SOLVE_OPTIONS_INIT;
	int better = 0, gaps = 0, searched = 0;

	(void)state;
	logged.time_limit_s = 0;
	logged.log = count_trees;
	trees_done = 0;
	rng = 11;
	for (int round = 0; round < 8; round++) {
		struct rooted rt;
		struct solver_colgen *cg;
		int type[NURSES * DAYS], r;
		double z_dive, z_tree, again;

		root_open(&rt, &logged);
		cg = rt.cg;
		if (solver_colgen_dive(cg, NULL, 0, type) != SUB_OPTIMAL) {
			root_close(&rt);
			continue;
		}
		z_dive = at_lp_cost(rt.p, cg, type, rt.bound);
		solver_colgen_release(cg);
		if (z_dive < ceil(rt.bound - 1e-6) + 1) {
			root_close(&rt);
			continue; /* nothing to find below it */
		}
		gaps++;
		assert_int_equal(solver_colgen_resolve(cg), SUB_OPTIMAL);
		r = solver_colgen_branch(cg, z_dive, 1.0, type, &z_tree);
		assert_null(cg->mask);
		searched++;
		if (r == SUB_OPTIMAL) {
			double z = at_cost(rt.p, z_tree, type, rt.bound);

			assert_true(z <= z_dive - 1 + 1e-6);
			better++;
		} else {
			assert_int_equal(r, SUB_NONE);
		}
		solver_colgen_release(cg);
		assert_int_equal(solver_colgen_root(cg, &again), SUB_OPTIMAL);
		assert_true(fabs(again - rt.bound) < 1e-6 * fmax(1, rt.bound));
		root_close(&rt);
	}
	print_message("branch-and-price: %d of %d dives above the bound "
		      "bettered\n", better, gaps);
	assert_true(gaps >= 3);
	assert_true(better >= 1);
	assert_int_equal(trees_done, searched);
}

/*
 * The repair after a branch (solver_colgen_mask_columns): a class whose
 * every column its mask bars gets one that keeps to the mask (a day
 * restricted to an option none of its columns takes there), and a class
 * whose mask leaves a day no option has no week: the branch is pruned.
 */
static void a_branch_that_bars_every_column_gets_one_it_allows(void **state)
{
	struct rota_solve_options quiet = ROTA_SOLVE_OPTIONS_INIT;
	struct rooted rt;
	struct solver_colgen *cg;
	size_t O, ncell;
	int c = 0, d = 0, opt = -1;

	(void)state;
	quiet.time_limit_s = 0;
	rng = 11;
	root_open(&rt, &quiet);
	cg = rt.cg;
	O = (size_t)cg->S + 1;
	ncell = (size_t)cg->ncls * (size_t)cg->D;
	/* a cell (class c, day d) and an option none of c's columns takes
	 * on d */
	for (int k = 0; k < cg->ncls * cg->D && opt < 0; k++) {
		uint64_t used = 0;

		c = k / cg->D;
		d = k % cg->D;
		for (size_t i = 0; i < cg->ncol; i++)
			if (cg->col[i].cls == c)
				used |= (uint64_t)1 << solver_colgen_option(
						cg, cg->col[i].week[d]);
		for (size_t o = 0; o < O && opt < 0; o++)
			if (!(used >> o & 1))
				opt = (int)o;
	}
	assert_true(opt >= 0);
	assert_non_null(cg->mask = malloc(ncell * sizeof(uint64_t)));
	for (size_t k = 0; k < ncell; k++)
		cg->mask[k] = ((uint64_t)1 << O) - 1;
	cg->mask[(size_t)c * (size_t)cg->D + (size_t)d] = (uint64_t)1 << opt;
	{
		size_t before = cg->ncol;
		uint8_t touched[NURSES] = {0};

		touched[c] = 1;

		solver_colgen_cell_bar(cg, touched);
		assert_int_equal(solver_colgen_mask_columns(cg), 0);
		assert_int_equal(cg->ncol, before + 1);
		assert_int_equal(cg->col[before].cls, c);
		assert_int_equal(
			solver_colgen_option(cg, cg->col[before].week[d]), opt);
		assert_false(solver_colgen_masked_out(cg, c,
						      cg->col[before].week));
		/* and its LP has a solution again */
		assert_int_equal(solver_colgen_resolve(cg), SUB_OPTIMAL);
		/* a day with no option left: no week */
		cg->mask[(size_t)c * (size_t)cg->D +
			 (size_t)(d + 1) % (size_t)cg->D] = 0;
		solver_colgen_cell_bar(cg, touched);
		assert_int_equal(solver_colgen_mask_columns(cg), 1);
		assert_int_equal(cg->ncol, before + 1);
	}
	free(cg->mask);
	cg->mask = NULL;
	solver_colgen_release(cg);
	root_close(&rt);
}

/*
 * A days neighbourhood (solver_colgen_days_neighbourhood, what the
 * search's master neighbourhoods take on every other turn): from the
 * short search's roster, everybody re-planned on a span of five days.
 * The roster it gives keeps every employee's days outside the span
 * (fails when the restricted master's MIP may take a week that
 * disagrees there), keeps the hard rules and costs no more than the
 * roster it started from; on some of eight generated instances it costs
 * less.  It leaves no cell mask and nothing barred: the root's column
 * generation proves the same bound again.
 */
static void a_days_neighbourhood_keeps_the_days_outside_its_span(
	void **state)
{
	struct rota_solve_options quiet = ROTA_SOLVE_OPTIONS_INIT;
	int better = 0, changed = 0;

	(void)state;
	quiet.time_limit_s = 0;
	rng = 17;
	for (int round = 0; round < 8; round++) {
		struct rooted rt;
		int type[NURSES * DAYS], first = (3 * round) % (DAYS - 4);
		int hard = -1, r;
		const int *in;
		double z0, z, again;

		root_open(&rt, &quiet);
		in = rt.start->type;
		z0 = checked(rt.p, in, &hard);
		assert_int_equal(hard, 0);
		r = solver_colgen_days_neighbourhood(rt.cg, in, first, 5, 2,
						     500, 15000, type);
		assert_true(r == SUB_OPTIMAL || r == SUB_FEASIBLE);
		assert_null(rt.cg->mask);
		for (int e = 0; e < NURSES; e++)
			for (int d = 0; d < DAYS; d++) {
				if (d >= first && d < first + 5) {
					changed += type[e * DAYS + d] !=
						   in[e * DAYS + d];
					continue;
				}
				assert_int_equal(type[e * DAYS + d],
						 in[e * DAYS + d]);
			}
		z = checked(rt.p, type, &hard);
		assert_int_equal(hard, 0);
		assert_true(z <= z0 + 1e-6);
		better += z < z0 - 1e-6;
		assert_int_equal(solver_colgen_root(rt.cg, &again),
				 SUB_OPTIMAL);
		assert_true(fabs(again - rt.bound) <
			    1e-6 * fmax(1, rt.bound));
		root_close(&rt);
	}
	assert_true(better >= 2);
	assert_true(changed > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			a_cell_dive_ends_on_a_whole_lp_that_keeps_the_hard_rules),
		cmocka_unit_test(a_dive_picks_more_cells_while_its_lp_stays),
		cmocka_unit_test(the_lps_own_rounding_is_a_roster_at_its_cost),
		cmocka_unit_test(a_second_dive_starts_from_the_roots_lp_again),
		cmocka_unit_test(
			a_jittered_dive_takes_another_path_and_repeats_it),
		cmocka_unit_test(window_rounds_keep_the_roots_bound),
		cmocka_unit_test(the_root_bounds_a_week_with_interval_demand),
		cmocka_unit_test(
			branch_and_price_finds_a_roster_below_the_dives),
		cmocka_unit_test(
			a_branch_that_bars_every_column_gets_one_it_allows),
		cmocka_unit_test(
			a_days_neighbourhood_keeps_the_days_outside_its_span),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
