/*
 * store/scorecard.c - KPI metrics as the site defines them, and the
 * scorecard: attendance for the built-in metrics, the imported values
 * aggregated per person and metric, then the pure ranking of store/kpi.c.
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

int rota_store_kpi_metrics(struct rota_store *st,
			   struct rota_kpi_metric **out, size_t *n,
			   struct rota_error *err)
{
	const struct rota_kpi_metric *b;
	struct rota_kpi_metric *m;
	size_t nb, cap, len;
	sqlite3_stmt *s;
	int rc;

	b = rota_kpi_builtins(&nb);
	cap = nb + ROTA_KPI_MAX;
	if (!(m = calloc(cap, sizeof(*m))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	memcpy(m, b, nb * sizeof(*m));
	len = nb;
	if ((rc = rota_db_prepare(st,
				  "SELECT name, unit, aggregation, better, "
				  "target, weight, lower, upper, points FROM "
				  "kpi_metric ORDER BY name",
				  &s, err)) < 0) {
		free(m);
		return rc;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rota_kpi_metric k;
		char agg[16];
		int bi;

		memset(&k, 0, sizeof(k));
		rota_db_column_text(s, 0, k.name, sizeof(k.name));
		rota_db_column_text(s, 1, k.unit, sizeof(k.unit));
		rota_db_column_text(s, 2, agg, sizeof(agg));
		k.aggregation = agg[0] == 's'	? ROTA_KPI_SUM
				: agg[0] == 'r' ? ROTA_KPI_RATE
						: ROTA_KPI_MEAN;
		k.higher_better =
			strcmp((const char *)sqlite3_column_text(s, 3),
			       "higher") == 0;
		k.has_target = sqlite3_column_type(s, 4) != SQLITE_NULL;
		k.target = sqlite3_column_double(s, 4);
		k.weight = sqlite3_column_double(s, 5);
		k.lower = sqlite3_column_double(s, 6);
		k.upper = sqlite3_column_double(s, 7);
		k.points = sqlite3_column_double(s, 8);
		if ((bi = rota_kpi_builtin(k.name)) >= 0) {
			/* a built-in keeps how it is computed */
			k.aggregation = m[bi].aggregation;
			k.higher_better = m[bi].higher_better;
			k.builtin = 1;
			m[bi] = k;
		} else if (len < cap) {
			m[len++] = k;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(m);
		return rota_db_error(st, err, "reading kpi metrics");
	}
	*out = m;
	*n = len;
	return 0;
}

void rota_scorecard_free(struct rota_scorecard *sc)
{
	if (!sc)
		return;
	free(sc->metrics);
	free(sc->people);
	free(sc->scores);
	free(sc);
}

static void set(struct rota_score *s, double v)
{
	if (v < 0)
		return;
	s->has_value = 1;
	s->value = v;
}

/* The built-in metrics of one person from their attendance. */
static void builtin_values(const struct rota_scorecard *sc,
			   const struct rota_attendance_report *r,
			   struct rota_scorecard_person *p)
{
	const struct rota_att_totals *t = &p->att;

	for (size_t m = 0; m < sc->n_metrics; m++) {
		const char *name = sc->metrics[m].name;
		struct rota_score *s = &p->score[m];

		if (!sc->metrics[m].builtin)
			continue;
		if (strcmp(name, "adherence") == 0) {
			set(s, rota_att_adherence(t));
		} else if (strcmp(name, "conformance") == 0) {
			set(s, rota_att_conformance(t));
		} else if (strcmp(name, "punctuality") == 0) {
			set(s, rota_att_punctuality(t));
		} else if (strcmp(name, "absence_rate") == 0 && t->shifts) {
			long n = t->absences;

			for (int i = 0; i < r->n_leave; i++)
				if (!r->leave[i].planned)
					n += t->excused[i];
			set(s, (double)n / (double)t->shifts);
		} else if (strcmp(name, "bradford") == 0 && t->shifts) {
			/* like the others: none for a period without shifts */
			set(s, (double)p->bradford.factor);
		}
	}
}

