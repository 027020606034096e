/*
 * serve/handle.c - routing, and calendar subscriptions.
 *
 * Routes are exact paths; nothing maps a path to a file, so there is no
 * path to traverse: /cal/../.. is simply not a route (404).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "plan/plan.h"
#include "serve/serve_int.h"

#define CAL_PREFIX "/cal/"
#define CAL_SUFFIX ".ics"

static void not_found(struct serve_resp *rs)
{
	serve_text(rs, 404, "text/plain; charset=utf-8", "not found\n");
}

void serve_handle(const struct serve_cfg *cfg, struct serve_conn *c,
		  const struct serve_req *rq, struct serve_resp *rs)
{
	const char *path = rq->path ? rq->path : "";
	const char *m = rq->method ? rq->method : "";
	size_t plen = strlen(path);
	int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
	int post = strcmp(m, "POST") == 0;

	/* every response: no sniffing, no framing, no referrer */
	serve_header(rs, "X-Content-Type-Options", "nosniff");
	serve_header(rs, "Referrer-Policy", "no-referrer");
	if (plen > strlen(CAL_PREFIX) + strlen(CAL_SUFFIX) &&
	    strncmp(path, CAL_PREFIX, strlen(CAL_PREFIX)) == 0 &&
	    strcmp(path + plen - strlen(CAL_SUFFIX), CAL_SUFFIX) == 0) {
		char token[ROTA_SERVE_SECRET_MAX + 1];
		size_t tlen = plen - strlen(CAL_PREFIX) - strlen(CAL_SUFFIX);

		if (!get) {
			serve_header(rs, "Allow", "GET, HEAD");
			serve_text(rs, 405, "text/plain; charset=utf-8",
				   "method not allowed\n");
			return;
		}
		if (tlen >= sizeof(token)) {
			not_found(rs);
			return;
		}
		memcpy(token, path + strlen(CAL_PREFIX), tlen);
		token[tlen] = '\0';
		serve_feed(cfg, c, rq, token, rs);
		return;
	}
	if (strcmp(path, "/api/v1/punches") == 0) {
		if (!post) {
			serve_header(rs, "Allow", "POST");
			serve_json_error(rs, 405, "use POST");
			return;
		}
		serve_punches(cfg, c, rq, rs);
		return;
	}
	if (strcmp(path, "/healthz") == 0 && get) {
		serve_text(rs, 200, "text/plain; charset=utf-8", "ok\n");
		return;
	}
	serve_page(cfg, c, rq, rs);
}

/* ------------------------------------------------------------ feeds */

void serve_feed(const struct serve_cfg *cfg, struct serve_conn *c,
		const struct serve_req *rq, const char *token,
		struct serve_resp *rs)
{
	struct rota_plan_feed_opts fo = ROTA_PLAN_FEED_OPTS_INIT;
	struct rota_plan_feed feed;
	struct rota_feed_token ft;
	struct rota_secret sec;
	struct rota_error err = {0};
	struct rota_plan *pl;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char etag[40], lm[32];
	const char *inm, *ims;
	int64_t modified;
	int rc;

	memset(&feed, 0, sizeof(feed));
	/* the same 404 for a malformed, unknown or revoked token */
	if (serve_secret_parse(token, strlen(token), &sec) < 0) {
		not_found(rs);
		return;
	}
	if (!(pl = serve_plan(cfg, c, rs)))
		return;
	rc = rota_store_feed_token_find(rota_plan_store(pl), sec.selector, &ft,
					&err);
	if (rc == ROTA_ENOTFOUND || (rc == 0 && !serve_hash_equal(ft.hash,
								     sec.hash))) {
		not_found(rs);
		return;
	}
	if (rc < 0)
		goto unavailable;
	fo.employee = ft.employee[0] ? ft.employee : NULL;
	fo.team = ft.employee[0] ? NULL : ft.team;
	fo.weeks_back = cfg->weeks_back;
	fo.weeks_ahead = cfg->weeks_ahead;
	rc = rota_plan_feed(pl, &fo, &feed, &err);
	if (rc == ROTA_ENOTFOUND) {   /* a team that has emptied since */
		not_found(rs);
		return;
	}
	if (rc < 0)
		goto unavailable;
	snprintf(rs->note, sizeof(rs->note), "feed %s%s events=%zu",
		 fo.employee ? "employee " : "team ",
		 fo.employee ? fo.employee : fo.team, feed.n_events);
	crypto_hash_sha256(digest, (const unsigned char *)feed.text, feed.len);
	etag[0] = '"';
	for (int i = 0; i < 16; i++)
		snprintf(etag + 1 + 2 * i, 3, "%02x", digest[i]);
	etag[33] = '"';
	etag[34] = '\0';
	modified = feed.last_modified > ft.created_at ? feed.last_modified
						      : ft.created_at;
	serve_http_date(modified, lm);
	serve_header(rs, "ETag", "%s", etag);
	serve_header(rs, "Last-Modified", "%s", lm);
	serve_header(rs, "Cache-Control", "private, no-cache");
	inm = serve_get(rq, SERVE_HEADER, "If-None-Match");
	ims = serve_get(rq, SERVE_HEADER, "If-Modified-Since");
	/* RFC 7232 6: If-Modified-Since only without If-None-Match */
	if (inm ? serve_etag_match(inm, etag)
		: (ims && serve_parse_http_date(ims) >= modified)) {
		serve_body(rs, 304, NULL, NULL, 0);
		rota_plan_feed_release(&feed);
		return;
	}
	serve_body(rs, 200, "text/calendar; charset=utf-8", feed.text,
		   feed.len);
	return;
unavailable:
	rota_strlcpy(rs->note, err.msg, sizeof(rs->note));
	serve_text(rs, 503, "text/plain; charset=utf-8",
		   "the calendar is not available\n");
}
