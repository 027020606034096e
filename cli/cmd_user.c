/* rota user - people who log in to rota serve's page. */
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/time.h"
#include "serve/serve.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota user add NAME --role supervisor|viewer\n"
	"       rota user remove NAME\n"
	"       rota user list [--format table|csv|json]\n"
	"\n"
	"Users log in to the page of 'rota serve'.  A supervisor may apply\n"
	"substitutes and decide time-off requests; a viewer only sees the\n"
	"page.  'add' reads the password from the terminal (asked twice) or,\n"
	"when stdin is not a terminal, its first line; at least 8\n"
	"characters.  It is stored as an Argon2id hash.  Adding an existing\n"
	"user sets a new role and password.  'remove' also ends their\n"
	"sessions.\n";

/* One line of stdin without its newline; -1 at EOF or when too long. */
static int read_line(char *buf, size_t size)
{
	size_t n;

	if (!fgets(buf, (int)size, stdin))
		return -1;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(stdin))
		return -1;
	if (n && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 0;
}

static int ask(struct cli_ctx *ctx, const char *prompt, char *buf,
	       size_t size)
{
	struct termios old, quiet;
	int rc;

	fputs(prompt, ctx->err);
	fflush(ctx->err);
	tcgetattr(STDIN_FILENO, &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	rc = read_line(buf, size);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', ctx->err);
	return rc;
}

/* The password from the terminal (asked twice) or stdin's first line,
 * then the user saved with it. */
static int add(struct cli_ctx *ctx, struct rota_store *st, const char *name,
	       const char *role)
{
	struct rota_error err = {0};
	char pw[1100], again[1100];
	int rc;

	if (isatty(STDIN_FILENO)) {
		if (ask(ctx, "password: ", pw, sizeof(pw)) < 0 ||
		    ask(ctx, "again: ", again, sizeof(again)) < 0 ||
		    strcmp(pw, again) != 0)
			return cli_usage_error(ctx, "the passwords differ");
	} else if (read_line(pw, sizeof(pw)) < 0) {
		return cli_usage_error(ctx, "no password on stdin");
	}
	rc = rota_serve_user_set(st, name, role, pw, (int64_t)time(NULL),
				 &err);
	memset(pw, 0, sizeof(pw));
	memset(again, 0, sizeof(again));
	if (rc < 0)
		return cli_fail(ctx, &err);
	fprintf(ctx->out, "user %s (%s) saved\n", name, role);
	return CLI_EXIT_OK;
}

static int remove_user(struct cli_ctx *ctx, struct rota_store *st,
		       const char *name)
{
	struct rota_error err = {0};

	if (rota_store_user_remove(st, name, &err) < 0)
		return cli_fail(ctx, &err);
	fprintf(ctx->out, "user %s removed\n", name);
	return CLI_EXIT_OK;
}

static int list(struct cli_ctx *ctx, struct rota_store *st,
		enum cli_format fmt)
{
	static const char *const cols[] = {"name", "role", "created"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR};
	struct rota_user *users = NULL;
	struct rota_error err = {0};
	struct cli_table *t;
	char when[32];
	size_t n = 0;

	if (rota_store_user_list(st, &users, &n, &err) < 0)
		return cli_fail(ctx, &err);
	if (!(t = cli_table_new(cols, types, 3))) {
		free(users);
		return CLI_EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		rota_format_utc_iso(users[i].created_at, when, sizeof(when));
		cli_table_cell(t, "%s", users[i].name);
		cli_table_cell(t, "%s", users[i].role);
		cli_table_cell(t, "%s", when);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	free(users);
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	enum { ADD, REMOVE, LIST };
	static const struct cli_verb verbs[] = {
		[ADD] = {"add", 1},
		[REMOVE] = {"remove", 1},
		[LIST] = {"list", -1},   /* a name after it is ignored */
	};
	const char *role = NULL, *format = NULL;
	const struct cli_option opts[] = {
		{"role", CLI_OPT_STRING, &role, NULL},
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_store *st = NULL;
	enum cli_format fmt;
	const char *pos[2];
	int n, v, rc;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 2, &rc)) < 0)
		return rc;
	if ((v = cli_verb_arg(ctx, pos, n, verbs, 3, "user")) < 0)
		return CLI_EXIT_USAGE;
	if (v == ADD && (!role || (strcmp(role, "supervisor") &&
				   strcmp(role, "viewer"))))
		return cli_usage_error(ctx, "--role supervisor or "
				       "--role viewer is required");
	if (v == LIST && (rc = cli_format_arg(ctx, format, &fmt)))
		return rc;
	if ((rc = cli_open_store(ctx, 0, &st)) != 0)
		return rc;
	rc = v == ADD      ? add(ctx, st, pos[1], role)
	     : v == REMOVE ? remove_user(ctx, st, pos[1])
			   : list(ctx, st, fmt);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_user = {
	"user", "people who log in to the page of rota serve", usage, run};
