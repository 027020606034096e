/*
 * plan/svg.c - a week's coverage as an SVG image (rota coverage --format
 * svg, and inline on rota serve's page).
 *
 * One panel per skill: scheduled agents as bars per interval (grey, red
 * where short of the requirement), the requirement as a dark step line,
 * a red mark under every short interval, days separated and labelled.
 * Everything is computed from the checker's allocation (report->served),
 * so the graph agrees with `rota coverage` and `rota schedule`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

#define PANEL_H 150   /* plot height of one skill */
#define PANEL_GAP 46  /* title and day labels */
#define LEFT 44
#define RIGHT 12
#define TOP 34
#define PLOT_W 1008

static void text_escaped(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
}

static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu",
				  "Fri", "Sat", "Sun"};

/* The title, the background and the legend. */
static void svg_head(FILE *f, const char *date, int width, int height)
{
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
		"font-size=\"11\" role=\"img\" aria-label=\"coverage, week of "
		"%s\">\n",
		width, height, width, height, date);
	fprintf(f, "<title>Coverage, week of %s</title>\n", date);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", width,
		height);
	fprintf(f,
		"<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">"
		"Coverage, week of %s</text>\n",
		LEFT, date);
	fprintf(f,
		"<g font-size=\"11\"><rect x=\"%d\" y=\"10\" width=\"10\" "
		"height=\"10\" fill=\"#9fb7d0\"/><text x=\"%d\" y=\"19\">"
		"scheduled</text><line x1=\"%d\" y1=\"15\" x2=\"%d\" y2=\"15\" "
		"stroke=\"#222\" stroke-width=\"2\"/><text x=\"%d\" y=\"19\">"
		"required</text><rect x=\"%d\" y=\"10\" width=\"10\" "
		"height=\"10\" fill=\"#d62728\"/><text x=\"%d\" y=\"19\">short"
		"</text></g>\n",
		LEFT + 560, LEFT + 574, LEFT + 650, LEFT + 670, LEFT + 676,
		LEFT + 750, LEFT + 764);
}

/* One skill's panel: where it stands and how tall its scale is. */
struct svg_panel {
	const struct rota_problem *p;
	const double *served;
	int T, K, k;
	int y0;     /* plot top */
	int ybase;  /* plot bottom */
	int vmax;   /* the top of the scale */
	double bw;  /* an interval's width */
};

static int panel_required(const struct svg_panel *s, int t)
{
	return rota_problem_demand(s->p, t, s->k)->required;
}

static int panel_got(const struct svg_panel *s, int t)
{
	return (int)(s->served[t * s->K + s->k] + 0.5);
}

/* The panel's title with its number of short intervals, and the grid at
 * 0, max/2 and max. */
static void panel_title_grid(FILE *f, const struct svg_panel *s,
			     int short_n)
{
	fprintf(f, "<g class=\"skill\" data-skill=\"");
	text_escaped(f, s->p->skills[s->k].name);
	fprintf(f, "\">\n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">",
		LEFT, s->y0 - 4);
	text_escaped(f, s->p->skills[s->k].name);
	fprintf(f, " (%d short interval%s)</text>\n", short_n,
		short_n == 1 ? "" : "s");
	for (int g = 0; g <= 2; g++) {
		double v = s->vmax * g / 2.0;
		double y = s->ybase - v * PANEL_H / s->vmax;

		fprintf(f,
			"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
			"y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" "
			"y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
			LEFT, y, LEFT + PLOT_W, y, LEFT - 4, y + 4, v);
	}
}

/* Per interval: a day separator where a day starts, the scheduled bar and
 * the short mark. */
