/* rota schedule - solve and store the week's roster. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/time.h"
#include "solver/solver.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota schedule --week DATE [--time-limit S] [--gap G]\n"
	"                     [--write-lp FILE] [--write-mps FILE]\n"
	"\n"
	"Build the roster of the ISO week containing DATE: recompute the\n"
	"week's staffing requirements from the forecast, solve the roster\n"
	"model (docs/model.md) and store the roster as a draft with its\n"
	"statistics, replacing any roster stored for the week.  Prints the\n"
	"status (optimal: proven within the gap; feasible: the time limit\n"
	"ended the search first), objective, best bound, gap, seconds, model\n"
	"size, the understaffed intervals with the agent-minutes they miss,\n"
	"and the rule penalties paid.  When the hard rules cannot all hold,\n"
	"names the employee and the rules in conflict and exits 1 (nothing\n"
	"is stored).  Progress goes to stderr when it is a terminal.\n"
	"\n"
	"  --time-limit S   seconds for the search (default 60); the best\n"
	"                   roster found is kept when it ends\n"
	"  --gap G          relative gap that counts as optimal (default\n"
	"                   0.0001)\n"
	"  --write-lp FILE  write the model as CPLEX LP (for other solvers)\n"
	"  --write-mps FILE write the model as free MPS\n";

struct progress_state {
	FILE *err;
	int shown;
};

static void progress(const struct rota_progress *pr, void *arg)
{
	struct progress_state *ps = arg;
	char inc[32] = "-", bnd[32] = "-", gap[32] = "-";

	if (isfinite(pr->incumbent))
		snprintf(inc, sizeof(inc), "%.2f", pr->incumbent);
	if (isfinite(pr->bound))
		snprintf(bnd, sizeof(bnd), "%.2f", pr->bound);
	if (isfinite(pr->gap))
		snprintf(gap, sizeof(gap), "%.2f%%", pr->gap * 100);
	fprintf(ps->err,
		"\r%7.1fs  %-16s  incumbent %-12s  bound %-12s  gap %-8s",
		pr->elapsed, pr->phase, inc, bnd, gap);
	fflush(ps->err);
	ps->shown = 1;
}

static int write_model(struct cli_ctx *ctx, const struct rota_problem *p,
		       const char *format, const char *path)
{
	struct rota_error err = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int ok;

	if (rota_model_write(p, format, &text, &len, &err) < 0)
		return cli_fail(ctx, &err);
	f = fopen(path, "w");
	ok = f && fwrite(text, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = 0;
	free(text);
	if (!ok) {
		fprintf(ctx->err, "%s schedule: cannot write '%s'\n", ctx->prog,
			path);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

/* The solution as the week's stored roster. */
static int to_roster(const struct rota_problem *p,
		     const struct rota_solution *sol, int32_t monday,
		     struct rota_roster *r)
{
	size_t n = 0;

	memset(r, 0, sizeof(*r));
	for (int i = 0; i < p->n_employees * p->n_days; i++)
		n += sol->type[i] >= 0;
	r->assignments = calloc(n ? n : 1, sizeof(*r->assignments));
	if (!r->assignments)
		return ROTA_ENOMEM;
	r->week = monday;
	snprintf(r->status, sizeof(r->status), "draft");
	snprintf(r->origin, sizeof(r->origin), "solver");
	r->created_at = (int64_t)time(NULL);
	snprintf(r->solver_status, sizeof(r->solver_status), "%s",
		 rota_solve_status_name(sol->stats.status));
	r->has_stats = 1;
	r->objective = sol->stats.objective;
	r->bound = sol->stats.bound;
	r->gap = sol->stats.gap;
	r->seconds = sol->stats.seconds;
	for (int e = 0; e < p->n_employees; e++)
		for (int d = 0; d < p->n_days; d++) {
			int s = sol->type[e * p->n_days + d];
			int k = sol->skill[e * p->n_days + d];
			struct rota_assignment *a;
			const struct rota_slot *sl;

			if (s < 0)
				continue;
			a = &r->assignments[r->n_assignments++];
			sl = rota_problem_slot(p, d, s);
			rota_strlcpy(a->employee, p->employees[e].id,
				     sizeof(a->employee));
			a->day = monday + d;
			rota_strlcpy(a->shift, p->types[s].code,
				     sizeof(a->shift));
			a->start = sl->start;
			a->end = sl->end;
			a->paid_min = p->types[s].paid_min;
			if (k >= 0)
				rota_strlcpy(a->skill, p->skills[k].name,
					     sizeof(a->skill));
		}
	return 0;
}

