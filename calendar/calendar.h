/*
 * calendar/calendar.h - rosters as iCalendar feeds, iCalendar as time off.
 *
 * Publishing is three pure steps and one file write:
 *
 *   rota_cal_reconcile()  the week's assignments + what was published before
 *                         -> the events to publish now: stable UIDs, SEQUENCE
 *                         bumped only for events whose time, shift or status
 *                         changed, removed shifts kept as cancelled events;
 *   rota_cal_render()     events -> one VCALENDAR (RFC 5545 / RFC 7986),
 *                         CRLF, folded at 75 octets on UTF-8 boundaries, with
 *                         a VTIMEZONE built from the system tz data;
 *   rota_cal_write_file() the text -> DIR/NAME atomically (temp + rename).
 *
 * The caller (cli) keeps the events between runs (the store's publication
 * table); this module never touches a database.
 *
 * Importing reads VEVENTs (all-day or timed, TZID or UTC) with libical and
 * returns them as struct rota_timeoff values; nothing is written anywhere.
 *
 * Ownership: arrays and strings returned through out-parameters are
 * malloc'ed and belong to the caller (free()).  Inputs are only read.  Every
 * function returns 0 or a negative enum rota_status and fills the optional
 * struct rota_error; on error out-parameters are untouched.
 */
#ifndef ROTA_CALENDAR_H
#define ROTA_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/model.h"
#include "core/time.h"

#define ROTA_CAL_UID_MAX 192
#define ROTA_CAL_HASH_MAX 17   /* 16 hex digits + NUL */

/* One published shift: what a feed says about one employee on one day. */
struct rota_cal_event {
	char uid[ROTA_CAL_UID_MAX];
	char employee[ROTA_ID_MAX];
	int32_t day;               /* local day the shift starts on */
	char shift[ROTA_ID_MAX];   /* template code */
	char skill[ROTA_ID_MAX];   /* skill served, "" when not decided */
	int64_t start, end;        /* UTC instants, [start, end) */
	int sequence;              /* SEQUENCE, >= 0 */
	int cancelled;             /* STATUS:CANCELLED instead of CONFIRMED */
	char hash[ROTA_CAL_HASH_MAX]; /* rota_cal_hash() of this version */
	int64_t stamp;             /* DTSTAMP: when this version was published */
	int changed;               /* reconcile: differs from the stored one */
};

/*
 * UID of an employee's shift on a day, from the UID domain, the employee
 * id and the date only: "rota-20260302-E001@acme-contact-centre".  The
 * domain (rota_cal_uid_domain) is made from the site's name when the site
 * first publishes and then kept (the store's setting calendar.uid_domain),
 * so renaming the site keeps every UID.  Team feeds prefix the same UID
 * with "team-" (rota_cal_render() does that).  Returns ROTA_EINVAL when
 * employee is not a valid id, the domain is empty or holds '@', or buf
 * (size) is too small.
 */
int rota_cal_uid(const char *domain, const char *employee, int32_t day,
		 char *buf, size_t size, struct rota_error *err);

/*
 * A UID domain from a site name: the name in lower-case ASCII letters and
 * digits with '-' between words (at most 48 characters); a name with other
 * characters also gets a short hash of the full name ("acme-contact-centre",
 * "shanghai-1a2b3c4d").  ROTA_EINVAL when buf (size) is too small.
 */
int rota_cal_uid_domain(const char *site, char *buf, size_t size,
			struct rota_error *err);

/*
 * Content hash of what makes an event a new version for calendar clients:
 * start, end, shift, skill and status (names, team or alarm do not count).
 * Writes 16 lower-case hex digits and a NUL into out.
 */
void rota_cal_hash(const struct rota_cal_event *ev,
		   char out[ROTA_CAL_HASH_MAX]);

struct rota_cal_counts {
	int added;      /* first published now */
	int changed;    /* time, shift, skill or status changed: SEQUENCE + 1 */
	int cancelled;  /* removed since the last publication: now CANCELLED */
	int unchanged;
};

/*
 * Reconcile one scope (some employees, some days) of a feed.
 *
 * as[]  the shifts that should be published now (e.g. a week's roster,
 *       possibly filtered to some employees);
 * old[] every event published before in the same scope (same employees,
 *       same days), as stored after the previous run.
 *
 * *out gets one event per UID of either list, sorted by employee then day:
 * new shifts with SEQUENCE 0; shifts whose hash changed, or that come back
 * after a cancellation, with SEQUENCE + 1; stored events with no shift now
 * as cancelled with SEQUENCE + 1 (already cancelled ones unchanged).  Events
 * that changed get stamp = now, or one second after their previous stamp if
 * now is not later (DTSTAMP never goes back); `changed` tells which ones the
 * caller must store.  counts may be NULL.  ROTA_EDATA for an assignment
 * with an invalid employee id or two shifts of one employee on one day;
 * ROTA_ENOMEM.
 */
int rota_cal_reconcile(const char *domain, const struct rota_assignment *as,
		       size_t n_as, const struct rota_cal_event *old,
		       size_t n_old, int64_t now, struct rota_cal_event **out,
		       size_t *n_out, struct rota_cal_counts *counts,
		       struct rota_error *err);

