/*
 * tests/test_attendance.c - the attendance definitions (docs/attendance.md)
 * on hand-made cases, through the pure rota_attendance_compute().
 *
 * Times are written as (day, hour, minute[, second]) in UTC from Monday
 * 2026-03-02 unless a test loads a zone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/time.h"
#include "store/store.h"

#define MAXN 16

static int64_t base(void)
{
	return (int64_t)rota_days_from_civil(2026, 3, 2) * 86400;
}

/* UTC instant: day offset from Monday 2026-03-02, h:m:s */
static int64_t T(int day, int h, int m, int s)
{
	return base() + day * 86400 + h * 3600 + m * 60 + s;
}

struct fixture {
	struct rota_att_shift shift[MAXN];
	size_t ns;
	struct rota_punch punch[MAXN];
	size_t np;
	struct rota_att_options opt;
	struct rota_attendance att;
};

static void init(struct fixture *f)
{
	struct rota_att_options o = ROTA_ATT_OPTIONS_INIT;

	memset(f, 0, sizeof(*f));
	f->opt = o;
}

static struct rota_att_shift *add_shift(struct fixture *f, int64_t start,
				       int64_t end)
{
	struct rota_att_shift *a = &f->shift[f->ns++];

	memset(a, 0, sizeof(*a));
	strcpy(a->shift, "D");
	a->day = (int32_t)(start / 86400);
	a->start = start;
	a->end = end;
	a->excused = -1;
	return a;
}

/* A shift [start, end) with the unpaid break [b0, b1). */
static struct rota_att_shift *add_break_shift(struct fixture *f,
					      int64_t start, int64_t end,
					      int64_t b0, int64_t b1)
{
	struct rota_att_shift *a = add_shift(f, start, end);

	a->break_start = b0;
	a->break_end = b1;
	return a;
}

static void punch(struct fixture *f, int kind, int64_t at)
{
	struct rota_punch *p = &f->punch[f->np];

	p->id = (int64_t)f->np + 1;
	p->at = at;
	p->kind = kind;
	f->np++;
}

static void in(struct fixture *f, int64_t at) { punch(f, ROTA_PUNCH_IN, at); }
static void out(struct fixture *f, int64_t at) { punch(f, ROTA_PUNCH_OUT, at); }

static void compute(struct fixture *f)
{
	struct rota_error err = {0};
	int rc = rota_attendance_compute(f->shift, f->ns, f->punch, f->np,
					 &f->opt, &f->att, &err);

	if (rc != 0)
		fail_msg("compute failed: %s", err.msg);
}

/* Monday 09:00-17:00 */
static void day_shift(struct fixture *f, int day)
{
	add_shift(f, T(day, 9, 0, 0), T(day, 17, 0, 0));
}

static void on_time_shift_has_no_exception_and_full_adherence(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	in(&f, T(0, 8, 58, 0));
	out(&f, T(0, 17, 1, 0));
	compute(&f);
	assert_int_equal(f.att.n_rows, 1);
	assert_int_equal(f.att.rows[0].kind, ROTA_ATT_SHIFT);
	assert_int_equal(f.att.rows[0].flags, 0);
	assert_int_equal(f.att.total.shifts, 1);
	assert_int_equal(f.att.total.scheduled_min, 480);
	assert_int_equal(f.att.total.worked_min, 483);
	assert_int_equal(f.att.total.late_count, 0);
	assert_int_equal(f.att.total.early_count, 0);
	assert_int_equal(f.att.total.absences, 0);
	assert_int_equal(f.att.total.missing_punches, 0);
	assert_int_equal(f.att.total.overtime_min, 3);
	assert_int_equal(f.att.total.covered_min, 480);
	assert_true(rota_att_adherence(&f.att.total) == 1.0);
	/* the row lists both punches, in order, as paired */
	assert_int_equal(f.att.rows[0].n_items, 2);
	assert_int_equal(f.att.items[0].kind, ROTA_PUNCH_IN);
	assert_int_equal(f.att.items[1].kind, ROTA_PUNCH_OUT);
	assert_int_equal(f.att.items[1].status, ROTA_ATT_PAIRED);
	rota_attendance_release(&f.att);
}

static void clocking_within_grace_is_neither_late_nor_early(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	in(&f, T(0, 9, 5, 0));      /* start + 5 min exactly */
	out(&f, T(0, 16, 55, 0));   /* end - 5 min exactly */
	compute(&f);
	assert_int_equal(f.att.rows[0].flags, 0);
	assert_int_equal(f.att.total.late_count, 0);
	assert_int_equal(f.att.total.early_count, 0);
	assert_int_equal(f.att.total.worked_min, 470);
	assert_int_equal(f.att.total.covered_min, 470);
	rota_attendance_release(&f.att);
}

