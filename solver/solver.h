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

/* --- roster model --- */

/*
 * A roster problem (struct rota_problem) is everything the roster search
 * needs, in plain arrays: no SQL, no files, no time zones.  It is built
 * from a store-side week by rota_problem_build(), read from a benchmark
 * instance, or filled by hand in tests (rota_problem_new() allocates every
 * array with neutral defaults).  Its objective is fully defined by its own
 * fields, so the solver and the independent checker (rota_check) agree on
 * what a roster costs without seeing the options that built it.
 *
 * Indices: d = day 0..n_days-1, s = shift type 0..n_types-1,
 * e = employee 0..n_employees-1, t = interval 0..n_intervals-1,
 * k = skill 0..n_skills-1.  Per-pair arrays are row-major with the first
 * index outermost, through the accessors below.
 *
 * Ownership: rota_problem_new()/rota_problem_build() return a problem the
 * caller frees with rota_problem_free() (NULL is fine); every array in it
 * belongs to the problem.  A problem is not modified by the solver or the
 * checker and may be shared read-only.
 *
 * Violation units (shared by the solver, the checker and the reports):
 * a soft rule costs weight x units, where the unit is
 *   min/max_week_min, min/max_total_min   one paid minute short or over
 *   max_days_week                          one working day over, per week
 *   max_consecutive_days                   one run of max+1 consecutive
 *                                          working days (each window counts)
 *   min_consecutive_days                   one block of working days that
 *                                          is too short
 *   min_rest_min                           one pair of shifts too close
 *   min_consecutive_days_off               one block of days off too short
 *   max_weekends                           one weekend over
 *   max_nights                             one night shift over, per week
 *   per-type cap (type_max)                one shift of that type over
 * Weekly rules (min/max_week_min, max_days_week, max_nights) apply to each
 * complete 7-day block [7i, 7i+7) of the horizon.
 *
 * Rule semantics, with w[e,d] = 1 when e works on day d.  The extended
 * timeline of an employee is the horizon with, before day 0, the
 * history.days_worked working days (or history.days_off days off) when
 * history is known, and, from day D on, the future.days_worked working
 * days (or future.days_off days off) when the future is known; other
 * days outside the horizon are unknown.
 *   max_consecutive_days N: every N+1 consecutive days of the extended
 *     timeline holding a day of the horizon contain a day off; unknown
 *     days count as days off.
 *   min_consecutive_days N: every maximal block of working days of the
 *     extended timeline that holds a day of the horizon, or ends on day
 *     -1 / starts on day D next to a day off of the horizon (a block of
 *     the history or the future that the horizon ends), has at least N
 *     days.  Exempt: blocks reaching an unknown day (with history unknown,
 *     blocks starting on day 0; with the future unknown, blocks reaching
 *     day D-1).  min_consecutive_days_off: the same for blocks of days
 *     off.
 *   min_rest_min R: for every two shifts worked on days d1 < d2,
 *     start2 - end1 >= R minutes; also start - history.last_end >= R and
 *     future.first_start - end >= R.
 *   max_weekends N: weekends (a Saturday and the Sunday after it, or the
 *     part of it inside the horizon) with a shift on either day, plus
 *     history.weekends_worked, are at most N; weekends before the horizon
 *     beyond N are not held against it (units: weekends over
 *     max(N, history.weekends_worked)).
 *   max_nights N: night shifts per 7-day block at most N.
 *   ban: s1 on day d and s2 on day d+1 never both (history.last_type
 *     counts as day -1 and future.first_type as day D when known).  One
 *     shift per day per employee.
 *   changes: with a reference, c[e,d] = 1 when the type (or day off) of e
 *     on d differs from reference[e,d]; cost change_weight x sum c;
 *     sum c <= max_changes (hard) unless ROTA_UNSET.  As a linear row:
 *     sum_{ref=s} (1 - x[e,d,s]) + sum_{ref=off} sum_s x[e,d,s] <= N.
 *   fixed (pins, hard): fixed[e,d] = -1: e is off on d; s >= 0: e works s
 *     on d.  A pin does not lift any other rule: a pin on a type e may
 *     not work (leave, skills, a ban, ...) makes the problem infeasible,
 *     and the explanation names the pin.
 */

/* Rules a problem employee carries: the contract rules of core/model.h
 * (same indices, ROTA_RULE_*) followed by these horizon-wide extras. */
