/*
 * core/error.h - status codes and the caller-owned error record.
 *
 * Every library function returns 0 on success or a negative enum rota_status
 * on failure, and fills an optional struct rota_error (which may be NULL).
 * Nothing is allocated on the error path: the message lives in a fixed buffer
 * inside the record the caller owns.  Messages are lower-case, say what
 * failed first and quote the subject:  staff.csv:14: unknown skill 'vioce'.
 */
#ifndef ROTA_CORE_ERROR_H
#define ROTA_CORE_ERROR_H

/* X(name, value, description) - the one table of status codes. */
#define ROTA_STATUS_MAP(X)                                                   \
	X(OK, 0, "success")                                                  \
	X(EINVAL, -1, "invalid argument")                                    \
	X(ENOMEM, -2, "out of memory")                                       \
	X(EIO, -3, "input/output error")                                     \
	X(EDATA, -4, "bad input data")                                       \
	X(ENOTFOUND, -5, "not found")                                        \
	X(EDB, -6, "database error")                                         \
	X(EVERSION, -7, "database was written by a newer rota")              \
	X(EINFEASIBLE, -8, "no solution satisfies every hard rule")          \
	X(ESOLVER, -9, "solver failure")                                     \
	X(ECONFLICT, -10, "conflicts with stored state")                     \
	X(ELIMIT, -11, "limit exceeded")                                     \
	X(ENOSOLUTION, -12, "no solution found within the limits")

enum rota_status {
#define ROTA_X_ENUM(name, value, desc) ROTA_##name = (value),
	ROTA_STATUS_MAP(ROTA_X_ENUM)
#undef ROTA_X_ENUM
};

#define ROTA_ERROR_MSG_MAX 256

struct rota_error {
	int code;                      /* enum rota_status */
	char msg[ROTA_ERROR_MSG_MAX];  /* human message, never NULL-terminated short */
};

/* Short description of a status code ("bad input data"); never NULL. */
const char *rota_strerror(int code);

/* Symbolic name of a status code ("EDATA"); never NULL. */
const char *rota_status_name(int code);

/*
 * Fill err (if not NULL) with code and a printf-style message; returns code so
 * callers can write `return rota_error_set(err, ROTA_EDATA, "...", ...);`.
 */
int rota_error_set(struct rota_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Prefix the message already in err with a printf-style context and ": ".
 * Truncates safely; a NULL err is ignored.  Returns err->code (or ROTA_EINVAL
 * when err is NULL).
 */
int rota_error_prefix(struct rota_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reset err to ROTA_OK with an empty message. */
void rota_error_clear(struct rota_error *err);

#endif
