/*
 * tests/test_serve.c - what rota serve is built from: the strict JSON
 * parser, forms, ETags and HTTP dates, secrets, the store's access tables
 * (feed tokens, terminals, users, sessions) and a terminal's punch batch;
 * then the request handler itself on a small database, without a socket.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/time.h"
#include "serve/json.h"
#include "serve/serve_int.h"
#include "store/store_int.h"

/* ------------------------------------------------------------ JSON */

static int parses(const char *text)
{
	struct json_doc d;
	char msg[128];

	if (json_parse(text, strlen(text), 1000, &d, msg, sizeof(msg)) < 0)
		return 0;
	json_doc_free(&d);
	return 1;
}

static void json_accepts_what_rfc8259_allows(void **state)
{
	static const char *const good[] = {
		"0", "-0", "1.5e-3", "1E+2", "\"\"", "true", "false", "null",
		" [ ] ", "{}", "[1, [2, [3]]]", "{\"a\": {\"b\": []}}",
		"\"\\u00e9\\ud83d\\ude00\\n\\/\"", "\"王小明\"", "\t\r\n1\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!parses(good[i]))
			fail_msg("refused %s", good[i]);
}

static void json_refuses_everything_else(void **state)
{
	static const char *const bad[] = {
		"", " ", "01", "+1", "1.", ".5", "1e", "NaN", "Infinity",
		"1e999", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "[1 2]",
		"\"a", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"",
		"\"\\u0000\"", "\"tab\there\"", "\xef\xbb\xbf{}", "\"\xc0\xaf\"",
		"\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xff\"",
		"{\"a\":1,\"a\":2}", "[] []", "tru", "nul", "// c\n1",
		"{\"a\" 1}", "[", "{",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parses(bad[i]))
			fail_msg("accepted %s", bad[i]);
}

static void json_limits_depth_and_size(void **state)
{
	char deep[200];
	struct json_doc d;
	char msg[128];

	(void)state;
	memset(deep, '[', 33);
	memset(deep + 33, ']', 33);
	deep[66] = '\0';
	assert_false(parses(deep));
	assert_int_equal(json_parse(deep + 1, 64, 1000, &d, msg, sizeof(msg)),
			 0);
	json_doc_free(&d);
	assert_int_equal(json_parse("[1,2,3,4]", 9, 4, &d, msg, sizeof(msg)),
			 -1);
	assert_non_null(strstr(msg, "more than 4 values"));
}

static void json_error_names_the_offset(void **state)
{
	struct json_doc d;
	char msg[128];

	(void)state;
	assert_int_equal(json_parse("{\"a\" 1}", 7, 100, &d, msg, sizeof(msg)),
			 -1);
	assert_string_equal(msg, "offset 5: expected ':' after an object key");
}

static void json_members_are_decoded(void **state)
{
	struct json_doc d;
	const struct json_value *v;
	const char *t = "{\"employee\": \"A\\u0030\\\"1\", \"n\": -2.5, "
			"\"list\": [true, null]}";
	char msg[128];

	(void)state;
	assert_int_equal(json_parse(t, strlen(t), 100, &d, msg, sizeof(msg)),
			 0);
	v = json_member(&d, 0, "employee");
	assert_non_null(v);
	assert_string_equal(v->str, "A0\"1");
	assert_int_equal(v->len, 4);
	assert_true(json_member(&d, 0, "n")->num == -2.5);
	assert_int_equal(json_member(&d, 0, "list")->count, 2);
	assert_null(json_member(&d, 0, "missing"));
	json_doc_free(&d);
}

/* ---------------------------------------------------- HTTP helpers */

static void forms_decode_and_refuse_bad_escapes(void **state)
{
	const char *b = "csrf=a%2Bb&user=li+wei&x=%zz&y=%4&e=";
	char out[32];

	(void)state;
	assert_int_equal(serve_form_get(b, strlen(b), "csrf", out,
					sizeof(out)), 0);
	assert_string_equal(out, "a+b");
	assert_int_equal(serve_form_get(b, strlen(b), "user", out,
					sizeof(out)), 0);
	assert_string_equal(out, "li wei");
	assert_int_equal(serve_form_get(b, strlen(b), "e", out, sizeof(out)),
			 0);
	assert_string_equal(out, "");
	assert_int_equal(serve_form_get(b, strlen(b), "x", out, sizeof(out)),
			 -1);
	assert_int_equal(serve_form_get(b, strlen(b), "y", out, sizeof(out)),
			 -1);
	assert_int_equal(serve_form_get(b, strlen(b), "us", out, sizeof(out)),
			 -1);
	assert_int_equal(serve_form_get("a=%00", 5, "a", out, sizeof(out)),
			 -1);
	assert_int_equal(serve_form_get("a=12345", 7, "a", out, 4), -1);
}

static void etags_compare_weakly_in_lists(void **state)
{
	(void)state;
	assert_true(serve_etag_match("\"abc\"", "\"abc\""));
	assert_true(serve_etag_match("\"x\", W/\"abc\"", "\"abc\""));
	assert_true(serve_etag_match("*", "\"abc\""));
	assert_false(serve_etag_match("\"abcd\"", "\"abc\""));
	assert_false(serve_etag_match("abc", "\"abc\""));
	assert_false(serve_etag_match("\"abc", "\"abc\""));
	assert_false(serve_etag_match("", "\"abc\""));
}

static void http_dates_round_trip(void **state)
{
	char buf[32];

	(void)state;
	serve_http_date(784111777, buf);
	assert_string_equal(buf, "Sun, 06 Nov 1994 08:49:37 GMT");
	assert_int_equal(serve_parse_http_date(buf), 784111777);
	assert_int_equal(serve_parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"),
			 -1);
	assert_int_equal(serve_parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
			 -1);
	assert_int_equal(serve_parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"),
			 -1);
	assert_int_equal(serve_parse_http_date(NULL), -1);
}

static void secrets_are_random_and_checked_by_shape(void **state)
{
	char a[ROTA_SERVE_SECRET_MAX], b[ROTA_SERVE_SECRET_MAX];
	struct rota_secret sa, sb, sp;

	(void)state;
	assert_int_equal(serve_secret_new(a, &sa, NULL), 0);
	assert_int_equal(serve_secret_new(b, &sb, NULL), 0);
	assert_int_equal(strlen(a), 55);
	assert_string_not_equal(a, b);
	assert_int_equal(strlen(sa.selector), 12);
	assert_memory_equal(sa.selector, a, 12);
	assert_int_equal(serve_secret_parse(a, 55, &sp), 0);
	assert_true(serve_hash_equal(sp.hash, sa.hash));
	assert_false(serve_hash_equal(sp.hash, sb.hash));
	a[20] = '/';
	assert_int_equal(serve_secret_parse(a, 55, &sp), -1);
	assert_int_equal(serve_secret_parse(b, 54, &sp), -1);
}

/* ------------------------------------------------- store and server */

struct env {
	char dir[256];
	char db[300];
	struct rota_store *st;
};

static void sql(struct rota_store *st, const char *text)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, text, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "sql: %s\n", msg ? msg : "?");
		sqlite3_free(msg);
		fail();
	}
}

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct rota_error err = {0};
	struct rota_site site = ROTA_SITE_INIT;
	const char *tmp = getenv("TMPDIR");

	snprintf(e->dir, sizeof(e->dir), "%s/rota-serve.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(e->dir))
		return -1;
	snprintf(e->db, sizeof(e->db), "%s/rota.db", e->dir);
	if (rota_store_open(e->db, ROTA_STORE_CREATE, &e->st, &err) < 0)
		return -1;
	rota_strlcpy(site.timezone, "Asia/Shanghai", sizeof(site.timezone));
	if (rota_store_site_set(e->st, &site, &err) < 0)
		return -1;
	sql(e->st, "INSERT INTO contract (code) VALUES ('std');"
		   "INSERT INTO employee (code, name, team, contract_id) VALUES"
		   " ('A001', '王小明', 'red', 1), ('A002', 'Ada', 'red', 1),"
		   " ('B001', 'Bo', 'blue', 1);");
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	char path[400];

	rota_store_close(e->st);
	unlink(e->db);
	snprintf(path, sizeof(path), "%s-wal", e->db);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", e->db);
	unlink(path);
	rmdir(e->dir);
	free(e);
	return 0;
}