#define ROTA_PROBLEM_RULE_EXTRA_MAP(X)                                       \
	X(min_total_min, "minimum paid minutes over the horizon")            \
	X(max_total_min, "maximum paid minutes over the horizon")

enum rota_problem_rule {
	ROTA_RULE_min_total_min = ROTA_RULE_COUNT,
	ROTA_RULE_max_total_min,
	ROTA_PROBLEM_RULE_COUNT
};

/* Name ("max_total_min") and summary of any problem rule; NULL if out of
 * range. */
const char *rota_problem_rule_name(int rule);
const char *rota_problem_rule_summary(int rule);

struct rota_problem_skill {
	char name[ROTA_ID_MAX];
};

/*
 * Demand of one interval and skill: `required` agents counted on the skill
 * during the whole interval.  Each agent short costs under_weight, each
 * agent over costs over_weight (per interval: the builder scales the
 * per-hour weights of its options by the interval length).
 */
struct rota_demand {
	int required;
	double under_weight;
	double over_weight;
};

/*
 * Demand per (day, shift type), the benchmark's cover model:
 * n[d,s] = number of employees working type s on day d, whatever their
 * skills; cost under_weight * max(0, required - n) + over_weight *
 * max(0, n - required).  All zero (the default) means no such demand.
 */
struct rota_cover {
	int required;
	double under_weight;
	double over_weight;
};

struct rota_shift_type {
	char code[ROTA_ID_MAX];
	char name[ROTA_NAME_MAX];
	int start_min;   /* local wall-clock start, minutes after midnight;
			    -1 when abstract (benchmark: no clock times) */
	int length_min;  /* elapsed minutes, break included */
	int paid_min;    /* counted by the minute rules and the cost */
	int night;       /* 1: counts towards max_nights */
	int late;        /* 1: counts in the late-shift fairness spread
			    (builder: ends after 21:00 local or overnight) */
	uint64_t skills; /* skills it may serve (bit k); 0 = any skill */
};

/*
 * One shift type on one day: its concrete instants (DST-correct, computed
 * with core/time.h by the builder) and the intervals it covers: interval t
 * is covered when [t0 + t*L, t0 + (t+1)*L) lies inside [start, end), so
 * first_interval = ceil((start - t0) / L), end_interval = floor((end - t0)
 * / L), clamped to [0, n_intervals], and does not overlap the unpaid break.  allowed = 0: the type is not offered
 * that day (template day mask, or beyond the roster week).
 */
struct rota_slot {
	int64_t start, end;    /* UTC, [start, end) */
	int first_interval;    /* covered intervals [first, end) */
	int end_interval;
	int allowed;
	/* the unpaid break: intervals [break_first, break_end), inside
	 * [first, end), that it overlaps are not covered; equal: none */
	int break_first, break_end;
};

/* 1 when an employee working slot sl is on the queues in interval t. */
static inline int rota_slot_covers(const struct rota_slot *sl, int t)
{
	return t >= sl->first_interval && t < sl->end_interval &&
	       (t < sl->break_first || t >= sl->break_end);
}

/*
 * What is known about an employee before day 0.  known = 0: nothing (the
 * benchmark, or no stored roster): days before the horizon count as days
 * off for max_consecutive_days, and blocks touching day 0 are exempt from
 * the minimum-block rules (min_consecutive_days, min_consecutive_days_off).
 * Blocks touching day n_days-1 are always exempt (they may continue).
 */
struct rota_history {
	int known;             /* 1: the fields below are meaningful */
	int days_worked;       /* consecutive working days ending on day -1 */
	int days_off;          /* consecutive days off ending on day -1
				  (0 when day -1 was worked) */
	int64_t last_end;      /* UTC end of the last shift before day 0;
				  INT64_MIN when none (rest rule) */
	int last_type;         /* type worked on day -1, -1 none (rotation
				  bans across the boundary) */
	int weekends_worked;   /* weekends before day 0 that count towards
				  max_weekends (builder: previous 3 weeks) */
};

/*
 * What is known about an employee after the last day (the next week's
 * roster), mirroring struct rota_history.  known = 0: nothing (the
 * default): blocks of working days or days off reaching day n_days-1 are
 * exempt from the minimum-block rules, and max_consecutive_days windows
 * end at day n_days-1.  known = 1: the rules reach across the boundary
 * (solver.h, rule semantics), so re-planning a week keeps next week's
 * rules.
 */
