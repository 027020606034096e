/*
 * store/payroll_load.c - rota_store_payroll(): the attendance of the people
 * asked for (from the Monday of the first week, for the weekly threshold),
 * holidays.csv, the overtime approvals and the leave credits (core/leave.h),
 * then the pure split of store/payroll.c per person.
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/leave.h"
#include "core/time.h"

void rota_payroll_free(struct rota_payroll *p)
{
	if (!p)
		return;
	free(p->people);
	free(p);
}

static int load_holidays(struct rota_store *st, struct rota_holiday **out,
			 size_t *n, struct rota_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT day, name, multiplier FROM holiday "
				  "ORDER BY day",
				  &s, err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_holiday *h;
		char day[16];

		if (ROTA_GROW(*out, cap, *n) < 0) {
			sqlite3_finalize(s);
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		}
		h = &(*out)[*n];
		rota_db_column_text(s, 0, day, sizeof(day));
		if (rota_parse_date(day, &h->day, NULL) < 0)
			continue;
		rota_db_column_text(s, 1, h->name, sizeof(h->name));
		h->multiplier = sqlite3_column_double(s, 2);
		(*n)++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading holidays");
	return 0;
}

/* The pay day of `day` in the person's sorted array, added when absent. */
static struct rota_pay_day *pay_day(struct rota_pay_day **a, size_t *n,
				    size_t *cap, int32_t day)
{
	size_t i = *n;

	while (i > 0 && (*a)[i - 1].day > day)
		i--;
	if (i > 0 && (*a)[i - 1].day == day)
		return &(*a)[i - 1];
	if (ROTA_GROW(*a, *cap, *n) < 0)
		return NULL;
	memmove(*a + i + 1, *a + i, (*n - i) * sizeof(**a));
	memset(&(*a)[i], 0, sizeof(**a));
	(*a)[i].day = day;
	(*n)++;
	return &(*a)[i];
}

static int leave_index(const struct rota_payroll *p, const char *name)
{
	for (int i = 0; i < p->n_leave; i++)
		if (strcmp(p->leave[i].name, name) == 0)
			return i;
	return -1;
}

static int64_t overlap(int64_t a, int64_t b, int64_t c, int64_t d)
{
	int64_t lo = a > c ? a : c, hi = b < d ? b : d;

	return hi > lo ? hi - lo : 0;
}

/*
 * The leave credited to one person over [from, to]: core/leave.h's day
 * credits, split between the types of the leave of each day in proportion
 * to their minutes, within the week's cap; none on a day whose shift is
 * excused (the shift pays).
 */
static int leave_days(const struct rota_payroll *p,
		      const struct rota_dataset *ds, const struct rota_tz *tz,
		      const char *emp, const struct rota_attendance *att,
		      const struct rota_att_shift *shifts, int32_t from,
		      int32_t to, struct rota_pay_day **days, size_t *n,
		      size_t *cap)
{
	int any = 0;

	for (size_t i = 0; i < ds->n_timeoff && !any; i++)
		any = strcmp(ds->timeoff[i].employee, emp) == 0 &&
		      ds->timeoff[i].type[0];
	if (!any)
		return 0;
	for (int32_t mon = rota_week_monday(from); mon <= to; mon += 7) {
		struct rota_leave_week lw;
		long left;

		rota_leave_week(ds, tz, emp, mon, &lw);
		left = lw.leave_min;
		for (int d = 0; d < 7 && left > 0; d++) {
			int32_t day = mon + d;
			int64_t d0 = rota_tz_day_start(tz, day);
			int64_t d1 = rota_tz_day_start(tz, day + 1);
			int64_t ov[ROTA_ATT_MAX_LEAVE] = {0}, total = 0;
			long credit = lw.day_min[d] < left ? lw.day_min[d]
							   : left, given = 0;
			int excused = 0, last = -1;
			struct rota_pay_day *pd;

			if (credit <= 0)
				continue;
			left -= credit;
			if (day < from || day > to)
				continue;
			for (size_t k = 0; k < att->n_rows && !excused; k++)
				excused = (att->rows[k].flags &
					   ROTA_ATT_EXCUSED) &&
					  att->rows[k].shift >= 0 &&
					  shifts[att->rows[k].shift].day == day;
			if (excused)
				continue;
			for (size_t i = 0; i < ds->n_timeoff; i++) {
				const struct rota_timeoff *t = &ds->timeoff[i];
				int li;

				if (t->kind != ROTA_TIMEOFF_HARD ||
				    strcmp(t->employee, emp) != 0 ||
				    (li = leave_index(p, t->type)) < 0)
					continue;
				ov[li] += overlap(t->start, t->end, d0, d1);
				total += overlap(t->start, t->end, d0, d1);
			}
			if (total <= 0)
				continue;
			if (!(pd = pay_day(days, n, cap, day)))
				return ROTA_ENOMEM;
			for (int li = 0; li < p->n_leave; li++) {
				long share = (long)(credit * ov[li] / total);

				if (!ov[li])
					continue;
				pd->leave_min[li] += (int)share;
				given += share;
				last = li;
			}
			if (last >= 0)   /* what rounding left over */
				pd->leave_min[last] += (int)(credit - given);
		}
	}
	return 0;
}

