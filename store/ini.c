/*
 * store/ini.c - site.ini: the [site] section and one [skill.NAME] section
 * per skill with its service targets.
 *
 *   ; comment            # comment
 *   [site]
 *   name = Shanghai contact centre
 *   timezone = Asia/Shanghai
 *   interval_min = 30
 *   grace_min = 5
 *   [skill.voice]
 *   sl = 0.8
 *   answer_s = 20
 *
 * The operating loop adds (docs/formats.md): [leave.NAME] per leave type
 * (paid, planned), [timeoff] (rules for time-off requests: min_notice_days,
 * max_off_per_team, max_off_per_skill, blackout, auto_approve) and
 * [operations] (notice_hours, change_weight, allow_overtime).  A [timeoff] or
 * [operations] section present in the file sets all its keys (a key left out
 * goes back to its default); leave types listed are added or updated, and
 * when the file lists any, the stored types it does not list are removed
 * unless some time off or absence uses them.
 *
 * HR adds [attendance] and [payroll] (ROTA_HR_SETTING_MAP in store/store.h),
 * with the same rule: a section present sets all its keys; and one
 * [kpi.NAME] per KPI metric (unit, aggregation, better, target, weight,
 * lower, upper, points), which, like leave types, are the site's list when
 * the file has any.
 *
 * Keys are checked (a typo is an error, not silently ignored); values may be
 * wrapped in double quotes.  Errors name file, line and key.  Each section
 * is a table of keys (struct ini_key: type, bounds, where the value goes);
 * numbers and yes/no go through the value parsers CSV columns use
 * (store/field.c).
 */
#include "store/import_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INI_SKILLS ROTA_MAX_SKILLS

#define MAX_INI_LEAVE 32
#define MAX_INI_BLACKOUTS 64

/* Sections other than skills (>= 0: the index of a skill). */
enum { SEC_NONE = -2, SEC_SITE = -1, SEC_LEAVE = -3, SEC_TIMEOFF = -4,
       SEC_OPERATIONS = -5, SEC_ATTENDANCE = -6, SEC_PAYROLL = -7,
       SEC_KPI = -8 };

struct ini_key;

struct ini_state {
	struct rota_site site;
	int have_site_section;
	int has_tz, has_name;
	struct rota_skill skills[MAX_INI_SKILLS];
	long skill_line[MAX_INI_SKILLS];
	int n_skills;
	struct rota_leave_type leave[MAX_INI_LEAVE];
	long leave_line[MAX_INI_LEAVE];
	int n_leave;
	int have_timeoff, have_operations;
	struct rota_ops_settings ops;
	/* [attendance] (0), [payroll] (1): whether present, the values */
	int have_hr[2];
	struct rota_hr_settings hr;
	struct ini_key *hr_keys[2];   /* ROTA_HR_SETTING_COUNT each */
	int n_hr_keys[2];
	/* [kpi.NAME]: the metrics, their lines, whether lower/upper given */
	struct rota_kpi_metric kpi[ROTA_KPI_MAX];
	long kpi_line[ROTA_KPI_MAX];
	int kpi_bounds[ROTA_KPI_MAX];   /* bit 0 lower, bit 1 upper */
	int n_kpi;
	struct rota_blackout blackout[MAX_INI_BLACKOUTS];
	int n_blackouts;
	int section;          /* SEC_* or >= 0 skill index */
};

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
			 e[-1] == '\n'))
		*--e = '\0';
	return s;
}

