"""Drive `rota serve` on a free loopback port (see t_serve.sh).

Starts the server, checks every route with http.client or a raw socket,
stops it with SIGTERM while a request is in flight, and checks the log.
Every wait is bounded; the server is killed in `finally` if still running.
"""
import http.client
import json
import os
import re
import shlex
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse

ROTA, DB = sys.argv[1], sys.argv[2]
WRAP = shlex.split(os.environ.get("ROTA_WRAPPER", ""))
SLOW = 20 if WRAP else 1          # valgrind: everything is slower
E01 = open("e01.url").read().strip().rsplit("/", 1)[1]
E02 = open("e02.url").read().strip().rsplit("/", 1)[1]
E02_OLD = open("e02.old.url").read().strip().rsplit("/", 1)[1]
RED = open("red.url").read().strip().rsplit("/", 1)[1]
KEY1 = open("t1.key").read().strip()
KEY2 = open("t2.key").read().strip()
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def rota(*args):
    return subprocess.run(WRAP + [ROTA, "--db", DB] + list(args),
                          capture_output=True, text=True, timeout=120 * SLOW)


def start():
    out = open("serve.out", "w")
    err = open("serve.err", "w")
    p = subprocess.Popen(WRAP + [ROTA, "--db", DB, "serve", "--listen",
                                 "127.0.0.1:0", "--max-body", "65536"],
                         stdout=out, stderr=err)
    deadline = time.time() + 30 * SLOW
    while time.time() < deadline:
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)",
                      open("serve.out").read())
        if m:
            return p, int(m.group(1))
        if p.poll() is not None:
            break
        time.sleep(0.05)
    p.kill()
    raise SystemExit("server did not start: " + open("serve.err").read())


def req(method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60 * SLOW)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, r, data


def raw(data, read_timeout=10):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=read_timeout * SLOW)
    try:
        s.sendall(data)
        got = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            got += chunk
        return got
    finally:
        s.close()


def punches(key, items, ctype="application/json", raw_body=None):
    body = raw_body if raw_body is not None else json.dumps({"punches": items})
    h = {"Content-Type": ctype}
    if key:
        h["Authorization"] = "Bearer " + key
    st, r, data = req("POST", "/api/v1/punches", body, h)
    try:
        doc = json.loads(data)
    except ValueError:
        doc = None
    check(r.getheader("Content-Type") == "application/json",
          "punches: JSON answer for %d" % st)
    return st, doc


def stored(source):
    db = sqlite3.connect(DB)
    n = db.execute("SELECT count(*) FROM punch WHERE source = ?",
                   (source,)).fetchone()[0]
    db.close()
    return n


