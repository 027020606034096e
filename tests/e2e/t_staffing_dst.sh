# rota staffing across daylight-saving changes: the ISO week runs from
# Monday 00:00 to Monday 00:00 local time, 167 or 169 hours long.
. "$E2E_DIR/lib.sh"

export ROTA_DB=rota.db
cat >site.ini <<'INI'
[site]
timezone = Europe/London
interval_min = 15
[skill.voice]
sl = 0.8
INI
expect_exit 0 rota import site site.ini
cat >forecast.csv <<'CSV'
start,skill,contacts,aht_s
2026-03-29 03:00,voice,20,300
2026-10-25T01:15+01:00,voice,30,300
2026-10-25T01:15+00:00,voice,40,300
CSV
expect_exit 0 rota import forecast forecast.csv

# spring forward: 2026-03-29 has 23 hours, 01:00-02:00 does not exist
expect_exit 0 rota staffing --week 2026-03-25 --format csv
[ "$(wc -l <out)" -eq $((167 * 4 + 1)) ] || fail "spring week: $(wc -l <out) lines"
expect_grep "2026-03-23T00:00:00+00:00,voice," out
expect_grep "2026-03-29T00:45:00+00:00,voice," out
expect_no_grep "2026-03-29T01:00:00" out
expect_grep "2026-03-29T02:00:00+01:00,voice,0,,0," out
expect_grep "2026-03-29T03:00:00+01:00,voice,20,300," out
expect_grep "2026-03-29T23:45:00+01:00,voice," out

# fall back: 2026-10-25 has 25 hours, 01:00-02:00 twice
expect_exit 0 rota staffing --week 2026-10-25 --format csv
[ "$(wc -l <out)" -eq $((169 * 4 + 1)) ] || fail "autumn week: $(wc -l <out) lines"
expect_grep "2026-10-25T01:15:00+01:00,voice,30,300," out
expect_grep "2026-10-25T01:15:00+00:00,voice,40,300," out
expect_grep "2026-10-19T00:00:00+01:00,voice," out
expect_grep "2026-10-25T23:45:00+00:00,voice," out
