/*
 * serve/ops.c - the operations sections of the page: open absences with
 * their ranked substitutes (rota_plan_cover_open, rota_plan_cover) and an
 * "apply" button (rota_plan_cover_apply), pending time-off requests with
 * their impact (rota_plan_timeoff_impact) and approve/deny buttons
 * (rota_plan_timeoff_decide): the same workflows as rota cover and rota
 * timeoff.  A viewer sees the sections without the buttons.
 *
 * The page is stateless: an action's form carries what the supervisor saw
 * (the open shift, the rank and the candidate's id); the candidates are
 * found again and the action is refused when the one at that rank is no
 * longer the one shown.
 */
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "plan/plan.h"
#include "serve/page.h"

#define SUBSTITUTES_SHOWN 3

static void hhmm(const struct rota_tz *tz, int64_t t, char out[8])
{
	char buf[32];

	rota_format_local_short(tz, t, buf, sizeof(buf));
	snprintf(out, 8, "%.5s", buf + 11);
}

static const char *employee_name(const struct rota_dataset *ds,
				 const char *id)
{
	int e = rota_dataset_employee(ds, id);

	return e >= 0 ? ds->employees[e].name : id;
}

static void notes_html(FILE *f, const struct rota_plan_notes *n,
		       const char *cls)
{
	if (!n->n)
		return;
	fprintf(f, "<ul class=\"%s\">", cls);
	for (size_t i = 0; i < n->n; i++) {
		fputs("<li>", f);
		serve_html(f, n->text[i]);
		fputs("</li>", f);
	}
	fputs("</ul>", f);
}