static int cmp_person(const void *key, const void *p)
{
	return strcmp(key, ((const struct rota_scorecard_person *)p)->id);
}

/* The imported values, aggregated per person and metric. */
static int imported_values(struct rota_store *st,
			   const struct rota_scorecard_query *q,
			   struct rota_scorecard *sc, struct rota_error *err)
{
	char from[16], to[16];
	sqlite3_stmt *s;
	int rc;

	rota_format_date(q->from, from, sizeof(from));
	rota_format_date(q->to, to, sizeof(to));
	if ((rc = rota_db_prepare(
		     st,
		     "SELECT e.code, k.metric, count(*), sum(k.value) FROM "
		     "kpi_value k JOIN employee e ON e.id = k.employee_id "
		     "WHERE k.day >= ?1 AND k.day <= ?2 AND (?3 IS NULL OR "
		     "e.code = ?3) AND (?4 IS NULL OR e.team = ?4) "
		     "GROUP BY k.employee_id, k.metric",
		     &s, err)) < 0)
		return rc;
	rota_db_bind_text(s, 1, from);
	rota_db_bind_text(s, 2, to);
	rota_db_bind_text(s, 3, q->employee);
	rota_db_bind_text(s, 4, q->team);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0);
		const char *metric = (const char *)sqlite3_column_text(s, 1);
		long count = sqlite3_column_int64(s, 2);
		double sum = sqlite3_column_double(s, 3);
		struct rota_scorecard_person *p;
		struct rota_score *sco;
		size_t m;

		if (!code || !metric ||
		    !(p = bsearch(code, sc->people, sc->n_people,
				  sizeof(*sc->people), cmp_person)))
			continue;
		for (m = 0; m < sc->n_metrics; m++)
			if (!sc->metrics[m].builtin &&
			    strcmp(sc->metrics[m].name, metric) == 0)
				break;
		if (m == sc->n_metrics)   /* no longer a metric of the site */
			continue;
		sco = &p->score[m];
		sco->count = count;
		switch (sc->metrics[m].aggregation) {
		case ROTA_KPI_SUM:
			sco->has_value = 1;
			sco->value = sum;
			break;
		case ROTA_KPI_RATE:
			if (p->att.worked_min > 0) {
				sco->has_value = 1;
				sco->value = sum * 60.0 /
					     (double)p->att.worked_min;
			}
			break;
		default:
			sco->has_value = 1;
			sco->value = sum / (double)count;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rota_db_error(st, err, "reading kpi values");
	return 0;
}

int rota_store_scorecard(struct rota_store *st,
			 const struct rota_scorecard_query *q,
			 struct rota_scorecard **out, struct rota_error *err)
{
	struct rota_attendance_query aq = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_attendance_report *r = NULL;
	struct rota_scorecard *sc;
	int rc;

	if (!(sc = calloc(1, sizeof(*sc))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	sc->from = q->from;
	sc->to = q->to;
	aq.from = q->from;
	aq.to = q->to;
	aq.employee = q->employee;
	aq.team = q->team;
	aq.now = q->now;
	if ((rc = rota_store_kpi_metrics(st, &sc->metrics, &sc->n_metrics,
					 err)) < 0 ||
	    (rc = rota_store_attendance(st, &aq, &r, err)) < 0)
		goto fail;
	sc->n_people = r->n_people;
	sc->people = calloc(r->n_people + 1, sizeof(*sc->people));
	sc->scores = calloc(r->n_people * sc->n_metrics + 1,
			    sizeof(*sc->scores));
	if (!sc->people || !sc->scores) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < r->n_people; i++) {
		struct rota_scorecard_person *p = &sc->people[i];

		rota_strlcpy(p->id, r->people[i].id, sizeof(p->id));
		rota_strlcpy(p->name, r->people[i].name, sizeof(p->name));
		rota_strlcpy(p->team, r->people[i].team, sizeof(p->team));
		p->att = r->people[i].att.total;
		p->bradford = r->people[i].bradford;
		p->score = sc->scores + i * sc->n_metrics;
		builtin_values(sc, r, p);
	}
	if ((rc = imported_values(st, q, sc, err)) < 0)
		goto fail;
	if (rota_scorecard_rank(sc) < 0) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto fail;
	}
	rota_attendance_report_free(r);
	*out = sc;
	return 0;
fail:
	rota_attendance_report_free(r);
	rota_scorecard_free(sc);
	return rc;
}

