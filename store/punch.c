/*
 * store/punch.c - clock records: clocking in and out, corrections, listing.
 *
 * Rows are only ever inserted (the schema's triggers refuse UPDATE and
 * DELETE).  A punch is effective when it is not a void and no void or
 * correction points at it.  Every writer here runs inside
 * rota_store_begin() (BEGIN IMMEDIATE): the check "is this employee already
 * clocked in?" and the insert happen under the write lock, so two processes
 * clocking at once queue on the busy timeout and both succeed.
 */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"

static const char *const action_names[] = {"punch", "add", "void", "correct"};

const char *rota_punch_action_name(int action)
{
	return action >= 0 && action < 4 ? action_names[action] : NULL;
}

const char *rota_punch_kind_name(int kind)
{
	return kind == ROTA_PUNCH_IN ? "in" : kind == ROTA_PUNCH_OUT ? "out"
								     : NULL;
}

static int action_of(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(name, action_names[i]) == 0)
			return i;
	return -1;
}

/* Columns read by read_record(); `p` is the punch, `e` its employee. */
#define RECORD_COLUMNS                                                        \
	"SELECT p.id, e.code, p.at, p.kind, p.timezone, p.source, "           \
	"p.recorded_at, p.action, coalesce(p.corrects, 0), "                  \
	"coalesce((SELECT c.id FROM punch c WHERE c.corrects = p.id), 0), "   \
	"p.reason, p.by FROM punch p JOIN employee e ON e.id = p.employee_id "

static void read_record(sqlite3_stmt *s, void *row)
{
	struct rota_punch_record *r = row;
	char text[16];

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	rota_db_column_text(s, 1, r->employee, sizeof(r->employee));
	r->at = sqlite3_column_int64(s, 2);
	rota_db_column_text(s, 3, text, sizeof(text));
	r->kind = strcmp(text, "out") == 0 ? ROTA_PUNCH_OUT : ROTA_PUNCH_IN;
	rota_db_column_text(s, 4, r->timezone, sizeof(r->timezone));
	rota_db_column_text(s, 5, r->source, sizeof(r->source));
	r->recorded_at = sqlite3_column_int64(s, 6);
	rota_db_column_text(s, 7, text, sizeof(text));
	r->action = action_of(text);
	r->corrects = sqlite3_column_int64(s, 8);
	r->superseded_by = sqlite3_column_int64(s, 9);
	rota_db_column_text(s, 10, r->reason, sizeof(r->reason));
	rota_db_column_text(s, 11, r->by, sizeof(r->by));
	r->effective = r->action != ROTA_PUNCH_VOID && r->superseded_by == 0;
}

int rota_store_punch_get(struct rota_store *st, int64_t id,
			 struct rota_punch_record *out, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st, RECORD_COLUMNS "WHERE p.id = ?1", &s,
				  err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = rota_db_row(st, s, read_record, out,
			      "reading a clock record", err)) == 1)
		rc = rota_error_set(err, ROTA_ENOTFOUND,
				    "no clock record %lld", (long long)id);
	return rc;
}

/* Row id of an employee code; ROTA_ENOTFOUND naming it when unknown. */
static int employee_row(struct rota_store *st, const char *code,
			int64_t *id, struct rota_error *err)
{
	int64_t v = rota_db_id_of(st, ROTA_DB_EMPLOYEE, code);

	if (v < 0)
		return rota_db_error(st, err, "looking up an employee");
	if (v == 0)
		return rota_error_set(err, ROTA_ENOTFOUND,
				      "unknown employee '%s'", code);
	*id = v;
	return 0;
}

struct new_row {
	int64_t employee_id;
	int64_t at;
	int kind;
	const char *timezone;
	const char *source;
	int64_t recorded_at;
	int action;
	int64_t corrects;    /* 0: none */
	const char *reason;
	const char *by;
};

static int insert_row(struct rota_store *st, const struct new_row *r,
		      int64_t *id, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "INSERT INTO punch (employee_id, at, kind, "
				  "timezone, source, recorded_at, action, "
				  "corrects, reason, by) VALUES (?1, ?2, ?3, "
				  "?4, ?5, ?6, ?7, ?8, ?9, ?10)",
				  &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, r->employee_id);
	sqlite3_bind_int64(s, 2, r->at);
	rota_db_bind_text(s, 3, rota_punch_kind_name(r->kind));
	rota_db_bind_text(s, 4, r->timezone);
	rota_db_bind_text(s, 5, r->source ? r->source : "");
	sqlite3_bind_int64(s, 6, r->recorded_at);
	rota_db_bind_text(s, 7, rota_punch_action_name(r->action));
	if (r->corrects)
		sqlite3_bind_int64(s, 8, r->corrects);
	else
		sqlite3_bind_null(s, 8);
	rota_db_bind_text(s, 9, r->reason ? r->reason : "");
	rota_db_bind_text(s, 10, r->by ? r->by : "");
	if (sqlite3_step(s) == SQLITE_DONE) {
		*id = sqlite3_last_insert_rowid(st->db);
		rc = 0;
	} else if (sqlite3_extended_errcode(st->db) ==
		   SQLITE_CONSTRAINT_UNIQUE) {
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "the same punch (employee, time, kind and "
				    "source) is already recorded");
	} else {
		rc = rota_db_error(st, err, "recording a punch");
	}
	sqlite3_finalize(s);
	return rc;
}

