/* rota feed - calendar subscription URLs for rota serve. */
#include <string.h>
#include <time.h>

#include "cli/att.h"
#include "cli/cli.h"
#include "core/time.h"
#include "serve/serve.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota feed token EMPLOYEE [--base-url URL] [--new]\n"
	"       rota feed token --team T [--base-url URL] [--new]\n"
	"       rota feed revoke EMPLOYEE | --team T\n"
	"\n"
	"A private, revocable subscription URL for one employee's calendar\n"
	"(or a team's), served by 'rota serve' at /cal/TOKEN.ics.  The token\n"
	"is stored hashed, so it can be shown only when it is made: 'token'\n"
	"makes one when the subject has none, and says when the existing one\n"
	"was made otherwise; --new replaces it (the old URL stops working).\n"
	"The URL is the last line of the output, in full with --base-url\n"
	"(e.g. https://rota.example.com).  'revoke' stops the URL at once;\n"
	"it then answers 404, like a URL that never existed.\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *team = NULL, *base = NULL;
	int renew = 0;
	const struct cli_option opts[] = {
		{"team", CLI_OPT_STRING, &team, NULL},
		{"base-url", CLI_OPT_STRING, &base, NULL},
		{"new", CLI_OPT_FLAG, NULL, &renew},
		{NULL, 0, NULL, NULL},
	};
	struct rota_store *st = NULL;
	struct rota_feed_token ft;
	struct rota_error err = {0};
	const char *pos[2], *employee;
	char token[ROTA_SERVE_SECRET_MAX], url[1024], when[32];
	int n, rc, revoke;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 2, &rc)) < 0)
		return rc;
	if (n < 1 || (strcmp(pos[0], "token") && strcmp(pos[0], "revoke")))
		return cli_usage_error(ctx, "expected 'token' or 'revoke'");
	revoke = strcmp(pos[0], "revoke") == 0;
	employee = n > 1 ? pos[1] : NULL;
	if (!employee == !team)
		return cli_usage_error(ctx, "give an employee or --team, not "
				       "both");
	if (base && strncmp(base, "http://", 7) && strncmp(base, "https://", 8))
		return cli_usage_error(ctx, "--base-url: '%s' is not an "
				       "http:// or https:// URL", base);
	if (revoke && (base || renew))
		return cli_usage_error(ctx, "revoke takes no --base-url or "
				       "--new");
	if ((rc = cli_open_store(ctx, 0, &st)) != 0)
		return rc;
	if (revoke) {
		if (rota_store_feed_token_revoke(st, employee, team,
						 (int64_t)time(NULL), &err) < 0) {
			rc = cli_fail(ctx, &err);
			goto out;
		}
		fprintf(ctx->out, "%s %s: feed revoked\n",
			employee ? "employee" : "team",
			employee ? employee : team);
		rc = CLI_EXIT_OK;
		goto out;
	}
	rc = rota_store_feed_token_get(st, employee, team, &ft, &err);
	if (rc == 0 && !renew) {
		rota_format_utc_iso(ft.created_at, when, sizeof(when));
		fprintf(ctx->err, "%s feed: %s %s already has a feed URL (made "
			"%s); it was shown when it was made and is stored "
			"hashed: 'rota feed token %s%s --new' replaces it\n",
			ctx->prog, employee ? "employee" : "team",
			employee ? employee : team, when,
			employee ? "" : "--team ", employee ? employee : team);
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	if (rc < 0 && rc != ROTA_ENOTFOUND) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (rota_serve_feed_token(st, employee, team, (int64_t)time(NULL),
				  token, &err) < 0 ||
	    rota_serve_feed_url(base ? base : "", token, url, sizeof(url),
				&err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	fprintf(ctx->out, "%s %s: new feed URL%s (keep it private; 'rota "
		"feed revoke' stops it):\n",
		employee ? "employee" : "team", employee ? employee : team,
		rc == 0 ? ", the old one no longer works" : "");
	fprintf(ctx->out, "%s\n", url);
	rc = CLI_EXIT_OK;
out:
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_feed = {
	"feed", "calendar subscription URLs (make, revoke)", usage, run};
