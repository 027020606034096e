/* rota import - import site data from CSV/INI files.  NOT IMPLEMENTED YET: placeholder. */
#include "cli/cli.h"

static const char usage[] = "usage: rota import ...\n(not implemented yet)\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->err, "rota import: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const struct cli_command cli_cmd_import = {
	"import", "import site data from CSV/INI files", usage, run};
