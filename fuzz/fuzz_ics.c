/* fuzz/fuzz_ics.c - time off from iCalendar text (libical underneath). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "calendar/calendar.h"
#include "fuzz/fuzz_site.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct rota_dataset ds;
static struct rota_tz *tz;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct rota_store *st = NULL;
	const char *db = fuzz_site();

	(void)argc;
	(void)argv;
	if (!db || rota_store_open(db, 0, &st, NULL) < 0 ||
	    rota_store_load(st, &ds, NULL) < 0 ||
	    !(tz = rota_tz_load(ds.site.timezone, NULL)))
		abort();
	rota_store_close(st);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rota_timeoff *t = NULL;
	size_t n = 0, skipped = 0;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* by ATTENDEE e-mail, and for a named employee */
	if (rota_cal_parse_timeoff(text, size, "input", &ds, tz, NULL, &t, &n,
				   &skipped, NULL) == 0)
		free(t);
	t = NULL;
	if (rota_cal_parse_timeoff(text, size, "input", &ds, tz, "E01", &t, &n,
				   &skipped, NULL) == 0)
		free(t);
	free(text);
	return 0;
}
