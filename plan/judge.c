/*
 * plan/judge.c - the checker's verdict on a few people's weeks.
 *
 * A substitute or a swap changes the weeks of one to three employees.
 * Their hard rules are per employee, so the checker judges them on the
 * week's problem restricted to those employees (a "sub-problem": the same
 * days, shift types, slots, bans, rules, leave and requests; no fairness
 * groups and, for rules alone, no intervals), which is as exact as the
 * whole week and a thousand times cheaper on a large site.  Coverage,
 * which depends on everyone, is judged on the whole week (plan/cover.c).
 */
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

void rota_plan_sub_free(struct rota_plan_sub *s)
{
	if (!s)
		return;
	rota_problem_free(s->p);
	rota_solution_free(s->sol);
	free(s->emps);
	free(s);
}

int rota_plan_sub_new(const struct rota_problem *P, int n, int coverage,
		      struct rota_plan_sub **out, struct rota_error *err)
{
	struct rota_plan_sub *s = calloc(1, sizeof(*s));
	struct rota_problem *p;
	size_t D = (size_t)P->n_days, S = (size_t)P->n_types;
	int T = coverage ? P->n_intervals : 0;
	size_t TK = (size_t)T * (size_t)P->n_skills;

	if (!s || !(s->emps = calloc((size_t)n, sizeof(int)))) {
		free(s);
		return rota_plan_oom(err);
	}
	s->P = P;
	s->n = n;
	if (!(p = rota_problem_new(P->n_days, T, P->n_skills, P->n_types, n,
				   err))) {
		rota_plan_sub_free(s);
		return err ? err->code : ROTA_ENOMEM;
	}
	s->p = p;
	p->first_weekday = P->first_weekday;
	p->first_day = P->first_day;
	p->dated = P->dated;
	p->t0 = P->t0;
	p->interval_min = P->interval_min;
	if (P->n_skills)
		memcpy(p->skills, P->skills,
		       (size_t)P->n_skills * sizeof(*p->skills));
	if (TK)
		memcpy(p->demand, P->demand, TK * sizeof(*p->demand));
	if (S) {
		memcpy(p->types, P->types, S * sizeof(*p->types));
		memcpy(p->slots, P->slots, D * S * sizeof(*p->slots));
		memcpy(p->cover, P->cover, D * S * sizeof(*p->cover));
		memcpy(p->ban, P->ban, S * S * sizeof(*p->ban));
	}
	for (size_t i = 0; !coverage && i < D * S; i++) {
		/* rules only: no interval is covered */
		p->slots[i].first_interval = p->slots[i].end_interval = 0;
		p->slots[i].break_first = p->slots[i].break_end = 0;
	}
	p->cost_per_min = P->cost_per_min;
	p->change_weight = P->change_weight;
	p->max_changes = ROTA_UNSET;
	if (!(s->sol = rota_solution_new(p, err))) {
		rota_plan_sub_free(s);
		return err ? err->code : ROTA_ENOMEM;
	}
	free(s->sol->served);  /* the checker derives its own */
	s->sol->served = NULL;
	*out = s;
	return 0;
}

int rota_plan_sub_load(struct rota_plan_sub *s, const int *emps,
		       struct rota_error *err)
{
	const struct rota_problem *P = s->P;
	struct rota_problem *p = s->p;
	size_t D = (size_t)P->n_days, S = (size_t)P->n_types;

	p->n_requests = 0;
	for (int i = 0; i < s->n; i++) {
		size_t e = (size_t)emps[i];

		s->emps[i] = emps[i];
		p->employees[i] = P->employees[e];
		p->employees[i].group = -1;
		memcpy(&p->unavailable[(size_t)i * D * S],
		       &P->unavailable[e * D * S], D * S);
		memcpy(&p->type_max[(size_t)i * S], &P->type_max[e * S],
		       S * sizeof(*p->type_max));
		memcpy(&p->fixed[(size_t)i * D], &P->fixed[e * D],
		       D * sizeof(*p->fixed));
	}
	for (size_t r = 0; r < P->n_requests; r++)
		for (int i = 0; i < s->n; i++) {
			struct rota_request rq = P->requests[r];

			if (rq.employee != emps[i])
				continue;
			rq.employee = i;
			if (rota_problem_add_request(p, &rq, err) < 0)
				return err ? err->code : ROTA_ENOMEM;
		}
	return 0;
}

int rota_plan_sub_check(struct rota_plan_sub *s, const int *types,
			const int *skills, struct rota_check_report **out,
			struct rota_error *err)
{
	size_t D = (size_t)s->P->n_days;

	for (int i = 0; i < s->n; i++) {
		memcpy(&s->sol->type[(size_t)i * D], &types[(size_t)i * D],
		       D * sizeof(int));
		for (size_t d = 0; d < D; d++)
			s->sol->skill[(size_t)i * D + d] =
				skills ? skills[(size_t)i * D + d] : -1;
	}
	return rota_check(s->p, s->sol, out, err);
}

/* A hard violation of `after` that `before` does not have (as badly). */
static int is_new(const struct rota_violation *v,
		  const struct rota_check_report *before)
{
	for (size_t i = 0; i < before->n_violations; i++) {
		const struct rota_violation *w = &before->violations[i];

		if (w->hard && w->kind == v->kind &&
		    w->employee == v->employee && w->day == v->day &&
		    w->units >= v->units)
			return 0;
	}
	return 1;
}

int rota_plan_new_hard(const struct rota_check_report *before,
		       const struct rota_check_report *after,
		       struct rota_plan_notes *sentences)
{
	return rota_plan_new_hard_of(before, after, NULL, 0, sentences);
}

int rota_plan_new_hard_of(const struct rota_check_report *before,
			  const struct rota_check_report *after,
			  const int *emps, int n_emps,
			  struct rota_plan_notes *sentences)
{
	int n = 0;

	for (size_t i = 0; i < after->n_violations; i++) {
		const struct rota_violation *v = &after->violations[i];
		int mine = !emps;

		for (int j = 0; j < n_emps && !mine; j++)
			mine = v->employee == emps[j];
		if (!v->hard || !mine || !is_new(v, before))
			continue;
		n++;
		rota_plan_note(sentences, "%s", v->text);
	}
	return n;
}

double rota_plan_rule_cost(const struct rota_check_report *r)
{
	return r->term[ROTA_TERM_rules] + r->term[ROTA_TERM_requests] +
	       r->term[ROTA_TERM_cost];
}

double rota_plan_coverage_cost(const struct rota_check_report *r)
{
	return r->term[ROTA_TERM_under] + r->term[ROTA_TERM_over] +
	       r->term[ROTA_TERM_cover_under] + r->term[ROTA_TERM_cover_over];
}

int rota_plan_overtime(const struct rota_problem *p, int e, int paid)
{
	const struct rota_rule_value *v = &p->employees[e].rule[ROTA_RULE_max_week_min];

	if (v->value == ROTA_UNSET || paid <= v->value)
		return 0;
	return paid - v->value;
}
