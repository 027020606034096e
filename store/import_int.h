/*
 * store/import_int.h - private to store/: the context every importer gets,
 * the value parsers CSV columns and site.ini keys share, and the
 * table-driven CSV importer.
 *
 * Most kinds are declarative: a column spec per kind (struct rota_tcol) says
 * how each CSV column is read and where it is stored, and one engine
 * (rota_import_table) reads the file, checks every cell, refuses duplicate
 * keys, and upserts each row with change detection (added / updated /
 * unchanged).  A kind adds what a spec cannot say in hooks: checks across
 * columns and derived values (check), child rows such as skill sets
 * (children).  roster.csv, punches.csv and site.ini have their own readers
 * (store/import_roster.c, store/import_punches.c, store/ini.c) on the same
 * value parsers.
 */
#ifndef ROTA_STORE_IMPORT_INT_H
#define ROTA_STORE_IMPORT_INT_H

#include <stdio.h>

#include "core/time.h"
#include "store/csv.h"
#include "store/store_int.h"

struct rota_import {
	struct rota_store *st;
	const char *path;                  /* file to read */
	const char *label;                 /* name used in messages */
	const char *encoding;              /* NULL: UTF-8; else iconv name */
	struct rota_import_stats *stats;   /* counts to fill */
	struct rota_tz *tz;                /* the site's zone (NULL: none yet) */
	struct rota_site site;
	int have_site;
};

/* Load the site and its zone into im (ROTA_EDATA naming the file when the
 * database has no site yet). */
int rota_import_need_site(struct rota_import *im, struct rota_error *err);

/* Open im->path for reading as UTF-8 (converted from im->encoding in
 * memory when one is given); ROTA_EIO / ROTA_EDATA naming the file. */
int rota_import_open(const struct rota_import *im, FILE **out,
		     struct rota_error *err);

/* Read im's CSV file (rota_csv_read_file on rota_import_open). */
int rota_import_csv(const struct rota_import *im, rota_csv_row_fn fn,
		    void *ctx, struct rota_error *err);

/* ------------------------------------------------------- value parsers */

/*
 * One parser per kind of value, shared by CSV columns and site.ini keys.
 * On failure they return ROTA_EDATA with the bare message in err ("'x' is
 * not a whole number", "12 is out of range (expected 0 to 7)"); the caller
 * puts the place in front (rota_csv_error's "FILE:LINE: column 'c': ", or
 * site.ini's "FILE:LINE: key 'k': ").
 */
int rota_value_long(const char *text, long min, long max, long *out,
		    struct rota_error *err);
/* min_open: the value must be more than min. */
int rota_value_double(const char *text, double min, double max,
		      int min_open, double *out, struct rota_error *err);
/* yes|no (also true|false, 1|0). */
int rota_value_bool(const char *text, int *out, struct rota_error *err);

/* CSV cells: the parsers above with "FILE:LINE: column 'col': " */
int rota_field_int(const struct rota_csv_row *row, const char *col,
		   const char *text, long min, long max, long *out,
		   struct rota_error *err);
int rota_field_double(const struct rota_csv_row *row, const char *col,
		      const char *text, double min, double max, double *out,
		      struct rota_error *err);
int rota_field_instant(const struct rota_import *im,
		       const struct rota_csv_row *row, const char *col,
		       const char *text, int64_t *out, struct rota_error *err);

/* Codes and their row ids ("SELECT code, id FROM employee"), sorted. */
struct rota_code_id {
	const char *code;
	int64_t id;
};

struct rota_codes {
	struct rota_code_id *e;   /* sorted by code */
	size_t n;
	char *text;               /* the codes, NUL-separated */
};

int rota_codes_load(struct rota_store *st, const char *sql,
		    struct rota_codes *c, struct rota_error *err);
/* The entry of code, or NULL. */
const struct rota_code_id *rota_codes_find(const struct rota_codes *c,
					   const char *code);
void rota_codes_free(struct rota_codes *c);

