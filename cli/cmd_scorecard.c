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
	static const char *const names[] = {
		"employee", "name", "team", "metric", "unit", "value", "target",
		"points", "weight", "team_median", "percentile"};
	static const int types[] = {
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_NUM};
	struct rota_scorecard_query q = ROTA_SCORECARD_QUERY_INIT;
	struct rota_scorecard *sc = NULL;
	struct att_report a;
	struct rota_error err = {0};
	struct cli_table *t = NULL;
	int rc;

	if (att_report_open(ctx, argc, argv, 0, &a, &rc) < 0)
		goto out;
	q.from = a.q.from;
	q.to = a.q.to;
	q.employee = a.q.employee;
	q.team = a.q.team;
	q.now = a.q.now;
	if (rota_store_scorecard(a.st, &q, &sc, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rc = CLI_EXIT_FAIL;
	if (!(t = cli_table_new(names, types, 11)))
		goto out;
	for (size_t i = 0; i < sc->n_people; i++)
		att_scorecard_rows(t, sc, &sc->people[i], 1);
	cli_table_print(t, a.fmt, ctx->out);
	rc = CLI_EXIT_OK;
out:
	cli_table_free(t);
	rota_scorecard_free(sc);
	att_report_close(&a);
	return rc;
}

const struct cli_command cli_cmd_scorecard = {
	"scorecard", "KPI scorecard per employee (HR)", usage, run};
