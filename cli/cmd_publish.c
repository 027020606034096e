/* rota publish - write iCalendar feeds per employee and team.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota publish ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota publish: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_publish = {
	"publish", "write iCalendar feeds per employee and team", usage, run};
