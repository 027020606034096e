# rota erlang: the known example, exact ties, Erlang A, chat, formats and
# every kind of invalid input.
. "$E2E_DIR/lib.sh"

# the worked example of several public calculators
expect_exit 0 rota erlang --contacts 100 --interval-min 30 --aht-s 180 \
	--sl 0.8 --answer-s 20 --max-occupancy 0.85 --shrinkage 0.3 --format csv
cat >want <<'W'
model,traffic_erlangs,agents,scheduled_agents,service_level,asa_s,occupancy,abandon_rate,wait_probability
erlang_c,10,14,20,0.888350019179,7.835937,0.714285714286,0.00000000000,0.174131933595
W
expect_file want out
[ ! -s err ] || fail "stderr not empty"

# defaults: --sl 0.8 --answer-s 20, no occupancy cap, no shrinkage
expect_exit 0 rota erlang --contacts 100 --interval-min 30 --aht-s 180
expect_grep "erlang_c,10,14,14,0.888350019179" out

# 85 Erlangs at an 85% cap need exactly 100 agents
expect_exit 0 rota erlang --contacts 85 --interval-min 30 --aht-s 1800 \
	--max-occupancy 0.85 --sl 0.5 --format csv
expect_grep "erlang_c,85,100,100," out
expect_grep ",0.850000000000," out
expect_exit 0 rota erlang --contacts 170 --interval-min 15 --aht-s 450 \
	--max-occupancy 0.85 --sl 0.5 --format csv
expect_grep "erlang_c,85,100,100," out

# Erlang A with a mean patience; abandonment counts as a miss
expect_exit 0 rota erlang --contacts 100 --interval-min 30 --aht-s 180 \
	--patience-s 60 --format csv
expect_grep "erlang_a,10,12,12,0.860300659648,3.519832,0.770081835889,0.0759017969335," out
expect_exit 0 rota erlang --contacts 100 --interval-min 30 --aht-s 180 \
	--patience-s 60 --max-abandon 0.01 --format csv
agents=$(sed -n 2p out | cut -d, -f3)
[ "$agents" -gt 12 ] || fail "max abandon 1% should need more than 12 agents"

# chat: 3 contacts per agent
expect_exit 0 rota erlang --contacts 240 --interval-min 30 --aht-s 900 \
	--concurrency 3 --sl 0.9 --answer-s 30 --max-occupancy 0.85 --format csv
expect_grep "erlang_c,120,48,48," out

# evaluate a given number of agents
expect_exit 0 rota erlang --contacts 100 --interval-min 30 --aht-s 180 \
	--agents 13 --format csv
expect_grep "erlang_c,10,13,13,0.795594788418," out
# an unstable queue: no finite ASA, service level 0
expect_exit 0 rota erlang --contacts 100 --interval-min 30 --aht-s 180 \
	--agents 10 --format json
json_ok out
expect_grep '"service_level": 0.00000000000, "asa_s": null' out

# zero contacts need nobody
expect_exit 0 rota erlang --contacts 0 --interval-min 30 --aht-s 180 --format csv
expect_grep "erlang_c,0,0,0,1.00000000000," out

# formats
expect_exit 0 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --format json
json_ok out
expect_grep '"model": "erlang_c", "traffic_erlangs": 10, "agents": 14' out
expect_exit 0 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --format table
expect_grep "model     traffic_erlangs  agents" out

# very large and very small loads
expect_exit 0 rota erlang --contacts 1000000 --interval-min 60 --aht-s 180 --format csv
expect_grep "erlang_c,50000," out
expect_exit 0 rota erlang --contacts 0.05 --interval-min 30 --aht-s 180 --format csv
expect_grep "erlang_c,0.005,1,1," out

# a 100% service level can never be met: the job fails (exit 1)
expect_exit 1 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --sl 1
expect_grep "rota erlang: a 100% service level can never be met while contacts arrive (some contact always waits longer than 20 s); use a target below 1" err
[ ! -s out ] || fail "stdout not empty on failure"

# invalid input: exit 2 and a message naming what is wrong
expect_exit 2 rota erlang --contacts -5 --interval-min 30 --aht-s 180
expect_grep "rota erlang: contacts must be a number >= 0 (got -5)" err
expect_exit 2 rota erlang --contacts ten --interval-min 30 --aht-s 180
expect_grep "rota erlang: --contacts: 'ten' is not a number" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s 0
expect_grep "rota erlang: aht_s must be greater than 0 and at most 1000000 seconds (got 0)" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --sl 1.5
expect_grep "rota erlang: sl must be in (0, 1] (got 1.5)" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --sl 0
expect_grep "rota erlang: sl must be in (0, 1] (got 0)" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --shrinkage 1
expect_grep "rota erlang: shrinkage must be in [0, 1) (got 1)" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --max-occupancy 1.2
expect_grep "rota erlang: max_occupancy must be in (0, 1] (got 1.2)" err
expect_exit 2 rota erlang --contacts 100 --interval-min 0 --aht-s 180
expect_grep "rota erlang: --interval-min: '0' is not a whole number from 1 to 1440" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --concurrency 0
expect_grep "rota erlang: --concurrency: '0' is not a whole number from 1 to 1000" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --patience-s -1
expect_grep "rota erlang: patience_s must be from 0 (no abandonment) to 1000000 seconds (got -1)" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --max-abandon 1.5
expect_grep "rota erlang: max_abandon must be in [0, 1], 0 for none (got 1.5)" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s nan
expect_grep "rota erlang: --aht-s: 'nan' is not a number" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30
expect_grep "rota erlang: --contacts, --interval-min and --aht-s are required" err
expect_exit 2 rota erlang --contacts 100 --interval-min 30 --aht-s 180 --format xml
expect_grep "--format: 'xml' is not a format" err
expect_exit 2 rota erlang --contacts 1e9 --interval-min 1 --aht-s 1000
expect_grep "rota erlang: traffic of 1.66667e+10 erlangs (contacts x aht_s / interval) is above the supported 100000" err

# help
expect_exit 0 rota erlang --help
expect_grep "usage: rota erlang --contacts N" out
