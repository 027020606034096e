/* rota staffing - required agents per interval and skill for a week. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/model.h"
#include "core/time.h"
#include "plan/plan.h"

static const char usage[] =
	"usage: rota staffing --week DATE [--skill S] [--format table|csv|json]\n"
	"\n"
	"Agents needed in every interval of the ISO week containing DATE\n"
	"(Monday 00:00 to Monday 00:00, site time), per skill, from the stored\n"
	"forecast and each skill's targets (site.ini: sl, answer_s,\n"
	"max_occupancy, shrinkage, concurrency, patience_s, max_abandon,\n"
	"asa_s).  The week's requirements are recomputed for every skill and\n"
	"stored, replacing the previous ones, so the scheduler always plans\n"
	"against the current forecast and targets; --skill only filters what\n"
	"is shown.  Intervals without a forecast row need no agents (their\n"
	"aht_s is empty).\n"
	"\n"
	"Columns: start,skill,contacts,aht_s,agents,scheduled_agents,\n"
	"service_level  (start in local time with its UTC offset).\n"
	"\n"
	"Exit codes: 2 bad option, 3 bad stored data (a target out of range, a\n"
	"forecast row off the interval grid), 1 a target no staffing can meet.\n";

static void print_rows(struct cli_ctx *ctx, const struct rota_dataset *ds,
		       const struct rota_tz *tz,
		       const struct rota_staffing_row *rows, size_t n,
		       int skill, enum cli_format fmt)
{
	static const char *const cols[] = {
		"start", "skill", "contacts", "aht_s", "agents",
		"scheduled_agents", "service_level"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM,
				    CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_NUM};
	struct cli_table *t = cli_table_new(cols, types, 7);

	if (!t) {
		fprintf(ctx->err, "%s: out of memory\n", ctx->prog);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct rota_staffing_row *w = &rows[i];
		char start[32];

		if (skill >= 0 && w->req.skill != skill)
			continue;
		rota_format_local_iso(tz, w->req.start, start, sizeof(start));
		cli_table_cell(t, "%s", start);
		cli_table_cell(t, "%s", ds->skills[w->req.skill].name);
		cli_table_cell(t, "%.10g", w->contacts);
		if (w->aht_s > 0)
			cli_table_cell(t, "%.10g", w->aht_s);
		else
			cli_table_cell(t, "%s", "");
		cli_table_cell(t, "%d", w->req.agents);
		cli_table_cell(t, "%d", w->req.scheduled_agents);
		cli_table_cell(t, "%#.12g", w->req.service_level);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *week = NULL, *skill_name = NULL, *format = NULL;
	const struct cli_option opts[] = {
		{"week", CLI_OPT_STRING, &week, NULL},
		{"skill", CLI_OPT_STRING, &skill_name, NULL},
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_plan *pl = NULL;
	const struct rota_dataset *ds;
	struct rota_staffing_week w;
	struct rota_error err = {0};
	enum cli_format fmt;
	int32_t day;
	int rc, skill = -1;
	const char *pos[1];

	memset(&w, 0, sizeof(w));
	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if (!week)
		return cli_usage_error(ctx, "--week DATE is required");
	if (rota_parse_date(week, &day, &err) < 0)
		return cli_usage_error(ctx, "--week: %s", err.msg);
	if ((rc = cli_format_arg(ctx, format, &fmt)) != CLI_EXIT_OK)
		return rc;
	if ((rc = cli_open_plan(ctx, 0, &pl)) != CLI_EXIT_OK)
		return rc;
	ds = rota_plan_dataset(pl);
	if (skill_name &&
	    (rc = cli_known_skill(ctx, ds, skill_name, &skill)) != CLI_EXIT_OK)
		goto out;
	if (rota_plan_staffing(pl, rota_week_monday(day), &w, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	print_rows(ctx, ds, rota_plan_tz(pl), w.rows, w.n, skill, fmt);
	rc = CLI_EXIT_OK;
out:
	rota_staffing_week_release(&w);
	rota_plan_close(pl);
	return rc;
}

const struct cli_command cli_cmd_staffing = {
	"staffing", "required agents per interval and skill for a week", usage,
	run};
