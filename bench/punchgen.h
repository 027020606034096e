/*
 * bench/punchgen.h - deterministic, realistic clock punches for a roster.
 *
 * Shared by bench/punchgen.c (example punches for the demo) and
 * bench/attendance.c (the benchmark).  Each shift gets an in and an out
 * around its start and end, with per-employee habits (a few people are late
 * or absent far more often than the rest) and the usual accidents: late
 * arrivals, early leaves, overtime, absences, forgotten clock-ins and
 * clock-outs, a button pressed twice, an optional punched lunch break.
 * Everything comes from a hash of (seed, employee, shift start): the same
 * roster and seed give the same file, byte for byte.  Rows are sorted by
 * time, like a terminal export: employee,time,kind,source with the time in
 * local ISO 8601 with its offset.
 */
#ifndef ROTA_BENCH_PUNCHGEN_H
#define ROTA_BENCH_PUNCHGEN_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/model.h"
#include "core/time.h"

struct pg_options {
	uint64_t seed;
	double breaks;   /* probability that a shift has a punched break */
};

struct pg_event {
	int64_t at;
	uint32_t shift;  /* index of the assignment (its employee) */
	uint8_t kind;
};

static uint64_t pg_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t pg_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return pg_mix(h);
}

/* uniform in [0, 1) */
static double pg_u(uint64_t *state)
{
	*state += 0x9e3779b97f4a7c15ULL;
	return (double)(pg_mix(*state) >> 11) * (1.0 / 9007199254740992.0);
}

/* uniform integer in [lo, hi] */
static int64_t pg_range(uint64_t *state, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(pg_u(state) * (double)(hi - lo + 1));
}

static int pg_cmp(const void *a, const void *b)
{
	const struct pg_event *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->shift != y->shift)
		return x->shift < y->shift ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

/*
 * Write punches for shifts a[0..n) to out.  Returns the number of punches
 * written, or -1 when out of memory.
 */
static long pg_write(FILE *out, const struct rota_assignment *a, size_t n,
		     const struct rota_tz *tz, const struct pg_options *o)
{
	struct pg_event *ev = malloc((n * 5 + 1) * sizeof(*ev));
	size_t m = 0;

	if (!ev)
		return -1;
	for (size_t i = 0; i < n; i++) {
		uint64_t h = pg_hash(a[i].employee);
		/* habits: most people rarely late or absent, a few often */
		double fl = (double)(h & 0xffff) / 65535.0;
		double fa = (double)(h >> 16 & 0xffff) / 65535.0;
		double p_late = 0.02 + 0.25 * fl * fl * fl;
		double p_absent = 0.01 + 0.06 * fa * fa * fa;
		uint64_t st = o->seed ^ h ^ pg_mix((uint64_t)a[i].start);
		int64_t len = a[i].end - a[i].start, in, outt;
		double u;

		if (pg_u(&st) < p_absent)
			continue;
		u = pg_u(&st);
		if (u < p_late)
			in = a[i].start + pg_range(&st, 6 * 60, 40 * 60);
		else if (u < p_late + 0.06)
			in = a[i].start + pg_range(&st, 0, 5 * 60);
		else
			in = a[i].start - pg_range(&st, 60, 15 * 60);
		u = pg_u(&st);
		if (u < 0.04)
			outt = a[i].end - pg_range(&st, 10 * 60, 90 * 60);
		else if (u < 0.12)
			outt = a[i].end + pg_range(&st, 15 * 60, 75 * 60);
		else
			outt = a[i].end + pg_range(&st, 0, 8 * 60);
		if (pg_u(&st) >= 0.004)   /* forgot to clock in */
			ev[m++] = (struct pg_event){in, (uint32_t)i,
						    ROTA_PUNCH_IN};
		if (pg_u(&st) >= 0.006)   /* forgot to clock out */
			ev[m++] = (struct pg_event){outt, (uint32_t)i,
						    ROTA_PUNCH_OUT};
		if (pg_u(&st) < 0.004)    /* pressed out twice */
			ev[m++] = (struct pg_event){
				outt + pg_range(&st, 3, 90), (uint32_t)i,
				ROTA_PUNCH_OUT};
		if (len >= 6 * 3600 && pg_u(&st) < o->breaks) {
			int64_t b = a[i].start + len / 2 - 30 * 60 +
				    pg_range(&st, -20 * 60, 20 * 60);

			ev[m++] = (struct pg_event){b, (uint32_t)i,
						    ROTA_PUNCH_OUT};
			ev[m++] = (struct pg_event){
				b + pg_range(&st, 30 * 60, 60 * 60),
				(uint32_t)i, ROTA_PUNCH_IN};
		}
	}
	qsort(ev, m, sizeof(*ev), pg_cmp);
	fputs("employee,time,kind,source\n", out);
	for (size_t i = 0; i < m; i++) {
		const char *emp = a[ev[i].shift].employee;
		char when[32];

		rota_format_local_iso(tz, ev[i].at, when, sizeof(when));
		fprintf(out, "%s,%s,%s,gate-%d\n", emp, when,
			ev[i].kind == ROTA_PUNCH_IN ? "in" : "out",
			(int)(pg_hash(emp) % 4) + 1);
	}
	free(ev);
	return (long)m;
}

#endif
