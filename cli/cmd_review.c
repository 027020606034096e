/* rota review - one person's performance-review sheet.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota review ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota review: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_review = {
	"review", "one person's performance-review sheet", usage, run};
