/*
 * store/setting.c - site settings kept by rota itself (table setting,
 * key -> text): the publish options remembered between runs, the
 * calendar UID domain, ...
 */
#include "store/store_int.h"

#include <string.h>

static int valid_key(const char *key, struct rota_error *err)
{
	if (!key || !*key || strlen(key) >= ROTA_SETTING_MAX)
		return rota_error_set(err, ROTA_EINVAL,
				      "a setting needs a name of 1 to %d "
				      "characters", ROTA_SETTING_MAX - 1);
	return 0;
}

int rota_store_setting_get(struct rota_store *st, const char *key,
			   char *buf, size_t size, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = valid_key(key, err)) < 0)
		return rc;
	if ((rc = rota_db_prepare(st, "SELECT value FROM setting WHERE "
				  "key = ?1", &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if ((size_t)sqlite3_column_bytes(s, 0) >= size)
			rc = rota_error_set(err, ROTA_EDATA,
					    "setting '%s' is longer than %zu "
					    "bytes", key, size - 1);
		else {
			rota_db_column_text(s, 0, buf, size);
			rc = 0;
		}
	} else if (rc == SQLITE_DONE) {
		rc = rota_error_set(err, ROTA_ENOTFOUND, "no setting '%s'",
				    key);
	} else {
		rc = rota_db_error(st, err, "reading a setting");
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_store_setting_put(struct rota_store *st, const char *key,
			   const char *value, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = valid_key(key, err)) < 0)
		return rc;
	if (value && strlen(value) >= ROTA_SETTING_MAX)
		return rota_error_set(err, ROTA_EINVAL,
				      "setting '%s': a value has at most %d "
				      "characters", key, ROTA_SETTING_MAX - 1);
	if ((rc = rota_db_prepare(st,
				  value ? "INSERT INTO setting (key, value) "
					  "VALUES (?1, ?2) ON CONFLICT (key) "
					  "DO UPDATE SET value = ?2"
					: "DELETE FROM setting WHERE key = ?1",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, key);
	if (value)
		rota_db_bind_text(s, 2, value);
	rc = sqlite3_step(s) == SQLITE_DONE
		     ? 0
		     : rota_db_error(st, err, "saving a setting");
	sqlite3_finalize(s);
	return rc;
}
