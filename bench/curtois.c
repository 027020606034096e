/*
 * bench/curtois.c - rota's solver on the Curtois nurse rostering
 * benchmark (Instances 1-24, schedulingbenchmarks.org).
 *
 *   curtois [--time-limit S] [--markdown] DIR N...
 *
 * For each instance N: read DIR/InstanceN.txt, solve it with rota_solve
 * within the time limit, check the roster with the independent checker
 * (rota_check), and print one row: instance, status, the checker's
 * objective, the best known value (DIR/BEST_KNOWN.csv), the gap to it,
 * seconds, hard violations, and whether the solver's own objective agrees
 * with the checker's.  Exit 1 when a roster breaks a hard rule or the two
 * objectives disagree (a bug either way); instances the solver finds no
 * roster for are reported, not failed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solver/solver.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Best known upper bound of instance n from BEST_KNOWN.csv, or -1. */
static double best_known(const char *dir, int n)
{
	char path[1024], line[1024], want[32];
	FILE *fp;
	double best = -1;

	snprintf(path, sizeof(path), "%s/BEST_KNOWN.csv", dir);
	snprintf(want, sizeof(want), "Instance%d,", n);
	if (!(fp = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof(line), fp))
		if (strncmp(line, want, strlen(want)) == 0) {
			best = strtod(line + strlen(want), NULL);
			break;
		}
	fclose(fp);
	return best;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: curtois [--time-limit S] [--markdown] DIR N...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	double limit = 60;
	int markdown = 0, i = 1, failed = 0;
	const char *dir;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--time-limit") == 0 && i + 1 < argc)
			limit = strtod(argv[++i], NULL);
		else if (strcmp(argv[i], "--markdown") == 0)
			markdown = 1;
		else
			usage();
	}
	if (i + 1 >= argc)
		usage();
	dir = argv[i++];
	if (markdown)
		printf("| instance | days | staff | types | status | rota "
		       "objective | best known | gap to best | seconds | "
		       "hard violations | solver = checker |\n"
		       "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|"
		       "\n");
	else
		printf("%-10s %5s %5s %5s  %-10s %12s %10s %8s %8s %4s %s\n",
		       "instance", "days", "staff", "types", "status",
		       "objective", "best", "gap", "seconds", "hard",
		       "agrees");
	for (; i < argc; i++) {
		int n = atoi(argv[i]);
		char path[1024], name[32], gap[32] = "-", objs[32] = "-";
		char agrees[8] = "-";
		struct rota_problem *p = NULL;
		struct rota_solution *sol = NULL;
		struct rota_check_report *r = NULL;
		struct rota_solve_options opt = ROTA_SOLVE_OPTIONS_INIT;
		struct rota_error err = {0};
		const char *status;
		double best = best_known(dir, n), t0, secs;
		int rc, hard = 0;

		snprintf(path, sizeof(path), "%s/Instance%d.txt", dir, n);
		snprintf(name, sizeof(name), "Instance%d", n);
		if (rota_curtois_read(path, &p, &err) < 0) {
			fprintf(stderr, "curtois: %s\n", err.msg);
			failed = 1;
			continue;
		}
		opt.time_limit_s = limit;
		t0 = now();
		rc = rota_solve(p, &opt, &sol, &err);
		secs = now() - t0;
		if (rc < 0) {
			status = rc == ROTA_EINFEASIBLE ? "infeasible"
							: "no roster";
		} else {
			status = rota_solve_status_name(sol->stats.status);
			free(sol->served);  /* no intervals: nothing to check */
			sol->served = NULL;
			if (rota_check(p, sol, &r, &err) < 0) {
				fprintf(stderr, "curtois: %s: check: %s\n",
					name, err.msg);
				failed = 1;
			} else {
				hard = r->hard_broken;
				snprintf(objs, sizeof(objs), "%.0f",
					 r->objective);
				if (best > 0)
					snprintf(gap, sizeof(gap), "%.1f%%",
						 100.0 * (r->objective - best) /
							 best);
				snprintf(agrees, sizeof(agrees), "%s",
					 fabs(r->objective -
					      sol->stats.objective) < 1e-6
						 ? "yes"
						 : "NO");
				if (hard || strcmp(agrees, "NO") == 0)
					failed = 1;
				for (size_t k = 0; k < r->n_violations; k++)
					if (r->violations[k].hard)
						fprintf(stderr, "  %s: %s\n",
							name,
							r->violations[k].text);
				if (strcmp(agrees, "NO") == 0)
					fprintf(stderr,
						"  %s: solver says %.3f, "
						"checker %.3f\n",
						name, sol->stats.objective,
						r->objective);
			}
		}
		if (markdown)
			printf("| %s | %d | %d | %d | %s | %s | %.0f | %s | "
			       "%.1f | %d | %s |\n",
			       name, p->n_days, p->n_employees, p->n_types,
			       status, objs, best, gap, secs, hard, agrees);
		else
			printf("%-10s %5d %5d %5d  %-10s %12s %10.0f %8s %8.1f "
			       "%4d %s\n",
			       name, p->n_days, p->n_employees, p->n_types,
			       status, objs, best, gap, secs, hard, agrees);
		fflush(stdout);
		rota_check_report_free(r);
		rota_solution_free(sol);
		rota_problem_free(p);
	}
	return failed;
}
