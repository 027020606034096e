/* cli/args.c - option parsing, number arguments, errors and exit codes. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

int cli_usage_error(struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(ctx->err, "%s %s: ", ctx->prog,
		ctx->cmd ? ctx->cmd->name : "");
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fprintf(ctx->err, "\n(see '%s help %s')\n", ctx->prog,
		ctx->cmd ? ctx->cmd->name : "");
	return CLI_EXIT_USAGE;
}

static const struct cli_option *find_opt(const struct cli_option *opts,
					 const char *name, size_t len)
{
	for (; opts->name; opts++)
		if (strlen(opts->name) == len &&
		    strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

int cli_parse_args(struct cli_ctx *ctx, int argc, char **argv,
		   const struct cli_option *opts, const char **pos, int max_pos,
		   int *exit_code)
{
	int npos = 0, only_pos = 0;

	*exit_code = CLI_EXIT_OK;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct cli_option *o;
		const char *eq, *name;
		size_t len;

		if (only_pos || a[0] != '-' || a[1] == '\0') {
			if (npos >= max_pos) {
				*exit_code = cli_usage_error(
					ctx, "unexpected argument '%s'", a);
				return -1;
			}
			pos[npos++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(ctx->cmd->usage, ctx->out);
			return -1;
		}
		/* every command: CSV output for Excel (cli_set_csv_bom) */
		if (strcmp(a, "--bom") == 0) {
			cli_set_csv_bom(1);
			continue;
		}
		if (a[1] != '-') {
			*exit_code = cli_usage_error(ctx, "unknown option '%s'",
						     a);
			return -1;
		}
		name = a + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		o = find_opt(opts, name, len);
		if (!o) {
			*exit_code = cli_usage_error(
				ctx, "unknown option '--%.*s'", (int)len, name);
			return -1;
		}
		if (o->kind == CLI_OPT_FLAG) {
			if (eq) {
				*exit_code = cli_usage_error(
					ctx, "option '--%s' takes no value",
					o->name);
				return -1;
			}
			*o->flag = 1;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			*exit_code = cli_usage_error(
				ctx, "option '--%s' needs a value", o->name);
			return -1;
		}
	}
	return npos;
}

/* "add, remove or list" */
static void verb_list(const struct cli_verb *verbs, int n_verbs, char *buf,
		      size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < n_verbs && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					!i ? ""
					: i == n_verbs - 1 ? " or "
							   : ", ",
					verbs[i].name);
}

int cli_verb_arg(struct cli_ctx *ctx, const char *const *pos, int n,
		 const struct cli_verb *verbs, int n_verbs, const char *noun)
{
	char all[128];
	int v;

	verb_list(verbs, n_verbs, all, sizeof(all));
	if (n < 1) {
		cli_usage_error(ctx, "expected %s", all);
		return -1;
	}
	for (v = 0; v < n_verbs && strcmp(pos[0], verbs[v].name); v++)
		;
	if (v == n_verbs) {
		cli_usage_error(ctx, "'%s': expected %s", pos[0], all);
		return -1;
	}
	if (verbs[v].names == 1 && n != 2) {
		cli_usage_error(ctx, "%s needs a %s name", pos[0], noun);
		return -1;
	}
	if (verbs[v].names == 0 && n != 1) {
		cli_usage_error(ctx, "%s takes no name", pos[0]);
		return -1;
	}
	return v;
}

int cli_int_arg(struct cli_ctx *ctx, const char *opt, const char *text,
		long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < min || v > max) {
		cli_usage_error(ctx,
				"%s: '%s' is not a whole number from %ld to %ld",
				opt, text, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_double_arg(struct cli_ctx *ctx, const char *opt, const char *text,
		   double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(text, &end);
	if (errno || end == text || *end || !isfinite(v)) {
		cli_usage_error(ctx, "%s: '%s' is not a number", opt, text);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_exit_code(int status)
{
	switch (status) {
	case ROTA_OK:
		return CLI_EXIT_OK;
	case ROTA_EINVAL:
		return CLI_EXIT_USAGE;
	case ROTA_EDATA:
		return CLI_EXIT_DATA;
	default:
		return CLI_EXIT_FAIL;
	}
}

int cli_fail(struct cli_ctx *ctx, const struct rota_error *err)
{
	fprintf(ctx->err, "%s: %s\n", ctx->prog,
		err->msg[0] ? err->msg : rota_strerror(err->code));
	return cli_exit_code(err->code);
}

int cli_open_store(struct cli_ctx *ctx, int flags, struct rota_store **out)
{
	struct rota_error err = {0};

	if (rota_store_open(ctx->db_path, flags, out, &err) < 0)
		return cli_fail(ctx, &err);
	return CLI_EXIT_OK;
}

int cli_format_arg(struct cli_ctx *ctx, const char *text,
		   enum cli_format *out)
{
	if (!text)
		*out = ctx->out_is_tty ? CLI_FORMAT_TABLE : CLI_FORMAT_CSV;
	else if (strcmp(text, "table") == 0)
		*out = CLI_FORMAT_TABLE;
	else if (strcmp(text, "csv") == 0)
		*out = CLI_FORMAT_CSV;
	else if (strcmp(text, "json") == 0)
		*out = CLI_FORMAT_JSON;
	else
		return cli_usage_error(ctx,
				       "--format: '%s' is not a format "
				       "(expected table, csv or json)", text);
	return CLI_EXIT_OK;
}
