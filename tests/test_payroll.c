/*
 * tests/test_payroll.c - pay codes from the attendance (store/payroll.c),
 * pure: hand-made shifts and punches through rota_attendance_compute(),
 * then rota_payroll_compute().  Times are UTC from Monday 2026-03-02.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/time.h"
#include "store/store.h"

#define MAXN 32

static int32_t MON;

static int64_t T(int day, int h, int m)
{
	return ((int64_t)MON + day) * 86400 + h * 3600 + m * 60;
}

struct fx {
	struct rota_att_shift shift[MAXN];
	size_t ns;
	struct rota_punch punch[MAXN * 4];
	size_t np;
	struct rota_pay_day days[MAXN];
	size_t nd;
	struct rota_holiday hol[8];
	struct rota_pay_rules rules;
	struct rota_tz *tz;
	struct rota_attendance att;
	struct rota_pay pay;
};

static void init(struct fx *f)
{
	struct rota_error err = {0};

	memset(f, 0, sizeof(*f));
	MON = rota_days_from_civil(2026, 3, 2);
	f->tz = rota_tz_load("UTC", &err);
	assert_non_null(f->tz);
	rota_hr_settings_defaults(&f->rules.hr);
	f->rules.tz = f->tz;
	f->rules.holidays = f->hol;
}

static void done(struct fx *f)
{
	rota_attendance_release(&f->att);
	rota_tz_free(f->tz);
}

/* day d 08:00-17:00 with the break 13:00-14:00 (480 paid) */
static struct rota_att_shift *day_shift(struct fx *f, int d)
{
	struct rota_att_shift *s = &f->shift[f->ns++];

	memset(s, 0, sizeof(*s));
	strcpy(s->shift, "D");
	s->day = MON + d;
	s->start = T(d, 8, 0);
	s->end = T(d, 17, 0);
	s->break_start = T(d, 13, 0);
	s->break_end = T(d, 14, 0);
	s->excused = -1;
	return s;
}

static void work(struct fx *f, int64_t in, int64_t out)
{
	size_t n = f->np;

	f->punch[n] = (struct rota_punch){(int64_t)n + 1, in, ROTA_PUNCH_IN};
	f->punch[n + 1] =
		(struct rota_punch){(int64_t)n + 2, out, ROTA_PUNCH_OUT};
	f->np = n + 2;
}

static struct rota_pay_day *pay_day(struct fx *f, int d)
{
	struct rota_pay_day *p = &f->days[f->nd];

	f->nd++;

	memset(p, 0, sizeof(*p));
	p->day = MON + d;
	return p;
}

/* Pay for days [d0, d1] of the week. */
static void pay(struct fx *f, int d0, int d1)
{
	struct rota_att_options opt = ROTA_ATT_OPTIONS_INIT;
	struct rota_error err = {0};

	opt.from = T(0, 0, 0);
	opt.to = T(14, 0, 0);
	opt.break_auto_deduct = f->rules.hr.v[ROTA_HR_break_auto_deduct];
	rota_attendance_release(&f->att);
	if (rota_attendance_compute(f->shift, f->ns, f->punch, f->np, &opt,
				    &f->att, &err) < 0)
		fail_msg("attendance: %s", err.msg);
	if (rota_payroll_compute(&f->att, f->shift, f->days, f->nd, &f->rules,
				 MON + d0, MON + d1, &f->pay, &err) < 0)
		fail_msg("payroll: %s", err.msg);
	/* the codes add up to the attendance of those days */
	{
		long worked = 0;

		for (size_t k = 0; k < f->att.n_rows; k++) {
			const struct rota_att_row *r = &f->att.rows[k];
			int32_t day = r->shift >= 0
					      ? f->shift[r->shift].day
					      : (int32_t)(r->start / 86400);

			if (day >= MON + d0 && day <= MON + d1)
				worked += r->worked_min;
		}
		assert_int_equal(f->pay.regular + f->pay.overtime +
					 f->pay.not_paid,
				 worked);
	}
}

static void early_arrival_is_not_paid_unless_approved(void **state)
{
	struct fx f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	work(&f, T(0, 7, 58), T(0, 17, 1));   /* the example */
	pay(&f, 0, 0);
	assert_int_equal(f.pay.regular, 480);
	assert_int_equal(f.pay.overtime, 0);
	assert_int_equal(f.pay.not_paid, 3);
	/* with pay_unapproved_overtime the 3 minutes are paid time (under
	 * the daily threshold: regular) */
	f.rules.hr.v[ROTA_HR_pay_unapproved_overtime] = 1;
	f.rules.hr.v[ROTA_HR_daily_overtime_after_min] = 0;
	pay(&f, 0, 0);
	assert_int_equal(f.pay.regular, 483);
	assert_int_equal(f.pay.not_paid, 0);
	done(&f);
}

