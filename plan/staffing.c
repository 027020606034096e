/*
 * plan/staffing.c - a week's staffing requirement from the forecast.
 */
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

/*
 * Every interval x skill of the week [from, to) of ds, from the stored
 * forecast; *out is malloc'd, sorted by start then skill.
 */
static int compute_week(struct rota_plan *pl, int64_t from, int64_t to,
			struct rota_staffing_week *out, struct rota_error *err)
{
	const struct rota_dataset *ds = &pl->ds;
	const int64_t step = 60 * (int64_t)ds->site.interval_min;
	struct rota_forecast *fc = NULL;
	struct rota_staffing_row *rows = NULL;
	size_t n_fc = 0, n_rows, i = 0, r = 0;
	long total = 0;
	char when[32];
	int rc;

	for (size_t k = 0; k < ds->n_skills; k++)
		if ((rc = rota_staffing_check_skill(&ds->skills[k], err)) < 0)
			return rc;
	if ((rc = rota_store_forecast_load(pl->st, from, to, &fc, &n_fc,
					   err)) < 0)
		return rc;
	for (size_t j = 0; j < n_fc; j++)
		if ((fc[j].start - from) % step != 0) {
			rota_format_local_iso(pl->tz, fc[j].start, when,
					      sizeof(when));
			rc = rota_error_set(err, ROTA_EDATA,
					    "forecast for skill '%s' at %s is "
					    "not on the site's %d-minute "
					    "interval grid",
					    ds->skills[fc[j].skill].name, when,
					    ds->site.interval_min);
			goto out;
		}
	n_rows = (size_t)((to - from) / step) * ds->n_skills;
	if (n_rows && !(rows = calloc(n_rows, sizeof(*rows)))) {
		rc = rota_plan_oom(err);
		goto out;
	}
	for (int64_t t = from; t < to; t += step)
		for (size_t k = 0; k < ds->n_skills; k++) {
			struct rota_staffing_row *w = &rows[r++];
			struct rota_staffing_result res;

			w->req.start = t;
			w->req.skill = (int)k;
			if (i < n_fc && fc[i].start == t &&
			    fc[i].skill == (int)k) {
				w->contacts = fc[i].contacts;
				w->aht_s = fc[i].aht_s;
				i++;
			}
			rc = rota_staffing_calc(&ds->skills[k], w->contacts,
						w->aht_s > 0 ? w->aht_s : 1,
						ds->site.interval_min, NULL,
						&res, err);
			if (rc < 0) {
				rota_format_local_iso(pl->tz, t, when,
						      sizeof(when));
				rota_error_prefix(err, "%s", when);
				goto out;
			}
			w->req.agents = res.agents;
			w->req.scheduled_agents = res.scheduled_agents;
			w->req.service_level = res.service_level;
			total += res.scheduled_agents;
		}
	out->rows = rows;
	out->n = r;
	out->n_forecast = n_fc;
	out->agents_total = total;
	rows = NULL;
	rc = 0;
out:
	free(rows);
	free(fc);
	return rc;
}

int rota_plan_staffing(struct rota_plan *pl, int32_t monday,
		       struct rota_staffing_week *out, struct rota_error *err)
{
	int64_t from = rota_tz_day_start(pl->tz, monday);
	int64_t to = rota_tz_day_start(pl->tz, monday + 7);
	struct rota_staffing_week w;
	struct rota_requirement *req;
	int rc;

	memset(&w, 0, sizeof(w));
	if ((rc = compute_week(pl, from, to, &w, err)) < 0)
		return rc;
	if (!(req = malloc((w.n ? w.n : 1) * sizeof(*req)))) {
		rc = rota_plan_oom(err);
	} else {
		for (size_t i = 0; i < w.n; i++)
			req[i] = w.rows[i].req;
		rc = rota_store_requirements_save(pl->st, from, to, req, w.n,
						  err);
		free(req);
	}
	if (rc < 0 || !out)
		rota_staffing_week_release(&w);
	else
		*out = w;
	return rc;
}

void rota_staffing_week_release(struct rota_staffing_week *w)
{
	if (!w)
		return;
	free(w->rows);
	memset(w, 0, sizeof(*w));
}
