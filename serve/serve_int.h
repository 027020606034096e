/*
 * serve/serve_int.h - private to serve/: a request and its response as the
 * handlers see them, independent of libmicrohttpd (serve/server.c converts;
 * the fuzz target builds them from bytes).
 */
#ifndef ROTA_SERVE_INT_H
#define ROTA_SERVE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "serve/serve.h"
#include "store/store.h"

struct rota_plan;

/* What the handlers need of the server (read-only while serving). */
struct serve_cfg {
	char db_path[1024];
	char base_url[512];       /* "" when not given */
	int secure_cookies;       /* base_url is https:// */
	int weeks_back, weeks_ahead;
	size_t max_body;
	int64_t now;              /* 0: the clock */
	char dummy_hash[ROTA_PWHASH_MAX];  /* verified for unknown users */
};

/* One connection's database handle, reloaded when the database changed. */
struct serve_conn {
	struct rota_plan *pl;
	int64_t data_version;
};

enum serve_lookup { SERVE_HEADER, SERVE_COOKIE, SERVE_QUERY };

struct serve_req {
	const char *method;
	const char *path;         /* without the query string */
	const char *body;         /* NULL when none */
	size_t body_len;
	/* a header, cookie or query argument by name, NULL when absent */
	const char *(*lookup)(void *arg, int kind, const char *name);
	void *lookup_arg;
};

#define SERVE_MAX_HEADERS 8

struct serve_resp {
	int status;
	const char *type;         /* Content-Type */
	char *body;               /* malloc'ed, or NULL */
	size_t len;
	int n_headers;
	char header_name[SERVE_MAX_HEADERS][32];
	char header_value[SERVE_MAX_HEADERS][256];
	char note[300];           /* for the log line (no secrets) */
};

/* Handle one request (every route); rs starts zeroed.  Never fails: errors
 * become responses. */
void serve_handle(const struct serve_cfg *cfg, struct serve_conn *c,
		  const struct serve_req *rq, struct serve_resp *rs);
void serve_resp_release(struct serve_resp *rs);
/* Close the connection's database handle. */
void serve_conn_release(struct serve_conn *c);

/* ---- helpers shared by the handlers (serve/util.c) */

int64_t serve_now(const struct serve_cfg *cfg);
const char *serve_get(const struct serve_req *rq, int kind, const char *name);
void serve_header(struct serve_resp *rs, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Body from printf-style text. */
void serve_text(struct serve_resp *rs, int status, const char *type,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* {"error": msg} with the status. */
void serve_json_error(struct serve_resp *rs, int status, const char *msg);
/* Take a malloc'ed body. */
void serve_body(struct serve_resp *rs, int status, const char *type,
		char *body, size_t len);
/* The connection's plan, opened or reloaded as needed; NULL and a 503. */
struct rota_plan *serve_plan(const struct serve_cfg *cfg, struct serve_conn *c,
			     struct serve_resp *rs);
/* Write s as a JSON string literal / HTML text into f. */
#include <stdio.h>
void serve_json_str(FILE *f, const char *s);
void serve_html(FILE *f, const char *s);
/* Value of field `name` of an application/x-www-form-urlencoded body,
 * decoded into out (NUL-terminated); 0, or -1 when absent, malformed or
 * longer than size - 1. */
int serve_form_get(const char *body, size_t len, const char *name, char *out,
		   size_t size);
/* RFC 7231 IMF-fixdate <-> instant (-1 when it does not parse). */
void serve_http_date(int64_t t, char buf[32]);
int64_t serve_parse_http_date(const char *s);
/* 1 when an If-None-Match value (a list, or "*") matches the ETag
 * (weak comparison, RFC 7232 3.2). */
int serve_etag_match(const char *header, const char *etag);

/* ---- secrets (serve/auth.c) */

/* A new secret: text (55 chars) and what is stored of it. */
int serve_secret_new(char text[ROTA_SERVE_SECRET_MAX], struct rota_secret *sec,
		     struct rota_error *err);
/* Split text into selector and hash; -1 when it is not a secret's shape. */
int serve_secret_parse(const char *text, size_t len, struct rota_secret *sec);
/* Constant-time comparison of two hashes: 1 equal. */
int serve_hash_equal(const unsigned char *a, const unsigned char *b);
/* Random base64url text of n random bytes into out (size >= 4n/3 + 2). */
int serve_random_text(char *out, size_t size, size_t n);
/* Argon2id: hash a password / verify one (1 matches). */
int serve_password_hash(const char *password, char out[ROTA_PWHASH_MAX],
			struct rota_error *err);
int serve_password_verify(const char *hash, const char *password);
/* Once per process before any of the above (libsodium); -1 on failure. */
int serve_crypto_init(void);

/* ---- handlers */
void serve_feed(const struct serve_cfg *cfg, struct serve_conn *c,
		const struct serve_req *rq, const char *token,
		struct serve_resp *rs);
void serve_punches(const struct serve_cfg *cfg, struct serve_conn *c,
		   const struct serve_req *rq, struct serve_resp *rs);
void serve_page(const struct serve_cfg *cfg, struct serve_conn *c,
		const struct serve_req *rq, struct serve_resp *rs);

#endif
