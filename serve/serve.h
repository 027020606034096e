/*
 * serve/serve.h - rota serve: the site over HTTP (libmicrohttpd).
 *
 *   GET  /cal/<token>.ics     a calendar subscription (what was published)
 *   POST /api/v1/punches      clock terminals (Bearer API key, JSON)
 *   GET  /login, POST /login, POST /logout
 *   GET  /?week=DATE          the supervisor's page (after login)
 *   GET  /coverage.svg?week=DATE
 *   POST /absence/apply, /timeoff/decide   (supervisors, CSRF token)
 *   GET  /healthz
 *
 * Like cli/, the server is a thin shell over plan/ and store/: it parses a
 * request, calls one workflow and presents its result.  It keeps no state
 * between requests but the database (sessions are rows), so several
 * servers can run against one database.  Each connection has its own
 * database handle, reloaded when another connection commits.  Nothing here
 * prints: one line per request goes to the caller's log callback, with no
 * secret in it (tokens, keys, cookies, passwords and bodies are never
 * logged).  docs/serve.md has the security model.
 *
 * Secrets (feed tokens, terminal keys, session ids) are 55 characters of
 * base64url: a 12-character selector from getrandom() that finds the row
 * and 43 characters of verifier (random for keys and sessions, an HMAC
 * under the site's feed key for feed tokens); only the selector and the
 * SHA-256 of the whole secret are stored, and the hash is compared in
 * constant time.  Passwords are
 * Argon2id (libsodium crypto_pwhash_str).
 *
 * Every function returns 0 or a negative enum rota_status with a message in
 * the optional struct rota_error.
 */
#ifndef ROTA_SERVE_H
#define ROTA_SERVE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct rota_store;
struct rota_feed_token;

/* A secret as text (55 characters and a NUL). */
#define ROTA_SERVE_SECRET_MAX 56

/* --------------------------------------------------- the server */

struct rota_serve_options {
	const char *db_path;
	const char *listen;     /* "127.0.0.1:8080", "[::1]:8080"; port 0
				   picks a free one (rota_serve_port) */
	const char *base_url;   /* as clients see it, e.g. behind a proxy;
				   https:// makes cookies Secure */
	int feed_weeks_back;    /* subscription window, default 4 */
	int feed_weeks_ahead;   /* default 8 */
	size_t max_body;        /* largest request body, default 64 KiB */
	int threads;            /* worker threads, default 4 */
	int64_t now;            /* 0: the real clock; else a fixed "now"
				   (tests, ROTA_NOW) */
	/* one line per request (no newline), and errors; may be NULL */
	void (*log)(void *arg, const char *line);
	void *log_arg;
};

#define ROTA_SERVE_OPTIONS_INIT                                              \
	{NULL, "127.0.0.1:8080", NULL, 4, 8, 65536, 4, 0, NULL, NULL}

struct rota_serve;

/*
 * Check the database (it must hold a site), bind the address and start
 * serving in background threads.  ROTA_EINVAL for a bad address or option,
 * ROTA_EIO when the address cannot be bound.
 */
int rota_serve_start(const struct rota_serve_options *opt,
		     struct rota_serve **out, struct rota_error *err);

/* The port the server listens on. */
unsigned rota_serve_port(const struct rota_serve *srv);

/*
 * Stop: accept no new connection, let the requests in flight finish (at
 * most grace_ms), close every connection and free srv.  NULL is fine.
 */
void rota_serve_stop(struct rota_serve *srv, int grace_ms);

/* ------------------------------------------- credentials (the CLI) */

/*
 * The site's feed key: 32 random bytes in a file of their own, kept out of
 * the database (the CLI's default is DATABASE.feedkey).  A feed token is
 * its random 12-character selector followed by the base64url
 * HMAC-SHA256(key, "rota-feed" NUL kind NUL subject NUL selector); the
 * database keeps the selector and the SHA-256 of the token, as for every
 * secret, so the server never needs the key, and whoever holds the key and
 * the database can show a subject's URL again.
 */
#define ROTA_FEED_KEY_LEN 32

/*
 * Read the feed key at path into key.  With create, a missing file is made
 * first: 32 bytes from getrandom() in a mode-0600 temporary file linked
 * into place, so that nobody sees half a key and two processes making it
 * at once agree on one.  ROTA_ENOTFOUND when there is no file (and not
 * create), ROTA_EDATA when it is not a file of 32 bytes or its group or
 * others have any permission on it, ROTA_EIO otherwise.  key is written
 * only on success.
 */
int rota_serve_feed_key_load(const char *path, int create,
			     unsigned char key[ROTA_FEED_KEY_LEN],
			     struct rota_error *err);

/*
 * A new calendar subscription for an employee (team NULL) or a team
 * (employee NULL), derived from key with a fresh random selector; an
 * earlier one of the same subject stops working.  token receives the
 * secret; the URL is BASE/cal/TOKEN.ics.  ROTA_ENOTFOUND for an unknown
 * employee or a team nobody is in; nothing is stored on error.
 */
int rota_serve_feed_token(struct rota_store *st, const char *employee,
			  const char *team,
			  const unsigned char key[ROTA_FEED_KEY_LEN],
			  int64_t now, char token[ROTA_SERVE_SECRET_MAX],
			  struct rota_error *err);

/*
 * The subject's live token again, derived from key and its stored
 * selector and checked against the stored hash; *out (may be NULL) gets
 * the stored row.  ROTA_ENOTFOUND when the subject has no feed,
 * ROTA_ECONFLICT when the token was not made with this key (another key,
 * or made before rota kept one).  Nothing is changed.
 */
int rota_serve_feed_token_show(struct rota_store *st, const char *employee,
			       const char *team,
			       const unsigned char key[ROTA_FEED_KEY_LEN],
			       char token[ROTA_SERVE_SECRET_MAX],
			       struct rota_feed_token *out,
			       struct rota_error *err);

/* A new clock terminal; key receives its API key (shown once). */
int rota_serve_terminal_add(struct rota_store *st, const char *name,
			    int64_t now, char key[ROTA_SERVE_SECRET_MAX],
			    struct rota_error *err);

/* Add a user or change their role and password (Argon2id). */
int rota_serve_user_set(struct rota_store *st, const char *name,
			const char *role, const char *password, int64_t now,
			struct rota_error *err);

/* "BASE/cal/TOKEN.ics" into buf (BASE without a trailing '/'). */
int rota_serve_feed_url(const char *base_url, const char *token, char *buf,
			size_t size, struct rota_error *err);

#endif
