/*
 * plan/plan.h - the workflows of a site: the code that combines the store,
 * the solver and the calendar.
 *
 * The `rota` command and `rota serve` are thin shells over these functions:
 * they parse their input, call one workflow and present its result.  A
 * workflow never prints, exits or reads argv; it returns 0 or a negative
 * enum rota_status with a message in the caller's struct rota_error, and
 * leaves the database as it was when it fails (every write is one
 * transaction).  Things worth telling a user that are not errors (a week
 * without a forecast, a calendar file skipped) come back as notes.
 *
 * A struct rota_plan is an open site: the store, the site's dataset and
 * time zone, and the clock ("now") the workflows judge frozen time by.
 * rota_plan_open() returns one the caller closes with rota_plan_close();
 * results are released with their *_release() function.  Nothing here is
 * shared between threads; open one rota_plan per thread.
 *
 * Dependency direction: cli -> plan -> {solver, calendar, store} -> core.
 */
#ifndef ROTA_PLAN_H
#define ROTA_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "calendar/calendar.h"
#include "core/error.h"
#include "core/model.h"
#include "core/time.h"
#include "solver/solver.h"
#include "store/store.h"

/* ------------------------------------------------------------ notes */

#define ROTA_PLAN_NOTE_MAX 256

/* Messages for the user that are not errors, in the order they arose. */
struct rota_plan_notes {
	char (*text)[ROTA_PLAN_NOTE_MAX];
	size_t n, cap;
};

