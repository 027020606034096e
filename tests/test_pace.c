/*
 * tests/test_pace.c - the pace tables (solver/pace.c) against brute force:
 * over random horizons, days off, forced days, block rules, weekend
 * limits, shift lengths and bans, the most days and the most paid minutes
 * a schedule can still work from each day and state are what enumerating
 * every completion gives.  (A test of an internal part, hence
 * solver_int.h.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"
#include "test_rng.h"


#define MAXD 9
#define NTYPES 2

struct horizon {
	int D, maxc, minc, minoff, weekends;
	uint8_t work_ok[MAXD], off_ok[MAXD], weekend[MAXD];
	uint8_t allowed[MAXD * NTYPES];
	int paid[NTYPES];
	double trans[NTYPES * NTYPES];   /* one matrix for every day */
	int tid[MAXD];
};

static void random_horizon(struct horizon *h)
{
	int first = rnd(7); /* weekday of day 0, 0 Monday */

	memset(h, 0, sizeof(*h));
	h->D = 3 + rnd(MAXD - 2);
	h->maxc = rnd(2) ? 2 + rnd(3) : 0;
	h->minc = rnd(2) ? 2 + rnd(2) : 0;
	h->minoff = rnd(2) ? 2 + rnd(2) : 0;
	h->weekends = rnd(2) ? rnd(2) : -1;
	for (int s = 0; s < NTYPES; s++)
		h->paid[s] = 300 + 60 * rnd(8);
	for (int i = 0; i < NTYPES * NTYPES; i++)
		h->trans[i] = rnd(4) == 0 ? HUGE_VAL : 0;
	for (int d = 0; d < h->D; d++) {
		int wd = (first + d) % 7;

		h->weekend[d] = wd == 5 || (wd == 6 && d == 0) ? 1
				: wd == 6		       ? 2
							       : 0;
		for (int s = 0; s < NTYPES; s++) {
			h->allowed[d * NTYPES + s] = rnd(5) != 0;
			h->work_ok[d] |= h->allowed[d * NTYPES + s];
		}
		h->off_ok[d] = rnd(8) != 0;
	}
}

/* Walk every completion of days d.. from (on, len, last, w); the most
 * days (or, by minutes, paid minutes) of one that keeps every rule. */
static int brute(const struct horizon *h, int d, int on, int len, int last,
		 int w, int minutes)
{
	int best = -1;

	if (d == h->D)
		return 0;
	if (h->off_ok[d] && (!on || h->minc <= 0 || len >= h->minc)) {
		int v = brute(h, d + 1, 0, on ? 1 : len + 1, -1, w, minutes);

		best = v > best ? v : best;
	}
	if (on ? h->maxc > 0 && len >= h->maxc
	       : h->minoff > 0 && len < h->minoff)
		return best;
	for (int s = 0; s < NTYPES; s++) {
		int w2 = w + (h->weekend[d] == 1 || (h->weekend[d] == 2 && !on));
		int v;

		if (!h->allowed[d * NTYPES + s] ||
		    (!minutes && h->weekends >= 0 && w2 > h->weekends))
			continue;
		if (minutes && on && isinf(h->trans[last * NTYPES + s]))
			continue;
		if (!minutes && s > 0)
			break; /* by days, one type stands for any */
		v = brute(h, d + 1, 1, on ? len + 1 : 1, s,
			  minutes ? w : w2, minutes);
		if (v >= 0) {
			v += minutes ? h->paid[s] : 1;
			best = v > best ? v : best;
		}
	}
	return best;
}

static void the_tables_match_enumeration(void **state)
{
	int checked = 0, none = 0;

	(void)state;
	rng = UINT64_C(0x2545F4914F6CDD1D);
	for (int round = 0; round < 300; round++) {
		struct horizon h;
		struct solver_pace pc;
		struct solver_pace_types ty;

		random_horizon(&h);
		/* by days, every allowed day counts as one type */
		for (int d = 0; d < h.D; d++) {
			h.allowed[d * NTYPES] = h.work_ok[d];
			h.allowed[d * NTYPES + 1] &= h.work_ok[d];
		}
		ty.S = NTYPES;
		ty.allowed = h.allowed;
		ty.paid = h.paid;
		ty.trans = h.trans;
		ty.tid = h.tid;
		assert_int_equal(solver_pace_build(&pc, h.D, h.work_ok,
						   h.off_ok, h.weekend, h.maxc,
						   h.minc, h.minoff,
						   h.weekends, &ty),
				 0);
		for (int d = 1; d <= h.D; d++)
			for (int on = 0; on <= 1; on++)
				for (int len = 1; len <= 5; len++) {
					int wmax = h.weekends < 0 ? 0
								  : h.weekends;

					for (int w = 0; w <= wmax; w++) {
						int a = solver_pace_most(
							&pc, d, on, len, w);
						int b = brute(&h, d, on, len,
							      on ? 0 : -1, w, 0);

						if (a != b)
							fail_msg("round %d d %d "
								 "on %d len %d "
								 "w %d: table "
								 "%d, brute %d",
								 round, d, on,
								 len, w, a, b);
						none += b < 0;
						checked++;
					}
					for (int last = 0; last < (on ? NTYPES : 1);
					     last++) {
						int a = solver_pace_minutes(
							&pc, d, on, len, last);
						int b = brute(&h, d, on, len,
							      on ? last : -1,
							      0, 1);

						if (a != b)
							fail_msg("round %d d %d "
								 "on %d len %d "
								 "last %d: "
								 "minutes %d, "
								 "brute %d",
								 round, d, on,
								 len, last, a,
								 b);
					}
				}
		solver_pace_free(&pc);
	}
	assert_true(checked > 5000);
	assert_true(none > 100); /* dead ends were met, and agreed on */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_tables_match_enumeration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
