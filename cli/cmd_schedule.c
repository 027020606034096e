/* rota schedule - solve and store the week's roster. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/att.h"
#include "cli/cli.h"
#include "core/time.h"
#include "plan/plan.h"

static const char usage[] =
	"usage: rota schedule --week DATE [--effort E] [--time-limit S]\n"
	"                     [--gap G] [--from TIME] [--fresh]\n"
	"                     [--max-changes N] [--force] [--by NAME]\n"
	"                     [--reason TEXT] [--write-lp FILE]\n"
	"                     [--write-mps FILE] [--threads N]\n"
	"\n"
	"Build the roster of the ISO week containing DATE: recompute the\n"
	"week's staffing requirements from the forecast, solve the roster\n"
	"model (docs/model.md) and store the roster as a new version of the\n"
	"week's roster.  Prints the status (optimal: proven within the gap;\n"
	"feasible: not proven, with what ended the search), objective, best\n"
	"bound, gap, seconds, the work spent, model size, the understaffed\n"
	"intervals with the agent-minutes they miss, the rule penalties\n"
	"paid, the fairness spreads and the requests not granted.  When the\n"
	"hard rules cannot all hold, names the employee and the rules in\n"
	"conflict and exits 1 (nothing is stored).  A week without a\n"
	"forecast or whose forecast needs nobody is scheduled with a warning\n"
	"on stderr.  Progress goes to stderr when it is a terminal.\n"
	"\n"
	"A week that already has a roster keeps its frozen time: nothing that\n"
	"started by now changes, and on a published week nothing inside the\n"
	"notice window either (site.ini [operations] notice_hours, default\n"
	"12) unless --force.  On a published week, plain `rota schedule`\n"
	"re-plans from then on with the fewest changes; a draft is solved\n"
	"afresh.  A re-plan prints the changes (employee, day, old -> new)\n"
	"and the coverage regained per skill (docs/operations.md).\n"
	"\n"
	"The search is bounded by work counted in simplex iterations, not\n"
	"by time: the same database and command give the same roster on a\n"
	"loaded or an idle machine.\n"
	"\n"
	"  --effort E       scale the work budget (default 1; 2 searches\n"
	"                   twice as long, 0.5 half)\n"
	"  --time-limit S   safety cap in seconds (default 60, 0: none);\n"
	"                   when it, not the work budget, ends the search\n"
	"                   (or cuts a phase of it short), the output says\n"
	"                   so and the roster may differ between machines\n"
	"  --threads N      threads for the column generation's pricing\n"
	"                   (default one per processor); the roster is\n"
	"                   the same for any N\n"
	"  --gap G          relative gap that counts as optimal (default\n"
	"                   0.0001)\n"
	"  --from TIME      re-plan only from TIME on (\"2026-12-02 08:00\"),\n"
	"                   keeping every earlier assignment; each changed\n"
	"                   employee-day costs site.ini [operations]\n"
	"                   change_weight (default 50)\n"
	"  --fresh          re-solve the week from scratch (frozen time is\n"
	"                   still kept; no cost per change)\n"
	"  --max-changes N  change at most N employee-days (hard)\n"
	"  --force          change shifts inside the notice window (never\n"
	"                   the past)\n"
	"  --by NAME        who makes the change (default $USER)\n"
	"  --reason TEXT    why, kept with the version (rota roster --history)\n"
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

static void fmt_num(char *buf, size_t size, double v)
{
	if (!isfinite(v))
		snprintf(buf, size, "-");
	else if (fabs(v - round(v)) < 1e-6)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.2f", v);
}

/* The checker's violations of one kind group (fairness, requests). */
static void print_records(struct cli_ctx *ctx,
			  const struct rota_check_report *chk, int lo, int hi,
			  const char *title, double total)
{
	char buf[32];

	if (total <= 1e-9)
		return;
	fmt_num(buf, sizeof(buf), total);
	fprintf(ctx->out, "%s (penalty %s):\n", title, buf);
	for (size_t i = 0; i < chk->n_violations; i++) {
		const struct rota_violation *v = &chk->violations[i];

		if (v->kind < lo || v->kind > hi || v->penalty <= 1e-9)
			continue;
		fmt_num(buf, sizeof(buf), v->penalty);
		fprintf(ctx->out, "  %s (penalty %s)\n", v->text, buf);
	}
}

/*
 * The soft penalties the roster pays, as the checker (and `rota roster
 * --check`) counts them: rules by rule, then each fairness group's spread
 * and each request not granted, with whose it is.
 */
