/* rota erlang - one staffing calculation (Erlang C / Erlang A).  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota erlang ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota erlang: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_erlang = {
	"erlang", "one staffing calculation (Erlang C / Erlang A)", usage, run};
