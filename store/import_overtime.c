/*
 * store/import_overtime.c - overtime.csv: employee,date,minutes,by[,reason].
 * Minutes of overtime a supervisor approved for an employee on a local day,
 * upserted by employee and date: rota payroll pays that much of the time
 * clocked outside the schedule that day as overtime (without an approval,
 * and unless site.ini [payroll] pay_unapproved_overtime = yes, it is not
 * paid).
 */
#include "store/import_int.h"

static const struct rota_tcol cols[] = {
	{.name = "employee", .column = "employee_id", .type = ROTA_TCOL_REF,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY,
	 .ref = "SELECT code, id FROM employee", .noun = "employee"},
	{.name = "date", .column = "day", .type = ROTA_TCOL_DATE,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY},
	{.name = "minutes", .column = "minutes", .type = ROTA_TCOL_INT,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY, .min = 1,
	 .max = 1440},
	{.name = "by", .column = "by", .type = ROTA_TCOL_TEXT,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY},
	{.name = "reason", .column = "reason", .type = ROTA_TCOL_TEXT,
	 .def = ""},
};

static const struct rota_tkind overtime = {
	.table = "overtime_approval",
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
	.by_key = 1,
};

int rota_import_overtime(struct rota_import *im, struct rota_error *err)
{
	return rota_import_table(im, &overtime, err);
}
