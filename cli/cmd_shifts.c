/* rota shifts - list shift templates.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota shifts ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota shifts: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_shifts = {
	"shifts", "list shift templates", usage, run};
