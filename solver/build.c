/*
 * solver/build.c - a roster problem from a site's week (rota_problem_build).
 *
 * Everything clock-related happens here, with the site's time zone: shift
 * starts are local wall-clock times made into UTC instants day by day, so
 * a shift on the day clocks change still starts at its wall-clock time and
 * lasts its elapsed length.  The solver never sees a time zone.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "solver/solver.h"

#define WEEK 7

/* floor and ceiling of a / b for b > 0 */
static int64_t floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static int64_t ceil_div(int64_t a, int64_t b)
{
	return -floor_div(-a, b);
}

static int clamp_int(int64_t v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : (int)v;
}

/* Index of employee id in the problem, -1 when unknown. */
static int find_employee(const struct rota_dataset *ds, const char *id)
{
	return rota_dataset_employee(ds, id);
}

/* Fill history of every employee from assignments in the days before day
 * 0 (only the opt->history_days preceding days are read). */
static void build_history(struct rota_problem *p, const struct rota_dataset *ds,
			  int32_t monday,
			  const struct rota_assignment *prev, size_t n_prev,
			  int history_days)
{
	int H = history_days;
	unsigned char *worked;
	int *last_type;

	if (H <= 0)
		return;
	worked = calloc((size_t)p->n_employees * (size_t)H, 1);
	last_type = malloc((size_t)(p->n_employees ? p->n_employees : 1) *
			   sizeof(int));
	if (!worked || !last_type) {
		/* treat as unknown history: the weaker assumption */
		free(worked);
		free(last_type);
		return;
	}
	for (int e = 0; e < p->n_employees; e++)
		last_type[e] = -1;
	for (size_t i = 0; i < n_prev; i++) {
		const struct rota_assignment *a = &prev[i];
		int e = find_employee(ds, a->employee);
		int back = (int)(monday - a->day); /* 1 = Sunday before */
		struct rota_history *h;

		if (e < 0 || back < 1 || back > H)
			continue;
		h = &p->employees[e].history;
		worked[(size_t)e * (size_t)H + (size_t)(back - 1)] = 1;
		if (h->last_end == INT64_MIN || a->end > h->last_end)
			h->last_end = a->end;
		if (back == 1)
			last_type[e] = rota_dataset_shift(ds, a->shift);
	}
	for (int e = 0; e < p->n_employees; e++) {
		struct rota_history *h = &p->employees[e].history;
		const unsigned char *w = worked + (size_t)e * (size_t)H;
		int n = 0;

		h->known = 1;
		h->last_type = last_type[e];
		if (w[0]) {
			while (n < H && w[n])
				n++;
			h->days_worked = n;
			h->days_off = 0;
		} else {
			while (n < H && !w[n])
				n++;
			h->days_worked = 0;
			h->days_off = n;
		}
		/* weekends worked in the previous three weeks: the Saturday
		 * and Sunday of week j before are days back 7j-1 and 7j */
		h->weekends_worked = 0;
		for (int j = 1; j <= 3; j++) {
			int sun = 7 * j - 6, sat = 7 * j - 5; /* 1-based back */

			if (sat > H)
				break;
			if (w[sun - 1] || w[sat - 1])
				h->weekends_worked++;
		}
	}
	free(worked);
	free(last_type);
}

/*
 * Fill the future of every employee from the assignments of the F days
 * after the week, [monday + 7, monday + 7 + F): the runs of working days
 * or days off from the first of them, the first start and the first
 * day's type.  An employee without any assignment there is off.
 */
