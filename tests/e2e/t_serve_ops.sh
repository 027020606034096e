# rota serve's page for the operating loop: an open absence with its ranked
# substitutes and Apply, a pending time-off request with Approve and Deny,
# through the same plan/ workflows as rota cover and rota timeoff.
. "$E2E_DIR/lib.sh"
export ROTA_DB="$PWD/rota.db"
export ROTA_NOW="2026-03-28 09:00"
rota init >/dev/null
rota import "$DATA/site" >/dev/null
printf 'id,name,email,team,contract,skills\nE04,李四,li4@example.cn,blue,pt,voice;chat\nE05,Zoë,z@example.com,blue,pt,voice;chat\n' >more.csv
rota import staff more.csv >/dev/null
rota schedule --week 2026-03-30 --time-limit 20 >/dev/null
rota absence add E01 --from "2026-04-01 00:00" --to "2026-04-02 00:00" \
	--type sick --by test >/dev/null
rota timeoff request E03 --from 2026-04-03 --to 2026-04-03 --type annual >/dev/null
echo "correct horse battery" | rota user add li --role supervisor >/dev/null
echo "viewer password 1" | rota user add wang --role viewer >/dev/null
python3 "$E2E_DIR/serve_ops.py" "$ROTA" "$ROTA_DB" || fail "serve_ops.py"