static void clocking_in_after_grace_is_late_by_minutes_since_start(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	day_shift(&f, 1);
	in(&f, T(0, 9, 5, 1));     /* one second past grace: late, 5 min */
	out(&f, T(0, 17, 0, 0));
	in(&f, T(1, 9, 12, 30));   /* late 12 min 30 s: 12 min */
	out(&f, T(1, 17, 0, 0));
	compute(&f);
	assert_int_equal(f.att.n_rows, 2);
	assert_true(f.att.rows[0].flags & ROTA_ATT_LATE);
	assert_int_equal(f.att.rows[0].late_min, 5);
	assert_int_equal(f.att.rows[1].late_min, 12);
	assert_int_equal(f.att.total.late_count, 2);
	assert_int_equal(f.att.total.late_min, 17);
	rota_attendance_release(&f.att);
}

static void grace_comes_from_the_options(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	f.opt.grace_min = 0;
	day_shift(&f, 0);
	in(&f, T(0, 9, 0, 30));
	out(&f, T(0, 17, 0, 0));
	compute(&f);
	/* late by 30 s: counted, but zero whole minutes */
	assert_int_equal(f.att.total.late_count, 1);
	assert_int_equal(f.att.total.late_min, 0);
	rota_attendance_release(&f.att);
}

static void leaving_before_end_minus_grace_is_an_early_leave(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	in(&f, T(0, 9, 0, 0));
	out(&f, T(0, 12, 0, 0));   /* lunch */
	in(&f, T(0, 12, 30, 0));
	out(&f, T(0, 16, 30, 0));  /* leaves 30 min early */
	compute(&f);
	assert_int_equal(f.att.rows[0].flags, ROTA_ATT_EARLY);
	assert_int_equal(f.att.total.early_count, 1);
	assert_int_equal(f.att.total.early_min, 30);
	assert_int_equal(f.att.total.worked_min, 420);
	assert_int_equal(f.att.total.covered_min, 420);
	assert_int_equal(f.att.rows[0].n_items, 4);
	assert_true(rota_att_adherence(&f.att.total) == 420.0 / 480.0);
	rota_attendance_release(&f.att);
}

static void shift_without_any_punch_is_an_absence(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	day_shift(&f, 1);
	in(&f, T(1, 9, 0, 0));
	out(&f, T(1, 17, 0, 0));
	compute(&f);
	assert_int_equal(f.att.rows[0].flags, ROTA_ATT_ABSENT);
	assert_int_equal(f.att.rows[0].n_items, 0);
	assert_int_equal(f.att.rows[1].flags, 0);
	assert_int_equal(f.att.total.absences, 1);
	assert_int_equal(f.att.total.shifts, 2);
	assert_int_equal(f.att.total.scheduled_min, 960);
	assert_int_equal(f.att.total.worked_min, 480);
	assert_true(rota_att_adherence(&f.att.total) == 0.5);
	rota_attendance_release(&f.att);
}

static void forgotten_clock_out_is_a_missing_out_not_an_absence(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	day_shift(&f, 1);
	in(&f, T(0, 9, 10, 0));   /* never clocks out on Monday */
	in(&f, T(1, 9, 0, 0));
	out(&f, T(1, 17, 0, 0));
	compute(&f);
	assert_int_equal(f.att.n_rows, 2);
	/* Monday: the missing out is listed; the in still shows lateness;
	 * nothing is guessed about the hours worked */
	assert_int_equal(f.att.rows[0].flags,
			 ROTA_ATT_MISSING_OUT | ROTA_ATT_LATE);
	assert_int_equal(f.att.rows[0].missing, 1);
	assert_int_equal(f.att.rows[0].late_min, 10);
	assert_int_equal(f.att.rows[0].worked_min, 0);
	assert_int_equal(f.att.items[0].status, ROTA_ATT_NO_OUT);
	assert_int_equal(f.att.rows[1].flags, 0);
	assert_int_equal(f.att.total.absences, 0);
	assert_int_equal(f.att.total.missing_punches, 1);
	assert_int_equal(f.att.total.worked_min, 480);
	rota_attendance_release(&f.att);
}

static void an_out_more_than_sixteen_hours_after_the_in_pairs_with_nothing(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	add_shift(&f, T(0, 8, 0, 0), T(0, 16, 0, 0));
	in(&f, T(0, 8, 0, 0));
	out(&f, T(1, 0, 0, 1));   /* 16 h and one second */
	compute(&f);
	/* the in is a missing out (its shift), the out a missing in (stray) */
	assert_int_equal(f.att.n_rows, 2);
	assert_int_equal(f.att.rows[0].flags, ROTA_ATT_MISSING_OUT);
	assert_int_equal(f.att.rows[1].kind, ROTA_ATT_STRAY);
	assert_int_equal(f.att.rows[1].flags, ROTA_ATT_MISSING_IN);
	assert_int_equal(f.att.total.missing_punches, 2);
	assert_int_equal(f.att.total.worked_min, 0);
	rota_attendance_release(&f.att);

	/* exactly 16 h is a work period */
	init(&f);
	add_shift(&f, T(0, 8, 0, 0), T(0, 16, 0, 0));
	in(&f, T(0, 8, 0, 0));
	out(&f, T(1, 0, 0, 0));
	compute(&f);
	assert_int_equal(f.att.total.missing_punches, 0);
	assert_int_equal(f.att.total.worked_min, 960);
	assert_int_equal(f.att.total.overtime_min, 480);
	rota_attendance_release(&f.att);
}

