/*
 * core/leave.h - what a day of leave counts for.
 *
 * The paid-leave credit rule (docs/operations.md, "Leave that counts"):
 *
 *   day credit = the contract's max_week_min / max_days_week, rounded down
 *                (ft40: 2400 / 5 = 480 minutes), unless the time-off row
 *                gives its own credit_min;
 *   a local day whose leave (approved, hard, typed time off) covers at least
 *   the day credit is a whole day of leave and counts the day credit; a day
 *   with less leave counts the minutes of leave;
 *   in a week, the leave minutes (paid or unpaid) lower the contract's
 *   weekly minimum and maximum paid minutes, and the whole days of leave
 *   lower its maximum working days (never below 0): those hours are not
 *   expected to be worked.  Only leave of a paid type is credited as paid
 *   time (payroll); unpaid leave credits nothing.
 *
 * Pure functions over a loaded dataset; nothing is allocated.
 */
#ifndef ROTA_CORE_LEAVE_H
#define ROTA_CORE_LEAVE_H

#include <stdint.h>

#include "core/model.h"
#include "core/time.h"

/* Minutes one whole day of leave counts for under contract c. */
int rota_leave_day_credit(const struct rota_contract *c);

/* The leave of one employee in one ISO week. */
struct rota_leave_week {
	int days;          /* whole days of leave */
	int leave_min;     /* minutes of leave, paid or unpaid, at most the
			      contract's weekly maximum */
	int credit_min;    /* of which paid (credited) */
	uint8_t whole;     /* bit d: day monday + d is a whole day of leave */
	int day_min[7];    /* leave minutes counted on each day */
};

/*
 * The leave of `employee` (an id of ds) in the week starting on local day
 * `monday`, from ds->timeoff (approved rows; hard rows with a leave type),
 * ds->leave_types and the employee's contract.  An unknown employee or
 * contract gives an empty week.
 */
void rota_leave_week(const struct rota_dataset *ds, const struct rota_tz *tz,
		     const char *employee, int32_t monday,
		     struct rota_leave_week *out);

/* 1 when the leave type of that name is paid (unknown names: 0). */
int rota_leave_type_paid(const struct rota_dataset *ds, const char *type);

#endif
