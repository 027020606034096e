/*
 * cli/week.c - glue shared by the roster commands: the week argument, the
 * week's roster problem, a stored roster as a solution, and the checker's
 * report as a listing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/time.h"
#include "solver/solver.h"
#include "store/store.h"

/* Days of history read before Monday (rest, consecutive days, weekends). */
#define HISTORY_DAYS 28

int cli_week_arg(struct cli_ctx *ctx, const char *text,
		 const struct rota_tz *tz, int32_t *monday)
{
	int32_t day;

	if (!text) {
		day = rota_tz_day_of(tz, (int64_t)time(NULL));
	} else if (rota_parse_date(text, &day, NULL) < 0) {
		return cli_usage_error(ctx,
				       "--week: '%s' is not a date (expected "
				       "YYYY-MM-DD)", text);
	}
	*monday = rota_week_monday(day);
	return CLI_EXIT_OK;
}

int cli_week_problem(struct cli_ctx *ctx, struct rota_store *st,
		     const struct rota_dataset *ds, int32_t monday,
		     struct rota_problem **out)
{
	struct rota_build_options opt = ROTA_BUILD_OPTIONS_INIT;
	struct rota_requirement *req = NULL;
	struct rota_assignment *prev = NULL;
	size_t n_req = 0, n_prev = 0;
	struct rota_error err = {0};
	struct rota_tz *tz;
	int rc = CLI_EXIT_OK;

