/*
 * tests/checked.h - a solver's roster against the independent checker
 * (solver/check.c): every hard rule kept, and the objective the solver
 * reports is the checker's.  Include after cmocka.h (it asserts with
 * cmocka's macros).
 */
#ifndef ROTA_TEST_CHECKED_H
#define ROTA_TEST_CHECKED_H

#include <math.h>

#include "solver/solver.h"

static void assert_checked(const struct rota_problem *p,
			   const struct rota_solution *s)
{
	struct rota_check_report *rep = NULL;
	struct rota_error err = {0};

	assert_int_equal(rota_check(p, s, &rep, &err), 0);
	assert_int_equal(rep->hard_broken, 0);
	assert_true(fabs(rep->objective - s->stats.objective) < 1e-6);
	rota_check_report_free(rep);
}

#endif
