# Spreadsheets: a CSV from a Chinese Windows Excel (GB18030, 2026/11/30
# dates, 2026/12/03 08:01 times) imports with --encoding gb18030 and is
# refused with a pointer to it otherwise; CSV output for Excel carries a
# byte-order mark with --bom or $ROTA_CSV_BOM=1.
. "$E2E_DIR/lib.sh"
cp -r "$DATA/site" site
rota --db t.db import site >/dev/null

python3 - <<'PY'
rows = "id,name,email,team,contract,skills\nE10,李霞,,red,ft,voice\nE11,王芳,,red,ft,voice\n"
open("staff-gb.csv", "wb").write(rows.encode("gb18030"))
open("timeoff-gb.csv", "wb").write(
    "employee,start,end,kind,weight,note\nE10,2026/11/30,2026/12/1,hard,,年假\n"
    .encode("gb18030"))
open("punches-gb.csv", "wb").write(
    "employee,time,kind,source\nE10,2026/12/03 08:01,in,门禁\nE10,2026/12/3 17:02,out,门禁\n"
    .encode("gb18030"))
open("bad-gb.csv", "wb").write(b"id,name,email,team,contract,skills\nE12,\xff\xfe,,red,ft,voice\n")
PY

# not UTF-8 but GB18030: refused, naming the flag, nothing written
expect_exit 3 rota --db t.db import staff staff-gb.csv
expect_grep "rota: staff-gb.csv: not UTF-8, but it reads as GB18030 (a Chinese Windows export?): import it with --encoding gb18030" err
expect_exit 0 rota --db t.db staff --format csv
expect_no_grep "E10" out
# with the flag it imports, and again changes nothing
expect_exit 0 rota --db t.db import staff staff-gb.csv --encoding gb18030
expect_grep "staff-gb.csv: 2 added, 0 updated, 0 unchanged" out
expect_exit 0 rota --db t.db import staff staff-gb.csv --encoding GB18030
expect_grep "staff-gb.csv: 0 added, 0 updated, 2 unchanged" out
expect_exit 0 rota --db t.db staff --format csv
expect_grep "E10,李霞," out
expect_exit 0 rota --db t.db import timeoff timeoff-gb.csv --encoding gb18030
expect_grep "1 added" out
expect_exit 0 rota --db t.db import punches punches-gb.csv --encoding gb18030
expect_exit 0 rota --db t.db punches --employee E10 --format csv
expect_grep "E10,2026-12-03T08:01:00+00:00,in,门禁" out
expect_grep "E10,2026-12-03T17:02:00+00:00,out,门禁" out
# a byte that is not GB18030, an encoding iconv does not know
expect_exit 3 rota --db t.db import staff bad-gb.csv --encoding gb18030
expect_grep "rota: bad-gb.csv:2: not valid gb18030 (byte 40)" err
expect_exit 2 rota --db t.db import staff staff-gb.csv --encoding klingon
expect_grep "rota: unknown encoding 'klingon'" err

# CSV for Excel: a byte-order mark first, once; not on JSON or tables
bom() { head -c 3 "$1" | od -An -tx1 | tr -d ' \n'; }
expect_exit 0 rota --db t.db staff --format csv
[ "$(bom out)" != "efbbbf" ] || fail "no --bom: no byte-order mark"
expect_exit 0 rota --db t.db staff --format csv --bom
[ "$(bom out)" = "efbbbf" ] || fail "--bom: a byte-order mark"
[ "$(grep -c 'id,name' out)" -eq 1 ] || fail "one header"
expect_exit 0 rota --db t.db --bom attendance --from 2026-11-30 --to 2026-12-06 --format csv
[ "$(bom out)" = "efbbbf" ] || fail "global --bom"
ROTA_CSV_BOM=1 expect_exit 0 rota --db t.db staff --format csv
[ "$(bom out)" = "efbbbf" ] || fail "ROTA_CSV_BOM=1"
ROTA_CSV_BOM=1 expect_exit 0 rota --db t.db staff --format json
json_ok out
[ "$(bom out)" != "efbbbf" ] || fail "no byte-order mark on JSON"
