/*
 * solver/pace.c - how many days an employee can still work.
 *
 * The pricing program (price.c) drops a partial schedule as hopeless when
 * its hard minimum of paid minutes is out of reach.  "Out of reach" was
 * measured against the longest shift on every remaining day, which on a
 * long horizon with a tight minimum (Curtois Instances 19 and 21: 55,200
 * to 56,160 minutes over 182 days, at most 5 days in a row, 2 days off
 * after a block, 13 weekends) keeps schedules that worked too little or
 * spent their weekends early until a few days before the end, when none
 * of them can make the minimum any more: the construction's beam then
 * lost every schedule the rules allow.
 *
 * The table here is the most days that can still be worked from day d,
 * given how the schedule so far ends (a block of work or of days off and
 * its length) and how many weekends it has worked, under the hard block
 * rules (maximum and minimum consecutive working days, minimum
 * consecutive days off), the hard weekend limit, the days off the rules
 * force and the days with no shift allowed.  It relaxes everything else
 * (what the history before the horizon exempts, the future after it), so
 * it never drops a schedule that has a completion.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"

static size_t pace_at(const struct solver_pace *pc, int d, int st, int w)
{
	size_t W = pc->weekends < 0 ? 1 : (size_t)pc->weekends + 1;

	return ((size_t)d * (size_t)pc->ns + (size_t)st) * W + (size_t)w;
}

/* The best of the moves from state st with w weekends worked into day d;
 * -1 when none is allowed. */
static int pace_step(const struct solver_pace *pc, const uint8_t *work_ok,
		     const uint8_t *off_ok, const uint8_t *weekend, int d,
		     int st, int w)
{
	int on = st < pc->non, len = on ? st + 1 : st - pc->non + 1;
	int best = -1;

	/* a day off: ends a block of work only when it is long enough */
	if (off_ok[d] && (!on || pc->minc <= 0 || len >= pc->minc)) {
		int q = on ? 1 : (len < pc->noff ? len + 1 : pc->noff);
		int v = pc->tab[pace_at(pc, d + 1, pc->non + q - 1, w)];

		best = v;
	}
	/* a day of work: not past the longest block, not before enough
	 * days off, not over the weekends */
	if (work_ok[d] && (on ? pc->maxc <= 0 || len < pc->maxc
			      : pc->minoff <= 0 || len >= pc->minoff)) {
		int r = on ? (len < pc->non ? len + 1 : pc->non) : 1;
		int w2 = w + (weekend[d] == 1 || (weekend[d] == 2 && !on));

		if (pc->weekends < 0 || w2 <= pc->weekends) {
			int v = pc->tab[pace_at(pc, d + 1, r - 1,
						pc->weekends < 0 ? 0 : w2)];

			if (v >= 0 && v + 1 > best)
				best = v + 1;
		}
	}
	return best;
}

/* The minutes table's state: a block of work of len days ending with
 * type s, or of days off. */
static size_t mins_at(const struct solver_pace *pc, int d, int on, int len,
		      int s)
{
	size_t nm = (size_t)pc->non * (size_t)pc->S + (size_t)pc->noff;
	size_t st = on ? (size_t)(len - 1) * (size_t)pc->S + (size_t)s
		       : (size_t)pc->non * (size_t)pc->S + (size_t)(len - 1);

	return (size_t)d * nm + st;
}

/* The most minutes of days d.. after (on, len, s) on day d-1: a day off,
 * or a type allowed on d that the rest and bans let follow s. */
static int mins_step(const struct solver_pace *pc,
		     const struct solver_pace_types *ty, const uint8_t *off_ok,
		     int d, int on, int len, int s)
{
	int best = -1, S = pc->S;

	if (off_ok[d] && (!on || pc->minc <= 0 || len >= pc->minc)) {
		int q = on ? 1 : (len < pc->noff ? len + 1 : pc->noff);

		best = pc->mins[mins_at(pc, d + 1, 0, q, 0)];
	}
	if (on ? pc->maxc > 0 && len >= pc->maxc
	       : pc->minoff > 0 && len < pc->minoff)
		return best;
	for (int s2 = 0; s2 < S; s2++) {
		int r = on ? (len < pc->non ? len + 1 : pc->non) : 1, v;

		if (!ty->allowed[(size_t)d * (size_t)S + (size_t)s2])
			continue;
		if (on && d > 0 &&
		    isinf(ty->trans[((size_t)ty->tid[d - 1] * (size_t)S +
				     (size_t)s) * (size_t)S + (size_t)s2]))
			continue;
		v = pc->mins[mins_at(pc, d + 1, 1, r, s2)];
		if (v >= 0 && v + ty->paid[s2] > best)
			best = v + ty->paid[s2];
	}
	return best;
}

