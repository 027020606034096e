/*
 * store/roster_week.c - what `rota roster --check` and `rota coverage` need
 * to rebuild a week's problem: the stored requirements of the week.
 *
 * A thin adapter until the staffing module's rota_store_requirements_*
 * functions land; it reads the v3 requirement table directly.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

int rota_store_roster_requirements(struct rota_store *st,
				   const struct rota_dataset *ds,
				   int64_t from, int64_t to,
				   struct rota_requirement **out, size_t *n,
				   struct rota_error *err)
{
	struct rota_requirement *arr = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *s;
	int rc;

	if ((rc = rota_db_prepare(st,
				  "SELECT r.start, k.name, r.agents, "
				  "r.scheduled_agents, r.service_level FROM "
				  "requirement r JOIN skill k ON k.id = "
				  "r.skill_id WHERE r.start >= ?1 AND r.start "
				  "< ?2 ORDER BY r.start, k.name",
				  &s, err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_requirement *q;
		char skill[ROTA_ID_MAX];

		if (cnt == cap) {
			size_t ncap = cap ? 2 * cap : 256;
			struct rota_requirement *a =
				realloc(arr, ncap * sizeof(*a));

			if (!a) {
				rc = rota_error_set(err, ROTA_ENOMEM,
						    "out of memory");
				goto fail;
			}
			arr = a;
			cap = ncap;
		}
		q = &arr[cnt];
		memset(q, 0, sizeof(*q));
		rota_db_column_text(s, 1, skill, sizeof(skill));
		q->start = sqlite3_column_int64(s, 0);
		q->skill = rota_dataset_skill(ds, skill);
		q->agents = sqlite3_column_int(s, 2);
		q->scheduled_agents = sqlite3_column_int(s, 3);
		q->service_level = sqlite3_column_double(s, 4);
		if (q->skill < 0)
			continue;  /* a skill the dataset no longer has */
		cnt++;
	}
	if (rc != SQLITE_DONE) {
		rc = rota_db_error(st, err, "reading requirements");
		goto fail;
	}
	sqlite3_finalize(s);
	*out = arr;
	*n = cnt;
	return 0;
fail:
	sqlite3_finalize(s);
	free(arr);
	return rc;
}
