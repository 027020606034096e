/*
 * store/access.c - who may reach the site over the network (rota serve):
 * calendar feed tokens, clock terminals, users of the supervisor's page and
 * their sessions.  Only selectors and hashes of secrets are stored
 * (store/store.h); comparing them is the caller's job.
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

static int oom(struct rota_error *err)
{
	return rota_error_set(err, ROTA_ENOMEM, "out of memory");
}

static void column_hash(sqlite3_stmt *s, int col,
			unsigned char out[ROTA_SECRET_HASH_LEN])
{
	const void *b = sqlite3_column_blob(s, col);

	memset(out, 0, ROTA_SECRET_HASH_LEN);
	if (b && sqlite3_column_bytes(s, col) == ROTA_SECRET_HASH_LEN)
		memcpy(out, b, ROTA_SECRET_HASH_LEN);
}

/* Step a statement that returns no row; fills err with `what`. */
static int step_done(struct rota_store *st, sqlite3_stmt *s, const char *what,
		     struct rota_error *err)
{
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0
						: rota_db_error(st, err, what);

	sqlite3_finalize(s);
	return rc;
}

/* ------------------------------------------------------ feed tokens */

/* Row id of the employee, or for a team 0 after checking it has members. */
static int subject(struct rota_store *st, const char *employee,
		   const char *team, int64_t *employee_id,
		   struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!employee == !team)
		return rota_error_set(err, ROTA_EINVAL,
				      "a feed is an employee's or a team's");
	if (employee) {
		int64_t id = rota_db_id_of(st, ROTA_DB_EMPLOYEE, employee);

		if (id < 0)
			return rota_db_error(st, err, "looking up an employee");
		if (id == 0)
			return rota_error_set(err, ROTA_ENOTFOUND,
					      "no employee '%s'", employee);
		*employee_id = id;
		return 0;
	}
	*employee_id = 0;
	if ((rc = rota_db_prepare(st, "SELECT 1 FROM employee WHERE team = ?1 "
				  "LIMIT 1", &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, team);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "looking up a team");
	return rota_error_set(err, ROTA_ENOTFOUND, "no team '%s'", team);
}

#define FEED_COLUMNS                                                          \
	"SELECT f.id, coalesce(e.code, ''), coalesce(f.team, ''), "           \
	"f.created_at, f.hash, f.selector FROM feed_token f LEFT JOIN "       \
	"employee e ON e.id = f.employee_id "

static void read_feed(sqlite3_stmt *s, struct rota_feed_token *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(s, 0);
	rota_db_column_text(s, 1, t->employee, sizeof(t->employee));
	rota_db_column_text(s, 2, t->team, sizeof(t->team));
	t->created_at = sqlite3_column_int64(s, 3);
	column_hash(s, 4, t->hash);
	rota_db_column_text(s, 5, t->selector, sizeof(t->selector));
}

/* Bind the subject as ?1 (employee row id) and ?2 (team). */
static void bind_subject(sqlite3_stmt *s, int64_t employee_id,
			 const char *team)
{
	if (employee_id)
		sqlite3_bind_int64(s, 1, employee_id);
	else
		sqlite3_bind_null(s, 1);
	rota_db_bind_text(s, 2, team);
}

static int revoke_feed(struct rota_store *st, int64_t employee_id,
		       const char *team, int64_t now, int *changed,
		       struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "UPDATE feed_token SET revoked_at = ?3 "
				  "WHERE revoked_at IS NULL AND (employee_id "
				  "= ?1 OR team = ?2)",
				  &s, err)) < 0)
		return rc;
	bind_subject(s, employee_id, team);
	sqlite3_bind_int64(s, 3, now);
	if ((rc = step_done(st, s, "revoking a feed token", err)) == 0)
		*changed = sqlite3_changes(st->db);
	return rc;
}

