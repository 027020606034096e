/*
 * tests/test_staffing.c - the staffing maths (solver/staffing.c) against a
 * high-precision reference table (tests/data/staffing_ref.csv, written by
 * tests/data/staffing_ref.py with mpmath and different methods), the
 * known worked example, exact boundary ties and every error path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver.h"

static struct rota_skill skill(double sl, double answer_s)
{
	struct rota_skill k = ROTA_SKILL_INIT;

	k.sl = sl;
	k.answer_s = answer_s;
	return k;
}

static struct rota_staffing_result calc_ok(const struct rota_skill *k,
					   double contacts, double aht,
					   int interval, int agents)
{
	struct rota_staffing_opts o = ROTA_STAFFING_OPTS_INIT;
	struct rota_staffing_result r;
	struct rota_error err = {0};
	int rc;

	o.agents = agents;
	rc = rota_staffing_calc(k, contacts, aht, interval, &o, &r, &err);
	if (rc != 0)
		fail_msg("calc(%g contacts, aht %g, %d min) failed: %s",
			 contacts, aht, interval, err.msg);
	return r;
}

static void expect_error(const struct rota_skill *k, double contacts,
			 double aht, int interval, int code, const char *msg)
{
	struct rota_staffing_result r;
	struct rota_error err = {0};

	memset(&r, 0x5a, sizeof(r));
	assert_int_equal(rota_staffing_calc(k, contacts, aht, interval, NULL,
					    &r, &err),
			 code);
	assert_int_equal(err.code, code);
	assert_string_equal(err.msg, msg);
	assert_int_equal(r.agents, 0x5a5a5a5a);   /* out untouched */
}

/* ------------------------------------------------------ known example */

static void known_example_needs_14_agents_and_20_scheduled(void **state)
{
	struct rota_skill k = skill(0.8, 20);
	struct rota_staffing_result r;

	(void)state;
	k.max_occupancy = 0.85;
	k.shrinkage = 0.3;
	r = calc_ok(&k, 100, 180, 30, 0);
	assert_int_equal(r.model, ROTA_STAFFING_ERLANG_C);
	assert_true(fabs(r.traffic - 10) < 1e-12);
	assert_int_equal(r.agents, 14);
	assert_int_equal(r.scheduled_agents, 20);
	assert_int_equal(r.servers, 14);
	assert_true(fabs(r.service_level - 0.88835002) < 5e-9);
	assert_true(fabs(r.asa_s - 7.836) < 5e-4);
	assert_true(fabs(r.occupancy - 0.714) < 5e-4);
	assert_true(r.abandon_rate == 0);
	/* and 13 agents are not enough */
	r = calc_ok(&k, 100, 180, 30, 13);
	assert_true(r.service_level < 0.8);
	assert_true(r.service_level > 0.79);
}

/* --------------------------------------------------- reference table */

enum {
	F_CONTACTS, F_AHT, F_INTERVAL, F_SL, F_ANSWER, F_OCC, F_SHRINK,
	F_CONC, F_PATIENCE, F_ABANDON, F_ASA, F_FIXED, F_MODEL, F_TRAFFIC,
	F_AGENTS, F_SCHED, F_OUT_SL, F_OUT_ASA, F_OUT_OCC, F_OUT_AB,
	F_OUT_PW, F_NOTE, F_COUNT
};

static FILE *open_data(const char *name)
{
	const char *dir = getenv("ROTA_TEST_DATA");
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data", name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s (run from the source tree or set "
			 "ROTA_TEST_DATA)", path);
	return f;
}

