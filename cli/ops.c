/* cli/ops.c - helpers of the operating-loop commands (cli/ops.h). */
#include "cli/ops.h"

#include <stdio.h>
#include <string.h>

#include "cli/att.h"

int ops_when_arg(struct cli_ctx *ctx, const struct rota_tz *tz,
		 const char *opt, const char *text, int is_end, int64_t *out)
{
	int32_t day;

	if (strlen(text) == 10 && rota_parse_date(text, &day, NULL) == 0) {
		*out = rota_tz_day_start(tz, day + (is_end ? 1 : 0));
		return 0;
	}
	return att_time_arg(ctx, tz, opt, text, out);
}

void ops_local(const struct rota_tz *tz, int64_t t, char *buf, size_t size)
{
	rota_format_local_short(tz, t, buf, (unsigned)size);
}

void ops_print_notes(struct cli_ctx *ctx, const struct rota_plan_notes *n)
{
	for (size_t i = 0; n && i < n->n; i++)
		fprintf(ctx->err, "%s: note: %s\n", ctx->prog, n->text[i]);
}

void ops_describe(struct rota_plan *pl, const struct rota_assignment *a,
		  char *buf, size_t size)
{
	const struct rota_dataset *ds = rota_plan_dataset(pl);
	const struct rota_tz *tz = rota_plan_tz(pl);
	int i = rota_dataset_shift(ds, a->shift);
	char day[16], t0[20], t1[20];

	rota_format_date(a->day, day, sizeof(day));
	ops_local(tz, a->start, t0, sizeof(t0));
	ops_local(tz, a->end, t1, sizeof(t1));
	snprintf(buf, size, "%s's %s on %s %s (%s-%s)", a->employee,
		 i >= 0 ? ds->shifts[i].name : a->shift,
		 rota_weekday_name(rota_weekday(a->day)), day, t0 + 11,
		 t1 + 11);
}

void ops_print_change(struct cli_ctx *ctx, struct rota_plan *pl,
		      const struct rota_roster_change *ch)
{
	char what[200];

	if (ch->old.shift[0]) {
		ops_describe(pl, &ch->old, what, sizeof(what));
		fprintf(ctx->out, "  - %s\n", what);
	}
	if (ch->now.shift[0]) {
		ops_describe(pl, &ch->now, what, sizeof(what));
		fprintf(ctx->out, "  + %s\n", what);
	}
}
