/* tests/test_team.c - the column generation's pricing rounds on several
 * threads (solver/team.c, solver/colgen.c asks_run): every job runs once
 * on a lane of its own, and a solve gives the same roster, byte for byte,
 * on the same work, with one thread or four. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver.h"
#include "solver/solver_int.h"
#include "test_rng.h"
#include "curtois_gen.h"
#include "checked.h"

struct tally {
	atomic_int *runs;    /* [i]: times job i ran */
	atomic_int *lanes;   /* [l]: jobs lane l ran */
	int bad_lane;
};

static void count_job(void *ctx, size_t i, int lane)
{
	struct tally *t = ctx;

	if (lane < 0 || lane >= SOLVER_TEAM_MAX) {
		t->bad_lane = 1;
		return;
	}
	atomic_fetch_add(&t->runs[i], 1);
	atomic_fetch_add(&t->lanes[lane], 1);
}

/* Every job runs exactly once, on a lane below the threads that ran,
 * which are as many as asked (at most SOLVER_TEAM_MAX, at most one a
 * job); the lanes' counts add up to the jobs. */
static void every_job_runs_once_on_a_lane_of_its_own(void **state)
{
	static const size_t jobs[] = {0, 1, 7, 1000};
	static const int lanes[] = {1, 2, 3, SOLVER_TEAM_MAX, 40};

	(void)state;
	for (size_t a = 0; a < sizeof(jobs) / sizeof(jobs[0]); a++)
		for (size_t b = 0; b < sizeof(lanes) / sizeof(lanes[0]); b++) {
			size_t n = jobs[a];
			struct tally t = {calloc(n + 1, sizeof(atomic_int)),
					  calloc(SOLVER_TEAM_MAX,
						 sizeof(atomic_int)),
					  0};
			int want = lanes[b] < SOLVER_TEAM_MAX ? lanes[b]
							      : SOLVER_TEAM_MAX;
			int ran, sum = 0;

			assert_non_null(t.runs);
			assert_non_null(t.lanes);
			if ((size_t)want > n)
				want = n ? (int)n : 1;
			ran = solver_team_run(lanes[b], n, count_job, &t);
			assert_int_equal(ran, want);
			assert_false(t.bad_lane);
			for (size_t i = 0; i < n; i++)
				assert_int_equal(atomic_load(&t.runs[i]), 1);
			for (int l = 0; l < SOLVER_TEAM_MAX; l++) {
				if (l >= ran)
					assert_int_equal(
						atomic_load(&t.lanes[l]), 0);
				sum += atomic_load(&t.lanes[l]);
			}
			assert_int_equal(sum, (int)n);
			free(t.runs);
			free(t.lanes);
		}
	assert_int_equal(solver_team_lanes(3), 3);
	assert_int_equal(solver_team_lanes(100), SOLVER_TEAM_MAX);
	assert_true(solver_team_lanes(0) >= 1);
}

static void count_rounds(const char *line, void *arg)
{
	if (strstr(line, "colgen round"))
		++*(int *)arg;
}

/* The run of the generated instance on `threads` threads, work-bounded
 * (no cap), its pricing rounds counted into *rounds. */
static struct rota_solution *run(const struct rota_problem *p, int threads,
				 int *rounds)
{
	struct rota_solve_options opt = ROTA_SOLVE_OPTIONS_INIT;
	struct rota_solution *s = NULL;
	struct rota_error err = {0};

	*rounds = 0;
	opt.time_limit_s = 0;
	opt.work_unit = 20000;
	opt.threads = threads;
	opt.log = count_rounds;
	opt.log_arg = rounds;
	if (rota_solve(p, &opt, &s, &err) < 0)
		fail_msg("solve: %s", err.msg);
	assert_int_equal(s->stats.stopped_by != ROTA_STOP_TIME, 1);
	assert_checked(p, s);
	return s;
}

/*
 * Four threads (more than the machine may have: the jobs then finish in
 * any order) give the roster one thread gives, on the same work to the
 * last bit: the round reads its classes in class order, adds their
 * columns in that order and charges their labels in that order.  On six
 * generated instances whose root runs several pricing rounds.
 */
static void the_same_roster_on_one_thread_or_four(void **state)
{
	(void)state;
	for (int seed = 1; seed <= 6; seed++) {
		struct rota_problem *p = NULL;
		struct rota_error err = {0};
		struct rota_solution *one, *four;
		char *text;
		int r1, r4;

		rng = (uint64_t)seed * 2654435761u + 11;
		text = curtois_gen(10 + seed % 3, 14);
		if (rota_curtois_parse(text, strlen(text), "gen.txt", &p,
				       &err) < 0)
			fail_msg("parse: %s", err.msg);
		one = run(p, 1, &r1);
		four = run(p, 4, &r4);
		assert_true(r1 >= 2);
		assert_int_equal(r4, r1);
		assert_memory_equal(one->type, four->type,
				    (size_t)p->n_employees *
					    (size_t)p->n_days * sizeof(int));
		assert_true(one->stats.work == four->stats.work);
		assert_true(one->stats.objective == four->stats.objective);
		rota_solution_free(one);
		rota_solution_free(four);
		rota_problem_free(p);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_job_runs_once_on_a_lane_of_its_own),
		cmocka_unit_test(the_same_roster_on_one_thread_or_four),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
