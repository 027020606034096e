/*
 * store/load.c - read the whole site into a struct rota_dataset.
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

/* skill row id -> index in ds->skills */
struct id_map {
	int64_t *ids;
	size_t n;
};

static int map_index(const struct id_map *m, int64_t id)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->ids[i] == id)
			return (int)i;
	return -1;
}

static int load_skills(struct rota_store *st, struct rota_dataset *ds,
		       struct id_map *map, struct rota_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0, map_cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT id, name, sl, answer_s, max_occupancy,"
				  " shrinkage, concurrency, patience_s, "
				  "max_abandon, asa_s FROM skill ORDER BY name",
				  &s, err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_skill *k;

		if (ds->n_skills >= ROTA_MAX_SKILLS) {
			rc = rota_error_set(err, ROTA_ELIMIT,
					    "more than %d skills",
					    ROTA_MAX_SKILLS);
			goto out;
		}
		if (ROTA_GROW(ds->skills, cap, ds->n_skills) < 0 ||
		    ROTA_GROW(map->ids, map_cap, map->n) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		map->ids[map->n++] = sqlite3_column_int64(s, 0);
		k = &ds->skills[ds->n_skills++];
		rota_db_column_text(s, 1, k->name, sizeof(k->name));
		k->sl = sqlite3_column_double(s, 2);
		k->answer_s = sqlite3_column_double(s, 3);
		k->max_occupancy = sqlite3_column_double(s, 4);
		k->shrinkage = sqlite3_column_double(s, 5);
		k->concurrency = sqlite3_column_int(s, 6);
		k->patience_s = sqlite3_column_double(s, 7);
		k->max_abandon = sqlite3_column_double(s, 8);
		k->asa_s = sqlite3_column_double(s, 9);
	}
	rc = rc == SQLITE_DONE ? 0 : rota_db_error(st, err, "reading skills");
out:
	sqlite3_finalize(s);
	return rc;
}

static int load_contracts(struct rota_store *st, struct rota_dataset *ds,
			  struct rota_error *err)
{
	sqlite3_stmt *s = NULL, *r = NULL;
	size_t cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st, "SELECT id, code, max_overtime_min, "
				      "overtime_weight FROM contract "
				      "ORDER BY code", &s, err)) < 0 ||
	    (rc = rota_db_prepare(st, "SELECT rule, value, weight FROM "
				      "contract_rule WHERE contract_id = ?1",
				  &r, err)) < 0)
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_contract *c;

		if (ROTA_GROW(ds->contracts, cap, ds->n_contracts) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		c = &ds->contracts[ds->n_contracts++];
		rota_contract_defaults(c);
		rota_db_column_text(s, 1, c->id, sizeof(c->id));
		c->max_overtime_min = sqlite3_column_int(s, 2);
		c->overtime_weight = sqlite3_column_double(s, 3);
		sqlite3_reset(r);
		sqlite3_bind_int64(r, 1, sqlite3_column_int64(s, 0));
		while ((rc = sqlite3_step(r)) == SQLITE_ROW) {
			int k = rota_rule_find(
				(const char *)sqlite3_column_text(r, 0));

			if (k < 0)
				continue;   /* a rule from a newer rota */
			c->rule[k].value = sqlite3_column_type(r, 1) == SQLITE_NULL
						   ? ROTA_UNSET
						   : sqlite3_column_int(r, 1);
			c->rule[k].weight = sqlite3_column_double(r, 2);
		}
		if (rc != SQLITE_DONE) {
			rc = rota_db_error(st, err, "reading contract rules");
			goto out;
		}
	}
	rc = rc == SQLITE_DONE ? 0
			       : rota_db_error(st, err, "reading contracts");
out:
	sqlite3_finalize(s);
	sqlite3_finalize(r);
	return rc;
}

