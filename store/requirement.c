/*
 * store/requirement.c - forecast rows and staffing requirements by range.
 *
 * Skills are addressed by their index in name order (as rota_store_load()
 * returns them); the row ids behind them stay inside the store.
 */
#include "store/store_int.h"

#include <math.h>
#include <stdlib.h>

/* Row ids of the skills in name order; *ids is malloc'd. */
static int skill_ids(struct rota_store *st, int64_t **ids, size_t *n,
		     struct rota_error *err)
{
	sqlite3_stmt *s = NULL;
	int64_t *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st, "SELECT id FROM skill ORDER BY name", &s,
				  err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (ROTA_GROW(v, cap, len) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM,
					    "out of memory");
			goto out;
		}
		v[len++] = sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading skills");
		goto out;
	}
	rc = 0;
	*ids = v;
	*n = len;
	v = NULL;
out:
	free(v);
	sqlite3_finalize(s);
	return rc;
}

static int skill_index(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return (int)i;
	return -1;
}

/*
 * Run `sql` (binding ?1 = from, ?2 = to) and collect rows of `size` bytes
 * with fill(); rows come back as `start, skill_id, ...`.
 */
typedef void (*fill_fn)(sqlite3_stmt *s, void *row, int skill);

static int load_range(struct rota_store *st, const char *sql, int64_t from,
		      int64_t to, size_t size, fill_fn fill, void **out,
		      size_t *n, const char *what, struct rota_error *err)
{
	sqlite3_stmt *s = NULL;
	int64_t *ids = NULL;
	size_t n_ids = 0, len = 0, cap = 0;
	char *rows = NULL;
	int rc;

	if ((rc = skill_ids(st, &ids, &n_ids, err)) < 0 ||
	    (rc = rota_db_prepare(st, sql, &s, err)) < 0)
		goto out;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int k = skill_index(ids, n_ids, sqlite3_column_int64(s, 1));

		if (k < 0) {   /* foreign keys make this impossible */
			rc = rota_error_set(err, ROTA_EDB,
					    "%s: unknown skill id %lld", what,
					    (long long)sqlite3_column_int64(
						    s, 1));
			goto out;
		}
		if (rota_grow(&rows, &cap, len, size) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		fill(s, rows + len * size, k);
		len++;
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, what);
		goto out;
	}
	rc = 0;
	*out = rows;
	*n = len;
	rows = NULL;
out:
	free(rows);
	free(ids);
	sqlite3_finalize(s);
	return rc;
}

static void fill_forecast(sqlite3_stmt *s, void *row, int skill)
{
	struct rota_forecast *f = row;

	f->start = sqlite3_column_int64(s, 0);
	f->skill = skill;
	f->contacts = sqlite3_column_double(s, 2);
	f->aht_s = sqlite3_column_double(s, 3);
}

static void fill_requirement(sqlite3_stmt *s, void *row, int skill)
{
	struct rota_requirement *r = row;

	r->start = sqlite3_column_int64(s, 0);
	r->skill = skill;
	r->agents = sqlite3_column_int(s, 2);
	r->scheduled_agents = sqlite3_column_int(s, 3);
	r->service_level = sqlite3_column_double(s, 4);
}

int rota_store_forecast_load(struct rota_store *st, int64_t from, int64_t to,
			     struct rota_forecast **out, size_t *n,
			     struct rota_error *err)
{
	void *rows = NULL;
	int rc;

	rc = load_range(st,
			"SELECT f.start, f.skill_id, f.contacts, f.aht_s "
			"FROM forecast f JOIN skill k ON k.id = f.skill_id "
			"WHERE f.start >= ?1 AND f.start < ?2 "
			"ORDER BY f.start, k.name",
			from, to, sizeof(struct rota_forecast), fill_forecast,
			&rows, n, "reading the forecast", err);
	if (rc == 0)
		*out = rows;
	return rc;
}

int rota_store_requirements_load(struct rota_store *st, int64_t from,
				 int64_t to, struct rota_requirement **out,
				 size_t *n, struct rota_error *err)
{
	void *rows = NULL;
	int rc;

	rc = load_range(st,
			"SELECT r.start, r.skill_id, r.agents, "
			"r.scheduled_agents, r.service_level "
			"FROM requirement r JOIN skill k ON k.id = r.skill_id "
			"WHERE r.start >= ?1 AND r.start < ?2 "
			"ORDER BY r.start, k.name",
			from, to, sizeof(struct rota_requirement),
			fill_requirement, &rows, n,
			"reading the requirements", err);
	if (rc == 0)
		*out = rows;
	return rc;
}

