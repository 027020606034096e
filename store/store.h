/*
 * store/store.h - rota's database: schema, imports, rosters, clock records.
 *
 * A struct rota_store is one open SQLite database (WAL, foreign keys on,
 * busy timeout, STRICT tables), brought to the current schema when opened.
 * Writes happen in transactions: a function that fails leaves the database as
 * it was.  Clock records are append-only (triggers refuse UPDATE and DELETE).
 *
 * Ownership: rota_store_open() returns a store the caller closes with
 * rota_store_close() (NULL is fine).  Loaded data (struct rota_dataset, arrays)
 * belongs to the caller, released with the matching *_free / *_release.
 * Every function returns 0 or a negative enum rota_status and fills the
 * optional struct rota_error; on error, out-parameters are untouched.
 */
#ifndef ROTA_STORE_H
#define ROTA_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/model.h"

struct rota_store;
struct rota_tz;

/* ------------------------------------------------------ open and schema */

/* Schema version this build writes (PRAGMA user_version). */
#define ROTA_SCHEMA_VERSION 13

enum rota_store_flags {
	ROTA_STORE_CREATE = 1,    /* create the file when missing */
	ROTA_STORE_READONLY = 2,  /* open read-only (no migration) */
};

/*
 * Open (and migrate) the database at path.  Without ROTA_STORE_CREATE a
 * missing file is ROTA_ENOTFOUND ("run 'rota init'").  A database written by a
 * newer rota is ROTA_EVERSION and is not modified.
 */
int rota_store_open(const char *path, int flags, struct rota_store **out,
		    struct rota_error *err);
void rota_store_close(struct rota_store *st);

/* user_version of the open database. */
int rota_store_schema_version(struct rota_store *st);

/*
 * Explicit transactions for callers that group several writes (e.g. importing
 * a directory).  Nested calls are counted: only the outermost commit commits.
 * begin uses BEGIN IMMEDIATE so writers queue on the busy timeout instead of
 * failing later.
 */
int rota_store_begin(struct rota_store *st, struct rota_error *err);
int rota_store_commit(struct rota_store *st, struct rota_error *err);
void rota_store_rollback(struct rota_store *st);

/* ------------------------------------------------------------------ site */

/*
 * Create or update the site row.  Returns ROTA_EDATA for an unknown time zone
 * or an interval other than 15, 30 or 60.
 */
int rota_store_site_set(struct rota_store *st, const struct rota_site *site,
			struct rota_error *err);
/* ROTA_ENOTFOUND when the database has no site yet. */
int rota_store_site_get(struct rota_store *st, struct rota_site *out,
			struct rota_error *err);

/*
 * Load everything about the site (site, skills, contracts, employees, shift
 * templates, time off) into ds, which the caller releases with
 * rota_dataset_release().  Arrays are sorted by id/code (skills by name) so
 * the result is deterministic.
 */
int rota_store_load(struct rota_store *st, struct rota_dataset *ds,
		    struct rota_error *err);

/* ---------------------------------------------------------------- import */

/* Counts an import reports. */
#define ROTA_IMPORT_MAX_WEEKS 53

struct rota_import_stats {
	int added, updated, unchanged, skipped;
	char extra_columns[256];  /* ignored header names, comma-separated */
	/* roster.csv: assignments of the stored week dropped because the
	 * file no longer has them, and the weeks (Monday day numbers) the
	 * file holds, in date order */
	int removed;
	int n_weeks;
	int32_t weeks[ROTA_IMPORT_MAX_WEEKS];
};

enum rota_import_kind {
	ROTA_IMPORT_SITE,       /* site.ini */
	ROTA_IMPORT_CONTRACTS,  /* contracts.csv */
	ROTA_IMPORT_STAFF,      /* staff.csv */
	ROTA_IMPORT_SHIFTS,     /* shifts.csv */
	ROTA_IMPORT_FORECAST,   /* forecast.csv */
	ROTA_IMPORT_TIMEOFF,    /* timeoff.csv */
	ROTA_IMPORT_ROSTER,     /* roster.csv */
	ROTA_IMPORT_PUNCHES,    /* punches.csv */
	ROTA_IMPORT_KPIS,       /* kpis.csv */
	ROTA_IMPORT_HOLIDAYS,   /* holidays.csv */
	ROTA_IMPORT_OVERTIME,   /* overtime.csv (approvals) */
	ROTA_IMPORT_KIND_COUNT
};

/* "staff" -> ROTA_IMPORT_STAFF, or -1.  Name and default file name of a kind. */
int rota_import_kind_find(const char *name);
const char *rota_import_kind_name(int kind);
const char *rota_import_kind_file(int kind);

/*
 * Import one file of the given kind inside one transaction (joining the
 * caller's when one is open).  `label` is the name used in messages (usually
 * the path as given).  Errors are ROTA_EDATA with "FILE:LINE: column 'x': ..."
 * and nothing is written.  Re-importing the same file changes nothing.
 */
int rota_store_import_file(struct rota_store *st, int kind, const char *path,
			   const char *label, struct rota_import_stats *stats,
			   struct rota_error *err);

/*
 * The same for a file in another encoding than UTF-8 (an iconv name such as
 * "gb18030"; NULL: UTF-8), converted in memory before it is read.  A bad
 * name is ROTA_EINVAL; a byte that is not of the encoding ROTA_EDATA naming
 * the line.  Without an encoding, a file that is not UTF-8 but reads as
 * GB18030 is ROTA_EDATA saying so and naming --encoding gb18030.
 */
int rota_store_import_encoded(struct rota_store *st, int kind,
			      const char *path, const char *label,
			      const char *encoding,
			      struct rota_import_stats *stats,
			      struct rota_error *err);

/* --------------------------------------------------------------- rosters */

/*
 * Rosters are versioned (docs/operations.md): a week's roster has a live
 * version and every earlier one stays readable.  A change never rewrites an
 * assignment: it closes the live row and adds the new one, and a
 * roster_version row records who made the version, when, why (kind and
 * reason) and how many employee-days it changed.  Nothing is ever deleted.
 */

/* Who, why and when of a new version. */
struct rota_version_meta {
	const char *kind;     /* "solve", "replan", "substitute", "swap",
				 "edit", "import", "absence", "timeoff";
				 NULL: from the roster's origin */
	const char *by;       /* who made it ("" unknown) */
	const char *reason;   /* why, free text */
	int64_t at;           /* when (UTC); 0: the roster's created_at */
	int64_t absence_id;   /* kind "absence": the absence whose shifts
				 this version takes out (absence_shift) */
	int64_t timeoff_id;   /* kind "timeoff": the approved time off whose
				 shifts this version takes out
				 (timeoff_shift) */
};

#define ROTA_VERSION_META_INIT {NULL, "", "", 0, 0, 0}

