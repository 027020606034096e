/* rota publish - write iCalendar feeds per employee and team. */
#include <stdlib.h>
#include <string.h>

#include "calendar/calendar.h"
#include "cli/cli.h"
#include "store/store.h"

static const char usage[] =
	"usage: rota publish --week DATE --out DIR [--team T | --employee ID]\n"
	"                    [--alarm-min N] [--organizer EMAIL] "
	"[--refresh-min N]\n"
	"\n"
	"Publish the stored roster of the ISO week containing DATE as\n"
	"iCalendar feeds: DIR/<employee-id>.ics for each employee and\n"
	"DIR/team-<team>.ics for each team (every member's shifts, names in\n"
	"the summaries).  DIR is created when missing; files are replaced\n"
	"atomically, so a calendar subscribed to them never reads half a file;\n"
	"a file whose contents did not change is not touched.\n"
	"\n"
	"What was published is recorded in the database.  Publishing again\n"
	"keeps every shift's UID (site, employee, date), raises SEQUENCE only\n"
	"for shifts whose time, shift or skill changed, and keeps a shift\n"
	"removed since as STATUS:CANCELLED, so subscribed and imported\n"
	"calendars update in place.  A feed holds every week published so\n"
	"far.  See docs/calendar.md.\n"
	"\n"
	"  --team T         only T's members (their files and team-T.ics)\n"
	"  --employee ID    only ID (their file and their team's file)\n"
	"  --alarm-min N    a reminder N minutes before each shift (personal\n"
	"                   feeds only; 0-10080)\n"
	"  --organizer EMAIL  ORGANIZER of every event, named after the site\n"
	"  --refresh-min N  how often subscribers should reload (default 60)\n";

struct pub {
	struct cli_ctx *ctx;
	struct rota_store *st;
	struct rota_dataset ds;
	struct rota_tz *tz;
	const char *out_dir;
	const char *organizer;
	int alarm_min, refresh_min;
	unsigned char *selected;  /* per ds employee */
	int files_written, files_unchanged;
};

static void to_event(const struct rota_publication *p,
		     struct rota_cal_event *e)
{
	memset(e, 0, sizeof(*e));
	rota_strlcpy(e->uid, p->uid, sizeof(e->uid));
	rota_strlcpy(e->employee, p->employee, sizeof(e->employee));
	e->day = p->day;
	rota_strlcpy(e->shift, p->shift, sizeof(e->shift));
	rota_strlcpy(e->skill, p->skill, sizeof(e->skill));
	e->start = p->start;
	e->end = p->end;
	e->sequence = p->sequence;
	e->cancelled = p->cancelled;
	rota_strlcpy(e->hash, p->hash, sizeof(e->hash));
	e->stamp = p->published_at;
}

static void to_publication(const struct rota_cal_event *e,
			   struct rota_publication *p)
{
	memset(p, 0, sizeof(*p));
	rota_strlcpy(p->uid, e->uid, sizeof(p->uid));
	rota_strlcpy(p->employee, e->employee, sizeof(p->employee));
	p->day = e->day;
	rota_strlcpy(p->shift, e->shift, sizeof(p->shift));
	rota_strlcpy(p->skill, e->skill, sizeof(p->skill));
	p->start = e->start;
	p->end = e->end;
	p->sequence = e->sequence;
	p->cancelled = e->cancelled;
	rota_strlcpy(p->hash, e->hash, sizeof(p->hash));
	p->published_at = e->stamp;
}

static int is_selected(const struct pub *pb, const char *employee)
{
	int i = rota_dataset_employee(&pb->ds, employee);

	return i >= 0 && pb->selected[i];
}

/* Reconcile the week for the selected employees and store what changed. */
static int update_week(struct pub *pb, const struct rota_roster *r,
		       int whole_week, struct rota_cal_counts *counts,
		       struct rota_error *err)
{
	struct rota_assignment *as = NULL;
	struct rota_publication *rows = NULL, *changed = NULL;
	struct rota_cal_event *old = NULL, *now = NULL;
	size_t n_as = 0, n_rows = 0, n_old = 0, n_now = 0, n_changed = 0;
	int rc;