static void print_soft(struct cli_ctx *ctx,
		       const struct rota_check_report *chk)
{
	char buf[32];
	int any = 0;

	for (int rr = 0; rr <= ROTA_PROBLEM_RULE_COUNT; rr++) {
		if (chk->rule_penalty[rr] <= 1e-9)
			continue;
		if (!any)
			fprintf(ctx->out, "rule penalties paid:\n");
		any = 1;
		fmt_num(buf, sizeof(buf), chk->rule_penalty[rr]);
		fprintf(ctx->out, "  %-26s %d unit%s, penalty %s\n",
			rr == ROTA_PROBLEM_RULE_COUNT
				? "type_max"
				: rota_problem_rule_name(rr),
			chk->rule_units[rr], chk->rule_units[rr] == 1 ? "" : "s",
			buf);
	}
	if (!any)
		fprintf(ctx->out, "rule penalties paid: none\n");
	print_records(ctx, chk, ROTA_CHECK_fair_weekend, ROTA_CHECK_fair_late,
		      "unfair spreads", chk->term[ROTA_TERM_fairness]);
	print_records(ctx, chk, ROTA_CHECK_request_on, ROTA_CHECK_request_off,
		      "requests not granted", chk->term[ROTA_TERM_requests]);
}

static void print_summary(struct cli_ctx *ctx, const struct rota_tz *tz,
			  int32_t monday, const struct rota_plan_schedule *sc)
{
	const struct rota_problem *p = sc->problem;
	const struct rota_solution *sol = sc->solution;
	const struct rota_check_report *chk = sc->report;
	static const char *const words[ROTA_TERM_COUNT] = {
		"understaffing", "overstaffing", "cover short", "cover over",
		"rules", "requests", "fairness", "paid time", "changes"};
	const struct rota_solve_stats *ss = &sol->stats;
	char a[16], b[16], buf[32];
	int any = 0;

	rota_format_date(monday, a, sizeof(a));
	rota_format_date(monday + 6, b, sizeof(b));
	fprintf(ctx->out,
		"week %s to %s: %zu shifts for %d of %d employees, ",
		a, b, sc->roster->n_assignments, sc->people, p->n_employees);
	if (sc->changes == 0 && sc->version > 1)
		fprintf(ctx->out, "the same as version %d\n", sc->version);
	else
		fprintf(ctx->out, "stored as version %d (%d employee-day%s "
			"changed)\n", sc->version, sc->changes,
			sc->changes == 1 ? "" : "s");
	fprintf(ctx->out, "status     %s\n",
		ss->status == ROTA_SOLVE_OPTIMAL ? "optimal"
		: ss->stopped_by == ROTA_STOP_TIME
			? "feasible (stopped by the time limit before the work "
			  "budget: the roster depends on the machine's speed)"
		: ss->stopped_by == ROTA_STOP_WORK
			? "feasible (work budget spent, not proven optimal)"
			: "feasible (search finished, not proven optimal)");
	fmt_num(buf, sizeof(buf), ss->objective);
	fprintf(ctx->out, "objective  %s\n", buf);
	fmt_num(buf, sizeof(buf), ss->bound);
	fprintf(ctx->out, "bound      %s\n", buf);
	if (isfinite(ss->gap))
		fprintf(ctx->out, "gap        %.2f%%\n", ss->gap * 100);
	else
		fprintf(ctx->out, "gap        - (no bound yet)\n");
	fprintf(ctx->out, "seconds    %.1f\n", ss->seconds);
	fprintf(ctx->out, "work       %.0f of %.0f units\n", ss->work,
		ss->work_limit);
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
	cli_print_understaffed(ctx, p, chk->served, tz, sc->week_T, -1);
	print_soft(ctx, chk);
}

/* What a re-plan changed and the coverage it regained. */
static void print_replan(struct cli_ctx *ctx, struct rota_plan *pl,
			 const struct rota_plan_schedule *sc)
{
	static const char *const cols[] = {"skill", "short before",
					   "short after", "regained"};
	static const int types[] = {CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_NUM};
	const struct rota_problem *p = sc->problem;
	struct cli_table *t;
	char at[32];

	rota_format_local_short(rota_plan_tz(pl), sc->from, at, sizeof(at));
	fprintf(ctx->out, "\n%s from %s %s: %zu employee-day%s changed%s\n",
		sc->replanned ? "re-planned" : "solved afresh",
		rota_weekday_name(rota_weekday(
			rota_tz_day_of(rota_plan_tz(pl), sc->from))),
		at, sc->n_diff,
		sc->n_diff == 1 ? "" : "s", sc->n_diff ? ":" : "");
	if (sc->n_diff)
		cli_print_changes(ctx->out, rota_plan_dataset(pl),
				  rota_plan_tz(pl), sc->diff, sc->n_diff,
				  CLI_FORMAT_TABLE);
	if (!sc->short_before || !sc->short_after || p->n_skills == 0 ||
	    !(t = cli_table_new(cols, types, 4)))
		return;
	fprintf(ctx->out, "\ncoverage (understaffed agent-minutes of the "
		"week):\n");
	for (int k = 0; k < p->n_skills; k++) {
		cli_table_cell(t, "%s", p->skills[k].name);
		cli_table_cell(t, "%ld", sc->short_before[k]);
		cli_table_cell(t, "%ld", sc->short_after[k]);
		cli_table_cell(t, "%ld",
			       sc->short_before[k] - sc->short_after[k]);
		cli_table_end_row(t);
	}
	cli_table_print(t, CLI_FORMAT_TABLE, ctx->out);
	cli_table_free(t);
}

