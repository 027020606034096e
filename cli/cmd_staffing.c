/* rota staffing - required agents per interval and skill for a week.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota staffing ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota staffing: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_staffing = {
	"staffing", "required agents per interval and skill for a week", usage, run};
