/*
 * cli/output.c - listings as terminal tables, CSV or JSON.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

struct cli_table {
	int ncols;
	char **names;
	int *types;
	char **cells;     /* row-major, rows * ncols */
	int rows;         /* finished rows */
	int cur;          /* cells filled in the current row */
	size_t cap;       /* cells allocated */
};

struct cli_table *cli_table_new(const char *const *names, const int *types,
				int n)
{
	struct cli_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->ncols = n;
	t->names = calloc((size_t)n, sizeof(char *));
	t->types = calloc((size_t)n, sizeof(int));
	if (!t->names || !t->types) {
		cli_table_free(t);
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		t->names[i] = strdup(names[i]);
		t->types[i] = types ? types[i] : CLI_COL_STR;
		if (!t->names[i]) {
			cli_table_free(t);
			return NULL;
		}
	}
	return t;
}

void cli_table_free(struct cli_table *t)
{
	if (!t)
		return;
	for (int i = 0; t->names && i < t->ncols; i++)
		free(t->names[i]);
	for (size_t i = 0; i < t->cap; i++)
		free(t->cells[i]);
	free(t->names);
	free(t->types);
	free(t->cells);
	free(t);
}

static char **slot(struct cli_table *t, int row, int col)
{
	size_t need = (size_t)(row + 1) * (size_t)t->ncols;

	if (need > t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : (size_t)t->ncols * 16;
		char **p;

		while (ncap < need)
			ncap *= 2;
		p = realloc(t->cells, ncap * sizeof(char *));
		if (!p)
			return NULL;
		memset(p + t->cap, 0, (ncap - t->cap) * sizeof(char *));
		t->cells = p;
		t->cap = ncap;
	}
	return &t->cells[(size_t)row * (size_t)t->ncols + (size_t)col];
}

int cli_table_cell(struct cli_table *t, const char *fmt, ...)
{
	va_list ap;
	char **c;
	int n;

	if (t->cur >= t->ncols)
		return -1;
	if (!(c = slot(t, t->rows, t->cur)))
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(*c = malloc((size_t)n + 1)))
		return -1;
	va_start(ap, fmt);
	vsnprintf(*c, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->cur++;
	return 0;
}

int cli_table_end_row(struct cli_table *t)
{
	while (t->cur < t->ncols)
		if (cli_table_cell(t, "%s", "") < 0)
			return -1;
	t->rows++;
	t->cur = 0;
	return 0;
}

int cli_table_rows(const struct cli_table *t)
{
	return t->rows;
}

static const char *cell(const struct cli_table *t, int r, int c)
{
	const char *s = t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];

	return s ? s : "";
}

int cli_table_cols(const struct cli_table *t)
{
	return t->ncols;
}

const char *cli_table_name(const struct cli_table *t, int col)
{
	return col >= 0 && col < t->ncols ? t->names[col] : "";
}

const char *cli_table_get(const struct cli_table *t, int row, int col)
{
	if (row < 0 || row >= t->rows || col < 0 || col >= t->ncols)
		return "";
	return cell(t, row, col);
}

/* Decode one UTF-8 sequence; returns bytes used (>= 1). */
static int utf8_decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
		*cp = (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		*cp = (unsigned)(s[0] & 0x0f) << 12 |
		      (unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		return 3;
	}
	if ((s[0] & 0xf8) == 0xf0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		*cp = (unsigned)(s[0] & 0x07) << 18 |
		      (unsigned)(s[1] & 0x3f) << 12 |
		      (unsigned)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

/* East Asian Wide and Fullwidth ranges (Unicode 15, abridged to blocks). */
static int is_wide(unsigned c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
	       (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
	       (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	       (c >= 0xffe0 && c <= 0xffe6) ||
	       (c >= 0x1f300 && c <= 0x1f64f) ||
	       (c >= 0x1f900 && c <= 0x1f9ff) ||
	       (c >= 0x20000 && c <= 0x3fffd);
}

static int is_zero_width(unsigned c)
{
	return (c >= 0x0300 && c <= 0x036f) || c == 0x200b || c == 0x200d ||
	       (c >= 0xfe00 && c <= 0xfe0f);
}

int cli_display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;

	while (*p) {
		unsigned cp;

		p += utf8_decode(p, &cp);
		if (is_zero_width(cp))
			continue;
		w += is_wide(cp) ? 2 : 1;
	}
	return w;
}

void cli_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

void cli_csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' &&
	    (!*s || s[strlen(s) - 1] != ' ')) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void pad(FILE *out, int n)
{
	while (n-- > 0)
		fputc(' ', out);
}

static void print_table(const struct cli_table *t, FILE *out)
{
	int *w = calloc((size_t)t->ncols, sizeof(int));

	if (!w)
		return;
	for (int c = 0; c < t->ncols; c++) {
		w[c] = cli_display_width(t->names[c]);
		for (int r = 0; r < t->rows; r++) {
			int cw = cli_display_width(cell(t, r, c));

			if (cw > w[c])
				w[c] = cw;
		}
	}
	for (int r = -1; r < t->rows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			const char *s = r < 0 ? t->names[c] : cell(t, r, c);
			int fill = w[c] - cli_display_width(s);
			int last = c == t->ncols - 1;

			if (c)
				fputs("  ", out);
			if (t->types[c] == CLI_COL_NUM) {
				pad(out, fill);
				fputs(s, out);
			} else {
				fputs(s, out);
				if (!last)
					pad(out, fill);
			}
		}
		fputc('\n', out);
	}
	free(w);
}

/* --bom: whether to write the mark, and whether it was written (once per
 * process: the output is one file). */
static int csv_bom, csv_bom_done;

void cli_set_csv_bom(int on)
{
	csv_bom = on;
}

static void print_csv(const struct cli_table *t, FILE *out)
{
	if (csv_bom && !csv_bom_done && out == stdout) {
		fputs("\xEF\xBB\xBF", out);
		csv_bom_done = 1;
	}
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			fputc(',', out);
		cli_csv_field(out, t->names[c]);
	}
	fputc('\n', out);
	for (int r = 0; r < t->rows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', out);
			cli_csv_field(out, cell(t, r, c));
		}
		fputc('\n', out);
	}
}

static void print_json(const struct cli_table *t, FILE *out)
{
	fputc('[', out);
	for (int r = 0; r < t->rows; r++) {
		fputs(r ? ",\n  {" : "\n  {", out);
		for (int c = 0; c < t->ncols; c++) {
			const char *s = cell(t, r, c);

			if (c)
				fputs(", ", out);
			cli_json_string(out, t->names[c]);
			fputs(": ", out);
			if (t->types[c] == CLI_COL_NUM)
				fputs(*s ? s : "null", out);
			else if (t->types[c] == CLI_COL_BOOL)
				fputs(*s && strcmp(s, "0") &&
						      strcmp(s, "false") &&
						      strcmp(s, "no")
					      ? "true"
					      : "false",
				      out);
			else
				cli_json_string(out, s);
		}
		fputc('}', out);
	}
	fputs(t->rows ? "\n]\n" : "]\n", out);
}

void cli_table_print(const struct cli_table *t, enum cli_format fmt,
		     FILE *out)
{
	switch (fmt) {
	case CLI_FORMAT_TABLE:
		print_table(t, out);
		break;
	case CLI_FORMAT_CSV:
		print_csv(t, out);
		break;
	case CLI_FORMAT_JSON:
		print_json(t, out);
		break;
	}
}
