/*
 * store/import_forecast.c - forecast.csv: start,skill,contacts,aht_s.
 * One row per interval and skill, upserted by (start, skill); start is on
 * an interval boundary of the site.
 */
#include "store/import_int.h"

static const struct rota_tcol cols[] = {
	{.name = "start", .column = "start", .type = ROTA_TCOL_INSTANT,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY},
	{.name = "skill", .column = "skill_id", .type = ROTA_TCOL_REF,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY,
	 .ref = "SELECT name, id FROM skill", .noun = "skill", .known = 1},
	{.name = "contacts", .column = "contacts", .type = ROTA_TCOL_REAL,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY, .min = 0,
	 .max = 1e9},
	{.name = "aht_s", .column = "aht_s", .type = ROTA_TCOL_REAL,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY, .min = -1e9,
	 .max = 1e9},
};

enum { START, SKILL, CONTACTS, AHT };

static int check(struct rota_table_import *t, const struct rota_csv_row *row,
		 struct rota_error *err)
{
	const struct rota_import *im = t->im;
	struct rota_civil lt;
	double aht = t->v[AHT].d;

	rota_tz_to_civil(im->tz, t->v[START].i, &lt, NULL);
	if (lt.sec != 0 || (lt.hour * 60 + lt.min) % im->site.interval_min)
		return rota_csv_error(err, row, "start",
				      "'%s' is not on a %d-minute interval "
				      "boundary", t->raw[START],
				      im->site.interval_min);
	if (aht <= 0 || aht > 86400)
		return rota_csv_error(err, row, "aht_s",
				      "%g is out of range (expected more than "
				      "0 and at most 86400 seconds)", aht);
	return 0;
}

static const struct rota_tkind forecast = {
	.table = "forecast",
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
	.need_site = 1,
	.check = check,
};

int rota_import_forecast(struct rota_import *im, struct rota_error *err)
{
	return rota_import_table(im, &forecast, err);
}
