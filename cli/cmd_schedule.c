/* rota schedule - solve and store the week's roster.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota schedule ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota schedule: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_schedule = {
	"schedule", "solve and store the week's roster", usage, run};