static int load_employees(struct rota_store *st, struct rota_dataset *ds,
			  const struct id_map *skills, struct rota_error *err)
{
	sqlite3_stmt *s = NULL, *k = NULL;
	size_t cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT e.id, e.code, e.name, e.email, "
				  "e.team, c.code FROM employee e JOIN contract"
				  " c ON c.id = e.contract_id ORDER BY e.code",
				  &s, err)) < 0 ||
	    (rc = rota_db_prepare(st,
				  "SELECT skill_id, level FROM employee_skill "
				  "WHERE employee_id = ?1",
				  &k, err)) < 0)
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_employee *e;

		if (ROTA_GROW(ds->employees, cap, ds->n_employees) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		e = &ds->employees[ds->n_employees++];
		memset(e, 0, sizeof(*e));
		rota_db_column_text(s, 1, e->id, sizeof(e->id));
		rota_db_column_text(s, 2, e->name, sizeof(e->name));
		rota_db_column_text(s, 3, e->email, sizeof(e->email));
		rota_db_column_text(s, 4, e->team, sizeof(e->team));
		rota_db_column_text(s, 5, e->contract, sizeof(e->contract));
		sqlite3_reset(k);
		sqlite3_bind_int64(k, 1, sqlite3_column_int64(s, 0));
		while ((rc = sqlite3_step(k)) == SQLITE_ROW) {
			int i = map_index(skills, sqlite3_column_int64(k, 0));

			if (i < 0)
				continue;
			e->skills |= UINT64_C(1) << i;
			e->level[i] = (uint8_t)sqlite3_column_int(k, 1);
		}
		if (rc != SQLITE_DONE) {
			rc = rota_db_error(st, err, "reading employee skills");
			goto out;
		}
	}
	rc = rc == SQLITE_DONE ? 0
			       : rota_db_error(st, err, "reading employees");
out:
	sqlite3_finalize(s);
	sqlite3_finalize(k);
	return rc;
}

static int load_shifts(struct rota_store *st, struct rota_dataset *ds,
		       const struct id_map *skills, struct rota_error *err)
{
	sqlite3_stmt *s = NULL, *k = NULL;
	size_t cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT id, code, name, start_min, "
				  "length_min, break_min, days, break_start_min "
				  "FROM shift ORDER BY code",
				  &s, err)) < 0 ||
	    (rc = rota_db_prepare(st,
				  "SELECT skill_id FROM shift_skill WHERE "
				  "shift_id = ?1",
				  &k, err)) < 0)
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_shift *sh;

		if (ROTA_GROW(ds->shifts, cap, ds->n_shifts) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		sh = &ds->shifts[ds->n_shifts++];
		memset(sh, 0, sizeof(*sh));
		rota_db_column_text(s, 1, sh->code, sizeof(sh->code));
		rota_db_column_text(s, 2, sh->name, sizeof(sh->name));
		sh->start_min = sqlite3_column_int(s, 3);
		sh->length_min = sqlite3_column_int(s, 4);
		sh->break_min = sqlite3_column_int(s, 5);
		sh->days = (uint8_t)sqlite3_column_int(s, 6);
		sh->break_start_min = sqlite3_column_int(s, 7);
		sqlite3_reset(k);
		sqlite3_bind_int64(k, 1, sqlite3_column_int64(s, 0));
		while ((rc = sqlite3_step(k)) == SQLITE_ROW) {
			int i = map_index(skills, sqlite3_column_int64(k, 0));

			if (i >= 0)
				sh->skills |= UINT64_C(1) << i;
		}
		if (rc != SQLITE_DONE) {
			rc = rota_db_error(st, err, "reading shift skills");
			goto out;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : rota_db_error(st, err, "reading shifts");
out:
	sqlite3_finalize(s);
	sqlite3_finalize(k);
	return rc;
}

static int load_timeoff(struct rota_store *st, struct rota_dataset *ds,
			struct rota_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT e.code, t.start, t.end, t.kind, "
				  "t.weight, t.note, t.type, "
				  "coalesce(t.credit_min, -1), t.id "
				  "FROM timeoff t JOIN "
				  "employee e ON e.id = t.employee_id "
				  "WHERE t.status = 'approved' "
				  "ORDER BY e.code, t.start, t.end",
				  &s, err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_timeoff *t;

		if (ROTA_GROW(ds->timeoff, cap, ds->n_timeoff) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		t = &ds->timeoff[ds->n_timeoff++];
		rota_db_column_text(s, 0, t->employee, sizeof(t->employee));
		t->start = sqlite3_column_int64(s, 1);
		t->end = sqlite3_column_int64(s, 2);
		t->kind = strcmp((const char *)sqlite3_column_text(s, 3),
				 "soft") == 0
				  ? ROTA_TIMEOFF_SOFT
				  : ROTA_TIMEOFF_HARD;
		t->weight = sqlite3_column_double(s, 4);
		rota_db_column_text(s, 5, t->note, sizeof(t->note));
		rota_db_column_text(s, 6, t->type, sizeof(t->type));
		t->credit_min = sqlite3_column_int(s, 7);
		t->id = sqlite3_column_int64(s, 8);
	}
	rc = rc == SQLITE_DONE ? 0 : rota_db_error(st, err, "reading time off");
out:
	sqlite3_finalize(s);
	return rc;
}

static void read_leave_type(sqlite3_stmt *s, void *row)
{
	struct rota_leave_type *t = row;

	rota_db_column_text(s, 0, t->name, sizeof(t->name));
	t->paid = sqlite3_column_int(s, 1);
	t->planned = sqlite3_column_int(s, 2);
}

int rota_db_leave_types(struct rota_store *st, struct rota_leave_type **out,
			size_t *n, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT name, paid, planned FROM leave_type "
				  "ORDER BY name",
				  &s, err)) < 0)
		return rc;
	return rota_db_rows(st, s, sizeof(**out), read_leave_type, out, n,
			    "reading leave types", err);
}

