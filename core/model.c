#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

static const struct {
	const char *name;
	int def;
	const char *summary;
} rules[ROTA_RULE_COUNT] = {
#define ROTA_X_RULE(n, d, s) {#n, d, s},
	ROTA_RULE_MAP(ROTA_X_RULE)
#undef ROTA_X_RULE
};

const char *rota_rule_name(int r)
{
	return r >= 0 && r < ROTA_RULE_COUNT ? rules[r].name : NULL;
}

int rota_rule_default(int r)
{
	return r >= 0 && r < ROTA_RULE_COUNT ? rules[r].def : 0;
}

const char *rota_rule_summary(int r)
{
	return r >= 0 && r < ROTA_RULE_COUNT ? rules[r].summary : NULL;
}

int rota_rule_find(const char *name)
{
	for (int r = 0; r < ROTA_RULE_COUNT; r++)
		if (strcmp(rules[r].name, name) == 0)
			return r;
	return -1;
}

void rota_contract_defaults(struct rota_contract *c)
{
	for (int r = 0; r < ROTA_RULE_COUNT; r++) {
		c->rule[r].value = rules[r].def;
		c->rule[r].weight = 0;
	}
	c->max_overtime_min = 0;
	c->overtime_weight = 1;
}

int rota_shift_is_night(const struct rota_shift *s)
{
	/* covers part of [00:00, 05:00) of the start day or the next one */
	int a = s->start_min, b = s->start_min + s->length_min;

	return a < 300 || (b > 1440 && a < 1440 + 300);
}

int rota_shift_break_offset(const struct rota_shift *s)
{
	if (s->break_min <= 0)
		return -1;
	if (s->break_start_min > 0)
		return s->break_start_min;
	return (s->length_min - s->break_min) / 2 / 15 * 15;
}

void rota_dataset_release(struct rota_dataset *ds)
{
	if (!ds)
		return;
	free(ds->skills);
	free(ds->contracts);
	free(ds->employees);
	free(ds->shifts);
	free(ds->timeoff);
	free(ds->leave_types);
	free(ds->blackouts);
	memset(ds, 0, sizeof(*ds));
}

void rota_roster_free(struct rota_roster *r)
{
	if (!r)
		return;
	free(r->assignments);
	free(r);
}

#define FIND(arr, n, field, key)                                              \
	do {                                                                  \
		for (size_t i_ = 0; i_ < (n); i_++)                           \
			if (strcmp((arr)[i_].field, (key)) == 0)              \
				return (int)i_;                               \
		return -1;                                                    \
	} while (0)

int rota_dataset_skill(const struct rota_dataset *ds, const char *name)
{
	FIND(ds->skills, ds->n_skills, name, name);
}

int rota_dataset_contract(const struct rota_dataset *ds, const char *id)
{
	FIND(ds->contracts, ds->n_contracts, id, id);
}

int rota_dataset_employee(const struct rota_dataset *ds, const char *id)
{
	FIND(ds->employees, ds->n_employees, id, id);
}

int rota_dataset_shift(const struct rota_dataset *ds, const char *code)
{
	FIND(ds->shifts, ds->n_shifts, code, code);
}

int rota_dataset_leave_type(const struct rota_dataset *ds, const char *name)
{
	FIND(ds->leave_types, ds->n_leave_types, name, name);
}

int rota_id_valid(const char *id)
{
	size_t n;

	if (!id)
		return 0;
	n = strlen(id);
	if (n == 0 || n >= ROTA_ID_MAX || id[0] == '.' || id[0] == '-')
		return 0;
	for (const char *p = id; *p; p++) {
		char c = *p;

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return 0;
	}
	return 1;
}

int rota_grow(void *arrp, size_t *cap, size_t n, size_t elem_size)
{
	void *arr, *p;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap : 16;
	while (ncap <= n) {
		if (ncap > SIZE_MAX / 2 / elem_size)
			return -1;
		ncap *= 2;
	}
	/* the caller's pointer may be of any object type: copy its bytes */
	memcpy(&arr, arrp, sizeof(arr));
	p = realloc(arr, ncap * elem_size);
	if (!p)
		return -1;
	memcpy(arrp, &p, sizeof(p));
	*cap = ncap;
	return 0;
}

