/*
 * solver/solver.h - staffing maths and the roster model.
 *
 * Pure transformations: nothing here reads SQL, writes files or prints.
 * Every function returns 0 or a negative enum rota_status and fills the
 * optional struct rota_error; on error, out-parameters are untouched.
 */
#ifndef ROTA_SOLVER_H
#define ROTA_SOLVER_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/model.h"

/* --- staffing --- */

/*
 * How many agents an interval needs (docs/model.md, section Staffing).
 *
 * Traffic A = contacts x AHT / interval length, in Erlangs.  Without a mean
 * patience the queue is Erlang C (M/M/N); with skill->patience_s > 0 it is
 * Erlang A (M/M/N+M, exponential patience), computed exactly with the
 * incomplete-gamma form.  Required agents are the smallest N meeting every
 * target of the skill (service level, occupancy cap, ASA, abandonment);
 * scheduled agents are ceil(N / (1 - shrinkage)).  Chat: an agent holds
 * skill->concurrency contacts at once; the queue is sized in slots (one
 * contact each, AHT = handle time at that concurrency) and agents =
 * ceil(slots / concurrency).  Zero contacts need zero agents.
 *
 * Decisions at the boundary are robust: occupancy, "N > A" and the
 * shrinkage rounding are decided exactly on the decimal values the user
 * wrote (85 Erlangs at an 85% cap need exactly 100 agents; 7 agents at 30%
 * shrinkage are exactly 10 scheduled); service level, ASA and abandonment
 * count as met within ROTA_STAFFING_EPS of the target, because their
 * computed values carry rounding of about 1e-13.
 */

/* Largest traffic accepted, Erlangs. */
#define ROTA_STAFFING_MAX_TRAFFIC 100000.0
/* Default limit on the agents a search may return. */
#define ROTA_STAFFING_MAX_AGENTS 2000000
/* Tolerance on service level / abandonment (absolute) and ASA (relative). */
#define ROTA_STAFFING_EPS 1e-12

enum rota_staffing_model {
	ROTA_STAFFING_ERLANG_C = 0,  /* no abandonment */
	ROTA_STAFFING_ERLANG_A = 1,  /* exponential patience */
};

/* "erlang_c" or "erlang_a" ("?" for anything else). */
const char *rota_staffing_model_name(int model);

struct rota_staffing_opts {
	int agents;       /* > 0: evaluate exactly this many agents (targets
			   * are not checked, no search); 0: find the
			   * required number */
	int max_agents;   /* a search needing more is ROTA_ELIMIT */
};

#define ROTA_STAFFING_OPTS_INIT {0, ROTA_STAFFING_MAX_AGENTS}

struct rota_staffing_result {
	int model;               /* enum rota_staffing_model */
	double traffic;          /* offered load, Erlangs */
	int agents;              /* required (or the evaluated count) */
	int scheduled_agents;    /* ceil(agents / (1 - shrinkage)) */
	int servers;             /* agents x concurrency (queue servers) */
	double service_level;    /* answered within answer_s / offered */
	double asa_s;            /* mean wait of answered contacts, seconds;
				  * INFINITY when the queue is unstable */
	double occupancy;        /* busy fraction of the servers */
	double abandon_rate;     /* abandoned / offered (0 for Erlang C) */
	double wait_probability; /* offered contacts that have to queue */
};

/*
 * Staffing of one interval: `contacts` offered contacts (>= 0) with average
 * handle time `aht_s` seconds (> 0) in an interval of `interval_min`
 * minutes (1..1440), against the targets in `skill` (its name, when not
 * empty, prefixes error messages).  opts may be NULL (defaults).
 *
 * Errors: ROTA_EDATA for invalid input, naming the field ("aht_s must be
 * greater than 0 (got 0)"); ROTA_EINFEASIBLE for a 100% service level with
 * contacts (no finite staff answers every contact in time); ROTA_ELIMIT
 * when more than opts->max_agents agents would be needed.  out is written
 * only on success.  Thread-safe, no allocation.
 */
int rota_staffing_calc(const struct rota_skill *skill, double contacts,
		       double aht_s, int interval_min,
		       const struct rota_staffing_opts *opts,
		       struct rota_staffing_result *out,
		       struct rota_error *err);

/*
 * Check the targets of a skill alone (the same rules rota_staffing_calc
 * applies); ROTA_EDATA with a message naming the field.
 */
int rota_staffing_check_skill(const struct rota_skill *skill,
			      struct rota_error *err);

#endif