/* A set of strings (hash table): each kept once, with a number. */
struct rota_strset {
	char **s;
	long *line;               /* the number given when it was added */
	size_t n, cap;
	size_t *slot;             /* index + 1; 0 = empty */
	size_t nslot;
};

/* Index of s in z, adding a copy (with line) when absent; *found says
 * whether it was there.  -1 when out of memory. */
long rota_strset_put(struct rota_strset *z, const char *s, long line,
		     int *found);
void rota_strset_free(struct rota_strset *z);

/* "a, b, c": the first column of sql's rows, for "(known: ...)"; "none
 * yet" when there are none. */
void rota_import_known(struct rota_store *st, const char *sql, char *buf,
		       size_t size);

/* ------------------------------------------------ table-driven imports */

enum rota_tcol_type {
	ROTA_TCOL_TEXT,       /* text of at most `max` bytes (0: ROTA_NAME_MAX
				 - 1), no control characters */
	ROTA_TCOL_ID,         /* an identifier (rota_id_valid) */
	ROTA_TCOL_INT,        /* a whole number in [min, max] */
	ROTA_TCOL_REAL,       /* a number in [min, max] */
	ROTA_TCOL_HHMM,       /* HH:MM -> minutes after midnight */
	ROTA_TCOL_DAYS,       /* Mon-Fri, Sat;Sun -> day mask */
	ROTA_TCOL_DATE,       /* a date -> "YYYY-MM-DD" */
	ROTA_TCOL_INSTANT,    /* a time -> UTC seconds (the site's zone) */
	ROTA_TCOL_DAY_START,  /* a date (its local midnight) or a time */
	ROTA_TCOL_DAY_END,    /* a date (the next local midnight) or a time */
	ROTA_TCOL_REF,        /* a code in `ref` -> its row id (or the code
				 itself with ROTA_TCOL_CODE) */
	ROTA_TCOL_CHOICE,     /* one of `choices`, "hard|soft" */
	ROTA_TCOL_RAW,        /* the text, for the kind's check hook */
};

enum rota_tcol_flags {
	ROTA_TCOL_REQUIRED = 1,   /* the header must have it */
	ROTA_TCOL_KEY = 2,        /* part of the row's identity */
	ROTA_TCOL_NONEMPTY = 4,   /* an empty cell is an error */
	ROTA_TCOL_DERIVED = 8,    /* not in the file: the check hook sets it */
	ROTA_TCOL_NONE = 16,      /* INT: "-" or "none" is NULL */
	ROTA_TCOL_CODE = 32,      /* REF: store the code, not the row id */
};

/* A column of a table-driven import. */
struct rota_tcol {
	const char *name;      /* header name, also in messages */
	const char *column;    /* table column it is stored in; NULL: read
				  (and checked) but not stored */
	int type;              /* enum rota_tcol_type */
	unsigned flags;        /* enum rota_tcol_flags */
	double min, max;       /* INT, REAL bounds; TEXT max bytes */
	const char *def;       /* text read for an empty cell or a missing
				  column; NULL: the value is SQL NULL */
	const char *ref;       /* REF: "SELECT code, id FROM t" (codes and row
				  ids of what may be named); CHOICE: "a|b" */
	const char *noun;      /* REF, CHOICE: "contract" in "unknown
				  contract 'x'" / "'x' is not a kind" */
	int known;             /* REF: list the known codes in the message */
};

#define ROTA_TCOL_MAX 64

/* A parsed cell. */
struct rota_tval {
	int type;        /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT,
			    SQLITE_TEXT */
	int64_t i;
	double d;
	const char *s;   /* TEXT; valid while the row is handled */
};

struct rota_table_import;

