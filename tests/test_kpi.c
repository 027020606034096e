/*
 * tests/test_kpi.c - KPI points and the ranking of a scorecard, pure
 * (store/kpi.c): no database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"

static struct rota_kpi_metric metric(const char *name, int higher,
				     double lower, double upper,
				     double points, double weight)
{
	struct rota_kpi_metric m;

	memset(&m, 0, sizeof(m));
	strcpy(m.name, name);
	m.higher_better = higher;
	m.lower = lower;
	m.upper = upper;
	m.points = points;
	m.weight = weight;
	return m;
}

static void points_grow_linearly_between_the_thresholds(void **state)
{
	struct rota_kpi_metric csat = metric("csat", 1, 3.0, 5.0, 10, 1);
	struct rota_kpi_metric aht = metric("aht", 0, 240, 420, 20, 1);

	(void)state;
	assert_true(rota_kpi_points(&csat, 2.0) == 0);
	assert_true(rota_kpi_points(&csat, 3.0) == 0);
	assert_true(rota_kpi_points(&csat, 4.0) == 5);
	assert_true(rota_kpi_points(&csat, 4.5) == 7.5);
	assert_true(rota_kpi_points(&csat, 5.0) == 10);
	assert_true(rota_kpi_points(&csat, 6.0) == 10);
	/* lower is better: full points at or below lower */
	assert_true(rota_kpi_points(&aht, 200) == 20);
	assert_true(rota_kpi_points(&aht, 240) == 20);
	assert_true(rota_kpi_points(&aht, 330) == 10);
	assert_true(rota_kpi_points(&aht, 420) == 0);
	assert_true(rota_kpi_points(&aht, 500) == 0);
}

static void the_builtin_attendance_metrics_are_known_by_name(void **state)
{
	size_t n;
	const struct rota_kpi_metric *b = rota_kpi_builtins(&n);

	(void)state;
	assert_int_equal(n, 5);
	assert_string_equal(b[0].name, "adherence");
	assert_int_equal(rota_kpi_builtin("bradford"), 4);
	assert_int_equal(rota_kpi_builtin("csat"), -1);
	assert_false(b[rota_kpi_builtin("absence_rate")].higher_better);
	assert_true(b[rota_kpi_builtin("bradford")].builtin);
	assert_string_equal(rota_kpi_agg_name(ROTA_KPI_RATE), "rate");
	assert_null(rota_kpi_agg_name(3));
}

#define NP 5
#define NM 2

struct card {
	struct rota_scorecard sc;
	struct rota_kpi_metric m[NM];
	struct rota_scorecard_person p[NP];
	struct rota_score s[NP * NM];
};

static void card_init(struct card *c)
{
	static const char *const team[NP] = {"red", "red", "red", "red",
					     "blue"};

	memset(c, 0, sizeof(*c));
	c->m[0] = metric("csat", 1, 3.0, 5.0, 10, 3);     /* weight 3 */
	c->m[1] = metric("aht", 0, 240, 420, 10, 1);
	c->sc.metrics = c->m;
	c->sc.n_metrics = NM;
	c->sc.people = c->p;
	c->sc.n_people = NP;
	c->sc.scores = c->s;
	for (int i = 0; i < NP; i++) {
		snprintf(c->p[i].id, sizeof(c->p[i].id), "E%d", i);
		strcpy(c->p[i].team, team[i]);
		c->p[i].score = c->s + i * NM;
	}
}

static void value(struct card *c, int p, int m, double v)
{
	c->s[p * NM + m].has_value = 1;
	c->s[p * NM + m].value = v;
}

static void the_total_is_the_weighted_mean_of_the_points(void **state)
{
	struct card c;

	(void)state;
	card_init(&c);
	value(&c, 0, 0, 5.0);    /* 10 points */
	value(&c, 0, 1, 420);    /* 0 points */
	value(&c, 1, 0, 4.0);    /* 5 points, no aht: only csat counts */
	assert_int_equal(rota_scorecard_rank(&c.sc), 0);
	assert_true(c.p[0].score[0].points == 10);
	assert_true(c.p[0].score[1].points == 0);
	assert_true(c.p[0].total.has_value);
	assert_true(c.p[0].total.value == (3 * 10 + 1 * 0) / 4.0);
	assert_true(c.p[1].total.value == 5);
	/* nothing measured: no total */
	assert_false(c.p[2].total.has_value);
	/* a metric of weight 0 is shown but not in the total */
	card_init(&c);
	c.m[1].weight = 0;
	value(&c, 0, 0, 4.0);
	value(&c, 0, 1, 240);
	assert_int_equal(rota_scorecard_rank(&c.sc), 0);
	assert_true(c.p[0].score[1].points == 10);
	assert_true(c.p[0].total.value == 5);
}

static void team_median_and_percentile_rank_are_within_the_team(
	void **state)
{
	struct card c;

	(void)state;
	card_init(&c);
	/* red: csat 3.5, 4.0, 4.0, 5.0; blue: 3.0 alone */
	value(&c, 0, 0, 3.5);
	value(&c, 1, 0, 4.0);
	value(&c, 2, 0, 4.0);
	value(&c, 3, 0, 5.0);
	value(&c, 4, 0, 3.0);
	/* aht (lower is better): red 300, 250, none, 400 */
	value(&c, 0, 1, 300);
	value(&c, 1, 1, 250);
	value(&c, 3, 1, 400);
	assert_int_equal(rota_scorecard_rank(&c.sc), 0);
	/* an even count: the mean of the middle two */
	assert_true(c.p[0].score[0].team_median == 4.0);
	assert_true(c.p[4].score[0].team_median == 3.0);
	/* worse + half the equal (self included), of 4 */
	assert_true(c.p[0].score[0].percentile == 100.0 * 0.5 / 4);
	assert_true(c.p[1].score[0].percentile == 100.0 * 2.0 / 4);
	assert_true(c.p[3].score[0].percentile == 100.0 * 3.5 / 4);
	assert_true(c.p[4].score[0].percentile == 50);
	/* lower is better: the shortest handle time ranks highest */
	assert_true(c.p[1].score[1].percentile == 100.0 * 2.5 / 3);
	assert_true(c.p[3].score[1].percentile == 100.0 * 0.5 / 3);
	assert_true(c.p[0].score[1].team_median == 300);
	/* no value: a median to compare with, but no rank */
	assert_false(c.p[2].score[1].has_value);
	assert_true(c.p[2].score[1].has_median);
	assert_true(c.p[2].score[1].percentile == 0);
	/* the totals are ranked too */
	assert_true(c.p[3].total.percentile > c.p[0].total.percentile);
	assert_true(c.p[0].total.has_median);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(points_grow_linearly_between_the_thresholds),
		cmocka_unit_test(the_builtin_attendance_metrics_are_known_by_name),
		cmocka_unit_test(the_total_is_the_weighted_mean_of_the_points),
		cmocka_unit_test(team_median_and_percentile_rank_are_within_the_team),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
