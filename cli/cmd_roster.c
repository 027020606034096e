/* rota roster - show a week's roster, or --check it. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "plan/plan.h"
#include "core/time.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota roster [--week DATE] [--employee ID] [--team T]\n"
	"                   [--format table|csv|json] [--check]\n"
	"       rota roster --week DATE --history [--format table|csv|json]\n"
	"       rota roster --week DATE --diff V1 V2 [--employee ID] "
	"[--team T]\n"
	"                   [--format table|csv|json]\n"
	"\n"
	"Show the stored roster of the ISO week containing DATE (default:\n"
	"this week).  The table is a week grid: employees down, days across,\n"
	"shift codes in the cells ('-' off), paid hours per employee and\n"
	"heads per day.  CSV and JSON list one shift per row: employee, date,\n"
	"shift, start, end (local ISO 8601 with offset), paid_minutes, name,\n"
	"team, skill; `rota import roster FILE` reads the CSV back.\n"
	"\n"
	"  --check   verify the roster against every rule of the week's\n"
	"            problem and list each violation (employee, date, rule,\n"
	"            hard or soft, units, penalty, message); exit 1 while a\n"
	"            hard rule is broken\n"
	"  --history every version of the week's roster: version, when,\n"
	"            kind (solve, replan, import, edit, substitute, swap,\n"
	"            absence, timeoff), by, reason, employee-days changed,\n"
	"            and which is published and which is live\n"
	"  --diff V1 V2  the employee-days that differ from version V1 to\n"
	"            V2 ('live' for the live one): employee, name, day,\n"
	"            old -> new shift with times\n"
	"\n"
	"An unknown employee or team, or a week without a roster, is an\n"
	"error (exit 1).\n";

static int listed(const struct rota_employee *e, const char *id,
		  const char *team)
{
	return (!id || strcmp(e->id, id) == 0) &&
	       (!team || strcmp(e->team, team) == 0);
}

static void pad(FILE *out, int n)
{
	while (n-- > 0)
		fputc(' ', out);
}

/* Print cells left-aligned to widths w (the last not padded). */
static void grid_row(FILE *out, const char *const *cells, const int *w,
		     const int *right, int n)
{
	for (int c = 0; c < n; c++) {
		int fill = w[c] - cli_display_width(cells[c]);

		if (c)
			fputs("  ", out);
		if (right[c]) {
			pad(out, fill);
			fputs(cells[c], out);
		} else {
			fputs(cells[c], out);
			if (c < n - 1)
				pad(out, fill);
		}
	}
	fputc('\n', out);
}

static void hours(char *buf, size_t size, long minutes)
{
	snprintf(buf, size, "%ld:%02ld", minutes / 60, minutes % 60);
}

#define GRID_COLS 10   /* employee, name, 7 days, hours */

static int print_grid(struct cli_ctx *ctx, const struct rota_dataset *ds,
		      const struct rota_roster *r, const char *id,
		      const char *team)
{
	size_t ne = 0;
	char (*cell)[GRID_COLS][ROTA_NAME_MAX];
	const char *ptr[GRID_COLS];
	int w[GRID_COLS] = {0}, right[GRID_COLS] = {0};
	int heads[7] = {0};
	long total = 0;
	size_t row = 0, a = 0;

	cell = calloc(ds->n_employees + 2, sizeof(*cell));
	if (!cell)
		return CLI_EXIT_FAIL;
	/* header */
	snprintf(cell[0][0], ROTA_NAME_MAX, "employee");
	snprintf(cell[0][1], ROTA_NAME_MAX, "name");
	for (int d = 0; d < 7; d++) {
		int y, m, dd;

		rota_civil_from_days(r->week + d, &y, &m, &dd);
		snprintf(cell[0][2 + d], ROTA_NAME_MAX, "%s %02d",
			 rota_weekday_name(d + 1), dd);
	}
	snprintf(cell[0][9], ROTA_NAME_MAX, "hours");
	right[9] = 1;
	row = 1;
	for (size_t i = 0; i < ds->n_employees; i++) {
		const struct rota_employee *e = &ds->employees[i];
		long paid = 0;

		if (!listed(e, id, team))
			continue;
		ne++;
		snprintf(cell[row][0], ROTA_NAME_MAX, "%s", e->id);
		snprintf(cell[row][1], ROTA_NAME_MAX, "%s", e->name);
		for (int d = 0; d < 7; d++)
			snprintf(cell[row][2 + d], ROTA_NAME_MAX, "-");
		/* assignments are sorted by employee id, as employees are */
		for (a = 0; a < r->n_assignments; a++) {
			const struct rota_assignment *as = &r->assignments[a];
			int d = (int)(as->day - r->week);

			if (strcmp(as->employee, e->id) != 0 || d < 0 || d > 6)
				continue;
			snprintf(cell[row][2 + d], ROTA_NAME_MAX, "%s",
				 as->shift);
			paid += as->paid_min;
			heads[d]++;
		}
		hours(cell[row][9], ROTA_NAME_MAX, paid);
		total += paid;
		row++;
	}
	snprintf(cell[row][0], ROTA_NAME_MAX, "heads");
	for (int d = 0; d < 7; d++)
		snprintf(cell[row][2 + d], ROTA_NAME_MAX, "%d", heads[d]);
	hours(cell[row][9], ROTA_NAME_MAX, total);
	for (size_t i = 0; i <= row; i++)
		for (int c = 0; c < GRID_COLS; c++) {
			int cw = cli_display_width(cell[i][c]);

			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t i = 0; i <= row; i++) {
		for (int c = 0; c < GRID_COLS; c++)
			ptr[c] = cell[i][c];
		if (i == row && ne) {
			/* a rule above the totals */
			int len = 0;

			for (int c = 0; c < GRID_COLS; c++)
				len += w[c] + (c ? 2 : 0);
			for (int k = 0; k < len; k++)
				fputc('-', ctx->out);
			fputc('\n', ctx->out);
		}
		grid_row(ctx->out, ptr, w, right, GRID_COLS);
	}
	free(cell);
	return CLI_EXIT_OK;
}