enum rota_cal_kind {
	ROTA_CAL_EMPLOYEE = 0,   /* one person's shifts */
	ROTA_CAL_TEAM = 1,       /* every member's shifts, names in summaries */
};

struct rota_cal_options {
	int kind;               /* enum rota_cal_kind */
	const char *subject;    /* employee id or team name */
	int alarm_min;          /* >= 0: VALARM that many minutes before; -1 none */
	int refresh_min;        /* REFRESH-INTERVAL and X-PUBLISHED-TTL; > 0 */
	const char *organizer;  /* e-mail for ORGANIZER (CN = site); NULL none */
};

#define ROTA_CAL_OPTIONS_INIT {ROTA_CAL_EMPLOYEE, NULL, -1, 60, NULL}

/*
 * Hash of everything else a feed says about an event (summary,
 * description, location, organizer, alarm: names, teams, the site, the
 * publish options) as rendered with opt in the employee's feed and in
 * their team's, 16 hex digits and a NUL into out.  A calendar client only
 * takes a changed event when its SEQUENCE rises, so a publisher compares
 * this with the one stored for the event and raises SEQUENCE when it
 * differs (rota_cal_hash covers time, shift, skill and status).
 * opt->kind and opt->subject are ignored.
 */
void rota_cal_text_hash(const struct rota_dataset *ds,
			const struct rota_tz *tz,
			const struct rota_cal_options *opt,
			const struct rota_cal_event *ev,
			char out[ROTA_CAL_HASH_MAX]);

/*
 * Render events as one iCalendar object into *out (NUL-terminated, *len
 * bytes without the NUL).  ds gives the site name, employee names, e-mails
 * and teams, and shift names and breaks (an unknown code is shown as is);
 * tz is the site's zone (its IANA name becomes every TZID).  Events appear
 * ordered by start, then employee, whatever their order in ev[].  The same
 * input always gives the same bytes.  ROTA_EINVAL for a bad option or an
 * event that ends before it starts; ROTA_ENOMEM.
 */
int rota_cal_render(const struct rota_dataset *ds, const struct rota_tz *tz,
		    const struct rota_cal_options *opt,
		    const struct rota_cal_event *ev, size_t n, char **out,
		    size_t *len, struct rota_error *err);

/*
 * Write data to DIR/NAME atomically: DIR (and its parents) is created when
 * missing, the bytes go to a temporary file in DIR that is flushed to disk
 * and renamed over NAME, so a reader sees the old file or the new one, never
 * a mix.  The file is mode 0644.  A file that already holds exactly these
 * bytes is left alone (its modification time, which web servers turn into
 * Last-Modified and ETag, stays); *written (may be NULL) says 1 when the
 * file was written, 0 when it was already up to date.  NAME must be a plain
 * file name (no '/', not starting with '.').  ROTA_EINVAL for a bad name,
 * ROTA_EIO with the path and the system's reason otherwise (no temporary
 * file is left).
 */
int rota_cal_write_file(const char *dir, const char *name, const char *data,
			size_t len, int *written, struct rota_error *err);

/*
 * Read time off from iCalendar text: every VEVENT that is not cancelled
 * becomes one struct rota_timeoff (hard, weight 0, note = SUMMARY):
 *   - DTSTART;VALUE=DATE (all day): from local midnight of that day in the
 *     site zone tz to local midnight of DTEND (default: the next day);
 *   - DTSTART with TZID: an IANA name is converted with the system tz data,
 *     any other name (e.g. Outlook's "W. Europe Standard Time") with the
 *     file's VTIMEZONE of that TZID; UTC (...Z) as is; floating = site zone;
 *   - DTEND or DURATION gives the end; an event with no length is skipped.
 * The employee is `employee` when not NULL (it must exist in ds), else the
 * one whose e-mail matches an ATTENDEE (ignoring the ORGANIZER when several
 * attendees match) or, failing that, the ORGANIZER (mailto:, any case).
 * Identical periods are merged.  label names the input in messages.
 *
 * Any problem fails the whole input with ROTA_EDATA and a message naming
 * the line or the event's UID: not iCalendar, unbalanced BEGIN/END, libical
 * parse errors, bad or missing DTSTART, unknown TZID, end before start,
 * recurring events (RRULE/RDATE), no matching employee.  *skipped (may be
 * NULL) counts cancelled and zero-length events.
 */
int rota_cal_parse_timeoff(const char *text, size_t len, const char *label,
			   const struct rota_dataset *ds,
			   const struct rota_tz *tz, const char *employee,
			   struct rota_timeoff **out, size_t *n,
			   size_t *skipped, struct rota_error *err);

/* The same for a file (ROTA_EIO when it cannot be read). */
int rota_cal_read_timeoff(const char *path, const char *label,
			  const struct rota_dataset *ds,
			  const struct rota_tz *tz, const char *employee,
			  struct rota_timeoff **out, size_t *n,
			  size_t *skipped, struct rota_error *err);

#endif
