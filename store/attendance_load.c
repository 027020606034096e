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

/* The site's leave types, sorted by name. */
static int load_leave(struct rota_store *st, struct rota_attendance_report *r,
		      struct rota_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT name, paid, planned FROM leave_type "
				  "ORDER BY name",
				  &s, err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_leave_type *l;

		if (r->n_leave >= ROTA_ATT_MAX_LEAVE) {
			sqlite3_finalize(s);
			return rota_error_set(err, ROTA_EDATA,
					      "more than %d leave types",
					      ROTA_ATT_MAX_LEAVE);
		}
		l = &r->leave[r->n_leave++];
		rota_db_column_text(s, 0, l->name, sizeof(l->name));
		l->paid = sqlite3_column_int(s, 1);
		l->planned = sqlite3_column_int(s, 2);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading leave types");
	return 0;
}

static int leave_index(const struct rota_attendance_report *r,
		       const char *name)
{
	for (int i = 0; i < r->n_leave; i++)
		if (strcmp(r->leave[i].name, name) == 0)
			return i;
	return -1;
}

/* The statement reading one employee's shifts (?1 employee row id) that
 * start in [?2, ?3): the live assignments, and those an absence or an
 * approval of time off took out of the live roster (absence_shift,
 * timeoff_shift of time off still approved: closed rows, excused with the
 * leave type) unless the day has a live one again; by start. */
static const char shifts_sql[] =
	"SELECT a.day, h.code, a.start, a.end, h.length_min, h.break_min, "
	"h.break_start_min, CASE WHEN a.to_version IS NULL THEN NULL ELSE "
	"coalesce((SELECT ab.type FROM absence_shift x JOIN absence ab ON "
	"ab.id = x.absence_id WHERE x.assignment_id = a.id ORDER BY ab.id "
	"LIMIT 1), (SELECT t.type FROM timeoff_shift y JOIN timeoff t ON "
	"t.id = y.timeoff_id WHERE y.assignment_id = a.id AND t.status = "
	"'approved' ORDER BY t.id LIMIT 1)) "
	"END FROM assignment a JOIN shift h ON h.id = a.shift_id "
	"WHERE a.employee_id = ?1 AND a.start >= ?2 AND a.start < ?3 AND "
	"(a.to_version IS NULL OR ((a.id IN (SELECT assignment_id FROM "
	"absence_shift) OR a.id IN (SELECT y.assignment_id FROM "
	"timeoff_shift y JOIN timeoff t ON t.id = y.timeoff_id WHERE "
	"t.status = 'approved')) AND NOT EXISTS (SELECT 1 FROM assignment b "
	"WHERE b.roster_id = a.roster_id AND b.employee_id = a.employee_id "
	"AND b.day = a.day AND b.to_version IS NULL))) ORDER BY a.start, "
	"a.end";

/* One employee's shifts into *buf (n of them), with their breaks from the
 * templates (rota_shift_break_offset: elapsed minutes after the start). */
static int load_shifts(struct rota_store *st, sqlite3_stmt *s,
		       const struct rota_attendance_report *r, int64_t eid,
		       int64_t lo, int64_t hi, struct rota_att_shift **buf,
		       size_t *cap, size_t *n, struct rota_error *err)
{
	int rc;

	*n = 0;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, eid);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_shift tpl;
		struct rota_att_shift *a;
		char day[16];
		int off;

		if (ROTA_GROW(*buf, *cap, *n) < 0)
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		a = &(*buf)[*n];
		memset(a, 0, sizeof(*a));
		rota_db_column_text(s, 0, day, sizeof(day));
		if (rota_parse_date(day, &a->day, NULL) < 0)
			return rota_error_set(err, ROTA_EDB,
					      "an assignment has a bad day "
					      "'%s'", day);
		rota_db_column_text(s, 1, a->shift, sizeof(a->shift));
		a->start = sqlite3_column_int64(s, 2);
		a->end = sqlite3_column_int64(s, 3);
		memset(&tpl, 0, sizeof(tpl));
		tpl.length_min = sqlite3_column_int(s, 4);
		tpl.break_min = sqlite3_column_int(s, 5);
		tpl.break_start_min = sqlite3_column_int(s, 6);
		off = rota_shift_break_offset(&tpl);
		a->excused = -1;
		if (sqlite3_column_type(s, 7) != SQLITE_NULL) {
			char type[ROTA_ID_MAX];

			rota_db_column_text(s, 7, type, sizeof(type));
			a->excused = leave_index(r, type);
		}
		if (off >= 0 &&
		    a->start + (int64_t)(off + tpl.break_min) * 60 <= a->end) {
			a->break_start = a->start + (int64_t)off * 60;
			a->break_end = a->break_start +
				       (int64_t)tpl.break_min * 60;
		}
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading the rosters");
	return 0;
}