static void panel_bars(FILE *f, const struct rota_plan *pl,
		       const struct svg_panel *s)
{
	const struct rota_problem *p = s->p;
	int32_t prev_day = INT32_MIN;

	for (int t = 0; t < s->T; t++) {
		int req = panel_required(s, t);
		int got = panel_got(s, t);
		int64_t at = p->t0 + (int64_t)t * p->interval_min * 60;
		int32_t day = rota_tz_day_of(pl->tz, at);
		double x = LEFT + t * s->bw;
		double h = (double)got * PANEL_H / s->vmax;

		if (day != prev_day) {
			int yy, mm, dd;

			rota_civil_from_days(day, &yy, &mm, &dd);
			fprintf(f,
				"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
				"y2=\"%d\" stroke=\"#888\"/><text "
				"x=\"%.1f\" y=\"%d\">%s %02d-%02d"
				"</text>\n",
				x, s->y0, x, s->ybase + 14, x + 3,
				s->ybase + 24, wd[rota_weekday(day) - 1],
				mm, dd);
			prev_day = day;
		}
		if (got > 0)
			fprintf(f,
				"<rect x=\"%.1f\" y=\"%.1f\" "
				"width=\"%.1f\" height=\"%.1f\" "
				"fill=\"%s\"/>\n",
				x, s->ybase - h, s->bw, h,
				got < req ? "#e99" : "#9fb7d0");
		if (got < req)
			fprintf(f,
				"<rect class=\"short\" x=\"%.1f\" "
				"y=\"%d\" width=\"%.1f\" height=\"5\" "
				"fill=\"#d62728\"><title>%d short"
				"</title></rect>\n",
				x, s->ybase + 2, s->bw, req - got);
	}
}

/* The requirement as a step line. */
static void panel_requirement(FILE *f, const struct svg_panel *s)
{
	if (s->T <= 0)
		return;
	fputs("<path fill=\"none\" stroke=\"#222\" "
	      "stroke-width=\"1.5\" d=\"", f);
	for (int t = 0; t < s->T; t++) {
		double y = s->ybase - (double)panel_required(s, t) * PANEL_H /
			   s->vmax;

		fprintf(f, "%c%.1f %.1fH%.1f", t ? 'L' : 'M',
			LEFT + t * s->bw, y, LEFT + (t + 1) * s->bw);
	}
	fputs("\"/>\n", f);
}

static void svg_panel(FILE *f, const struct rota_plan *pl,
		      const struct rota_plan_week *w, int k, double bw)
{
	struct svg_panel s = {
		.p = w->problem,
		.served = w->report->served,
		.T = w->week_T > 0 ? w->week_T : 0,
		.K = w->problem->n_skills,
		.k = k,
		.y0 = TOP + k * (PANEL_H + PANEL_GAP) + 16,
		.vmax = 1,
		.bw = bw,
	};
	int short_n = 0;

	s.ybase = s.y0 + PANEL_H;
	for (int t = 0; t < s.T; t++) {
		int req = panel_required(&s, t);
		int got = panel_got(&s, t);

		if (req > s.vmax)
			s.vmax = req;
		if (got > s.vmax)
			s.vmax = got;
		short_n += got < req;
	}
	panel_title_grid(f, &s, short_n);
	panel_bars(f, pl, &s);
	panel_requirement(f, &s);
	fprintf(f,
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		"stroke=\"#444\"/>\n</g>\n",
		LEFT, s.ybase, LEFT + PLOT_W, s.ybase);
}

int rota_plan_coverage_svg(const struct rota_plan *pl,
			   const struct rota_plan_week *w, char **out,
			   size_t *len, struct rota_error *err)
{
	const int T = w->week_T > 0 ? w->week_T : 0;
	const int K = w->problem->n_skills;
	char *buf = NULL, date[16];
	size_t size = 0;
	double bw = T ? (double)PLOT_W / T : PLOT_W;
	int height = TOP + K * (PANEL_H + PANEL_GAP) + 24;
	int width = LEFT + PLOT_W + RIGHT;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return rota_plan_oom(err);
	rota_format_date(w->monday, date, sizeof(date));
	svg_head(f, date, width, height);
	for (int k = 0; k < K; k++)
		svg_panel(f, pl, w, k, bw);
	fputs("</svg>\n", f);
	if (fclose(f) != 0 || !buf) {
		free(buf);
		return rota_plan_oom(err);
	}
	*out = buf;
	*len = size;
	return 0;
}
