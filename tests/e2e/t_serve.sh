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

# an unknown subject is refused before any key is made
expect_exit 1 rota feed token E99
expect_grep "no employee 'E99'" err
[ ! -e rota.db.feedkey ] || fail "a refused feed token made a key"
expect_exit 1 rota feed token --team nobody
expect_grep "no team 'nobody'" err
[ ! -e rota.db.feedkey ] || fail "a refused feed token made a key"
# feeds: the token is the last line, the full URL with --base-url
expect_exit 0 rota feed token E01 --base-url https://rota.example.com/
tail -n 1 out > e01.url
grep -Eq '^https://rota\.example\.com/cal/[A-Za-z0-9_-]{55}\.ics$' e01.url ||
	fail "feed token: last line is not the URL: $(cat out)"
# the feed key: made on first use, next to the database, private
[ "$(stat -c '%a %s' rota.db.feedkey)" = "600 32" ] ||
	fail "feed key: $(stat -c '%a %s' rota.db.feedkey)"
# asked again, the same URL (issue 12: "creates or shows")
expect_exit 0 rota feed token E01 --base-url https://rota.example.com
tail -n 1 out > again.url
expect_file e01.url again.url
expect_grep "employee E01: feed URL, made " out
# the database alone cannot show it (the URL keeps working)
mv rota.db.feedkey moved.feedkey
expect_exit 1 rota feed token E01
expect_grep "rota feed: cannot show the feed URL of employee E01: there is no feed key file '$ROTA_DB.feedkey' (was the database moved or copied without it?); 'rota feed token E01 --new' makes a new URL (the old one stops working)" err
[ ! -s out ] || fail "feed token without a key printed: $(cat out)"
[ ! -e rota.db.feedkey ] || fail "showing a URL made a new key"
# $ROTA_FEED_KEY_FILE names the key elsewhere
(ROTA_FEED_KEY_FILE="$PWD/moved.feedkey"; export ROTA_FEED_KEY_FILE
 expect_exit 0 rota feed token E01 --base-url https://rota.example.com)
tail -n 1 out > again.url
expect_file e01.url again.url
# another key does not show it either
mv moved.feedkey rota.db.feedkey
(ROTA_FEED_KEY_FILE="$PWD/other.feedkey"; export ROTA_FEED_KEY_FILE
 expect_exit 0 rota feed token E03
 expect_exit 1 rota feed token E01)
expect_grep "cannot show the feed URL of employee E01: it was not made with the feed key '$PWD/other.feedkey'" err
[ "$(stat -c '%a' other.feedkey)" = 600 ] || fail "other.feedkey mode"
# a key others may read is refused
chmod 644 rota.db.feedkey
expect_exit 3 rota feed token E01
expect_grep "is open to others (mode 0644): chmod 600 it" err
chmod 600 rota.db.feedkey
expect_exit 0 rota feed token --team red
tail -n 1 out > red.url
expect_exit 0 rota feed token --team red
tail -n 1 out > again.url
expect_file red.url again.url
# --new: another URL, then shown as the subject's URL; the old one is
# refused by the server (serve_client.py, e02.old.url)
expect_exit 0 rota feed token E02
tail -n 1 out > e02.old.url
expect_exit 0 rota feed token E02 --new
expect_grep "employee E02: new feed URL, the old one no longer works" out
tail -n 1 out > e02.url
cmp -s e02.old.url e02.url && fail "--new kept the URL"
expect_exit 0 rota feed token E02
tail -n 1 out > again.url
expect_file e02.url again.url
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