int rota_store_feed_token_put(struct rota_store *st, const char *employee,
			      const char *team, const struct rota_secret *sec,
			      int64_t now, struct rota_error *err)
{
	sqlite3_stmt *s;
	int64_t eid;
	int rc, changed;

	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = subject(st, employee, team, &eid, err)) < 0 ||
	    (rc = revoke_feed(st, eid, team, now, &changed, err)) < 0 ||
	    (rc = rota_db_prepare(st,
				  "INSERT INTO feed_token (employee_id, team, "
				  "selector, hash, created_at) VALUES (?1, ?2, "
				  "?3, ?4, ?5)",
				  &s, err)) < 0)
		goto fail;
	bind_subject(s, eid, team);
	rota_db_bind_text(s, 3, sec->selector);
	sqlite3_bind_blob(s, 4, sec->hash, ROTA_SECRET_HASH_LEN,
			  SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, now);
	if ((rc = step_done(st, s, "storing a feed token", err)) < 0)
		goto fail;
	return rota_store_commit(st, err);
fail:
	rota_store_rollback(st);
	return rc;
}

int rota_store_feed_token_get(struct rota_store *st, const char *employee,
			      const char *team, struct rota_feed_token *out,
			      struct rota_error *err)
{
	sqlite3_stmt *s;
	int64_t eid;
	int rc;

	if ((rc = subject(st, employee, team, &eid, err)) < 0 ||
	    (rc = rota_db_prepare(st,
				  FEED_COLUMNS "WHERE f.revoked_at IS NULL "
				  "AND (f.employee_id = ?1 OR f.team = ?2)",
				  &s, err)) < 0)
		return rc;
	bind_subject(s, eid, team);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_feed(s, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = rota_error_set(err, ROTA_ENOTFOUND, "%s '%s' has no feed",
				    employee ? "employee" : "team",
				    employee ? employee : team);
	} else {
		rc = rota_db_error(st, err, "reading feed tokens");
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_store_feed_token_revoke(struct rota_store *st, const char *employee,
				 const char *team, int64_t now,
				 struct rota_error *err)
{
	int64_t eid;
	int rc, changed = 0;

	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = subject(st, employee, team, &eid, err)) < 0 ||
	    (rc = revoke_feed(st, eid, team, now, &changed, err)) < 0)
		goto fail;
	if (!changed) {
		rc = rota_error_set(err, ROTA_ENOTFOUND, "%s '%s' has no feed",
				    employee ? "employee" : "team",
				    employee ? employee : team);
		goto fail;
	}
	return rota_store_commit(st, err);
fail:
	rota_store_rollback(st);
	return rc;
}

