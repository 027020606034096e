/*
 * bench/solver_gen.c - a seeded contact-centre week for the roster solver.
 *
 *   solver_gen [--agents 200] [--seed 1] [--time-limit 120] [--gap 0]
 *              [--interval-min 15] [--write-mps FILE] [--write-lp FILE]
 *              [--no-solve] [--progress] [--verbose]
 *
 * The site: 3 skills (voice, chat, email), open 07:00-22:00 every day,
 * 15-minute intervals, Europe/London, the week of Monday 2026-11-30.  70%
 * of the agents are full-time (4-5 days, 32-40 h, breaks of 30 min),
 * 30% part-time (2-4 days of 4-6 h); 60% voice only, 15% chat only, the
 * rest multi-skilled.  Shift templates start every hour.  Demand follows
 * a two-peak day, lower at weekends, at about 90% of the staff's capacity
 * with seeded noise; a few agents have leave or soft days off.  Prints
 * one line of key=value results (bench/solver.sh reads it).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/time.h"
#include "solver/solver.h"

static uint64_t rng = 1;

static double urand(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (double)((rng * UINT64_C(0x2545F4914F6CDD1D)) >> 11) /
	       9007199254740992.0;
}

static int irand(int n)
{
	return (int)(urand() * n);
}

static void progress(const struct rota_progress *pr, void *arg)
{
	(void)arg;
	fprintf(stderr, "[%7.2fs] %-16s incumbent %.2f bound %.2f gap %.3f%%\n",
		pr->elapsed, pr->phase, pr->incumbent, pr->bound,
		pr->gap * 100);
}

static void log_line(const char *text, void *arg)
{
	(void)arg;
	fputs(text, stderr);
}

static int add_shift(struct rota_dataset *ds, const char *code, int start,
		     int len, int brk)
{
	struct rota_shift *s = &ds->shifts[ds->n_shifts++];

	memset(s, 0, sizeof(*s));
	snprintf(s->code, sizeof(s->code), "%s", code);
	snprintf(s->name, sizeof(s->name), "%s", code);
	s->start_min = start;
	s->length_min = len;
	s->break_min = brk;
	s->days = 0x7f;
	s->skills = 0;
	return 0;
}

static int write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f || fwrite(text, 1, len, f) != len) {
		if (f)
			fclose(f);
		return -1;
	}
	return fclose(f);
}

int main(int argc, char **argv)
{
	int agents = 200, seed = 1, interval = 15, solve = 1, show = 0;
	int verbose = 0;
	double tl = 120, gap = 0;
	const char *mps = NULL, *lp = NULL;
	struct rota_dataset ds;
	struct rota_requirement *req = NULL;
	struct rota_problem *p = NULL;
	struct rota_solution *sol = NULL;
	struct rota_error err = {0};
	struct rota_build_options bo = ROTA_BUILD_OPTIONS_INIT;
	struct rota_solve_options so = ROTA_SOLVE_OPTIONS_INIT;
	struct rota_tz *tz;
	int32_t monday = rota_days_from_civil(2026, 11, 30);
	size_t n_req = 0;
	double capacity = 0, demand_total = 0;
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--agents") && v)
			agents = atoi(argv[++i]);
		else if (!strcmp(a, "--seed") && v)
			seed = atoi(argv[++i]);
		else if (!strcmp(a, "--time-limit") && v)
			tl = atof(argv[++i]);
		else if (!strcmp(a, "--gap") && v)
			gap = atof(argv[++i]);
		else if (!strcmp(a, "--interval-min") && v)
			interval = atoi(argv[++i]);
		else if (!strcmp(a, "--write-mps") && v)
			mps = argv[++i];
		else if (!strcmp(a, "--write-lp") && v)
			lp = argv[++i];
		else if (!strcmp(a, "--no-solve"))
			solve = 0;
		else if (!strcmp(a, "--progress"))
			show = 1;
		else if (!strcmp(a, "--verbose"))
			verbose = show = 1;
		else {
			fprintf(stderr, "usage: solver_gen [--agents N] [--seed S]"
				" [--time-limit S] [--gap G] [--interval-min M]"
				" [--write-mps F] [--write-lp F] [--no-solve]"
				" [--progress]\n");
			return 2;
		}
	}
	if (agents < 1 || agents > 5000 || interval < 5) {
		fprintf(stderr, "solver_gen: bad --agents or --interval-min\n");
		return 2;
	}
	rng = 0x9E3779B97F4A7C15u ^ (uint64_t)seed * 0x100000001B3u;
	memset(&ds, 0, sizeof(ds));
	snprintf(ds.site.name, sizeof(ds.site.name), "generated");
	snprintf(ds.site.timezone, sizeof(ds.site.timezone), "Europe/London");
	ds.site.interval_min = interval;
	ds.site.grace_min = 5;
	tz = rota_tz_load(ds.site.timezone, &err);
	if (!tz) {
		fprintf(stderr, "solver_gen: %s\n", err.msg);
		return 1;
	}

	/* skills */
	ds.n_skills = 3;
	ds.skills = calloc(3, sizeof(*ds.skills));
	{
		static const char *const names[3] = {"chat", "email", "voice"};

		for (int k = 0; k < 3; k++) {
			struct rota_skill sk = ROTA_SKILL_INIT;

			snprintf(sk.name, sizeof(sk.name), "%s", names[k]);
			ds.skills[k] = sk;
		}
	}
	/* contracts: FT (hard 32-40 h, 4-5 days), PT (8-24 h, <= 4 days) */
	ds.n_contracts = 2;
	ds.contracts = calloc(2, sizeof(*ds.contracts));
	for (int c = 0; c < 2; c++) {
		struct rota_contract *ct = &ds.contracts[c];

		rota_contract_defaults(ct);
		snprintf(ct->id, sizeof(ct->id), c ? "PT" : "FT");
		ct->rule[ROTA_RULE_min_week_min].value = c ? 480 : 1920;
		ct->rule[ROTA_RULE_max_week_min].value = c ? 1440 : 2400;
		ct->rule[ROTA_RULE_max_days_week].value = c ? 4 : 5;
		ct->rule[ROTA_RULE_max_consecutive_days].value = 5;
		ct->rule[ROTA_RULE_min_rest_min].value = 660;
		ct->rule[ROTA_RULE_max_weekends].value = 3;
	}
	/* shift templates: 8.5 h with a 30-min break every hour 06-13:30,
	 * and 4 h / 6 h part-time shifts */
	ds.shifts = calloc(64, sizeof(*ds.shifts));
	{
		char code[16];

		for (int h = 6; h <= 13; h++) {
			snprintf(code, sizeof(code), "F%02d", h);
			add_shift(&ds, code, h * 60, 510, 30);
		}
		for (int h = 7; h <= 18; h += 2) {
			snprintf(code, sizeof(code), "P%02d", h);
			add_shift(&ds, code, h * 60, 240, 0);
		}
		for (int h = 10; h <= 16; h += 3) {
			snprintf(code, sizeof(code), "M%02d", h);
			add_shift(&ds, code, h * 60, 360, 0);
		}
	}
	/* staff */
	ds.n_employees = (size_t)agents;
	ds.employees = calloc((size_t)agents, sizeof(*ds.employees));
	ds.timeoff = calloc((size_t)agents * 2, sizeof(*ds.timeoff));
	for (int e = 0; e < agents; e++) {
		struct rota_employee *em = &ds.employees[e];
		double r = urand();
		int pt = urand() < 0.3;

		snprintf(em->id, sizeof(em->id), "A%04d", e + 1);
		snprintf(em->name, sizeof(em->name), "Agent %d", e + 1);
		snprintf(em->team, sizeof(em->team), "T%d", e % 8 + 1);
		snprintf(em->contract, sizeof(em->contract), pt ? "PT" : "FT");
		/* bits: 0 chat, 1 email, 2 voice */
		em->skills = r < 0.60 ? 4 : r < 0.75 ? 1 : r < 0.85 ? 5
			     : r < 0.95 ? 6 : 7;
		capacity += pt ? 900 : 2160;
		if (urand() < 0.06) {
			/* one or two days of leave */
			struct rota_timeoff *to = &ds.timeoff[ds.n_timeoff++];
			int d = irand(7), n = 1 + irand(2);

			snprintf(to->employee, sizeof(to->employee), "%s",
				 em->id);
			to->start = rota_tz_day_start(tz, monday + d);
			to->end = rota_tz_day_start(tz, monday + d + n);
			to->kind = ROTA_TIMEOFF_HARD;
			snprintf(to->note, sizeof(to->note), "leave");
		} else if (urand() < 0.12) {
			struct rota_timeoff *to = &ds.timeoff[ds.n_timeoff++];
			int d = irand(7);

			snprintf(to->employee, sizeof(to->employee), "%s",
				 em->id);
			to->start = rota_tz_day_start(tz, monday + d);
			to->end = rota_tz_day_start(tz, monday + d + 1);
			to->kind = ROTA_TIMEOFF_SOFT;
			to->weight = 20;
			snprintf(to->note, sizeof(to->note), "day off wish");
		}
	}
	/* demand: two peaks (10:30, 15:00), weekends at 70%, 90% of the
	 * agent-minutes the staff can give */
	{
		int per_day = 1440 / interval;
		double shape[7][96 * 4];
		double total = 0, share[3] = {0.25, 0.10, 0.65};

		req = calloc((size_t)7 * (size_t)per_day * 3, sizeof(*req));
		for (int d = 0; d < 7; d++)
			for (int i = 0; i < per_day; i++) {
				double h = (i + 0.5) * interval / 60.0, v = 0;

				if (h >= 7 && h < 22)
					v = 0.35 + exp(-pow((h - 10.5) / 2.0, 2)) +
					    0.8 * exp(-pow((h - 15) / 2.5, 2));
				if (d >= 5)
					v *= 0.7;
				shape[d][i] = v;
				total += v * interval;
			}
		for (int d = 0; d < 7; d++)
			for (int i = 0; i < per_day; i++)
				for (int k = 0; k < 3; k++) {
					double a = 0.90 * capacity * share[k] *
						   shape[d][i] / total;
					struct rota_requirement *r;
					int n;

					if (shape[d][i] <= 0)
						continue;
					a *= 0.9 + 0.2 * urand();
					n = (int)floor(a + 0.5);
					r = &req[n_req++];
					r->start = rota_tz_local_minutes(
						tz, monday + d, i * interval);
					r->skill = k;
					r->agents = n;
					r->scheduled_agents = n;
					r->service_level = 0.8;
					demand_total += n * interval;
				}
	}
	rota_tz_free(tz);

	if (rota_problem_build(&ds, monday, req, n_req, NULL, 0, &bo, &p,
			       &err) < 0) {
		fprintf(stderr, "solver_gen: %s\n", err.msg);
		goto out;
	}
	if (mps || lp) {
		char *text = NULL;
		size_t len = 0;

		if ((mps && (rota_model_write(p, "mps", &text, &len, &err) < 0 ||
			     write_file(mps, text, len) < 0)) ||
		    (free(text), text = NULL,
		     lp && (rota_model_write(p, "lp", &text, &len, &err) < 0 ||
			    write_file(lp, text, len) < 0))) {
			fprintf(stderr, "solver_gen: cannot write the model: %s\n",
				err.msg);
			free(text);
			goto out;
		}
		free(text);
	}
	if (!solve) {
		rc = 0;
		goto out;
	}
	so.time_limit_s = tl;
	so.gap = gap;
	if (show)
		so.progress = progress;
	if (verbose)
		so.log = log_line;
	if (rota_solve(p, &so, &sol, &err) < 0) {
		fprintf(stderr, "solver_gen: %s\n", err.msg);
		goto out;
	}
	printf("agents=%d seed=%d status=%s objective=%.4f bound=%.4f "
	       "gap=%.6f seconds=%.2f rows=%d cols=%d binaries=%d nodes=%ld "
	       "demand_agent_hours=%.0f",
	       agents, seed, rota_solve_status_name(sol->stats.status),
	       sol->stats.objective, sol->stats.bound, sol->stats.gap,
	       sol->stats.seconds, sol->stats.rows, sol->stats.cols,
	       sol->stats.binaries, sol->stats.nodes, demand_total / 60);
	for (int t = 0; t < ROTA_TERM_COUNT; t++)
		printf(" %s=%.2f", rota_term_name(t), sol->stats.term[t] + 0.0);
	printf("\n");
	rc = 0;
out:
	rota_solution_free(sol);
	rota_problem_free(p);
	rota_dataset_release(&ds);
	free(req);
	return rc;
}
