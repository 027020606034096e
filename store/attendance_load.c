/*
 * store/attendance_load.c - load shifts and effective punches and run the
 * attendance computation (store/attendance.c) for every employee asked for.
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

/* Shifts and punches are loaded this many days beyond the range, so that
 * work near its edges is paired and attributed as it would be inside. */
#define MARGIN_DAYS 3

static int load_people(struct rota_store *st,
		       const struct rota_attendance_query *q,
		       struct rota_attendance_report *r, int64_t **ids,
		       struct rota_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT id, code, name, team FROM employee "
				  "WHERE (?1 IS NULL OR code = ?1) AND "
				  "(?2 IS NULL OR team = ?2) ORDER BY code",
				  &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, q->employee);
	rota_db_bind_text(s, 2, q->team);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_attendance_person *p;

		if (r->n_people == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			void *np = realloc(r->people, ncap * sizeof(*p));
			void *ni = np ? realloc(*ids, ncap * sizeof(**ids))
				      : NULL;

			if (np)
				r->people = np;
			if (ni)
				*ids = ni;
			if (!np || !ni) {
				sqlite3_finalize(s);
				return rota_error_set(err, ROTA_ENOMEM,
						      "out of memory");
			}
			cap = ncap;
		}
		p = &r->people[r->n_people];
		memset(p, 0, sizeof(*p));
		(*ids)[r->n_people] = sqlite3_column_int64(s, 0);
		rota_db_column_text(s, 1, p->id, sizeof(p->id));
		rota_db_column_text(s, 2, p->name, sizeof(p->name));
		rota_db_column_text(s, 3, p->team, sizeof(p->team));
		r->n_people++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading employees");
	if (r->n_people == 0) {
		if (q->employee && q->team)
			return rota_error_set(err, ROTA_ENOTFOUND,
					      "no employee '%s' in team '%s'",
					      q->employee, q->team);
		if (q->employee)
			return rota_error_set(err, ROTA_ENOTFOUND,
					      "unknown employee '%s'",
					      q->employee);
		if (q->team)
			return rota_error_set(err, ROTA_ENOTFOUND,
					      "no employee in team '%s'",
					      q->team);
	}
	return 0;
}

/* Ids of the rows a void or a correction points at, sorted (few). */
struct superseded {
	int64_t *id;
	size_t n;
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int load_superseded(struct rota_store *st, struct superseded *sup,
			   struct rota_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT corrects FROM punch WHERE corrects "
				  "IS NOT NULL",
				  &s, err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (ROTA_GROW(sup->id, cap, sup->n) < 0) {
			sqlite3_finalize(s);
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		}
		sup->id[sup->n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading corrections");
	if (sup->n)
		qsort(sup->id, sup->n, sizeof(*sup->id), cmp_i64);
	return 0;
}

static int cmp_punch(const void *a, const void *b)
{
	const struct rota_punch *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Effective punches of one employee in [from, to), sorted by instant then
 * id.  The rows come from the covering index in instant order; voids and
 * superseded rows are dropped here rather than by a subquery per row.
 */
static int load_punches(struct rota_store *st, sqlite3_stmt *s, int64_t eid,
			int64_t from, int64_t to,
			const struct superseded *sup, struct rota_punch **buf,
			size_t *cap, size_t *n, struct rota_error *err)
{
	int rc, sorted = 1;

	*n = 0;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, eid);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *kind, *action;
		struct rota_punch p;

		if (ROTA_GROW(*buf, *cap, *n) < 0)
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		action = sqlite3_column_text(s, 3);
		p.id = sqlite3_column_int64(s, 0);
		if ((action && action[0] == 'v') ||
		    (sup->n && bsearch(&p.id, sup->id, sup->n,
				       sizeof(*sup->id), cmp_i64)))
			continue;
		kind = sqlite3_column_text(s, 2);
		p.at = sqlite3_column_int64(s, 1);
		p.kind = kind && kind[0] == 'o' ? ROTA_PUNCH_OUT : ROTA_PUNCH_IN;
		if (*n && cmp_punch(&(*buf)[*n - 1], &p) > 0)
			sorted = 0;
		(*buf)[(*n)++] = p;
	}
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading clock records");
	if (!sorted)   /* equal instants: by id */
		qsort(*buf, *n, sizeof(**buf), cmp_punch);
	return 0;
}

static int cmp_start(const void *a, const void *b)
{
	const struct rota_assignment *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

void rota_attendance_report_free(struct rota_attendance_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_people; i++)
		rota_attendance_release(&r->people[i].att);
	free(r->people);
	free(r->shifts);
	free(r);
}

int rota_store_attendance(struct rota_store *st,
			  const struct rota_attendance_query *q,
			  struct rota_attendance_report **out,
			  struct rota_error *err)
{
	struct rota_attendance_report *r;
	struct rota_att_options opt = ROTA_ATT_OPTIONS_INIT;
	struct rota_tz *tz = NULL;
	struct rota_punch *pbuf = NULL;
	sqlite3_stmt *ps = NULL;
	struct superseded sup = {NULL, 0};
	int64_t *ids = NULL, lo, hi;
	size_t pcap = 0, np = 0, a = 0;
	int rc;

