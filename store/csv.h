/*
 * store/csv.h - private to store/: RFC 4180 CSV reading on top of libcsv,
 * with the physical line number of every record for error messages.
 *
 * Accepts quoted fields with embedded commas, quotes and newlines, UTF-8 with
 * or without a byte-order mark, CRLF or LF line ends; blank lines are
 * skipped; every field must be valid UTF-8.  Fields are trimmed of spaces.
 */
#ifndef ROTA_STORE_CSV_H
#define ROTA_STORE_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"

#define ROTA_CSV_MAX_COLS 64

struct rota_csv_row {
	const char *file;    /* label used in messages */
	long line;           /* physical line where the record starts */
	char **field;        /* field[i], NUL-terminated */
	int n;               /* number of fields */
	int index;           /* 0 for the header row, 1... for data rows */
};

/* Called once per record; a negative return stops reading and is returned. */
typedef int (*rota_csv_row_fn)(void *ctx, const struct rota_csv_row *row,
			       struct rota_error *err);

/*
 * Read the open file f (not closed), calling fn for every record (the header
 * included, index 0).  I/O, encoding and quoting errors are
 * ROTA_EIO/ROTA_EDATA with "label:line:".
 */
int rota_csv_read_file(FILE *f, const char *label, rota_csv_row_fn fn,
		       void *ctx, struct rota_error *err);

/* A column an importer understands. */
struct rota_csv_col {
	const char *name;
	int required;
};

/*
 * Map a header row onto cols: idx[i] = field index of cols[i].name or -1.
 * Names match case-insensitively after trimming.  A missing required column
 * or a repeated column is ROTA_EDATA.  Header names no column claims are
 * listed, comma-separated, in extra (may be NULL).
 */
int rota_csv_header(const struct rota_csv_row *hdr,
		    const struct rota_csv_col *cols, int ncols, int *idx,
		    char *extra, size_t extra_size, struct rota_error *err);

/* Field idx of row, "" when idx < 0 or the row is short. */
const char *rota_csv_get(const struct rota_csv_row *row, int idx);

/*
 * Set err to ROTA_EDATA with "FILE:LINE: column 'COL': message" (column part
 * omitted when col is NULL); returns ROTA_EDATA.
 */
int rota_csv_error(struct rota_error *err, const struct rota_csv_row *row,
		   const char *col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* 1 when s is valid UTF-8. */
int rota_utf8_valid(const char *s);

#endif
