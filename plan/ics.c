/*
 * plan/ics.c - time off from an iCalendar file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plan/plan_int.h"

int rota_plan_path_is_ics(const char *path)
{
	size_t n = strlen(path);
	char head[64];
	size_t got, i = 0;
	FILE *f;

	if (n >= 4 && strcasecmp(path + n - 4, ".ics") == 0)
		return 1;
	if (!(f = fopen(path, "rb")))
		return 0;
	got = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[got] = '\0';
	if (got >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
	       head[i] == '\n')
		i++;
	return strncasecmp(head + i, "BEGIN:VCALENDAR", 15) == 0;
}

int rota_plan_import_timeoff_ics(struct rota_plan *pl, const char *path,
				 const char *employee,
				 struct rota_import_stats *stats,
				 size_t *n_periods, size_t *skipped,
				 struct rota_error *err)
{
	struct rota_timeoff *list = NULL;
	struct rota_import_stats st;
	size_t n = 0, skip = 0;
	int rc;

	memset(&st, 0, sizeof(st));
	if ((rc = rota_cal_read_timeoff(path, path, &pl->ds, pl->tz, employee,
					&list, &n, &skip, err)) < 0 ||
	    (rc = rota_store_timeoff_put(pl->st, list, n, &st, err)) < 0)
		goto out;
	if (stats)
		*stats = st;
	if (n_periods)
		*n_periods = n;
	if (skipped)
		*skipped = skip;
	rc = rota_plan_reload(pl, err);
out:
	free(list);
	return rc;
}
