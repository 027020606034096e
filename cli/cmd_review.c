/* rota review - one person's performance-review sheet. */
#include <stdlib.h>
#include <string.h>

#include "cli/att.h"

static const char usage[] =
	"usage: rota review EMPLOYEE --from DATE --to DATE [--format table|json]\n"
	"                   [--as-of TIME]\n"
	"\n"
	"A performance-review sheet for EMPLOYEE over the shifts that start\n"
	"from --from to --to (site local dates, both included): the summary\n"
	"next to the median of the employee's team, the figures week by week\n"
	"(ISO weeks, by their Monday), and every exception with its date:\n"
	"late, early_leave, absent, missing_in, missing_out, unscheduled.\n"
	"The figures are those of 'rota attendance' (docs/attendance.md), and\n"
	"--as-of TIME works as there.\n";

/* ------------------------------------------------------------ metrics */

#define METRICS(X)                                                           \
	X(shifts) X(scheduled_min) X(worked_min) X(late_count) X(late_min)    \
	X(early_count) X(early_min) X(absences) X(missing_punches)            \
	X(overtime_min) X(unscheduled_min)

static const char *const metric_names[] = {
#define X_NAME(m) #m,
	METRICS(X_NAME)
#undef X_NAME
	"adherence"};

enum { N_COUNTS = sizeof(metric_names) / sizeof(metric_names[0]) - 1 };

