#!/bin/sh
# bench/lib/results_table.sh RESULTS MARKER TABLE - replace the lines of
# RESULTS (bench/RESULTS.md) from "<!-- MARKER begin" to "<!-- MARKER end"
# with the file TABLE (which carries both marker lines itself), leaving
# everything else (the prose written by hand) as it is.  Exits 1 without
# touching RESULTS when the markers are missing.
set -eu
results=$1 marker=$2 table=$3
if ! grep -q "^<!-- $marker begin" "$results" ||
	! grep -q "^<!-- $marker end" "$results"; then
	echo "$marker: $results has no $marker markers: not updated" >&2
	exit 1
fi
new=$(mktemp "${TMPDIR:-/tmp}/rota-results.XXXXXX")
awk -v f="$table" -v b="<!-- $marker begin" -v e="<!-- $marker end" '
	index($0, b) == 1 { while ((getline l < f) > 0) print l; skip = 1; next }
	index($0, e) == 1 { skip = 0; next }
	!skip { print }' "$results" >"$new" && cp "$new" "$results"
rm -f "$new"
