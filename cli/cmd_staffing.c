/* rota staffing - required agents per interval and skill for a week. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/model.h"
#include "core/time.h"
#include "solver/solver.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota staffing --week DATE [--skill S] [--format table|csv|json]\n"
	"\n"
	"Agents needed in every interval of the ISO week containing DATE\n"
	"(Monday 00:00 to Monday 00:00, site time), per skill, from the stored\n"
	"forecast and each skill's targets (site.ini: sl, answer_s,\n"
	"max_occupancy, shrinkage, concurrency, patience_s, max_abandon,\n"
	"asa_s).  The week's requirements are recomputed for every skill and\n"
	"stored, replacing the previous ones, so the scheduler always plans\n"
	"against the current forecast and targets; --skill only filters what\n"
	"is shown.  Intervals without a forecast row need no agents (their\n"
	"aht_s is empty).\n"
	"\n"
	"Columns: start,skill,contacts,aht_s,agents,scheduled_agents,\n"
	"service_level  (start in local time with its UTC offset).\n"
	"\n"
	"Exit codes: 2 bad option, 3 bad stored data (a target out of range, a\n"
	"forecast row off the interval grid), 1 a target no staffing can meet.\n";

/* One interval x skill of the week. */
struct week_row {
	struct rota_requirement req;
	double contacts;
	double aht_s;        /* 0 when the forecast has no row */
};

/*
 * Compute every interval x skill of the week [from, to) of ds; *out is
 * malloc'd, sorted by start then skill.
 */
static int compute_week(struct rota_store *st, const struct rota_dataset *ds,
			const struct rota_tz *tz, int64_t from, int64_t to,
			struct week_row **out, size_t *n_out,
			struct rota_error *err)
{
	const int64_t step = 60 * (int64_t)ds->site.interval_min;
	struct rota_forecast *fc = NULL;
	struct week_row *rows = NULL;
	size_t n_fc = 0, n_rows, i = 0, r = 0;
	char when[32];
	int rc;

	for (size_t k = 0; k < ds->n_skills; k++)
		if ((rc = rota_staffing_check_skill(&ds->skills[k], err)) < 0)
			return rc;
	if ((rc = rota_store_forecast_load(st, from, to, &fc, &n_fc, err)) <
	    0)
		return rc;
	for (size_t j = 0; j < n_fc; j++)
		if ((fc[j].start - from) % step != 0) {
			rota_format_local_iso(tz, fc[j].start, when,
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
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (int64_t t = from; t < to; t += step)
		for (size_t k = 0; k < ds->n_skills; k++) {
			struct week_row *w = &rows[r++];
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
				rota_format_local_iso(tz, t, when,
						      sizeof(when));
				rota_error_prefix(err, "%s", when);
				goto out;
			}
			w->req.agents = res.agents;
			w->req.scheduled_agents = res.scheduled_agents;
			w->req.service_level = res.service_level;
		}
	*out = rows;
	*n_out = r;
	rows = NULL;
	rc = 0;
out:
	free(rows);
	free(fc);
	return rc;
}

static int refresh(struct rota_store *st, const struct rota_dataset *ds,
		   const struct rota_tz *tz, int32_t monday,
		   struct week_row **rows, size_t *n, struct rota_error *err)
{
	int64_t from = rota_tz_day_start(tz, monday);
	int64_t to = rota_tz_day_start(tz, monday + 7);
	struct rota_requirement *req;
	int rc;

	if ((rc = compute_week(st, ds, tz, from, to, rows, n, err)) < 0)
		return rc;
	req = malloc((*n ? *n : 1) * sizeof(*req));
	if (!req) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
	} else {
		for (size_t i = 0; i < *n; i++)
			req[i] = (*rows)[i].req;
		rc = rota_store_requirements_save(st, from, to, req, *n, err);
		free(req);
	}
	if (rc < 0) {
		free(*rows);
		*rows = NULL;
	}
	return rc;
}

