/* rota cover - substitutes (替补) for an open shift, and the open shifts. */
#include <stdlib.h>
#include <string.h>

#include "cli/att.h"
#include "cli/ops.h"

static const char usage[] =
	"usage: rota cover EMPLOYEE --date DATE [--limit N] [--explain ID]\n"
	"                  [--apply K [--by NAME] [--reason TEXT] [--force]]\n"
	"                  [--no-chains | --mip-chains] [--format table|csv|json]\n"
	"       rota cover --date DATE [--skill S] [...]\n"
	"       rota cover --open [--week DATE] [--no-chains] [--format ...]\n"
	"\n"
	"Find who can take EMPLOYEE's open shift on DATE: a shift an absence\n"
	"took out (rota absence add) that nobody covers yet, or a shift they\n"
	"can no longer work (leave approved after it was rostered).  Without\n"
	"EMPLOYEE, who could add a shift on DATE where the day is short of\n"
	"agents (of --skill S).  Every employee is judged by the roster\n"
	"checker on the week with the contracts' overtime allowance; the\n"
	"candidates break no hard rule (skill, leave, one shift a day, rest,\n"
	"consecutive days, weekly maximum plus overtime).  Beside direct\n"
	"fills, one-move chains are found by a small MIP around the hole\n"
	"(X takes the shift and gives up a day, Y takes X's place).\n"
	"\n"
	"Candidates are ranked by cost, lower first (docs/operations.md):\n"
	"coverage (the checker's under- and overstaffing after minus before),\n"
	"rules (soft penalties and overtime at the contract's weight),\n"
	"fairness (change_weight per substitute shift already taken this\n"
	"month) and disruption (change_weight per employee-day changed beyond\n"
	"the fill).  Columns: rank, employee, name, shift, start, end,\n"
	"overtime_min, changes, cost, reasons.\n"
	"\n"
	"  --limit N        candidates shown (default 10)\n"
	"  --explain ID     why ID is a candidate, or the checker's sentences\n"
	"                   that exclude them\n"
	"  --apply K        apply candidate K as a new roster version (kind\n"
	"                   substitute); publish again to update the calendars\n"
	"  --force          chains may move shifts inside the notice window\n"
	"                   (the fill itself never needs it)\n"
	"  --no-chains      direct fills only\n"
	"  --mip-chains     find chains with one small MIP per X instead of\n"
	"                   enumerating them (slower; bench/RESULTS.md)\n"
	"  --open           the open shifts and understaffed days of the week\n"
	"                   (default: this week), each with its best candidate\n"
	"\n"
	"Exit 1 when there is no open shift, it is covered or has started.\n";

static void when(const struct rota_tz *tz, int64_t t, enum cli_format fmt,
		 char *buf, size_t size)
{
	if (fmt == CLI_FORMAT_TABLE)
		ops_local(tz, t, buf, size);
	else
		rota_format_local_iso(tz, t, buf, (unsigned)size);
}

static void print_candidates(struct cli_ctx *ctx, struct rota_plan *pl,
			     const struct rota_plan_cover *c,
			     enum cli_format fmt)
{
	static const char *const names[] = {
		"rank", "employee", "name", "shift", "start", "end",
		"overtime_min", "changes", "cost", "reasons"};
	static const int types[] = {
		CLI_COL_NUM, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_NUM, CLI_COL_STR};
	struct cli_table *t = cli_table_new(names, types, 10);
	char what[200];

