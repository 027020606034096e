/*
 * calendar/ics_write.c - content lines, escaping and folding (RFC 5545 3.1,
 * 3.2, 3.3.11).
 *
 * rota writes iCalendar text itself instead of with libical's serializer:
 * libical 3.0.16 leaves ',' and ';' unescaped in X- properties such as
 * X-WR-CALNAME, rewrites '"' in parameters as RFC 6868 ^' (which most
 * clients show literally), and its built-in zones carry a prefixed TZID and
 * the zone's whole history.  This writer is small, deterministic and
 * checked against libical's parser in the tests.
 */
#include "calendar/ics_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"

static int buf_reserve(struct ics_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1, ncap;
	char *p;

	if (need <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 256;
	while (ncap < need)
		ncap *= 2;
	if (!(p = realloc(b->p, ncap)))
		return -1;
	b->p = p;
	b->cap = ncap;
	return 0;
}

static void put(struct ics_writer *w, struct ics_buf *b, const char *s,
		size_t n)
{
	if (w->oom)
		return;
	if (buf_reserve(b, n) < 0) {
		w->oom = 1;
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(struct ics_writer *w, struct ics_buf *b, const char *s)
{
	put(w, b, s, strlen(s));
}

void ics_writer_init(struct ics_writer *w)
{
	memset(w, 0, sizeof(*w));
}

void ics_writer_release(struct ics_writer *w)
{
	free(w->out.p);
	free(w->line.p);
	memset(w, 0, sizeof(*w));
}

void ics_begin(struct ics_writer *w, const char *name)
{
	w->line.len = 0;
	puts_(w, &w->line, name);
}

void ics_param(struct ics_writer *w, const char *name, const char *value)
{
	int quote = strpbrk(value, ":;,") != NULL;

	put(w, &w->line, ";", 1);
	puts_(w, &w->line, name);
	put(w, &w->line, quote ? "=\"" : "=", quote ? 2 : 1);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if (*p != '"' && *p >= 0x20 && *p != 0x7f)
			put(w, &w->line, (const char *)p, 1);
	if (quote)
		put(w, &w->line, "\"", 1);
}

static int plain_text_byte(unsigned char c)
{
	return c >= 0x20 && c != 0x7f && c != '\\' && c != ';' && c != ',';
}

static void text_escaped(struct ics_writer *w, const char *value)
{
	const unsigned char *p = (const unsigned char *)value;

	while (*p) {
		const unsigned char *run = p;

		while (plain_text_byte(*p))
			p++;
		if (p > run)  /* copy plain runs at once */
			put(w, &w->line, (const char *)run, (size_t)(p - run));
		switch (*p) {
		case '\0':
			return;
		case '\\':
			put(w, &w->line, "\\\\", 2);
			break;
		case ';':
			put(w, &w->line, "\\;", 2);
			break;
		case ',':
			put(w, &w->line, "\\,", 2);
			break;
		case '\n':
			put(w, &w->line, "\\n", 2);
			break;
		case '\t':
			put(w, &w->line, " ", 1);
			break;
		default:    /* other control characters are dropped */
			break;
		}
		p++;
	}
}

void ics_text(struct ics_writer *w, const char *value)
{
	put(w, &w->line, ":", 1);
	text_escaped(w, value);
}

void ics_text_more(struct ics_writer *w, const char *value)
{
	put(w, &w->line, ",", 1);
	text_escaped(w, value);
}

void ics_raw(struct ics_writer *w, const char *value)
{
	put(w, &w->line, ":", 1);
	puts_(w, &w->line, value);
}

static int is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* 1 when s[0..n) ends in an odd run of backslashes (an escape's start). */
static int ends_in_escape(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && s[n - 1 - k] == '\\')
		k++;
	return k % 2 == 1;
}

int ics_fold(struct ics_buf *out, const char *line, size_t len)
{
	struct ics_writer tmp;
	size_t pos = 0;
	int first = 1;

	ics_writer_init(&tmp);
	tmp.out = *out;
	while (pos < len || first) {
		/* the first physical line holds 75 octets, the others a space
		 * and 74 */
		size_t room = first ? ICS_FOLD_OCTETS : ICS_FOLD_OCTETS - 1;
		size_t n = len - pos;

		if (n > room) {
			n = room;
			/* back off to the start of a UTF-8 character */
			while (n > 0 &&
			       is_continuation((unsigned char)line[pos + n]))
				n--;
			if (n == 0)  /* malformed: a run of continuation bytes */
				n = room;
			/* keep a TEXT escape ("\n", "\,") on one line: legal
			 * to split, but some readers unfold it badly */
			else if (n > 1 && ends_in_escape(line + pos, n))
				n--;
		}
		if (!first)
			put(&tmp, &tmp.out, " ", 1);
		put(&tmp, &tmp.out, line + pos, n);
		put(&tmp, &tmp.out, "\r\n", 2);
		pos += n;
		first = 0;
	}
	*out = tmp.out;
	return tmp.oom ? -1 : 0;
}

void ics_end(struct ics_writer *w)
{
	if (w->oom)
		return;
	if (ics_fold(&w->out, w->line.p ? w->line.p : "", w->line.len) < 0)
		w->oom = 1;
	w->line.len = 0;
}

void ics_prop_text(struct ics_writer *w, const char *name, const char *v)
{
	ics_begin(w, name);
	ics_text(w, v);
	ics_end(w);
}

void ics_prop_raw(struct ics_writer *w, const char *name, const char *v)
{
	ics_begin(w, name);
	ics_raw(w, v);
	ics_end(w);
}

void ics_format_local(int year, int month, int day, int hour, int min,
		      int sec, char buf[16])
{
	snprintf(buf, 16, "%04u%02u%02uT%02u%02u%02u",
		 (unsigned)year % 10000u, (unsigned)month % 100u,
		 (unsigned)day % 100u, (unsigned)hour % 100u,
		 (unsigned)min % 100u, (unsigned)sec % 100u);
}

void ics_format_utc(int64_t t, char buf[17])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	unsigned secs = (unsigned)(t - days * 86400);
	int y, m, d;

	rota_civil_from_days((int32_t)days, &y, &m, &d);
	snprintf(buf, 17, "%04u%02u%02uT%02u%02u%02uZ", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u, secs / 3600u % 24u,
		 secs / 60u % 60u, secs % 60u);
}

void ics_format_offset(int seconds, char buf[9])
{
	unsigned a = seconds < 0 ? 0u - (unsigned)seconds : (unsigned)seconds;
	char sign = seconds < 0 ? '-' : '+';
	unsigned h = a / 3600u % 100u, m = a / 60u % 60u, s = a % 60u;

	if (s)
		snprintf(buf, 9, "%c%02u%02u%02u", sign, h, m, s);
	else
		snprintf(buf, 9, "%c%02u%02u", sign, h, m);
}

uint64_t ics_fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}
