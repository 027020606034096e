/*
 * plan/plan_int.h - private to plan/: the struct behind rota_plan.
 */
#ifndef ROTA_PLAN_INT_H
#define ROTA_PLAN_INT_H

#include "plan/plan.h"

struct rota_plan {
	struct rota_store *st;
	struct rota_dataset ds;
	struct rota_tz *tz;
	int64_t now;
	int owns_store;     /* rota_plan_open(): close the store with it */
};

/* ROTA_ENOMEM with the usual message. */
int rota_plan_oom(struct rota_error *err);

/* The alarm (-1 none) and organizer ("" none) rota publish remembers
 * (plan/publish.c). */
int rota_plan_remembered(struct rota_plan *pl, int *alarm_min,
			 char organizer[ROTA_SETTING_MAX],
			 struct rota_error *err);

/* A stored publication row as the calendar's event (plan/publish.c). */
void rota_plan_pub_to_event(const struct rota_publication *p,
			    struct rota_cal_event *e);

/* --- re-planning (plan/replan.c) --- */

/* "Wed 2026-12-02 22:00", local. */
void rota_plan_when(const struct rota_plan *pl, int64_t t, char *buf,
		    size_t size);

/* The instant a week with a live roster is re-planned from (see
 * rota_plan_schedule); notes: the notice window moved it. */
int rota_plan_replan_from(struct rota_plan *pl, int32_t monday,
			  const struct rota_roster *live,
			  const struct rota_plan_schedule_opts *o,
			  int64_t *from, struct rota_plan_notes *notes,
			  struct rota_error *err);

/* live as p's reference, time before `from` frozen; replan: the site's
 * change weight, else the reference goes unless max_changes caps. */
int rota_plan_replan_setup(struct rota_plan *pl, struct rota_problem *p,
			   const struct rota_roster *live, int32_t monday,
			   int64_t from, int replan, int max_changes,
			   struct rota_error *err);

/* The assignment of r (sorted by employee, day) of a's employee and day,
 * or NULL. */
const struct rota_assignment *rota_plan_find_assignment(
	const struct rota_roster *r, const struct rota_assignment *a);

/* Assignments of next with the same shift as in live become live's. */
void rota_plan_keep_unchanged(struct rota_roster *next,
			      const struct rota_roster *live);

/* Understaffed agent-minutes per skill (*out: n_skills longs, free()),
 * from an allocation, or of a stored roster checked against p (without
 * the shifts its employees can no longer work: time off, absences). */
int rota_plan_short_by_skill(const struct rota_problem *p,
			     const double *served, int week_T, long **out,
			     struct rota_error *err);
int rota_plan_short_of(const struct rota_problem *p,
		       const struct rota_roster *r, int32_t monday,
		       int week_T, long **out, struct rota_error *err);

/*
 * Apply employee-day changes (old -> now; shift "" none) to the live
 * roster of the week of `week` as one new version, the scope being the
 * employees changed, through rota_plan_commit().  ROTA_ECONFLICT when a
 * change's old assignment is not the live one (the roster changed since it
 * was read).  *version may be NULL.
 */
int rota_plan_apply_changes(struct rota_plan *pl, int32_t week,
			    const struct rota_roster_change *ch, size_t n,
			    const struct rota_version_meta *meta, int force,
			    int *version, struct rota_plan_notes *notes,
			    struct rota_error *err);

/*
 * Take the shifts `removed` (n, of any weeks) out of the live roster: one
 * version a week with meta (its absence_id or timeoff_id links the closed
 * rows, so they become open shifts), each through
 * rota_plan_apply_changes() with force.  *versions receives the number of
 * versions made.  Joins the caller's transaction (roll it back on error).
 */
int rota_plan_take_out(struct rota_plan *pl,
		       const struct rota_assignment *removed, size_t n,
		       const struct rota_version_meta *meta, int force,
		       int *versions, struct rota_plan_notes *notes,
		       struct rota_error *err);

/* "A001's Early shift on Wed 2026-12-02 (08:00)" */
void rota_plan_describe(const struct rota_plan *pl,
			const struct rota_assignment *a, char *buf,
			size_t size);

/* The assignment of employee e working type s on day d of p (the week of
 * `monday`), skill k (-1: none). */
void rota_plan_assignment(const struct rota_problem *p, int32_t monday,
			  int e, int d, int s, int k,
			  struct rota_assignment *out);

/* Index of employee id in the dataset, or ROTA_ENOTFOUND "unknown employee
 * 'X'". */
int rota_plan_employee_arg(const struct rota_plan *pl, const char *id,
			   struct rota_error *err);
/* 0, or ROTA_EINVAL "unknown leave type 'x' (known: ...)". */
int rota_plan_leave_type_arg(const struct rota_plan *pl, const char *type,
			     struct rota_error *err);

/* ---------------------------------------- judging a few people (judge.c) */

/* The week's problem P restricted to n of its employees. */
struct rota_plan_sub {
	const struct rota_problem *P;
	struct rota_problem *p;      /* n employees, no fairness groups */
	struct rota_solution *sol;   /* scratch roster of p */
	int *emps;                   /* p's employee i is P's emps[i] */
	int n;
};

/* coverage = 0: the rules alone (no intervals, far cheaper to check);
 * 1: with P's intervals and demand (a MIP around a hole). */
int rota_plan_sub_new(const struct rota_problem *P, int n, int coverage,
		      struct rota_plan_sub **out, struct rota_error *err);
/* Make the sub-problem's employees P's emps[0..n-1]. */
int rota_plan_sub_load(struct rota_plan_sub *s, const int *emps,
		       struct rota_error *err);
/* Check the rows types[i * n_days + d] (skills likewise, may be NULL). */
int rota_plan_sub_check(struct rota_plan_sub *s, const int *types,
			const int *skills, struct rota_check_report **out,
			struct rota_error *err);
void rota_plan_sub_free(struct rota_plan_sub *s);

/* Add the sentences of the hard violations of `after` that `before` has
 * not (or not as badly) to sentences; returns how many. */
int rota_plan_new_hard(const struct rota_check_report *before,
		       const struct rota_check_report *after,
		       struct rota_plan_notes *sentences);
/* The same for the violations of employees emps[0..n_emps) only. */
int rota_plan_new_hard_of(const struct rota_check_report *before,
			  const struct rota_check_report *after,
			  const int *emps, int n_emps,
			  struct rota_plan_notes *sentences);
/* Soft rules + requests + paid time, and the coverage terms, of a report. */
double rota_plan_rule_cost(const struct rota_check_report *r);
double rota_plan_coverage_cost(const struct rota_check_report *r);
/* Paid minutes of employee e of p above their weekly maximum. */
int rota_plan_overtime(const struct rota_problem *p, int e, int paid);

#endif
