/*
 * plan/cover.c - substitutes (替补) for an open shift: direct fills and
 * one-move chains, judged by the checker and ranked by a documented cost
 * (plan/plan.h, "substitutes"; docs/operations.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

#define Y_PER_DAY 2            /* backfill candidates tried per day */
#define CHAIN_TIME_LIMIT_S 5.0  /* one chain MIP (opt->chains == 2) */
#define MOVES_MAX ROTA_PLAN_CHAIN_MAX

/* Employee e works type s on day d (-1: off) instead of S0's. */
struct move {
	int e, d, s;
};

/* The coverage effect of the moves of a day, the same for any agents
 * with the same skills making the same moves. */
struct daymove {
	uint64_t skills;
	int d, from, to;
};

struct daycov {
	int n;
	struct daymove mv[MOVES_MAX];
	double cost;                     /* coverage terms, after - before */
	long over;                       /* overstaffing added, agent-min */
	long got[ROTA_MAX_SKILLS];       /* shortage regained per skill */
};

/* A candidate's coverage: the sum of its days'. */
struct cov {
	double cost;
	long regained, over;
	long got_k;                      /* regained of the hole's skill */
	char text[160];                  /* "voice 6h00, complaints 1h30" */
};

/*
 * The week's coverage alone over intervals [t0, t1): every employee and
 * slot, but no rules, leave or requests, so the checker recounts only that
 * stretch of coverage (seven times fewer intervals than the week, and no
 * sentences to write).  A move's effect is the same there as on the week.
 */
struct window {
	int t0, t1;
	struct rota_problem *p;
	struct rota_solution *sol;       /* the base's types */
	struct rota_check_report *base;  /* the base, checked */
};

#define WINDOWS_MAX 16

struct eng {
	struct rota_plan *pl;
	const struct rota_plan_cover_opts *opt;
	int32_t monday;
	struct rota_problem *P;          /* the week, overtime allowed */
	struct rota_roster *roster;      /* live */
	struct rota_solution *S0;        /* the base: the hole open */
	struct rota_solution *S1;        /* scratch copy of S0 */
	struct rota_check_report *C0;    /* the whole base week, checked */
	int week_T, D, E;
	int d;                           /* the hole's day */
	int *types;                      /* types that fill it */
	int n_types;
	int k;                           /* its skill, -1 any */
	int owner;                       /* whose it was, -1 */
	int hole_has_owner;              /* an open shift (else a day) */
	int64_t from;                    /* other changes start after this */
	int *extra;                      /* substitute shifts this month */
	int *rule_excluded;              /* 1: only a rule keeps e out */
	struct rota_plan_sub *sub[MOVES_MAX + 1];  /* rules of 1..3 people */
	struct daycov *cache;
	size_t n_cache, cap_cache;
	struct window win[WINDOWS_MAX];
	int n_win;
	struct rota_plan_candidate *cand;
	size_t n_cand, cap_cand;
	int explain;                     /* employee explained, -1 */
	struct rota_plan_notes why;      /* their exclusion sentences */
	int n_excluded, chains_tried;
	long checks, full_checks;        /* checker runs */
};

static void hm(long minutes, char *buf, size_t size)
{
	long m = minutes < 0 ? -minutes : minutes;

	snprintf(buf, size, "%s%ldh%02ld", minutes < 0 ? "-" : "", m / 60,
		 m % 60);
}

static int *row(const struct rota_solution *s, int e)
{
	return &s->type[(size_t)e * (size_t)s->n_days];
}

static const char *emp_id(const struct eng *g, int e)
{
	return g->P->employees[e].id;
}

static void day_text(const struct eng *g, int d, char *buf, size_t size)
{
	char date[16];

	rota_format_date(g->monday + d, date, sizeof(date));
	snprintf(buf, size, "%s %s", rota_weekday_name(rota_weekday(
					     g->monday + d)), date);
}

/* ------------------------------------------------------------ the base */

static void eng_release(struct eng *g)
{
	rota_problem_free(g->P);
	rota_roster_free(g->roster);
	rota_solution_free(g->S0);
	rota_solution_free(g->S1);
	rota_check_report_free(g->C0);
	for (int i = 0; i <= MOVES_MAX; i++)
		rota_plan_sub_free(g->sub[i]);
	for (int i = 0; i < g->n_win; i++) {
		rota_problem_free(g->win[i].p);
		rota_solution_free(g->win[i].sol);
		rota_check_report_free(g->win[i].base);
	}
	free(g->types);
	free(g->extra);
	free(g->rule_excluded);
	free(g->cache);
	free(g->cand);
	rota_plan_notes_release(&g->why);
	memset(g, 0, sizeof(*g));
}

