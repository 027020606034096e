/* rota timeoff - time-off requests, decisions and the list of time off. */
#include <stdlib.h>
#include <string.h>

#include "cli/ops.h"
#include "core/leave.h"

static const char usage[] =
	"usage: rota timeoff list [--employee ID] [--status S] [--from DATE]\n"
	"                         [--to DATE] [--format table|csv|json]\n"
	"       rota timeoff request EMPLOYEE --from TIME --to TIME --type T\n"
	"                            [--reason TEXT] [--auto]\n"
	"       rota timeoff approve ID [--by NAME] [--reason TEXT] [--force]\n"
	"       rota timeoff deny ID [--by NAME] [--reason TEXT]\n"
	"       rota timeoff cancel ID [--by NAME] [--reason TEXT]\n"
	"\n"
	"list shows time off overlapping [--from, --to] (dates, both\n"
	"included; default: all), of one employee or status (pending,\n"
	"approved, denied, cancelled): id, employee, name, from, to, type,\n"
	"paid, credit_min (minutes a whole day counts for, core/leave.h),\n"
	"status, origin (import or request), reason, requested, decided_by,\n"
	"decided_at, decision.\n"
	"\n"
	"request stores a pending request and judges it against the site's\n"
	"rules (site.ini [timeoff]: min_notice_days, max_off_per_team,\n"
	"max_off_per_skill, blackout dates) and the live roster: the shifts\n"
	"it overlaps and the intervals that become short per skill if they\n"
	"go.  With --auto (or the site's auto_approve) a request inside\n"
	"every rule is approved at once.  TIME is a local time or a date\n"
	"(--from: its start, --to: its end).\n"
	"\n"
	"approve refuses (exit 1) while a site rule is broken, unless\n"
	"--force.  It takes the rostered shifts the leave overlaps out of\n"
	"the live roster, as a roster version of kind 'timeoff' (--by,\n"
	"--reason), and lists them: they are open shifts that 'rota cover'\n"
	"finds.  A shift that has started refuses the approval (past time is\n"
	"frozen); one within the notice window needs --force.  deny decides\n"
	"a pending request; cancel withdraws pending or approved time off,\n"
	"and puts no shift back: the shifts an approval took out stay open\n"
	"until someone covers them or the week is re-planned.  Decisions\n"
	"record --by (default: the login name), --reason and the time.\n";

static void print_impact(struct cli_ctx *ctx,
			 const struct rota_plan_timeoff_impact *im)
{
	if (im->broken.n)
		fprintf(ctx->out, "site rules it breaks:\n");
	for (size_t i = 0; i < im->broken.n; i++)
		fprintf(ctx->out, "  %s\n", im->broken.text[i]);
	if (im->shifts.n)
		fprintf(ctx->out, "rostered shifts it overlaps:\n");
	for (size_t i = 0; i < im->shifts.n; i++)
		fprintf(ctx->out, "  %s\n", im->shifts.text[i]);
	if (im->coverage.n)
		fprintf(ctx->out, "if they go, these become short (%ld "
			"agent-minutes):\n", im->short_min);
	for (size_t i = 0; i < im->coverage.n; i++)
		fprintf(ctx->out, "  %s\n", im->coverage.text[i]);
	if (!im->broken.n && !im->shifts.n)
		fprintf(ctx->out, "inside every site rule; no rostered shift "
				  "overlaps it\n");
}

/* An approval (or an automatic one): the rules it broke (forced), the
 * shifts taken out of the roster and the coverage they take with them. */
