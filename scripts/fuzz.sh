#!/usr/bin/env bash
# Fuzzes the engine for SECONDS (default 60): `scripts/fuzz.sh 600`.
#
# Installs what it needs: cargo-fuzz from crates.io (`cargo install`) when
# it is missing, and uses the nightly toolchain if rustup has one (it
# tries `rustup toolchain install nightly` once otherwise). Without a
# nightly it still fuzzes, on the stable toolchain, with libFuzzer's
# coverage but without AddressSanitizer (`--sanitizer none`, and
# RUSTC_BOOTSTRAP=1 for the one unstable flag cargo-fuzz passes): safe
# Rust panics are what this target looks for, and they are caught alike.
#
# New inputs go to a scratch corpus (never into the repository's
# fuzz/corpus/engine, which stays the curated seeds and regressions);
# a crash is written to fuzz/artifacts/engine/ and the script exits 1.
# The last line printed is libFuzzer's count: "Done N runs in S second(s)".
set -euo pipefail
seconds="${1:-60}"
target="${FUZZ_TARGET:-engine}"
cd "$(dirname "$0")/../fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

toolchain=()
flags=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=(+nightly)
elif rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
    toolchain=(+nightly)
else
    echo "fuzz.sh: no nightly toolchain; fuzzing on stable without AddressSanitizer" >&2
    export RUSTC_BOOTSTRAP=1
    flags=(--sanitizer none)
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
echo "fuzz.sh: target $target for $seconds s (toolchain ${toolchain[*]:-stable})" >&2
set +e
cargo "${toolchain[@]}" fuzz run -O "${flags[@]}" "$target" "$scratch" "corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 >"$scratch.log" 2>&1
status=$?
set -e
grep -E 'panicked|^==[0-9]+==|SUMMARY|Test unit written|^stat::number_of_executed_units|^stat::peak_rss|^Done [0-9]+ runs' "$scratch.log" || tail -20 "$scratch.log"
echo "fuzz.sh: exit status $status; full log in $scratch.log" >&2
exit "$status"