/* Metric i of t; the last one is adherence (-1 when undefined). */
static double metric(const struct rota_att_totals *t, int i)
{
	const long v[] = {
#define X_VALUE(m) t->m,
		METRICS(X_VALUE)
#undef X_VALUE
	};

	return i < N_COUNTS ? (double)v[i] : rota_att_adherence(t);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median of metric i over the team; -1 when no value is defined. */
static double median(const struct rota_attendance_report *team, int i,
		     double *buf)
{
	size_t n = 0;

	for (size_t k = 0; k < team->n_people; k++) {
		double v = metric(&team->people[k].att.total, i);

		if (v >= 0)
			buf[n++] = v;
	}
	if (n == 0)
		return -1;
	qsort(buf, n, sizeof(*buf), cmp_double);
	return n % 2 ? buf[n / 2] : (buf[n / 2 - 1] + buf[n / 2]) / 2;
}

/* A metric's value as text: adherence with 4 decimals, counts whole (a
 * median may end in .5); "" when undefined. */
static void show(int i, double v, char *buf, size_t size)
{
	if (v < 0)
		buf[0] = '\0';
	else if (i == N_COUNTS)
		snprintf(buf, size, "%.4f", v);
	else if (v == (double)(long)v)
		snprintf(buf, size, "%ld", (long)v);
	else
		snprintf(buf, size, "%.1f", v);
}

/* --------------------------------------------------------------- weeks */

static const char *const week_names[] = {
	"week", "shifts", "scheduled_min", "worked_min", "late_count",
	"late_min", "early_count", "early_min", "absences", "missing_punches",
	"overtime_min", "unscheduled_min", "adherence"};

static struct cli_table *weeks_table(const struct rota_attendance_report *r,
				     const struct rota_tz *tz)
{
	const struct rota_attendance_person *p = &r->people[0];
	int32_t mon0 = rota_week_monday(r->from);
	size_t nw = (size_t)(rota_week_monday(r->to) - mon0) / 7 + 1;
	struct rota_att_totals *w = calloc(nw, sizeof(*w));
	int types[13];
	struct cli_table *t;

	for (int i = 0; i < 13; i++)
		types[i] = i ? CLI_COL_NUM : CLI_COL_STR;
	if (!w || !(t = cli_table_new(week_names, types, 13))) {
		free(w);
		return NULL;
	}
	for (size_t k = 0; k < p->att.n_rows; k++) {
		const struct rota_att_row *row = &p->att.rows[k];
		int32_t wk = rota_week_monday(att_row_day(r, tz, row));
		size_t i = (size_t)(wk - mon0) / 7;

		if (wk >= mon0 && i < nw)
			rota_att_totals_add(&w[i], row);
	}
	for (size_t i = 0; i < nw; i++) {
		char date[16], v[16];

		rota_format_date(mon0 + (int32_t)(7 * i), date, sizeof(date));
		cli_table_cell(t, "%s", date);
		for (int m = 0; m <= N_COUNTS; m++) {
			show(m, metric(&w[i], m), v, sizeof(v));
			cli_table_cell(t, "%s", v);
		}
		cli_table_end_row(t);
	}
	free(w);
	return t;
}

/* ---------------------------------------------------------- exceptions */

static const struct rota_att_item *first_of(const struct rota_attendance *a,
					    const struct rota_att_row *row,
					    int kind, int last)
{
	const struct rota_att_item *hit = NULL;

	for (size_t i = 0; i < row->n_items; i++) {
		const struct rota_att_item *it = &a->items[row->first_item + i];

		if (it->kind == kind && (!hit || last))
			hit = it;
	}
	return hit;
}

static void exception(struct cli_table *t, const char *date,
		      const char *shift, const char *what, const char *minutes,
		      const char *detail)
{
	cli_table_cell(t, "%s", date);
	cli_table_cell(t, "%s", shift);
	cli_table_cell(t, "%s", what);
	cli_table_cell(t, "%s", minutes);
	cli_table_cell(t, "%s", detail);
	cli_table_end_row(t);
}

static struct cli_table *exceptions_table(
	const struct rota_attendance_report *r, const struct rota_tz *tz)
{
	static const char *const names[] = {"date", "shift", "exception",
					    "minutes", "detail"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_NUM, CLI_COL_STR};
	const struct rota_attendance *a = &r->people[0].att;
	struct cli_table *t = cli_table_new(names, types, 5);

	if (!t)
		return NULL;
	for (size_t k = 0; k < a->n_rows; k++) {
		const struct rota_att_row *row = &a->rows[k];
		int32_t day = att_row_day(r, tz, row);
		const char *code = row->shift >= 0 ? r->shifts[row->shift].shift
						   : "";
		const struct rota_att_item *it;
		char date[16], s[16], e[16], x[16], min[16], detail[96];

		rota_format_date(day, date, sizeof(date));
		att_hhmm(tz, row->start, day, s, sizeof(s));
		att_hhmm(tz, row->end, day, e, sizeof(e));
		if (row->kind == ROTA_ATT_UNSCHEDULED) {
			snprintf(min, sizeof(min), "%d", row->worked_min);
			snprintf(detail, sizeof(detail),
				 "worked %s-%s, no shift", s, e);
			exception(t, date, "", "unscheduled", min, detail);
			continue;
		}
		if (row->flags & ROTA_ATT_ABSENT) {
			snprintf(min, sizeof(min), "%d", row->scheduled_min);
			snprintf(detail, sizeof(detail),
				 "shift %s-%s, no punch", s, e);
			exception(t, date, code, "absent", min, detail);
		}
		if ((row->flags & ROTA_ATT_LATE) &&
		    (it = first_of(a, row, ROTA_PUNCH_IN, 0))) {
			att_hhmm(tz, it->at, day, x, sizeof(x));
			snprintf(min, sizeof(min), "%d", row->late_min);
			snprintf(detail, sizeof(detail),
				 "in %s, shift starts %s", x, s);
			exception(t, date, code, "late", min, detail);
		}
		if ((row->flags & ROTA_ATT_EARLY) &&
		    (it = first_of(a, row, ROTA_PUNCH_OUT, 1))) {
			att_hhmm(tz, it->at, day, x, sizeof(x));
			snprintf(min, sizeof(min), "%d", row->early_min);
			snprintf(detail, sizeof(detail),
				 "out %s, shift ends %s", x, e);
			exception(t, date, code, "early_leave", min, detail);
		}
		for (size_t i = 0; i < row->n_items; i++) {
			it = &a->items[row->first_item + i];
			if (it->status != ROTA_ATT_NO_IN &&
			    it->status != ROTA_ATT_NO_OUT)
				continue;
			att_hhmm(tz, it->at, day, x, sizeof(x));
			snprintf(detail, sizeof(detail), "%s %s (record %lld)"
				 " without %s", rota_punch_kind_name(it->kind),
				 x, (long long)it->id,
				 it->status == ROTA_ATT_NO_IN ? "an in"
							      : "an out");
			exception(t, date, code,
				  it->status == ROTA_ATT_NO_IN ? "missing_in"
							       : "missing_out",
				  "", detail);
		}
	}
	return t;
}

/* -------------------------------------------------------------- output */

static void print_json(struct cli_ctx *ctx,
		       const struct rota_attendance_report *me,
		       const struct rota_attendance_report *team,
		       const double *med, struct cli_table *weeks,
		       struct cli_table *exc)
{
	const struct rota_attendance_person *p = &me->people[0];
	char from[16], to[16], v[16];
	FILE *out = ctx->out;

	rota_format_date(me->from, from, sizeof(from));
	rota_format_date(me->to, to, sizeof(to));
	fputs("{\n  \"employee\": ", out);
	cli_json_string(out, p->id);
	fputs(", \"name\": ", out);
	cli_json_string(out, p->name);
	fputs(", \"team\": ", out);
	cli_json_string(out, p->team);
	fprintf(out, ", \"from\": \"%s\", \"to\": \"%s\",\n", from, to);
	fprintf(out, "  \"team_size\": %zu, \"grace_min\": %d,\n",
		team->n_people, me->site.grace_min);
	for (int pass = 0; pass < 2; pass++) {
		fputs(pass ? "  \"team_median\": {" : "  \"summary\": {", out);
		for (int m = 0; m <= N_COUNTS; m++) {
			show(m, pass ? med[m] : metric(&p->att.total, m), v,
			     sizeof(v));
			fprintf(out, "%s\"%s\": %s", m ? ", " : "",
				metric_names[m], *v ? v : "null");
		}
		fputs("},\n", out);
	}
	fputs("  \"weeks\": ", out);
	cli_table_print(weeks, CLI_FORMAT_JSON, out);
	fputs(",\n  \"exceptions\": ", out);
	cli_table_print(exc, CLI_FORMAT_JSON, out);
	fputs("}\n", out);
}

static void print_table(struct cli_ctx *ctx,
			const struct rota_attendance_report *me,
			const struct rota_attendance_report *team,
			const double *med, struct cli_table *weeks,
			struct cli_table *exc)
{
	const struct rota_attendance_person *p = &me->people[0];
	const char *names[] = {"metric", p->id, "team_median"};
	static const int types[] = {CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM};
	struct cli_table *t = cli_table_new(names, types, 3);
	char from[16], to[16], a[16], b[16];

	rota_format_date(me->from, from, sizeof(from));
	rota_format_date(me->to, to, sizeof(to));
	fprintf(ctx->out, "Review of %s (%s), team %s: %s to %s\n", p->id,
		p->name, *p->team ? p->team : "-", from, to);
	fprintf(ctx->out, "Site %s, grace %d min; team median over %zu "
		"people\n\nSummary\n", me->site.timezone, me->site.grace_min,
		team->n_people);
	if (t) {
		for (int m = 0; m <= N_COUNTS; m++) {
			show(m, metric(&p->att.total, m), a, sizeof(a));
			show(m, med[m], b, sizeof(b));
			cli_table_cell(t, "%s", metric_names[m]);
			cli_table_cell(t, "%s", a);
			cli_table_cell(t, "%s", b);
			cli_table_end_row(t);
		}
		cli_table_print(t, CLI_FORMAT_TABLE, ctx->out);
		cli_table_free(t);
	}
	fputs("\nWeek by week\n", ctx->out);
	cli_table_print(weeks, CLI_FORMAT_TABLE, ctx->out);
	fputs("\nExceptions\n", ctx->out);
	if (cli_table_rows(exc))
		cli_table_print(exc, CLI_FORMAT_TABLE, ctx->out);
	else
		fputs("none\n", ctx->out);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL, *fmt_s = NULL, *as_of = NULL;
	const struct cli_option opts[] = {
		{"from", CLI_OPT_STRING, &from_s, NULL},
		{"to", CLI_OPT_STRING, &to_s, NULL},
		{"format", CLI_OPT_STRING, &fmt_s, NULL},
		{"as-of", CLI_OPT_STRING, &as_of, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_attendance_query q = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_attendance_report *me = NULL, *team = NULL;
	struct rota_store *st = NULL;
	struct rota_tz *tz = NULL;
	struct rota_site site;
	struct rota_error err = {0};
	struct cli_table *weeks = NULL, *exc = NULL;
	double med[N_COUNTS + 1], *buf = NULL;
	enum cli_format fmt = CLI_FORMAT_TABLE;
	const char *pos[1];
	int n, rc;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 1, &rc)) < 0)
		return rc;
	if (n < 1)
		return cli_usage_error(ctx, "expected an employee");
	if (fmt_s && (rc = cli_format_arg(ctx, fmt_s, &fmt)) != 0)
		return rc;
	if (fmt == CLI_FORMAT_CSV)
		return cli_usage_error(ctx, "--format: review is table or json");
	if ((rc = att_period_args(ctx, from_s, to_s, &q.from, &q.to)) != 0)
		return rc;
	if ((rc = cli_open_store(ctx, ROTA_STORE_READONLY, &st)) != 0)
		return rc;
	if ((rc = att_site(ctx, st, &site, &tz)) != 0)
		goto out;
	if (att_as_of(ctx, tz, as_of, &q.now) < 0) {
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	q.employee = pos[0];
	q.detail = 1;
	if (rota_store_attendance(st, &q, &me, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	q.employee = NULL;
	q.team = me->people[0].team;
	q.detail = 0;
	if (rota_store_attendance(st, &q, &team, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rc = CLI_EXIT_FAIL;
	if (!(buf = malloc((team->n_people + 1) * sizeof(*buf))) ||
	    !(weeks = weeks_table(me, tz)) || !(exc = exceptions_table(me, tz)))
		goto out;
	for (int m = 0; m <= N_COUNTS; m++)
		med[m] = median(team, m, buf);
	if (fmt == CLI_FORMAT_JSON)
		print_json(ctx, me, team, med, weeks, exc);
	else
		print_table(ctx, me, team, med, weeks, exc);
	rc = CLI_EXIT_OK;
out:
	free(buf);
	cli_table_free(weeks);
	cli_table_free(exc);
	rota_attendance_report_free(me);
	rota_attendance_report_free(team);
	rota_tz_free(tz);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_review = {
	"review", "one person's performance-review sheet", usage, run};
