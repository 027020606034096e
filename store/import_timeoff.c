/*
 * store/import_timeoff.c - timeoff.csv: employee,start,end,kind,weight,
 * note,type,credit_min.  A period is upserted by (employee, start, end),
 * matching the live row (pending or approved) first; an imported row is
 * approved.  start and end are dates (whole local days: `end` is the end
 * of its day) or times.  type names a leave type of the site (site.ini
 * [leave.NAME]); leave is hard.
 */
#include "store/import_int.h"

#include <string.h>

static const struct rota_tcol cols[] = {
	{.name = "employee", .column = "employee_id", .type = ROTA_TCOL_REF,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY,
	 .ref = "SELECT code, id FROM employee", .noun = "employee"},
	{.name = "start", .column = "start", .type = ROTA_TCOL_DAY_START,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY},
	{.name = "end", .column = "end", .type = ROTA_TCOL_DAY_END,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY},
	{.name = "kind", .column = "kind", .type = ROTA_TCOL_CHOICE,
	 .def = "hard", .ref = "hard|soft", .noun = "kind"},
	{.name = "weight", .column = "weight", .type = ROTA_TCOL_REAL,
	 .min = 0, .max = 1e6},
	{.name = "note", .column = "note", .type = ROTA_TCOL_TEXT, .def = ""},
	{.name = "type", .column = "type", .type = ROTA_TCOL_REF,
	 .flags = ROTA_TCOL_CODE, .def = "",
	 .ref = "SELECT name, id FROM leave_type", .noun = "leave type",
	 .known = 1},
	{.name = "credit_min", .column = "credit_min", .type = ROTA_TCOL_INT,
	 .min = 0, .max = 1440},
};

enum { EMPLOYEE, START, END, KIND, WEIGHT, NOTE, TYPE, CREDIT };

static int check(struct rota_table_import *t, const struct rota_csv_row *row,
		 struct rota_error *err)
{
	struct rota_tval *v = t->v;
	int soft = strcmp(v[KIND].s, "soft") == 0;

	if (v[END].i <= v[START].i)
		return rota_csv_error(err, row, "end",
				      "'%s' is not after the start '%s'",
				      t->raw[END], t->raw[START]);
	if (v[END].i - v[START].i > 366LL * 86400)
		return rota_csv_error(err, row, "end",
				      "time off longer than a year");
	/* no weight: a soft request weighs 1, a hard one 0 */
	if (v[WEIGHT].type == SQLITE_NULL) {
		v[WEIGHT].type = SQLITE_FLOAT;
		v[WEIGHT].d = soft ? 1 : 0;
	}
	if (v[TYPE].s[0] && soft)
		return rota_csv_error(err, row, "type",
				      "a soft request is not leave (leave "
				      "type '%s' needs kind hard)", v[TYPE].s);
	return 0;
}

static const struct rota_tkind timeoff = {
	.table = "timeoff",
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
	.need_site = 1,
	/* the live row of the period first, else the latest */
	.find_extra = " ORDER BY status IN ('pending', 'approved') DESC, "
		      "id DESC LIMIT 1",
	.update_extra = ", status = 'approved'",
	.check = check,
};

int rota_import_timeoff(struct rota_import *im, struct rota_error *err)
{
	return rota_import_table(im, &timeoff, err);
}
