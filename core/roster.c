/*
 * core/roster.c - comparing two rosters of a week.
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/model.h"

static int same_assignment(const struct rota_assignment *a,
			   const struct rota_assignment *b)
{
	return strcmp(a->shift, b->shift) == 0 && a->start == b->start &&
	       a->end == b->end && a->paid_min == b->paid_min &&
	       strcmp(a->skill, b->skill) == 0;
}

/* -1, 0, 1 as (employee, day) of a sorts before, with, after b's. */
static int order(const struct rota_assignment *a,
		 const struct rota_assignment *b)
{
	int c = strcmp(a->employee, b->employee);

	if (c)
		return c < 0 ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}

int rota_roster_diff(const struct rota_roster *a, const struct rota_roster *b,
		     struct rota_roster_change **out, size_t *n)
{
	size_t na = a ? a->n_assignments : 0, nb = b ? b->n_assignments : 0;
	size_t i = 0, j = 0, cnt = 0, cap = 0;
	struct rota_roster_change *arr = NULL;

	while (i < na || j < nb) {
		const struct rota_assignment *x = i < na ? &a->assignments[i]
							 : NULL;
		const struct rota_assignment *y = j < nb ? &b->assignments[j]
							 : NULL;
		int c = !x ? 1 : !y ? -1 : order(x, y);
		struct rota_roster_change ch;

		if (c == 0 && same_assignment(x, y)) {
			i++;
			j++;
			continue;
		}
		memset(&ch, 0, sizeof(ch));
		if (c <= 0) {
			ch.old = *x;
			i++;
		}
		if (c >= 0) {
			ch.now = *y;
			j++;
		}
		rota_strlcpy(ch.employee, c <= 0 ? x->employee : y->employee,
			     sizeof(ch.employee));
		ch.day = c <= 0 ? x->day : y->day;
		if (ROTA_GROW(arr, cap, cnt) < 0) {
			free(arr);
			return ROTA_ENOMEM;
		}
		arr[cnt++] = ch;
	}
	*out = arr;
	*n = cnt;
	return 0;
}
