/*
 * store/timeoff.c - time off as records: listing, requests and their
 * decisions (store/store.h, "time off, absences, substitutes"), and time
 * off read from calendars.
 */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECORD_COLUMNS                                                        \
	"SELECT t.id, e.code, t.start, t.end, t.kind, t.weight, t.type, "     \
	"coalesce(l.paid, 0), coalesce(t.credit_min, -1), t.status, "        \
	"t.origin, t.note, t.reason, coalesce(t.requested_at, 0), "          \
	"t.decided_by, coalesce(t.decided_at, 0), t.decision FROM timeoff t " \
	"JOIN employee e ON e.id = t.employee_id "                           \
	"LEFT JOIN leave_type l ON l.name = t.type "

static void read_record(sqlite3_stmt *s, void *row)
{
	struct rota_timeoff_record *r = row;
	char kind[16];

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	rota_db_column_text(s, 1, r->employee, sizeof(r->employee));
	r->start = sqlite3_column_int64(s, 2);
	r->end = sqlite3_column_int64(s, 3);
	rota_db_column_text(s, 4, kind, sizeof(kind));
	r->kind = strcmp(kind, "soft") == 0 ? ROTA_TIMEOFF_SOFT
					    : ROTA_TIMEOFF_HARD;
	r->weight = sqlite3_column_double(s, 5);
	rota_db_column_text(s, 6, r->type, sizeof(r->type));
	r->paid = sqlite3_column_int(s, 7);
	r->credit_min = sqlite3_column_int(s, 8);
	rota_db_column_text(s, 9, r->status, sizeof(r->status));
	rota_db_column_text(s, 10, r->origin, sizeof(r->origin));
	rota_db_column_text(s, 11, r->note, sizeof(r->note));
	rota_db_column_text(s, 12, r->reason, sizeof(r->reason));
	r->requested_at = sqlite3_column_int64(s, 13);
	rota_db_column_text(s, 14, r->decided_by, sizeof(r->decided_by));
	r->decided_at = sqlite3_column_int64(s, 15);
	rota_db_column_text(s, 16, r->decision, sizeof(r->decision));
}

int rota_store_timeoff_list(struct rota_store *st,
			    const struct rota_timeoff_query *q,
			    struct rota_timeoff_record **out, size_t *n,
			    struct rota_error *err)
{
	struct rota_timeoff_query all = ROTA_TIMEOFF_QUERY_INIT;
	sqlite3_stmt *s;
	int rc;

	if (!q)
		q = &all;
	if (q->employee &&
	    rota_db_id_of(st, ROTA_DB_EMPLOYEE, q->employee) <= 0)
		return rota_error_set(err, ROTA_ENOTFOUND,
				      "unknown employee '%s'", q->employee);
	if ((rc = rota_db_prepare(st,
				  RECORD_COLUMNS
				  "WHERE t.start < ?4 AND t.end > ?3 AND "
				  "(?1 IS NULL OR e.code = ?1) AND "
				  "(?2 IS NULL OR t.status = ?2) "
				  "ORDER BY t.start, e.code, t.id",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, q->employee);
	rota_db_bind_text(s, 2, q->status);
	sqlite3_bind_int64(s, 3, q->from);
	sqlite3_bind_int64(s, 4, q->to);
	return rota_db_rows(st, s, sizeof(**out), read_record, out, n,
			    "reading time off", err);
}

int rota_store_timeoff_get(struct rota_store *st, int64_t id,
			   struct rota_timeoff_record *out,
			   struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st, RECORD_COLUMNS "WHERE t.id = ?1", &s,
				  err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = rota_db_row(st, s, read_record, out, "reading time off",
			      err)) == 1)
		rc = rota_error_set(err, ROTA_ENOTFOUND,
				    "no time off with id %lld", (long long)id);
	return rc;
}

/* ROTA_EDATA unless `type` names a leave type of the site. */
static int leave_type_known(struct rota_store *st, const char *type,
			    struct rota_error *err)
{
	sqlite3_stmt *s;
	char known[200] = "";
	size_t len = 0;
	int rc, found = 0;

