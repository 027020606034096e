/*
 * serve/server.c - libmicrohttpd glue: the daemon, requests and bodies,
 * one log line per request, and a clean stop.
 *
 * MHD runs a small pool of threads, each polling its share of the
 * connections; a request is handled on its connection's thread, with the
 * connection's own database handle (struct serve_conn, created and closed
 * with the connection).  Bodies are collected up to cfg.max_body; a larger
 * one is answered 413 as soon as it is seen.  Headers are bounded by MHD's
 * per-connection memory (431 past it).
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "core/time.h"
#include "plan/plan.h"
#include "serve/serve_int.h"

#define CONN_MEMORY (32 * 1024)   /* request line + headers */
#define CONN_LIMIT 1000
#define CONN_TIMEOUT_S 30

struct rota_serve {
	struct MHD_Daemon *d;
	struct serve_cfg cfg;
	unsigned port;
	atomic_int in_flight;
	void (*log)(void *arg, const char *line);
	void *log_arg;
};

/* One request's state, from its first callback to its completion. */
struct req_state {
	char *body;
	size_t len, cap;
	int too_big;
	int status;
	size_t sent;
	struct timespec t0;
	char method[8];
	char path[128];
	char note[300];
};

static void logf_(struct rota_serve *srv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void logf_(struct rota_serve *srv, const char *fmt, ...)
{
	char line[600];
	va_list ap;

	if (!srv->log)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	srv->log(srv->log_arg, line);
}

__attribute__((format(printf, 2, 0)))
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct rota_serve *srv = cls;
	char line[400];
	size_t n;

	if (!srv->log)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	logf_(srv, "httpd: %s", line);
}

struct lookup_arg {
	struct MHD_Connection *conn;
};

static const char *lookup(void *arg, int kind, const char *name)
{
	struct lookup_arg *a = arg;
	enum MHD_ValueKind k = kind == SERVE_COOKIE ? MHD_COOKIE_KIND
			       : kind == SERVE_QUERY ? MHD_GET_ARGUMENT_KIND
						     : MHD_HEADER_KIND;

	return MHD_lookup_connection_value(a->conn, k, name);
}

static enum MHD_Result queue(struct MHD_Connection *conn,
			     struct req_state *rs_state,
			     struct serve_resp *rs)
{
	struct MHD_Response *r;
	enum MHD_Result ok;

	if (!rs->body && rs->status != 304) {
		rs->status = rs->status ? rs->status : 500;
	}
	static char empty[1];

