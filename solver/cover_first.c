/*
 * solver/cover_first.c - the problem whose only cost is the shifts short
 * of the cover: a start for the search when that cost dominates.
 *
 * On Curtois 18 (under-cover 100 a shift, over-cover 1, requests 1-3) the
 * dives and the searches after them end at 44 shifts short, every run and
 * every restart; the same solver on the same instance with the over-cover
 * and request weights set to 0 finds 43 at once (its LP: 42.5).  The
 * requests lead the dive into rosters one shift shorter than they need to
 * be, and no neighbourhood takes a shift short back out: the shortage is
 * on weekends, where every employee works their most (6 of 12), and
 * moving it takes whole weekends of several employees.  Searching the
 * full objective from the 43-short roster keeps it there (bench/
 * RESULTS.md).  search.c runs it on long runs, once, as a restart.
 */
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"

/* the cover's under weights must be at least this many times every other
 * weight for the shortage alone to be worth solving first */
#define COVER_DOMINATES 10.0

int solver_cover_first_fits(const struct rota_problem *p)
{
	size_t nc = (size_t)p->n_days * (size_t)p->n_types;
	/* the per-type caps: one an employee and shift type */
	size_t ncap = p->type_max ? (size_t)p->n_employees *
					    (size_t)p->n_types
				  : 0;
	double soft = 0, under = -1;

	if (p->n_intervals > 0 || p->reference || p->n_groups > 0 ||
	    p->cost_per_min != 0 || !p->cover)
		return 0;
	for (int e = 0; e < p->n_employees; e++)
		for (int r = 0; r < ROTA_PROBLEM_RULE_COUNT; r++)
			if (p->employees[e].rule[r].value != ROTA_UNSET &&
			    p->employees[e].rule[r].weight > 0)
				return 0;
	for (size_t i = 0; i < ncap; i++)
		if (p->type_max[i].value != ROTA_UNSET &&
		    p->type_max[i].weight > 0)
			return 0;
	for (size_t i = 0; i < p->n_requests; i++)
		if (p->requests[i].weight > soft)
			soft = p->requests[i].weight;
	for (size_t i = 0; i < nc; i++) {
		const struct rota_cover *c = &p->cover[i];

		if (c->over_weight > soft)
			soft = c->over_weight;
		if (c->required > 0 && (under < 0 || c->under_weight < under))
			under = c->under_weight;
	}
	return soft > 0 && under >= COVER_DOMINATES * soft;
}

int solver_cover_first_problem(const struct rota_problem *p,
			       struct rota_problem *q)
{
	size_t nc = (size_t)p->n_days * (size_t)p->n_types;
	struct rota_cover *cover = malloc((nc + 1) * sizeof(*cover));

	if (!cover)
		return ROTA_ENOMEM;
	memcpy(cover, p->cover, nc * sizeof(*cover));
	for (size_t i = 0; i < nc; i++)
		cover[i].over_weight = 0;
	*q = *p;
	q->cover = cover;
	q->n_requests = 0;
	q->requests = NULL;
	return 0;
}

void solver_cover_first_free(struct rota_problem *q)
{
	free(q->cover);
	q->cover = NULL;
}