/* ------------------------------------------------------------- review */

void rota_review_free(struct rota_review *r)
{
	if (!r)
		return;
	rota_attendance_report_free(r->me);
	rota_scorecard_free(r->team);
	free(r->weeks);
	free(r->week_scores);
	free(r);
}

int rota_store_review(struct rota_store *st, const char *employee,
		      int32_t from, int32_t to, int64_t now,
		      struct rota_review **out, struct rota_error *err)
{
	struct rota_attendance_query aq = ROTA_ATTENDANCE_QUERY_INIT;
	struct rota_scorecard_query sq = ROTA_SCORECARD_QUERY_INIT;
	struct rota_review *r;
	int32_t mon0;
	size_t nm;
	int rc;

	if (to < from)
		return rota_error_set(err, ROTA_EINVAL,
				      "the range ends before it starts");
	if (!(r = calloc(1, sizeof(*r))))
		return rota_error_set(err, ROTA_ENOMEM, "out of memory");
	aq.from = sq.from = from;
	aq.to = sq.to = to;
	aq.now = sq.now = now;
	aq.employee = employee;
	aq.detail = 1;
	if ((rc = rota_store_attendance(st, &aq, &r->me, err)) < 0)
		goto fail;
	/* the team compares; a person without a team compares with the
	 * others without one */
	sq.team = r->me->people[0].team;
	if ((rc = rota_store_scorecard(st, &sq, &r->team, err)) < 0)
		goto fail;
	for (r->person = 0; r->person < r->team->n_people; r->person++)
		if (strcmp(r->team->people[r->person].id, employee) == 0)
			break;
	if (r->person == r->team->n_people) {
		rc = rota_error_set(err, ROTA_ENOTFOUND,
				    "unknown employee '%s'", employee);
		goto fail;
	}
	nm = r->team->n_metrics;
	mon0 = rota_week_monday(from);
	r->n_weeks = (size_t)(rota_week_monday(to) - mon0) / 7 + 1;
	r->weeks = calloc(r->n_weeks, sizeof(*r->weeks));
	r->week_scores = calloc(r->n_weeks * nm + 1, sizeof(*r->week_scores));
	if (!r->weeks || !r->week_scores) {
		rc = rota_error_set(err, ROTA_ENOMEM, "out of memory");
		goto fail;
	}
	/* the trend: the person's own scorecard, week by week */
	for (size_t w = 0; w < r->n_weeks; w++) {
		struct rota_review_week *wk = &r->weeks[w];
		struct rota_scorecard *one = NULL;

		wk->monday = mon0 + 7 * (int32_t)w;
		wk->score = r->week_scores + w * nm;
		sq.from = wk->monday < from ? from : wk->monday;
		sq.to = wk->monday + 6 > to ? to : wk->monday + 6;
		sq.team = NULL;
		sq.employee = employee;
		if ((rc = rota_store_scorecard(st, &sq, &one, err)) < 0)
			goto fail;
		wk->att = one->people[0].att;
		wk->total = one->people[0].total;
		memcpy(wk->score, one->people[0].score, nm * sizeof(*wk->score));
		rota_scorecard_free(one);
	}
	*out = r;
	return 0;
fail:
	rota_review_free(r);
	return rc;
}
