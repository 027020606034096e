/*
 * serve/page.c - the supervisor's page: login, sessions, CSRF, the week's
 * roster grid, the coverage graph, open absences with their substitutes
 * and pending time-off requests (serve/ops.c).
 *
 * Sessions are rows (web_session): the cookie holds the session's secret
 * (HttpOnly, SameSite=Strict, Secure behind https), the row its hash and
 * the CSRF token every form of the session carries.  The login form has
 * its own CSRF token, a short-lived cookie its form must repeat.  A viewer
 * sees the page; only a supervisor's POSTs change anything.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "core/time.h"
#include "plan/plan.h"
#include "serve/serve_int.h"
#include "serve/page.h"

#define SESSION_COOKIE "rota_session"
#define LOGIN_COOKIE "rota_login"
#define SESSION_S (12 * 3600)
#define FIELD_MAX 1100

static const char css[] =
	"body{font-family:system-ui,'Noto Sans CJK SC','WenQuanYi Micro Hei',"
	"sans-serif;margin:0;color:#222;background:#f6f7f9}"
	"header{display:flex;gap:1.5em;align-items:center;background:#1f3a5f;"
	"color:#fff;padding:.6em 1.2em}header h1{font-size:1.2em;margin:0}"
	"header a{color:#cfe0ff}header form{margin-left:auto}"
	"main{padding:1em 1.2em}section{background:#fff;border:1px solid #ddd;"
	"border-radius:6px;padding:.8em 1em;margin-bottom:1em;overflow-x:auto}"
	"h2{font-size:1.05em;margin:.2em 0 .6em}"
	"table{border-collapse:collapse;font-size:.9em}"
	"th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;"
	"white-space:nowrap}th{background:#eef1f5}"
	"td.off{color:#aaa}td.shift b{display:block}"
	"td.why{white-space:normal;min-width:16em;max-width:32em}"
	"td.why ul{margin:0;padding-left:1.1em}.open h3{font-size:.95em}"
	".muted{color:#777}.short{color:#b00}"
	"form.inline{display:inline}button{cursor:pointer}"
	".login{max-width:22em;margin:4em auto;background:#fff;padding:1.5em;"
	"border:1px solid #ddd;border-radius:6px}"
	".login label{display:block;margin:.6em 0 .2em}"
	".login input{width:100%;box-sizing:border-box;padding:.4em}"
	".error{color:#b00}";

static void security_headers(struct serve_resp *rs)
{
	serve_header(rs, "Content-Security-Policy",
		     "default-src 'none'; style-src 'unsafe-inline'; "
		     "img-src 'self' data:; form-action 'self'; "
		     "frame-ancestors 'none'; base-uri 'none'");
	serve_header(rs, "Cache-Control", "no-store");
}

static void redirect(struct serve_resp *rs, const char *to)
{
	serve_header(rs, "Location", "%s", to);
	serve_text(rs, 303, "text/plain; charset=utf-8", "see %s\n", to);
}

/* Cookie attributes: the session's, or the login form's. */
static void set_cookie(const struct serve_cfg *cfg, struct serve_resp *rs,
		       const char *name, const char *value, const char *path,
		       int max_age)
{
	serve_header(rs, "Set-Cookie",
		     "%s=%s; Path=%s; Max-Age=%d; HttpOnly; SameSite=Strict%s",
		     name, value, path, max_age,
		     cfg->secure_cookies ? "; Secure" : "");
}