/* --time-limit, --gap and --effort into so->solve, each in its range;
 * CLI_EXIT_OK or the exit code after a usage error. */
static int solve_args(struct cli_ctx *ctx, const char *tl, const char *gap,
		      const char *effort, struct rota_plan_schedule_opts *so)
{
	if (tl && cli_double_arg(ctx, "--time-limit", tl,
				 &so->solve.time_limit_s) < 0)
		return CLI_EXIT_USAGE;
	if (gap && cli_double_arg(ctx, "--gap", gap, &so->solve.gap) < 0)
		return CLI_EXIT_USAGE;
	if (effort && cli_double_arg(ctx, "--effort", effort,
				     &so->solve.effort) < 0)
		return CLI_EXIT_USAGE;
	if (!(so->solve.effort > 0) || so->solve.effort > 1000)
		return cli_usage_error(ctx, "--effort: expected a factor in "
					    "(0, 1000], e.g. 2");
	if (!(so->solve.time_limit_s >= 0) || so->solve.time_limit_s > 1e7)
		return cli_usage_error(ctx, "--time-limit: expected seconds "
					    ">= 0 (0: no limit)");
	if (!(so->solve.gap >= 0) || so->solve.gap >= 1)
		return cli_usage_error(ctx, "--gap: expected a fraction in "
					    "[0, 1), e.g. 0.01");
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *week = NULL, *tl = NULL, *gap = NULL, *lp = NULL,
		   *mps = NULL, *effort = NULL, *from = NULL, *maxch = NULL,
		   *by = NULL, *reason = NULL, *threads = NULL;
	int fresh = 0, force = 0;
	const struct cli_option opts[] = {
		{"week", CLI_OPT_STRING, &week, NULL},
		{"effort", CLI_OPT_STRING, &effort, NULL},
		{"time-limit", CLI_OPT_STRING, &tl, NULL},
		{"gap", CLI_OPT_STRING, &gap, NULL},
		{"write-lp", CLI_OPT_STRING, &lp, NULL},
		{"write-mps", CLI_OPT_STRING, &mps, NULL},
		{"from", CLI_OPT_STRING, &from, NULL},
		{"fresh", CLI_OPT_FLAG, NULL, &fresh},
		{"max-changes", CLI_OPT_STRING, &maxch, NULL},
		{"force", CLI_OPT_FLAG, NULL, &force},
		{"by", CLI_OPT_STRING, &by, NULL},
		{"reason", CLI_OPT_STRING, &reason, NULL},
		{"threads", CLI_OPT_STRING, &threads, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_plan_schedule_opts so = ROTA_PLAN_SCHEDULE_OPTS_INIT;
	struct rota_plan_schedule sc;
	struct progress_state ps = {ctx->err, 0};
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	const char *pos[1];
	int32_t monday;
	int rc;

	memset(&sc, 0, sizeof(sc));
	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if (!week)
		return cli_usage_error(ctx, "--week DATE is required");
	if ((rc = solve_args(ctx, tl, gap, effort, &so)) != CLI_EXIT_OK)
		return rc;
	if (from && fresh)
		return cli_usage_error(ctx, "--from re-plans with the fewest "
					    "changes, --fresh from scratch: "
					    "give one");
	if (maxch) {
		long v;

		if (cli_int_arg(ctx, "--max-changes", maxch, 0, 1000000, &v) <
		    0)
			return CLI_EXIT_USAGE;
		so.max_changes = (int)v;
	}
	if (threads) {
		long v;

		if (cli_int_arg(ctx, "--threads", threads, 1, 16, &v) < 0)
			return CLI_EXIT_USAGE;
		so.solve.threads = (int)v;
	}
	so.lp_path = lp;
	so.mps_path = mps;
	so.fresh = fresh;
	so.force = force;
	so.by = cli_by(by);
	so.reason = reason ? reason : "";
	if ((rc = cli_open_plan(ctx, 0, &pl)) != 0)
		return rc;
	if ((rc = cli_week_arg(ctx, week, rota_plan_tz(pl), &monday)) != 0)
		goto out;
	if (from && att_time_arg(ctx, rota_plan_tz(pl), "--from", from,
				 &so.from) < 0) {
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (ctx->err_is_tty) {
		so.solve.progress = progress;
		so.solve.progress_arg = &ps;
	}
	rc = rota_plan_schedule(pl, monday, &so, &sc, &err);
	if (ps.shown)
		fputc('\n', ctx->err);
	if (rc < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	for (size_t i = 0; i < sc.notes.n; i++)
		fprintf(ctx->err, "%s: warning: %s\n", ctx->prog,
			sc.notes.text[i]);
	print_summary(ctx, rota_plan_tz(pl), monday, &sc);
	if (sc.had_roster)
		print_replan(ctx, pl, &sc);
	rc = CLI_EXIT_OK;
out:
	rota_plan_schedule_release(&sc);
	rota_plan_close(pl);
	return rc;
}

const struct cli_command cli_cmd_schedule = {
	"schedule", "solve and store the week's roster", usage, run};
