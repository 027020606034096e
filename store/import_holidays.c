/*
 * store/import_holidays.c - holidays.csv: date,name,multiplier.  One row per
 * local date, upserted by date: a public holiday (multiplier above 1: work
 * on it is paid at that rate, rota payroll's holiday code), a day off of a
 * holiday period (a rest-day rate), or a make-up working day (multiplier 1:
 * an ordinary working day, even on a weekend; mainland China's 调休).
 */
#include "store/import_int.h"

static const struct rota_tcol cols[] = {
	{.name = "date", .column = "day", .type = ROTA_TCOL_DATE,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY},
	{.name = "name", .column = "name", .type = ROTA_TCOL_TEXT,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY},
	{.name = "multiplier", .column = "multiplier", .type = ROTA_TCOL_REAL,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY, .min = 1,
	 .max = 10},
};

static const struct rota_tkind holidays = {
	.table = "holiday",
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
};

int rota_import_holidays(struct rota_import *im, struct rota_error *err)
{
	return rota_import_table(im, &holidays, err);
}
