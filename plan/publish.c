/*
 * plan/publish.c - a week's roster as iCalendar feeds, reconciled with
 * what was published before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

struct pub {
	struct rota_plan *pl;
	struct rota_plan_publish_opts opt;  /* remembered values resolved */
	struct rota_plan_publish *out;
	unsigned char *selected;  /* per dataset employee */
	char domain[ROTA_SETTING_MAX];      /* of every UID */
	int new_domain;                     /* store it */
};

#define KEY_ALARM "publish.alarm_min"
#define KEY_ORGANIZER "publish.organizer"
#define KEY_DOMAIN "calendar.uid_domain"

/* A setting into buf; 0 found, 1 not set, < 0 an error. */
static int setting(struct rota_plan *pl, const char *key, char *buf,
		   size_t size, struct rota_error *err)
{
	struct rota_error e2 = {0};
	int rc = rota_store_setting_get(pl->st, key, buf, size, &e2);

	if (rc == ROTA_ENOTFOUND) {
		buf[0] = '\0';
		return 1;
	}
	if (rc < 0 && err)
		*err = e2;
	return rc;
}

int rota_plan_remembered(struct rota_plan *pl, int *alarm_min,
			 char organizer[ROTA_SETTING_MAX],
			 struct rota_error *err)
{
	char buf[ROTA_SETTING_MAX], *end;
	long v;
	int rc;

	if ((rc = setting(pl, KEY_ALARM, buf, sizeof(buf), err)) < 0)
		return rc;
	v = rc == 0 ? strtol(buf, &end, 10) : -1;
	*alarm_min = rc == 0 && *end == '\0' && end != buf && v >= 0 &&
				     v <= 10080
			     ? (int)v
			     : -1;
	rc = setting(pl, KEY_ORGANIZER, organizer, ROTA_SETTING_MAX, err);
	return rc < 0 ? rc : 0;
}

/* The alarm and organizer: given ones, else the remembered ones. */
static int resolve_options(struct pub *pb, struct rota_error *err)
{
	struct rota_plan_publish *out = pb->out;
	char buf[ROTA_SETTING_MAX], *end;
	int rc;

	if (pb->opt.alarm_min == ROTA_PLAN_REMEMBERED) {
		long v;

		if ((rc = setting(pb->pl, KEY_ALARM, buf, sizeof(buf), err)) <
		    0)
			return rc;
		v = rc == 0 ? strtol(buf, &end, 10) : -1;
		pb->opt.alarm_min = rc == 0 && *end == '\0' && end != buf &&
					    v >= 0 && v <= 10080
				    ? (int)v
				    : -1;
	}
	if (!pb->opt.organizer) {
		if ((rc = setting(pb->pl, KEY_ORGANIZER, out->organizer,
				  sizeof(out->organizer), err)) < 0)
			return rc;
	} else {
		rota_strlcpy(out->organizer, pb->opt.organizer,
			     sizeof(out->organizer));
	}
	pb->opt.organizer = out->organizer[0] ? out->organizer : NULL;
	out->alarm_min = pb->opt.alarm_min;
	return 0;
}

/*
 * The UID domain: the one stored at the first publication; for a
 * database published before it was stored, the domain of its latest
 * publication (so its UIDs stay); else made from the site's name.
 */
