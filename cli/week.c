/*
 * cli/week.c - presentation shared by the roster commands: the week
 * argument, opening the site's workflows (plan/), the checker's report and
 * the understaffed stretches as listings.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/att.h"
#include "cli/cli.h"
#include "core/time.h"
#include "plan/plan.h"

int cli_week_arg(struct cli_ctx *ctx, const char *text,
		 const struct rota_tz *tz, int32_t *monday)
{
	int32_t day;

	if (!text) {
		int64_t now;

		if (att_now(ctx, tz, &now) < 0)
			return CLI_EXIT_USAGE;
		day = rota_tz_day_of(tz, now);
	} else if (rota_parse_date(text, &day, NULL) < 0) {
		return cli_usage_error(ctx,
				       "--week: '%s' is not a date (expected "
				       "YYYY-MM-DD)", text);
	}
	*monday = rota_week_monday(day);
	return CLI_EXIT_OK;
}

int cli_open_plan(struct cli_ctx *ctx, int flags, struct rota_plan **out)
{
	struct rota_error err = {0};
	int64_t now;

	if (rota_plan_open(ctx->db_path, flags, 0, out, &err) < 0)
		return cli_fail(ctx, &err);
	if (att_now(ctx, rota_plan_tz(*out), &now) < 0) {
		rota_plan_close(*out);
		*out = NULL;
		return CLI_EXIT_USAGE;
	}
	rota_plan_set_now(*out, now);
	return CLI_EXIT_OK;
}

/* 12, 12.5, 0.25 */
static void num(char *buf, size_t size, double v)
{
	if (fabs(v - round(v)) < 1e-9)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.2f", v);
}

static void print_report(const struct rota_problem *p,
			 const struct rota_check_report *r, FILE *out,
			 enum cli_format fmt)
{
	static const char *const cols[] = {"employee", "date",	"rule",
					   "severity", "units", "penalty",
					   "message"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_STR};
	static const char *const term_words[ROTA_TERM_COUNT] = {
		"understaffing", "overstaffing", "cover short", "cover over",
		"rules", "requests", "fairness", "paid time", "changes"};
	struct cli_table *t = cli_table_new(cols, types, 7);
	double soft = 0;
	char buf[32];

	if (!t)
		return;
	for (size_t i = 0; i < r->n_violations; i++) {
		const struct rota_violation *v = &r->violations[i];
		char date[16] = "";

		if (v->day >= 0 && p->dated)
			rota_format_date(p->first_day + v->day, date,
					 sizeof(date));
		soft += v->penalty;
		cli_table_cell(t, "%s",
			       v->employee >= 0 ? p->employees[v->employee].id
						: "");
		cli_table_cell(t, "%s", date);
		cli_table_cell(t, "%s", rota_check_kind_name(v->kind));
		cli_table_cell(t, "%s", v->hard ? "hard" : "soft");
		cli_table_cell(t, "%d", v->units);
		num(buf, sizeof(buf), v->penalty);
		cli_table_cell(t, "%s", buf);
		cli_table_cell(t, "%s", v->text);
		cli_table_end_row(t);
	}
	if (fmt != CLI_FORMAT_TABLE || r->n_violations)
		cli_table_print(t, fmt, out);
	cli_table_free(t);
	if (fmt != CLI_FORMAT_TABLE)
		return;
	if (r->n_violations)
		fputc('\n', out);
	num(buf, sizeof(buf), soft);
	fprintf(out, "%d hard %s, %d soft (penalty %s)\n", r->hard_broken,
		r->hard_broken == 1 ? "violation" : "violations",
		r->soft_broken, buf);
	num(buf, sizeof(buf), r->objective);
	fprintf(out, "objective %s", buf);
	for (int k = 0, first = 1; k < ROTA_TERM_COUNT; k++) {
		if (r->term[k] == 0)
			continue;
		num(buf, sizeof(buf), r->term[k]);
		fprintf(out, "%s%s %s", first ? ": " : ", ", term_words[k],
			buf);
		first = 0;
	}
	fputc('\n', out);
}

int cli_check_week(struct cli_ctx *ctx, struct rota_plan *pl,
		   int32_t monday, FILE *out, enum cli_format fmt, int *hard)
{
	struct rota_plan_week w;
	struct rota_error err = {0};

	*hard = 0;
	if (rota_plan_week_load(pl, monday, 1, &w, &err) < 0)
		return cli_fail(ctx, &err);
	print_report(w.problem, w.report, out, fmt);
	*hard = w.report->hard_broken;
	rota_plan_week_release(&w);
	return CLI_EXIT_OK;
}