/* A feed key for the tests (a site's is random, rota_serve_feed_key_load). */
static const unsigned char KEY[ROTA_FEED_KEY_LEN] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

static void feed_tokens_replace_and_revoke(void **state)
{
	struct env *e = *state;
	struct rota_error err = {0};
	struct rota_feed_token ft;
	unsigned char other[ROTA_FEED_KEY_LEN];
	char t1[ROTA_SERVE_SECRET_MAX], t2[ROTA_SERVE_SECRET_MAX];
	char t3[ROTA_SERVE_SECRET_MAX], red[ROTA_SERVE_SECRET_MAX];
	struct rota_secret s1, s2;

	assert_int_equal(rota_serve_feed_token(e->st, "A001", NULL, KEY, 100,
					       t1, &err), 0);
	assert_int_equal(serve_secret_parse(t1, strlen(t1), &s1), 0);
	assert_int_equal(rota_store_feed_token_find(e->st, s1.selector, &ft,
						    &err), 0);
	assert_string_equal(ft.employee, "A001");
	assert_true(serve_hash_equal(ft.hash, s1.hash));
	/* the same URL again, from the key and the stored selector */
	memset(t3, 0, sizeof(t3));
	assert_int_equal(rota_serve_feed_token_show(e->st, "A001", NULL, KEY,
						    t3, &ft, &err), 0);
	assert_string_equal(t3, t1);
	assert_int_equal(ft.created_at, 100);
	/* but not with another key */
	memcpy(other, KEY, sizeof(other));
	other[0] ^= 1;
	assert_int_equal(rota_serve_feed_token_show(e->st, "A001", NULL, other,
						    t3, NULL, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "employee 'A001': the feed URL was not "
			    "made with this feed key");
	/* a new one replaces it */
	assert_int_equal(rota_serve_feed_token(e->st, "A001", NULL, KEY, 200,
					       t2, &err), 0);
	assert_string_not_equal(t2, t1);
	assert_int_equal(serve_secret_parse(t2, strlen(t2), &s2), 0);
	assert_int_equal(rota_store_feed_token_find(e->st, s1.selector, &ft,
						    &err), ROTA_ENOTFOUND);
	assert_int_equal(rota_serve_feed_token_show(e->st, "A001", NULL, KEY,
						    t3, NULL, &err), 0);
	assert_string_equal(t3, t2);
	assert_int_equal(rota_store_feed_token_get(e->st, "A001", NULL, &ft,
						   &err), 0);
	assert_int_equal(ft.created_at, 200);
	assert_int_equal(rota_store_feed_token_revoke(e->st, "A001", NULL, 300,
						      &err), 0);
	assert_int_equal(rota_store_feed_token_find(e->st, s2.selector, &ft,
						    &err), ROTA_ENOTFOUND);
	assert_int_equal(rota_serve_feed_token_show(e->st, "A001", NULL, KEY,
						    t3, NULL, &err),
			 ROTA_ENOTFOUND);
	assert_int_equal(rota_store_feed_token_revoke(e->st, "A001", NULL, 300,
						      &err), ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "employee 'A001' has no feed");
	/* after a revoke the next token is a fresh URL */
	assert_int_equal(rota_serve_feed_token(e->st, "A001", NULL, KEY, 400,
					       t3, &err), 0);
	assert_string_not_equal(t3, t1);
	assert_string_not_equal(t3, t2);
	/* teams: shown again too, and not the same as a member's */
	assert_int_equal(rota_serve_feed_token(e->st, NULL, "red", KEY, 1, red,
					       &err), 0);
	assert_int_equal(rota_store_feed_token_get(e->st, NULL, "red", &ft,
						   &err), 0);
	assert_string_equal(ft.team, "red");
	assert_int_equal(rota_serve_feed_token_show(e->st, NULL, "red", KEY, t1,
						    NULL, &err), 0);
	assert_string_equal(t1, red);
	assert_int_equal(rota_serve_feed_token_show(e->st, NULL, "blue", KEY,
						    t1, NULL, &err),
			 ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "team 'blue' has no feed");
	assert_int_equal(rota_serve_feed_token(e->st, NULL, "green", KEY, 1, t1,
					       &err), ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "no team 'green'");
	assert_int_equal(rota_serve_feed_token(e->st, "Z9", NULL, KEY, 1, t1,
					       &err), ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "no employee 'Z9'");
}

static void feed_key_file_is_made_private_once(void **state)
{
	struct env *e = *state;
	struct rota_error err = {0};
	unsigned char k1[ROTA_FEED_KEY_LEN], k2[ROTA_FEED_KEY_LEN];
	char path[400], msg[600];
	struct stat sb;
	FILE *f;

	snprintf(path, sizeof(path), "%s/rota.db.feedkey", e->dir);
	assert_int_equal(rota_serve_feed_key_load(path, 0, k1, &err),
			 ROTA_ENOTFOUND);
	snprintf(msg, sizeof(msg), "no feed key '%s'", path);
	assert_string_equal(err.msg, msg);
	assert_int_equal(stat(path, &sb), -1);
	assert_int_equal(rota_serve_feed_key_load(path, 1, k1, &err), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(sb.st_size, ROTA_FEED_KEY_LEN);
	/* made once: the next load reads the same key */
	assert_int_equal(rota_serve_feed_key_load(path, 1, k2, &err), 0);
	assert_memory_equal(k1, k2, sizeof(k1));
	assert_memory_not_equal(k1, KEY, sizeof(k1));
	/* a key others may read is refused, and key is left alone */
	assert_int_equal(chmod(path, 0640), 0);
	memset(k2, 7, sizeof(k2));
	assert_int_equal(rota_serve_feed_key_load(path, 0, k2, &err),
			 ROTA_EDATA);
	snprintf(msg, sizeof(msg), "feed key '%s' is open to others (mode "
		 "0640): chmod 600 it", path);
	assert_string_equal(err.msg, msg);
	assert_int_equal(k2[0], 7);
	/* so is one of the wrong size */
	assert_non_null(f = fopen(path, "w"));
	fputs("short", f);
	fclose(f);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(rota_serve_feed_key_load(path, 1, k2, &err),
			 ROTA_EDATA);
	snprintf(msg, sizeof(msg), "feed key '%s' is not a file of 32 bytes",
		 path);
	assert_string_equal(err.msg, msg);
	unlink(path);
}

static void terminals_and_users(void **state)
{
	struct env *e = *state;
	struct rota_error err = {0};
	struct rota_terminal t, *list = NULL;
	struct rota_user u;
	struct rota_web_session ws;
	struct rota_secret s;
	char key[ROTA_SERVE_SECRET_MAX];
	size_t n = 0;

	assert_int_equal(rota_serve_terminal_add(e->st, "gate-1", 5, key, &err),
			 0);
	assert_int_equal(rota_serve_terminal_add(e->st, "gate-1", 5, key, &err),
			 ROTA_ECONFLICT);
	assert_string_equal(err.msg, "a terminal 'gate-1' already exists");
	assert_int_equal(rota_serve_terminal_add(e->st, "../x", 5, key, &err),
			 ROTA_EINVAL);
	assert_int_equal(rota_store_terminal_list(e->st, &list, &n, &err), 0);
	assert_int_equal(n, 1);
	free(list);
	assert_int_equal(rota_serve_user_set(e->st, "li", "boss", "long enough",
					     1, &err), ROTA_EINVAL);
	assert_string_equal(err.msg, "a role is 'supervisor' or 'viewer'");
	assert_int_equal(rota_serve_user_set(e->st, "li", "viewer", "short", 1,
					     &err), ROTA_EINVAL);
	assert_int_equal(rota_serve_user_set(e->st, "li", "viewer",
					     "long enough", 1, &err), 0);
	assert_int_equal(rota_store_user_get(e->st, "li", &u, &err), 0);
	assert_true(serve_password_verify(u.pw_hash, "long enough"));
	assert_false(serve_password_verify(u.pw_hash, "long enougH"));
	/* sessions expire; removing the user ends them */
	assert_int_equal(serve_secret_new(key, &s, &err), 0);
	assert_int_equal(rota_store_session_add(e->st, "li", &s, "csrf", 100,
						200, &err), 0);
	assert_int_equal(rota_store_session_find(e->st, s.selector, 150, &ws,
						 &err), 0);
	assert_string_equal(ws.user.name, "li");
	assert_string_equal(ws.csrf, "csrf");
	assert_int_equal(rota_store_session_find(e->st, s.selector, 200, &ws,
						 &err), ROTA_ENOTFOUND);
	assert_int_equal(rota_store_user_remove(e->st, "li", &err), 0);
	assert_int_equal(rota_store_session_find(e->st, s.selector, 150, &ws,
						 &err), ROTA_ENOTFOUND);
	(void)t;
}

static void a_batch_sent_twice_is_stored_once(void **state)
{
	struct env *e = *state;
	struct rota_error err = {0};
	struct rota_clock_req req[4] = {
		{"A001", 1000, ROTA_PUNCH_IN},
		{"A001", 1100, ROTA_PUNCH_IN},    /* in twice: refused */
		{"A002", 1000, ROTA_PUNCH_OUT},
		{"Z999", 1000, ROTA_PUNCH_IN},
	};
	struct rota_clock_result res[4];
	struct rota_punch_record *rows = NULL;
	size_t n = 0;

	assert_int_equal(rota_store_clock_batch(e->st, req, 4, "terminal:t1",
						2000, res, &err), 0);
	assert_int_equal(res[0].status, ROTA_CLOCK_STORED);
	assert_int_equal(res[1].status, ROTA_CLOCK_REFUSED);
	assert_non_null(strstr(res[1].reason, "already clocked in"));
	assert_int_equal(res[2].status, ROTA_CLOCK_STORED);
	assert_int_equal(res[3].status, ROTA_CLOCK_REFUSED);
	assert_string_equal(res[3].reason, "unknown employee 'Z999'");
	assert_int_equal(rota_store_clock_batch(e->st, req, 4, "terminal:t1",
						2001, res, &err), 0);
	assert_int_equal(res[0].status, ROTA_CLOCK_DUPLICATE);
	assert_int_equal(res[2].status, ROTA_CLOCK_DUPLICATE);
	/* another terminal's identical punch is its own record, refused by
	 * the clock rule here (already in) */
	assert_int_equal(rota_store_clock_batch(e->st, req, 1, "terminal:t2",
						2002, res, &err), 0);
	assert_int_equal(res[0].status, ROTA_CLOCK_REFUSED);
	assert_int_equal(rota_store_punches_list(e->st, NULL, 0, 5000, 1, &rows,
						 &n, &err), 0);
	assert_int_equal(n, 2);
	free(rows);
}

/* the handler without a socket: headers from a table */
struct fake {
	const char *headers[8][2];
};

static const char *fake_lookup(void *arg, int kind, const char *name)
{
	struct fake *f = arg;

	if (kind != SERVE_HEADER)
		return NULL;
	for (int i = 0; i < 8 && f->headers[i][0]; i++)
		if (strcmp(f->headers[i][0], name) == 0)
			return f->headers[i][1];
	return NULL;
}

static void handler_answers_punches_and_feeds(void **state)
{
	struct env *e = *state;
	struct serve_cfg cfg;
	struct serve_conn conn = {0};
	struct serve_req rq = {0};
	struct serve_resp rs;
	struct fake f = {{{NULL, NULL}}};
	char key[ROTA_SERVE_SECRET_MAX], auth[80], path[80];
	const char *body = "{\"punches\": [{\"employee\": \"A001\", \"time\": "
			   "\"2026-12-02T08:01:00+08:00\", \"kind\": \"in\"}]}";

	memset(&cfg, 0, sizeof(cfg));
	rota_strlcpy(cfg.db_path, e->db, sizeof(cfg.db_path));
	cfg.weeks_back = 4;
	cfg.weeks_ahead = 8;
	cfg.max_body = 65536;
	cfg.now = 1796173200;   /* 2026-12-02 09:00 +08:00 */
	assert_int_equal(rota_serve_terminal_add(e->st, "t1", 1, key, NULL), 0);
	snprintf(auth, sizeof(auth), "Bearer %s", key);
	f.headers[0][0] = "Authorization";
	f.headers[0][1] = auth;
	f.headers[1][0] = "Content-Type";
	f.headers[1][1] = "application/json";
	rq.method = "POST";
	rq.path = "/api/v1/punches";
	rq.body = body;
	rq.body_len = strlen(body);
	rq.lookup = fake_lookup;
	rq.lookup_arg = &f;
	memset(&rs, 0, sizeof(rs));
	serve_handle(&cfg, &conn, &rq, &rs);
	assert_int_equal(rs.status, 200);
	assert_string_equal(rs.body, "{\"results\": [{\"status\": "
			    "\"stored\"}]}\n");
	serve_resp_release(&rs);
	memset(&rs, 0, sizeof(rs));
	serve_handle(&cfg, &conn, &rq, &rs);
	assert_string_equal(rs.body, "{\"results\": [{\"status\": "
			    "\"duplicate\"}]}\n");
	serve_resp_release(&rs);
	/* a feed with nothing published is an empty calendar */
	assert_int_equal(rota_serve_feed_token(e->st, "A001", NULL, KEY, 1,
					       key, NULL), 0);
	snprintf(path, sizeof(path), "/cal/%s.ics", key);
	rq.method = "GET";
	rq.path = path;
	rq.body = NULL;
	rq.body_len = 0;
	memset(&rs, 0, sizeof(rs));
	serve_handle(&cfg, &conn, &rq, &rs);
	assert_int_equal(rs.status, 200);
	assert_string_equal(rs.type, "text/calendar; charset=utf-8");
	assert_non_null(strstr(rs.body, "BEGIN:VCALENDAR"));
	assert_null(strstr(rs.body, "BEGIN:VEVENT"));
	serve_resp_release(&rs);
	/* a new URL (rota feed token --new): the old one is a 404 */
	assert_int_equal(rota_serve_feed_token(e->st, "A001", NULL, KEY, 2,
					       key, NULL), 0);
	memset(&rs, 0, sizeof(rs));
	serve_handle(&cfg, &conn, &rq, &rs);
	assert_int_equal(rs.status, 404);
	serve_resp_release(&rs);
	snprintf(path, sizeof(path), "/cal/%s.ics", key);
	memset(&rs, 0, sizeof(rs));
	serve_handle(&cfg, &conn, &rq, &rs);
	assert_int_equal(rs.status, 200);
	serve_resp_release(&rs);
	serve_conn_release(&conn);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_accepts_what_rfc8259_allows),
		cmocka_unit_test(json_refuses_everything_else),
		cmocka_unit_test(json_limits_depth_and_size),
		cmocka_unit_test(json_error_names_the_offset),
		cmocka_unit_test(json_members_are_decoded),
		cmocka_unit_test(forms_decode_and_refuse_bad_escapes),
		cmocka_unit_test(etags_compare_weakly_in_lists),
		cmocka_unit_test(http_dates_round_trip),
		cmocka_unit_test(secrets_are_random_and_checked_by_shape),
		cmocka_unit_test_setup_teardown(feed_tokens_replace_and_revoke,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			feed_key_file_is_made_private_once, setup, teardown),
		cmocka_unit_test_setup_teardown(terminals_and_users, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			a_batch_sent_twice_is_stored_once, setup, teardown),
		cmocka_unit_test_setup_teardown(
			handler_answers_punches_and_feeds, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