/*
 * Make r the live roster of its week, as a new version, in one
 * transaction.  scope (n_scope employee ids; NULL = everyone) limits the
 * change to those employees: their live assignments are replaced by r's,
 * everyone else's are kept; r must hold no assignment outside the scope
 * (ROTA_EINVAL).  When nothing differs from the live roster no version is
 * added (only the roster's statistics are updated) and *changes is 0.
 * *version (may be NULL) receives the live version number after the call,
 * *changes (may be NULL) the employee-days that changed.  Every
 * assignment's employee, shift and skill must exist and its day fall in
 * the week, and an employee has one shift a day (ROTA_EDATA naming them
 * otherwise); nothing is written then.  The roster's status (draft or
 * published) is kept.
 */
int rota_store_roster_commit(struct rota_store *st, const struct rota_roster *r,
			     const char *const *scope, size_t n_scope,
			     const struct rota_version_meta *meta,
			     int *version, int *changes,
			     struct rota_error *err);

/* rota_store_roster_commit(st, r, NULL, 0, NULL, NULL, NULL, err): the
 * whole week, kind from r->origin ("solver": solve, else import). */
int rota_store_roster_save(struct rota_store *st, const struct rota_roster *r,
			   struct rota_error *err);

/*
 * Load the live roster of the week whose Monday is day number `week` into a
 * new struct the caller frees with rota_roster_free(); r->version is the
 * live version and r->published_version the last one published (0 never).
 * ROTA_ENOTFOUND when the week has no roster.
 */
int rota_store_roster_load(struct rota_store *st, int32_t week,
			   struct rota_roster **out, struct rota_error *err);

/* The same for an earlier version (ROTA_ENOTFOUND when there is none);
 * solver statistics are those of the live version, so has_stats is 0. */
int rota_store_roster_load_version(struct rota_store *st, int32_t week,
				   int version, struct rota_roster **out,
				   struct rota_error *err);

/* One version of a week's roster. */
struct rota_roster_version {
	int32_t week;
	int version;
	int64_t created_at;
	char kind[16];
	char by[ROTA_NAME_MAX];
	char reason[256];
	int changes;               /* employee-days changed from the previous */
	char solver_status[32];
	int has_objective;
	double objective;
	int published;             /* the version last published */
	int live;                  /* the live version */
};

/* Every version of the week's roster, oldest first (*out: free()).
 * ROTA_ENOTFOUND when the week has no roster. */
int rota_store_roster_history(struct rota_store *st, int32_t week,
			      struct rota_roster_version **out, size_t *n,
			      struct rota_error *err);

/*
 * Read a roster.csv (docs/roster.md) without storing anything: its rows,
 * checked against the site (employees, templates, skills, times matching
 * the templates, one shift a day), as one roster per ISO week in date
 * order (status "draft", origin "import", created_at 0, assignments sorted
 * by employee then day).  ROTA_EDATA "FILE:LINE: column 'x': ..." for a
 * bad row or more than ROTA_IMPORT_MAX_WEEKS weeks.  Storing is a workflow
 * (rota_plan_import_roster): rota_store_import_file() refuses the roster
 * kind with ROTA_EINVAL.  encoding as rota_store_import_encoded (NULL:
 * UTF-8).  Release *out with rota_roster_file_release().
 */
struct rota_roster_file {
	struct rota_roster *weeks;
	size_t n_weeks;
	char extra_columns[256];   /* ignored header names, comma-separated */
};

int rota_store_roster_read(struct rota_store *st, const char *path,
			   const char *label, const char *encoding,
			   struct rota_roster_file *out,
			   struct rota_error *err);
void rota_roster_file_release(struct rota_roster_file *f);

/* Set a stored roster's status ("draft" or "published"); "published" also
 * records the live version as the one published. */
int rota_store_roster_set_status(struct rota_store *st, int32_t week,
				 const char *status, struct rota_error *err);

/*
 * Live assignments of every stored roster whose shift starts in [from, to)
 * (UTC), optionally only one employee's (employee_id NULL = everyone),
 * sorted by employee then start.  *out is malloc'ed (NULL when none); free()
 * it.
 */
int rota_store_assignments_range(struct rota_store *st, int64_t from,
				 int64_t to, const char *employee_id,
				 struct rota_assignment **out, size_t *n,
				 struct rota_error *err);

/* ------------------------------------------------------- clock records */

/*
 * Clock records are legal records: rows are only ever added.  An original
 * punch comes from rota_store_clock() or an import; corrections are new rows
 * pointing at what they correct (docs/attendance.md).  Every writer runs in
 * BEGIN IMMEDIATE with the busy timeout, so concurrent clock-ins queue and
 * all succeed; a row acknowledged is on disk (synchronous = FULL).
 */

enum rota_punch_action {
	ROTA_PUNCH_ORIGINAL = 0,  /* 'punch': clocked or imported */
	ROTA_PUNCH_ADD = 1,       /* 'add': a forgotten punch */
	ROTA_PUNCH_VOID = 2,      /* 'void': takes `corrects` out */
	ROTA_PUNCH_CORRECT = 3,   /* 'correct': replaces `corrects` */
};

/* "punch", "add", "void", "correct"; NULL when out of range. */
const char *rota_punch_action_name(int action);
/* "in" / "out"; NULL when out of range. */
const char *rota_punch_kind_name(int kind);

/* Longest a work period may last; an in longer before its out is a missing
 * out.  Also how long a clock-in stays open for rota_store_clock(). */
#define ROTA_PUNCH_MAX_PERIOD_S (16 * 3600)

/* One stored row of the punch table. */
struct rota_punch_record {
	int64_t id;
	char employee[ROTA_ID_MAX];
	int64_t at;                   /* UTC; for a void, its target's */
	int kind;                     /* enum rota_punch_kind */
	char timezone[ROTA_TZ_MAX];   /* site zone when recorded */
	char source[ROTA_NAME_MAX];
	int64_t recorded_at;          /* UTC instant the row was written */
	int action;                   /* enum rota_punch_action */
	int64_t corrects;             /* row corrected, 0 = none */
	int64_t superseded_by;        /* void/correct pointing here, 0 = none */
	int effective;                /* counts for attendance */
	char reason[ROTA_NAME_MAX];
	char by[ROTA_NAME_MAX];
};

/*
 * Clock `employee` in or out at instant `at` (UTC), recorded at `now`.
 * Refused with ROTA_ECONFLICT, naming the time of the open punch, when the
 * employee's latest effective punch at or before `at` is of the same kind and
 * less than ROTA_PUNCH_MAX_PERIOD_S older (clocked in twice without clocking
 * out, or out twice without clocking in).  ROTA_ENOTFOUND for an unknown
 * employee or when no site is configured.  On success *out (may be NULL)
 * receives the new row.
 */
int rota_store_clock(struct rota_store *st, const char *employee, int kind,
		     int64_t at, const char *source, int64_t now,
		     struct rota_punch_record *out, struct rota_error *err);

/*
 * May a punch a user dates `at` be clocked at `now`?  Only within the
 * site's clock_tolerance_min of now (site.ini [attendance], default 10):
 * terminals that batch.  Anything else is ROTA_ECONFLICT with a message
 * pointing at a correction (rota_store_punch_add, with reason and author).
 * rota_store_clock() itself takes any instant: callers that let a user
 * choose it (rota clock --at) check it here first.
 */