static int mins_build(struct solver_pace *pc,
		      const struct solver_pace_types *ty, const uint8_t *off_ok)
{
	int D = pc->D, S = pc->S;
	size_t nm = (size_t)pc->non * (size_t)S + (size_t)pc->noff;

	if (!(pc->mins = malloc(((size_t)D + 1) * nm * sizeof(*pc->mins))))
		return ROTA_ENOMEM;
	for (size_t i = 0; i < nm; i++)
		pc->mins[(size_t)D * nm + i] = 0;
	for (int d = D - 1; d >= 0; d--) {
		for (int len = 1; len <= pc->non; len++)
			for (int s = 0; s < S; s++)
				pc->mins[mins_at(pc, d, 1, len, s)] =
					mins_step(pc, ty, off_ok, d, 1, len, s);
		for (int len = 1; len <= pc->noff; len++)
			pc->mins[mins_at(pc, d, 0, len, 0)] =
				mins_step(pc, ty, off_ok, d, 0, len, 0);
	}
	return 0;
}

int solver_pace_build(struct solver_pace *pc, int D, const uint8_t *work_ok,
		      const uint8_t *off_ok, const uint8_t *weekend, int maxc,
		      int minc, int minoff, int weekends,
		      const struct solver_pace_types *ty)
{
	int non = 1, W;
	size_t n;

	memset(pc, 0, sizeof(*pc));
	pc->D = D;
	pc->maxc = maxc;
	pc->minc = minc;
	pc->minoff = minoff;
	pc->weekends = weekends;
	if (maxc > non)
		non = maxc;
	if (minc > non)
		non = minc;
	pc->non = non;
	pc->noff = minoff > 1 ? minoff : 1;
	pc->ns = pc->non + pc->noff;
	W = weekends < 0 ? 0 : weekends;
	n = ((size_t)D + 1) * (size_t)pc->ns * ((size_t)W + 1);
	if (!(pc->tab = malloc(n * sizeof(*pc->tab))))
		return ROTA_ENOMEM;
	for (int st = 0; st < pc->ns; st++)
		for (int w = 0; w <= W; w++)
			pc->tab[pace_at(pc, D, st, w)] = 0;
	for (int d = D - 1; d >= 0; d--)
		for (int st = 0; st < pc->ns; st++)
			for (int w = 0; w <= W; w++)
				pc->tab[pace_at(pc, d, st, w)] =
					(int16_t)pace_step(pc, work_ok, off_ok,
							   weekend, d, st, w);
	if (ty && ty->S > 0) {
		pc->S = ty->S;
		return mins_build(pc, ty, off_ok);
	}
	return 0;
}

void solver_pace_free(struct solver_pace *pc)
{
	free(pc->tab);
	free(pc->mins);
	pc->tab = NULL;
	pc->mins = NULL;
}

int solver_pace_minutes(const struct solver_pace *pc, int d, int on, int len,
			int last)
{
	if (!pc->mins || d >= pc->D)
		return d >= pc->D ? 0 : INT_MAX;
	if (len < 1)
		len = 1;
	if (on)
		len = len < pc->non ? len : pc->non;
	else
		len = len < pc->noff ? len : pc->noff;
	return pc->mins[mins_at(pc, d, on, len, on ? last : 0)];
}

int solver_pace_most(const struct solver_pace *pc, int d, int on, int len,
		     int weekends_worked)
{
	int st;

	if (!pc->tab || d >= pc->D)
		return d >= pc->D ? 0 : pc->D - d;
	if (len < 1)
		len = 1;
	if (on)
		st = (len < pc->non ? len : pc->non) - 1;
	else
		st = pc->non + (len < pc->noff ? len : pc->noff) - 1;
	if (pc->weekends < 0)
		weekends_worked = 0;
	else if (weekends_worked > pc->weekends)
		return -1;
	else if (weekends_worked < 0)
		weekends_worked = 0;
	return pc->tab[pace_at(pc, d, st, weekends_worked)];
}