/* Append a note (printf-style); out of memory drops it silently. */
void rota_plan_note(struct rota_plan_notes *notes, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void rota_plan_notes_release(struct rota_plan_notes *notes);

/* ------------------------------------------------------------ a site */

struct rota_plan;

/*
 * Open the database at path (flags as rota_store_open), load the site
 * (ROTA_ENOTFOUND "run 'rota init'" without one) and its time zone.
 * now is the instant workflows treat as the present (frozen time, notice
 * window); the CLI passes the real clock or $ROTA_NOW.
 */
int rota_plan_open(const char *path, int flags, int64_t now,
		   struct rota_plan **out, struct rota_error *err);
void rota_plan_close(struct rota_plan *pl);

/* The same over a store the caller keeps open (and closes after
 * rota_plan_close()), e.g. inside the caller's import transaction. */
int rota_plan_attach(struct rota_store *st, int64_t now,
		     struct rota_plan **out, struct rota_error *err);

/* Reload the dataset after the store was changed behind the plan's back
 * (an import).  On error the plan keeps its old dataset. */
int rota_plan_reload(struct rota_plan *pl, struct rota_error *err);

struct rota_store *rota_plan_store(struct rota_plan *pl);
const struct rota_dataset *rota_plan_dataset(const struct rota_plan *pl);
const struct rota_tz *rota_plan_tz(const struct rota_plan *pl);
int64_t rota_plan_now(const struct rota_plan *pl);
void rota_plan_set_now(struct rota_plan *pl, int64_t now);

/* Monday of the ISO week containing the local day of `now`. */
int32_t rota_plan_this_monday(const struct rota_plan *pl);

/* ------------------------------------------------ changing a roster */

/*
 * Every change to a stored roster goes through rota_plan_commit(): past
 * time is frozen (an assignment that has started, by `now` in the site's
 * zone, is never changed, removed or created), and a notice window (site.ini
 * [operations] notice_hours, default 12 h) protects the near future unless
 * the caller forces it.  A week that has no roster yet may be created
 * whole (there is nothing to disturb).  An employee-day is "touched" when
 * its old or its new assignment differs; it is judged by the earlier start
 * of the two.
 */

enum rota_plan_guard {
	ROTA_PLAN_FREE = 0,     /* may change */
	ROTA_PLAN_NOTICE = 1,   /* inside the notice window: needs force */
	ROTA_PLAN_FROZEN = 2,   /* started: never */
};

/* How an assignment starting at `start` may be changed now. */
int rota_plan_guard_of(const struct rota_plan *pl, int64_t start);

/*
 * Make `next` the live roster of its week as a new version (scope and meta
 * as rota_store_roster_commit), after checking every changed employee-day
 * against frozen time (ROTA_ECONFLICT naming the employee, day and start:
 * "A001's Early shift on Wed 2026-12-02 started at 08:00: past time is
 * frozen") and the notice window (ROTA_ECONFLICT with "... starts within
 * the 12 h notice window (--force to change it)" unless force).  Notes
 * (may be NULL): the week was published and its calendars are now out of
 * date.  *version and *changes as rota_store_roster_commit (may be NULL).
 */
int rota_plan_commit(struct rota_plan *pl, const struct rota_roster *next,
		     const char *const *scope, size_t n_scope,
		     const struct rota_version_meta *meta, int force,
		     int *version, int *changes,
		     struct rota_plan_notes *notes, struct rota_error *err);

/* ------------------------------------------------------------ staffing */

/* One interval and skill of a week's staffing. */
struct rota_staffing_row {
	struct rota_requirement req;  /* start, skill, agents, ... */
	double contacts;              /* forecast contacts */
	double aht_s;                 /* forecast AHT; 0: no forecast row */
};

struct rota_staffing_week {
	struct rota_staffing_row *rows;  /* by start, then skill */
	size_t n;
	size_t n_forecast;               /* forecast rows found in the week */
	long agents_total;               /* sum of scheduled agents */
};

/*
 * Recompute the requirement of the ISO week starting on `monday` for every
 * interval and skill from the stored forecast and the skills' targets, and
 * store it in place of the week's old rows (one transaction).  The
 * scheduler calls this first, so it always plans against the current
 * forecast and targets.  out may be NULL.  Errors: ROTA_EDATA (a target
 * out of range, a forecast row off the interval grid, with its time),
 * ROTA_EINFEASIBLE (a target no staffing can meet).
 */
int rota_plan_staffing(struct rota_plan *pl, int32_t monday,
		       struct rota_staffing_week *out,
		       struct rota_error *err);
void rota_staffing_week_release(struct rota_staffing_week *w);

/* ------------------------------------------------------------ a week */

/* Days of history read before Monday (rest, consecutive days, weekends). */
#define ROTA_PLAN_HISTORY_DAYS 28

struct rota_plan_week_opts {
	/* the contracts' overtime allowance: -1 the site's allow_overtime,
	 * 0 never, 1 always (re-planning and substitutes) */
	int overtime;
};

#define ROTA_PLAN_WEEK_OPTS_INIT {-1}

/*
 * The roster problem of the week starting on `monday`, as `rota schedule`
 * solves it and the checker, coverage and imports judge it: the dataset,
 * the week's stored requirements, the assignments of the 28 days before
 * (history), leave that counts (core/leave.h: the weekly minimum and
 * maximum minutes and the maximum days lowered by the week's leave; an
 * employee with leave that week is not held to the minimum-block rules),
 * absences (leave of their type on the days they took a shift out,
 * unavailable on their other days; docs/operations.md) and the overtime
 * allowance when allowed (max_week_min becomes soft at
 * overtime_weight per minute, max_total_min the hard cap max_week_min +
 * max_overtime_min).  opt may be NULL.  *out: rota_problem_free().
 */
int rota_plan_week_problem(struct rota_plan *pl, int32_t monday,
			   const struct rota_plan_week_opts *opt,
			   struct rota_problem **out, struct rota_error *err);

/*
 * A stored roster (NULL: an empty one) as a solution of p (no skill
 * allocation: the checker derives its own).  ROTA_EDATA when an assignment
 * does not fit the problem (unknown employee or shift, day outside).
 */
int rota_plan_roster_solution(const struct rota_problem *p,
			      const struct rota_roster *r, int32_t monday,
			      struct rota_solution **out,
			      struct rota_error *err);

/* Number of intervals of p inside the week of `monday` (later ones hold
 * overnight shifts spilling into next week). */
int rota_plan_week_intervals(const struct rota_problem *p,
			     const struct rota_tz *tz, int32_t monday);

/* A stored week judged by the checker. */
struct rota_plan_week {
	int32_t monday;
	struct rota_roster *roster;        /* NULL when none is stored */
	struct rota_problem *problem;
	struct rota_solution *solution;
	struct rota_check_report *report;  /* coverage in report->served */
	int week_T;                        /* rota_plan_week_intervals() */
};

/*
 * Load the stored roster of the week (none: an empty roster, and
 * out->roster NULL; with need_roster, ROTA_ENOTFOUND "no roster for the
 * week of DATE"), build its problem and check it.
 */
int rota_plan_week_load(struct rota_plan *pl, int32_t monday, int need_roster,
			struct rota_plan_week *out, struct rota_error *err);
void rota_plan_week_release(struct rota_plan_week *w);

/*
 * Tell the checker's "asked not to work" sentences of r with the soft time
 * off they come from ("E03 asked for Sat 2026-12-05 to Sun 2026-12-06 off
 * ('weekend off') and works M on Sat 2026-12-05"), so a request reads as
 * it was made.  rota_plan_week_load() and rota_plan_schedule() do it.
 */
void rota_plan_name_requests(const struct rota_plan *pl,
			     const struct rota_problem *p,
			     struct rota_check_report *r);

/* A stretch of consecutive intervals of one skill short of agents. */
struct rota_plan_stretch {
	int skill;
	int first, end;        /* intervals [first, end) */
	int64_t from, to;      /* their instants */
	int most_short;        /* largest shortfall in the stretch */
	long agent_min;        /* agent-minutes missing */
};

/*
 * The understaffed stretches among the first week_T intervals, by skill
 * then time, from an allocation served[t * n_skills + k] (the checker's,
 * so every report agrees).  only_skill >= 0 keeps one skill.  *out:
 * free() (NULL when none).
 */
int rota_plan_understaffed(const struct rota_problem *p, const double *served,
			   int week_T, int only_skill,
			   struct rota_plan_stretch **out, size_t *n,
			   struct rota_error *err);

/* ------------------------------------------------------------ schedule */

struct rota_plan_schedule_opts {
	struct rota_solve_options solve;
	const char *lp_path;     /* write the model as CPLEX LP first */
	const char *mps_path;    /* ... and / or as free MPS */
	const char *by;          /* recorded with the version */
	const char *reason;
	/* re-planning a week that has a roster (docs/operations.md) */
	int64_t from;            /* > 0: re-plan from this instant on */
	int fresh;               /* re-solve from scratch (frozen time kept) */
	int max_changes;         /* hard cap on changed employee-days;
				    ROTA_UNSET: none */
	int force;               /* change inside the notice window */
};

#define ROTA_PLAN_SCHEDULE_OPTS_INIT                                         \
	{ROTA_SOLVE_OPTIONS_INIT, NULL, NULL, "", "", 0, 0, ROTA_UNSET, 0}

struct rota_plan_schedule {
	struct rota_problem *problem;
	struct rota_solution *solution;
	struct rota_check_report *report;  /* the checker's verdict */
	struct rota_roster *roster;        /* as stored */
	int week_T;
	int version;       /* live version after the call */
	int changes;       /* employee-days changed from the previous one */
	int people;        /* employees with at least one shift */
	struct rota_plan_notes notes;
	/* when the week had a roster before the call */
	int had_roster;    /* 1: the fields below are meaningful */
	int replanned;     /* 1: minimal-change re-plan (reference, change
			      weight); 0: solved afresh */
	int64_t from;      /* nothing starting before it was changed */
	struct rota_roster_change *diff;   /* old -> new, by employee, day */
	size_t n_diff;
	/* understaffed agent-minutes of the week per skill [k] (the
	 * checker's allocation), of the previous roster (without the shifts
	 * its employees can no longer work: time off, absences) and of the
	 * new one */
	long *short_before, *short_after;
};

/*
 * Build the roster of the week: refresh its staffing, build its problem,
 * solve it, have the checker vouch for it and store it as a new roster
 * version through rota_plan_commit().  A roster the checker finds breaking
 * a hard rule is not stored (ROTA_ESOLVER).  ROTA_EINFEASIBLE names the
 * employee and the rules in conflict.  Notes: a week without a forecast or
 * without requirements, a published roster changed.
 *
 * A week without a roster is solved whole (kind "solve").  A week with one
 * keeps frozen time: nothing starting before `from` changes (pins from
 * rota_problem_freeze), where `from` is opt->from, at the earliest now, and
 * for a published week now + the notice window unless opt->force (a note
 * says when the window moved it).  Then
 *   - opt->from, or a published week without opt->fresh: minimal-change
 *     re-plan (kind "replan"): the live roster is the reference, every
 *     changed employee-day costs the site's change_weight, opt->max_changes
 *     caps them, and the contracts' overtime allowance may be used;
 *   - otherwise (a draft, or opt->fresh): solved afresh after the frozen
 *     time (kind "solve"; with opt->max_changes the cap holds, at no cost
 *     per change).
 * An unchanged shift keeps its stored skill.  ROTA_ECONFLICT when opt->from
 * is in the past; ROTA_EINVAL when it is after the week; ROTA_ENOTFOUND
 * for opt->from or opt->max_changes on a week without a roster.
 */
int rota_plan_schedule(struct rota_plan *pl, int32_t monday,
		       const struct rota_plan_schedule_opts *opt,
		       struct rota_plan_schedule *out,
		       struct rota_error *err);
void rota_plan_schedule_release(struct rota_plan_schedule *s);

/* ------------------------------------------------------ roster versions */

/* Every version of the week's roster, oldest first (*out: free());
 * ROTA_ENOTFOUND when the week has no roster. */
int rota_plan_roster_history(struct rota_plan *pl, int32_t monday,
			     struct rota_roster_version **out, size_t *n,
			     struct rota_error *err);

/* What changed between two versions of a week's roster. */
struct rota_plan_diff {
	int32_t week;
	int from_version, to_version;
	struct rota_roster_change *changes;  /* by employee, then day */
	size_t n;
};

/*
 * The employee-days that differ from version v1 to version v2 of the
 * week's roster (0: the live version).  ROTA_ENOTFOUND naming the week or
 * the version when one does not exist; ROTA_EINVAL for a negative one.
 */
int rota_plan_roster_diff(struct rota_plan *pl, int32_t monday, int v1,
			  int v2, struct rota_plan_diff *out,
			  struct rota_error *err);
void rota_plan_diff_release(struct rota_plan_diff *d);

/* ------------------------------------------------------------ publish */

/* alarm_min / organizer: what the last publication used (remembered) */
#define ROTA_PLAN_REMEMBERED (-2)

struct rota_plan_publish_opts {
	const char *out_dir;     /* where the .ics files go */
	const char *team;        /* only this team (NULL: all) */
	const char *employee;    /* only this employee (NULL: all) */
	int alarm_min;           /* VALARM minutes before; -1 none;
				    ROTA_PLAN_REMEMBERED */
	const char *organizer;   /* ORGANIZER e-mail; "" none; NULL:
				    remembered */
	int refresh_min;         /* REFRESH-INTERVAL, minutes */
	int force;               /* publish a roster breaking hard rules */
};

#define ROTA_PLAN_PUBLISH_OPTS_INIT                                          \
	{NULL, NULL, NULL, ROTA_PLAN_REMEMBERED, NULL, 60, 0}

struct rota_plan_publish {
	struct rota_cal_counts counts;   /* events of the week */
	int people, teams;               /* feeds rendered */
	int files_written, files_unchanged;
	int32_t week;
	int alarm_min;                   /* used: -1 none */
	char organizer[ROTA_SETTING_MAX];  /* used: "" none */
	struct rota_plan_notes notes;    /* skipped files, forced */
};

/*
 * Publish the stored roster of the week as iCalendar feeds (one per
 * employee, one per team) in opt->out_dir: reconcile it with what was
 * published before (stable UIDs, SEQUENCE raised for changed events,
 * removed shifts CANCELLED), store the publication records and write
 * every feed of the selected people and their teams atomically.  The whole
 * week (no team or employee filter) marks the roster published.
 *
 * A roster the checker finds breaking a hard rule is refused
 * (ROTA_ECONFLICT "... breaks 2 hard rules (rota roster --check lists
 * them): not published (--force publishes it anyway)") unless opt->force.
 * The alarm and organizer given replace the remembered ones (the store's
 * settings publish.alarm_min and publish.organizer), which are used when
 * they are not given.  UIDs take the domain fixed at the site's first
 * publication (calendar.uid_domain; for a database published before it
 * existed, the domain of its latest publication), so renaming the site
 * keeps them.  SEQUENCE also rises when the text of an event changes
 * (names, the site, the organizer, the alarm: rota_cal_text_hash).
 * ROTA_ENOTFOUND for a week without a roster or an unknown team/employee.
 */
int rota_plan_publish(struct rota_plan *pl, int32_t monday,
		      const struct rota_plan_publish_opts *opt,
		      struct rota_plan_publish *out, struct rota_error *err);
void rota_plan_publish_release(struct rota_plan_publish *p);

/* ------------------------------------------------------------ imports */

struct rota_plan_import_opts {
	int replace_week;    /* the file's weeks replace the stored ones
				whole (else only the file's employees change) */
	int force;           /* changes inside the notice window */
	const char *by;      /* recorded with the versions */
	const char *reason;
	const char *encoding;  /* the file's, NULL: UTF-8 (iconv name) */
};

#define ROTA_PLAN_IMPORT_OPTS_INIT {0, 0, "", "", NULL}

/*
 * A roster.csv (rota_store_roster_read) as a new version (kind "import")
 * of each week it holds, all in one transaction through
 * rota_plan_commit(): frozen time and the notice window apply, and only
 * the employees with a row in the file for a week change in it (their
 * days without a row become days off), unless opt->replace_week.  stats
 * (may be NULL): rows added, updated, unchanged, shifts removed (within
 * the scope), the weeks, ignored columns.  Notes: published weeks
 * changed.  Errors as rota_store_roster_read and rota_plan_commit, the
 * file's label first; nothing is stored then.
 */
int rota_plan_import_roster(struct rota_plan *pl, const char *path,
			    const char *label,
			    const struct rota_plan_import_opts *opt,
			    struct rota_import_stats *stats,
			    struct rota_plan_notes *notes,
			    struct rota_error *err);

/*
 * Time off from an iCalendar file (calendar/calendar.h says how events
 * are read), stored in one transaction; employee (an id) or else the
 * ATTENDEE / ORGANIZER e-mail names whose it is.  stats gets the counts,
 * *n_periods the periods read and *skipped the cancelled or empty events.
 */
int rota_plan_import_timeoff_ics(struct rota_plan *pl, const char *path,
				 const char *employee,
				 struct rota_import_stats *stats,
				 size_t *n_periods, size_t *skipped,
				 struct rota_error *err);

/* 1 when path names an iCalendar file (.ics, or BEGIN:VCALENDAR first). */
int rota_plan_path_is_ics(const char *path);

/* ====================================================================
 * The operating loop: absences, substitutes, swaps, time off
 * (docs/operations.md).  Every roster change below is a new version made
 * through rota_plan_commit(): started shifts are never touched, and the
 * notice window needs force except where said.
 * ==================================================================== */

/* ------------------------------------------------------------ absences */

struct rota_plan_absence_opts {
	const char *employee;
	int64_t from, to;        /* [from, to) UTC */
	const char *type;        /* a leave type of the site ("sick") */
	const char *reason;      /* may be NULL */
	const char *by;          /* may be NULL */
};

struct rota_plan_absence {
	int64_t id;                        /* the absence recorded */
	struct rota_assignment *removed;   /* taken out: open shifts */
	size_t n_removed;
	struct rota_assignment *kept;      /* had started: kept, reported */
	size_t n_kept;
	int versions;                      /* roster versions added */
	struct rota_plan_notes notes;      /* published weeks changed */
};

/*
 * Record an unplanned absence (table absence) and take the employee's
 * shifts that overlap it and have not started out of the live roster: one
 * version of kind "absence" per week, linked to the absence (absence_shift,
 * so attendance reports them as excused).  The notice window does not
 * apply (an absence is a fact); shifts that had started stay and are
 * reported in out->kept.  One transaction.  Errors: ROTA_ENOTFOUND (no
 * such employee), ROTA_EINVAL (unknown leave type, naming the known ones;
 * an empty or over-31-day period).
 */
int rota_plan_absence_add(struct rota_plan *pl,
			  const struct rota_plan_absence_opts *opt,
			  struct rota_plan_absence *out,
			  struct rota_error *err);
void rota_plan_absence_release(struct rota_plan_absence *a);

/* ---------------------------------------------------------- substitutes */

/*
 * rota_plan_cover() finds who can take an open shift: a shift an absence
 * took out (uncovered), or a shift its owner can no longer work (leave
 * approved after it was rostered).  Every employee is judged by the
 * checker (rota_check) on the week's problem with the overtime allowance;
 * its hard-rule sentences are the reasons someone is excluded.  Beside
 * direct fills, one-move chains are found by a small MIP around the hole:
 * X takes the open shift and gives up a day of theirs, Y may take X's
 * place.  Candidates are ranked by cost (lower is better; ties by fewer
 * changes, then employee id):
 *
 *   cost = coverage  (the checker's under- and overstaffing terms after
 *                     the move minus before: regained shortage is negative)
 *        + rules     (soft rule penalties, requests and paid-time cost of
 *                     the people moved, after minus before; overtime costs
 *                     the contract's overtime_weight per minute)
 *        + fairness  (change_weight x substitute shifts each person gaining
 *                     a working day already took this month)
 *        + disruption (change_weight x employee-days changed beyond the
 *                     fill itself)
 *
 * with change_weight from site.ini [operations] (default 50).
 */

#define ROTA_PLAN_CHAIN_MAX 3     /* employee-days a candidate changes */
#define ROTA_PLAN_REASON_MAX 512

struct rota_plan_cover_opts {
	int limit;             /* candidates returned, best first (10) */
	int chains;            /* one-move chains too: 1 enumerated, 2 by a
				  small MIP each (slower; for comparison),
				  0 none */
	int max_chain_x;       /* employees tried as X in chains (64) */
	const char *explain;   /* employee to explain (NULL: none) */
	int force;             /* chains may move shifts in the notice window */
	const char *skill;     /* understaffed-day holes: the skill (NULL:
				  every skill) */
};

#define ROTA_PLAN_COVER_OPTS_INIT {10, 1, 64, NULL, 0, NULL}

struct rota_plan_candidate {
	int rank;                              /* 1 = best */
	char employee[ROTA_ID_MAX];            /* who takes the open shift */
	char name[ROTA_NAME_MAX];
	struct rota_assignment fill;           /* the shift as they work it */
	struct rota_roster_change changes[ROTA_PLAN_CHAIN_MAX];
	int n_changes;                         /* the fill first */
	int overtime_min;                      /* overtime the move adds */
	int extra_month;                       /* substitute shifts the filler
						  took this month before */
	long regained_min;                     /* agent-minutes of shortage
						  regained (all skills) */
	double cost, cost_coverage, cost_rules, cost_fair, cost_changes;
	char reasons[ROTA_PLAN_REASON_MAX];    /* why it ranks there */
};

struct rota_plan_hole {
	char employee[ROTA_ID_MAX];      /* whose shift it was; "" for an
					    understaffed day */
	int32_t day;
	struct rota_assignment shift;    /* the open shift (shift "" for an
					    understaffed day) */
	int64_t open_assignment_id;      /* the absence's closed row, or 0 */
	int owner_keeps;                 /* 1: still in the live roster (its
					    owner is on leave): applying a
					    candidate takes it from them */
	char why[128];                   /* "sick (absence 3)", ... */
};

struct rota_plan_cover {
	struct rota_plan_hole hole;
	struct rota_plan_candidate *cand;  /* best first */
	size_t n_cand;                     /* returned (at most limit) */
	size_t n_found;                    /* candidates found */
	int n_excluded;                    /* employees a hard rule excludes */
	int n_chains_tried;                /* employees tried as X */
	long checks, full_checks;          /* checker runs: rules alone, the
					      whole week */
	struct rota_plan_notes explain;    /* opt->explain's verdict */
	struct rota_plan_notes notes;
};

/*
 * Candidates for `employee`'s open shift on local day `day`, or, with
 * employee NULL, for the understaffing of that day (opt->skill, any shift
 * type).  ROTA_ENOTFOUND: no such employee, no roster that week, no open
 * shift of theirs that day ("A001 has no open shift on 2026-12-02");
 * ROTA_ECONFLICT: it is covered already ("... is covered by A017
 * (version 5)") or has started.
 */
int rota_plan_cover(struct rota_plan *pl, const char *employee, int32_t day,
		    const struct rota_plan_cover_opts *opt,
		    struct rota_plan_cover *out, struct rota_error *err);

/*
 * Apply candidate `rank` of c as a new version of kind "substitute"
 * (meta->by and meta->reason are kept; kind is set here) and record the
 * substitute (table substitute).  The fill itself may be inside the notice
 * window (covering at short notice is what it is for); moving anyone
 * else's shift there needs force.  ROTA_EINVAL for a rank out of range.
 */
int rota_plan_cover_apply(struct rota_plan *pl, const struct rota_plan_cover *c,
			  int rank, const struct rota_version_meta *meta,
			  int force, int *version,
			  struct rota_plan_notes *notes, struct rota_error *err);
void rota_plan_cover_release(struct rota_plan_cover *c);

/* An open shift of a week, or an understaffed day and skill, with its best
 * candidate. */
struct rota_plan_open {
	char employee[ROTA_ID_MAX];      /* "" for an understaffed day */
	int32_t day;
	struct rota_assignment shift;    /* the open shift (shift "") */
	char why[128];
	int skill;                       /* understaffed: the skill */
	long short_min;                  /* agent-minutes missing */
	int has_best;
	struct rota_plan_candidate best;
	size_t n_found;                  /* candidates for it */
};

/*
 * The open shifts of the week (shifts absences or approved time off took
 * out, and live shifts of people now on leave, nobody covers yet) and its
 * understaffed days per skill, each with its best candidate (chains as
 * opt says).  *out: free().
 */
int rota_plan_cover_open(struct rota_plan *pl, int32_t monday,
			 const struct rota_plan_cover_opts *opt,
			 struct rota_plan_open **out, size_t *n,
			 struct rota_error *err);

/* ---------------------------------------------------------------- swaps */

struct rota_plan_swap_opts {
	const char *a, *b;        /* employees */
	int32_t day_a, day_b;     /* day_b < 0: the same day as day_a */
	const char *by, *reason;
	int force;                /* the notice window */
};

#define ROTA_PLAN_SWAP_OPTS_INIT {NULL, NULL, 0, -1, NULL, NULL, 0}

struct rota_plan_swap {
	struct rota_roster_change changes[4];  /* employee-days changed */
	int n_changes;
	int given;                /* 1: A gave the shift away (B had none) */
	int version;
	/* ROTA_ECONFLICT from the checker: the hard rules the swap breaks */
	struct rota_plan_notes broken;
	struct rota_plan_notes notes;
};

/*
 * Exchange A's shift on day_a with B's on day_b (B's on day_a when day_b
 * is -1), or give A's to B when B has none there; the whole week (each
 * week touched) is judged by the checker first.  A refusal is
 * ROTA_ECONFLICT with out->broken holding the checker's sentences for A
 * and B (release out even then).  Applied as a version of kind "swap".
 * ROTA_ENOTFOUND when A has no shift on day_a.
 */
int rota_plan_swap(struct rota_plan *pl, const struct rota_plan_swap_opts *opt,
		   struct rota_plan_swap *out, struct rota_error *err);
void rota_plan_swap_release(struct rota_plan_swap *s);

/* ------------------------------------------------------------- time off */

/* What granting a period of time off means. */
struct rota_plan_timeoff_impact {
	struct rota_plan_notes broken;    /* site rules it breaks (notice,
					     blackout, people off per team or
					     skill) */
	struct rota_plan_notes shifts;    /* live shifts it overlaps, and
					     whether their week is published */
	struct rota_plan_notes coverage;  /* intervals that become short per
					     skill if those shifts go */
	long short_min;                   /* agent-minutes they would miss */
};

struct rota_plan_timeoff_opts {
	const char *employee;
	int64_t from, to;
	const char *type;
	const char *reason;
	const char *by;          /* who decides (approve, deny, cancel) */
	int force;               /* approve although a rule is broken */
	int auto_approve;        /* request: approve when inside every rule
				    (also when the site's auto_approve) */
};

struct rota_plan_timeoff {
	struct rota_timeoff_record record;   /* as stored after the call */
	struct rota_plan_timeoff_impact impact;
	int auto_approved;
	/* approved: the live shifts taken out of the roster (open shifts
	   now) in `versions` versions of kind "timeoff"; cancelled after
	   approval: the shifts it took out that nobody covers yet (they
	   stay out of the roster) */
	struct rota_assignment *removed;
	size_t n_removed;
	int versions;
	struct rota_plan_notes notes;        /* published weeks changed, ... */
};

/*
 * Request time off (pending), judged against the site's rules ([timeoff]:
 * minimum notice, people off per team and per skill per day, blackout
 * dates) and the live roster; approved at once (as
 * rota_plan_timeoff_decide approves) when opt->auto_approve or the site's
 * auto_approve, no rule is broken and no shift it overlaps has started or
 * starts within the notice window (a note says so otherwise).  ROTA_EINVAL for an
 * unknown leave type or an empty period, ROTA_ENOTFOUND for an unknown
 * employee, ROTA_ECONFLICT for a period already asked for.
 */
int rota_plan_timeoff_request(struct rota_plan *pl,
			      const struct rota_plan_timeoff_opts *opt,
			      struct rota_plan_timeoff *out,
			      struct rota_error *err);

/*
 * Decide request id: "approved" (refused with ROTA_ECONFLICT while a site
 * rule is broken, unless opt->force; out->impact says which), "denied", or
 * "cancelled" (pending or approved time off).  opt->by and opt->reason are
 * recorded.  The impact is filled for every decision.
 *
 * Approval takes the live shifts the period overlaps out of the roster,
 * as versions of kind "timeoff" (by, reason) through rota_plan_commit():
 * ROTA_ECONFLICT when one has started (past time is frozen, force or not)
 * or starts within the notice window without opt->force.  They become open
 * shifts (rota_store_open_shifts) listed in out->removed.  Cancelling
 * approved time off puts nothing back: out->removed lists the shifts it
 * took out that nobody covers yet.  On error nothing is changed.
 */
int rota_plan_timeoff_decide(struct rota_plan *pl, int64_t id,
			     const char *status,
			     const struct rota_plan_timeoff_opts *opt,
			     struct rota_plan_timeoff *out,
			     struct rota_error *err);
void rota_plan_timeoff_release(struct rota_plan_timeoff *t);

/*
 * The impact of time off for employee over [from, to) (type for the
 * messages): rules broken, live shifts overlapped, coverage lost.  Used by
 * the two above and after imports (rota import reports leave that overlaps
 * published shifts).
 */
int rota_plan_timeoff_impact(struct rota_plan *pl, const char *employee,
			     int64_t from, int64_t to, int64_t ignore_id,
			     struct rota_plan_timeoff_impact *out,
			     struct rota_error *err);
void rota_plan_timeoff_impact_release(struct rota_plan_timeoff_impact *i);

/*
 * Approved leave that overlaps live shifts not started yet, one note per
 * shift ("A001's Early shift on Wed 2026-12-02 (08:00) overlaps annual
 * leave (time off 7) in a published week: cover it (rota cover A001 --date
 * 2026-12-02) or re-plan").  rota import reports them after time off.
 */
int rota_plan_leave_overlaps(struct rota_plan *pl,
			     struct rota_plan_notes *notes,
			     struct rota_error *err);

/* ------------------------------------------------ subscribed feeds */

/*
 * A calendar feed as a subscriber gets it (rota serve): what was
 * published (the publication records rota_plan_publish() keeps), never the
 * unpublished live roster, so a subscription and a published .ics file of
 * the same person say the same thing.  The window is the ISO weeks from
 * weeks_back before the week of `now` to weeks_ahead after it.  The same
 * records and window always give the same bytes.
 */
struct rota_plan_feed_opts {
	const char *employee;    /* one person's feed, or */
	const char *team;        /* a team's (every member, names shown) */
	int weeks_back;          /* default 4 */
	int weeks_ahead;         /* default 8 */
	int alarm_min;           /* personal feeds: VALARM; -1 none;
				    ROTA_PLAN_REMEMBERED: rota publish's */
	const char *organizer;   /* NULL: rota publish's remembered one */
	int refresh_min;         /* REFRESH-INTERVAL */
};

/* By default a feed has the alarm and organizer rota publish remembers,
 * so it says what the published file says. */
#define ROTA_PLAN_FEED_OPTS_INIT {NULL, NULL, 4, 8, ROTA_PLAN_REMEMBERED, \
				  NULL, 60}

