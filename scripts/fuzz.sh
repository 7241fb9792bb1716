#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets) for SECONDS each (default 5), two at a time, with
# cargo-fuzz and libFuzzer, no sanitizer (`-s none`, so the stable toolchain works; pass
# TOOLCHAIN=+nightly to use nightly). Installs cargo-fuzz if missing. A crash stops with its input
# in fuzz/artifacts/TARGET/; copy it into the target's regression test and fix the cause.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
tc=${TOOLCHAIN:-}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/fuzz/target}"
targets=(scenario_loader gdelt_row event_files dataset_csv server_query coder)
cargo $tc fuzz build -s none
run() {
  local log="$CARGO_TARGET_DIR/fuzz-$1.log"
  if cargo $tc fuzz run -s none "$1" -- -max_total_time="$secs" -rss_limit_mb=1024 -max_len=65536 >"$log" 2>&1; then
    grep -E "^Done" "$log" | sed "s/^/$1: /"
  else
    echo "$1: FAILED (the crashing input is in fuzz/artifacts/$1/)"; grep -E "panicked|SUMMARY|crash-" "$log" | head -5
    return 1
  fi
}
status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  run "${targets[i]}" & pids+=($!)
  if [ -n "${targets[i+1]:-}" ]; then run "${targets[i+1]}" & pids+=($!); fi
  for p in "${pids[@]}"; do wait "$p" || status=1; done
done
exit $status
