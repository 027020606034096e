/*
 * serve/util.c - what every handler uses: responses, the connection's
 * plan, escaping, forms, HTTP dates and ETags.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/time.h"
#include "plan/plan.h"
#include "serve/serve_int.h"

int64_t serve_now(const struct serve_cfg *cfg)
{
	return cfg->now ? cfg->now : (int64_t)time(NULL);
}

const char *serve_get(const struct serve_req *rq, int kind, const char *name)
{
	return rq->lookup ? rq->lookup(rq->lookup_arg, kind, name) : NULL;
}

void serve_header(struct serve_resp *rs, const char *name, const char *fmt,
		  ...)
{
	va_list ap;

	if (rs->n_headers >= SERVE_MAX_HEADERS)
		return;
	rota_strlcpy(rs->header_name[rs->n_headers], name,
		     sizeof(rs->header_name[0]));
	va_start(ap, fmt);
	vsnprintf(rs->header_value[rs->n_headers],
		  sizeof(rs->header_value[0]), fmt, ap);
	va_end(ap);
	rs->n_headers++;
}

void serve_body(struct serve_resp *rs, int status, const char *type,
		char *body, size_t len)
{
	free(rs->body);
	rs->status = status;
	rs->type = type;
	rs->body = body;
	rs->len = len;
}

void serve_text(struct serve_resp *rs, int status, const char *type,
		const char *fmt, ...)
{
	va_list ap;
	char *buf = NULL;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && (buf = malloc((size_t)n + 1))) {
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	serve_body(rs, status, type, buf, buf ? (size_t)n : 0);
}

void serve_json_error(struct serve_resp *rs, int status, const char *msg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		serve_body(rs, status, "application/json", NULL, 0);
		return;
	}
	fputs("{\"error\": ", f);
	serve_json_str(f, msg);
	fputs("}\n", f);
	if (fclose(f) != 0) {
		free(buf);
		buf = NULL;
		len = 0;
	}
	serve_body(rs, status, "application/json", buf, len);
}

void serve_resp_release(struct serve_resp *rs)
{
	free(rs->body);
	rs->body = NULL;
}

void serve_conn_release(struct serve_conn *c)
{
	if (!c)
		return;
	rota_plan_close(c->pl);
	c->pl = NULL;
}

struct rota_plan *serve_plan(const struct serve_cfg *cfg, struct serve_conn *c,
			     struct serve_resp *rs)
{
	struct rota_error err = {0};
	int64_t v;

	if (!c->pl) {
		if (rota_plan_open(cfg->db_path, 0, serve_now(cfg), &c->pl,
				   &err) < 0) {
			c->pl = NULL;
			rota_strlcpy(rs->note, err.msg, sizeof(rs->note));
			serve_text(rs, 503, "text/plain; charset=utf-8",
				   "the database is not available\n");
			return NULL;
		}
		c->data_version = rota_store_data_version(
			rota_plan_store(c->pl));
	} else if ((v = rota_store_data_version(rota_plan_store(c->pl))) !=
		   c->data_version) {
		if (rota_plan_reload(c->pl, &err) < 0) {
			rota_strlcpy(rs->note, err.msg, sizeof(rs->note));
			serve_text(rs, 503, "text/plain; charset=utf-8",
				   "the database is not available\n");
			return NULL;
		}
		c->data_version = v;
	}
	rota_plan_set_now(c->pl, serve_now(cfg));
	return c->pl;
}

void serve_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

void serve_html(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int serve_form_get(const char *body, size_t len, const char *name, char *out,
		   size_t size)
{
	size_t nlen = strlen(name), i = 0;

	if (!body || !size)
		return -1;
	while (i < len) {
		size_t end = i, eq;

		while (end < len && body[end] != '&')
			end++;
		for (eq = i; eq < end && body[eq] != '='; eq++)
			;
		if (eq - i == nlen && memcmp(body + i, name, nlen) == 0) {
			size_t o = 0;

			for (size_t k = eq + (eq < end); k < end; k++) {
				int c = (unsigned char)body[k];

				if (c == '+') {
					c = ' ';
				} else if (c == '%') {
					int h, l;

					if (k + 2 >= end)
						return -1;
					h = hexval((unsigned char)body[k + 1]);
					l = hexval((unsigned char)body[k + 2]);
					if (h < 0 || l < 0)
						return -1;
					c = h * 16 + l;
					k += 2;
				}
				if (c == 0 || o + 1 >= size)
					return -1;
				out[o++] = (char)c;
			}
			out[o] = '\0';
			return 0;
		}
		i = end + 1;
	}
	return -1;
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May",
				     "Jun", "Jul", "Aug", "Sep", "Oct",
				     "Nov", "Dec"};
static const char *const days[] = {"Mon", "Tue", "Wed", "Thu",
				   "Fri", "Sat", "Sun"};

void serve_http_date(int64_t t, char buf[32])
{
	int32_t d = (int32_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	int64_t s = t - (int64_t)d * 86400;
	int y, m, dd;

	rota_civil_from_days(d, &y, &m, &dd);
	snprintf(buf, 32, "%s, %02d %s %04d %02d:%02d:%02d GMT",
		 days[rota_weekday(d) - 1], dd, months[m - 1], y,
		 (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
}

int64_t serve_parse_http_date(const char *s)
{
	char wd[4], mon[4], gmt[4];
	int dd, y, hh, mi, ss, n = 0, m;

	if (!s || strlen(s) != 29 ||
	    sscanf(s, "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n", wd, &dd, mon, &y,
		   &hh, &mi, &ss, gmt, &n) != 8 ||
	    n != 29 || strcmp(gmt, "GMT") != 0)
		return -1;
	for (m = 0; m < 12 && strcmp(mon, months[m]); m++)
		;
	if (m == 12 || !rota_civil_date_valid(y, m + 1, dd) || hh > 23 ||
	    mi > 59 || ss > 60 || hh < 0 || mi < 0 || ss < 0)
		return -1;
	return (int64_t)rota_days_from_civil(y, m + 1, dd) * 86400 +
	       hh * 3600 + mi * 60 + ss;
}

int serve_etag_match(const char *header, const char *etag)
{
	const char *p = header;
	size_t elen;

	if (!header || !etag)
		return 0;
	if (etag[0] == 'W' && etag[1] == '/')
		etag += 2;
	elen = strlen(etag);
	for (;;) {
		const char *q;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			return 0;
		if (*p == '*')
			return 1;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		if (*p != '"')
			return 0;
		q = strchr(p + 1, '"');
		if (!q)
			return 0;
		if ((size_t)(q + 1 - p) == elen && memcmp(p, etag, elen) == 0)
			return 1;
		p = q + 1;
	}
}