int rota_store_clock_check(struct rota_store *st, int64_t at, int64_t now,
			   struct rota_error *err);

/* Corrections: reason and by must be non-empty (ROTA_EINVAL).  A row that
 * was already voided or corrected, or is itself a void, is ROTA_ECONFLICT;
 * an unknown id is ROTA_ENOTFOUND. */
int rota_store_punch_add(struct rota_store *st, const char *employee,
			 int kind, int64_t at, const char *reason,
			 const char *by, int64_t now,
			 struct rota_punch_record *out, struct rota_error *err);
int rota_store_punch_void(struct rota_store *st, int64_t id,
			  const char *reason, const char *by, int64_t now,
			  struct rota_punch_record *out,
			  struct rota_error *err);
int rota_store_punch_correct(struct rota_store *st, int64_t id, int64_t at,
			     const char *reason, const char *by, int64_t now,
			     struct rota_punch_record *out,
			     struct rota_error *err);

/* One row by id (ROTA_ENOTFOUND when there is none). */
int rota_store_punch_get(struct rota_store *st, int64_t id,
			 struct rota_punch_record *out,
			 struct rota_error *err);

/*
 * Rows with `at` in [from, to) (UTC), optionally one employee's (NULL =
 * everyone; an unknown employee is ROTA_ENOTFOUND): the effective punches
 * only, or with `all` every row (voids and corrected rows included).  Sorted
 * by employee, instant, id.  *out is malloc'ed (NULL when none); free() it.
 */
int rota_store_punches_list(struct rota_store *st, const char *employee,
			    int64_t from, int64_t to, int all,
			    struct rota_punch_record **out, size_t *n,
			    struct rota_error *err);

/* ------------------------------------------------------- HR settings */

/*
 * The site's attendance and payroll settings (site.ini [attendance] and
 * [payroll]; docs/formats.md), one table: X(name, section, kind, default,
 * min, max, summary).  kind says how site.ini writes the value: BOOL
 * yes|no, MIN whole minutes, HHMM a time of day (stored as minutes after
 * midnight), DAYS a day list such as Sat;Sun (stored as a day mask, bit 0
 * Monday), INT a whole number.  Stored in table hr_setting by name.
 */
#define ROTA_HR_SETTING_MAP(X)                                                 \
	X(break_auto_deduct, attendance, BOOL, 1, 0, 1,                         \
	  "punched minutes inside a shift's unpaid break are not worked")        \
	X(clock_tolerance_min, attendance, MIN, 10, 0, 1440,                    \
	  "how far from now 'rota clock --at' may be")                          \
	X(bradford_window_weeks, attendance, INT, 52, 1, 520,                   \
	  "weeks of the Bradford factor's rolling window")                      \
	X(daily_overtime_after_min, payroll, MIN, 480, 0, 1440,                 \
	  "paid minutes a day past which minutes are overtime (0: none)")       \
	X(weekly_overtime_after_min, payroll, MIN, 2400, 0, 10080,              \
	  "paid minutes an ISO week past which minutes are overtime (0: none)") \
	X(pay_unapproved_overtime, payroll, BOOL, 0, 0, 1,                      \
	  "minutes clocked outside the schedule are paid without approval")     \
	X(night_start, payroll, HHMM, 1320, 0, 1439,                            \
	  "start of the night premium window")                                  \
	X(night_end, payroll, HHMM, 360, 0, 1439,                               \
	  "end of the night premium window (equal to the start: none)")        \
	X(weekend, payroll, DAYS, 96, 0, 127,                                   \
	  "days of the weekend premium")

enum rota_hr_setting {
#define ROTA_X_HR(name, section, kind, def, min, max, summary)                 \
	ROTA_HR_##name,
	ROTA_HR_SETTING_MAP(ROTA_X_HR)
#undef ROTA_X_HR
	ROTA_HR_SETTING_COUNT
};

enum rota_hr_kind { ROTA_HR_BOOL, ROTA_HR_MIN, ROTA_HR_HHMM, ROTA_HR_DAYS,
		    ROTA_HR_INT };

struct rota_hr_settings {
	int v[ROTA_HR_SETTING_COUNT];   /* indexed by enum rota_hr_setting */
};

/* Name, site.ini section, kind, default, bounds and summary of a setting;
 * NULL / 0 when out of range.  rota_hr_setting_find() gives the index of a
 * name, or -1. */
const char *rota_hr_setting_name(int i);
const char *rota_hr_setting_section(int i);
int rota_hr_setting_kind(int i);
int rota_hr_setting_default(int i);
int rota_hr_setting_min(int i);
int rota_hr_setting_max(int i);
const char *rota_hr_setting_summary(int i);
int rota_hr_setting_find(const char *section, const char *name);
/* Every setting at its default. */
void rota_hr_settings_defaults(struct rota_hr_settings *h);

/* The stored settings (defaults for those never set). */
int rota_store_hr_settings(struct rota_store *st,
			   struct rota_hr_settings *out,
			   struct rota_error *err);
/* Store the settings (in the caller's transaction, or one of its own);
 * *changed (may be NULL) counts the values that differed.  ROTA_EDATA for
 * a value out of its bounds. */
int rota_store_hr_settings_set(struct rota_store *st,
			       const struct rota_hr_settings *h, int *changed,
			       struct rota_error *err);

/* -------------------------------------------------------- attendance */

/*
 * The computation is pure (no database): rota_attendance_compute() takes one
 * employee's scheduled shifts and effective punches and returns one row per
 * shift (plus rows for unscheduled work and unattributed punches) with the
 * definitions of docs/attendance.md.  rota_store_attendance() loads what it
 * needs and runs it for every employee asked for.
 */

enum rota_att_row_kind {
	ROTA_ATT_SHIFT = 0,        /* a scheduled shift */
	ROTA_ATT_UNSCHEDULED = 1,  /* a work period overlapping no shift */
	ROTA_ATT_STRAY = 2,        /* an unpaired punch near no shift */
};

enum rota_att_flag {
	ROTA_ATT_LATE = 1,
	ROTA_ATT_EARLY = 2,
	ROTA_ATT_ABSENT = 4,        /* nothing punched, not excused */
	ROTA_ATT_MISSING_IN = 8,    /* an out with no open in */
	ROTA_ATT_MISSING_OUT = 16,  /* an in with no out (or > 16 h) */
	ROTA_ATT_OPEN = 32,         /* a work period still in progress */
	ROTA_ATT_EXCUSED = 64,      /* nothing punched, excused (leave) */
	ROTA_ATT_BREAK_OVERRUN = 128,  /* back from the break after b1 + g */
};

/* Leave types a report can tell apart (absent_excused_<type>). */
#define ROTA_ATT_MAX_LEAVE 32

/*
 * One scheduled shift as attendance sees it: the instants of the shift and
 * of its unpaid break, and the leave that excuses it if nothing is punched.
 * Its paid intervals are P = [start, break_start) + [break_end, end).
 */