struct rota_future {
	int known;             /* 1: the fields below are meaningful */
	int days_worked;       /* consecutive working days from day n_days */
	int days_off;          /* consecutive days off from day n_days (0
				  when day n_days is worked) */
	int64_t first_start;   /* UTC start of the first shift on or after
				  day n_days; INT64_MAX when none (rest) */
	int first_type;        /* type worked on day n_days, -1 none
				  (rotation bans across the boundary) */
};

struct rota_problem_employee {
	char id[ROTA_ID_MAX];
	char name[ROTA_NAME_MAX];
	char contract[ROTA_ID_MAX];
	uint64_t skills;       /* bit k: has skill k */
	/* rule[r]: value ROTA_UNSET = not applied; weight 0 = hard.
	 * max_weekends counts weekends worked over the horizon plus
	 * history.weekends_worked. */
	struct rota_rule_value rule[ROTA_PROBLEM_RULE_COUNT];
	struct rota_history history;
	struct rota_future future;
	int group;             /* fairness group index, -1 none */
};

/*
 * Soft request: employee e would like to work (on = 1) or not to work
 * (on = 0) shift type s on day d; s = -1 means any shift that day.
 * Cost when broken: on: weight * (1 - x[e,d,s]) (resp. 1 - w[e,d]);
 * off: weight * x[e,d,s] (resp. w[e,d]).
 */
struct rota_request {
	int employee, day, type;
	int on;
	double weight;
};

/*
 * Comparable staff (builder: same team, contract and skills).  Cost
 * weekend_weight * (most - fewest weekend days worked by a member over the
 * horizon) + late_weight * (most - fewest late shifts).
 */
struct rota_fair_group {
	char name[ROTA_NAME_MAX];
	double weekend_weight;
	double late_weight;
};

/* fixed[e * n_days + d]: the solver decides (the default) */
#define ROTA_FREE (-2)

struct rota_problem {
	/* horizon */
	int n_days;             /* D >= 1 */
	int first_weekday;      /* ISO weekday of day 0: 1 = Monday */
	int32_t first_day;      /* day number of day 0 when dated */
	int dated;              /* 1: first_day is a real date (messages) */

	/* intervals: [t0 + t*L, t0 + (t+1)*L), L = interval_min minutes;
	 * long enough for overnight shifts spilling past the last day */
	int64_t t0;
	int interval_min;
	int n_intervals;        /* may be 0 (no interval demand) */

	int n_skills;
	struct rota_problem_skill *skills;     /* [k] */
	struct rota_demand *demand;            /* [t * n_skills + k] */

	int n_types;
	struct rota_shift_type *types;         /* [s] */
	struct rota_slot *slots;               /* [d * n_types + s] */
	struct rota_cover *cover;              /* [d * n_types + s] */
	/* ban[s1 * n_types + s2] = 1: s1 on day d may not be followed by s2
	 * on day d + 1 (same employee); hard */
	uint8_t *ban;

	int n_employees;
	struct rota_problem_employee *employees;  /* [e] */
	/* unavailable[(e * n_days + d) * n_types + s] != 0: e may not work
	 * s on d (hard: leave, days off) */
	uint8_t *unavailable;
	/* type_max[e * n_types + s]: most shifts of type s over the horizon
	 * (value ROTA_UNSET: no cap; weight 0: hard) */
	struct rota_rule_value *type_max;
	/* fixed[e * n_days + d]: ROTA_FREE (default) the solver decides, -1
	 * e is off on d, s >= 0 e works type s on d; hard (frozen past time,
	 * the notice window of a re-plan) */
	int *fixed;
	/* Minimal-change re-planning.  reference[e * n_days + d]: the type e
	 * works on d in the current roster, -1 off; NULL (the default): no
	 * reference, nothing counts as a change.  A day whose result differs
	 * from the reference is one change; each costs change_weight (term
	 * "changes"); max_changes (default ROTA_UNSET: no cap) is a hard cap
	 * on their number over the whole roster.  A pinned day counts as a
	 * change only if its pin differs from the reference. */
	int *reference;
	double change_weight;
	int max_changes;

	size_t n_requests;
	struct rota_request *requests;