	r = MHD_create_response_from_buffer(rs->len,
					    rs->body ? rs->body : empty,
					    MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	if (rs->type)
		MHD_add_response_header(r, "Content-Type", rs->type);
	for (int i = 0; i < rs->n_headers; i++)
		MHD_add_response_header(r, rs->header_name[i],
					rs->header_value[i]);
	rs_state->status = rs->status;
	rs_state->sent = rs->len;
	memcpy(rs_state->note, rs->note, sizeof(rs_state->note));
	ok = MHD_queue_response(conn, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ok;
}

static struct serve_conn *conn_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* The path as logged: a feed's token is a secret. */
static void loggable_path(const char *url, char *buf, size_t size)
{
	if (strncmp(url, "/cal/", 5) == 0)
		snprintf(buf, size, "/cal/[token].ics");
	else
		snprintf(buf, size, "%.120s", url);
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '"')
			*p = '?';
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *conn,
				 const char *url, const char *method,
				 const char *version, const char *upload,
				 size_t *upload_size, void **con_cls)
{
	struct rota_serve *srv = cls;
	struct req_state *st = *con_cls;
	struct serve_resp rs;
	struct serve_req rq;
	struct lookup_arg la = {conn};
	struct serve_conn *sc;
	enum MHD_Result ok;

	(void)version;
	if (!st) {
		const char *cl;

		if (!(st = calloc(1, sizeof(*st))))
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &st->t0);
		snprintf(st->method, sizeof(st->method), "%.7s", method);
		for (char *p = st->method; *p; p++)
			if ((unsigned char)*p <= 0x20 || *p == 0x7f)
				*p = '?';
		loggable_path(url, st->path, sizeof(st->path));
		*con_cls = st;
		atomic_fetch_add(&srv->in_flight, 1);
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						 "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > srv->cfg.max_body) {
			memset(&rs, 0, sizeof(rs));
			serve_json_error(&rs, 413, "the body is too large");
			ok = queue(conn, st, &rs);
			serve_resp_release(&rs);
			return ok;
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!st->too_big && st->len + *upload_size > srv->cfg.max_body) {
			st->too_big = 1;
			free(st->body);
			st->body = NULL;
			st->len = 0;
		}
		if (!st->too_big) {
			if (st->len + *upload_size + 1 > st->cap) {
				size_t cap = st->len + *upload_size + 1;
				char *b;

				cap = cap < 4096 ? 4096 : cap * 2;
				if (cap > srv->cfg.max_body + 1)
					cap = srv->cfg.max_body + 1;
				if (!(b = realloc(st->body, cap)))
					return MHD_NO;
				st->body = b;
				st->cap = cap;
			}
			memcpy(st->body + st->len, upload, *upload_size);
			st->len += *upload_size;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	memset(&rs, 0, sizeof(rs));
	if (st->too_big) {
		serve_json_error(&rs, 413, "the body is too large");
	} else if (!(sc = conn_of(conn))) {
		serve_text(&rs, 503, "text/plain; charset=utf-8",
			   "not available\n");
	} else {
		memset(&rq, 0, sizeof(rq));
		rq.method = method;
		rq.path = url;
		rq.body = st->body;
		rq.body_len = st->len;
		rq.lookup = lookup;
		rq.lookup_arg = &la;
		serve_handle(&srv->cfg, sc, &rq, &rs);
	}
	ok = queue(conn, st, &rs);
	serve_resp_release(&rs);
	return ok;
}

static void completed_cb(void *cls, struct MHD_Connection *conn,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct rota_serve *srv = cls;
	struct req_state *st = *con_cls;
	const union MHD_ConnectionInfo *ci;
	char host[64] = "-", stamp[32];
	struct timespec t1;
	double ms;

	if (!st)
		return;
	*con_cls = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - st->t0.tv_sec) * 1e3 +
	     (double)(t1.tv_nsec - st->t0.tv_nsec) / 1e6;
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr)
		getnameinfo(ci->client_addr,
			    ci->client_addr->sa_family == AF_INET6
				    ? sizeof(struct sockaddr_in6)
				    : sizeof(struct sockaddr_in),
			    host, sizeof(host), NULL, 0, NI_NUMERICHOST);
	rota_format_utc_iso((int64_t)time(NULL), stamp, sizeof(stamp));
	logf_(srv, "%s %s %s %s %d %zu %.1fms%s%s%s", stamp, host, st->method,
	      st->path, st->status, st->sent, ms,
	      toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted",
	      st->note[0] ? " " : "", st->note);
	free(st->body);
	free(st);
	atomic_fetch_sub(&srv->in_flight, 1);
}

static void connection_cb(void *cls, struct MHD_Connection *conn,
			  void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	(void)conn;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_context = calloc(1, sizeof(struct serve_conn));
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		serve_conn_release(*socket_context);
		free(*socket_context);
		*socket_context = NULL;
	}
}

/* "127.0.0.1:8080", "[::1]:8080" -> a socket address. */
static int parse_listen(const char *text, struct sockaddr_storage *ss,
			struct rota_error *err)
{
	char host[128];
	const char *colon;
	char *end;
	unsigned long port;

	memset(ss, 0, sizeof(*ss));
	if (!text || !*text)
		goto bad;
	if (text[0] == '[') {
		const char *close = strchr(text, ']');

		if (!close || close[1] != ':' ||
		    (size_t)(close - text - 1) >= sizeof(host))
			goto bad;
		memcpy(host, text + 1, (size_t)(close - text - 1));
		host[close - text - 1] = '\0';
		colon = close + 1;
	} else {
		colon = strrchr(text, ':');
		if (!colon || (size_t)(colon - text) >= sizeof(host))
			goto bad;
		memcpy(host, text, (size_t)(colon - text));
		host[colon - text] = '\0';
	}
	port = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || port > 65535)
		goto bad;
	if (strchr(host, ':')) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
			goto bad;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
			goto bad;
	}
	return 0;