/* Equal strings, in time independent of where they differ. */
static int same_secret(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n && n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

/* The session of the request's cookie, or -1. */
static int session_of(struct rota_plan *pl, const struct serve_cfg *cfg,
		      const struct serve_req *rq, struct rota_web_session *s)
{
	const char *cookie = serve_get(rq, SERVE_COOKIE, SESSION_COOKIE);
	struct rota_secret sec;

	if (!cookie || serve_secret_parse(cookie, strlen(cookie), &sec) < 0 ||
	    rota_store_session_find(rota_plan_store(pl), sec.selector,
				    serve_now(cfg), s, NULL) < 0 ||
	    !serve_hash_equal(s->hash, sec.hash))
		return -1;
	return 0;
}

static int is_form(const struct serve_req *rq)
{
	const char *t = serve_get(rq, SERVE_HEADER, "Content-Type");

	return t && strncasecmp(t, "application/x-www-form-urlencoded",
				33) == 0;
}

/* ------------------------------------------------------------ login */

static void login_form(const struct serve_cfg *cfg, struct serve_resp *rs,
		       int status, const char *error)
{
	char csrf[64];

	if (serve_random_text(csrf, sizeof(csrf), 32) < 0) {
		serve_text(rs, 503, "text/plain; charset=utf-8",
			   "no random numbers\n");
		return;
	}
	set_cookie(cfg, rs, LOGIN_COOKIE, csrf, "/login", 900);
	security_headers(rs);
	serve_text(rs, status, "text/html; charset=utf-8",
		   "<!doctype html>\n<html lang=\"en\"><head><meta "
		   "charset=\"utf-8\"><meta name=\"viewport\" "
		   "content=\"width=device-width\"><title>rota: log in</title>"
		   "<style>%s</style></head><body><form class=\"login\" "
		   "method=\"post\" action=\"/login\"><h1>rota</h1>%s%s%s"
		   "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		   "<label for=\"user\">Name</label><input id=\"user\" "
		   "name=\"user\" autocomplete=\"username\" required>"
		   "<label for=\"password\">Password</label><input "
		   "id=\"password\" name=\"password\" type=\"password\" "
		   "autocomplete=\"current-password\" required><p><button>"
		   "Log in</button></p></form></body></html>\n",
		   css, error ? "<p class=\"error\">" : "", error ? error : "",
		   error ? "</p>" : "", csrf);
}

static void login_post(const struct serve_cfg *cfg, struct rota_plan *pl,
		       const struct serve_req *rq, struct serve_resp *rs)
{
	char user[FIELD_MAX], password[FIELD_MAX], csrf[FIELD_MAX];
	char text[ROTA_SERVE_SECRET_MAX], scsrf[64];
	const char *cookie = serve_get(rq, SERVE_COOKIE, LOGIN_COOKIE);
	struct rota_user u;
	struct rota_secret sec;
	struct rota_error err = {0};
	int64_t now = serve_now(cfg);
	int known;

	if (!is_form(rq) ||
	    serve_form_get(rq->body, rq->body_len, "csrf", csrf,
			   sizeof(csrf)) < 0 ||
	    !cookie || !same_secret(csrf, cookie)) {
		snprintf(rs->note, sizeof(rs->note), "login refused: no CSRF "
			 "token");
		login_form(cfg, rs, 403, "The form expired; please try "
			   "again.");
		return;
	}
	if (serve_form_get(rq->body, rq->body_len, "user", user,
			   sizeof(user)) < 0 ||
	    serve_form_get(rq->body, rq->body_len, "password", password,
			   sizeof(password)) < 0) {
		login_form(cfg, rs, 400, "Give a name and a password.");
		return;
	}
	known = rota_store_user_get(rota_plan_store(pl), user, &u, NULL) == 0;
	/* an unknown name costs the same Argon2id verification */
	if (!serve_password_verify(known ? u.pw_hash : cfg->dummy_hash,
				   password) ||
	    !known) {
		sodium_memzero(password, sizeof(password));
		snprintf(rs->note, sizeof(rs->note), "login failed");
		login_form(cfg, rs, 403, "Wrong name or password.");
		return;
	}
	sodium_memzero(password, sizeof(password));
	/* expired sessions go as new ones come */
	rota_store_session_delete(rota_plan_store(pl), "", now, NULL);
	if (serve_secret_new(text, &sec, &err) < 0 ||
	    serve_random_text(scsrf, sizeof(scsrf), 32) < 0 ||
	    rota_store_session_add(rota_plan_store(pl), u.name, &sec, scsrf,
				   now, now + SESSION_S, &err) < 0) {
		snprintf(rs->note, sizeof(rs->note), "login: %.200s", err.msg);
		serve_text(rs, 503, "text/plain; charset=utf-8",
			   "cannot log in now\n");
		return;
	}
	snprintf(rs->note, sizeof(rs->note), "login %s", u.name);
	set_cookie(cfg, rs, SESSION_COOKIE, text, "/", SESSION_S);
	set_cookie(cfg, rs, LOGIN_COOKIE, "", "/login", 0);
	sodium_memzero(text, sizeof(text));
	redirect(rs, "/");
}

/* -------------------------------------------------- the week's page */

/* The week asked for (?week=DATE), else this week. */
static int32_t week_of(struct rota_plan *pl, const struct serve_req *rq)
{
	const char *w = serve_get(rq, SERVE_QUERY, "week");
	int32_t day;

	if (w && rota_parse_date(w, &day, NULL) == 0 &&
	    day > rota_days_from_civil(1971, 1, 1) &&
	    day < rota_days_from_civil(9998, 1, 1))
		return rota_week_monday(day);
	return rota_plan_this_monday(pl);
}

static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu",
				  "Fri", "Sat", "Sun"};

static void hhmm(const struct rota_tz *tz, int64_t t, char out[8])
{
	char buf[32];

	rota_format_local_short(tz, t, buf, sizeof(buf));
	snprintf(out, 8, "%.5s", buf + 11);
}