	int n_groups;
	struct rota_fair_group *groups;

	double cost_per_min;    /* cost of one paid minute */
};

static inline struct rota_slot *rota_problem_slot(
	const struct rota_problem *p, int d, int s)
{
	return &p->slots[(size_t)d * (size_t)p->n_types + (size_t)s];
}

static inline struct rota_cover *rota_problem_cover(
	const struct rota_problem *p, int d, int s)
{
	return &p->cover[(size_t)d * (size_t)p->n_types + (size_t)s];
}

static inline struct rota_demand *rota_problem_demand(
	const struct rota_problem *p, int t, int k)
{
	return &p->demand[(size_t)t * (size_t)p->n_skills + (size_t)k];
}

static inline int rota_problem_unavailable(const struct rota_problem *p,
					   int e, int d, int s)
{
	return p->unavailable[((size_t)e * (size_t)p->n_days + (size_t)d) *
				      (size_t)p->n_types + (size_t)s] != 0;
}

/* The pin of employee e on day d: ROTA_FREE, -1 (off) or a type. */
static inline int rota_problem_fixed(const struct rota_problem *p, int e,
				     int d)
{
	return p->fixed[(size_t)e * (size_t)p->n_days + (size_t)d];
}

/* ISO weekday (1 = Monday) of day d; is_weekend: 1 on Saturday and Sunday. */
int rota_problem_weekday(const struct rota_problem *p, int d);
int rota_problem_is_weekend(const struct rota_problem *p, int d);

/*
 * 1 when employee e may be given type s on day d: the slot is allowed,
 * e is available, and e has a skill the type serves (types serving any
 * skill, and problems without skills, need none).  Rules are not looked at.
 */
int rota_problem_can_work(const struct rota_problem *p, int e, int d, int s);

/*
 * Allocate a problem with the given sizes.  Defaults: first_weekday 1,
 * not dated, interval_min 15, demand and cover zero, every slot allowed
 * with start = end = 0 and no covered interval, no bans, everyone
 * available, no type caps, every rule ROTA_UNSET, history unknown
 * (last_end INT64_MIN, last_type -1), future unknown (first_start
 * INT64_MAX, first_type -1), group -1, cost 0, every fixed
 * ROTA_FREE, no reference, change_weight 0, max_changes ROTA_UNSET.  The caller fills
 * the rest.  Returns NULL (err: ROTA_EINVAL / ROTA_ENOMEM) on failure.
 */
struct rota_problem *rota_problem_new(int n_days, int n_intervals,
				      int n_skills, int n_types,
				      int n_employees, struct rota_error *err);
void rota_problem_free(struct rota_problem *p);

/*
 * Copy the current roster (n_employees x n_days types, -1 off) into
 * p->reference, replacing any; NULL removes it.  ROTA_EDATA when a type
 * is out of range (p unchanged), ROTA_ENOMEM.
 */
int rota_problem_set_reference(struct rota_problem *p, const int *types,
			       struct rota_error *err);

/*
 * Freeze time before `from` (UTC) against the reference: every assignment
 * of the reference starting before `from` is pinned; a day whose every
 * type starts before `from` keeps the reference's day off (pin -1); on
 * the day `from` falls in, types starting before it that the reference
 * does not give become unavailable to that employee (nobody starts a
 * shift in the past).  Re-planning from `from` (the frozen past, or now
 * plus the notice window) is then rota_solve() with a change weight.
 * ROTA_EINVAL without a reference.  Pins already set are kept.
 */
int rota_problem_freeze(struct rota_problem *p, int64_t from,
			struct rota_error *err);

/* Append a request / a fairness group (returns its index, or < 0). */
int rota_problem_add_request(struct rota_problem *p,
			     const struct rota_request *r,
			     struct rota_error *err);
int rota_problem_add_group(struct rota_problem *p,
			   const struct rota_fair_group *g,
			   struct rota_error *err);

/*
 * Check every index, size and value (weights >= 0 and finite, lengths,
 * slot intervals in range, ...).  ROTA_EDATA with a message naming the
 * field otherwise.  The solver and the checker call it first.
 */
int rota_problem_validate(const struct rota_problem *p,
			  struct rota_error *err);

/* ------------------------------------------------- building from a week */

