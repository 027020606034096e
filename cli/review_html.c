/*
 * cli/review_html.c - rota review --format html: one printable page, all of
 * it in the file (inline CSS, an inline SVG chart, no fonts, scripts or
 * images fetched), with a font stack that has CJK faces first so that 李霞
 * prints on any machine that has one of them.
 */
#include <math.h>
#include <string.h>

#include "cli/att.h"

static void esc(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static const char style[] =
	"<style>\n"
	"@page { size: A4; margin: 14mm; }\n"
	"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", "
	"\"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", "
	"\"WenQuanYi Micro Hei\", \"Noto Sans\", \"DejaVu Sans\", Arial, "
	"sans-serif; color: #1d2733; margin: 24px auto; max-width: 960px; "
	"font-size: 13px; line-height: 1.45; }\n"
	"h1 { font-size: 22px; margin: 0 0 4px; }\n"
	"h2 { font-size: 15px; margin: 22px 0 8px; border-bottom: 2px solid "
	"#2b6cb0; padding-bottom: 3px; }\n"
	".sub { color: #5a6775; }\n"
	".cards { display: flex; gap: 10px; margin: 14px 0; flex-wrap: wrap; "
	"}\n"
	".card { flex: 1 1 150px; border: 1px solid #cfd8e3; border-radius: "
	"6px; padding: 8px 12px; background: #f5f8fc; }\n"
	".card .v { font-size: 22px; font-weight: bold; color: #2b6cb0; }\n"
	".card .l { color: #5a6775; font-size: 12px; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 6px 0; }\n"
	"th, td { border-bottom: 1px solid #dde3ea; padding: 3px 6px; "
	"text-align: left; }\n"
	"th { background: #eef3f9; font-weight: 600; }\n"
	"td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; "
	"}\n"
	".bar { display: inline-block; height: 8px; background: #2b6cb0; "
	"border-radius: 2px; vertical-align: middle; }\n"
	".total td { font-weight: bold; border-top: 2px solid #1d2733; }\n"
	"svg { width: 100%; height: auto; }\n"
	"footer { margin-top: 24px; color: #8a96a3; font-size: 11px; }\n"
	"@media print { body { margin: 0; max-width: none; } "
	"section { break-inside: avoid; } }\n"
	"</style>\n";

/* A table of one of the sheet's cli tables; columns [lo, hi] are
 * numbers. */
static void table(FILE *out, const struct cli_table *t, int lo, int hi)
{
	fputs("<table><tr>", out);
	for (int c = 0; c < cli_table_cols(t); c++) {
		fprintf(out, "<th%s>",
			c >= lo && c <= hi ? " class=\"n\"" : "");
		esc(out, cli_table_name(t, c));
		fputs("</th>", out);
	}
	fputs("</tr>\n", out);
	for (int r = 0; r < cli_table_rows(t); r++) {
		fputs("<tr>", out);
		for (int c = 0; c < cli_table_cols(t); c++) {
			fprintf(out, "<td%s>",
				c >= lo && c <= hi ? " class=\"n\"" : "");
			esc(out, cli_table_get(t, r, c));
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

static int metric_index(const struct rota_scorecard *sc, const char *name)
{
	for (size_t m = 0; m < sc->n_metrics; m++)
		if (strcmp(sc->metrics[m].name, name) == 0)
			return (int)m;
	return -1;
}

/* The trend chart: total points week by week, the adherence points, and
 * the team median of the total over the whole range, on 0..10 (or the
 * largest points of a metric). */
static void chart(FILE *out, const struct rota_review *rv)
{
	const struct rota_scorecard *sc = rv->team;
	const struct rota_score *tot = &sc->people[rv->person].total;
	int adh = metric_index(sc, "adherence");
	const double x0 = 56, x1 = 700, y0 = 24, y1 = 214;
	double top = 10, step;
	size_t n = rv->n_weeks, every = n > 13 ? (n + 12) / 13 : 1;

	for (size_t m = 0; m < sc->n_metrics; m++)
		if (sc->metrics[m].points > top)
			top = sc->metrics[m].points;
	step = n > 1 ? (x1 - x0) / (double)(n - 1) : 0;
	/* week w's x; a single week in the middle */
#define X(w) (n > 1 ? x0 + step * (double)(w) : (x0 + x1) / 2)
	fputs("<svg viewBox=\"0 0 720 262\" xmlns=\"http://www.w3.org/2000/svg\""
	      " role=\"img\" aria-label=\"points week by week\">\n", out);
	fputs("<rect x=\"0\" y=\"0\" width=\"720\" height=\"262\" "
	      "fill=\"#ffffff\"/>\n", out);
	for (int g = 0; g <= 4; g++) {
		double y = y1 - (y1 - y0) * g / 4.0;

		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			"y2=\"%.1f\" stroke=\"#dde3ea\"/>"
			"<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
			"text-anchor=\"end\" fill=\"#5a6775\">%g</text>\n",
			x0, y, x1, y, x0 - 6, y + 4, top * g / 4.0);
	}
	for (size_t w = 0; w < n; w += every) {
		char date[16];

		rota_format_date(rv->weeks[w].monday, date, sizeof(date));
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
			"text-anchor=\"middle\" fill=\"#5a6775\">%s</text>\n",
			X(w), y1 + 16, date + 5);
	}
	if (tot->has_median) {
		double y = y1 - (y1 - y0) * tot->team_median / top;

		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			"y2=\"%.1f\" stroke=\"#9aa5b1\" stroke-width=\"1.5\" "
			"stroke-dasharray=\"6 4\"/>\n", x0, y, x1, y);
	}
	for (int series = 0; series < 2; series++) {
		const char *colour = series ? "#dd6b20" : "#2b6cb0";
		int drawn = 0;

		if (series && adh < 0)
			break;
		fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" "
			"stroke-width=\"%s\" points=\"", colour,
			series ? "2" : "3.5");
		for (size_t w = 0; w < n; w++) {
			const struct rota_score *s =
				series ? &rv->weeks[w].score[adh]
				       : &rv->weeks[w].total;

			if (!s->has_value)
				continue;
			fprintf(out, "%s%.1f,%.1f", drawn++ ? " " : "",
				X(w),
				y1 - (y1 - y0) * s->points / top);
		}
		fputs("\"/>\n", out);
		for (size_t w = 0; w < n; w++) {
			const struct rota_score *s =
				series ? &rv->weeks[w].score[adh]
				       : &rv->weeks[w].total;

			if (s->has_value)
				fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" "
					"r=\"3.5\" fill=\"%s\"/>\n",
					X(w),
					y1 - (y1 - y0) * s->points / top,
					colour);
		}
	}
	fprintf(out,
		"<g font-size=\"11\" fill=\"#1d2733\">"
		"<rect x=\"%.0f\" y=\"246\" width=\"14\" height=\"4\" "
		"fill=\"#2b6cb0\"/><text x=\"%.0f\" y=\"252\">total points</text>"
		"<rect x=\"%.0f\" y=\"246\" width=\"14\" height=\"4\" "
		"fill=\"#dd6b20\"/><text x=\"%.0f\" y=\"252\">adherence "
		"points</text>"
		"<line x1=\"%.0f\" y1=\"248\" x2=\"%.0f\" y2=\"248\" "
		"stroke=\"#9aa5b1\" stroke-dasharray=\"6 4\"/>"
		"<text x=\"%.0f\" y=\"252\">team median (total)</text></g>\n",
		x0, x0 + 20, x0 + 130, x0 + 150, x0 + 290, x0 + 310, x0 + 316);
	fputs("</svg>\n", out);
