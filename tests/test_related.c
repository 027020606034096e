/* tests/test_related.c - neighbourhoods related by the shift cover or by
 * a request (solver/related.c, solver_related, solver_related_request). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver.h"
#include "solver/solver_int.h"

#define E 6
#define D 3

/*
 * Six nurses, three days, shifts D and N.  Nurse F may not work N
 * (N=0), nurse E is on leave on day 1 (a day off).  Cover: day 0 D 1, N 1;
 * day 1 D 1, N 2 (under at 100); day 2 D 1, N 1.
 */
static struct rota_problem *problem(void)
{
	static const char text[] =
		"SECTION_HORIZON\n3\n\n"
		"SECTION_SHIFTS\nD,480,\nN,480,D\n\n"
		"SECTION_STAFF\n"
		"A,D=3|N=3,2880,0,3,1,1,1\n"
		"B,D=3|N=3,2880,0,3,1,1,1\n"
		"C,D=3|N=3,2880,0,3,1,1,1\n"
		"D,D=3|N=3,2880,0,3,1,1,1\n"
		"E,D=3|N=3,2880,0,3,1,1,1\n"
		"F,D=3|N=0,2880,0,3,1,1,1\n\n"
		"SECTION_DAYS_OFF\nE,1\n\n"
		"SECTION_COVER\n"
		"0,D,1,100,1\n0,N,1,100,1\n"
		"1,D,1,100,1\n1,N,2,100,1\n"
		"2,D,1,100,1\n2,N,1,100,1\n";
	struct rota_problem *p = NULL;
	struct rota_error err = {0};

	if (rota_curtois_parse(text, strlen(text), "related.txt", &p, &err))
		fail_msg("parse: %s", err.msg);
	assert_int_equal(p->n_employees, E);
	assert_int_equal(p->n_days, D);
	return p;
}

static int type_code(const struct rota_problem *p, const char *code)
{
	for (int s = 0; s < p->n_types; s++)
		if (strcmp(p->types[s].code, code) == 0)
			return s;
	fail_msg("no shift type %s", code);
	return -1;
}

/* The roster both tests start from: A on N and B on D every day, the
 * others off. */
static void a_on_n_b_on_d(const struct rota_problem *p, int *type)
{
	int sD = type_code(p, "D"), sN = type_code(p, "N");

	assert_int_equal(p->n_types, 2);
	for (int i = 0; i < E * D; i++)
		type[i] = -1;
	for (int d = 0; d < D; d++) {
		type[0 * D + d] = sN;
		type[1 * D + d] = sD;
	}
}

/*
 * Day 1's N is one short: A works it, B works D there (D is met, so B is
 * not a likely mover), C and D are off that day, E is on leave and F may
 * not work N.  Neighbourhoods of two are {C, D} (off that day: the
 * likeliest movers come first); of three, {B, C, D}; of five, the four
 * who could work the cell and one more at random.  Nobody freed ever
 * works the cell already (A).
 */
static void an_under_covered_cell_frees_who_could_fill_it(void **state)
{
	struct rota_problem *p = problem();
	int type[E * D], cand[E], cnt[D * 2];
	uint8_t freed[E];
	uint64_t rng = 7;

	(void)state;
	a_on_n_b_on_d(p, type);
	for (int round = 0; round < 50; round++) {
		int n = 0;

		assert_int_equal(solver_related(p, type, &rng, 2, freed, cand,
						cnt),
				 1);
		assert_true(freed[2] && freed[3]);
		for (int e = 0; e < E; e++)
			n += freed[e];
		assert_int_equal(n, 2);

		assert_int_equal(solver_related(p, type, &rng, 3, freed, cand,
						cnt),
				 1);
		assert_true(freed[1] && freed[2] && freed[3]);
		assert_false(freed[0] || freed[4] || freed[5]);

		assert_int_equal(solver_related(p, type, &rng, 5, freed, cand,
						cnt),
				 1);
		n = 0;
		for (int e = 0; e < E; e++)
			n += freed[e];
		assert_int_equal(n, 5);
		assert_true(freed[1] && freed[2] && freed[3]);
	}
	rota_problem_free(p);
}

/*
 * With every cell met but day 2's D over (two on it), the neighbourhood
 * is the two on that cell; with every cell met exactly, nothing is freed.
 */
