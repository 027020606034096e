"""Start rota serve on a free loopback port, log in, save the week's page.

usage: browser_page.py ROTA DB OUT.html   (the server is stopped before
this exits)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import Server  # noqa: E402

rota, db, out = sys.argv[1:4]
srv = Server(rota, db)
try:
    session, _ = srv.login("li", "correct horse battery")
    st, r, page = srv.req("GET", "/?week=2026-03-30",
                          headers={"Cookie": session})
    if st != 200:
        sys.exit("page: %d" % st)
    open(out, "wb").write(page)
finally:
    srv.stop()
