/*
 * tests/contact_week.h - a small week with interval demand (what a
 * contact centre's site gives the solver), for the tests of the column
 * generation's root on such weeks and of the construction under a cap.
 * Include after cmocka.h (it asserts with cmocka's macros); drawn with
 * rnd (test_rng.h): seed rng first.
 */
#ifndef ROTA_TEST_CONTACT_WEEK_H
#define ROTA_TEST_CONTACT_WEEK_H

#include <stdio.h>

#include "core/time.h"
#include "solver/solver.h"
#include "test_rng.h"

/*
 * A week with interval demand, round the clock by the hour: early 06-14,
 * late 14-22, night 22-06 (a night's end meets the next early's start in
 * one running-count row), two skills, agents in classes of three identical
 * ones (each class its own skills and weekly cap), demand drawn per hour.
 */
static struct rota_problem *contact_week(void)
{
	static const int start[3] = {6 * 60, 14 * 60, 22 * 60};
	struct rota_problem *p = rota_problem_new(7, 7 * 24 + 8, 2, 3, 9, NULL);

	assert_non_null(p);
	p->dated = 1;
	p->first_day = rota_days_from_civil(2026, 11, 30);
	p->t0 = (int64_t)p->first_day * 86400;
	p->interval_min = 60;
	for (int k = 0; k < 2; k++)
		snprintf(p->skills[k].name, sizeof(p->skills[k].name), "%s",
			 k ? "chat" : "voice");
	for (int s = 0; s < 3; s++) {
		struct rota_shift_type *t = &p->types[s];

		snprintf(t->code, sizeof(t->code), "%c", "ELN"[s]);
		t->start_min = start[s];
		t->length_min = t->paid_min = 480;
		t->night = s == 2;
		for (int d = 0; d < 7; d++) {
			struct rota_slot *sl = rota_problem_slot(p, d, s);

			sl->start = p->t0 + ((int64_t)d * 1440 + start[s]) * 60;
			sl->end = sl->start + 480 * 60;
			sl->first_interval = d * 24 + start[s] / 60;
			sl->end_interval = sl->first_interval + 8;
		}
	}
	for (int e = 0; e < 9; e++) {
		struct rota_problem_employee *pe = &p->employees[e];

		snprintf(pe->id, sizeof(pe->id), "A%d", e);
		pe->skills = e / 3 == 2 ? 3 : UINT64_C(1) << (e / 3);
		pe->rule[ROTA_RULE_max_days_week].value = 4 + e / 3 % 2;
		pe->rule[ROTA_RULE_max_days_week].weight = 0;
	}
	for (int t = 0; t < 7 * 24; t++)
		for (int k = 0; k < 2; k++) {
			struct rota_demand *dm = rota_problem_demand(p, t, k);

			dm->required = rnd(3);
			dm->under_weight = 50 + rnd(50);
			dm->over_weight = 5;
		}
	return p;
}

#endif
