/* store/import_roster.c - roster.csv.  NOT IMPLEMENTED YET: placeholder. */
#include "store/import_int.h"

int rota_import_roster(struct rota_import *im, struct rota_error *err)
{
	return rota_error_set(err, ROTA_EINVAL,
			      "%s: importing rosters is not implemented yet",
			      im->label);
}
