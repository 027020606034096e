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

static int add(struct cli_ctx *ctx, struct rota_store *st, const char *name)
{
	struct rota_error err = {0};
	char key[ROTA_SERVE_SECRET_MAX];

	if (rota_serve_terminal_add(st, name, (int64_t)time(NULL), key,
				    &err) < 0)
		return cli_fail(ctx, &err);
	fprintf(ctx->out, "terminal %s added; its API key (shown only "
		"now; send it as 'Authorization: Bearer KEY'):\n%s\n",
		name, key);
	return CLI_EXIT_OK;
}

static int revoke(struct cli_ctx *ctx, struct rota_store *st,
		  const char *name)
{
	struct rota_error err = {0};

	if (rota_store_terminal_revoke(st, name, (int64_t)time(NULL),
				       &err) < 0)
		return cli_fail(ctx, &err);
	fprintf(ctx->out, "terminal %s revoked\n", name);
	return CLI_EXIT_OK;
}

static int list(struct cli_ctx *ctx, struct rota_store *st,
		enum cli_format fmt)
{
	static const char *const cols[] = {"name", "created", "revoked"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR};
	struct rota_terminal *terms = NULL;
	struct rota_error err = {0};
	struct cli_table *t;
	char a[32], b[32];
	size_t n = 0;

	if (rota_store_terminal_list(st, &terms, &n, &err) < 0)
		return cli_fail(ctx, &err);
	if (!(t = cli_table_new(cols, types, 3))) {
		free(terms);
		return CLI_EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		rota_format_utc_iso(terms[i].created_at, a, sizeof(a));
		b[0] = '\0';
		if (terms[i].revoked_at)
			rota_format_utc_iso(terms[i].revoked_at, b, sizeof(b));
		cli_table_cell(t, "%s", terms[i].name);
		cli_table_cell(t, "%s", a);
		cli_table_cell(t, "%s", b);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	free(terms);
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	enum { ADD, REVOKE, LIST };
	static const struct cli_verb verbs[] = {
		[ADD] = {"add", 1},
		[REVOKE] = {"revoke", 1},
		[LIST] = {"list", 0},
	};
	const char *format = NULL;
	const struct cli_option opts[] = {
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_store *st = NULL;
	enum cli_format fmt;
	const char *pos[2];
	int n, v, rc;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 2, &rc)) < 0)
		return rc;
	if ((v = cli_verb_arg(ctx, pos, n, verbs, 3, "terminal")) < 0)
		return CLI_EXIT_USAGE;
	if (v == LIST && (rc = cli_format_arg(ctx, format, &fmt)))
		return rc;
	if ((rc = cli_open_store(ctx, 0, &st)) != 0)
		return rc;
	rc = v == ADD      ? add(ctx, st, pos[1])
	     : v == REVOKE ? revoke(ctx, st, pos[1])
			   : list(ctx, st, fmt);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_terminal = {
	"terminal", "clock terminals and their API keys", usage, run};
