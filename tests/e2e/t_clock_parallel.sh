# Two processes clocking at once lose nothing: two shell loops run 'rota
# clock' in parallel, each for its own 200 employees, in then out; every
# punch must be stored and paired.  (20 each under a wrapper like valgrind.)
. "$E2E_DIR/lib.sh"
n=200
[ -z "${ROTA_WRAPPER:-}" ] || n=20
rota --db t.db init --tz Asia/Shanghai >/dev/null
printf 'id\nft\n' >contracts.csv
{
	echo "id,name,team,contract,skills"
	for w in 1 2; do
		i=0
		while [ $i -lt $n ]; do
			printf 'W%d-%03d,Agent %d-%d,load,ft,\n' $w $i $w $i
			i=$((i + 1))
		done
	done
} >staff.csv
rota --db t.db import contracts contracts.csv >/dev/null
rota --db t.db import staff staff.csv >/dev/null

worker() {
	for kind in in out; do
		hh=09; [ $kind = out ] && hh=17
		i=0
		while [ $i -lt $n ]; do
			e=$(printf 'W%d-%03d' $1 $i)
			ROTA_NOW="2026-03-02 $hh:00" rota --db t.db clock $kind $e \
				--source "w$1" >>"log$1" 2>&1 || { echo "$e $kind failed" >>"fail$1"; }
			i=$((i + 1))
		done
	done
}
worker 1 &
p1=$!
worker 2 &
p2=$!
wait $p1
wait $p2
[ ! -e fail1 ] || { cat fail1 log1; fail "worker 1 lost punches"; }
[ ! -e fail2 ] || { cat fail2 log2; fail "worker 2 lost punches"; }

expect_exit 0 rota --db t.db punches --format csv
[ "$(tail -n +2 out | wc -l)" -eq $((4 * n)) ] || fail "expected $((4 * n)) punches"
[ "$(grep -c ',w1,punch,' out)" -eq $((2 * n)) ] || fail "worker 1 punches"
[ "$(grep -c ',w2,punch,' out)" -eq $((2 * n)) ] || fail "worker 2 punches"
# every employee has its in and its out
expect_exit 0 rota --db t.db attendance --from 2026-03-02 --to 2026-03-02 --format csv
[ "$(grep -c ',load,0,0,480,0,0,0,0,0,0,480,,480,0,,0,0,0,0,0,0,0$' out)" -eq $((2 * n)) ] || {
	head -5 out; fail "every employee worked 480 unscheduled minutes"; }