static void stray_clock_out_is_a_missing_in(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	in(&f, T(0, 9, 0, 0));
	out(&f, T(0, 17, 0, 0));
	out(&f, T(0, 17, 5, 0));   /* pressed twice */
	out(&f, T(3, 3, 0, 0));    /* Thursday night, no shift near */
	compute(&f);
	assert_int_equal(f.att.n_rows, 2);
	/* the second press belongs to the shift (within 2 h of it) */
	assert_int_equal(f.att.rows[0].flags, ROTA_ATT_MISSING_IN);
	assert_int_equal(f.att.rows[0].missing, 1);
	assert_int_equal(f.att.rows[0].worked_min, 480);
	assert_int_equal(f.att.rows[0].n_items, 3);
	assert_int_equal(f.att.items[2].status, ROTA_ATT_NO_IN);
	/* the one far from any shift is a row of its own */
	assert_int_equal(f.att.rows[1].kind, ROTA_ATT_STRAY);
	assert_int_equal(f.att.rows[1].start, T(3, 3, 0, 0));
	assert_int_equal(f.att.rows[1].shift, -1);
	assert_int_equal(f.att.total.missing_punches, 2);
	assert_int_equal(f.att.total.absences, 0);
	rota_attendance_release(&f.att);
}

static void forgotten_clock_in_still_shows_the_early_leave(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	out(&f, T(0, 16, 0, 0));
	compute(&f);
	assert_int_equal(f.att.rows[0].flags,
			 ROTA_ATT_MISSING_IN | ROTA_ATT_EARLY);
	assert_int_equal(f.att.rows[0].early_min, 60);
	assert_int_equal(f.att.total.absences, 0);
	assert_int_equal(f.att.total.worked_min, 0);
	rota_attendance_release(&f.att);
}

static void overnight_shift_belongs_to_the_day_it_starts(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	add_shift(&f, T(0, 22, 0, 0), T(1, 6, 0, 0));
	in(&f, T(0, 21, 55, 0));
	out(&f, T(1, 6, 2, 0));
	f.opt.from = T(0, 0, 0, 0);   /* Monday only */
	f.opt.to = T(1, 0, 0, 0);
	compute(&f);
	assert_int_equal(f.att.total.shifts, 1);
	assert_int_equal(f.att.total.scheduled_min, 480);
	assert_int_equal(f.att.total.worked_min, 487);
	assert_int_equal(f.att.total.overtime_min, 7);
	assert_int_equal(f.att.rows[0].flags, 0);
	rota_attendance_release(&f.att);

	f.opt.from = T(1, 0, 0, 0);   /* Tuesday only: nothing */
	f.opt.to = T(2, 0, 0, 0);
	compute(&f);
	assert_int_equal(f.att.n_rows, 0);
	assert_int_equal(f.att.total.worked_min, 0);
	rota_attendance_release(&f.att);
}

static void night_shifts_across_dst_changes_have_their_real_length(
	void **state)
{
	struct rota_error err = {0};
	struct rota_tz *tz = rota_tz_load("Europe/London", &err);
	struct fixture f;
	int32_t sat;

	(void)state;
	if (!tz) {
		skip();
		return;
	}
	/* spring: Sat 28 Mar 2026 22:00 GMT -> Sun 06:00 BST is 7 h */
	sat = rota_days_from_civil(2026, 3, 28);
	init(&f);
	add_shift(&f, rota_tz_local_minutes(tz, sat, 22 * 60),
		  rota_tz_local_minutes(tz, sat + 1, 6 * 60));
	in(&f, rota_tz_local_minutes(tz, sat, 21 * 60 + 58));
	out(&f, rota_tz_local_minutes(tz, sat + 1, 5 * 60 + 50));
	f.opt.from = rota_tz_day_start(tz, sat);
	f.opt.to = rota_tz_day_start(tz, sat + 1);
	compute(&f);
	assert_int_equal(f.att.total.shifts, 1);
	assert_int_equal(f.att.total.scheduled_min, 420);
	assert_int_equal(f.att.total.worked_min, 412);   /* 21:58 -> 05:50 */
	assert_int_equal(f.att.total.early_count, 1);
	assert_int_equal(f.att.total.early_min, 10);
	assert_int_equal(f.att.total.overtime_min, 2);
	rota_attendance_release(&f.att);

	/* autumn: Sat 24 Oct 2026 22:00 BST -> Sun 06:00 GMT is 9 h */
	sat = rota_days_from_civil(2026, 10, 24);
	init(&f);
	add_shift(&f, rota_tz_local_minutes(tz, sat, 22 * 60),
		  rota_tz_local_minutes(tz, sat + 1, 6 * 60));
	in(&f, rota_tz_local_minutes(tz, sat, 22 * 60 + 20));
	out(&f, rota_tz_local_minutes(tz, sat + 1, 6 * 60));
	f.opt.from = rota_tz_day_start(tz, sat);
	f.opt.to = rota_tz_day_start(tz, sat + 1);
	compute(&f);
	assert_int_equal(f.att.total.scheduled_min, 540);
	assert_int_equal(f.att.total.worked_min, 520);
	assert_int_equal(f.att.total.late_min, 20);
	assert_int_equal(f.att.total.covered_min, 520);
	rota_attendance_release(&f.att);
	rota_tz_free(tz);
}