struct rota_att_shift {
	int32_t day;                 /* local day it starts on */
	char shift[ROTA_ID_MAX];     /* template code, for reports */
	int64_t start, end;          /* [start, end) UTC */
	int64_t break_start, break_end;  /* the unpaid break, inside the
					  * shift; break_end <= break_start:
					  * no break */
	int excused;                 /* leave type index (< ROTA_ATT_MAX_LEAVE)
				      * of an absence or approved leave
				      * overlapping the shift; -1: none */
};

/* How a punch was used. */
enum rota_att_item_status {
	ROTA_ATT_PAIRED = 0,        /* in or out of a work period */
	ROTA_ATT_NO_IN = 1,         /* an out, missing in */
	ROTA_ATT_NO_OUT = 2,        /* an in, missing out */
	ROTA_ATT_IN_PROGRESS = 3,   /* an in whose out has not come yet */
};

/* A punch as attributed to a row. */
struct rota_att_item {
	int64_t id, at;
	int kind;      /* enum rota_punch_kind */
	int status;    /* enum rota_att_item_status */
};

struct rota_att_row {
	int kind;             /* enum rota_att_row_kind */
	long shift;           /* index into the shifts given; -1 otherwise */
	int64_t start, end;   /* the shift, the period, or the punch (=) */
	int flags;            /* enum rota_att_flag */
	int scheduled_min;    /* |P|; 0 for an excused shift */
	int worked_min, late_min, early_min, overtime_min;
	int covered_min;      /* minutes of P covered by work */
	int break_overrun_min;
	int excused;          /* leave type of an excused shift, else -1 */
	int excused_min;      /* |P| of an excused shift, else 0 */
	int missing;          /* unpaired punches attributed here */
	size_t first_item, n_items;  /* its punches, in time order */
};

struct rota_att_totals {
	long shifts, scheduled_min, worked_min;
	long late_count, late_min, early_count, early_min;
	long absences, missing_punches, overtime_min;
	long covered_min, unscheduled_min;
	long break_overrun_count, break_overrun_min;
	long excused_shifts, excused_min;
	long excused[ROTA_ATT_MAX_LEAVE];   /* excused shifts by leave type */
};

/* Adherence covered_min / scheduled_min, or -1 when nothing was scheduled. */
double rota_att_adherence(const struct rota_att_totals *t);
/* Conformance worked_min / scheduled_min (may exceed 1), or -1. */
double rota_att_conformance(const struct rota_att_totals *t);
/* Punctuality: the share of attended shifts (neither absent nor excused)
 * that were not late, or -1 when none was attended. */
double rota_att_punctuality(const struct rota_att_totals *t);
/* Add one row's figures to t. */
void rota_att_totals_add(struct rota_att_totals *t,
			 const struct rota_att_row *row);

struct rota_att_options {
	int grace_min;         /* site grace, minutes */
	int64_t from, to;      /* report [from, to) UTC: local midnights */
	int64_t now;           /* the report is as of now: later punches are
				* ignored, shifts not ended by now left out,
				* an in less than 16 h before now with no out
				* yet is in progress; INT64_MAX: the data are
				* final */
	int break_auto_deduct; /* 1: punched minutes inside a shift's unpaid
				* break are not worked (site.ini
				* break_auto_deduct, default yes) */
};

#define ROTA_ATT_OPTIONS_INIT {5, INT64_MIN, INT64_MAX, INT64_MAX, 1}

/* One employee's attendance over the range. */
struct rota_attendance {
	struct rota_att_totals total;
	struct rota_att_row *rows;     /* in time order */
	size_t n_rows;
	struct rota_att_item *items;   /* rows[i]'s are contiguous */
	size_t n_items;
};

/*
 * Compute one employee's attendance.  shifts are sorted by start (ties by
 * end) and punches (effective only) by instant then id; both should reach a
 * few days beyond the range so that work near its edges is attributed
 * correctly.  Returns ROTA_EINVAL when an input is not sorted, a shift is
 * empty or its break is not inside it, ROTA_ENOMEM.  out is released with
 * rota_attendance_release().
 */
int rota_attendance_compute(const struct rota_att_shift *shifts,
			    size_t n_shifts, const struct rota_punch *punches,
			    size_t n_punches,
			    const struct rota_att_options *opt,
			    struct rota_attendance *out,
			    struct rota_error *err);
/*
 * Keep only the rows whose start is in [from, to) (items stay where they
 * are) and recompute the totals from them.
 */
void rota_attendance_keep(struct rota_attendance *a, int64_t from,
			  int64_t to);

/* Bradford factor S^2 x D of unplanned absence (docs/attendance.md). */
struct rota_bradford {
	long spells;   /* S */
	long days;     /* D */
	long factor;   /* S * S * D */
};

/*
 * The Bradford factor of one employee's rows (those of the window: compute
 * with opt.from/to set to it).  A scheduled day is a day of unplanned
 * absence when none of its shifts was attended and at least one is absent
 * or excused by a leave type i with unplanned[i] set; days whose shifts are
 * all excused by planned leave are not scheduled days; consecutive days of
 * unplanned absence among the scheduled days are one spell.
 */
void rota_att_bradford(const struct rota_attendance *a,
		       const struct rota_att_shift *shifts,
		       const unsigned char *unplanned,
		       struct rota_bradford *out);
/* Free the arrays of a (not a itself); NULL is fine. */
void rota_attendance_release(struct rota_attendance *a);

struct rota_attendance_report;

struct rota_attendance_query {
	int32_t from, to;      /* local day numbers, both included */
	const char *employee;  /* NULL: everyone */
	const char *team;      /* NULL: every team */
	int detail;            /* keep rows and items (else totals only) */
	int64_t now;           /* as rota_att_options.now */
	/* called once a person is computed, with the rows and items of the
	 * range (even without detail) and the person's shifts, which the
	 * rows' shift indexes point into: a report over many people need not
	 * keep every row (payroll); a negative return stops the report */
	int (*each)(void *ctx, struct rota_attendance_report *r, size_t i,
		    const struct rota_att_shift *shifts,
		    struct rota_error *err);
	void *ctx;
};

#define ROTA_ATTENDANCE_QUERY_INIT {0, 0, NULL, NULL, 0, INT64_MAX, NULL, NULL}

struct rota_attendance_person {
	char id[ROTA_ID_MAX];
	char name[ROTA_NAME_MAX];
	char team[ROTA_ID_MAX];
	struct rota_attendance att;  /* rows' shift indexes point into the
				      * report's shifts */
	struct rota_bradford bradford;  /* over the window ending at `to` */
};

struct rota_attendance_report {
	struct rota_site site;
	struct rota_hr_settings hr;
	int32_t from, to;
	int32_t bradford_from;    /* first day of the Bradford window */
	struct rota_leave_type leave[ROTA_ATT_MAX_LEAVE];  /* by name */
	int n_leave;
	struct rota_attendance_person *people;  /* sorted by id */
	size_t n_people;
	struct rota_att_shift *shifts;          /* rows refer here */
	size_t n_shifts;
};