/* A kind of table-driven import. */
struct rota_tkind {
	const char *table;           /* the table rows are upserted into */
	const struct rota_tcol *cols;
	int ncols;
	int need_site;               /* its times are site-local */
	const char *find_extra;      /* SQL after "WHERE key = ..." */
	const char *update_extra;    /* SQL after "SET col = ?, ..." */
	int by_key;                  /* update by key (a WITHOUT ROWID
					table; no children) */
	int sort;                    /* store the rows sorted by key, after
					reading the whole file (big files:
					SQLite's cache stays warm); no
					children */
	size_t state_size;           /* bytes of the kind's own state */
	/* before reading: may replace t->cols (built at run time) */
	int (*init)(struct rota_table_import *t, struct rota_error *err);
	void (*done)(struct rota_table_import *t);
	/* after the cells of a row are parsed: checks across columns,
	 * derived values (t->v) */
	int (*check)(struct rota_table_import *t,
		     const struct rota_csv_row *row, struct rota_error *err);
	/* after the row is stored as `rowid`: child rows; *changed = 1
	 * when they differ from the stored ones */
	int (*children)(struct rota_table_import *t, int64_t rowid,
			int existed, int *changed, struct rota_error *err);
};

struct rota_table_import {
	struct rota_import *im;
	const struct rota_tkind *kind;
	const struct rota_tcol *cols;     /* kind->cols unless init set them */
	int ncols;
	struct rota_tval v[ROTA_TCOL_MAX];  /* the current row's cells */
	const char *raw[ROTA_TCOL_MAX];    /* and their texts ("" when
					      empty or derived) */
	void *state;                      /* kind->state_size bytes, zeroed */
	struct rota_timport_priv *priv;   /* the engine's */
};

/* Index of column `name` in t->cols, or -1. */
int rota_tcol_find(const struct rota_table_import *t, const char *name);

/* Read im->path as kind k, upserting every row, in the caller's
 * transaction. */
int rota_import_table(struct rota_import *im, const struct rota_tkind *k,
		      struct rota_error *err);

/*
 * The same upsert without a file (site.ini's sections): begin prepares kind
 * k into t; put upserts the row the caller wrote into t->v (and counts it
 * in im->stats); end releases t (also after a failed begin).
 */
int rota_table_begin(struct rota_import *im, const struct rota_tkind *k,
		     struct rota_table_import *t, struct rota_error *err);
int rota_table_put(struct rota_table_import *t, struct rota_error *err);
void rota_table_end(struct rota_table_import *t);

/* "voice;chat:3": skill row ids and levels (1-9, 0 when not given),
 * sorted by id. */
struct rota_skill_set {
	int64_t id[ROTA_MAX_SKILLS];
	int level[ROTA_MAX_SKILLS];
	int n;
};

int rota_skill_set_parse(struct rota_store *st,
			 const struct rota_csv_row *row, const char *col,
			 const char *text, int allow_level,
			 struct rota_skill_set *out, struct rota_error *err);

/*
 * Make the child rows of owner in `table` (columns `owner_col`, skill_id
 * and, when with_level, level) the skills of want; *changed = 1 when they
 * differed (a new owner's always do).
 */
int rota_skill_set_store(struct rota_store *st, const char *table,
			 const char *owner_col, int with_level,
			 int64_t owner, int existed,
			 const struct rota_skill_set *want, int *changed,
			 struct rota_error *err);

/* ------------------------------------------------------ the importers */

int rota_import_site(struct rota_import *im, struct rota_error *err);
int rota_import_contracts(struct rota_import *im, struct rota_error *err);
int rota_import_staff(struct rota_import *im, struct rota_error *err);
int rota_import_shifts(struct rota_import *im, struct rota_error *err);
int rota_import_forecast(struct rota_import *im, struct rota_error *err);
int rota_import_timeoff(struct rota_import *im, struct rota_error *err);
int rota_import_roster(struct rota_import *im, struct rota_error *err);
int rota_import_punches(struct rota_import *im, struct rota_error *err);
int rota_import_kpis(struct rota_import *im, struct rota_error *err);
int rota_import_holidays(struct rota_import *im, struct rota_error *err);
int rota_import_overtime(struct rota_import *im, struct rota_error *err);

#endif
