#!/usr/bin/env bash
# Timings for the team and history commands, on a release build:
# - `aggregate` of 3 and of 60 respondents (variants of the shipped examples);
# - `diff` of two examples 22 answers apart, the worst case of the cause search (it spends its
#   whole budget of re-scorings, then checks the needed changes);
# - `schema`, and `score` with every gate.
# Usage: benches/teams.sh [runs]   (default 20 runs each; prints the mean wall time)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
cargo build --release --locked --quiet
bin=target/release/idpfit
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 60 respondents: the four examples, each with a different dedicated_fte and first-value month.
for i in $(seq 1 60); do
  example=$(printf '%s\n' port backstage hybrid not-ready | sed -n "$(( (i % 4) + 1 ))p")
  sed -e "s/^dedicated_fte = .*/dedicated_fte = $(( i % 5 )).5/" \
      -e "s/^first_value_months = .*/first_value_months = $(( (i % 12) + 1 ))/" \
      "examples/$example.toml" > "$work/respondent-$i.toml"
done

measure() {
  local label="$1"; shift
  local start end
  start=$(date +%s%N)
  for _ in $(seq 1 "$runs"); do
    "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  done
  end=$(date +%s%N)
  printf '%-52s %8.1f ms\n' "$label" "$(echo "($end - $start) / $runs / 1000000" | bc -l)"
}

measure "aggregate, 3 respondents" "$bin" aggregate tests/fixtures/aggregate/*.toml --format json
measure "aggregate, 60 respondents" "$bin" aggregate "$work"/respondent-*.toml --format json
measure "diff, one cause (3 changes)" "$bin" diff tests/fixtures/diff/q1.toml tests/fixtures/diff/q2.toml --format json
measure "diff, search budget spent (22 changes)" "$bin" diff examples/not-ready.toml examples/port.toml --format json
measure "schema" "$bin" schema
measure "score with --expect --fail-on-blockers --min-confidence" "$bin" score examples/port.toml --expect port --fail-on-blockers --min-confidence high
