/* rota erlang - one staffing calculation (Erlang C / Erlang A). */
#include <limits.h>
#include <math.h>
#include <stdio.h>

#include "cli/cli.h"
#include "solver/solver.h"

static const char usage[] =
	"usage: rota erlang --contacts N --interval-min M --aht-s S\n"
	"                   [--sl 0.8] [--answer-s 20] [--max-occupancy 1]\n"
	"                   [--shrinkage 0] [--concurrency 1] [--patience-s P]\n"
	"                   [--max-abandon F] [--asa-s T] [--agents N]\n"
	"                   [--format table|csv|json]\n"
	"\n"
	"Agents needed for N contacts offered in an interval of M minutes with\n"
	"an average handle time of S seconds: the smallest number that answers\n"
	"the fraction --sl of contacts within --answer-s seconds, keeps\n"
	"occupancy at or below --max-occupancy, the mean wait of answered\n"
	"contacts at or below --asa-s (when given) and abandonment at or below\n"
	"--max-abandon (when given).  Without --patience-s the queue is Erlang\n"
	"C (nobody hangs up); with a mean patience of P seconds it is Erlang A.\n"
	"--concurrency C: an agent handles C contacts at once (chat); S is then\n"
	"the handle time of one contact at that concurrency.  Scheduled agents\n"
	"= agents / (1 - shrinkage), rounded up.  --agents N evaluates N agents\n"
	"instead of searching.  docs/model.md explains the maths.\n"
	"\n"
	"Columns: model,traffic_erlangs,agents,scheduled_agents,service_level,\n"
	"asa_s,occupancy,abandon_rate,wait_probability\n"
	"\n"
	"Exit codes: 2 for invalid input, 1 when no staffing meets the targets\n"
	"(a 100% service level) or the answer is beyond the limits.\n";

struct num_opt {
	const char *name;   /* option, for messages */
	const char **text;  /* as given, NULL when absent */
	double *value;
};

/* What the command line asks for. */
struct erlang_args {
	struct rota_skill skill;
	struct rota_staffing_opts sopts;
	double contacts, aht;
	long interval;
	enum cli_format fmt;
};

/* The options into *in; 0, or -1 when the command ends here with exit
 * code *rc (after --help or a message). */
static int parse(struct cli_ctx *ctx, int argc, char **argv,
		 struct erlang_args *in, int *rc)
{
	const char *contacts = NULL, *interval = NULL, *aht = NULL, *sl = NULL,
		   *answer = NULL, *occ = NULL, *shrink = NULL, *conc = NULL,
		   *patience = NULL, *abandon = NULL, *asa = NULL,
		   *agents = NULL, *format = NULL;
	const struct cli_option opts[] = {
		{"contacts", CLI_OPT_STRING, &contacts, NULL},
		{"interval-min", CLI_OPT_STRING, &interval, NULL},
		{"aht-s", CLI_OPT_STRING, &aht, NULL},
		{"sl", CLI_OPT_STRING, &sl, NULL},
		{"answer-s", CLI_OPT_STRING, &answer, NULL},
		{"max-occupancy", CLI_OPT_STRING, &occ, NULL},
		{"shrinkage", CLI_OPT_STRING, &shrink, NULL},
		{"concurrency", CLI_OPT_STRING, &conc, NULL},
		{"patience-s", CLI_OPT_STRING, &patience, NULL},
		{"max-abandon", CLI_OPT_STRING, &abandon, NULL},
		{"asa-s", CLI_OPT_STRING, &asa, NULL},
		{"agents", CLI_OPT_STRING, &agents, NULL},
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	const struct num_opt nums[] = {
		{"--contacts", &contacts, &in->contacts},
		{"--aht-s", &aht, &in->aht},
		{"--sl", &sl, &in->skill.sl},
		{"--answer-s", &answer, &in->skill.answer_s},
		{"--max-occupancy", &occ, &in->skill.max_occupancy},
		{"--shrinkage", &shrink, &in->skill.shrinkage},
		{"--patience-s", &patience, &in->skill.patience_s},
		{"--max-abandon", &abandon, &in->skill.max_abandon},
		{"--asa-s", &asa, &in->skill.asa_s},
	};
	const char *pos[1];
	long v;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, rc) < 0)
		return -1;
	*rc = CLI_EXIT_USAGE;
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		if (*nums[i].text && cli_double_arg(ctx, nums[i].name,
						    *nums[i].text,
						    nums[i].value) < 0)
			return -1;
	if (!contacts || !interval || !aht) {
		cli_usage_error(ctx, "--contacts, --interval-min and --aht-s "
				     "are required");
		return -1;
	}
	if (cli_int_arg(ctx, "--interval-min", interval, 1, 1440,
			&in->interval) < 0)
		return -1;
	if (conc) {
		if (cli_int_arg(ctx, "--concurrency", conc, 1, 1000, &v) < 0)
			return -1;
		in->skill.concurrency = (int)v;
	}
	if (agents) {
		if (cli_int_arg(ctx, "--agents", agents, 1, INT_MAX / 1000,
				&v) < 0)
			return -1;
		in->sopts.agents = (int)v;
	}
	if ((*rc = cli_format_arg(ctx, format, &in->fmt)) != CLI_EXIT_OK)
		return -1;
	return 0;
}