/*
 * Attendance of every employee matching q (all of them, also those without
 * shifts or punches), with the site's break_auto_deduct and each person's
 * Bradford factor over the window of bradford_window_weeks ending at q.to.
 * The shifts are the live assignments and those an absence took out of the
 * live roster (absence_shift), which are excused with the absence's type;
 * another shift is excused with the type of an absence overlapping it or,
 * failing that, of an approved hard typed time off overlapping it.  An unknown employee,
 * or a team with nobody in it, is ROTA_ENOTFOUND; to < from is
 * ROTA_EINVAL.  *out is freed with rota_attendance_report_free().
 */
int rota_store_attendance(struct rota_store *st,
			  const struct rota_attendance_query *q,
			  struct rota_attendance_report **out,
			  struct rota_error *err);
void rota_attendance_report_free(struct rota_attendance_report *r);

/* ------------------------------------------------- KPIs and scorecards */

/*
 * A KPI metric (site.ini [kpi.NAME]; docs/attendance.md).  Values of an
 * imported metric come from kpis.csv (one per employee, day, metric and
 * source); the built-in attendance metrics (adherence, conformance,
 * punctuality, absence_rate, bradford) come from rota_store_attendance()
 * and may be configured under their names.  Points grow linearly from 0 at
 * the worse threshold to `points` at the better one, as Genesys Cloud's
 * gamification scorecards do: for better = higher, 0 at or below `lower`
 * and `points` at or above `upper`; for lower, the other way round.
 */
enum rota_kpi_agg { ROTA_KPI_MEAN, ROTA_KPI_SUM, ROTA_KPI_RATE };

#define ROTA_KPI_UNIT_MAX 32
#define ROTA_KPI_MAX 32

struct rota_kpi_metric {
	char name[ROTA_ID_MAX];
	char unit[ROTA_KPI_UNIT_MAX];  /* "%", "s", "points"; free text */
	int aggregation;      /* enum rota_kpi_agg: mean of the values, their
				 sum, or their sum per hour worked */
	int higher_better;    /* 1: higher is better */
	int has_target;
	double target;        /* shown next to the value */
	double weight;        /* share in the weighted total; >= 0 */
	double lower, upper;  /* the thresholds, lower < upper */
	double points;        /* points at the better threshold; 10 */
	int builtin;          /* an attendance metric (not imported) */
};

/* The built-in attendance metrics with their default definitions, in
 * order; n is set to their number.  rota_kpi_builtin() is the index of a
 * built-in name, or -1. */
const struct rota_kpi_metric *rota_kpi_builtins(size_t *n);
int rota_kpi_builtin(const char *name);
/* "mean", "sum", "rate"; NULL when out of range. */
const char *rota_kpi_agg_name(int agg);

/* Points of `value` under m: linear between the thresholds, 0 to
 * m->points, clamped. */
double rota_kpi_points(const struct rota_kpi_metric *m, double value);

/*
 * The site's metrics: the built-ins (with the site's definition where
 * site.ini has one), then the imported ones by name.  *out is malloc'ed;
 * free() it.
 */
int rota_store_kpi_metrics(struct rota_store *st,
			   struct rota_kpi_metric **out, size_t *n,
			   struct rota_error *err);

/* One metric of one person on a scorecard. */
struct rota_score {
	int has_value;
	double value;          /* aggregated over the range */
	long count;            /* imported: the values aggregated */
	double points;         /* rota_kpi_points() */
	int has_median;
	double team_median;    /* of the values of the person's team */
	double percentile;     /* rank in the team, 0-100, better higher */
};

struct rota_scorecard_person {
	char id[ROTA_ID_MAX];
	char name[ROTA_NAME_MAX];
	char team[ROTA_ID_MAX];
	struct rota_score *score;   /* one per metric */
	struct rota_score total;    /* weighted mean of the points */
	struct rota_att_totals att; /* the attendance behind the built-ins */
	struct rota_bradford bradford;
};

struct rota_scorecard {
	int32_t from, to;
	struct rota_kpi_metric *metrics;
	size_t n_metrics;
	struct rota_scorecard_person *people;   /* sorted by id */
	size_t n_people;
	struct rota_score *scores;              /* people x metrics */
};

/*
 * The pure part of a scorecard: with every person's metric values set
 * (has_value, value), compute each score's points, each person's total
 * (the weighted mean of the points of the metrics that have a value:
 * sum(w_i p_i) / sum(w_i); none when no weighted metric has one), and for
 * every metric and the total the median over the person's team (the mean
 * of the middle two for an even count) and the person's percentile rank in
 * it: 100 x (members worse + half of those equal) / members with a value,
 * "worse" by the metric's direction (points for the total).  Returns 0 or
 * ROTA_ENOMEM.
 */
int rota_scorecard_rank(struct rota_scorecard *sc);

struct rota_scorecard_query {
	int32_t from, to;      /* local days, both included */
	const char *employee;  /* NULL: everyone (or the team) */
	const char *team;      /* NULL: every team */
	int64_t now;           /* as rota_attendance_query.now */
};

#define ROTA_SCORECARD_QUERY_INIT {0, 0, NULL, NULL, INT64_MAX}

/*
 * The scorecard of everyone matching q over [from, to]: attendance
 * (rota_store_attendance) for the built-ins, the imported values
 * aggregated per metric, then rota_scorecard_rank().  Team medians and
 * ranks are over the people the query selects (a review asks for the
 * employee's team).  Errors as rota_store_attendance().  Freed with
 * rota_scorecard_free().
 */
int rota_store_scorecard(struct rota_store *st,
			 const struct rota_scorecard_query *q,
			 struct rota_scorecard **out, struct rota_error *err);
void rota_scorecard_free(struct rota_scorecard *sc);

/* A week of a review's trend: the person's attendance and scores. */
struct rota_review_week {
	int32_t monday;              /* the ISO week (clipped to the range) */
	struct rota_att_totals att;
	struct rota_score *score;    /* one per metric of the review's card */
	struct rota_score total;
};

/*
 * One person's performance review over [from, to]: their attendance with
 * every row (the exceptions), the scorecard of their team (medians and
 * ranks; the person is team->people[person]), and the week-by-week trend
 * of their scores (ISO weeks, every week of the range).
 */
struct rota_review {
	struct rota_attendance_report *me;
	struct rota_scorecard *team;
	size_t person;
	struct rota_review_week *weeks;
	size_t n_weeks;
	struct rota_score *week_scores;  /* n_weeks x team->n_metrics */
};

/* Unknown employee: ROTA_ENOTFOUND; otherwise errors as
 * rota_store_scorecard().  Freed with rota_review_free(). */
int rota_store_review(struct rota_store *st, const char *employee,
		      int32_t from, int32_t to, int64_t now,
		      struct rota_review **out, struct rota_error *err);
void rota_review_free(struct rota_review *r);

/* ------------------------------------------------------------ payroll */

