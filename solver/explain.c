/*
 * solver/explain.c - why an employee cannot be rostered, in words.
 *
 * Every hard rule belongs to one employee, so when no roster exists some
 * employee's own rules conflict.  Their rules are split into groups (each
 * contract rule, time off, skills, shift days, caps, bans) and a deletion
 * filter finds a minimal set of groups that still conflicts: drop a group,
 * keep it dropped if the rest still has no solution.  Groups a supervisor
 * can least change are tried first, so they tend to be the ones left out
 * of the explanation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "solver/solver_int.h"

/* 1 feasible, 0 infeasible, < 0 error; *max_min gets the most paid
 * minutes possible when max_min is not NULL. */
static int feasible(struct solver_budget *bu, const struct rota_problem *p,
		    int e, uint32_t relaxed_mask, double *max_min,
		    struct rota_error *err)
{
	uint8_t *mask = calloc((size_t)p->n_employees + 1, 1);
	struct model_spec spec = {mask, 0, 0, relaxed_mask, NULL, NULL, 0};
	struct roster_model rm;
	struct sub_params sp;
	struct sub_out so;
	uint8_t *fr = NULL;
	double *x = NULL, *obj = NULL;
	int rc;

	if (!mask)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	mask[e] = 1;
	rc = solver_model_build(&rm, p, &spec, err);
	free(mask);
	if (rc < 0)
		return rc;
	fr = malloc((size_t)rm.mip.ncols + 1);
	x = calloc((size_t)rm.mip.ncols + 1, sizeof(double));
	obj = calloc((size_t)rm.mip.ncols + 1, sizeof(double));
	if (!fr || !x || !obj) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	memset(fr, 1, (size_t)rm.mip.ncols);
	if (max_min)
		for (int j = 0; j < rm.mip.ncols; j++)
			if (rm.mip.ctag[j].kind == COL_X)
				obj[j] = -p->types[rm.mip.ctag[j].c].paid_min;
	memset(&sp, 0, sizeof(sp));
	sp.free = fr;
	sp.val = x;
	sp.presolve = 1;
	sp.obj = obj;
	sp.node_limit = 20000;
	solver_sub_solve(bu, &rm.mip, &sp, x, &so);
	if (so.result == SUB_INFEASIBLE)
		rc = 0;
	else if (so.result == SUB_OPTIMAL || so.result == SUB_FEASIBLE) {
		rc = 1;
		if (max_min)
			*max_min = -so.obj;
	} else {
		rc = rota_error_set(err, ROTA_ESOLVER,
				    "the solver failed on the rules of "
				    "employee '%s'", p->employees[e].id);
	}
out:
	free(fr);
	free(x);
	free(obj);
	solver_model_free(&rm);
	return rc;
}

/* "40 h", "37 h 30 min", "45 min" */
static void fmt_minutes(int m, char *buf, size_t size)
{
	if (m % 60 == 0)
		snprintf(buf, size, "%d h", m / 60);
	else if (m < 60)
		snprintf(buf, size, "%d min", m);
	else
		snprintf(buf, size, "%d h %d min", m / 60, m % 60);
}

static void fmt_day(const struct rota_problem *p, int d, char *buf,
		    size_t size)
{
	if (p->dated) {
		char date[16];

		rota_format_date(p->first_day + d, date, sizeof(date));
		snprintf(buf, size, "%s %s",
			 rota_weekday_name(rota_problem_weekday(p, d)), date);
	} else {
		snprintf(buf, size, "day %d", d);
	}
}

/* Days on which e has hard time off, as "Mon 2026-11-30, Tue ... and
 * Wed ...", or "12 days" when long. */
static void fmt_unavailable(const struct rota_problem *p, int e, char *buf,
			    size_t size)
{
	int days[8], n = 0, total = 0;
	size_t len;

	for (int d = 0; d < p->n_days; d++) {
		int any = 0;

		for (int s = 0; s < p->n_types; s++)
			if (rota_problem_unavailable(p, e, d, s))
				any = 1;
		if (!any)
			continue;
		if (n < 8)
			days[n++] = d;
		total++;
	}
	if (total > 4) {
		snprintf(buf, size, "on %d days", total);
		return;
	}
	len = (size_t)snprintf(buf, size, "on ");
	for (int i = 0; i < n && len < size; i++) {
		char day[32];

		fmt_day(p, days[i], day, sizeof(day));
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i == 0 ? ""
					: i == n - 1 ? " and "
						     : ", ",
					day);
	}
}