static void work_overlapping_no_shift_is_unscheduled_overtime(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	in(&f, T(0, 9, 0, 0));
	out(&f, T(0, 17, 0, 0));
	in(&f, T(5, 10, 0, 0));    /* Saturday, nothing scheduled */
	out(&f, T(5, 12, 0, 59));
	compute(&f);
	assert_int_equal(f.att.n_rows, 2);
	assert_int_equal(f.att.rows[1].kind, ROTA_ATT_UNSCHEDULED);
	assert_int_equal(f.att.rows[1].shift, -1);
	assert_int_equal(f.att.rows[1].worked_min, 120);
	assert_int_equal(f.att.total.shifts, 1);
	assert_int_equal(f.att.total.worked_min, 600);
	assert_int_equal(f.att.total.overtime_min, 120);
	assert_int_equal(f.att.total.unscheduled_min, 120);
	assert_int_equal(f.att.total.absences, 0);
	rota_attendance_release(&f.att);

	/* only unscheduled work: adherence is undefined */
	init(&f);
	in(&f, T(5, 10, 0, 0));
	out(&f, T(5, 12, 0, 0));
	compute(&f);
	assert_true(rota_att_adherence(&f.att.total) < 0);
	assert_int_equal(f.att.total.worked_min, 120);
	rota_attendance_release(&f.att);
}

static void overtime_is_work_outside_every_shift(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	in(&f, T(0, 8, 0, 0));
	out(&f, T(0, 18, 30, 0));
	compute(&f);
	assert_int_equal(f.att.total.worked_min, 630);
	assert_int_equal(f.att.total.overtime_min, 150);
	assert_int_equal(f.att.total.covered_min, 480);
	assert_int_equal(f.att.rows[0].flags, 0);
	rota_attendance_release(&f.att);
}

static void a_period_goes_to_the_shift_it_overlaps_most_ties_to_the_earlier(
	void **state)
{
	struct fixture f;

	(void)state;
	/* 06-10 and 10-14; work 07-12 overlaps them 3 h and 2 h */
	init(&f);
	add_shift(&f, T(0, 6, 0, 0), T(0, 10, 0, 0));
	add_shift(&f, T(0, 10, 0, 0), T(0, 14, 0, 0));
	in(&f, T(0, 7, 0, 0));
	out(&f, T(0, 12, 0, 0));
	compute(&f);
	assert_int_equal(f.att.n_rows, 2);
	assert_int_equal(f.att.rows[0].flags, ROTA_ATT_LATE);
	assert_int_equal(f.att.rows[0].worked_min, 300);
	assert_int_equal(f.att.rows[0].n_items, 2);
	/* nothing attributed to the second shift: absent, though 2 h of it
	 * are covered by the period of the first */
	assert_int_equal(f.att.rows[1].flags, ROTA_ATT_ABSENT);
	assert_int_equal(f.att.rows[1].covered_min, 120);
	assert_int_equal(f.att.total.covered_min, 300);
	rota_attendance_release(&f.att);

	/* work 09-11 overlaps both 1 h: the earlier shift */
	init(&f);
	add_shift(&f, T(0, 6, 0, 0), T(0, 10, 0, 0));
	add_shift(&f, T(0, 10, 0, 0), T(0, 14, 0, 0));
	in(&f, T(0, 9, 0, 0));
	out(&f, T(0, 11, 0, 0));
	compute(&f);
	assert_int_equal(f.att.rows[0].n_items, 2);
	assert_int_equal(f.att.rows[1].n_items, 0);
	assert_int_equal(f.att.rows[0].flags, ROTA_ATT_LATE);
	assert_int_equal(f.att.rows[0].late_min, 180);
	rota_attendance_release(&f.att);
}

static void minutes_are_rounded_down_per_shift(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	day_shift(&f, 1);
	/* 40 s of overtime on each day: 0 whole minutes each */
	in(&f, T(0, 8, 59, 20));
	out(&f, T(0, 17, 0, 0));
	in(&f, T(1, 9, 0, 0));
	out(&f, T(1, 17, 0, 40));
	compute(&f);
	assert_int_equal(f.att.rows[0].overtime_min, 0);
	assert_int_equal(f.att.rows[1].overtime_min, 0);
	assert_int_equal(f.att.total.overtime_min, 0);
	assert_int_equal(f.att.total.worked_min, 960);
	rota_attendance_release(&f.att);
}

static void shifts_outside_the_range_and_their_work_are_left_out(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	day_shift(&f, 1);
	in(&f, T(0, 9, 30, 0));
	out(&f, T(0, 17, 0, 0));
	in(&f, T(1, 8, 0, 0));
	out(&f, T(1, 17, 0, 0));
	f.opt.from = T(1, 0, 0, 0);
	f.opt.to = T(2, 0, 0, 0);
	compute(&f);
	assert_int_equal(f.att.n_rows, 1);
	assert_int_equal(f.att.total.shifts, 1);
	assert_int_equal(f.att.total.late_count, 0);
	assert_int_equal(f.att.total.worked_min, 540);
	rota_attendance_release(&f.att);
}