	if (q->to < q->from)
		return rota_error_set(err, ROTA_EINVAL,
				      "the range ends before it starts");
	if (!(r = calloc(1, sizeof(*r))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	r->from = q->from;
	r->to = q->to;
	if ((rc = rota_store_site_get(st, &r->site, err)) < 0)
		goto fail;
	if (!(tz = rota_tz_load(r->site.timezone, err))) {
		rc = err ? err->code : ROTA_EDATA;
		goto fail;
	}
	if ((rc = load_people(st, q, r, &ids, err)) < 0)
		goto fail;
	opt.grace_min = r->site.grace_min;
	opt.from = rota_tz_day_start(tz, q->from);
	opt.to = rota_tz_day_start(tz, q->to + 1);
	opt.now = q->now;
	lo = rota_tz_day_start(tz, q->from - MARGIN_DAYS);
	hi = rota_tz_day_start(tz, q->to + 1 + MARGIN_DAYS);
	if ((rc = rota_store_assignments_range(st, lo, hi, q->employee,
					       &r->shifts, &r->n_shifts,
					       err)) < 0)
		goto fail;
	if ((rc = load_superseded(st, &sup, err)) < 0)
		goto fail;
	if ((rc = rota_db_prepare(
		     st,
		     "SELECT id, at, kind, action FROM punch "
		     "WHERE employee_id = ?1 AND at >= ?2 AND at < ?3 "
		     "ORDER BY at",
		     &ps, err)) < 0)
		goto fail;

	/* people and shifts are both sorted by employee code: merge */
	for (size_t i = 0; i < r->n_people; i++) {
		struct rota_attendance_person *p = &r->people[i];
		size_t first, ns;
		int sorted = 1;

		while (a < r->n_shifts &&
		       strcmp(r->shifts[a].employee, p->id) < 0)
			a++;
		first = a;
		while (a < r->n_shifts &&
		       strcmp(r->shifts[a].employee, p->id) == 0)
			a++;
		ns = a - first;
		for (size_t k = first + 1; k < a; k++)
			if (cmp_start(&r->shifts[k - 1], &r->shifts[k]) > 0)
				sorted = 0;
		if (!sorted)
			qsort(r->shifts + first, ns, sizeof(*r->shifts),
			      cmp_start);
		if ((rc = load_punches(st, ps, ids[i], lo, hi, &sup, &pbuf,
				       &pcap, &np, err)) < 0 ||
		    (rc = rota_attendance_compute(r->shifts + first, ns, pbuf,
						  np, &opt, &p->att, err)) < 0)
			goto fail;
		if (!q->detail) {
			struct rota_att_totals t = p->att.total;

			rota_attendance_release(&p->att);
			p->att.total = t;
		} else {
			for (size_t k = 0; k < p->att.n_rows; k++)
				if (p->att.rows[k].shift >= 0)
					p->att.rows[k].shift += (long)first;
		}
	}
	if (!q->detail) {
		free(r->shifts);
		r->shifts = NULL;
		r->n_shifts = 0;
	}
	sqlite3_finalize(ps);
	free(pbuf);
	free(ids);
	free(sup.id);
	rota_tz_free(tz);
	*out = r;
	return 0;
fail:
	sqlite3_finalize(ps);
	free(pbuf);
	free(ids);
	free(sup.id);
	rota_tz_free(tz);
	rota_attendance_report_free(r);
	return rc;
}