static void approved_overtime_is_paid_as_overtime_up_to_what_was_approved(
	void **state)
{
	struct fx f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	day_shift(&f, 1);
	work(&f, T(0, 8, 0), T(0, 19, 0));    /* 2 h late stay */
	work(&f, T(1, 8, 0), T(1, 17, 30));   /* 30 min */
	pay_day(&f, 0)->approved_min = 60;
	pay_day(&f, 1)->approved_min = 90;    /* more than was worked */
	pay(&f, 0, 1);
	assert_int_equal(f.pay.regular, 960);
	assert_int_equal(f.pay.overtime, 60 + 30);
	assert_int_equal(f.pay.not_paid, 60);
	done(&f);
}

static void paid_minutes_past_the_daily_threshold_are_overtime(void **state)
{
	struct fx f;
	struct rota_att_shift *s;

	(void)state;
	init(&f);
	s = day_shift(&f, 0);
	s->end = T(0, 19, 0);                  /* 600 paid */
	work(&f, T(0, 8, 0), T(0, 19, 0));
	pay(&f, 0, 0);
	assert_int_equal(f.pay.regular, 480);
	assert_int_equal(f.pay.overtime, 120);
	f.rules.hr.v[ROTA_HR_daily_overtime_after_min] = 0;   /* none */
	pay(&f, 0, 0);
	assert_int_equal(f.pay.regular, 600);
	assert_int_equal(f.pay.overtime, 0);
	done(&f);
}

static void the_weekly_threshold_counts_the_weeks_earlier_days(void **state)
{
	struct fx f;

	(void)state;
	init(&f);
	for (int d = 0; d < 6; d++) {   /* Monday to Saturday */
		day_shift(&f, d);
		work(&f, T(d, 8, 0), T(d, 17, 0));
	}
	pay(&f, 0, 6);
	assert_int_equal(f.pay.regular, 2400);
	assert_int_equal(f.pay.overtime, 480);
	/* paying Saturday alone: Monday-Friday still reached 2400 */
	pay(&f, 5, 5);
	assert_int_equal(f.pay.regular, 0);
	assert_int_equal(f.pay.overtime, 480);
	assert_int_equal(f.pay.weekend, 480);
	done(&f);
}

static void night_weekend_and_holiday_premiums_are_on_paid_minutes(
	void **state)
{
	struct fx f;
	struct rota_att_shift *s;

	(void)state;
	init(&f);
	/* Friday 18:00-02:00 (break 22:00-22:30): 450 paid, of which 23:00
	 * -02:00 in the night window 23:00-06:00 and 00:00-02:00 on Sat */
	s = day_shift(&f, 4);
	s->start = T(4, 18, 0);
	s->end = T(5, 2, 0);
	s->break_start = T(4, 22, 0);
	s->break_end = T(4, 22, 30);
	work(&f, T(4, 18, 0), T(5, 2, 0));
	f.rules.hr.v[ROTA_HR_night_start] = 23 * 60;
	pay(&f, 4, 4);
	assert_int_equal(f.pay.regular, 450);
	assert_int_equal(f.pay.night, 180);
	assert_int_equal(f.pay.weekend, 120);
	assert_int_equal(f.pay.n_rates, 0);
	/* Saturday a make-up working day (1): no weekend premium; Friday a
	 * public holiday (3) */
	f.hol[0] = (struct rota_holiday){MON + 4, "holiday", 3};
	f.hol[1] = (struct rota_holiday){MON + 5, "make-up day", 1};
	f.rules.n_holidays = 2;
	pay(&f, 4, 4);
	assert_int_equal(f.pay.weekend, 0);
	assert_int_equal(f.pay.n_rates, 1);
	assert_true(f.pay.rate[0] == 3);
	assert_int_equal(f.pay.holiday[0], 330);
	done(&f);
}

