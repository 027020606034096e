#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *rota_strerror(int code)
{
	switch (code) {
#define ROTA_X_STR(name, value, desc) case value: return desc;
		ROTA_STATUS_MAP(ROTA_X_STR)
#undef ROTA_X_STR
	}
	return "unknown error";
}

const char *rota_status_name(int code)
{
	switch (code) {
#define ROTA_X_NAME(name, value, desc) case value: return #name;
		ROTA_STATUS_MAP(ROTA_X_NAME)
#undef ROTA_X_NAME
	}
	return "EUNKNOWN";
}

int rota_error_set(struct rota_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

int rota_error_prefix(struct rota_error *err, const char *fmt, ...)
{
	char head[ROTA_ERROR_MSG_MAX];
	char tail[ROTA_ERROR_MSG_MAX];
	va_list ap;

	if (!err)
		return ROTA_EINVAL;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(tail, err->msg, sizeof(tail));
	tail[sizeof(tail) - 1] = '\0';
	if (snprintf(err->msg, sizeof(err->msg), "%s: %s", head, tail) < 0)
		err->msg[0] = '\0';
	return err->code;
}

void rota_error_clear(struct rota_error *err)
{
	if (!err)
		return;
	err->code = ROTA_OK;
	err->msg[0] = '\0';
}
