# The rota command itself: help, version, usage errors and exit codes.
. "$E2E_DIR/lib.sh"

expect_exit 0 rota --help
expect_grep "usage: rota [--db FILE] COMMAND" out
expect_grep "schedule" out
expect_exit 0 rota --version
expect_grep "rota 0." out
expect_exit 0 rota help import
expect_grep "usage: rota import DIR" out
expect_exit 0 rota import --help
expect_grep "usage: rota import DIR" out
expect_exit 2 rota
expect_exit 2 rota frobnicate
expect_grep "'frobnicate' is not a command" err
expect_exit 2 rota help frobnicate
expect_exit 2 rota staff --colour
expect_grep "unknown option '--colour'" err
expect_exit 2 rota staff --format yaml
expect_grep "'yaml' is not a format (expected table, csv or json)" err
expect_exit 2 rota init --interval-min 7x
expect_grep "--interval-min: '7x' is not a whole number" err
# a missing database is an error, not silently created
expect_exit 1 rota --db nowhere.db staff
expect_grep "nowhere.db: no such database (create one with 'rota init')" err
[ ! -e nowhere.db ] || fail "a listing created a database"
# ROTA_DB chooses the database
ROTA_DB=env.db expect_exit 0 rota init --tz Asia/Shanghai --site "Env site"
[ -e env.db ] || fail "ROTA_DB was not used"
expect_exit 2 rota --db env.db init --tz Mars/Olympus
expect_grep "unknown time zone 'Mars/Olympus'" err