/* The site's zone, loaded (for messages) and its name (for the record). */
static int site_zone(struct rota_store *st, struct rota_site *site,
		     struct rota_tz **tz, struct rota_error *err)
{
	int rc;

	if ((rc = rota_store_site_get(st, site, err)) < 0)
		return rc;
	if (!(*tz = rota_tz_load(site->timezone, err)))
		return err ? err->code : ROTA_EDATA;
	return 0;
}

int rota_store_clock_check(struct rota_store *st, int64_t at, int64_t now,
			   struct rota_error *err)
{
	struct rota_hr_settings h;
	struct rota_site site;
	struct rota_tz *tz = NULL;
	int64_t off = at > now ? at - now : now - at, tol;
	char a[32], b[32];
	int rc;

	if ((rc = rota_store_hr_settings(st, &h, err)) < 0)
		return rc;
	tol = (int64_t)h.v[ROTA_HR_clock_tolerance_min] * 60;
	if (off <= tol)
		return 0;
	if ((rc = site_zone(st, &site, &tz, err)) < 0)
		return rc;
	rota_format_local_short(tz, at, a, sizeof(a));
	rota_format_local_short(tz, now, b, sizeof(b));
	rota_tz_free(tz);
	off /= 60;
	return rota_error_set(err, ROTA_ECONFLICT,
			      "%s is %lld h %02lld min %s now (%s); a clock "
			      "punch may be at most %lld min from now (site.ini "
			      "[attendance] clock_tolerance_min): record it "
			      "with 'rota punch add EMPLOYEE in|out --at TIME "
			      "--reason TEXT --by NAME'",
			      a, (long long)(off / 60), (long long)(off % 60),
			      at < now ? "before" : "after", b,
			      (long long)(tol / 60));
}

/*
 * The rule of rota_store_clock(): refused (ROTA_ECONFLICT naming the open
 * punch) when the employee's latest effective punch at or before `at` is of
 * the same kind and less than ROTA_PUNCH_MAX_PERIOD_S older.  Runs inside
 * the caller's transaction.
 */
static int clock_rule(struct rota_store *st, int64_t employee_id,
		      const char *employee, int kind, int64_t at,
		      const struct rota_tz *tz, struct rota_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = rota_db_prepare(
		     st,
		     "SELECT id, at, kind FROM punch p WHERE employee_id = ?1 "
		     "AND at <= ?2 AND action <> 'void' AND NOT EXISTS "
		     "(SELECT 1 FROM punch c WHERE c.corrects = p.id) "
		     "ORDER BY at DESC, id DESC LIMIT 1",
		     &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, employee_id);
	sqlite3_bind_int64(s, 2, at);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(s, 0);
		int64_t pat = sqlite3_column_int64(s, 1);
		int pkind = strcmp((const char *)sqlite3_column_text(s, 2),
				   "out") == 0
				    ? ROTA_PUNCH_OUT
				    : ROTA_PUNCH_IN;
		char when[32];

		rc = 0;
		if (pkind == kind && at - pat < ROTA_PUNCH_MAX_PERIOD_S) {
			rota_format_local_iso(tz, pat, when, sizeof(when));
			if (kind == ROTA_PUNCH_IN)
				rc = rota_error_set(
					err, ROTA_ECONFLICT,
					"'%s' is already clocked in since %s "
					"(record %lld); clock out first",
					employee, when, (long long)pid);
			else
				rc = rota_error_set(
					err, ROTA_ECONFLICT,
					"'%s' already clocked out at %s "
					"(record %lld) and has not clocked in "
					"since", employee, when,
					(long long)pid);
		}
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = rota_db_error(st, err, "reading clock records");
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_store_clock(struct rota_store *st, const char *employee, int kind,
		     int64_t at, const char *source, int64_t now,
		     struct rota_punch_record *out, struct rota_error *err)
{
	struct rota_site site;
	struct rota_tz *tz = NULL;
	struct new_row row = {0};
	int64_t id = 0;
	int rc;

	if (kind != ROTA_PUNCH_IN && kind != ROTA_PUNCH_OUT)
		return rota_error_set(err, ROTA_EINVAL,
				      "a punch is 'in' or 'out'");
	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = site_zone(st, &site, &tz, err)) < 0 ||
	    (rc = employee_row(st, employee, &row.employee_id, err)) < 0 ||
	    (rc = clock_rule(st, row.employee_id, employee, kind, at, tz,
			     err)) < 0)
		goto fail;
	row.at = at;
	row.kind = kind;
	row.timezone = site.timezone;
	row.source = source;
	row.recorded_at = now;
	row.action = ROTA_PUNCH_ORIGINAL;
	if ((rc = insert_row(st, &row, &id, err)) < 0)
		goto fail;
	if ((rc = rota_store_commit(st, err)) < 0)
		goto out;
	if (out)
		rc = rota_store_punch_get(st, id, out, err);
	goto out;
