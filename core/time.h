/*
 * core/time.h - instants, civil dates and IANA time zones.
 *
 * Instants are UTC epoch seconds (int64_t).  A site's wall clock is reached
 * only through struct rota_tz, which reads the system tz database (TZif files
 * under $TZDIR or /usr/share/zoneinfo) itself: no TZ environment variable, no
 * tzset(), no global state, the same answer on every thread.
 *
 * Days are counted as int32_t "day numbers": days since 1970-01-01 in the
 * proleptic Gregorian calendar (negative before 1970).  Weekdays follow ISO
 * 8601: 1 = Monday ... 7 = Sunday.
 *
 * Local times that do not exist (the hour skipped when clocks go forward) or
 * exist twice (the hour repeated when they go back) are resolved as RFC 5545
 * section 3.3.5 says, which is also what calendar clients do: a skipped time
 * is read with the offset in force before the change (02:30 becomes 03:30
 * summer time), a repeated time means its first occurrence.
 *
 * Ownership: rota_tz_load() returns a zone the caller frees with rota_tz_free()
 * (NULL is fine).  A loaded zone is immutable and may be shared read-only.
 */
#ifndef ROTA_CORE_TIME_H
#define ROTA_CORE_TIME_H

#include <stdint.h>

#include "core/error.h"

struct rota_civil {
	int year, month, day;     /* month 1-12, day 1-31 */
	int hour, min, sec;       /* 0-23, 0-59, 0-59 */
};

/* --- civil calendar arithmetic (no time zone) --- */

/* Day number of a proleptic Gregorian date. */
int32_t rota_days_from_civil(int year, int month, int day);
/* Inverse of rota_days_from_civil(). */
void rota_civil_from_days(int32_t days, int *year, int *month, int *day);
/* ISO weekday of a day number: 1 = Monday ... 7 = Sunday. */
int rota_weekday(int32_t days);
/* Day number of the Monday of the ISO week containing days. */
int32_t rota_week_monday(int32_t days);
/* 1 when the date exists (e.g. 2026-02-30 does not). */
int rota_civil_date_valid(int year, int month, int day);

/*
 * Parse "YYYY-MM-DD", or "YYYY/M/D" as spreadsheets write dates ("2026/11/30",
 * "2026/1/5"), into a day number.  Returns 0, or ROTA_EDATA with a message in
 * err when text is not an existing date.
 */
int rota_parse_date(const char *text, int32_t *days, struct rota_error *err);
/* Format a day number as "YYYY-MM-DD" into buf (at least 11 bytes). */
void rota_format_date(int32_t days, char *buf, unsigned size);
/* Parse "HH:MM" (00:00-23:59, also 24:00 when allow_24 is set) into minutes. */
int rota_parse_hhmm(const char *text, int allow_24, int *minutes,
		    struct rota_error *err);

/* --- time zones --- */

struct rota_tz;

/*
 * Load the IANA zone name ("Europe/London", "UTC").  Names are validated
 * (no "..", no leading '/', only [A-Za-z0-9_+-/]) before any file is read.
 * Returns NULL and fills err (ROTA_ENOTFOUND for an unknown zone, ROTA_EDATA
 * for a damaged file, ROTA_ENOMEM) on failure.
 */
struct rota_tz *rota_tz_load(const char *name, struct rota_error *err);
void rota_tz_free(struct rota_tz *tz);

/* The IANA name the zone was loaded with. */
const char *rota_tz_name(const struct rota_tz *tz);

/*
 * UTC offset in seconds east of Greenwich in force at instant t; *is_dst and
 * *abbr (a string owned by tz, e.g. "BST") are written when not NULL.
 */
int rota_tz_offset(const struct rota_tz *tz, int64_t t, int *is_dst,
		   const char **abbr);

/* Wall-clock time at instant t; *offset (seconds) written when not NULL. */
void rota_tz_to_civil(const struct rota_tz *tz, int64_t t,
		      struct rota_civil *out, int *offset);

/*
 * Instant of a local wall-clock time, gaps and overlaps resolved as above.
 * Fields are not range-checked beyond normalisation: minute 90 is 1h30.
 */
int64_t rota_tz_from_civil(const struct rota_tz *tz,
			   const struct rota_civil *local);

/* Instant of local midnight starting day number `days` (DST-safe). */
int64_t rota_tz_day_start(const struct rota_tz *tz, int32_t days);

/* Instant of `minutes` after local midnight of day `days`, as wall-clock time
 * (minutes may exceed 1440 for times on following days). */
int64_t rota_tz_local_minutes(const struct rota_tz *tz, int32_t days,
			      int minutes);

/* Local day number that instant t falls on. */
int32_t rota_tz_day_of(const struct rota_tz *tz, int64_t t);

/*
 * Offset transitions in [from, to): fills up to max entries of at[] (instant
 * of the change), before[] and after[] (offsets in seconds), is_dst[] and
 * abbr[] (owned by tz); any array may be NULL.  Returns the number of
 * transitions in the range (which may exceed max).
 */
struct rota_tz_transition {
	int64_t at;
	int before, after;
	int is_dst;
	const char *abbr;
};
int rota_tz_transitions(const struct rota_tz *tz, int64_t from, int64_t to,
			struct rota_tz_transition *out, int max);

/*
 * Parse a time as users write it, into a UTC instant:
 *   "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]"   local site time
 *   the same followed by "Z" or "+HH:MM" / "-HH:MM" / "+HHMM"  explicit offset
 * The date may also be written "YYYY/M/D" and the hour with one digit, as
 * spreadsheets do: "2026/12/03 08:01", "2026/12/3 8:01:00".
 * Returns 0, or ROTA_EDATA with a message naming what was expected.
 */
int rota_parse_instant(const struct rota_tz *tz, const char *text,
		       int64_t *out, struct rota_error *err);

/*
 * Format instant t as local ISO 8601 with offset, "2026-11-30T08:00:00+08:00",
 * into buf (at least 26 bytes).
 */
void rota_format_local_iso(const struct rota_tz *tz, int64_t t, char *buf,
			   unsigned size);

/* Format instant t as "2026-11-30 08:00" local (at least 17 bytes). */
void rota_format_local_short(const struct rota_tz *tz, int64_t t, char *buf,
			     unsigned size);

/* Format instant t as UTC "2026-11-30T00:00:00Z" (at least 21 bytes). */
void rota_format_utc_iso(int64_t t, char *buf, unsigned size);

#endif
