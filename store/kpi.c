/*
 * store/kpi.c - KPI metrics, points and the ranking of a scorecard: pure
 * computations (no database), docs/attendance.md "KPIs and scorecards".
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* The attendance metrics every site has, with their default definitions
 * (a site.ini [kpi.NAME] of the same name replaces one). */
static const struct rota_kpi_metric builtins[] = {
	{"adherence", "fraction", ROTA_KPI_MEAN, 1, 1, 0.95, 1, 0.85, 1.0, 10,
	 1},
	{"conformance", "fraction", ROTA_KPI_MEAN, 1, 1, 1.0, 1, 0.90, 1.0, 10,
	 1},
	{"punctuality", "fraction", ROTA_KPI_MEAN, 1, 1, 0.95, 1, 0.80, 1.0,
	 10, 1},
	{"absence_rate", "fraction", ROTA_KPI_MEAN, 0, 1, 0.02, 1, 0.0, 0.10,
	 10, 1},
	{"bradford", "points", ROTA_KPI_SUM, 0, 1, 50, 1, 0, 250, 10, 1},
};

const struct rota_kpi_metric *rota_kpi_builtins(size_t *n)
{
	*n = sizeof(builtins) / sizeof(builtins[0]);
	return builtins;
}

int rota_kpi_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *rota_kpi_agg_name(int agg)
{
	static const char *const names[] = {"mean", "sum", "rate"};

	return agg >= 0 && agg < 3 ? names[agg] : NULL;
}

double rota_kpi_points(const struct rota_kpi_metric *m, double value)
{
	double f;

	if (m->upper <= m->lower)   /* a step at the threshold */
		f = m->higher_better ? value >= m->upper : value <= m->lower;
	else if (m->higher_better)
		f = (value - m->lower) / (m->upper - m->lower);
	else
		f = (m->upper - value) / (m->upper - m->lower);
	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return f * m->points;
}

/* ------------------------------------------------------------- ranking */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The score of person p for metric m (m == n_metrics: the total). */
static struct rota_score *score_of(struct rota_scorecard *sc, size_t p,
				   size_t m)
{
	return m == sc->n_metrics ? &sc->people[p].total
				  : &sc->people[p].score[m];
}

/* What ranks a score: the value, oriented so that higher is better. */
static double ranked(const struct rota_scorecard *sc, size_t m,
		     const struct rota_score *s)
{
	if (m == sc->n_metrics || sc->metrics[m].higher_better)
		return s->value;
	return -s->value;
}

/* Number of v[0..n) (sorted) below x, and equal to x. */
static void count_around(const double *v, size_t n, double x, size_t *below,
			 size_t *equal)
{
	size_t lo = 0, hi = n, mid, first;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	*below = first;
	*equal = lo - first;
}

/* People by team, for one pass per team (qsort has no context in C11:
 * the entries carry their names). */
struct member {
	const char *team;
	size_t p;
};

static int cmp_member(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->team, y->team);

	return c ? c : (x->p < y->p ? -1 : x->p > y->p);
}

/* Median and percentile ranks of metric m over the members [0, n). */
static void rank_team(struct rota_scorecard *sc, size_t m,
		      const struct member *team, size_t n, double *vals,
		      double *ranks)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct rota_score *s = score_of(sc, team[i].p, m);

		if (!s->has_value)
			continue;
		vals[k] = s->value;
		ranks[k++] = ranked(sc, m, s);
	}
	qsort(vals, k, sizeof(*vals), cmp_double);
	qsort(ranks, k, sizeof(*ranks), cmp_double);
	for (size_t i = 0; i < n; i++) {
		struct rota_score *me = score_of(sc, team[i].p, m);
		size_t below, equal;

		me->has_median = k > 0;
		me->percentile = 0;
		if (!k)
			continue;
		me->team_median = k % 2 ? vals[k / 2]
					: (vals[k / 2 - 1] + vals[k / 2]) / 2;
		if (!me->has_value)
			continue;
		count_around(ranks, k, ranked(sc, m, me), &below, &equal);
		me->percentile =
			100.0 * ((double)below + 0.5 * (double)equal) /
			(double)k;
	}
}

int rota_scorecard_rank(struct rota_scorecard *sc)
{
	size_t n = sc->n_people;
	struct member *mem = malloc((n + 1) * sizeof(*mem));
	double *vals = malloc((n + 1) * sizeof(*vals));
	double *ranks = malloc((n + 1) * sizeof(*ranks));

	/* points and totals */
	for (size_t p = 0; p < n; p++) {
		struct rota_scorecard_person *per = &sc->people[p];
		double sw = 0, swp = 0;
		int any = 0;

		for (size_t m = 0; m < sc->n_metrics; m++) {
			struct rota_score *s = &per->score[m];

			if (!s->has_value)
				continue;
			s->points = rota_kpi_points(&sc->metrics[m], s->value);
			if (sc->metrics[m].weight > 0) {
				sw += sc->metrics[m].weight;
				swp += sc->metrics[m].weight * s->points;
				any = 1;
			}
		}
		memset(&per->total, 0, sizeof(per->total));
		if (any) {
			per->total.has_value = 1;
			per->total.value = per->total.points = swp / sw;
		}
	}
	if (!mem || !vals || !ranks) {
		free(mem);
		free(vals);
		free(ranks);
		return ROTA_ENOMEM;
	}
	{
		/* team medians and percentile ranks, team by team */
		for (size_t p = 0; p < n; p++)
			mem[p] = (struct member){sc->people[p].team, p};
		qsort(mem, n, sizeof(*mem), cmp_member);
		for (size_t a = 0, b; a < n; a = b) {
			for (b = a + 1;
			     b < n && strcmp(mem[b].team, mem[a].team) == 0; b++)
				;
			for (size_t m = 0; m <= sc->n_metrics; m++)
				rank_team(sc, m, mem + a, b - a, vals, ranks);
		}
	}
	free(mem);
	free(vals);
	free(ranks);
	return 0;
}
