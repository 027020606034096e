/* rota publish - write iCalendar feeds per employee and team. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "plan/plan.h"

static const char usage[] =
	"usage: rota publish --week DATE --out DIR [--team T | --employee ID]\n"
	"                    [--alarm-min N|none] [--organizer EMAIL|none]\n"
	"                    [--refresh-min N] [--force]\n"
	"\n"
	"Publish the stored roster of the ISO week containing DATE as\n"
	"iCalendar feeds: DIR/<employee-id>.ics for each employee and\n"
	"DIR/team-<team>.ics for each team (every member's shifts, names in\n"
	"the summaries).  DIR is created when missing; files are replaced\n"
	"atomically, so a calendar subscribed to them never reads half a file;\n"
	"a file whose contents did not change is not touched.\n"
	"\n"
	"What was published is recorded in the database.  Publishing again\n"
	"keeps every shift's UID (a domain fixed at the first publication,\n"
	"employee, date: renaming the site keeps it), raises SEQUENCE for\n"
	"shifts whose time, shift, skill or text (names, site, organizer,\n"
	"alarm) changed, and keeps a shift removed since as\n"
	"STATUS:CANCELLED, so subscribed and imported calendars update in\n"
	"place.  A feed holds every week published so far.  See\n"
	"docs/calendar.md.\n"
	"\n"
	"A roster that breaks a hard rule (rota roster --check) is not\n"
	"published (exit 1) unless --force.  --alarm-min and --organizer are\n"
	"remembered: a later publish without them uses the same ones.\n"
	"\n"
	"  --team T         only T's members (their files and team-T.ics)\n"
	"  --employee ID    only ID (their file and their team's file)\n"
	"  --alarm-min N    a reminder N minutes before each shift (personal\n"
	"                   feeds only; 0-10080); none: no reminder\n"
	"  --organizer EMAIL  ORGANIZER of every event, named after the site;\n"
	"                   none: no organizer\n"
	"  --refresh-min N  how often subscribers should reload (default 60)\n"
	"  --force          publish a roster that breaks hard rules\n";

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *week = NULL, *out = NULL, *team = NULL, *employee = NULL,
		   *alarm = NULL, *organizer = NULL, *refresh = NULL;
	struct rota_plan_publish_opts po = ROTA_PLAN_PUBLISH_OPTS_INIT;
	const struct cli_option opts[] = {
		{"week", CLI_OPT_STRING, &week, NULL},
		{"out", CLI_OPT_STRING, &out, NULL},
		{"team", CLI_OPT_STRING, &team, NULL},
		{"employee", CLI_OPT_STRING, &employee, NULL},
		{"alarm-min", CLI_OPT_STRING, &alarm, NULL},
		{"organizer", CLI_OPT_STRING, &organizer, NULL},
		{"refresh-min", CLI_OPT_STRING, &refresh, NULL},
		{"force", CLI_OPT_FLAG, NULL, &po.force},
		{NULL, 0, NULL, NULL},
	};
	struct rota_plan_publish res;
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	const struct rota_cal_counts *c = &res.counts;
	const char *pos[1];
	int32_t day;
	int rc;
	long v;
	char wk[16];

	memset(&res, 0, sizeof(res));
	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, &rc) < 0)
		return rc;
	if (!week || !out)
		return cli_usage_error(ctx, "--week and --out are required");
	if (!*out)
		return cli_usage_error(ctx, "--out: empty directory name");
	if (team && employee)
		return cli_usage_error(ctx, "give --team or --employee, not "
				       "both");
	if (rota_parse_date(week, &day, &err) < 0)
		return cli_usage_error(ctx, "--week: %s", err.msg);
	if (alarm && strcmp(alarm, "none") == 0) {
		po.alarm_min = -1;
	} else if (alarm) {
		if (cli_int_arg(ctx, "--alarm-min", alarm, 0, 10080, &v) < 0)
			return CLI_EXIT_USAGE;
		po.alarm_min = (int)v;
	}
	if (refresh) {
		if (cli_int_arg(ctx, "--refresh-min", refresh, 1, 10080, &v) <
		    0)
			return CLI_EXIT_USAGE;
		po.refresh_min = (int)v;
	}
	if (organizer && strcmp(organizer, "none") == 0)
		organizer = "";
	else if (organizer &&
		 (!strchr(organizer, '@') || strchr(organizer, ' ')))
		return cli_usage_error(ctx, "--organizer: '%s' is not an "
				       "e-mail address", organizer);
	po.organizer = organizer;
	po.out_dir = out;
	po.team = team;
	po.employee = employee;
	if ((rc = cli_open_plan(ctx, 0, &pl)) != 0)
		return rc;
	if (rota_plan_publish(pl, rota_week_monday(day), &po, &res, &err) < 0) {
		rc = cli_fail(ctx, &err);
		if (strncmp(err.msg, "no roster", 9) == 0)
			fprintf(ctx->err, "(solve it with 'rota schedule' or "
				"import a roster.csv first)\n");
		goto out;
	}
	for (size_t i = 0; i < res.notes.n; i++)
		fprintf(ctx->err, "%s publish: %s\n", ctx->prog,
			res.notes.text[i]);
	rota_format_date(res.week, wk, sizeof(wk));
	fprintf(ctx->out,
		"week of %s: %d new, %d changed, %d cancelled, %d unchanged "
		"events\n",
		wk, c->added, c->changed, c->cancelled, c->unchanged);
	fprintf(ctx->out,
		"%s: %d employee calendar%s, %d team calendar%s (%d written, "
		"%d already up to date)\n",
		out, res.people, res.people == 1 ? "" : "s", res.teams,
		res.teams == 1 ? "" : "s", res.files_written,
		res.files_unchanged);
	if (res.alarm_min >= 0)
		fprintf(ctx->out, "reminder %d min before each shift",
			res.alarm_min);
	else
		fprintf(ctx->out, "no reminder");
	fprintf(ctx->out, ", organizer %s%s\n",
		res.organizer[0] ? res.organizer : "none",
		alarm && organizer ? "" : " (remembered: --alarm-min and "
					  "--organizer change them)");
	rc = CLI_EXIT_OK;
out:
	rota_plan_publish_release(&res);
	rota_plan_close(pl);
	return rc;
}

const struct cli_command cli_cmd_publish = {
	"publish", "write iCalendar feeds per employee and team", usage, run};
