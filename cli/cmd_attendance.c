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
	"  overtime_min,adherence,unscheduled_min,covered_min,conformance,\n"
	"  break_overrun_min,absent_excused_<type>...,bradford\n"
	"scheduled_min are the paid minutes (the unpaid break left out);\n"
	"adherence is covered_min / scheduled_min and conformance worked_min /\n"
	"scheduled_min, with 4 decimals (empty when nothing was scheduled);\n"
	"absent_excused_<type> counts the shifts with nothing punched that an\n"
	"absence or approved leave of that type excuses (one column per leave\n"
	"type); bradford is S x S x D over the site's window ending at --to.\n"
	"--detail gives one row per shift instead (and per unscheduled work\n"
	"period or stray punch) with its break, punches and flags (late early\n"
	"absent excused_<type> break_overrun missing_in missing_out\n"
	"in_progress unscheduled); times are local HH:MM, +1 meaning the next\n"
	"day.  docs/attendance.md defines every figure.\n"
	"--as-of TIME reports as if it were TIME (default: now, or $ROTA_NOW):\n"
	"shifts not ended by then are left out, and a clock-in less than 16 h\n"
	"old with no clock-out yet is in progress, not a missing punch.\n";

#define MAX_COLS (20 + ROTA_ATT_MAX_LEAVE)

static int summary(struct cli_ctx *ctx, const struct rota_attendance_report *r,
		   enum cli_format fmt)
{
	static const char *const fixed[] = {
		"employee", "name", "team", "shifts", "scheduled_min",
		"worked_min", "late_count", "late_min", "early_count",
		"early_min", "absences", "missing_punches", "overtime_min",
		"adherence", "unscheduled_min", "covered_min", "conformance",
		"break_overrun_min"};
	enum { N_FIXED = sizeof(fixed) / sizeof(fixed[0]) };
	char excused[ROTA_ATT_MAX_LEAVE][ROTA_ID_MAX + 16];
	const char *names[MAX_COLS];
	int types[MAX_COLS], n = 0;
	struct cli_table *t;

	for (int i = 0; i < N_FIXED; i++)
		names[n++] = fixed[i];
	for (int i = 0; i < r->n_leave; i++) {
		snprintf(excused[i], sizeof(excused[i]), "absent_excused_%s",
			 r->leave[i].name);
		names[n++] = excused[i];
	}
	names[n++] = "bradford";
	for (int i = 0; i < n; i++)
		types[i] = i < 3 ? CLI_COL_STR : CLI_COL_NUM;
	if (!(t = cli_table_new(names, types, n)))
		return CLI_EXIT_FAIL;
	for (size_t i = 0; i < r->n_people; i++) {
		const struct rota_attendance_person *p = &r->people[i];
		const struct rota_att_totals *s = &p->att.total;
		char adh[16], conf[16];

		att_adherence(s, adh, sizeof(adh));
		att_fraction(rota_att_conformance(s), conf, sizeof(conf));
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
		cli_table_cell(t, "%ld", s->covered_min);
		cli_table_cell(t, "%s", conf);
		cli_table_cell(t, "%ld", s->break_overrun_min);
		for (int k = 0; k < r->n_leave; k++)
			cli_table_cell(t, "%ld", s->excused[k]);
		cli_table_cell(t, "%ld", p->bradford.factor);
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
		"break_start", "break_end", "scheduled_min", "worked_min", "late_min",
		"early_min", "overtime_min", "covered_min", "break_overrun_min",
		"missing_punches", "flags", "punches"};
	static const int types[] = {
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
		CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
		CLI_COL_STR, CLI_COL_STR};
	struct cli_table *t;

	if (!(t = cli_table_new(names, types, 19)))
		return CLI_EXIT_FAIL;
	for (size_t i = 0; i < r->n_people; i++) {
		const struct rota_attendance_person *p = &r->people[i];

		for (size_t k = 0; k < p->att.n_rows; k++) {
			const struct rota_att_row *row = &p->att.rows[k];
			int32_t day = att_row_day(r, tz, row);
			char date[16], a[16], b[16], b0[16], b1[16], flags[160],
				punches[512];

			rota_format_date(day, date, sizeof(date));
			att_hhmm(tz, row->start, day, a, sizeof(a));
			att_hhmm(tz, row->end, day, b, sizeof(b));
			att_break(r, tz, row, day, b0, b1, sizeof(b0));
			att_flags(r, row, flags, sizeof(flags));
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
			cli_table_cell(t, "%s", b0);
			cli_table_cell(t, "%s", b1);
			cli_table_cell(t, "%d", row->scheduled_min);
			cli_table_cell(t, "%d", row->worked_min);
			cli_table_cell(t, "%d", row->late_min);
			cli_table_cell(t, "%d", row->early_min);
			cli_table_cell(t, "%d", row->overtime_min);
			cli_table_cell(t, "%d", row->covered_min);
			cli_table_cell(t, "%d", row->break_overrun_min);
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
	struct rota_attendance_report *r = NULL;
	struct att_report a;
	struct rota_error err = {0};
	int rc;

	if (att_report_open(ctx, argc, argv, 1, &a, &rc) < 0)
		goto out;
	if (rota_store_attendance(a.st, &a.q, &r, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rc = a.q.detail ? detail(ctx, r, a.tz, a.fmt) : summary(ctx, r, a.fmt);
out:
	rota_attendance_report_free(r);
	att_report_close(&a);
	return rc;
}

const struct cli_command cli_cmd_attendance = {
	"attendance", "attendance summary per employee (HR)", usage, run};