static void print_approved(struct cli_ctx *ctx, struct rota_plan *pl,
			   const struct rota_plan_timeoff *r)
{
	const struct rota_plan_timeoff_impact *im = &r->impact;
	char what[200], day[16];

	if (im->broken.n)
		fprintf(ctx->out, "site rules it breaks (approved anyway):\n");
	for (size_t i = 0; i < im->broken.n; i++)
		fprintf(ctx->out, "  %s\n", im->broken.text[i]);
	if (!r->n_removed) {
		fprintf(ctx->out, "%sno rostered shift overlaps it\n",
			im->broken.n ? "" : "inside every site rule; ");
		return;
	}
	fprintf(ctx->out, "taken out of the roster (%d new version%s); open "
		"shift%s to cover:\n", r->versions, r->versions == 1 ? "" : "s",
		r->n_removed == 1 ? "" : "s");
	for (size_t i = 0; i < r->n_removed; i++) {
		ops_describe(pl, &r->removed[i], what, sizeof(what));
		rota_format_date(r->removed[i].day, day, sizeof(day));
		fprintf(ctx->out, "  %s  ->  rota cover %s --date %s\n", what,
			r->record.employee, day);
	}
	if (im->coverage.n)
		fprintf(ctx->out, "now short (%ld agent-minutes):\n",
			im->short_min);
	for (size_t i = 0; i < im->coverage.n; i++)
		fprintf(ctx->out, "  %s\n", im->coverage.text[i]);
}

/* A cancellation of approved time off puts no shift back. */
static void print_cancelled(struct cli_ctx *ctx, struct rota_plan *pl,
			    const struct rota_plan_timeoff *r)
{
	char what[200], day[16];

	if (r->n_removed)
		fprintf(ctx->out, "the shift%s its approval took out stay%s "
			"out of the roster, open; cover %s or re-plan:\n",
			r->n_removed == 1 ? "" : "s",
			r->n_removed == 1 ? "s" : "",
			r->n_removed == 1 ? "it" : "them");
	for (size_t i = 0; i < r->n_removed; i++) {
		ops_describe(pl, &r->removed[i], what, sizeof(what));
		rota_format_date(r->removed[i].day, day, sizeof(day));
		fprintf(ctx->out, "  %s  ->  rota cover %s --date %s\n", what,
			r->record.employee, day);
	}
}

static void print_record(struct cli_ctx *ctx, struct rota_plan *pl,
			 const struct rota_timeoff_record *r)
{
	char a[20], b[20];

	ops_local(rota_plan_tz(pl), r->start, a, sizeof(a));
	ops_local(rota_plan_tz(pl), r->end, b, sizeof(b));
	fprintf(ctx->out, "time off %lld: %s %s from %s to %s, %s", (long long)r->id,
		r->employee, r->type[0] ? r->type : "(untyped)", a, b,
		r->status);
	if (r->decided_by[0])
		fprintf(ctx->out, " by %s", r->decided_by);
	fputc('\n', ctx->out);
}

/* Minutes a whole day of this leave counts for. */
static int credit_of(const struct rota_dataset *ds,
		     const struct rota_timeoff_record *r)
{
	int e = rota_dataset_employee(ds, r->employee);
	int c = e >= 0 ? rota_dataset_contract(ds, ds->employees[e].contract)
		       : -1;

	if (!r->type[0] || !r->paid)
		return 0;
	if (r->credit_min >= 0)
		return r->credit_min;
	return c >= 0 ? rota_leave_day_credit(&ds->contracts[c]) : 0;
}

