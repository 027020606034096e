/*
 * store/import_contracts.c - contracts.csv: id, then for every contract
 * rule (ROTA_RULE_MAP) its value and <rule>_weight, the weekly overtime
 * allowance max_overtime_min and its overtime_weight, and a free-text note.
 * A contract is upserted by id; its rules (table contract_rule) are
 * replaced when any differs.  An empty rule value is the rule's default,
 * "-" or "none" turns the rule off; an empty weight is 0 (a hard rule).
 */
#include "store/import_int.h"

#include <stdio.h>
#include <string.h>

enum { ID = 0, RULES = 1, OT = 1 + 2 * ROTA_RULE_COUNT, OT_WEIGHT, NOTE,
       NCOLS };

struct state {
	struct rota_tcol cols[NCOLS];
	char names[NCOLS][48];
	char defs[ROTA_RULE_COUNT][16];
};

/* Upper bounds of each rule value. */
static long rule_max(int r)
{
	switch (r) {
	case ROTA_RULE_min_week_min:
	case ROTA_RULE_max_week_min:
		return 7 * 1440;
	case ROTA_RULE_min_rest_min:
		return 2880;
	case ROTA_RULE_max_weekends:
		return 4;
	case ROTA_RULE_max_nights:
	case ROTA_RULE_max_days_week:
		return 7;
	default:
		return 28;
	}
}

static int init(struct rota_table_import *t, struct rota_error *err)
{
	struct state *s = t->state;

	(void)err;
	s->cols[ID] = (struct rota_tcol){
		.name = "id", .column = "code", .type = ROTA_TCOL_ID,
		.flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY |
			 ROTA_TCOL_NONEMPTY};
	for (int r = 0; r < ROTA_RULE_COUNT; r++) {
		int def = rota_rule_default(r);

		if (def == ROTA_UNSET)
			snprintf(s->defs[r], sizeof(s->defs[r]), "-");
		else
			snprintf(s->defs[r], sizeof(s->defs[r]), "%d", def);
		snprintf(s->names[RULES + 2 * r + 1], sizeof(s->names[0]),
			 "%s_weight", rota_rule_name(r));
		s->cols[RULES + 2 * r] = (struct rota_tcol){
			.name = rota_rule_name(r), .type = ROTA_TCOL_INT,
			.flags = ROTA_TCOL_NONE,
			.min = r == ROTA_RULE_max_days_week, .max = rule_max(r),
			.def = s->defs[r]};
		s->cols[RULES + 2 * r + 1] = (struct rota_tcol){
			.name = s->names[RULES + 2 * r + 1],
			.type = ROTA_TCOL_REAL, .min = 0, .max = 1e6,
			.def = "0"};
	}
	s->cols[OT] = (struct rota_tcol){
		.name = "max_overtime_min", .column = "max_overtime_min",
		.type = ROTA_TCOL_INT, .min = 0, .max = 7 * 1440, .def = "0"};
	s->cols[OT_WEIGHT] = (struct rota_tcol){
		.name = "overtime_weight", .column = "overtime_weight",
		.type = ROTA_TCOL_REAL, .min = 0, .max = 1e6, .def = "1"};
	s->cols[NOTE] = (struct rota_tcol){.name = "note",
					   .type = ROTA_TCOL_TEXT, .def = ""};
	t->cols = s->cols;
	t->ncols = NCOLS;
	return 0;
}

/* Value of rule r in the row (ROTA_UNSET when off). */
static int rule_value(const struct rota_table_import *t, int r)
{
	const struct rota_tval *v = &t->v[RULES + 2 * r];

	return v->type == SQLITE_NULL ? ROTA_UNSET : (int)v->i;
}

static int check(struct rota_table_import *t, const struct rota_csv_row *row,
		 struct rota_error *err)
{
	int lo = rule_value(t, ROTA_RULE_min_week_min);
	int hi = rule_value(t, ROTA_RULE_max_week_min);

	if (lo != ROTA_UNSET && hi != ROTA_UNSET && lo > hi)
		return rota_csv_error(err, row, "min_week_min",
				      "%d exceeds max_week_min %d", lo, hi);
	return 0;
}

/* The rules, compared with the stored ones and replaced when different. */
static int children(struct rota_table_import *t, int64_t cid, int existed,
		    int *changed, struct rota_error *err)
{
	struct rota_store *st = t->im->st;
	sqlite3_stmt *s = NULL;
	int rc, differ = !existed;

	if (existed) {
		int stored = 0;

		if ((rc = rota_db_prepare(st,
					  "SELECT rule, value, weight FROM "
					  "contract_rule WHERE contract_id = "
					  "?1",
					  &s, err)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, cid);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			int r = rota_rule_find(
				(const char *)sqlite3_column_text(s, 0));
			int v = sqlite3_column_type(s, 1) == SQLITE_NULL
					? ROTA_UNSET
					: sqlite3_column_int(s, 1);

			stored++;
			if (r < 0 || rule_value(t, r) != v ||
			    t->v[RULES + 2 * r + 1].d !=
				    sqlite3_column_double(s, 2))
				differ = 1;
		}
		sqlite3_finalize(s);
		s = NULL;
		if (rc != SQLITE_DONE)
			return rota_db_error(st, err, "reading contract rules");
		if (stored != ROTA_RULE_COUNT)
			differ = 1;
	}
	if (!differ)
		return 0;
	*changed = 1;
	if ((rc = rota_db_prepare(st,
				  "DELETE FROM contract_rule WHERE "
				  "contract_id = ?1",
				  &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "replacing contract rules");
	if ((rc = rota_db_prepare(st,
				  "INSERT INTO contract_rule (contract_id, "
				  "rule, value, weight) VALUES (?1, ?2, ?3, "
				  "?4)",
				  &s, err)) < 0)
		return rc;
	for (int r = 0; r < ROTA_RULE_COUNT && rc == 0; r++) {
		sqlite3_bind_int64(s, 1, cid);
		sqlite3_bind_text(s, 2, rota_rule_name(r), -1, SQLITE_STATIC);
		if (rule_value(t, r) == ROTA_UNSET)
			sqlite3_bind_null(s, 3);
		else
			sqlite3_bind_int(s, 3, rule_value(t, r));
		sqlite3_bind_double(s, 4, t->v[RULES + 2 * r + 1].d);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = rota_db_error(st, err, "saving contract rules");
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc;
}

static const struct rota_tkind contracts = {
	.table = "contract",
	.state_size = sizeof(struct state),
	.init = init,
	.check = check,
	.children = children,
};

int rota_import_contracts(struct rota_import *im, struct rota_error *err)
{
	return rota_import_table(im, &contracts, err);
}