int rota_store_forecast_put(struct rota_store *st,
			    const struct rota_forecast *rows, size_t n,
			    struct rota_error *err)
{
	sqlite3_stmt *s = NULL;
	int64_t *ids = NULL;
	size_t n_ids = 0;
	int rc;

	if ((rc = skill_ids(st, &ids, &n_ids, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		const struct rota_forecast *f = &rows[i];

		if (f->skill < 0 || (size_t)f->skill >= n_ids) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "forecast row %zu: skill index %d "
					    "is out of range (%zu skills)",
					    i + 1, f->skill, n_ids);
			goto out;
		}
		if (!(f->contacts >= 0 && f->contacts < INFINITY)) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "forecast row %zu: contacts must "
					    "be a number >= 0 (got %g)",
					    i + 1, f->contacts);
			goto out;
		}
		if (!(f->aht_s > 0 && f->aht_s < INFINITY)) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "forecast row %zu: aht_s must be "
					    "greater than 0 (got %g)",
					    i + 1, f->aht_s);
			goto out;
		}
	}
	if ((rc = rota_store_begin(st, err)) < 0)
		goto out;
	if ((rc = rota_db_prepare(
		     st,
		     "INSERT INTO forecast (start, skill_id, contacts, aht_s) "
		     "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (start, skill_id) "
		     "DO UPDATE SET contacts = excluded.contacts, "
		     "aht_s = excluded.aht_s",
		     &s, err)) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, rows[i].start);
		sqlite3_bind_int64(s, 2, ids[rows[i].skill]);
		sqlite3_bind_double(s, 3, rows[i].contacts);
		sqlite3_bind_double(s, 4, rows[i].aht_s);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = rota_db_error(st, err, "saving the forecast");
			goto fail;
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	rc = rota_store_commit(st, err);
	goto out;
fail:
	rota_store_rollback(st);
out:
	sqlite3_finalize(s);
	free(ids);
	return rc;
}

int rota_store_requirements_save(struct rota_store *st, int64_t from,
				 int64_t to,
				 const struct rota_requirement *rows, size_t n,
				 struct rota_error *err)
{
	sqlite3_stmt *del = NULL, *ins = NULL;
	int64_t *ids = NULL;
	size_t n_ids = 0;
	int rc;

	if (from > to)
		return rota_error_set(err, ROTA_EINVAL,
				      "requirements: range ends before it "
				      "starts");
	if ((rc = skill_ids(st, &ids, &n_ids, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		const struct rota_requirement *r = &rows[i];

		if (r->start < from || r->start >= to) {
			rc = rota_error_set(err, ROTA_EINVAL,
					    "requirement %zu: start %lld is "
					    "outside the range [%lld, %lld)",
					    i + 1, (long long)r->start,
					    (long long)from, (long long)to);
			goto out;
		}
		if (r->skill < 0 || (size_t)r->skill >= n_ids) {
			rc = rota_error_set(err, ROTA_EINVAL,
					    "requirement %zu: skill index %d "
					    "is out of range (%zu skills)",
					    i + 1, r->skill, n_ids);
			goto out;
		}
		if (r->agents < 0 || r->scheduled_agents < 0) {
			rc = rota_error_set(err, ROTA_EINVAL,
					    "requirement %zu: negative agents",
					    i + 1);
			goto out;
		}
	}
	if ((rc = rota_store_begin(st, err)) < 0)
		goto out;
	if ((rc = rota_db_prepare(st,
				  "DELETE FROM requirement WHERE start >= ?1 "
				  "AND start < ?2",
				  &del, err)) < 0 ||
	    (rc = rota_db_prepare(st,
				  "INSERT INTO requirement (start, skill_id, "
				  "agents, scheduled_agents, service_level) "
				  "VALUES (?1, ?2, ?3, ?4, ?5)",
				  &ins, err)) < 0)
		goto fail;
	sqlite3_bind_int64(del, 1, from);
	sqlite3_bind_int64(del, 2, to);
	if (sqlite3_step(del) != SQLITE_DONE) {
		rc = rota_db_error(st, err, "replacing the requirements");
		goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, rows[i].start);
		sqlite3_bind_int64(ins, 2, ids[rows[i].skill]);
		sqlite3_bind_int(ins, 3, rows[i].agents);
		sqlite3_bind_int(ins, 4, rows[i].scheduled_agents);
		sqlite3_bind_double(ins, 5, rows[i].service_level);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = rota_db_error(st, err, "saving the requirements");
			goto fail;
		}
	}
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	del = ins = NULL;
	rc = rota_store_commit(st, err);
	goto out;
fail:
	rota_store_rollback(st);
out:
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	free(ids);
	return rc;
}
