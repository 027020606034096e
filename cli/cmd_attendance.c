/* rota attendance - HR summary per employee, or per shift with --detail. */
#include <string.h>

#include "cli/att.h"

static const char usage[] =
	"usage: rota attendance --from DATE --to DATE [--employee ID] [--team T]\n"
	"                       [--format table|csv|json] [--detail] [--as-of TIME]\n"
	"\n"
	"Attendance of the shifts that start (site local date) from --from to\n"
	"--to, both included, that have ended: one row per employee\n"
	"(everyone, or --employee / --team):\n"
	"  employee,name,team,shifts,scheduled_min,worked_min,late_count,\n"
	"  late_min,early_count,early_min,absences,missing_punches,\n"
	"  overtime_min,adherence,unscheduled_min\n"
	"adherence is the fraction of scheduled minutes covered by work, with\n"
	"4 decimals (empty when nothing was scheduled).  --detail gives one row\n"
	"per shift instead (and per unscheduled work period or stray punch)\n"
	"with its punches and flags (late early absent missing_in missing_out\n"
	"in_progress unscheduled); times are local HH:MM, +1 meaning the next\n"
	"day.  docs/attendance.md defines every figure.\n"
	"--as-of TIME reports as if it were TIME (default: now, or $ROTA_NOW):\n"
	"shifts not ended by then are left out, and a clock-in less than 16 h\n"
	"old with no clock-out yet is in progress, not a missing punch.\n";

static int summary(struct cli_ctx *ctx, const struct rota_attendance_report *r,
		   enum cli_format fmt)
{
	static const char *const names[] = {
		"employee", "name", "team", "shifts", "scheduled_min",
		"worked_min", "late_count", "late_min", "early_count",
		"early_min", "absences", "missing_punches", "overtime_min",
		"adherence", "unscheduled_min"};
	int types[15];
	struct cli_table *t;

	for (int i = 0; i < 15; i++)
		types[i] = i < 3 ? CLI_COL_STR : CLI_COL_NUM;
	if (!(t = cli_table_new(names, types, 15)))
		return CLI_EXIT_FAIL;
	for (size_t i = 0; i < r->n_people; i++) {
		const struct rota_attendance_person *p = &r->people[i];
		const struct rota_att_totals *s = &p->att.total;
		char adh[16];

		att_adherence(s, adh, sizeof(adh));
		cli_table_cell(t, "%s", p->id);
		cli_table_cell(t, "%s", p->name);
		cli_table_cell(t, "%s", p->team);
		cli_table_cell(t, "%ld", s->shifts);
		cli_table_cell(t, "%ld", s->scheduled_min);
		cli_table_cell(t, "%ld", s->worked_min);
		cli_table_cell(t, "%ld", s->late_count);
		cli_table_cell(t, "%ld", s->late_min);
		cli_table_cell(t, "%ld", s->early_count);
		cli_table_cell(t, "%ld", s->early_min);
		cli_table_cell(t, "%ld", s->absences);
		cli_table_cell(t, "%ld", s->missing_punches);
		cli_table_cell(t, "%ld", s->overtime_min);
		cli_table_cell(t, "%s", adh);
		cli_table_cell(t, "%ld", s->unscheduled_min);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	return CLI_EXIT_OK;
}

static int detail(struct cli_ctx *ctx, const struct rota_attendance_report *r,
		  const struct rota_tz *tz, enum cli_format fmt)
{
	static const char *const names[] = {
		"employee", "name", "team", "date", "shift", "start", "end",
		"scheduled_min", "worked_min", "late_min", "early_min",
		"overtime_min", "covered_min", "missing_punches", "flags",
		"punches"};
	static const int types[] = {
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_NUM,
		CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_NUM, CLI_COL_NUM, CLI_COL_STR, CLI_COL_STR};
	struct cli_table *t;

	if (!(t = cli_table_new(names, types, 16)))
		return CLI_EXIT_FAIL;
	for (size_t i = 0; i < r->n_people; i++) {
		const struct rota_attendance_person *p = &r->people[i];

		for (size_t k = 0; k < p->att.n_rows; k++) {
			const struct rota_att_row *row = &p->att.rows[k];
			int32_t day = att_row_day(r, tz, row);
			char date[16], a[16], b[16], flags[96], punches[512];

			rota_format_date(day, date, sizeof(date));
			att_hhmm(tz, row->start, day, a, sizeof(a));
			att_hhmm(tz, row->end, day, b, sizeof(b));
			att_flags(row, flags, sizeof(flags));
			att_punches(tz, &p->att, row, day, punches,
				    sizeof(punches));
			cli_table_cell(t, "%s", p->id);
			cli_table_cell(t, "%s", p->name);
			cli_table_cell(t, "%s", p->team);
			cli_table_cell(t, "%s", date);
			cli_table_cell(t, "%s",
				       row->shift >= 0
					       ? r->shifts[row->shift].shift
					       : "");
			cli_table_cell(t, "%s", a);
			cli_table_cell(t, "%s", b);
			cli_table_cell(t, "%d", row->scheduled_min);
			cli_table_cell(t, "%d", row->worked_min);
			cli_table_cell(t, "%d", row->late_min);
			cli_table_cell(t, "%d", row->early_min);
			cli_table_cell(t, "%d", row->overtime_min);
			cli_table_cell(t, "%d", row->covered_min);
			cli_table_cell(t, "%d", row->missing);
			cli_table_cell(t, "%s", flags);
			cli_table_cell(t, "%s", punches);
			cli_table_end_row(t);
		}
	}
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL, *emp = NULL, *team = NULL;
	const char *fmt_s = NULL, *as_of = NULL;
	int want_detail = 0;
	const struct cli_option opts[] = {
		{"from", CLI_OPT_STRING, &from_s, NULL},
		{"to", CLI_OPT_STRING, &to_s, NULL},
		{"employee", CLI_OPT_STRING, &emp, NULL},
		{"team", CLI_OPT_STRING, &team, NULL},
		{"format", CLI_OPT_STRING, &fmt_s, NULL},
		{"detail", CLI_OPT_FLAG, NULL, &want_detail},
		{"as-of", CLI_OPT_STRING, &as_of, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_attendance_query q = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_attendance_report *r = NULL;
	struct rota_store *st = NULL;
	struct rota_tz *tz = NULL;
	struct rota_site site;
	struct rota_error err = {0};
	enum cli_format fmt;
	const char *pos[1];
	int rc;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if ((rc = cli_format_arg(ctx, fmt_s, &fmt)) != 0)
		return rc;
	if ((rc = att_period_args(ctx, from_s, to_s, &q.from, &q.to)) != 0)
		return rc;
	q.employee = emp;
	q.team = team;
	q.detail = want_detail;
	if ((rc = cli_open_store(ctx, ROTA_STORE_READONLY, &st)) != 0)
		return rc;
	if ((rc = att_site(ctx, st, &site, &tz)) != 0)
		goto out;
	if (att_as_of(ctx, tz, as_of, &q.now) < 0) {
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (rota_store_attendance(st, &q, &r, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rc = want_detail ? detail(ctx, r, tz, fmt) : summary(ctx, r, fmt);
out:
	rota_attendance_report_free(r);
	rota_tz_free(tz);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_attendance = {
	"attendance", "attendance summary per employee (HR)", usage, run};
