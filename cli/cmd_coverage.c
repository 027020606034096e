/* rota coverage - required vs scheduled agents per interval and skill. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/time.h"
#include "plan/plan.h"

static const char usage[] =
	"usage: rota coverage --week DATE [--skill S] [--format table|csv|json|svg]\n"
	"\n"
	"Required and scheduled agents per interval and skill for the ISO\n"
	"week containing DATE: required is the stored requirement the roster\n"
	"model uses (scheduled agents, shrinkage included), scheduled counts\n"
	"the agents of the stored roster at work for the whole interval and\n"
	"not on their unpaid break, each counted on one skill it has (multi-\n"
	"skilled agents are allocated where they are needed most, as the\n"
	"checker does), and difference is scheduled - required.  Rows where\n"
	"both are 0 are left out.  The table view ends with the understaffed\n"
	"stretches and the agent-minutes they miss.  A week without a roster\n"
	"or an unknown skill is an error (exit 1); `rota staffing` shows the\n"
	"requirement of a week not yet scheduled.\n"
	"\n"
	"--format svg writes the week as an SVG graph instead (one panel per\n"
	"skill: scheduled agents as bars, required as a line, short intervals\n"
	"marked in red), the same graph as on rota serve's page:\n"
	"  rota coverage --week 2026-11-30 --format svg > week.svg\n";

/* The week as an SVG graph of every skill. */
static int print_svg(struct cli_ctx *ctx, const struct rota_plan *pl,
		     const struct rota_plan_week *w)
{
	struct rota_error err = {0};
	char *text = NULL;
	size_t len = 0;

	if (rota_plan_coverage_svg(pl, w, &text, &len, &err) < 0)
		return cli_fail(ctx, &err);
	fwrite(text, 1, len, ctx->out);
	free(text);
	return CLI_EXIT_OK;
}

/* A row per interval of the week and skill (only, or every skill when it
 * is -1) with agents required or scheduled; the table view ends with the
 * understaffed stretches. */
static int print_table(struct cli_ctx *ctx, const struct rota_tz *tz,
		       const struct rota_plan_week *w, enum cli_format fmt,
		       int only)
{
	static const char *const cols[] = {"interval", "skill", "required",
					   "scheduled", "difference"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM,
				    CLI_COL_NUM, CLI_COL_NUM};
	const struct rota_problem *p = w->problem;
	struct cli_table *t;

	if (!(t = cli_table_new(cols, types, 5)))
		return CLI_EXIT_FAIL;
	/* intervals of the week only: later ones are next week's */
	for (int i = 0; i < w->week_T; i++)
		for (int k = 0; k < p->n_skills; k++) {
			int req = rota_problem_demand(p, i, k)->required;
			int got = (int)w->report->served[i * p->n_skills + k];
			int64_t at = p->t0 + (int64_t)i * p->interval_min * 60;
			char when[32];

			if ((only >= 0 && k != only) || (!req && !got))
				continue;
			if (fmt == CLI_FORMAT_TABLE)
				rota_format_local_short(tz, at, when,
							sizeof(when));
			else
				rota_format_local_iso(tz, at, when,
						      sizeof(when));
			cli_table_cell(t, "%s", when);
			cli_table_cell(t, "%s", p->skills[k].name);
			cli_table_cell(t, "%d", req);
			cli_table_cell(t, "%d", got);
			cli_table_cell(t, "%d", got - req);
			cli_table_end_row(t);
		}
	cli_table_print(t, fmt, ctx->out);
	if (fmt == CLI_FORMAT_TABLE) {
		fputc('\n', ctx->out);
		cli_print_understaffed(ctx, p, w->report->served, tz,
				       w->week_T, only);
	}
	cli_table_free(t);
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *week = NULL, *format = NULL, *skill = NULL;
	const struct cli_option opts[] = {
		{"week", CLI_OPT_STRING, &week, NULL},
		{"skill", CLI_OPT_STRING, &skill, NULL},
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	const char *pos[1];
	struct rota_plan *pl = NULL;
	struct rota_plan_week w;
	struct rota_error err = {0};
	const struct rota_tz *tz;
	enum cli_format fmt;
	int32_t monday;
	int rc, only = -1, svg = 0;

	memset(&w, 0, sizeof(w));
	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if (!week)
		return cli_usage_error(ctx, "--week DATE is required");
	if (format && strcmp(format, "svg") == 0)
		svg = 1;
	else if ((rc = cli_format_arg(ctx, format, &fmt)))
		return rc;
	if ((rc = cli_open_plan(ctx, ROTA_STORE_READONLY, &pl)))
		return rc;
	tz = rota_plan_tz(pl);
	if (skill && (rc = cli_known_skill(ctx, rota_plan_dataset(pl), skill,
					   &only)))
		goto out;
	if ((rc = cli_week_arg(ctx, week, tz, &monday)))
		goto out;
	if (rota_plan_week_load(pl, monday, 1, &w, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (svg && skill)
		rc = cli_usage_error(ctx, "--skill: not with --format svg (the "
				     "graph shows every skill)");
	else if (svg)
		rc = print_svg(ctx, pl, &w);
	else
		rc = print_table(ctx, tz, &w, fmt, only);
out:
	rota_plan_week_release(&w);
	rota_plan_close(pl);
	return rc;
}

const struct cli_command cli_cmd_coverage = {
	"coverage", "required vs scheduled agents per interval and skill",
	usage, run};