static void roster_grid(FILE *f, struct rota_plan *pl,
			const struct rota_plan_week *w)
{
	const struct rota_dataset *ds = rota_plan_dataset(pl);
	const struct rota_tz *tz = rota_plan_tz(pl);
	const struct rota_assignment **cell;
	size_t n = ds->n_employees;

	fputs("<section id=\"roster\"><h2>Roster", f);
	if (w->roster)
		fprintf(f, " <span class=\"muted\">(%s, version %d)</span>",
			w->roster->status, w->roster->version);
	fputs("</h2>\n", f);
	if (!w->roster) {
		fputs("<p class=\"muted\">No roster for this week yet.</p>"
		      "</section>\n", f);
		return;
	}
	if (!(cell = calloc(n * 7 + 1, sizeof(*cell)))) {
		fputs("<p>out of memory</p></section>\n", f);
		return;
	}
	for (size_t i = 0; i < w->roster->n_assignments; i++) {
		const struct rota_assignment *a = &w->roster->assignments[i];
		int e = rota_dataset_employee(ds, a->employee);
		int d = (int)(a->day - w->monday);

		if (e >= 0 && d >= 0 && d < 7)
			cell[(size_t)e * 7 + (size_t)d] = a;
	}
	fputs("<table class=\"grid\"><thead><tr><th>Employee</th><th>Team</th>",
	      f);
	for (int d = 0; d < 7; d++) {
		int y, m, dd;

		rota_civil_from_days(w->monday + d, &y, &m, &dd);
		fprintf(f, "<th>%s %02d-%02d</th>", wd[d], m, dd);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t e = 0; e < n; e++) {
		fputs("<tr><td>", f);
		serve_html(f, ds->employees[e].name);
		fputs(" <span class=\"muted\">", f);
		serve_html(f, ds->employees[e].id);
		fputs("</span></td><td>", f);
		serve_html(f, ds->employees[e].team);
		fputs("</td>", f);
		for (int d = 0; d < 7; d++) {
			const struct rota_assignment *a = cell[e * 7 + (size_t)d];
			char s[8], t[8];

			if (!a) {
				fputs("<td class=\"off\">off</td>", f);
				continue;
			}
			hhmm(tz, a->start, s);
			hhmm(tz, a->end, t);
			fputs("<td class=\"shift\"><b>", f);
			serve_html(f, a->shift);
			fprintf(f, "</b>%s–%s", s, t);
			if (a->skill[0]) {
				fputs(" <span class=\"muted\">", f);
				serve_html(f, a->skill);
				fputs("</span>", f);
			}
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></section>\n", f);
	free((void *)cell);
}

static void week_page(struct rota_plan *pl, const struct rota_web_session *s,
		      const struct serve_req *rq, struct serve_resp *rs)
{
	const struct rota_dataset *ds = rota_plan_dataset(pl);
	struct rota_plan_week w;
	struct rota_error err = {0};
	int32_t monday = week_of(pl, rq);
	char date[16], prev[16], next[16], *buf = NULL, *svg = NULL;
	size_t len = 0, svg_len = 0;
	FILE *f;

	memset(&w, 0, sizeof(w));
	if (rota_plan_week_load(pl, monday, 0, &w, &err) < 0) {
		snprintf(rs->note, sizeof(rs->note), "page: %.200s", err.msg);
		serve_text(rs, 503, "text/plain; charset=utf-8",
			   "the week cannot be shown: %s\n", err.msg);
		return;
	}
	if (rota_plan_coverage_svg(pl, &w, &svg, &svg_len, &err) < 0)
		svg = NULL;
	rota_format_date(monday, date, sizeof(date));
	rota_format_date(monday - 7, prev, sizeof(prev));
	rota_format_date(monday + 7, next, sizeof(next));
	if (!(f = open_memstream(&buf, &len))) {
		free(svg);
		rota_plan_week_release(&w);
		serve_text(rs, 503, "text/plain; charset=utf-8",
			   "out of memory\n");
		return;
	}
	fputs("<!doctype html>\n<html lang=\"en\"><head><meta "
	      "charset=\"utf-8\"><meta name=\"viewport\" "
	      "content=\"width=device-width\"><title>", f);
	serve_html(f, ds->site.name);
	fprintf(f, ": week of %s</title><style>%s</style></head><body>\n"
		"<header><h1>", date, css);
	serve_html(f, ds->site.name);
	fprintf(f, "</h1><nav><a href=\"/?week=%s\">&larr; %s</a> "
		"<strong id=\"week\">Week of %s</strong> <a "
		"href=\"/?week=%s\">%s &rarr;</a></nav>"
		"<form class=\"inline\" method=\"post\" action=\"/logout\">"
		"<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		prev, prev, date, next, next, s->csrf);
	serve_html(f, s->user.name);
	fprintf(f, " <span class=\"muted\">(%s)</span> <button>Log out"
		"</button></form></header>\n<main>\n", s->user.role);
	roster_grid(f, pl, &w);
	fputs("<section id=\"coverage\"><h2>Coverage</h2>\n", f);
	if (svg)
		fwrite(svg, 1, svg_len, f);
	else
		fputs("<p class=\"muted\">No coverage to show.</p>", f);
	fputs("</section>\n", f);
	serve_ops_sections(f, pl, s, monday);
	fputs("</main></body></html>\n", f);
	free(svg);
	rota_plan_week_release(&w);
	if (fclose(f) != 0) {
		free(buf);
		serve_text(rs, 503, "text/plain; charset=utf-8",
			   "out of memory\n");
		return;
	}
	security_headers(rs);
	serve_body(rs, 200, "text/html; charset=utf-8", buf, len);
}

static void coverage_svg(struct rota_plan *pl, const struct serve_req *rq,
			 struct serve_resp *rs)
{
	struct rota_plan_week w;
	struct rota_error err = {0};
	char *svg = NULL;
	size_t len = 0;

	memset(&w, 0, sizeof(w));
	if (rota_plan_week_load(pl, week_of(pl, rq), 0, &w, &err) < 0 ||
	    rota_plan_coverage_svg(pl, &w, &svg, &len, &err) < 0) {
		rota_plan_week_release(&w);
		snprintf(rs->note, sizeof(rs->note), "svg: %.200s", err.msg);
		serve_text(rs, 503, "text/plain; charset=utf-8",
			   "the coverage cannot be shown\n");
		return;
	}
	rota_plan_week_release(&w);
	serve_header(rs, "Cache-Control", "no-store");
	serve_body(rs, 200, "image/svg+xml", svg, len);
}

/* ------------------------------------------------------------ routes */

void serve_page(const struct serve_cfg *cfg, struct serve_conn *c,
		const struct serve_req *rq, struct serve_resp *rs)
{
	const char *path = rq->path ? rq->path : "";
	const char *m = rq->method ? rq->method : "";
	int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
	int post = strcmp(m, "POST") == 0;
	struct rota_web_session s;
	struct rota_plan *pl;
	char csrf[FIELD_MAX];
	int route;

	route = strcmp(path, "/") == 0                ? 1
		: strcmp(path, "/login") == 0         ? 2
		: strcmp(path, "/logout") == 0        ? 3
		: strcmp(path, "/coverage.svg") == 0  ? 4
		: serve_ops_route(path) ? 5 : 0;
	if (!route) {
		serve_text(rs, 404, "text/plain; charset=utf-8", "not found\n");
		return;
	}
	if ((route == 1 || route == 4) ? !get : route == 2 ? !get && !post
								: !post) {
		serve_text(rs, 405, "text/plain; charset=utf-8",
			   "method not allowed\n");
		return;
	}
	if (!(pl = serve_plan(cfg, c, rs)))
		return;
	if (route == 2) {
		if (get)
			login_form(cfg, rs, 200, NULL);
		else
			login_post(cfg, pl, rq, rs);
		return;
	}
	if (session_of(pl, cfg, rq, &s) < 0) {
		if (post) {
			serve_text(rs, 403, "text/plain; charset=utf-8",
				   "log in first\n");
			return;
		}
		redirect(rs, "/login");
		return;
	}
	snprintf(rs->note, sizeof(rs->note), "user %s", s.user.name);
	if (post && (!is_form(rq) ||
		     serve_form_get(rq->body, rq->body_len, "csrf", csrf,
				    sizeof(csrf)) < 0 ||
		     !same_secret(csrf, s.csrf))) {
		snprintf(rs->note, sizeof(rs->note), "user %s: CSRF token "
			 "missing or wrong", s.user.name);
		serve_text(rs, 403, "text/plain; charset=utf-8",
			   "refused: the form's CSRF token is missing or "
			   "wrong (reload the page)\n");
		return;
	}
	switch (route) {
	case 1:
		week_page(pl, &s, rq, rs);
		return;
	case 3: {
		const char *cookie = serve_get(rq, SERVE_COOKIE, SESSION_COOKIE);
		struct rota_secret sec;

		if (cookie &&
		    serve_secret_parse(cookie, strlen(cookie), &sec) == 0)
			rota_store_session_delete(rota_plan_store(pl),
						  sec.selector, serve_now(cfg),
						  NULL);
		set_cookie(cfg, rs, SESSION_COOKIE, "", "/", 0);
		redirect(rs, "/login");
		return;
	}
	case 4:
		coverage_svg(pl, rq, rs);
		return;
	default:
		if (strcmp(s.user.role, "supervisor") != 0) {
			serve_text(rs, 403, "text/plain; charset=utf-8",
				   "refused: a viewer cannot change the "
				   "roster\n");
			return;
		}
		serve_ops_post(cfg, pl, &s, rq, rs);
	}
}