static int split(char *line, char **field, int max)
{
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		field[n++] = line;
		line = strchr(line, ',');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

/* |got - want| <= abs_tol + rel_tol |want| */
static void near(const char *what, const char *note, double got, double want,
		 double abs_tol, double rel_tol)
{
	if (!(fabs(got - want) <= abs_tol + rel_tol * fabs(want)))
		fail_msg("%s: %s = %.17g, reference %.17g (diff %.3g)", note,
			 what, got, want, got - want);
}

static void matches_the_high_precision_reference_table(void **state)
{
	FILE *f = open_data("staffing_ref.csv");
	char line[1024];
	int rows = 0, erlang_a = 0, large = 0;
	double worst_sl = 0, worst_asa = 0;

	(void)state;
	while (fgets(line, sizeof(line), f)) {
		char *v[F_COUNT + 1];
		struct rota_skill k = ROTA_SKILL_INIT;
		struct rota_staffing_result r;
		const char *note;

		if (line[0] == '#' || strncmp(line, "contacts,", 9) == 0)
			continue;
		if (split(line, v, F_COUNT + 1) != F_COUNT)
			fail_msg("staffing_ref.csv: bad row '%s'", line);
		note = v[F_NOTE];
		rota_strlcpy(k.name, "", sizeof(k.name));
		k.sl = strtod(v[F_SL], NULL);
		k.answer_s = strtod(v[F_ANSWER], NULL);
		k.max_occupancy = strtod(v[F_OCC], NULL);
		k.shrinkage = strtod(v[F_SHRINK], NULL);
		k.concurrency = atoi(v[F_CONC]);
		k.patience_s = strtod(v[F_PATIENCE], NULL);
		k.max_abandon = strtod(v[F_ABANDON], NULL);
		k.asa_s = strtod(v[F_ASA], NULL);
		r = calc_ok(&k, strtod(v[F_CONTACTS], NULL),
			    strtod(v[F_AHT], NULL), atoi(v[F_INTERVAL]),
			    atoi(v[F_FIXED]));
		if (strcmp(rota_staffing_model_name(r.model), v[F_MODEL]) != 0)
			fail_msg("%s: model %s, reference %s", note,
				 rota_staffing_model_name(r.model), v[F_MODEL]);
		if (r.agents != atoi(v[F_AGENTS]) ||
		    r.scheduled_agents != atoi(v[F_SCHED]))
			fail_msg("%s: %d agents / %d scheduled, reference "
				 "%s / %s", note, r.agents, r.scheduled_agents,
				 v[F_AGENTS], v[F_SCHED]);
		near("traffic", note, r.traffic, strtod(v[F_TRAFFIC], NULL), 0,
		     1e-15);
		near("service level", note, r.service_level,
		     strtod(v[F_OUT_SL], NULL), 1e-11, 0);
		near("occupancy", note, r.occupancy, strtod(v[F_OUT_OCC], NULL),
		     1e-11, 0);
		near("abandon rate", note, r.abandon_rate,
		     strtod(v[F_OUT_AB], NULL), 1e-11, 0);
		near("wait probability", note, r.wait_probability,
		     strtod(v[F_OUT_PW], NULL), 1e-11, 0);
		near("asa", note, r.asa_s, strtod(v[F_OUT_ASA], NULL), 1e-12,
		     1e-10);
		worst_sl = fmax(worst_sl, fabs(r.service_level -
					       strtod(v[F_OUT_SL], NULL)));
		worst_asa = fmax(worst_asa,
				 fabs(r.asa_s / strtod(v[F_OUT_ASA], NULL) - 1));
		rows++;
		erlang_a += r.model == ROTA_STAFFING_ERLANG_A;
		large += r.traffic >= 10000;
	}
	fclose(f);
	print_message("%d reference rows (%d erlang a, %d at >= 10000 "
		      "erlangs); worst |sl error| %.2g, worst asa relative "
		      "error %.2g\n", rows, erlang_a, large, worst_sl,
		      worst_asa);
	assert_true(rows >= 60);
	assert_true(erlang_a >= 20);
	assert_true(large >= 3);
}

/* ------------------------------------------------- exact boundaries */

static void eighty_five_erlangs_at_an_85_percent_cap_need_exactly_100(
	void **state)
{
	struct rota_skill k = skill(0.5, 20);
	struct rota_staffing_result r;

	(void)state;
	k.max_occupancy = 0.85;
	r = calc_ok(&k, 85, 1800, 30, 0);   /* 85 contacts x 30 min */
	assert_int_equal(r.agents, 100);
	assert_true(r.occupancy == 0.85);
	r = calc_ok(&k, 170, 450, 15, 0);   /* the same load, 15 min */
	assert_int_equal(r.agents, 100);
	r = calc_ok(&k, 340, 225, 15, 0);
	assert_int_equal(r.agents, 100);
	/* 2.1 / 3 is 0.7000000000000001 in doubles */
	k.max_occupancy = 0.7;
	assert_int_equal(calc_ok(&k, 2.1, 1800, 30, 0).agents, 3);
}

/*
 * Every tie A = cap x N for caps 0.50..0.99 and N up to 300 needs exactly N
 * agents; in doubles, A / N <= cap is wrong for some of them, which is why
 * the comparison is exact.
 */
static void every_occupancy_tie_needs_exactly_n_agents(void **state)
{
	int naive_wrong = 0, ties = 0;

	(void)state;
	for (int pc = 50; pc <= 99; pc++) {
		char text[32];
		struct rota_skill k = skill(0.01, 20);

		snprintf(text, sizeof(text), "0.%02d", pc);
		k.max_occupancy = strtod(text, NULL);
		for (int n = 1; n <= 300; n++) {
			struct rota_staffing_result r;
			double contacts;

			/* contacts = cap x N as a decimal, AHT = interval */
			snprintf(text, sizeof(text), "%d.%02d", pc * n / 100,
				 pc * n % 100);
			contacts = strtod(text, NULL);
			r = calc_ok(&k, contacts, 1800, 30, 0);
			if (r.agents != n)
				fail_msg("cap 0.%02d, traffic %s: %d agents, "
					 "expected %d", pc, text, r.agents, n);
			naive_wrong += !(contacts * 1800 / 1800 / n <=
					 k.max_occupancy);
			ties++;
		}
	}
	print_message("%d ties exact; a naive double comparison gets %d "
		      "wrong\n", ties, naive_wrong);
	assert_true(naive_wrong > 0);
}

static void traffic_that_is_a_whole_number_needs_one_more_agent(void **state)
{
	struct rota_skill k = skill(0.0001, 20);

	(void)state;
	/* N > A strictly: 60 contacts x 1800 s / 3600 s = 30 Erlangs */
	assert_int_equal(calc_ok(&k, 60, 1800, 60, 0).agents, 31);
	assert_int_equal(calc_ok(&k, 0.3, 6000, 30, 0).agents, 2);  /* 1 E */
	assert_int_equal(calc_ok(&k, 0.1, 18000, 30, 0).agents, 2);
}

static void shrinkage_rounding_is_exact(void **state)
{
	static const char *const shrink[] = {"0.1", "0.2", "0.25", "0.3",
					     "0.35", "0.4", "0.5", "0.05"};

	(void)state;
	for (size_t i = 0; i < sizeof(shrink) / sizeof(shrink[0]); i++) {
		struct rota_skill k = skill(0.8, 20);
		long pct = lround(strtod(shrink[i], NULL) * 100);

		k.shrinkage = strtod(shrink[i], NULL);
		for (int n = 1; n <= 1000; n++) {
			long want = (n * 100L + (100 - pct) - 1) / (100 - pct);
			struct rota_staffing_result r =
				calc_ok(&k, 1, 180, 30, n);

			if (r.scheduled_agents != want)
				fail_msg("%d agents at %s shrinkage: %d "
					 "scheduled, expected %ld", n,
					 shrink[i], r.scheduled_agents, want);
		}
	}
	{
		struct rota_skill k = skill(0.8, 20);

		k.shrinkage = 0.3;
		assert_int_equal(calc_ok(&k, 1, 180, 30, 7).scheduled_agents,
				 10);
		/* 21 / (1 - 0.3) is 30.000000000000004 in doubles */
		assert_int_equal(calc_ok(&k, 1, 180, 30, 21).scheduled_agents,
				 30);
	}
}

/* --------------------------------------------- targets and regimes */

static void a_100_percent_target_is_refused_as_infeasible(void **state)
{
	struct rota_skill k = skill(1.0, 20);
	struct rota_staffing_result r;

	(void)state;
	expect_error(&k, 100, 180, 30, ROTA_EINFEASIBLE,
		     "a 100% service level can never be met while contacts "
		     "arrive (some contact always waits longer than 20 s); "
		     "use a target below 1");
	k.patience_s = 60;
	rota_strlcpy(k.name, "voice", sizeof(k.name));
	expect_error(&k, 0.01, 180, 30, ROTA_EINFEASIBLE,
		     "skill 'voice': a 100% service level can never be met "
		     "while contacts arrive (some contact always waits longer "
		     "than 20 s); use a target below 1");
	/* no contacts: nothing to answer, nobody needed */
	r = calc_ok(&k, 0, 180, 30, 0);
	assert_int_equal(r.agents, 0);
	assert_true(r.service_level == 1);
}

static void zero_contacts_need_zero_agents(void **state)
{
	struct rota_skill k = skill(0.95, 10);
	struct rota_staffing_result r;

	(void)state;
	k.shrinkage = 0.4;
	r = calc_ok(&k, 0, 300, 15, 0);
	assert_int_equal(r.agents, 0);
	assert_int_equal(r.scheduled_agents, 0);
	assert_true(r.traffic == 0 && r.occupancy == 0 && r.asa_s == 0);
	k.patience_s = 30;
	k.concurrency = 3;
	r = calc_ok(&k, 0, 300, 15, 0);
	assert_int_equal(r.model, ROTA_STAFFING_ERLANG_A);
	assert_int_equal(r.agents, 0);
	/* but any contact at all needs someone */
	assert_int_equal(calc_ok(&k, 1e-9, 300, 15, 0).agents, 1);
	k.patience_s = 0;
	assert_int_equal(calc_ok(&k, 1e-9, 300, 15, 0).agents, 1);
}

/* The answer is minimal: one agent fewer misses a target. */
static void check_minimal(const struct rota_skill *k, double contacts,
			  double aht, int interval)
{
	struct rota_staffing_result r = calc_ok(k, contacts, aht, interval, 0);
	struct rota_staffing_result below;
	int meets;

	if (!(r.service_level >= k->sl - ROTA_STAFFING_EPS &&
	      r.occupancy <= k->max_occupancy + 1e-15 &&
	      isfinite(r.asa_s) && isfinite(r.service_level)))
		fail_msg("%g contacts aht %g: %d agents miss the targets "
			 "(sl %.17g, occupancy %.17g)", contacts, aht,
			 r.agents, r.service_level, r.occupancy);
	if (r.model == ROTA_STAFFING_ERLANG_C &&
	    !((double)r.servers > r.traffic))
		fail_msg("%g contacts: %d servers for %.17g erlangs",
			 contacts, r.servers, r.traffic);
	if (r.agents <= 1)
		return;
	below = calc_ok(k, contacts, aht, interval, r.agents - 1);
	meets = below.service_level >= k->sl - ROTA_STAFFING_EPS &&
		below.occupancy <= k->max_occupancy &&
		(k->asa_s <= 0 ||
		 below.asa_s <= k->asa_s * (1 + ROTA_STAFFING_EPS)) &&
		(k->max_abandon <= 0 ||
		 below.abandon_rate <= k->max_abandon + ROTA_STAFFING_EPS) &&
		(r.model == ROTA_STAFFING_ERLANG_A ||
		 (double)below.servers > r.traffic);
	if (meets)
		fail_msg("%g contacts aht %g: %d agents would do, got %d",
			 contacts, aht, r.agents - 1, r.agents);
}

static void stays_finite_and_minimal_from_001_to_50000_erlangs(void **state)
{
	struct rota_skill k = skill(0.8, 20);
	int n = 0;

	(void)state;
	k.max_occupancy = 0.9;
	for (double a = 0.01; a <= 50000; a *= 1.37) {
		check_minimal(&k, a * 1800 / 180, 180, 30);
		n++;
	}
	check_minimal(&k, 500000, 180, 30);
	k.max_occupancy = 1;
	k.sl = 0.95;
	k.answer_s = 0;
	for (double a = 0.013; a <= 50000; a *= 2.9)
		check_minimal(&k, a * 900 / 300, 300, 15);
	assert_true(n > 30);
}

static void erlang_a_answers_are_minimal_for_every_target(void **state)
{
	static const double pat[] = {5, 30, 120, 600};
	static const double load[] = {0.3, 2, 9.5, 40, 250};

	(void)state;
	for (size_t i = 0; i < sizeof(pat) / sizeof(pat[0]); i++)
		for (size_t j = 0; j < sizeof(load) / sizeof(load[0]); j++) {
			struct rota_skill k = skill(0.8, 20);

			k.patience_s = pat[i];
			check_minimal(&k, load[j] * 10, 180, 30);
			k.sl = 0.4;
			check_minimal(&k, load[j] * 10, 180, 30);
			k.max_abandon = 0.01;
			check_minimal(&k, load[j] * 10, 180, 30);
			k.max_abandon = 0;
			k.asa_s = 4;
			check_minimal(&k, load[j] * 10, 180, 30);
			k.asa_s = 0;
			k.max_occupancy = 0.7;
			check_minimal(&k, load[j] * 10, 180, 30);
		}
}

static void erlang_a_tends_to_erlang_c_as_patience_grows(void **state)
{
	struct rota_skill c = skill(0.8, 20), a = skill(0.8, 20);
	struct rota_staffing_result rc, ra;
	double prev = 10;

	(void)state;
	rc = calc_ok(&c, 100, 180, 30, 14);
	for (double p = 100; p <= 1e6; p *= 10) {
		double gap;

		a.patience_s = p;
		ra = calc_ok(&a, 100, 180, 30, 14);
		gap = fabs(ra.service_level - rc.service_level) +
		      fabs(ra.asa_s - rc.asa_s) / rc.asa_s +
		      fabs(ra.wait_probability - rc.wait_probability);
		/* the gap shrinks like 1 / patience */
		assert_true(gap < prev / 2);
		prev = gap;
	}
	assert_true(prev < 1e-3);
	assert_true(ra.abandon_rate < 1e-5);
	a.patience_s = 1e6;
	for (double contacts = 5; contacts < 5000; contacts *= 3)
		assert_int_equal(calc_ok(&a, contacts, 180, 30, 0).agents,
				 calc_ok(&c, contacts, 180, 30, 0).agents);
}

/* With (almost) no patience, whoever would wait hangs up: Erlang B. */
static void erlang_a_without_patience_is_the_erlang_b_loss_system(
	void **state)
{
	struct rota_skill k = skill(0.8, 20);

	(void)state;
	k.patience_s = 1e-9;
	for (int n = 1; n <= 30; n += 4) {
		struct rota_staffing_result r = calc_ok(&k, 100, 180, 30, n);
		double b = 1;

		for (int j = 1; j <= n; j++)   /* B(j) = a B / (j + a B) */
			b = 10 * b / (j + 10 * b);
		assert_true(fabs(r.abandon_rate - b) < 1e-9);
		assert_true(fabs(r.service_level - (1 - b)) < 1e-9);
		assert_true(fabs(r.occupancy - 10 * (1 - b) / n) < 1e-9);
		assert_true(r.asa_s < 1e-6);
	}
}

static void more_agents_never_make_service_worse(void **state)
{
	struct rota_skill k = skill(0.8, 20);

	(void)state;
	for (int model = 0; model < 2; model++) {
		struct rota_staffing_result prev = {0};

		k.patience_s = model ? 90 : 0;
		for (int n = model ? 1 : 51; n <= 90; n++) {
			struct rota_staffing_result r =
				calc_ok(&k, 250, 360, 30, n);

			if (n > (model ? 1 : 51)) {
				assert_true(r.service_level >=
					    prev.service_level);
				assert_true(r.asa_s <= prev.asa_s);
				assert_true(r.occupancy <= prev.occupancy);
				assert_true(r.abandon_rate <=
					    prev.abandon_rate);
				assert_true(r.wait_probability <=
					    prev.wait_probability);
			}
			prev = r;
		}
	}
}

static void an_unstable_erlang_c_queue_reports_no_service(void **state)
{
	struct rota_skill k = skill(0.8, 20);
	struct rota_staffing_result r;

	(void)state;
	r = calc_ok(&k, 100, 180, 30, 10);   /* 10 agents, 10 Erlangs */
	assert_true(r.service_level == 0);
	assert_true(isinf(r.asa_s));
	assert_true(r.occupancy == 1);
	assert_true(r.wait_probability == 1);
	/* Erlang A stays meaningful when overloaded */
	k.patience_s = 60;
	r = calc_ok(&k, 100, 180, 30, 5);
	assert_true(r.service_level > 0 && r.service_level < 0.5);
	assert_true(r.abandon_rate > 0.4 && r.abandon_rate < 1);
	assert_true(r.occupancy > 0.95 && r.occupancy < 1);
}

static void chat_agents_are_slots_divided_by_concurrency(void **state)
{
	(void)state;
	for (int conc = 1; conc <= 5; conc++)
		for (double contacts = 10; contacts < 3000; contacts *= 2.3) {
			struct rota_skill one = skill(0.85, 60), chat;
			struct rota_staffing_result slots, r;

			one.max_occupancy = 0.9;
			one.shrinkage = 0.25;
			chat = one;
			chat.concurrency = conc;
			slots = calc_ok(&one, contacts, 900, 30, 0);
			r = calc_ok(&chat, contacts, 900, 30, 0);
			assert_int_equal(r.agents,
					 (slots.agents + conc - 1) / conc);
			assert_int_equal(r.servers, r.agents * conc);
			assert_true(r.service_level >= slots.service_level);
			assert_int_equal(r.scheduled_agents,
					 (int)ceil(r.agents / 0.75 - 1e-9));
		}
}

/* ------------------------------------------------------------ errors */

static void invalid_input_is_refused_with_the_field_named(void **state)
{
	struct rota_skill k = skill(0.8, 20);

	(void)state;
	expect_error(&k, -1, 180, 30, ROTA_EDATA,
		     "contacts must be a number >= 0 (got -1)");
	expect_error(&k, NAN, 180, 30, ROTA_EDATA,
		     "contacts must be a number >= 0 (got nan)");
	expect_error(&k, INFINITY, 180, 30, ROTA_EDATA,
		     "contacts must be a number >= 0 (got inf)");
	expect_error(&k, 10, 0, 30, ROTA_EDATA,
		     "aht_s must be greater than 0 and at most 1000000 "
		     "seconds (got 0)");
	expect_error(&k, 10, -5, 30, ROTA_EDATA,
		     "aht_s must be greater than 0 and at most 1000000 "
		     "seconds (got -5)");
	expect_error(&k, 10, 180, 0, ROTA_EDATA,
		     "interval_min must be a whole number from 1 to 1440 "
		     "(got 0)");
	expect_error(&k, 1e7, 1000, 30, ROTA_EDATA,
		     "traffic of 5.55556e+06 erlangs (contacts x aht_s / "
		     "interval) is above the supported 100000");
	k.sl = 0;
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "sl must be in (0, 1] (got 0)");
	k.sl = 1.5;
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "sl must be in (0, 1] (got 1.5)");
	k = skill(0.8, -1);
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "answer_s must be from 0 to 1000000 seconds (got -1)");
	k = skill(0.8, 20);
	k.max_occupancy = 0;
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "max_occupancy must be in (0, 1] (got 0)");
	k = skill(0.8, 20);
	k.shrinkage = 1;
	rota_strlcpy(k.name, "chat", sizeof(k.name));
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "skill 'chat': shrinkage must be in [0, 1) (got 1)");
	k.shrinkage = 0;
	k.concurrency = 0;
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "skill 'chat': concurrency must be a whole number from 1 "
		     "to 1000 (got 0)");
	k.concurrency = 1;
	k.patience_s = -0.5;
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "skill 'chat': patience_s must be from 0 (no abandonment) "
		     "to 1000000 seconds (got -0.5)");
	k.patience_s = 2e6;
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "skill 'chat': patience_s must be from 0 (no abandonment) "
		     "to 1000000 seconds (got 2e+06)");
	k.patience_s = 1e-6;
	expect_error(&k, 1e-297, 1, 30, ROTA_EDATA,
		     "skill 'chat': traffic of 5.55556e-301 erlangs is too "
		     "small to compute");
	k.patience_s = 0;
	k.max_abandon = 2;
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "skill 'chat': max_abandon must be in [0, 1], 0 for none "
		     "(got 2)");
	k.max_abandon = 0;
	k.asa_s = -3;
	expect_error(&k, 10, 180, 30, ROTA_EDATA,
		     "skill 'chat': asa_s must be from 0 (none) to 1000000 "
		     "seconds (got -3)");
	k.asa_s = 0;
	k.patience_s = 1e6;
	expect_error(&k, 90000, 1, 1, ROTA_EDATA,
		     "skill 'chat': 1.5e+09 contacts per mean patience is "
		     "above the supported 10000000 for erlang a (lower "
		     "patience_s)");
	k = skill(0.8, 20);
	assert_int_equal(rota_staffing_check_skill(&k, NULL), 0);
}

