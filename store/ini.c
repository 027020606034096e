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
 * Keys are checked (a typo is an error, not silently ignored); values may be
 * wrapped in double quotes.  Errors name file, line and key.
 */
#include "store/import_int.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INI_SKILLS ROTA_MAX_SKILLS

#define MAX_INI_LEAVE 32
#define MAX_INI_BLACKOUTS 64

/* Sections other than [site] and skills. */
enum { SEC_NONE = -2, SEC_SITE = -1, SEC_LEAVE = -3, SEC_TIMEOFF = -4,
       SEC_OPERATIONS = -5 };

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

static int num(const char *label, long line, const char *key, const char *v,
	       double min, double max, int min_open, double *out,
	       struct rota_error *err)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (!*v || errno || *end || !isfinite(d))
		return ini_error(err, label, line, key, "'%s' is not a number",
				 v);
	if (d < min || d > max || (min_open && d <= min))
		return ini_error(err, label, line, key,
				 "%g is out of range (expected %s%g to %g)", d,
				 min_open ? "more than " : "", min, max);
	*out = d;
	return 0;
}

static int whole(const char *label, long line, const char *key,
		 const char *v, long min, long max, int *out,
		 struct rota_error *err)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (!*v || errno || *end)
		return ini_error(err, label, line, key,
				 "'%s' is not a whole number", v);
	if (n < min || n > max)
		return ini_error(err, label, line, key,
				 "%ld is out of range (expected %ld to %ld)", n,
				 min, max);
	*out = (int)n;
	return 0;
}

static int site_key(struct ini_state *s, const char *label, long line,
		    const char *key, const char *v, struct rota_error *err)
{
	if (strcmp(key, "name") == 0) {
		if (!*v || strlen(v) >= sizeof(s->site.name))
			return ini_error(err, label, line, key,
					 "expected 1 to %zu bytes",
					 sizeof(s->site.name) - 1);
		rota_strlcpy(s->site.name, v, sizeof(s->site.name));
		s->has_name = 1;
		return 0;
	}
	if (strcmp(key, "timezone") == 0) {
		struct rota_error e = {0};
		struct rota_tz *tz = rota_tz_load(v, &e);

		if (!tz)
			return ini_error(err, label, line, key, "%s", e.msg);
		rota_tz_free(tz);
		rota_strlcpy(s->site.timezone, v, sizeof(s->site.timezone));
		s->has_tz = 1;
		return 0;
	}
	if (strcmp(key, "interval_min") == 0) {
		int rc = whole(label, line, key, v, 1, 1440,
			       &s->site.interval_min, err);

		if (rc == 0 && s->site.interval_min != 15 &&
		    s->site.interval_min != 30 && s->site.interval_min != 60)
			return ini_error(err, label, line, key,
					 "%d is not supported (expected 15, "
					 "30 or 60)", s->site.interval_min);
		return rc;
	}
	if (strcmp(key, "grace_min") == 0)
		return whole(label, line, key, v, 0, 240, &s->site.grace_min,
			     err);
	return ini_error(err, label, line, key,
			 "unknown key in [site] (expected name, timezone, "
			 "interval_min, grace_min)");
}

static int skill_key(struct rota_skill *k, const char *label, long line,
		     const char *key, const char *v, struct rota_error *err)
{
	if (strcmp(key, "sl") == 0)
		return num(label, line, key, v, 0, 1, 1, &k->sl, err);
	if (strcmp(key, "answer_s") == 0)
		return num(label, line, key, v, 0, 86400, 0, &k->answer_s, err);
	if (strcmp(key, "max_occupancy") == 0)
		return num(label, line, key, v, 0, 1, 1, &k->max_occupancy,
			   err);
	if (strcmp(key, "shrinkage") == 0) {
		int rc = num(label, line, key, v, 0, 1, 0, &k->shrinkage, err);

		if (rc == 0 && k->shrinkage >= 1)
			return ini_error(err, label, line, key,
					 "%g is out of range (expected 0 to "
					 "less than 1)", k->shrinkage);
		return rc;
	}
	if (strcmp(key, "concurrency") == 0)
		return whole(label, line, key, v, 1, 20, &k->concurrency, err);
	if (strcmp(key, "patience_s") == 0)
		return num(label, line, key, v, 0, 86400, 0, &k->patience_s,
			   err);
	if (strcmp(key, "max_abandon") == 0)
		return num(label, line, key, v, 0, 1, 0, &k->max_abandon, err);
	if (strcmp(key, "asa_s") == 0)
		return num(label, line, key, v, 0, 86400, 0, &k->asa_s, err);
	return ini_error(err, label, line, key,
			 "unknown key in a skill section (expected sl, "
			 "answer_s, max_occupancy, shrinkage, concurrency, "
			 "patience_s, max_abandon, asa_s)");
}