static int resolve_domain(struct pub *pb, struct rota_error *err)
{
	struct rota_publication *rows = NULL;
	const struct rota_publication *latest = NULL;
	size_t n = 0;
	int rc;

	if ((rc = setting(pb->pl, KEY_DOMAIN, pb->domain, sizeof(pb->domain),
			  err)) <= 0)
		return rc;
	pb->new_domain = 1;
	if ((rc = rota_store_publication_list(
		     pb->pl->st, NULL, rota_days_from_civil(1, 1, 1),
		     rota_days_from_civil(9999, 12, 31), &rows, &n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (strchr(rows[i].uid, '@') &&
		    (!latest || rows[i].published_at > latest->published_at))
			latest = &rows[i];
	if (latest)
		rota_strlcpy(pb->domain, strchr(latest->uid, '@') + 1,
			     sizeof(pb->domain));
	else
		rc = rota_cal_uid_domain(pb->pl->ds.site.name, pb->domain,
					 sizeof(pb->domain), err);
	free(rows);
	return rc;
}

/* What to remember, in the publication's transaction. */
static int remember(struct pub *pb, struct rota_error *err)
{
	char alarm[16];
	int rc;

	if (pb->opt.alarm_min >= 0)
		snprintf(alarm, sizeof(alarm), "%d", pb->opt.alarm_min);
	else
		snprintf(alarm, sizeof(alarm), "none");
	if ((rc = rota_store_setting_put(pb->pl->st, KEY_ALARM, alarm, err)) <
		    0 ||
	    (rc = rota_store_setting_put(pb->pl->st, KEY_ORGANIZER,
					 pb->opt.organizer, err)) < 0)
		return rc;
	if (pb->new_domain)
		rc = rota_store_setting_put(pb->pl->st, KEY_DOMAIN, pb->domain,
					    err);
	return rc;
}

static int by_uid(const void *a, const void *b)
{
	return strcmp(((const struct rota_publication *)a)->uid,
		      ((const struct rota_publication *)b)->uid);
}

static int64_t next_stamp(int64_t now, int64_t prev)
{
	return now > prev ? now : prev + 1;
}

/*
 * Reconcile versions time, shift, skill and status; here the rest of what
 * a feed says is compared too (rota_cal_text_hash): an event whose text
 * changed gets SEQUENCE + 1, and every event stored gets "TIME:TEXT" as
 * its hash.  rows (stored, sorted by UID here) may hold hashes without a
 * text part (older databases): those are stored anew without a bump.
 */
static void version_text(struct pub *pb, struct rota_publication *rows,
			 size_t n_rows, struct rota_cal_event *ev, size_t n,
			 int64_t now, char (*text)[ROTA_CAL_HASH_MAX],
			 struct rota_cal_counts *counts)
{
	struct rota_cal_options co = ROTA_CAL_OPTIONS_INIT;

	co.alarm_min = pb->opt.alarm_min;
	co.organizer = pb->opt.organizer;
	co.refresh_min = pb->opt.refresh_min;
	co.subject = "";
	if (n_rows)
		qsort(rows, n_rows, sizeof(*rows), by_uid);
	for (size_t i = 0; i < n; i++) {
		struct rota_publication key, *row = NULL;
		const char *stored;

		rota_cal_text_hash(&pb->pl->ds, pb->pl->tz, &co, &ev[i],
				   text[i]);
		if (ev[i].changed || ev[i].cancelled)
			continue;
		rota_strlcpy(key.uid, ev[i].uid, sizeof(key.uid));
		if (n_rows)
			row = bsearch(&key, rows, n_rows, sizeof(*rows),
				      by_uid);
		stored = row ? strchr(row->hash, ':') : NULL;
		if (!row || (stored && strcmp(stored + 1, text[i]) == 0))
			continue;
		ev[i].changed = 1;
		if (!stored)
			continue;
		ev[i].sequence++;
		ev[i].stamp = next_stamp(now, ev[i].stamp);
		counts->unchanged--;
		counts->changed++;
	}
}

void rota_plan_pub_to_event(const struct rota_publication *p,
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
	int i = rota_dataset_employee(&pb->pl->ds, employee);

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
	char (*text)[ROTA_CAL_HASH_MAX] = NULL;
	size_t n_as = 0, n_rows = 0, n_old = 0, n_now = 0, n_changed = 0;
	int rc;

	if (r->n_assignments &&
	    !(as = malloc(r->n_assignments * sizeof(*as)))) {
		rc = rota_plan_oom(err);
		goto out;
	}
	for (size_t i = 0; i < r->n_assignments; i++)
		if (is_selected(pb, r->assignments[i].employee))
			as[n_as++] = r->assignments[i];
	if ((rc = rota_store_publication_list(pb->pl->st, NULL, r->week,
					      r->week + 7, &rows, &n_rows,
					      err)) < 0)
		goto out;
	if (n_rows && !(old = malloc(n_rows * sizeof(*old)))) {
		rc = rota_plan_oom(err);
		goto out;
	}
	for (size_t i = 0; i < n_rows; i++)
		if (is_selected(pb, rows[i].employee))
			rota_plan_pub_to_event(&rows[i], &old[n_old++]);
	if ((rc = rota_cal_reconcile(pb->domain, as, n_as, old, n_old,
				     r->created_at, &now, &n_now, counts,
				     err)) < 0)
		goto out;
	if (n_now && (!(changed = malloc(n_now * sizeof(*changed))) ||
		      !(text = malloc(n_now * sizeof(*text))))) {
		rc = rota_plan_oom(err);
		goto out;
	}
	version_text(pb, rows, n_rows, now, n_now, r->created_at, text,
		     counts);
	for (size_t i = 0; i < n_now; i++) {
		struct rota_publication *p;

		if (!now[i].changed)
			continue;
		p = &changed[n_changed++];
		to_publication(&now[i], p);
		snprintf(p->hash, sizeof(p->hash), "%s:%s", now[i].hash,
			 text[i]);
	}
	if ((rc = rota_store_begin(pb->pl->st, err)) < 0)
		goto out;
	if ((rc = rota_store_publication_put(pb->pl->st, changed, n_changed,
					     err)) < 0 ||
	    (rc = remember(pb, err)) < 0 ||
	    (whole_week && (rc = rota_store_roster_set_status(
				    pb->pl->st, r->week, "published", err)) < 0)) {
		rota_store_rollback(pb->pl->st);
		goto out;
	}
	rc = rota_store_commit(pb->pl->st, err);
out:
	free(as);
	free(rows);
	free(old);
	free(now);
	free(changed);
	free(text);
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

	if ((rc = rota_cal_render(&pb->pl->ds, pb->pl->tz, opt, ev, n, &text, &len,
				  err)) < 0)
		return rc;
	rc = rota_cal_write_file(pb->opt.out_dir, file, text, len, &written,
				 err);
	free(text);
	if (rc == 0 && written)
		pb->out->files_written++;
	else if (rc == 0)
		pb->out->files_unchanged++;
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
	const size_t n_emp = pb->pl->ds.n_employees;
	int rc;

	if ((rc = rota_store_publication_list(
		     pb->pl->st, NULL, rota_days_from_civil(1, 1, 1),
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
		if (strcmp(pb->pl->ds.employees[i - 1].id,
			   pb->pl->ds.employees[i].id) >= 0) {
			rc = rota_error_set(err, ROTA_EINVAL, "employees are "
					    "not sorted by id");
			goto out;
		}
	for (size_t i = 0; i < n_rows; i++)
		rota_plan_pub_to_event(&rows[i], &all[i]);
	free(rows);
	rows = NULL;
	for (size_t i = 0; i < n_emp; i++) {
		const char *id = pb->pl->ds.employees[i].id;

		while (j < n_rows && strcmp(all[j].employee, id) < 0)
			j++;
		lo[i] = j;
		while (j < n_rows && strcmp(all[j].employee, id) == 0)
			j++;
		hi[i] = j;
	}
	for (size_t i = 0; i < n_emp; i++) {
		const struct rota_employee *e = &pb->pl->ds.employees[i];
		struct rota_cal_options opt = ROTA_CAL_OPTIONS_INIT;
		size_t k;

		if (!pb->selected[i])
			continue;
		if (!rota_id_valid(e->id)) {
			rota_plan_note(&pb->out->notes,
				       "skipping employee '%s': not usable as "
				       "a file name", e->id);
			continue;
		}
		opt.kind = ROTA_CAL_EMPLOYEE;
		opt.subject = e->id;
		opt.alarm_min = pb->opt.alarm_min;
		opt.refresh_min = pb->opt.refresh_min;
		opt.organizer = pb->opt.organizer;
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
			rota_plan_note(&pb->out->notes,
				       "skipping team '%s': not usable as a "
				       "file name", teams[t]);
			continue;
		}
		for (size_t i = 0; i < n_emp; i++)
			if (strcmp(pb->pl->ds.employees[i].team, teams[t]) == 0) {
				memcpy(sel + n, all + lo[i],
				       (hi[i] - lo[i]) * sizeof(*sel));
				n += hi[i] - lo[i];
			}
		opt.kind = ROTA_CAL_TEAM;
		opt.subject = teams[t];
		opt.refresh_min = pb->opt.refresh_min;
		opt.organizer = pb->opt.organizer;
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

/* The checker's verdict: a roster breaking hard rules needs force. */
static int vouch(const struct rota_plan_week *w, int force,
		 struct rota_plan_notes *notes, struct rota_error *err)
{
	int n = w->report->hard_broken;
	char wk[16];

	if (!n)
		return 0;
	rota_format_date(w->monday, wk, sizeof(wk));
	if (!force)
		return rota_error_set(err, ROTA_ECONFLICT,
				      "the roster of the week of %s breaks %d "
				      "hard rule%s (rota roster --check lists "
				      "them): not published (--force "
				      "publishes it anyway)",
				      wk, n, n == 1 ? "" : "s");
	rota_plan_note(notes, "published the week of %s although its roster "
		       "breaks %d hard rule%s (--force)", wk, n,
		       n == 1 ? "" : "s");
	return 0;
}

int rota_plan_publish(struct rota_plan *pl, int32_t monday,
		      const struct rota_plan_publish_opts *opt,
		      struct rota_plan_publish *out, struct rota_error *err)
{
	struct rota_plan_publish res;
	struct rota_plan_week w;
	struct pub pb;
	int rc, any = 0;

	memset(&res, 0, sizeof(res));
	memset(&w, 0, sizeof(w));
	memset(&pb, 0, sizeof(pb));
	pb.pl = pl;
	pb.opt = *opt;
	pb.out = &res;
	if (!opt->out_dir || !*opt->out_dir)
		return rota_error_set(err, ROTA_EINVAL,
				      "no directory to publish to");
	if (!(pb.selected = calloc(pl->ds.n_employees + 1, 1)))
		return rota_plan_oom(err);
	for (size_t i = 0; i < pl->ds.n_employees; i++) {
		const struct rota_employee *e = &pl->ds.employees[i];

		pb.selected[i] =
			(!opt->team || strcmp(e->team, opt->team) == 0) &&
			(!opt->employee || strcmp(e->id, opt->employee) == 0);
		any |= pb.selected[i];
	}
	if ((opt->team || opt->employee) && !any) {
		rc = rota_error_set(err, ROTA_ENOTFOUND, "unknown %s '%s'",
				    opt->team ? "team" : "employee",
				    opt->team ? opt->team : opt->employee);
		goto out;
	}
	if ((rc = rota_plan_week_load(pl, monday, 1, &w, err)) < 0 ||
	    (rc = vouch(&w, opt->force, &res.notes, err)) < 0 ||
	    (rc = resolve_options(&pb, err)) < 0 ||
	    (rc = resolve_domain(&pb, err)) < 0 ||
	    (rc = update_week(&pb, w.roster, !opt->team && !opt->employee,
			      &res.counts, err)) < 0 ||
	    (rc = write_feeds(&pb, &res.people, &res.teams, err)) < 0)
		goto out;
	res.week = w.roster->week;
	*out = res;
	memset(&res, 0, sizeof(res));
out:
	rota_plan_notes_release(&res.notes);
	rota_plan_week_release(&w);
	free(pb.selected);
	return rc;
}

void rota_plan_publish_release(struct rota_plan_publish *p)
{
	if (!p)
		return;
	rota_plan_notes_release(&p->notes);
	memset(p, 0, sizeof(*p));
}