int rota_store_feed_token_find(struct rota_store *st, const char *selector,
			       struct rota_feed_token *out,
			       struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  FEED_COLUMNS "WHERE f.selector = ?1 AND "
				  "f.revoked_at IS NULL",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, selector);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_feed(s, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = rota_error_set(err, ROTA_ENOTFOUND, "no such feed");
	} else {
		rc = rota_db_error(st, err, "reading feed tokens");
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_store_feed_subject(struct rota_store *st, const char *employee,
			    const char *team, struct rota_error *err)
{
	int64_t eid;

	return subject(st, employee, team, &eid, err);
}

/* -------------------------------------------------------- terminals */

#define TERMINAL_COLUMNS                                                      \
	"SELECT id, name, created_at, coalesce(revoked_at, 0), hash FROM "    \
	"terminal "

static void read_terminal(sqlite3_stmt *s, struct rota_terminal *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(s, 0);
	rota_db_column_text(s, 1, t->name, sizeof(t->name));
	t->created_at = sqlite3_column_int64(s, 2);
	t->revoked_at = sqlite3_column_int64(s, 3);
	column_hash(s, 4, t->hash);
}

int rota_store_terminal_add(struct rota_store *st, const char *name,
			    const struct rota_secret *sec, int64_t now,
			    struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!rota_id_valid(name))
		return rota_error_set(err, ROTA_EINVAL,
				      "'%s' is not a terminal name (letters, "
				      "digits, '.', '_' and '-')", name);
	if ((rc = rota_db_prepare(st,
				  "INSERT INTO terminal (name, selector, hash, "
				  "created_at) VALUES (?1, ?2, ?3, ?4)",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, name);
	rota_db_bind_text(s, 2, sec->selector);
	sqlite3_bind_blob(s, 3, sec->hash, ROTA_SECRET_HASH_LEN,
			  SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, now);
	if (sqlite3_step(s) == SQLITE_DONE)
		rc = 0;
	else if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "a terminal '%s' already exists", name);
	else
		rc = rota_db_error(st, err, "adding a terminal");
	sqlite3_finalize(s);
	return rc;
}

int rota_store_terminal_revoke(struct rota_store *st, const char *name,
			       int64_t now, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "UPDATE terminal SET revoked_at = ?2 WHERE "
				  "name = ?1 AND revoked_at IS NULL",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, name);
	sqlite3_bind_int64(s, 2, now);
	if ((rc = step_done(st, s, "revoking a terminal", err)) < 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return rota_error_set(err, ROTA_ENOTFOUND,
				      "no live terminal '%s'", name);
	return 0;
}

int rota_store_terminal_find(struct rota_store *st, const char *selector,
			     struct rota_terminal *out,
			     struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  TERMINAL_COLUMNS "WHERE selector = ?1 AND "
				  "revoked_at IS NULL",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, selector);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_terminal(s, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = rota_error_set(err, ROTA_ENOTFOUND, "no such terminal");
	} else {
		rc = rota_db_error(st, err, "reading terminals");
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_store_terminal_list(struct rota_store *st, struct rota_terminal **out,
			     size_t *n, struct rota_error *err)
{
	struct rota_terminal *arr = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st, TERMINAL_COLUMNS "ORDER BY name", &s,
				  err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (ROTA_GROW(arr, cap, cnt) < 0) {
			rc = oom(err);
			goto fail;
		}
		read_terminal(s, &arr[cnt]);
		memset(arr[cnt].hash, 0, sizeof(arr[cnt].hash));
		cnt++;
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading terminals");
		goto fail;
	}
	sqlite3_finalize(s);
	*out = arr;
	*n = cnt;
	return 0;
fail:
	sqlite3_finalize(s);
	free(arr);
	return rc;
}

/* ------------------------------------------------------------ users */

static int role_valid(const char *role)
{
	return role && (strcmp(role, "supervisor") == 0 ||
			strcmp(role, "viewer") == 0);
}

int rota_store_user_put(struct rota_store *st, const char *name,
			const char *role, const char *pw_hash, int64_t now,
			struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!name || !*name || strlen(name) >= ROTA_NAME_MAX)
		return rota_error_set(err, ROTA_EINVAL,
				      "a user needs a name (at most %d bytes)",
				      ROTA_NAME_MAX - 1);
	if (!role_valid(role))
		return rota_error_set(err, ROTA_EINVAL,
				      "a role is 'supervisor' or 'viewer'");
	if (!pw_hash || !*pw_hash || strlen(pw_hash) >= ROTA_PWHASH_MAX)
		return rota_error_set(err, ROTA_EINVAL, "bad password hash");
	if ((rc = rota_db_prepare(st,
				  "INSERT INTO app_user (name, role, pw_hash, "
				  "created_at) VALUES (?1, ?2, ?3, ?4) ON "
				  "CONFLICT (name) DO UPDATE SET role = "
				  "excluded.role, pw_hash = excluded.pw_hash",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, name);
	rota_db_bind_text(s, 2, role);
	rota_db_bind_text(s, 3, pw_hash);
	sqlite3_bind_int64(s, 4, now);
	return step_done(st, s, "storing a user", err);
}

#define USER_COLUMNS "SELECT id, name, role, pw_hash, created_at FROM app_user "

static void read_user(sqlite3_stmt *s, struct rota_user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(s, 0);
	rota_db_column_text(s, 1, u->name, sizeof(u->name));
	rota_db_column_text(s, 2, u->role, sizeof(u->role));
	rota_db_column_text(s, 3, u->pw_hash, sizeof(u->pw_hash));
	u->created_at = sqlite3_column_int64(s, 4);
}

int rota_store_user_get(struct rota_store *st, const char *name,
			struct rota_user *out, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st, USER_COLUMNS "WHERE name = ?1", &s,
				  err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_user(s, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = rota_error_set(err, ROTA_ENOTFOUND, "no user '%s'", name);
	} else {
		rc = rota_db_error(st, err, "reading users");
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_store_user_list(struct rota_store *st, struct rota_user **out,
			 size_t *n, struct rota_error *err)
{
	struct rota_user *arr = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st, USER_COLUMNS "ORDER BY name", &s,
				  err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (ROTA_GROW(arr, cap, cnt) < 0) {
			rc = oom(err);
			goto fail;
		}
		read_user(s, &arr[cnt]);
		arr[cnt].pw_hash[0] = '\0';
		cnt++;
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading users");
		goto fail;
	}
	sqlite3_finalize(s);
	*out = arr;
	*n = cnt;
	return 0;
fail:
	sqlite3_finalize(s);
	free(arr);
	return rc;
}

int rota_store_user_remove(struct rota_store *st, const char *name,
			   struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st, "DELETE FROM app_user WHERE name = ?1",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, name);
	if ((rc = step_done(st, s, "removing a user", err)) < 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return rota_error_set(err, ROTA_ENOTFOUND, "no user '%s'", name);
	return 0;
}

/* --------------------------------------------------------- sessions */

int rota_store_session_add(struct rota_store *st, const char *user,
			   const struct rota_secret *sec, const char *csrf,
			   int64_t now, int64_t expires_at,
			   struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "INSERT INTO web_session (selector, hash, "
				  "user_id, csrf, created_at, expires_at) "
				  "SELECT ?1, ?2, id, ?3, ?4, ?5 FROM app_user "
				  "WHERE name = ?6",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, sec->selector);
	sqlite3_bind_blob(s, 2, sec->hash, ROTA_SECRET_HASH_LEN,
			  SQLITE_TRANSIENT);
	rota_db_bind_text(s, 3, csrf);
	sqlite3_bind_int64(s, 4, now);
	sqlite3_bind_int64(s, 5, expires_at);
	rota_db_bind_text(s, 6, user);
	if ((rc = step_done(st, s, "storing a session", err)) < 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return rota_error_set(err, ROTA_ENOTFOUND, "no user '%s'", user);
	return 0;
}

int rota_store_session_find(struct rota_store *st, const char *selector,
			    int64_t now, struct rota_web_session *out,
			    struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT s.id, u.id, u.name, u.role, "
				  "u.created_at, s.csrf, s.created_at, "
				  "s.expires_at, s.hash FROM web_session s "
				  "JOIN app_user u ON u.id = s.user_id WHERE "
				  "s.selector = ?1 AND s.expires_at > ?2",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, selector);
	sqlite3_bind_int64(s, 2, now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		out->id = sqlite3_column_int64(s, 0);
		out->user.id = sqlite3_column_int64(s, 1);
		rota_db_column_text(s, 2, out->user.name,
				    sizeof(out->user.name));
		rota_db_column_text(s, 3, out->user.role,
				    sizeof(out->user.role));
		out->user.created_at = sqlite3_column_int64(s, 4);
		rota_db_column_text(s, 5, out->csrf, sizeof(out->csrf));
		out->created_at = sqlite3_column_int64(s, 6);
		out->expires_at = sqlite3_column_int64(s, 7);
		column_hash(s, 8, out->hash);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = rota_error_set(err, ROTA_ENOTFOUND, "no such session");
	} else {
		rc = rota_db_error(st, err, "reading sessions");
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_store_session_delete(struct rota_store *st, const char *selector,
			      int64_t now, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "DELETE FROM web_session WHERE selector = ?1 "
				  "OR expires_at <= ?2",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, selector);
	sqlite3_bind_int64(s, 2, now);
	return step_done(st, s, "removing a session", err);
}

int64_t rota_store_data_version(struct rota_store *st)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}
