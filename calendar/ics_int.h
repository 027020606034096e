/*
 * calendar/ics_int.h - private to calendar/: the iCalendar text writer.
 *
 * A struct ics_writer collects one content line at a time (name, parameters,
 * value) and appends it to its output folded as RFC 5545 section 3.1 asks:
 * physical lines of at most 75 octets, continuation lines starting with one
 * space, never a break inside a UTF-8 character, CRLF after every line.
 * Allocation failures are remembered (w->oom) and reported once at the end,
 * so callers can write straight-line code.
 */
#ifndef ROTA_CALENDAR_ICS_INT_H
#define ROTA_CALENDAR_ICS_INT_H

#include <stddef.h>
#include <stdint.h>

struct ics_buf {
	char *p;
	size_t len, cap;
};

struct ics_writer {
	struct ics_buf out;   /* folded text */
	struct ics_buf line;  /* the logical line being built */
	int oom;
};

#define ICS_FOLD_OCTETS 75

void ics_writer_init(struct ics_writer *w);
void ics_writer_release(struct ics_writer *w);

/* Start a content line with a property name ("DTSTART"). */
void ics_begin(struct ics_writer *w, const char *name);
/* ";NAME=value"; the value is quoted when it holds ':', ';' or ','; '"'
 * and control characters are dropped (RFC 5545 param-value). */
void ics_param(struct ics_writer *w, const char *name, const char *value);
/* ":value" as TEXT: '\' ';' ',' escaped, newline as \n, other control
 * characters dropped. */
void ics_text(struct ics_writer *w, const char *value);
/* Another TEXT item of a list value (CATEGORIES): ",value" escaped. */
void ics_text_more(struct ics_writer *w, const char *value);
/* ":value" verbatim (dates, numbers, enumerations). */
void ics_raw(struct ics_writer *w, const char *value);
/* Fold the line into the output and end it with CRLF. */
void ics_end(struct ics_writer *w);

/* One-call forms. */
void ics_prop_text(struct ics_writer *w, const char *name, const char *v);
void ics_prop_raw(struct ics_writer *w, const char *name, const char *v);

/* "YYYYMMDDTHHMMSS" (local, no zone) and "YYYYMMDDTHHMMSSZ" (UTC). */
void ics_format_local(int year, int month, int day, int hour, int min,
		      int sec, char buf[16]);
void ics_format_utc(int64_t t, char buf[17]);
/* "+HHMM" or "+HHMMSS" for an offset in seconds. */
void ics_format_offset(int seconds, char buf[9]);

/* Fold a complete logical line (no CRLF) into buf; exposed for tests. */
int ics_fold(struct ics_buf *out, const char *line, size_t len);

/* 64-bit FNV-1a over bytes, continuing from h (start with ICS_FNV_INIT). */
#define ICS_FNV_INIT UINT64_C(0xcbf29ce484222325)
uint64_t ics_fnv1a(uint64_t h, const void *data, size_t len);

#endif