static void premiums_take_approved_extra_from_the_end_of_the_day(
	void **state)
{
	struct fx f;

	(void)state;
	init(&f);
	day_shift(&f, 0);
	/* 06:00 in, 22:00 out: 120 early, 300 late, 60 approved: paid are
	 * 21:00-22:00 (the end of the day), not 06:00-07:00; the night window
	 * 21:30-07:00 holds 30 of them */
	work(&f, T(0, 6, 0), T(0, 22, 0));
	pay_day(&f, 0)->approved_min = 60;
	f.rules.hr.v[ROTA_HR_night_start] = 21 * 60 + 30;
	f.rules.hr.v[ROTA_HR_night_end] = 7 * 60;
	pay(&f, 0, 0);
	assert_int_equal(f.pay.overtime, 60);
	assert_int_equal(f.pay.not_paid, 360);
	assert_int_equal(f.pay.night, 30);
	/* unpaid time earns no premium; all paid: 60 + 30 */
	f.rules.hr.v[ROTA_HR_pay_unapproved_overtime] = 1;
	pay(&f, 0, 0);
	assert_int_equal(f.pay.night, 90);
	assert_int_equal(f.pay.not_paid, 0);
	assert_int_equal(f.pay.regular, 480);
	assert_int_equal(f.pay.overtime, 420);
	done(&f);
}

static void excused_shifts_and_leave_days_are_credited_by_type(void **state)
{
	struct fx f;

	(void)state;
	init(&f);
	day_shift(&f, 0)->excused = 2;       /* a sick call */
	day_shift(&f, 1);
	work(&f, T(1, 8, 0), T(1, 17, 0));
	pay_day(&f, 2)->leave_min[0] = 480;  /* a day of annual leave */
	pay_day(&f, 3)->leave_min[4] = 240;  /* half a day unpaid */
	pay(&f, 0, 6);
	assert_int_equal(f.pay.leave[2], 480);
	assert_int_equal(f.pay.leave[0], 480);
	assert_int_equal(f.pay.leave[4], 240);
	assert_int_equal(f.pay.regular, 480);
	/* outside the range: nothing */
	pay(&f, 4, 6);
	assert_int_equal(f.pay.leave[0] + f.pay.leave[2] + f.pay.leave[4], 0);
	done(&f);
}

/* docs/attendance.md, "Payroll": the worked week, day by day. */
static void the_worked_week_of_the_docs(void **state)
{
	struct fx f;
	struct rota_att_shift *sat;

	(void)state;
	init(&f);
	for (int d = 0; d < 7; d++)
		day_shift(&f, d);
	sat = &f.shift[5];
	sat->start = T(5, 14, 0);
	sat->end = T(5, 23, 0);
	sat->break_start = T(5, 18, 0);
	sat->break_end = T(5, 19, 0);
	f.shift[2].excused = 1;                    /* Wed: sick */
	f.hol[0] = (struct rota_holiday){MON + 4, "holiday", 3};
	f.rules.n_holidays = 1;
	work(&f, T(0, 7, 58), T(0, 17, 1));        /* Mon */
	work(&f, T(1, 8, 0), T(1, 19, 0));         /* Tue, 60 approved */
	pay_day(&f, 1)->approved_min = 60;
	work(&f, T(3, 8, 10), T(3, 17, 0));        /* Thu, late */
	work(&f, T(4, 8, 0), T(4, 17, 0));         /* Fri, a holiday */
	work(&f, T(5, 14, 0), T(5, 23, 0));        /* Sat */
	work(&f, T(6, 8, 0), T(6, 17, 0));         /* Sun */
	pay(&f, 0, 6);
	assert_int_equal(f.att.total.worked_min, 2993);
	assert_int_equal(f.pay.regular, 2400);
	assert_int_equal(f.pay.overtime, 530);
	assert_int_equal(f.pay.not_paid, 63);
	assert_int_equal(f.pay.night, 60);
	assert_int_equal(f.pay.weekend, 960);
	assert_int_equal(f.pay.n_rates, 1);
	assert_int_equal(f.pay.holiday[0], 480);
	assert_int_equal(f.pay.leave[1], 480);
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(early_arrival_is_not_paid_unless_approved),
		cmocka_unit_test(approved_overtime_is_paid_as_overtime_up_to_what_was_approved),
		cmocka_unit_test(paid_minutes_past_the_daily_threshold_are_overtime),
		cmocka_unit_test(the_weekly_threshold_counts_the_weeks_earlier_days),
		cmocka_unit_test(night_weekend_and_holiday_premiums_are_on_paid_minutes),
		cmocka_unit_test(premiums_take_approved_extra_from_the_end_of_the_day),
		cmocka_unit_test(excused_shifts_and_leave_days_are_credited_by_type),
		cmocka_unit_test(the_worked_week_of_the_docs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