/* An approval: who, which day, how many minutes. */
struct approval {
	char employee[ROTA_ID_MAX];
	int32_t day;
	int minutes;
};

/* The approvals of everyone asked for, by employee code then day. */
static int approvals(struct rota_store *st,
		     const struct rota_attendance_query *q,
		     struct approval **out, size_t *n, struct rota_error *err)
{
	char from[16], to[16];
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	rota_format_date(q->from, from, sizeof(from));
	rota_format_date(q->to, to, sizeof(to));
	if ((rc = rota_db_prepare(
		     st,
		     "SELECT e.code, o.day, o.minutes FROM overtime_approval o "
		     "JOIN employee e ON e.id = o.employee_id WHERE o.day >= "
		     "?1 AND o.day <= ?2 AND (?3 IS NULL OR e.code = ?3) AND "
		     "(?4 IS NULL OR e.team = ?4) ORDER BY e.code, o.day",
		     &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, from);
	rota_db_bind_text(s, 2, to);
	rota_db_bind_text(s, 3, q->employee);
	rota_db_bind_text(s, 4, q->team);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct approval *a;
		char day[16];

		if (ROTA_GROW(*out, cap, *n) < 0) {
			sqlite3_finalize(s);
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		}
		a = &(*out)[*n];
		rota_db_column_text(s, 0, a->employee, sizeof(a->employee));
		rota_db_column_text(s, 1, day, sizeof(day));
		if (rota_parse_date(day, &a->day, NULL) < 0)
			continue;
		a->minutes = sqlite3_column_int(s, 2);
		(*n)++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading overtime approvals");
	return 0;
}

/* What the per-person step needs. */
struct run {
	struct rota_payroll *p;
	const struct rota_dataset *ds;
	const struct rota_tz *tz;
	struct rota_pay_rules rules;
	const struct approval *ap;
	size_t n_ap, at;
	struct rota_pay_day *days;
	size_t n_days, cap_days;
};

/* One person, as the attendance computes them (rows of the range). */
static int person(void *vrun, struct rota_attendance_report *r, size_t i,
		  const struct rota_att_shift *shifts, struct rota_error *err)
{
	struct run *u = vrun;
	struct rota_payroll *p = u->p;
	struct rota_payroll_person *pp;
	const struct rota_attendance *a = &r->people[i].att;
	int rc;

	if (!p->people) {
		p->n_people = r->n_people;
		p->n_leave = r->n_leave;
		p->hr = r->hr;
		memcpy(p->leave, r->leave, sizeof(p->leave));
		if (!(p->people = calloc(r->n_people + 1, sizeof(*p->people))))
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
	}
	pp = &p->people[i];
	rota_strlcpy(pp->id, r->people[i].id, sizeof(pp->id));
	rota_strlcpy(pp->name, r->people[i].name, sizeof(pp->name));
	rota_strlcpy(pp->team, r->people[i].team, sizeof(pp->team));
	u->n_days = 0;
	while (u->at < u->n_ap && strcmp(u->ap[u->at].employee, pp->id) < 0)
		u->at++;
	for (; u->at < u->n_ap && strcmp(u->ap[u->at].employee, pp->id) == 0;
	     u->at++) {
		struct rota_pay_day *pd = pay_day(&u->days, &u->n_days,
						  &u->cap_days,
						  u->ap[u->at].day);

		if (!pd)
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		pd->approved_min = u->ap[u->at].minutes;
	}
	if (leave_days(p, u->ds, u->tz, pp->id, a, shifts, p->from, p->to,
		       &u->days, &u->n_days, &u->cap_days) < 0)
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	if ((rc = rota_payroll_compute(a, shifts, u->days, u->n_days,
				       &u->rules, p->from, p->to, &pp->pay,
				       err)) < 0)
		return rc;
	for (size_t k = 0; k < a->n_rows; k++) {
		const struct rota_att_row *row = &a->rows[k];
		int32_t day = row->shift >= 0 ? shifts[row->shift].day
					      : rota_tz_day_of(u->tz, row->start);

		if (day >= p->from && day <= p->to)
			pp->worked_min += row->worked_min;
	}
	return 0;
}

int rota_store_payroll(struct rota_store *st,
		       const struct rota_attendance_query *q,
		       struct rota_payroll **out, struct rota_error *err)
{
	struct rota_attendance_query aq = *q;
	struct rota_attendance_report *r = NULL;
	struct rota_holiday *hol = NULL;
	struct approval *ap = NULL;
	struct rota_dataset ds;
	struct rota_site site;
	struct rota_tz *tz = NULL;
	struct run u;
	size_t nhol = 0, nap = 0;
	int rc;

	memset(&ds, 0, sizeof(ds));
	memset(&u, 0, sizeof(u));
	if (q->to < q->from)
		return rota_error_set(err, ROTA_EINVAL,
				      "the range ends before it starts");
	if (!(u.p = calloc(1, sizeof(*u.p))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	u.p->from = q->from;
	u.p->to = q->to;
	if ((rc = rota_store_site_get(st, &site, err)) < 0 ||
	    (rc = rota_store_hr_settings(st, &u.rules.hr, err)) < 0 ||
	    (rc = rota_store_load(st, &ds, err)) < 0 ||
	    (rc = load_holidays(st, &hol, &nhol, err)) < 0 ||
	    (rc = approvals(st, q, &ap, &nap, err)) < 0)
		goto out;
	if (!(u.tz = tz = rota_tz_load(site.timezone, err))) {
		rc = err ? err->code : ROTA_EDATA;
		goto out;
	}
	u.ds = &ds;
	u.rules.tz = u.tz;
	u.rules.holidays = hol;
	u.rules.n_holidays = nhol;
	u.ap = ap;
	u.n_ap = nap;
	/* from the Monday: the week's earlier days count toward its
	 * threshold; a person at a time, the rows dropped after */
	aq.from = rota_week_monday(q->from);
	aq.detail = 0;
	aq.each = person;
	aq.ctx = &u;
	if ((rc = rota_store_attendance(st, &aq, &r, err)) < 0)
		goto out;
	if (!u.p->people && !(u.p->people = calloc(1, sizeof(*u.p->people)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	*out = u.p;
	u.p = NULL;
out:
	free(u.days);
	free(ap);
	free(hol);
	rota_tz_free(tz);
	rota_dataset_release(&ds);
	rota_attendance_report_free(r);
	rota_payroll_free(u.p);
	return rc;
}
