#!/bin/sh
# bench/staffing.sh - staffing calculations per second and a full week,
# rota against a straightforward long-double implementation in the same
# run (bench/staffing.c).  Run by bench/run (make bench) or alone:
#   make build/bench/staffing && sh bench/staffing.sh
# Numbers go into bench/RESULTS.md under "## staffing" by hand.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD:-$here/../build}
bin=$build/bench/staffing
[ -x "$bin" ] || { echo "staffing: $bin missing (make build/bench/staffing)" >&2; exit 1; }
echo "== staffing ($(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'))"
"$bin"
