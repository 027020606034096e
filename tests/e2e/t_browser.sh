# The supervisor's page and the coverage SVG in headless Chromium: each is
# rendered to a PNG that must not be blank, and the rendered DOM must show
# the week.  The page is fetched from rota serve (on a free loopback port,
# after logging in) and rendered from a file: it is self-contained (inline
# CSS and SVG, no script), so the file renders as the browser shows it.
# Skipped (exit 77) where chromium is not installed; `make deps` installs it.
. "$E2E_DIR/lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "chromium is not installed (make deps installs it)"
	exit 77
fi
export ROTA_DB="$PWD/rota.db"
export ROTA_NOW="2026-04-01 09:00"
rota init >/dev/null
rota import "$DATA/site" >/dev/null
rota schedule --week 2026-03-30 --time-limit 20 >/dev/null
rota publish --week 2026-03-30 --out published >/dev/null
echo "correct horse battery" | rota user add li --role supervisor >/dev/null
rota coverage --week 2026-03-30 --format svg > week.svg
python3 "$E2E_DIR/browser_page.py" "$ROTA" "$ROTA_DB" page.html ||
	fail "fetching the page"

shot() {   # shot FILE PNG WIDTH HEIGHT: render, bounded in time
	timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --hide-scrollbars \
		--user-data-dir="$PWD/chromium-profile" \
		--window-size="$3,$4" --screenshot="$PWD/$2" \
		"file://$PWD/$1" >chromium.log 2>&1 ||
		{ cat chromium.log; fail "chromium could not render $1"; }
	timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$PWD/chromium-profile" \
		--dump-dom "file://$PWD/$1" >"$2.dom" 2>>chromium.log ||
		fail "chromium could not read $1"
}
shot page.html page.png 1280 1600
shot week.svg week.svg.png 1100 480
expect_grep "Week of 2026-03-30" page.png.dom
expect_grep "王小明" page.png.dom
expect_grep "Coverage, week of 2026-03-30" week.svg.png.dom
python3 "$E2E_DIR/png_check.py" page.png 1280 1600 || fail "page.png"
python3 "$E2E_DIR/png_check.py" week.svg.png 1100 480 || fail "week.svg.png"
# keep the pictures where a person can look at them
if [ -n "${ROTA_E2E_KEEP:-}" ]; then
	mkdir -p "$ROTA_E2E_KEEP" && cp page.png week.svg.png "$ROTA_E2E_KEEP"/
fi
