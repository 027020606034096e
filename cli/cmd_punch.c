/* rota punch - correct clock records (add, void, correct).  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota punch ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota punch: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_punch = {
	"punch", "correct clock records (add, void, correct)", usage, run};
