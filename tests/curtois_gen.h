/*
 * tests/curtois_gen.h - small generated instances in the Curtois
 * benchmark's text format (what rota_curtois_parse reads), for the tests
 * of the column generation's dive and the search's restarts.  Include
 * after cmocka.h (it asserts with cmocka's macros).
 */
#ifndef ROTA_TEST_CURTOIS_GEN_H
#define ROTA_TEST_CURTOIS_GEN_H

#include <stdio.h>
#include <stdlib.h>

#include "test_rng.h"

/*
 * `days` days (a fortnight, or three weeks), three shifts (E may not be
 * followed by D, N by D or E), `nurses` nurses (at most 26) who differ in
 * their requests (so every class has one member and the dive fixes
 * cells), cover 2-4/2/1-2 with under-cover at 100; minutes and weekends
 * in proportion to the days.  Drawn with rnd (test_rng.h): seed rng
 * first.
 */
static char *curtois_gen(int nurses, int days)
{
	size_t cap = 1 << 16, n = 0;
	char *t = malloc(cap);

#define OUT(...) (n += (size_t)snprintf(t + n, cap - n, __VA_ARGS__))
	assert_non_null(t);
	OUT("SECTION_HORIZON\n%d\n\nSECTION_SHIFTS\n", days);
	OUT("D,480,\nE,480,D\nN,480,D|E\n\nSECTION_STAFF\n");
	for (int e = 0; e < nurses; e++)
		OUT("%c,D=14|E=14|N=%d,%d,%d,5,2,2,%d\n", 'A' + e,
		    2 + rnd(3), (4320 + 480 * rnd(3)) * days / 14,
		    2880 * days / 14, days / 14);
	OUT("\nSECTION_DAYS_OFF\n");
	for (int e = 0; e < nurses; e++)
		OUT("%c,%d\n", 'A' + e, rnd(days));
	OUT("\nSECTION_SHIFT_ON_REQUESTS\n");
	for (int e = 0; e < nurses; e++)
		for (int k = 0; k < 8; k++)
			OUT("%c,%d,%c,%d\n", 'A' + e, rnd(days), "DEN"[rnd(3)],
			    1 + rnd(3));
	OUT("\nSECTION_SHIFT_OFF_REQUESTS\n");
	for (int e = 0; e < nurses; e++)
		for (int k = 0; k < 8; k++)
			OUT("%c,%d,%c,%d\n", 'A' + e, rnd(days), "DEN"[rnd(3)],
			    1 + rnd(3));
	OUT("\nSECTION_COVER\n");
	for (int d = 0; d < days; d++)
		OUT("%d,D,%d,100,1\n%d,E,2,100,1\n%d,N,%d,100,1\n", d,
		    2 + rnd(3), d, d, 1 + rnd(2));
#undef OUT
	assert_true(n < cap);
	return t;
}

#endif
