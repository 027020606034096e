/* cli/att.c - helpers shared by the attendance commands (cli/att.h). */
#include "cli/att.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int att_site(struct cli_ctx *ctx, struct rota_store *st,
	     struct rota_site *site, struct rota_tz **tz)
{
	struct rota_error err = {0};

	if (rota_store_site_get(st, site, &err) < 0)
		return cli_fail(ctx, &err);
	if (!(*tz = rota_tz_load(site->timezone, &err)))
		return cli_fail(ctx, &err);
	return CLI_EXIT_OK;
}

int att_now(struct cli_ctx *ctx, const struct rota_tz *tz, int64_t *now)
{
	const char *env = getenv("ROTA_NOW");
	char *end;
	long long v;

	if (!env || !*env) {
		*now = (int64_t)time(NULL);
		return 0;
	}
	errno = 0;
	v = strtoll(env, &end, 10);
	if (!errno && end != env && !*end) {
		*now = (int64_t)v;
		return 0;
	}
	if (rota_parse_instant(tz, env, now, NULL) == 0)
		return 0;
	cli_usage_error(ctx, "$ROTA_NOW: '%s' is not a time", env);
	return -1;
}

int att_time_arg(struct cli_ctx *ctx, const struct rota_tz *tz,
		 const char *opt, const char *text, int64_t *out)
{
	struct rota_error err = {0};

	if (rota_parse_instant(tz, text, out, &err) < 0) {
		cli_usage_error(ctx, "%s: %s", opt, err.msg);
		return -1;
	}
	return 0;
}

int att_date_arg(struct cli_ctx *ctx, const char *opt, const char *text,
		 int32_t *out)
{
	struct rota_error err = {0};

	if (rota_parse_date(text, out, &err) < 0) {
		cli_usage_error(ctx, "%s: %s", opt, err.msg);
		return -1;
	}
	return 0;
}

int att_period_args(struct cli_ctx *ctx, const char *from_s,
		    const char *to_s, int32_t *from, int32_t *to)
{
	if (!from_s || !to_s)
		return cli_usage_error(ctx, "--from and --to are required");
	if (att_date_arg(ctx, "--from", from_s, from) < 0 ||
	    att_date_arg(ctx, "--to", to_s, to) < 0)
		return CLI_EXIT_USAGE;
	if (*to < *from)
		return cli_usage_error(ctx, "--to is before --from");
	return 0;
}

int att_as_of(struct cli_ctx *ctx, const struct rota_tz *tz,
	      const char *as_of, int64_t *now)
{
	return as_of ? att_time_arg(ctx, tz, "--as-of", as_of, now)
		     : att_now(ctx, tz, now);
}

int att_report_open(struct cli_ctx *ctx, int argc, char **argv,
		    int with_detail, struct att_report *r, int *exit_code)
{
	const char *from_s = NULL, *to_s = NULL, *fmt_s = NULL, *as_of = NULL;
	const struct cli_option opts[] = {
		{"from", CLI_OPT_STRING, &from_s, NULL},
		{"to", CLI_OPT_STRING, &to_s, NULL},
		{"employee", CLI_OPT_STRING, &r->q.employee, NULL},
		{"team", CLI_OPT_STRING, &r->q.team, NULL},
		{"as-of", CLI_OPT_STRING, &as_of, NULL},
		{"format", CLI_OPT_STRING, &fmt_s, NULL},
		/* without detail, this entry ends the table */
		{with_detail ? "detail" : NULL, CLI_OPT_FLAG, NULL,
		 &r->q.detail},
		{NULL, 0, NULL, NULL},
	};
	const struct rota_attendance_query q0 = ROTA_ATTENDANCE_QUERY_INIT;
	const char *pos[1];

	memset(r, 0, sizeof(*r));
	r->q = q0;
	if (cli_parse_args(ctx, argc, argv, opts, pos, 0, exit_code) < 0)
		return -1;
	if ((*exit_code = cli_format_arg(ctx, fmt_s, &r->fmt)) != 0 ||
	    (*exit_code = att_period_args(ctx, from_s, to_s, &r->q.from,
					  &r->q.to)) != 0 ||
	    (*exit_code = cli_open_store(ctx, ROTA_STORE_READONLY,
					 &r->st)) != 0 ||
	    (*exit_code = att_site(ctx, r->st, &r->site, &r->tz)) != 0)
		return -1;
	if (att_as_of(ctx, r->tz, as_of, &r->q.now) < 0) {
		*exit_code = CLI_EXIT_USAGE;
		return -1;
	}
	return 0;
}