static int ini_error(struct rota_error *err, const char *label, long line,
		     const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int ini_error(struct rota_error *err, const char *label, long line,
		     const char *key, const char *fmt, ...)
{
	char msg[ROTA_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (key)
		return rota_error_set(err, ROTA_EDATA, "%s:%ld: key '%s': %s",
				      label, line, key, msg);
	return rota_error_set(err, ROTA_EDATA, "%s:%ld: %s", label, line, msg);
}

/* ------------------------------------------------------------ key tables */

enum ini_type {
	INI_INT,      /* a whole number in [min, max] into an int */
	INI_REAL,     /* a number in [min, max] into a double */
	INI_BOOL,     /* yes|no into an int */
	INI_COUNT,    /* a whole number, or none / - (-1), into an int */
	INI_HHMM,     /* HH:MM into minutes after midnight (int) */
	INI_DAYS,     /* a day list into a mask (int) */
	INI_CUSTOM,   /* the section's own handler */
};

struct ini_key {
	const char *name;
	int type;
	double min, max;
	int min_open;     /* REAL: more than min */
	int max_open;     /* REAL: less than max */
	int scale;        /* INT: stored value = value * scale (0: 1) */
	int as_double;    /* INT: stored into a double */
	size_t offset;    /* where in the section's struct */
};

struct ini_section {
	const char *what;           /* "[site]", "a skill section" */
	const struct ini_key *keys;
	int nkeys;
	/* INI_CUSTOM keys */
	int (*custom)(struct ini_state *s, const char *label, long line,
		      const char *key, const char *v, struct rota_error *err);
};

#define SITE_KEY(n, t, lo, hi)                                               \
	{#n, t, lo, hi, 0, 0, 0, 0, offsetof(struct rota_site, n)}
static const struct ini_key site_keys[] = {
	{"name", INI_CUSTOM, 0, 0, 0, 0, 0, 0, 0},
	{"timezone", INI_CUSTOM, 0, 0, 0, 0, 0, 0, 0},
	SITE_KEY(interval_min, INI_INT, 1, 1440),
	SITE_KEY(grace_min, INI_INT, 0, 240),
};

#define SKILL_KEY(n, t, lo, hi, lo_open, hi_open)                            \
	{#n, t, lo, hi, lo_open, hi_open, 0, 0, offsetof(struct rota_skill, n)}
static const struct ini_key skill_keys[] = {
	SKILL_KEY(sl, INI_REAL, 0, 1, 1, 0),
	SKILL_KEY(answer_s, INI_REAL, 0, 86400, 0, 0),
	SKILL_KEY(max_occupancy, INI_REAL, 0, 1, 1, 0),
	SKILL_KEY(shrinkage, INI_REAL, 0, 1, 0, 1),
	SKILL_KEY(concurrency, INI_INT, 1, 20, 0, 0),
	SKILL_KEY(patience_s, INI_REAL, 0, 86400, 0, 0),
	SKILL_KEY(max_abandon, INI_REAL, 0, 1, 0, 0),
	SKILL_KEY(asa_s, INI_REAL, 0, 86400, 0, 0),
};

static const struct ini_key leave_keys[] = {
	{"paid", INI_BOOL, 0, 1, 0, 0, 0, 0,
	 offsetof(struct rota_leave_type, paid)},
	{"planned", INI_BOOL, 0, 1, 0, 0, 0, 0,
	 offsetof(struct rota_leave_type, planned)},
};

#define OPS(n) offsetof(struct rota_ops_settings, n)
static const struct ini_key timeoff_keys[] = {
	{"min_notice_days", INI_INT, 0, 366, 0, 0, 0, 0, OPS(min_notice_days)},
	{"max_off_per_team", INI_COUNT, 0, 100000, 0, 0, 0, 0,
	 OPS(max_off_per_team)},
	{"max_off_per_skill", INI_COUNT, 0, 100000, 0, 0, 0, 0,
	 OPS(max_off_per_skill)},
	{"blackout", INI_CUSTOM, 0, 0, 0, 0, 0, 0, 0},
	{"auto_approve", INI_BOOL, 0, 1, 0, 0, 0, 0, OPS(auto_approve)},
};

static const struct ini_key operations_keys[] = {
	{"notice_hours", INI_INT, 0, 720, 0, 0, 60, 0, OPS(notice_min)},
	{"change_weight", INI_INT, 0, 1000000, 0, 0, 0, 1, OPS(change_weight)},
	{"allow_overtime", INI_BOOL, 0, 1, 0, 0, 0, 0, OPS(allow_overtime)},
};

#define KPI(n) offsetof(struct rota_kpi_metric, n)
static const struct ini_key kpi_keys[] = {
	{"unit", INI_CUSTOM, 0, 0, 0, 0, 0, 0, 0},
	{"aggregation", INI_CUSTOM, 0, 0, 0, 0, 0, 0, 0},
	{"better", INI_CUSTOM, 0, 0, 0, 0, 0, 0, 0},
	{"target", INI_CUSTOM, 0, 0, 0, 0, 0, 0, 0},
	{"weight", INI_REAL, 0, 1e6, 0, 0, 0, 0, KPI(weight)},
	{"lower", INI_CUSTOM, 0, 0, 0, 0, 0, 0, 0},
	{"upper", INI_CUSTOM, 0, 0, 0, 0, 0, 0, 0},
	{"points", INI_REAL, 0, 1e6, 1, 0, 0, 0, KPI(points)},
};

/* [attendance] and [payroll]: built from ROTA_HR_SETTING_MAP (hr_keys()) */
static int hr_ini_type(int kind)
{
	switch (kind) {
	case ROTA_HR_BOOL:
		return INI_BOOL;
	case ROTA_HR_HHMM:
		return INI_HHMM;
	case ROTA_HR_DAYS:
		return INI_DAYS;
	default:
		return INI_INT;
	}
}

/* The value v of key k, stored at base + k->offset. */
static int key_value(const struct ini_key *k, void *base, const char *label,
		     long line, const char *v, struct rota_error *err)
{
	char *at = (char *)base + k->offset;
	struct rota_error e = {0};
	long n;
	int rc = 0;

	switch (k->type) {
	case INI_COUNT:
		if (strcmp(v, "none") == 0 || strcmp(v, "-") == 0) {
			*(int *)(void *)at = -1;
			return 0;
		}
		/* fall through */
	case INI_INT:
		if ((rc = rota_value_long(v, (long)k->min, (long)k->max, &n,
					  &e)) < 0)
			break;
		if (k->scale)
			n *= k->scale;
		if (k->as_double)
			*(double *)(void *)at = (double)n;
		else
			*(int *)(void *)at = (int)n;
		return 0;
	case INI_REAL: {
		double d;

		if ((rc = rota_value_double(v, k->min, k->max, k->min_open, &d,
					    &e)) < 0)
			break;
		if (k->max_open && d >= k->max)
			return ini_error(err, label, line, k->name,
					 "%g is out of range (expected %g to "
					 "less than %g)", d, k->min, k->max);
		*(double *)(void *)at = d;
		return 0;
	}
	case INI_BOOL:
		rc = rota_value_bool(v, (int *)(void *)at, &e);
		break;
	case INI_HHMM:
		rc = rota_parse_hhmm(v, 0, (int *)(void *)at, &e);
		break;
	case INI_DAYS: {
		uint8_t mask;

		if ((rc = rota_parse_days(v, &mask, &e)) == 0)
			*(int *)(void *)at = mask;
		break;
	}
	default:
		break;
	}
	if (rc < 0)
		return ini_error(err, label, line, k->name, "%s", e.msg);
	return 0;
}

/* Key `key` of a section: its value, or "unknown key" listing them. */
static int section_value(const struct ini_section *sec, struct ini_state *s,
			 void *base, const char *label, long line,
			 const char *key, const char *v,
			 struct rota_error *err)
{
	char names[512];
	size_t len = 0;

	for (int i = 0; i < sec->nkeys; i++) {
		const struct ini_key *k = &sec->keys[i];

		if (strcmp(k->name, key) != 0)
			continue;
		if (k->type == INI_CUSTOM)
			return sec->custom(s, label, line, key, v, err);
		return key_value(k, base, label, line, v, err);
	}
	names[0] = '\0';
	for (int i = 0; i < sec->nkeys && len < sizeof(names); i++)
		len += (size_t)snprintf(names + len, sizeof(names) - len,
					"%s%s", i ? ", " : "",
					sec->keys[i].name);
	return ini_error(err, label, line, key,
			 "unknown key in %s (expected %s)", sec->what, names);
}

static int site_custom(struct ini_state *s, const char *label, long line,
		       const char *key, const char *v, struct rota_error *err)
{
	struct rota_error e = {0};
	struct rota_tz *tz;

	if (strcmp(key, "name") == 0) {
		if (!*v || strlen(v) >= sizeof(s->site.name))
			return ini_error(err, label, line, key,
					 "expected 1 to %zu bytes",
					 sizeof(s->site.name) - 1);
		rota_strlcpy(s->site.name, v, sizeof(s->site.name));
		s->has_name = 1;
		return 0;
	}
	if (!(tz = rota_tz_load(v, &e)))   /* timezone */
		return ini_error(err, label, line, key, "%s", e.msg);
	rota_tz_free(tz);
	rota_strlcpy(s->site.timezone, v, sizeof(s->site.timezone));
	s->has_tz = 1;
	return 0;
}

/* "2026-12-24..2026-12-26, 2027-02-16": dates or ranges, comma-separated. */
static int blackout_list(struct ini_state *s, const char *label, long line,
			 const char *key, const char *v,
			 struct rota_error *err)
{
	char buf[512], *save = NULL, *item;

	if (strlen(v) >= sizeof(buf))
		return ini_error(err, label, line, key, "value too long");
	rota_strlcpy(buf, v, sizeof(buf));
	for (item = strtok_r(buf, ",;", &save); item;
	     item = strtok_r(NULL, ",;", &save)) {
		char *dots, *a = trim(item), *z;
		struct rota_blackout b;

		if (!*a)
			continue;
		dots = strstr(a, "..");
		z = dots ? trim(dots + 2) : a;
		if (dots)
			*dots = '\0';
		a = trim(a);
		if (rota_parse_date(a, &b.first_day, NULL) < 0 ||
		    rota_parse_date(z, &b.last_day, NULL) < 0)
			return ini_error(err, label, line, key,
					 "'%s' is not a date or a range "
					 "DATE..DATE", item);
		if (b.last_day < b.first_day)
			return ini_error(err, label, line, key,
					 "range '%s..%s' ends before it "
					 "starts", a, z);
		if (s->n_blackouts >= MAX_INI_BLACKOUTS)
			return ini_error(err, label, line, key,
					 "more than %d blackout periods",
					 MAX_INI_BLACKOUTS);
		s->blackout[s->n_blackouts++] = b;
	}
	return 0;
}

/* [site], [timeoff], [operations], [attendance] or [payroll], each at
 * most once; 1 when p is none of them. */
static int open_plain(struct ini_state *s, const char *label, long line,
		      const char *p, struct rota_error *err)
{
	static const struct {
		const char *name;
		int section;
	} plain[] = {{"site", SEC_SITE},
		     {"timeoff", SEC_TIMEOFF},
		     {"operations", SEC_OPERATIONS},
		     {"attendance", SEC_ATTENDANCE},
		     {"payroll", SEC_PAYROLL}};
	int *have[] = {&s->have_site_section, &s->have_timeoff,
		       &s->have_operations, &s->have_hr[0], &s->have_hr[1]};

	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		if (strcmp(p, plain[i].name) != 0)
			continue;
		if (*have[i])
			return ini_error(err, label, line, NULL,
					 "[%s] appears twice", p);
		*have[i] = 1;
		s->section = plain[i].section;
		return 0;
	}
	return 1;
}

/* [leave.NAME]: a new leave type, paid and planned unless its keys say
 * otherwise. */
static int open_leave(struct ini_state *s, const char *label, long line,
		      const char *name, struct rota_error *err)
{
	if (!rota_id_valid(name))
		return ini_error(err, label, line, NULL,
				 "'%s' is not a valid leave type name", name);
	for (int i = 0; i < s->n_leave; i++)
		if (strcmp(s->leave[i].name, name) == 0)
			return ini_error(err, label, line, NULL,
					 "[leave.%s] appears twice "
					 "(first on line %ld)",
					 name, s->leave_line[i]);
	if (s->n_leave >= MAX_INI_LEAVE)
		return ini_error(err, label, line, NULL,
				 "more than %d leave types", MAX_INI_LEAVE);
	memset(&s->leave[s->n_leave], 0, sizeof(s->leave[0]));
	rota_strlcpy(s->leave[s->n_leave].name, name, ROTA_ID_MAX);
	s->leave[s->n_leave].paid = 1;
	s->leave[s->n_leave].planned = 1;
	s->leave_line[s->n_leave++] = line;
	s->section = SEC_LEAVE;
	return 0;
}

/* [kpi.NAME]: a built-in metric reconfigured, or a new one with the
 * defaults of a custom metric. */
static int open_kpi(struct ini_state *s, const char *label, long line,
		    const char *name, struct rota_error *err)
{
	struct rota_kpi_metric *m;
	size_t nb;
	int b = rota_kpi_builtin(name);

	if (!rota_id_valid(name))
		return ini_error(err, label, line, NULL,
				 "'%s' is not a valid metric name", name);
	for (int i = 0; i < s->n_kpi; i++)
		if (strcmp(s->kpi[i].name, name) == 0)
			return ini_error(err, label, line, NULL,
					 "[kpi.%s] appears twice "
					 "(first on line %ld)",
					 name, s->kpi_line[i]);
	if (s->n_kpi >= ROTA_KPI_MAX)
		return ini_error(err, label, line, NULL,
				 "more than %d kpi metrics", ROTA_KPI_MAX);
	m = &s->kpi[s->n_kpi];
	memset(m, 0, sizeof(*m));
	if (b >= 0) {   /* a built-in: its definition, reconfigured */
		*m = rota_kpi_builtins(&nb)[b];
		s->kpi_bounds[s->n_kpi] = 3;
	} else {
		rota_strlcpy(m->name, name, sizeof(m->name));
		m->aggregation = ROTA_KPI_MEAN;
		m->higher_better = 1;
		m->weight = 1;
		m->points = 10;
		s->kpi_bounds[s->n_kpi] = 0;
	}
	s->kpi_line[s->n_kpi++] = line;
	s->section = SEC_KPI;
	return 0;
}

/* [skill.NAME]: a new skill with the default service targets. */
static int open_skill(struct ini_state *s, const char *label, long line,
		      const char *name, struct rota_error *err)
{
	struct rota_skill def = ROTA_SKILL_INIT;

	if (!rota_id_valid(name))
		return ini_error(err, label, line, NULL,
				 "'%s' is not a valid skill name", name);
	for (int i = 0; i < s->n_skills; i++)
		if (strcmp(s->skills[i].name, name) == 0)
			return ini_error(err, label, line, NULL,
					 "[skill.%s] appears twice "
					 "(first on line %ld)",
					 name, s->skill_line[i]);
	if (s->n_skills >= MAX_INI_SKILLS)
		return ini_error(err, label, line, NULL,
				 "more than %d skills", MAX_INI_SKILLS);
	s->section = s->n_skills;
	s->skills[s->n_skills] = def;
	rota_strlcpy(s->skills[s->n_skills].name, name, ROTA_ID_MAX);
	s->skill_line[s->n_skills++] = line;
	return 0;
}

/* Open a section header's section; returns 0 or an error. */
static int open_section(struct ini_state *s, const char *label, long line,
			const char *p, struct rota_error *err)
{
	int rc = open_plain(s, label, line, p, err);

	if (rc <= 0)
		return rc;
	if (strncmp(p, "leave.", 6) == 0)
		return open_leave(s, label, line, p + 6, err);
	if (strncmp(p, "kpi.", 4) == 0)
		return open_kpi(s, label, line, p + 4, err);
	if (strncmp(p, "skill.", 6) == 0)
		return open_skill(s, label, line, p + 6, err);
	return ini_error(err, label, line, NULL,
			 "unknown section [%s] (expected [site], "
			 "[skill.NAME], [leave.NAME], [timeoff], "
			 "[operations], [attendance], [payroll] or "
			 "[kpi.NAME])", p);
}

static int kpi_custom(struct ini_state *s, const char *label, long line,
		      const char *key, const char *v, struct rota_error *err)
{
	int i = s->n_kpi - 1;
	struct rota_kpi_metric *m = &s->kpi[i];
	struct rota_error e = {0};
	double d;

	if (strcmp(key, "unit") == 0) {
		if (strlen(v) >= sizeof(m->unit))
			return ini_error(err, label, line, key,
					 "longer than %zu bytes",
					 sizeof(m->unit) - 1);
		rota_strlcpy(m->unit, v, sizeof(m->unit));
		return 0;
	}
	if (strcmp(key, "aggregation") == 0 || strcmp(key, "better") == 0) {
		int agg = key[0] == 'a';
		static const char *const words[2][3] = {
			{"lower", "higher", NULL}, {"mean", "sum", "rate"}};

		if (m->builtin)
			return ini_error(err, label, line, key,
					 "'%s' is computed from attendance: "
					 "its %s is fixed", m->name, key);
		for (int w = 0; w < 3 && words[agg][w]; w++)
			if (strcmp(v, words[agg][w]) == 0) {
				if (agg)
					m->aggregation = w;
				else
					m->higher_better = w;
				return 0;
			}
		return ini_error(err, label, line, key,
				 agg ? "'%s' is not an aggregation (expected "
				       "mean, sum or rate)"
				     : "'%s' is not a direction (expected "
				       "higher or lower)", v);
	}
	if (rota_value_double(v, -1e12, 1e12, 0, &d, &e) < 0)
		return ini_error(err, label, line, key, "%s", e.msg);
	if (strcmp(key, "target") == 0) {
		m->target = d;
		m->has_target = 1;
	} else if (strcmp(key, "lower") == 0) {
		m->lower = d;
		s->kpi_bounds[i] |= 1;
	} else {
		m->upper = d;
		s->kpi_bounds[i] |= 2;
	}
	return 0;
}

static int blackout_custom(struct ini_state *s, const char *label, long line,
			   const char *key, const char *v,
			   struct rota_error *err)
{
	return blackout_list(s, label, line, key, v, err);
}

#define KEYS(a) a, (int)(sizeof(a) / sizeof(a[0]))

static int section_key(struct ini_state *s, const char *label, long line,
		       const char *key, const char *v, struct rota_error *err)
{
	static const struct ini_section site = {"[site]", KEYS(site_keys),
						site_custom};
	static const struct ini_section skill = {"a skill section",
						 KEYS(skill_keys), NULL};
	static const struct ini_section leave = {"a leave section",
						 KEYS(leave_keys), NULL};
	static const struct ini_section timeoff = {
		"[timeoff]", KEYS(timeoff_keys), blackout_custom};
	static const struct ini_section operations = {
		"[operations]", KEYS(operations_keys), NULL};

	switch (s->section) {
	case SEC_NONE:
		return ini_error(err, label, line, key, "outside any section");
	case SEC_SITE:
		if (section_value(&site, s, &s->site, label, line, key, v,
				  err) < 0)
			return ROTA_EDATA;
		if (strcmp(key, "interval_min") == 0 &&
		    s->site.interval_min != 15 && s->site.interval_min != 30 &&
		    s->site.interval_min != 60)
			return ini_error(err, label, line, key,
					 "%d is not supported (expected 15, "
					 "30 or 60)", s->site.interval_min);
		return 0;
	case SEC_LEAVE:
		return section_value(&leave, s, &s->leave[s->n_leave - 1],
				     label, line, key, v, err);
	case SEC_TIMEOFF:
		return section_value(&timeoff, s, &s->ops, label, line, key, v,
				     err);
	case SEC_OPERATIONS:
		return section_value(&operations, s, &s->ops, label, line, key,
				     v, err);
	case SEC_KPI: {
		static const struct ini_section kpi = {
			"a kpi section", KEYS(kpi_keys), kpi_custom};

		return section_value(&kpi, s, &s->kpi[s->n_kpi - 1], label,
				     line, key, v, err);
	}
	case SEC_ATTENDANCE:
	case SEC_PAYROLL: {
		int h = s->section == SEC_PAYROLL;
		struct ini_section sec = {h ? "[payroll]" : "[attendance]",
					  s->hr_keys[h], s->n_hr_keys[h], NULL};

		return section_value(&sec, s, &s->hr, label, line, key, v,
				     err);
	}
	default:
		return section_value(&skill, s, &s->skills[s->section], label,
				     line, key, v, err);
	}
}

/* The keys of [attendance] (0) and [payroll] (1), from the settings map. */
static void hr_keys(struct ini_state *s)
{
	for (int i = 0; i < ROTA_HR_SETTING_COUNT; i++) {
		int h = strcmp(rota_hr_setting_section(i), "payroll") == 0;
		struct ini_key *k = &s->hr_keys[h][s->n_hr_keys[h]++];

		memset(k, 0, sizeof(*k));
		k->name = rota_hr_setting_name(i);
		k->type = hr_ini_type(rota_hr_setting_kind(i));
		k->min = rota_hr_setting_min(i);
		k->max = rota_hr_setting_max(i);
		k->offset = offsetof(struct rota_hr_settings, v) +
			    sizeof(int) * (size_t)i;
	}
}

static int parse_ini(FILE *f, const char *label, struct ini_state *s,
		     struct rota_error *err)
{
	char *buf = NULL;
	size_t cap = 0;
	long line = 0;
	int rc = 0;

	s->section = SEC_NONE;
	while (getline(&buf, &cap, f) > 0) {
		char *p, *eq, *key, *v;

		line++;
		p = buf;
		if (line == 1 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
		p = trim(p);
		if (!*p || *p == ';' || *p == '#')
			continue;
		if (!rota_utf8_valid(p)) {
			rc = ini_error(err, label, line, NULL,
				       "not valid UTF-8");
			break;
		}
		if (*p == '[') {
			char *close = strchr(p, ']');

			if (!close || trim(close + 1)[0]) {
				rc = ini_error(err, label, line, NULL,
					       "malformed section header "
					       "(expected [site] or "
					       "[skill.NAME])");
				break;
			}
			*close = '\0';
			if ((rc = open_section(s, label, line, trim(p + 1),
					       err)) < 0)
				break;
			continue;
		}
		eq = strchr(p, '=');
		if (!eq) {
			rc = ini_error(err, label, line, NULL,
				       "expected 'key = value'");
			break;
		}
		*eq = '\0';
		key = trim(p);
		v = trim(eq + 1);
		if (v[0] == '"' && strlen(v) >= 2 && v[strlen(v) - 1] == '"') {
			v[strlen(v) - 1] = '\0';
			v++;
		}
		if ((rc = section_key(s, label, line, key, v, err)) < 0)
			break;
	}
	if (rc == 0 && ferror(f))
		rc = rota_error_set(err, ROTA_EIO, "%s: read error", label);
	free(buf);
	return rc;
}

/* [skill.NAME] rows: upserted by name like a CSV row (store/import_table.c) */
static const struct rota_tcol skill_cols[] = {
	{.name = "name", .column = "name", .type = ROTA_TCOL_TEXT,
	 .flags = ROTA_TCOL_KEY},
	{.name = "sl", .column = "sl", .type = ROTA_TCOL_REAL},
	{.name = "answer_s", .column = "answer_s", .type = ROTA_TCOL_REAL},
	{.name = "max_occupancy", .column = "max_occupancy",
	 .type = ROTA_TCOL_REAL},
	{.name = "shrinkage", .column = "shrinkage", .type = ROTA_TCOL_REAL},
	{.name = "concurrency", .column = "concurrency",
	 .type = ROTA_TCOL_INT},
	{.name = "patience_s", .column = "patience_s", .type = ROTA_TCOL_REAL},
	{.name = "max_abandon", .column = "max_abandon",
	 .type = ROTA_TCOL_REAL},
	{.name = "asa_s", .column = "asa_s", .type = ROTA_TCOL_REAL},
};

static void put_real(struct rota_tval *v, double d)
{
	v->type = SQLITE_FLOAT;
	v->d = d;
}

static void put_int(struct rota_tval *v, int64_t i)
{
	v->type = SQLITE_INTEGER;
	v->i = i;
}

static int save_skills(struct rota_import *im, const struct ini_state *s,
		       struct rota_error *err)
{
	static const struct rota_tkind kind = {
		.table = "skill", .cols = skill_cols,
		.ncols = sizeof(skill_cols) / sizeof(skill_cols[0])};
	struct rota_table_import t;
	int rc;

	if (!s->n_skills)
		return 0;
	if ((rc = rota_table_begin(im, &kind, &t, err)) < 0)
		return rc;
	for (int i = 0; i < s->n_skills && rc == 0; i++) {
		const struct rota_skill *k = &s->skills[i];

		t.v[0] = (struct rota_tval){.type = SQLITE_TEXT, .s = k->name};
		put_real(&t.v[1], k->sl);
		put_real(&t.v[2], k->answer_s);
		put_real(&t.v[3], k->max_occupancy);
		put_real(&t.v[4], k->shrinkage);
		put_int(&t.v[5], k->concurrency);
		put_real(&t.v[6], k->patience_s);
		put_real(&t.v[7], k->max_abandon);
		put_real(&t.v[8], k->asa_s);
		rc = rota_table_put(&t, err);
	}
	rota_table_end(&t);
	return rc;
}

static int step_stmt(struct rota_import *im, sqlite3_stmt *s,
		     struct rota_error *err, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW
		       ? 0
		       : rota_db_error(im->st, err, what);
}

/* [leave.NAME] rows */
static const struct rota_tcol leave_cols[] = {
	{.name = "name", .column = "name", .type = ROTA_TCOL_TEXT,
	 .flags = ROTA_TCOL_KEY},
	{.name = "paid", .column = "paid", .type = ROTA_TCOL_INT},
	{.name = "planned", .column = "planned", .type = ROTA_TCOL_INT},
};

static int save_leave_types(struct rota_import *im, const struct ini_state *s,
			    struct rota_error *err)
{
	static const struct rota_tkind kind = {
		.table = "leave_type", .cols = leave_cols,
		.ncols = sizeof(leave_cols) / sizeof(leave_cols[0])};
	struct rota_table_import t;
	sqlite3_stmt *prune = NULL;
	int rc;

	if (s->n_leave == 0)
		return 0;
	if ((rc = rota_table_begin(im, &kind, &t, err)) < 0)
		return rc;
	for (int i = 0; i < s->n_leave && rc == 0; i++) {
		const struct rota_leave_type *l = &s->leave[i];

		t.v[0] = (struct rota_tval){.type = SQLITE_TEXT, .s = l->name};
		put_int(&t.v[1], l->paid);
		put_int(&t.v[2], l->planned);
		rc = rota_table_put(&t, err);
	}
	if (rc < 0)
		goto out;
	/* the file's list is the site's list, but a type in use stays */
	if ((rc = rota_db_prepare(im->st,
				  "DELETE FROM leave_type WHERE name NOT IN "
				  "(SELECT value FROM json_each(?1)) AND name "
				  "NOT IN (SELECT type FROM timeoff) AND name "
				  "NOT IN (SELECT type FROM absence)",
				  &prune, err)) < 0)
		goto out;
	{
		char list[MAX_INI_LEAVE * (ROTA_ID_MAX + 3) + 3];
		size_t len = 0;

		list[len++] = '[';
		for (int i = 0; i < s->n_leave; i++)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
						"%s\"%s\"", i ? "," : "",
						s->leave[i].name);
		rota_strlcpy(list + len, "]", sizeof(list) - len);
		rota_db_bind_text(prune, 1, list);
	}
	rc = step_stmt(im, prune, err, "removing leave types");
out:
	rota_table_end(&t);
	sqlite3_finalize(prune);
	return rc;
}

/* The settings of the sections present in the file, replacing the stored
 * ones of those sections (keys left out go back to their defaults). */
static int save_settings(struct rota_import *im, const struct ini_state *s,
			 struct rota_error *err)
{
	const struct rota_ops_settings *o = &s->ops;
	const struct {
		const char *key;
		int value, def, timeoff;
	} keys[] = {
		{"notice_min", o->notice_min, 720, 0},
		{"change_weight", (int)o->change_weight, 50, 0},
		{"allow_overtime", o->allow_overtime, 0, 0},
		{"min_notice_days", o->min_notice_days, 0, 1},
		{"max_off_per_team", o->max_off_per_team, -1, 1},
		{"max_off_per_skill", o->max_off_per_skill, -1, 1},
		{"auto_approve", o->auto_approve, 0, 1},
	};
	sqlite3_stmt *del = NULL, *put = NULL;
	int rc = 0;

	if (!s->have_timeoff && !s->have_operations)
		return 0;
	if ((rc = rota_db_prepare(im->st,
				  "DELETE FROM leave_setting WHERE key = ?1",
				  &del, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO leave_setting (key, value) "
				  "VALUES (?1, ?2)",
				  &put, err)) < 0)
		goto out;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (keys[i].timeoff ? !s->have_timeoff : !s->have_operations)
			continue;
		rota_db_bind_text(del, 1, keys[i].key);
		if ((rc = step_stmt(im, del, err, "saving settings")) < 0)
			goto out;
		if (keys[i].value == keys[i].def)
			continue;
		rota_db_bind_text(put, 1, keys[i].key);
		sqlite3_bind_int(put, 2, keys[i].value);
		if ((rc = step_stmt(im, put, err, "saving settings")) < 0)
			goto out;
	}
	if (s->have_timeoff) {
		sqlite3_finalize(put);
		put = NULL;
		if ((rc = rota_db_exec(im->st, "DELETE FROM blackout", err)) <
			    0 ||
		    (rc = rota_db_prepare(im->st,
					  "INSERT OR IGNORE INTO blackout "
					  "(first_day, last_day) VALUES (?1, "
					  "?2)",
					  &put, err)) < 0)
			goto out;
		for (int i = 0; i < s->n_blackouts; i++) {
			char a[16], z[16];

			rota_format_date(s->blackout[i].first_day, a, sizeof(a));
			rota_format_date(s->blackout[i].last_day, z, sizeof(z));
			rota_db_bind_text(put, 1, a);
			rota_db_bind_text(put, 2, z);
			if ((rc = step_stmt(im, put, err,
					    "saving blackouts")) < 0)
				goto out;
		}
	}
	im->stats->updated += s->have_timeoff + s->have_operations;
out:
	sqlite3_finalize(del);
	sqlite3_finalize(put);
	return rc;
}

/* [kpi.NAME] rows */
static const struct rota_tcol kpi_cols[] = {
	{.name = "name", .column = "name", .type = ROTA_TCOL_TEXT,
	 .flags = ROTA_TCOL_KEY},
	{.name = "unit", .column = "unit", .type = ROTA_TCOL_TEXT},
	{.name = "aggregation", .column = "aggregation",
	 .type = ROTA_TCOL_TEXT},
	{.name = "better", .column = "better", .type = ROTA_TCOL_TEXT},
	{.name = "target", .column = "target", .type = ROTA_TCOL_REAL},
	{.name = "weight", .column = "weight", .type = ROTA_TCOL_REAL},
	{.name = "lower", .column = "lower", .type = ROTA_TCOL_REAL},
	{.name = "upper", .column = "upper", .type = ROTA_TCOL_REAL},
	{.name = "points", .column = "points", .type = ROTA_TCOL_REAL},
};

static int check_kpis(const struct ini_state *s, const char *label,
		      struct rota_error *err)
{
	for (int i = 0; i < s->n_kpi; i++) {
		const struct rota_kpi_metric *m = &s->kpi[i];

		if (s->kpi_bounds[i] != 3)
			return ini_error(err, label, s->kpi_line[i], NULL,
					 "[kpi.%s] needs lower and upper (the "
					 "thresholds between which its points "
					 "grow)", m->name);
		if (m->lower >= m->upper)
			return ini_error(err, label, s->kpi_line[i], NULL,
					 "[kpi.%s]: lower %g is not below "
					 "upper %g", m->name, m->lower,
					 m->upper);
	}
	return 0;
}

/* The metrics of the file are the site's: others are removed. */
static int save_kpis(struct rota_import *im, const struct ini_state *s,
		     struct rota_error *err)
{
	static const struct rota_tkind kind = {
		.table = "kpi_metric", .cols = kpi_cols,
		.ncols = sizeof(kpi_cols) / sizeof(kpi_cols[0])};
	struct rota_table_import t;
	sqlite3_stmt *prune = NULL;
	char list[ROTA_KPI_MAX * (ROTA_ID_MAX + 3) + 3];
	size_t len = 0;
	int rc;

	if (!s->n_kpi)
		return 0;
	if ((rc = rota_table_begin(im, &kind, &t, err)) < 0)
		return rc;
	list[len++] = '[';
	for (int i = 0; i < s->n_kpi && rc == 0; i++) {
		const struct rota_kpi_metric *m = &s->kpi[i];

		t.v[0] = (struct rota_tval){.type = SQLITE_TEXT, .s = m->name};
		t.v[1] = (struct rota_tval){.type = SQLITE_TEXT, .s = m->unit};
		t.v[2] = (struct rota_tval){
			.type = SQLITE_TEXT,
			.s = rota_kpi_agg_name(m->aggregation)};
		t.v[3] = (struct rota_tval){
			.type = SQLITE_TEXT,
			.s = m->higher_better ? "higher" : "lower"};
		if (m->has_target)
			put_real(&t.v[4], m->target);
		else
			t.v[4] = (struct rota_tval){.type = SQLITE_NULL};
		put_real(&t.v[5], m->weight);
		put_real(&t.v[6], m->lower);
		put_real(&t.v[7], m->upper);
		put_real(&t.v[8], m->points);
		rc = rota_table_put(&t, err);
		len += (size_t)snprintf(list + len, sizeof(list) - len,
					"%s\"%s\"", i ? "," : "", m->name);
	}
	rota_table_end(&t);
	if (rc < 0)
		return rc;
	rota_strlcpy(list + len, "]", sizeof(list) - len);
	if ((rc = rota_db_prepare(im->st,
				  "DELETE FROM kpi_metric WHERE name NOT IN "
				  "(SELECT value FROM json_each(?1))",
				  &prune, err)) < 0)
		return rc;
	rota_db_bind_text(prune, 1, list);
	rc = step_stmt(im, prune, err, "removing kpi metrics");
	sqlite3_finalize(prune);
	return rc;
}

/* [attendance] and [payroll]: a section in the file sets all its keys
 * (those left out go back to their defaults); counted per section. */
static int save_hr(struct rota_import *im, const struct ini_state *s,
		   struct rota_error *err)
{
	struct rota_hr_settings h;
	int rc, changed[2] = {0, 0};

	if (!s->have_hr[0] && !s->have_hr[1])
		return 0;
	if ((rc = rota_store_hr_settings(im->st, &h, err)) < 0)
		return rc;
	for (int i = 0; i < ROTA_HR_SETTING_COUNT; i++) {
		int sec = strcmp(rota_hr_setting_section(i), "payroll") == 0;

		if (!s->have_hr[sec] || h.v[i] == s->hr.v[i])
			continue;
		h.v[i] = s->hr.v[i];
		changed[sec] = 1;
	}
	if ((rc = rota_store_hr_settings_set(im->st, &h, NULL, err)) < 0)
		return rota_error_prefix(err, "%s", im->label);
	for (int sec = 0; sec < 2; sec++) {
		if (!s->have_hr[sec])
			continue;
		if (changed[sec])
			im->stats->updated++;
		else
			im->stats->unchanged++;
	}
	return 0;
}

int rota_import_site(struct rota_import *im, struct rota_error *err)
{
	struct ini_key hr_key_buf[2][ROTA_HR_SETTING_COUNT];
	struct rota_ops_settings ops_def = ROTA_OPS_SETTINGS_INIT;
	struct ini_state s;
	struct rota_site old;
	struct rota_error e = {0};
	int had_site, rc;
	FILE *f = NULL;

	memset(&s, 0, sizeof(s));
	s.ops = ops_def;
	rota_hr_settings_defaults(&s.hr);
	s.hr_keys[0] = hr_key_buf[0];
	s.hr_keys[1] = hr_key_buf[1];
	hr_keys(&s);
	had_site = rota_store_site_get(im->st, &old, &e) == 0;
	if (had_site) {
		s.site = old;
	} else {
		struct rota_site def = ROTA_SITE_INIT;

		s.site = def;
	}
	if ((rc = rota_import_open(im, &f, err)) < 0)
		return rc;
	rc = parse_ini(f, im->label, &s, err);
	fclose(f);
	if (rc < 0)
		return rc;
	if (!s.have_site_section && !had_site)
		return rota_error_set(err, ROTA_EDATA,
				      "%s: no [site] section (the database has "
				      "no site yet)", im->label);
	if (s.have_site_section && !had_site && !s.has_tz)
		return rota_error_set(err, ROTA_EDATA,
				      "%s: [site] has no 'timezone' (an IANA "
				      "name such as Asia/Shanghai)", im->label);
	if (s.have_site_section) {
		if (had_site && strcmp(old.name, s.site.name) == 0 &&
		    strcmp(old.timezone, s.site.timezone) == 0 &&
		    old.interval_min == s.site.interval_min &&
		    old.grace_min == s.site.grace_min) {
			im->stats->unchanged++;
		} else {
			if ((rc = rota_store_site_set(im->st, &s.site, err)) <
			    0)
				return rota_error_prefix(err, "%s", im->label);
			if (had_site)
				im->stats->updated++;
			else
				im->stats->added++;
		}
	}
	if ((rc = check_kpis(&s, im->label, err)) < 0)
		return rc;
	if ((rc = save_skills(im, &s, err)) < 0 ||
	    (rc = save_kpis(im, &s, err)) < 0 ||
	    (rc = save_leave_types(im, &s, err)) < 0 ||
	    (rc = save_settings(im, &s, err)) < 0 ||
	    (rc = save_hr(im, &s, err)) < 0)
		return rc;
	return 0;
}
