# Helpers for end-to-end tests; sourced by tests/e2e/t_*.sh, which run in an
# empty temporary directory with $ROTA (the binary), $DATA (tests/data) and
# $E2E_DIR (tests/e2e).  Every helper fails the test (exit 1) on a mismatch.
set -eu

rota() { ${ROTA_WRAPPER:-} "$ROTA" "$@"; }

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_exit CODE CMD... - run CMD, capture stdout/stderr in ./out ./err,
# fail unless it exits with CODE.
expect_exit() {
	want=$1; shift
	set +e
	"$@" >out 2>err
	got=$?
	set -e
	[ "$got" -eq "$want" ] || {
		echo "--- stdout"; cat out; echo "--- stderr"; cat err
		fail "'$*' exited $got, expected $want"
	}
}

# expect_file EXPECTED ACTUAL - byte comparison with a diff on failure.
expect_file() {
	diff -u "$1" "$2" || fail "$2 differs from $1"
}

# expect_grep PATTERN FILE - fixed-string search.
expect_grep() {
	grep -qF -- "$1" "$2" || { cat "$2"; fail "'$1' not in $2"; }
}

expect_no_grep() {
	if grep -qF -- "$1" "$2"; then cat "$2"; fail "'$1' unexpectedly in $2"; fi
}

# json_ok FILE - python3 -m json.tool accepts it.
json_ok() {
	python3 -m json.tool "$1" >/dev/null || fail "$1 is not valid JSON"
}
