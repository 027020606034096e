/* cli/ics_import.c - time off from an .ics file (see cli/ics_import.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar/calendar.h"
#include "cli/ics_import.h"
#include "store/store.h"

int cli_path_is_ics(const char *path)
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

int cli_import_timeoff_ics(struct cli_ctx *ctx, const char *path,
			   const char *employee)
{
	struct rota_store *st = NULL;
	struct rota_dataset ds;
	struct rota_tz *tz = NULL;
	struct rota_timeoff *list = NULL;
	struct rota_import_stats stats;
	struct rota_error err = {0};
	size_t n = 0, skipped = 0;
	int rc;

	memset(&ds, 0, sizeof(ds));
	memset(&stats, 0, sizeof(stats));
	if ((rc = cli_open_store(ctx, 0, &st)) != 0)
		return rc;
	if (rota_store_load(st, &ds, &err) < 0 ||
	    !(tz = rota_tz_load(ds.site.timezone, &err)) ||
	    rota_cal_read_timeoff(path, path, &ds, tz, employee, &list, &n,
				  &skipped, &err) < 0 ||
	    rota_store_timeoff_put(st, list, n, &stats, &err) < 0) {
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
	free(list);
	rota_tz_free(tz);
	rota_dataset_release(&ds);
	rota_store_close(st);
	return rc;
}
