/* cli/commands.c - the table of subcommands, built from CLI_COMMANDS. */
#include <string.h>

#include "cli/cli.h"

const struct cli_command *const cli_commands[] = {
#define CLI_X_ENTRY(name) &cli_cmd_##name,
	CLI_COMMANDS(CLI_X_ENTRY)
#undef CLI_X_ENTRY
	NULL,
};

const struct cli_command *cli_command_find(const char *name)
{
	for (int i = 0; cli_commands[i]; i++)
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	return NULL;
}
