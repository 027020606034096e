/* rota punches - list clock records. */
#include <stdlib.h>
#include <string.h>

#include "cli/att.h"

static const char usage[] =
	"usage: rota punches [--employee ID] [--from DATE] [--to DATE] [--all]\n"
	"                    [--format table|csv|json]\n"
	"\n"
	"List the effective punches (what attendance counts: originals not\n"
	"voided or corrected, corrections, added punches) whose local site\n"
	"date is in [--from, --to] (both included; default: all), sorted by\n"
	"employee and time.  Times are shown in the zone the punch was\n"
	"recorded in.  --all lists every record instead, voids and corrected\n"
	"originals included, with what corrects what, who and why, and when\n"
	"it was recorded.\n"
	"Columns: id, employee, time, kind, source, action (punch, add, void,\n"
	"correct), corrects, reason, by; with --all also effective,\n"
	"superseded_by, recorded_at.\n";

/* The zones records were made in; usually just the site's. */
struct zones {
	struct rota_tz *tz[8];
	int n;
};

static const struct rota_tz *zone(struct zones *z, const struct rota_tz *site,
				  const char *name)
{
	struct rota_tz *tz;

	if (strcmp(name, rota_tz_name(site)) == 0)
		return site;
	for (int i = 0; i < z->n; i++)
		if (strcmp(name, rota_tz_name(z->tz[i])) == 0)
			return z->tz[i];
	if (z->n == 8 || !(tz = rota_tz_load(name, NULL)))
		return site;
	z->tz[z->n++] = tz;
	return tz;
}

/* One record as a row: times in the zone it was recorded in (site when
 * that zone cannot be loaded); with all, its status and when recorded. */
static void punch_row(struct cli_table *t, const struct rota_punch_record *r,
		      struct zones *zs, const struct rota_tz *site, int all)
{
	char when[32];

	rota_format_local_iso(zone(zs, site, r->timezone), r->at, when,
			      sizeof(when));
	cli_table_cell(t, "%lld", (long long)r->id);
	cli_table_cell(t, "%s", r->employee);
	cli_table_cell(t, "%s", when);
	cli_table_cell(t, "%s", rota_punch_kind_name(r->kind));
	cli_table_cell(t, "%s", r->source);
	cli_table_cell(t, "%s", rota_punch_action_name(r->action));
	if (r->corrects)
		cli_table_cell(t, "%lld", (long long)r->corrects);
	else
		cli_table_cell(t, "%s", "");
	cli_table_cell(t, "%s", r->reason);
	cli_table_cell(t, "%s", r->by);
	if (all) {
		char rec_at[32];

		rota_format_utc_iso(r->recorded_at, rec_at, sizeof(rec_at));
		cli_table_cell(t, "%s", r->effective ? "yes" : "no");
		if (r->superseded_by)
			cli_table_cell(t, "%lld", (long long)r->superseded_by);
		else
			cli_table_cell(t, "%s", "");
		cli_table_cell(t, "%s", rec_at);
	}
	cli_table_end_row(t);
}

static int print_punches(struct cli_ctx *ctx,
			 const struct rota_punch_record *recs, size_t n,
			 const struct rota_tz *site, int all,
			 enum cli_format fmt)
{
	static const char *const names[] = {
		"id", "employee", "time", "kind", "source", "action",
		"corrects", "reason", "by", "effective", "superseded_by",
		"recorded_at"};
	static const int types[] = {
		CLI_COL_NUM, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_BOOL, CLI_COL_NUM, CLI_COL_STR};
	struct zones zs = {{0}, 0};
	struct cli_table *t;

	if (!(t = cli_table_new(names, types, all ? 12 : 9)))
		return CLI_EXIT_FAIL;
	for (size_t i = 0; i < n; i++)
		punch_row(t, &recs[i], &zs, site, all);
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	for (int i = 0; i < zs.n; i++)
		rota_tz_free(zs.tz[i]);
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *emp = NULL, *from_s = NULL, *to_s = NULL, *fmt_s = NULL;
	int all = 0;
	const struct cli_option opts[] = {
		{"employee", CLI_OPT_STRING, &emp, NULL},
		{"from", CLI_OPT_STRING, &from_s, NULL},
		{"to", CLI_OPT_STRING, &to_s, NULL},
		{"all", CLI_OPT_FLAG, NULL, &all},
		{"format", CLI_OPT_STRING, &fmt_s, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_store *st = NULL;
	struct rota_tz *tz = NULL;
	struct rota_site site;
	struct rota_error err = {0};
	struct rota_punch_record *recs = NULL;
	enum cli_format fmt;
	const char *pos[1];
	int32_t from = 0, to = 0;
	int64_t lo = INT64_MIN, hi = INT64_MAX;
	size_t n = 0;
	int rc;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if ((rc = cli_format_arg(ctx, fmt_s, &fmt)) != 0)
		return rc;
	if ((from_s && att_date_arg(ctx, "--from", from_s, &from) < 0) ||
	    (to_s && att_date_arg(ctx, "--to", to_s, &to) < 0))
		return CLI_EXIT_USAGE;
	if (from_s && to_s && to < from)
		return cli_usage_error(ctx, "--to is before --from");
	if ((rc = cli_open_store(ctx, ROTA_STORE_READONLY, &st)) != 0)
		return rc;
	if ((rc = att_site(ctx, st, &site, &tz)) != 0)
		goto out;
	if (from_s)
		lo = rota_tz_day_start(tz, from);
	if (to_s)
		hi = rota_tz_day_start(tz, to + 1);
	if (rota_store_punches_list(st, emp, lo, hi, all, &recs, &n, &err) <
	    0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rc = print_punches(ctx, recs, n, tz, all, fmt);
out:
	free(recs);
	rota_tz_free(tz);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_punches = {
	"punches", "list clock records", usage, run};
