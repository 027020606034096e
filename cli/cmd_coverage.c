/* rota coverage - required vs scheduled agents per interval and skill.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota coverage ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota coverage: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_coverage = {
	"coverage", "required vs scheduled agents per interval and skill", usage, run};