	if ((rc = rota_db_prepare(st, "SELECT name FROM leave_type ORDER BY "
				      "name", &s, err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);

		if (!name)
			continue;
		found |= strcmp(name, type) == 0;
		if (len + strlen(name) + 3 < sizeof(known)) {
			len += (size_t)snprintf(known + len,
						sizeof(known) - len, "%s%s",
						len ? ", " : "", name);
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading leave types");
	if (!found)
		return rota_error_set(err, ROTA_EDATA,
				      "unknown leave type '%s' (known: %s)",
				      type, known);
	return 0;
}

int rota_store_timeoff_request(struct rota_store *st,
			       const struct rota_timeoff_record *r,
			       int64_t *id, struct rota_error *err)
{
	sqlite3_stmt *s = NULL;
	int64_t eid;
	int rc;

	if ((rc = rota_db_employee(st, r->employee, &eid, err)) < 0 ||
	    (rc = leave_type_known(st, r->type, err)) < 0)
		return rc;
	if (r->end <= r->start)
		return rota_error_set(err, ROTA_EDATA,
				      "time off must end after it starts");
	if ((rc = rota_db_prepare(st,
				  "INSERT INTO timeoff (employee_id, start, "
				  "end, kind, type, status, origin, reason, "
				  "requested_at) VALUES (?1, ?2, ?3, 'hard', "
				  "?4, 'pending', 'request', ?5, ?6) "
				  "RETURNING id",
				  &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, eid);
	sqlite3_bind_int64(s, 2, r->start);
	sqlite3_bind_int64(s, 3, r->end);
	rota_db_bind_text(s, 4, r->type);
	rota_db_bind_text(s, 5, r->reason);
	sqlite3_bind_int64(s, 6, r->requested_at);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (id)
			*id = sqlite3_column_int64(s, 0);
		rc = 0;
	} else if (sqlite3_extended_errcode(st->db) ==
		   SQLITE_CONSTRAINT_UNIQUE) {
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "%s already has time off with the same "
				    "start and end", r->employee);
	} else {
		rc = rota_db_error(st, err, "adding a time-off request");
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_store_timeoff_decide(struct rota_store *st, int64_t id,
			      const char *status, const char *by, int64_t at,
			      const char *decision, struct rota_error *err)
{
	struct rota_timeoff_record r;
	sqlite3_stmt *s;
	int cancel = strcmp(status, "cancelled") == 0;
	int rc;

	if (!cancel && strcmp(status, "approved") != 0 &&
	    strcmp(status, "denied") != 0)
		return rota_error_set(err, ROTA_EINVAL,
				      "'%s' is not a decision (approved, "
				      "denied or cancelled)", status);
	if ((rc = rota_store_timeoff_get(st, id, &r, err)) < 0)
		return rc;
	if (strcmp(r.status, "pending") != 0 &&
	    !(cancel && strcmp(r.status, "approved") == 0))
		return rota_error_set(err, ROTA_ECONFLICT,
				      "time off %lld is %s: only %s can be %s",
				      (long long)id, r.status,
				      cancel ? "pending or approved time off"
					     : "a pending request",
				      cancel ? "cancelled"
				      : status[0] == 'a' ? "approved"
							 : "denied");
	if ((rc = rota_db_prepare(st,
				  "UPDATE timeoff SET status = ?1, "
				  "decided_by = ?2, decided_at = ?3, "
				  "decision = ?4 WHERE id = ?5 AND status = "
				  "?6",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, status);
	rota_db_bind_text(s, 2, by ? by : "");
	sqlite3_bind_int64(s, 3, at);
	rota_db_bind_text(s, 4, decision ? decision : "");
	sqlite3_bind_int64(s, 5, id);
	rota_db_bind_text(s, 6, r.status);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = rota_db_error(st, err, "deciding time off");
	else if (sqlite3_changes(st->db) != 1)
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "time off %lld changed meanwhile",
				    (long long)id);
	sqlite3_finalize(s);
	return rc;
}

/* The statements rota_store_timeoff_put() runs for each period. */
struct timeoff_put {
	sqlite3_stmt *sel, *ins, *upd;
};

/* The stored employee id of t->employee and t's period checked. */
static int timeoff_put_check(struct rota_store *st,
			     const struct rota_timeoff *t, int64_t *eid,
			     struct rota_error *err)
{
	*eid = rota_db_id_of(st, ROTA_DB_EMPLOYEE, t->employee);
	if (*eid < 0)
		return rota_db_error(st, err, "looking up an employee");
	if (*eid == 0)
		return rota_error_set(err, ROTA_EDATA,
				      "time off: unknown employee '%s'",
				      t->employee);
	if (t->end <= t->start || t->weight < 0)
		return rota_error_set(err, ROTA_EDATA, "time off of '%s': %s",
				      t->employee,
				      t->weight < 0 ? "negative weight"
						    : "ends before it starts");
	return 0;
}

/* Adds t, or updates the record of the same employee and period when its
 * kind, weight or note differ; counted in *cnt. */
static int timeoff_put_one(struct rota_store *st, struct timeoff_put *q,
			   const struct rota_timeoff *t,
			   struct rota_import_stats *cnt,
			   struct rota_error *err)
{
	const char *kind = t->kind == ROTA_TIMEOFF_SOFT ? "soft" : "hard";
	int64_t eid;
	int rc;

	if ((rc = timeoff_put_check(st, t, &eid, err)) < 0)
		return rc;
	sqlite3_reset(q->sel);
	sqlite3_bind_int64(q->sel, 1, eid);
	sqlite3_bind_int64(q->sel, 2, t->start);
	sqlite3_bind_int64(q->sel, 3, t->end);
	rc = sqlite3_step(q->sel);
	if (rc == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q->sel, 0);
		char okind[8], onote[ROTA_NAME_MAX];

		rota_db_column_text(q->sel, 1, okind, sizeof(okind));
		rota_db_column_text(q->sel, 3, onote, sizeof(onote));
		if (strcmp(okind, kind) == 0 &&
		    sqlite3_column_double(q->sel, 2) == t->weight &&
		    strcmp(onote, t->note) == 0) {
			cnt->unchanged++;
			return 0;
		}
		sqlite3_reset(q->upd);
		sqlite3_bind_int64(q->upd, 1, id);
		rota_db_bind_text(q->upd, 2, kind);
		sqlite3_bind_double(q->upd, 3, t->weight);
		rota_db_bind_text(q->upd, 4, t->note);
		if (sqlite3_step(q->upd) != SQLITE_DONE)
			return rota_db_error(st, err, "updating time off");
		cnt->updated++;
	} else if (rc == SQLITE_DONE) {
		sqlite3_reset(q->ins);
		sqlite3_bind_int64(q->ins, 1, eid);
		sqlite3_bind_int64(q->ins, 2, t->start);
		sqlite3_bind_int64(q->ins, 3, t->end);
		rota_db_bind_text(q->ins, 4, kind);
		sqlite3_bind_double(q->ins, 5, t->weight);
		rota_db_bind_text(q->ins, 6, t->note);
		if (sqlite3_step(q->ins) != SQLITE_DONE)
			return rota_db_error(st, err, "adding time off");
		cnt->added++;
	} else {
		return rota_db_error(st, err, "reading time off");
	}
	return 0;
}

int rota_store_timeoff_put(struct rota_store *st, const struct rota_timeoff *t,
			   size_t n, struct rota_import_stats *stats,
			   struct rota_error *err)
{
	struct rota_import_stats cnt;
	struct timeoff_put q = {NULL, NULL, NULL};
	int rc;

	memset(&cnt, 0, sizeof(cnt));
	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = rota_db_prepare(st,
				  "SELECT id, kind, weight, note FROM timeoff "
				  "WHERE employee_id = ?1 AND start = ?2 AND "
				  "end = ?3 ORDER BY status IN ('pending', "
				  "'approved') DESC, id DESC LIMIT 1",
				  &q.sel, err)) < 0 ||
	    (rc = rota_db_prepare(st,
				  "INSERT INTO timeoff (employee_id, start, "
				  "end, kind, weight, note) VALUES (?1, ?2, "
				  "?3, ?4, ?5, ?6)",
				  &q.ins, err)) < 0 ||
	    (rc = rota_db_prepare(st,
				  "UPDATE timeoff SET kind = ?2, weight = ?3, "
				  "note = ?4 WHERE id = ?1",
				  &q.upd, err)) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if ((rc = timeoff_put_one(st, &q, &t[i], &cnt, err)) < 0)
			goto fail;
	sqlite3_finalize(q.sel);
	sqlite3_finalize(q.ins);
	sqlite3_finalize(q.upd);
	if ((rc = rota_store_commit(st, err)) < 0)
		return rc;
	if (stats) {
		stats->added += cnt.added;
		stats->updated += cnt.updated;
		stats->unchanged += cnt.unchanged;
	}
	return 0;
fail:
	sqlite3_finalize(q.sel);
	sqlite3_finalize(q.ins);
	sqlite3_finalize(q.upd);
	rota_store_rollback(st);
	return rc;
}