/*
 * Pay codes: the paid time of an employee split as payroll needs it
 * (docs/attendance.md, "Payroll").  regular + overtime + not_paid is the
 * attendance's worked_min; night, weekend and holiday are premiums on top
 * of paid minutes (a minute can be regular and night); leave is the paid
 * (and unpaid) leave credited, by leave type.
 */
#define ROTA_PAY_MAX_RATES 8

struct rota_pay {
	long regular;      /* paid at the base rate */
	long overtime;     /* past the daily or weekly threshold, or
			      approved */
	long not_paid;     /* clocked outside the schedule, not approved */
	long night;        /* paid minutes inside the night window */
	long weekend;      /* paid minutes on weekend days (not holidays) */
	int n_rates;
	double rate[ROTA_PAY_MAX_RATES];       /* holiday multipliers > 1 */
	long holiday[ROTA_PAY_MAX_RATES];      /* paid minutes on those days */
	long leave[ROTA_ATT_MAX_LEAVE];        /* credited leave by type */
};

/* A date of holidays.csv. */
struct rota_holiday {
	int32_t day;
	char name[ROTA_NAME_MAX];
	double multiplier;   /* 1: a make-up working day */
};

/* What one employee's day adds to the clock records. */
struct rota_pay_day {
	int32_t day;
	int approved_min;                   /* supervisor-approved overtime */
	int leave_min[ROTA_ATT_MAX_LEAVE];  /* leave credited that day, by
					       type (days with an excused
					       shift: none, the shift pays) */
};

struct rota_pay_rules {
	struct rota_hr_settings hr;         /* [payroll] and [attendance] */
	const struct rota_tz *tz;
	const struct rota_holiday *holidays;   /* sorted by day */
	size_t n_holidays;
};

/*
 * The pay codes of one employee for the local days [from, to], pure: a is
 * the employee's attendance with its rows and items (rota_store_attendance
 * with detail) from the Monday of from's ISO week (earlier days of that week
 * count toward the weekly threshold but are not paid here), shifts the
 * report's shifts, days the employee's approvals and leave credits sorted
 * by day.  ROTA_ELIMIT when more than ROTA_PAY_MAX_RATES holiday multipliers
 * are worked.
 */
int rota_payroll_compute(const struct rota_attendance *a,
			 const struct rota_att_shift *shifts,
			 const struct rota_pay_day *days, size_t n_days,
			 const struct rota_pay_rules *rules, int32_t from,
			 int32_t to, struct rota_pay *out,
			 struct rota_error *err);

struct rota_payroll_person {
	char id[ROTA_ID_MAX];
	char name[ROTA_NAME_MAX];
	char team[ROTA_ID_MAX];
	struct rota_pay pay;
	long worked_min;       /* attendance over [from, to], to check */
};

struct rota_payroll {
	int32_t from, to;
	struct rota_hr_settings hr;
	struct rota_leave_type leave[ROTA_ATT_MAX_LEAVE];   /* by name */
	int n_leave;
	struct rota_payroll_person *people;   /* sorted by id */
	size_t n_people;
};

/*
 * Payroll of every employee matching q (q.detail is ignored): attendance,
 * holidays.csv, overtime approvals and approved leave (core/leave.h's credit
 * rule), then rota_payroll_compute() per person.  Errors as
 * rota_store_attendance().  Freed with rota_payroll_free().
 */
int rota_store_payroll(struct rota_store *st,
		       const struct rota_attendance_query *q,
		       struct rota_payroll **out, struct rota_error *err);
void rota_payroll_free(struct rota_payroll *p);

/* --- calendar publication --- */

/*
 * What the calendar feeds said about one shift the last time they were
 * published (table publication, one row per event UID).  rota publish
 * reads the rows of the week it publishes, reconciles them with the roster
 * (calendar/calendar.h) and writes back the rows that changed; the files
 * are then rendered from all rows of an employee or team.
 */
#define ROTA_PUBLICATION_UID_MAX 192

struct rota_publication {
	char uid[ROTA_PUBLICATION_UID_MAX];
	char employee[ROTA_ID_MAX];
	int32_t day;               /* local day number the shift starts on */
	char shift[ROTA_ID_MAX];   /* template code */
	char skill[ROTA_ID_MAX];   /* "" when not decided */
	int64_t start, end;        /* UTC */
	int sequence;              /* SEQUENCE last published */
	int cancelled;             /* STATUS:CANCELLED */
	char hash[40];             /* content hashes of that version:
				      "TIME:TEXT" (rota_cal_hash, then
				      rota_cal_text_hash), or TIME alone
				      in older databases */
	int64_t published_at;      /* when that version was published (UTC) */
};

/*
 * Rows whose day is in [from_day, to_day), of one employee (employee_id
 * NULL = everyone), sorted by employee, day, UID.  *out is malloc'ed (NULL
 * when there are none); free() it.
 */
int rota_store_publication_list(struct rota_store *st, const char *employee_id,
				int32_t from_day, int32_t to_day,
				struct rota_publication **out, size_t *n,
				struct rota_error *err);

/*
 * Insert or replace rows by UID, all in one transaction (joining the
 * caller's).  ROTA_EDATA naming the employee when one does not exist;
 * nothing is written then.
 */
int rota_store_publication_put(struct rota_store *st,
			       const struct rota_publication *p, size_t n,
			       struct rota_error *err);

/*
 * Add time-off periods (e.g. read from an .ics file) in one transaction:
 * a period with the same employee, start and end as a stored one replaces
 * its kind, weight and note.  The added, updated and unchanged counts are
 * added to stats (may be NULL).  ROTA_EDATA for an unknown employee or an
 * empty period; nothing is written then.
 */
int rota_store_timeoff_put(struct rota_store *st, const struct rota_timeoff *t,
			   size_t n, struct rota_import_stats *stats,
			   struct rota_error *err);

/* --- forecast and requirements --- */

/*
 * Demand per interval and skill.  `skill` in struct rota_forecast and
 * struct rota_requirement is an index into the site's skills sorted by name
 * (the order rota_store_load() returns them in).  Ranges are half-open UTC
 * [from, to); a week is [rota_tz_day_start(tz, monday),
 * rota_tz_day_start(tz, monday + 7)).  Loaded arrays are sorted by start,
 * then skill, and belong to the caller (free(); NULL when *n is 0).
 */
int rota_store_forecast_load(struct rota_store *st, int64_t from, int64_t to,
			     struct rota_forecast **out, size_t *n,
			     struct rota_error *err);

/*
 * Insert or replace forecast rows (keyed by start and skill) in one
 * transaction.  ROTA_EDATA for a skill index out of range, negative or
 * non-finite contacts, or an AHT that is not positive; nothing is written
 * then.  The CSV importer has its own validation; this is for programs and
 * tests.
 */
int rota_store_forecast_put(struct rota_store *st,
			    const struct rota_forecast *rows, size_t n,
			    struct rota_error *err);

/*
 * Replace every stored requirement with start in [from, to) by rows, in
 * one transaction.  ROTA_EINVAL when a row starts outside the range, names
 * a skill index out of range or has negative agents.
 */
