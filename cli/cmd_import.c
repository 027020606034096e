/* rota import - load site data from CSV / INI files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/att.h"
#include "cli/cli.h"
#include "plan/plan.h"
#include "core/time.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota import DIR [--dry-run] [--encoding NAME] [roster options]\n"
	"       rota import KIND FILE [--dry-run] [--encoding NAME]\n"
	"       rota import roster FILE [--replace-week] [--force] [--by NAME]\n"
	"                          [--reason TEXT] [--dry-run]\n"
	"       rota import timeoff FILE.ics [--employee ID]\n"
	"\n"
	"Load site data.  KIND is one of: site (site.ini), contracts, staff,\n"
	"shifts, forecast, timeoff, roster, punches, kpis, holidays, overtime\n"
	"(CSV files with a header row; docs/formats.md lists every column).\n"
	"With a directory, every known file in it is imported in dependency\n"
	"order (site.ini, contracts.csv, staff.csv, shifts.csv, forecast.csv,\n"
	"timeoff.csv, roster.csv, punches.csv, kpis.csv, holidays.csv,\n"
	"overtime.csv), all in one transaction.\n"
	"\n"
	"Rows are matched by their id and added, updated or left unchanged;\n"
	"importing the same file twice changes nothing.  On any error nothing\n"
	"is written and the message names the file, line and column (exit 3).\n"
	"The database is created when the import brings a site.ini.\n"
	"\n"
	"An iCalendar file (.ics) given as timeoff becomes time-off periods,\n"
	"one per event, matched to an employee by ATTENDEE or ORGANIZER\n"
	"e-mail, or all for --employee ID (docs/calendar.md).\n"
	"\n"
	"A roster.csv becomes a new version of each week it holds (rota\n"
	"roster --history): only the employees with rows in the file change\n"
	"in that week (their days without a row become days off), everyone\n"
	"else keeps their shifts.  Past time is frozen (a shift that has\n"
	"started cannot be changed, removed or added) and, on a published\n"
	"week, the notice window too unless --force.  Every imported week is\n"
	"checked and its rule violations listed.\n"
	"\n"
	"  --dry-run       check everything, report the counts, write nothing\n"
	"  --encoding NAME the files are in NAME, not UTF-8 (gb18030 for a\n"
	"                  Chinese Windows Excel export; any iconv name)\n"
	"  --employee ID   (.ics time off) the employee the events belong to\n"
	"  --replace-week  (roster) the file's weeks replace the stored ones\n"
	"                  whole: employees without rows lose their shifts\n"
	"  --force         (roster) change shifts inside the notice window\n"
	"  --by NAME       (roster) who made the change (default $USER)\n"
	"  --reason TEXT   (roster) why, kept with the version\n";

static void report(struct cli_ctx *ctx, const char *label,
		   const struct rota_import_stats *s, int dry)
{
	fprintf(ctx->out, "%s: %d added, %d updated, %d unchanged", label,
		s->added, s->updated, s->unchanged);
	if (s->skipped)
		fprintf(ctx->out, ", %d duplicates skipped", s->skipped);
	if (s->removed)
		fprintf(ctx->out, ", %d removed", s->removed);
	fprintf(ctx->out, "%s\n", dry ? " (dry run: nothing written)" : "");
	if (s->extra_columns[0])
		fprintf(ctx->err, "%s: ignored extra columns: %s\n", label,
			s->extra_columns);
}

/* "site, contracts, ... or kpis" (files: "site.ini, contracts.csv, ...") */
static void kind_list(char *buf, size_t size, int files)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int k = 0; k < ROTA_IMPORT_KIND_COUNT && len < size; k++)
		len += (size_t)snprintf(
			buf + len, size - len, "%s%s",
			!k ? "" : files ? ", "
				: k == ROTA_IMPORT_KIND_COUNT - 1 ? " or " : ", ",
			files ? rota_import_kind_file(k)
			      : rota_import_kind_name(k));
}