static void an_in_without_out_before_now_is_in_progress(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	add_shift(&f, T(0, 6, 0, 0), T(0, 10, 0, 0));
	add_shift(&f, T(0, 12, 0, 0), T(0, 20, 0, 0));  /* not over yet */
	in(&f, T(0, 6, 10, 0));
	out(&f, T(0, 20, 0, 0));   /* after now: not happened yet */
	f.opt.now = T(0, 11, 0, 0);
	compute(&f);
	assert_int_equal(f.att.n_items, 1);
	/* the first shift is over: late, in progress, not absent, no early
	 * leave, no missing punch; the second has not ended: left out */
	assert_int_equal(f.att.n_rows, 1);
	assert_int_equal(f.att.rows[0].flags, ROTA_ATT_LATE | ROTA_ATT_OPEN);
	assert_int_equal(f.att.items[0].status, ROTA_ATT_IN_PROGRESS);
	assert_int_equal(f.att.total.missing_punches, 0);
	assert_int_equal(f.att.total.worked_min, 0);
	rota_attendance_release(&f.att);

	/* 16 h later it is a missing out (the out at 20:00 set aside) */
	f.np = 1;
	f.opt.now = T(0, 22, 10, 1);
	compute(&f);
	assert_int_equal(f.att.n_rows, 2);
	assert_int_equal(f.att.rows[0].flags,
			 ROTA_ATT_LATE | ROTA_ATT_MISSING_OUT);
	assert_int_equal(f.att.rows[1].flags, ROTA_ATT_ABSENT);
	rota_attendance_release(&f.att);
}

