/*
 * calendar/cal_int.h - private to calendar/: pieces shared by its files.
 */
#ifndef ROTA_CALENDAR_CAL_INT_H
#define ROTA_CALENDAR_CAL_INT_H

#include "calendar/calendar.h"
#include "calendar/ics_int.h"

/*
 * Write a VTIMEZONE for tz covering local years y0..y1 (see vtimezone.c).
 * ROTA_ENOMEM on failure (w->oom is checked by the caller as usual).
 */
int cal_vtimezone(struct ics_writer *w, const struct rota_tz *tz, int y0,
		  int y1, struct rota_error *err);

#endif
