/* rota bench - the solver on public benchmarks, and generated sites. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/time.h"
#include "plan/plan.h"
#include "solver/solver.h"

static const char usage[] =
	"usage: rota bench curtois FILE... [--effort E] [--time-limit S]\n"
	"                  [--seed N] [--threads N] [--solution OUT.csv]\n"
	"                  [--format table|csv|json] [--verbose]\n"
	"       rota bench generate --agents N [--seed S] [--week DATE]\n"
	"                  --out DIR\n"
	"\n"
	"curtois: solve Curtois & Qu's nurse rostering instances (the text\n"
	"format of schedulingbenchmarks.org, Instance1.txt ... Instance24.txt)\n"
	"with rota's solver, check each roster with the independent checker\n"
	"and print one row per instance:\n"
	"  instance,status,objective,bound,gap,seconds,work,stopped_by,\n"
	"  best_known,gap_to_best,days,employees,types,\n"
	"  shifts_short,cover_under,cover_over,requests\n"
	"The objective is the checker's, recomputed from the roster; a roster\n"
	"breaking a hard rule is an internal error (its violations go to\n"
	"stderr, exit 1).  gap = (objective - bound) / objective; best_known\n"
	"comes from BEST_KNOWN.csv beside the instance when there is one.\n"
	"The last four split the objective: shifts short of the cover, their\n"
	"penalty, the penalty of shifts over it, and of requests not granted\n"
	"(the checker's terms; the objective is their sum).\n"
	"The search is bounded by work (--effort scales it, default 1) with\n"
	"--time-limit as a safety cap (default 600 s; 0: none).  --solution\n"
	"(one instance) writes the roster as employee,day,shift rows, day\n"
	"0-based, worked days only.  --seed N (default 0) takes another of\n"
	"the neighbourhood search's random paths, as deterministic: the same\n"
	"seed gives the same roster.  --threads N (default: one per\n"
	"processor) prices the column generation's rounds on N threads; the\n"
	"roster and the work are the same for any N.  A large --effort (four default budgets\n"
	"left after the dives) restarts the search from new dives drawn by\n"
	"the seed and keeps the best roster.  --verbose: the search's log\n"
	"on stderr.\n"
	"\n"
	"generate: write a generated contact-centre site into DIR - site.ini,\n"
	"contracts.csv, staff.csv, shifts.csv, timeoff.csv and a week of\n"
	"forecast.csv, the files 'rota import DIR' reads - with N agents\n"
	"(four skills, multi-skilled, full and part time, 15-minute\n"
	"intervals; docs/model.md).  The same N and --seed (default 1) give\n"
	"the same files.  --week: a date of the forecast's week (default the\n"
	"week of 2026-11-30).\n";

/* Best known value of instance `name` (e.g. "Instance7") from
 * BEST_KNOWN.csv in the directory of path, or -1. */
static double best_known(const char *path, const char *name)
{
	char csv[4096], line[1024];
	const char *slash = strrchr(path, '/');
	size_t n = strlen(name);
	double best = -1;
	FILE *f;

	if (slash)
		snprintf(csv, sizeof(csv), "%.*s/BEST_KNOWN.csv",
			 (int)(slash - path), path);
	else
		snprintf(csv, sizeof(csv), "BEST_KNOWN.csv");
	if (!(f = fopen(csv, "r")))
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, name, n) == 0 && line[n] == ',') {
			best = strtod(line + n + 1, NULL);
			break;
		}
	fclose(f);
	return best;
}

/* "Instance7" from ".../Instance7.txt" */
static void instance_name(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	snprintf(buf, size, "%.*s", (int)(dot ? dot - base : (long)strlen(base)),
		 base);
}

