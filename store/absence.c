/*
 * store/absence.c - absences, the open shifts they leave and the
 * substitutes who cover them (store/store.h, "time off, absences,
 * substitutes").
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

int rota_store_absence_add(struct rota_store *st, const struct rota_absence *a,
			   int64_t *id, struct rota_error *err)
{
	sqlite3_stmt *s;
	int64_t eid;
	int rc;

	eid = rota_db_id_of(st, ROTA_DB_EMPLOYEE, a->employee);
	if (eid < 0)
		return rota_db_error(st, err, "reading employees");
	if (eid == 0)
		return rota_error_set(err, ROTA_ENOTFOUND, "unknown employee '%s'",
				      a->employee);
	if (a->end <= a->start)
		return rota_error_set(err, ROTA_EDATA,
				      "an absence must end after it starts");
	if ((rc = rota_db_prepare(st, "SELECT 1 FROM leave_type WHERE name "
				      "= ?1", &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, a->type);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return rota_error_set(err, ROTA_EDATA,
				      "unknown leave type '%s'", a->type);
	if (rc != SQLITE_ROW)
		return rota_db_error(st, err, "reading leave types");
	if ((rc = rota_db_prepare(st,
				  "INSERT INTO absence (employee_id, start, "
				  "end, type, reason, by, recorded_at) VALUES "
				  "(?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
				  &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, eid);
	sqlite3_bind_int64(s, 2, a->start);
	sqlite3_bind_int64(s, 3, a->end);
	rota_db_bind_text(s, 4, a->type);
	rota_db_bind_text(s, 5, a->reason);
	rota_db_bind_text(s, 6, a->by);
	sqlite3_bind_int64(s, 7, a->recorded_at);
	if (sqlite3_step(s) == SQLITE_ROW) {
		if (id)
			*id = sqlite3_column_int64(s, 0);
		rc = 0;
	} else {
		rc = rota_db_error(st, err, "recording an absence");
	}
	sqlite3_finalize(s);
	return rc;
}

int rota_store_absence_list(struct rota_store *st, const char *employee,
			    int64_t from, int64_t to,
			    struct rota_absence **out, size_t *n,
			    struct rota_error *err)
{
	struct rota_absence *arr = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	int rc;

	if (employee && rota_db_id_of(st, ROTA_DB_EMPLOYEE, employee) <= 0)
		return rota_error_set(err, ROTA_ENOTFOUND, "unknown employee '%s'",
				      employee);
	if ((rc = rota_db_prepare(st,
				  "SELECT b.id, e.code, b.start, b.end, "
				  "b.type, b.reason, b.by, b.recorded_at, "
				  "(SELECT count(*) FROM absence_shift x "
				  "WHERE x.absence_id = b.id) FROM absence b "
				  "JOIN employee e ON e.id = b.employee_id "
				  "WHERE b.start < ?3 AND b.end > ?2 AND "
				  "(?1 IS NULL OR e.code = ?1) "
				  "ORDER BY b.start, e.code, b.id",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, employee);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_absence *a;

		if (ROTA_GROW(arr, cap, cnt) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		a = &arr[cnt++];
		memset(a, 0, sizeof(*a));
		a->id = sqlite3_column_int64(s, 0);
		rota_db_column_text(s, 1, a->employee, sizeof(a->employee));
		a->start = sqlite3_column_int64(s, 2);
		a->end = sqlite3_column_int64(s, 3);
		rota_db_column_text(s, 4, a->type, sizeof(a->type));
		rota_db_column_text(s, 5, a->reason, sizeof(a->reason));
		rota_db_column_text(s, 6, a->by, sizeof(a->by));
		a->recorded_at = sqlite3_column_int64(s, 7);
		a->shifts = sqlite3_column_int(s, 8);
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading absences");
		goto out;
	}
	*out = arr;
	*n = cnt;
	arr = NULL;
	rc = 0;
out:
	free(arr);
	sqlite3_finalize(s);
	return rc;
}

int rota_store_open_shifts(struct rota_store *st, int32_t week,
			   const char *employee, struct rota_open_shift **out,
			   size_t *n, struct rota_error *err)
{
	struct rota_open_shift *arr = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	char wk[16];
	int rc;

	rota_format_date(week, wk, sizeof(wk));
	if ((rc = rota_db_prepare(
		     st,
		     "WITH x (absence_id, timeoff_id, cancelled, "
		     "assignment_id, type) AS (SELECT y.absence_id, 0, 0, "
		     "y.assignment_id, b.type FROM absence_shift y JOIN "
		     "absence b ON b.id = y.absence_id UNION ALL SELECT 0, "
		     "y.timeoff_id, t.status = 'cancelled', y.assignment_id, "
		     "t.type FROM timeoff_shift y JOIN timeoff t ON t.id = "
		     "y.timeoff_id) "
		     "SELECT x.absence_id, a.id, x.type, e.code, a.day, "
		     "s.code, a.start, a.end, a.paid_min, "
		     "coalesce(k.name, ''), coalesce(se.code, ''), "
		     "coalesce(su.version, 0), x.timeoff_id, x.cancelled "
		     "FROM x "
		     "JOIN assignment a ON a.id = x.assignment_id "
		     "JOIN roster r ON r.id = a.roster_id "
		     "JOIN employee e ON e.id = a.employee_id "
		     "JOIN shift s ON s.id = a.shift_id "
		     "LEFT JOIN skill k ON k.id = a.skill_id "
		     "LEFT JOIN substitute su ON su.open_assignment_id = a.id "
		     "LEFT JOIN employee se ON se.id = su.employee_id "
		     "WHERE r.week = ?1 AND (?2 IS NULL OR e.code = ?2) "
		     "ORDER BY a.start, e.code, a.id",
		     &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, wk);
	rota_db_bind_text(s, 2, employee);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_open_shift *o;
		char day[16];

		if (ROTA_GROW(arr, cap, cnt) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		o = &arr[cnt++];
		memset(o, 0, sizeof(*o));
		o->absence_id = sqlite3_column_int64(s, 0);
		o->assignment_id = sqlite3_column_int64(s, 1);
		rota_db_column_text(s, 2, o->type, sizeof(o->type));
		rota_db_column_text(s, 3, o->shift.employee,
				    sizeof(o->shift.employee));
		rota_db_column_text(s, 4, day, sizeof(day));
		if (rota_parse_date(day, &o->shift.day, NULL) < 0)
			o->shift.day = 0;
		rota_db_column_text(s, 5, o->shift.shift,
				    sizeof(o->shift.shift));
		o->shift.start = sqlite3_column_int64(s, 6);
		o->shift.end = sqlite3_column_int64(s, 7);
		o->shift.paid_min = sqlite3_column_int(s, 8);
		rota_db_column_text(s, 9, o->shift.skill,
				    sizeof(o->shift.skill));
		rota_db_column_text(s, 10, o->covered_by,
				    sizeof(o->covered_by));
		o->covered_version = sqlite3_column_int(s, 11);
		o->timeoff_id = sqlite3_column_int64(s, 12);
		o->timeoff_cancelled = sqlite3_column_int(s, 13);
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading open shifts");
		goto out;
	}
	*out = arr;
	*n = cnt;
	arr = NULL;
	rc = 0;
out:
	free(arr);
	sqlite3_finalize(s);
	return rc;
}

int rota_store_substitute_add(struct rota_store *st, int32_t week,
			      int version, const char *employee, int32_t day,
			      int64_t open_assignment_id,
			      struct rota_error *err)
{
	sqlite3_stmt *s;
	char wk[16], dd[16];
	int64_t eid;
	int rc;

	rota_format_date(week, wk, sizeof(wk));
	rota_format_date(day, dd, sizeof(dd));
	if ((eid = rota_db_id_of(st, ROTA_DB_EMPLOYEE, employee)) <= 0)
		return eid < 0 ? rota_db_error(st, err, "reading employees")
			       : rota_error_set(err, ROTA_ENOTFOUND,
						"unknown employee '%s'", employee);
	if ((rc = rota_db_prepare(st,
				  "INSERT INTO substitute (roster_id, "
				  "version, employee_id, day, "
				  "open_assignment_id) SELECT id, ?2, ?3, ?4, "
				  "?5 FROM roster WHERE week = ?1",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, wk);
	sqlite3_bind_int(s, 2, version);
	sqlite3_bind_int64(s, 3, eid);
	rota_db_bind_text(s, 4, dd);
	if (open_assignment_id > 0)
		sqlite3_bind_int64(s, 5, open_assignment_id);
	else
		sqlite3_bind_null(s, 5);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = sqlite3_extended_errcode(st->db) ==
				     SQLITE_CONSTRAINT_UNIQUE ||
			     sqlite3_extended_errcode(st->db) ==
				     SQLITE_CONSTRAINT_PRIMARYKEY
			     ? rota_error_set(err, ROTA_ECONFLICT,
					      "that open shift is already "
					      "covered")
			     : rota_db_error(st, err, "recording a substitute");
	else if (sqlite3_changes(st->db) != 1)
		rc = rota_error_set(err, ROTA_ENOTFOUND,
				    "no roster for the week of %s", wk);
	sqlite3_finalize(s);
	return rc;
}

int rota_store_substitute_counts(struct rota_store *st, int32_t from_day,
				 int32_t to_day,
				 struct rota_employee_count **out, size_t *n,
				 struct rota_error *err)
{
	struct rota_employee_count *arr = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	char from[16], to[16];
	int rc;

	rota_format_date(from_day, from, sizeof(from));
	rota_format_date(to_day, to, sizeof(to));
	if ((rc = rota_db_prepare(st,
				  "SELECT e.code, count(*) FROM substitute u "
				  "JOIN employee e ON e.id = u.employee_id "
				  "WHERE u.day >= ?1 AND u.day < ?2 "
				  "GROUP BY e.code ORDER BY e.code",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, from);
	rota_db_bind_text(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (ROTA_GROW(arr, cap, cnt) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		rota_db_column_text(s, 0, arr[cnt].employee,
				    sizeof(arr[cnt].employee));
		arr[cnt].count = sqlite3_column_int(s, 1);
		cnt++;
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading substitutes");
		goto out;
	}
	*out = arr;
	*n = cnt;
	arr = NULL;
	rc = 0;
out:
	free(arr);
	sqlite3_finalize(s);
	return rc;
}
