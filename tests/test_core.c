/* tests/test_core.c - time zones, civil dates, ids, day lists, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/error.h"
#include "core/model.h"
#include "core/time.h"

static struct rota_tz *load(const char *name)
{
	struct rota_error err = {0};
	struct rota_tz *tz = rota_tz_load(name, &err);

	if (!tz)
		fail_msg("loading %s: %s", name, err.msg);
	return tz;
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
	return (int64_t)rota_days_from_civil(y, mo, d) * 86400 + h * 3600 +
	       mi * 60;
}

static int64_t local(const struct rota_tz *tz, int y, int mo, int d, int h,
		     int mi)
{
	struct rota_civil c = {y, mo, d, h, mi, 0};

	return rota_tz_from_civil(tz, &c);
}

static void civil_days_round_trip_over_four_centuries(void **state)
{
	(void)state;
	for (int32_t d = -146097; d < 2 * 146097; d += 17) {
		int y, m, dd;

		rota_civil_from_days(d, &y, &m, &dd);
		assert_int_equal(rota_days_from_civil(y, m, dd), d);
	}
	assert_int_equal(rota_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(rota_days_from_civil(2000, 3, 1), 11017);
}

static void weekday_and_iso_week_monday(void **state)
{
	int32_t d = rota_days_from_civil(2026, 11, 27); /* a Friday */

	(void)state;
	assert_int_equal(rota_weekday(d), 5);
	assert_int_equal(rota_week_monday(d),
			 rota_days_from_civil(2026, 11, 23));
	assert_int_equal(rota_week_monday(rota_days_from_civil(2026, 11, 29)),
			 rota_days_from_civil(2026, 11, 23));
	assert_int_equal(rota_weekday(rota_days_from_civil(1969, 12, 31)), 3);
}

static void london_spring_forward_day_has_23_hours(void **state)
{
	struct rota_tz *tz = load("Europe/London");
	int32_t day = rota_days_from_civil(2026, 3, 29);

	(void)state;
	assert_int_equal(rota_tz_day_start(tz, day + 1) -
				 rota_tz_day_start(tz, day),
			 23 * 3600);
	/* 00:30 GMT, then clocks jump 01:00 -> 02:00 */
	assert_int_equal(local(tz, 2026, 3, 29, 0, 30), utc(2026, 3, 29, 0, 30));
	assert_int_equal(local(tz, 2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 30));
	assert_int_equal(rota_tz_offset(tz, utc(2026, 3, 29, 0, 59), NULL, NULL),
			 0);
	assert_int_equal(rota_tz_offset(tz, utc(2026, 3, 29, 1, 0), NULL, NULL),
			 3600);
	rota_tz_free(tz);
}

static void skipped_local_time_uses_offset_before_the_change(void **state)
{
	struct rota_tz *tz = load("Europe/London");
	struct rota_civil c;

	(void)state;
	/* 01:30 does not exist on 2026-03-29: read as GMT, i.e. 02:30 BST */
	assert_int_equal(local(tz, 2026, 3, 29, 1, 30), utc(2026, 3, 29, 1, 30));
	rota_tz_to_civil(tz, utc(2026, 3, 29, 1, 30), &c, NULL);
	assert_int_equal(c.hour, 2);
	assert_int_equal(c.min, 30);
	rota_tz_free(tz);
}

static void london_fall_back_day_has_25_hours_and_repeats_first(void **state)
{
	struct rota_tz *tz = load("Europe/London");
	int32_t day = rota_days_from_civil(2026, 10, 25);
	int dst;
	const char *abbr;

	(void)state;
	assert_int_equal(rota_tz_day_start(tz, day + 1) -
				 rota_tz_day_start(tz, day),
			 25 * 3600);
	/* 01:30 happens twice; the first (BST, 00:30 UTC) is chosen */
	assert_int_equal(local(tz, 2026, 10, 25, 1, 30), utc(2026, 10, 25, 0, 30));
	assert_int_equal(rota_tz_offset(tz, utc(2026, 10, 25, 0, 59), &dst, &abbr),
			 3600);
	assert_int_equal(dst, 1);
	assert_string_equal(abbr, "BST");
	assert_int_equal(rota_tz_offset(tz, utc(2026, 10, 25, 1, 0), &dst, &abbr),
			 0);
	assert_string_equal(abbr, "GMT");
	rota_tz_free(tz);
}

