/*
 * cli/ops.h - private to the operating-loop commands (absence, cover,
 * swap, timeoff): times on the command line and how notes are shown.
 */
#ifndef ROTA_CLI_OPS_H
#define ROTA_CLI_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "cli/cli.h"
#include "plan/plan.h"

/*
 * --from / --to of a period: a date (YYYY-MM-DD: the start of that day,
 * or with is_end the end of it) or a local time as --at takes it.
 * Returns 0, or -1 after printing a usage error naming opt.
 */
int ops_when_arg(struct cli_ctx *ctx, const struct rota_tz *tz,
		 const char *opt, const char *text, int is_end, int64_t *out);

/* "2026-12-02 08:00" local into buf (at least 17 bytes). */
void ops_local(const struct rota_tz *tz, int64_t t, char *buf, size_t size);

/* Print each note as "rota: note: ..." on stderr. */
void ops_print_notes(struct cli_ctx *ctx, const struct rota_plan_notes *n);

/* "A001's Early shift on Wed 2026-12-02 (08:00-17:00)" */
void ops_describe(struct rota_plan *pl, const struct rota_assignment *a,
		  char *buf, size_t size);

/* A change as "  - old" and "  + new" lines (what goes, what comes). */
void ops_print_change(struct cli_ctx *ctx, struct rota_plan *pl,
		      const struct rota_roster_change *ch);

#endif