static int is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Remove a database this command created but did not fill. */
static void remove_new_db(const char *path)
{
	char aux[1024];

	unlink(path);
	snprintf(aux, sizeof(aux), "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof(aux), "%s-shm", path);
	unlink(aux);
}

/*
 * Rosters are stored even when they break rules: check every imported week
 * (inside the import's transaction, so a dry run is checked too) and return
 * the listings as text to print after the counts; NULL when none.
 */
static char *check_rosters(struct cli_ctx *ctx, struct rota_store *st,
			   const int *todo, const char (*paths)[1024],
			   const struct rota_import_stats *stats, int ntodo)
{
	char *text = NULL;
	size_t len = 0;
	FILE *ms = NULL;

	struct rota_plan *pl = NULL;
	struct rota_error err = {0};

	for (int i = 0; i < ntodo; i++) {
		if (todo[i] != ROTA_IMPORT_ROSTER)
			continue;
		for (int w = 0; w < stats[i].n_weeks; w++) {
			char wk[16];
			int hard;

			if (!pl && rota_plan_attach(st, 0, &pl, &err) < 0) {
				cli_fail(ctx, &err);
				goto out;
			}
			if (!ms && !(ms = open_memstream(&text, &len)))
				goto out;
			rota_format_date(stats[i].weeks[w], wk, sizeof(wk));
			fprintf(ms, "\n%s: week of %s:\n", paths[i], wk);
			cli_check_week(ctx, pl, stats[i].weeks[w], ms,
				       CLI_FORMAT_TABLE, &hard);
		}
	}
out:
	rota_plan_close(pl);
	if (ms)
		fclose(ms);
	return text;
}

/* After time off was imported: leave over shifts still to come. */
static void report_leave(struct cli_ctx *ctx, struct rota_store *st)
{
	struct rota_plan_notes notes = {0};
	struct rota_plan *pl = NULL;
	struct rota_error err = {0};
	int64_t now;

	if (rota_plan_attach(st, 0, &pl, &err) < 0 ||
	    att_now(ctx, rota_plan_tz(pl), &now) < 0)
		goto out;
	rota_plan_set_now(pl, now);
	if (rota_plan_leave_overlaps(pl, &notes, &err) < 0) {
		cli_fail(ctx, &err);
		goto out;
	}
	if (notes.n)
		fprintf(ctx->out, "leave over rostered shifts:\n");
	for (size_t i = 0; i < notes.n; i++)
		fprintf(ctx->out, "  %s\n", notes.text[i]);
out:
	rota_plan_notes_release(&notes);
	rota_plan_close(pl);
}

/* roster.csv through the plan layer, inside the import's transaction. */
static int import_roster(struct cli_ctx *ctx, struct rota_store *st,
			 const char *path,
			 const struct rota_plan_import_opts *ro,
			 struct rota_import_stats *stats,
			 struct rota_error *err)
{
	struct rota_plan_notes notes = {0};
	struct rota_plan *pl = NULL;
	int64_t now;
	int rc;

	if ((rc = rota_plan_attach(st, 0, &pl, err)) < 0)
		return rc;
	if (att_now(ctx, rota_plan_tz(pl), &now) < 0) {
		rota_plan_close(pl);
		return rota_error_set(err, ROTA_EINVAL, "$ROTA_NOW is not a "
				      "time");
	}
	rota_plan_set_now(pl, now);
	rc = rota_plan_import_roster(pl, path, path, ro, stats, &notes, err);
	for (size_t i = 0; rc == 0 && i < notes.n; i++)
		fprintf(ctx->err, "%s: warning: %s\n", ctx->prog,
			notes.text[i]);
	rota_plan_notes_release(&notes);
	rota_plan_close(pl);
	return rc;
}

/* 'rota import timeoff FILE.ics [--employee ID]' */
static int import_ics(struct cli_ctx *ctx, const char *path,
		      const char *employee)
{
	struct rota_plan *pl = NULL;
	struct rota_import_stats stats;
	struct rota_error err = {0};
	size_t n = 0, skipped = 0;
	int rc;

	if ((rc = cli_open_plan(ctx, 0, &pl)) != 0)
		return rc;
	if (rota_plan_import_timeoff_ics(pl, path, employee, &stats, &n,
					 &skipped, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	fprintf(ctx->out,
		"%s: %zu time-off period%s (%d added, %d updated, "
		"%d unchanged)",
		path, n, n == 1 ? "" : "s", stats.added, stats.updated,
		stats.unchanged);
	if (skipped)
		fprintf(ctx->out, ", %zu event%s skipped (cancelled or "
			"without length)", skipped, skipped == 1 ? "" : "s");
	fputc('\n', ctx->out);
	rc = CLI_EXIT_OK;
out:
	rota_plan_close(pl);
	return rc;
}

/* Every known file in dir, in dependency order. */
static int collect_dir(struct cli_ctx *ctx, const char *dir, int *todo,
		       char (*paths)[1024], int *ntodo, int *creates)
{
	if (!is_dir(dir))
		return cli_usage_error(ctx, "'%s' is not a directory (for one "
				       "file, give its kind: rota import KIND "
				       "FILE)", dir);
	for (int k = 0; k < ROTA_IMPORT_KIND_COUNT; k++) {
		snprintf(paths[*ntodo], sizeof(paths[0]), "%s/%s", dir,
			 rota_import_kind_file(k));
		if (access(paths[*ntodo], F_OK) != 0)
			continue;
		todo[(*ntodo)++] = k;
		if (k == ROTA_IMPORT_SITE)
			*creates = 1;
	}
	if (*ntodo)
		return CLI_EXIT_OK;
	{
		char known[512];

		kind_list(known, sizeof(known), 1);
		fprintf(ctx->err, "rota: %s: no known files (expected some of "
			"%s)\n", dir, known);
	}
	return CLI_EXIT_DATA;
}

static int has_roster(const int *todo, int ntodo)
{
	for (int i = 0; i < ntodo; i++)
		if (todo[i] == ROTA_IMPORT_ROSTER)
			return 1;
	return 0;
}

/* Import the files in one transaction (rolled back for a dry run). */
static int import_files(struct cli_ctx *ctx, const int *todo,
			const char (*paths)[1024], int ntodo, int creates,
			int dry, const char *encoding,
			const struct rota_plan_import_opts *ro)
{
	struct rota_import_stats stats[ROTA_IMPORT_KIND_COUNT];
	struct rota_store *st = NULL;
	struct rota_error err = {0};
	int rc, existed;
	char *checks;

	existed = access(ctx->db_path, F_OK) == 0;
	if ((rc = cli_open_store(ctx, creates ? ROTA_STORE_CREATE : 0, &st)))
		return rc;
	if (rota_store_begin(st, &err) < 0)
		goto fail;
	for (int i = 0; i < ntodo; i++) {
		if ((todo[i] == ROTA_IMPORT_ROSTER
			     ? import_roster(ctx, st, paths[i], ro, &stats[i],
					     &err)
			     : rota_store_import_encoded(
				       st, todo[i], paths[i], paths[i],
				       encoding, &stats[i], &err)) < 0) {
			rota_store_rollback(st);
			goto fail;
		}
	}
	checks = check_rosters(ctx, st, todo, paths, stats, ntodo);
	if (dry) {
		rota_store_rollback(st);
	} else if (rota_store_commit(st, &err) < 0) {
		free(checks);
		goto fail;
	}
	for (int i = 0; i < ntodo; i++)
		report(ctx, paths[i], &stats[i], dry);
	if (checks)
		fputs(checks, ctx->out);
	free(checks);
	for (int i = 0; i < ntodo && !dry; i++)
		if (todo[i] == ROTA_IMPORT_TIMEOFF)
			report_leave(ctx, st);
	rota_store_close(st);
	if (dry && !existed)
		remove_new_db(ctx->db_path);
	return CLI_EXIT_OK;
fail:
	rc = cli_fail(ctx, &err);
	rota_store_close(st);
	if (!existed)
		remove_new_db(ctx->db_path);
	if (ntodo > 1)
		fprintf(ctx->err, "rota: nothing was imported\n");
	return rc;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	int dry = 0;
	const char *employee = NULL, *encoding = NULL, *by = NULL,
		   *reason = NULL;
	struct rota_plan_import_opts ro = ROTA_PLAN_IMPORT_OPTS_INIT;
	const struct cli_option opts[] = {
		{"dry-run", CLI_OPT_FLAG, NULL, &dry},
		{"employee", CLI_OPT_STRING, &employee, NULL},
		{"encoding", CLI_OPT_STRING, &encoding, NULL},
		{"replace-week", CLI_OPT_FLAG, NULL, &ro.replace_week},
		{"force", CLI_OPT_FLAG, NULL, &ro.force},
		{"by", CLI_OPT_STRING, &by, NULL},
		{"reason", CLI_OPT_STRING, &reason, NULL},
		{NULL, 0, NULL, NULL},
	};
	const char *pos[2];
	char paths[ROTA_IMPORT_KIND_COUNT][1024];
	int todo[ROTA_IMPORT_KIND_COUNT], ntodo = 0;
	int npos, rc, creates = 0;

	if ((npos = cli_parse_args(ctx, argc, argv, opts, pos, 2, &rc)) < 0)
		return rc;
	if (npos == 0)
		return cli_usage_error(ctx, "expected DIR or KIND FILE");
	if (npos == 1) {
		if ((rc = collect_dir(ctx, pos[0], todo, paths, &ntodo,
				      &creates)))
			return rc;
	} else {
		int k = rota_import_kind_find(pos[0]);

		if (k < 0) {
			char known[512];

			kind_list(known, sizeof(known), 0);
			return cli_usage_error(
				ctx, "'%s' is not a kind (expected %s)", pos[0],
				known);
		}
		if (access(pos[1], R_OK) != 0) {
			fprintf(ctx->err, "rota: %s: cannot read: %s\n", pos[1],
				strerror(errno));
			return CLI_EXIT_DATA;
		}
		if (k == ROTA_IMPORT_TIMEOFF && rota_plan_path_is_ics(pos[1])) {
			if (dry)
				return cli_usage_error(
					ctx, "--dry-run is not available for "
					     ".ics files");
			return import_ics(ctx, pos[1], employee);
		}
		todo[0] = k;
		rota_strlcpy(paths[0], pos[1], sizeof(paths[0]));
		ntodo = 1;
		creates = k == ROTA_IMPORT_SITE;
	}

	if (employee)
		return cli_usage_error(ctx, "--employee is only for 'rota import "
					    "timeoff FILE.ics'");
	if ((ro.replace_week || ro.force || by || reason) &&
	    !has_roster(todo, ntodo))
		return cli_usage_error(ctx, "--replace-week, --force, --by and "
					    "--reason are for a roster.csv");
	ro.by = cli_by(by);
	ro.reason = reason ? reason : "";
	ro.encoding = encoding;
	return import_files(ctx, todo, paths, ntodo, creates, dry, encoding,
			    &ro);
}

const struct cli_command cli_cmd_import = {
	"import", "import site data from CSV/INI files", usage, run};
