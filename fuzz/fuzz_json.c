/* fuzz/fuzz_json.c - the strict JSON parser of POST /api/v1/punches. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "serve/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_doc d;
	char msg[128];

	if (json_parse((const char *)data, size, 4000, &d, msg,
		       sizeof(msg)) == 0) {
		/* every string is NUL-terminated at its length */
		for (int i = 0; i < d.n; i++)
			if (d.v[i].type == JSON_STRING &&
			    (d.v[i].str[d.v[i].len] != '\0' ||
			     strlen(d.v[i].str) != d.v[i].len))
				__builtin_trap();
		json_member(&d, 0, "punches");
		json_doc_free(&d);
	}
	return 0;
}
