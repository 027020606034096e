/*
 * fuzz/fuzz_site.h - a small site in a fresh database for the fuzz targets
 * (the tests/data/site example: three employees, two skills, three shifts),
 * and the fixed secrets the seeds use to reach past authentication.
 */
#ifndef ROTA_FUZZ_SITE_H
#define ROTA_FUZZ_SITE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

/* 55 characters: a terminal's key, a feed token, a session cookie. */
#define FUZZ_KEY "FUZZterminal0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define FUZZ_FEED "FUZZfeedtokn0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define FUZZ_SESSION "FUZZsession00aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define FUZZ_CSRF "fuzzcsrf"

static const char *const fuzz_files[][2] = {
	{"site.ini", "[site]\nname = Fuzz 测试\ntimezone = Europe/London\n"
		     "interval_min = 30\n\n[skill.voice]\nsl = 0.8\n\n"
		     "[skill.chat]\nconcurrency = 2\n"},
	{"contracts.csv", "id,min_week_min,max_week_min,max_days_week\n"
			  "ft,2400,2400,5\npt,960,1200,5\n"},
	{"staff.csv", "id,name,email,team,contract,skills\n"
		      "E01,王小明,x@example.cn,red,ft,voice:3;chat\n"
		      "E02,\"Okafor, Ada\",ada@example.com,red,pt,chat\n"
		      "E03,Jürgen,jg@example.de,blue,ft,voice\n"},
	{"shifts.csv", "code,name,start,length_min,break_min,days,skills\n"
		       "E,Early,07:00,540,60,Mon-Fri,\n"
		       "L,Late,14:00,540,60,Mon-Sun,voice\n"},
	{"forecast.csv", "start,skill,contacts,aht_s\n"
			 "2026-03-30 08:00,voice,100,180\n"},
};

static char fuzz_dir[64], fuzz_db[128];

static void fuzz_cleanup(void)
{
	static const char *const ext[] = {"", "-wal", "-shm", "-journal",
					  ".input"};
	char path[160];

	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", fuzz_db, ext[i]);
		unlink(path);
	}
	rmdir(fuzz_dir);
}

/* Make DIR/rota.db with the site (removed at exit); returns its path or
 * NULL. */
static const char *fuzz_site(void)
{
	char *dir = fuzz_dir, *db = fuzz_db;
	const size_t dir_size = sizeof(fuzz_dir), db_size = sizeof(fuzz_db);
	struct rota_store *st = NULL;
	struct rota_error err = {0};

	if (db[0])
		return db;
	/* memory-backed when there is one: imports sync less there */
	snprintf(dir, dir_size, "%s/rota-fuzz.XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(dir))
		return NULL;
	atexit(fuzz_cleanup);
	snprintf(db, db_size, "%s/rota.db", dir);
	if (rota_store_open(db, ROTA_STORE_CREATE, &st, &err) < 0)
		goto fail;
	for (size_t i = 0; i < sizeof(fuzz_files) / sizeof(fuzz_files[0]);
	     i++) {
		char path[160];
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, fuzz_files[i][0]);
		if (!(f = fopen(path, "w")))
			goto fail;
		fputs(fuzz_files[i][1], f);
		fclose(f);
		if (rota_store_import_file(st, (int)i == 0 ? ROTA_IMPORT_SITE
				: i == 1 ? ROTA_IMPORT_CONTRACTS
				: i == 2 ? ROTA_IMPORT_STAFF
				: i == 3 ? ROTA_IMPORT_SHIFTS
					 : ROTA_IMPORT_FORECAST,
					   path, path, NULL, &err) < 0)
			goto fail;
		unlink(path);
	}
	rota_store_close(st);
	return db;
fail:
	fprintf(stderr, "fuzz site: %s\n", err.msg);
	rota_store_close(st);
	db[0] = '\0';
	return NULL;
}

#endif
