/* rota init - create a database and its site. */
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota init [--site NAME] [--tz ZONE] [--interval-min 15|30|60]\n"
	"                 [--grace-min N]\n"
	"\n"
	"Create the database (--db, $ROTA_DB or ./rota.db) if it does not\n"
	"exist, bring its schema up to date, and set the site.  Options not\n"
	"given keep their stored value (defaults for a new site: name\n"
	"'rota site', zone UTC, 30-minute intervals, 5 minutes grace).\n"
	"A site.ini imported later sets the same fields.\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *name = NULL, *tz = NULL, *interval = NULL, *grace = NULL;
	const struct cli_option opts[] = {
		{"site", CLI_OPT_STRING, &name, NULL},
		{"tz", CLI_OPT_STRING, &tz, NULL},
		{"interval-min", CLI_OPT_STRING, &interval, NULL},
		{"grace-min", CLI_OPT_STRING, &grace, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_site site = ROTA_SITE_INIT;
	struct rota_store *st = NULL;
	struct rota_error err = {0};
	const char *pos[1];
	int rc;
	long v;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if ((rc = cli_open_store(ctx, ROTA_STORE_CREATE, &st)) != 0)
		return rc;
	if (rota_store_site_get(st, &site, &err) < 0 &&
	    err.code != ROTA_ENOTFOUND) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (name)
		rota_strlcpy(site.name, name, sizeof(site.name));
	if (tz)
		rota_strlcpy(site.timezone, tz, sizeof(site.timezone));
	if (interval) {
		if (cli_int_arg(ctx, "--interval-min", interval, 15, 60, &v) <
		    0) {
			rc = CLI_EXIT_USAGE;
			goto out;
		}
		site.interval_min = (int)v;
	}
	if (grace) {
		if (cli_int_arg(ctx, "--grace-min", grace, 0, 240, &v) < 0) {
			rc = CLI_EXIT_USAGE;
			goto out;
		}
		site.grace_min = (int)v;
	}
	if (rota_store_site_set(st, &site, &err) < 0) {
		/* the bad value came from the command line */
		cli_fail(ctx, &err);
		rc = err.code == ROTA_EDATA ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
		goto out;
	}
	fprintf(ctx->out,
		"%s: site '%s', time zone %s, %d-minute intervals, "
		"schema %d\n",
		ctx->db_path, site.name, site.timezone, site.interval_min,
		rota_store_schema_version(st));
	rc = CLI_EXIT_OK;
out:
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_init = {
	"init", "create the database and set the site", usage, run};
