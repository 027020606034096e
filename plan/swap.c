/*
 * plan/swap.c - two people exchange shifts, or one gives a shift away,
 * after the checker has judged their weeks (plan/plan.h, "swaps").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

/* The live assignment of employee on day (its week's roster), or none. */
static int shift_on(struct rota_plan *pl, const char *employee, int32_t day,
		    struct rota_assignment *out, int *found,
		    struct rota_error *err)
{
	struct rota_assignment *as = NULL;
	size_t n = 0;
	int rc;

	*found = 0;
	if ((rc = rota_store_assignments_range(
		     pl->st, rota_tz_day_start(pl->tz, day - 1),
		     rota_tz_day_start(pl->tz, day + 1), employee, &as, &n,
		     err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (as[i].day == day) {
			*out = as[i];
			*found = 1;
		}
	free(as);
	return 0;
}

/* a, worked by `who` instead (its skill kept when they have it). */
static struct rota_assignment moved(const struct rota_plan *pl,
				    const struct rota_assignment *a,
				    const char *who)
{
	struct rota_assignment m = *a;
	int e = rota_dataset_employee(&pl->ds, who);
	int k = rota_dataset_skill(&pl->ds, a->skill);

	rota_strlcpy(m.employee, who, sizeof(m.employee));
	if (e < 0 || k < 0 ||
	    !(pl->ds.employees[e].skills & (UINT64_C(1) << k)))
		m.skill[0] = '\0';
	return m;
}

static void add_change(struct rota_plan_swap *s, const char *employee,
		       int32_t day, const struct rota_assignment *old,
		       const struct rota_assignment *now)
{
	struct rota_roster_change *c = &s->changes[s->n_changes++];

	memset(c, 0, sizeof(*c));
	rota_strlcpy(c->employee, employee, sizeof(c->employee));
	c->day = day;
	if (old)
		c->old = *old;
	if (now)
		c->now = *now;
}

/* The changes of the swap, or ROTA_ENOTFOUND / ROTA_ECONFLICT. */
static int plan_changes(struct rota_plan *pl,
			const struct rota_plan_swap_opts *o,
			struct rota_plan_swap *s, struct rota_error *err)
{
	struct rota_assignment sa, sb, other;
	int32_t db = o->day_b < 0 ? o->day_a : o->day_b;
	int has_a, has_b, has, rc;
	char day[16], what[160];

	rota_format_date(o->day_a, day, sizeof(day));
	if ((rc = shift_on(pl, o->a, o->day_a, &sa, &has_a, err)) < 0 ||
	    (rc = shift_on(pl, o->b, db, &sb, &has_b, err)) < 0)
		return rc;
	if (!has_a)
		return rota_error_set(err, ROTA_ENOTFOUND,
				      "%s has no shift on %s %s", o->a,
				      rota_weekday_name(rota_weekday(o->day_a)),
				      day);
	if (!has_b && o->day_b >= 0 && o->day_b != o->day_a) {
		rota_format_date(db, day, sizeof(day));
		return rota_error_set(err, ROTA_ENOTFOUND,
				      "%s has no shift on %s %s", o->b,
				      rota_weekday_name(rota_weekday(db)), day);
	}
	if (!has_b) {
		/* A gives the shift away */
		struct rota_assignment m = moved(pl, &sa, o->b);

		s->given = 1;
		add_change(s, o->a, o->day_a, &sa, NULL);
		add_change(s, o->b, o->day_a, NULL, &m);
		return 0;
	}
	if (db == o->day_a) {
		struct rota_assignment ma = moved(pl, &sb, o->a);
		struct rota_assignment mb = moved(pl, &sa, o->b);

		add_change(s, o->a, o->day_a, &sa, &ma);
		add_change(s, o->b, db, &sb, &mb);
		return 0;
	}
	/* different days: each must be free on the other's */
	if ((rc = shift_on(pl, o->a, db, &other, &has, err)) < 0)
		return rc;
	if (has) {
		rota_plan_describe(pl, &other, what, sizeof(what));
		return rota_error_set(err, ROTA_ECONFLICT,
				      "%s is already rostered that day: %s "
				      "(one shift a day)",
				      o->a, what);
	}
	if ((rc = shift_on(pl, o->b, o->day_a, &other, &has, err)) < 0)
		return rc;
	if (has) {
		rota_plan_describe(pl, &other, what, sizeof(what));
		return rota_error_set(err, ROTA_ECONFLICT,
				      "%s is already rostered that day: %s "
				      "(one shift a day)",
				      o->b, what);
	}
	{
		struct rota_assignment ma = moved(pl, &sb, o->a);
		struct rota_assignment mb = moved(pl, &sa, o->b);

		add_change(s, o->a, o->day_a, &sa, NULL);
		add_change(s, o->b, o->day_a, NULL, &mb);
		add_change(s, o->b, db, &sb, NULL);
		add_change(s, o->a, db, NULL, &ma);
	}
	return 0;
}

static int find_e(const struct rota_problem *p, const char *id)
{
	for (int e = 0; e < p->n_employees; e++)
		if (strcmp(p->employees[e].id, id) == 0)
			return e;
	return -1;
}

static int find_s(const struct rota_problem *p, const char *code)
{
	for (int s = 0; s < p->n_types; s++)
		if (strcmp(p->types[s].code, code) == 0)
			return s;
	return -1;
}

/* The checker on one week touched: the hard rules A and B break anew. */
static int judge_week(struct rota_plan *pl, int32_t week,
		      const struct rota_plan_swap_opts *o,
		      struct rota_plan_swap *s, int *broken,
		      struct rota_error *err)
{
	struct rota_plan_week w;
	struct rota_solution *after = NULL;
	struct rota_check_report *r = NULL;
	int emps[2], rc;

	if ((rc = rota_plan_week_load(pl, week, 1, &w, err)) < 0)
		return rc;
	if ((rc = rota_plan_roster_solution(w.problem, w.roster, week, &after,
					    err)) < 0)
		goto out;
	for (int i = 0; i < s->n_changes; i++) {
		const struct rota_roster_change *c = &s->changes[i];
		int e = find_e(w.problem, c->employee);
		int d = (int)(c->day - week);

		if (rota_week_monday(c->day) != week || e < 0)
			continue;
		after->type[e * w.problem->n_days + d] =
			c->now.shift[0] ? find_s(w.problem, c->now.shift) : -1;
		after->skill[e * w.problem->n_days + d] = -1;
	}
	if ((rc = rota_check(w.problem, after, &r, err)) < 0)
		goto out;
	emps[0] = find_e(w.problem, o->a);
	emps[1] = find_e(w.problem, o->b);
	*broken += rota_plan_new_hard_of(w.report, r, emps, 2, &s->broken);
out:
	rota_check_report_free(r);
	rota_solution_free(after);
	rota_plan_week_release(&w);
	return rc;
}

int rota_plan_swap(struct rota_plan *pl, const struct rota_plan_swap_opts *opt,
		   struct rota_plan_swap *out, struct rota_error *err)
{
	struct rota_version_meta meta = ROTA_VERSION_META_INIT;
	struct rota_plan_swap s;
	int32_t weeks[2];
	int n_weeks = 0, broken = 0, rc;
	char reason[256];

	memset(&s, 0, sizeof(s));
	if ((rc = rota_plan_employee_arg(pl, opt->a, err)) < 0 ||
	    (rc = rota_plan_employee_arg(pl, opt->b, err)) < 0)
		return rc;
	if (strcmp(opt->a, opt->b) == 0)
		return rota_error_set(err, ROTA_EINVAL,
				      "a swap needs two different employees");
	if ((rc = plan_changes(pl, opt, &s, err)) < 0)
		goto fail;
	for (int i = 0; i < s.n_changes; i++) {
		int32_t wk = rota_week_monday(s.changes[i].day);

		if (n_weeks == 0 || (weeks[0] != wk &&
				     (n_weeks == 1 || weeks[1] != wk)))
			weeks[n_weeks++] = wk;
	}
	for (int i = 0; i < n_weeks; i++)
		if ((rc = judge_week(pl, weeks[i], opt, &s, &broken, err)) < 0)
			goto fail;
	if (broken) {
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "swap refused: it breaks %d hard rule%s",
				    broken, broken == 1 ? "" : "s");
		*out = s;
		return rc;
	}
	meta.kind = "swap";
	meta.by = opt->by ? opt->by : "";
	if (opt->reason && *opt->reason) {
		meta.reason = opt->reason;
	} else {
		snprintf(reason, sizeof(reason), "%s and %s %s", opt->a,
			 opt->b, s.given ? "(shift given away)" : "swap");
		meta.reason = reason;
	}
	if ((rc = rota_store_begin(pl->st, err)) < 0)
		goto fail;
	for (int i = 0; i < n_weeks; i++) {
		struct rota_roster_change ch[4];
		size_t n = 0;

		for (int j = 0; j < s.n_changes; j++)
			if (rota_week_monday(s.changes[j].day) == weeks[i])
				ch[n++] = s.changes[j];
		if ((rc = rota_plan_apply_changes(pl, weeks[i], ch, n, &meta,
						  opt->force, &s.version,
						  &s.notes, err)) < 0) {
			rota_store_rollback(pl->st);
			goto fail;
		}
	}
	if ((rc = rota_store_commit(pl->st, err)) < 0)
		goto fail;
	*out = s;
	return 0;
fail:
	rota_plan_swap_release(&s);
	return rc;
}

void rota_plan_swap_release(struct rota_plan_swap *s)
{
	if (!s)
		return;
	rota_plan_notes_release(&s->broken);
	rota_plan_notes_release(&s->notes);
	memset(s, 0, sizeof(*s));
}
