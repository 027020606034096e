/*
 * solver/team.c - a few threads sharing out independent jobs.
 *
 * A leaf: the column generation hands it a round of pricing problems (one
 * per class of employees, each with its own pricer and its own output
 * slot) and reads the results in class order once every job is done, so
 * what the round finds and what it is charged do not depend on which
 * thread ran which job, nor on how many threads there were.  Threads are
 * started per call: a pricing round over many classes takes milliseconds
 * to seconds, starting a thread some tens of microseconds.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "solver/solver_int.h"

struct team {
	atomic_size_t next;
	size_t n;
	void (*job)(void *ctx, size_t i, int lane);
	void *ctx;
};

struct member {
	struct team *t;
	int lane;
};

static void *member_run(void *arg)
{
	struct member *m = arg;
	size_t i;

	while ((i = atomic_fetch_add(&m->t->next, 1)) < m->t->n)
		m->t->job(m->t->ctx, i, m->lane);
	return NULL;
}

int solver_team_run(int lanes, size_t n,
		    void (*job)(void *ctx, size_t i, int lane), void *ctx)
{
	struct team t = {0, n, job, ctx};
	struct member m[SOLVER_TEAM_MAX];
	pthread_t th[SOLVER_TEAM_MAX];
	int started = 1;

	atomic_init(&t.next, 0);
	if (lanes > SOLVER_TEAM_MAX)
		lanes = SOLVER_TEAM_MAX;
	if ((size_t)lanes > n)
		lanes = (int)n;
	if (lanes < 1)
		lanes = 1;
	for (int l = 0; l < lanes; l++) {
		m[l].t = &t;
		m[l].lane = l;
	}
	/* a thread that cannot start leaves its share to the others */
	for (int l = 1; l < lanes && started == l; l++)
		if (pthread_create(&th[l], NULL, member_run, &m[l]) == 0)
			started++;
	member_run(&m[0]);
	for (int l = 1; l < started; l++)
		pthread_join(th[l], NULL);
	return started;
}

int solver_team_lanes(int threads)
{
	long n = threads > 0 ? threads : sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > SOLVER_TEAM_MAX ? SOLVER_TEAM_MAX : (int)n;
}