fail:
	rota_store_rollback(st);
out:
	rota_tz_free(tz);
	return rc;
}

/* The original punch (employee, at, kind, source) already stored: its id,
 * 0 when there is none, negative on a database error. */
static int64_t original_id(struct rota_store *st, int64_t employee_id,
			   int64_t at, int kind, const char *source)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	int rc;

	if (sqlite3_prepare_v2(st->db,
			       "SELECT id FROM punch WHERE employee_id = ?1 "
			       "AND at = ?2 AND kind = ?3 AND source = ?4 "
			       "AND action = 'punch'",
			       -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, employee_id);
	sqlite3_bind_int64(s, 2, at);
	rota_db_bind_text(s, 3, rota_punch_kind_name(kind));
	rota_db_bind_text(s, 4, source);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE)
		id = -1;
	sqlite3_finalize(s);
	return id;
}

int rota_store_clock_batch(struct rota_store *st,
			   const struct rota_clock_req *req, size_t n,
			   const char *source, int64_t now,
			   struct rota_clock_result *res,
			   struct rota_error *err)
{
	struct rota_site site;
	struct rota_tz *tz = NULL;
	int rc;

	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = site_zone(st, &site, &tz, err)) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct rota_clock_result *r = &res[i];
		struct new_row row = {0};
		struct rota_error e = {0};
		int64_t dup;

		memset(r, 0, sizeof(*r));
		r->status = ROTA_CLOCK_REFUSED;
		if (req[i].kind != ROTA_PUNCH_IN &&
		    req[i].kind != ROTA_PUNCH_OUT) {
			rota_strlcpy(r->reason, "a punch is 'in' or 'out'",
				     sizeof(r->reason));
			continue;
		}
		row.employee_id = rota_db_id_of(st, ROTA_DB_EMPLOYEE,
						req[i].employee);
		if (row.employee_id < 0) {
			rc = rota_db_error(st, err, "looking up an employee");
			goto fail;
		}
		if (row.employee_id == 0) {
			snprintf(r->reason, sizeof(r->reason),
				 "unknown employee '%s'", req[i].employee);
			continue;
		}
		dup = original_id(st, row.employee_id, req[i].at, req[i].kind,
				  source);
		if (dup < 0) {
			rc = rota_db_error(st, err, "reading clock records");
			goto fail;
		}
		if (dup > 0) {
			r->status = ROTA_CLOCK_DUPLICATE;
			r->id = dup;
			continue;
		}
		rc = clock_rule(st, row.employee_id, req[i].employee,
				req[i].kind, req[i].at, tz, &e);
		if (rc == ROTA_ECONFLICT) {
			rota_strlcpy(r->reason, e.msg, sizeof(r->reason));
			continue;
		}
		if (rc < 0) {
			*err = e;
			goto fail;
		}
		row.at = req[i].at;
		row.kind = req[i].kind;
		row.timezone = site.timezone;
		row.source = source;
		row.recorded_at = now;
		row.action = ROTA_PUNCH_ORIGINAL;
		if ((rc = insert_row(st, &row, &r->id, err)) < 0)
			goto fail;
		r->status = ROTA_CLOCK_STORED;
	}
	rc = rota_store_commit(st, err);
	goto out;
fail:
	rota_store_rollback(st);
out:
	rota_tz_free(tz);
	return rc;
}

static int need_reason(const char *reason, const char *by,
		       struct rota_error *err)
{
	if (!reason || !*reason)
		return rota_error_set(err, ROTA_EINVAL,
				      "a correction needs a reason");
	if (!by || !*by)
		return rota_error_set(err, ROTA_EINVAL,
				      "a correction needs the name of who "
				      "makes it");
	return 0;
}

/*
 * Finish a correction inside the caller's transaction: the fields every
 * correction shares, the insert, the commit, then the new record in *out.
 * Rolls back when the insert fails.
 */
static int commit_correction(struct rota_store *st, struct new_row *row,
			     const struct rota_site *site, const char *reason,
			     const char *by, int64_t now,
			     struct rota_punch_record *out,
			     struct rota_error *err)
{
	int64_t id = 0;
	int rc;

