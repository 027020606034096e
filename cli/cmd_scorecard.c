/* rota scorecard - KPIs per employee: value, target, points, the weighted
 * total, the team median and each person's percentile rank. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/att.h"

static const char usage[] =
	"usage: rota scorecard --from DATE --to DATE [--team T] [--employee ID]\n"
	"                      [--as-of TIME] [--format table|csv|json]\n"
	"\n"
	"The scorecard of everyone (or --team / --employee) over the days from\n"
	"--from to --to, both included: for each metric of the site (site.ini\n"
	"[kpi.NAME], imported with 'rota import kpis', and the built-in\n"
	"attendance metrics adherence, conformance, punctuality, absence_rate\n"
	"and bradford) one row\n"
	"  employee,name,team,metric,unit,value,target,points,weight,\n"
	"  team_median,percentile\n"
	"then a row 'total': the weighted mean of the points.  Points grow\n"
	"linearly between the metric's lower and upper thresholds (0 to its\n"
	"points); team_median is the median of the person's team, percentile\n"
	"the person's rank in it (100: best).  docs/attendance.md defines\n"
	"every figure.\n";

static int is_fraction(const struct rota_kpi_metric *m)
{
	return strcmp(m->unit, "fraction") == 0;
}

void att_number(char *buf, size_t size, double v, int fraction)
{
	if (fabs(v - round(v)) < 1e-9)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, fraction ? "%.4f" : "%.2f", v);
}

void att_scorecard_rows(struct cli_table *t, const struct rota_scorecard *sc,
			const struct rota_scorecard_person *p, int with_person)
{
	double wsum = 0;

	for (size_t m = 0; m <= sc->n_metrics; m++) {
		const struct rota_kpi_metric *k =
			m < sc->n_metrics ? &sc->metrics[m] : NULL;
		const struct rota_score *s = k ? &p->score[m] : &p->total;
		int frac = k && is_fraction(k);
		char v[32] = "", tg[32] = "", pt[32] = "", w[32] = "",
		     med[32] = "", pr[16] = "";

		if (s->has_value) {
			att_number(v, sizeof(v), s->value, frac);
			snprintf(pt, sizeof(pt), "%.2f", s->points);
			snprintf(pr, sizeof(pr), "%.0f", s->percentile);
		}
		if (k && k->has_target)
			att_number(tg, sizeof(tg), k->target, frac);
		if (k)
			wsum += k->weight;
		att_number(w, sizeof(w), k ? k->weight : wsum, 0);
		if (s->has_median)
			att_number(med, sizeof(med), s->team_median, frac);
		if (with_person) {
			cli_table_cell(t, "%s", p->id);
			cli_table_cell(t, "%s", p->name);
			cli_table_cell(t, "%s", p->team);
		}
		cli_table_cell(t, "%s", k ? k->name : "total");
		cli_table_cell(t, "%s", k ? k->unit : "points");
		cli_table_cell(t, "%s", v);
		cli_table_cell(t, "%s", tg);
		cli_table_cell(t, "%s", pt);
		cli_table_cell(t, "%s", w);
		cli_table_cell(t, "%s", med);
		cli_table_cell(t, "%s", pr);
		cli_table_end_row(t);
	}
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL, *team = NULL, *emp = NULL;
	const char *fmt_s = NULL, *as_of = NULL;
	const struct cli_option opts[] = {
		{"from", CLI_OPT_STRING, &from_s, NULL},
		{"to", CLI_OPT_STRING, &to_s, NULL},
		{"team", CLI_OPT_STRING, &team, NULL},
		{"employee", CLI_OPT_STRING, &emp, NULL},
		{"as-of", CLI_OPT_STRING, &as_of, NULL},
		{"format", CLI_OPT_STRING, &fmt_s, NULL},
		{NULL, 0, NULL, NULL},
	};
	static const char *const names[] = {
		"employee", "name", "team", "metric", "unit", "value", "target",
		"points", "weight", "team_median", "percentile"};
	static const int types[] = {
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_NUM};
	struct rota_scorecard_query q = ROTA_SCORECARD_QUERY_INIT;
	struct rota_scorecard *sc = NULL;
	struct rota_store *st = NULL;
	struct rota_tz *tz = NULL;
	struct rota_site site;
	struct rota_error err = {0};
	struct cli_table *t = NULL;
	enum cli_format fmt;
	const char *pos[1];
	int rc;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if ((rc = cli_format_arg(ctx, fmt_s, &fmt)) != 0)
		return rc;
	if ((rc = att_period_args(ctx, from_s, to_s, &q.from, &q.to)) != 0)
		return rc;
	q.team = team;
	q.employee = emp;
	if ((rc = cli_open_store(ctx, ROTA_STORE_READONLY, &st)) != 0)
		return rc;
	if ((rc = att_site(ctx, st, &site, &tz)) != 0)
		goto out;
	if (att_as_of(ctx, tz, as_of, &q.now) < 0) {
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (rota_store_scorecard(st, &q, &sc, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rc = CLI_EXIT_FAIL;
	if (!(t = cli_table_new(names, types, 11)))
		goto out;
	for (size_t i = 0; i < sc->n_people; i++)
		att_scorecard_rows(t, sc, &sc->people[i], 1);
	cli_table_print(t, fmt, ctx->out);
	rc = CLI_EXIT_OK;
out:
	cli_table_free(t);
	rota_scorecard_free(sc);
	rota_tz_free(tz);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_scorecard = {
	"scorecard", "KPI scorecard per employee (HR)", usage, run};
