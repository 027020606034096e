/*
 * solver/problem.c - struct rota_problem and struct rota_solution:
 * allocation, validation, small helpers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver.h"

static const struct {
	const char *name, *summary;
} extra_rules[] = {
#define ROTA_X_PRULE(n, s) {#n, s},
	ROTA_PROBLEM_RULE_EXTRA_MAP(ROTA_X_PRULE)
#undef ROTA_X_PRULE
};

_Static_assert(ROTA_PROBLEM_RULE_COUNT - ROTA_RULE_COUNT ==
		       sizeof(extra_rules) / sizeof(extra_rules[0]),
	       "extra rule table and enum disagree");

const char *rota_problem_rule_name(int r)
{
	if (r >= 0 && r < ROTA_RULE_COUNT)
		return rota_rule_name(r);
	if (r >= ROTA_RULE_COUNT && r < ROTA_PROBLEM_RULE_COUNT)
		return extra_rules[r - ROTA_RULE_COUNT].name;
	if (r == ROTA_PROBLEM_RULE_COUNT)
		return "type_max";
	return NULL;
}

const char *rota_problem_rule_summary(int r)
{
	if (r >= 0 && r < ROTA_RULE_COUNT)
		return rota_rule_summary(r);
	if (r >= ROTA_RULE_COUNT && r < ROTA_PROBLEM_RULE_COUNT)
		return extra_rules[r - ROTA_RULE_COUNT].summary;
	if (r == ROTA_PROBLEM_RULE_COUNT)
		return "maximum shifts of one type over the horizon";
	return NULL;
}

static const char *const term_names[ROTA_TERM_COUNT] = {
#define ROTA_X_TERM(n, s) #n,
	ROTA_TERM_MAP(ROTA_X_TERM)
#undef ROTA_X_TERM
};

const char *rota_term_name(int term)
{
	return term >= 0 && term < ROTA_TERM_COUNT ? term_names[term] : NULL;
}

const char *rota_solve_status_name(int status)
{
	switch (status) {
	case ROTA_SOLVE_OPTIMAL:
		return "optimal";
	case ROTA_SOLVE_FEASIBLE:
		return "feasible";
	case ROTA_SOLVE_INFEASIBLE:
		return "infeasible";
	default:
		return "none";
	}
}

const char *rota_stop_name(int stop)
{
	switch (stop) {
	case ROTA_STOP_WORK:
		return "work budget";
	case ROTA_STOP_TIME:
		return "time limit";
	default:
		return "done";
	}
}

int rota_problem_weekday(const struct rota_problem *p, int d)
{
	return (p->first_weekday - 1 + d % 7 + 7) % 7 + 1;
}

int rota_problem_is_weekend(const struct rota_problem *p, int d)
{
	return rota_problem_weekday(p, d) >= 6;
}

int rota_problem_can_work(const struct rota_problem *p, int e, int d, int s)
{
	const struct rota_shift_type *t = &p->types[s];
	uint64_t serve;

	if (!rota_problem_slot(p, d, s)->allowed ||
	    rota_problem_unavailable(p, e, d, s))
		return 0;
	if (p->n_skills == 0 || t->skills == 0)
		return 1;
	serve = t->skills & p->employees[e].skills;
	return serve != 0;
}

#define MAX_DIM 1000000

static void *alloc_array(size_t n, size_t size, int *failed)
{
	void *a;

	if (n == 0)
		return NULL;
	a = calloc(n, size);
	if (!a)
		*failed = 1;
	return a;
}

struct rota_problem *rota_problem_new(int n_days, int n_intervals,
				      int n_skills, int n_types,
				      int n_employees, struct rota_error *err)
{
	struct rota_problem *p;
	size_t D = (size_t)n_days, T = (size_t)n_intervals;
	size_t K = (size_t)n_skills, S = (size_t)n_types;
	size_t E = (size_t)n_employees;
	int failed = 0;

	if (n_days < 1 || n_days > 3660 || n_intervals < 0 ||
	    n_intervals > MAX_DIM || n_skills < 0 ||
	    n_skills > ROTA_MAX_SKILLS || n_types < 0 || n_types > 10000 ||
	    n_employees < 0 || n_employees > 100000) {
		rota_error_set(err, ROTA_EINVAL,
			       "problem sizes out of range (days %d, "
			       "intervals %d, skills %d, shift types %d, "
			       "employees %d)",
			       n_days, n_intervals, n_skills, n_types,
			       n_employees);
		return NULL;
	}
	if (E * D * S > (size_t)200 * 1000 * 1000) {
		rota_error_set(err, ROTA_ELIMIT,
			       "problem too large: %d employees x %d days x "
			       "%d shift types",
			       n_employees, n_days, n_types);
		return NULL;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		goto nomem;
	p->n_days = n_days;
	p->first_weekday = 1;
	p->interval_min = 15;
	p->n_intervals = n_intervals;
	p->n_skills = n_skills;
	p->n_types = n_types;
	p->n_employees = n_employees;
	p->max_changes = ROTA_UNSET;
	p->skills = alloc_array(K, sizeof(*p->skills), &failed);
	p->demand = alloc_array(T * K, sizeof(*p->demand), &failed);
	p->types = alloc_array(S, sizeof(*p->types), &failed);
	p->slots = alloc_array(D * S, sizeof(*p->slots), &failed);
	p->cover = alloc_array(D * S, sizeof(*p->cover), &failed);
	p->ban = alloc_array(S * S, sizeof(*p->ban), &failed);
	p->employees = alloc_array(E, sizeof(*p->employees), &failed);
	p->unavailable = alloc_array(E * D * S, 1, &failed);
	p->type_max = alloc_array(E * S, sizeof(*p->type_max), &failed);
	p->fixed = alloc_array(E * D, sizeof(*p->fixed), &failed);
	if (failed)
		goto nomem;
	for (size_t i = 0; i < E * D; i++)
		p->fixed[i] = ROTA_FREE;
	for (size_t i = 0; i < D * S; i++)
		p->slots[i].allowed = 1;
	for (size_t i = 0; i < S; i++)
		p->types[i].start_min = -1;
	for (size_t i = 0; i < E * S; i++)
		p->type_max[i].value = ROTA_UNSET;
	for (size_t e = 0; e < E; e++) {
		struct rota_problem_employee *pe = &p->employees[e];

		for (int r = 0; r < ROTA_PROBLEM_RULE_COUNT; r++)
			pe->rule[r].value = ROTA_UNSET;
		pe->history.last_end = INT64_MIN;
		pe->history.last_type = -1;
		pe->future.first_start = INT64_MAX;
		pe->future.first_type = -1;
		pe->group = -1;
	}
	return p;
nomem:
	rota_problem_free(p);
	rota_error_set(err, ROTA_ENOMEM, "out of memory allocating a problem");
	return NULL;
}

void rota_problem_free(struct rota_problem *p)
{
	if (!p)
		return;
	free(p->skills);
	free(p->demand);
	free(p->types);
	free(p->slots);
	free(p->cover);
	free(p->ban);
	free(p->employees);
	free(p->unavailable);
	free(p->type_max);
	free(p->fixed);
	free(p->reference);
	free(p->requests);
	free(p->groups);
	free(p);
}

int rota_problem_set_reference(struct rota_problem *p, const int *types,
			       struct rota_error *err)
{
	size_t n = (size_t)p->n_employees * (size_t)p->n_days;
	int *ref;

	if (!types) {
		free(p->reference);
		p->reference = NULL;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (types[i] < -1 || types[i] >= p->n_types)
			return rota_error_set(err, ROTA_EDATA,
					      "reference: employee %zu day %zu: "
					      "shift type %d out of range",
					      i / (size_t)p->n_days,
					      i % (size_t)p->n_days, types[i]);
	if (!(ref = malloc((n ? n : 1) * sizeof(int))))
		return rota_error_set(err, ROTA_ENOMEM,
				      "out of memory copying a reference");
	if (n)
		memcpy(ref, types, n * sizeof(int));
	free(p->reference);
	p->reference = ref;
	return 0;
}

int rota_problem_freeze(struct rota_problem *p, int64_t from,
			struct rota_error *err)
{
	int D = p->n_days, S = p->n_types;

	if (!p->reference)
		return rota_error_set(err, ROTA_EINVAL,
				      "freezing needs a reference roster");
	for (int e = 0; e < p->n_employees; e++)
		for (int d = 0; d < D; d++) {
			int ref = p->reference[e * D + d], past = 1;
			int *fx = &p->fixed[e * D + d];

			if (*fx != ROTA_FREE)
				continue;
			if (ref >= 0 && rota_problem_slot(p, d, ref)->start < from) {
				*fx = ref;
				continue;
			}
			for (int s = 0; s < S; s++)
				if (rota_problem_slot(p, d, s)->start >= from)
					past = 0;
			if (past) {
				*fx = ref;
				continue;
			}
			for (int s = 0; s < S; s++)
				if (s != ref &&
				    rota_problem_slot(p, d, s)->start < from)
					p->unavailable[((size_t)e * (size_t)D +
							(size_t)d) *
							       (size_t)S +
						       (size_t)s] = 1;
		}
	return 0;
}

int rota_problem_add_request(struct rota_problem *p,
			     const struct rota_request *r,
			     struct rota_error *err)
{
	struct rota_request *a;
	size_t n = p->n_requests;

	/* grow in powers of two */
	if ((n & (n - 1)) == 0) {
		a = realloc(p->requests, (n ? 2 * n : 1) * sizeof(*a));
		if (!a)
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory adding a request");
		p->requests = a;
	}
	p->requests[n] = *r;
	p->n_requests = n + 1;
	return (int)(n > (size_t)INT32_MAX ? INT32_MAX : n);
}

