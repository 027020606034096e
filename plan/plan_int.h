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

/* A stored publication row as the calendar's event (plan/publish.c). */
void rota_plan_pub_to_event(const struct rota_publication *p,
			    struct rota_cal_event *e);

/* --- re-planning (plan/replan.c) --- */

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

#endif