int rota_store_requirements_save(struct rota_store *st, int64_t from,
				 int64_t to,
				 const struct rota_requirement *rows, size_t n,
				 struct rota_error *err);

/* The stored requirements with start in [from, to). */
int rota_store_requirements_load(struct rota_store *st, int64_t from,
				 int64_t to, struct rota_requirement **out,
				 size_t *n, struct rota_error *err);

/* --- settings rota keeps (table setting) --- */

/*
 * Site settings that come from no imported file but from use: the publish
 * options remembered between runs ("publish.organizer",
 * "publish.alarm_min"), the calendar UID domain fixed at the first
 * publication ("calendar.uid_domain").  Keys and values are text of fewer
 * than ROTA_SETTING_MAX bytes.
 */
#define ROTA_SETTING_MAX 256

/* The value of key into buf (size bytes); ROTA_ENOTFOUND when unset. */
int rota_store_setting_get(struct rota_store *st, const char *key,
			   char *buf, size_t size, struct rota_error *err);

/* Set key to value (NULL removes it), in the caller's transaction or on
 * its own.  ROTA_EINVAL for an empty or too long key or value. */
int rota_store_setting_put(struct rota_store *st, const char *key,
			   const char *value, struct rota_error *err);

/* ------------------------------------- time off, absences, substitutes */

/*
 * Time off as records (docs/operations.md).  Imported rows are approved;
 * a request starts pending and is decided once (approved or denied); a
 * pending or approved row may be cancelled.  Rows are never deleted.
 */
#define ROTA_TEXT_MAX 256

struct rota_timeoff_record {
	int64_t id;
	char employee[ROTA_ID_MAX];
	int64_t start, end;            /* [start, end) UTC */
	int kind;                      /* enum rota_timeoff_kind */
	double weight;
	char type[ROTA_ID_MAX];        /* leave type, "" none */
	int paid;                      /* the type is a paid one */
	int credit_min;                /* per-day credit, -1: the contract's */
	char status[16];               /* pending, approved, denied, cancelled */
	char origin[16];               /* import, request */
	char note[ROTA_NAME_MAX];
	char reason[ROTA_TEXT_MAX];    /* why it was asked for */
	int64_t requested_at;          /* 0 when imported */
	char decided_by[ROTA_NAME_MAX];
	int64_t decided_at;            /* 0 when not decided */
	char decision[ROTA_TEXT_MAX];  /* why it was decided so */
};

struct rota_timeoff_query {
	const char *employee;   /* NULL: everyone */
	const char *status;     /* NULL: every status */
	int64_t from, to;       /* rows overlapping [from, to) */
};

#define ROTA_TIMEOFF_QUERY_INIT {NULL, NULL, INT64_MIN, INT64_MAX}

/* Rows matching q, sorted by start, employee, id (*out: free(); NULL when
 * none).  An unknown employee is ROTA_ENOTFOUND. */
int rota_store_timeoff_list(struct rota_store *st,
			    const struct rota_timeoff_query *q,
			    struct rota_timeoff_record **out, size_t *n,
			    struct rota_error *err);

/* One row by id (ROTA_ENOTFOUND "no time off with id N"). */
int rota_store_timeoff_get(struct rota_store *st, int64_t id,
			   struct rota_timeoff_record *out,
			   struct rota_error *err);

/*
 * Store a request (employee, start, end, type, reason, requested_at of r;
 * kind hard) as pending; *id its row id.  ROTA_ENOTFOUND for an unknown
 * employee, ROTA_EDATA for an unknown leave type or an empty period,
 * ROTA_ECONFLICT when the employee already has pending or approved time off
 * with the same start and end.
 */
int rota_store_timeoff_request(struct rota_store *st,
			       const struct rota_timeoff_record *r,
			       int64_t *id, struct rota_error *err);

/*
 * Decide row id: status "approved" or "denied" (a pending row only) or
 * "cancelled" (pending or approved), recording by, at and the decision's
 * reason.  ROTA_ENOTFOUND for an unknown id; ROTA_ECONFLICT, naming the
 * status, when the row cannot move there ("time off 7 is denied: only a
 * pending request can be approved").
 */
int rota_store_timeoff_decide(struct rota_store *st, int64_t id,
			      const char *status, const char *by, int64_t at,
			      const char *decision, struct rota_error *err);

/* An unplanned absence (a sick call) as a fact. */
struct rota_absence {
	int64_t id;
	char employee[ROTA_ID_MAX];
	int64_t start, end;            /* [start, end) UTC */
	char type[ROTA_ID_MAX];        /* a leave type of the site */
	char reason[ROTA_TEXT_MAX];
	char by[ROTA_NAME_MAX];
	int64_t recorded_at;
	int shifts;                    /* shifts it took out (absence_shift) */
};

/* Add an absence (id and shifts ignored); *id its row id.  ROTA_ENOTFOUND
 * for an unknown employee, ROTA_EDATA for an unknown leave type or an
 * empty period. */
int rota_store_absence_add(struct rota_store *st, const struct rota_absence *a,
			   int64_t *id, struct rota_error *err);

/* Absences overlapping [from, to), of one employee (NULL: everyone),
 * sorted by start, employee, id (*out: free(); NULL when none). */
int rota_store_absence_list(struct rota_store *st, const char *employee,
			    int64_t from, int64_t to,
			    struct rota_absence **out, size_t *n,
			    struct rota_error *err);

/* A shift an absence or approving time off took out of the live roster,
 * and who covers it. */
struct rota_open_shift {
	int64_t absence_id;               /* 0 for time off */
	int64_t timeoff_id;               /* 0 for an absence */
	int timeoff_cancelled;            /* the time off was cancelled since */
	int64_t assignment_id;            /* the closed assignment row */
	char type[ROTA_ID_MAX];           /* the absence's (time off's) leave
					     type */
	struct rota_assignment shift;     /* as it was rostered */
	char covered_by[ROTA_ID_MAX];     /* "" while nobody covers it */
	int covered_version;              /* the version that covers it */
};

/* The shifts absences and approvals of time off took out of the week's
 * roster (Monday `week`), of one employee (NULL: everyone), sorted by
 * start, employee (*out: free(); NULL when none).  A shift stays open when
 * its time off is cancelled later: nothing puts it back by itself. */
int rota_store_open_shifts(struct rota_store *st, int32_t week,
			   const char *employee, struct rota_open_shift **out,
			   size_t *n, struct rota_error *err);

/*
 * Record that version `version` of the week's roster put `employee` on an
 * open shift on `day`: the closed assignment open_assignment_id (0: an
 * understaffed day, no shift).  ROTA_ECONFLICT when that open shift is
 * already covered.  Joins the caller's transaction.
 */
int rota_store_substitute_add(struct rota_store *st, int32_t week,
			      int version, const char *employee, int32_t day,
			      int64_t open_assignment_id,
			      struct rota_error *err);

/* Substitute shifts per employee with a day in [from_day, to_day). */
struct rota_employee_count {
	char employee[ROTA_ID_MAX];
	int count;
};

