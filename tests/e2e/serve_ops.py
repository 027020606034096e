"""The operations sections of rota serve's page (see t_serve_ops.sh): an
open absence with ranked substitutes and Apply, a pending time-off request
with Approve/Deny; refusals for stale forms, viewers and missing tokens."""
import http.client
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import FORM, Server  # noqa: E402

rota, db = sys.argv[1:3]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def roster():
    return subprocess.run([rota, "--db", db, "roster", "--week", "2026-03-30",
                           "--format", "csv"], capture_output=True,
                          text=True).stdout


srv = Server(rota, db)
srv2 = None
try:
    # a second server on the same database, one kept-alive connection to it
    srv2 = Server(rota, db, log="serve2.err")
    sess, csrf = srv.login("li", "correct horse battery")
    keep = http.client.HTTPConnection("127.0.0.1", srv2.port, timeout=60)

    def page2():
        keep.request("GET", "/?week=2026-03-30", headers={"Cookie": sess})
        r = keep.getresponse()
        return r.status, r.read().decode()

    st, p2 = page2()
    check(st == 200 and "sick (absence 1)" in p2,
          "second server: the session of the first one works")
    st, r, page = srv.req("GET", "/?week=2026-03-30",
                          headers={"Cookie": sess})
    text = page.decode()
    check(st == 200, "page 200")
    sec = text[text.index('id="absences"'):text.index('id="timeoff"')]
    check("E01" in sec and "sick (absence 1)" in sec,
          "absences: E01's open shift and why")
    check("李四" in sec and "E04" in sec, "absences: ranked substitutes")
    check(sec.count("<button>Apply</button>") >= 2, "absences: Apply buttons")
    cand = re.search(r'name="candidate" value="([^"]+)">.*?name="rank" '
                     r'value="1"', sec, re.S).group(1)
    ts = text[text.index('id="timeoff"'):]
    check("E03" in ts and "annual" in ts and "Approve" in ts and "Deny" in ts,
          "time off: the pending request with its buttons")
    check("Early shift" in ts or "rostered" in ts,
          "time off: its impact (the shift it overlaps)")
    h = dict(FORM, Cookie=sess)
    form = {"csrf": csrf, "employee": "E01", "day": "2026-04-01",
            "week": "2026-03-30", "rank": "1", "candidate": "E99"}
    st, r, b = srv.req("POST", "/absence/apply", urllib.parse.urlencode(form), h)
    check(st == 409 and b"candidates changed" in b,
          "apply: a stale candidate is refused (%d)" % st)
    check("E04,2026-04-01" not in roster() and "E05,2026-04-01" not in roster(),
          "apply: nothing changed by a refused apply")
    form["candidate"] = cand
    st, r, b = srv.req("POST", "/absence/apply",
                       urllib.parse.urlencode(dict(form, csrf="x" * 43)), h)
    check(st == 403, "apply: a wrong CSRF token is refused")
    st, r, b = srv.req("POST", "/absence/apply", urllib.parse.urlencode(form), h)
    check(st == 200 and b"Substitute applied" in b,
          "apply: applied (%d %r)" % (st, b[:200]))
    check("%s,2026-04-01" % cand in roster(), "apply: the roster has it")
    st, p2 = page2()
    check(st == 200 and "sick (absence 1)" not in p2,
          "second server: its open connection sees the first one's change")
    st, r, page = srv.req("GET", "/?week=2026-03-30", headers={"Cookie": sess})
    sec = page.decode()
    sec = sec[sec.index('id="absences"'):sec.index('id="timeoff"')]
    check("sick (absence 1)" not in sec, "apply: the absence is covered now")
    tid = re.search(rb'name="id" value="(\d+)"', page).group(1).decode()
    # a viewer sees the sections but no buttons, and cannot post
    vs, vcsrf = srv.login("wang", "viewer password 1")
    st, r, vpage = srv.req("GET", "/?week=2026-03-30", headers={"Cookie": vs})
    check(b"E03" in vpage and b"<button>Approve" not in vpage,
          "viewer: no buttons")
    st, r, b = srv.req("POST", "/timeoff/decide", urllib.parse.urlencode(
        {"csrf": vcsrf, "id": tid, "decision": "approve"}),
        dict(FORM, Cookie=vs))
    check(st == 403, "viewer: cannot decide")
    st, r, b = srv.req("POST", "/timeoff/decide", urllib.parse.urlencode(
        {"csrf": csrf, "id": tid, "decision": "maybe"}), h)
    check(st == 400, "decide: an unknown decision is 400")
    st, r, b = srv.req("POST", "/timeoff/decide", urllib.parse.urlencode(
        {"csrf": csrf, "id": tid, "decision": "approve"}), h)
    check(st in (200, 409), "decide: approve answered (%d %r)" % (st, b[:300]))
    st2, r, b2 = srv.req("POST", "/timeoff/decide", urllib.parse.urlencode(
        {"csrf": csrf, "id": tid, "decision": "deny"}), h)
    if st == 200:
        check(st2 == 409, "decide: a decided request cannot be decided again")
    else:
        check(st2 == 200 and b"denied" in b2, "decide: deny")
    out = subprocess.run([rota, "--db", db, "timeoff", "list", "--format",
                          "csv"], capture_output=True, text=True).stdout
    check(re.search(r"^%s,.*(approved|denied)" % tid, out, re.M) is not None,
          "decide: stored as decided:\n" + out)
finally:
    rc = srv.stop()
    if srv2:
        check(srv2.stop() == 0, "second server stopped cleanly")
check(rc == 0, "server stopped cleanly")
log = open("serve.err").read()
check("applied %s for E01" % cand in log if failures == [] else True,
      "log: the apply is logged")
if failures:
    print(log[-2000:], file=sys.stderr)
    sys.exit(1)
print("serve_ops: all checks passed")
