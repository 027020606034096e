/*
 * store/hr.c - the site's attendance and payroll settings (table
 * hr_setting), one table of them: ROTA_HR_SETTING_MAP in store/store.h.
 */
#include "store/store_int.h"

#include <string.h>

static const struct {
	const char *name, *section;
	int kind, def, min, max;
	const char *summary;
} settings[ROTA_HR_SETTING_COUNT] = {
#define ROTA_X_HR(n, sec, kind, def, min, max, summary)                        \
	{#n, #sec, ROTA_HR_##kind, def, min, max, summary},
	ROTA_HR_SETTING_MAP(ROTA_X_HR)
#undef ROTA_X_HR
};

#define IN_RANGE(i) ((i) >= 0 && (i) < ROTA_HR_SETTING_COUNT)

const char *rota_hr_setting_name(int i)
{
	return IN_RANGE(i) ? settings[i].name : NULL;
}

const char *rota_hr_setting_section(int i)
{
	return IN_RANGE(i) ? settings[i].section : NULL;
}

int rota_hr_setting_kind(int i)
{
	return IN_RANGE(i) ? settings[i].kind : 0;
}

int rota_hr_setting_default(int i)
{
	return IN_RANGE(i) ? settings[i].def : 0;
}

int rota_hr_setting_min(int i)
{
	return IN_RANGE(i) ? settings[i].min : 0;
}

int rota_hr_setting_max(int i)
{
	return IN_RANGE(i) ? settings[i].max : 0;
}

const char *rota_hr_setting_summary(int i)
{
	return IN_RANGE(i) ? settings[i].summary : NULL;
}

int rota_hr_setting_find(const char *section, const char *name)
{
	for (int i = 0; i < ROTA_HR_SETTING_COUNT; i++)
		if ((!section || strcmp(settings[i].section, section) == 0) &&
		    strcmp(settings[i].name, name) == 0)
			return i;
	return -1;
}

void rota_hr_settings_defaults(struct rota_hr_settings *h)
{
	for (int i = 0; i < ROTA_HR_SETTING_COUNT; i++)
		h->v[i] = settings[i].def;
}

int rota_store_hr_settings(struct rota_store *st,
			   struct rota_hr_settings *out,
			   struct rota_error *err)
{
	struct rota_hr_settings h;
	sqlite3_stmt *s;
	int rc;

	rota_hr_settings_defaults(&h);
	if ((rc = rota_db_prepare(st, "SELECT key, value FROM hr_setting", &s,
				  err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);
		int i = key ? rota_hr_setting_find(NULL, key) : -1;

		if (i >= 0)
			h.v[i] = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading the HR settings");
	*out = h;
	return 0;
}

int rota_store_hr_settings_set(struct rota_store *st,
			       const struct rota_hr_settings *h, int *changed,
			       struct rota_error *err)
{
	struct rota_hr_settings old;
	sqlite3_stmt *s = NULL;
	int rc, n = 0;

	for (int i = 0; i < ROTA_HR_SETTING_COUNT; i++)
		if (h->v[i] < settings[i].min || h->v[i] > settings[i].max)
			return rota_error_set(err, ROTA_EDATA,
					      "%s: %d is out of range "
					      "(expected %d to %d)",
					      settings[i].name, h->v[i],
					      settings[i].min,
					      settings[i].max);
	if ((rc = rota_store_hr_settings(st, &old, err)) < 0)
		return rc;
	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = rota_db_prepare(st,
				  "INSERT INTO hr_setting (key, value) VALUES "
				  "(?1, ?2) ON CONFLICT (key) DO UPDATE SET "
				  "value = excluded.value",
				  &s, err)) < 0)
		goto fail;
	for (int i = 0; i < ROTA_HR_SETTING_COUNT; i++) {
		if (h->v[i] == old.v[i])
			continue;
		sqlite3_bind_text(s, 1, settings[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, h->v[i]);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = rota_db_error(st, err, "saving the HR settings");
			goto fail;
		}
		sqlite3_reset(s);
		n++;
	}
	sqlite3_finalize(s);
	if ((rc = rota_store_commit(st, err)) < 0)
		return rc;
	if (changed)
		*changed = n;
	return 0;
fail:
	sqlite3_finalize(s);
	rota_store_rollback(st);
	return rc;
}
