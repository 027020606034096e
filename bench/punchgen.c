/*
 * bench/punchgen.c - write example punches for a stored roster.
 *
 *   punchgen --db FILE --from DATE --to DATE [--seed N] [--breaks P]
 *            [--out FILE]
 *
 * Reads the shifts that start from --from to --to (site local dates, both
 * included) and writes a punches.csv for them (stdout by default) with
 * realistic lateness, early leaves, overtime, absences and forgotten
 * punches (bench/punchgen.h).  Deterministic: the same roster and seed give
 * the same file.  Import it with 'rota import punches FILE'.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/punchgen.h"
#include "store/store.h"

static int usage(void)
{
	fputs("usage: punchgen --db FILE --from DATE --to DATE [--seed N] "
	      "[--breaks P] [--out FILE]\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	const char *db = NULL, *from_s = NULL, *to_s = NULL, *out_s = NULL;
	struct pg_options o = {1, 0.0};
	struct rota_store *st = NULL;
	struct rota_site site;
	struct rota_tz *tz = NULL;
	struct rota_assignment *a = NULL;
	struct rota_error err = {0};
	int32_t from, to;
	size_t n = 0;
	FILE *out = stdout;
	long written;
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			return usage();
		if (strcmp(argv[i], "--db") == 0)
			db = v;
		else if (strcmp(argv[i], "--from") == 0)
			from_s = v;
		else if (strcmp(argv[i], "--to") == 0)
			to_s = v;
		else if (strcmp(argv[i], "--out") == 0)
			out_s = v;
		else if (strcmp(argv[i], "--seed") == 0)
			o.seed = strtoull(v, NULL, 10);
		else if (strcmp(argv[i], "--breaks") == 0)
			o.breaks = strtod(v, NULL);
		else
			return usage();
		i++;
	}
	if (!db || !from_s || !to_s)
		return usage();
	if (rota_parse_date(from_s, &from, &err) < 0 ||
	    rota_parse_date(to_s, &to, &err) < 0 ||
	    rota_store_open(db, ROTA_STORE_READONLY, &st, &err) < 0 ||
	    rota_store_site_get(st, &site, &err) < 0 ||
	    !(tz = rota_tz_load(site.timezone, &err)) ||
	    rota_store_assignments_range(st, rota_tz_day_start(tz, from),
					 rota_tz_day_start(tz, to + 1), NULL,
					 &a, &n, &err) < 0) {
		fprintf(stderr, "punchgen: %s\n", err.msg);
		goto out;
	}
	if (n == 0) {
		fprintf(stderr, "punchgen: no shifts from %s to %s (schedule "
			"or import a roster first)\n", from_s, to_s);
		goto out;
	}
	if (out_s && !(out = fopen(out_s, "w"))) {
		fprintf(stderr, "punchgen: %s: %s\n", out_s, strerror(errno));
		out = stdout;
		goto out;
	}
	if ((written = pg_write(out, a, n, tz, &o)) < 0) {
		fprintf(stderr, "punchgen: out of memory\n");
		goto out;
	}
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "punchgen: write error\n");
		goto out;
	}
	fprintf(stderr, "punchgen: %ld punches for %zu shifts\n", written, n);
	rc = 0;
out:
	if (out != stdout)
		fclose(out);
	free(a);
	rota_tz_free(tz);
	rota_store_close(st);
	return rc;
}
