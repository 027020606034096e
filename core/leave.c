/*
 * core/leave.c - the paid-leave credit rule (core/leave.h).
 */
#include "core/leave.h"

#include <string.h>

int rota_leave_day_credit(const struct rota_contract *c)
{
	int week = c->rule[ROTA_RULE_max_week_min].value;
	int days = c->rule[ROTA_RULE_max_days_week].value;

	if (week == ROTA_UNSET || week <= 0)
		week = c->rule[ROTA_RULE_min_week_min].value;
	if (week == ROTA_UNSET || week <= 0)
		week = 2400;
	if (days == ROTA_UNSET || days <= 0)
		days = 5;
	return week / days;
}

int rota_leave_type_paid(const struct rota_dataset *ds, const char *type)
{
	int i = rota_dataset_leave_type(ds, type);

	return i >= 0 && ds->leave_types[i].paid;
}

static int64_t overlap(int64_t a0, int64_t a1, int64_t b0, int64_t b1)
{
	int64_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;

	return hi > lo ? hi - lo : 0;
}

void rota_leave_week(const struct rota_dataset *ds, const struct rota_tz *tz,
		     const char *employee, int32_t monday,
		     struct rota_leave_week *out)
{
	int64_t day0[8];
	int paid_min[7] = {0}, credit, week_max, e, c;
	const struct rota_contract *k;

	memset(out, 0, sizeof(*out));
	if ((e = rota_dataset_employee(ds, employee)) < 0 ||
	    (c = rota_dataset_contract(ds, ds->employees[e].contract)) < 0)
		return;
	k = &ds->contracts[c];
	credit = rota_leave_day_credit(k);
	for (int d = 0; d <= 7; d++)
		day0[d] = rota_tz_day_start(tz, monday + d);
	for (int d = 0; d < 7; d++) {
		int cap = credit, minutes = 0, paid = 0;

		for (size_t i = 0; i < ds->n_timeoff; i++) {
			const struct rota_timeoff *t = &ds->timeoff[i];
			int64_t ov;

			if (t->kind != ROTA_TIMEOFF_HARD || !t->type[0] ||
			    strcmp(t->employee, employee) != 0)
				continue;
			ov = overlap(t->start, t->end, day0[d], day0[d + 1]) /
			     60;
			if (ov <= 0)
				continue;
			if (t->credit_min >= 0)
				cap = t->credit_min;
			minutes += (int)ov;
			if (rota_leave_type_paid(ds, t->type))
				paid += (int)ov;
		}
		if (minutes <= 0)
			continue;
		if (minutes >= cap) {
			/* a whole day counts the day credit, paid in the
			 * proportion of its paid leave */
			out->whole |= (uint8_t)(1u << d);
			out->days++;
			paid = paid >= minutes ? cap
					       : (int)((long)cap * paid / minutes);
			minutes = cap;
		}
		out->day_min[d] = minutes;
		paid_min[d] = paid;
	}
	week_max = k->rule[ROTA_RULE_max_week_min].value;
	for (int d = 0; d < 7; d++) {
		out->leave_min += out->day_min[d];
		out->credit_min += paid_min[d];
	}
	if (week_max != ROTA_UNSET && week_max >= 0) {
		if (out->leave_min > week_max)
			out->leave_min = week_max;
		if (out->credit_min > week_max)
			out->credit_min = week_max;
	}
}