/* The pins of e: "E on Wed 2026-12-02 and off on Thu 2026-12-03
 * (frozen)", or "9 frozen days" when long. */
static void fmt_pins(const struct rota_problem *p, int e, char *buf,
		     size_t size)
{
	int days[4], n = 0, total = 0;
	size_t len = 0;

	for (int d = 0; d < p->n_days; d++) {
		if (rota_problem_fixed(p, e, d) == ROTA_FREE)
			continue;
		if (n < 4)
			days[n++] = d;
		total++;
	}
	if (total > 4) {
		snprintf(buf, size, "%d frozen days", total);
		return;
	}
	buf[0] = '\0';
	for (int i = 0; i < n && len < size; i++) {
		char day[32];
		int f = rota_problem_fixed(p, e, days[i]);

		fmt_day(p, days[i], day, sizeof(day));
		len += (size_t)snprintf(buf + len, size - len, "%s%s on %s",
					i == 0 ? ""
					: i == n - 1 ? " and "
						     : ", ",
					f >= 0 ? p->types[f].code : "a day off",
					day);
	}
	if (len < size)
		snprintf(buf + len, size - len, " (frozen)");
}

/* The cap on consecutive working days v, with the days worked just
 * before and after the horizon. */
static void describe_max_consecutive(const struct rota_problem_employee *pe,
				     int v, char *buf, size_t size)
{
	const struct rota_history *h = &pe->history;
	int before = h->known ? h->days_worked : 0;
	int after = pe->future.known ? pe->future.days_worked : 0;

	if (before && after)
		snprintf(buf, size,
			 "at most %d consecutive working days (%d "
			 "worked just before, %d just after)", v,
			 before, after);
	else if (before || after)
		snprintf(buf, size,
			 "at most %d consecutive working days (%d "
			 "worked just %s)", v, before ? before : after,
			 before ? "before" : "after");
	else
		snprintf(buf, size,
			 "at most %d consecutive working days", v);
}

/* The qualification group: the employee's skills by name. */
static void describe_skills(const struct rota_problem *p,
			    const struct rota_problem_employee *pe, char *buf,
			    size_t size)
{
	char b[192];
	size_t len = 0;

	b[0] = '\0';
	for (int k = 0; k < p->n_skills && len < sizeof(b); k++)
		if ((pe->skills >> k) & 1)
			len += (size_t)snprintf(b + len,
						sizeof(b) - len,
						"%s%s", len ? ", " : "",
						p->skills[k].name);
	snprintf(buf, size, "only shifts for their skills (%s)",
		 len ? b : "none");
}

/* Rule or group g of employee e in words; one short case per rule, read
 * side by side (the two longest have helpers). */
