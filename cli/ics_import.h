/*
 * cli/ics_import.h - 'rota import timeoff FILE.ics [--employee ID]'.
 *
 * For cli/cmd_import.c: when the kind is timeoff and cli_path_is_ics(path)
 * says so, call cli_import_timeoff_ics() instead of the CSV importer.
 */
#ifndef ROTA_CLI_ICS_IMPORT_H
#define ROTA_CLI_ICS_IMPORT_H

#include "cli/cli.h"

/*
 * 1 when path names an iCalendar file: its name ends in ".ics" (any case),
 * or its first line (after a byte-order mark and blank space) is
 * BEGIN:VCALENDAR.  0 otherwise, also when it cannot be read.
 */
int cli_path_is_ics(const char *path);

/*
 * Read the VEVENTs of path as time off (calendar/calendar.h says how) and
 * store them in one transaction, matching the employee by ATTENDEE or
 * ORGANIZER e-mail unless employee (an id) is given.  Opens ctx->db_path,
 * prints one summary line to ctx->out or the error to ctx->err, and
 * returns the exit code (3 for a malformed file: nothing is imported).
 */
int cli_import_timeoff_ics(struct cli_ctx *ctx, const char *path,
			   const char *employee);

#endif