static void hidden(FILE *f, const char *name, const char *value)
{
	fprintf(f, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	serve_html(f, value);
	fputs("\">", f);
}

/* One open shift and its best substitutes. */
static void open_shift(FILE *f, struct rota_plan *pl,
		       const struct rota_web_session *s,
		       const struct rota_plan_open *o, int32_t monday)
{
	const struct rota_dataset *ds = rota_plan_dataset(pl);
	const struct rota_tz *tz = rota_plan_tz(pl);
	struct rota_plan_cover_opts co = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_plan_cover c;
	struct rota_error err = {0};
	char date[16], a[8], b[8], week[16], rank[8];
	int supervisor = strcmp(s->user.role, "supervisor") == 0;

	memset(&c, 0, sizeof(c));
	rota_format_date(o->day, date, sizeof(date));
	rota_format_date(monday, week, sizeof(week));
	hhmm(tz, o->shift.start, a);
	hhmm(tz, o->shift.end, b);
	fputs("<div class=\"open\"><h3>", f);
	serve_html(f, employee_name(ds, o->employee));
	fputs(" <span class=\"muted\">", f);
	serve_html(f, o->employee);
	fputs("</span>: ", f);
	serve_html(f, o->shift.shift);
	fprintf(f, " on %s %s&ndash;%s <span class=\"muted\">(", date, a, b);
	serve_html(f, o->why);
	fputs(")</span></h3>\n", f);
	co.limit = SUBSTITUTES_SHOWN;
	if (rota_plan_cover(pl, o->employee, o->day, &co, &c, &err) < 0) {
		fputs("<p class=\"muted\">", f);
		serve_html(f, err.msg);
		fputs("</p></div>\n", f);
		return;
	}
	if (!c.n_cand) {
		fprintf(f, "<p class=\"short\">Nobody can take it (%d "
			"excluded by a hard rule).</p></div>\n", c.n_excluded);
		rota_plan_cover_release(&c);
		return;
	}
	fputs("<table><thead><tr><th>#</th><th>Substitute</th><th>Shift"
	      "</th><th>Overtime</th><th>Cost</th><th>Why</th>", f);
	if (supervisor)
		fputs("<th></th>", f);
	fputs("</tr></thead><tbody>\n", f);
	for (size_t i = 0; i < c.n_cand; i++) {
		const struct rota_plan_candidate *k = &c.cand[i];

		hhmm(tz, k->fill.start, a);
		hhmm(tz, k->fill.end, b);
		fprintf(f, "<tr><td>%d</td><td>", k->rank);
		serve_html(f, k->name);
		fputs(" <span class=\"muted\">", f);
		serve_html(f, k->employee);
		fputs("</span></td><td>", f);
		serve_html(f, k->fill.shift);
		fprintf(f, " %s&ndash;%s%s</td><td>%d min</td><td>%.1f</td>"
			"<td class=\"why\">", a, b,
			k->n_changes > 1 ? " (a chain)" : "", k->overtime_min,
			k->cost);
		serve_html(f, k->reasons);
		fputs("</td>", f);
		if (supervisor) {
			fputs("<td><form class=\"inline\" method=\"post\" "
			      "action=\"/absence/apply\">", f);
			hidden(f, "csrf", s->csrf);
			hidden(f, "employee", o->employee);
			hidden(f, "day", date);
			hidden(f, "candidate", k->employee);
			hidden(f, "week", week);
			snprintf(rank, sizeof(rank), "%d", k->rank);
			hidden(f, "rank", rank);
			fputs("<button>Apply</button></form></td>", f);
		}
		fputs("</tr>\n", f);
	}
	fprintf(f, "</tbody></table><p class=\"muted\">%zu candidate%s, %d "
		"excluded by a hard rule.</p></div>\n", c.n_found,
		c.n_found == 1 ? "" : "s", c.n_excluded);
	rota_plan_cover_release(&c);
}

static void absences(FILE *f, struct rota_plan *pl,
		     const struct rota_web_session *s, int32_t monday)
{
	struct rota_plan_cover_opts co = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_plan_open *open = NULL;
	struct rota_error err = {0};
	size_t n = 0, shown = 0, understaffed = 0;

	fputs("<section id=\"absences\"><h2>Open absences</h2>\n", f);
	co.chains = 0;   /* the list only; each shift's own search below */
	if (rota_plan_cover_open(pl, monday, &co, &open, &n, &err) < 0) {
		if (err.code == ROTA_ENOTFOUND) {
			fputs("<p class=\"muted\">No roster this week.</p>"
			      "</section>\n", f);
			return;
		}
		fputs("<p class=\"short\">", f);
		serve_html(f, err.msg);
		fputs("</p></section>\n", f);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (!open[i].employee[0]) {
			understaffed++;
			continue;
		}
		open_shift(f, pl, s, &open[i], monday);
		shown++;
	}
	if (!shown)
		fputs("<p class=\"muted\">None: every absence's shift is "
		      "covered.</p>", f);
	if (understaffed)
		fprintf(f, "<p class=\"muted\">%zu understaffed day%s and "
			"skill%s besides (<code>rota cover --open</code>).</p>",
			understaffed, understaffed == 1 ? "" : "s",
			understaffed == 1 ? "" : "s");
	fputs("</section>\n", f);
	free(open);
}

static void timeoff(FILE *f, struct rota_plan *pl,
		    const struct rota_web_session *s)
{
	const struct rota_dataset *ds = rota_plan_dataset(pl);
	const struct rota_tz *tz = rota_plan_tz(pl);
	struct rota_timeoff_query q = ROTA_TIMEOFF_QUERY_INIT;
	struct rota_timeoff_record *r = NULL;
	struct rota_error err = {0};
	size_t n = 0;
	int supervisor = strcmp(s->user.role, "supervisor") == 0;

	fputs("<section id=\"timeoff\"><h2>Time-off requests</h2>\n", f);
	q.status = "pending";
	if (rota_store_timeoff_list(rota_plan_store(pl), &q, &r, &n, &err) <
	    0) {
		fputs("<p class=\"short\">", f);
		serve_html(f, err.msg);
		fputs("</p></section>\n", f);
		return;
	}
	if (!n) {
		fputs("<p class=\"muted\">None pending.</p></section>\n", f);
		return;
	}
	fputs("<table><thead><tr><th>#</th><th>Employee</th><th>From</th>"
	      "<th>To</th><th>Type</th><th>Reason</th><th>Impact</th>", f);
	if (supervisor)
		fputs("<th></th>", f);
	fputs("</tr></thead><tbody>\n", f);
	for (size_t i = 0; i < n; i++) {
		struct rota_plan_timeoff_impact im;
		char a[32], b[32], id[24];

		memset(&im, 0, sizeof(im));
		rota_format_local_short(tz, r[i].start, a, sizeof(a));
		rota_format_local_short(tz, r[i].end, b, sizeof(b));
		fprintf(f, "<tr><td>%lld</td><td>", (long long)r[i].id);
		serve_html(f, employee_name(ds, r[i].employee));
		fputs(" <span class=\"muted\">", f);
		serve_html(f, r[i].employee);
		fprintf(f, "</span></td><td>%s</td><td>%s</td><td>", a, b);
		serve_html(f, r[i].type);
		fputs("</td><td>", f);
		serve_html(f, r[i].reason);
		fputs("</td><td class=\"why\">", f);
		if (rota_plan_timeoff_impact(pl, r[i].employee, r[i].start,
					     r[i].end, r[i].id, &im,
					     &err) == 0) {
			notes_html(f, &im.broken, "short");
			notes_html(f, &im.shifts, "plain");
			notes_html(f, &im.coverage, "plain");
			if (!im.broken.n && !im.shifts.n && !im.coverage.n)
				fputs("inside every rule; no shift affected", f);
			rota_plan_timeoff_impact_release(&im);
		} else {
			serve_html(f, err.msg);
		}
		fputs("</td>", f);
		if (supervisor) {
			snprintf(id, sizeof(id), "%lld", (long long)r[i].id);
			fputs("<td><form class=\"inline\" method=\"post\" "
			      "action=\"/timeoff/decide\">", f);
			hidden(f, "csrf", s->csrf);
			hidden(f, "id", id);
			hidden(f, "decision", "approve");
			fputs("<button>Approve</button></form> <form "
			      "class=\"inline\" method=\"post\" "
			      "action=\"/timeoff/decide\">", f);
			hidden(f, "csrf", s->csrf);
			hidden(f, "id", id);
			hidden(f, "decision", "deny");
			fputs("<button>Deny</button></form></td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></section>\n", f);
	free(r);
}

void serve_ops_sections(FILE *f, struct rota_plan *pl,
			const struct rota_web_session *s, int32_t monday)
{
	absences(f, pl, s, monday);
	timeoff(f, pl, s);
}

int serve_ops_route(const char *path)
{
	return strcmp(path, "/absence/apply") == 0 ||
	       strcmp(path, "/timeoff/decide") == 0;
}

/* A small page saying what happened, with a way back to the week. */
static void outcome(struct serve_resp *rs, int status, const char *week,
		    const char *title, const char *text,
		    const struct rota_plan_notes *notes)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		serve_text(rs, 503, "text/plain; charset=utf-8",
			   "out of memory\n");
		return;
	}
	fputs("<!doctype html>\n<html lang=\"en\"><head><meta "
	      "charset=\"utf-8\"><title>rota</title></head><body><h1>", f);
	serve_html(f, title);
	fputs("</h1><p>", f);
	serve_html(f, text);
	fputs("</p>", f);
	if (notes)
		notes_html(f, notes, "plain");
	fputs("<p><a href=\"/", f);
	if (week && *week) {
		fputs("?week=", f);
		serve_html(f, week);
	}
	fputs("\">Back to the week</a></p></body></html>\n", f);
	if (fclose(f) != 0) {
		free(buf);
		serve_text(rs, 503, "text/plain; charset=utf-8",
			   "out of memory\n");
		return;
	}
	serve_header(rs, "Cache-Control", "no-store");
	serve_body(rs, status, "text/html; charset=utf-8", buf, len);
}

#define FIELD 256

static int field(const struct serve_req *rq, const char *name, char *out)
{
	return serve_form_get(rq->body, rq->body_len, name, out, FIELD);
}

static void apply(const struct serve_cfg *cfg, struct rota_plan *pl,
		  const struct rota_web_session *s, const struct serve_req *rq,
		  struct serve_resp *rs)
{
	struct rota_plan_cover_opts co = ROTA_PLAN_COVER_OPTS_INIT;
	struct rota_version_meta meta = ROTA_VERSION_META_INIT;
	struct rota_plan_notes notes = {0};
	struct rota_plan_cover c;
	struct rota_error err = {0};
	char employee[FIELD], day[FIELD], cand[FIELD], week[FIELD], rank[FIELD];
	char text[400];
	int32_t d;
	long k;
	char *end;
	int version = 0;

	(void)cfg;
	memset(&c, 0, sizeof(c));
	week[0] = '\0';
	field(rq, "week", week);
	if (field(rq, "employee", employee) < 0 || field(rq, "day", day) < 0 ||
	    field(rq, "candidate", cand) < 0 || field(rq, "rank", rank) < 0 ||
	    rota_parse_date(day, &d, NULL) < 0 ||
	    (k = strtol(rank, &end, 10)) < 1 || *end || k > 50) {
		outcome(rs, 400, week, "Not applied",
			"The form is incomplete.", NULL);
		return;
	}
	co.limit = (int)k;
	if (rota_plan_cover(pl, employee, d, &co, &c, &err) < 0) {
		outcome(rs, err.code == ROTA_ENOTFOUND ? 404 : 409, week,
			"Not applied", err.msg, NULL);
		return;
	}
	if ((size_t)k > c.n_cand || strcmp(c.cand[k - 1].employee, cand) != 0) {
		rota_plan_cover_release(&c);
		outcome(rs, 409, week, "Not applied",
			"The candidates changed since the page was shown; "
			"reload it and choose again.", NULL);
		return;
	}
	meta.by = s->user.name;
	meta.reason = "applied on the supervisor's page";
	if (rota_plan_cover_apply(pl, &c, (int)k, &meta, 0, &version, &notes,
				  &err) < 0) {
		rota_plan_cover_release(&c);
		rota_plan_notes_release(&notes);
		outcome(rs, 409, week, "Not applied", err.msg, NULL);
		return;
	}
	snprintf(text, sizeof(text), "%.64s takes %.64s's shift on %.16s "
		 "(roster version %d).", cand, employee, day, version);
	snprintf(rs->note, sizeof(rs->note),
		 "user %.64s applied %.64s for %.64s on %.16s", s->user.name,
		 cand, employee, day);
	rota_plan_cover_release(&c);
	outcome(rs, 200, week, "Substitute applied", text, &notes);
	rota_plan_notes_release(&notes);
}

static void decide(struct rota_plan *pl, const struct rota_web_session *s,
		   const struct serve_req *rq, struct serve_resp *rs)
{
	struct rota_plan_timeoff_opts o;
	struct rota_plan_timeoff t;
	struct rota_error err = {0};
	char id[FIELD], decision[FIELD], text[200];
	long long v;
	char *end;
	const char *status;

	memset(&o, 0, sizeof(o));
	memset(&t, 0, sizeof(t));
	if (field(rq, "id", id) < 0 || field(rq, "decision", decision) < 0 ||
	    (v = strtoll(id, &end, 10)) < 1 || *end ||
	    (strcmp(decision, "approve") && strcmp(decision, "deny"))) {
		outcome(rs, 400, NULL, "Not decided", "The form is "
			"incomplete.", NULL);
		return;
	}
	status = decision[0] == 'a' ? "approved" : "denied";
	o.by = s->user.name;
	o.reason = "decided on the supervisor's page";
	if (rota_plan_timeoff_decide(pl, v, status, &o, &t, &err) < 0) {
		outcome(rs, err.code == ROTA_ENOTFOUND ? 404 : 409, NULL,
			"Not decided", err.msg, &t.impact.broken);
		rota_plan_timeoff_release(&t);
		return;
	}
	if (t.n_removed)
		snprintf(text, sizeof(text), "Time off %lld is %s; %zu shift%s "
			 "taken out of the roster, open to cover.", v, status,
			 t.n_removed, t.n_removed == 1 ? "" : "s");
	else
		snprintf(text, sizeof(text), "Time off %lld is %s.", v,
			 status);
	snprintf(rs->note, sizeof(rs->note), "user %s %s time off %lld",
		 s->user.name, status, v);
	outcome(rs, 200, NULL, "Decided", text, &t.notes);
	rota_plan_timeoff_release(&t);
}

void serve_ops_post(const struct serve_cfg *cfg, struct rota_plan *pl,
		    const struct rota_web_session *s,
		    const struct serve_req *rq, struct serve_resp *rs)
{
	if (strcmp(rq->path, "/absence/apply") == 0)
		apply(cfg, pl, s, rq, rs);
	else
		decide(pl, s, rq, rs);
}
