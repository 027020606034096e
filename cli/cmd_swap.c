/* rota swap - exchange two shifts, or give one away. */
#include <string.h>

#include "cli/att.h"
#include "cli/ops.h"

static const char usage[] =
	"usage: rota swap EMPLOYEE_A DATE_A EMPLOYEE_B [DATE_B]\n"
	"                 [--by NAME] [--reason TEXT] [--force]\n"
	"\n"
	"Exchange A's shift on DATE_A with B's shift on DATE_B (B's on\n"
	"DATE_A when DATE_B is left out); when B has no shift on DATE_A, A\n"
	"gives the shift to B.  The checker first judges the whole week of\n"
	"each day touched: a swap that makes A or B break a hard rule (skill,\n"
	"leave, rest, consecutive days, weekly maximum, ...) is refused with\n"
	"the checker's sentences (exit 1) and nothing changes.  Otherwise it\n"
	"is stored as a new roster version of kind 'swap' with --by and\n"
	"--reason.  Shifts that have started are never swapped; shifts\n"
	"inside the notice window (site.ini [operations] notice_hours) need\n"
	"--force.  A published week must be published again to update the\n"
	"two calendars.\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *by = NULL, *reason = NULL;
	int force = 0;
	const struct cli_option opts[] = {
		{"by", CLI_OPT_STRING, &by, NULL},
		{"reason", CLI_OPT_STRING, &reason, NULL},
		{"force", CLI_OPT_FLAG, NULL, &force},
		{NULL, 0, NULL, NULL},
	};
	struct rota_plan_swap_opts o = ROTA_PLAN_SWAP_OPTS_INIT;
	struct rota_plan_swap s;
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	const char *pos[4];
	int n, rc;

	memset(&s, 0, sizeof(s));
	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 4, &rc)) < 0)
		return rc;
	if (n < 3)
		return cli_usage_error(ctx, "expected EMPLOYEE_A DATE_A "
					    "EMPLOYEE_B [DATE_B]");
	o.a = pos[0];
	o.b = pos[2];
	if (att_date_arg(ctx, "DATE_A", pos[1], &o.day_a) < 0 ||
	    (n == 4 && att_date_arg(ctx, "DATE_B", pos[3], &o.day_b) < 0))
		return CLI_EXIT_USAGE;
	o.by = cli_by(by);
	o.reason = reason;
	o.force = force;
	if ((rc = cli_open_plan(ctx, 0, &pl)) != 0)
		return rc;
	if (rota_plan_swap(pl, &o, &s, &err) < 0) {
		rc = cli_fail(ctx, &err);
		for (size_t i = 0; i < s.broken.n; i++)
			fprintf(ctx->err, "  %s\n", s.broken.text[i]);
		goto out;
	}
	fprintf(ctx->out, "%s as version %d:\n",
		s.given ? "given away" : "swapped", s.version);
	for (int i = 0; i < s.n_changes; i++)
		ops_print_change(ctx, pl, &s.changes[i]);
	ops_print_notes(ctx, &s.notes);
	rc = CLI_EXIT_OK;
out:
	rota_plan_swap_release(&s);
	rota_plan_close(pl);
	return rc;
}

const struct cli_command cli_cmd_swap = {
	"swap", "exchange two shifts or give one away, rules checked", usage,
	run};