#undef X
}

static void card(FILE *out, const char *value, const char *label)
{
	fputs("<div class=\"card\"><div class=\"v\">", out);
	esc(out, value);
	fputs("</div><div class=\"l\">", out);
	esc(out, label);
	fputs("</div></div>\n", out);
}

void att_review_html(FILE *out, const struct rota_review *rv,
		     const struct rota_site *site,
		     const struct cli_table *summary,
		     const struct cli_table *exceptions)
{
	const struct rota_scorecard *sc = rv->team;
	const struct rota_scorecard_person *p = &sc->people[rv->person];
	char from[16], to[16], a[64], b[96];
	int adh = metric_index(sc, "adherence");

	rota_format_date(rv->me->from, from, sizeof(from));
	rota_format_date(rv->me->to, to, sizeof(to));
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n<title>Review ", out);
	esc(out, p->name);
	fprintf(out, " (%s) %s to %s</title>\n", p->id, from, to);
	fputs(style, out);
	fputs("</head>\n<body>\n<header><h1>Performance review: ", out);
	esc(out, p->name);
	fputs("</h1>\n<div class=\"sub\">", out);
	esc(out, p->id);
	fputs(" &middot; team ", out);
	esc(out, *p->team ? p->team : "-");
	fprintf(out, " &middot; %s to %s &middot; ", from, to);
	esc(out, site->name);
	fprintf(out, " (%s) &middot; %zu in the team</div></header>\n",
		site->timezone, sc->n_people);

	fputs("<div class=\"cards\">\n", out);
	if (p->total.has_value) {
		snprintf(a, sizeof(a), "%.2f", p->total.points);
		snprintf(b, sizeof(b), "total points (team median %.2f)",
			 p->total.team_median);
	} else {
		snprintf(a, sizeof(a), "-");
		snprintf(b, sizeof(b), "total points");
	}
	card(out, a, b);
	snprintf(a, sizeof(a), "%.0f", p->total.percentile);
	card(out, p->total.has_value ? a : "-", "percentile rank in the team");
	if (adh >= 0 && p->score[adh].has_value)
		snprintf(a, sizeof(a), "%.1f%%", 100 * p->score[adh].value);
	else
		snprintf(a, sizeof(a), "-");
	card(out, a, "adherence");
	snprintf(a, sizeof(a), "%ld", p->bradford.factor);
	snprintf(b, sizeof(b), "Bradford factor (spells %ld, days %ld)",
		 p->bradford.spells, p->bradford.days);
	card(out, a, b);
	fputs("</div>\n", out);

	fputs("<section><h2>Scorecard</h2>\n<table><tr><th>metric</th>"
	      "<th>unit</th><th class=\"n\">value</th><th class=\"n\">target"
	      "</th><th class=\"n\">points</th><th></th><th class=\"n\">weight"
	      "</th><th class=\"n\">team median</th><th class=\"n\">percentile"
	      "</th></tr>\n", out);
	for (size_t m = 0; m <= sc->n_metrics; m++) {
		const struct rota_kpi_metric *k =
			m < sc->n_metrics ? &sc->metrics[m] : NULL;
		const struct rota_score *s = k ? &p->score[m] : &p->total;
		int frac = k && strcmp(k->unit, "fraction") == 0;
		double max = k ? k->points : 10;
		char v[32] = "", tg[32] = "", md[32] = "", w[32];

		if (s->has_value)
			att_number(v, sizeof(v), s->value, frac);
		if (k && k->has_target)
			att_number(tg, sizeof(tg), k->target, frac);
		if (s->has_median)
			att_number(md, sizeof(md), s->team_median, frac);
		att_number(w, sizeof(w), k ? k->weight : 0, 0);
		fprintf(out, "<tr%s><td>", k ? "" : " class=\"total\"");
		esc(out, k ? k->name : "total");
		fputs("</td><td>", out);
		esc(out, k ? k->unit : "points");
		fprintf(out, "</td><td class=\"n\">%s</td><td class=\"n\">%s"
			"</td>", v, tg);
		if (s->has_value)
			fprintf(out, "<td class=\"n\">%.2f</td><td><span "
				"class=\"bar\" style=\"width:%.0fpx\"></span>"
				"</td>", s->points,
				max > 0 ? 80 * s->points / max : 0);
		else
			fputs("<td class=\"n\"></td><td></td>", out);
		fprintf(out, "<td class=\"n\">%s</td><td class=\"n\">%s</td>"
			"<td class=\"n\">", k ? w : "", md);
		if (s->has_value)
			fprintf(out, "%.0f", s->percentile);
		fputs("</td></tr>\n", out);
	}
	fputs("</table></section>\n", out);

	fputs("<section><h2>Week by week</h2>\n", out);
	chart(out, rv);
	fputs("<table><tr><th>week</th><th class=\"n\">shifts</th>"
	      "<th class=\"n\">worked min</th><th class=\"n\">late</th>"
	      "<th class=\"n\">absences</th>", out);
	for (size_t m = 0; m < sc->n_metrics; m++) {
		fputs("<th class=\"n\">", out);
		esc(out, sc->metrics[m].name);
		fputs("</th>", out);
	}
	fputs("<th class=\"n\">total points</th></tr>\n", out);
	for (size_t w = 0; w < rv->n_weeks; w++) {
		const struct rota_review_week *wk = &rv->weeks[w];
		char date[16];

		rota_format_date(wk->monday, date, sizeof(date));
		fprintf(out, "<tr><td>%s</td><td class=\"n\">%ld</td>"
			"<td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
			"<td class=\"n\">%ld</td>", date, wk->att.shifts,
			wk->att.worked_min, wk->att.late_count,
			wk->att.absences);
		for (size_t m = 0; m < sc->n_metrics; m++) {
			char v[32] = "";

			if (wk->score[m].has_value)
				att_number(v, sizeof(v), wk->score[m].value,
					   strcmp(sc->metrics[m].unit,
						  "fraction") == 0);
			fprintf(out, "<td class=\"n\">%s</td>", v);
		}
		if (wk->total.has_value)
			fprintf(out, "<td class=\"n\">%.2f</td>",
				wk->total.points);
		else
			fputs("<td class=\"n\"></td>", out);
		fputs("</tr>\n", out);
	}
	fputs("</table></section>\n", out);

	fputs("<section><h2>Attendance next to the team median</h2>\n", out);
	table(out, summary, 1, 2);
	fputs("</section>\n<section><h2>Exceptions</h2>\n", out);
	if (cli_table_rows(exceptions))
		table(out, exceptions, 3, 3);
	else
		fputs("<p>None.</p>\n", out);
	fputs("</section>\n<footer>rota " ROTA_VERSION " &middot; the figures "
	      "are defined in docs/attendance.md (attendance, KPIs and "
	      "scorecards); points grow linearly between each metric's "
	      "thresholds.</footer>\n</body>\n</html>\n", out);
}
