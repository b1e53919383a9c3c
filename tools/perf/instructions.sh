#!/usr/bin/env bash
# Instructions executed by one run of the bench's replay process, counted by valgrind (cachegrind)
# with `node --single-threaded`, so that compilation and GC run on the main thread and are counted
# too. Unlike wall time this does not drift with a shared machine; single runs still vary (about
# 0.3% for the scenario, 1% for EASY: hash seeds and GC timing), so compare a few runs each.
#
#   tools/perf/instructions.sh BUNDLE [easy|scenario] [RUNS]
#
# BUNDLE: a copy of dist/experiments/bundle. Needs valgrind (Debian: apt-get install valgrind).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bundle="${1:?usage: tools/perf/instructions.sh BUNDLE [easy|scenario] [RUNS]}"
which="${2:-scenario}"
runs="${3:-1}"
case "$which" in
  easy) args=("$root/traces/data/KTH-SP2-1996-2.swf.gz" easy) ;;
  scenario) args=(--scenario "$root/traces/scenarios/kth-sp2/scenario.yaml") ;;
  *) echo "unknown case '$which' (easy or scenario)" >&2; exit 2 ;;
esac
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for _ in $(seq "$runs"); do
  env -u NODE_EXTRA_CA_CERTS -u NODE_OPTIONS valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$out" \
    node --single-threaded "$bundle/replay-once.mjs" "${args[@]}" 2>&1 >/dev/null | sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p'
done
