/*
 * serve/punch.c - POST /api/v1/punches: clock terminals.
 *
 *   Authorization: Bearer KEY
 *   {"punches": [{"employee": "A001", "time": "2026-12-02T08:01:00+08:00",
 *                 "kind": "in"}, ...]}
 *
 * Every punch is stored through rota_store_clock_batch() (the rules of
 * rota clock) with source "terminal:NAME", so a batch sent again is stored
 * once.  The answer has one result per punch, in order.  A body that is not
 * such a document is refused whole (400/413/415, nothing stored); a punch
 * with an unknown employee, a bad time or a bad kind is refused alone and
 * makes the answer 422 (the other punches are stored and say so).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/time.h"
#include "plan/plan.h"
#include "serve/json.h"
#include "serve/serve_int.h"

#define MAX_PUNCHES 500
#define MAX_FUTURE_S 600            /* a terminal's clock may run ahead */
#define MAX_PAST_S (31 * 86400)     /* an offline terminal's backlog */

static const char *const status_names[] = {"stored", "duplicate", "refused"};

/* Has the time an explicit offset (Z, +HH:MM, -HHMM)? */
static int has_offset(const char *t, size_t n)
{
	if (n >= 20 && (t[n - 1] == 'Z' || t[n - 1] == 'z'))
		return 1;
	return (n >= 22 && (t[n - 6] == '+' || t[n - 6] == '-')) ||
	       (n >= 21 && (t[n - 5] == '+' || t[n - 5] == '-'));
}

/* Validate punch i (value v) into rq; a reason when it is refused. */
static int check_punch(const struct json_doc *doc, int v,
		       const struct rota_dataset *ds, const struct rota_tz *tz,
		       int64_t now,
		       struct rota_clock_req *rq, char *reason, size_t size)
{
	const struct json_value *emp, *tm, *kd;
	struct rota_error e = {0};

	if (doc->v[v].type != JSON_OBJECT) {
		snprintf(reason, size, "a punch is an object");
		return -1;
	}
	for (int c = doc->v[v].child; c != JSON_NONE; c = doc->v[c].next)
		if (strcmp(doc->v[c].key, "employee") &&
		    strcmp(doc->v[c].key, "time") &&
		    strcmp(doc->v[c].key, "kind")) {
			snprintf(reason, size, "unknown field '%.40s'",
				 doc->v[c].key);
			return -1;
		}
	emp = json_member(doc, v, "employee");
	tm = json_member(doc, v, "time");
	kd = json_member(doc, v, "kind");
	if (!emp || emp->type != JSON_STRING || !rota_id_valid(emp->str)) {
		snprintf(reason, size, "'employee' must be an employee id");
		return -1;
	}
	if (!kd || kd->type != JSON_STRING ||
	    (strcmp(kd->str, "in") && strcmp(kd->str, "out"))) {
		snprintf(reason, size, "'kind' must be \"in\" or \"out\"");
		return -1;
	}
	if (!tm || tm->type != JSON_STRING || tm->len > 40 ||
	    !has_offset(tm->str, tm->len) ||
	    rota_parse_instant(tz, tm->str, &rq->at, &e) < 0) {
		snprintf(reason, size, "'time' must be ISO 8601 with an offset, "
			 "e.g. 2026-12-02T08:01:00+08:00");
		return -1;
	}
	if (rq->at > now + MAX_FUTURE_S) {
		snprintf(reason, size, "'time' is in the future");
		return -1;
	}
	if (rq->at < now - MAX_PAST_S) {
		snprintf(reason, size, "'time' is more than 31 days ago");
		return -1;
	}
	if (rota_dataset_employee(ds, emp->str) < 0) {
		snprintf(reason, size, "unknown employee '%s'", emp->str);
		return -1;
	}
	rq->employee = emp->str;
	rq->kind = strcmp(kd->str, "in") == 0 ? ROTA_PUNCH_IN : ROTA_PUNCH_OUT;
	return 0;
}

