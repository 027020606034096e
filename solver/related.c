/* solver/related.c - neighbourhoods related by the shift cover or by a
 * request, for the large neighbourhood search on the set-partitioning
 * master (master_search.c, colgen_lns). */
#include <string.h>

#include "solver/solver_int.h"

/* e may work shift s on day d (neither unavailable nor capped at 0). */
static int may_work(const struct rota_problem *p, int e, int d, int s)
{
	size_t S = (size_t)p->n_types;
	const struct rota_rule_value *cap = &p->type_max[(size_t)e * S +
							 (size_t)s];

	if (p->unavailable[((size_t)e * (size_t)p->n_days + (size_t)d) * S +
			   (size_t)s])
		return 0;
	return !(cap->value == 0 && cap->weight == 0);
}

/* freed (E): the first `size` of cand's n, and while fewer, others at
 * random. */
static void free_first(int E, const int *cand, int n, int size,
		       uint64_t *rng, uint8_t *freed)
{
	memset(freed, 0, (size_t)E);
	for (int i = 0; i < n && i < size; i++)
		freed[cand[i]] = 1;
	for (int k = n < size ? size - n : 0, tries = 0;
	     k > 0 && tries < 4 * E; tries++) {
		int e = solver_rng_below(rng, E);

		if (!freed[e]) {
			freed[e] = 1;
			k--;
		}
	}
}

/* A cell of the cover chosen uniformly (reservoir) among those under
 * their requirement, else among those over it; -1 when none; *under
 * says which. */
static int off_cover(const struct rota_problem *p, const int *cnt,
		     uint64_t *rng, int *under)
{
	int n = 0, pick = -1;

	*under = 0;
	for (int i = 0; i < p->n_days * p->n_types; i++) {
		const struct rota_cover *c = &p->cover[i];
		int u = cnt[i] < c->required && c->under_weight > 0;
		int o = cnt[i] > c->required && c->over_weight > 0;

		if (u && !*under) {
			*under = 1;
			n = 0;
		}
		if ((*under && u) || (!*under && o))
			if (solver_rng_below(rng, ++n) == 0)
				pick = i;
	}
	return pick;
}

/*
 * Shaw's related removal on the cover: a cell (day, shift) the roster
 * leaves under its requirement, chosen at random, and the employees who
 * could work it that day (those off that day or on a shift over its own
 * cover first, in random order); with no cell under, a cell over its
 * requirement and the employees on it.  Fewer of them than `size`: the
 * rest at random.  Freeing them over the whole horizon lets the master
 * move the chain of shifts that filling the cell needs, which `size`
 * employees drawn from the whole site rarely allow.
 */
int solver_related(const struct rota_problem *p, const int *type,
		   uint64_t *rng, int size, uint8_t *freed, int *cand,
		   int *cnt)
{
	int D = p->n_days, S = p->n_types, E = p->n_employees;
	int n = 0, first = 0, under, cell, d, s;

	memset(cnt, 0, (size_t)D * (size_t)S * sizeof(int));
	for (int e = 0; e < E; e++)
		for (d = 0; d < D; d++)
			if ((s = type[(size_t)e * (size_t)D + (size_t)d]) >= 0)
				cnt[d * S + s]++;
	if ((cell = off_cover(p, cnt, rng, &under)) < 0)
		return 0;
	d = cell / S;
	s = cell % S;
	for (int e = 0; e < E; e++) {
		int t = type[(size_t)e * (size_t)D + (size_t)d];

		if (under ? t != s && may_work(p, e, d, s) : t == s)
			cand[n++] = e;
	}
	/* shuffle; with a cell under, the likeliest movers to the front */
	for (int i = 0; i < n; i++) {
		int j = i + solver_rng_below(rng, n - i), t = cand[i];

		cand[i] = cand[j];
		cand[j] = t;
		t = type[(size_t)cand[i] * (size_t)D + (size_t)d];
		if (under &&
		    (t < 0 || cnt[d * S + t] > p->cover[d * S + t].required)) {
			j = cand[first];
			cand[first++] = cand[i];
			cand[i] = j;
		}
	}
	free_first(E, cand, n, size, rng, freed);
	return 1;
}

/* Request r is not granted by roster type, and could be: a request to
 * work a shift its employee may not work that day (leave, a cap at 0)
 * is broken by every roster, and freeing its employee wins nothing. */
static int broken(const struct rota_problem *p, const int *type,
		  const struct rota_request *r)
{
	int t = type[(size_t)r->employee * (size_t)p->n_days +
		     (size_t)r->day];
	int on = r->type < 0 ? t >= 0 : t == r->type, may = 0;

	if (!r->on)
		return on;
	if (on)
		return 0;
	for (int s = 0; s < p->n_types && !may; s++)
		may = (r->type < 0 || s == r->type) &&
		      may_work(p, r->employee, r->day, s);
	return may;
}

/*
 * Related removal on a request: a request the roster does not grant
 * (and could: broken above), drawn with probability in proportion to
 * its weight, its employee and those who could trade the day with them
 * (for a request to work, those on the shift asked for; for one not to,
 * those off that day who may work the shift the employee has), in random
 * order; fewer than `size`: the rest at random.  A request is granted by
 * moving its shift to someone else, which a neighbourhood drawn from the
 * whole site seldom frees both ends of (Curtois 8: 120 of its 1,420 is
 * requests).
 */
int solver_related_request(const struct rota_problem *p, const int *type,
			   uint64_t *rng, int size, uint8_t *freed, int *cand)
{
	int D = p->n_days, E = p->n_employees, n = 0, d, s, t;
	const struct rota_request *pick = NULL;
	double total = 0;

	for (size_t i = 0; i < p->n_requests; i++) {
		const struct rota_request *r = &p->requests[i];

		if (r->weight <= 0 || !broken(p, type, r))
			continue;
		total += r->weight;
		/* weighted reservoir: r replaces the pick w.p. w / total */
		if (solver_rng_unit(rng) * total < r->weight)
			pick = r;
	}
	if (!pick)
		return 0;
	d = pick->day;
	t = type[(size_t)pick->employee * (size_t)D + (size_t)d];
	cand[n++] = pick->employee;
	for (int e = 0; e < E; e++) {
		if (e == pick->employee)
			continue;
		s = type[(size_t)e * (size_t)D + (size_t)d];
		if (pick->on ? s >= 0 && (pick->type < 0 || s == pick->type)
			     : s < 0 && t >= 0 && may_work(p, e, d, t))
			cand[n++] = e;
	}
	for (int i = 1; i < n; i++) {
		int j = i + solver_rng_below(rng, n - i), k = cand[i];

		cand[i] = cand[j];
		cand[j] = k;
	}
	free_first(E, cand, n, size, rng, freed);
	return 1;
}
