/* store/import_punches.c - punches.csv.  NOT IMPLEMENTED YET: placeholder. */
#include "store/import_int.h"

int rota_import_punches(struct rota_import *im, struct rota_error *err)
{
	return rota_error_set(err, ROTA_EINVAL,
			      "%s: importing punches is not implemented yet",
			      im->label);
}
