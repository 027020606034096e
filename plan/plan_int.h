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

#endif
