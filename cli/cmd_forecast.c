/* rota forecast - list the contact forecast. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/time.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota forecast [--week DATE | --from DATE --to DATE] [--skill S]\n"
	"                     [--format table|csv|json]\n"
	"\n"
	"List the stored forecast: contacts offered and average handle time\n"
	"per interval and skill, start as local ISO 8601 with its UTC offset.\n"
	"--week picks the ISO week (Monday to Sunday) containing DATE; --from\n"
	"and --to are local dates, both included.  Without either, everything\n"
	"stored is listed.\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *week = NULL, *from = NULL, *to = NULL, *skill = NULL,
		   *format = NULL;
	const struct cli_option opts[] = {
		{"week", CLI_OPT_STRING, &week, NULL},
		{"from", CLI_OPT_STRING, &from, NULL},
		{"to", CLI_OPT_STRING, &to, NULL},
		{"skill", CLI_OPT_STRING, &skill, NULL},
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	static const char *const cols[] = {"start", "skill", "contacts",
					   "aht_s"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM,
				    CLI_COL_NUM};
	const char *pos[1];
	struct rota_store *st = NULL;
	struct rota_dataset ds = {0};
	struct rota_error err = {0};
	struct rota_forecast *rows = NULL;
	struct rota_tz *tz = NULL;
	struct cli_table *t = NULL;
	enum cli_format fmt;
	int64_t lo = INT64_MIN / 2, hi = INT64_MAX / 2;
	size_t n = 0;
	int rc, k = -1;
	int32_t d0, d1;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if ((rc = cli_format_arg(ctx, format, &fmt)))
		return rc;
	if (week && (from || to))
		return cli_usage_error(ctx, "give --week or --from/--to, not "
					    "both");
	if ((from && rota_parse_date(from, &d0, NULL) < 0) ||
	    (to && rota_parse_date(to, &d1, NULL) < 0))
		return cli_usage_error(ctx, "--from/--to: expected a date "
					    "YYYY-MM-DD");
	if ((rc = cli_open_store(ctx, ROTA_STORE_READONLY, &st)))
		return rc;
	if (rota_store_load(st, &ds, &err) < 0 ||
	    !(tz = rota_tz_load(ds.site.timezone, &err))) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (skill && (rc = cli_known_skill(ctx, &ds, skill, &k)))
		goto out;
	if (week) {
		int32_t monday;

		if ((rc = cli_week_arg(ctx, week, tz, &monday)))
			goto out;
		lo = rota_tz_day_start(tz, monday);
		hi = rota_tz_day_start(tz, monday + 7);
	}
	if (from)
		lo = rota_tz_day_start(tz, d0);
	if (to)
		hi = rota_tz_day_start(tz, d1 + 1);
	if (rota_store_forecast_load(st, lo, hi, &rows, &n, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (!(t = cli_table_new(cols, types, 4))) {
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char when[40];

		if (k >= 0 && rows[i].skill != k)
			continue;
		rota_format_local_iso(tz, rows[i].start, when, sizeof(when));
		cli_table_cell(t, "%s", when);
		cli_table_cell(t, "%s", ds.skills[rows[i].skill].name);
		cli_table_cell(t, "%g", rows[i].contacts);
		cli_table_cell(t, "%g", rows[i].aht_s);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	rc = CLI_EXIT_OK;
out:
	cli_table_free(t);
	free(rows);
	rota_tz_free(tz);
	rota_dataset_release(&ds);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_forecast = {
	"forecast", "list the contact forecast", usage, run};