/*
 * Objective weights and switches for rota_problem_build().  The order of
 * magnitude follows the objective's priorities: understaffing, then
 * overstaffing, then rule and preference penalties (their weights come
 * from the contracts and time-off records), then cost.
 */
struct rota_build_options {
	double under_per_agent_hour;  /* 1000: one agent missing for an hour */
	double over_per_agent_hour;   /* 10: one agent too many for an hour */
	double cost_per_paid_hour;    /* 0.1: cost of one paid hour */
	double fair_weekend_weight;   /* 5: per weekend day of spread */
	double fair_late_weight;      /* 2: per late shift of spread */
	int use_scheduled_agents;     /* 1: demand = scheduled_agents (with
					 shrinkage), 0: agents */
	int history_days;             /* days before Monday the previous
					 assignments cover: 0 = no history
					 known; 7..28 typical */
	/* The roster after the week (the next week's), when there is one:
	 * next_days > 0 says next[0..n_next) is complete for the days
	 * [Monday + 7, Monday + 7 + next_days) (an employee without an
	 * assignment there is off), and fills every employee's future;
	 * next_days = 0 (the default): the future is unknown.  Pass 0 when
	 * the next week has no roster yet, else it counts as all days off. */
	const struct rota_assignment *next;
	size_t n_next;
	int next_days;
};

#define ROTA_BUILD_OPTIONS_INIT {1000.0, 10.0, 0.1, 5.0, 2.0, 1, 0, NULL, 0, 0}

/*
 * Build the problem of the ISO week starting on day number `monday` (a
 * Monday, local site date) from the site's dataset: skills, shift
 * templates (days, skills, clock times made concrete with the site's time
 * zone, DST-correct), employees with their contract rules, hard time off
 * (unavailable for every slot overlapping it), soft time off (an off
 * request per overlapping slot, with the record's weight), the week's
 * requirements (one per interval and skill; req[i].start must be an
 * interval start inside the week), the previous assignments (history:
 * consecutive days worked, last shift end, weekends worked; only the
 * opt->history_days days before Monday are read) and the next ones
 * (future: opt->next, see rota_build_options).  Fairness groups gather
 * comparable employees: the same team, contract and skills.  Returns ROTA_EDATA with a
 * message for unknown references, ROTA_ENOTFOUND for an unknown zone.
 */
int rota_problem_build(const struct rota_dataset *ds, int32_t monday,
		       const struct rota_requirement *req, size_t n_req,
		       const struct rota_assignment *prev, size_t n_prev,
		       const struct rota_build_options *opt,
		       struct rota_problem **out, struct rota_error *err);

/* ------------------------------------------------------------ solutions */

enum rota_solve_status {
	ROTA_SOLVE_NONE = 0,     /* no roster found within the limits */
	ROTA_SOLVE_OPTIMAL,      /* proven optimal (within the requested gap) */
	ROTA_SOLVE_FEASIBLE,     /* a roster, not proven optimal */
	ROTA_SOLVE_INFEASIBLE,   /* the hard rules cannot all hold */
};

/* "optimal", "feasible", "infeasible", "none". */
const char *rota_solve_status_name(int status);

/* Objective terms, X(name, summary). */
#define ROTA_TERM_MAP(X)                                                     \
	X(under, "understaffing (interval demand)")                          \
	X(over, "overstaffing (interval demand)")                            \
	X(cover_under, "understaffing (shift cover)")                        \
	X(cover_over, "overstaffing (shift cover)")                          \
	X(rules, "soft rule penalties")                                      \
	X(requests, "requests not granted")                                  \
	X(fairness, "unfair spread")                                         \
	X(cost, "paid time")                                                 \
	X(changes, "changes to the current roster")

enum rota_term {
#define ROTA_X_TERM(name, summary) ROTA_TERM_##name,
	ROTA_TERM_MAP(ROTA_X_TERM)
#undef ROTA_X_TERM
	ROTA_TERM_COUNT
};

const char *rota_term_name(int term);

/* What ended a search. */
enum rota_stop {
	ROTA_STOP_DONE = 0,  /* nothing left to do: proven within the gap, or
				the search ran out of ideas */
	ROTA_STOP_WORK,      /* the work budget (deterministic) was spent */
	ROTA_STOP_TIME,      /* the time limit (a safety cap) came first: the
				result depends on the machine's speed */
};

/* "done", "work budget", "time limit". */
const char *rota_stop_name(int stop);