static int yes_no(const char *label, long line, const char *key,
		  const char *v, int *out, struct rota_error *err)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0) {
		*out = 1;
		return 0;
	}
	if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0) {
		*out = 0;
		return 0;
	}
	return ini_error(err, label, line, key,
			 "'%s' is not yes or no", v);
}

/* A count or "none" (-1). */
static int count_or_none(const char *label, long line, const char *key,
			 const char *v, int *out, struct rota_error *err)
{
	if (strcmp(v, "none") == 0 || strcmp(v, "-") == 0) {
		*out = -1;
		return 0;
	}
	return whole(label, line, key, v, 0, 100000, out, err);
}

static int leave_key(struct rota_leave_type *t, const char *label, long line,
		     const char *key, const char *v, struct rota_error *err)
{
	if (strcmp(key, "paid") == 0)
		return yes_no(label, line, key, v, &t->paid, err);
	if (strcmp(key, "planned") == 0)
		return yes_no(label, line, key, v, &t->planned, err);
	return ini_error(err, label, line, key,
			 "unknown key in a leave section (expected paid, "
			 "planned)");
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

static int timeoff_key(struct ini_state *s, const char *label, long line,
		       const char *key, const char *v, struct rota_error *err)
{
	struct rota_ops_settings *o = &s->ops;

	if (strcmp(key, "min_notice_days") == 0)
		return whole(label, line, key, v, 0, 366, &o->min_notice_days,
			     err);
	if (strcmp(key, "max_off_per_team") == 0)
		return count_or_none(label, line, key, v, &o->max_off_per_team,
				     err);
	if (strcmp(key, "max_off_per_skill") == 0)
		return count_or_none(label, line, key, v,
				     &o->max_off_per_skill, err);
	if (strcmp(key, "auto_approve") == 0)
		return yes_no(label, line, key, v, &o->auto_approve, err);
	if (strcmp(key, "blackout") == 0)
		return blackout_list(s, label, line, key, v, err);
	return ini_error(err, label, line, key,
			 "unknown key in [timeoff] (expected min_notice_days, "
			 "max_off_per_team, max_off_per_skill, blackout, "
			 "auto_approve)");
}

static int operations_key(struct rota_ops_settings *o, const char *label,
			  long line, const char *key, const char *v,
			  struct rota_error *err)
{
	int n;

	if (strcmp(key, "notice_hours") == 0) {
		int rc = whole(label, line, key, v, 0, 720, &n, err);

		if (rc == 0)
			o->notice_min = n * 60;
		return rc;
	}
	if (strcmp(key, "change_weight") == 0) {
		int rc = whole(label, line, key, v, 0, 1000000, &n, err);

		if (rc == 0)
			o->change_weight = n;
		return rc;
	}
	if (strcmp(key, "allow_overtime") == 0)
		return yes_no(label, line, key, v, &o->allow_overtime, err);
	return ini_error(err, label, line, key,
			 "unknown key in [operations] (expected notice_hours, "
			 "change_weight, allow_overtime)");
}

/* Open a section header's section; returns 0 or an error. */
static int open_section(struct ini_state *s, const char *label, long line,
			const char *p, struct rota_error *err)
{
	if (strcmp(p, "site") == 0) {
		if (s->have_site_section)
			return ini_error(err, label, line, NULL,
					 "[site] appears twice");
		s->have_site_section = 1;
		s->section = SEC_SITE;
		return 0;
	}
	if (strcmp(p, "timeoff") == 0 || strcmp(p, "operations") == 0) {
		int *have = p[0] == 't' ? &s->have_timeoff
					: &s->have_operations;

		if (*have)
			return ini_error(err, label, line, NULL,
					 "[%s] appears twice", p);
		*have = 1;
		s->section = p[0] == 't' ? SEC_TIMEOFF : SEC_OPERATIONS;
		return 0;
	}
	if (strncmp(p, "leave.", 6) == 0) {
		const char *name = p + 6;

		if (!rota_id_valid(name))
			return ini_error(err, label, line, NULL,
					 "'%s' is not a valid leave type name",
					 name);
		for (int i = 0; i < s->n_leave; i++)
			if (strcmp(s->leave[i].name, name) == 0)
				return ini_error(err, label, line, NULL,
						 "[leave.%s] appears twice "
						 "(first on line %ld)",
						 name, s->leave_line[i]);
		if (s->n_leave >= MAX_INI_LEAVE)
			return ini_error(err, label, line, NULL,
					 "more than %d leave types",
					 MAX_INI_LEAVE);
		memset(&s->leave[s->n_leave], 0, sizeof(s->leave[0]));
		rota_strlcpy(s->leave[s->n_leave].name, name, ROTA_ID_MAX);
		s->leave[s->n_leave].paid = 1;
		s->leave[s->n_leave].planned = 1;
		s->leave_line[s->n_leave++] = line;
		s->section = SEC_LEAVE;
		return 0;
	}
	if (strncmp(p, "skill.", 6) == 0) {
		const char *name = p + 6;
		struct rota_skill def = ROTA_SKILL_INIT;

		if (!rota_id_valid(name))
			return ini_error(err, label, line, NULL,
					 "'%s' is not a valid skill name",
					 name);
		for (int i = 0; i < s->n_skills; i++)
			if (strcmp(s->skills[i].name, name) == 0)
				return ini_error(err, label, line, NULL,
						 "[skill.%s] appears twice "
						 "(first on line %ld)",
						 name, s->skill_line[i]);
		if (s->n_skills >= MAX_INI_SKILLS)
			return ini_error(err, label, line, NULL,
					 "more than %d skills",
					 MAX_INI_SKILLS);
		s->section = s->n_skills;
		s->skills[s->n_skills] = def;
		rota_strlcpy(s->skills[s->n_skills].name, name, ROTA_ID_MAX);
		s->skill_line[s->n_skills++] = line;
		return 0;
	}
	return ini_error(err, label, line, NULL,
			 "unknown section [%s] (expected [site], "
			 "[skill.NAME], [leave.NAME], [timeoff] or "
			 "[operations])", p);
}

static int section_key(struct ini_state *s, const char *label, long line,
		       const char *key, const char *v, struct rota_error *err)
{
	switch (s->section) {
	case SEC_NONE:
		return ini_error(err, label, line, key, "outside any section");
	case SEC_SITE:
		return site_key(s, label, line, key, v, err);
	case SEC_LEAVE:
		return leave_key(&s->leave[s->n_leave - 1], label, line, key, v,
				 err);
	case SEC_TIMEOFF:
		return timeoff_key(s, label, line, key, v, err);
	case SEC_OPERATIONS:
		return operations_key(&s->ops, label, line, key, v, err);
	default:
		return skill_key(&s->skills[s->section], label, line, key, v,
				 err);
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

static int save_skill(struct rota_import *im, const struct rota_skill *k,
		      struct rota_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = rota_db_prepare(im->st,
				  "SELECT sl, answer_s, max_occupancy, "
				  "shrinkage, concurrency, patience_s, "
				  "max_abandon, asa_s FROM skill WHERE name = "
				  "?1",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, k->name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		int same = sqlite3_column_double(s, 0) == k->sl &&
			   sqlite3_column_double(s, 1) == k->answer_s &&
			   sqlite3_column_double(s, 2) == k->max_occupancy &&
			   sqlite3_column_double(s, 3) == k->shrinkage &&
			   sqlite3_column_int(s, 4) == k->concurrency &&
			   sqlite3_column_double(s, 5) == k->patience_s &&
			   sqlite3_column_double(s, 6) == k->max_abandon &&
			   sqlite3_column_double(s, 7) == k->asa_s;

		sqlite3_finalize(s);
		if (same) {
			im->stats->unchanged++;
			return 0;
		}
		im->stats->updated++;
	} else if (rc == SQLITE_DONE) {
		sqlite3_finalize(s);
		im->stats->added++;
	} else {
		sqlite3_finalize(s);
		return rota_db_error(im->st, err, "reading skills");
	}
	if ((rc = rota_db_prepare(
		     im->st,
		     "INSERT INTO skill (name, sl, answer_s, max_occupancy, "
		     "shrinkage, concurrency, patience_s, max_abandon, asa_s) "
		     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT "
		     "(name) DO UPDATE SET sl = excluded.sl, answer_s = "
		     "excluded.answer_s, max_occupancy = "
		     "excluded.max_occupancy, shrinkage = excluded.shrinkage, "
		     "concurrency = excluded.concurrency, patience_s = "
		     "excluded.patience_s, max_abandon = excluded.max_abandon, "
		     "asa_s = excluded.asa_s",
		     &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, k->name);
	sqlite3_bind_double(s, 2, k->sl);
	sqlite3_bind_double(s, 3, k->answer_s);
	sqlite3_bind_double(s, 4, k->max_occupancy);
	sqlite3_bind_double(s, 5, k->shrinkage);
	sqlite3_bind_int(s, 6, k->concurrency);
	sqlite3_bind_double(s, 7, k->patience_s);
	sqlite3_bind_double(s, 8, k->max_abandon);
	sqlite3_bind_double(s, 9, k->asa_s);
	rc = sqlite3_step(s) == SQLITE_DONE
		     ? 0
		     : rota_db_error(im->st, err, "saving a skill");
	sqlite3_finalize(s);
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

static int save_leave_types(struct rota_import *im, const struct ini_state *s,
			    struct rota_error *err)
{
	sqlite3_stmt *find = NULL, *put = NULL, *prune = NULL;
	int rc;

	if (s->n_leave == 0)
		return 0;
	if ((rc = rota_db_prepare(im->st,
				  "SELECT paid, planned FROM leave_type WHERE "
				  "name = ?1",
				  &find, err)) < 0 ||
	    (rc = rota_db_prepare(im->st,
				  "INSERT INTO leave_type (name, paid, "
				  "planned) VALUES (?1, ?2, ?3) ON CONFLICT "
				  "(name) DO UPDATE SET paid = excluded.paid, "
				  "planned = excluded.planned",
				  &put, err)) < 0)
		goto out;
	for (int i = 0; i < s->n_leave; i++) {
		const struct rota_leave_type *t = &s->leave[i];

		rota_db_bind_text(find, 1, t->name);
		rc = sqlite3_step(find);
		if (rc == SQLITE_ROW && sqlite3_column_int(find, 0) == t->paid &&
		    sqlite3_column_int(find, 1) == t->planned) {
			sqlite3_reset(find);
			im->stats->unchanged++;
			continue;
		}
		if (rc == SQLITE_ROW)
			im->stats->updated++;
		else
			im->stats->added++;
		sqlite3_reset(find);
		rota_db_bind_text(put, 1, t->name);
		sqlite3_bind_int(put, 2, t->paid);
		sqlite3_bind_int(put, 3, t->planned);
		if ((rc = step_stmt(im, put, err, "saving a leave type")) < 0)
			goto out;
	}
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
	sqlite3_finalize(find);
	sqlite3_finalize(put);
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

int rota_import_site(struct rota_import *im, struct rota_error *err)
{
	struct rota_ops_settings ops_def = ROTA_OPS_SETTINGS_INIT;
	struct ini_state s;
	struct rota_site old;
	struct rota_error e = {0};
	int had_site, rc;
	FILE *f;

	memset(&s, 0, sizeof(s));
	s.ops = ops_def;
	had_site = rota_store_site_get(im->st, &old, &e) == 0;
	if (had_site) {
		s.site = old;
	} else {
		struct rota_site def = ROTA_SITE_INIT;

		s.site = def;
	}
	if (!(f = fopen(im->path, "rb")))
		return rota_error_set(err, ROTA_EIO, "%s: cannot open: %s",
				      im->label, strerror(errno));
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
	for (int i = 0; i < s.n_skills; i++)
		if ((rc = save_skill(im, &s.skills[i], err)) < 0)
			return rc;
	if ((rc = save_leave_types(im, &s, err)) < 0 ||
	    (rc = save_settings(im, &s, err)) < 0)
		return rc;
	return 0;
}
