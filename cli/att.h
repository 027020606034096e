/*
 * cli/att.h - private to the attendance commands (clock, punch, punches,
 * attendance, review): the site zone, times and dates on the command line,
 * and how attendance rows are written.
 */
#ifndef ROTA_CLI_ATT_H
#define ROTA_CLI_ATT_H

#include <stddef.h>
#include <stdint.h>

#include "cli/cli.h"
#include "core/time.h"
#include "store/store.h"

/* Load the site and its zone; prints the error and returns an exit code. */
int att_site(struct cli_ctx *ctx, struct rota_store *st,
	     struct rota_site *site, struct rota_tz **tz);

/*
 * The current instant: $ROTA_NOW when set (an instant as --at takes it, or
 * epoch seconds; for tests and replays), else the system clock.  Returns -1
 * after printing a usage error when $ROTA_NOW is not a time.
 */
int att_now(struct cli_ctx *ctx, const struct rota_tz *tz, int64_t *now);

/* --at and friends: a usage error naming opt when text is not a time. */
int att_time_arg(struct cli_ctx *ctx, const struct rota_tz *tz,
		 const char *opt, const char *text, int64_t *out);
/* --from / --to: a usage error naming opt when text is not a date. */
int att_date_arg(struct cli_ctx *ctx, const char *opt, const char *text,
		 int32_t *out);

/*
 * --from and --to of a report: both required, dates, in order.  Returns 0,
 * else the exit code after printing the usage error.
 */
int att_period_args(struct cli_ctx *ctx, const char *from_s,
		    const char *to_s, int32_t *from, int32_t *to);
/* --as-of when given, else att_now(): 0, or -1 after a usage error. */
int att_as_of(struct cli_ctx *ctx, const struct rota_tz *tz,
	      const char *as_of, int64_t *now);

/* "in" / "out" on the command line; -1 otherwise. */
int att_kind_arg(const char *text);

/* Local day of an attendance row (the shift's day, else its start's). */
int32_t att_row_day(const struct rota_attendance_report *r,
		    const struct rota_tz *tz, const struct rota_att_row *row);

/* "HH:MM" local, with "+N" / "-N" when its day differs from `day`. */
void att_hhmm(const struct rota_tz *tz, int64_t t, int32_t day, char *buf,
	      size_t size);

/* Flags as words: "late early absent excused_<type> break_overrun
 * missing_in missing_out in_progress unscheduled" (space-separated, in that
 * order). */
void att_flags(const struct rota_attendance_report *r,
	       const struct rota_att_row *row, char *buf, size_t size);

/* A row's punches: "09:02 in, 17:00 out, 17:05 out (no in)". */
void att_punches(const struct rota_tz *tz, const struct rota_attendance *a,
		 const struct rota_att_row *row, int32_t day, char *buf,
		 size_t size);

/* Adherence with 4 decimals, "" when nothing was scheduled. */
void att_adherence(const struct rota_att_totals *t, char *buf, size_t size);
/* A fraction with 4 decimals, "" when negative (undefined). */
void att_fraction(double v, char *buf, size_t size);

/* The start and end of a shift row's break as att_hhmm() writes them,
 * "" when it has none. */
void att_break(const struct rota_attendance_report *r,
	       const struct rota_tz *tz, const struct rota_att_row *row,
	       int32_t day, char *b0, char *b1, size_t size);

/*
 * One person's scorecard as table rows: a row per metric then 'total',
 * columns [employee,name,team,]metric,unit,value,target,points,weight,
 * team_median,percentile (cli/cmd_scorecard.c).
 */
void att_scorecard_rows(struct cli_table *t, const struct rota_scorecard *sc,
			const struct rota_scorecard_person *p,
			int with_person);

/* A value as text: whole numbers bare, fractions with 4 decimals, others
 * with 2. */
void att_number(char *buf, size_t size, double v, int fraction);

/*
 * A review as a printable, self-contained HTML page (cli/review_html.c):
 * inline CSS with a CJK-safe font stack, an inline SVG trend chart, no
 * network.  summary and exceptions are the sheet's tables.
 */
void att_review_html(FILE *out, const struct rota_review *rv,
		     const struct rota_site *site,
		     const struct cli_table *summary,
		     const struct cli_table *exceptions);

#endif