static void fmt_num(char *buf, size_t size, double v)
{
	if (!isfinite(v))
		snprintf(buf, size, "-");
	else if (fabs(v - round(v)) < 1e-6)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.2f", v);
}

static void print_summary(struct cli_ctx *ctx, const struct rota_problem *p,
			  const struct rota_solution *sol,
			  const struct rota_roster *r, const struct rota_tz *tz,
			  int32_t monday, int week_T,
			  const struct rota_check_report *chk)
{
	static const char *const words[ROTA_TERM_COUNT] = {
		"understaffing", "overstaffing", "cover short", "cover over",
		"rules", "requests", "fairness", "paid time", "changes"};
	const struct rota_solve_stats *ss = &sol->stats;
	char a[16], b[16], buf[32];
	int people = 0, any = 0;

	for (int e = 0; e < p->n_employees; e++) {
		int works = 0;

		for (int d = 0; d < p->n_days; d++)
			works |= sol->type[e * p->n_days + d] >= 0;
		people += works;
	}
	rota_format_date(monday, a, sizeof(a));
	rota_format_date(monday + 6, b, sizeof(b));
	fprintf(ctx->out,
		"week %s to %s: %zu shifts for %d of %d employees, stored as "
		"draft\n",
		a, b, r->n_assignments, people, p->n_employees);
	fprintf(ctx->out, "status     %s\n",
		ss->status == ROTA_SOLVE_OPTIMAL
			? "optimal"
			: "feasible (time limit reached, not proven optimal)");
	fmt_num(buf, sizeof(buf), ss->objective);
	fprintf(ctx->out, "objective  %s\n", buf);
	fmt_num(buf, sizeof(buf), ss->bound);
	fprintf(ctx->out, "bound      %s\n", buf);
	if (isfinite(ss->gap))
		fprintf(ctx->out, "gap        %.2f%%\n", ss->gap * 100);
	else
		fprintf(ctx->out, "gap        - (no bound yet)\n");
	fprintf(ctx->out, "seconds    %.1f\n", ss->seconds);
	fprintf(ctx->out, "model      %d rows, %d columns, %d binaries\n",
		ss->rows, ss->cols, ss->binaries);
	fprintf(ctx->out, "terms     ");
	for (int k = 0; k < ROTA_TERM_COUNT; k++) {
		if (fabs(ss->term[k]) < 1e-9)
			continue;
		fmt_num(buf, sizeof(buf), ss->term[k]);
		fprintf(ctx->out, "%s %s %s", any ? "," : "", words[k], buf);
		any = 1;
	}
	fprintf(ctx->out, "%s\n", any ? "" : " none");
	cli_print_understaffed(ctx, p, chk->served, tz, week_T, -1);
	any = 0;
	for (int rr = 0; rr <= ROTA_PROBLEM_RULE_COUNT; rr++) {
		if (ss->rule_penalty[rr] <= 1e-9)
			continue;
		if (!any)
			fprintf(ctx->out, "rule penalties paid:\n");
		any = 1;
		fmt_num(buf, sizeof(buf), ss->rule_penalty[rr]);
		fprintf(ctx->out, "  %-26s %d unit%s, penalty %s\n",
			rota_problem_rule_name(rr), ss->rule_units[rr],
			ss->rule_units[rr] == 1 ? "" : "s", buf);
	}
	if (!any)
		fprintf(ctx->out, "rule penalties paid: none\n");
	if (ss->term[ROTA_TERM_requests] > 1e-9) {
		fmt_num(buf, sizeof(buf), ss->term[ROTA_TERM_requests]);
		fprintf(ctx->out, "requests not granted: penalty %s\n", buf);
	}
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *week = NULL, *tl = NULL, *gap = NULL, *lp = NULL,
		   *mps = NULL;
	const struct cli_option opts[] = {
		{"week", CLI_OPT_STRING, &week, NULL},
		{"time-limit", CLI_OPT_STRING, &tl, NULL},
		{"gap", CLI_OPT_STRING, &gap, NULL},
		{"write-lp", CLI_OPT_STRING, &lp, NULL},
		{"write-mps", CLI_OPT_STRING, &mps, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_solve_options so = ROTA_SOLVE_OPTIONS_INIT;
	struct progress_state ps = {ctx->err, 0};
	struct rota_store *st = NULL;
	struct rota_dataset ds = {0};
	struct rota_problem *p = NULL;
	struct rota_solution *sol = NULL;
	struct rota_check_report *chk = NULL;
	struct rota_roster roster = {0};
	struct rota_error err = {0};
	struct rota_tz *tz = NULL;
	const char *pos[1];
	int32_t monday;
	int rc, week_T;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if (!week)
		return cli_usage_error(ctx, "--week DATE is required");
	if (tl && cli_double_arg(ctx, "--time-limit", tl, &so.time_limit_s) < 0)
		return CLI_EXIT_USAGE;
	if (gap && cli_double_arg(ctx, "--gap", gap, &so.gap) < 0)
		return CLI_EXIT_USAGE;
	if (!(so.time_limit_s >= 0) || so.time_limit_s > 1e7)
		return cli_usage_error(ctx, "--time-limit: expected seconds "
					    ">= 0 (0: no limit)");
	if (!(so.gap >= 0) || so.gap >= 1)
		return cli_usage_error(ctx, "--gap: expected a fraction in "
					    "[0, 1), e.g. 0.01");
	if ((rc = cli_open_store(ctx, 0, &st)) != 0)
		return rc;
	if (rota_store_load(st, &ds, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (!(tz = rota_tz_load(ds.site.timezone, &err))) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if ((rc = cli_week_arg(ctx, week, tz, &monday)) != 0)
		goto out;
	/* the week's requirements follow the current forecast and targets */
	if (cli_staffing_refresh(st, &ds, tz, monday, NULL, NULL, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if ((rc = cli_week_problem(ctx, st, &ds, monday, &p)) != 0)
		goto out;
	week_T = cli_week_intervals(p, tz, monday);
	if ((lp && (rc = write_model(ctx, p, "lp", lp)) != 0) ||
	    (mps && (rc = write_model(ctx, p, "mps", mps)) != 0))
		goto out;
	if (ctx->err_is_tty) {
		so.progress = progress;
		so.progress_arg = &ps;
	}
	rc = rota_solve(p, &so, &sol, &err);
	if (ps.shown)
		fputc('\n', ctx->err);
	if (rc < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	/* the independent checker vouches for the roster before it is
	 * stored, and its allocation is what every report shows */
	if (rota_check(p, sol, &chk, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (chk->hard_broken) {
		fprintf(ctx->err,
			"%s: internal error: the roster found breaks %d hard "
			"rule%s (rota roster --check lists them); not stored\n",
			ctx->prog, chk->hard_broken,
			chk->hard_broken == 1 ? "" : "s");
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	if (fabs(chk->objective - sol->stats.objective) >
	    1e-6 * fmax(1.0, fabs(chk->objective)))
		fprintf(ctx->err,
			"%s: warning: the checker values the roster at %.6g, "
			"the solver at %.6g\n",
			ctx->prog, chk->objective, sol->stats.objective);
	if (to_roster(p, sol, monday, &roster) < 0) {
		rota_error_set(&err, ROTA_ENOMEM, "out of memory");
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (rota_store_roster_save(st, &roster, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	print_summary(ctx, p, sol, &roster, tz, monday, week_T, chk);
	rc = CLI_EXIT_OK;
out:
	free(roster.assignments);
	rota_check_report_free(chk);
	rota_solution_free(sol);
	rota_problem_free(p);
	rota_tz_free(tz);
	rota_dataset_release(&ds);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_schedule = {
	"schedule", "solve and store the week's roster", usage, run};
