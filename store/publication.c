/*
 * store/publication.c - calendar publication bookkeeping (table
 * publication).
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

int rota_store_publication_list(struct rota_store *st, const char *employee_id,
				int32_t from_day, int32_t to_day,
				struct rota_publication **out, size_t *n,
				struct rota_error *err)
{
	struct rota_publication *arr = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	char from[16], to[16];
	int rc;

	rota_format_date(from_day, from, sizeof(from));
	rota_format_date(to_day, to, sizeof(to));
	/* one employee's rows by the (employee_id, day) index, instead of a
	 * scan of every row (a subscribed feed asks for one person) */
	if ((rc = rota_db_prepare(st,
				  employee_id
				  ? "SELECT p.uid, e.code, p.day, "
				    "p.shift_code, p.skill, p.start, p.end, "
				    "p.sequence, p.status, p.hash, "
				    "p.published_at FROM employee e JOIN "
				    "publication p ON p.employee_id = e.id "
				    "WHERE e.code = ?3 AND p.day >= ?1 AND "
				    "p.day < ?2 ORDER BY p.day, p.uid"
				  : "SELECT p.uid, e.code, p.day, "
				    "p.shift_code, p.skill, p.start, p.end, "
				    "p.sequence, p.status, p.hash, "
				    "p.published_at FROM publication p JOIN "
				    "employee e ON e.id = p.employee_id WHERE "
				    "p.day >= ?1 AND p.day < ?2 ORDER BY "
				    "e.code, p.day, p.uid",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, from);
	rota_db_bind_text(s, 2, to);
	rota_db_bind_text(s, 3, employee_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_publication *p;
		char day[16], status[16];

		if (ROTA_GROW(arr, cap, cnt) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM,
					    "out of memory");
			goto fail;
		}
		p = &arr[cnt++];
		memset(p, 0, sizeof(*p));
		rota_db_column_text(s, 0, p->uid, sizeof(p->uid));
		rota_db_column_text(s, 1, p->employee, sizeof(p->employee));
		rota_db_column_text(s, 2, day, sizeof(day));
		if (rota_parse_date(day, &p->day, NULL) < 0) {
			rc = rota_error_set(err, ROTA_EDB,
					    "publication %s: bad day '%s'",
					    p->uid, day);
			goto fail;
		}
		rota_db_column_text(s, 3, p->shift, sizeof(p->shift));
		rota_db_column_text(s, 4, p->skill, sizeof(p->skill));
		p->start = sqlite3_column_int64(s, 5);
		p->end = sqlite3_column_int64(s, 6);
		p->sequence = sqlite3_column_int(s, 7);
		rota_db_column_text(s, 8, status, sizeof(status));
		p->cancelled = strcmp(status, "CANCELLED") == 0;
		rota_db_column_text(s, 9, p->hash, sizeof(p->hash));
		p->published_at = sqlite3_column_int64(s, 10);
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading publications");
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

int rota_store_publication_put(struct rota_store *st,
			       const struct rota_publication *p, size_t n,
			       struct rota_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = rota_store_begin(st, err)) < 0)
		return rc;
	if ((rc = rota_db_prepare(
		     st,
		     "INSERT INTO publication (uid, employee_id, day, "
		     "shift_code, skill, start, end, sequence, status, hash, "
		     "published_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		     "?9, ?10, ?11) ON CONFLICT (uid) DO UPDATE SET "
		     "employee_id = excluded.employee_id, day = excluded.day, "
		     "shift_code = excluded.shift_code, skill = "
		     "excluded.skill, start = excluded.start, end = "
		     "excluded.end, sequence = excluded.sequence, status = "
		     "excluded.status, hash = excluded.hash, published_at = "
		     "excluded.published_at",
		     &s, err)) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		int64_t eid = rota_db_id_of(st, ROTA_DB_EMPLOYEE,
					    p[i].employee);
		char day[16];

		if (eid < 0) {
			rc = rota_db_error(st, err, "looking up an employee");
			goto fail;
		}
		if (eid == 0) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "publication %s: unknown employee "
					    "'%s'", p[i].uid, p[i].employee);
			goto fail;
		}
		rota_format_date(p[i].day, day, sizeof(day));
		sqlite3_reset(s);
		rota_db_bind_text(s, 1, p[i].uid);
		sqlite3_bind_int64(s, 2, eid);
		rota_db_bind_text(s, 3, day);
		rota_db_bind_text(s, 4, p[i].shift);
		rota_db_bind_text(s, 5, p[i].skill);
		sqlite3_bind_int64(s, 6, p[i].start);
		sqlite3_bind_int64(s, 7, p[i].end);
		sqlite3_bind_int(s, 8, p[i].sequence);
		rota_db_bind_text(s, 9,
				  p[i].cancelled ? "CANCELLED" : "CONFIRMED");
		rota_db_bind_text(s, 10, p[i].hash);
		sqlite3_bind_int64(s, 11, p[i].published_at);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = rota_db_error(st, err, "saving a publication");
			goto fail;
		}
	}
	sqlite3_finalize(s);
	return rota_store_commit(st, err);
fail:
	sqlite3_finalize(s);
	rota_store_rollback(st);
	return rc;
}