static void describe(const struct rota_problem *p, int e, int g, char *buf,
		     size_t size)
{
	const struct rota_problem_employee *pe = &p->employees[e];
	const struct rota_history *h = &pe->history;
	int v = g < ROTA_PROBLEM_RULE_COUNT ? pe->rule[g].value : 0;
	char a[64], b[192];

	switch (g) {
	case ROTA_RULE_min_week_min:
		fmt_minutes(v, a, sizeof(a));
		snprintf(buf, size, "at least %s paid a week", a);
		break;
	case ROTA_RULE_max_week_min:
		fmt_minutes(v, a, sizeof(a));
		snprintf(buf, size, "at most %s paid a week", a);
		break;
	case ROTA_RULE_max_days_week:
		snprintf(buf, size, "at most %d working day%s a week", v,
			 v == 1 ? "" : "s");
		break;
	case ROTA_RULE_max_consecutive_days:
		describe_max_consecutive(pe, v, buf, size);
		break;
	case ROTA_RULE_min_consecutive_days:
		snprintf(buf, size, "working days in runs of at least %d", v);
		break;
	case ROTA_RULE_min_rest_min:
		fmt_minutes(v, a, sizeof(a));
		snprintf(buf, size, "at least %s rest between shifts", a);
		break;
	case ROTA_RULE_min_consecutive_days_off:
		snprintf(buf, size, "days off in runs of at least %d", v);
		break;
	case ROTA_RULE_max_weekends:
		if (h->known && h->weekends_worked > 0)
			snprintf(buf, size,
				 "at most %d weekend%s worked (%d already)", v,
				 v == 1 ? "" : "s", h->weekends_worked);
		else
			snprintf(buf, size, "at most %d weekend%s worked", v,
				 v == 1 ? "" : "s");
		break;
	case ROTA_RULE_max_nights:
		snprintf(buf, size, "at most %d night shift%s a week", v,
			 v == 1 ? "" : "s");
		break;
	case ROTA_RULE_min_total_min:
		fmt_minutes(v, a, sizeof(a));
		snprintf(buf, size, "at least %s paid in total", a);
		break;
	case ROTA_RULE_max_total_min:
		fmt_minutes(v, a, sizeof(a));
		snprintf(buf, size, "at most %s paid in total", a);
		break;
	case GROUP_TYPE_MAX:
		snprintf(buf, size, "the limits on shifts of each type");
		break;
	case GROUP_BAN:
		snprintf(buf, size, "the shift rotation bans");
		break;
	case GROUP_UNAV:
		fmt_unavailable(p, e, b, sizeof(b));
		snprintf(buf, size, "%s %s",
			 p->dated ? "hard time off" : "days off", b);
		break;
	case GROUP_QUAL:
		describe_skills(p, pe, buf, size);
		break;
	case GROUP_OFFER:
		snprintf(buf, size, "the days each shift is offered");
		break;
	case GROUP_FIXED:
		fmt_pins(p, e, b, sizeof(b));
		snprintf(buf, size, "keeping %s", b);
		break;
	default:
		snprintf(buf, size, "rule %d", g);
		break;
	}
}

/* Groups that constrain e, in the order the filter tries to drop them;
 * never the cap on changes: it joins all employees, and the search
 * refuses a cap too tight in words of its own (construct.c,
 * nearest_weeks). */
static int present_groups(const struct rota_problem *p, int e, int *g)
{
	static const int order[] = {
		GROUP_FIXED,
		GROUP_OFFER,
		GROUP_QUAL,
		GROUP_BAN,
		GROUP_TYPE_MAX,
		ROTA_RULE_min_consecutive_days_off,
		ROTA_RULE_min_consecutive_days,
		ROTA_RULE_min_rest_min,
		ROTA_RULE_max_nights,
		ROTA_RULE_max_weekends,
		ROTA_RULE_max_consecutive_days,
		ROTA_RULE_max_days_week,
		ROTA_RULE_max_week_min,
		ROTA_RULE_max_total_min,
		ROTA_RULE_min_total_min,
		ROTA_RULE_min_week_min,
		GROUP_UNAV,
	};
	const struct rota_problem_employee *pe = &p->employees[e];
	int n = 0;

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		int gr = order[i], on = 0;

		if (gr < ROTA_PROBLEM_RULE_COUNT) {
			on = pe->rule[gr].value != ROTA_UNSET &&
			     pe->rule[gr].weight == 0;
		} else if (gr == GROUP_TYPE_MAX) {
			for (int s = 0; s < p->n_types; s++)
				if (p->type_max[e * p->n_types + s].value !=
					    ROTA_UNSET &&
				    p->type_max[e * p->n_types + s].weight == 0)
					on = 1;
		} else if (gr == GROUP_FIXED) {
			for (int d = 0; d < p->n_days; d++)
				if (rota_problem_fixed(p, e, d) != ROTA_FREE)
					on = 1;
		} else if (gr == GROUP_BAN) {
			for (int i2 = 0; i2 < p->n_types * p->n_types; i2++)
				if (p->ban[i2])
					on = 1;
		} else {
			for (int d = 0; d < p->n_days && !on; d++)
				for (int s = 0; s < p->n_types && !on; s++) {
					const struct rota_shift_type *t =
						&p->types[s];

					if (gr == GROUP_UNAV)
						on = rota_problem_unavailable(
							p, e, d, s);
					else if (gr == GROUP_OFFER)
						on = !rota_problem_slot(p, d, s)
							      ->allowed;
					else if (gr == GROUP_QUAL)
						on = p->n_skills && t->skills &&
						     !(t->skills & pe->skills);
				}
		}
		if (on)
			g[n++] = gr;
	}
	return n;
}