static int list(struct cli_ctx *ctx, const char *emp, const char *status,
		const char *from_s, const char *to_s, const char *fmt_s)
{
	static const char *const names[] = {
		"id", "employee", "name", "from", "to", "type", "paid",
		"credit_min", "status", "origin", "reason", "requested",
		"decided_by", "decided_at", "decision"};
	static const int types[] = {
		CLI_COL_NUM, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_STR, CLI_COL_BOOL, CLI_COL_NUM,
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR};
	struct rota_timeoff_query q = ROTA_TIMEOFF_QUERY_INIT;
	struct rota_timeoff_record *rs = NULL;
	const struct rota_dataset *ds;
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	struct cli_table *t = NULL;
	enum cli_format fmt;
	size_t n = 0;
	int rc;

	if (cli_format_arg(ctx, fmt_s, &fmt) < 0)
		return CLI_EXIT_USAGE;
	if (status && strcmp(status, "pending") && strcmp(status, "approved") &&
	    strcmp(status, "denied") && strcmp(status, "cancelled"))
		return cli_usage_error(ctx, "--status: '%s' is not pending, "
					    "approved, denied or cancelled",
				       status);
	if ((rc = cli_open_plan(ctx, ROTA_STORE_READONLY, &pl)) != 0)
		return rc;
	ds = rota_plan_dataset(pl);
	q.employee = emp;
	q.status = status;
	rc = CLI_EXIT_USAGE;
	if ((from_s && ops_when_arg(ctx, rota_plan_tz(pl), "--from", from_s,
				    0, &q.from) < 0) ||
	    (to_s && ops_when_arg(ctx, rota_plan_tz(pl), "--to", to_s, 1,
				  &q.to) < 0))
		goto out;
	if (rota_store_timeoff_list(rota_plan_store(pl), &q, &rs, &n, &err) <
	    0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (!(t = cli_table_new(names, types, 15))) {
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		int e = rota_dataset_employee(ds, rs[i].employee);
		char a[20], b[20], c[20] = "", d[20] = "";

		ops_local(rota_plan_tz(pl), rs[i].start, a, sizeof(a));
		ops_local(rota_plan_tz(pl), rs[i].end, b, sizeof(b));
		if (rs[i].requested_at)
			ops_local(rota_plan_tz(pl), rs[i].requested_at, c,
				  sizeof(c));
		if (rs[i].decided_at)
			ops_local(rota_plan_tz(pl), rs[i].decided_at, d,
				  sizeof(d));
		cli_table_cell(t, "%lld", (long long)rs[i].id);
		cli_table_cell(t, "%s", rs[i].employee);
		cli_table_cell(t, "%s", e >= 0 ? ds->employees[e].name : "");
		cli_table_cell(t, "%s", a);
		cli_table_cell(t, "%s", b);
		cli_table_cell(t, "%s", rs[i].type);
		cli_table_cell(t, "%s", rs[i].paid ? "true" : "false");
		cli_table_cell(t, "%d", credit_of(ds, &rs[i]));
		cli_table_cell(t, "%s", rs[i].status);
		cli_table_cell(t, "%s", rs[i].origin);
		cli_table_cell(t, "%s", rs[i].reason[0] ? rs[i].reason
							: rs[i].note);
		cli_table_cell(t, "%s", c);
		cli_table_cell(t, "%s", rs[i].decided_by);
		cli_table_cell(t, "%s", d);
		cli_table_cell(t, "%s", rs[i].decision);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	rc = CLI_EXIT_OK;
out:
	cli_table_free(t);
	free(rs);
	rota_plan_close(pl);
	return rc;
}

static int request(struct cli_ctx *ctx, struct rota_plan_timeoff_opts *o,
		   const char *from_s, const char *to_s)
{
	struct rota_plan_timeoff r;
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	int rc;

	memset(&r, 0, sizeof(r));
	if (!from_s || !to_s || !o->type)
		return cli_usage_error(ctx, "request needs --from, --to and "
					    "--type");
	if ((rc = cli_open_plan(ctx, 0, &pl)) != 0)
		return rc;
	rc = CLI_EXIT_USAGE;
	if (ops_when_arg(ctx, rota_plan_tz(pl), "--from", from_s, 0,
			 &o->from) < 0 ||
	    ops_when_arg(ctx, rota_plan_tz(pl), "--to", to_s, 1, &o->to) < 0)
		goto out;
	if (rota_plan_timeoff_request(pl, o, &r, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	print_record(ctx, pl, &r.record);
	if (r.auto_approved) {
		fprintf(ctx->out, "approved automatically: inside every "
				  "site rule\n");
		print_approved(ctx, pl, &r);
	} else {
		print_impact(ctx, &r.impact);
	}
	ops_print_notes(ctx, &r.notes);
	rc = CLI_EXIT_OK;
out:
	rota_plan_timeoff_release(&r);
	rota_plan_close(pl);
	return rc;
}

static int decide(struct cli_ctx *ctx, const char *verb, const char *id_s,
		  const struct rota_plan_timeoff_opts *o)
{
	static const struct {
		const char *verb, *status;
	} verbs[] = {{"approve", "approved"},
		     {"deny", "denied"},
		     {"cancel", "cancelled"}};
	struct rota_plan_timeoff r;
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	const char *status = NULL;
	long id;
	int rc;

	memset(&r, 0, sizeof(r));
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(verbs[i].verb, verb) == 0)
			status = verbs[i].status;
	if (cli_int_arg(ctx, "ID", id_s, 1, 0x7fffffffL, &id) < 0)
		return CLI_EXIT_USAGE;
	if (o->force && strcmp(verb, "approve") != 0)
		return cli_usage_error(ctx, "--force goes with approve");
	if ((rc = cli_open_plan(ctx, 0, &pl)) != 0)
		return rc;
	if (rota_plan_timeoff_decide(pl, id, status, o, &r, &err) < 0) {
		rc = cli_fail(ctx, &err);
		if (r.record.id)
			print_impact(ctx, &r.impact);
		goto out;
	}
	print_record(ctx, pl, &r.record);
	if (strcmp(verb, "approve") == 0)
		print_approved(ctx, pl, &r);
	else if (strcmp(verb, "cancel") == 0)
		print_cancelled(ctx, pl, &r);
	ops_print_notes(ctx, &r.notes);
	rc = CLI_EXIT_OK;
out:
	rota_plan_timeoff_release(&r);
	rota_plan_close(pl);
	return rc;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *emp = NULL, *status = NULL, *from = NULL, *to = NULL,
		   *fmt = NULL, *type = NULL, *reason = NULL, *by = NULL;
	int force = 0, autoa = 0;
	const struct cli_option opts[] = {
		{"employee", CLI_OPT_STRING, &emp, NULL},
		{"status", CLI_OPT_STRING, &status, NULL},
		{"from", CLI_OPT_STRING, &from, NULL},
		{"to", CLI_OPT_STRING, &to, NULL},
		{"format", CLI_OPT_STRING, &fmt, NULL},
		{"type", CLI_OPT_STRING, &type, NULL},
		{"reason", CLI_OPT_STRING, &reason, NULL},
		{"by", CLI_OPT_STRING, &by, NULL},
		{"force", CLI_OPT_FLAG, NULL, &force},
		{"auto", CLI_OPT_FLAG, NULL, &autoa},
		{NULL, 0, NULL, NULL},
	};
	struct rota_plan_timeoff_opts o;
	const char *pos[2];
	int n, rc;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 2, &rc)) < 0)
		return rc;
	if (n < 1)
		return cli_usage_error(ctx, "expected list, request, approve, "
					    "deny or cancel");
	memset(&o, 0, sizeof(o));
	o.type = type;
	o.reason = reason;
	o.by = cli_by(by);
	o.force = force;
	o.auto_approve = autoa;
	if (strcmp(pos[0], "list") == 0) {
		if (n != 1 || type || reason || by || force || autoa)
			return cli_usage_error(ctx, "list takes --employee, "
						    "--status, --from, --to "
						    "and --format");
		return list(ctx, emp, status, from, to, fmt);
	}
	if (emp || status || fmt)
		return cli_usage_error(ctx, "--employee, --status and --format "
					    "go with list");
	if (strcmp(pos[0], "request") == 0) {
		if (n != 2)
			return cli_usage_error(ctx, "expected: request "
						    "EMPLOYEE");
		if (force || by)
			return cli_usage_error(ctx, "request takes no --force "
						    "or --by");
		o.employee = pos[1];
		return request(ctx, &o, from, to);
	}
	if (strcmp(pos[0], "approve") == 0 || strcmp(pos[0], "deny") == 0 ||
	    strcmp(pos[0], "cancel") == 0) {
		if (n != 2)
			return cli_usage_error(ctx, "expected: %s ID", pos[0]);
		if (from || to || type || autoa)
			return cli_usage_error(ctx, "%s takes only --by, "
						    "--reason (and --force)",
					       pos[0]);
		return decide(ctx, pos[0], pos[1], &o);
	}
	return cli_usage_error(ctx, "'%s' is not list, request, approve, deny "
				    "or cancel", pos[0]);
}

const struct cli_command cli_cmd_timeoff = {
	"timeoff", "time-off requests, approvals and the list of time off",
	usage, run};
