"""Helpers for the rota serve e2e tests: start a server on a free loopback
port, requests, logging in.  Every wait is bounded; stop() ends the server
with SIGTERM (kill after 20 s)."""
import http.client
import os
import re
import shlex
import signal
import subprocess
import time
import urllib.parse

WRAP = shlex.split(os.environ.get("ROTA_WRAPPER", ""))
SLOW = 20 if WRAP else 1
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Server:
    def __init__(self, rota, db, log="serve.err"):
        self.out = open("serve.out", "w")
        self.p = subprocess.Popen(WRAP + [rota, "--db", db, "serve",
                                          "--listen", "127.0.0.1:0"],
                                  stdout=self.out, stderr=open(log, "w"))
        deadline = time.time() + 30 * SLOW
        while time.time() < deadline:
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)",
                          open("serve.out").read())
            if m:
                self.port = int(m.group(1))
                return
            if self.p.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise SystemExit("server did not start: " + open(log).read())

    def req(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port,
                                       timeout=60 * SLOW)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, r, data

    def login(self, user, password):
        """The session cookie ("rota_session=...") and the page's CSRF."""
        st, r, form = self.req("GET", "/login")
        tok = re.search(rb'name="csrf" value="([^"]+)"', form).group(1)
        st, r, _ = self.req("POST", "/login", urllib.parse.urlencode(
            {"csrf": tok.decode(), "user": user, "password": password}),
            dict(FORM, Cookie="rota_login=" + tok.decode()))
        cookie = [v for k, v in r.getheaders() if k.lower() == "set-cookie"
                  and v.startswith("rota_session=")]
        if st != 303 or not cookie:
            raise SystemExit("login as %s failed: %d" % (user, st))
        session = cookie[0].split(";")[0]
        st, r, page = self.req("GET", "/", headers={"Cookie": session})
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1)
        return session, csrf.decode()

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(timeout=20 * SLOW)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        return self.p.returncode
