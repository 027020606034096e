/* rota punch - correct clock records (each correction is a new record). */
#include <string.h>

#include "cli/att.h"

static const char usage[] =
	"usage: rota punch add EMPLOYEE in|out --at TIME --reason TEXT --by NAME\n"
	"       rota punch void ID --reason TEXT --by NAME\n"
	"       rota punch correct ID --at TIME --reason TEXT --by NAME\n"
	"\n"
	"Clock records are never edited or deleted.  A correction is a new\n"
	"record that says who made it and why:\n"
	"  add      a punch that was forgotten\n"
	"  void     takes record ID out of attendance\n"
	"  correct  replaces the time of record ID (same employee and kind)\n"
	"A record can be voided or corrected once; to change a correction,\n"
	"void or correct the correction.  'rota punches --all' shows them all.\n"
	"TIME is local site time 'YYYY-MM-DD HH:MM[:SS]' or ISO 8601 with an\n"
	"offset.  Exit 1 when the record does not exist or was already\n"
	"corrected.\n";

static void describe(struct cli_ctx *ctx, const struct rota_tz *tz,
		     const struct rota_punch_record *r, const char *verb)
{
	char shown[32];

	rota_format_local_iso(tz, r->at, shown, sizeof(shown));
	if (r->corrects)
		fprintf(ctx->out, "record %lld %s record %lld: %s %s at %s\n",
			(long long)r->id, verb, (long long)r->corrects,
			r->employee, rota_punch_kind_name(r->kind), shown);
	else
		fprintf(ctx->out, "record %lld %s: %s %s at %s\n",
			(long long)r->id, verb, r->employee,
			rota_punch_kind_name(r->kind), shown);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *when = NULL, *reason = NULL, *by = NULL;
	const struct cli_option opts[] = {
		{"at", CLI_OPT_STRING, &when, NULL},
		{"reason", CLI_OPT_STRING, &reason, NULL},
		{"by", CLI_OPT_STRING, &by, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct rota_store *st = NULL;
	struct rota_tz *tz = NULL;
	struct rota_site site;
	struct rota_punch_record rec;
	struct rota_error err = {0};
	const char *pos[3], *verb;
	int64_t at = 0, now;
	long id = 0;
	int n, rc, kind = -1, action;

	if ((n = cli_parse_args(ctx, argc, argv, opts, pos, 3, &rc)) < 0)
		return rc;
	if (n < 1)
		return cli_usage_error(ctx, "expected add, void or correct");
	verb = pos[0];
	if (strcmp(verb, "add") == 0) {
		action = ROTA_PUNCH_ADD;
		if (n != 3)
			return cli_usage_error(ctx, "expected: add EMPLOYEE "
						    "in|out");
		if ((kind = att_kind_arg(pos[2])) < 0)
			return cli_usage_error(ctx, "'%s' is not in or out",
					       pos[2]);
	} else if (strcmp(verb, "void") == 0 || strcmp(verb, "correct") == 0) {
		action = verb[0] == 'v' ? ROTA_PUNCH_VOID : ROTA_PUNCH_CORRECT;
		if (n != 2)
			return cli_usage_error(ctx, "expected: %s ID", verb);
		if (cli_int_arg(ctx, "ID", pos[1], 1, 0x7fffffffL, &id) < 0)
			return CLI_EXIT_USAGE;
		if (action == ROTA_PUNCH_VOID && when)
			return cli_usage_error(ctx, "void takes no --at");
	} else {
		return cli_usage_error(ctx, "'%s' is not add, void or correct",
				       verb);
	}
	if (action != ROTA_PUNCH_VOID && !when)
		return cli_usage_error(ctx, "%s needs --at TIME", verb);
	if (!reason || !*reason)
		return cli_usage_error(ctx, "a correction needs --reason TEXT");
	if (!by || !*by)
		return cli_usage_error(ctx, "a correction needs --by NAME");
	if ((rc = cli_open_store(ctx, 0, &st)) != 0)
		return rc;
	if ((rc = att_site(ctx, st, &site, &tz)) != 0)
		goto out;
	rc = CLI_EXIT_USAGE;
	if (att_now(ctx, tz, &now) < 0 ||
	    (when && att_time_arg(ctx, tz, "--at", when, &at) < 0))
		goto out;
	if (action == ROTA_PUNCH_ADD)
		rc = rota_store_punch_add(st, pos[1], kind, at, reason, by, now,
					  &rec, &err);
	else if (action == ROTA_PUNCH_VOID)
		rc = rota_store_punch_void(st, id, reason, by, now, &rec, &err);
	else
		rc = rota_store_punch_correct(st, id, at, reason, by, now,
					      &rec, &err);
	if (rc < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	describe(ctx, tz, &rec,
		 action == ROTA_PUNCH_ADD    ? "added"
		 : action == ROTA_PUNCH_VOID ? "voids"
					     : "corrects");
	rc = CLI_EXIT_OK;
out:
	rota_tz_free(tz);
	rota_store_close(st);
	return rc;
}

const struct cli_command cli_cmd_punch = {
	"punch", "correct clock records: add, void, correct", usage, run};