	if (!t)
		return;
	if (fmt == CLI_FORMAT_TABLE) {
		if (c->hole.employee[0]) {
			ops_describe(pl, &c->hole.shift, what, sizeof(what));
			fprintf(ctx->out, "open shift: %s, %s\n", what,
				c->hole.why);
		} else {
			char day[16];

			rota_format_date(c->hole.day, day, sizeof(day));
			fprintf(ctx->out, "understaffed: %s%s%s\n", day,
				c->hole.shift.skill[0] ? ", " : "",
				c->hole.shift.skill);
		}
		fprintf(ctx->out,
			"%zu candidate%s, %d employee%s excluded by a hard "
			"rule, %d tried in chains\n",
			c->n_found, c->n_found == 1 ? "" : "s",
			c->n_excluded, c->n_excluded == 1 ? "" : "s",
			c->n_chains_tried);
	}
	for (size_t i = 0; i < c->n_cand; i++) {
		const struct rota_plan_candidate *k = &c->cand[i];
		char a[40], b[40];

		when(rota_plan_tz(pl), k->fill.start, fmt, a, sizeof(a));
		when(rota_plan_tz(pl), k->fill.end, fmt, b, sizeof(b));
		cli_table_cell(t, "%d", k->rank);
		cli_table_cell(t, "%s", k->employee);
		cli_table_cell(t, "%s", k->name);
		cli_table_cell(t, "%s", k->fill.shift);
		cli_table_cell(t, "%s", a);
		cli_table_cell(t, "%s", b);
		cli_table_cell(t, "%d", k->overtime_min);
		cli_table_cell(t, "%d", k->n_changes);
		cli_table_cell(t, "%.2f", k->cost);
		cli_table_cell(t, "%s", k->reasons);
		cli_table_end_row(t);
	}
	if (fmt != CLI_FORMAT_TABLE || c->n_cand)
		cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
}

static int apply(struct cli_ctx *ctx, struct rota_plan *pl,
		 const struct rota_plan_cover *c, long k, const char *by,
		 const char *reason, int force)
{
	struct rota_version_meta meta = ROTA_VERSION_META_INIT;
	struct rota_plan_notes notes = {0};
	struct rota_error err = {0};
	const struct rota_plan_candidate *cand;
	int version = 0;

	meta.by = cli_by(by);
	meta.reason = reason;
	if (rota_plan_cover_apply(pl, c, (int)k, &meta, force, &version,
				  &notes, &err) < 0) {
		rota_plan_notes_release(&notes);
		return cli_fail(ctx, &err);
	}
	cand = &c->cand[k - 1];
	fprintf(ctx->out, "applied candidate %ld as version %d: %s takes it\n",
		k, version, cand->employee);
	for (int i = 0; i < cand->n_changes; i++)
		ops_print_change(ctx, pl, &cand->changes[i]);
	ops_print_notes(ctx, &notes);
	rota_plan_notes_release(&notes);
	return CLI_EXIT_OK;
}

static int open_list(struct cli_ctx *ctx, struct rota_plan *pl,
		     const char *week, const struct rota_plan_cover_opts *o,
		     enum cli_format fmt)
{
	static const char *const names[] = {
		"date", "employee", "shift", "start", "end", "skill",
		"short_min", "why", "candidates", "best", "best_cost",
		"best_reasons"};
	static const int types[] = {
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM, CLI_COL_STR,
		CLI_COL_NUM, CLI_COL_STR, CLI_COL_NUM, CLI_COL_STR};
	struct rota_plan_open *op = NULL;
	struct rota_error err = {0};
	struct cli_table *t;
	int32_t monday;
	size_t n = 0;
	int rc;

