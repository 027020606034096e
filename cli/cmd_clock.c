/* rota clock - clock in or out.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota clock ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota clock: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_clock = {
	"clock", "clock in or out", usage, run};