/* The result as a one-row table. */
static int print_result(struct cli_ctx *ctx, enum cli_format fmt,
			const struct rota_staffing_result *res)
{
	static const char *const cols[] = {
		"model", "traffic_erlangs", "agents", "scheduled_agents",
		"service_level", "asa_s", "occupancy", "abandon_rate",
		"wait_probability"};
	static const int types[] = {CLI_COL_STR, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM,
				    CLI_COL_NUM, CLI_COL_NUM, CLI_COL_NUM};
	struct cli_table *t;

	if (!(t = cli_table_new(cols, types, 9))) {
		fprintf(ctx->err, "%s: out of memory\n", ctx->prog);
		return CLI_EXIT_FAIL;
	}
	cli_table_cell(t, "%s", rota_staffing_model_name(res->model));
	cli_table_cell(t, "%.12g", res->traffic);
	cli_table_cell(t, "%d", res->agents);
	cli_table_cell(t, "%d", res->scheduled_agents);
	cli_table_cell(t, "%#.12g", res->service_level);
	if (isinf(res->asa_s))
		cli_table_cell(t, "%s", "");   /* unstable: no finite mean */
	else
		cli_table_cell(t, "%.6f", res->asa_s);
	cli_table_cell(t, "%#.12g", res->occupancy);
	cli_table_cell(t, "%#.12g", res->abandon_rate);
	cli_table_cell(t, "%#.12g", res->wait_probability);
	cli_table_end_row(t);
	cli_table_print(t, fmt, ctx->out);
	cli_table_free(t);
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	struct erlang_args in = {.skill = ROTA_SKILL_INIT,
				 .sopts = ROTA_STAFFING_OPTS_INIT};
	struct rota_staffing_result res;
	struct rota_error err = {0};
	int rc;

	if (parse(ctx, argc, argv, &in, &rc) < 0)
		return rc;
	rc = rota_staffing_calc(&in.skill, in.contacts, in.aht,
				(int)in.interval, &in.sopts, &res, &err);
	if (rc == ROTA_EDATA)   /* every input came from the command line */
		return cli_usage_error(ctx, "%s", err.msg);
	if (rc < 0) {
		fprintf(ctx->err, "%s %s: %s\n", ctx->prog, ctx->cmd->name,
			err.msg);
		return CLI_EXIT_FAIL;
	}
	return print_result(ctx, in.fmt, &res);
}

const struct cli_command cli_cmd_erlang = {
	"erlang", "one staffing calculation (Erlang C / Erlang A)", usage, run};
