/*
 * fuzz/fuzz_csv.c - the CSV importers (contracts, staff, shifts, forecast,
 * timeoff, roster, punches, kpis, holidays, overtime): the first byte picks
 * the kind.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_import_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int kinds[] = {
		ROTA_IMPORT_CONTRACTS, ROTA_IMPORT_STAFF, ROTA_IMPORT_SHIFTS,
		ROTA_IMPORT_FORECAST, ROTA_IMPORT_TIMEOFF, ROTA_IMPORT_ROSTER,
		ROTA_IMPORT_PUNCHES, ROTA_IMPORT_KPIS, ROTA_IMPORT_HOLIDAYS,
		ROTA_IMPORT_OVERTIME,
	};

	if (size < 1)
		return 0;
	fuzz_import(kinds[data[0] % (sizeof(kinds) / sizeof(kinds[0]))],
		    data + 1, size - 1);
	return 0;
}