static void a_search_past_the_agent_limit_is_refused(void **state)
{
	struct rota_skill k = skill(0.8, 20);
	struct rota_staffing_opts o = ROTA_STAFFING_OPTS_INIT;
	struct rota_staffing_result r;
	struct rota_error err = {0};

	(void)state;
	o.max_agents = 13;
	assert_int_equal(rota_staffing_calc(&k, 100, 180, 30, &o, &r, &err),
			 ROTA_ELIMIT);
	assert_string_equal(err.msg, "more than 13 agents would be needed "
				     "for 10 erlangs");
	o.max_agents = 14;
	assert_int_equal(rota_staffing_calc(&k, 100, 180, 30, &o, &r, &err),
			 0);
	assert_int_equal(r.agents, 14);
	k.patience_s = 60;
	k.max_abandon = 1e-6;
	rota_strlcpy(k.name, "voice", sizeof(k.name));
	assert_int_equal(rota_staffing_calc(&k, 100, 180, 30, &o, &r, &err),
			 ROTA_ELIMIT);
	assert_string_equal(err.msg, "skill 'voice': more than 14 agents "
				     "would be needed for 10 erlangs");
	o.agents = -1;
	assert_int_equal(rota_staffing_calc(&k, 100, 180, 30, &o, &r, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "staffing options out of range");
}

static void model_names_are_the_csv_values(void **state)
{
	(void)state;
	assert_string_equal(rota_staffing_model_name(ROTA_STAFFING_ERLANG_C),
			    "erlang_c");
	assert_string_equal(rota_staffing_model_name(ROTA_STAFFING_ERLANG_A),
			    "erlang_a");
	assert_string_equal(rota_staffing_model_name(7), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_example_needs_14_agents_and_20_scheduled),
		cmocka_unit_test(matches_the_high_precision_reference_table),
		cmocka_unit_test(
			eighty_five_erlangs_at_an_85_percent_cap_need_exactly_100),
		cmocka_unit_test(every_occupancy_tie_needs_exactly_n_agents),
		cmocka_unit_test(
			traffic_that_is_a_whole_number_needs_one_more_agent),
		cmocka_unit_test(shrinkage_rounding_is_exact),
		cmocka_unit_test(a_100_percent_target_is_refused_as_infeasible),
		cmocka_unit_test(zero_contacts_need_zero_agents),
		cmocka_unit_test(
			stays_finite_and_minimal_from_001_to_50000_erlangs),
		cmocka_unit_test(erlang_a_answers_are_minimal_for_every_target),
		cmocka_unit_test(erlang_a_tends_to_erlang_c_as_patience_grows),
		cmocka_unit_test(
			erlang_a_without_patience_is_the_erlang_b_loss_system),
		cmocka_unit_test(more_agents_never_make_service_worse),
		cmocka_unit_test(an_unstable_erlang_c_queue_reports_no_service),
		cmocka_unit_test(chat_agents_are_slots_divided_by_concurrency),
		cmocka_unit_test(invalid_input_is_refused_with_the_field_named),
		cmocka_unit_test(a_search_past_the_agent_limit_is_refused),
		cmocka_unit_test(model_names_are_the_csv_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
