/*
 * solver/budget.c - what a search may spend, and what it tells the caller.
 *
 * A leaf: the search, the GLPK glue and the explanations call it, it calls
 * nobody back.  Work is counted in deterministic units (simplex
 * iterations and their equivalents, docs/model.md "Determinism"), so a
 * search bounded by work gives the same roster on any machine; the clock
 * only enforces the caller's safety cap and feeds the progress reports.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "solver/solver_int.h"

double solver_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The search ends this share of the cap (at most CAP_RESERVE_MAX
 * seconds) before it, so the whole call ends within the cap: after the
 * search come the roster's final evaluation, the solution's assembly and
 * the models' clean-up (Curtois 24 at --time-limit 600: 0.4 s inside the
 * solver past its cap, 0.4 s more to the process's exit). */
#define CAP_RESERVE 0.01
#define CAP_RESERVE_MAX 2.0

void solver_budget_init(struct solver_budget *b,
			const struct rota_solve_options *opt,
			double work_limit)
{
	double cap = opt ? opt->time_limit_s : 0;

	b->opt = opt;
	b->t_start = solver_now();
	b->deadline = cap > 0 ? b->t_start + cap -
					fmin(CAP_RESERVE * cap, CAP_RESERVE_MAX)
			      : HUGE_VAL;
	b->work = 0;
	b->work_limit = work_limit > 0 ? work_limit : HUGE_VAL;
	b->stopped_by = ROTA_STOP_DONE;
	b->time_cut = 0;
	b->phase = "start";
	b->incumbent = HUGE_VAL;
	b->bound = -HUGE_VAL;
	b->last_report = -HUGE_VAL;
}

double solver_budget_elapsed(const struct solver_budget *b)
{
	return solver_now() - b->t_start;
}

int solver_budget_time_left(struct solver_budget *b)
{
	if (b->deadline < HUGE_VAL && solver_now() >= b->deadline) {
		b->stopped_by = ROTA_STOP_TIME;
		b->time_cut = 1;
		return 0;
	}
	return 1;
}

int solver_budget_past_cap(const struct solver_budget *b)
{
	return b->deadline < HUGE_VAL && solver_now() >= b->deadline;
}

void solver_budget_time_cut(struct solver_budget *b)
{
	b->time_cut = 1;
	/* a run GLPK's time limit stopped: the cap is (about) reached */
	(void)solver_budget_time_left(b);
}

int solver_budget_left(struct solver_budget *b)
{
	if (b->stopped_by != ROTA_STOP_DONE)
		return 0;
	if (b->work >= b->work_limit) {
		b->stopped_by = ROTA_STOP_WORK;
		return 0;
	}
	return solver_budget_time_left(b);
}

double solver_budget_work_left(const struct solver_budget *b)
{
	return b->work_limit - b->work;
}

/*
 * A phase's share: until solver_budget_release, the budget ends after
 * `share` of the work left (and, under a time cap, of the time left), or
 * earlier at its own limits.  Release gives back the limits that hold
 * returned, and with them the rest of the work and time.
 */
struct solver_hold solver_budget_hold(struct solver_budget *b, double share)
{
	struct solver_hold h = {b->work_limit, b->deadline};
	double now = solver_now();

	if (b->work_limit < HUGE_VAL)
		b->work_limit = b->work + share * (b->work_limit - b->work);
	if (b->deadline < HUGE_VAL && now < b->deadline)
		b->deadline = now + share * (b->deadline - now);
	return h;
}

void solver_budget_release(struct solver_budget *b, struct solver_hold h)
{
	b->work_limit = h.work_limit;
	b->deadline = h.deadline;
	if ((b->stopped_by == ROTA_STOP_WORK && b->work < h.work_limit) ||
	    (b->stopped_by == ROTA_STOP_TIME && solver_now() < h.deadline))
		b->stopped_by = ROTA_STOP_DONE;
}

void solver_budget_spend(struct solver_budget *b, double units)
{
	if (units > 0)
		b->work += units;
}

double solver_rel_gap(double obj, double bound)
{
	double g;

	if (!isfinite(obj) || !isfinite(bound))
		return HUGE_VAL;
	g = (obj - bound) / fmax(1.0, fabs(obj));
	return g < 1e-12 ? 0 : g;
}

void solver_budget_report(struct solver_budget *b, int force)
{
	struct rota_progress pr;
	double now = solver_now();

	if (!b->opt || !b->opt->progress)
		return;
	if (!force && now - b->last_report < 1.0)
		return;
	b->last_report = now;
	pr.elapsed = now - b->t_start;
	pr.incumbent = b->incumbent;
	pr.bound = b->bound;
	pr.gap = solver_rel_gap(b->incumbent, b->bound);
	pr.phase = b->phase;
	pr.work = b->work;
	b->opt->progress(&pr, b->opt->progress_arg);
}

void solver_budget_log(const struct solver_budget *b, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	if (!b->opt || !b->opt->log)
		return;
	n = snprintf(line, sizeof(line), "%.2fs %.0fw ",
		     solver_budget_elapsed(b), b->work);
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof(line))
		vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	b->opt->log(line, b->opt->log_arg);
}