/* [operations] and [timeoff] settings over their defaults, and blackouts. */
static int load_ops(struct rota_store *st, struct rota_dataset *ds,
		    struct rota_error *err)
{
	struct rota_ops_settings def = ROTA_OPS_SETTINGS_INIT;
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int rc;

	ds->ops = def;
	if ((rc = rota_db_prepare(st, "SELECT key, value FROM leave_setting",
				  &s, err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0);
		int v = sqlite3_column_int(s, 1);

		if (strcmp(k, "notice_min") == 0)
			ds->ops.notice_min = v;
		else if (strcmp(k, "change_weight") == 0)
			ds->ops.change_weight = v;
		else if (strcmp(k, "allow_overtime") == 0)
			ds->ops.allow_overtime = v;
		else if (strcmp(k, "min_notice_days") == 0)
			ds->ops.min_notice_days = v;
		else if (strcmp(k, "max_off_per_team") == 0)
			ds->ops.max_off_per_team = v;
		else if (strcmp(k, "max_off_per_skill") == 0)
			ds->ops.max_off_per_skill = v;
		else if (strcmp(k, "auto_approve") == 0)
			ds->ops.auto_approve = v;
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading site settings");
		goto out;
	}
	sqlite3_finalize(s);
	if ((rc = rota_db_prepare(st,
				  "SELECT first_day, last_day FROM blackout "
				  "ORDER BY first_day, last_day",
				  &s, err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_blackout *b;
		char a[16], z[16];

		if (ROTA_GROW(ds->blackouts, cap, ds->n_blackouts) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		b = &ds->blackouts[ds->n_blackouts++];
		rota_db_column_text(s, 0, a, sizeof(a));
		rota_db_column_text(s, 1, z, sizeof(z));
		if (rota_parse_date(a, &b->first_day, NULL) < 0 ||
		    rota_parse_date(z, &b->last_day, NULL) < 0) {
			rc = rota_error_set(err, ROTA_EDATA,
					    "blackout '%s'..'%s' is not a "
					    "pair of dates", a, z);
			goto out;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : rota_db_error(st, err, "reading blackouts");
out:
	sqlite3_finalize(s);
	return rc;
}

int rota_store_load(struct rota_store *st, struct rota_dataset *out,
		    struct rota_error *err)
{
	struct rota_dataset ds;
	struct id_map skills = {NULL, 0};
	int rc;

	memset(&ds, 0, sizeof(ds));
	if ((rc = rota_store_site_get(st, &ds.site, err)) < 0 ||
	    (rc = load_skills(st, &ds, &skills, err)) < 0 ||
	    (rc = load_contracts(st, &ds, err)) < 0 ||
	    (rc = load_employees(st, &ds, &skills, err)) < 0 ||
	    (rc = load_shifts(st, &ds, &skills, err)) < 0 ||
	    (rc = load_timeoff(st, &ds, err)) < 0 ||
	    (rc = rota_db_leave_types(st, &ds.leave_types, &ds.n_leave_types,
				      err)) < 0 ||
	    (rc = load_ops(st, &ds, err)) < 0) {
		rota_dataset_release(&ds);
		goto out;
	}
	*out = ds;
out:
	free(skills.ids);
	return rc;
}