void att_report_close(struct att_report *r)
{
	rota_tz_free(r->tz);
	rota_store_close(r->st);
	r->tz = NULL;
	r->st = NULL;
}

int att_kind_arg(const char *text)
{
	if (strcmp(text, "in") == 0)
		return ROTA_PUNCH_IN;
	if (strcmp(text, "out") == 0)
		return ROTA_PUNCH_OUT;
	return -1;
}

int32_t att_row_day(const struct rota_attendance_report *r,
		    const struct rota_tz *tz, const struct rota_att_row *row)
{
	if (row->shift >= 0 && r->shifts)
		return r->shifts[row->shift].day;
	return rota_tz_day_of(tz, row->start);
}

void att_hhmm(const struct rota_tz *tz, int64_t t, int32_t day, char *buf,
	      size_t size)
{
	struct rota_civil c;
	int32_t d = rota_tz_day_of(tz, t);

	rota_tz_to_civil(tz, t, &c, NULL);
	if (d == day)
		snprintf(buf, size, "%02d:%02d", c.hour, c.min);
	else
		snprintf(buf, size, "%02d:%02d%+d", c.hour, c.min,
			 (int)(d - day));
}

static void append(char *buf, size_t size, const char *sep, const char *s)
{
	size_t len = strlen(buf);

	if (len >= size)
		return;
	snprintf(buf + len, size - len, "%s%s", len ? sep : "", s);
}

void att_flags(const struct rota_attendance_report *r,
	       const struct rota_att_row *row, char *buf, size_t size)
{
	static const struct {
		int flag;
		const char *word;
	} words[] = {
		{ROTA_ATT_LATE, "late"},
		{ROTA_ATT_EARLY, "early"},
		{ROTA_ATT_ABSENT, "absent"},
		{ROTA_ATT_EXCUSED, "excused_"},
		{ROTA_ATT_BREAK_OVERRUN, "break_overrun"},
		{ROTA_ATT_MISSING_IN, "missing_in"},
		{ROTA_ATT_MISSING_OUT, "missing_out"},
		{ROTA_ATT_OPEN, "in_progress"},
	};

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char w[ROTA_ID_MAX + 16];

		if (!(row->flags & words[i].flag))
			continue;
		snprintf(w, sizeof(w), "%s%s", words[i].word,
			 words[i].flag == ROTA_ATT_EXCUSED && row->excused >= 0 &&
					 row->excused < r->n_leave
				 ? r->leave[row->excused].name
				 : "");
		append(buf, size, " ", w);
	}
	if (row->kind == ROTA_ATT_UNSCHEDULED)
		append(buf, size, " ", "unscheduled");
}

void att_punches(const struct rota_tz *tz, const struct rota_attendance *a,
		 const struct rota_att_row *row, int32_t day, char *buf,
		 size_t size)
{
	static const char *const note[] = {"", " (no in)", " (no out)",
					   " (in progress)"};

	buf[0] = '\0';
	for (size_t i = 0; i < row->n_items; i++) {
		const struct rota_att_item *it = &a->items[row->first_item + i];
		char hm[16], one[48];

		att_hhmm(tz, it->at, day, hm, sizeof(hm));
		snprintf(one, sizeof(one), "%s %s%s", hm,
			 rota_punch_kind_name(it->kind),
			 note[it->status & 3]);
		append(buf, size, ", ", one);
	}
}

void att_adherence(const struct rota_att_totals *t, char *buf, size_t size)
{
	double a = rota_att_adherence(t);

	if (a < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, "%.4f", a);
}

void att_fraction(double v, char *buf, size_t size)
{
	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, "%.4f", v);
}

void att_break(const struct rota_attendance_report *r,
	       const struct rota_tz *tz, const struct rota_att_row *row,
	       int32_t day, char *b0, char *b1, size_t size)
{
	const struct rota_att_shift *s;

	b0[0] = b1[0] = '\0';
	if (row->shift < 0 || !r->shifts)
		return;
	s = &r->shifts[row->shift];
	if (s->break_end <= s->break_start)
		return;
	att_hhmm(tz, s->break_start, day, b0, size);
	att_hhmm(tz, s->break_end, day, b1, size);
}
