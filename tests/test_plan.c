/* tests/test_plan.c - the workflow layer: frozen time, the notice window
 * and roster versions through rota_plan_commit(). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/plan.h"
#include "plan_fixture.h"


static int plan_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct rota_store *st = NULL;
	struct rota_error err = {0};

	fx_create(f, "plan", &st);
	import(f, st, ROTA_IMPORT_SITE, "site.ini",
	       "[site]\nname = Plan test\ntimezone = Asia/Shanghai\n"
	       "[skill.voice]\n[operations]\nnotice_hours = 12\n");
	import(f, st, ROTA_IMPORT_CONTRACTS, "contracts.csv",
	       "id,min_week_min,max_week_min\nft,0,2400\n");
	import(f, st, ROTA_IMPORT_STAFF, "staff.csv",
	       "id,name,contract,skills\nA001,Li,ft,voice\nA002,Wei,ft,voice\n");
	import(f, st, ROTA_IMPORT_SHIFTS, "shifts.csv",
	       "code,name,start,length_min,break_min,days\n"
	       "E,Early shift,08:00,540,60,Mon-Sun\n"
	       "L,Late shift,13:00,540,60,Mon-Sun\n");
	rota_store_close(st);
	/* now: Wednesday 2026-12-02 10:00 in Shanghai (02:00 UTC) */
	assert_int_equal(rota_plan_open(f->db, 0, 1796176800, &f->pl, &err),
			 0);
	*state = f;
	return 0;
}

/* A's shift `code` on day d of the week of Monday 2026-11-30. */
static struct rota_assignment at(const struct fx *f, const char *emp, int d,
				 const char *code)
{
	const struct rota_dataset *ds = rota_plan_dataset(f->pl);
	int32_t day = rota_days_from_civil(2026, 11, 30) + d;
	const struct rota_shift *s = &ds->shifts[rota_dataset_shift(ds, code)];
	struct rota_assignment a;

	memset(&a, 0, sizeof(a));
	rota_strlcpy(a.employee, emp, sizeof(a.employee));
	rota_strlcpy(a.shift, code, sizeof(a.shift));
	a.day = day;
	a.start = rota_tz_local_minutes(rota_plan_tz(f->pl), day, s->start_min);
	a.end = a.start + (int64_t)s->length_min * 60;
	a.paid_min = s->length_min - s->break_min;
	return a;
}

static int commit(struct fx *f, struct rota_assignment *as, size_t n,
		  int force, struct rota_plan_notes *notes,
		  struct rota_error *err)
{
	struct rota_roster r;
	struct rota_version_meta m = ROTA_VERSION_META_INIT;

	memset(&r, 0, sizeof(r));
	r.week = rota_days_from_civil(2026, 11, 30);
	r.created_at = rota_plan_now(f->pl);
	rota_strlcpy(r.origin, "import", sizeof(r.origin));
	r.assignments = as;
	r.n_assignments = n;
	m.kind = "edit";
	m.by = "test";
	return rota_plan_commit(f->pl, &r, NULL, 0, &m, force, NULL, NULL,
				notes, err);
}

static void a_new_week_may_be_created_in_the_past(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};
	struct rota_assignment as[2] = {at(f, "A001", 0, "E"),
					at(f, "A002", 4, "L")};

	assert_int_equal(commit(f, as, 2, 0, NULL, &err), 0);
}

static void past_time_is_frozen(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};
	struct rota_assignment as[3] = {at(f, "A001", 0, "E"),
					at(f, "A001", 2, "E"),
					at(f, "A002", 4, "L")};

	assert_int_equal(commit(f, as, 3, 0, NULL, &err), 0);
	/* Monday's shift is long over */
	as[0] = at(f, "A001", 0, "L");
	assert_int_equal(commit(f, as, 3, 1, NULL, &err), ROTA_ECONFLICT);
	assert_string_equal(err.msg, "A001's Early shift on Mon 2026-11-30 "
				     "(08:00) has started: past time is "
				     "frozen");
	/* Wednesday's began at 08:00, two hours ago: not even removed */
	as[0] = at(f, "A001", 0, "E");
	as[1] = at(f, "A002", 4, "L");
	assert_int_equal(commit(f, as, 2, 1, NULL, &err), ROTA_ECONFLICT);
	assert_string_equal(err.msg, "A001's Early shift on Wed 2026-12-02 "
				     "(08:00) has started: past time is "
				     "frozen");
	/* nor can a shift be added that would have started already */
	as[1] = at(f, "A001", 2, "E");
	as[2] = at(f, "A002", 2, "E");
	assert_int_equal(commit(f, as, 3, 1, NULL, &err), ROTA_ECONFLICT);
	assert_string_equal(err.msg, "A002's Early shift on Wed 2026-12-02 "
				     "(08:00) would start in the past: past "
				     "time is frozen");
}

static void the_notice_window_needs_force(void **state)
{
	struct fx *f = *state;
	struct rota_error err = {0};
	struct rota_plan_notes notes = {0};
	struct rota_assignment as[2] = {at(f, "A001", 2, "E"),
					at(f, "A002", 3, "E")};

	assert_int_equal(commit(f, as, 2, 0, NULL, &err), 0);
	assert_int_equal(rota_store_roster_set_status(
				 rota_plan_store(f->pl),
				 rota_days_from_civil(2026, 11, 30),
				 "published", &err),
			 0);
	/* Thursday 08:00 is 22 h away: outside the 12 h window */
	as[1] = at(f, "A002", 3, "L");
	assert_int_equal(commit(f, as, 2, 0, &notes, &err), 0);
	assert_int_equal(notes.n, 1);
	assert_string_equal(notes.text[0],
			    "the roster of the week of 2026-11-30 was "
			    "published (version 1); version 2 changes it: "
			    "publish again to update the calendars");
	rota_plan_notes_release(&notes);
	/* at 22:00 Wednesday it is inside */
	rota_plan_set_now(f->pl, 1796176800 + 12 * 3600);
	as[1] = at(f, "A002", 3, "E");
	assert_int_equal(commit(f, as, 2, 0, NULL, &err), ROTA_ECONFLICT);
	assert_string_equal(err.msg, "A002's Early shift on Thu 2026-12-03 "
				     "(08:00) starts within the 12 h notice "
				     "window (--force to change it)");
	assert_int_equal(commit(f, as, 2, 1, NULL, &err), 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, plan_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_new_week_may_be_created_in_the_past),
		T(past_time_is_frozen),
		T(the_notice_window_needs_force),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
