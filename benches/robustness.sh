#!/usr/bin/env bash
# Hostile scenario input, timed: `entente check` on files of garbage lines (one syntax error a line)
# of 0.1, 1.6 and 4 MB (the limit), 800 KB of entries that each fail, a 10,000-deep dotted key, and a
# 50 MB file (refused unread). Prints the median wall time of 3 runs and the peak RSS for each.
# Usage: benches/robustness.sh   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/entente
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import os, sys
w = sys.argv[1]
head = '[scenario]\nid="x"\ntitle="t"\nas_of="2025"\n'
def write(name, body_line, size):
    os.makedirs(f"{w}/{name}", exist_ok=True)
    with open(f"{w}/{name}/s.toml", "w") as f:
        f.write(head)
        n = len(head)
        while n + len(body_line) <= size:
            f.write(body_line); n += len(body_line)
write("garbage-0.1MB", "this is not toml @@@ ### \n", 100 * 1024)
write("garbage-1.6MB", "this is not toml @@@ ### \n", 1600 * 1024)
write("garbage-4MB", "this is not toml @@@ ### \n", 4 * 1024 * 1024)
write("stubs-800KB", '[[event]]\nid="e"\n', 800 * 1024)
write("garbage-50MB", "this is not toml @@@ ### \n", 50 * 1024 * 1024)
os.makedirs(f"{w}/deep", exist_ok=True)
open(f"{w}/deep/s.toml", "w").write(head + "# filler\n" * 200 + "a" + ".a" * 10000 + " = 1\n")
PY
printf "%-16s %10s %10s %8s %s\n" case "median s" "peak MB" exit "last line"
for c in garbage-0.1MB garbage-1.6MB garbage-4MB stubs-800KB deep garbage-50MB; do
  times=()
  rc=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/t" "$bin" check "$work/$c" >/dev/null 2>"$work/err" || rc=$?
    times+=("$(tail -1 "$work/t")")
  done
  med=$(printf "%s\n" "${times[@]}" | sort -n | sed -n 2p)
  printf "%-16s %10s %10s %8s %s\n" "$c" "${med% *}" "$(( ${med#* } / 1024 ))" "$rc" "$(grep ': error:' "$work/err" | tail -1 | sed "s|$work/||" | cut -c1-100)"
done