static void unsorted_input_is_refused(void **state)
{
	struct fixture f;
	struct rota_error err = {0};

	(void)state;
	init(&f);
	day_shift(&f, 1);
	day_shift(&f, 0);
	assert_int_equal(rota_attendance_compute(f.shift, f.ns, f.punch, f.np,
						 &f.opt, &f.att, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg,
			    "attendance: shifts are not sorted by start");
	init(&f);
	out(&f, T(0, 17, 0, 0));
	in(&f, T(0, 9, 0, 0));
	assert_int_equal(rota_attendance_compute(f.shift, f.ns, f.punch, f.np,
						 &f.opt, &f.att, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg,
			    "attendance: punches are not sorted by time");
	init(&f);
	add_shift(&f, T(0, 9, 0, 0), T(0, 9, 0, 0));
	assert_int_equal(rota_attendance_compute(f.shift, f.ns, f.punch, f.np,
						 &f.opt, &f.att, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "attendance: shift 0 ends before it "
				     "starts");
	init(&f);
	add_break_shift(&f, T(0, 9, 0, 0), T(0, 17, 0, 0), T(0, 16, 30, 0),
			T(0, 17, 30, 0));
	assert_int_equal(rota_attendance_compute(f.shift, f.ns, f.punch, f.np,
						 &f.opt, &f.att, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "attendance: the break of shift 0 is not "
				     "inside it");
	init(&f);
	add_shift(&f, T(0, 9, 0, 0), T(0, 17, 0, 0))->excused =
		ROTA_ATT_MAX_LEAVE;
	assert_int_equal(rota_attendance_compute(f.shift, f.ns, f.punch, f.np,
						 &f.opt, &f.att, &err),
			 ROTA_EINVAL);
	assert_string_equal(err.msg, "attendance: shift 0: leave type 32 out "
				     "of range");
}

static void totals_add_up_the_rows(void **state)
{
	struct fixture f;
	struct rota_att_totals t = {0};

	(void)state;
	init(&f);
	day_shift(&f, 0);
	day_shift(&f, 1);
	day_shift(&f, 2);
	in(&f, T(0, 9, 20, 0));
	out(&f, T(0, 16, 0, 0));
	in(&f, T(2, 9, 0, 0));
	in(&f, T(5, 9, 0, 0));
	out(&f, T(5, 10, 0, 0));
	compute(&f);
	for (size_t i = 0; i < f.att.n_rows; i++)
		rota_att_totals_add(&t, &f.att.rows[i]);
	assert_memory_equal(&t, &f.att.total, sizeof(t));
	assert_int_equal(t.shifts, 3);
	assert_int_equal(t.late_count, 1);
	assert_int_equal(t.early_count, 1);
	assert_int_equal(t.absences, 1);
	assert_int_equal(t.missing_punches, 1);
	assert_int_equal(t.unscheduled_min, 60);
	rota_attendance_release(&f.att);
}

/* ------------------------------------------------ breaks (issue 11) */

/* Monday 08:00-17:00 with the unpaid break 13:00-14:00 */
static void lunch_shift(struct fixture *f, int day)
{
	add_break_shift(f, T(day, 8, 0, 0), T(day, 17, 0, 0),
			T(day, 13, 0, 0), T(day, 14, 0, 0));
}

static void assert_worked_example(const struct fixture *f)
{
	const struct rota_att_totals *t = &f->att.total;

	assert_int_equal(f->att.n_rows, 1);
	assert_int_equal(f->att.rows[0].flags, 0);
	assert_int_equal(t->scheduled_min, 480);
	assert_int_equal(t->worked_min, 483);
	assert_int_equal(t->covered_min, 480);
	assert_int_equal(t->overtime_min, 3);
	assert_int_equal(t->late_count + t->early_count, 0);
	assert_int_equal(t->break_overrun_count, 0);
	assert_true(rota_att_adherence(t) == 1.0);
}

static void the_worked_example_with_a_punched_break_has_adherence_one(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	lunch_shift(&f, 0);
	in(&f, T(0, 7, 58, 0));
	out(&f, T(0, 13, 0, 0));
	in(&f, T(0, 14, 0, 0));
	out(&f, T(0, 17, 1, 0));
	compute(&f);
	assert_worked_example(&f);
	assert_int_equal(f.att.rows[0].n_items, 4);
	rota_attendance_release(&f.att);
}

static void the_worked_example_without_break_punches_gives_the_same(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	lunch_shift(&f, 0);
	in(&f, T(0, 7, 58, 0));
	out(&f, T(0, 17, 1, 0));
	compute(&f);
	/* the unpaid hour is deducted although it was not punched */
	assert_worked_example(&f);
	rota_attendance_release(&f.att);
}

static void scheduled_minutes_are_the_paid_intervals(void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	lunch_shift(&f, 0);
	add_break_shift(&f, T(1, 22, 0, 0), T(2, 6, 0, 0), T(2, 1, 45, 0),
			T(2, 2, 15, 0));   /* a night with 30 min after 01:45 */
	compute(&f);
	assert_int_equal(f.att.rows[0].scheduled_min, 480);
	assert_int_equal(f.att.rows[1].scheduled_min, 450);
	assert_int_equal(f.att.total.scheduled_min, 930);
	assert_int_equal(f.att.total.absences, 2);
	rota_attendance_release(&f.att);
}

static void break_auto_deduct_off_counts_punched_break_minutes_as_worked(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	f.opt.break_auto_deduct = 0;
	lunch_shift(&f, 0);
	in(&f, T(0, 7, 58, 0));
	out(&f, T(0, 17, 1, 0));   /* worked through lunch */
	compute(&f);
	assert_int_equal(f.att.total.scheduled_min, 480);
	assert_int_equal(f.att.total.worked_min, 543);
	assert_int_equal(f.att.total.covered_min, 480);
	assert_int_equal(f.att.total.overtime_min, 63);
	rota_attendance_release(&f.att);

	/* a punched break is not worked either way */
	init(&f);
	f.opt.break_auto_deduct = 0;
	lunch_shift(&f, 0);
	in(&f, T(0, 7, 58, 0));
	out(&f, T(0, 13, 0, 0));
	in(&f, T(0, 14, 0, 0));
	out(&f, T(0, 17, 1, 0));
	compute(&f);
	assert_worked_example(&f);
	rota_attendance_release(&f.att);
}

static void covered_counts_punched_minutes_inside_the_paid_intervals_only(
	void **state)
{
	struct fixture f;

	(void)state;
	/* lunch taken 12:30-13:30 instead of 13:00-14:00 */
	init(&f);
	lunch_shift(&f, 0);
	in(&f, T(0, 7, 58, 0));
	out(&f, T(0, 12, 30, 0));
	in(&f, T(0, 13, 30, 0));
	out(&f, T(0, 17, 1, 0));
	compute(&f);
	/* P = 08:00-13:00 + 14:00-17:00: covered 270 + 180 */
	assert_int_equal(f.att.total.covered_min, 450);
	/* 272 + 211 punched, less the 30 inside the scheduled break */
	assert_int_equal(f.att.total.worked_min, 453);
	assert_int_equal(f.att.total.overtime_min, 3);
	assert_true(rota_att_adherence(&f.att.total) == 450.0 / 480.0);
	/* back at 13:30, before the break ends: no overrun */
	assert_int_equal(f.att.total.break_overrun_count, 0);
	rota_attendance_release(&f.att);
}

static void conformance_is_worked_over_scheduled_and_may_exceed_one(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	lunch_shift(&f, 0);
	lunch_shift(&f, 1);
	in(&f, T(0, 7, 0, 0));
	out(&f, T(0, 18, 0, 0));    /* 600 worked */
	in(&f, T(1, 8, 0, 0));
	out(&f, T(1, 12, 0, 0));    /* 240 worked */
	compute(&f);
	assert_int_equal(f.att.total.scheduled_min, 960);
	assert_int_equal(f.att.total.worked_min, 840);
	assert_true(rota_att_conformance(&f.att.total) == 840.0 / 960.0);
	rota_attendance_release(&f.att);

	init(&f);
	lunch_shift(&f, 0);
	in(&f, T(0, 7, 0, 0));
	out(&f, T(0, 18, 0, 0));
	compute(&f);
	assert_true(rota_att_conformance(&f.att.total) == 600.0 / 480.0);
	assert_int_equal(f.att.total.overtime_min, 120);
	rota_attendance_release(&f.att);

	init(&f);
	assert_true(rota_att_conformance(&f.att.total) < 0);
}

static void overtime_is_worked_minus_covered_before_after_and_off_shift(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	lunch_shift(&f, 0);
	in(&f, T(0, 7, 30, 0));     /* 30 before the start */
	out(&f, T(0, 13, 0, 0));
	in(&f, T(0, 14, 0, 0));
	out(&f, T(0, 17, 45, 0));   /* 45 after the end */
	in(&f, T(5, 9, 0, 0));      /* Saturday, no shift: 60 */
	out(&f, T(5, 10, 0, 0));
	compute(&f);
	assert_int_equal(f.att.rows[0].overtime_min, 75);
	assert_int_equal(f.att.rows[0].worked_min -
				 f.att.rows[0].covered_min,
			 75);
	assert_int_equal(f.att.total.overtime_min, 135);
	assert_int_equal(f.att.total.worked_min - f.att.total.covered_min,
			 135);
	rota_attendance_release(&f.att);
}

static void coming_back_late_from_a_punched_break_is_a_break_overrun(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	lunch_shift(&f, 0);
	lunch_shift(&f, 1);
	lunch_shift(&f, 2);
	in(&f, T(0, 8, 0, 0));
	out(&f, T(0, 13, 0, 0));
	in(&f, T(0, 14, 12, 30));    /* 12.5 min after b1: 12 */
	out(&f, T(0, 17, 0, 0));
	in(&f, T(1, 8, 0, 0));
	out(&f, T(1, 13, 2, 0));
	in(&f, T(1, 14, 5, 0));      /* b1 + grace exactly: fine */
	out(&f, T(1, 17, 0, 0));
	in(&f, T(2, 8, 0, 0));       /* break not punched: no overrun */
	out(&f, T(2, 17, 0, 0));
	compute(&f);
	assert_int_equal(f.att.rows[0].flags, ROTA_ATT_BREAK_OVERRUN);
	assert_int_equal(f.att.rows[0].break_overrun_min, 12);
	/* the overrun is paid time lost, not lateness */
	assert_int_equal(f.att.rows[0].late_min, 0);
	assert_int_equal(f.att.rows[0].covered_min, 467);
	assert_int_equal(f.att.rows[1].flags, 0);
	assert_int_equal(f.att.rows[1].break_overrun_min, 0);
	assert_int_equal(f.att.rows[2].flags, 0);
	assert_int_equal(f.att.total.break_overrun_count, 1);
	assert_int_equal(f.att.total.break_overrun_min, 12);
	rota_attendance_release(&f.att);
}

static void an_absence_on_an_excused_shift_is_counted_by_its_leave_type(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	lunch_shift(&f, 0);
	f.shift[0].excused = 2;       /* say, sick */
	lunch_shift(&f, 1);
	f.shift[1].excused = 2;       /* excused, but came in after all */
	lunch_shift(&f, 2);           /* not excused: absent */
	in(&f, T(1, 8, 0, 0));
	out(&f, T(1, 17, 0, 0));
	compute(&f);
	assert_int_equal(f.att.rows[0].flags, ROTA_ATT_EXCUSED);
	assert_int_equal(f.att.rows[0].excused, 2);
	assert_int_equal(f.att.rows[0].excused_min, 480);
	assert_int_equal(f.att.rows[0].scheduled_min, 0);
	assert_int_equal(f.att.rows[1].flags, 0);
	assert_int_equal(f.att.rows[1].excused, -1);
	assert_int_equal(f.att.rows[2].flags, ROTA_ATT_ABSENT);
	assert_int_equal(f.att.total.shifts, 3);
	assert_int_equal(f.att.total.absences, 1);
	assert_int_equal(f.att.total.excused_shifts, 1);
	assert_int_equal(f.att.total.excused[2], 1);
	assert_int_equal(f.att.total.excused_min, 480);
	/* the excused shift is not held against adherence */
	assert_int_equal(f.att.total.scheduled_min, 960);
	assert_true(rota_att_adherence(&f.att.total) == 0.5);
	rota_attendance_release(&f.att);
}

static void punctuality_is_the_share_of_attended_shifts_not_late(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	for (int d = 0; d < 5; d++)
		lunch_shift(&f, d);
	f.shift[4].excused = 0;
	in(&f, T(0, 8, 0, 0));
	out(&f, T(0, 17, 0, 0));
	in(&f, T(1, 8, 20, 0));     /* late */
	out(&f, T(1, 17, 0, 0));
	in(&f, T(2, 8, 0, 0));
	out(&f, T(2, 17, 0, 0));
	/* Thursday absent, Friday excused: 3 attended, 1 late */
	compute(&f);
	assert_true(rota_att_punctuality(&f.att.total) == 2.0 / 3.0);
	rota_attendance_release(&f.att);
	init(&f);
	assert_true(rota_att_punctuality(&f.att.total) < 0);
}

static void keep_drops_rows_outside_the_range_and_adds_up_the_rest(
	void **state)
{
	struct fixture f;

	(void)state;
	init(&f);
	lunch_shift(&f, 0);
	lunch_shift(&f, 1);
	in(&f, T(1, 8, 0, 0));
	out(&f, T(1, 17, 0, 0));
	compute(&f);
	assert_int_equal(f.att.total.absences, 1);
	rota_attendance_keep(&f.att, T(1, 0, 0, 0), T(2, 0, 0, 0));
	assert_int_equal(f.att.n_rows, 1);
	assert_int_equal(f.att.total.shifts, 1);
	assert_int_equal(f.att.total.absences, 0);
	assert_int_equal(f.att.total.worked_min, 480);
	assert_int_equal(f.att.rows[0].n_items, 2);
	assert_int_equal(f.att.items[f.att.rows[0].first_item].at,
			 T(1, 8, 0, 0));
	rota_attendance_release(&f.att);
}

static void bradford_counts_spells_of_consecutive_scheduled_days(
	void **state)
{
	/* leave type 0 planned (annual), 1 unplanned (sick) */
	static const unsigned char unplanned[ROTA_ATT_MAX_LEAVE] = {0, 1};
	struct rota_bradford b;
	struct fixture f;

	(void)state;
	init(&f);
	/* Mon, Tue absent; Wed worked; Thu sick; Fri annual; (weekend off)
	 * next Mon sick; Tue worked; Wed absent */
	for (int d = 0; d < 10; d++)
		if (d != 5 && d != 6)
			lunch_shift(&f, d);
	f.shift[3].excused = 1;
	f.shift[4].excused = 0;
	f.shift[5].excused = 1;
	in(&f, T(2, 8, 0, 0));
	out(&f, T(2, 17, 0, 0));
	in(&f, T(8, 8, 0, 0));
	out(&f, T(8, 17, 0, 0));
	compute(&f);
	rota_att_bradford(&f.att, f.shift, unplanned, &b);
	/* spells: Mon-Tue, Thu-(Fri on planned leave)-Mon, Wed */
	assert_int_equal(b.spells, 3);
	assert_int_equal(b.days, 5);
	assert_int_equal(b.factor, 45);
	/* a sick day while excused with a planned type is not counted */
	rota_att_bradford(&f.att, f.shift, NULL, &b);
	assert_int_equal(b.spells, 2);   /* Mon-Tue, Wed */
	assert_int_equal(b.days, 3);
	assert_int_equal(b.factor, 12);
	rota_attendance_release(&f.att);

	init(&f);
	lunch_shift(&f, 0);
	in(&f, T(0, 8, 0, 0));
	out(&f, T(0, 17, 0, 0));
	compute(&f);
	rota_att_bradford(&f.att, f.shift, unplanned, &b);
	assert_int_equal(b.factor, 0);
	rota_attendance_release(&f.att);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(on_time_shift_has_no_exception_and_full_adherence),
		cmocka_unit_test(clocking_within_grace_is_neither_late_nor_early),
		cmocka_unit_test(clocking_in_after_grace_is_late_by_minutes_since_start),
		cmocka_unit_test(grace_comes_from_the_options),
		cmocka_unit_test(leaving_before_end_minus_grace_is_an_early_leave),
		cmocka_unit_test(shift_without_any_punch_is_an_absence),
		cmocka_unit_test(forgotten_clock_out_is_a_missing_out_not_an_absence),
		cmocka_unit_test(an_out_more_than_sixteen_hours_after_the_in_pairs_with_nothing),
		cmocka_unit_test(stray_clock_out_is_a_missing_in),
		cmocka_unit_test(forgotten_clock_in_still_shows_the_early_leave),
		cmocka_unit_test(overnight_shift_belongs_to_the_day_it_starts),
		cmocka_unit_test(night_shifts_across_dst_changes_have_their_real_length),
		cmocka_unit_test(work_overlapping_no_shift_is_unscheduled_overtime),
		cmocka_unit_test(overtime_is_work_outside_every_shift),
		cmocka_unit_test(a_period_goes_to_the_shift_it_overlaps_most_ties_to_the_earlier),
		cmocka_unit_test(minutes_are_rounded_down_per_shift),
		cmocka_unit_test(shifts_outside_the_range_and_their_work_are_left_out),
		cmocka_unit_test(an_in_without_out_before_now_is_in_progress),
		cmocka_unit_test(unsorted_input_is_refused),
		cmocka_unit_test(totals_add_up_the_rows),
		cmocka_unit_test(the_worked_example_with_a_punched_break_has_adherence_one),
		cmocka_unit_test(the_worked_example_without_break_punches_gives_the_same),
		cmocka_unit_test(scheduled_minutes_are_the_paid_intervals),
		cmocka_unit_test(break_auto_deduct_off_counts_punched_break_minutes_as_worked),
		cmocka_unit_test(covered_counts_punched_minutes_inside_the_paid_intervals_only),
		cmocka_unit_test(conformance_is_worked_over_scheduled_and_may_exceed_one),
		cmocka_unit_test(overtime_is_worked_minus_covered_before_after_and_off_shift),
		cmocka_unit_test(coming_back_late_from_a_punched_break_is_a_break_overrun),
		cmocka_unit_test(an_absence_on_an_excused_shift_is_counted_by_its_leave_type),
		cmocka_unit_test(punctuality_is_the_share_of_attended_shifts_not_late),
		cmocka_unit_test(keep_drops_rows_outside_the_range_and_adds_up_the_rest),
		cmocka_unit_test(bradford_counts_spells_of_consecutive_scheduled_days),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