int rota_problem_add_group(struct rota_problem *p,
			   const struct rota_fair_group *g,
			   struct rota_error *err)
{
	struct rota_fair_group *a;

	a = realloc(p->groups, (size_t)(p->n_groups + 1) * sizeof(*a));
	if (!a)
		return rota_error_set(err, ROTA_ENOMEM,
				      "out of memory adding a group");
	p->groups = a;
	p->groups[p->n_groups] = *g;
	return p->n_groups++;
}

static int bad_weight(double w)
{
	return !isfinite(w) || w < 0 || w > 1e9;
}

static int terminated(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

/* The scalars of the problem and the reference roster. */
static int validate_scalars(const struct rota_problem *p,
			    struct rota_error *err)
{
	int D = p->n_days, S = p->n_types, E = p->n_employees;

	if (p->first_weekday < 1 || p->first_weekday > 7)
		return rota_error_set(err, ROTA_EDATA,
				      "problem: first_weekday %d is not 1-7",
				      p->first_weekday);
	if (p->interval_min < 1 || p->interval_min > 1440)
		return rota_error_set(err, ROTA_EDATA,
				      "problem: interval_min %d out of range",
				      p->interval_min);
	if (bad_weight(p->cost_per_min))
		return rota_error_set(err, ROTA_EDATA,
				      "problem: cost_per_min is not a weight");
	if (bad_weight(p->change_weight))
		return rota_error_set(err, ROTA_EDATA,
				      "problem: change_weight is not a weight");
	if (p->max_changes < ROTA_UNSET)
		return rota_error_set(err, ROTA_EDATA,
				      "problem: max_changes %d is negative",
				      p->max_changes);
	for (size_t i = 0; p->reference && i < (size_t)E * (size_t)D; i++)
		if (p->reference[i] < -1 || p->reference[i] >= S)
			return rota_error_set(
				err, ROTA_EDATA,
				"problem: reference of employee %zu day %zu: "
				"shift type %d out of range",
				i / (size_t)D, i % (size_t)D, p->reference[i]);
	return 0;
}

/* Skills, demand, shift types, slots and cover. */
static int validate_data(const struct rota_problem *p, struct rota_error *err)
{
	int D = p->n_days, T = p->n_intervals, K = p->n_skills,
	    S = p->n_types;

	for (int k = 0; k < K; k++)
		if (!terminated(p->skills[k].name, sizeof(p->skills[k].name)))
			return rota_error_set(err, ROTA_EDATA,
					      "problem: skill %d: name is "
					      "not terminated", k);
	for (int i = 0; i < T * K; i++) {
		const struct rota_demand *dm = &p->demand[i];

		if (dm->required < 0 || dm->required > 100000 ||
		    bad_weight(dm->under_weight) ||
		    bad_weight(dm->over_weight))
			return rota_error_set(err, ROTA_EDATA,
					      "problem: demand of interval %d "
					      "skill %d out of range",
					      i / K, i % K);
	}
	for (int s = 0; s < S; s++) {
		const struct rota_shift_type *t = &p->types[s];

		if (!terminated(t->code, sizeof(t->code)) ||
		    !terminated(t->name, sizeof(t->name)))
			return rota_error_set(err, ROTA_EDATA,
					      "problem: shift type %d: code "
					      "or name not terminated", s);
		if (t->length_min < 1 || t->length_min > 1440 ||
		    t->paid_min < 0 || t->paid_min > t->length_min ||
		    t->start_min < -1 || t->start_min > 1439)
			return rota_error_set(err, ROTA_EDATA,
					      "problem: shift type '%s': "
					      "start, length or paid minutes "
					      "out of range", t->code);
		if (K < 64 && (t->skills >> K) != 0)
			return rota_error_set(err, ROTA_EDATA,
					      "problem: shift type '%s' serves "
					      "an unknown skill", t->code);
		for (int s2 = 0; s2 < S; s2++)
			if (p->ban[s * S + s2] > 1)
				return rota_error_set(
					err, ROTA_EDATA,
					"problem: ban[%d][%d] is not 0 or 1",
					s, s2);
	}
	for (int i = 0; i < D * S; i++) {
		const struct rota_slot *sl = &p->slots[i];
		const struct rota_cover *c = &p->cover[i];

		if (sl->allowed != 0 && sl->allowed != 1)
			return rota_error_set(err, ROTA_EDATA,
					      "problem: slot day %d type %d: "
					      "allowed is not 0 or 1",
					      i / S, i % S);
		if (sl->end < sl->start || sl->first_interval < 0 ||
		    sl->end_interval > T ||
		    sl->first_interval > sl->end_interval ||
		    sl->break_first > sl->break_end ||
		    (sl->break_first < sl->break_end &&
		     (sl->break_first < sl->first_interval ||
		      sl->break_end > sl->end_interval)))
			return rota_error_set(err, ROTA_EDATA,
					      "problem: slot day %d type %d: "
					      "times or intervals out of range",
					      i / S, i % S);
		if (c->required < 0 || c->required > 100000 ||
		    bad_weight(c->under_weight) || bad_weight(c->over_weight))
			return rota_error_set(err, ROTA_EDATA,
					      "problem: cover day %d type %d "
					      "out of range", i / S, i % S);
	}
	return 0;
}

/* Employee e: names, skills, rules, caps, history, future, group, pins. */
static int validate_employee(const struct rota_problem *p, int e,
			     struct rota_error *err)
{
	int D = p->n_days, K = p->n_skills, S = p->n_types;
	const struct rota_problem_employee *pe = &p->employees[e];
	const struct rota_history *h = &pe->history;

	if (!terminated(pe->id, sizeof(pe->id)) ||
	    !terminated(pe->name, sizeof(pe->name)) ||
	    !terminated(pe->contract, sizeof(pe->contract)))
		return rota_error_set(err, ROTA_EDATA,
				      "problem: employee %d: id, name "
				      "or contract not terminated", e);
	if (K < 64 && (pe->skills >> K) != 0)
		return rota_error_set(err, ROTA_EDATA,
				      "problem: employee '%s' has an "
				      "unknown skill", pe->id);
	for (int r = 0; r < ROTA_PROBLEM_RULE_COUNT; r++) {
		const struct rota_rule_value *v = &pe->rule[r];

		if ((v->value < 0 && v->value != ROTA_UNSET) ||
		    v->value > 1000000 || bad_weight(v->weight))
			return rota_error_set(
				err, ROTA_EDATA,
				"problem: employee '%s': rule %s: "
				"value %d or weight out of range",
				pe->id, rota_problem_rule_name(r),
				v->value);
	}
	for (int s = 0; s < S; s++) {
		const struct rota_rule_value *v =
			&p->type_max[e * S + s];

		if ((v->value < 0 && v->value != ROTA_UNSET) ||
		    bad_weight(v->weight))
			return rota_error_set(
				err, ROTA_EDATA,
				"problem: employee '%s': cap of shift "
				"type %d out of range", pe->id, s);
	}
	if (h->known != 0 && h->known != 1)
		return rota_error_set(err, ROTA_EDATA,
				      "problem: employee '%s': history "
				      "known is not 0 or 1", pe->id);
	if (h->days_worked < 0 || h->days_off < 0 ||
	    h->weekends_worked < 0 || h->last_type < -1 ||
	    h->last_type >= S ||
	    (h->days_worked > 0 && h->days_off > 0))
		return rota_error_set(err, ROTA_EDATA,
				      "problem: employee '%s': history "
				      "out of range", pe->id);
	if ((pe->future.known != 0 && pe->future.known != 1) ||
	    pe->future.days_worked < 0 || pe->future.days_off < 0 ||
	    (pe->future.days_worked > 0 && pe->future.days_off > 0) ||
	    pe->future.first_type < -1 || pe->future.first_type >= S)
		return rota_error_set(err, ROTA_EDATA,
				      "problem: employee '%s': future "
				      "out of range", pe->id);
	if (pe->group < -1 || pe->group >= p->n_groups)
		return rota_error_set(err, ROTA_EDATA,
				      "problem: employee '%s': group "
				      "%d out of range", pe->id,
				      pe->group);
	for (int d = 0; d < D; d++) {
		int f = rota_problem_fixed(p, e, d);

		if (f < ROTA_FREE || f >= S)
			return rota_error_set(
				err, ROTA_EDATA,
				"problem: employee '%s': fixed type "
				"%d on day %d out of range", pe->id, f,
				d);
	}
	return 0;
}

/* Requests and fairness groups. */
static int validate_requests(const struct rota_problem *p,
			     struct rota_error *err)
{
	int D = p->n_days, S = p->n_types, E = p->n_employees;

	for (size_t i = 0; i < p->n_requests; i++) {
		const struct rota_request *r = &p->requests[i];

		if (r->employee < 0 || r->employee >= E || r->day < 0 ||
		    r->day >= D || r->type < -1 || r->type >= S ||
		    (r->on != 0 && r->on != 1) || bad_weight(r->weight))
			return rota_error_set(err, ROTA_EDATA,
					      "problem: request %zu out of "
					      "range", i);
	}
	for (int g = 0; g < p->n_groups; g++)
		if (!terminated(p->groups[g].name, sizeof(p->groups[g].name)) ||
		    bad_weight(p->groups[g].weekend_weight) ||
		    bad_weight(p->groups[g].late_weight))
			return rota_error_set(err, ROTA_EDATA,
					      "problem: group %d out of range",
					      g);
	return 0;
}

int rota_problem_validate(const struct rota_problem *p,
			  struct rota_error *err)
{
	int D, T, K, S, E, rc;

	if (!p)
		return rota_error_set(err, ROTA_EINVAL, "no problem");
	D = p->n_days;
	T = p->n_intervals;
	K = p->n_skills;
	S = p->n_types;
	E = p->n_employees;
	if (D < 1 || T < 0 || K < 0 || K > ROTA_MAX_SKILLS || S < 0 || E < 0)
		return rota_error_set(err, ROTA_EDATA,
				      "problem: sizes out of range");
	if ((K && !p->skills) || ((T && K) && !p->demand) ||
	    (S && (!p->types || !p->slots || !p->cover || !p->ban)) ||
	    (E && (!p->employees || !p->fixed)) ||
	    ((E && S) && (!p->unavailable || !p->type_max)) ||
	    (p->n_requests && !p->requests) || (p->n_groups && !p->groups) ||
	    p->n_groups < 0)
		return rota_error_set(err, ROTA_EDATA,
				      "problem: an array is missing");
	if ((rc = validate_scalars(p, err)) < 0 ||
	    (rc = validate_data(p, err)) < 0)
		return rc;
	for (int e = 0; e < E; e++)
		if ((rc = validate_employee(p, e, err)) < 0)
			return rc;
	return validate_requests(p, err);
}

struct rota_solution *rota_solution_new(const struct rota_problem *p,
					struct rota_error *err)
{
	struct rota_solution *s = calloc(1, sizeof(*s));
	size_t ed = (size_t)p->n_employees * (size_t)p->n_days;
	size_t tk = (size_t)p->n_intervals * (size_t)p->n_skills;

	if (!s)
		goto nomem;
	s->n_employees = p->n_employees;
	s->n_days = p->n_days;
	s->n_intervals = p->n_intervals;
	s->n_skills = p->n_skills;
	s->type = malloc((ed ? ed : 1) * sizeof(int));
	s->skill = malloc((ed ? ed : 1) * sizeof(int));
	if (!s->type || !s->skill)
		goto nomem;
	for (size_t i = 0; i < ed; i++)
		s->type[i] = s->skill[i] = -1;
	if (tk) {
		s->served = calloc(tk, sizeof(double));
		if (!s->served)
			goto nomem;
	}
	s->stats.bound = -HUGE_VAL;
	s->stats.gap = HUGE_VAL;
	return s;
nomem:
	rota_solution_free(s);
	rota_error_set(err, ROTA_ENOMEM, "out of memory allocating a roster");
	return NULL;
}

void rota_solution_free(struct rota_solution *s)
{
	if (!s)
		return;
	free(s->type);
	free(s->skill);
	free(s->served);
	free(s);
}