struct rota_solve_stats {
	int status;              /* enum rota_solve_status */
	int stopped_by;          /* enum rota_stop */
	double work;             /* work units spent (deterministic) */
	double work_limit;       /* the budget it had */
	double objective;        /* of the roster returned */
	double bound;            /* best proven lower bound */
	double gap;              /* (objective - bound) / max(1, |objective|) */
	double seconds;          /* wall time of the whole search */
	long nodes;              /* branch-and-bound nodes (all sub-MIPs) */
	int rows, cols, binaries;  /* size of the full model */
	double term[ROTA_TERM_COUNT];  /* objective split by term */
	/* soft rule penalties paid (weight x units) and units, by rule;
	 * index ROTA_PROBLEM_RULE_COUNT is the per-type cap */
	double rule_penalty[ROTA_PROBLEM_RULE_COUNT + 1];
	int rule_units[ROTA_PROBLEM_RULE_COUNT + 1];
};

/*
 * A roster for a problem.  type[e * n_days + d] is the shift type e works
 * on day d, or -1.  For interval demand, served[t * n_skills + k] is how
 * many agents the roster counts on skill k during interval t (each agent
 * working in t counts for exactly one skill it has and its type serves;
 * the solver's allocation, which may be split across skills), and
 * skill[e * n_days + d] the skill that assignment mainly serves (-1 when
 * none or unknown).  served is NULL when the problem has no intervals or
 * no skills.
 */
struct rota_solution {
	int n_employees, n_days, n_intervals, n_skills;
	int *type;
	int *skill;
	double *served;
	struct rota_solve_stats stats;
};

/* Allocate an empty roster for p (every type -1, served 0). */
struct rota_solution *rota_solution_new(const struct rota_problem *p,
					struct rota_error *err);
void rota_solution_free(struct rota_solution *s);

/* ---------------------------------------------------------------- search */

struct rota_progress {
	double elapsed;        /* seconds since the search began */
	double incumbent;      /* objective of the best roster, HUGE_VAL none */
	double bound;          /* best bound, -HUGE_VAL none */
	double gap;            /* relative gap, HUGE_VAL when unknown */
	const char *phase;     /* "construct", "lns", "branch-and-bound", ... */
	double work;           /* work units spent so far */
};

/*
 * The search is bounded by work, counted in deterministic units (simplex
 * iterations and equivalents: docs/model.md, Determinism), so the same
 * problem gives the same roster byte for byte on a loaded or an idle
 * machine.  time_limit_s is a safety cap on top; stats.stopped_by says
 * which one ended the search.  The search ends 1% of the cap (at most
 * 2 s) before it, so that the call, with its final evaluation and
 * clean-up, returns within the cap.
 */
struct rota_solve_options {
	double time_limit_s;   /* safety cap, seconds; 0: none */
	double gap;            /* relative gap that counts as optimal */
	/* called now and then from the solving thread; may be NULL */
	void (*progress)(const struct rota_progress *pr, void *arg);
	void *progress_arg;
	/* GLPK's terminal output, line by line; NULL: discarded */
	void (*log)(const char *text, void *arg);
	void *log_arg;
	double effort;         /* scales the default work budget (1: the
				  default, 2: twice the work, ...); > 0 */
	double work_limit;     /* > 0: this many work units instead of
				  effort x the default budget */
	unsigned seed;         /* the neighbourhood search's random choices
				  (and a long run's restarts' dives): 0 the
				  default path; another value another path,
				  as deterministic (judging a change over
				  several paths, bench curtois --seed) */
	double work_unit;      /* > 0: the default work budget, in work
				  units, instead of the one the problem's
				  size gives (1.5 M + 100 per cell of
				  employee, day and shift type); effort
				  scales it, and a long run's steps (the
				  second dive, the restarts) are counted in
				  it.  A small unit runs a long run's whole
				  schedule on a small problem (the restart
				  test, tests/test_restart.c) */
	int threads;           /* threads for the column generation's
				  pricing rounds; 0: one per processor
				  online.  The roster is the same for any
				  number (each class is priced alone, and
				  the results are read in class order) */
};

#define ROTA_SOLVE_OPTIONS_INIT \
	{60.0, 1e-4, NULL, NULL, NULL, NULL, 1.0, 0, 0, 0, 0}