static void shanghai_has_no_dst(void **state)
{
	struct rota_tz *tz = load("Asia/Shanghai");

	(void)state;
	assert_int_equal(local(tz, 2026, 11, 30, 8, 0), utc(2026, 11, 30, 0, 0));
	assert_int_equal(local(tz, 2026, 7, 1, 8, 0), utc(2026, 7, 1, 0, 0));
	assert_int_equal(rota_tz_transitions(tz, utc(2026, 1, 1, 0, 0),
					     utc(2030, 1, 1, 0, 0), NULL, 0),
			 0);
	rota_tz_free(tz);
}

static void transitions_are_listed_beyond_the_table(void **state)
{
	struct rota_tz *tz = load("Europe/London");
	struct rota_tz_transition tr[8];
	int n;

	(void)state;
	n = rota_tz_transitions(tz, utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0),
				tr, 8);
	assert_int_equal(n, 2);
	assert_int_equal(tr[0].at, utc(2026, 3, 29, 1, 0));
	assert_int_equal(tr[0].before, 0);
	assert_int_equal(tr[0].after, 3600);
	assert_int_equal(tr[1].at, utc(2026, 10, 25, 1, 0));
	/* far future comes from the POSIX footer rule */
	n = rota_tz_transitions(tz, utc(2090, 1, 1, 0, 0), utc(2091, 1, 1, 0, 0),
				tr, 8);
	assert_int_equal(n, 2);
	assert_int_equal(tr[0].at, utc(2090, 3, 26, 1, 0));
	rota_tz_free(tz);
}

static void southern_hemisphere_dst_wraps_the_year(void **state)
{
	struct rota_tz *tz = load("Australia/Sydney");

	(void)state;
	assert_int_equal(rota_tz_offset(tz, utc(2026, 1, 15, 0, 0), NULL, NULL),
			 11 * 3600);
	assert_int_equal(rota_tz_offset(tz, utc(2026, 7, 15, 0, 0), NULL, NULL),
			 10 * 3600);
	assert_int_equal(rota_tz_offset(tz, utc(2095, 1, 15, 0, 0), NULL, NULL),
			 11 * 3600);
	rota_tz_free(tz);
}

static void unknown_or_unsafe_zone_names_are_refused(void **state)
{
	struct rota_error err = {0};

	(void)state;
	assert_null(rota_tz_load("Asia/Shangai", &err));
	assert_int_equal(err.code, ROTA_ENOTFOUND);
	assert_string_equal(err.msg, "unknown time zone 'Asia/Shangai' (not in "
				     "/usr/share/zoneinfo)");
	assert_null(rota_tz_load("../etc/passwd", &err));
	assert_int_equal(err.code, ROTA_EDATA);
	assert_null(rota_tz_load("/etc/localtime", &err));
	assert_int_equal(err.code, ROTA_EDATA);
}

