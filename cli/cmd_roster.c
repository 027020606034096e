/* rota roster - show a roster (or --check it).  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota roster ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota roster: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_roster = {
	"roster", "show a roster (or --check it)", usage, run};
