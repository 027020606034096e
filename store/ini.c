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

struct ini_state {
	struct rota_site site;
	int have_site_section;
	int has_tz, has_name;
	struct rota_skill skills[MAX_INI_SKILLS];
	long skill_line[MAX_INI_SKILLS];
	int n_skills;
	int section;          /* -2 none, -1 [site], >= 0 skill index */
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

static int parse_ini(FILE *f, const char *label, struct ini_state *s,
		     struct rota_error *err)
{
	char *buf = NULL;
	size_t cap = 0;
	long line = 0;
	int rc = 0;

	s->section = -2;
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
			p = trim(p + 1);
			if (strcmp(p, "site") == 0) {
				if (s->have_site_section) {
					rc = ini_error(err, label, line, NULL,
						       "[site] appears twice");
					break;
				}
				s->have_site_section = 1;
				s->section = -1;
			} else if (strncmp(p, "skill.", 6) == 0) {
				const char *name = p + 6;
				struct rota_skill def = ROTA_SKILL_INIT;

				if (!rota_id_valid(name)) {
					rc = ini_error(err, label, line, NULL,
						       "'%s' is not a valid "
						       "skill name", name);
					break;
				}
				for (int i = 0; i < s->n_skills; i++)
					if (strcmp(s->skills[i].name, name) ==
					    0) {
						rc = ini_error(
							err, label, line, NULL,
							"[skill.%s] appears "
							"twice (first on line "
							"%ld)", name,
							s->skill_line[i]);
						goto out;
					}
				if (s->n_skills >= MAX_INI_SKILLS) {
					rc = ini_error(err, label, line, NULL,
						       "more than %d skills",
						       MAX_INI_SKILLS);
					break;
				}
				s->section = s->n_skills;
				s->skills[s->n_skills] = def;
				rota_strlcpy(s->skills[s->n_skills].name, name,
					     ROTA_ID_MAX);
				s->skill_line[s->n_skills++] = line;
			} else {
				rc = ini_error(err, label, line, NULL,
					       "unknown section [%s] (expected "
					       "[site] or [skill.NAME])", p);
				break;
			}
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
		if (s->section == -2) {
			rc = ini_error(err, label, line, key,
				       "outside any section");
			break;
		}
		rc = s->section == -1
			     ? site_key(s, label, line, key, v, err)
			     : skill_key(&s->skills[s->section], label, line,
					 key, v, err);
		if (rc < 0)
			break;
	}
out:
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

int rota_import_site(struct rota_import *im, struct rota_error *err)
{
	struct ini_state s;
	struct rota_site old;
	struct rota_error e = {0};
	int had_site, rc;
	FILE *f;

	memset(&s, 0, sizeof(s));
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
	return 0;
}