static int write_solution(struct cli_ctx *ctx, const struct rota_problem *p,
			  const struct rota_solution *sol, const char *path)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f) {
		fprintf(ctx->err, "%s bench: cannot write '%s'\n", ctx->prog,
			path);
		return CLI_EXIT_FAIL;
	}
	fprintf(f, "employee,day,shift\n");
	for (int e = 0; e < p->n_employees; e++)
		for (int d = 0; d < p->n_days; d++) {
			int s = sol->type[e * p->n_days + d];

			if (s >= 0)
				fprintf(f, "%s,%d,%s\n", p->employees[e].id, d,
					p->types[s].code);
		}
	ok = !ferror(f);
	if (fclose(f) != 0 || !ok) {
		fprintf(ctx->err, "%s bench: cannot write '%s'\n", ctx->prog,
			path);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

/* A number with `decimals` decimals, empty when not finite. */
static void cell_num(struct cli_table *t, double v, int decimals)
{
	if (fabs(v) < 0.5 * pow(10, -decimals))
		v = 0; /* never "-0" */
	if (isfinite(v))
		cli_table_cell(t, "%.*f", decimals, v);
	else
		cli_table_cell(t, "%s", "");
}

/* One instance: solve, check, one row; CLI exit code. */
static int curtois_one(struct cli_ctx *ctx, const char *path,
		       const struct rota_solve_options *so,
		       const char *solution, struct cli_table *t)
{
	struct rota_problem *p = NULL;
	struct rota_solution *sol = NULL;
	struct rota_check_report *r = NULL;
	struct rota_error err = {0};
	char name[256];
	double best;
	int rc;

	instance_name(path, name, sizeof(name));
	if (rota_curtois_read(path, &p, &err) < 0)
		return cli_fail(ctx, &err);
	best = best_known(path, name);
	if ((rc = rota_solve(p, so, &sol, &err)) < 0) {
		cli_table_cell(t, "%s", name);
		cli_table_cell(t, "%s",
			       rc == ROTA_EINFEASIBLE ? "infeasible" : "none");
		cli_table_end_row(t);
		fprintf(ctx->err, "%s bench: %s: %s\n", ctx->prog, name,
			err.msg);
		rota_problem_free(p);
		return CLI_EXIT_FAIL;
	}
	/* no intervals: the checker has no allocation to verify */
	free(sol->served);
	sol->served = NULL;
	if (rota_check(p, sol, &r, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (r->hard_broken) {
		for (size_t i = 0; i < r->n_violations; i++)
			if (r->violations[i].hard)
				fprintf(ctx->err, "%s bench: %s: %s\n",
					ctx->prog, name, r->violations[i].text);
		fprintf(ctx->err,
			"%s bench: internal error: the roster of %s breaks %d "
			"hard rule%s\n",
			ctx->prog, name, r->hard_broken,
			r->hard_broken == 1 ? "" : "s");
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	cli_table_cell(t, "%s", name);
	cli_table_cell(t, "%s", rota_solve_status_name(sol->stats.status));
	cli_table_cell(t, "%.0f", r->objective);
	cell_num(t, sol->stats.bound, 0);
	cell_num(t, isfinite(sol->stats.bound)
			    ? (r->objective - sol->stats.bound) /
				      fmax(1.0, fabs(r->objective))
			    : HUGE_VAL,
		 4);
	cli_table_cell(t, "%.1f", sol->stats.seconds);
	cli_table_cell(t, "%.0f", sol->stats.work);
	cli_table_cell(t, "%s", rota_stop_name(sol->stats.stopped_by));
	cell_num(t, best > 0 ? best : HUGE_VAL, 0);
	cell_num(t, best > 0 ? (r->objective - best) / best : HUGE_VAL, 4);
	cli_table_cell(t, "%d", p->n_days);
	cli_table_cell(t, "%d", p->n_employees);
	cli_table_cell(t, "%d", p->n_types);
	cli_table_cell(t, "%d", r->cover_short);
	cell_num(t, r->term[ROTA_TERM_cover_under], 0);
	cell_num(t, r->term[ROTA_TERM_cover_over], 0);
	cell_num(t, r->term[ROTA_TERM_requests], 0);
	cli_table_end_row(t);
	rc = solution ? write_solution(ctx, p, sol, solution) : CLI_EXIT_OK;
out:
	rota_check_report_free(r);
	rota_solution_free(sol);
	rota_problem_free(p);
	return rc;
}

static void progress(const struct rota_progress *pr, void *arg)
{
	struct cli_ctx *ctx = arg;

	fprintf(ctx->err,
		"\r%7.1fs %12.0f work  %-18s  incumbent %-10.0f bound %-10.0f",
		pr->elapsed, pr->work, pr->phase, pr->incumbent, pr->bound);
	fflush(ctx->err);
}

static void log_line(const char *text, void *arg)
{
	struct cli_ctx *ctx = arg;

	fputs(text, ctx->err);
}

static int run_curtois(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char *const cols[] = {
		"instance", "status",	  "objective",	 "bound",
		"gap",	    "seconds",	  "work",	 "stopped_by",
		"best_known", "gap_to_best", "days",	 "employees",
		"types",    "shifts_short", "cover_under", "cover_over",
		"requests"};
	static const int types[] = {
		CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_NUM, CLI_COL_NUM, CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_NUM, CLI_COL_NUM};
	const char *tl = NULL, *effort = NULL, *solution = NULL,
		   *format = NULL, *seed = NULL, *threads = NULL, *pos[64];
	int verbose = 0;
	const struct cli_option opts[] = {
		{"time-limit", CLI_OPT_STRING, &tl, NULL},
		{"effort", CLI_OPT_STRING, &effort, NULL},
		{"seed", CLI_OPT_STRING, &seed, NULL},
		{"threads", CLI_OPT_STRING, &threads, NULL},
		{"solution", CLI_OPT_STRING, &solution, NULL},
		{"format", CLI_OPT_STRING, &format, NULL},
		{"verbose", CLI_OPT_FLAG, NULL, &verbose},
		{NULL, 0, NULL, NULL},
	};
	struct rota_solve_options so = ROTA_SOLVE_OPTIONS_INIT;
	enum cli_format fmt;
	struct cli_table *t;
	int n, rc, worst = CLI_EXIT_OK;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 64, &rc)) < 0)
		return rc;
	if (n < 1)
		return cli_usage_error(ctx, "curtois: give an instance file");
	if (solution && n > 1)
		return cli_usage_error(ctx, "--solution takes one instance");
	so.time_limit_s = 600;
	if ((tl && cli_double_arg(ctx, "--time-limit", tl, &so.time_limit_s) <
			   0) ||
	    (effort && cli_double_arg(ctx, "--effort", effort, &so.effort) < 0))
		return CLI_EXIT_USAGE;
	if (!(so.time_limit_s >= 0) || !(so.effort > 0) || so.effort > 1000)
		return cli_usage_error(ctx, "--time-limit: seconds >= 0; "
					    "--effort: a factor in (0, 1000]");
	if (seed) {
		long v;

		if (cli_int_arg(ctx, "--seed", seed, 0, 2147483647L, &v) < 0)
			return CLI_EXIT_USAGE;
		so.seed = (unsigned)v;
	}
	if (threads) {
		long v;

		if (cli_int_arg(ctx, "--threads", threads, 1, 16, &v) < 0)
			return CLI_EXIT_USAGE;
		so.threads = (int)v;
	}
	if (cli_format_arg(ctx, format, &fmt) < 0)
		return CLI_EXIT_USAGE;
	so.gap = 0;
	if (ctx->err_is_tty && !verbose) {
		so.progress = progress;
		so.progress_arg = ctx;
	}
	if (verbose) {
		so.log = log_line;
		so.log_arg = ctx;
	}
	if (!(t = cli_table_new(cols, types, 17))) {
		fprintf(ctx->err, "%s bench: out of memory\n", ctx->prog);
		return CLI_EXIT_FAIL;
	}
	for (int i = 0; i < n; i++) {
		rc = curtois_one(ctx, pos[i], &so, solution, t);
		if (ctx->err_is_tty)
			fputc('\n', ctx->err);
		if (rc != CLI_EXIT_OK && worst == CLI_EXIT_OK)
			worst = rc;
	}
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	return worst;
}

static int run_generate(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *agents = NULL, *seed = NULL, *week = NULL, *out = NULL,
		   *pos[1];
	const struct cli_option opts[] = {
		{"agents", CLI_OPT_STRING, &agents, NULL},
		{"seed", CLI_OPT_STRING, &seed, NULL},
		{"week", CLI_OPT_STRING, &week, NULL},
		{"out", CLI_OPT_STRING, &out, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_sitegen_opts o = {0, 1, 0};
	struct rota_error err = {0};
	long v;
	int32_t day = rota_days_from_civil(2026, 11, 30);
	int n, rc;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 1, &rc)) < 0)
		return rc;
	if (!agents || !out)
		return cli_usage_error(ctx, "generate: --agents N and --out DIR "
					    "are required");
	if (cli_int_arg(ctx, "--agents", agents, 1, 100000, &v) < 0)
		return CLI_EXIT_USAGE;
	o.agents = (int)v;
	if (seed) {
		if (cli_int_arg(ctx, "--seed", seed, 0, 2147483647L, &v) < 0)
			return CLI_EXIT_USAGE;
		o.seed = (int)v;
	}
	if (week && rota_parse_date(week, &day, NULL) < 0)
		return cli_usage_error(ctx, "--week: '%s' is not a date "
					    "(expected YYYY-MM-DD)", week);
	o.monday = rota_week_monday(day);
	if (rota_plan_sitegen(&o, out, &err) < 0)
		return cli_fail(ctx, &err);
	fprintf(ctx->out, "generated site: %d agents (seed %d) in %s; "
			  "next: rota import %s\n",
		o.agents, o.seed, out, out);
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "curtois") == 0)
		return run_curtois(ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "generate") == 0)
		return run_generate(ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		fputs(usage, ctx->out);
		return CLI_EXIT_OK;
	}
	return cli_usage_error(ctx, "expected 'curtois' or 'generate'");
}

const struct cli_command cli_cmd_bench = {
	"bench", "the solver on benchmarks; generated sites", usage, run};
