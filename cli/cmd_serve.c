/* rota serve - calendar subscriptions, clock terminals and the page. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/att.h"
#include "cli/cli.h"
#include "plan/plan.h"
#include "serve/serve.h"

static const char usage[] =
	"usage: rota serve [--listen ADDR:PORT] [--base-url URL]\n"
	"                  [--feed-weeks-back N] [--feed-weeks-ahead N]\n"
	"                  [--threads N] [--max-body BYTES]\n"
	"\n"
	"Serve the site over HTTP until SIGTERM or SIGINT (Ctrl-C), which\n"
	"stop it cleanly: no new connection is accepted and the requests in\n"
	"flight finish (up to 10 s).  One line per request goes to stderr,\n"
	"with no secret in it.\n"
	"\n"
	"  GET  /cal/TOKEN.ics     calendar subscriptions ('rota feed token')\n"
	"  POST /api/v1/punches    clock terminals ('rota terminal add')\n"
	"  GET  /                  the supervisor's page ('rota user add')\n"
	"\n"
	"  --listen ADDR:PORT   default 127.0.0.1:8080 (loopback only: put a\n"
	"                       TLS reverse proxy in front, docs/serve.md);\n"
	"                       port 0 picks a free port\n"
	"  --base-url URL       the address clients use (https:// marks the\n"
	"                       session cookie Secure)\n"
	"  --feed-weeks-back N  subscriptions show N weeks back (default 4)\n"
	"  --feed-weeks-ahead N and N weeks ahead (default 8)\n"
	"  --threads N          worker threads (default 4)\n"
	"  --max-body BYTES     largest request body (default 65536)\n"
	"\n"
	"The first line on stdout is 'listening on http://ADDR:PORT'.\n"
	"Several servers may run against one database.  See docs/serve.md.\n";

static void log_line(void *arg, const char *line)
{
	FILE *f = arg;

	flockfile(f);
	for (const char *p = line; *p; p++)
		putc_unlocked((unsigned char)*p < 0x20 ? '?' : *p, f);
	putc_unlocked('\n', f);
	fflush_unlocked(f);
	funlockfile(f);
}

static int int_opt(struct cli_ctx *ctx, const char *name, const char *text,
		   long min, long max, long *v)
{
	return text ? cli_int_arg(ctx, name, text, min, max, v) : 0;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *base = NULL, *back = NULL,
		   *ahead = NULL, *threads = NULL, *body = NULL;
	const struct cli_option opts[] = {
		{"listen", CLI_OPT_STRING, &listen, NULL},
		{"base-url", CLI_OPT_STRING, &base, NULL},
		{"feed-weeks-back", CLI_OPT_STRING, &back, NULL},
		{"feed-weeks-ahead", CLI_OPT_STRING, &ahead, NULL},
		{"threads", CLI_OPT_STRING, &threads, NULL},
		{"max-body", CLI_OPT_STRING, &body, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_serve_options so = ROTA_SERVE_OPTIONS_INIT;
	struct rota_serve *srv = NULL;
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	const char *pos[1];
	sigset_t set;
	long v;
	int rc, sig = 0;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	so.listen = listen;
	so.base_url = base;
	if (int_opt(ctx, "--feed-weeks-back", back, 0, 520, &v) < 0)
		return CLI_EXIT_USAGE;
	if (back)
		so.feed_weeks_back = (int)v;
	if (int_opt(ctx, "--feed-weeks-ahead", ahead, 0, 520, &v) < 0)
		return CLI_EXIT_USAGE;
	if (ahead)
		so.feed_weeks_ahead = (int)v;
	if (int_opt(ctx, "--threads", threads, 1, 64, &v) < 0)
		return CLI_EXIT_USAGE;
	if (threads)
		so.threads = (int)v;
	if (int_opt(ctx, "--max-body", body, 1024, 16 << 20, &v) < 0)
		return CLI_EXIT_USAGE;
	if (body)
		so.max_body = (size_t)v;
	/* $ROTA_NOW fixes the server's clock too (tests) */
	if (getenv("ROTA_NOW") && *getenv("ROTA_NOW")) {
		if ((rc = cli_open_plan(ctx, ROTA_STORE_READONLY, &pl)) != 0)
			return rc;
		so.now = rota_plan_now(pl);
		rota_plan_close(pl);
	}
	so.db_path = ctx->db_path;
	so.log = log_line;
	so.log_arg = ctx->err;
	/* the worker threads inherit the mask: only sigwait() sees these */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (rota_serve_start(&so, &srv, &err) < 0) {
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		if (err.code == ROTA_EINVAL)
			return cli_usage_error(ctx, "%s", err.msg);
		return cli_fail(ctx, &err);
	}
	/* the address as given ("[::1]" keeps its brackets), the real port */
	fprintf(ctx->out, "listening on http://%.*s:%u\n",
		(int)(strrchr(listen, ':') - listen), listen,
		rota_serve_port(srv));
	fflush(ctx->out);
	sigwait(&set, &sig);
	fprintf(ctx->err, "%s serve: %s: stopping\n", ctx->prog,
		sig == SIGINT ? "SIGINT" : "SIGTERM");
	rota_serve_stop(srv, 10000);
	fprintf(ctx->err, "%s serve: stopped\n", ctx->prog);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_serve = {
	"serve", "serve calendar feeds, clock terminals and the page over HTTP",
	usage, run};
