/* rota feed - calendar subscription URLs for rota serve. */
#include <stdlib.h>
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
	"(or a team's), served by 'rota serve' at /cal/TOKEN.ics.  'token'\n"
	"shows the subject's URL, making one when it has none; --new makes a\n"
	"new one (the old URL stops working).  The URL is the last line of\n"
	"the output, in full with --base-url (e.g. https://rota.example.com).\n"
	"'revoke' stops the URL at once; it then answers 404, like a URL that\n"
	"never existed, and the next 'token' makes a new one.\n"
	"\n"
	"Tokens are derived from the site's feed key, 32 random bytes kept\n"
	"next to the database in DATABASE.feedkey (mode 0600, made on first\n"
	"use; $ROTA_FEED_KEY_FILE names another file); the database stores\n"
	"only their hashes.  Without the key file an existing URL cannot be\n"
	"shown (it keeps working): --new makes one that can.\n";

/* $ROTA_FEED_KEY_FILE, else DATABASE.feedkey. */
static int key_path(struct cli_ctx *ctx, char *buf, size_t size)
{
	const char *env = getenv("ROTA_FEED_KEY_FILE");
	int w = env && *env ? snprintf(buf, size, "%s", env)
			    : snprintf(buf, size, "%s.feedkey", ctx->db_path);

	if (w < 0 || (size_t)w >= size) {
		fprintf(ctx->err, "%s feed: the feed key path is too long\n",
			ctx->prog);
		return -1;
	}
	return 0;
}

/* The subject's existing URL cannot be shown: say why and what to do. */
static int cannot_show(struct cli_ctx *ctx, const char *employee,
		       const char *team, const char *path, int missing)
{
	fprintf(ctx->err, "%s feed: cannot show the feed URL of %s %s: %s "
		"'%s'%s; 'rota feed token %s%s --new' makes a new URL (the "
		"old one stops working)\n",
		ctx->prog, employee ? "employee" : "team",
		employee ? employee : team,
		missing ? "there is no feed key file"
			: "it was not made with the feed key",
		path,
		missing ? " (was the database moved or copied without it?)"
			: "",
		employee ? "" : "--team ", employee ? employee : team);
	return CLI_EXIT_FAIL;
}

static int revoke(struct cli_ctx *ctx, struct rota_store *st,
		  const char *employee, const char *team)
{
	struct rota_error err = {0};

	if (rota_store_feed_token_revoke(st, employee, team,
					 (int64_t)time(NULL), &err) < 0)
		return cli_fail(ctx, &err);
	fprintf(ctx->out, "%s %s: feed revoked\n",
		employee ? "employee" : "team", employee ? employee : team);
	return CLI_EXIT_OK;
}

/* The options' combinations (after the action and the subject are
 * known); returns 0, or the usage error's exit status. */
static int check_args(struct cli_ctx *ctx, const char *action,
		      const char *employee, const char *team,
		      const char *base, int renew)
{
	if (!employee == !team)
		return cli_usage_error(ctx, "give an employee or --team, not "
				       "both");
	if (base && strncmp(base, "http://", 7) && strncmp(base, "https://", 8))
		return cli_usage_error(ctx, "--base-url: '%s' is not an "
				       "http:// or https:// URL", base);
	if (strcmp(action, "revoke") == 0 && (base || renew))
		return cli_usage_error(ctx, "revoke takes no --base-url or "
				       "--new");
	return 0;
}

/* Prints the subject's URL: an existing one (ft, when it was shown) with
 * the date it was made, else a new one. */
static void print_url(struct cli_ctx *ctx, const char *employee,
		      const char *team, const struct rota_feed_token *ft,
		      int replaced, const char *url)
{
	char when[32];

	if (ft) {
		rota_format_utc_iso(ft->created_at, when, sizeof(when));
		fprintf(ctx->out, "%s %s: feed URL, made %s (keep it private; "
			"'rota feed revoke' stops it, --new replaces it):\n",
			employee ? "employee" : "team",
			employee ? employee : team, when);
	} else {
		fprintf(ctx->out, "%s %s: new feed URL%s (keep it private; "
			"'rota feed revoke' stops it):\n",
			employee ? "employee" : "team",
			employee ? employee : team,
			replaced ? ", the old one no longer works" : "");
	}
	fprintf(ctx->out, "%s\n", url);
}

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
	unsigned char key[ROTA_FEED_KEY_LEN];
	const char *pos[2], *employee;
	char token[ROTA_SERVE_SECRET_MAX], url[1024], path[4096];
	int n, rc, shown = 0, replaced = 0;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 2, &rc)) < 0)
		return rc;
	if (n < 1 || (strcmp(pos[0], "token") && strcmp(pos[0], "revoke")))
		return cli_usage_error(ctx, "expected 'token' or 'revoke'");
	employee = n > 1 ? pos[1] : NULL;
	if ((rc = check_args(ctx, pos[0], employee, team, base, renew)) != 0)
		return rc;
	if ((rc = cli_open_store(ctx, 0, &st)) != 0)
		return rc;
	if (strcmp(pos[0], "revoke") == 0) {
		rc = revoke(ctx, st, employee, team);
		goto out;
	}
	if (key_path(ctx, path, sizeof(path)) < 0) {
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	/* a known subject first: a mistyped one makes no key file */
	if (rota_store_feed_subject(st, employee, team, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	/* the subject's live feed, if any */
	rc = rota_store_feed_token_get(st, employee, team, &ft, &err);
	if (rc < 0 && rc != ROTA_ENOTFOUND) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	replaced = rc == 0;
	if (replaced && !renew) {
		rc = rota_serve_feed_key_load(path, 0, key, &err);
		if (rc == ROTA_ENOTFOUND) {
			rc = cannot_show(ctx, employee, team, path, 1);
			goto out;
		}
		if (rc == 0)
			rc = rota_serve_feed_token_show(st, employee, team, key,
							token, &ft, &err);
		if (rc == ROTA_ECONFLICT) {
			rc = cannot_show(ctx, employee, team, path, 0);
			goto out;
		}
		if (rc < 0) {
			rc = cli_fail(ctx, &err);
			goto out;
		}
		shown = 1;
	} else if (rota_serve_feed_key_load(path, 1, key, &err) < 0 ||
		   rota_serve_feed_token(st, employee, team, key,
					 (int64_t)time(NULL), token,
					 &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (rota_serve_feed_url(base ? base : "", token, url, sizeof(url),
				&err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	print_url(ctx, employee, team, shown ? &ft : NULL, replaced, url);
	rc = CLI_EXIT_OK;
out:
	explicit_bzero(key, sizeof(key));
	explicit_bzero(token, sizeof(token));
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_feed = {
	"feed", "calendar subscription URLs (make, revoke)", usage, run};
