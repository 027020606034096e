/*
 * solver/branch.c - branch-and-price on cells below an incumbent: the
 * search a dive is one path of.
 *
 * A dive (dive.c) fixes cells - employee e works shift s, or is off, on
 * day d - and never goes back far: when its roster costs more than the
 * root's LP bound, the gap stays.  Here the same branching is a tree,
 * searched depth first: a node fixes a cell to the option the LP gives
 * it most weight (the dive's step), its sibling bars that option from
 * the cell, and a node whose LP, after column generation under its masks
 * (the pricing offers only weeks that keep to them), cannot beat the
 * incumbent by `step` is pruned.  Curtois 6: the root's LP is 1,949, the
 * dive's roster 1,952, the optimum 1,950.
 *
 * It is a heuristic all the same: a node's pricing is a beam, so its LP
 * may stand above the node's true bound and prune a subtree that holds a
 * better roster; a tree searched to its end proves nothing.  Everything
 * is counted in the budget's work units: deterministic.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "solver/colgen_int.h"

/* the cells a node's LP gives an option at least 1 - BRANCH_ROUND are
 * fixed at once, with no sibling (the dive's batch, DIVE_ROUND) */
#define BRANCH_ROUND 0.2
/* rounds of column generation at a node (the dive's CELL_ROUNDS), and to
 * the end (the wide beam finds nothing) before its LP prunes it */
#define BRANCH_ROUNDS 5

/* a branch: cell (c*D + d), the option fixed on its first side and barred
 * on its second, the side taken (0, 1; a batch's fixes are at 1: they have
 * no other), and the cell's options before */
struct bnode {
	size_t cell;
	int opt, side;
	uint64_t old;
};

struct btree {
	struct solver_colgen *cg;
	struct bnode *stack;
	size_t depth, cap;
	uint8_t *touched;       /* [ncls] scratch for solver_colgen_cell_bar */
	double *y;              /* the LP's cell weights */
	double cutoff;          /* a node's LP must stay below it */
	double best;            /* the LP of the best roster found */
	long nodes, found;
};

/* Cell `cell` given the options m, the columns of its class barred or
 * freed to match. */
static void set_cell(struct btree *t, size_t cell, uint64_t m)
{
	struct solver_colgen *cg = t->cg;

	cg->mask[cell] = m;
	memset(t->touched, 0, (size_t)cg->ncls);
	t->touched[cell / (size_t)cg->D] = 1;
	solver_colgen_cell_bar(cg, t->touched);
}

/* The masks of the branch at the top set on its side, the columns they
 * bar barred. */
static void branch_apply(struct btree *t)
{
	const struct bnode *b = &t->stack[t->depth - 1];
	uint64_t bit = (uint64_t)1 << b->opt;

	set_cell(t, b->cell, b->side == 0 ? bit : b->old & ~bit);
}

/* Back up to the deepest branch with a side left and take it: 1, or 0
 * when the tree is done (every mask as it was). */
static int backtrack(struct btree *t)
{
	while (t->depth > 0) {
		struct bnode *b = &t->stack[t->depth - 1];

		if (b->side == 0 && (b->old & ~((uint64_t)1 << b->opt))) {
			b->side = 1;
			branch_apply(t);
			return 1;
		}
		set_cell(t, b->cell, b->old);
		t->depth--;
	}
	return 0;
}

/* The cell to branch on: of the open cells (more than one option left)
 * whose heaviest option is fractional, the one where it is heaviest (the
 * dive's choice).  The open cells whose heaviest option weighs at least
 * 1 - BRANCH_ROUND are pushed first, fixed at once with no sibling (the
 * dive's batch; a subtree under it).  0, 1 when no cell is fractional,
 * or ROTA_ENOMEM. */
static int choose(struct btree *t)
{
	struct solver_colgen *cg = t->cg;
	size_t O = (size_t)cg->S + 1, ncell = (size_t)cg->ncls * cg->D;
	size_t batch = 0;
	double best = -1;
	struct bnode b = {0, 0, 0, 0};

	memset(t->touched, 0, (size_t)cg->ncls);
	for (size_t k = 0; k < ncell; k++) {
		uint64_t m = cg->mask[k];
		int o;
		double v;

		if ((m & (m - 1)) == 0)
			continue;
		v = solver_colgen_heaviest(t->y + k * O, O, &o);
		if (v > 1 - 1e-6 || v < 1e-6)
			continue;
		if (v >= 1 - BRANCH_ROUND) {
			if (ROTA_GROW(t->stack, t->cap, t->depth) < 0)
				return ROTA_ENOMEM;
			t->stack[t->depth++] = (struct bnode){k, o, 1, m};
			cg->mask[k] = (uint64_t)1 << o;
			t->touched[k / (size_t)cg->D] = 1;
			batch++;
			continue;
		}
		if (v <= best)
			continue;
		best = v;
		b = (struct bnode){k, o, 0, m};
	}
	if (batch) {
		solver_colgen_cell_bar(cg, t->touched);
		return 0;
	}
	if (best < 0)
		return 1;
	if (ROTA_GROW(t->stack, t->cap, t->depth) < 0)
		return ROTA_ENOMEM;
	t->stack[t->depth++] = b;
	branch_apply(t);
	return 0;
}

