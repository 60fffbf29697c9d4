#!/usr/bin/env bash
# Benchmark of the pure automation code (issue 7) in a release build, on this machine, in-process and
# single-threaded: no server, no database, no network.
#
#   bash bench/automation.sh
#
# Builds target/release/automation-bench (bench/automation; cargo build --release -p automation-bench builds only
# the core crate `tidings` with its default, wasm-safe features, not the server) and runs it once:
#   1. rule evaluation: 200 generated valid rules (seeded), validated once, then 20,000 ticket events on varied
#      snapshots, one `evaluate` pass and with the follow-up passes; latency per event, events/s, rules fired;
#   2. SLA: compute_sla for 100,000 open tickets (60 days of history, replies and pending pauses) on a Berlin
#      Mon-Fri 08:00-17:00 calendar with holidays and on the 24/7 calendar;
#   3. triage: training the team classifier on 10,000 perturbed fixture messages, predict and triage() per second.
# Everything is generated from fixed seeds, so two runs measure the same work.
# Writes the tables to bench/automation-results.md and prints them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

case "${1:-}" in
  -h | --help)
    sed -n '2,17p' "$0"
    exit 0
    ;;
  "") ;;
  *)
    echo "bench: unknown argument $1" >&2
    exit 2
    ;;
esac

results="$root/bench/automation-results.md"

echo "bench: building automation-bench (cargo build --release -p automation-bench)" >&2
cargo build --release -p automation-bench

out="$(mktemp "${TMPDIR:-/tmp}/tidings-automation-bench.XXXXXX")"
trap 'rm -f "$out"' EXIT
BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo uncommitted)" \
  "$root/target/release/automation-bench" >"$out"

cp "$out" "$results"
echo
cat "$results"
echo "bench: written to ${results#"$root"/}" >&2