	if ((rc = cli_week_arg(ctx, week, rota_plan_tz(pl), &monday)) != 0)
		return rc;
	if (!week)
		monday = rota_plan_this_monday(pl);
	if (rota_plan_cover_open(pl, monday, o, &op, &n, &err) < 0)
		return cli_fail(ctx, &err);
	if (!(t = cli_table_new(names, types, 12))) {
		free(op);
		return CLI_EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		char day[16], a[40] = "", b[40] = "", cost[32] = "";

		rota_format_date(op[i].day, day, sizeof(day));
		if (op[i].shift.shift[0]) {
			when(rota_plan_tz(pl), op[i].shift.start, fmt, a,
			     sizeof(a));
			when(rota_plan_tz(pl), op[i].shift.end, fmt, b,
			     sizeof(b));
		}
		if (op[i].has_best)
			snprintf(cost, sizeof(cost), "%.2f", op[i].best.cost);
		cli_table_cell(t, "%s", day);
		cli_table_cell(t, "%s", op[i].employee);
		cli_table_cell(t, "%s", op[i].shift.shift);
		cli_table_cell(t, "%s", a);
		cli_table_cell(t, "%s", b);
		cli_table_cell(t, "%s", op[i].shift.skill);
		cli_table_cell(t, "%ld", op[i].short_min);
		cli_table_cell(t, "%s", op[i].why);
		cli_table_cell(t, "%zu", op[i].n_found);
		cli_table_cell(t, "%s", op[i].has_best ? op[i].best.employee
						       : "");
		cli_table_cell(t, "%s", cost);
		cli_table_cell(t, "%s",
			       op[i].has_best ? op[i].best.reasons : "");
		cli_table_end_row(t);
	}
	if (fmt == CLI_FORMAT_TABLE && n == 0)
		fprintf(ctx->out, "no open shifts and no understaffed day "
				  "ahead\n");
	else
		cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	free(op);
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL, *limit_s = NULL, *apply_s = NULL,
		   *fmt_s = NULL, *explain = NULL, *by = NULL,
		   *reason = NULL, *week = NULL, *skill = NULL;
	int force = 0, no_chains = 0, mip = 0, open = 0;
	const struct cli_option opts[] = {
		{"date", CLI_OPT_STRING, &date, NULL},
		{"limit", CLI_OPT_STRING, &limit_s, NULL},
		{"apply", CLI_OPT_STRING, &apply_s, NULL},
		{"format", CLI_OPT_STRING, &fmt_s, NULL},
		{"explain", CLI_OPT_STRING, &explain, NULL},
		{"by", CLI_OPT_STRING, &by, NULL},
		{"reason", CLI_OPT_STRING, &reason, NULL},
		{"week", CLI_OPT_STRING, &week, NULL},
		{"skill", CLI_OPT_STRING, &skill, NULL},
		{"force", CLI_OPT_FLAG, NULL, &force},
		{"no-chains", CLI_OPT_FLAG, NULL, &no_chains},
		{"mip-chains", CLI_OPT_FLAG, NULL, &mip},
		{"open", CLI_OPT_FLAG, NULL, &open},
		{NULL, 0, NULL, NULL},
	};
	struct rota_plan_cover_opts o = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_plan_cover c;
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	enum cli_format fmt;
	const char *pos[1];
	long limit = 10, k = 0;
	int32_t day;
	int n, rc;

	memset(&c, 0, sizeof(c));
	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 1, &rc)) < 0)
		return rc;
	if (cli_format_arg(ctx, fmt_s, &fmt) < 0)
		return CLI_EXIT_USAGE;
	if (limit_s && cli_int_arg(ctx, "--limit", limit_s, 1, 1000,
				   &limit) < 0)
		return CLI_EXIT_USAGE;
	if (apply_s && cli_int_arg(ctx, "--apply", apply_s, 1, 100000, &k) <
			       0)
		return CLI_EXIT_USAGE;
	o.limit = (int)limit;
	o.chains = no_chains ? 0 : mip ? 2 : 1;
	o.force = force;
	o.explain = explain;
	o.skill = skill;
	if (open) {
		if (n || date || apply_s || explain)
			return cli_usage_error(ctx, "--open takes no EMPLOYEE, "
						    "--date, --apply or "
						    "--explain");
	} else {
		if (!date)
			return cli_usage_error(ctx, "--date DATE is required");
		if (week)
			return cli_usage_error(ctx, "--week goes with --open");
		if (att_date_arg(ctx, "--date", date, &day) < 0)
			return CLI_EXIT_USAGE;
		if (n && skill)
			return cli_usage_error(ctx, "--skill is for an "
						    "understaffed day (no "
						    "EMPLOYEE)");
	}
	if ((rc = cli_open_plan(ctx, 0, &pl)) != 0)
		return rc;
	if (open) {
		rc = open_list(ctx, pl, week, &o, fmt);
		goto out;
	}
	if (rota_plan_cover(pl, n ? pos[0] : NULL, day, &o, &c, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (explain) {
		for (size_t i = 0; i < c.explain.n; i++)
			fprintf(ctx->out, "%s\n", c.explain.text[i]);
	} else if (apply_s) {
		rc = apply(ctx, pl, &c, k, by, reason, force);
		goto out;
	} else {
		print_candidates(ctx, pl, &c, fmt);
	}
	rc = CLI_EXIT_OK;
out:
	rota_plan_cover_release(&c);
	rota_plan_close(pl);
	return rc;
}

const struct cli_command cli_cmd_cover = {
	"cover", "find substitutes for an open shift (替补), apply one", usage,
	run};
