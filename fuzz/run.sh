#!/usr/bin/env bash
# Builds and runs idpfit's fuzz targets with cargo-fuzz (libFuzzer + AddressSanitizer).
#
#   fuzz/run.sh build              build every target
#   fuzz/run.sh smoke              build, then run each target over its seeds for a few seconds
#   fuzz/run.sh TARGET [SECONDS]   fuzz one target (answers, weights, questionnaire,
#                                  scan_parsers, evidence); default 600 s
#
# The machine has a stable toolchain only. cargo-fuzz asks rustc for `-Zsanitizer=address`, a
# nightly flag; RUSTC_BOOTSTRAP=1 lets the stable compiler accept it (the sanitizer runtime ships
# with the stable standard library). cargo-fuzz itself comes from crates.io:
#   cargo install cargo-fuzz --locked
# Runs are niced and one target at a time: the machines have two cores.
set -euo pipefail
cd "$(dirname "$0")"

export RUSTC_BOOTSTRAP=1
TARGETS=(answers weights questionnaire scan_parsers evidence)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "cargo-fuzz not found: installing it from crates.io" >&2
    cargo install cargo-fuzz --locked
fi

# cargo-fuzz has no --locked; this fails if Cargo.lock is out of date instead.
cargo fetch --locked --quiet

run_target() {
    local target=$1 seconds=$2 dict=dict/toml.dict
    # The scan's parsers read YAML, JSON and pipeline files, not TOML; evidence is the scan's JSON.
    if [ "$target" = scan_parsers ] || [ "$target" = evidence ]; then dict=dict/scan.dict; fi
    mkdir -p "corpus/$target" "artifacts/$target"
    # New inputs go to corpus/ (not committed); seeds/ is the committed starting point.
    nice -n 10 cargo fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -dict="$dict" -print_final_stats=1 \
        -timeout=10 -rss_limit_mb=2048
}

case "${1:-}" in
    build)
        nice -n 10 cargo fuzz build
        ;;
    smoke)
        nice -n 10 cargo fuzz build
        for target in "${TARGETS[@]}"; do
            echo "== fuzz smoke: $target"
            run_target "$target" 5
        done
        ;;
    answers | weights | questionnaire | scan_parsers | evidence)
        run_target "$1" "${2:-600}"
        ;;
    *)
        sed -n '2,13p' "$0" >&2
        exit 2
        ;;
esac
