/* rota punches - list clock records.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota punches ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota punches: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_punches = {
	"punches", "list clock records", usage, run};