static int build_future(struct rota_problem *p, const struct rota_dataset *ds,
			int32_t monday, const struct rota_assignment *next,
			size_t n_next, int F)
{
	int32_t first = monday + WEEK;
	unsigned char *worked;

	if (F <= 0)
		return 0;
	worked = calloc((size_t)p->n_employees * (size_t)F + 1, 1);
	if (!worked)
		return ROTA_ENOMEM;
	for (size_t i = 0; i < n_next; i++) {
		const struct rota_assignment *a = &next[i];
		int e = find_employee(ds, a->employee);
		int k = (int)(a->day - first);
		struct rota_future *f;

		if (e < 0 || k < 0 || k >= F)
			continue;
		f = &p->employees[e].future;
		worked[(size_t)e * (size_t)F + (size_t)k] = 1;
		if (a->start < f->first_start)
			f->first_start = a->start;
		if (k == 0)
			f->first_type = rota_dataset_shift(ds, a->shift);
	}
	for (int e = 0; e < p->n_employees; e++) {
		struct rota_future *f = &p->employees[e].future;
		const unsigned char *w = worked + (size_t)e * (size_t)F;
		int n = 0;

		f->known = 1;
		while (n < F && w[n] == w[0])
			n++;
		f->days_worked = w[0] ? n : 0;
		f->days_off = w[0] ? 0 : n;
	}
	free(worked);
	return 0;
}

/* Comparable staff: same team, contract and skills. */
static int comparable(const struct rota_employee *a,
		      const struct rota_employee *b)
{
	return strcmp(a->team, b->team) == 0 &&
	       strcmp(a->contract, b->contract) == 0 && a->skills == b->skills;
}

static int add_groups(struct rota_problem *p, const struct rota_dataset *ds,
		      const struct rota_build_options *opt,
		      struct rota_error *err)
{
	if (opt->fair_weekend_weight <= 0 && opt->fair_late_weight <= 0)
		return 0;
	for (int e = 0; e < p->n_employees; e++) {
		const struct rota_employee *em = &ds->employees[e];
		struct rota_fair_group g = {{0}, 0, 0};
		int found, members = 0;
		size_t len = 0;

		if (p->employees[e].group >= 0)
			continue;
		for (int f = e + 1; f < p->n_employees; f++)
			members += comparable(&ds->employees[f], em);
		if (members == 0)
			continue;
		if (em->team[0])
			len = (size_t)snprintf(g.name, sizeof(g.name),
					       "team %.40s, ", em->team);
		len += (size_t)snprintf(g.name + len, sizeof(g.name) - len,
					"contract %.40s", em->contract);
		for (int k = 0; k < p->n_skills && len < sizeof(g.name); k++)
			if ((p->employees[e].skills >> k) & 1)
				len += (size_t)snprintf(
					g.name + len, sizeof(g.name) - len,
					"%s%.30s",
					len && g.name[len - 1] != '+' &&
							strchr(g.name, ':')
						? "+"
						: ", skills: ",
					p->skills[k].name);
		g.weekend_weight = opt->fair_weekend_weight;
		g.late_weight = opt->fair_late_weight;
		found = rota_problem_add_group(p, &g, err);
		if (found < 0)
			return found;
		p->employees[e].group = found;
		for (int f = e + 1; f < p->n_employees; f++)
			if (comparable(&ds->employees[f], em))
				p->employees[f].group = found;
	}
	return 0;
}

/*
 * Check every shift's start, length and break; *max_end gets the latest
 * end of a shift of the week (at least week_end).
 */
static int shifts_end(const struct rota_dataset *ds, const struct rota_tz *tz,
		      int32_t monday, int64_t week_end, int64_t *max_end,
		      struct rota_error *err)
{
	*max_end = week_end;
	for (size_t s = 0; s < ds->n_shifts; s++) {
		const struct rota_shift *sh = &ds->shifts[s];

		if (sh->start_min < 0 || sh->start_min > 1439 ||
		    sh->length_min < 1 || sh->length_min > 1440 ||
		    sh->break_min < 0 || sh->break_min >= sh->length_min ||
		    sh->break_start_min < 0 ||
		    (sh->break_min > 0 &&
		     rota_shift_break_offset(sh) + sh->break_min >
			     sh->length_min))
			return rota_error_set(err, ROTA_EDATA,
					      "shift '%s': start, length or "
					      "break out of range", sh->code);
		for (int d = 0; d < WEEK; d++) {
			int64_t st = rota_tz_local_minutes(tz, monday + d,
							  sh->start_min);
			int64_t en = st + (int64_t)sh->length_min * 60;

			if (en > *max_end)
				*max_end = en;
		}
	}
	return 0;
}

