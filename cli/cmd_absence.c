/* rota absence - record unplanned absences (sick calls) and list them. */
#include <stdlib.h>
#include <string.h>

#include "cli/ops.h"

static const char usage[] =
	"usage: rota absence add EMPLOYEE --from TIME --to TIME --type TYPE\n"
	"                        [--reason TEXT] [--by NAME]\n"
	"       rota absence list [--from DATE] [--to DATE] [--employee ID]\n"
	"                         [--format table|csv|json]\n"
	"\n"
	"add records an unplanned absence (a sick call, a no-show excused\n"
	"later) of a leave type of the site (site.ini [leave.NAME], e.g.\n"
	"sick) and takes the employee's shifts that overlap it out of the\n"
	"live roster, as a new roster version of kind 'absence' (kept in the\n"
	"history; attendance reports them as excused with the type).  It\n"
	"lists them as open shifts to cover (rota cover).  Shifts that have\n"
	"already started stay and are reported.  The notice window does not\n"
	"apply: an absence is a fact.  TIME is a local time 'YYYY-MM-DD\n"
	"HH:MM' or a date (--from: its start, --to: its end).\n"
	"\n"
	"list shows the absences overlapping [--from, --to] (dates, both\n"
	"included; default: all): id, employee, name, type, paid, from, to,\n"
	"shifts taken out, reason, by, recorded.\n"
	"\n"
	"Exit 2 for an unknown leave type, 1 for an unknown employee.\n";