/*
 * Find the best roster for p.  Returns 0 with *out set when a roster was
 * found (stats.status optimal or feasible); ROTA_EINFEASIBLE with a
 * message naming the employee and the conflicting rules in supervisor
 * words when the hard rules cannot all hold; ROTA_ENOSOLUTION when the
 * limit ended the search before any roster was found; ROTA_EDATA for an
 * invalid problem.
 */
int rota_solve(const struct rota_problem *p,
	       const struct rota_solve_options *opt,
	       struct rota_solution **out, struct rota_error *err);

/*
 * The MIP the solver hands to GLPK, as text for other solvers: free MPS
 * (format "mps") or CPLEX LP ("lp").  *text is malloc'd, caller frees.
 */
int rota_model_write(const struct rota_problem *p, const char *format,
		     char **text, size_t *len, struct rota_error *err);

/* --- checker --- */

/*
 * rota_check() verifies a roster against its problem without the solver's
 * model: every rule is evaluated directly from the semantics written at
 * the top of this file, coverage is recounted, and the objective is
 * recomputed term by term.  Tests run it on every solver result; `rota
 * roster --check` runs it on stored (also hand-edited) rosters.
 *
 * What it reports, one struct rota_violation each:
 *   - hard placement faults: a type on a day it is not offered (slot not
 *     allowed), an unavailable employee (leave, day off), an employee
 *     without a skill the type serves, a solution skill the employee or
 *     the type does not have, a rotation ban (history.last_type counts as
 *     day -1), a pin not kept (kind fixed: "A001 must keep E on Wed
 *     2026-12-02 (frozen) but is off");
 *   - more changes to the reference than max_changes (kind max_changes,
 *     employee -1; the count is in `changes` whatever the cap);
 *   - every contract and horizon rule (ROTA_RULE_*, type caps), hard when
 *     its weight is 0, with the units of the "violation units" table;
 *   - every request not granted, and every fairness group whose spread of
 *     weekend days or late shifts is above zero (one record per group and
 *     kind, employee -1).
 * Coverage is reported as numbers, not records: cover_n per (day, type),
 * served per (interval, skill), and their objective terms.
 *
 * Skill allocation.  For interval demand each agent at work in interval
 * t counts for exactly one skill it has and its type serves (types that
 * serve any skill: any skill of the employee; an agent without such a
 * skill counts for none).  The checker always derives the allocation
 * itself, per interval, as a min-cost flow on skill profiles (agents with
 * the same eligible skill set form one source; a skill's first `required`
 * agents earn -under_weight each, further agents cost over_weight): this
 * is exact, so the coverage terms are the best any allocation of this
 * roster can reach.  When the solution carries its own `served`, the
 * checker also tests that it is a feasible allocation of the roster's
 * agents (max-flow) and says so in served_given_ok; its coverage terms
 * then still use the checker's own allocation, so a solver allocation
 * that is worse than optimal shows as an objective mismatch.  (A roster
 * made by hand or read from the store has no allocation: free and NULL
 * the served array rota_solution_new() allocates.)
 *
 * History fields are used only when history.known is 1.
 */

/* What a violation is about: a problem rule (0..ROTA_PROBLEM_RULE_COUNT-1),
 * the per-type cap (ROTA_PROBLEM_RULE_COUNT, as in rota_solve_stats), or
 * one of these. */
#define ROTA_CHECK_KIND_MAP(X)                                               \
	X(not_offered, "shift type not offered that day")                   \
	X(unavailable, "employee unavailable (leave, day off)")              \
	X(unqualified, "employee lacks a skill the shift serves")            \
	X(ban, "forbidden shift sequence on consecutive days")               \
	X(request_on, "request to work not granted")                         \
	X(request_off, "request not to work not granted")                    \
	X(fair_weekend, "unfair spread of weekend days")                     \
	X(fair_late, "unfair spread of late shifts")                        \
	X(fixed, "pinned assignment not kept")                               \
	X(max_changes, "more changes to the current roster than allowed")

enum rota_check_kind {
	ROTA_CHECK_type_max = ROTA_PROBLEM_RULE_COUNT,
#define ROTA_X_CHECK(name, summary) ROTA_CHECK_##name,
	ROTA_CHECK_KIND_MAP(ROTA_X_CHECK)
#undef ROTA_X_CHECK
	ROTA_CHECK_KIND_COUNT
};

