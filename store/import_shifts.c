/*
 * store/import_shifts.c - shifts.csv: code,name,start,length_min,break_min,
 * days,skills,break_start.  One row per shift template, upserted by code;
 * skills (no levels) replace the template's skill set.  The unpaid break
 * lies inside the shift; break_start is stored as minutes after the start
 * (0: the default, the middle; rota_shift_break_offset).
 */
#include "store/import_int.h"

#include <string.h>

static const struct rota_tcol cols[] = {
	{.name = "code", .column = "code", .type = ROTA_TCOL_ID,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY},
	{.name = "name", .column = "name", .type = ROTA_TCOL_TEXT, .def = ""},
	{.name = "start", .column = "start_min", .type = ROTA_TCOL_HHMM,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY},
	{.name = "length_min", .column = "length_min", .type = ROTA_TCOL_INT,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY, .min = -1000000,
	 .max = 1000000},
	{.name = "break_min", .column = "break_min", .type = ROTA_TCOL_INT,
	 .min = 0, .max = 1440, .def = "0"},
	{.name = "days", .column = "days", .type = ROTA_TCOL_DAYS,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY},
	{.name = "skills", .type = ROTA_TCOL_RAW, .def = ""},
	{.name = "break_start", .type = ROTA_TCOL_HHMM},
	{.name = "break_start_min", .column = "break_start_min",
	 .type = ROTA_TCOL_INT, .flags = ROTA_TCOL_DERIVED},
};

enum { CODE, NAME, START, LENGTH, BREAK, DAYS, SKILLS, BREAK_START,
       BREAK_AT };

static int check(struct rota_table_import *t, const struct rota_csv_row *row,
		 struct rota_error *err)
{
	struct rota_tval *v = t->v;
	int64_t length = v[LENGTH].i, brk = v[BREAK].i, start = v[START].i;

	if (!v[NAME].s[0])
		v[NAME].s = v[CODE].s;
	if (length <= 0)
		return rota_csv_error(err, row, "length_min",
				      "%lld: a shift must last at least one "
				      "minute", (long long)length);
	if (length > 1440)
		return rota_csv_error(err, row, "length_min",
				      "%lld minutes is longer than 24 hours",
				      (long long)length);
	if (brk >= length)
		return rota_csv_error(err, row, "break_min",
				      "%lld is not shorter than the shift "
				      "(%lld)", (long long)brk,
				      (long long)length);
	v[BREAK_AT].type = SQLITE_INTEGER;
	v[BREAK_AT].i = 0;
	if (v[BREAK_START].type != SQLITE_NULL) {
		/* minutes after the start; a break after midnight belongs
		 * to an overnight shift */
		int64_t at = (v[BREAK_START].i - start + 1440) % 1440;

		if (brk == 0)
			return rota_csv_error(err, row, "break_start",
					      "given without a break_min");
		if (at == 0 || at + brk > length)
			return rota_csv_error(
				err, row, "break_start",
				"a %lld-minute break at %s is not inside the "
				"shift (%s for %lld minutes)", (long long)brk,
				t->raw[BREAK_START], t->raw[START],
				(long long)length);
		v[BREAK_AT].i = at;
	}
	return rota_skill_set_parse(t->im->st, row, "skills", v[SKILLS].s, 0,
				    t->state, err);
}

static int children(struct rota_table_import *t, int64_t rowid, int existed,
		    int *changed, struct rota_error *err)
{
	return rota_skill_set_store(t->im->st, "shift_skill", "shift_id", 0,
				    rowid, existed, t->state, changed, err);
}

static const struct rota_tkind shifts = {
	.table = "shift",
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
	.state_size = sizeof(struct rota_skill_set),
	.check = check,
	.children = children,
};

int rota_import_shifts(struct rota_import *im, struct rota_error *err)
{
	return rota_import_table(im, &shifts, err);
}
