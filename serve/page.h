/*
 * serve/page.h - private to serve/: the operations sections of the
 * supervisor's page (open absences with their substitutes, pending
 * time-off requests) and their POST actions (serve/ops.c).
 */
#ifndef ROTA_SERVE_PAGE_H
#define ROTA_SERVE_PAGE_H

#include <stdint.h>
#include <stdio.h>

#include "serve/serve_int.h"

struct rota_plan;
struct rota_web_session;

/* Write the sections for the week of `monday` (forms carry s->csrf). */
void serve_ops_sections(FILE *f, struct rota_plan *pl,
			const struct rota_web_session *s, int32_t monday);
/* 1 when path is one of the actions serve_ops_post() handles. */
int serve_ops_route(const char *path);
/* A supervisor's action, CSRF already checked. */
void serve_ops_post(const struct serve_cfg *cfg, struct rota_plan *pl,
		    const struct rota_web_session *s,
		    const struct serve_req *rq, struct serve_resp *rs);

#endif
