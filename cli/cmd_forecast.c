/* rota forecast - list the contact forecast.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota forecast ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota forecast: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_forecast = {
	"forecast", "list the contact forecast", usage, run};
