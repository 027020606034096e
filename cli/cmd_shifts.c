/* rota shifts - list shift templates. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota shifts [--format table|csv|json]\n"
	"\n"
	"List shift templates: local start and end, length, unpaid break and\n"
	"when it starts (the template's break_start, else the middle of the\n"
	"shift on a quarter hour; the agent counts for no skill during it),\n"
	"paid minutes, the days of the week they may be used and the skills\n"
	"they serve (empty: any skill).  An end marked +1 is on the next day.\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *format = NULL;
	const struct cli_option opts[] = {
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	static const char *const cols[] = {
		"code",      "name",        "start",    "end",  "length_min",
		"break_min", "break_start", "paid_min", "days", "skills"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_STR, CLI_COL_NUM, CLI_COL_STR,
				    CLI_COL_STR};
	const char *pos[1];
	struct rota_store *st = NULL;
	struct rota_dataset ds = {0};
	struct rota_error err = {0};
	struct cli_table *t = NULL;
	enum cli_format fmt;
	int rc;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if ((rc = cli_format_arg(ctx, format, &fmt)))
		return rc;
	if ((rc = cli_open_store(ctx, ROTA_STORE_READONLY, &st)))
		return rc;
	if (rota_store_load(st, &ds, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (!(t = cli_table_new(cols, types, 10))) {
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	for (size_t i = 0; i < ds.n_shifts; i++) {
		const struct rota_shift *s = &ds.shifts[i];
		int end = s->start_min + s->length_min;
		int brk = rota_shift_break_offset(s);
		char days[64], skills[512] = "";
		size_t len = 0;

		rota_format_days(s->days, days, sizeof(days));
		for (size_t k = 0; k < ds.n_skills; k++)
			if (s->skills & (UINT64_C(1) << k)) {
				int w = snprintf(skills + len,
						 sizeof(skills) - len, "%s%s",
						 len ? ";" : "",
						 ds.skills[k].name);

				if (w < 0 || (size_t)w >= sizeof(skills) - len)
					break;
				len += (size_t)w;
			}
		cli_table_cell(t, "%s", s->code);
		cli_table_cell(t, "%s", s->name);
		cli_table_cell(t, "%02d:%02d", s->start_min / 60,
			       s->start_min % 60);
		cli_table_cell(t, "%02d:%02d%s", end % 1440 / 60, end % 60,
			       end > 1440 ? "+1" : "");
		cli_table_cell(t, "%d", s->length_min);
		cli_table_cell(t, "%d", s->break_min);
		if (brk >= 0)
			cli_table_cell(t, "%02d:%02d",
				       (s->start_min + brk) % 1440 / 60,
				       (s->start_min + brk) % 60);
		else
			cli_table_cell(t, "%s", "");
		cli_table_cell(t, "%d", rota_shift_paid_min(s));
		cli_table_cell(t, "%s", days);
		cli_table_cell(t, "%s", skills);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	rc = CLI_EXIT_OK;
out:
	cli_table_free(t);
	rota_dataset_release(&ds);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_shifts = {
	"shifts", "list shift templates", usage, run};