static void title(struct cli_ctx *ctx, const struct rota_roster *r)
{
	char wk[16];

	rota_format_date(r->week, wk, sizeof(wk));
	fprintf(ctx->out, "Week of %s: %s, ", wk, r->status);
	if (strcmp(r->origin, "solver") == 0) {
		fprintf(ctx->out, "scheduled by the solver");
		if (r->solver_status[0] && r->has_stats)
			fprintf(ctx->out, " (%s, objective %.2f, gap %.2f%%)",
				r->solver_status, r->objective,
				100.0 * r->gap);
		else if (r->solver_status[0])
			fprintf(ctx->out, " (%s)", r->solver_status);
	} else {
		fprintf(ctx->out, "imported");
	}
	fputs("\n\n", ctx->out);
}

static int print_list(struct cli_ctx *ctx, const struct rota_dataset *ds,
		      const struct rota_roster *r, const char *id,
		      const char *team, enum cli_format fmt)
{
	static const char *const cols[] = {
		"employee", "date", "shift", "start", "end",
		"paid_minutes", "name", "team", "skill"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM,
				    CLI_COL_STR, CLI_COL_STR, CLI_COL_STR};
	struct rota_error err = {0};
	struct rota_tz *tz = rota_tz_load(ds->site.timezone, &err);
	struct cli_table *t;

	if (!tz)
		return cli_fail(ctx, &err);
	if (!(t = cli_table_new(cols, types, 9))) {
		rota_tz_free(tz);
		return CLI_EXIT_FAIL;
	}
	for (size_t i = 0; i < r->n_assignments; i++) {
		const struct rota_assignment *a = &r->assignments[i];
		int ei = rota_dataset_employee(ds, a->employee);
		const struct rota_employee *e = ei >= 0 ? &ds->employees[ei]
							: NULL;
		char date[16], start[32], end[32];

		if (!e || !listed(e, id, team))
			continue;
		rota_format_date(a->day, date, sizeof(date));
		rota_format_local_iso(tz, a->start, start, sizeof(start));
		rota_format_local_iso(tz, a->end, end, sizeof(end));
		cli_table_cell(t, "%s", a->employee);
		cli_table_cell(t, "%s", date);
		cli_table_cell(t, "%s", a->shift);
		cli_table_cell(t, "%s", start);
		cli_table_cell(t, "%s", end);
		cli_table_cell(t, "%d", a->paid_min);
		cli_table_cell(t, "%s", e->name);
		cli_table_cell(t, "%s", e->team);
		cli_table_cell(t, "%s", a->skill);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	rota_tz_free(tz);
	return CLI_EXIT_OK;
}

static int print_history(struct cli_ctx *ctx, struct rota_plan *pl,
			 int32_t monday, enum cli_format fmt)
{
	static const char *const cols[] = {"version", "created", "kind",
					   "by", "reason", "changes",
					   "published", "live"};
	static const int types[] = {CLI_COL_NUM, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM,
				    CLI_COL_BOOL, CLI_COL_BOOL};
	struct rota_roster_version *v = NULL;
	struct rota_error err = {0};
	struct cli_table *t;
	size_t n = 0;
	int table = fmt == CLI_FORMAT_TABLE;

	if (rota_plan_roster_history(pl, monday, &v, &n, &err) < 0)
		return cli_fail(ctx, &err);
	if (!(t = cli_table_new(cols, types, 8))) {
		free(v);
		return CLI_EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		char when[32];

		if (table)
			rota_format_local_short(rota_plan_tz(pl),
						v[i].created_at, when,
						sizeof(when));
		else
			rota_format_local_iso(rota_plan_tz(pl),
					      v[i].created_at, when,
					      sizeof(when));
		cli_table_cell(t, "%d", v[i].version);
		cli_table_cell(t, "%s", when);
		cli_table_cell(t, "%s", v[i].kind);
		cli_table_cell(t, "%s", v[i].by);
		cli_table_cell(t, "%s", v[i].reason);
		cli_table_cell(t, "%d", v[i].changes);
		if (table) {
			cli_table_cell(t, "%s", v[i].published ? "published"
							       : "");
			cli_table_cell(t, "%s", v[i].live ? "live" : "");
		} else {
			cli_table_cell(t, "%s",
				       v[i].published ? "true" : "false");
			cli_table_cell(t, "%s", v[i].live ? "true" : "false");
		}
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	free(v);
	return CLI_EXIT_OK;
}

/* "3" or "live" (0). */
static int version_arg(struct cli_ctx *ctx, const char *text, int *v)
{
	long n;

	if (strcmp(text, "live") == 0) {
		*v = 0;
		return 0;
	}
	if (cli_int_arg(ctx, "--diff", text, 1, 1000000000, &n) < 0)
		return -1;
	*v = (int)n;
	return 0;
}

static int print_diff(struct cli_ctx *ctx, struct rota_plan *pl,
		      int32_t monday, int v1, int v2, const char *id,
		      const char *team, enum cli_format fmt)
{
	const struct rota_dataset *ds = rota_plan_dataset(pl);
	struct rota_plan_diff d;
	struct rota_error err = {0};
	size_t k = 0;

	if (rota_plan_roster_diff(pl, monday, v1, v2, &d, &err) < 0)
		return cli_fail(ctx, &err);
	for (size_t i = 0; i < d.n; i++) {
		int e = rota_dataset_employee(ds, d.changes[i].employee);

		if (e >= 0 && listed(&ds->employees[e], id, team))
			d.changes[k++] = d.changes[i];
	}
	if (fmt == CLI_FORMAT_TABLE)
		fprintf(ctx->out, "version %d -> %d: %zu employee-day%s "
			"changed\n%s", d.from_version, d.to_version, k,
			k == 1 ? "" : "s", k ? "\n" : "");
	if (k || fmt != CLI_FORMAT_TABLE)
		cli_print_changes(ctx->out, ds, rota_plan_tz(pl), d.changes,
				  k, fmt);
	rota_plan_diff_release(&d);
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *week = NULL, *id = NULL, *team = NULL, *format = NULL,
		   *diff = NULL;
	int check = 0, history = 0, v1 = 0, v2 = 0, npos;
	const struct cli_option opts[] = {
		{"week", CLI_OPT_STRING, &week, NULL},
		{"employee", CLI_OPT_STRING, &id, NULL},
		{"team", CLI_OPT_STRING, &team, NULL},
		{"format", CLI_OPT_STRING, &format, NULL},
		{"check", CLI_OPT_FLAG, NULL, &check},
		{"history", CLI_OPT_FLAG, NULL, &history},
		{"diff", CLI_OPT_STRING, &diff, NULL},
		{NULL, 0, NULL, NULL},
	};
	const char *pos[1];
	struct rota_plan *pl = NULL;
	const struct rota_dataset *ds;
	struct rota_roster *r = NULL;
	struct rota_error err = {0};
	enum cli_format fmt;
	int32_t monday;
	int rc, hard;

	if ((npos = cli_parse_args(ctx, argc, argv, opts, pos, 1, &rc)) < 0)
		return rc;
	if ((rc = cli_format_arg(ctx, format, &fmt)))
		return rc;
	if (check + history + (diff != NULL) > 1)
		return cli_usage_error(ctx, "give one of --check, --history "
					    "and --diff");
	if (diff && npos != 1)
		return cli_usage_error(ctx, "--diff needs two versions: "
					    "--diff V1 V2");
	if (!diff && npos)
		return cli_usage_error(ctx, "unexpected argument '%s'",
				       pos[0]);
	if (diff && (version_arg(ctx, diff, &v1) < 0 ||
		     version_arg(ctx, pos[0], &v2) < 0))
		return CLI_EXIT_USAGE;
	if ((check || history) && (id || team))
		return cli_usage_error(ctx, "--%s looks at the whole roster "
				       "(drop --employee and --team)",
				       check ? "check" : "history");
	if ((rc = cli_open_plan(ctx, ROTA_STORE_READONLY, &pl)))
		return rc;
	ds = rota_plan_dataset(pl);
	if ((rc = cli_known_people(ctx, ds, id, team)))
		goto out;
	if ((rc = cli_week_arg(ctx, week, rota_plan_tz(pl), &monday)))
		goto out;
	if (history) {
		rc = print_history(ctx, pl, monday, fmt);
		goto out;
	}
	if (diff) {
		rc = print_diff(ctx, pl, monday, v1, v2, id, team, fmt);
		goto out;
	}
	if (check) {
		rc = cli_check_week(ctx, pl, monday, ctx->out, fmt, &hard);
		if (rc == CLI_EXIT_OK && hard)
			rc = CLI_EXIT_FAIL;
		goto out;
	}
	if (rota_store_roster_load(rota_plan_store(pl), monday, &r, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (fmt == CLI_FORMAT_TABLE) {
		title(ctx, r);
		rc = print_grid(ctx, ds, r, id, team);
	} else {
		rc = print_list(ctx, ds, r, id, team, fmt);
	}
out:
	rota_roster_free(r);
	rota_plan_close(pl);
	return rc;
}

const struct cli_command cli_cmd_roster = {
	"roster", "show a week's roster (or --check it)", usage, run};