/*
 * Demand: every interval of the week is counted, with required 0 where
 * staffing asked for nobody; intervals after the week (week_T on, where
 * Sunday's overnight shifts end) are next week's business.
 */
static int build_demand(struct rota_problem *p, int week_T,
			const struct rota_requirement *req, size_t n_req,
			const struct rota_build_options *opt,
			const struct rota_tz *tz, struct rota_error *err)
{
	int T = p->n_intervals, K = p->n_skills;
	int64_t t0 = p->t0, L = (int64_t)p->interval_min * 60;
	int rc;

	for (int t = 0; t < T; t++)
		for (int k = 0; k < K; k++) {
			struct rota_demand *dm = rota_problem_demand(p, t, k);

			dm->required = 0;
			if (t < week_T) {
				dm->under_weight = opt->under_per_agent_hour *
						   (double)L / 3600.0;
				dm->over_weight = opt->over_per_agent_hour *
						  (double)L / 3600.0;
			}
		}
	for (size_t i = 0; i < n_req; i++) {
		const struct rota_requirement *r = &req[i];
		int64_t off = r->start - t0;
		int n = opt->use_scheduled_agents ? r->scheduled_agents
						 : r->agents;

		if (off < 0 || off % L != 0 || off / L >= week_T) {
			char buf[32];

			rota_format_local_iso(tz, r->start, buf, sizeof(buf));
			rc = rota_error_set(err, ROTA_EDATA,
					    "requirement at %s is not an "
					    "interval start of the week", buf);
			return rc;
		}
		if (r->skill < 0 || r->skill >= K || n < 0 || n > 100000) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "requirement %zu: skill %d or "
					    "agents %d out of range", i,
					    r->skill, n);
			return rc;
		}
		rota_problem_demand(p, (int)(off / L), r->skill)->required = n;
	}
	return 0;
}

/* Shift types and their slots on each day of the week. */
static int build_types(struct rota_problem *p, const struct rota_dataset *ds,
		       const struct rota_tz *tz, int32_t monday,
		       struct rota_error *err)
{
	int T = p->n_intervals, K = p->n_skills, S = p->n_types;
	int64_t t0 = p->t0, L = (int64_t)p->interval_min * 60;
	int rc;

	for (int s = 0; s < S; s++) {
		const struct rota_shift *sh = &ds->shifts[s];
		struct rota_shift_type *ty = &p->types[s];
		int end_local = sh->start_min + sh->length_min;
		int brk = rota_shift_break_offset(sh);

		rota_strlcpy(ty->code, sh->code, sizeof(ty->code));
		rota_strlcpy(ty->name, sh->name[0] ? sh->name : sh->code,
			     sizeof(ty->name));
		ty->start_min = sh->start_min;
		ty->length_min = sh->length_min;
		ty->paid_min = rota_shift_paid_min(sh);
		ty->night = rota_shift_is_night(sh);
		ty->late = end_local > 21 * 60;
		ty->skills = K < 64 ? sh->skills & ((UINT64_C(1) << K) - 1)
				    : sh->skills;
		if (sh->skills && !ty->skills) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "shift '%s' serves no known skill",
					    sh->code);
			return rc;
		}
		for (int d = 0; d < WEEK; d++) {
			struct rota_slot *sl = rota_problem_slot(p, d, s);

			sl->start = rota_tz_local_minutes(tz, monday + d,
							 sh->start_min);
			sl->end = sl->start + (int64_t)sh->length_min * 60;
			sl->first_interval = clamp_int(
				ceil_div(sl->start - t0, L), 0, T);
			sl->end_interval = clamp_int(
				floor_div(sl->end - t0, L), 0, T);
			if (sl->end_interval < sl->first_interval)
				sl->end_interval = sl->first_interval;
			if (brk >= 0) {
				int64_t bs = sl->start + (int64_t)brk * 60;
				int64_t be = bs + (int64_t)sh->break_min * 60;

				sl->break_first = clamp_int(
					floor_div(bs - t0, L),
					sl->first_interval, sl->end_interval);
				sl->break_end = clamp_int(
					ceil_div(be - t0, L), sl->break_first,
					sl->end_interval);
			}
			sl->allowed = (sh->days >> d) & 1;
		}
	}
	return 0;
}

