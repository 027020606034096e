/*
 * fuzz/fuzz_import.h - one importer on bytes: written to a file, imported
 * inside a transaction that is rolled back, so every input meets the same
 * database.
 */
#ifndef ROTA_FUZZ_IMPORT_H
#define ROTA_FUZZ_IMPORT_H

#include "fuzz/fuzz_site.h"

static struct rota_store *fuzz_st;
static char fuzz_path[160];

static void fuzz_import_init(void)
{
	const char *db = fuzz_site();

	if (!db || rota_store_open(db, 0, &fuzz_st, NULL) < 0)
		abort();
	snprintf(fuzz_path, sizeof(fuzz_path), "%s.input", db);
}

static void fuzz_import(int kind, const uint8_t *data, size_t size)
{
	struct rota_import_stats stats;
	struct rota_error err = {0};
	FILE *f = fopen(fuzz_path, "wb");

	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	memset(&stats, 0, sizeof(stats));
	if (rota_store_begin(fuzz_st, &err) < 0)
		abort();
	rota_store_import_file(fuzz_st, kind, fuzz_path, "input", &stats,
			       &err);
	rota_store_rollback(fuzz_st);
	if (strlen(err.msg) >= sizeof(err.msg))
		__builtin_trap();
}

#endif