/* The terminal named by the Authorization header, or a 401. */
static int authorize(const struct serve_req *rq, struct rota_store *st,
		     struct rota_terminal *t, struct serve_resp *rs)
{
	const char *auth = serve_get(rq, SERVE_HEADER, "Authorization");
	struct rota_secret sec;
	struct rota_error err = {0};
	int rc;

	if (!auth || strncasecmp(auth, "Bearer ", 7) != 0 ||
	    serve_secret_parse(auth + 7, strlen(auth + 7), &sec) < 0)
		goto refuse;
	rc = rota_store_terminal_find(st, sec.selector, t, &err);
	if (rc == 0 && serve_hash_equal(t->hash, sec.hash))
		return 0;
	if (rc < 0 && rc != ROTA_ENOTFOUND) {
		rota_strlcpy(rs->note, err.msg, sizeof(rs->note));
		serve_json_error(rs, 503, "the database is not available");
		return -1;
	}
refuse:
	serve_header(rs, "WWW-Authenticate", "Bearer realm=\"rota\"");
	serve_json_error(rs, 401, "a terminal's API key is needed: "
			 "Authorization: Bearer KEY");
	return -1;
}

/* The body must be JSON of the form {"punches": [...]} with 1 to
 * MAX_PUNCHES entries; the array, or NULL after an error response. */
static const struct json_value *punches_parse(const struct serve_cfg *cfg,
					      const struct serve_req *rq,
					      struct json_doc *doc,
					      struct serve_resp *rs)
{
	const char *type = serve_get(rq, SERVE_HEADER, "Content-Type");
	const struct json_value *list;
	char msg[200];
	size_t n;

	if (!type || strncasecmp(type, "application/json", 16) != 0 ||
	    (type[16] && type[16] != ';' && type[16] != ' ')) {
		serve_json_error(rs, 415, "Content-Type must be "
				 "application/json");
		return NULL;
	}
	if (rq->body_len > cfg->max_body) {
		serve_json_error(rs, 413, "the body is too large");
		return NULL;
	}
	if (json_parse(rq->body ? rq->body : "", rq->body_len,
		       MAX_PUNCHES * 8 + 8, doc, msg, sizeof(msg)) < 0) {
		char m2[240];

		snprintf(m2, sizeof(m2), "malformed JSON: %s", msg);
		serve_json_error(rs, 400, m2);
		return NULL;
	}
	list = json_member(doc, 0, "punches");
	if (doc->v[0].type != JSON_OBJECT || doc->v[0].count != 1 || !list ||
	    list->type != JSON_ARRAY) {
		serve_json_error(rs, 400, "expected {\"punches\": [...]} and "
				 "nothing else");
		return NULL;
	}
	n = (size_t)list->count;
	if (n == 0 || n > MAX_PUNCHES) {
		serve_json_error(rs, n ? 413 : 400,
				 n ? "at most 500 punches a request"
				   : "no punches");
		return NULL;
	}
	return list;
}

/* Stores the n_ok valid punches req[] together and copies their results
 * to res[k] for every k with ok_of[k] >= 0; -1 after an error response
 * (nothing was stored). */
static int punches_store(struct rota_plan *pl, const char *terminal,
			 const struct rota_clock_req *req, size_t n_ok,
			 const int *ok_of, size_t n, int64_t now,
			 struct rota_clock_result *res, struct serve_resp *rs)
{
	struct rota_clock_result *r2 = calloc(n_ok, sizeof(*r2));
	struct rota_error err = {0};
	char source[ROTA_ID_MAX + 16];

	snprintf(source, sizeof(source), "terminal:%s", terminal);
	if (!r2 || rota_store_clock_batch(rota_plan_store(pl), req, n_ok,
					  source, now, r2, &err) < 0) {
		free(r2);
		snprintf(rs->note, sizeof(rs->note), "terminal %s: %.200s",
			 terminal, r2 ? err.msg : "out of memory");
		serve_header(rs, "Retry-After", "1");
		serve_json_error(rs, 503, "nothing was stored; send "
				 "the punches again");
		return -1;
	}
	for (size_t k = 0; k < n; k++)
		if (ok_of[k] >= 0)
			res[k] = r2[ok_of[k]];
	free(r2);
	return 0;
}