struct rota_plan_feed {
	char *text;              /* the VCALENDAR, NUL-terminated */
	size_t len;
	size_t n_events;
	int64_t last_modified;   /* latest publication in it; 0 none */
};

/* ROTA_ENOTFOUND for an unknown employee or a team nobody is in. */
int rota_plan_feed(struct rota_plan *pl, const struct rota_plan_feed_opts *opt,
		   struct rota_plan_feed *out, struct rota_error *err);
void rota_plan_feed_release(struct rota_plan_feed *f);

/* ------------------------------------------------ coverage graph */

/*
 * The coverage of a loaded week (rota_plan_week_load) as a standalone SVG
 * image: one panel per skill, required agents as a line and scheduled as
 * bars per interval, short intervals marked in red below the bars, days
 * labelled with their dates.  Deterministic; *out: free().
 */
int rota_plan_coverage_svg(const struct rota_plan *pl,
			   const struct rota_plan_week *w, char **out,
			   size_t *len, struct rota_error *err);

/* ------------------------------------------------------ generated sites */

/*
 * A generated contact-centre site for benchmarks (plan/sitegen.c
 * describes it): the files `rota import DIR` reads, written into dir
 * (created when missing; files of the same names are replaced).  The same
 * options give the same files byte for byte.
 */
struct rota_sitegen_opts {
	int agents;        /* 1..100000 */
	int seed;
	int32_t monday;    /* the forecast's week (a Monday) */
};

int rota_plan_sitegen(const struct rota_sitegen_opts *opts, const char *dir,
		      struct rota_error *err);

#endif