/* Employees and their contracts. */
static int build_employees(struct rota_problem *p,
			   const struct rota_dataset *ds,
			   struct rota_error *err)
{
	int K = p->n_skills, E = p->n_employees;
	int rc;

	for (int e = 0; e < E; e++) {
		const struct rota_employee *em = &ds->employees[e];
		struct rota_problem_employee *pe = &p->employees[e];
		struct rota_contract c;

		rota_contract_defaults(&c);
		if (em->contract[0]) {
			int ci = rota_dataset_contract(ds, em->contract);

			if (ci < 0) {
				rc = rota_error_set(err, ROTA_EDATA,
						    "employee '%s': unknown "
						    "contract '%s'", em->id,
						    em->contract);
				return rc;
			}
			c = ds->contracts[ci];
		}
		rota_strlcpy(pe->id, em->id, sizeof(pe->id));
		rota_strlcpy(pe->name, em->name, sizeof(pe->name));
		rota_strlcpy(pe->contract, em->contract, sizeof(pe->contract));
		pe->skills = K < 64 ? em->skills & ((UINT64_C(1) << K) - 1)
				    : em->skills;
		for (int r = 0; r < ROTA_RULE_COUNT; r++)
			pe->rule[r] = c.rule[r];
	}
	return 0;
}

/* Agents of last week's overnight shifts still at work this week reduce
 * what this week must cover. */
static void carry_overnight(struct rota_problem *p,
			    const struct rota_dataset *ds, int32_t monday,
			    const struct rota_assignment *prev, size_t n_prev)
{
	int T = p->n_intervals;
	int64_t t0 = p->t0, L = (int64_t)p->interval_min * 60;

	for (size_t i = 0; i < n_prev; i++) {
		const struct rota_assignment *a = &prev[i];
		int k = a->skill[0] ? rota_dataset_skill(ds, a->skill) : -1;
		int64_t from, to;

		if (a->day >= monday || a->end <= t0 || k < 0)
			continue;
		from = ceil_div((a->start > t0 ? a->start : t0) - t0, L);
		to = floor_div(a->end - t0, L);
		for (int64_t t = from; t < to && t < T; t++) {
			struct rota_demand *dm = rota_problem_demand(p, (int)t,
								     k);

			if (dm->required > 0)
				dm->required--;
		}
	}
}

/* Time off: hard blocks every overlapping slot, soft asks for it. */
static int build_timeoff(struct rota_problem *p,
			 const struct rota_dataset *ds, struct rota_error *err)
{
	int S = p->n_types;
	int rc;

	for (size_t i = 0; i < ds->n_timeoff; i++) {
		const struct rota_timeoff *to = &ds->timeoff[i];
		int e = find_employee(ds, to->employee);

		if (e < 0) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "time off of unknown employee "
					    "'%s'", to->employee);
			return rc;
		}
		for (int d = 0; d < WEEK; d++)
			for (int s = 0; s < S; s++) {
				const struct rota_slot *sl =
					rota_problem_slot(p, d, s);

				if (!(sl->start < to->end &&
				      to->start < sl->end))
					continue;
				if (to->kind == ROTA_TIMEOFF_HARD) {
					p->unavailable[((size_t)e * WEEK +
							(size_t)d) *
							       (size_t)S +
						       (size_t)s] = 1;
				} else if (to->weight > 0) {
					struct rota_request rq = {
						e, d, s, 0, to->weight};

					rc = rota_problem_add_request(p, &rq,
								      err);
					if (rc < 0)
						return rc;
				}
			}
	}
	return 0;
}