static void an_over_covered_cell_frees_who_works_it_and_a_met_cover_none(
	void **state)
{
	struct rota_problem *p = problem();
	int sD = type_code(p, "D"), sN = type_code(p, "N");
	int type[E * D], cand[E], cnt[D * 2];
	uint8_t freed[E];
	uint64_t rng = 3;

	(void)state;
	a_on_n_b_on_d(p, type);
	type[2 * D + 1] = sN;  /* C: day 1's second N */
	assert_int_equal(solver_related(p, type, &rng, 2, freed, cand, cnt),
			 0);
	type[3 * D + 2] = sD;  /* D: day 2's D, one over */
	for (int round = 0; round < 20; round++) {
		assert_int_equal(solver_related(p, type, &rng, 2, freed, cand,
						cnt),
				 1);
		assert_true(freed[1] && freed[3]);
		assert_false(freed[0] || freed[2] || freed[4] || freed[5]);
	}
	rota_problem_free(p);
}

/* e asks to work (on) or not to work shift `code` on day d, weight w. */
static void ask(struct rota_problem *p, int e, int d, const char *code,
		int on, double w)
{
	struct rota_request r = {e, d, type_code(p, code), on, w};

	assert_true(rota_problem_add_request(p, &r, NULL) >= 0);
}

static int freed_count(const uint8_t *freed)
{
	int n = 0;

	for (int e = 0; e < E; e++)
		n += freed[e];
	return n;
}

/*
 * A request to work not granted (C off on day 1, asking for D there):
 * its employee first, then who works that shift that day (B), then the
 * rest at random.  Once granted, nothing is freed; nor for a request the
 * employee may not be granted.
 */
static void a_request_to_work_frees_its_employee_and_who_has_the_shift(
	void **state)
{
	struct rota_problem *p = problem();
	int type[E * D], cand[E];
	uint8_t freed[E];
	uint64_t rng = 5;

	(void)state;
	a_on_n_b_on_d(p, type);
	assert_int_equal(solver_related_request(p, type, &rng, 2, freed,
						cand),
			 0);
	ask(p, 2, 1, "D", 1, 3);
	for (int round = 0; round < 20; round++) {
		assert_int_equal(solver_related_request(p, type, &rng, 1, freed,
							cand),
				 1);
		assert_true(freed[2]);
		assert_int_equal(freed_count(freed), 1);
		assert_int_equal(solver_related_request(p, type, &rng, 2, freed,
							cand),
				 1);
		assert_true(freed[2] && freed[1]);
		assert_int_equal(freed_count(freed), 2);
		assert_int_equal(solver_related_request(p, type, &rng, 4, freed,
							cand),
				 1);
		assert_true(freed[2] && freed[1]);
		assert_int_equal(freed_count(freed), 4);
	}
	type[2 * D + 1] = type_code(p, "D");
	assert_int_equal(solver_related_request(p, type, &rng, 2, freed, cand),
			 0);
	/* nor for requests no roster grants: E asks for D on day 1, a day
	 * of leave, and F for N, which F may not work */
	ask(p, 4, 1, "D", 1, 5);
	ask(p, 5, 0, "N", 1, 5);
	assert_int_equal(solver_related_request(p, type, &rng, 2, freed, cand),
			 0);
	rota_problem_free(p);
}

/*
 * A request not to work broken (A on N on day 2): A and those off that
 * day who may work N (C, D, E; not F, who may not work N, nor B, on D).
 * Beside a request to work of weight 1 (C's, as above), the one of
 * weight 1,000 is drawn nearly always.
 */
static void a_request_off_frees_who_could_take_the_shift_drawn_by_weight(
	void **state)
{
	struct rota_problem *p = problem();
	int type[E * D], cand[E], heavy = 0;
	uint8_t freed[E];
	uint64_t rng = 11;

	(void)state;
	a_on_n_b_on_d(p, type);
	ask(p, 0, 2, "N", 0, 1000);
	for (int round = 0; round < 20; round++) {
		assert_int_equal(solver_related_request(p, type, &rng, 4, freed,
							cand),
				 1);
		assert_true(freed[0] && freed[2] && freed[3] && freed[4]);
		assert_false(freed[1] || freed[5]);
	}
	ask(p, 2, 1, "D", 1, 1);
	for (int round = 0; round < 200; round++) {
		assert_int_equal(solver_related_request(p, type, &rng, 1, freed,
							cand),
				 1);
		assert_true(freed[0] || freed[2]);
		heavy += freed[0];
	}
	assert_true(heavy >= 190);
	rota_problem_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_under_covered_cell_frees_who_could_fill_it),
		cmocka_unit_test(
			an_over_covered_cell_frees_who_works_it_and_a_met_cover_none),
		cmocka_unit_test(
			a_request_to_work_frees_its_employee_and_who_has_the_shift),
		cmocka_unit_test(
			a_request_off_frees_who_could_take_the_shift_drawn_by_weight),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
