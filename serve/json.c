/*
 * serve/json.c - the strict JSON parser of serve/json.h: recursive
 * descent over a byte buffer, values in one growing array, decoded
 * strings in one buffer no longer than the input.
 */
#include "serve/json.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	const unsigned char *s;
	size_t len, pos;
	int max_values;
	struct json_doc *doc;
	char *errbuf;
	size_t errsize;
	int failed;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->failed)
		return -1;
	p->failed = 1;
	if (!p->errsize)
		return -1;
	n = snprintf(p->errbuf, p->errsize, "offset %zu: ", p->pos);
	if (n < 0 || (size_t)n >= p->errsize)
		return -1;
	va_start(ap, fmt);
	vsnprintf(p->errbuf + n, p->errsize - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len &&
	       (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
		p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
		p->pos++;
}

static int new_value(struct parser *p, int type)
{
	struct json_doc *d = p->doc;

	if (d->n >= p->max_values)
		return fail(p, "more than %d values", p->max_values);
	if (d->n == d->cap) {
		int cap = d->cap ? d->cap * 2 : 16;
		struct json_value *v = realloc(d->v, (size_t)cap * sizeof(*v));

		if (!v)
			return fail(p, "out of memory");
		d->v = v;
		d->cap = cap;
	}
	memset(&d->v[d->n], 0, sizeof(d->v[0]));
	d->v[d->n].type = type;
	d->v[d->n].child = JSON_NONE;
	d->v[d->n].next = JSON_NONE;
	return d->n++;
}

static int literal(struct parser *p, const char *word, int type)
{
	size_t n = strlen(word);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return fail(p, "unexpected character");
	p->pos += n;
	return new_value(p, type);
}

static int digit(int c)
{
	return c >= '0' && c <= '9';
}

static int number(struct parser *p)
{
	size_t start = p->pos;
	char buf[64];
	char *end;
	double v;
	int i;

	if (p->pos < p->len && p->s[p->pos] == '-')
		p->pos++;
	if (p->pos >= p->len || !digit(p->s[p->pos]))
		return fail(p, "expected a digit");
	if (p->s[p->pos] == '0') {
		p->pos++;
		if (p->pos < p->len && digit(p->s[p->pos]))
			return fail(p, "leading zero in a number");
	} else {
		while (p->pos < p->len && digit(p->s[p->pos]))
			p->pos++;
	}
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		if (p->pos >= p->len || !digit(p->s[p->pos]))
			return fail(p, "expected a digit after '.'");
		while (p->pos < p->len && digit(p->s[p->pos]))
			p->pos++;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len &&
		    (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (p->pos >= p->len || !digit(p->s[p->pos]))
			return fail(p, "expected a digit in the exponent");
		while (p->pos < p->len && digit(p->s[p->pos]))
			p->pos++;
	}
	if (p->pos - start >= sizeof(buf))
		return fail(p, "number too long");
	memcpy(buf, p->s + start, p->pos - start);
	buf[p->pos - start] = '\0';
	v = strtod(buf, &end);
	if (*end || !isfinite(v))
		return fail(p, "number out of range");
	if ((i = new_value(p, JSON_NUMBER)) < 0)
		return -1;
	p->doc->v[i].num = v;
	return i;
}

static int hex4(struct parser *p, unsigned *out)
{
	unsigned v = 0;

	if (p->len - p->pos < 4)
		return fail(p, "expected 4 hex digits");
	for (int k = 0; k < 4; k++) {
		int c = p->s[p->pos + k];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return fail(p, "expected 4 hex digits");
	}
	p->pos += 4;
	*out = v;
	return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of the valid UTF-8 sequence at s[0..n), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;   /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0;   /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;   /* overlong */
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;   /* past U+10FFFF */
		return 4;
	}
	return 0;
}

/* Parse a string at p->pos (the opening quote) into the string buffer. */
static int string_at(struct parser *p, const char **out, size_t *out_len)
{
	struct json_doc *d = p->doc;
	char *o = d->strings + d->used, *start = o;

	p->pos++;   /* '"' */
	for (;;) {
		unsigned c;

		if (p->pos >= p->len)
			return fail(p, "unterminated string");
		c = p->s[p->pos];
		if (c == '"') {
			p->pos++;
			break;
		}
		if (c < 0x20)
			return fail(p, "control character in a string");
		if (c == '\\') {
			unsigned cp;

			if (++p->pos >= p->len)
				return fail(p, "unterminated string");
			c = p->s[p->pos++];
			switch (c) {
			case '"': *o++ = '"'; continue;
			case '\\': *o++ = '\\'; continue;
			case '/': *o++ = '/'; continue;
			case 'b': *o++ = '\b'; continue;
			case 'f': *o++ = '\f'; continue;
			case 'n': *o++ = '\n'; continue;
			case 'r': *o++ = '\r'; continue;
			case 't': *o++ = '\t'; continue;
			case 'u': break;
			default:
				p->pos--;
				return fail(p, "bad escape '\\%c'", (char)c);
			}
			if (hex4(p, &cp) < 0)
				return -1;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return fail(p, "lone low surrogate");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				unsigned lo;

				if (p->len - p->pos < 2 || p->s[p->pos] != '\\' ||
				    p->s[p->pos + 1] != 'u')
					return fail(p, "lone high surrogate");
				p->pos += 2;
				if (hex4(p, &lo) < 0)
					return -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return fail(p, "lone high surrogate");
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				     (lo - 0xDC00);
			}
			if (cp == 0)
				return fail(p, "\\u0000 in a string");
			/* \uXXXX is 6 input bytes for at most 3 output bytes;
			 * a pair is 12 for 4: the buffer cannot overflow */
			o += put_utf8(o, cp);
			continue;
		}
		{
			size_t n = utf8_len(p->s + p->pos, p->len - p->pos);

			if (!n)
				return fail(p, "invalid UTF-8");
			memcpy(o, p->s + p->pos, n);
			o += n;
			p->pos += n;
		}
	}
	*o++ = '\0';
	*out = start;
	*out_len = (size_t)(o - start - 1);
	d->used += (size_t)(o - start);
	return 0;
}