int rota_problem_build(const struct rota_dataset *ds, int32_t monday,
		       const struct rota_requirement *req, size_t n_req,
		       const struct rota_assignment *prev, size_t n_prev,
		       const struct rota_build_options *opt_in,
		       struct rota_problem **out, struct rota_error *err)
{
	struct rota_build_options opt = ROTA_BUILD_OPTIONS_INIT;
	struct rota_problem *p = NULL;
	struct rota_tz *tz = NULL;
	int64_t t0, week_end, max_end, L;
	int K, S, E, T, week_T;
	int rc;

	if (opt_in)
		opt = *opt_in;
	if (!ds || !out || (n_req && !req) || (n_prev && !prev) ||
	    (opt.n_next && !opt.next) || opt.next_days < 0 ||
	    opt.next_days > 366)
		return rota_error_set(err, ROTA_EINVAL,
				      "rota_problem_build: missing argument");
	if (rota_weekday(monday) != 1) {
		char buf[16];

		rota_format_date(monday, buf, sizeof(buf));
		return rota_error_set(err, ROTA_EINVAL,
				      "week must start on a Monday, not %s",
				      buf);
	}
	if (ds->site.interval_min < 1 || ds->site.interval_min > 1440 ||
	    1440 % ds->site.interval_min != 0)
		return rota_error_set(err, ROTA_EDATA,
				      "site interval of %d minutes does not "
				      "divide a day", ds->site.interval_min);
	if (ds->n_skills > ROTA_MAX_SKILLS)
		return rota_error_set(err, ROTA_ELIMIT, "more than %d skills",
				      ROTA_MAX_SKILLS);
	tz = rota_tz_load(ds->site.timezone, err);
	if (!tz)
		return err ? err->code : ROTA_ENOTFOUND;

	K = (int)ds->n_skills;
	S = (int)ds->n_shifts;
	E = (int)ds->n_employees;
	L = (int64_t)ds->site.interval_min * 60;
	t0 = rota_tz_day_start(tz, monday);
	week_end = rota_tz_day_start(tz, monday + WEEK);
	week_T = (int)ceil_div(week_end - t0, L);
	if ((rc = shifts_end(ds, tz, monday, week_end, &max_end, err)) < 0)
		goto fail;
	T = (int)ceil_div(max_end - t0, L);
	p = rota_problem_new(WEEK, T, K, S, E, err);
	if (!p) {
		rc = err ? err->code : ROTA_ENOMEM;
		goto fail;
	}
	p->first_weekday = 1;
	p->first_day = monday;
	p->dated = 1;
	p->t0 = t0;
	p->interval_min = ds->site.interval_min;
	p->cost_per_min = opt.cost_per_paid_hour / 60.0;

	for (int k = 0; k < K; k++)
		rota_strlcpy(p->skills[k].name, ds->skills[k].name,
			     sizeof(p->skills[k].name));

	if ((rc = build_demand(p, week_T, req, n_req, &opt, tz, err)) < 0 ||
	    (rc = build_types(p, ds, tz, monday, err)) < 0 ||
	    (rc = build_employees(p, ds, err)) < 0)
		goto fail;
	build_history(p, ds, monday, prev, n_prev, opt.history_days);
	if (build_future(p, ds, monday, opt.next, opt.n_next,
			 opt.next_days) < 0) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto fail;
	}

	carry_overnight(p, ds, monday, prev, n_prev);
	if ((rc = build_timeoff(p, ds, err)) < 0)
		goto fail;
	if ((rc = add_groups(p, ds, &opt, err)) < 0)
		goto fail;
	if ((rc = rota_problem_validate(p, err)) < 0)
		goto fail;
	rota_tz_free(tz);
	*out = p;
	return 0;
fail:
	rota_tz_free(tz);
	rota_problem_free(p);
	return rc < 0 ? rc : ROTA_EINVAL;
}
