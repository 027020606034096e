/* rota payroll - minutes per employee and pay code, for payroll. */
#include <string.h>

#include "cli/att.h"

static const char usage[] =
	"usage: rota payroll --from DATE --to DATE [--employee ID] [--team T]\n"
	"                    [--as-of TIME] [--format csv|json|table]\n"
	"\n"
	"Paid time of the days from --from to --to, both included, per\n"
	"employee and pay code, one row each:\n"
	"  employee,name,team,code,minutes,hours,multiplier\n"
	"codes: regular; overtime (paid minutes past the site's daily or weekly\n"
	"threshold, or approved in overtime.csv); not_paid (clocked outside the\n"
	"schedule without approval: early arrival, staying late); the premiums\n"
	"night, weekend and holiday (one row per multiplier of holidays.csv),\n"
	"counted on top of paid minutes; leave_<type> for each paid leave type;\n"
	"unpaid_leave.  regular + overtime + not_paid are the worked minutes of\n"
	"'rota attendance'.  Rows with 0 minutes are left out (regular is\n"
	"always there).  site.ini [payroll] sets the thresholds, the night\n"
	"window and the weekend; docs/attendance.md shows a worked week.\n";

static void row(struct cli_table *t, const struct rota_payroll_person *p,
		const char *code, long minutes, double mult, int always)
{
	if (!minutes && !always)
		return;
	cli_table_cell(t, "%s", p->id);
	cli_table_cell(t, "%s", p->name);
	cli_table_cell(t, "%s", p->team);
	cli_table_cell(t, "%s", code);
	cli_table_cell(t, "%ld", minutes);
	cli_table_cell(t, "%.2f", (double)minutes / 60.0);
	if (mult > 0)
		cli_table_cell(t, "%g", mult);
	else
		cli_table_cell(t, "%s", "");
	cli_table_end_row(t);
}

/* A person's rows: the fixed codes, a row per holiday rate, per paid
 * leave type, and unpaid leave summed. */
static void person_rows(struct cli_table *t, const struct rota_payroll *pr,
			const struct rota_payroll_person *p)
{
	const struct rota_pay *y = &p->pay;
	long unpaid = 0;

	row(t, p, "regular", y->regular, 0, 1);
	row(t, p, "overtime", y->overtime, 0, 0);
	row(t, p, "not_paid", y->not_paid, 0, 0);
	row(t, p, "night", y->night, 0, 0);
	row(t, p, "weekend", y->weekend, 0, 0);
	for (int k = 0; k < y->n_rates; k++)
		row(t, p, "holiday", y->holiday[k], y->rate[k], 0);
	for (int k = 0; k < pr->n_leave; k++) {
		char code[ROTA_ID_MAX + 8];

		if (!pr->leave[k].paid) {
			unpaid += y->leave[k];
			continue;
		}
		snprintf(code, sizeof(code), "leave_%s", pr->leave[k].name);
		row(t, p, code, y->leave[k], 0, 0);
	}
	row(t, p, "unpaid_leave", unpaid, 0, 0);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char *const names[] = {"employee", "name", "team", "code",
					    "minutes", "hours", "multiplier"};
	static const int types[] = {CLI_COL_STR, CLI_COL_STR, CLI_COL_STR,
				    CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_NUM};
	struct rota_payroll *pr = NULL;
	struct att_report a;
	struct rota_error err = {0};
	struct cli_table *t = NULL;
	int rc;

	if (att_report_open(ctx, argc, argv, 0, &a, &rc) < 0)
		goto out;
	if (rota_store_payroll(a.st, &a.q, &pr, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rc = CLI_EXIT_FAIL;
	if (!(t = cli_table_new(names, types, 7)))
		goto out;
	for (size_t i = 0; i < pr->n_people; i++)
		person_rows(t, pr, &pr->people[i]);
	cli_table_print(t, a.fmt, ctx->out);
	rc = CLI_EXIT_OK;
out:
	cli_table_free(t);
	rota_payroll_free(pr);
	att_report_close(&a);
	return rc;
}

const struct cli_command cli_cmd_payroll = {
	"payroll", "minutes per employee and pay code (payroll export)", usage,
	run};
