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

/* ------------------------------------------------------ open and schema */

/* Schema version this build writes (PRAGMA user_version). */
#define ROTA_SCHEMA_VERSION 4

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

/* --------------------------------------------------------------- rosters */

/*
 * Store r as the roster of its week, replacing any roster stored for that
 * week (its assignments included), in one transaction.  Every assignment's
 * employee and shift must exist (ROTA_EDATA naming them otherwise); its day
 * must fall in the week.  created_at is taken from r.
 */
int rota_store_roster_save(struct rota_store *st, const struct rota_roster *r,
			   struct rota_error *err);

/*
 * Load the roster of the week whose Monday is day number `week` into a new
 * struct the caller frees with rota_roster_free().  ROTA_ENOTFOUND when the
 * week has no roster.
 */
int rota_store_roster_load(struct rota_store *st, int32_t week,
			   struct rota_roster **out, struct rota_error *err);

/* Set a stored roster's status ("draft" or "published"). */
int rota_store_roster_set_status(struct rota_store *st, int32_t week,
				 const char *status, struct rota_error *err);

/*
 * Assignments of every stored roster whose shift starts in [from, to) (UTC),
 * optionally only one employee's (employee_id NULL = everyone), sorted by
 * employee then start.  *out is malloc'ed (NULL when none); free() it.
 */
int rota_store_assignments_range(struct rota_store *st, int64_t from,
				 int64_t to, const char *employee_id,
				 struct rota_assignment **out, size_t *n,
				 struct rota_error *err);

/*
 * Requirements stored for intervals starting in [from, to), with skill as
 * the index into ds->skills (as rota_store_load orders them), sorted by
 * start then skill name.  *out is malloc'ed (NULL when none); free() it.
 * (A thin adapter for the roster commands; the staffing module owns the
 * requirement table.)
 */
int rota_store_roster_requirements(struct rota_store *st,
				   const struct rota_dataset *ds,
				   int64_t from, int64_t to,
				   struct rota_requirement **out, size_t *n,
				   struct rota_error *err);

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
	char hash[32];             /* content hash of that version */
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

#endif