int rota_store_substitute_counts(struct rota_store *st, int32_t from_day,
				 int32_t to_day,
				 struct rota_employee_count **out, size_t *n,
				 struct rota_error *err);
/* --- network access (rota serve): feed tokens, terminals, users --- */

/*
 * What is kept of a secret (a feed token, a terminal's API key, a session
 * id): never the secret itself.  A secret is "SELECTOR.VERIFIER"; the
 * selector (not secret) finds the row, and the caller compares the SHA-256
 * of the whole secret with the stored hash in constant time (serve/).
 */
#define ROTA_SECRET_HASH_LEN 32
#define ROTA_SELECTOR_MAX 24

struct rota_secret {
	char selector[ROTA_SELECTOR_MAX];
	unsigned char hash[ROTA_SECRET_HASH_LEN];
};

/* A live calendar subscription: an employee's (team "") or a team's
 * (employee ""). */
struct rota_feed_token {
	int64_t id;
	char selector[ROTA_SELECTOR_MAX];
	char employee[ROTA_ID_MAX];
	char team[ROTA_ID_MAX];
	int64_t created_at;
	unsigned char hash[ROTA_SECRET_HASH_LEN];
};

/*
 * Store a new feed token for an employee (team NULL) or a team (employee
 * NULL), revoking the subject's live one, in one transaction.
 * ROTA_ENOTFOUND for an unknown employee or a team nobody is in.
 */
int rota_store_feed_token_put(struct rota_store *st, const char *employee,
			      const char *team, const struct rota_secret *sec,
			      int64_t now, struct rota_error *err);
/* The subject's live token (ROTA_ENOTFOUND when it has none). */
int rota_store_feed_token_get(struct rota_store *st, const char *employee,
			      const char *team, struct rota_feed_token *out,
			      struct rota_error *err);
/* Revoke the subject's live token (ROTA_ENOTFOUND when it has none). */
int rota_store_feed_token_revoke(struct rota_store *st, const char *employee,
				 const char *team, int64_t now,
				 struct rota_error *err);
/* 0 when the subject may have a feed: a known employee, or a team someone
 * is in (ROTA_ENOTFOUND "no employee 'X'" / "no team 'T'" otherwise). */
int rota_store_feed_subject(struct rota_store *st, const char *employee,
			    const char *team, struct rota_error *err);
/* The live token with this selector (ROTA_ENOTFOUND otherwise). */
int rota_store_feed_token_find(struct rota_store *st, const char *selector,
			       struct rota_feed_token *out,
			       struct rota_error *err);

/* A clock terminal; its punches are recorded with source "terminal:NAME". */
struct rota_terminal {
	int64_t id;
	char name[ROTA_ID_MAX];
	int64_t created_at;
	int64_t revoked_at;     /* 0: live */
	unsigned char hash[ROTA_SECRET_HASH_LEN];
};

/* ROTA_ECONFLICT when the name is taken (also by a revoked terminal),
 * ROTA_EINVAL when it is not a valid id. */
int rota_store_terminal_add(struct rota_store *st, const char *name,
			    const struct rota_secret *sec, int64_t now,
			    struct rota_error *err);
int rota_store_terminal_revoke(struct rota_store *st, const char *name,
			       int64_t now, struct rota_error *err);
/* The live terminal with this selector (ROTA_ENOTFOUND otherwise). */
int rota_store_terminal_find(struct rota_store *st, const char *selector,
			     struct rota_terminal *out,
			     struct rota_error *err);
/* Every terminal by name (*out: free()). */
int rota_store_terminal_list(struct rota_store *st, struct rota_terminal **out,
			     size_t *n, struct rota_error *err);

/* Someone who logs in to the supervisor's page. */
#define ROTA_PWHASH_MAX 128

struct rota_user {
	int64_t id;
	char name[ROTA_NAME_MAX];
	char role[16];                  /* "supervisor" or "viewer" */
	char pw_hash[ROTA_PWHASH_MAX];  /* crypto_pwhash_str() text */
	int64_t created_at;
};

/* Add a user, or change an existing one's role and password hash.
 * ROTA_EINVAL for an empty name or an unknown role. */
int rota_store_user_put(struct rota_store *st, const char *name,
			const char *role, const char *pw_hash, int64_t now,
			struct rota_error *err);
int rota_store_user_get(struct rota_store *st, const char *name,
			struct rota_user *out, struct rota_error *err);
/* Every user by name, hashes left empty (*out: free()). */
int rota_store_user_list(struct rota_store *st, struct rota_user **out,
			 size_t *n, struct rota_error *err);
/* Remove a user and their sessions (ROTA_ENOTFOUND when there is none). */
int rota_store_user_remove(struct rota_store *st, const char *name,
			   struct rota_error *err);

/* A logged-in browser. */
struct rota_web_session {
	int64_t id;
	struct rota_user user;     /* pw_hash left empty */
	char csrf[64];             /* the token its forms must carry */
	int64_t created_at, expires_at;
	unsigned char hash[ROTA_SECRET_HASH_LEN];
};

int rota_store_session_add(struct rota_store *st, const char *user,
			   const struct rota_secret *sec, const char *csrf,
			   int64_t now, int64_t expires_at,
			   struct rota_error *err);
/* The session with this selector that has not expired by now
 * (ROTA_ENOTFOUND otherwise). */
int rota_store_session_find(struct rota_store *st, const char *selector,
			    int64_t now, struct rota_web_session *out,
			    struct rota_error *err);
/* Log out: delete the session (and every expired one). */
int rota_store_session_delete(struct rota_store *st, const char *selector,
			      int64_t now, struct rota_error *err);

/*
 * Clock punches from a terminal in one transaction, each under the rules
 * of rota_store_clock() (in twice without an out is refused, ...), in the
 * order given.  A punch with the same employee, instant, kind and source as
 * an original already stored is a duplicate and is not stored again, so a
 * batch sent twice is stored once.  Each punch gets a result; an unknown
 * employee or a bad kind refuses that punch only.  Only a database error
 * fails the whole batch (nothing stored).
 */
enum rota_clock_status {
	ROTA_CLOCK_STORED = 0,
	ROTA_CLOCK_DUPLICATE = 1,
	ROTA_CLOCK_REFUSED = 2,
};

struct rota_clock_req {
	const char *employee;
	int64_t at;
	int kind;          /* enum rota_punch_kind */
};

struct rota_clock_result {
	int status;        /* enum rota_clock_status */
	int64_t id;        /* the stored (or duplicated) row; 0 refused */
	char reason[ROTA_ERROR_MSG_MAX];
};

int rota_store_clock_batch(struct rota_store *st,
			   const struct rota_clock_req *req, size_t n,
			   const char *source, int64_t now,
			   struct rota_clock_result *res,
			   struct rota_error *err);

/* SQLite's data_version: changes when another connection commits, so a
 * long-lived reader knows when to reload what it cached.  -1 on error. */
int64_t rota_store_data_version(struct rota_store *st);

#endif
