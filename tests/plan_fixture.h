/* tests/plan_fixture.h - the fixture the plan-layer tests share: a site
 * written file by file into a fresh temporary directory, imported into its
 * own database and opened with rota_plan_open.  Include after <cmocka.h>,
 * <stdio.h>, <stdlib.h>, <unistd.h> and "plan/plan.h". */
#ifndef ROTA_TESTS_PLAN_FIXTURE_H
#define ROTA_TESTS_PLAN_FIXTURE_H

struct fx {
	char dir[64];
	char db[96];
	struct rota_plan *pl;
};

/* Write TEXT as f->dir/NAME. */
static inline void write_file(const struct fx *f, const char *name,
			      const char *text)
{
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

/* Import TEXT as a file NAME of KIND into ST, then remove the file. */
static inline void import(struct fx *f, struct rota_store *st, int kind,
			  const char *name, const char *text)
{
	struct rota_error err = {0};
	char path[160];

	write_file(f, name, text);
	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	assert_int_equal(rota_store_import_file(st, kind, path, name, NULL,
						&err), 0);
	unlink(path);
}

/* A new directory /tmp/rota-test-TAG.XXXXXX with an empty database in
 * it, opened into *st. */
static inline void fx_create(struct fx *f, const char *tag,
			     struct rota_store **st)
{
	struct rota_error err = {0};

	snprintf(f->dir, sizeof(f->dir), "/tmp/rota-test-%s.XXXXXX", tag);
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/rota.db", f->dir);
	assert_int_equal(rota_store_open(f->db, ROTA_STORE_CREATE, st, &err),
			 0);
}

static inline int fx_setup(void **state)
{
	*state = calloc(1, sizeof(struct fx));
	return 0;
}

/* Close the plan, remove the database and the directory. */
static inline int fx_teardown(void **state)
{
	struct fx *f = *state;
	char path[160];
	const char *names[] = {"rota.db", "rota.db-wal", "rota.db-shm"};

	rota_plan_close(f->pl);
	for (size_t i = 0; i < 3 && f->dir[0]; i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		unlink(path);
	}
	if (f->dir[0])
		rmdir(f->dir);
	free(f);
	return 0;
}

#endif