bad:
	return rota_error_set(err, ROTA_EINVAL,
			      "--listen: '%s' is not ADDRESS:PORT (e.g. "
			      "127.0.0.1:8080 or [::1]:8080)",
			      text ? text : "");
}

int rota_serve_start(const struct rota_serve_options *opt,
		     struct rota_serve **out, struct rota_error *err)
{
	struct rota_serve *srv;
	struct sockaddr_storage ss;
	struct rota_plan *pl = NULL;
	const union MHD_DaemonInfo *di;
	int rc;

	if (!opt->db_path || strlen(opt->db_path) >= sizeof(srv->cfg.db_path))
		return rota_error_set(err, ROTA_EINVAL, "bad database path");
	if (opt->base_url && (strlen(opt->base_url) >= 400 ||
			      (strncmp(opt->base_url, "http://", 7) &&
			       strncmp(opt->base_url, "https://", 8))))
		return rota_error_set(err, ROTA_EINVAL,
				      "--base-url: '%s' is not an http:// or "
				      "https:// URL", opt->base_url);
	if (opt->feed_weeks_back < 0 || opt->feed_weeks_back > 520 ||
	    opt->feed_weeks_ahead < 0 || opt->feed_weeks_ahead > 520 ||
	    opt->threads < 1 || opt->threads > 64 || opt->max_body < 1024)
		return rota_error_set(err, ROTA_EINVAL, "bad server option");
	if ((rc = parse_listen(opt->listen, &ss, err)) < 0)
		return rc;
	if (serve_crypto_init() < 0)
		return rota_error_set(err, ROTA_EIO, "libsodium failed to "
				      "start");
	/* the database must hold a site; migrate it once, here */
	if ((rc = rota_plan_open(opt->db_path, 0, 0, &pl, err)) < 0)
		return rc;
	rota_plan_close(pl);
	if (!(srv = calloc(1, sizeof(*srv))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	rota_strlcpy(srv->cfg.db_path, opt->db_path, sizeof(srv->cfg.db_path));
	if (opt->base_url)
		rota_strlcpy(srv->cfg.base_url, opt->base_url,
			     sizeof(srv->cfg.base_url));
	srv->cfg.secure_cookies = opt->base_url &&
				  strncmp(opt->base_url, "https://", 8) == 0;
	srv->cfg.weeks_back = opt->feed_weeks_back;
	srv->cfg.weeks_ahead = opt->feed_weeks_ahead;
	srv->cfg.max_body = opt->max_body;
	srv->cfg.now = opt->now;
	srv->log = opt->log;
	srv->log_arg = opt->log_arg;
	atomic_init(&srv->in_flight, 0);
	/* verified for unknown users, so a login takes as long either way */
	if ((rc = serve_password_hash("not a password of anyone",
				      srv->cfg.dummy_hash, err)) < 0) {
		free(srv);
		return rc;
	}
	srv->d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC |
			MHD_USE_ERROR_LOG |
			(ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
		0, NULL, NULL, access_cb, srv, MHD_OPTION_EXTERNAL_LOGGER,
		mhd_log, srv, MHD_OPTION_SOCK_ADDR,
		(struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned)opt->threads, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)CONN_LIMIT, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)CONN_TIMEOUT_S, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)CONN_MEMORY, MHD_OPTION_NOTIFY_COMPLETED, completed_cb,
		srv, MHD_OPTION_NOTIFY_CONNECTION, connection_cb, srv,
		MHD_OPTION_END);
	if (!srv->d) {
		free(srv);
		return rota_error_set(err, ROTA_EIO,
				      "cannot listen on %s (in use, or not an "
				      "address of this machine)", opt->listen);
	}
	di = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : 0;
	*out = srv;
	return 0;
}

unsigned rota_serve_port(const struct rota_serve *srv)
{
	return srv->port;
}

void rota_serve_stop(struct rota_serve *srv, int grace_ms)
{
	MHD_socket fd;

	if (!srv)
		return;
	fd = MHD_quiesce_daemon(srv->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	for (int waited = 0;
	     atomic_load(&srv->in_flight) > 0 && waited < grace_ms;
	     waited += 10) {
		struct timespec ts = {0, 10 * 1000 * 1000};

		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(srv->d);
	free(srv);
}