/* Extra shifts this month (substitute rows), per employee of P. */
static int load_extra(struct eng *g, int32_t day, struct rota_error *err)
{
	struct rota_employee_count *c = NULL;
	int y, m, dd, rc;
	int32_t first, next;
	size_t n = 0;

	rota_civil_from_days(day, &y, &m, &dd);
	first = rota_days_from_civil(y, m, 1);
	next = m == 12 ? rota_days_from_civil(y + 1, 1, 1)
		       : rota_days_from_civil(y, m + 1, 1);
	if (!(g->extra = calloc((size_t)g->E + 1, sizeof(int))))
		return rota_plan_oom(err);
	if ((rc = rota_store_substitute_counts(g->pl->st, first, next, &c, &n,
					       err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		for (int e = 0; e < g->E; e++)
			if (strcmp(g->P->employees[e].id, c[i].employee) == 0)
				g->extra[e] = c[i].count;
	free(c);
	return 0;
}

static int eng_init(struct eng *g, struct rota_plan *pl, int32_t monday,
		    const struct rota_plan_cover_opts *opt,
		    struct rota_error *err)
{
	struct rota_plan_week_opts wo = ROTA_PLAN_WEEK_OPTS_INIT;
	int rc;

	memset(g, 0, sizeof(*g));
	g->pl = pl;
	g->opt = opt;
	g->monday = monday;
	g->owner = -1;
	g->k = -1;
	g->explain = -1;
	wo.overtime = 1;  /* substitutes may use the overtime allowance */
	if ((rc = rota_store_roster_load(pl->st, monday, &g->roster, err)) <
		    0 ||
	    (rc = rota_plan_week_problem(pl, monday, &wo, &g->P, err)) < 0 ||
	    (rc = rota_plan_roster_solution(g->P, g->roster, monday, &g->S0,
					    err)) < 0 ||
	    (rc = rota_plan_roster_solution(g->P, g->roster, monday, &g->S1,
					    err)) < 0)
		return rc;
	for (int i = 1; i <= MOVES_MAX; i++)
		if ((rc = rota_plan_sub_new(g->P, i, 0, &g->sub[i], err)) < 0)
			return rc;
	g->D = g->P->n_days;
	g->E = g->P->n_employees;
	g->week_T = rota_plan_week_intervals(g->P, pl->tz, monday);
	g->from = pl->now + (opt->force ? 0 : (int64_t)pl->ds.ops.notice_min *
						      60);
	if (!(g->rule_excluded = calloc((size_t)g->E + 1, sizeof(int))))
		return rota_plan_oom(err);
	return 0;
}

/* Check the base (after the hole was opened in S0). */
static int check_base(struct eng *g, struct rota_error *err)
{
	size_t n = (size_t)g->E * (size_t)g->D;

	if (n) {
		memcpy(g->S1->type, g->S0->type, n * sizeof(int));
		memcpy(g->S1->skill, g->S0->skill, n * sizeof(int));
	}
	return rota_check(g->P, g->S0, &g->C0, err);
}

/* ------------------------------------------------------------ the hole */

static int find_employee(const struct rota_problem *p, const char *id)
{
	for (int e = 0; e < p->n_employees; e++)
		if (strcmp(p->employees[e].id, id) == 0)
			return e;
	return -1;
}

static int find_type(const struct rota_problem *p, const char *code)
{
	for (int s = 0; s < p->n_types; s++)
		if (strcmp(p->types[s].code, code) == 0)
			return s;
	return -1;
}

static int find_skill(const struct rota_problem *p, const char *name)
{
	for (int k = 0; name && *name && k < p->n_skills; k++)
		if (strcmp(p->skills[k].name, name) == 0)
			return k;
	return -1;
}

/* Why a shift is open: "sick (absence 3)", "annual (time off 7)",
 * "annual (time off 7, cancelled)". */
static void open_why(const struct rota_open_shift *o, char *buf, size_t size)
{
	if (o->timeoff_id)
		snprintf(buf, size, "%s (time off %lld%s)", o->type,
			 (long long)o->timeoff_id,
			 o->timeoff_cancelled ? ", cancelled" : "");
	else
		snprintf(buf, size, "%s (absence %lld)", o->type,
			 (long long)o->absence_id);
}

/* The open shift of `employee` on `day`: an absence's, or a live shift its
 * owner may no longer work. */
static int open_shift(struct eng *g, const char *employee, int32_t day,
		      struct rota_plan_hole *h, struct rota_error *err)
{
	struct rota_open_shift *os = NULL;
	size_t n = 0;
	char date[16], what[160];
	int rc, s, e = find_employee(g->P, employee);

	rota_format_date(day, date, sizeof(date));
	if ((rc = rota_store_open_shifts(g->pl->st, g->monday, employee, &os,
					 &n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (os[i].shift.day != day)
			continue;
		if (os[i].covered_by[0]) {
			rota_plan_describe(g->pl, &os[i].shift, what,
					   sizeof(what));
			rc = rota_error_set(err, ROTA_ECONFLICT,
					    "%s is covered by %s (version %d)",
					    what, os[i].covered_by,
					    os[i].covered_version);
			free(os);
			return rc;
		}
		h->shift = os[i].shift;
		h->open_assignment_id = os[i].assignment_id;
		open_why(&os[i], h->why, sizeof(h->why));
	}
	free(os);
	if (!h->open_assignment_id && g->roster && e >= 0) {
		/* a live shift its owner cannot work: leave approved later */
		for (size_t i = 0; i < g->roster->n_assignments; i++) {
			const struct rota_assignment *a =
				&g->roster->assignments[i];

			if (a->day != day || strcmp(a->employee, employee))
				continue;
			s = find_type(g->P, a->shift);
			if (s < 0 || !rota_problem_unavailable(
					     g->P, e, (int)(day - g->monday), s))
				break;
			h->shift = *a;
			h->owner_keeps = 1;
			snprintf(h->why, sizeof(h->why),
				 "%s is on leave", employee);
		}
	}
	if (!h->shift.shift[0])
		return rota_error_set(err, ROTA_ENOTFOUND,
				      "%s has no open shift on %s (no absence "
				      "took one out, no leave overlaps one)",
				      employee, date);
	return 0;
}

static int set_hole(struct eng *g, const char *employee, int32_t day,
		    struct rota_plan_hole *h, struct rota_error *err)
{
	int rc, s;

	memset(h, 0, sizeof(*h));
	h->day = day;
	g->d = (int)(day - g->monday);
	if (!(g->types = calloc((size_t)g->P->n_types + 1, sizeof(int))))
		return rota_plan_oom(err);
	if (!employee) {
		/* an understaffed day: any type offered that day */
		if (g->opt->skill && (g->k = find_skill(g->P, g->opt->skill)) <
					     0)
			return rota_error_set(err, ROTA_ENOTFOUND,
					      "no skill '%s'", g->opt->skill);
		for (s = 0; s < g->P->n_types; s++)
			if (rota_problem_slot(g->P, g->d, s)->allowed &&
			    rota_problem_slot(g->P, g->d, s)->start > g->pl->now)
				g->types[g->n_types++] = s;
		if (g->k >= 0)
			rota_strlcpy(h->shift.skill, g->P->skills[g->k].name,
				     sizeof(h->shift.skill));
		h->shift.day = day;
		snprintf(h->why, sizeof(h->why), "understaffed");
		return 0;
	}
	rota_strlcpy(h->employee, employee, sizeof(h->employee));
	g->hole_has_owner = 1;
	if ((rc = open_shift(g, employee, day, h, err)) < 0)
		return rc;
	if (h->shift.start <= g->pl->now) {
		char what[160];

		rota_plan_describe(g->pl, &h->shift, what, sizeof(what));
		return rota_error_set(err, ROTA_ECONFLICT,
				      "%s has started: past time is frozen",
				      what);
	}
	if ((s = find_type(g->P, h->shift.shift)) < 0)
		return rota_error_set(err, ROTA_EDATA,
				      "shift '%s' is no longer a shift type",
				      h->shift.shift);
	g->types[g->n_types++] = s;
	g->k = find_skill(g->P, h->shift.skill);
	g->owner = find_employee(g->P, employee);
	if (h->owner_keeps && g->owner >= 0)
		row(g->S0, g->owner)[g->d] = -1;
	return 0;
}

/* ------------------------------------------------------------ coverage */

static int cmp_daymove(const void *pa, const void *pb)
{
	const struct move *a = pa, *b = pb;

	if (a->d != b->d)
		return a->d - b->d;
	return a->e - b->e;
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The window [t0, t1) of the week (see struct window). */
static int window_of(struct eng *g, int t0, int t1, struct window **out,
		     struct rota_error *err)
{
	const struct rota_problem *P = g->P;
	struct window *w;
	struct rota_problem *p;
	size_t D = (size_t)P->n_days, S = (size_t)P->n_types;
	int T = t1 - t0, K = P->n_skills, rc;

	for (int i = 0; i < g->n_win; i++)
		if (g->win[i].t0 == t0 && g->win[i].t1 == t1) {
			*out = &g->win[i];
			return 0;
		}
	if (g->n_win == WINDOWS_MAX) {
		/* never on a week: seven days and a few overnight spans */
		return rota_error_set(err, ROTA_ELIMIT,
				      "too many coverage windows");
	}
	w = &g->win[g->n_win];
	memset(w, 0, sizeof(*w));
	if (!(p = rota_problem_new(P->n_days, T, K, P->n_types,
				   P->n_employees, err)))
		return err ? err->code : ROTA_ENOMEM;
	w->p = p;
	w->t0 = t0;
	w->t1 = t1;
	g->n_win++;
	p->first_weekday = P->first_weekday;
	p->first_day = P->first_day;
	p->dated = P->dated;
	p->interval_min = P->interval_min;
	p->t0 = P->t0 + (int64_t)t0 * P->interval_min * 60;
	if (K)
		memcpy(p->skills, P->skills, (size_t)K * sizeof(*p->skills));
	if (T && K)
		memcpy(p->demand, &P->demand[(size_t)t0 * (size_t)K],
		       (size_t)T * (size_t)K * sizeof(*p->demand));
	if (S) {
		memcpy(p->types, P->types, S * sizeof(*p->types));
		memcpy(p->slots, P->slots, D * S * sizeof(*p->slots));
	}
	for (size_t i = 0; i < D * S; i++) {
		struct rota_slot *sl = &p->slots[i];

		sl->first_interval = clampi(sl->first_interval - t0, 0, T);
		sl->end_interval = clampi(sl->end_interval - t0,
					  sl->first_interval, T);
		sl->break_first = clampi(sl->break_first - t0,
					 sl->first_interval, sl->end_interval);
		sl->break_end = clampi(sl->break_end - t0, sl->break_first,
				       sl->end_interval);
	}
	for (int e = 0; e < P->n_employees; e++) {
		rota_strlcpy(p->employees[e].id, P->employees[e].id,
			     sizeof(p->employees[e].id));
		p->employees[e].skills = P->employees[e].skills;
	}
	if (!(w->sol = rota_solution_new(p, err)))
		return err ? err->code : ROTA_ENOMEM;
	free(w->sol->served);
	w->sol->served = NULL;
	if (g->E)
		memcpy(w->sol->type, g->S0->type,
		       (size_t)g->E * D * sizeof(*g->S0->type));
	for (size_t i = 0; i < (size_t)g->E * D; i++)
		w->sol->skill[i] = -1;
	if ((rc = rota_check(p, w->sol, &w->base, err)) < 0)
		return rc;
	g->full_checks++;
	*out = w;
	return 0;
}

/* Intervals [*t0, *t1) that the shifts of day d can reach. */
static void day_span(const struct eng *g, int d, int *t0, int *t1)
{
	for (int s = 0; s < g->P->n_types; s++) {
		const struct rota_slot *sl = rota_problem_slot(g->P, d, s);

		if (sl->end_interval <= sl->first_interval)
			continue;
		if (sl->first_interval < *t0)
			*t0 = sl->first_interval;
		if (sl->end_interval > *t1)
			*t1 = sl->end_interval;
	}
}

/* The cached effect of moves mv[0..n) (one day's, or touching days'). */
static int day_coverage(struct eng *g, const struct move *mv, int n,
			const struct daycov **out, struct rota_error *err)
{
	const struct rota_problem *p = g->P;
	struct rota_check_report *r = NULL;
	struct window *w = NULL;
	struct daycov key;
	int rc, t0 = INT32_MAX, t1 = 0, K = p->n_skills;

	memset(&key, 0, sizeof(key));
	key.n = n;
	for (int i = 0; i < n; i++) {
		key.mv[i].skills = p->employees[mv[i].e].skills;
		key.mv[i].d = mv[i].d;
		key.mv[i].from = row(g->S0, mv[i].e)[mv[i].d];
		key.mv[i].to = mv[i].s;
	}
	/* the same moves in any order */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && memcmp(&key.mv[j - 1], &key.mv[j],
						sizeof(key.mv[0])) > 0;
		     j--) {
			struct daymove t = key.mv[j];

			key.mv[j] = key.mv[j - 1];
			key.mv[j - 1] = t;
		}
	for (size_t i = 0; i < g->n_cache; i++)
		if (g->cache[i].n == n &&
		    memcmp(g->cache[i].mv, key.mv, sizeof(key.mv)) == 0) {
			*out = &g->cache[i];
			return 0;
		}
	for (int i = 0; i < n; i++)
		day_span(g, mv[i].d, &t0, &t1);
	if (t1 <= t0) {
		t0 = 0;
		t1 = p->n_intervals;
	}
	if ((rc = window_of(g, t0, t1, &w, err)) < 0)
		return rc;
	for (int i = 0; i < n; i++)
		row(w->sol, mv[i].e)[mv[i].d] = mv[i].s;
	rc = rota_check(w->p, w->sol, &r, err);
	g->full_checks++;
	for (int i = 0; i < n; i++)
		row(w->sol, mv[i].e)[mv[i].d] = row(g->S0, mv[i].e)[mv[i].d];
	if (rc < 0)
		return rc;
	key.cost = rota_plan_coverage_cost(r) -
		   rota_plan_coverage_cost(w->base);
	for (int k = 0; r->served && k < K; k++)
		for (int t = 0; t < t1 - t0 && t0 + t < g->week_T; t++) {
			double req = rota_problem_demand(w->p, t, k)->required;
			double s0 = w->base->served[t * K + k];
			double s1 = r->served[t * K + k];

			key.got[k] += lround((fmin(req, s1) - fmin(req, s0)) *
					     p->interval_min);
			key.over += lround((fmax(0, s1 - req) -
					    fmax(0, s0 - req)) *
					   p->interval_min);
		}
	rota_check_report_free(r);
	if (ROTA_GROW(g->cache, g->cap_cache, g->n_cache) < 0)
		return rota_plan_oom(err);
	g->cache[g->n_cache] = key;
	*out = &g->cache[g->n_cache++];
	return 0;
}

/* 1 when moves on different days reach each other's intervals (an
 * overnight shift): their effects do not add up then. */
static int days_touch(const struct eng *g, const struct move *mv, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			int a0 = INT32_MAX, a1 = -1, b0 = INT32_MAX, b1 = -1;
			int ta[2] = {row(g->S0, mv[i].e)[mv[i].d], mv[i].s};
			int tb[2] = {row(g->S0, mv[j].e)[mv[j].d], mv[j].s};

			if (mv[i].d >= mv[j].d)
				continue;
			for (int x = 0; x < 2; x++) {
				const struct rota_slot *sa, *sb;

				if (ta[x] >= 0) {
					sa = rota_problem_slot(g->P, mv[i].d,
							       ta[x]);
					a0 = sa->first_interval < a0
						     ? sa->first_interval
						     : a0;
					a1 = sa->end_interval > a1
						     ? sa->end_interval
						     : a1;
				}
				if (tb[x] >= 0) {
					sb = rota_problem_slot(g->P, mv[j].d,
							       tb[x]);
					b0 = sb->first_interval < b0
						     ? sb->first_interval
						     : b0;
					b1 = sb->end_interval > b1
						     ? sb->end_interval
						     : b1;
				}
			}
			if (a0 < b1 && b0 < a1)
				return 1;
		}
	return 0;
}

/* The coverage of a set of moves: the sum of its days' effects (or, when
 * days touch, one check of them all). */
static int coverage(struct eng *g, const struct move *in, int n,
		    struct cov *out, struct rota_error *err)
{
	const struct rota_problem *p = g->P;
	struct move mv[MOVES_MAX];
	long got[ROTA_MAX_SKILLS] = {0};
	size_t len = 0;
	int rc;

	memcpy(mv, in, (size_t)n * sizeof(*mv));
	qsort(mv, (size_t)n, sizeof(*mv), cmp_daymove);
	memset(out, 0, sizeof(*out));
	if (days_touch(g, mv, n)) {
		/* one check of them all */
		const struct daycov *dc;

		if ((rc = day_coverage(g, mv, n, &dc, err)) < 0)
			return rc;
		out->cost = dc->cost;
		out->over = dc->over;
		memcpy(got, dc->got, sizeof(got));
	} else {
		for (int i = 0; i < n;) {
			const struct daycov *dc;
			int j = i;

			while (j < n && mv[j].d == mv[i].d)
				j++;
			if ((rc = day_coverage(g, mv + i, j - i, &dc, err)) <
			    0)
				return rc;
			out->cost += dc->cost;
			out->over += dc->over;
			for (int k = 0; k < p->n_skills; k++)
				got[k] += dc->got[k];
			i = j;
		}
	}
	out->got_k = g->k >= 0 ? got[g->k] : 0;
	for (int k = 0; k < p->n_skills; k++) {
		char a[32];

		if (!got[k])
			continue;
		out->regained += got[k];
		hm(got[k], a, sizeof(a));
		if (len + strlen(p->skills[k].name) + strlen(a) + 4 >=
		    sizeof(out->text))
			break;
		len += (size_t)snprintf(out->text + len,
					sizeof(out->text) - len, "%s%s %s",
					len ? ", " : "", p->skills[k].name, a);
	}
	return 0;
}

/* ------------------------------------------------------------ candidates */

static struct rota_plan_candidate *new_candidate(struct eng *g,
						 struct rota_error *err)
{
	struct rota_plan_candidate *c;

	if (ROTA_GROW(g->cand, g->cap_cand, g->n_cand) < 0) {
		rota_plan_oom(err);
		return NULL;
	}
	c = &g->cand[g->n_cand++];
	memset(c, 0, sizeof(*c));
	return c;
}

/* The change of employee e on day d from S0's type to type s, serving
 * skill k when they have it. */
static void make_change(const struct eng *g, int e, int d, int s, int k,
			struct rota_roster_change *ch)
{
	int s0 = row(g->S0, e)[d];
	int k0 = g->S0->skill[(size_t)e * (size_t)g->D + (size_t)d];

	memset(ch, 0, sizeof(*ch));
	rota_strlcpy(ch->employee, emp_id(g, e), sizeof(ch->employee));
	ch->day = g->monday + d;
	if (s0 >= 0)
		rota_plan_assignment(g->P, g->monday, e, d, s0, k0, &ch->old);
	if (k >= 0 && !(g->P->employees[e].skills & (UINT64_C(1) << k)))
		k = -1;
	if (s >= 0)
		rota_plan_assignment(g->P, g->monday, e, d, s, k, &ch->now);
}

/* The skill of the base shift of type s on day d that one of the moves
 * gives up (a backfill serves it), or -1. */
static int given_skill(const struct eng *g, const struct move *mv, int n,
		       int d, int s)
{
	for (int i = 0; s >= 0 && i < n; i++)
		if (mv[i].d == d && row(g->S0, mv[i].e)[d] == s)
			return g->S0->skill[(size_t)mv[i].e * (size_t)g->D +
					    (size_t)d];
	return -1;
}

/* "takes it, gives up L on Thu 2026-12-03, A030 takes L on Thu ..." */
static void describe_moves(const struct eng *g, const struct move *mv, int n,
			   char *buf, size_t size)
{
	size_t len;

	int s0 = row(g->S0, mv[0].e)[g->d];

	if (s0 >= 0)
		len = (size_t)snprintf(buf, size, "switches from %s to it",
				       g->P->types[s0].code);
	else
		len = (size_t)snprintf(buf, size, "%s",
				       n == 1 ? "fills it directly"
					      : "takes it");
	if (n == 1) {
		snprintf(buf + len, len < size ? size - len : 0,
			 ", nobody else moves");
		return;
	}
	for (int i = 1; i < n && len < size; i++) {
		int s1 = row(g->S0, mv[i].e)[mv[i].d];
		char day[32];

		day_text(g, mv[i].d, day, sizeof(day));
		if (mv[i].e == mv[0].e && mv[i].s < 0)
			len += (size_t)snprintf(buf + len, size - len,
						", gives up %s on %s",
						g->P->types[s1].code, day);
		else if (mv[i].e == mv[0].e)
			len += (size_t)snprintf(buf + len, size - len,
						", works %s for %s on %s",
						g->P->types[mv[i].s].code,
						g->P->types[s1].code, day);
		else if (mv[i].s >= 0 && s1 < 0)
			len += (size_t)snprintf(buf + len, size - len,
						", %s takes %s on %s",
						emp_id(g, mv[i].e),
						g->P->types[mv[i].s].code, day);
		else
			len += (size_t)snprintf(buf + len, size - len,
						", %s works %s on %s",
						emp_id(g, mv[i].e),
						mv[i].s >= 0
							? g->P->types[mv[i].s].code
							: "off",
						day);
	}
}

/*
 * Judge the moves (mv[0] is the fill): the people they change are checked
 * on their own weeks before and after (rules alone); the hard rules broken
 * anew go to why (may be NULL) and make *ok 0; otherwise the moves become
 * a candidate costed as plan/plan.h says.
 */
static int evaluate(struct eng *g, const struct move *mv, int n,
		    struct rota_plan_notes *why, int *ok,
		    struct rota_error *err)
{
	const struct rota_ops_settings *ops = &g->pl->ds.ops;
	struct rota_check_report *before = NULL, *after = NULL;
	int who[MOVES_MAX], nw = 0, rows0[MOVES_MAX * 32],
	    rows1[MOVES_MAX * 32], overtime = 0, rc;
	struct rota_plan_candidate *c;
	char moves[256], ot[32], over[80] = "";
	struct cov cv;

	*ok = 0;
	if (g->D > 32)
		return rota_error_set(err, ROTA_EINVAL,
				      "a week of more than 32 days");
	for (int i = 0; i < n; i++) {
		int j;

		for (j = 0; j < nw && who[j] != mv[i].e; j++)
			;
		if (j == nw) {
			who[nw] = mv[i].e;
			memcpy(&rows0[nw * g->D], row(g->S0, mv[i].e),
			       (size_t)g->D * sizeof(int));
			memcpy(&rows1[nw * g->D], row(g->S0, mv[i].e),
			       (size_t)g->D * sizeof(int));
			nw++;
		}
		rows1[j * g->D + mv[i].d] = mv[i].s;
	}
	if ((rc = rota_plan_sub_load(g->sub[nw], who, err)) < 0 ||
	    (rc = rota_plan_sub_check(g->sub[nw], rows0, NULL, &before,
				      err)) < 0 ||
	    (rc = rota_plan_sub_check(g->sub[nw], rows1, NULL, &after,
				      err)) < 0)
		goto out;
	g->checks += 2;
	if (rota_plan_new_hard(before, after, why) > 0)
		goto out;
	if ((rc = coverage(g, mv, n, &cv, err)) < 0)
		goto out;
	/* an understaffed day: only what regains its shortage helps */
	if (!g->hole_has_owner &&
	    (cv.cost >= 0 || (g->k >= 0 && cv.got_k <= 0)))
		goto out;
	if (!(c = new_candidate(g, err))) {
		rc = rc < 0 ? rc : ROTA_ENOMEM;
		goto out;
	}
	for (int i = 0; i < nw; i++)
		overtime += rota_plan_overtime(g->P, who[i],
					       after->paid_min[i]) -
			    rota_plan_overtime(g->P, who[i],
					       before->paid_min[i]);
	c->n_changes = n;
	for (int i = 0; i < n; i++)
		make_change(g, mv[i].e, mv[i].d, mv[i].s,
			    i == 0 ? g->k
				   : given_skill(g, mv, n, mv[i].d, mv[i].s),
			    &c->changes[i]);
	rota_strlcpy(c->employee, emp_id(g, mv[0].e), sizeof(c->employee));
	rota_strlcpy(c->name, g->P->employees[mv[0].e].name, sizeof(c->name));
	c->fill = c->changes[0].now;
	c->overtime_min = overtime;
	c->extra_month = g->extra[mv[0].e];
	c->regained_min = cv.regained;
	c->cost_coverage = cv.cost;
	c->cost_rules = rota_plan_rule_cost(after) -
			rota_plan_rule_cost(before);
	/* fairness: substitute shifts already taken by whoever gains a day */
	for (int i = 0; i < n; i++)
		if (row(g->S0, mv[i].e)[mv[i].d] < 0 && mv[i].s >= 0)
			c->cost_fair += ops->change_weight * g->extra[mv[i].e];
	c->cost_changes = ops->change_weight * (n - 1);
	c->cost = c->cost_coverage + c->cost_rules + c->cost_fair +
		  c->cost_changes;
	describe_moves(g, mv, n, moves, sizeof(moves));
	hm(overtime, ot, sizeof(ot));
	if (cv.over > 0) {
		char a[32];

		hm(cv.over, a, sizeof(a));
		snprintf(over, sizeof(over), ", adds %s of overstaffing", a);
	}
	snprintf(c->reasons, sizeof(c->reasons),
		 "%s; regains %s%s; %s overtime; %d substitute shift%s this "
		 "month",
		 moves, cv.text[0] ? cv.text : "no shortage", over,
		 overtime > 0 ? ot : "no", c->extra_month,
		 c->extra_month == 1 ? "" : "s");
	*ok = 1;
out:
	rota_check_report_free(before);
	rota_check_report_free(after);
	return rc;
}

/* Every employee as a direct fill. */
static int direct_fills(struct eng *g, struct rota_error *err)
{
	char day[32];
	int rc = 0;

	day_text(g, g->d, day, sizeof(day));
	for (int e = 0; e < g->E && rc == 0; e++) {
		struct rota_plan_notes why = {0};
		int s0 = row(g->S0, e)[g->d], found = 0;

		if (e == g->owner)
			continue;
		if (s0 >= 0) {
			rota_plan_note(&why, "%s already works %s on %s (one "
				       "shift a day)", emp_id(g, e),
				       g->P->types[s0].code, day);
		} else if (!g->hole_has_owner && g->k >= 0 &&
			   !(g->P->employees[e].skills &
			     (UINT64_C(1) << g->k))) {
			rota_plan_note(&why, "%s lacks %s, the skill the day "
				       "is short of", emp_id(g, e),
				       g->P->skills[g->k].name);
		} else {
			for (int i = 0; i < g->n_types && rc == 0; i++) {
				struct move mv = {e, g->d, g->types[i]};
				int ok;

				rc = evaluate(g, &mv, 1, &why, &ok, err);
				found |= ok;
				/* an available agent kept out by a rule
				 * may still take it in a chain */
				g->rule_excluded[e] |=
					!ok && rota_problem_can_work(
						       g->P, e, g->d,
						       g->types[i]);
			}
			if (found)
				g->rule_excluded[e] = 0;
		}
		if (!found)
			g->n_excluded++;
		if (e == g->explain && !found)
			for (size_t i = 0; i < why.n; i++) {
				size_t j;

				for (j = 0; j < g->why.n &&
					    strcmp(g->why.text[j], why.text[i]);
				     j++)
					;
				if (j == g->why.n)
					rota_plan_note(&g->why, "%s",
						       why.text[i]);
			}
		rota_plan_notes_release(&why);
	}
	return rc;
}

/* ---------------------------------------------------------------- chains */

/* y (off on d in the base) could take type s on d. */
static int can_backfill(const struct eng *g, int y, int d, int s)
{
	return y != g->owner && row(g->S0, y)[d] < 0 &&
	       rota_problem_can_work(g->P, y, d, s) &&
	       rota_problem_slot(g->P, d, s)->start > g->from;
}

static long paid_of(const struct eng *g, int e)
{
	long m = 0;

	for (int d = 0; d < g->D; d++)
		if (row(g->S0, e)[d] >= 0)
			m += g->P->types[row(g->S0, e)[d]].paid_min;
	return m;
}

/* Up to Y_PER_DAY employees (least paid this week first, then by id) who
 * could take x's shift on day dd; appended to ys[n..]. */
static int pick_backfill(const struct eng *g, int x, int dd, int *ys, int n)
{
	int s = row(g->S0, x)[dd], got = 0;

	for (int round = 0; round < Y_PER_DAY; round++) {
		int best = -1;

		for (int y = 0; y < g->E; y++) {
			int taken = y == x;

			for (int i = 0; i < n + got && !taken; i++)
				taken = ys[i] == y;
			if (taken || !can_backfill(g, y, dd, s))
				continue;
			if (best < 0 || paid_of(g, y) < paid_of(g, best))
				best = y;
		}
		if (best < 0)
			break;
		ys[n + got++] = best;
	}
	return got;
}

/* x's shift on day dd may be moved (it starts after g->from). */
static int movable(const struct eng *g, int x, int dd)
{
	int s = row(g->S0, x)[dd];

	return s >= 0 && rota_problem_slot(g->P, dd, s)->start > g->from;
}

/*
 * The chains through x, enumerated: x takes the open shift and
 *   - gives up one working day, or works another type that day;
 *   - gives up two working days;
 *   - gives up one day and Y (Y_PER_DAY tried) takes it;
 * or, when x works another shift that day, switches to the open one
 * (and Y may take x's old shift).  Each is judged like a direct fill.
 */
static int enumerate_chains(struct eng *g, int x, int s,
			    struct rota_error *err)
{
	int d = g->d, ok, rc = 0;
	struct move mv[MOVES_MAX];

	mv[0] = (struct move){x, d, s};
	if (row(g->S0, x)[d] == s || !rota_problem_can_work(g->P, x, d, s) ||
	    (!g->hole_has_owner && g->k >= 0 &&
	     !(g->P->employees[x].skills & (UINT64_C(1) << g->k))))
		return 0;
	if (row(g->S0, x)[d] >= 0) {
		int ys[Y_PER_DAY], ny = pick_backfill(g, x, d, ys, 0);

		if ((rc = evaluate(g, mv, 1, NULL, &ok, err)) < 0)
			return rc;
		for (int i = 0; i < ny && rc == 0; i++) {
			mv[1] = (struct move){ys[i], d, row(g->S0, x)[d]};
			rc = evaluate(g, mv, 2, NULL, &ok, err);
		}
		return rc;
	}
	for (int d1 = 0; d1 < g->D && rc == 0; d1++) {
		int ys[Y_PER_DAY], ny;

		if (d1 == d || !movable(g, x, d1))
			continue;
		/* another type, or off, that day */
		for (int s1 = -1; s1 < g->P->n_types && rc == 0; s1++) {
			if (s1 == row(g->S0, x)[d1] ||
			    (s1 >= 0 &&
			     (!rota_problem_can_work(g->P, x, d1, s1) ||
			      rota_problem_slot(g->P, d1, s1)->start <=
				      g->from)))
				continue;
			mv[1] = (struct move){x, d1, s1};
			rc = evaluate(g, mv, 2, NULL, &ok, err);
		}
		/* two days off */
		for (int d2 = d1 + 1; d2 < g->D && rc == 0; d2++) {
			if (d2 == d || !movable(g, x, d2))
				continue;
			mv[1] = (struct move){x, d1, -1};
			mv[2] = (struct move){x, d2, -1};
			rc = evaluate(g, mv, 3, NULL, &ok, err);
		}
		/* Y takes the day x gives up */
		ny = pick_backfill(g, x, d1, ys, 0);
		for (int i = 0; i < ny && rc == 0; i++) {
			mv[1] = (struct move){x, d1, -1};
			mv[2] = (struct move){ys[i], d1, row(g->S0, x)[d1]};
			rc = evaluate(g, mv, 3, NULL, &ok, err);
		}
	}
	return rc;
}

/* Residual demand: what the others leave short, for the members' MIP. */
static int residual(struct eng *g, struct rota_problem *sp, const int *emps,
		    int n, struct rota_error *err)
{
	const struct rota_problem *p = g->P;
	struct rota_check_report *r = NULL;
	int rc;

	for (int i = 0; i < n; i++)
		for (int d = 0; d < g->D; d++)
			row(g->S1, emps[i])[d] = -1;
	rc = rota_check(p, g->S1, &r, err);
	g->full_checks++;
	for (int i = 0; i < n; i++)
		memcpy(row(g->S1, emps[i]), row(g->S0, emps[i]),
		       (size_t)g->D * sizeof(int));
	if (rc < 0)
		return rc;
	for (int t = 0; r->served && t < p->n_intervals; t++)
		for (int k = 0; k < p->n_skills; k++) {
			struct rota_demand *dm = rota_problem_demand(sp, t, k);
			double left = rota_problem_demand(p, t, k)->required -
				      r->served[t * p->n_skills + k];

			dm->required = left > 0 ? (int)ceil(left - 1e-9) : 0;
		}
	rota_check_report_free(r);
	return 0;
}

/*
 * The chain through x found by a small MIP (opt->chains == 2): the week
 * of x and the backfill candidates of x's days, everyone else's coverage
 * as fixed (residual demand); x pinned to the open shift, x's other days
 * and each backfill's day free, the rest pinned; at most
 * ROTA_PLAN_CHAIN_MAX changes to the base, each costing change_weight.
 */
static int mip_chain(struct eng *g, int x, struct rota_error *err)
{
	enum { NMAX = 1 + 8 * Y_PER_DAY };
	int emps[NMAX], n = 1, *ref = NULL, rc, ok;
	struct rota_solve_options so = ROTA_SOLVE_OPTIONS_INIT;
	struct rota_plan_sub *sub = NULL;
	struct rota_solution *sol = NULL;
	struct rota_error e2 = {0};
	struct move mv[MOVES_MAX];
	int free_day[8][NMAX], nm = 0;

	if (g->D > 8)
		return 0;
	emps[0] = x;
	memset(free_day, 0, sizeof(free_day));
	for (int dd = 0; dd < g->D; dd++) {
		int ys[Y_PER_DAY], got;

		if (!movable(g, x, dd))
			continue;
		free_day[dd][0] = dd != g->d;
		got = pick_backfill(g, x, dd, ys, 0);
		for (int i = 0; i < got; i++) {
			int j;

			for (j = 1; j < n && emps[j] != ys[i]; j++)
				;
			if (j == n)
				emps[n++] = ys[i];
			free_day[dd][j] = 1;
		}
	}
	if ((rc = rota_plan_sub_new(g->P, n, 1, &sub, err)) < 0 ||
	    (rc = rota_plan_sub_load(sub, emps, err)) < 0)
		goto out;
	if (!(ref = malloc((size_t)n * (size_t)g->D * sizeof(int)))) {
		rc = rota_plan_oom(err);
		goto out;
	}
	for (int i = 0; i < n; i++)
		for (int dd = 0; dd < g->D; dd++) {
			int s0 = row(g->S0, emps[i])[dd];

			ref[i * g->D + dd] = s0;
			sub->p->fixed[i * g->D + dd] =
				free_day[dd][i] ? ROTA_FREE : s0;
			/* nothing new may start before g->from */
			for (int s = 0; free_day[dd][i] && s < g->P->n_types;
			     s++)
				if (rota_problem_slot(g->P, dd, s)->start <=
				    g->from)
					sub->p->unavailable
						[((size_t)i * (size_t)g->D +
						  (size_t)dd) *
							 (size_t)g->P->n_types +
						 (size_t)s] = 1;
		}
	sub->p->fixed[g->d] = g->types[0];
	if ((rc = rota_problem_set_reference(sub->p, ref, err)) < 0 ||
	    (rc = residual(g, sub->p, emps, n, err)) < 0)
		goto out;
	sub->p->change_weight = g->pl->ds.ops.change_weight > 0
					? g->pl->ds.ops.change_weight
					: 1;
	sub->p->max_changes = ROTA_PLAN_CHAIN_MAX;
	so.time_limit_s = CHAIN_TIME_LIMIT_S;
	so.gap = 0;
	if (rota_solve(sub->p, &so, &sol, &e2) < 0)
		goto out;  /* no chain through x */
	/* its moves, the fill first */
	mv[nm++] = (struct move){x, g->d, g->types[0]};
	for (int i = 0; i < n; i++)
		for (int dd = 0; dd < g->D; dd++) {
			int s1 = sol->type[i * g->D + dd];

			if ((i == 0 && dd == g->d) || s1 == ref[i * g->D + dd])
				continue;
			if (nm == MOVES_MAX)
				goto out;
			mv[nm++] = (struct move){emps[i], dd, s1};
		}
	rc = evaluate(g, mv, nm, NULL, &ok, err);
out:
	rota_solution_free(sol);
	rota_plan_sub_free(sub);
	free(ref);
	return rc;
}

static int chains(struct eng *g, struct rota_error *err)
{
	int tried = 0, rc = 0;

	if (!g->opt->chains || g->opt->max_chain_x <= 0 ||
	    (g->opt->chains == 2 && g->n_types != 1))
		return 0;
	/* first those a rule keeps out, then those working another shift
	 * that day; by employee id within each */
	for (int pass = 0; pass < 2 && rc == 0; pass++)
		for (int x = 0; x < g->E && rc == 0; x++) {
			int s0 = row(g->S0, x)[g->d];
			int want = pass == 0 ? g->rule_excluded[x]
					     : s0 >= 0 && x != g->owner &&
						       movable(g, x, g->d);

			if (!want || tried >= g->opt->max_chain_x)
				continue;
			tried++;
			g->chains_tried++;
			if (g->opt->chains == 2) {
				rc = mip_chain(g, x, err);
				continue;
			}
			for (int i = 0; i < g->n_types && rc == 0; i++)
				rc = enumerate_chains(g, x, g->types[i], err);
		}
	return rc;
}

/* ------------------------------------------------------------ ranking */

static int cmp_candidate(const void *pa, const void *pb)
{
	const struct rota_plan_candidate *a = pa, *b = pb;

	if (fabs(a->cost - b->cost) > 1e-9)
		return a->cost < b->cost ? -1 : 1;
	if (a->n_changes != b->n_changes)
		return a->n_changes - b->n_changes;
	/* then by who, then the earliest days and first ids moved */
	for (int i = 0; i < a->n_changes; i++) {
		int c = strcmp(a->changes[i].employee, b->changes[i].employee);

		if (c)
			return c;
		if (a->changes[i].day != b->changes[i].day)
			return a->changes[i].day < b->changes[i].day ? -1 : 1;
		if ((c = strcmp(a->changes[i].now.shift,
				b->changes[i].now.shift)))
			return c;
	}
	return 0;
}

/* The best candidate per filler: a supervisor asks a person once. */
static void best_per_filler(struct eng *g)
{
	size_t m = 0;

	for (size_t i = 0; i < g->n_cand; i++) {
		int dup = 0;

		for (size_t j = 0; j < m && !dup; j++)
			dup = strcmp(g->cand[j].employee,
				     g->cand[i].employee) == 0;
		if (!dup)
			g->cand[m++] = g->cand[i];
	}
	g->n_cand = m;
}

static void explain(struct eng *g, struct rota_plan_cover *out)
{
	const char *id = g->opt->explain;

	if (!id || g->explain < 0)
		return;
	if (g->explain == g->owner) {
		rota_plan_note(&out->explain, "%s is the one whose shift is "
			       "open", id);
		return;
	}
	for (size_t i = 0; i < g->n_cand; i++) {
		const struct rota_plan_candidate *c = &g->cand[i];

		if (strcmp(c->employee, id) == 0) {
			rota_plan_note(&out->explain,
				       "%s is candidate %d of %zu: %s", id,
				       c->rank, g->n_cand, c->reasons);
			rota_plan_note(&out->explain,
				       "cost %.2f = coverage %.2f + rules "
				       "%.2f + fairness %.2f + disruption "
				       "%.2f", c->cost, c->cost_coverage,
				       c->cost_rules, c->cost_fair,
				       c->cost_changes);
			if (g->why.n)
				rota_plan_note(&out->explain,
					       "not as a direct fill:");
			for (size_t j = 0; j < g->why.n; j++)
				rota_plan_note(&out->explain, "  %s",
					       g->why.text[j]);
			return;
		}
	}
	for (size_t i = 0; i < g->n_cand; i++)
		for (int j = 1; j < g->cand[i].n_changes; j++)
			if (strcmp(g->cand[i].changes[j].employee, id) == 0)
				rota_plan_note(&out->explain,
					       "%s moves in candidate %d (%s "
					       "fills it)", id,
					       g->cand[i].rank,
					       g->cand[i].employee);
	if (g->why.n) {
		rota_plan_note(&out->explain, "%s cannot take it:", id);
		for (size_t i = 0; i < g->why.n; i++)
			rota_plan_note(&out->explain, "  %s", g->why.text[i]);
	} else if (!out->explain.n) {
		rota_plan_note(&out->explain, "%s breaks no hard rule by "
			       "taking it but no chain through them was "
			       "found", id);
	}
}

/* 1 when the base is short of skill k (-1: any) in interval t. */
static int short_at(const struct eng *g, int t, int k)
{
	const struct rota_problem *p = g->P;

	for (int kk = 0; g->C0->served && kk < p->n_skills; kk++)
		if ((k < 0 || kk == k) &&
		    g->C0->served[t * p->n_skills + kk] + 1e-6 <
			    rota_problem_demand(p, t, kk)->required)
			return 1;
	return 0;
}

/* An understaffed day: keep the types covering a short interval. */
static void useful_types(struct eng *g)
{
	int m = 0;

	for (int i = 0; i < g->n_types; i++) {
		const struct rota_slot *sl =
			rota_problem_slot(g->P, g->d, g->types[i]);
		int useful = 0;

		for (int t = sl->first_interval;
		     t < sl->end_interval && t < g->week_T && !useful; t++)
			useful = rota_slot_covers(sl, t) && short_at(g, t, g->k);
		if (useful)
			g->types[m++] = g->types[i];
	}
	g->n_types = m;
}

static int run_engine(struct eng *g, struct rota_plan_cover *out,
		      struct rota_error *err)
{
	int rc;

	if ((rc = check_base(g, err)) < 0)
		return rc;
	if (!out->hole.employee[0])
		useful_types(g);
	if ((rc = load_extra(g, out->hole.day, err)) < 0 ||
	    (rc = direct_fills(g, err)) < 0 || (rc = chains(g, err)) < 0)
		return rc;
	if (g->n_cand)
		qsort(g->cand, g->n_cand, sizeof(*g->cand), cmp_candidate);
	best_per_filler(g);
	for (size_t i = 0; i < g->n_cand; i++)
		g->cand[i].rank = (int)i + 1;
	explain(g, out);
	out->n_found = g->n_cand;
	out->n_excluded = g->n_excluded;
	out->n_chains_tried = g->chains_tried;
	out->checks = g->checks;
	out->full_checks = g->full_checks;
	out->n_cand = g->n_cand < (size_t)g->opt->limit ? g->n_cand
						       : (size_t)g->opt->limit;
	out->cand = g->cand;
	g->cand = NULL;
	g->n_cand = g->cap_cand = 0;
	return 0;
}

int rota_plan_cover(struct rota_plan *pl, const char *employee, int32_t day,
		    const struct rota_plan_cover_opts *opt,
		    struct rota_plan_cover *out, struct rota_error *err)
{
	struct rota_plan_cover_opts o = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_plan_cover r;
	struct eng g;
	int rc;

	if (opt)
		o = *opt;
	if (o.limit <= 0)
		o.limit = 1;
	memset(&r, 0, sizeof(r));
	if (employee && (rc = rota_plan_employee_arg(pl, employee, err)) < 0)
		return rc;
	if (o.explain && (rc = rota_plan_employee_arg(pl, o.explain, err)) < 0)
		return rc;
	if ((rc = eng_init(&g, pl, rota_week_monday(day), &o, err)) < 0 ||
	    (rc = set_hole(&g, employee, day, &r.hole, err)) < 0)
		goto fail;
	if (o.explain)
		g.explain = find_employee(g.P, o.explain);
	if ((rc = run_engine(&g, &r, err)) < 0)
		goto fail;
	eng_release(&g);
	*out = r;
	return 0;
fail:
	eng_release(&g);
	rota_plan_cover_release(&r);
	return rc;
}

void rota_plan_cover_release(struct rota_plan_cover *c)
{
	if (!c)
		return;
	free(c->cand);
	rota_plan_notes_release(&c->explain);
	rota_plan_notes_release(&c->notes);
	memset(c, 0, sizeof(*c));
}

/* ---------------------------------------------------------------- apply */

int rota_plan_cover_apply(struct rota_plan *pl, const struct rota_plan_cover *c,
			  int rank, const struct rota_version_meta *meta,
			  int force, int *version,
			  struct rota_plan_notes *notes, struct rota_error *err)
{
	const struct rota_plan_candidate *k;
	struct rota_roster_change ch[ROTA_PLAN_CHAIN_MAX + 1];
	struct rota_version_meta m = *meta;
	int n = 0, v = 0, rc;
	char reason[256];

	if (rank < 1 || (size_t)rank > c->n_found)
		return rota_error_set(err, ROTA_EINVAL,
				      "there is no candidate %d (%zu found)",
				      rank, c->n_found);
	k = &c->cand[rank - 1];
	for (int i = 0; i < k->n_changes; i++) {
		const struct rota_roster_change *x = &k->changes[i];
		const struct rota_assignment *a =
			!x->old.shift[0] ||
					(x->now.shift[0] &&
					 x->now.start < x->old.start)
				? &x->now
				: &x->old;
		int gd = rota_plan_guard_of(pl, a->start);

		ch[n++] = *x;
		/* the fill may be at short notice; other moves need force */
		if (i == 0 || gd == ROTA_PLAN_FREE || (force && gd ==
							    ROTA_PLAN_NOTICE))
			continue;
		{
			char what[160];

			rota_plan_describe(pl, a, what, sizeof(what));
			return rota_error_set(
				err, ROTA_ECONFLICT,
				gd == ROTA_PLAN_FROZEN
					? "%s has started: past time is frozen"
					: "%s starts within the notice window "
					  "(--force to change it)",
				what);
		}
	}
	if (c->hole.owner_keeps) {
		memset(&ch[n], 0, sizeof(ch[n]));
		rota_strlcpy(ch[n].employee, c->hole.employee,
			     sizeof(ch[n].employee));
		ch[n].day = c->hole.day;
		ch[n].old = c->hole.shift;
		n++;
	}
	m.kind = "substitute";
	if (!m.reason || !*m.reason) {
		snprintf(reason, sizeof(reason), "%s covers %s", k->employee,
			 c->hole.employee[0] ? c->hole.employee
					     : "an understaffed day");
		m.reason = reason;
	}
	if ((rc = rota_store_begin(pl->st, err)) < 0)
		return rc;
	if ((rc = rota_plan_apply_changes(pl, rota_week_monday(c->hole.day),
					  ch, (size_t)n, &m, 1, &v, notes,
					  err)) < 0 ||
	    (rc = rota_store_substitute_add(pl->st,
					    rota_week_monday(c->hole.day), v,
					    k->employee, c->hole.day,
					    c->hole.open_assignment_id,
					    err)) < 0) {
		rota_store_rollback(pl->st);
		return rc;
	}
	if ((rc = rota_store_commit(pl->st, err)) < 0)
		return rc;
	if (version)
		*version = v;
	return 0;
}

/* ------------------------------------------------------ the open shifts */

static int add_open(struct rota_plan_open **arr, size_t *n, size_t *cap,
		    const struct rota_plan_open *o, struct rota_error *err)
{
	if (ROTA_GROW(*arr, *cap, *n) < 0)
		return rota_plan_oom(err);
	(*arr)[(*n)++] = *o;
	return 0;
}

/* Fill o's best candidate. */
static int best_of(struct rota_plan *pl, struct rota_plan_open *o,
		   const struct rota_plan_cover_opts *opt,
		   struct rota_error *err)
{
	struct rota_plan_cover_opts so = *opt;
	struct rota_plan_cover c;
	int rc;

	so.limit = 1;
	so.explain = NULL;
	so.skill = o->employee[0] ? NULL : o->shift.skill;
	if ((rc = rota_plan_cover(pl, o->employee[0] ? o->employee : NULL,
				  o->day, &so, &c, err)) < 0)
		return rc;
	o->n_found = c.n_found;
	if ((o->has_best = c.n_cand > 0))
		o->best = c.cand[0];
	rota_plan_cover_release(&c);
	return 0;
}

/* The live shifts their owners can no longer work (leave). */
static int leave_holes(struct rota_plan *pl, const struct rota_plan_week *w,
		       struct rota_plan_open **arr, size_t *n, size_t *cap,
		       struct rota_error *err)
{
	const struct rota_problem *p = w->problem;
	int rc;

	for (size_t i = 0; w->roster && i < w->roster->n_assignments; i++) {
		const struct rota_assignment *a = &w->roster->assignments[i];
		int e = find_employee(p, a->employee), s = find_type(p, a->shift);
		struct rota_plan_open o;

		if (e < 0 || s < 0 || a->start <= pl->now ||
		    !rota_problem_unavailable(p, e, (int)(a->day - w->monday),
					      s))
			continue;
		memset(&o, 0, sizeof(o));
		rota_strlcpy(o.employee, a->employee, sizeof(o.employee));
		o.day = a->day;
		o.shift = *a;
		o.skill = -1;
		snprintf(o.why, sizeof(o.why), "on leave");
		if ((rc = add_open(arr, n, cap, &o, err)) < 0)
			return rc;
	}
	return 0;
}

/* The understaffed days and skills still ahead. */
static int short_days(struct rota_plan *pl, const struct rota_plan_week *w,
		      struct rota_plan_open **arr, size_t *n, size_t *cap,
		      struct rota_error *err)
{
	struct rota_plan_stretch *st = NULL;
	size_t n_st = 0;
	int rc;

	if ((rc = rota_plan_understaffed(w->problem, w->report->served,
					 w->week_T, -1, &st, &n_st, err)) < 0)
		return rc;
	for (size_t i = 0; i < n_st && rc == 0; i++) {
		int32_t day = rota_tz_day_of(pl->tz, st[i].from);
		struct rota_plan_open *o = NULL;

		if (st[i].to <= pl->now)
			continue;
		for (size_t j = 0; j < *n && !o; j++)
			if (!(*arr)[j].employee[0] && (*arr)[j].day == day &&
			    (*arr)[j].skill == st[i].skill)
				o = &(*arr)[j];
		if (!o) {
			struct rota_plan_open x;

			memset(&x, 0, sizeof(x));
			x.day = day;
			x.skill = st[i].skill;
			rota_strlcpy(x.shift.skill,
				     w->problem->skills[st[i].skill].name,
				     sizeof(x.shift.skill));
			snprintf(x.why, sizeof(x.why), "understaffed");
			if ((rc = add_open(arr, n, cap, &x, err)) < 0)
				break;
			o = &(*arr)[*n - 1];
		}
		o->short_min += st[i].agent_min;
	}
	free(st);
	return rc;
}

int rota_plan_cover_open(struct rota_plan *pl, int32_t monday,
			 const struct rota_plan_cover_opts *opt,
			 struct rota_plan_open **out, size_t *n,
			 struct rota_error *err)
{
	struct rota_plan_cover_opts o = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_plan_open *arr = NULL;
	struct rota_open_shift *os = NULL;
	struct rota_plan_week w;
	size_t cnt = 0, cap = 0, n_os = 0;
	int rc;

	if (opt)
		o = *opt;
	memset(&w, 0, sizeof(w));
	if ((rc = rota_plan_week_load(pl, monday, 1, &w, err)) < 0 ||
	    (rc = rota_store_open_shifts(pl->st, monday, NULL, &os, &n_os,
					 err)) < 0)
		goto out;
	for (size_t i = 0; i < n_os; i++) {
		struct rota_plan_open x;

		if (os[i].covered_by[0] || os[i].shift.start <= pl->now)
			continue;
		memset(&x, 0, sizeof(x));
		rota_strlcpy(x.employee, os[i].shift.employee,
			     sizeof(x.employee));
		x.day = os[i].shift.day;
		x.shift = os[i].shift;
		x.skill = -1;
		open_why(&os[i], x.why, sizeof(x.why));
		if ((rc = add_open(&arr, &cnt, &cap, &x, err)) < 0)
			goto out;
	}
	if ((rc = leave_holes(pl, &w, &arr, &cnt, &cap, err)) < 0 ||
	    (rc = short_days(pl, &w, &arr, &cnt, &cap, err)) < 0)
		goto out;
	for (size_t i = 0; i < cnt; i++)
		if ((rc = best_of(pl, &arr[i], &o, err)) < 0)
			goto out;
	*out = arr;
	*n = cnt;
	arr = NULL;
out:
	free(arr);
	free(os);
	rota_plan_week_release(&w);
	return rc;
}