/* Name ("max_consecutive_days", "type_max", "ban", ...) and summary of a
 * violation kind; NULL when out of range. */
const char *rota_check_kind_name(int kind);
const char *rota_check_kind_summary(int kind);

#define ROTA_VIOLATION_TEXT_MAX 256

struct rota_violation {
	int kind;        /* problem rule index or enum rota_check_kind */
	int employee;    /* -1: a fairness group's */
	int group;       /* fairness group, -1 otherwise */
	int day;         /* first day concerned; -1: the whole horizon */
	int type;        /* shift type concerned, -1 when none */
	int units;       /* violation units (see the table above) */
	int hard;        /* 1: a hard rule is broken (penalty 0) */
	double penalty;  /* weight x units of a soft rule or request */
	/* one sentence for a supervisor, no trailing period, e.g.
	 * "E01 works 8 consecutive days from Mon 2026-03-30 to Mon
	 * 2026-04-06 (at most 6)" */
	char text[ROTA_VIOLATION_TEXT_MAX];
};

struct rota_check_report {
	/* sorted by employee (group records last), day, kind */
	struct rota_violation *violations;
	size_t n_violations;
	int hard_broken;      /* number of hard violations (0: roster valid) */
	int soft_broken;      /* number of soft records with a penalty > 0 */

	double objective;     /* sum of term[] */
	double term[ROTA_TERM_COUNT];
	/* soft rule penalties and units by rule, the type cap at index
	 * ROTA_PROBLEM_RULE_COUNT (as rota_solve_stats); hard units are
	 * counted in rule_units too */
	double rule_penalty[ROTA_PROBLEM_RULE_COUNT + 1];
	int rule_units[ROTA_PROBLEM_RULE_COUNT + 1];

	int n_days, n_types, n_intervals, n_skills, n_employees;
	int *cover_n;         /* [d * n_types + s]: employees working s on d */
	int cover_short;      /* shifts short of the shift cover: the sum of
				 required - cover_n where it is under */
	int *headcount;       /* [t]: agents at work in interval t, not on
			         their break (any skill) */
	double *served;       /* [t * n_skills + k]: the checker's allocation;
				 NULL when no intervals or no skills */
	int *paid_min;        /* [e]: paid minutes over the horizon */
	int shifts;           /* assignments in the roster */
	int changes;          /* employee-days differing from the problem's
				 reference (0 without one) */
	long paid_min_total;
	/* -1: the solution gave no served; 1: it is a feasible allocation
	 * of this roster; 0: it is not (the first bad interval in
	 * served_bad_interval) */
	int served_given_ok;
	int served_bad_interval;
};

/*
 * Check roster sol against problem p.  Returns 0 with *out (free it with
 * rota_check_report_free) whatever the roster breaks; ROTA_EDATA when p
 * fails rota_problem_validate() or sol does not fit p (sizes, a type
 * index out of range), ROTA_ENOMEM.
 */
int rota_check(const struct rota_problem *p, const struct rota_solution *sol,
	       struct rota_check_report **out, struct rota_error *err);
void rota_check_report_free(struct rota_check_report *r);

/* --- benchmark instances --- */

/*
 * Curtois & Qu's nurse rostering instances 1-24 (schedulingbenchmarks.org,
 * text format; docs/roster.md describes the mapping).  Days are undated
 * (day 0 a Monday), no intervals, no skills; each STAFF line becomes an
 * employee with hard rules max/min_total_min, max/min_consecutive_days,
 * min_consecutive_days_off, max_weekends and hard per-type caps; NotAfter
 * lists become bans; DAYS_OFF makes every type unavailable that day;
 * SHIFT_ON/OFF_REQUESTS become requests; COVER lines fill cover[d, s].
 * History is unknown, which gives the benchmark's border semantics.
 *
 * rota_curtois_parse reads text of len bytes (label names it in
 * messages: "Instance1.txt:12: ..."); rota_curtois_read reads a file (the
 * only file solver/ reads).  ROTA_EDATA with file:line for malformed
 * input, ROTA_EIO when the file cannot be read.
 */
int rota_curtois_parse(const char *text, size_t len, const char *label,
		       struct rota_problem **out, struct rota_error *err);
int rota_curtois_read(const char *path, struct rota_problem **out,
		      struct rota_error *err);

#endif