int solver_explain_employee(struct solver_budget *bu,
			    const struct rota_problem *p, int e,
			    struct rota_error *err)
{
	const struct rota_problem_employee *pe = &p->employees[e];
	int groups[GROUP_COUNT], n, keep[GROUP_COUNT], nk = 0, rc;
	uint32_t all = 0, relaxed_mask;
	char parts[GROUP_COUNT][224], detail[128] = "", who[200];
	char msg[ROTA_ERROR_MSG_MAX * 2];
	size_t len;
	int min_rule = -1;

	n = present_groups(p, e, groups);
	for (int g = 0; g < GROUP_COUNT; g++)
		all |= 1u << g;
	/* relaxed = every group not kept; start with all present kept */
	relaxed_mask = all;
	for (int i = 0; i < n; i++)
		relaxed_mask &= ~(1u << groups[i]);
	rc = feasible(bu, p, e, relaxed_mask, NULL, err);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	for (int i = 0; i < n; i++) {
		uint32_t trial = relaxed_mask | (1u << groups[i]);

		rc = feasible(bu, p, e, trial, NULL, err);
		if (rc < 0)
			return rc;
		if (rc == 0)
			relaxed_mask = trial; /* still infeasible: not needed */
		else
			keep[nk++] = groups[i];
	}
	/* the most that can be worked under the other rules of the core */
	for (int i = 0; i < nk; i++)
		if (keep[i] == ROTA_RULE_min_week_min ||
		    keep[i] == ROTA_RULE_min_total_min)
			min_rule = keep[i];
	if (min_rule >= 0) {
		double most = 0;

		rc = feasible(bu, p, e, relaxed_mask | (1u << min_rule), &most,
			      err);
		if (rc < 0)
			return rc;
		if (rc == 1) {
			char a[64];

			fmt_minutes((int)(most + 0.5), a, sizeof(a));
			snprintf(detail, sizeof(detail),
				 " (at most %s can be worked%s)", a,
				 min_rule == ROTA_RULE_min_week_min &&
						 p->n_days > 7
					 ? " in some week"
					 : "");
		}
	}
	for (int i = 0; i < nk; i++)
		describe(p, e, keep[i], parts[i], sizeof(parts[i]));
	if (pe->name[0] && strcmp(pe->name, pe->id) != 0)
		snprintf(who, sizeof(who), "employee %s (%.120s)", pe->id,
			 pe->name);
	else
		snprintf(who, sizeof(who), "employee %s", pe->id);
	len = (size_t)snprintf(msg, sizeof(msg), "%s cannot be rostered: ",
			       who);
	if (nk == 0) {
		snprintf(msg + len, sizeof(msg) - len,
			 "their hard rules cannot all hold");
	} else if (nk == 1) {
		snprintf(msg + len, sizeof(msg) - len, "%s cannot hold%s",
			 parts[0], detail);
	} else if (nk == 2) {
		snprintf(msg + len, sizeof(msg) - len, "%s conflicts with %s%s",
			 parts[0], parts[1], detail);
	} else {
		for (int i = 0; i < nk && len < sizeof(msg); i++)
			len += (size_t)snprintf(msg + len, sizeof(msg) - len,
						"%s%s",
						i == 0 ? ""
						: i == nk - 1 ? " and "
							      : ", ",
						parts[i]);
		if (len < sizeof(msg))
			snprintf(msg + len, sizeof(msg) - len,
				 " cannot all hold%s", detail);
	}
	if (strlen(msg) >= ROTA_ERROR_MSG_MAX)
		memcpy(msg + ROTA_ERROR_MSG_MAX - 4, "...", 4);
	rota_error_set(err, ROTA_EINFEASIBLE, "%s", msg);
	return 1;
}