static void instants_parse_local_and_with_offsets(void **state)
{
	struct rota_tz *tz = load("Europe/London");
	struct rota_error err = {0};
	int64_t t;

	(void)state;
	assert_int_equal(rota_parse_instant(tz, "2026-07-01 09:00", &t, &err), 0);
	assert_int_equal(t, utc(2026, 7, 1, 8, 0));
	assert_int_equal(rota_parse_instant(tz, "2026-07-01T09:00:30", &t, &err),
			 0);
	assert_int_equal(t, utc(2026, 7, 1, 8, 0) + 30);
	assert_int_equal(rota_parse_instant(tz, "2026-07-01T09:00Z", &t, &err),
			 0);
	assert_int_equal(t, utc(2026, 7, 1, 9, 0));
	assert_int_equal(
		rota_parse_instant(tz, "2026-07-01T09:00+08:00", &t, &err), 0);
	assert_int_equal(t, utc(2026, 7, 1, 1, 0));
	assert_int_equal(rota_parse_instant(tz, "2026-07-01 09:00-0530", &t,
					    &err),
			 0);
	assert_int_equal(t, utc(2026, 7, 1, 14, 30));
	assert_int_equal(rota_parse_instant(tz, "2026-02-30 09:00", &t, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg,
			    "'2026-02-30 09:00' is not a time (expected "
			    "YYYY-MM-DD HH:MM local, or ISO 8601 with an "
			    "offset)");
	assert_int_equal(rota_parse_instant(tz, "2026-07-01 25:00", &t, &err),
			 ROTA_EDATA);
	assert_int_equal(rota_parse_instant(tz, "yesterday", &t, &err),
			 ROTA_EDATA);
	rota_tz_free(tz);
}

static void local_iso_format_carries_the_offset(void **state)
{
	struct rota_tz *tz = load("Europe/London");
	char buf[40];

	(void)state;
	rota_format_local_iso(tz, utc(2026, 3, 29, 0, 30), buf, sizeof(buf));
	assert_string_equal(buf, "2026-03-29T00:30:00+00:00");
	rota_format_local_iso(tz, utc(2026, 3, 29, 1, 30), buf, sizeof(buf));
	assert_string_equal(buf, "2026-03-29T02:30:00+01:00");
	rota_tz_free(tz);
	tz = load("America/St_Johns");
	rota_format_local_iso(tz, utc(2026, 1, 10, 12, 0), buf, sizeof(buf));
	assert_string_equal(buf, "2026-01-10T08:30:00-03:30");
	rota_format_utc_iso(utc(2026, 1, 10, 12, 0), buf, sizeof(buf));
	assert_string_equal(buf, "2026-01-10T12:00:00Z");
	rota_tz_free(tz);
}

static void dates_and_times_of_day_are_validated(void **state)
{
	struct rota_error err = {0};
	int32_t d;
	int m;

	(void)state;
	assert_int_equal(rota_parse_date("2028-02-29", &d, &err), 0);
	assert_int_equal(rota_parse_date("2026-02-29", &d, &err), ROTA_EDATA);
	assert_string_equal(err.msg,
			    "'2026-02-29' is not a date (expected YYYY-MM-DD)");
	assert_int_equal(rota_parse_date("2026-1-5", &d, &err), ROTA_EDATA);
	assert_int_equal(rota_parse_hhmm("07:30", 0, &m, &err), 0);
	assert_int_equal(m, 450);
	assert_int_equal(rota_parse_hhmm("7:30", 0, &m, &err), 0);
	assert_int_equal(m, 450);
	assert_int_equal(rota_parse_hhmm("24:00", 0, &m, &err), ROTA_EDATA);
	assert_int_equal(rota_parse_hhmm("24:00", 1, &m, &err), 0);
	assert_int_equal(rota_parse_hhmm("12:60", 0, &m, &err), ROTA_EDATA);
	assert_string_equal(err.msg,
			    "'12:60' is not a time of day (expected HH:MM)");
}

static void spreadsheet_dates_and_times_with_slashes_are_accepted(
	void **state)
{
	struct rota_error err = {0};
	struct rota_tz *tz = rota_tz_load("Asia/Shanghai", &err);
	int32_t d;
	int64_t t, want;

	(void)state;
	assert_non_null(tz);
	/* what a Chinese-locale Excel writes: 2026/11/30, 2026/1/5 */
	assert_int_equal(rota_parse_date("2026/11/30", &d, &err), 0);
	assert_int_equal(d, rota_days_from_civil(2026, 11, 30));
	assert_int_equal(rota_parse_date("2026/1/5", &d, &err), 0);
	assert_int_equal(d, rota_days_from_civil(2026, 1, 5));
	/* one separator throughout, and the date must exist */
	assert_int_equal(rota_parse_date("2026/11-30", &d, &err), ROTA_EDATA);
	assert_int_equal(rota_parse_date("2026/2/30", &d, &err), ROTA_EDATA);
	assert_string_equal(err.msg,
			    "'2026/2/30' is not a date (expected YYYY-MM-DD)");
	assert_int_equal(rota_parse_date("2026/123/1", &d, &err), ROTA_EDATA);
	/* times: 2026/12/03 08:01, 2026/12/3 8:01:00 */
	assert_int_equal(rota_parse_instant(tz, "2026-12-03 08:01", &want,
					    &err), 0);
	assert_int_equal(rota_parse_instant(tz, "2026/12/03 08:01", &t, &err),
			 0);
	assert_int_equal(t, want);
	assert_int_equal(rota_parse_instant(tz, "2026/12/3 8:01:00", &t, &err),
			 0);
	assert_int_equal(t, want);
	assert_int_equal(rota_parse_instant(tz, "2026/12/3 8:1", &t, &err),
			 ROTA_EDATA);
	assert_string_equal(err.msg,
			    "'2026/12/3 8:1' is not a time (expected "
			    "YYYY-MM-DD HH:MM local, or ISO 8601 with an "
			    "offset)");
	rota_tz_free(tz);
}

static void day_lists_parse_ranges_and_lists(void **state)
{
	struct rota_error err = {0};
	uint8_t m;
	char buf[64];

	(void)state;
	assert_int_equal(rota_parse_days("Mon-Fri", &m, &err), 0);
	assert_int_equal(m, 0x1f);
	assert_int_equal(rota_parse_days("Sat;Sun", &m, &err), 0);
	assert_int_equal(m, 0x60);
	assert_int_equal(rota_parse_days("sat-mon", &m, &err), 0);
	assert_int_equal(m, 0x61);
	assert_int_equal(rota_parse_days("Monday,Wednesday", &m, &err), 0);
	assert_int_equal(m, 0x05);
	assert_int_equal(rota_parse_days("all", &m, &err), 0);
	assert_int_equal(m, 0x7f);
	assert_int_equal(rota_parse_days("Mon-Fry", &m, &err), ROTA_EDATA);
	assert_string_equal(err.msg, "'Mon-Fry' is not a list of days (expected "
				     "e.g. Mon-Fri, Sat;Sun or all)");
	assert_int_equal(rota_parse_days("", &m, &err), ROTA_EDATA);
	rota_format_days(0x1f, buf, sizeof(buf));
	assert_string_equal(buf, "Mon-Fri");
	rota_format_days(0x65, buf, sizeof(buf));
	assert_string_equal(buf, "Mon;Wed;Sat;Sun");
}

static void ids_must_be_safe_file_names(void **state)
{
	(void)state;
	assert_true(rota_id_valid("A001"));
	assert_true(rota_id_valid("emp_7.x-1"));
	assert_false(rota_id_valid(""));
	assert_false(rota_id_valid("../etc"));
	assert_false(rota_id_valid(".hidden"));
	assert_false(rota_id_valid("-rf"));
	assert_false(rota_id_valid("a/b"));
	assert_false(rota_id_valid("a b"));
	assert_false(rota_id_valid("王"));
	assert_false(rota_id_valid(
		"a123456789012345678901234567890123456789012345678901234567890123"));
}

static void errors_format_and_prefix(void **state)
{
	struct rota_error err = {0};

	(void)state;
	assert_int_equal(rota_error_set(&err, ROTA_EDATA, "bad %s", "thing"),
			 ROTA_EDATA);
	rota_error_prefix(&err, "staff.csv:%d", 14);
	assert_string_equal(err.msg, "staff.csv:14: bad thing");
	assert_string_equal(rota_status_name(ROTA_EDATA), "EDATA");
	assert_string_equal(rota_strerror(ROTA_EINFEASIBLE),
			    "no solution satisfies every hard rule");
	assert_int_equal(rota_error_set(NULL, ROTA_EIO, "x"), ROTA_EIO);
}

static void contract_rules_have_names_and_defaults(void **state)
{
	struct rota_contract c;

	(void)state;
	rota_contract_defaults(&c);
	assert_int_equal(rota_rule_find("min_rest_min"), ROTA_RULE_min_rest_min);
	assert_int_equal(c.rule[ROTA_RULE_min_rest_min].value, 660);
	assert_int_equal(c.rule[ROTA_RULE_min_consecutive_days].value,
			 ROTA_UNSET);
	assert_int_equal(rota_rule_find("no_such_rule"), -1);
	assert_null(rota_rule_name(ROTA_RULE_COUNT));
}

static void night_shifts_are_recognised(void **state)
{
	struct rota_shift late = {.start_min = 13 * 60, .length_min = 540};
	struct rota_shift night = {.start_min = 22 * 60, .length_min = 480};
	struct rota_shift dawn = {.start_min = 4 * 60, .length_min = 480};

	(void)state;
	assert_false(rota_shift_is_night(&late));
	assert_true(rota_shift_is_night(&night));
	assert_true(rota_shift_is_night(&dawn));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(civil_days_round_trip_over_four_centuries),
		cmocka_unit_test(weekday_and_iso_week_monday),
		cmocka_unit_test(london_spring_forward_day_has_23_hours),
		cmocka_unit_test(skipped_local_time_uses_offset_before_the_change),
		cmocka_unit_test(london_fall_back_day_has_25_hours_and_repeats_first),
		cmocka_unit_test(shanghai_has_no_dst),
		cmocka_unit_test(transitions_are_listed_beyond_the_table),
		cmocka_unit_test(southern_hemisphere_dst_wraps_the_year),
		cmocka_unit_test(unknown_or_unsafe_zone_names_are_refused),
		cmocka_unit_test(instants_parse_local_and_with_offsets),
		cmocka_unit_test(local_iso_format_carries_the_offset),
		cmocka_unit_test(dates_and_times_of_day_are_validated),
		cmocka_unit_test(spreadsheet_dates_and_times_with_slashes_are_accepted),
		cmocka_unit_test(day_lists_parse_ranges_and_lists),
		cmocka_unit_test(ids_must_be_safe_file_names),
		cmocka_unit_test(errors_format_and_prefix),
		cmocka_unit_test(contract_rules_have_names_and_defaults),
		cmocka_unit_test(night_shifts_are_recognised),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