/* The response: an "error" when some were refused, then a result per
 * punch in the order sent; counts[] per status. */
static int punches_answer(const struct rota_clock_result *res, size_t n,
			  int bad, size_t counts[3], char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	char msg[200];

	if (!f)
		return -1;
	fputs("{", f);
	if (bad) {
		snprintf(msg, sizeof(msg), "%d of %zu punches refused: unknown "
			 "employee, bad time or bad kind; the others are "
			 "stored", bad, n);
		fputs("\"error\": ", f);
		serve_json_str(f, msg);
		fputs(", ", f);
	}
	fputs("\"results\": [", f);
	for (size_t k = 0; k < n; k++) {
		counts[res[k].status]++;
		fprintf(f, "%s{\"status\": \"%s\"", k ? ", " : "",
			status_names[res[k].status]);
		if (res[k].status == ROTA_CLOCK_REFUSED) {
			fputs(", \"reason\": ", f);
			serve_json_str(f, res[k].reason);
		}
		fputs("}", f);
	}
	fputs("]}\n", f);
	if (fclose(f) != 0) {
		free(*buf);
		return -1;
	}
	return 0;
}

void serve_punches(const struct serve_cfg *cfg, struct serve_conn *c,
		   const struct serve_req *rq, struct serve_resp *rs)
{
	struct json_doc doc;
	struct rota_terminal term;
	struct rota_clock_req *req = NULL;
	struct rota_clock_result *res = NULL;
	struct rota_plan *pl;
	const struct json_value *list;
	char *buf = NULL;
	size_t len = 0, n, n_ok = 0, counts[3] = {0, 0, 0};
	int *ok_of = NULL, bad = 0, i, v;
	int64_t now = serve_now(cfg);

	memset(&doc, 0, sizeof(doc));
	if (!(pl = serve_plan(cfg, c, rs)) ||
	    authorize(rq, rota_plan_store(pl), &term, rs) < 0)
		return;
	snprintf(rs->note, sizeof(rs->note), "terminal %s", term.name);
	if (!(list = punches_parse(cfg, rq, &doc, rs)))
		goto out;
	n = (size_t)list->count;
	req = calloc(n, sizeof(*req));
	res = calloc(n, sizeof(*res));
	ok_of = calloc(n, sizeof(*ok_of));
	if (!req || !res || !ok_of) {
		serve_json_error(rs, 503, "out of memory");
		goto out;
	}
	/* validate every punch; the valid ones go to the store together */
	for (i = 0, v = list->child; v != JSON_NONE; v = doc.v[v].next, i++) {
		if (check_punch(&doc, v, rota_plan_dataset(pl),
				rota_plan_tz(pl), now, &req[n_ok],
				res[i].reason, sizeof(res[i].reason)) < 0) {
			res[i].status = ROTA_CLOCK_REFUSED;
			ok_of[i] = -1;
			bad++;
			continue;
		}
		ok_of[i] = (int)n_ok++;
	}
	if (n_ok && punches_store(pl, term.name, req, n_ok, ok_of, n, now,
				  res, rs) < 0)
		goto out;
	if (punches_answer(res, n, bad, counts, &buf, &len) < 0) {
		serve_json_error(rs, 503, "out of memory");
		goto out;
	}
	snprintf(rs->note, sizeof(rs->note),
		 "terminal %s punches=%zu stored=%zu duplicate=%zu refused=%zu",
		 term.name, n, counts[0], counts[1], counts[2]);
	serve_body(rs, bad ? 422 : 200, "application/json", buf, len);
out:
	free(req);
	free(res);
	free(ok_of);
	json_doc_free(&doc);
}
