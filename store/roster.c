/*
 * store/roster.c - saving and loading weekly rosters.
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

/* One live assignment of a roster, with its row id. */
struct live {
	int64_t id;
	struct rota_assignment a;
};

static int same_assignment(const struct rota_assignment *a,
			   const struct rota_assignment *b)
{
	return strcmp(a->shift, b->shift) == 0 && a->start == b->start &&
	       a->end == b->end && a->paid_min == b->paid_min &&
	       strcmp(a->skill, b->skill) == 0;
}

static int cmp_key(const char *e1, int32_t d1, const char *e2, int32_t d2)
{
	int c = strcmp(e1, e2);

	return c ? c : (d1 > d2) - (d1 < d2);
}

/* Check an assignment of r and find its row ids. */
static int resolve(struct rota_store *st, const struct rota_roster *r,
		   const struct rota_assignment *a, int64_t ids[3],
		   struct rota_error *err)
{
	char day[16];

	ids[0] = rota_db_id_of(st, ROTA_DB_EMPLOYEE, a->employee);
	ids[1] = rota_db_id_of(st, ROTA_DB_SHIFT, a->shift);
	ids[2] = a->skill[0] ? rota_db_id_of(st, ROTA_DB_SKILL, a->skill) : 0;
	rota_format_date(a->day, day, sizeof(day));
	if (ids[0] <= 0 || ids[1] <= 0 || ids[2] < 0 ||
	    (a->skill[0] && ids[2] == 0))
		return rota_error_set(
			err, ROTA_EDATA, "roster %s: %s '%s' does not exist",
			day,
			ids[0] <= 0 ? "employee" : ids[1] <= 0 ? "shift" : "skill",
			ids[0] <= 0 ? a->employee
			: ids[1] <= 0 ? a->shift
				      : a->skill);
	if (a->day < r->week || a->day >= r->week + 7)
		return rota_error_set(err, ROTA_EDATA,
				      "roster: %s on %s is outside the week",
				      a->employee, day);
	if (a->end <= a->start)
		return rota_error_set(err, ROTA_EDATA,
				      "roster: %s on %s ends before it starts",
				      a->employee, day);
	return 0;
}

static int in_scope(const char *const *scope, size_t n_scope,
		    const char *employee)
{
	if (!scope)
		return 1;
	for (size_t i = 0; i < n_scope; i++)
		if (strcmp(scope[i], employee) == 0)
			return 1;
	return 0;
}

static int cmp_assignment(const void *x, const void *y)
{
	const struct rota_assignment *a = x, *b = y;

	return cmp_key(a->employee, a->day, b->employee, b->day);
}

#define LIVE_COLUMNS                                                          \
	"SELECT a.id, e.code, a.day, s.code, a.start, a.end, a.paid_min, "    \
	"coalesce(k.name, '') FROM assignment a "                            \
	"JOIN employee e ON e.id = a.employee_id "                           \
	"JOIN shift s ON s.id = a.shift_id "                                 \
	"LEFT JOIN skill k ON k.id = a.skill_id "