proc, PORT = start()
try:
    # ---------------------------------------------------------- feeds
    st, r, body = req("GET", "/cal/" + E01)
    check(st == 200, "feed: 200, got %d" % st)
    check(r.getheader("Content-Type") == "text/calendar; charset=utf-8",
          "feed: content type")
    check(r.getheader("Content-Encoding") is None, "feed: uncompressed")
    etag, lm = r.getheader("ETag"), r.getheader("Last-Modified")
    check(etag and re.fullmatch(r'"[0-9a-f]{32}"', etag), "feed: strong ETag")
    check(lm and lm.endswith(" GMT"), "feed: Last-Modified")
    check(body.startswith(b"BEGIN:VCALENDAR\r\n"), "feed: a VCALENDAR")
    check(b"SUMMARY:" in body and b"rota-20260330-E01@" in body,
          "feed: E01's published shift of Monday")
    check(b"E03" not in body, "feed: only E01's shifts")
    published = open("published/E01.ics", "rb").read()
    check(body == published,
          "feed: byte for byte the published file (one week published, "
          "inside the window; publish's remembered alarm and organizer)")
    check(b"BEGIN:VALARM" in body and b"ORGANIZER" in body,
          "feed: the remembered alarm and organizer")
    st2, r2, body2 = req("GET", "/cal/" + E01)
    check(body2 == body and r2.getheader("ETag") == etag,
          "feed: byte-identical while the roster is unchanged")
    st, r, b = req("GET", "/cal/" + E01, headers={"If-None-Match": etag})
    check(st == 304 and b == b"", "feed: If-None-Match gives 304")
    st, r, b = req("GET", "/cal/" + E01,
                   headers={"If-None-Match": '"x", W/' + etag})
    check(st == 304, "feed: a list with the weak form matches")
    st, r, b = req("GET", "/cal/" + E01, headers={"If-Modified-Since": lm})
    check(st == 304, "feed: If-Modified-Since gives 304")
    st, r, b = req("GET", "/cal/" + E01,
                   headers={"If-None-Match": '"0000"', "If-Modified-Since": lm})
    check(st == 200, "feed: If-None-Match wins over If-Modified-Since")
    st, r, b = req("HEAD", "/cal/" + E01)
    check(st == 200 and b == b"", "feed: HEAD")
    st, r, b = req("GET", "/cal/" + RED)
    check(st == 200 and b"E01" in b and b"E02" in b and b"E03" not in b,
          "team feed: red's members only")
    check(b == open("published/team-red.ics", "rb").read(),
          "team feed: byte for byte the published team file")
    st, r, unknown = req("GET", "/cal/" + "A" * 55 + ".ics")
    check(st == 404, "feed: unknown token 404")
    st, r, b = req("GET", "/cal/" + E01[:12] + "B" * 43 + ".ics")
    check(st == 404 and b == unknown,
          "feed: a right selector with a wrong secret is the same 404")
    st, r, b = req("GET", "/cal/" + E02_OLD)
    check(st == 404 and b == unknown,
          "feed: a URL replaced by --new is the same 404")
    st, r, b = req("POST", "/cal/" + E01)
    check(st == 405, "feed: POST is 405")
    res = rota("feed", "revoke", "E02")
    check(res.returncode == 0, "feed revoke: " + res.stderr)
    st, r, b = req("GET", "/cal/" + E02)
    check(st == 404 and b == unknown, "feed: a revoked token is the same 404")
    res = rota("feed", "token", "E02")
    check(res.returncode == 0, "feed token after revoke: " + res.stderr)
    fresh = res.stdout.strip().rsplit("/", 1)[-1]
    check(fresh not in (E02, E02_OLD), "feed: after a revoke, a fresh URL")
    st, r, b = req("GET", "/cal/" + fresh)
    check(st == 200, "feed: the fresh URL works, got %d" % st)

    # --------------------------------------------- paths that are not routes
    for path in (b"/cal/../../etc/passwd", b"/cal/../..",
                 b"/cal/%2e%2e/%2e%2e/etc/passwd.ics", b"/../../rota.db",
                 b"/cal/" + E01.encode()[:-4] + b"/../x.ics"):
        got = raw(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n"
                  b"Connection: close\r\n\r\n")
        check(got.startswith(b"HTTP/1.1 404"),
              "path %r: 404, got %r" % (path, got[:40]))
        check(b"BEGIN:VCALENDAR" not in got and b"SQLite" not in got,
              "path %r: nothing served" % path)

    # ------------------------------------------------------ punches
    good = [{"employee": "E01", "time": "2026-04-01T07:58:00+01:00",
             "kind": "in"},
            {"employee": "E02", "time": "2026-04-01T08:02:00+01:00",
             "kind": "in"},
            {"employee": "E03", "time": "2026-04-01T08:03:00Z", "kind": "in"}]
    st, doc = punches(KEY1, good)
    check(st == 200 and doc == {"results": [{"status": "stored"}] * 3},
          "punches: a good batch is stored: %r" % (doc,))
    st, doc = punches(KEY1, good)
    check(st == 200 and doc == {"results": [{"status": "duplicate"}] * 3},
          "punches: the same batch again is duplicate: %r" % (doc,))
    check(stored("terminal:T1") == 3, "punches: stored once")
    # the rules of rota clock: E01 is clocked in already
    st, doc = punches(KEY2, [{"employee": "E01",
                              "time": "2026-04-01T08:10:00+01:00",
                              "kind": "in"}])
    check(st == 200 and doc["results"][0]["status"] == "refused" and
          "already clocked in" in doc["results"][0]["reason"],
          "punches: in twice is refused like rota clock: %r" % (doc,))
    mixed = [{"employee": "E01", "time": "2026-04-01T08:30:00+01:00",
              "kind": "out"},
             {"employee": "E99", "time": "2026-04-01T08:31:00+01:00",
              "kind": "in"},
             {"employee": "E02", "time": "2026-04-01 08:31", "kind": "out"},
             {"employee": "E02", "time": "2026-13-01T08:31:00+01:00",
              "kind": "out"},
             {"employee": "E02", "time": "2030-01-01T08:31:00+01:00",
              "kind": "out"},
             {"employee": "E02", "time": "2026-04-01T08:31:00+01:00",
              "kind": "sideways"},
             {"employee": "E02", "time": "2026-04-01T08:31:00+01:00",
              "kind": "out", "extra": 1}]
    st, doc = punches(KEY1, mixed)
    check(st == 422, "punches: bad punches make it 422, got %d" % st)
    if doc:
        res = doc.get("results", [])
        check([x["status"] for x in res] ==
              ["stored"] + ["refused"] * 6, "punches: results in order: %r" % res)
        check("unknown employee 'E99'" in res[1].get("reason", ""),
              "punches: unknown employee named")
        check("offset" in res[2].get("reason", ""), "punches: no offset")
        check("error" in doc, "punches: 422 has an error")
    check(stored("terminal:T1") == 4, "punches: only the good one stored")
    for body, what in (('{"punches": [', "truncated"),
                       ('{"punches": [], "punches": []}', "duplicate key"),
                       ('{"punches": [{"employee": "E01",}]}', "trailing comma"),
                       ('{"punches": [{"employee": "E\\u0000"}]}', "NUL"),
                       ("\xff\xfe", "not UTF-8"),
                       ('[' * 100 + ']' * 100, "deep"),
                       ('{"punches": {}}', "not an array"),
                       ('{"punches": []}', "empty")):
        st, doc = punches(KEY1, None, raw_body=body.encode("latin-1"))
        check(st == 400 and doc and "error" in doc,
              "punches: %s body is 400, got %d %r" % (what, st, doc))
    st, doc = punches(KEY1, good, ctype="text/plain")
    check(st == 415, "punches: text/plain is 415")
    st, doc = punches(None, good)
    check(st == 401, "punches: no key is 401")
    st, doc = punches("x" * 55, good)
    check(st == 401, "punches: a wrong key is 401")
    big = [{"employee": "E01", "time": "2026-04-01T07:58:00+01:00",
            "kind": "in"}] * 1500
    st, doc = punches(KEY1, big)
    check(st == 413, "punches: a body over --max-body is 413, got %d" % st)
    res = rota("terminal", "revoke", "T2")
    check(res.returncode == 0, "terminal revoke")
    st, doc = punches(KEY2, good)
    check(st == 401, "punches: a revoked terminal is 401")
    check(stored("terminal:T1") == 4 and stored("terminal:T2") == 0,
          "punches: nothing stored by refused requests")

    # --------------------------------------------- oversized headers
    got = raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70000 +
              b"\r\nConnection: close\r\n\r\n")
    check(re.match(rb"HTTP/1\.1 4\d\d", got) is not None,
          "a 70 kB header is refused with 4xx: %r" % got[:40])
    got = raw(b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n"
              b"Connection: close\r\n\r\n")
    check(re.match(rb"HTTP/1\.1 4\d\d", got) is not None,
          "a 70 kB URL is refused with 4xx: %r" % got[:40])
    st, r, b = req("GET", "/healthz")
    check(st == 200, "still serving after oversized requests")

    # ------------------------------------------------------- login
    st, r, b = req("GET", "/")
    check(st == 303 and r.getheader("Location") == "/login",
          "page: redirect to /login before login")
    st, r, form = req("GET", "/login")
    check(st == 200 and b'name="csrf"' in form, "login: a form with a token")
    lc = r.getheader("Set-Cookie")
    check(lc and "HttpOnly" in lc and "SameSite=Strict" in lc,
          "login: its cookie is HttpOnly, SameSite=Strict")
    login_tok = re.search(rb'name="csrf" value="([^"]+)"', form).group(1).decode()
    cookie = "rota_login=" + login_tok
    fh = {"Content-Type": "application/x-www-form-urlencoded"}

    def login(user, pw, tok=login_tok, ck=cookie):
        h = dict(fh)
        if ck:
            h["Cookie"] = ck
        return req("POST", "/login", urllib.parse.urlencode(
            {"csrf": tok, "user": user, "password": pw}), h)

    st, r, b = login("li", "correct horse battery", tok="x" * 43)
    check(st == 403, "login: a wrong CSRF token is refused")
    st, r, b = login("li", "correct horse battery", ck=None)
    check(st == 403, "login: no login cookie is refused")
    st, r, b = login("li", "wrong password")
    check(st == 403 and b"Wrong name or password" in b, "login: wrong password")
    st, r, b2 = login("nobody", "wrong password")
    check(st == 403 and b"Wrong name or password" in b2,
          "login: an unknown name says the same")
    st, r, b = login("li", "correct horse battery")
    check(st == 303 and r.getheader("Location") == "/", "login: 303 to /")
    sc = [v for k, v in r.getheaders() if k.lower() == "set-cookie"]
    sess = [c for c in sc if c.startswith("rota_session=")]
    check(sess and "HttpOnly" in sess[0] and "SameSite=Strict" in sess[0],
          "login: session cookie HttpOnly, SameSite=Strict: %r" % sc)
    session = sess[0].split(";")[0]
    st, r, page = req("GET", "/?week=2026-03-30", headers={"Cookie": session})
    check(st == 200 and r.getheader("Content-Type").startswith("text/html"),
          "page: 200 after login")
    check("Week of 2026-03-30".encode() in page, "page: the week")
    check("王小明".encode() in page, "page: CJK names")
    check(b"<svg" in page and b"class=\"short\"" in page,
          "page: the coverage graph with short intervals")
    check(b"<script" not in page, "page: no JavaScript")
    check("default-src 'none'" in (r.getheader("Content-Security-Policy") or ""),
          "page: a Content-Security-Policy")
    csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    st, r, b = req("GET", "/coverage.svg?week=2026-03-30",
                   headers={"Cookie": session})
    check(st == 200 and b.startswith(b"<svg"), "coverage.svg")
    # CSRF: a POST without the token, or with another, is refused
    h = dict(fh, Cookie=session)
    st, r, b = req("POST", "/logout", "", h)
    check(st == 403, "logout without a CSRF token is 403")
    st, r, b = req("POST", "/logout", "csrf=" + "A" * len(csrf), h)
    check(st == 403, "logout with a wrong CSRF token is 403")
    st, r, b = req("POST", "/logout", "csrf=" + csrf,
                   {"Content-Type": "text/plain", "Cookie": session})
    check(st == 403, "a POST that is not a form is 403")
    # a viewer cannot act
    st, r, form = req("GET", "/login")
    vt = re.search(rb'name="csrf" value="([^"]+)"', form).group(1).decode()
    st, r, b = login("wang", "viewer password 1", tok=vt,
                     ck="rota_login=" + vt)
    vs = [v for k, v in r.getheaders()
          if k.lower() == "set-cookie" and v.startswith("rota_session=")]
    check(st == 303 and vs, "viewer: logs in")
    if vs:
        vsess = vs[0].split(";")[0]
        st, r, vpage = req("GET", "/", headers={"Cookie": vsess})
        vcsrf = re.search(rb'name="csrf" value="([^"]+)"', vpage).group(1)
        st, r, b = req("POST", "/absence/apply",
                       "csrf=" + vcsrf.decode() + "&absence=1&rank=1",
                       dict(fh, Cookie=vsess))
        check(st == 403, "viewer: cannot apply a substitute (%d)" % st)
    st, r, b = req("POST", "/logout", "csrf=" + csrf, h)
    check(st == 303, "logout")
    st, r, b = req("GET", "/", headers={"Cookie": session})
    check(st == 303, "after logout the session is gone")

    # ------------------------------------ a clean stop, a request in flight
    s = socket.create_connection(("127.0.0.1", PORT), timeout=30 * SLOW)
    body = json.dumps({"punches": [{"employee": "E03", "kind": "out",
                                    "time": "2026-04-01T08:40:00+01:00"}]})
    head = ("POST /api/v1/punches HTTP/1.1\r\nHost: x\r\nAuthorization: "
            "Bearer %s\r\nContent-Type: application/json\r\nContent-Length:"
            " %d\r\nConnection: close\r\n\r\n" % (KEY1, len(body)))
    s.sendall(head.encode() + body[:10].encode())
    time.sleep(0.3 * SLOW)
    proc.send_signal(signal.SIGTERM)
    time.sleep(0.3 * SLOW)
    s.sendall(body[10:].encode())
    got = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        got += chunk
    s.close()
    check(got.startswith(b"HTTP/1.1 200") and b'"stored"' in got,
          "SIGTERM: the request in flight finished: %r" % got[:60])
    try:
        rc = proc.wait(timeout=30 * SLOW)
    except subprocess.TimeoutExpired:
        rc = None
    check(rc == 0, "SIGTERM: the server exits 0 (got %r)" % rc)
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=2).close()
        check(False, "after the stop nothing listens")
    except OSError:
        pass
finally:
    if proc.poll() is None:
        proc.kill()
        proc.wait()

log = open("serve.err").read()
for secret in (E01[:-4], E02[:-4], RED[:-4], KEY1, KEY2, "correct horse",
               session.split("=", 1)[1] if "session" in dir() else "zz"):
    check(secret not in log, "log: no secret (%s...)" % secret[:6])
check(re.search(r"GET /cal/\[token\]\.ics 200 \d+ ", log) is not None,
      "log: one line per feed request, token hidden")
check("POST /api/v1/punches 200" in log and "terminal T1" in log,
      "log: punches logged with the terminal's name")
check("rota serve: stopped" in log, "log: stopped")
check(len(re.findall(r"^\d{4}-\d\d-\d\dT", log, re.M)) >= 40,
      "log: a line per request")
if failures:
    print("\n".join(failures), file=sys.stderr)
    print(log[-3000:], file=sys.stderr)
    sys.exit(1)
print("serve_client: all checks passed")
