/*
 * serve/json.h - private to serve/: a small, strict JSON parser (RFC 8259)
 * for request bodies.
 *
 * Strict means: one value, surrounded only by JSON whitespace; no comments,
 * trailing commas, single quotes, leading zeros, '+', NaN or Infinity; UTF-8
 * only and valid (no overlong forms, no surrogates, no BOM); escapes as the
 * RFC lists them, \u surrogate pairs paired, and no \u0000 (strings are C
 * strings); control characters escaped; no duplicate keys in an object;
 * nesting at most JSON_MAX_DEPTH; at most `max_values` values.
 *
 * The document owns every value and string: json_doc_free() releases them.
 * Values refer to each other by index into doc->v (0 is the root).
 */
#ifndef ROTA_SERVE_JSON_H
#define ROTA_SERVE_JSON_H

#include <stddef.h>

#define JSON_MAX_DEPTH 32
#define JSON_NONE (-1)

enum json_type {
	JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING,
	JSON_ARRAY, JSON_OBJECT
};

struct json_value {
	int type;          /* enum json_type */
	const char *str;   /* JSON_STRING: decoded, NUL-terminated */
	size_t len;        /* its length in bytes */
	double num;        /* JSON_NUMBER */
	const char *key;   /* a member of an object: its key (decoded) */
	int child;         /* array/object: first element, JSON_NONE */
	int next;          /* next element of the parent, JSON_NONE */
	int count;         /* array/object: number of elements */
};

struct json_doc {
	struct json_value *v;
	int n, cap;
	char *strings;     /* every decoded string, back to back */
	size_t used;
};

/*
 * Parse text[0..len).  Returns 0, or -1 with a message in errbuf naming the
 * byte offset ("offset 17: expected ':' after an object key"); on error the
 * document is empty and needs no json_doc_free().
 */
int json_parse(const char *text, size_t len, int max_values,
	       struct json_doc *doc, char *errbuf, size_t errsize);
void json_doc_free(struct json_doc *doc);

/* The member `key` of object value o, or NULL. */
const struct json_value *json_member(const struct json_doc *doc, int o,
				     const char *key);

#endif
