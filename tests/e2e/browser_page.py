"""Start rota serve on a free loopback port, log in, save the week's page.

usage: browser_page.py ROTA DB OUT.html   (bounded in time; the server is
stopped with SIGTERM, or killed, before this exits)
"""
import http.client
import re
import signal
import subprocess
import sys
import time
import urllib.parse

rota, db, out = sys.argv[1:4]
p = subprocess.Popen([rota, "--db", db, "serve", "--listen", "127.0.0.1:0"],
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                     text=True)
try:
    line = p.stdout.readline()
    m = re.search(r":(\d+)$", line.strip())
    if not m:
        sys.exit("no 'listening on' line: %r" % line)
    port = int(m.group(1))

    def req(method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r, data

    r, form = req("GET", "/login")
    tok = re.search(rb'name="csrf" value="([^"]+)"', form).group(1).decode()
    r, _ = req("POST", "/login",
               urllib.parse.urlencode({"csrf": tok, "user": "li",
                                       "password": "correct horse battery"}),
               {"Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "rota_login=" + tok})
    cookie = [v for k, v in r.getheaders()
              if k.lower() == "set-cookie" and v.startswith("rota_session=")]
    if r.status != 303 or not cookie:
        sys.exit("login failed: %d" % r.status)
    r, page = req("GET", "/?week=2026-03-30",
                  headers={"Cookie": cookie[0].split(";")[0]})
    if r.status != 200:
        sys.exit("page: %d" % r.status)
    open(out, "wb").write(page)
finally:
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