	if (!(tz = rota_tz_load(ds->site.timezone, &err)))
		return cli_fail(ctx, &err);
	if (rota_store_requirements_load(
		    st, rota_tz_day_start(tz, monday),
		    rota_tz_day_start(tz, monday + 7), &req, &n_req, &err) < 0 ||
	    rota_store_assignments_range(
		    st, rota_tz_day_start(tz, monday - HISTORY_DAYS),
		    rota_tz_day_start(tz, monday), NULL, &prev, &n_prev,
		    &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	opt.history_days = HISTORY_DAYS;
	if (rota_problem_build(ds, monday, req, n_req, prev, n_prev, &opt, out,
			       &err) < 0)
		rc = cli_fail(ctx, &err);
out:
	free(req);
	free(prev);
	rota_tz_free(tz);
	return rc;
}

int cli_roster_solution(struct cli_ctx *ctx, const struct rota_problem *p,
			const struct rota_roster *r, int32_t monday,
			struct rota_solution **out)
{
	struct rota_error err = {0};
	struct rota_solution *sol = rota_solution_new(p, &err);

	if (!sol)
		return cli_fail(ctx, &err);
	free(sol->served);   /* a stored roster has no allocation */
	sol->served = NULL;
	for (size_t i = 0; r && i < r->n_assignments; i++) {
		const struct rota_assignment *a = &r->assignments[i];
		int e = -1, s = -1, k = -1, d = (int)(a->day - monday);

		for (int j = 0; j < p->n_employees && e < 0; j++)
			if (strcmp(p->employees[j].id, a->employee) == 0)
				e = j;
		for (int j = 0; j < p->n_types && s < 0; j++)
			if (strcmp(p->types[j].code, a->shift) == 0)
				s = j;
		for (int j = 0; j < p->n_skills && k < 0 && a->skill[0]; j++)
			if (strcmp(p->skills[j].name, a->skill) == 0)
				k = j;
		if (e < 0 || s < 0 || d < 0 || d >= p->n_days) {
			char day[16];

			rota_format_date(a->day, day, sizeof(day));
			rota_error_set(&err, ROTA_EDATA,
				       "roster: %s %s on %s is not part of "
				       "the week's problem", a->employee,
				       a->shift, day);
			rota_solution_free(sol);
			return cli_fail(ctx, &err);
		}
		sol->type[(size_t)e * (size_t)p->n_days + (size_t)d] = s;
		sol->skill[(size_t)e * (size_t)p->n_days + (size_t)d] = k;
	}
	*out = sol;
	return CLI_EXIT_OK;
}

/* 12, 12.5, 0.25 */
static void num(char *buf, size_t size, double v)
{
	if (fabs(v - round(v)) < 1e-9)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.2f", v);
}

static void print_report(const struct rota_problem *p,
			 const struct rota_check_report *r, FILE *out,
			 enum cli_format fmt)
{
	static const char *const cols[] = {"employee", "date",	"rule",
					   "severity", "units", "penalty",
					   "message"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_STR};
	static const char *const term_words[ROTA_TERM_COUNT] = {
		"understaffing", "overstaffing", "cover short", "cover over",
		"rules", "requests", "fairness", "paid time", "changes"};
	struct cli_table *t = cli_table_new(cols, types, 7);
	double soft = 0;
	char buf[32];

	if (!t)
		return;
	for (size_t i = 0; i < r->n_violations; i++) {
		const struct rota_violation *v = &r->violations[i];
		char date[16] = "";

		if (v->day >= 0 && p->dated)
			rota_format_date(p->first_day + v->day, date,
					 sizeof(date));
		soft += v->penalty;
		cli_table_cell(t, "%s",
			       v->employee >= 0 ? p->employees[v->employee].id
						: "");
		cli_table_cell(t, "%s", date);
		cli_table_cell(t, "%s", rota_check_kind_name(v->kind));
		cli_table_cell(t, "%s", v->hard ? "hard" : "soft");
		cli_table_cell(t, "%d", v->units);
		num(buf, sizeof(buf), v->penalty);
		cli_table_cell(t, "%s", buf);
		cli_table_cell(t, "%s", v->text);
		cli_table_end_row(t);
	}
	if (fmt != CLI_FORMAT_TABLE || r->n_violations)
		cli_table_print(t, fmt, out);
	cli_table_free(t);
	if (fmt != CLI_FORMAT_TABLE)
		return;
	if (r->n_violations)
		fputc('\n', out);
	num(buf, sizeof(buf), soft);
	fprintf(out, "%d hard %s, %d soft (penalty %s)\n", r->hard_broken,
		r->hard_broken == 1 ? "violation" : "violations",
		r->soft_broken, buf);
	num(buf, sizeof(buf), r->objective);
	fprintf(out, "objective %s", buf);
	for (int k = 0, first = 1; k < ROTA_TERM_COUNT; k++) {
		if (r->term[k] == 0)
			continue;
		num(buf, sizeof(buf), r->term[k]);
		fprintf(out, "%s%s %s", first ? ": " : ", ", term_words[k],
			buf);
		first = 0;
	}
	fputc('\n', out);
}

int cli_check_week(struct cli_ctx *ctx, struct rota_store *st, int32_t monday,
		   FILE *out, enum cli_format fmt, int *hard)
{
	struct rota_dataset ds = {0};
	struct rota_roster *roster = NULL;
	struct rota_problem *p = NULL;
	struct rota_solution *sol = NULL;
	struct rota_check_report *r = NULL;
	struct rota_error err = {0};
	int rc;

	*hard = 0;
	if (rota_store_load(st, &ds, &err) < 0 ||
	    rota_store_roster_load(st, monday, &roster, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if ((rc = cli_week_problem(ctx, st, &ds, monday, &p)) ||
	    (rc = cli_roster_solution(ctx, p, roster, monday, &sol)))
		goto out;
	if (rota_check(p, sol, &r, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	print_report(p, r, out, fmt);
	*hard = r->hard_broken;
	rc = CLI_EXIT_OK;
out:
	rota_check_report_free(r);
	rota_solution_free(sol);
	rota_problem_free(p);
	rota_roster_free(roster);
	rota_dataset_release(&ds);
	return rc;
}

int cli_week_intervals(const struct rota_problem *p, const struct rota_tz *tz,
		       int32_t monday)
{
	int64_t n = (rota_tz_day_start(tz, monday + 7) - p->t0) /
		    ((int64_t)p->interval_min * 60);

	return n < p->n_intervals ? (int)n : p->n_intervals;
}

/* Understaffed stretches: consecutive intervals of one skill short. */
void cli_print_understaffed(struct cli_ctx *ctx, const struct rota_problem *p,
			    const double *served, const struct rota_tz *tz,
			    int week_T, int only_skill)
{
	static const char *const cols[] = {"skill", "from", "to", "most short",
					   "missing agent-minutes"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_NUM, CLI_COL_NUM};
	struct cli_table *t;
	long total = 0;
	int n_cells = 0;

	if (!served)
		return;
	t = cli_table_new(cols, types, 5);
	if (!t)
		return;
	for (int k = 0; k < p->n_skills; k++) {
		int first = -1, most = 0;
		long minutes = 0;

		if (only_skill >= 0 && k != only_skill)
			continue;
		for (int i = 0; i <= week_T; i++) {
			int short_by = 0;

			if (i < week_T) {
				double got = served[i * p->n_skills + k];
				int req = rota_problem_demand(p, i, k)->required;

				if (req - got > 1e-6)
					short_by = (int)ceil(req - got - 1e-6);
			}
			if (short_by) {
				if (first < 0) {
					first = i;
					most = 0;
					minutes = 0;
				}
				if (short_by > most)
					most = short_by;
				minutes += (long)short_by * p->interval_min;
				n_cells++;
				continue;
			}
			if (first >= 0) {
				char a[32], b[32];

				rota_format_local_short(
					tz,
					p->t0 + (int64_t)first *
							p->interval_min * 60,
					a, sizeof(a));
				rota_format_local_short(
					tz,
					p->t0 + (int64_t)i * p->interval_min *
							60,
					b, sizeof(b));
				cli_table_cell(t, "%s", p->skills[k].name);
				cli_table_cell(t, "%s", a);
				/* the end's date only when it is another day */
				cli_table_cell(t, "%s",
					       strncmp(a, b, 10) ? b : b + 11);
				cli_table_cell(t, "%d", most);
				cli_table_cell(t, "%ld", minutes);
				cli_table_end_row(t);
				total += minutes;
				first = -1;
			}
		}
	}
	if (n_cells == 0) {
		fprintf(ctx->out, "understaffed: none\n");
	} else {
		fprintf(ctx->out,
			"understaffed: %d interval-skills, %ld agent-minutes "
			"missing\n",
			n_cells, total);
		cli_table_print(t, CLI_FORMAT_TABLE, ctx->out);
	}
	cli_table_free(t);
}