/* what became of a node */
enum { NODE_BRANCH, NODE_PRUNED, NODE_ROSTER, NODE_STOP };

/*
 * The node the masks now make: its columns repaired (a class whose every
 * column is barred gets one its mask allows), its LP with column
 * generation.  NODE_PRUNED (no LP, or one that cannot beat the cutoff),
 * NODE_ROSTER when its LP is whole (the roster into type), NODE_BRANCH,
 * NODE_STOP when GLPK failed or the time cap stopped a pricing, or a
 * negative status.
 */
static int node(struct btree *t, int *type)
{
	struct solver_colgen *cg = t->cg;
	int r = solver_colgen_mask_columns(cg);

	t->nodes++;
	if (r == ROTA_ELIMIT)
		return NODE_STOP; /* the time cap */
	if (r != 0)
		return r < 0 ? r : NODE_PRUNED;
	/* BRANCH_ROUNDS rounds, and to the end before a prune */
	for (int rounds = BRANCH_ROUNDS;; rounds = 0) {
		r = solver_colgen_generate(cg, rounds, 0);
		if (r == SUB_INFEASIBLE)
			return NODE_PRUNED;
		if (r != SUB_OPTIMAL)
			return r < 0 ? r : NODE_STOP;
		if (cg->lp < t->cutoff)
			break;
		if (rounds == 0)
			return NODE_PRUNED;
	}
	if (!solver_colgen_cell_weights(cg, t->y))
		return NODE_BRANCH;
	if (solver_colgen_read_counts(cg, 1, type) < 0)
		return ROTA_ENOMEM;
	solver_budget_log(cg->bu, "branch: node %ld, depth %zu, a roster "
				  "of %.4f\n",
			  t->nodes, t->depth, cg->lp);
	t->found++;
	t->best = cg->lp;
	return NODE_ROSTER;
}

/* The search (solver_colgen_branch) on masks set up by it: 1 when the
 * tree was searched to its end, 0 when the budget (or GLPK) stopped it,
 * or a negative status. */
static int search(struct btree *t, double step, int *type)
{
	struct solver_colgen *cg = t->cg;

	for (;;) {
		int r;

		if (!solver_budget_left(cg->bu))
			return 0;
		r = node(t, type);
		if (r < 0 || r == NODE_STOP)
			return r < 0 ? r : 0;
		if (r == NODE_ROSTER)
			t->cutoff = cg->lp - step + 1e-6;
		if (r == NODE_BRANCH && (r = choose(t)) <= 0) {
			if (r < 0)
				return r;
			continue;
		}
		if (!backtrack(t))
			return 1;
	}
}

int solver_colgen_branch(struct solver_colgen *cg, double incumbent,
			 double step, int *type, double *value)
{
	size_t O = (size_t)cg->S + 1, ncell = (size_t)cg->ncls * cg->D;
	uint64_t all = O >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << O) - 1;
	struct btree t = {cg, NULL, 0, 0, NULL, NULL,
			  incumbent - step + 1e-6, HUGE_VAL, 0, 0};
	int r;

	if (!solver_colgen_cell_dive(cg))
		return SUB_NONE;
	cg->mask = malloc(ncell * sizeof(uint64_t) + 1);
	t.touched = calloc((size_t)cg->ncls + 1, 1);
	t.y = malloc(ncell * O * sizeof(double) + 1);
	if (!cg->mask || !t.touched || !t.y) {
		r = ROTA_ENOMEM;
		goto out;
	}
	for (size_t k = 0; k < ncell; k++)
		cg->mask[k] = all;
	cg->bu->phase = "branching";
	r = search(&t, step, type);
	solver_budget_log(cg->bu, "branch: %ld nodes, %ld rosters, %s\n",
			  t.nodes, t.found,
			  r == 1 ? "the tree searched" : "stopped");
	if (r >= 0)
		r = t.found ? SUB_OPTIMAL : SUB_NONE;
	*value = t.best;
out:
	free(cg->mask);
	cg->mask = NULL;
	free(t.touched);
	free(t.y);
	free(t.stack);
	return r;
}
