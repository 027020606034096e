#!/bin/sh
# make demo: a fresh database from the contact-center example, and what rota
# does with it.  $ROTA is the binary (make passes build/rota).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
ROTA=${ROTA:-$top/build/rota}
out=${DEMO_OUT:-$top/demo-out}
db="$out/demo.db"

mkdir -p "$out"
rm -f "$db" "$db-wal" "$db-shm"
step() { printf '\n== %s\n$ %s\n' "$1" "$2"; }

step "Load the example site (Shanghai, 60 agents, 3 teams)" \
	"rota --db $db import examples/contact-center"
"$ROTA" --db "$db" import "$here"

step "Shift templates" "rota shifts"
"$ROTA" --db "$db" shifts --format table

step "Staff (first 10 of $("$ROTA" --db "$db" staff --format csv | tail -n +2 | wc -l))" "rota staff"
"$ROTA" --db "$db" staff --format table | head -n 11

step "Schedule the week of 30 November (at most 60 s)" \
	"rota schedule --week 2026-11-30 --time-limit 60 --gap 0.001"
"$ROTA" --db "$db" schedule --week 2026-11-30 --time-limit 60 --gap 0.001

step "The roster" "rota roster --week 2026-11-30"
"$ROTA" --db "$db" roster --week 2026-11-30 --format table

step "Coverage summary" "rota coverage --week 2026-11-30 (the end of it)"
"$ROTA" --db "$db" coverage --week 2026-11-30 --format table |
	sed -n '/^Understaffed/,$p'

printf '\nDemo database: %s\n' "$db"