/* The live assignments of roster rid, sorted by employee then day. */
static int load_live(struct rota_store *st, int64_t rid, struct live **out,
		     size_t *n, struct rota_error *err)
{
	struct live *arr = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  LIVE_COLUMNS "WHERE a.roster_id = ?1 AND "
				  "a.to_version IS NULL ORDER BY e.code, a.day",
				  &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, rid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct live *l;
		char day[16];

		if (ROTA_GROW(arr, cap, cnt) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		l = &arr[cnt++];
		memset(l, 0, sizeof(*l));
		l->id = sqlite3_column_int64(s, 0);
		rota_db_column_text(s, 1, l->a.employee, sizeof(l->a.employee));
		rota_db_column_text(s, 2, day, sizeof(day));
		if (rota_parse_date(day, &l->a.day, NULL) < 0)
			l->a.day = 0;
		rota_db_column_text(s, 3, l->a.shift, sizeof(l->a.shift));
		l->a.start = sqlite3_column_int64(s, 4);
		l->a.end = sqlite3_column_int64(s, 5);
		l->a.paid_min = sqlite3_column_int(s, 6);
		rota_db_column_text(s, 7, l->a.skill, sizeof(l->a.skill));
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading assignments");
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

static const char *const version_kinds[] = {
	"solve", "replan", "substitute", "swap", "edit", "import", "absence",
	"timeoff"};

/* Statements of one commit. */
struct commit {
	struct rota_store *st;
	sqlite3_stmt *ins, *close, *link;
	int64_t rid;
	int version;
	int64_t absence_id;   /* or the time off's id: what link records */
};

static int insert_row(struct commit *c, const struct rota_roster *r,
		      const struct rota_assignment *a, struct rota_error *err)
{
	int64_t ids[3];
	char day[16];
	int rc;

	if ((rc = resolve(c->st, r, a, ids, err)) < 0)
		return rc;
	rota_format_date(a->day, day, sizeof(day));
	sqlite3_reset(c->ins);
	sqlite3_bind_int64(c->ins, 1, c->rid);
	sqlite3_bind_int64(c->ins, 2, ids[0]);
	rota_db_bind_text(c->ins, 3, day);
	sqlite3_bind_int64(c->ins, 4, ids[1]);
	sqlite3_bind_int64(c->ins, 5, a->start);
	sqlite3_bind_int64(c->ins, 6, a->end);
	sqlite3_bind_int(c->ins, 7, a->paid_min);
	if (ids[2] > 0)
		sqlite3_bind_int64(c->ins, 8, ids[2]);
	else
		sqlite3_bind_null(c->ins, 8);
	sqlite3_bind_int(c->ins, 9, c->version);
	if (sqlite3_step(c->ins) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(c->st->db) ==
		    SQLITE_CONSTRAINT_UNIQUE)
			return rota_error_set(err, ROTA_EDATA,
					      "roster: %s has two shifts on %s",
					      a->employee, day);
		return rota_db_error(c->st, err, "saving an assignment");
	}
	return 0;
}

static int close_row(struct commit *c, int64_t id, struct rota_error *err)
{
	sqlite3_reset(c->close);
	sqlite3_bind_int(c->close, 1, c->version);
	sqlite3_bind_int64(c->close, 2, id);
	if (sqlite3_step(c->close) != SQLITE_DONE)
		return rota_db_error(c->st, err, "closing an assignment");
	if (c->absence_id <= 0)
		return 0;
	sqlite3_reset(c->link);
	sqlite3_bind_int64(c->link, 1, c->absence_id);
	sqlite3_bind_int64(c->link, 2, id);
	if (sqlite3_step(c->link) != SQLITE_DONE)
		return rota_db_error(c->st, err, "linking a shift taken out");
	return 0;
}

/*
 * Walk the live rows and the new ones in (employee, day) order: close what
 * differs or is gone (in scope), insert what is new.  With dry = 1 only
 * count the employee-days that change.
 */
static int apply_changes(struct commit *c, const struct rota_roster *r,
			 const struct rota_assignment *as, size_t n_as,
			 const struct live *live, size_t n_live,
			 const char *const *scope, size_t n_scope, int dry,
			 int *changes, struct rota_error *err)
{
	size_t i = 0, j = 0;
	int rc;

	*changes = 0;
	while (i < n_live || j < n_as) {
		const struct live *l = i < n_live ? &live[i] : NULL;
		const struct rota_assignment *a = j < n_as ? &as[j] : NULL;
		int cmp = !l ? 1
			  : !a ? -1
			       : cmp_key(l->a.employee, l->a.day, a->employee,
					 a->day);

		if (l && cmp <= 0 &&
		    !in_scope(scope, n_scope, l->a.employee)) {
			i++;  /* outside the scope: kept as it is (no new
			       * assignment is outside it, see the caller) */
			continue;
		}
		if (cmp == 0 && same_assignment(&l->a, a)) {
			i++;
			j++;
			continue;
		}
		(*changes)++;
		if (cmp <= 0) {
			if (!dry && (rc = close_row(c, l->id, err)) < 0)
				return rc;
			i++;
		}
		if (cmp >= 0) {
			if (!dry && (rc = insert_row(c, r, a, err)) < 0)
				return rc;
			j++;
		}
	}
	return 0;
}

static int roster_row(struct rota_store *st, const char *week, int64_t *rid,
		      int *version, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT id, version FROM roster WHERE week = "
				  "?1",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, week);
	rc = sqlite3_step(s);
	*rid = 0;
	*version = 0;
	if (rc == SQLITE_ROW) {
		*rid = sqlite3_column_int64(s, 0);
		*version = sqlite3_column_int(s, 1);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? 0
				       : rota_db_error(st, err, "reading rosters");
	}
	sqlite3_finalize(s);
	return rc;
}

