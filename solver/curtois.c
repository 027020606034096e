/*
 * solver/curtois.c - reader of the Curtois nurse rostering instances
 * (schedulingbenchmarks.org, "Instance1.txt" ... "Instance24.txt").
 *
 * The format: CRLF or LF lines; '#' starts a comment line; a line
 * "SECTION_NAME" starts a section, whose data lines are comma-separated;
 * blank lines separate sections.  Sections come in the order HORIZON,
 * SHIFTS, STAFF, DAYS_OFF, SHIFT_ON_REQUESTS, SHIFT_OFF_REQUESTS, COVER
 * (the last four optional).  See docs/roster.md for the mapping onto
 * struct rota_problem.  This is the only file in solver/ that reads a
 * file (DESIGN.md).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver.h"

enum section {
	SEC_NONE = -1,
	SEC_HORIZON,
	SEC_SHIFTS,
	SEC_STAFF,
	SEC_DAYS_OFF,
	SEC_ON,
	SEC_OFF,
	SEC_COVER,
	SEC_COUNT
};

static const char *const section_names[SEC_COUNT] = {
	"SECTION_HORIZON",	     "SECTION_SHIFTS",
	"SECTION_STAFF",	     "SECTION_DAYS_OFF",
	"SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS",
	"SECTION_COVER",
};

#define MAX_FIELDS 4096
#define MAX_FILE (256L * 1024 * 1024)

struct shift_line {
	char id[ROTA_ID_MAX];
	int length;
	char *not_after;   /* raw "|"-separated list */
	long line;
};

struct staff_line {
	char id[ROTA_ID_MAX];
	char *max_shifts;  /* raw "S=n|..." */
	long v[6];         /* max/min total, max/min consecutive, min off,
			      max weekends */
	long line;
};

struct parser {
	const char *label;
	long line;
	int horizon;
	struct shift_line *shifts;
	int n_shifts, cap_shifts;
	struct staff_line *staff;
	int n_staff, cap_staff;
	struct rota_problem *p;
	uint8_t *cover_seen;
	uint8_t *off_seen;       /* employee already had a DAYS_OFF line */
	char *fields[MAX_FIELDS];
	int nf;
};

__attribute__((format(printf, 3, 4))) static int
perr(struct parser *ps, struct rota_error *err, const char *fmt, ...)
{
	char msg[ROTA_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ps->line > 0)
		return rota_error_set(err, ROTA_EDATA, "%s:%ld: %s", ps->label,
				      ps->line, msg);
	return rota_error_set(err, ROTA_EDATA, "%s: %s", ps->label, msg);
}

/* Split a mutable line at sep into ps->fields. */
static int split(struct parser *ps, char *s, char sep, struct rota_error *err)
{
	ps->nf = 0;
	for (;;) {
		char *c = strchr(s, sep);

		if (ps->nf == MAX_FIELDS)
			return perr(ps, err, "more than %d fields", MAX_FIELDS);
		ps->fields[ps->nf++] = s;
		if (!c)
			break;
		*c = '\0';
		s = c + 1;
	}
	return 0;
}

static int to_long(struct parser *ps, const char *what, const char *s,
		   long min, long max, long *out, struct rota_error *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || s[0] == ' ' || s[0] == '+')
		return perr(ps, err, "%s: '%s' is not a whole number", what, s);
	if (v < min || v > max)
		return perr(ps, err, "%s: %ld out of range (%ld to %ld)", what,
			    v, min, max);
	*out = v;
	return 0;
}

static int check_id(struct parser *ps, const char *what, const char *s,
		    struct rota_error *err)
{
	size_t n = strlen(s);

	if (n == 0)
		return perr(ps, err, "%s: empty", what);
	if (n >= ROTA_ID_MAX)
		return perr(ps, err, "%s: '%.20s...' is longer than %d bytes",
			    what, s, ROTA_ID_MAX - 1);
	return 0;
}

static int find_shift(const struct parser *ps, const char *id)
{
	for (int s = 0; s < ps->n_shifts; s++)
		if (strcmp(ps->shifts[s].id, id) == 0)
			return s;
	return -1;
}

static int find_staff(const struct parser *ps, const char *id)
{
	for (int e = 0; e < ps->n_staff; e++)
		if (strcmp(ps->staff[e].id, id) == 0)
			return e;
	return -1;
}

