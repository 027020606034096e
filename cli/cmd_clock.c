/* rota clock - clock in or out. */
#include <string.h>

#include "cli/att.h"

static const char usage[] =
	"usage: rota clock in|out EMPLOYEE [--at TIME] [--source TEXT]\n"
	"\n"
	"Record that EMPLOYEE clocked in or out, now, from SOURCE (default\n"
	"'cli').  --at TIME (local site time 'YYYY-MM-DD HH:MM[:SS]', or ISO\n"
	"8601 with an offset) is for terminals that batch: it is accepted only\n"
	"within the site's clock_tolerance_min of now (site.ini [attendance],\n"
	"default 10); a punch further from now is refused (exit 1): record it\n"
	"with 'rota punch add EMPLOYEE in|out --at TIME --reason TEXT --by\n"
	"NAME', which says who and why.  Clocking in twice without clocking out in\n"
	"between is refused with the time of the open clock-in (exit 1), and\n"
	"so is clocking out twice; a clock-in left open for more than 16 h no\n"
	"longer blocks (it is reported as a missing clock-out).\n"
	"Records are never changed: use 'rota punch' to correct them.\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *when = NULL, *source = NULL;
	const struct cli_option opts[] = {
		{"at", CLI_OPT_STRING, &when, NULL},
		{"source", CLI_OPT_STRING, &source, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_store *st = NULL;
	struct rota_tz *tz = NULL;
	struct rota_site site;
	struct rota_punch_record rec;
	struct rota_error err = {0};
	const char *pos[2];
	char shown[32];
	int64_t at, now;
	int n, rc, kind;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 2, &rc)) < 0)
		return rc;
	if (n < 2)
		return cli_usage_error(ctx, "expected in|out and an employee");
	if ((kind = att_kind_arg(pos[0])) < 0)
		return cli_usage_error(ctx, "'%s' is not in or out", pos[0]);
	if ((rc = cli_open_store(ctx, 0, &st)) != 0)
		return rc;
	if ((rc = att_site(ctx, st, &site, &tz)) != 0)
		goto out;
	rc = CLI_EXIT_USAGE;
	if (att_now(ctx, tz, &now) < 0)
		goto out;
	at = now;
	if (when && att_time_arg(ctx, tz, "--at", when, &at) < 0)
		goto out;
	if (when && rota_store_clock_check(st, at, now, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (rota_store_clock(st, pos[1], kind, at, source ? source : "cli",
			     now, &rec, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rota_format_local_iso(tz, rec.at, shown, sizeof(shown));
	fprintf(ctx->out, "%s clocked %s at %s (record %lld, source '%s')\n",
		rec.employee, pos[0], shown, (long long)rec.id, rec.source);
	rc = CLI_EXIT_OK;
out:
	rota_tz_free(tz);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_clock = {
	"clock", "clock in or out", usage, run};
