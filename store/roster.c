/*
 * store/roster.c - saving and loading weekly rosters.
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

static int roster_id(struct rota_store *st, const char *week, int64_t *id,
		     struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st, "SELECT id FROM roster WHERE week = ?1",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, week);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		*id = 0;
		rc = 0;
	} else {
		rc = rota_db_error(st, err, "reading rosters");
	}
	sqlite3_finalize(s);
	return rc;
}

static int save_assignments(struct rota_store *st, int64_t rid,
			    const struct rota_roster *r, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc = 0;

	if ((rc = rota_db_prepare(st,
				  "INSERT INTO assignment (roster_id, "
				  "employee_id, day, shift_id, start, end, "
				  "paid_min, skill_id) VALUES (?1, ?2, ?3, ?4, "
				  "?5, ?6, ?7, ?8)",
				  &s, err)) < 0)
		return rc;
	for (size_t i = 0; i < r->n_assignments; i++) {
		const struct rota_assignment *a = &r->assignments[i];
		int64_t eid = rota_db_id_of(st, ROTA_DB_EMPLOYEE, a->employee);
		int64_t sid = rota_db_id_of(st, ROTA_DB_SHIFT, a->shift);
		int64_t kid = a->skill[0]
				      ? rota_db_id_of(st, ROTA_DB_SKILL, a->skill)
				      : 0;
		char day[16];

		rota_format_date(a->day, day, sizeof(day));
		if (eid <= 0 || sid <= 0 || kid < 0 ||
		    (a->skill[0] && kid == 0)) {
			rc = rota_error_set(
				err, ROTA_EDATA,
				"roster %s: %s '%s' does not exist", day,
				eid <= 0 ? "employee" : sid <= 0 ? "shift" : "skill",
				eid <= 0 ? a->employee
				: sid <= 0 ? a->shift
					   : a->skill);
			goto out;
		}
		if (a->day < r->week || a->day >= r->week + 7) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "roster: %s on %s is outside the "
					    "week", a->employee, day);
			goto out;
		}
		if (a->end <= a->start) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "roster: %s on %s ends before it "
					    "starts", a->employee, day);
			goto out;
		}
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, rid);
		sqlite3_bind_int64(s, 2, eid);
		rota_db_bind_text(s, 3, day);
		sqlite3_bind_int64(s, 4, sid);
		sqlite3_bind_int64(s, 5, a->start);
		sqlite3_bind_int64(s, 6, a->end);
		sqlite3_bind_int(s, 7, a->paid_min);
		if (kid > 0)
			sqlite3_bind_int64(s, 8, kid);
		else
			sqlite3_bind_null(s, 8);
		if (sqlite3_step(s) != SQLITE_DONE) {
			if (sqlite3_extended_errcode(st->db) ==
			    SQLITE_CONSTRAINT_PRIMARYKEY)
				rc = rota_error_set(err, ROTA_EDATA,
						    "roster: %s has two shifts "
						    "on %s", a->employee, day);
			else
				rc = rota_db_error(st, err,
						   "saving an assignment");
			goto out;
		}
	}
out:
	sqlite3_finalize(s);
	return rc;
}

int rota_store_roster_save(struct rota_store *st, const struct rota_roster *r,
			   struct rota_error *err)
{
	char week[16];
	sqlite3_stmt *s = NULL;
	int64_t rid = 0;
	int rc;

	if (rota_weekday(r->week) != 1)
		return rota_error_set(err, ROTA_EINVAL,
				      "roster week must start on a Monday");
	rota_format_date(r->week, week, sizeof(week));
	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = roster_id(st, week, &rid, err)) < 0)
		goto fail;
	if (rid) {
		if ((rc = rota_db_prepare(st,
					  "DELETE FROM assignment WHERE "
					  "roster_id = ?1",
					  &s, err)) < 0)
			goto fail;
		sqlite3_bind_int64(s, 1, rid);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = rota_db_error(st, err, "replacing a roster");
			goto fail;
		}
		sqlite3_finalize(s);
		s = NULL;
	}
	if ((rc = rota_db_prepare(
		     st,
		     "INSERT INTO roster (week, status, origin, created_at, "
		     "solver_status, objective, bound, gap, seconds) VALUES "
		     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (week) DO "
		     "UPDATE SET status = excluded.status, origin = "
		     "excluded.origin, created_at = excluded.created_at, "
		     "solver_status = excluded.solver_status, objective = "
		     "excluded.objective, bound = excluded.bound, gap = "
		     "excluded.gap, seconds = excluded.seconds RETURNING id",
		     &s, err)) < 0)
		goto fail;
	rota_db_bind_text(s, 1, week);
	rota_db_bind_text(s, 2, r->status[0] ? r->status : "draft");
	rota_db_bind_text(s, 3, r->origin[0] ? r->origin : "import");
	sqlite3_bind_int64(s, 4, r->created_at);
	rota_db_bind_text(s, 5, r->solver_status);
	if (r->has_stats) {
		sqlite3_bind_double(s, 6, r->objective);
		sqlite3_bind_double(s, 7, r->bound);
		sqlite3_bind_double(s, 8, r->gap);
		sqlite3_bind_double(s, 9, r->seconds);
	}
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = rota_db_error(st, err, "saving a roster");
		goto fail;
	}
	rid = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = save_assignments(st, rid, r, err)) < 0)
		goto fail;
	return rota_store_commit(st, err);
fail:
	sqlite3_finalize(s);
	rota_store_rollback(st);
	return rc;
}

/* Read assignment rows (employee code, day, shift code, start, end,
 * paid_min, skill name) from a prepared, bound statement. */