	row->timezone = site->timezone;
	row->source = "correction";
	row->recorded_at = now;
	row->reason = reason;
	row->by = by;
	if ((rc = insert_row(st, row, &id, err)) < 0) {
		rota_store_rollback(st);
		return rc;
	}
	if ((rc = rota_store_commit(st, err)) < 0)
		return rc;
	return out ? rota_store_punch_get(st, id, out, err) : 0;
}

int rota_store_punch_add(struct rota_store *st, const char *employee,
			 int kind, int64_t at, const char *reason,
			 const char *by, int64_t now,
			 struct rota_punch_record *out, struct rota_error *err)
{
	struct rota_site site;
	struct new_row row = {0};
	int rc;

	if (kind != ROTA_PUNCH_IN && kind != ROTA_PUNCH_OUT)
		return rota_error_set(err, ROTA_EINVAL,
				      "a punch is 'in' or 'out'");
	if ((rc = need_reason(reason, by, err)) < 0)
		return rc;
	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = rota_store_site_get(st, &site, err)) < 0 ||
	    (rc = employee_row(st, employee, &row.employee_id, err)) < 0)
		goto fail;
	row.at = at;
	row.kind = kind;
	row.action = ROTA_PUNCH_ADD;
	return commit_correction(st, &row, &site, reason, by, now, out, err);
fail:
	rota_store_rollback(st);
	return rc;
}

/* A void (set_at = 0) or a correction to instant `at` of row `id`. */
static int supersede(struct rota_store *st, int64_t id, int action,
		     int64_t at, const char *reason, const char *by,
		     int64_t now, struct rota_punch_record *out,
		     struct rota_error *err)
{
	struct rota_punch_record target;
	struct rota_site site;
	struct new_row row = {0};
	int rc;

	if ((rc = need_reason(reason, by, err)) < 0)
		return rc;
	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = rota_store_site_get(st, &site, err)) < 0 ||
	    (rc = rota_store_punch_get(st, id, &target, err)) < 0)
		goto fail;
	if (target.action == ROTA_PUNCH_VOID) {
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "record %lld is a void, not a punch; it "
				    "cannot be corrected",
				    (long long)id);
		goto fail;
	}
	if (target.superseded_by) {
		struct rota_punch_record by_row;

		if ((rc = rota_store_punch_get(st, target.superseded_by,
					       &by_row, err)) < 0)
			goto fail;
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "record %lld was already %s by record "
				    "%lld; %s",
				    (long long)id,
				    by_row.action == ROTA_PUNCH_VOID
					    ? "voided"
					    : "corrected",
				    (long long)by_row.id,
				    by_row.action == ROTA_PUNCH_VOID
					    ? "add a punch instead"
					    : "correct or void that record "
					      "instead");
		goto fail;
	}
	if ((rc = employee_row(st, target.employee, &row.employee_id, err)) <
	    0)
		goto fail;
	row.at = action == ROTA_PUNCH_VOID ? target.at : at;
	row.kind = target.kind;
	row.action = action;
	row.corrects = id;
	return commit_correction(st, &row, &site, reason, by, now, out, err);
fail:
	rota_store_rollback(st);
	return rc;
}

int rota_store_punch_void(struct rota_store *st, int64_t id,
			  const char *reason, const char *by, int64_t now,
			  struct rota_punch_record *out, struct rota_error *err)
{
	return supersede(st, id, ROTA_PUNCH_VOID, 0, reason, by, now, out,
			 err);
}

int rota_store_punch_correct(struct rota_store *st, int64_t id, int64_t at,
			     const char *reason, const char *by, int64_t now,
			     struct rota_punch_record *out,
			     struct rota_error *err)
{
	return supersede(st, id, ROTA_PUNCH_CORRECT, at, reason, by, now, out,
			 err);
}

int rota_store_punches_list(struct rota_store *st, const char *employee,
			    int64_t from, int64_t to, int all,
			    struct rota_punch_record **out, size_t *n,
			    struct rota_error *err)
{
	sqlite3_stmt *s = NULL;
	int64_t eid = 0;
	int rc;

	if (employee && (rc = employee_row(st, employee, &eid, err)) < 0)
		return rc;
	if ((rc = rota_db_prepare(
		     st,
		     RECORD_COLUMNS
		     "WHERE p.at >= ?1 AND p.at < ?2 AND "
		     "(?3 = 0 OR p.employee_id = ?3) AND (?4 OR "
		     "(p.action <> 'void' AND NOT EXISTS (SELECT 1 FROM punch "
		     "c WHERE c.corrects = p.id))) ORDER BY e.code, p.at, p.id",
		     &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	sqlite3_bind_int64(s, 3, eid);
	sqlite3_bind_int(s, 4, all ? 1 : 0);
	return rota_db_rows(st, s, sizeof(**out), read_record, out, n,
			    "reading clock records", err);
}