/* A period that excuses the shifts it overlaps. */
struct excuse {
	char employee[ROTA_ID_MAX];
	int64_t start, end;
	int leave;        /* leave type index */
	int absence;      /* 1: an absence, 0: approved time off */
};

static int cmp_excuse(const void *a, const void *b)
{
	const struct excuse *x = a, *y = b;
	int c = strcmp(x->employee, y->employee);

	if (c)
		return c;
	if (x->absence != y->absence)   /* absences first */
		return y->absence - x->absence;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Absences and approved typed time off overlapping [lo, hi) of the people
 * asked for, by employee, absences first, then by start. */
static int load_excuses(struct rota_store *st,
			const struct rota_attendance_query *q,
			const struct rota_attendance_report *r, int64_t lo,
			int64_t hi, struct excuse **out, size_t *n,
			struct rota_error *err)
{
	static const char *const sql[2] = {
		"SELECT e.code, t.start, t.end, t.type FROM timeoff t JOIN "
		"employee e ON e.id = t.employee_id WHERE t.status = "
		"'approved' AND t.kind = 'hard' AND t.type <> '' AND t.end > "
		"?1 AND t.start < ?2 "
		"AND (?3 IS NULL OR e.code = ?3) AND (?4 IS NULL OR e.team = "
		"?4)",
		"SELECT e.code, a.start, a.end, a.type FROM absence a JOIN "
		"employee e ON e.id = a.employee_id WHERE a.end > ?1 AND "
		"a.start < ?2 AND (?3 IS NULL OR e.code = ?3) AND (?4 IS NULL "
		"OR e.team = ?4)",
	};
	size_t cap = 0;

	for (int k = 0; k < 2; k++) {
		sqlite3_stmt *s;
		int rc;

		if ((rc = rota_db_prepare(st, sql[k], &s, err)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, lo);
		sqlite3_bind_int64(s, 2, hi);
		rota_db_bind_text(s, 3, q->employee);
		rota_db_bind_text(s, 4, q->team);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct excuse x;
			char type[ROTA_ID_MAX];

			rota_db_column_text(s, 3, type, sizeof(type));
			/* a type the site does not define excuses nothing */
			if ((x.leave = leave_index(r, type)) < 0)
				continue;
			if (ROTA_GROW(*out, cap, *n) < 0) {
				sqlite3_finalize(s);
				return rota_error_set(err, ROTA_ENOMEM,
						      "out of memory");
			}
			rota_db_column_text(s, 0, x.employee,
					    sizeof(x.employee));
			x.start = sqlite3_column_int64(s, 1);
			x.end = sqlite3_column_int64(s, 2);
			x.absence = k;
			(*out)[(*n)++] = x;
		}
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return rota_db_error(st, err, "reading leave");
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_excuse);
	return 0;
}

/* Excuse each of one employee's shifts not excused yet (by the absence
 * that took it out of the roster) with the first excuse (absences first)
 * that overlaps it. */
static void excuse_shifts(struct rota_att_shift *sh, size_t ns,
			  const struct excuse *x, size_t nx)
{
	for (size_t k = 0; k < ns; k++)
		for (size_t i = 0; i < nx && sh[k].excused < 0; i++)
			if (x[i].start < sh[k].end && x[i].end > sh[k].start) {
				sh[k].excused = x[i].leave;
				break;
			}
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

/* Append one person's shifts to the report's (detail) and point the rows
 * at them. */
static int keep_shifts(struct rota_attendance_report *r, size_t *cap,
		       const struct rota_att_shift *sh, size_t n,
		       struct rota_attendance *att, struct rota_error *err)
{
	size_t first = r->n_shifts;

	for (size_t k = 0; k < n; k++) {
		if (ROTA_GROW(r->shifts, *cap, r->n_shifts) < 0)
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		r->shifts[r->n_shifts++] = sh[k];
	}
	for (size_t k = 0; k < att->n_rows; k++)
		if (att->rows[k].shift >= 0)
			att->rows[k].shift += (long)first;
	return 0;
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
	struct rota_att_shift *sbuf = NULL;
	sqlite3_stmt *ps = NULL, *ss = NULL;
	struct superseded sup = {NULL, 0};
	struct excuse *ex = NULL;
	unsigned char unplanned[ROTA_ATT_MAX_LEAVE];
	int64_t *ids = NULL, lo, hi, from, to;
	size_t pcap = 0, np = 0, scap = 0, ns = 0, kcap = 0, x = 0, nex = 0;
	int32_t first;
	int rc;

	if (q->to < q->from)
		return rota_error_set(err, ROTA_EINVAL,
				      "the range ends before it starts");
	if (!(r = calloc(1, sizeof(*r))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	r->from = q->from;
	r->to = q->to;
	if ((rc = rota_store_site_get(st, &r->site, err)) < 0 ||
	    (rc = rota_store_hr_settings(st, &r->hr, err)) < 0 ||
	    (rc = load_leave(st, r, err)) < 0)
		goto fail;
	for (int i = 0; i < r->n_leave; i++)
		unplanned[i] = !r->leave[i].planned;
	if (!(tz = rota_tz_load(r->site.timezone, err))) {
		rc = err ? err->code : ROTA_EDATA;
		goto fail;
	}
	if ((rc = load_people(st, q, r, &ids, err)) < 0)
		goto fail;
	/* compute from the start of the Bradford window when it is earlier */
	r->bradford_from =
		q->to + 1 - 7 * r->hr.v[ROTA_HR_bradford_window_weeks];
	first = r->bradford_from < q->from ? r->bradford_from : q->from;
	opt.grace_min = r->site.grace_min;
	opt.break_auto_deduct = r->hr.v[ROTA_HR_break_auto_deduct];
	opt.from = rota_tz_day_start(tz, first);
	opt.to = rota_tz_day_start(tz, q->to + 1);
	opt.now = q->now;
	from = rota_tz_day_start(tz, q->from);
	to = opt.to;
	lo = rota_tz_day_start(tz, first - MARGIN_DAYS);
	hi = rota_tz_day_start(tz, q->to + 1 + MARGIN_DAYS);
	if ((rc = load_excuses(st, q, r, lo, hi, &ex, &nex, err)) < 0 ||
	    (rc = load_superseded(st, &sup, err)) < 0 ||
	    (rc = rota_db_prepare(st, shifts_sql, &ss, err)) < 0 ||
	    (rc = rota_db_prepare(
		     st,
		     "SELECT id, at, kind, action FROM punch "
		     "WHERE employee_id = ?1 AND at >= ?2 AND at < ?3 "
		     "ORDER BY at",
		     &ps, err)) < 0)
		goto fail;

	/* one person at a time: people and excuses are sorted by code */
	for (size_t i = 0; i < r->n_people; i++) {
		struct rota_attendance_person *p = &r->people[i];
		size_t first_ex;

		while (x < nex && strcmp(ex[x].employee, p->id) < 0)
			x++;
		first_ex = x;
		while (x < nex && strcmp(ex[x].employee, p->id) == 0)
			x++;
		if ((rc = load_shifts(st, ss, r, ids[i], lo, hi, &sbuf, &scap,
				      &ns, err)) < 0)
			goto fail;
		excuse_shifts(sbuf, ns, ex + first_ex, x - first_ex);
		if ((rc = load_punches(st, ps, ids[i], lo, hi, &sup, &pbuf,
				       &pcap, &np, err)) < 0 ||
		    (rc = rota_attendance_compute(sbuf, ns, pbuf, np, &opt,
						  &p->att, err)) < 0)
			goto fail;
		/* the Bradford window, then the rows of the range */
		rota_attendance_keep(&p->att,
				     rota_tz_day_start(tz, r->bradford_from),
				     to);
		rota_att_bradford(&p->att, sbuf, unplanned, &p->bradford);
		rota_attendance_keep(&p->att, from, to);
		if (q->each && (rc = q->each(q->ctx, r, i, sbuf, err)) < 0)
			goto fail;
		if (!q->detail) {
			struct rota_att_totals t = p->att.total;

			rota_attendance_release(&p->att);
			p->att.total = t;
		} else if ((rc = keep_shifts(r, &kcap, sbuf, ns, &p->att,
					     err)) < 0) {
			goto fail;
		}
	}
	rc = 0;
	*out = r;
	r = NULL;
fail:
	sqlite3_finalize(ps);
	sqlite3_finalize(ss);
	free(pbuf);
	free(sbuf);
	free(ids);
	free(sup.id);
	free(ex);
	rota_tz_free(tz);
	rota_attendance_report_free(r);
	return rc;
}
