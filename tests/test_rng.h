/*
 * tests/test_rng.h - the random numbers of the randomised tests: a
 * xorshift generator whose state each test seeds (`rng = ...`), so every
 * run draws the same cases.
 */
#ifndef ROTA_TEST_RNG_H
#define ROTA_TEST_RNG_H

#include <stdint.h>

static uint64_t rng = 1;

/* 0 .. n-1 */
static int rnd(int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (int)(rng % (uint64_t)n);
}

#endif
