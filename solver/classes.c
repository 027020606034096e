/*
 * solver/classes.c - classes of identical employees.
 *
 * Employees with the same skills, rules, history, future, fairness group,
 * availability, pins, reference, caps and requests are interchangeable:
 * the LP relaxation has a symmetric optimum over them, the column
 * generation prices one schedule for the whole class, and a roster may
 * swap their weeks at no cost.  The search exploits this symmetry instead
 * of fighting it.
 */
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"

static int cmp_request(const void *a, const void *b)
{
	const struct rota_request *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->on != y->on)
		return x->on < y->on ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return 0;
}

static int same_rules(const struct rota_problem_employee *a,
		      const struct rota_problem_employee *b)
{
	for (int r = 0; r < ROTA_PROBLEM_RULE_COUNT; r++)
		if (a->rule[r].value != b->rule[r].value ||
		    a->rule[r].weight != b->rule[r].weight)
			return 0;
	return a->skills == b->skills && a->group == b->group &&
	       a->history.known == b->history.known &&
	       a->history.days_worked == b->history.days_worked &&
	       a->history.days_off == b->history.days_off &&
	       a->history.last_end == b->history.last_end &&
	       a->history.last_type == b->history.last_type &&
	       a->history.weekends_worked == b->history.weekends_worked &&
	       a->future.known == b->future.known &&
	       a->future.days_worked == b->future.days_worked &&
	       a->future.days_off == b->future.days_off &&
	       a->future.first_start == b->future.first_start &&
	       a->future.first_type == b->future.first_type;
}

int solver_classes(const struct rota_problem *p, int *mult, int *rep_of)
{
	int E = p->n_employees, D = p->n_days, S = p->n_types, n = 0;
	size_t row = (size_t)D * (size_t)S;
	struct rota_request *rq;
	size_t *beg;
	int *rep;

	rq = malloc((p->n_requests + 1) * sizeof(*rq));
	beg = calloc((size_t)E + 2, sizeof(size_t));
	rep = malloc(((size_t)E + 1) * sizeof(int));
	if (!rq || !beg || !rep) {
		free(rq);
		free(beg);
		free(rep);
		return ROTA_ENOMEM;
	}
	/* requests grouped by employee, sorted */
	for (size_t i = 0; i < p->n_requests; i++)
		beg[p->requests[i].employee + 1]++;
	for (int e = 0; e < E; e++)
		beg[e + 1] += beg[e];
	{
		size_t *at = calloc((size_t)E + 1, sizeof(size_t));

		if (!at) {
			free(rq);
			free(beg);
			free(rep);
			return ROTA_ENOMEM;
		}
		for (size_t i = 0; i < p->n_requests; i++) {
			int e = p->requests[i].employee;

			rq[beg[e] + at[e]++] = p->requests[i];
		}
		free(at);
	}
	for (int e = 0; e < E; e++)
		qsort(rq + beg[e], beg[e + 1] - beg[e], sizeof(*rq),
		      cmp_request);
	for (int e = 0; e < E; e++) {
		int found = -1;

		mult[e] = 0;
		for (int c = 0; c < n && found < 0; c++) {
			int f = rep[c];
			size_t nr = beg[e + 1] - beg[e];
			int same = same_rules(&p->employees[e],
					      &p->employees[f]) &&
				   nr == beg[f + 1] - beg[f] &&
				   memcmp(p->unavailable + (size_t)e * row,
					  p->unavailable + (size_t)f * row,
					  row) == 0 &&
				   memcmp(p->fixed + (size_t)e * (size_t)D,
					  p->fixed + (size_t)f * (size_t)D,
					  (size_t)D * sizeof(int)) == 0 &&
				   (!p->reference ||
				    memcmp(p->reference + (size_t)e * (size_t)D,
					   p->reference + (size_t)f * (size_t)D,
					   (size_t)D * sizeof(int)) == 0);

			for (int s = 0; same && s < S; s++) {
				const struct rota_rule_value *a =
					&p->type_max[e * S + s];
				const struct rota_rule_value *b2 =
					&p->type_max[f * S + s];

				same = a->value == b2->value &&
				       a->weight == b2->weight;
			}
			for (size_t i = 0; same && i < nr; i++)
				same = cmp_request(&rq[beg[e] + i],
						   &rq[beg[f] + i]) == 0;
			if (same)
				found = f;
		}
		if (found >= 0) {
			mult[found]++;
		} else {
			rep[n++] = e;
			mult[e] = 1;
			found = e;
		}
		if (rep_of)
			rep_of[e] = found;
	}
	free(rq);
	free(beg);
	free(rep);
	return n;
}