/* Understaffed stretches: consecutive intervals of one skill short. */
void cli_print_understaffed(struct cli_ctx *ctx, const struct rota_problem *p,
			    const double *served, const struct rota_tz *tz,
			    int week_T, int only_skill)
{
	static const char *const cols[] = {"skill", "from", "to", "most short",
					   "missing agent-minutes"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_NUM, CLI_COL_NUM};
	struct rota_plan_stretch *st = NULL;
	struct rota_error err = {0};
	struct cli_table *t;
	long total = 0;
	int n_cells = 0;
	size_t n = 0;

	if (!served)
		return;
	if (rota_plan_understaffed(p, served, week_T, only_skill, &st, &n,
				   &err) < 0 ||
	    !(t = cli_table_new(cols, types, 5))) {
		free(st);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char a[32], b[32];

		rota_format_local_short(tz, st[i].from, a, sizeof(a));
		rota_format_local_short(tz, st[i].to, b, sizeof(b));
		cli_table_cell(t, "%s", p->skills[st[i].skill].name);
		cli_table_cell(t, "%s", a);
		/* the end's date only when it is another day */
		cli_table_cell(t, "%s", strncmp(a, b, 10) ? b : b + 11);
		cli_table_cell(t, "%d", st[i].most_short);
		cli_table_cell(t, "%ld", st[i].agent_min);
		cli_table_end_row(t);
		total += st[i].agent_min;
		n_cells += st[i].end - st[i].first;
	}
	if (n_cells == 0) {
		fprintf(ctx->out, "understaffed: none\n");
	} else {
		fprintf(ctx->out,
			"understaffed: %d interval-skills, %ld agent-minutes "
			"missing\n",
			n_cells, total);
		cli_table_print(t, CLI_FORMAT_TABLE, ctx->out);
	}
	cli_table_free(t);
	free(st);
}

const char *cli_by(const char *given)
{
	const char *user = getenv("USER");

	if (given)
		return given;
	if (!user || !*user)
		user = getenv("LOGNAME");
	return user && *user ? user : "unknown";
}

/* "E 08:00-17:00 voice", "-" for a day off. */
static void shift_text(const struct rota_tz *tz,
		       const struct rota_assignment *a, char *buf, size_t size)
{
	char s[32], e[32];

	if (!a->shift[0]) {
		snprintf(buf, size, "-");
		return;
	}
	rota_format_local_short(tz, a->start, s, sizeof(s));
	rota_format_local_short(tz, a->end, e, sizeof(e));
	snprintf(buf, size, "%.20s %.5s-%.5s%s%.20s", a->shift, s + 11, e + 11,
		 a->skill[0] ? " " : "", a->skill);
}

void cli_print_changes(FILE *out,
		       const struct rota_dataset *ds, const struct rota_tz *tz,
		       const struct rota_roster_change *ch, size_t n,
		       enum cli_format fmt)
{
	static const char *const tcols[] = {"employee", "name", "day", "old",
					    "", "new"};
	static const int ttypes[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				     CLI_COL_STR, CLI_COL_STR, CLI_COL_STR};
	static const char *const cols[] = {
		"employee",  "name",	  "date",    "old_shift",
		"old_start", "old_end",	  "old_skill", "new_shift",
		"new_start", "new_end",	  "new_skill"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_STR, CLI_COL_STR};
	int table = fmt == CLI_FORMAT_TABLE;
	struct cli_table *t = table ? cli_table_new(tcols, ttypes, 6)
				    : cli_table_new(cols, types, 11);

	if (!t)
		return;
	for (size_t i = 0; i < n; i++) {
		int e = rota_dataset_employee(ds, ch[i].employee);
		char date[16], a[192], b[192];

		rota_format_date(ch[i].day, date, sizeof(date));
		cli_table_cell(t, "%s", ch[i].employee);
		cli_table_cell(t, "%s", e >= 0 ? ds->employees[e].name : "");
		if (table) {
			cli_table_cell(t, "%s %s",
				       rota_weekday_name(rota_weekday(
					       ch[i].day)),
				       date);
			shift_text(tz, &ch[i].old, a, sizeof(a));
			shift_text(tz, &ch[i].now, b, sizeof(b));
			cli_table_cell(t, "%s", a);
			cli_table_cell(t, "->");
			cli_table_cell(t, "%s", b);
		} else {
			const struct rota_assignment *as[2] = {&ch[i].old,
							       &ch[i].now};

			cli_table_cell(t, "%s", date);
			for (int k = 0; k < 2; k++) {
				a[0] = b[0] = '\0';
				if (as[k]->shift[0]) {
					rota_format_local_iso(tz, as[k]->start,
							      a, sizeof(a));
					rota_format_local_iso(tz, as[k]->end,
							      b, sizeof(b));
				}
				cli_table_cell(t, "%s", as[k]->shift);
				cli_table_cell(t, "%s", a);
				cli_table_cell(t, "%s", b);
				cli_table_cell(t, "%s", as[k]->skill);
			}
		}
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, out);
	cli_table_free(t);
}

int cli_known_people(struct cli_ctx *ctx, const struct rota_dataset *ds,
		     const char *employee, const char *team)
{
	int found = 0;

	if (employee && rota_dataset_employee(ds, employee) < 0) {
		fprintf(ctx->err, "%s: unknown employee '%s'\n", ctx->prog,
			employee);
		return CLI_EXIT_FAIL;
	}
	for (size_t i = 0; team && i < ds->n_employees && !found; i++)
		found = strcmp(ds->employees[i].team, team) == 0;
	if (team && !found) {
		fprintf(ctx->err, "%s: unknown team '%s' (nobody is in it)\n",
			ctx->prog, team);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

int cli_known_skill(struct cli_ctx *ctx, const struct rota_dataset *ds,
		    const char *name, int *index)
{
	char known[512] = "";
	size_t len = 0;

	if ((*index = rota_dataset_skill(ds, name)) >= 0)
		return CLI_EXIT_OK;
	for (size_t k = 0; k < ds->n_skills && len < sizeof(known); k++)
		len += (size_t)snprintf(known + len, sizeof(known) - len,
					"%s%s", k ? ", " : "",
					ds->skills[k].name);
	fprintf(ctx->err, "%s: unknown skill '%s' (known: %s)\n", ctx->prog,
		name, ds->n_skills ? known : "none");
	return CLI_EXIT_FAIL;
}
