/*
 * fuzz/fuzz_http.c - the request handling that is ours (serve_handle:
 * routing, feeds, punches, the page, sessions, CSRF, forms, ETags) on a
 * small site, without a socket.  The input is
 *   METHOD\nPATH\nName: value\n...\n\nBODY
 * libmicrohttpd's own parsing is not ours and not fuzzed here.  POST /login
 * is skipped: each Argon2id verification takes 0.4 s and 64 MiB.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz/fuzz_site.h"
#include "serve/serve_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_H 16

struct input {
	char *line[MAX_H][2];
	int n;
	char *query;
};

static struct serve_cfg cfg;
static struct serve_conn conn;

static const char *lookup(void *arg, int kind, const char *name)
{
	struct input *in = arg;
	const char *want = kind == SERVE_COOKIE ? "Cookie-" :
			   kind == SERVE_QUERY ? "Query-" : "";
	size_t wl = strlen(want);

	for (int i = 0; i < in->n; i++)
		if (strncmp(in->line[i][0], want, wl) == 0 &&
		    strcasecmp(in->line[i][0] + wl, name) == 0)
			return in->line[i][1];
	return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct rota_store *st = NULL;
	struct rota_secret sec;
	const char *db = fuzz_site();

	(void)argc;
	(void)argv;
	if (!db || serve_crypto_init() < 0 ||
	    rota_store_open(db, 0, &st, NULL) < 0)
		abort();
	serve_secret_parse(FUZZ_KEY, strlen(FUZZ_KEY), &sec);
	rota_store_terminal_add(st, "fuzz", &sec, 1, NULL);
	serve_secret_parse(FUZZ_FEED, strlen(FUZZ_FEED), &sec);
	rota_store_feed_token_put(st, "E01", NULL, &sec, 1, NULL);
	rota_store_user_put(st, "li", "supervisor", "$argon2id$x", 1, NULL);
	serve_secret_parse(FUZZ_SESSION, strlen(FUZZ_SESSION), &sec);
	rota_store_session_add(st, "li", &sec, FUZZ_CSRF, 1, INT64_MAX / 2,
			       NULL);
	rota_store_close(st);
	rota_strlcpy(cfg.db_path, db, sizeof(cfg.db_path));
	cfg.weeks_back = 4;
	cfg.weeks_ahead = 8;
	cfg.max_body = 65536;
	cfg.now = 1775030400;   /* 2026-04-01 08:00 UTC */
	rota_strlcpy(cfg.dummy_hash, "$argon2id$x", sizeof(cfg.dummy_hash));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *p, *method, *path, *body;
	struct input in;
	struct serve_req rq;
	struct serve_resp rs;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	memset(&in, 0, sizeof(in));
	method = buf;
	if (!(p = strchr(method, '\n')))
		goto out;
	*p++ = '\0';
	path = p;
	if (!(p = strchr(path, '\n')))
		goto out;
	*p++ = '\0';
	body = NULL;
	while (*p) {
		char *nl = strchr(p, '\n'), *colon;

		if (nl)
			*nl = '\0';
		if (!*p) {          /* empty line: the body follows */
			body = nl ? nl + 1 : p;
			break;
		}
		colon = strchr(p, ':');
		if (colon && in.n < MAX_H) {
			*colon = '\0';
			in.line[in.n][0] = p;
			in.line[in.n][1] = colon + 1 + (colon[1] == ' ');
			in.n++;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	if (strcmp(method, "POST") == 0 && strcmp(path, "/login") == 0)
		goto out;
	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.path = path;
	rq.body = body;
	rq.body_len = body ? size - (size_t)(body - buf) : 0;
	rq.lookup = lookup;
	rq.lookup_arg = &in;
	memset(&rs, 0, sizeof(rs));
	serve_handle(&cfg, &conn, &rq, &rs);
	if (rs.status < 200 || rs.status > 599)
		__builtin_trap();
	serve_resp_release(&rs);
out:
	free(buf);
	return 0;
}
