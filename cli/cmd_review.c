/* rota review - one person's performance-review sheet. */
#include <stdlib.h>
#include <string.h>

#include "cli/att.h"

static const char usage[] =
	"usage: rota review EMPLOYEE --from DATE --to DATE\n"
	"                   [--format table|csv|json|html] [--as-of TIME]\n"
	"\n"
	"A performance-review sheet for EMPLOYEE over the shifts that start\n"
	"from --from to --to (site local dates, both included): the attendance\n"
	"summary next to the median of the employee's team, the scorecard (KPI\n"
	"values, targets, points, the weighted total, team medians and\n"
	"percentile ranks, as 'rota scorecard'), the figures and the scores\n"
	"week by week (ISO weeks, by their Monday), and every exception with\n"
	"its date: late, early_leave, break_overrun, absent, excused,\n"
	"missing_in, missing_out, unscheduled.  --format html writes a\n"
	"printable page (self-contained: inline styles and an SVG trend chart,\n"
	"no network; save it and print it); csv gives one table with a\n"
	"'section' column (summary, scorecard, week, trend, exception).  The\n"
	"figures are those of 'rota attendance' (docs/attendance.md), and\n"
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
static double median(const struct rota_scorecard *team, int i, double *buf)
{
	size_t n = 0;

	for (size_t k = 0; k < team->n_people; k++) {
		double v = metric(&team->people[k].att, i);

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
		if ((row->flags & ROTA_ATT_EXCUSED) && row->excused >= 0 &&
		    row->excused < r->n_leave) {
			snprintf(min, sizeof(min), "%d", row->excused_min);
			snprintf(detail, sizeof(detail), "shift %s-%s, %s", s, e,
				 r->leave[row->excused].name);
			exception(t, date, code, "excused", min, detail);
		}
		if (row->flags & ROTA_ATT_BREAK_OVERRUN) {
			char b0[16], b1[16];

			att_break(r, tz, row, day, b0, b1, sizeof(b0));
			snprintf(min, sizeof(min), "%d",
				 row->break_overrun_min);
			snprintf(detail, sizeof(detail),
				 "back from the break (%s-%s) %d min late", b0,
				 b1, row->break_overrun_min);
			exception(t, date, code, "break_overrun", min, detail);
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

/* ---------------------------------------------------------- scorecard */

static struct cli_table *scorecard_table(const struct rota_review *rv)
{
	static const char *const names[] = {"metric", "unit", "value", "target",
					    "points", "weight", "team_median",
					    "percentile"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM,
				    CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_NUM, CLI_COL_NUM};
	struct cli_table *t = cli_table_new(names, types, 8);

	if (t)
		att_scorecard_rows(t, rv->team, &rv->team->people[rv->person],
				   0);
	return t;
}

/* The scores week by week: a value column per metric, then the total. */
static struct cli_table *trend_table(const struct rota_review *rv)
{
	const struct rota_scorecard *sc = rv->team;
	const char *names[ROTA_KPI_MAX + 8];
	int types[ROTA_KPI_MAX + 8], n = 0;
	struct cli_table *t;

	names[n] = "week";
	types[n++] = CLI_COL_STR;
	for (size_t m = 0; m < sc->n_metrics && n < ROTA_KPI_MAX + 6; m++) {
		names[n] = sc->metrics[m].name;
		types[n++] = CLI_COL_NUM;
	}
	names[n] = "total_points";
	types[n++] = CLI_COL_NUM;
	if (!(t = cli_table_new(names, types, n)))
		return NULL;
	for (size_t w = 0; w < rv->n_weeks; w++) {
		const struct rota_review_week *wk = &rv->weeks[w];
		char date[16];

		rota_format_date(wk->monday, date, sizeof(date));
		cli_table_cell(t, "%s", date);
		for (size_t m = 0; m < sc->n_metrics && m < ROTA_KPI_MAX + 5;
		     m++) {
			char v[32] = "";

			if (wk->score[m].has_value)
				att_number(v, sizeof(v), wk->score[m].value,
					   strcmp(sc->metrics[m].unit,
						  "fraction") == 0);
			cli_table_cell(t, "%s", v);
		}
		if (wk->total.has_value)
			cli_table_cell(t, "%.2f", wk->total.points);
		else
			cli_table_cell(t, "%s", "");
		cli_table_end_row(t);
	}
	return t;
}

/* -------------------------------------------------------------- output */

/* Everything a sheet shows, as tables. */
struct sheet {
	const struct rota_review *rv;
	double med[N_COUNTS + 1];
	struct cli_table *summary, *weeks, *card, *trend, *exc;
};

static struct cli_table *summary_table(const struct sheet *sh)
{
	const struct rota_attendance_person *p = &sh->rv->me->people[0];
	const char *names[] = {"metric", p->id, "team_median"};
	static const int types[] = {CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM};
	struct cli_table *t = cli_table_new(names, types, 3);

	if (!t)
		return NULL;
	for (int m = 0; m <= N_COUNTS; m++) {
		char a[16], b[16];

		show(m, metric(&p->att.total, m), a, sizeof(a));
		show(m, sh->med[m], b, sizeof(b));
		cli_table_cell(t, "%s", metric_names[m]);
		cli_table_cell(t, "%s", a);
		cli_table_cell(t, "%s", b);
		cli_table_end_row(t);
	}
	return t;
}

static void print_json(struct cli_ctx *ctx, const struct sheet *sh)
{
	const struct rota_attendance_report *me = sh->rv->me;
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
		sh->rv->team->n_people, me->site.grace_min);
	for (int pass = 0; pass < 2; pass++) {
		fputs(pass ? "  \"team_median\": {" : "  \"summary\": {", out);
		for (int m = 0; m <= N_COUNTS; m++) {
			show(m, pass ? sh->med[m] : metric(&p->att.total, m), v,
			     sizeof(v));
			fprintf(out, "%s\"%s\": %s", m ? ", " : "",
				metric_names[m], *v ? v : "null");
		}
		fputs("},\n", out);
	}
	fputs("  \"scorecard\": ", out);
	cli_table_print(sh->card, CLI_FORMAT_JSON, out);
	fputs(",\n  \"weeks\": ", out);
	cli_table_print(sh->weeks, CLI_FORMAT_JSON, out);
	fputs(",\n  \"trend\": ", out);
	cli_table_print(sh->trend, CLI_FORMAT_JSON, out);
	fputs(",\n  \"exceptions\": ", out);
	cli_table_print(sh->exc, CLI_FORMAT_JSON, out);
	fputs("}\n", out);
}

static void print_table(struct cli_ctx *ctx, const struct sheet *sh)
{
	const struct rota_attendance_report *me = sh->rv->me;
	const struct rota_attendance_person *p = &me->people[0];
	char from[16], to[16];

	rota_format_date(me->from, from, sizeof(from));
	rota_format_date(me->to, to, sizeof(to));
	fprintf(ctx->out, "Review of %s (%s), team %s: %s to %s\n", p->id,
		p->name, *p->team ? p->team : "-", from, to);
	fprintf(ctx->out, "Site %s, grace %d min; team median over %zu "
		"people\n\nSummary\n", me->site.timezone, me->site.grace_min,
		sh->rv->team->n_people);
	cli_table_print(sh->summary, CLI_FORMAT_TABLE, ctx->out);
	fputs("\nScorecard\n", ctx->out);
	cli_table_print(sh->card, CLI_FORMAT_TABLE, ctx->out);
	fputs("\nWeek by week\n", ctx->out);
	cli_table_print(sh->weeks, CLI_FORMAT_TABLE, ctx->out);
	fputs("\nScores week by week\n", ctx->out);
	cli_table_print(sh->trend, CLI_FORMAT_TABLE, ctx->out);
	fputs("\nExceptions\n", ctx->out);
	if (cli_table_rows(sh->exc))
		cli_table_print(sh->exc, CLI_FORMAT_TABLE, ctx->out);
	else
		fputs("none\n", ctx->out);
}

/* One row of the CSV sheet; NULL cells are empty. */
static void csv_row(struct cli_table *t, const char *const *cell)
{
	for (int i = 0; i < 11; i++)
		cli_table_cell(t, "%s", cell[i] ? cell[i] : "");
	cli_table_end_row(t);
}

/*
 * One CSV for a spreadsheet: every part of the sheet as rows of
 * section,week,date,shift,metric,value,target,points,team_median,
 * percentile,detail.
 */
static int print_csv(struct cli_ctx *ctx, const struct sheet *sh)
{
	static const char *const names[] = {
		"section", "week", "date", "shift", "metric", "value",
		"target", "points", "team_median", "percentile", "detail"};
	static const int types[] = {
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_NUM, CLI_COL_NUM, CLI_COL_STR};
	const struct rota_scorecard *sc = sh->rv->team;
	const struct cli_table *w = sh->weeks, *e = sh->exc, *s = sh->summary;
	struct cli_table *t = cli_table_new(names, types, 11);

	if (!t)
		return CLI_EXIT_FAIL;
	for (int r = 0; r < cli_table_rows(s); r++) {
		const char *c[11] = {"summary", NULL, NULL, NULL,
				     cli_table_get(s, r, 0),
				     cli_table_get(s, r, 1), NULL, NULL,
				     cli_table_get(s, r, 2)};

		csv_row(t, c);
	}
	for (int r = 0; r < cli_table_rows(sh->card); r++) {
		const struct cli_table *k = sh->card;
		const char *c[11] = {"scorecard", NULL, NULL, NULL,
				     cli_table_get(k, r, 0),
				     cli_table_get(k, r, 2),
				     cli_table_get(k, r, 3),
				     cli_table_get(k, r, 4),
				     cli_table_get(k, r, 6),
				     cli_table_get(k, r, 7)};

		csv_row(t, c);
	}
	for (int r = 0; r < cli_table_rows(w); r++)
		for (int col = 1; col < cli_table_cols(w); col++) {
			const char *c[11] = {"week", cli_table_get(w, r, 0),
					     NULL, NULL, cli_table_name(w, col),
					     cli_table_get(w, r, col)};

			csv_row(t, c);
		}
	for (size_t k = 0; k < sh->rv->n_weeks; k++) {
		const struct rota_review_week *wk = &sh->rv->weeks[k];
		char date[16];

		rota_format_date(wk->monday, date, sizeof(date));
		for (size_t m = 0; m <= sc->n_metrics; m++) {
			const struct rota_score *x =
				m < sc->n_metrics ? &wk->score[m] : &wk->total;
			char v[32] = "", pt[32] = "";
			const char *c[11] = {
				"trend", date, NULL, NULL,
				m < sc->n_metrics ? sc->metrics[m].name
						  : "total",
				v, NULL, pt};

			if (x->has_value) {
				att_number(v, sizeof(v), x->value,
					   m < sc->n_metrics &&
						   strcmp(sc->metrics[m].unit,
							  "fraction") == 0);
				snprintf(pt, sizeof(pt), "%.2f", x->points);
			}
			csv_row(t, c);
		}
	}
	for (int r = 0; r < cli_table_rows(e); r++) {
		const char *c[11] = {"exception", NULL, cli_table_get(e, r, 0),
				     cli_table_get(e, r, 1),
				     cli_table_get(e, r, 2),
				     cli_table_get(e, r, 3), NULL, NULL, NULL,
				     NULL, cli_table_get(e, r, 4)};

		csv_row(t, c);
	}
	cli_table_print(t, CLI_FORMAT_CSV, ctx->out);
	cli_table_free(t);
	return CLI_EXIT_OK;
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
	struct rota_review *rv = NULL;
	struct rota_store *st = NULL;
	struct rota_tz *tz = NULL;
	struct rota_site site;
	struct rota_error err = {0};
	struct sheet sh;
	double *buf = NULL;
	int32_t from, to;
	int64_t now;
	const char *pos[1];
	int n, rc, html = 0;
	enum cli_format fmt = CLI_FORMAT_TABLE;

	memset(&sh, 0, sizeof(sh));
	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 1, &rc)) < 0)
		return rc;
	if (n < 1)
		return cli_usage_error(ctx, "expected an employee");
	if (fmt_s && strcmp(fmt_s, "html") == 0)
		html = 1;
	else if (fmt_s && (rc = cli_format_arg(ctx, fmt_s, &fmt)) != 0)
		return rc;
	if ((rc = att_period_args(ctx, from_s, to_s, &from, &to)) != 0)
		return rc;
	if ((rc = cli_open_store(ctx, ROTA_STORE_READONLY, &st)) != 0)
		return rc;
	if ((rc = att_site(ctx, st, &site, &tz)) != 0)
		goto out;
	if (att_as_of(ctx, tz, as_of, &now) < 0) {
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (rota_store_review(st, pos[0], from, to, now, &rv, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	sh.rv = rv;
	rc = CLI_EXIT_FAIL;
	if (!(buf = malloc((rv->team->n_people + 1) * sizeof(*buf))))
		goto out;
	for (int m = 0; m <= N_COUNTS; m++)
		sh.med[m] = median(rv->team, m, buf);
	if (!(sh.weeks = weeks_table(rv->me, tz)) ||
	    !(sh.exc = exceptions_table(rv->me, tz)) ||
	    !(sh.card = scorecard_table(rv)) || !(sh.trend = trend_table(rv)) ||
	    !(sh.summary = summary_table(&sh)))
		goto out;
	rc = CLI_EXIT_OK;
	if (html)
		att_review_html(ctx->out, rv, &site, sh.summary, sh.exc);
	else if (fmt == CLI_FORMAT_JSON)
		print_json(ctx, &sh);
	else if (fmt == CLI_FORMAT_CSV)
		rc = print_csv(ctx, &sh);
	else
		print_table(ctx, &sh);
out:
	free(buf);
	cli_table_free(sh.summary);
	cli_table_free(sh.weeks);
	cli_table_free(sh.card);
	cli_table_free(sh.trend);
	cli_table_free(sh.exc);
	rota_review_free(rv);
	rota_tz_free(tz);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_review = {
	"review", "one person's performance-review sheet", usage, run};
