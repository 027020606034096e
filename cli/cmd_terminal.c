/* rota terminal - clock terminals and their API keys. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/time.h"
#include "serve/serve.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota terminal add NAME\n"
	"       rota terminal revoke NAME\n"
	"       rota terminal list [--format table|csv|json]\n"
	"\n"
	"Clock terminals post punches to 'rota serve' (POST /api/v1/punches,\n"
	"docs/serve.md) with an API key.  'add' prints the key once, alone on\n"
	"the last line: it is stored hashed and cannot be shown again.\n"
	"Punches are recorded with source 'terminal:NAME'.  'revoke' stops\n"
	"the key at once; the name stays taken (its punches keep it).\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *format = NULL;
	const struct cli_option opts[] = {
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	static const char *const cols[] = {"name", "created", "revoked"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR};
	struct rota_store *st = NULL;
	struct rota_terminal *list = NULL;
	struct rota_error err = {0};
	struct cli_table *t = NULL;
	enum cli_format fmt;
	const char *pos[2];
	char key[ROTA_SERVE_SECRET_MAX], a[32], b[32];
	size_t nl = 0;
	int n, rc;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 2, &rc)) < 0)
		return rc;
	if (n < 1)
		return cli_usage_error(ctx, "expected add, revoke or list");
	if (strcmp(pos[0], "list") == 0) {
		if (n != 1)
			return cli_usage_error(ctx, "list takes no name");
		if ((rc = cli_format_arg(ctx, format, &fmt)))
			return rc;
	} else if (strcmp(pos[0], "add") && strcmp(pos[0], "revoke")) {
		return cli_usage_error(ctx, "'%s': expected add, revoke or "
				       "list", pos[0]);
	} else if (n != 2) {
		return cli_usage_error(ctx, "%s needs a terminal name", pos[0]);
	}
	if ((rc = cli_open_store(ctx, 0, &st)) != 0)
		return rc;
	if (strcmp(pos[0], "add") == 0) {
		if (rota_serve_terminal_add(st, pos[1], (int64_t)time(NULL),
					    key, &err) < 0) {
			rc = cli_fail(ctx, &err);
			goto out;
		}
		fprintf(ctx->out, "terminal %s added; its API key (shown only "
			"now; send it as 'Authorization: Bearer KEY'):\n%s\n",
			pos[1], key);
	} else if (strcmp(pos[0], "revoke") == 0) {
		if (rota_store_terminal_revoke(st, pos[1], (int64_t)time(NULL),
					       &err) < 0) {
			rc = cli_fail(ctx, &err);
			goto out;
		}
		fprintf(ctx->out, "terminal %s revoked\n", pos[1]);
	} else {
		if (rota_store_terminal_list(st, &list, &nl, &err) < 0) {
			rc = cli_fail(ctx, &err);
			goto out;
		}
		if (!(t = cli_table_new(cols, types, 3))) {
			rc = CLI_EXIT_FAIL;
			goto out;
		}
		for (size_t i = 0; i < nl; i++) {
			rota_format_utc_iso(list[i].created_at, a, sizeof(a));
			b[0] = '\0';
			if (list[i].revoked_at)
				rota_format_utc_iso(list[i].revoked_at, b,
						    sizeof(b));
			cli_table_cell(t, "%s", list[i].name);
			cli_table_cell(t, "%s", a);
			cli_table_cell(t, "%s", b);
			cli_table_end_row(t);
		}
		cli_table_print(t, fmt, ctx->out);
	}
	rc = CLI_EXIT_OK;
out:
	cli_table_free(t);
	free(list);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_terminal = {
	"terminal", "clock terminals and their API keys", usage, run};