/* Insert or update the roster row (version, origin, statistics). */
static int put_roster(struct commit *c, const char *week,
		      const struct rota_roster *r, int64_t at,
		      struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(
		     c->st,
		     "INSERT INTO roster (week, status, origin, created_at, "
		     "solver_status, objective, bound, gap, seconds, version, "
		     "published_version) VALUES (?1, ?10, ?2, ?3, ?4, ?5, ?6, "
		     "?7, ?8, ?9, CASE ?10 WHEN 'published' THEN ?9 END) ON "
		     "CONFLICT (week) DO UPDATE SET origin = excluded.origin, "
		     "created_at = excluded.created_at, solver_status = "
		     "excluded.solver_status, objective = excluded.objective, "
		     "bound = excluded.bound, gap = excluded.gap, seconds = "
		     "excluded.seconds, version = excluded.version RETURNING "
		     "id",
		     &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, week);
	rota_db_bind_text(s, 2, r->origin[0] ? r->origin : "import");
	sqlite3_bind_int64(s, 3, at);
	rota_db_bind_text(s, 4, r->solver_status);
	if (r->has_stats) {
		sqlite3_bind_double(s, 5, r->objective);
		sqlite3_bind_double(s, 6, r->bound);
		sqlite3_bind_double(s, 7, r->gap);
		sqlite3_bind_double(s, 8, r->seconds);
	}
	sqlite3_bind_int(s, 9, c->version);
	rota_db_bind_text(s, 10, strcmp(r->status, "published") == 0
					 ? "published"
					 : "draft");
	if (sqlite3_step(s) != SQLITE_ROW)
		rc = rota_db_error(c->st, err, "saving a roster");
	else
		c->rid = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc;
}

