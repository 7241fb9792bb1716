#!/usr/bin/env bash
# A bounded load test of `entente serve` on 127.0.0.1 with wrk (Debian's): fixed duration, the
# overview (network SVG) and cascade explorer (deterministic cascade + 2,000 Monte Carlo trials)
# pages at a concurrency within the server's limit — expecting zero errors — and then the cascade
# page far above a small limit, expecting clean 503s and a server that keeps answering.
#
#   bash benches/serve.sh          # DURATION=10s; installs wrk with apt-get if missing
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
command -v wrk >/dev/null || { SUDO=$([ "$(id -u)" = 0 ] || echo sudo); $SUDO apt-get install -y -q wrk >/dev/null; }
cargo build --release -q
BIN=target/release/entente
CASCADE='/cascade?attacker=PRK&target=KOR&at=korean-peninsula&trials=2000'

start() { # start LIMIT -> sets ADDR and PID
  local log; log=$(mktemp)
  "$BIN" serve --addr 127.0.0.1:0 --max-concurrent "$1" 2>"$log" &
  PID=$!
  for _ in $(seq 50); do grep -q http:// "$log" && break; sleep 0.1; done
  ADDR=$(sed -n 's#.*http://\([^/]*\)/.*#\1#p' "$log")
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

echo "machine: $(nproc) cores; $(rustc --version); $(wrk -v 2>&1 | head -1)"
start 64
echo "== within the limit (max-concurrent 64; wrk 2 threads, 32 connections, $DURATION)"
for path in / "$CASCADE"; do
  echo "-- GET $path"
  wrk -t2 -c32 -d"$DURATION" --latency "http://$ADDR$path" | grep -E "Requests/sec|Non-2xx|Socket errors|  50%|  99%|requests in"
done
stop

start 4
echo "== above the limit (max-concurrent 4; 256 connections on the cascade page, $DURATION)"
wrk -t2 -c256 -d"$DURATION" --latency "http://$ADDR$CASCADE" | grep -E "Requests/sec|Non-2xx|Socket errors|  50%|  99%|requests in"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://$ADDR/")
echo "after the overload: GET / -> $code"
ok=$(curl -s -o /dev/null -w '%{http_code}' "http://$ADDR$CASCADE")
busy=$(for _ in $(seq 32); do curl -s -o /dev/null -w '%{http_code}\n' "http://$ADDR$CASCADE" & done | sort | uniq -c | tr '\n' ' ')
echo "a burst of 32 at once: $busy"
stop
[ "$code" = 200 ] && [ "$ok" = 200 ] || { echo "FAIL: the server stopped answering"; exit 1; }