static int value(struct parser *p, int depth);

static int container(struct parser *p, int depth, int is_object)
{
	int self, last = JSON_NONE;
	char close = is_object ? '}' : ']';

	if (depth >= JSON_MAX_DEPTH)
		return fail(p, "nested deeper than %d", JSON_MAX_DEPTH);
	if ((self = new_value(p, is_object ? JSON_OBJECT : JSON_ARRAY)) < 0)
		return -1;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		return self;
	}
	for (;;) {
		const char *key = NULL;
		size_t key_len = 0;
		int v;

		skip_ws(p);
		if (is_object) {
			if (p->pos >= p->len || p->s[p->pos] != '"')
				return fail(p, "expected a string key");
			if (string_at(p, &key, &key_len) < 0)
				return -1;
			if (strlen(key) != key_len)
				return fail(p, "NUL in a key");
			for (int c = p->doc->v[self].child; c != JSON_NONE;
			     c = p->doc->v[c].next)
				if (strcmp(p->doc->v[c].key, key) == 0)
					return fail(p, "duplicate key '%.40s'",
						    key);
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				return fail(p, "expected ':' after an object "
					    "key");
			p->pos++;
		}
		if ((v = value(p, depth + 1)) < 0)
			return -1;
		p->doc->v[v].key = key;
		if (last == JSON_NONE)
			p->doc->v[self].child = v;
		else
			p->doc->v[last].next = v;
		last = v;
		p->doc->v[self].count++;
		skip_ws(p);
		if (p->pos >= p->len)
			return fail(p, "unterminated %s",
				    is_object ? "object" : "array");
		if (p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->s[p->pos] == close) {
			p->pos++;
			return self;
		}
		return fail(p, "expected ',' or '%c'", close);
	}
}

static int value(struct parser *p, int depth)
{
	int i;

	skip_ws(p);
	if (p->pos >= p->len)
		return fail(p, "expected a value");
	switch (p->s[p->pos]) {
	case '{':
		return container(p, depth, 1);
	case '[':
		return container(p, depth, 0);
	case '"': {
		const char *s;
		size_t n;

		if (string_at(p, &s, &n) < 0 ||
		    (i = new_value(p, JSON_STRING)) < 0)
			return -1;
		p->doc->v[i].str = s;
		p->doc->v[i].len = n;
		return i;
	}
	case 't':
		return literal(p, "true", JSON_TRUE);
	case 'f':
		return literal(p, "false", JSON_FALSE);
	case 'n':
		return literal(p, "null", JSON_NULL);
	default:
		if (p->s[p->pos] == '-' || digit(p->s[p->pos]))
			return number(p);
		return fail(p, "unexpected character");
	}
}

int json_parse(const char *text, size_t len, int max_values,
	       struct json_doc *doc, char *errbuf, size_t errsize)
{
	struct parser p;

	memset(doc, 0, sizeof(*doc));
	memset(&p, 0, sizeof(p));
	p.s = (const unsigned char *)text;
	p.len = len;
	p.max_values = max_values > 0 ? max_values : 1;
	p.doc = doc;
	p.errbuf = errbuf;
	p.errsize = errsize;
	if (errsize)
		errbuf[0] = '\0';
	/* decoded strings and their NULs never outgrow the input */
	if (!(doc->strings = malloc(len + 1))) {
		fail(&p, "out of memory");
		goto fail;
	}
	if (value(&p, 0) < 0)
		goto fail;
	skip_ws(&p);
	if (p.pos != len) {
		fail(&p, "text after the value");
		goto fail;
	}
	return 0;
fail:
	json_doc_free(doc);
	return -1;
}

void json_doc_free(struct json_doc *doc)
{
	if (!doc)
		return;
	free(doc->v);
	free(doc->strings);
	memset(doc, 0, sizeof(*doc));
}

const struct json_value *json_member(const struct json_doc *doc, int o,
				     const char *key)
{
	if (o < 0 || o >= doc->n || doc->v[o].type != JSON_OBJECT)
		return NULL;
	for (int c = doc->v[o].child; c != JSON_NONE; c = doc->v[c].next)
		if (strcmp(doc->v[c].key, key) == 0)
			return &doc->v[c];
	return NULL;
}
