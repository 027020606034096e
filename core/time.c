/*
 * core/time.c - civil calendar arithmetic and a TZif (RFC 8536) reader.
 *
 * The zone is read once into memory: the 64-bit transition table of the
 * version 2+ data block and the POSIX TZ footer that extends it past the last
 * listed transition.  Lookups are a binary search or a rule evaluation; nothing
 * touches the process environment.
 */
#include "core/time.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ civil */

/* Howard Hinnant's days_from_civil / civil_from_days, public domain. */
int32_t rota_days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + doe - 719468);
}

void rota_civil_from_days(int32_t z32, int *year, int *month, int *day)
{
	int64_t z = (int64_t)z32 + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(y + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

int rota_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t w = ((int64_t)days + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

int32_t rota_week_monday(int32_t days)
{
	return days - (rota_weekday(days) - 1);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int rota_civil_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

/* Read exactly n decimal digits from *p; returns -1 when they are not there. */
static int digits(const char **p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*p += n;
	return v;
}

/* Read one or two decimal digits from *p; -1 when there is none. */
static int digits_1_2(const char **p)
{
	int v;

	if ((*p)[0] < '0' || (*p)[0] > '9')
		return -1;
	if ((*p)[1] >= '0' && (*p)[1] <= '9')
		return digits(p, 2);
	v = (*p)[0] - '0';
	(*p)++;
	return v;
}

/*
 * Parse a date at *p, advancing it; 0 or -1.  YYYY-MM-DD, or as spreadsheets
 * in Chinese (and other) locales write it, YYYY/M/D with one or two digits
 * for month and day (2026/11/30, 2026/1/5).
 */
static int scan_date(const char **p, int *y, int *m, int *d)
{
	const char *s = *p;
	char sep;

	*y = digits(&s, 4);
	if (*y < 0 || (*s != '-' && *s != '/'))
		return -1;
	sep = *s++;
	*m = sep == '-' ? digits(&s, 2) : digits_1_2(&s);
	if (*m < 0 || *s++ != sep)
		return -1;
	*d = sep == '-' ? digits(&s, 2) : digits_1_2(&s);
	if (*d < 0 || !rota_civil_date_valid(*y, *m, *d))
		return -1;
	*p = s;
	return 0;
}

int rota_parse_date(const char *text, int32_t *out, struct rota_error *err)
{
	const char *p = text;
	int y, m, d;

	if (!text || scan_date(&p, &y, &m, &d) < 0 || *p != '\0')
		return rota_error_set(err, ROTA_EDATA,
				      "'%s' is not a date (expected YYYY-MM-DD)",
				      text ? text : "");
	*out = rota_days_from_civil(y, m, d);
	return 0;
}

void rota_format_date(int32_t days, char *buf, unsigned size)
{
	int y, m, d;

	rota_civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

int rota_parse_hhmm(const char *text, int allow_24, int *minutes,
		    struct rota_error *err)
{
	const char *p = text;
	int h = -1, m = -1;

	if (text) {
		/* accept H:MM as well as HH:MM */
		if (p[0] >= '0' && p[0] <= '9' && p[1] == ':') {
			h = p[0] - '0';
			p += 2;
		} else {
			h = digits(&p, 2);
			if (h >= 0 && *p++ != ':')
				h = -1;
		}
		if (h >= 0)
			m = digits(&p, 2);
	}
	if (h < 0 || m < 0 || *p != '\0' || m > 59 ||
	    !(h < 24 || (allow_24 && h == 24 && m == 0)))
		return rota_error_set(err, ROTA_EDATA,
				      "'%s' is not a time of day (expected HH:MM)",
				      text ? text : "");
	*minutes = h * 60 + m;
	return 0;
}

static int64_t civil_seconds(const struct rota_civil *c)
{
	/* normalise month overflow so callers may add minutes freely */
	int64_t y = c->year, mo = (int64_t)c->month - 1;

	y += mo >= 0 ? mo / 12 : -((11 - mo) / 12);
	mo = ((mo % 12) + 12) % 12;
	return (int64_t)rota_days_from_civil((int)y, (int)mo + 1, 1) * 86400 +
	       (int64_t)(c->day - 1) * 86400 + (int64_t)c->hour * 3600 +
	       (int64_t)c->min * 60 + c->sec;
}

static void seconds_civil(int64_t s, struct rota_civil *c)
{
	int64_t days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
	int64_t rem = s - days * 86400;

	rota_civil_from_days((int32_t)days, &c->year, &c->month, &c->day);
	c->hour = (int)(rem / 3600);
	c->min = (int)(rem % 3600 / 60);
	c->sec = (int)(rem % 60);
}

/* --------------------------------------------------------- POSIX TZ rules */

enum rule_kind { RULE_JULIAN1, RULE_JULIAN0, RULE_MWD };

struct posix_rule {
	int kind;
	int a, b, c;   /* day (J/n), or month, week, weekday for Mm.w.d */
	int secs;      /* local time of the change, seconds after midnight */
};

struct posix_tz {
	int present;
	int std_off, dst_off;      /* seconds east of UTC */
	int has_dst;
	char std_abbr[16], dst_abbr[16];
	struct posix_rule start, end;
};

static int posix_abbr(const char **p, char *out, size_t size)
{
	const char *s = *p;
	size_t n = 0;

	if (*s == '<') {
		s++;
		while (*s && *s != '>')
			if (n + 1 < size)
				out[n++] = *s++;
			else
				s++;
		if (*s != '>')
			return -1;
		s++;
	} else {
		while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			if (n + 1 < size)
				out[n++] = *s++;
			else
				s++;
	}
	out[n] = '\0';
	if (n < 3 && out[0] != '+' && out[0] != '-' && n == 0)
		return -1;
	*p = s;
	return 0;
}

/* [+-]hh[:mm[:ss]] -> seconds; sign applies as written. */
static int posix_hms(const char **p, int *out)
{
	const char *s = *p;
	int sign = 1, h = 0, m = 0, sec = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9')
		h = h * 10 + (*s++ - '0');
	if (*s == ':') {
		s++;
		while (*s >= '0' && *s <= '9')
			m = m * 10 + (*s++ - '0');
		if (*s == ':') {
			s++;
			while (*s >= '0' && *s <= '9')
				sec = sec * 10 + (*s++ - '0');
		}
	}
	*out = sign * (h * 3600 + m * 60 + sec);
	*p = s;
	return 0;
}

static int posix_num(const char **p)
{
	int v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	while (**p >= '0' && **p <= '9')
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

static int posix_date_rule(const char **p, struct posix_rule *r)
{
	const char *s = *p;

	if (*s == 'J') {
		s++;
		r->kind = RULE_JULIAN1;
		if ((r->a = posix_num(&s)) < 1 || r->a > 365)
			return -1;
	} else if (*s == 'M') {
		s++;
		r->kind = RULE_MWD;
		r->a = posix_num(&s);
		if (*s++ != '.')
			return -1;
		r->b = posix_num(&s);
		if (*s++ != '.')
			return -1;
		r->c = posix_num(&s);
		if (r->a < 1 || r->a > 12 || r->b < 1 || r->b > 5 || r->c < 0 ||
		    r->c > 6)
			return -1;
	} else {
		r->kind = RULE_JULIAN0;
		if ((r->a = posix_num(&s)) < 0 || r->a > 365)
			return -1;
	}
	r->secs = 7200;
	if (*s == '/') {
		s++;
		if (posix_hms(&s, &r->secs) < 0)
			return -1;
	}
	*p = s;
	return 0;
}

static int posix_parse(const char *s, struct posix_tz *tz)
{
	int off;

	memset(tz, 0, sizeof(*tz));
	if (!*s)
		return 0;
	if (posix_abbr(&s, tz->std_abbr, sizeof(tz->std_abbr)) < 0 ||
	    posix_hms(&s, &off) < 0)
		return -1;
	tz->std_off = -off;
	tz->dst_off = tz->std_off;
	tz->present = 1;
	if (!*s)
		return 0;
	if (posix_abbr(&s, tz->dst_abbr, sizeof(tz->dst_abbr)) < 0)
		return -1;
	tz->has_dst = 1;
	tz->dst_off = tz->std_off + 3600;
	if (*s && *s != ',') {
		if (posix_hms(&s, &off) < 0)
			return -1;
		tz->dst_off = -off;
	}
	if (*s != ',') {
		/* no rule: POSIX leaves it implementation-defined; US rules */
		tz->start = (struct posix_rule){RULE_MWD, 3, 2, 0, 7200};
		tz->end = (struct posix_rule){RULE_MWD, 11, 1, 0, 7200};
		return 0;
	}
	s++;
	if (posix_date_rule(&s, &tz->start) < 0 || *s++ != ',' ||
	    posix_date_rule(&s, &tz->end) < 0 || *s)
		return -1;
	return 0;
}

/* Local-day number (no zone) on which rule r falls in year y. */
static int32_t rule_day(const struct posix_rule *r, int y)
{
	int32_t jan1 = rota_days_from_civil(y, 1, 1);

	switch (r->kind) {
	case RULE_JULIAN1: {
		/* 1..365, February 29 never counted */
		int n = r->a;

		if (is_leap(y) && n >= 60)
			n++;
		return jan1 + n - 1;
	}
	case RULE_JULIAN0:
		return jan1 + r->a;
	default: {
		int32_t first = rota_days_from_civil(y, r->a, 1);
		/* weekday 0 = Sunday in POSIX */
		int wd_first = rota_weekday(first) % 7;
		int32_t d = first + (r->c - wd_first + 7) % 7 + (r->b - 1) * 7;
		int32_t limit = first + days_in_month(y, r->a);

		while (d >= limit)
			d -= 7;
		return d;
	}
	}
}

/* UTC instants of DST start and end in year y. */
static void posix_year(const struct posix_tz *tz, int y, int64_t *start,
		       int64_t *end)
{
	*start = (int64_t)rule_day(&tz->start, y) * 86400 + tz->start.secs -
		 tz->std_off;
	*end = (int64_t)rule_day(&tz->end, y) * 86400 + tz->end.secs -
	       tz->dst_off;
}

static int year_of(int64_t t)
{
	struct rota_civil c;

	seconds_civil(t, &c);
	return c.year;
}

/* 1 when DST is in force at t under the footer rule. */
static int posix_is_dst(const struct posix_tz *tz, int64_t t)
{
	int64_t s, e;
	int y;

	if (!tz->has_dst)
		return 0;
	/* the local year may differ from the UTC year near New Year */
	y = year_of(t + tz->std_off);
	posix_year(tz, y, &s, &e);
	if (s < e)
		return t >= s && t < e;
	return !(t >= e && t < s);
}

/* ------------------------------------------------------------------- TZif */

struct tz_type {
	int utoff;
	int is_dst;
	int abbr;   /* index into chars */
};

struct rota_tz {
	char name[64];
	int64_t *at;          /* transition instants, ascending */
	unsigned char *idx;   /* type index after each transition */
	int n_at;
	struct tz_type *types;
	int n_types;
	char *chars;
	int n_chars;
	struct posix_tz footer;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

static int valid_zone_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= 64 || name[0] == '/' || strstr(name, ".."))
		return 0;
	for (const char *p = name; *p; p++) {
		char c = *p;

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '+' ||
		      c == '-' || c == '/'))
			return 0;
	}
	return 1;
}

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 8192;
			unsigned char *nb;

			if (ncap > (1u << 24) || !(nb = realloc(buf, ncap))) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	*len = n;
	return buf;
}

static int tzif_parse(struct rota_tz *tz, const unsigned char *d, size_t len)
{
	const unsigned char *p = d, *end = d + len;
	uint32_t isut, isstd, leap, timecnt, typecnt, charcnt;
	int version;

	if (len < 44 || memcmp(d, "TZif", 4) != 0)
		return -1;
	version = d[4] ? d[4] - '0' : 1;
	for (int pass = 0; pass < 2; pass++) {
		int tsz = pass == 0 ? 4 : 8;
		size_t body;

		if ((size_t)(end - p) < 44 || memcmp(p, "TZif", 4) != 0)
			return -1;
		isut = be32(p + 20);
		isstd = be32(p + 24);
		leap = be32(p + 28);
		timecnt = be32(p + 32);
		typecnt = be32(p + 36);
		charcnt = be32(p + 40);
		if (timecnt > 100000 || typecnt == 0 || typecnt > 256 ||
		    charcnt > 4096 || leap > 10000 || isut > 256 || isstd > 256)
			return -1;
		p += 44;
		body = (size_t)timecnt * tsz + timecnt + typecnt * 6 + charcnt +
		       (size_t)leap * (tsz + 4) + isstd + isut;
		if ((size_t)(end - p) < body)
			return -1;
		if (pass == 0 && version >= 2) {
			p += body;
			continue;
		}
		tz->at = malloc(sizeof(*tz->at) * (timecnt ? timecnt : 1));
		tz->idx = malloc(timecnt ? timecnt : 1);
		tz->types = malloc(sizeof(*tz->types) * typecnt);
		tz->chars = malloc(charcnt + 1);
		if (!tz->at || !tz->idx || !tz->types || !tz->chars)
			return -2;
		for (uint32_t i = 0; i < timecnt; i++)
			tz->at[i] = tsz == 8 ? be64(p + i * 8)
					     : (int32_t)be32(p + i * 4);
		p += (size_t)timecnt * tsz;
		memcpy(tz->idx, p, timecnt);
		p += timecnt;
		for (uint32_t i = 0; i < typecnt; i++, p += 6) {
			tz->types[i].utoff = (int32_t)be32(p);
			tz->types[i].is_dst = p[4];
			tz->types[i].abbr = p[5] < charcnt ? p[5] : 0;
		}
		memcpy(tz->chars, p, charcnt);
		tz->chars[charcnt] = '\0';
		p += charcnt + (size_t)leap * (tsz + 4) + isstd + isut;
		tz->n_at = (int)timecnt;
		tz->n_types = (int)typecnt;
		tz->n_chars = (int)charcnt;
		for (uint32_t i = 0; i < timecnt; i++)
			if (tz->idx[i] >= typecnt)
				return -1;
		break;
	}
	if (version >= 2 && p < end && *p == '\n') {
		const unsigned char *nl = memchr(p + 1, '\n', (size_t)(end - p - 1));
		char rule[128];

		if (nl && (size_t)(nl - p - 1) < sizeof(rule)) {
			memcpy(rule, p + 1, (size_t)(nl - p - 1));
			rule[nl - p - 1] = '\0';
			if (posix_parse(rule, &tz->footer) < 0)
				memset(&tz->footer, 0, sizeof(tz->footer));
		}
	}
	return 0;
}

struct rota_tz *rota_tz_load(const char *name, struct rota_error *err)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	unsigned char *data;
	size_t len = 0;
	struct rota_tz *tz;
	int rc;

	if (!name || !valid_zone_name(name)) {
		rota_error_set(err, ROTA_EDATA,
			       "'%s' is not a time zone name (expected an IANA "
			       "name such as Asia/Shanghai)", name ? name : "");
		return NULL;
	}
	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	data = read_file(path, &len);
	if (!data) {
		rota_error_set(err, ROTA_ENOTFOUND,
			       "unknown time zone '%s' (not in %s)", name, dir);
		return NULL;
	}
	tz = calloc(1, sizeof(*tz));
	if (!tz) {
		free(data);
		rota_error_set(err, ROTA_ENOMEM, "out of memory loading '%s'",
			       name);
		return NULL;
	}
	snprintf(tz->name, sizeof(tz->name), "%s", name);
	rc = tzif_parse(tz, data, len);
	free(data);
	if (rc < 0) {
		rota_tz_free(tz);
		if (rc == -2)
			rota_error_set(err, ROTA_ENOMEM,
				       "out of memory loading '%s'", name);
		else
			rota_error_set(err, ROTA_ENOTFOUND,
				       "unknown time zone '%s' (%s is not a "
				       "TZif file)", name, path);
		return NULL;
	}
	return tz;
}

void rota_tz_free(struct rota_tz *tz)
{
	if (!tz)
		return;
	free(tz->at);
	free(tz->idx);
	free(tz->types);
	free(tz->chars);
	free(tz);
}

const char *rota_tz_name(const struct rota_tz *tz)
{
	return tz->name;
}

/* Offset, dst flag and abbreviation at t. */
static void lookup(const struct rota_tz *tz, int64_t t, int *off, int *dst,
		   const char **abbr)
{
	const struct tz_type *ty;

	if (tz->n_at > 0 && t >= tz->at[tz->n_at - 1] && tz->footer.present) {
		int d = posix_is_dst(&tz->footer, t);

		*off = d ? tz->footer.dst_off : tz->footer.std_off;
		*dst = d;
		*abbr = d ? tz->footer.dst_abbr : tz->footer.std_abbr;
		return;
	}
	if (tz->n_at == 0 && tz->footer.present && tz->footer.has_dst) {
		int d = posix_is_dst(&tz->footer, t);

		*off = d ? tz->footer.dst_off : tz->footer.std_off;
		*dst = d;
		*abbr = d ? tz->footer.dst_abbr : tz->footer.std_abbr;
		return;
	}
	if (tz->n_at == 0 || t < tz->at[0]) {
		ty = &tz->types[0];
	} else {
		int lo = 0, hi = tz->n_at - 1;

		/* last transition <= t */
		while (lo < hi) {
			int mid = lo + (hi - lo + 1) / 2;

			if (tz->at[mid] <= t)
				lo = mid;
			else
				hi = mid - 1;
		}
		ty = &tz->types[tz->idx[lo]];
	}
	*off = ty->utoff;
	*dst = ty->is_dst;
	*abbr = tz->chars + ty->abbr;
}

int rota_tz_offset(const struct rota_tz *tz, int64_t t, int *is_dst,
		   const char **abbr)
{
	int off, dst;
	const char *ab;

	lookup(tz, t, &off, &dst, &ab);
	if (is_dst)
		*is_dst = dst;
	if (abbr)
		*abbr = ab;
	return off;
}

void rota_tz_to_civil(const struct rota_tz *tz, int64_t t,
		      struct rota_civil *out, int *offset)
{
	int off = rota_tz_offset(tz, t, NULL, NULL);

	seconds_civil(t + off, out);
	if (offset)
		*offset = off;
}

int64_t rota_tz_from_civil(const struct rota_tz *tz,
			   const struct rota_civil *local)
{
	int64_t l = civil_seconds(local);
	int before = rota_tz_offset(tz, l - 86400, NULL, NULL);
	int after = rota_tz_offset(tz, l + 86400, NULL, NULL);
	int64_t ta = l - before, tb = l - after;
	int va, vb;

	if (before == after) {
		/* usual case; still verify (two changes within two days) */
		int o = rota_tz_offset(tz, ta, NULL, NULL);

		return o == before ? ta : l - o;
	}
	va = rota_tz_offset(tz, ta, NULL, NULL) == before;
	vb = rota_tz_offset(tz, tb, NULL, NULL) == after;
	if (va && vb)
		return ta < tb ? ta : tb;   /* repeated: first occurrence */
	if (vb)
		return tb;
	return ta;                          /* valid, or skipped: offset before */
}

int64_t rota_tz_local_minutes(const struct rota_tz *tz, int32_t days,
			      int minutes)
{
	struct rota_civil c;
	int32_t d = days + (minutes >= 0 ? minutes / 1440
					 : -((-minutes + 1439) / 1440));
	int m = minutes - (d - days) * 1440;

	rota_civil_from_days(d, &c.year, &c.month, &c.day);
	c.hour = m / 60;
	c.min = m % 60;
	c.sec = 0;
	return rota_tz_from_civil(tz, &c);
}

int64_t rota_tz_day_start(const struct rota_tz *tz, int32_t days)
{
	return rota_tz_local_minutes(tz, days, 0);
}

int32_t rota_tz_day_of(const struct rota_tz *tz, int64_t t)
{
	int64_t l = t + rota_tz_offset(tz, t, NULL, NULL);

	return (int32_t)(l >= 0 ? l / 86400 : -((-l + 86399) / 86400));
}

int rota_tz_transitions(const struct rota_tz *tz, int64_t from, int64_t to,
			struct rota_tz_transition *out, int max)
{
	int n = 0;
	int64_t last = INT64_MIN;

	for (int i = 0; i < tz->n_at; i++) {
		int64_t at = tz->at[i];
		const struct tz_type *ty = &tz->types[tz->idx[i]];
		int before = i > 0 ? tz->types[tz->idx[i - 1]].utoff
				   : tz->types[0].utoff;

		last = at;
		if (at < from || at >= to || before == ty->utoff)
			continue;
		if (n < max && out)
			out[n] = (struct rota_tz_transition){
				at, before, ty->utoff, ty->is_dst,
				tz->chars + ty->abbr};
		n++;
	}
	if (tz->footer.present && tz->footer.has_dst) {
		int y0 = year_of(from > last ? from : last) - 1;
		int y1 = year_of(to) + 1;

		for (int y = y0; y <= y1; y++) {
			int64_t s, e;
			struct rota_tz_transition tr[2];

			posix_year(&tz->footer, y, &s, &e);
			tr[0] = (struct rota_tz_transition){
				s, tz->footer.std_off, tz->footer.dst_off, 1,
				tz->footer.dst_abbr};
			tr[1] = (struct rota_tz_transition){
				e, tz->footer.dst_off, tz->footer.std_off, 0,
				tz->footer.std_abbr};
			if (e < s) {
				struct rota_tz_transition tmp = tr[0];

				tr[0] = tr[1];
				tr[1] = tmp;
			}
			for (int k = 0; k < 2; k++) {
				if (tr[k].at <= last || tr[k].at < from ||
				    tr[k].at >= to)
					continue;
				if (n < max && out)
					out[n] = tr[k];
				n++;
			}
		}
	}
	return n;
}

int rota_parse_instant(const struct rota_tz *tz, const char *text,
		       int64_t *out, struct rota_error *err)
{
	const char *p = text;
	struct rota_civil c = {0};
	int off = 0, has_off = 0;

	if (!text || scan_date(&p, &c.year, &c.month, &c.day) < 0)
		goto bad;
	if (*p != ' ' && *p != 'T')
		goto bad;
	p++;
	/* H:MM as well as HH:MM (2026/12/3 8:01, as spreadsheets write it) */
	if ((c.hour = digits_1_2(&p)) < 0 || c.hour > 23 || *p++ != ':' ||
	    (c.min = digits(&p, 2)) < 0 || c.min > 59)
		goto bad;
	if (*p == ':') {
		p++;
		if ((c.sec = digits(&p, 2)) < 0 || c.sec > 59)
			goto bad;
	}
	if (*p == 'Z') {
		has_off = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1, oh, om = 0;

		if ((oh = digits(&p, 2)) < 0 || oh > 18)
			goto bad;
		if (*p == ':')
			p++;
		if (*p) {
			if ((om = digits(&p, 2)) < 0 || om > 59)
				goto bad;
		}
		off = sign * (oh * 3600 + om * 60);
		has_off = 1;
	}
	if (*p != '\0')
		goto bad;
	*out = has_off ? civil_seconds(&c) - off : rota_tz_from_civil(tz, &c);
	return 0;
bad:
	return rota_error_set(err, ROTA_EDATA,
			      "'%s' is not a time (expected YYYY-MM-DD HH:MM "
			      "local, or ISO 8601 with an offset)",
			      text ? text : "");
}

void rota_format_local_iso(const struct rota_tz *tz, int64_t t, char *buf,
			   unsigned size)
{
	struct rota_civil c;
	int off, a;

	rota_tz_to_civil(tz, t, &c, &off);
	a = off < 0 ? -off : off;
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c.year,
		 c.month, c.day, c.hour, c.min, c.sec, off < 0 ? '-' : '+',
		 a / 3600, a % 3600 / 60);
}

void rota_format_local_short(const struct rota_tz *tz, int64_t t, char *buf,
			     unsigned size)
{
	struct rota_civil c;

	rota_tz_to_civil(tz, t, &c, NULL);
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day,
		 c.hour, c.min);
}

void rota_format_utc_iso(int64_t t, char *buf, unsigned size)
{
	struct rota_civil c;

	seconds_civil(t, &c);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month,
		 c.day, c.hour, c.min, c.sec);
}
