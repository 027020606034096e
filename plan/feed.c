/*
 * plan/feed.c - a subscribed calendar feed: the published events of one
 * employee or one team in a window of weeks around now.
 */
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"

int rota_plan_feed(struct rota_plan *pl, const struct rota_plan_feed_opts *opt,
		   struct rota_plan_feed *out, struct rota_error *err)
{
	struct rota_publication *rows = NULL;
	struct rota_cal_event *ev = NULL;
	struct rota_cal_options co = ROTA_CAL_OPTIONS_INIT;
	struct rota_plan_feed res;
	size_t n_rows = 0, n = 0;
	unsigned char *member = NULL;
	int32_t monday = rota_plan_this_monday(pl), from, to;
	char organizer[ROTA_SETTING_MAX];
	int rc, any = 0;

	memset(&res, 0, sizeof(res));
	if (!opt->employee == !opt->team)
		return rota_error_set(err, ROTA_EINVAL,
				      "a feed is an employee's or a team's");
	if (opt->weeks_back < 0 || opt->weeks_back > 520 ||
	    opt->weeks_ahead < 0 || opt->weeks_ahead > 520)
		return rota_error_set(err, ROTA_EINVAL,
				      "a feed window is 0 to 520 weeks");
	from = monday - 7 * opt->weeks_back;
	to = monday + 7 * (opt->weeks_ahead + 1);
	if (!(member = calloc(pl->ds.n_employees + 1, 1)))
		return rota_plan_oom(err);
	for (size_t i = 0; i < pl->ds.n_employees; i++) {
		const struct rota_employee *e = &pl->ds.employees[i];

		member[i] = opt->employee ? strcmp(e->id, opt->employee) == 0
					  : strcmp(e->team, opt->team) == 0;
		any |= member[i];
	}
	if (!any) {
		rc = rota_error_set(err, ROTA_ENOTFOUND, "no %s '%s'",
				    opt->employee ? "employee" : "team",
				    opt->employee ? opt->employee : opt->team);
		goto out;
	}
	/* member by member: each is one indexed read */
	for (size_t m = 0; m < pl->ds.n_employees; m++) {
		struct rota_cal_event *grown;

		if (!member[m])
			continue;
		free(rows);
		rows = NULL;
		if ((rc = rota_store_publication_list(
			     pl->st, pl->ds.employees[m].id, from, to, &rows,
			     &n_rows, err)) < 0)
			goto out;
		if (!(grown = realloc(ev, (n + n_rows + 1) * sizeof(*ev)))) {
			rc = rota_plan_oom(err);
			goto out;
		}
		ev = grown;
		for (size_t i = 0; i < n_rows; i++) {
			rota_plan_pub_to_event(&rows[i], &ev[n++]);
			if (rows[i].published_at > res.last_modified)
				res.last_modified = rows[i].published_at;
		}
	}
	if (!ev && !(ev = malloc(sizeof(*ev)))) {
		rc = rota_plan_oom(err);
		goto out;
	}
	co.kind = opt->employee ? ROTA_CAL_EMPLOYEE : ROTA_CAL_TEAM;
	co.subject = opt->employee ? opt->employee : opt->team;
	co.alarm_min = opt->alarm_min;
	co.refresh_min = opt->refresh_min;
	co.organizer = opt->organizer;
	if (opt->alarm_min == ROTA_PLAN_REMEMBERED || !opt->organizer) {
		int alarm;

		if ((rc = rota_plan_remembered(pl, &alarm, organizer,
					       err)) < 0)
			goto out;
		if (opt->alarm_min == ROTA_PLAN_REMEMBERED)
			co.alarm_min = alarm;
		if (!opt->organizer)
			co.organizer = organizer[0] ? organizer : NULL;
	}
	if (!opt->employee)     /* team feeds have no alarms, as published */
		co.alarm_min = -1;
	if ((rc = rota_cal_render(&pl->ds, pl->tz, &co, ev, n, &res.text,
				  &res.len, err)) < 0)
		goto out;
	res.n_events = n;
	*out = res;
out:
	free(member);
	free(rows);
	free(ev);
	return rc;
}

void rota_plan_feed_release(struct rota_plan_feed *f)
{
	if (!f)
		return;
	free(f->text);
	memset(f, 0, sizeof(*f));
}