int cli_staffing_refresh(struct rota_store *st,
			 const struct rota_dataset *ds,
			 const struct rota_tz *tz, int32_t day,
			 struct rota_requirement **out, size_t *n,
			 struct rota_error *err)
{
	struct week_row *rows = NULL;
	size_t n_rows = 0;
	int rc;

	if ((rc = refresh(st, ds, tz, rota_week_monday(day), &rows,
			  &n_rows, err)) < 0)
		return rc;
	if (out) {
		struct rota_requirement *req =
			malloc((n_rows ? n_rows : 1) * sizeof(*req));

		if (!req) {
			free(rows);
			return rota_error_set(err, ROTA_ENOMEM,
					      "out of memory");
		}
		for (size_t i = 0; i < n_rows; i++)
			req[i] = rows[i].req;
		*out = req;
		*n = n_rows;
	}
	free(rows);
	return 0;
}

static void print_rows(struct cli_ctx *ctx, const struct rota_dataset *ds,
		       const struct rota_tz *tz, const struct week_row *rows,
		       size_t n, int skill, enum cli_format fmt)
{
	static const char *const cols[] = {
		"start", "skill", "contacts", "aht_s", "agents",
		"scheduled_agents", "service_level"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM,
				    CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_NUM};
	struct cli_table *t = cli_table_new(cols, types, 7);

	if (!t) {
		fprintf(ctx->err, "%s: out of memory\n", ctx->prog);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct week_row *w = &rows[i];
		char start[32];

		if (skill >= 0 && w->req.skill != skill)
			continue;
		rota_format_local_iso(tz, w->req.start, start, sizeof(start));
		cli_table_cell(t, "%s", start);
		cli_table_cell(t, "%s", ds->skills[w->req.skill].name);
		cli_table_cell(t, "%.10g", w->contacts);
		if (w->aht_s > 0)
			cli_table_cell(t, "%.10g", w->aht_s);
		else
			cli_table_cell(t, "%s", "");
		cli_table_cell(t, "%d", w->req.agents);
		cli_table_cell(t, "%d", w->req.scheduled_agents);
		cli_table_cell(t, "%#.12g", w->req.service_level);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *week = NULL, *skill_name = NULL, *format = NULL;
	const struct cli_option opts[] = {
		{"week", CLI_OPT_STRING, &week, NULL},
		{"skill", CLI_OPT_STRING, &skill_name, NULL},
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_dataset ds;
	struct rota_store *st = NULL;
	struct rota_tz *tz = NULL;
	struct rota_error err = {0};
	struct week_row *rows = NULL;
	enum cli_format fmt;
	size_t n = 0;
	int32_t day;
	int rc, skill = -1;
	const char *pos[1];

	memset(&ds, 0, sizeof(ds));
	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if (!week)
		return cli_usage_error(ctx, "--week DATE is required");
	if (rota_parse_date(week, &day, &err) < 0)
		return cli_usage_error(ctx, "--week: %s", err.msg);
	if ((rc = cli_format_arg(ctx, format, &fmt)) != CLI_EXIT_OK)
		return rc;
	if ((rc = cli_open_store(ctx, 0, &st)) != CLI_EXIT_OK)
		return rc;
	if (rota_store_load(st, &ds, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (skill_name && (skill = rota_dataset_skill(&ds, skill_name)) < 0) {
		char known[512] = "";
		size_t len = 0;

		for (size_t k = 0; k < ds.n_skills && len < sizeof(known); k++)
			len += (size_t)snprintf(known + len,
						sizeof(known) - len, "%s%s",
						k ? ", " : "",
						ds.skills[k].name);
		rc = cli_usage_error(ctx, "unknown skill '%s' (known: %s)",
				     skill_name, ds.n_skills ? known : "none");
		goto out;
	}
	if (!(tz = rota_tz_load(ds.site.timezone, &err))) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (refresh(st, &ds, tz, rota_week_monday(day), &rows, &n, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	print_rows(ctx, &ds, tz, rows, n, skill, fmt);
	rc = CLI_EXIT_OK;
out:
	free(rows);
	rota_tz_free(tz);
	rota_dataset_release(&ds);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_staffing = {
	"staffing", "required agents per interval and skill for a week", usage,
	run};