int rota_strlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (n == 0)
		return len > 0;
	if (len >= n) {
		memcpy(dst, src, n - 1);
		dst[n - 1] = '\0';
		return 1;
	}
	memcpy(dst, src, len + 1);
	return 0;
}

static const char *const day_names[7] = {"Mon", "Tue", "Wed", "Thu",
					 "Fri", "Sat", "Sun"};

const char *rota_weekday_name(int iso)
{
	return iso >= 1 && iso <= 7 ? day_names[iso - 1] : "?";
}

static int strncasecmp_ascii(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ca = (unsigned char)a[i], cb = (unsigned char)b[i];

		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb)
			return ca - cb;
		if (!ca)
			return 0;
	}
	return 0;
}

static int day_index(const char *s, size_t n)
{
	static const char *const long_names[7] = {
		"monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday"};

	for (int i = 0; i < 7; i++) {
		if (n == 3 && strncasecmp_ascii(s, day_names[i], 3) == 0)
			return i;
		if (n == strlen(long_names[i]) &&
		    strncasecmp_ascii(s, long_names[i], n) == 0)
			return i;
	}
	return -1;
}

int rota_parse_days(const char *text, uint8_t *mask, struct rota_error *err)
{
	uint8_t m = 0;
	const char *p = text;

	if (!text)
		goto bad;
	while (*p == ' ')
		p++;
	if (strcmp(p, "all") == 0 || strcmp(p, "daily") == 0 ||
	    strcmp(p, "*") == 0) {
		*mask = 0x7f;
		return 0;
	}
	while (*p) {
		const char *a = p, *dash;
		size_t n;
		int d0, d1;

		while (*p && *p != ';' && *p != ',' && *p != ' ')
			p++;
		n = (size_t)(p - a);
		dash = memchr(a, '-', n);
		if (dash) {
			d0 = day_index(a, (size_t)(dash - a));
			d1 = day_index(dash + 1, n - (size_t)(dash - a) - 1);
		} else {
			d0 = d1 = day_index(a, n);
		}
		if (d0 < 0 || d1 < 0)
			goto bad;
		/* ranges may wrap: Sat-Mon */
		for (int d = d0;; d = (d + 1) % 7) {
			m |= (uint8_t)(1u << d);
			if (d == d1)
				break;
		}
		while (*p == ';' || *p == ',' || *p == ' ')
			p++;
	}
	if (!m)
		goto bad;
	*mask = m;
	return 0;
bad:
	return rota_error_set(err, ROTA_EDATA,
			      "'%s' is not a list of days (expected e.g. "
			      "Mon-Fri, Sat;Sun or all)", text ? text : "");
}

void rota_format_days(uint8_t mask, char *buf, size_t size)
{
	size_t len = 0;
	int d = 0;

	buf[0] = '\0';
	if ((mask & 0x7f) == 0x7f) {
		snprintf(buf, size, "Mon-Sun");
		return;
	}
	while (d < 7) {
		int e;

		if (!(mask & (1u << d))) {
			d++;
			continue;
		}
		e = d;
		while (e + 1 < 7 && (mask & (1u << (e + 1))))
			e++;
		if (len && len + 1 < size)
			buf[len++] = ';';
		if (e - d >= 2)
			len += (size_t)snprintf(buf + len, size - len, "%s-%s",
					       day_names[d], day_names[e]);
		else if (e == d)
			len += (size_t)snprintf(buf + len, size - len, "%s",
					       day_names[d]);
		else
			len += (size_t)snprintf(buf + len, size - len, "%s;%s",
					       day_names[d], day_names[e]);
		if (len >= size) {
			buf[size - 1] = '\0';
			return;
		}
		d = e + 1;
	}
}
