# rota serve: calendar subscriptions (ETag/304, revoked tokens), clock
# terminals (good, duplicate and bad batches), login, CSRF, path traversal,
# oversized headers and bodies, a clean stop that finishes a request in
# flight.  The server listens on a free loopback port; serve_client.py
# drives it with http.client and stops it.
. "$E2E_DIR/lib.sh"
export ROTA_DB="$PWD/rota.db"
export ROTA_NOW="2026-04-01 09:00"

rota init >/dev/null
rota import "$DATA/site" >/dev/null
rota schedule --week 2026-03-30 --time-limit 20 >/dev/null
rota publish --week 2026-03-30 --out published --alarm-min 30 --organizer rota@example.com >/dev/null

# feeds: the token is the last line, the full URL with --base-url
expect_exit 0 rota feed token E01 --base-url https://rota.example.com/
tail -n 1 out > e01.url
grep -Eq '^https://rota\.example\.com/cal/[A-Za-z0-9_-]{55}\.ics$' e01.url ||
	fail "feed token: last line is not the URL: $(cat out)"
expect_exit 1 rota feed token E01
expect_grep "already has a feed URL" err
expect_exit 0 rota feed token --team red
tail -n 1 out > red.url
expect_exit 0 rota feed token E02
tail -n 1 out > e02.url
expect_exit 2 rota feed token E01 --team red
expect_exit 1 rota feed token E99
expect_grep "no employee 'E99'" err

# terminals: the key alone on the last line, shown once
expect_exit 0 rota terminal add T1
tail -n 1 out > t1.key
grep -Eq '^[A-Za-z0-9_-]{55}$' t1.key || fail "terminal key: $(cat out)"
expect_exit 0 rota terminal add T2
tail -n 1 out > t2.key
expect_exit 1 rota terminal add T1
expect_grep "already exists" err
expect_exit 2 rota terminal add "bad name"

# users: the password from stdin, Argon2id in the database
echo "correct horse battery" | rota user add li --role supervisor >/dev/null
echo "viewer password 1" | rota user add wang --role viewer >/dev/null
expect_exit 2 sh -c 'echo short | "$ROTA" user add x --role viewer'
python3 - "$ROTA_DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT pw_hash FROM app_user").fetchall()
assert rows and all(r[0].startswith("$argon2id$") for r in rows), rows
# no secret is stored in the clear
for t in ("feed_token", "terminal"):
    for (h,) in db.execute(f"SELECT hash FROM {t}"):
        assert isinstance(h, bytes) and len(h) == 32
PY

python3 "$E2E_DIR/serve_client.py" "$ROTA" "$ROTA_DB" || fail "serve_client.py"