static int put_version(struct commit *c, const struct rota_roster *r,
		       const struct rota_version_meta *m, int64_t at,
		       int changes, struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(
		     c->st,
		     "INSERT INTO roster_version (roster_id, version, "
		     "created_at, kind, by, reason, changes, solver_status, "
		     "objective) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		     &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, c->rid);
	sqlite3_bind_int(s, 2, c->version);
	sqlite3_bind_int64(s, 3, at);
	rota_db_bind_text(s, 4, m->kind);
	rota_db_bind_text(s, 5, m->by ? m->by : "");
	rota_db_bind_text(s, 6, m->reason ? m->reason : "");
	sqlite3_bind_int(s, 7, changes);
	rota_db_bind_text(s, 8, r->solver_status);
	if (r->has_stats)
		sqlite3_bind_double(s, 9, r->objective);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = rota_db_error(c->st, err, "recording a roster version");
	sqlite3_finalize(s);
	return rc;
}

int rota_store_roster_commit(struct rota_store *st, const struct rota_roster *r,
			     const char *const *scope, size_t n_scope,
			     const struct rota_version_meta *meta,
			     int *version, int *changes,
			     struct rota_error *err)
{
	struct rota_version_meta m = meta ? *meta
					  : (struct rota_version_meta)
						  ROTA_VERSION_META_INIT;
	struct commit c;
	struct live *live = NULL;
	struct rota_assignment *as = NULL;
	size_t n_live = 0, k;
	char week[16];
	int64_t at;
	int rc, n_changes = 0, current;

	memset(&c, 0, sizeof(c));
	c.st = st;
	/* the closed rows are linked to the absence or time off (link) */
	c.absence_id = m.absence_id > 0 ? m.absence_id : m.timeoff_id;
	if (rota_weekday(r->week) != 1)
		return rota_error_set(err, ROTA_EINVAL,
				      "roster week must start on a Monday");
	if (!m.kind)
		m.kind = r->origin[0] && strcmp(r->origin, "solver") == 0
				 ? "solve"
				 : "import";
	for (k = 0; k < sizeof(version_kinds) / sizeof(version_kinds[0]); k++)
		if (strcmp(version_kinds[k], m.kind) == 0)
			break;
	if (k == sizeof(version_kinds) / sizeof(version_kinds[0]))
		return rota_error_set(err, ROTA_EINVAL,
				      "'%s' is not a kind of roster change",
				      m.kind);
	at = m.at ? m.at : r->created_at;
	rota_format_date(r->week, week, sizeof(week));
	if (r->n_assignments &&
	    !(as = malloc(r->n_assignments * sizeof(*as))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	if (r->n_assignments)
		memcpy(as, r->assignments, r->n_assignments * sizeof(*as));
	qsort(as, r->n_assignments, sizeof(*as), cmp_assignment);
	for (size_t i = 0; i < r->n_assignments; i++) {
		int64_t ids[3];
		char day[16];

		if ((rc = resolve(st, r, &as[i], ids, err)) < 0)
			goto out;
		if (i && cmp_assignment(&as[i - 1], &as[i]) == 0) {
			rota_format_date(as[i].day, day, sizeof(day));
			rc = rota_error_set(err, ROTA_EDATA,
					    "roster: %s has two shifts on %s",
					    as[i].employee, day);
			goto out;
		}
		if (!in_scope(scope, n_scope, as[i].employee)) {
			rc = rota_error_set(err, ROTA_EINVAL,
					    "roster: %s is outside the "
					    "change's scope", as[i].employee);
			goto out;
		}
	}
	if ((rc = rota_store_begin(st, err)) < 0)
		goto out;
	if ((rc = roster_row(st, week, &c.rid, &current, err)) < 0 ||
	    (c.rid && (rc = load_live(st, c.rid, &live, &n_live, err)) < 0) ||
	    (rc = apply_changes(&c, r, as, r->n_assignments, live, n_live,
				scope, n_scope, 1, &n_changes, err)) < 0)
		goto fail;
	c.version = current + (c.rid == 0 || n_changes > 0);
	if ((rc = put_roster(&c, week, r, c.version > current ? at
			     : r->created_at, err)) < 0)
		goto fail;
	if (c.version > current) {
		if ((rc = rota_db_prepare(st,
					  "INSERT INTO assignment (roster_id, "
					  "employee_id, day, shift_id, start, "
					  "end, paid_min, skill_id, "
					  "from_version) VALUES (?1, ?2, ?3, "
					  "?4, ?5, ?6, ?7, ?8, ?9)",
					  &c.ins, err)) < 0 ||
		    (rc = rota_db_prepare(st,
					  "UPDATE assignment SET to_version = "
					  "?1 WHERE id = ?2",
					  &c.close, err)) < 0 ||
		    (rc = rota_db_prepare(st,
					  m.absence_id > 0 || m.timeoff_id <= 0
						  ? "INSERT INTO absence_shift "
						    "(absence_id, "
						    "assignment_id) VALUES "
						    "(?1, ?2)"
						  : "INSERT INTO timeoff_shift "
						    "(timeoff_id, "
						    "assignment_id) VALUES "
						    "(?1, ?2)",
					  &c.link, err)) < 0 ||
		    (rc = apply_changes(&c, r, as, r->n_assignments, live,
					n_live, scope, n_scope, 0, &n_changes,
					err)) < 0 ||
		    (rc = put_version(&c, r, &m, at, n_changes, err)) < 0)
			goto fail;
	}
	if ((rc = rota_store_commit(st, err)) < 0)
		goto out;
	if (version)
		*version = c.version;
	if (changes)
		*changes = n_changes;
	goto out;
fail:
	rota_store_rollback(st);
out:
	sqlite3_finalize(c.ins);
	sqlite3_finalize(c.close);
	sqlite3_finalize(c.link);
	free(live);
	free(as);
	return rc;
}

int rota_store_roster_save(struct rota_store *st, const struct rota_roster *r,
			   struct rota_error *err)
{
	return rota_store_roster_commit(st, r, NULL, 0, NULL, NULL, NULL, err);
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

/* Load version `version` (0: the live one) of the week's roster. */
static int load_roster(struct rota_store *st, int32_t week, int version,
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
				  "seconds, version, "
				  "coalesce(published_version, 0) FROM roster "
				  "WHERE week = ?1",
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
	r->version = sqlite3_column_int(s, 9);
	r->published_version = sqlite3_column_int(s, 10);
	sqlite3_finalize(s);
	s = NULL;
	if (version > r->version || version < 0) {
		rc = rota_error_set(err, ROTA_ENOTFOUND,
				    "the roster of the week of %s has no "
				    "version %d (latest %d)", wk, version,
				    r->version);
		goto fail;
	}
	if (version) {
		r->version = version;
		r->has_stats = 0;
		r->solver_status[0] = '\0';
	}
	if ((rc = rota_db_prepare(st,
				  ASSIGNMENT_COLUMNS
				  "WHERE a.roster_id = ?1 AND a.from_version "
				  "<= ?2 AND (a.to_version IS NULL OR "
				  "a.to_version > ?2) ORDER BY e.code, a.day",
				  &s, err)) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, rid);
	sqlite3_bind_int(s, 2, r->version);
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

int rota_store_roster_load(struct rota_store *st, int32_t week,
			   struct rota_roster **out, struct rota_error *err)
{
	return load_roster(st, week, 0, out, err);
}

int rota_store_roster_load_version(struct rota_store *st, int32_t week,
				   int version, struct rota_roster **out,
				   struct rota_error *err)
{
	if (version <= 0)
		return rota_error_set(err, ROTA_EINVAL,
				      "a roster version is a number from 1");
	return load_roster(st, week, version, out, err);
}

int rota_store_roster_history(struct rota_store *st, int32_t week,
			      struct rota_roster_version **out, size_t *n,
			      struct rota_error *err)
{
	struct rota_roster_version *arr = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	char wk[16];
	int rc;

	rota_format_date(week, wk, sizeof(wk));
	if ((rc = rota_db_prepare(st,
				  "SELECT v.version, v.created_at, v.kind, "
				  "v.by, v.reason, v.changes, v.solver_status, "
				  "v.objective, v.version = "
				  "coalesce(r.published_version, 0), "
				  "v.version = r.version FROM roster_version v "
				  "JOIN roster r ON r.id = v.roster_id WHERE "
				  "r.week = ?1 ORDER BY v.version",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, wk);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_roster_version *v;

		if (ROTA_GROW(arr, cap, cnt) < 0) {
			rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
			goto out;
		}
		v = &arr[cnt++];
		memset(v, 0, sizeof(*v));
		v->week = week;
		v->version = sqlite3_column_int(s, 0);
		v->created_at = sqlite3_column_int64(s, 1);
		rota_db_column_text(s, 2, v->kind, sizeof(v->kind));
		rota_db_column_text(s, 3, v->by, sizeof(v->by));
		rota_db_column_text(s, 4, v->reason, sizeof(v->reason));
		v->changes = sqlite3_column_int(s, 5);
		rota_db_column_text(s, 6, v->solver_status,
				    sizeof(v->solver_status));
		v->has_objective = sqlite3_column_type(s, 7) != SQLITE_NULL;
		v->objective = sqlite3_column_double(s, 7);
		v->published = sqlite3_column_int(s, 8);
		v->live = sqlite3_column_int(s, 9);
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading roster versions");
		goto out;
	}
	if (cnt == 0) {
		rc = rota_error_set(err, ROTA_ENOTFOUND,
				    "no roster for the week of %s", wk);
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
				  "UPDATE roster SET status = ?1, "
				  "published_version = CASE ?1 WHEN "
				  "'published' THEN version ELSE "
				  "published_version END WHERE week = ?2",
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
				  "a.to_version IS NULL AND "
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
