/*
 * store/import_staff.c - staff.csv: id,name,email,team,contract,skills.
 * One row per employee, upserted by id; skills "voice;chat:3" (levels 1-9)
 * replace the employee's skill set.
 */
#include "store/import_int.h"

#include <string.h>

static const struct rota_tcol cols[] = {
	{.name = "id", .column = "code", .type = ROTA_TCOL_ID,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_KEY | ROTA_TCOL_NONEMPTY},
	{.name = "name", .column = "name", .type = ROTA_TCOL_TEXT,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY},
	{.name = "email", .column = "email", .type = ROTA_TCOL_TEXT, .def = ""},
	{.name = "team", .column = "team", .type = ROTA_TCOL_ID, .def = ""},
	{.name = "contract", .column = "contract_id", .type = ROTA_TCOL_REF,
	 .flags = ROTA_TCOL_REQUIRED | ROTA_TCOL_NONEMPTY,
	 .ref = "SELECT code, id FROM contract", .noun = "contract",
	 .known = 1},
	{.name = "skills", .type = ROTA_TCOL_RAW, .flags = ROTA_TCOL_REQUIRED,
	 .def = ""},
};

enum { EMAIL = 2, SKILLS = 5 };

static int check(struct rota_table_import *t, const struct rota_csv_row *row,
		 struct rota_error *err)
{
	struct rota_skill_set *skills = t->state;
	const char *email = t->v[EMAIL].s, *at = strchr(email, '@');

	if (*email && (!at || strchr(email, ' ') || at == email ||
		       !strchr(at, '.')))
		return rota_csv_error(err, row, "email",
				      "'%s' is not an e-mail address", email);
	return rota_skill_set_parse(t->im->st, row, "skills", t->v[SKILLS].s,
				    1, skills, err);
}

static int children(struct rota_table_import *t, int64_t rowid, int existed,
		    int *changed, struct rota_error *err)
{
	return rota_skill_set_store(t->im->st, "employee_skill", "employee_id",
				    1, rowid, existed, t->state, changed, err);
}

static const struct rota_tkind staff = {
	.table = "employee",
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
	.state_size = sizeof(struct rota_skill_set),
	.check = check,
	.children = children,
};

int rota_import_staff(struct rota_import *im, struct rota_error *err)
{
	return rota_import_table(im, &staff, err);
}
