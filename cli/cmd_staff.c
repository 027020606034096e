/* rota staff - list employees. */
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota staff [--team T] [--skill S] [--format table|csv|json]\n"
	"\n"
	"List employees with their team, contract and skills (a level after\n"
	"a colon where one was given).\n";

/* "voice:3;chat" from a skill mask and levels. */
static void skill_text(const struct rota_dataset *ds, uint64_t mask,
		       const uint8_t *level, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < ds->n_skills; k++) {
		int w;

		if (!(mask & (UINT64_C(1) << k)))
			continue;
		w = level && level[k]
			    ? snprintf(buf + len, size - len, "%s%s:%d",
				       len ? ";" : "", ds->skills[k].name,
				       level[k])
			    : snprintf(buf + len, size - len, "%s%s",
				       len ? ";" : "", ds->skills[k].name);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *team = NULL, *skill = NULL, *format = NULL;
	const struct cli_option opts[] = {
		{"team", CLI_OPT_STRING, &team, NULL},
		{"skill", CLI_OPT_STRING, &skill, NULL},
		{"format", CLI_OPT_STRING, &format, NULL},
		{NULL, 0, NULL, NULL},
	};
	static const char *const cols[] = {"id", "name", "email", "team",
					   "contract", "skills"};
	const char *pos[1];
	struct rota_store *st = NULL;
	struct rota_dataset ds = {0};
	struct rota_error err = {0};
	struct cli_table *t = NULL;
	enum cli_format fmt;
	int rc, k = -1;

	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if ((rc = cli_format_arg(ctx, format, &fmt)))
		return rc;
	if ((rc = cli_open_store(ctx, ROTA_STORE_READONLY, &st)))
		return rc;
	if (rota_store_load(st, &ds, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (skill && (k = rota_dataset_skill(&ds, skill)) < 0) {
		rc = cli_usage_error(ctx, "--skill: unknown skill '%s'", skill);
		goto out;
	}
	if (!(t = cli_table_new(cols, NULL, 6))) {
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	for (size_t i = 0; i < ds.n_employees; i++) {
		const struct rota_employee *e = &ds.employees[i];
		char skills[512];

		if (team && strcmp(e->team, team) != 0)
			continue;
		if (k >= 0 && !(e->skills & (UINT64_C(1) << k)))
			continue;
		skill_text(&ds, e->skills, e->level, skills, sizeof(skills));
		cli_table_cell(t, "%s", e->id);
		cli_table_cell(t, "%s", e->name);
		cli_table_cell(t, "%s", e->email);
		cli_table_cell(t, "%s", e->team);
		cli_table_cell(t, "%s", e->contract);
		cli_table_cell(t, "%s", skills);
		cli_table_end_row(t);
	}
	cli_table_print(t, fmt, ctx->out);
	rc = CLI_EXIT_OK;
out:
	cli_table_free(t);
	rota_dataset_release(&ds);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_staff = {"staff", "list employees", usage,
					  run};
