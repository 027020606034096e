/*
 * store/import_kpis.c - kpis.csv: employee,date,metric,value[,source].
 * One value per employee, day, metric and source (source defaults to ""),
 * upserted by those; metric names a [kpi.NAME] of site.ini that is not a
 * built-in attendance metric.  A year of one value per person and day is
 * hundreds of thousands of rows: they are validated first, then stored in
 * the table's key order.
 */
#include "store/import_int.h"

static const struct rota_tcol cols[] = {
	{.name = "employee", .column = "employee_id", .type = ROTA_TCOL_REF,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY,
	 .ref = "SELECT code, id FROM employee", .noun = "employee"},
	{.name = "metric", .column = "metric", .type = ROTA_TCOL_REF,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY |
		  ROTA_TCOL_CODE,
	 .ref = "SELECT name, 0 FROM kpi_metric", .noun = "metric",
	 .known = 1},
	{.name = "date", .column = "day", .type = ROTA_TCOL_DATE,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY},
	{.name = "source", .column = "source", .type = ROTA_TCOL_TEXT,
	 .flags = ROTA_TCOL_KEY, .def = ""},
	{.name = "value", .column = "value", .type = ROTA_TCOL_REAL,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY, .min = -1e12,
	 .max = 1e12},
};

enum { EMPLOYEE, METRIC };

static int check(struct rota_table_import *t, const struct rota_csv_row *row,
		 struct rota_error *err)
{
	if (rota_kpi_builtin(t->v[METRIC].s) >= 0)
		return rota_csv_error(err, row, "metric",
				      "'%s' is computed from attendance, not "
				      "imported", t->v[METRIC].s);
	return 0;
}

static const struct rota_tkind kpis = {
	.table = "kpi_value",
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
	.by_key = 1,
	.sort = 1,
	.check = check,
};

int rota_import_kpis(struct rota_import *im, struct rota_error *err)
{
	return rota_import_table(im, &kpis, err);
}