static int read_assignments(struct rota_store *st, sqlite3_stmt *s,
			    struct rota_assignment **out, size_t *n,
			    struct rota_error *err)
{
	struct rota_assignment *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_assignment *a;
		char day[16];

		if (ROTA_GROW(arr, cap, cnt) < 0) {
			free(arr);
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		}
		a = &arr[cnt++];
		memset(a, 0, sizeof(*a));
		rota_db_column_text(s, 0, a->employee, sizeof(a->employee));
		rota_db_column_text(s, 1, day, sizeof(day));
		if (rota_parse_date(day, &a->day, NULL) < 0)
			a->day = 0;
		rota_db_column_text(s, 2, a->shift, sizeof(a->shift));
		a->start = sqlite3_column_int64(s, 3);
		a->end = sqlite3_column_int64(s, 4);
		a->paid_min = sqlite3_column_int(s, 5);
		rota_db_column_text(s, 6, a->skill, sizeof(a->skill));
	}
	if (rc != SQLITE_DONE) {
		free(arr);
		return rota_db_error(st, err, "reading assignments");
	}
	*out = arr;
	*n = cnt;
	return 0;
}

#define ASSIGNMENT_COLUMNS                                                    \
	"SELECT e.code, a.day, s.code, a.start, a.end, a.paid_min, "          \
	"coalesce(k.name, '') FROM assignment a "                            \
	"JOIN employee e ON e.id = a.employee_id "                           \
	"JOIN shift s ON s.id = a.shift_id "                                 \
	"LEFT JOIN skill k ON k.id = a.skill_id "

int rota_store_roster_load(struct rota_store *st, int32_t week,
			   struct rota_roster **out, struct rota_error *err)
{
	struct rota_roster *r;
	sqlite3_stmt *s = NULL;
	char wk[16];
	int64_t rid = 0;
	int rc;

	rota_format_date(week, wk, sizeof(wk));
	if (!(r = calloc(1, sizeof(*r))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	if ((rc = rota_db_prepare(st,
				  "SELECT id, status, origin, created_at, "
				  "solver_status, objective, bound, gap, "
				  "seconds FROM roster WHERE week = ?1",
				  &s, err)) < 0)
		goto fail;
	rota_db_bind_text(s, 1, wk);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		rc = rota_error_set(err, ROTA_ENOTFOUND,
				    "no roster for the week of %s", wk);
		goto fail;
	}
	if (rc != SQLITE_ROW) {
		rc = rota_db_error(st, err, "reading a roster");
		goto fail;
	}
	r->week = week;
	rid = sqlite3_column_int64(s, 0);
	rota_db_column_text(s, 1, r->status, sizeof(r->status));
	rota_db_column_text(s, 2, r->origin, sizeof(r->origin));
	r->created_at = sqlite3_column_int64(s, 3);
	rota_db_column_text(s, 4, r->solver_status, sizeof(r->solver_status));
	r->has_stats = sqlite3_column_type(s, 5) != SQLITE_NULL;
	r->objective = sqlite3_column_double(s, 5);
	r->bound = sqlite3_column_double(s, 6);
	r->gap = sqlite3_column_double(s, 7);
	r->seconds = sqlite3_column_double(s, 8);
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = rota_db_prepare(st,
				  ASSIGNMENT_COLUMNS
				  "WHERE a.roster_id = ?1 ORDER BY e.code, "
				  "a.day",
				  &s, err)) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, rid);
	if ((rc = read_assignments(st, s, &r->assignments, &r->n_assignments,
				   err)) < 0)
		goto fail;
	sqlite3_finalize(s);
	*out = r;
	return 0;
fail:
	sqlite3_finalize(s);
	rota_roster_free(r);
	return rc;
}

int rota_store_roster_set_status(struct rota_store *st, int32_t week,
				 const char *status, struct rota_error *err)
{
	sqlite3_stmt *s;
	char wk[16];
	int rc;

	if (strcmp(status, "draft") != 0 && strcmp(status, "published") != 0)
		return rota_error_set(err, ROTA_EINVAL,
				      "'%s' is not a roster status", status);
	rota_format_date(week, wk, sizeof(wk));
	if ((rc = rota_db_prepare(st,
				  "UPDATE roster SET status = ?1 WHERE week = "
				  "?2",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, status);
	rota_db_bind_text(s, 2, wk);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = rota_db_error(st, err, "updating a roster");
	else if (sqlite3_changes(st->db) == 0)
		rc = rota_error_set(err, ROTA_ENOTFOUND,
				    "no roster for the week of %s", wk);
	sqlite3_finalize(s);
	return rc;
}

int rota_store_assignments_range(struct rota_store *st, int64_t from,
				 int64_t to, const char *employee_id,
				 struct rota_assignment **out, size_t *n,
				 struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  ASSIGNMENT_COLUMNS
				  "WHERE a.start >= ?1 AND a.start < ?2 AND "
				  "(?3 IS NULL OR e.code = ?3) "
				  "ORDER BY e.code, a.start",
				  &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	rota_db_bind_text(s, 3, employee_id);
	rc = read_assignments(st, s, out, n, err);
	sqlite3_finalize(s);
	return rc;
}