	if (r->n_assignments &&
	    !(as = malloc(r->n_assignments * sizeof(*as)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < r->n_assignments; i++)
		if (is_selected(pb, r->assignments[i].employee))
			as[n_as++] = r->assignments[i];
	if ((rc = rota_store_publication_list(pb->st, NULL, r->week,
					      r->week + 7, &rows, &n_rows,
					      err)) < 0)
		goto out;
	if (n_rows && !(old = malloc(n_rows * sizeof(*old)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n_rows; i++)
		if (is_selected(pb, rows[i].employee))
			to_event(&rows[i], &old[n_old++]);
	if ((rc = rota_cal_reconcile(pb->ds.site.name, as, n_as, old, n_old,
				     r->created_at, &now, &n_now, counts,
				     err)) < 0)
		goto out;
	if (n_now && !(changed = malloc(n_now * sizeof(*changed)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n_now; i++)
		if (now[i].changed)
			to_publication(&now[i], &changed[n_changed++]);
	if ((rc = rota_store_begin(pb->st, err)) < 0)
		goto out;
	if ((rc = rota_store_publication_put(pb->st, changed, n_changed,
					     err)) < 0 ||
	    (whole_week && (rc = rota_store_roster_set_status(
				    pb->st, r->week, "published", err)) < 0)) {
		rota_store_rollback(pb->st);
		goto out;
	}
	rc = rota_store_commit(pb->st, err);
out:
	free(as);
	free(rows);
	free(old);
	free(now);
	free(changed);
	return rc;
}

/* Render events (converted from rows[]) and write DIR/NAME. */
static int write_feed(struct pub *pb, const struct rota_cal_options *opt,
		      const char *file, const struct rota_cal_event *ev,
		      size_t n, struct rota_error *err)
{
	char *text = NULL;
	size_t len = 0;
	int rc, written = 0;

	if ((rc = rota_cal_render(&pb->ds, pb->tz, opt, ev, n, &text, &len,
				  err)) < 0)
		return rc;
	rc = rota_cal_write_file(pb->out_dir, file, text, len, &written, err);
	free(text);
	if (rc == 0 && written)
		pb->files_written++;
	else if (rc == 0)
		pb->files_unchanged++;
	return rc;
}

/*
 * Render every selected employee's feed and the feeds of their teams from
 * all publication rows.  Rows come sorted by employee id, as the dataset's
 * employees do, so each employee's events are one slice.
 */
static int write_feeds(struct pub *pb, int *n_people, int *n_teams,
		       struct rota_error *err)
{
	struct rota_publication *rows = NULL;
	struct rota_cal_event *all = NULL, *sel = NULL;
	size_t n_rows = 0, *lo = NULL, *hi = NULL, n_teams_ = 0, j = 0;
	const char **teams = NULL;
	char file[ROTA_ID_MAX + 16];
	const size_t n_emp = pb->ds.n_employees;
	int rc;

	if ((rc = rota_store_publication_list(
		     pb->st, NULL, rota_days_from_civil(1, 1, 1),
		     rota_days_from_civil(9999, 12, 31), &rows, &n_rows,
		     err)) < 0)
		return rc;
	if (!(all = malloc((n_rows + 1) * sizeof(*all))) ||
	    !(lo = calloc(n_emp + 1, sizeof(*lo))) ||
	    !(hi = calloc(n_emp + 1, sizeof(*hi))) ||
	    !(teams = calloc(n_emp + 1, sizeof(*teams)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 1; i < n_emp; i++)
		if (strcmp(pb->ds.employees[i - 1].id,
			   pb->ds.employees[i].id) >= 0) {
			rc = rota_error_set(err, ROTA_EINVAL, "employees are "
					    "not sorted by id");
			goto out;
		}
	for (size_t i = 0; i < n_rows; i++)
		to_event(&rows[i], &all[i]);
	free(rows);
	rows = NULL;
	for (size_t i = 0; i < n_emp; i++) {
		const char *id = pb->ds.employees[i].id;

		while (j < n_rows && strcmp(all[j].employee, id) < 0)
			j++;
		lo[i] = j;
		while (j < n_rows && strcmp(all[j].employee, id) == 0)
			j++;
		hi[i] = j;
	}
	for (size_t i = 0; i < n_emp; i++) {
		const struct rota_employee *e = &pb->ds.employees[i];
		struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
		size_t k;

		if (!pb->selected[i])
			continue;
		if (!rota_id_valid(e->id)) {
			fprintf(pb->ctx->err, "rota publish: skipping employee "
				"'%s': not usable as a file name\n", e->id);
			continue;
		}
		opt.kind = ROTA_CAL_EMPLOYEE;
		opt.subject = e->id;
		opt.alarm_min = pb->alarm_min;
		opt.refresh_min = pb->refresh_min;
		opt.organizer = pb->organizer;
		snprintf(file, sizeof(file), "%s.ics", e->id);
		if ((rc = write_feed(pb, &opt, file, all + lo[i], hi[i] - lo[i],
				     err)) < 0)
			goto out;
		(*n_people)++;
		if (!e->team[0])
			continue;
		for (k = 0; k < n_teams_ && strcmp(teams[k], e->team); k++)
			;
		if (k == n_teams_)
			teams[n_teams_++] = e->team;
	}
	if (n_teams_ && !(sel = malloc((n_rows + 1) * sizeof(*sel)))) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t t = 0; t < n_teams_; t++) {
		struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
		size_t n = 0;

		if (!rota_id_valid(teams[t])) {
			fprintf(pb->ctx->err, "rota publish: skipping team "
				"'%s': not usable as a file name\n", teams[t]);
			continue;
		}
		for (size_t i = 0; i < n_emp; i++)
			if (strcmp(pb->ds.employees[i].team, teams[t]) == 0) {
				memcpy(sel + n, all + lo[i],
				       (hi[i] - lo[i]) * sizeof(*sel));
				n += hi[i] - lo[i];
			}
		opt.kind = ROTA_CAL_TEAM;
		opt.subject = teams[t];
		opt.refresh_min = pb->refresh_min;
		opt.organizer = pb->organizer;
		snprintf(file, sizeof(file), "team-%s.ics", teams[t]);
		if ((rc = write_feed(pb, &opt, file, sel, n, err)) < 0)
			goto out;
		(*n_teams)++;
	}
out:
	free(rows);
	free(all);
	free(sel);
	free(lo);
	free(hi);
	free((void *)teams);
	return rc;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *week = NULL, *out = NULL, *team = NULL, *employee = NULL,
		   *alarm = NULL, *organizer = NULL, *refresh = NULL;
	const struct cli_option opts[] = {
		{"week", CLI_OPT_STRING, &week, NULL},
		{"out", CLI_OPT_STRING, &out, NULL},
		{"team", CLI_OPT_STRING, &team, NULL},
		{"employee", CLI_OPT_STRING, &employee, NULL},
		{"alarm-min", CLI_OPT_STRING, &alarm, NULL},
		{"organizer", CLI_OPT_STRING, &organizer, NULL},
		{"refresh-min", CLI_OPT_STRING, &refresh, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct pub pb;
	struct rota_roster *r = NULL;
	struct rota_error err = {0};
	struct rota_cal_counts counts = {0, 0, 0, 0};
	const char *pos[1];
	int32_t day;
	int rc, n_people = 0, n_teams = 0, any = 0;
	long v;
	char wk[16];

	memset(&pb, 0, sizeof(pb));
	pb.ctx = ctx;
	pb.alarm_min = -1;
	pb.refresh_min = 60;
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
	if (alarm) {
		if (cli_int_arg(ctx, "--alarm-min", alarm, 0, 10080, &v) < 0)
			return CLI_EXIT_USAGE;
		pb.alarm_min = (int)v;
	}
	if (refresh) {
		if (cli_int_arg(ctx, "--refresh-min", refresh, 1, 10080, &v) <
		    0)
			return CLI_EXIT_USAGE;
		pb.refresh_min = (int)v;
	}
	if (organizer && (!strchr(organizer, '@') || strchr(organizer, ' ')))
		return cli_usage_error(ctx, "--organizer: '%s' is not an "
				       "e-mail address", organizer);
	pb.organizer = organizer;
	pb.out_dir = out;

	if ((rc = cli_open_store(ctx, 0, &pb.st)) != 0)
		return rc;
	if (rota_store_load(pb.st, &pb.ds, &err) < 0 ||
	    !(pb.tz = rota_tz_load(pb.ds.site.timezone, &err))) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (!(pb.selected = calloc(pb.ds.n_employees + 1, 1))) {
		rota_error_set(&err, ROTA_ENOMEM, "out of memory");
		rc = cli_fail(ctx, &err);
		goto out;
	}
	for (size_t i = 0; i < pb.ds.n_employees; i++) {
		const struct rota_employee *e = &pb.ds.employees[i];

		pb.selected[i] = (!team || strcmp(e->team, team) == 0) &&
				 (!employee || strcmp(e->id, employee) == 0);
		any |= pb.selected[i];
	}
	if ((team || employee) && !any) {
		rc = cli_usage_error(ctx, "no %s '%s'",
				     team ? "team" : "employee",
				     team ? team : employee);
		goto out;
	}
	if (rota_store_roster_load(pb.st, rota_week_monday(day), &r, &err) <
	    0) {
		rc = cli_fail(ctx, &err);
		if (err.code == ROTA_ENOTFOUND)
			fprintf(ctx->err, "(solve it with 'rota schedule' or "
				"import a roster.csv first)\n");
		goto out;
	}
	if (update_week(&pb, r, !team && !employee, &counts, &err) < 0 ||
	    write_feeds(&pb, &n_people, &n_teams, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rota_format_date(r->week, wk, sizeof(wk));
	fprintf(ctx->out,
		"week of %s: %d new, %d changed, %d cancelled, %d unchanged "
		"events\n",
		wk, counts.added, counts.changed, counts.cancelled,
		counts.unchanged);
	fprintf(ctx->out,
		"%s: %d employee calendar%s, %d team calendar%s (%d written, "
		"%d already up to date)\n",
		out, n_people, n_people == 1 ? "" : "s", n_teams,
		n_teams == 1 ? "" : "s", pb.files_written, pb.files_unchanged);
	rc = CLI_EXIT_OK;
out:
	rota_roster_free(r);
	free(pb.selected);
	rota_tz_free(pb.tz);
	rota_dataset_release(&pb.ds);
	rota_store_close(pb.st);
	return rc;
}

const struct cli_command cli_cmd_publish = {
	"publish", "write iCalendar feeds per employee and team", usage, run};
