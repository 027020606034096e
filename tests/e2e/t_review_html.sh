# rota review --format html: a printable, self-contained page (inline CSS
# and SVG, no script, nothing fetched) rendered by headless Chromium to a
# PNG that must not be blank; the rendered DOM shows the person (CJK), the
# scorecard and the trend chart.  Skipped (exit 77, named by the runner)
# where chromium is not installed; `make deps` installs it.
. "$E2E_DIR/lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "chromium is not installed (make deps installs it)"
	exit 77
fi
export ROTA_NOW=2026-04-01T00:00:00Z
cp -r "$DATA/site" site
printf '\n[kpi.csat]\nunit = points\ntarget = 4.5\nlower = 3\nupper = 5\n' >>site/site.ini
rota --db t.db import site >/dev/null
rota --db t.db import roster "$DATA/attendance/roster.csv" >/dev/null
rota --db t.db import punches "$DATA/attendance/punches.csv" >/dev/null
printf 'employee,date,metric,value\nE01,2026-03-23,csat,4.2\nE02,2026-03-23,csat,3.9\n' >kpis.csv
rota --db t.db import kpis kpis.csv >/dev/null

expect_exit 0 rota --db t.db review E01 --from 2026-03-09 --to 2026-03-29 --format html
cp out review.html
expect_grep '<!DOCTYPE html>' review.html
expect_grep '<meta charset="utf-8">' review.html
expect_grep '"WenQuanYi Micro Hei"' review.html
expect_grep '<svg viewBox=' review.html
# self-contained: no scripts, no links to load, no URLs but the SVG name
expect_no_grep '<script' review.html
expect_no_grep '<link' review.html
expect_no_grep 'src=' review.html
[ "$(grep -o 'http[s]*://[^"]*' review.html | sort -u)" = "http://www.w3.org/2000/svg" ] ||
	fail "a URL other than the SVG namespace"

profile=$(mktemp -d "$PWD/chromium.XXXXXX")
timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	--disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --hide-scrollbars \
	--user-data-dir="$profile" --window-size=1000,1600 \
	--screenshot="$PWD/review.png" "file://$PWD/review.html" \
	>chromium.log 2>&1 || { cat chromium.log; fail "chromium could not render the review"; }
timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	--disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --user-data-dir="$profile" \
	--dump-dom "file://$PWD/review.html" >review.dom 2>>chromium.log ||
	fail "chromium could not read the review"
python3 "$E2E_DIR/png_check.py" review.png 1000 1600 || fail "review.png is blank"
expect_grep "Performance review: 王小明" review.dom
expect_grep "<td>csat</td>" review.dom
expect_grep "<polyline" review.dom
if [ -n "${ROTA_E2E_KEEP:-}" ]; then
	mkdir -p "$ROTA_E2E_KEEP" && cp review.png review.html "$ROTA_E2E_KEEP"/
fi

# the other formats: csv (one table with a section column) and json
expect_exit 0 rota --db t.db review E01 --from 2026-03-23 --to 2026-03-29 --format csv
expect_grep "section,week,date,shift,metric,value,target,points,team_median,percentile,detail" out
expect_grep "scorecard,,,,csat,4.20,4.50,6.00,4.05,75," out
expect_grep "trend,2026-03-23,,,total," out
expect_grep "exception,,2026-03-26,E,absent,480,,,,,\"shift 07:00-16:00, no punch\"" out
expect_exit 0 rota --db t.db review E01 --from 2026-03-23 --to 2026-03-29 --format json
json_ok out
expect_grep '"scorecard": [' out
expect_grep '"trend": [' out
expect_exit 2 rota --db t.db review E01 --from 2026-03-23 --to 2026-03-29 --format pdf
expect_exit 1 rota --db t.db review E99 --from 2026-03-23 --to 2026-03-29 --format html
expect_grep "rota: unknown employee 'E99'" err