static int need_fields(struct parser *ps, int sec, int n,
		       struct rota_error *err)
{
	if (ps->nf != n)
		return perr(ps, err, "%s: expected %d fields, found %d",
			    section_names[sec], n, ps->nf);
	return 0;
}

static int grow(void **arr, int *cap, int n, size_t size)
{
	if (n < *cap)
		return 0;
	{
		int ncap = *cap ? 2 * *cap : 16;
		void *a = realloc(*arr, (size_t)ncap * size);

		if (!a)
			return -1;
		*arr = a;
		*cap = ncap;
	}
	return 0;
}

static int shift_line(struct parser *ps, struct rota_error *err)
{
	struct shift_line *sl;
	long len;
	int rc;

	if ((rc = need_fields(ps, SEC_SHIFTS, 3, err)) < 0 ||
	    (rc = check_id(ps, "shift id", ps->fields[0], err)) < 0 ||
	    (rc = to_long(ps, "shift length", ps->fields[1], 1, 1440, &len,
			  err)) < 0)
		return rc;
	if (find_shift(ps, ps->fields[0]) >= 0)
		return perr(ps, err, "duplicate shift '%s'", ps->fields[0]);
	if (ps->n_shifts >= 10000)
		return perr(ps, err, "more than 10000 shifts");
	if (grow((void **)&ps->shifts, &ps->cap_shifts, ps->n_shifts,
		 sizeof(*ps->shifts)) < 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	sl = &ps->shifts[ps->n_shifts];
	memset(sl, 0, sizeof(*sl));
	rota_strlcpy(sl->id, ps->fields[0], sizeof(sl->id));
	sl->length = (int)len;
	sl->line = ps->line;
	if (!(sl->not_after = strdup(ps->fields[2])))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	ps->n_shifts++;
	return 0;
}

static int staff_line(struct parser *ps, struct rota_error *err)
{
	static const char *const what[6] = {
		"MaxTotalMinutes",	 "MinTotalMinutes",
		"MaxConsecutiveShifts",	 "MinConsecutiveShifts",
		"MinConsecutiveDaysOff", "MaxWeekends"};
	struct staff_line *sl;
	int rc;

	if ((rc = need_fields(ps, SEC_STAFF, 8, err)) < 0 ||
	    (rc = check_id(ps, "employee id", ps->fields[0], err)) < 0)
		return rc;
	if (find_staff(ps, ps->fields[0]) >= 0)
		return perr(ps, err, "duplicate employee '%s'", ps->fields[0]);
	if (ps->n_staff >= 100000)
		return perr(ps, err, "more than 100000 employees");
	if (grow((void **)&ps->staff, &ps->cap_staff, ps->n_staff,
		 sizeof(*ps->staff)) < 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	sl = &ps->staff[ps->n_staff];
	memset(sl, 0, sizeof(*sl));
	rota_strlcpy(sl->id, ps->fields[0], sizeof(sl->id));
	sl->line = ps->line;
	for (int i = 0; i < 6; i++)
		if ((rc = to_long(ps, what[i], ps->fields[2 + i], 0, 1000000,
				  &sl->v[i], err)) < 0)
			return rc;
	if (!(sl->max_shifts = strdup(ps->fields[1])))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	ps->n_staff++;
	return 0;
}

/* Allocate the problem once HORIZON, SHIFTS and STAFF are read. */
static int make_problem(struct parser *ps, struct rota_error *err)
{
	struct rota_problem *p;
	int S = ps->n_shifts, E = ps->n_staff, rc;

	if (ps->horizon <= 0)
		return perr(ps, err, "no SECTION_HORIZON before this line");
	if (S == 0)
		return perr(ps, err, "no shifts (SECTION_SHIFTS) before this "
				     "line");
	if (!(p = rota_problem_new(ps->horizon, 0, 0, S, E, err)))
		return err ? err->code : ROTA_ENOMEM;
	ps->p = p;
	p->first_weekday = 1;
	for (int s = 0; s < S; s++) {
		struct rota_shift_type *t = &p->types[s];

		rota_strlcpy(t->code, ps->shifts[s].id, sizeof(t->code));
		rota_strlcpy(t->name, ps->shifts[s].id, sizeof(t->name));
		t->start_min = -1;
		t->length_min = ps->shifts[s].length;
		t->paid_min = ps->shifts[s].length;
	}
	/* rotation bans, now that every shift id is known */
	for (int s = 0; s < S; s++) {
		char *list = ps->shifts[s].not_after;

		ps->line = ps->shifts[s].line;
		if (!*list)
			continue;
		if ((rc = split(ps, list, '|', err)) < 0)
			return rc;
		for (int i = 0; i < ps->nf; i++) {
			int s2 = find_shift(ps, ps->fields[i]);

			if (s2 < 0)
				return perr(ps, err,
					    "shift '%s' cannot be followed by "
					    "unknown shift '%s'",
					    ps->shifts[s].id, ps->fields[i]);
			p->ban[s * S + s2] = 1;
		}
	}
	for (int e = 0; e < E; e++) {
		struct staff_line *sl = &ps->staff[e];
		struct rota_problem_employee *pe = &p->employees[e];
		static const int rules[6] = {
			ROTA_RULE_max_total_min,
			ROTA_RULE_min_total_min,
			ROTA_RULE_max_consecutive_days,
			ROTA_RULE_min_consecutive_days,
			ROTA_RULE_min_consecutive_days_off,
			ROTA_RULE_max_weekends,
		};

		ps->line = sl->line;
		rota_strlcpy(pe->id, sl->id, sizeof(pe->id));
		rota_strlcpy(pe->name, sl->id, sizeof(pe->name));
		for (int i = 0; i < 6; i++) {
			pe->rule[rules[i]].value = (int)sl->v[i];
			pe->rule[rules[i]].weight = 0;
		}
		if ((rc = split(ps, sl->max_shifts, '|', err)) < 0)
			return rc;
		for (int i = 0; i < ps->nf; i++) {
			char *eq = strchr(ps->fields[i], '=');
			struct rota_rule_value *cap;
			long n;
			int s;

			if (!eq)
				return perr(ps, err,
					    "MaxShifts: '%s' is not SHIFT=N",
					    ps->fields[i]);
			*eq = '\0';
			if ((s = find_shift(ps, ps->fields[i])) < 0)
				return perr(ps, err,
					    "MaxShifts: unknown shift '%s'",
					    ps->fields[i]);
			if ((rc = to_long(ps, "MaxShifts", eq + 1, 0, 1000000,
					  &n, err)) < 0)
				return rc;
			cap = &p->type_max[(size_t)e * (size_t)S + (size_t)s];
			if (cap->value != ROTA_UNSET)
				return perr(ps, err,
					    "MaxShifts: shift '%s' given twice",
					    ps->fields[i]);
			cap->value = (int)n;
			cap->weight = 0;
		}
	}
	ps->cover_seen = calloc((size_t)ps->horizon * (size_t)S, 1);
	ps->off_seen = calloc(E ? (size_t)E : 1, 1);
	if (!ps->cover_seen || !ps->off_seen)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	return 0;
}

static int day_field(struct parser *ps, const char *s, int *out,
		     struct rota_error *err)
{
	long d;
	int rc;

	if ((rc = to_long(ps, "day", s, LONG_MIN, LONG_MAX, &d, err)) < 0)
		return rc;
	if (d < 0 || d >= ps->horizon)
		return perr(ps, err, "day %ld is outside the horizon (0 to %d)",
			    d, ps->horizon - 1);
	*out = (int)d;
	return 0;
}

static int employee_field(struct parser *ps, const char *s, int *out,
			  struct rota_error *err)
{
	int e = find_staff(ps, s);

	if (e < 0)
		return perr(ps, err, "unknown employee '%s'", s);
	*out = e;
	return 0;
}

static int shift_field(struct parser *ps, const char *s, int *out,
		       struct rota_error *err)
{
	int t = find_shift(ps, s);

	if (t < 0)
		return perr(ps, err, "unknown shift '%s'", s);
	*out = t;
	return 0;
}

static int days_off_line(struct parser *ps, struct rota_error *err)
{
	struct rota_problem *p = ps->p;
	int e, rc;

	if (ps->nf < 1 || !ps->fields[0][0])
		return perr(ps, err, "SECTION_DAYS_OFF: expected an employee");
	if ((rc = employee_field(ps, ps->fields[0], &e, err)) < 0)
		return rc;
	if (ps->off_seen[e])
		return perr(ps, err, "second SECTION_DAYS_OFF line for '%s'",
			    ps->fields[0]);
	ps->off_seen[e] = 1;
	for (int i = 1; i < ps->nf; i++) {
		int d;

		/* a trailing comma leaves an empty field: allowed */
		if (!ps->fields[i][0] && i == ps->nf - 1)
			break;
		if ((rc = day_field(ps, ps->fields[i], &d, err)) < 0)
			return rc;
		for (int s = 0; s < p->n_types; s++)
			p->unavailable[((size_t)e * (size_t)p->n_days +
					(size_t)d) * (size_t)p->n_types +
				       (size_t)s] = 1;
	}
	return 0;
}

static int request_line(struct parser *ps, int sec, struct rota_error *err)
{
	struct rota_request rq = {0, 0, 0, 0, 0};
	long w;
	int rc;

	if ((rc = need_fields(ps, sec, 4, err)) < 0 ||
	    (rc = employee_field(ps, ps->fields[0], &rq.employee, err)) < 0 ||
	    (rc = day_field(ps, ps->fields[1], &rq.day, err)) < 0 ||
	    (rc = shift_field(ps, ps->fields[2], &rq.type, err)) < 0 ||
	    (rc = to_long(ps, "weight", ps->fields[3], 0, 1000000000, &w,
			  err)) < 0)
		return rc;
	rq.on = sec == SEC_ON;
	rq.weight = (double)w;
	rc = rota_problem_add_request(ps->p, &rq, err);
	return rc < 0 ? rc : 0;
}

static int cover_line(struct parser *ps, struct rota_error *err)
{
	struct rota_cover *cv;
	long req, wu, wo;
	int d = 0, s = 0, rc;

	if ((rc = need_fields(ps, SEC_COVER, 5, err)) < 0 ||
	    (rc = day_field(ps, ps->fields[0], &d, err)) < 0 ||
	    (rc = shift_field(ps, ps->fields[1], &s, err)) < 0 ||
	    (rc = to_long(ps, "requirement", ps->fields[2], 0, 100000, &req,
			  err)) < 0 ||
	    (rc = to_long(ps, "under weight", ps->fields[3], 0, 1000000000,
			  &wu, err)) < 0 ||
	    (rc = to_long(ps, "over weight", ps->fields[4], 0, 1000000000,
			  &wo, err)) < 0)
		return rc;
	if (ps->cover_seen[(size_t)d * (size_t)ps->n_shifts + (size_t)s])
		return perr(ps, err, "second cover line for day %d shift '%s'",
			    d, ps->fields[1]);
	ps->cover_seen[(size_t)d * (size_t)ps->n_shifts + (size_t)s] = 1;
	cv = rota_problem_cover(ps->p, d, s);
	cv->required = (int)req;
	cv->under_weight = (double)wu;
	cv->over_weight = (double)wo;
	return 0;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static void parser_free(struct parser *ps)
{
	for (int s = 0; s < ps->n_shifts; s++)
		free(ps->shifts[s].not_after);
	for (int e = 0; e < ps->n_staff; e++)
		free(ps->staff[e].max_shifts);
	free(ps->shifts);
	free(ps->staff);
	free(ps->cover_seen);
	free(ps->off_seen);
	rota_problem_free(ps->p);
}

/* A SECTION_ line: checks the name and the order, builds the problem once
 * the staff is known, and makes it the current section; returns 0 or the
 * error's code. */
static int section_line(struct parser *ps, const char *line, int *sec,
			int *last, struct rota_error *err)
{
	int found = SEC_NONE, rc;

	for (int i = 0; i < SEC_COUNT; i++)
		if (strcmp(line, section_names[i]) == 0)
			found = i;
	if (found == SEC_NONE)
		return perr(ps, err, "unknown section '%s'", line);
	if (found <= *last)
		return perr(ps, err,
			    "%s after %s (expected the order HORIZON, SHIFTS, "
			    "STAFF, DAYS_OFF, SHIFT_ON_REQUESTS, "
			    "SHIFT_OFF_REQUESTS, COVER)",
			    line, section_names[*last]);
	if (found > SEC_STAFF && !ps->p) {
		long here = ps->line;

		if ((rc = make_problem(ps, err)) < 0)
			return rc;
		ps->line = here;
	}
	*sec = *last = found;
	return 0;
}

/* The SECTION_HORIZON line (split into ps->fields); returns the error's
 * code, or what the last check returned. */
static int horizon_line(struct parser *ps, int sec, struct rota_error *err)
{
	long h;
	int rc;

	if (ps->horizon > 0)
		return perr(ps, err, "SECTION_HORIZON: a second value");
	if ((rc = need_fields(ps, sec, 1, err)) < 0 ||
	    (rc = to_long(ps, "horizon", ps->fields[0], 1, 3660,
			  &h, err)) < 0)
		return rc;
	ps->horizon = (int)h;
	return rc;
}

/* A data line of section sec, split and handed to that section's reader;
 * returns the error's code, or what the last step returned. */
static int data_line(struct parser *ps, int sec, char *line,
		     struct rota_error *err)
{
	int rc;

	if ((rc = split(ps, line, ',', err)) < 0)
		return rc;
	switch (sec) {
	case SEC_HORIZON:
		rc = horizon_line(ps, sec, err);
		break;
	case SEC_SHIFTS:
		rc = shift_line(ps, err);
		break;
	case SEC_STAFF:
		rc = staff_line(ps, err);
		break;
	case SEC_DAYS_OFF:
		rc = days_off_line(ps, err);
		break;
	case SEC_ON:
	case SEC_OFF:
		rc = request_line(ps, sec, err);
		break;
	case SEC_COVER:
		rc = cover_line(ps, err);
		break;
	default:
		break;
	}
	return rc;
}

int rota_curtois_parse(const char *text, size_t len, const char *label,
		       struct rota_problem **out, struct rota_error *err)
{
	struct parser ps;
	char *buf, *pos, *end;
	int sec = SEC_NONE, last = SEC_NONE, rc = 0;

	if (!text || !out)
		return rota_error_set(err, ROTA_EINVAL,
				      "rota_curtois_parse: missing argument");
	memset(&ps, 0, sizeof(ps));
	ps.label = label ? label : "instance";
	if (!(buf = malloc(len + 1)))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (memchr(buf, '\0', len)) {
		rc = perr(&ps, err, "contains a NUL byte (not a text file)");
		goto out;
	}
	end = buf + len;
	for (pos = buf; pos < end;) {
		char *nl = memchr(pos, '\n', (size_t)(end - pos));
		char *line;

		if (nl)
			*nl = '\0';
		line = trim(pos);
		pos = nl ? nl + 1 : end;
		ps.line++;
		if (!*line || *line == '#')
			continue;
		if (strncmp(line, "SECTION_", 8) == 0) {
			if ((rc = section_line(&ps, line, &sec, &last,
					       err)) < 0)
				goto out;
			continue;
		}
		if (sec == SEC_NONE) {
			rc = perr(&ps, err, "data line before any section");
			goto out;
		}
		if ((rc = data_line(&ps, sec, line, err)) < 0)
			goto out;
	}
	ps.line = 0;
	if (!ps.p && (rc = make_problem(&ps, err)) < 0)
		goto out;
	if (ps.n_staff == 0) {
		rc = perr(&ps, err, "no employees (SECTION_STAFF)");
		goto out;
	}
	if ((rc = rota_problem_validate(ps.p, err)) < 0) {
		rota_error_prefix(err, "%s", ps.label);
		goto out;
	}
	*out = ps.p;
	ps.p = NULL;
out:
	parser_free(&ps);
	free(buf);
	return rc;
}

int rota_curtois_read(const char *path, struct rota_problem **out,
		      struct rota_error *err)
{
	FILE *fp;
	char *text = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!path || !out)
		return rota_error_set(err, ROTA_EINVAL,
				      "rota_curtois_read: missing argument");
	if (!(fp = fopen(path, "rb")))
		return rota_error_set(err, ROTA_EIO, "%s: cannot open: %s",
				      path, strerror(errno));
	for (;;) {
		size_t n;

		if (len == cap) {
			size_t ncap = cap ? 2 * cap : 65536;
			char *t;

			if (ncap > (size_t)MAX_FILE) {
				fclose(fp);
				free(text);
				return rota_error_set(err, ROTA_EDATA,
						      "%s: larger than %ld "
						      "bytes", path, MAX_FILE);
			}
			if (!(t = realloc(text, ncap))) {
				fclose(fp);
				free(text);
				return rota_error_set(err, ROTA_ENOMEM,
						      "out of memory");
			}
			text = t;
			cap = ncap;
		}
		n = fread(text + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		rc = rota_error_set(err, ROTA_EIO, "%s: read error", path);
		fclose(fp);
		free(text);
		return rc;
	}
	fclose(fp);
	rc = rota_curtois_parse(text ? text : "", len, path, out, err);
	free(text);
	return rc;
}
