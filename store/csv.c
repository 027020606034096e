/*
 * store/csv.c - CSV records with line numbers, on libcsv.
 *
 * libcsv parses; this file feeds it one physical line at a time so that it
 * knows the line on which each record started, gathers the fields of a
 * record, validates their encoding and hands the record to the importer.
 */
#include "store/csv.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	const char *label;
	rota_csv_row_fn fn;
	void *ctx;
	struct rota_error *err;
	int rc;              /* first failure, stops reading */
	long line;           /* physical line being fed */
	long rec_line;       /* line where the current record started */
	int rec_open;        /* a field of the current record was seen */
	int index;           /* records delivered */
	char *field[ROTA_CSV_MAX_COLS];
	int n;
	int too_many;
};

int rota_utf8_valid(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s) {
		int len;
		unsigned cp;

		if (s[0] < 0x80) {
			s++;
			continue;
		} else if ((s[0] & 0xe0) == 0xc0) {
			len = 2;
			cp = s[0] & 0x1f;
		} else if ((s[0] & 0xf0) == 0xe0) {
			len = 3;
			cp = s[0] & 0x0f;
		} else if ((s[0] & 0xf8) == 0xf0) {
			len = 4;
			cp = s[0] & 0x07;
		} else {
			return 0;
		}
		for (int i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		/* overlong forms, surrogates, beyond U+10FFFF */
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += len;
	}
	return 1;
}

static void clear_fields(struct reader *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->field[i]);
	r->n = 0;
	r->too_many = 0;
	r->rec_open = 0;
}

static void on_field(void *data, size_t len, void *vr)
{
	struct reader *r = vr;
	char *f;

	if (r->rc < 0)
		return;
	if (!r->rec_open) {
		r->rec_open = 1;
		r->rec_line = r->line;
	}
	if (r->n >= ROTA_CSV_MAX_COLS) {
		r->too_many = 1;
		return;
	}
	f = malloc(len + 1);
	if (!f) {
		r->rc = rota_error_set(r->err, ROTA_ENOMEM, "out of memory");
		return;
	}
	if (len)
		memcpy(f, data, len);
	f[len] = '\0';
	r->field[r->n++] = f;
}

static void on_row(int term, void *vr)
{
	struct reader *r = vr;
	struct rota_csv_row row;

	(void)term;
	if (r->rc < 0) {
		clear_fields(r);
		return;
	}
	row.file = r->label;
	row.line = r->rec_open ? r->rec_line : r->line;
	row.field = r->field;
	row.n = r->n;
	row.index = r->index;
	if (r->too_many) {
		r->rc = rota_csv_error(r->err, &row, NULL,
				       "more than %d columns",
				       ROTA_CSV_MAX_COLS);
		clear_fields(r);
		return;
	}
	/* a row of one empty field is a blank line */
	if (!(r->n == 1 && r->field[0][0] == '\0')) {
		for (int i = 0; i < r->n; i++) {
			if (!rota_utf8_valid(r->field[i])) {
				r->rc = rota_csv_error(
					r->err, &row, NULL,
					"field %d is not valid UTF-8", i + 1);
				clear_fields(r);
				return;
			}
		}
		r->index++;
		if ((r->rc = r->fn(r->ctx, &row, r->err)) > 0)
			r->rc = 0;
	}
	clear_fields(r);
}

int rota_csv_read_file(FILE *f, const char *label, rota_csv_row_fn fn,
		       void *ctx, struct rota_error *err)
{
	struct csv_parser p;
	struct reader r;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	memset(&r, 0, sizeof(r));
	r.label = label;
	r.fn = fn;
	r.ctx = ctx;
	r.err = err;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	while (r.rc >= 0 && (len = getline(&line, &cap, f)) > 0) {
		const char *s = line;
		size_t n = (size_t)len;

		r.line++;
		if (r.line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		if (memchr(s, '\0', n)) {
			r.rc = rota_error_set(err, ROTA_EDATA,
					      "%s:%ld: NUL byte (is this a "
					      "text file?)", label, r.line);
			break;
		}
		if (csv_parse(&p, s, n, on_field, on_row, &r) != n) {
			r.rc = rota_error_set(
				err, ROTA_EDATA,
				"%s:%ld: malformed CSV (%s; a field with a "
				"quote must be quoted, quotes doubled)",
				label, r.rec_open ? r.rec_line : r.line,
				csv_strerror(csv_error(&p)));
			break;
		}
	}
	if (r.rc >= 0 && ferror(f))
		r.rc = rota_error_set(err, ROTA_EIO, "%s: read error", label);
	if (r.rc >= 0 && csv_fini(&p, on_field, on_row, &r) != 0)
		r.rc = rota_error_set(err, ROTA_EDATA,
				      "%s:%ld: unterminated quoted field",
				      label, r.rec_open ? r.rec_line : r.line);
	if (r.rc >= 0 && r.index == 0)
		r.rc = rota_error_set(err, ROTA_EDATA,
				      "%s: empty file (expected a header row)",
				      label);
	clear_fields(&r);
	csv_free(&p);
	free(line);
	return r.rc < 0 ? r.rc : 0;
}

static int name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;

		if (ca >= 'A' && ca <= 'Z')
			ca += 32;
		if (cb >= 'A' && cb <= 'Z')
			cb += 32;
		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

int rota_csv_header(const struct rota_csv_row *hdr,
		    const struct rota_csv_col *cols, int ncols, int *idx,
		    char *extra, size_t extra_size, struct rota_error *err)
{
	size_t elen = 0;

	if (extra && extra_size)
		extra[0] = '\0';
	for (int c = 0; c < ncols; c++)
		idx[c] = -1;
	for (int i = 0; i < hdr->n; i++) {
		int claimed = 0;

		for (int j = 0; j < i; j++)
			if (hdr->field[i][0] &&
			    name_eq(hdr->field[i], hdr->field[j]))
				return rota_csv_error(err, hdr, hdr->field[i],
						      "appears twice in the "
						      "header");
		for (int c = 0; c < ncols; c++)
			if (name_eq(hdr->field[i], cols[c].name)) {
				idx[c] = i;
				claimed = 1;
			}
		if (!claimed && extra && hdr->field[i][0]) {
			int w = snprintf(extra + elen, extra_size - elen,
					 "%s%s", elen ? ", " : "",
					 hdr->field[i]);

			if (w > 0 && (size_t)w < extra_size - elen)
				elen += (size_t)w;
		}
	}
	for (int c = 0; c < ncols; c++)
		if (cols[c].required && idx[c] < 0)
			return rota_csv_error(err, hdr, NULL,
					      "missing column '%s' in the "
					      "header", cols[c].name);
	return 0;
}

const char *rota_csv_get(const struct rota_csv_row *row, int idx)
{
	return idx >= 0 && idx < row->n ? row->field[idx] : "";
}

int rota_csv_error(struct rota_error *err, const struct rota_csv_row *row,
		   const char *col, const char *fmt, ...)
{
	char msg[ROTA_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (col)
		return rota_error_set(err, ROTA_EDATA, "%s:%ld: column '%s': %s",
				      row->file, row->line, col, msg);
	return rota_error_set(err, ROTA_EDATA, "%s:%ld: %s", row->file,
			      row->line, msg);
}