static int add(struct cli_ctx *ctx, const char *emp, const char *from_s,
	       const char *to_s, const char *type, const char *reason,
	       const char *by)
{
	struct rota_plan_absence_opts o;
	struct rota_plan_absence r;
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	char a[20], b[20], what[200];
	int rc;

	memset(&r, 0, sizeof(r));
	if (!from_s || !to_s || !type)
		return cli_usage_error(ctx, "add needs --from, --to and --type");
	if ((rc = cli_open_plan(ctx, 0, &pl)) != 0)
		return rc;
	memset(&o, 0, sizeof(o));
	o.employee = emp;
	o.type = type;
	o.reason = reason;
	o.by = cli_by(by);
	rc = CLI_EXIT_USAGE;
	if (ops_when_arg(ctx, rota_plan_tz(pl), "--from", from_s, 0,
			 &o.from) < 0 ||
	    ops_when_arg(ctx, rota_plan_tz(pl), "--to", to_s, 1, &o.to) < 0)
		goto out;
	if (rota_plan_absence_add(pl, &o, &r, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	ops_local(rota_plan_tz(pl), o.from, a, sizeof(a));
	ops_local(rota_plan_tz(pl), o.to, b, sizeof(b));
	fprintf(ctx->out, "absence %lld: %s %s from %s to %s\n",
		(long long)r.id, emp, type, a, b);
	if (!r.n_removed && !r.n_kept)
		fprintf(ctx->out, "no rostered shift is affected\n");
	if (r.n_removed)
		fprintf(ctx->out, "taken out of the roster (%d new version%s); "
			"open shift%s to cover:\n", r.versions,
			r.versions == 1 ? "" : "s",
			r.n_removed == 1 ? "" : "s");
	for (size_t i = 0; i < r.n_removed; i++) {
		char day[16];

		ops_describe(pl, &r.removed[i], what, sizeof(what));
		rota_format_date(r.removed[i].day, day, sizeof(day));
		fprintf(ctx->out, "  %s  ->  rota cover %s --date %s\n", what,
			emp, day);
	}
	if (r.n_kept)
		fprintf(ctx->out, "already started, kept as rostered:\n");
	for (size_t i = 0; i < r.n_kept; i++) {
		ops_describe(pl, &r.kept[i], what, sizeof(what));
		fprintf(ctx->out, "  %s\n", what);
	}
	ops_print_notes(ctx, &r.notes);
	rc = CLI_EXIT_OK;
out:
	rota_plan_absence_release(&r);
	rota_plan_close(pl);
	return rc;
}

static int list(struct cli_ctx *ctx, const char *emp, const char *from_s,
		const char *to_s, const char *fmt_s)
{
	static const char *const names[] = {
		"id", "employee", "name", "type", "paid", "from", "to",
		"shifts", "reason", "by", "recorded"};
	static const int types[] = {
		CLI_COL_NUM, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_BOOL, CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM,
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR};
	const struct rota_dataset *ds;
	struct rota_plan *pl = NULL;
	struct rota_absence *ab = NULL;
	struct rota_error err = {0};
	struct cli_table *t = NULL;
	enum cli_format fmt;
	int64_t from = INT64_MIN, to = INT64_MAX;
	size_t n = 0;
	int rc;

	if (cli_format_arg(ctx, fmt_s, &fmt) < 0)
		return CLI_EXIT_USAGE;
	if ((rc = cli_open_plan(ctx, ROTA_STORE_READONLY, &pl)) != 0)
		return rc;
	ds = rota_plan_dataset(pl);
	rc = CLI_EXIT_USAGE;
	if ((from_s && ops_when_arg(ctx, rota_plan_tz(pl), "--from", from_s,
				    0, &from) < 0) ||
	    (to_s && ops_when_arg(ctx, rota_plan_tz(pl), "--to", to_s, 1,
				  &to) < 0))
		goto out;
	if (rota_store_absence_list(rota_plan_store(pl), emp, from, to, &ab,
				    &n, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (!(t = cli_table_new(names, types, 11))) {
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		int e = rota_dataset_employee(ds, ab[i].employee);
		int lt = rota_dataset_leave_type(ds, ab[i].type);
		char a[20], b[20], c[20];

		ops_local(rota_plan_tz(pl), ab[i].start, a, sizeof(a));
		ops_local(rota_plan_tz(pl), ab[i].end, b, sizeof(b));
		ops_local(rota_plan_tz(pl), ab[i].recorded_at, c, sizeof(c));
		cli_table_cell(t, "%lld", (long long)ab[i].id);
		cli_table_cell(t, "%s", ab[i].employee);
		cli_table_cell(t, "%s", e >= 0 ? ds->employees[e].name : "");
		cli_table_cell(t, "%s", ab[i].type);
		cli_table_cell(t, "%s",
			       lt >= 0 && ds->leave_types[lt].paid ? "true"
								  : "false");
		cli_table_cell(t, "%s", a);
		cli_table_cell(t, "%s", b);
		cli_table_cell(t, "%d", ab[i].shifts);
		cli_table_cell(t, "%s", ab[i].reason);
		cli_table_cell(t, "%s", ab[i].by);
		cli_table_cell(t, "%s", c);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	rc = CLI_EXIT_OK;
out:
	cli_table_free(t);
	free(ab);
	rota_plan_close(pl);
	return rc;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *type = NULL, *reason = NULL,
		   *by = NULL, *emp = NULL, *fmt = NULL;
	const struct cli_option opts[] = {
		{"from", CLI_OPT_STRING, &from, NULL},
		{"to", CLI_OPT_STRING, &to, NULL},
		{"type", CLI_OPT_STRING, &type, NULL},
		{"reason", CLI_OPT_STRING, &reason, NULL},
		{"by", CLI_OPT_STRING, &by, NULL},
		{"employee", CLI_OPT_STRING, &emp, NULL},
		{"format", CLI_OPT_STRING, &fmt, NULL},
		{NULL, 0, NULL, NULL},
	};
	const char *pos[2];
	int n, rc;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 2, &rc)) < 0)
		return rc;
	if (n >= 1 && strcmp(pos[0], "add") == 0) {
		if (n != 2)
			return cli_usage_error(ctx, "expected: add EMPLOYEE");
		if (emp || fmt)
			return cli_usage_error(ctx, "add takes no --employee "
						    "or --format");
		return add(ctx, pos[1], from, to, type, reason, by);
	}
	if (n == 1 && strcmp(pos[0], "list") == 0) {
		if (type || reason || by)
			return cli_usage_error(ctx, "list takes no --type, "
						    "--reason or --by");
		return list(ctx, emp, from, to, fmt);
	}
	return cli_usage_error(ctx, "expected add or list");
}

const struct cli_command cli_cmd_absence = {
	"absence", "record unplanned absences (sick calls), list them", usage,
	run};
