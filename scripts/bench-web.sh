#!/usr/bin/env bash
# Web benchmark: wrk on loopback (50 connections, keep-alive) against gongshi serve and,
# as the ceiling, a minimal libmicrohttpd hello-world built from C with the same flags.
# Prints requests/s and p50/p99 latency per target, and the server's peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-data/gongshi.sqlite}"
DURATION="${DURATION:-10s}"
THREADS="${THREADS:-4}"
PORT=8181
HELLO_PORT=8282
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh --bench"; exit 2; }
[ -x .build/release/gongshi ] || swift build -c release
mkdir -p .build/bench
cc -O2 -o .build/bench/hello scripts/bench/hello.c -lmicrohttpd

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

.build/bench/hello "$HELLO_PORT" "$THREADS" & pids+=($!)
.build/release/gongshi serve --db "$DB" --port "$PORT" --threads "$THREADS" 2>/dev/null >/dev/null & server=$!; pids+=($server)
for _ in $(seq 50); do
  (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$HELLO_PORT) 2>/dev/null && break
  sleep 0.2
done

# The server computes statistics and list counts at start (seconds at a million organizations).
sleep "${WARMUP:-2}"

run() {  # name url [script]
  local name=$1 url=$2 script=${3:-}
  local out
  local c=${CONNECTIONS:-50} t=2
  [ "$c" -lt 2 ] && t=1
  # One unmeasured second first, the same for every target (connections opened, caches
  # and page cache warm), so the figures describe the steady state.
  if [ -n "$script" ]; then wrk -t$t -c$c -d1s -s "$script" "$url" >/dev/null; else wrk -t$t -c$c -d1s "$url" >/dev/null; fi
  if [ -n "$script" ]; then out=$(wrk -t$t -c$c -d"$DURATION" --latency -s "$script" "$url"); else out=$(wrk -t$t -c$c -d"$DURATION" --latency "$url"); fi
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf "%-28s %10s req/s   p50 %8s   p99 %8s  %s\n" "$name" "$rps" "$p50" "$p99" "$errors"
  echo "$rps" > ".build/bench/$name.rps"
}

echo "wrk -t2 -c50 -d$DURATION, keep-alive, $THREADS server threads, database $DB (search result cache on, as served)"
echo "50 connections:"
run hello-world "http://127.0.0.1:$HELLO_PORT/"
run static-file "http://127.0.0.1:$PORT/static/css/site.css"
run policy-page "http://127.0.0.1:$PORT/policies/shetuan-dengji-tiaoli"
run api-search "http://127.0.0.1:$PORT" scripts/bench/search-paths.lua
PATHS=scripts/bench/ask-paths.txt run api-ask "http://127.0.0.1:$PORT" scripts/bench/paths-file.lua
.build/release/gongshi sample-paths --db "$DB" --count 500 --out .build/bench >/dev/null
PATHS=.build/bench/org-paths.txt run org-page "http://127.0.0.1:$PORT" scripts/bench/paths-file.lua
PATHS=.build/bench/suggest-paths.txt run api-suggest "http://127.0.0.1:$PORT" scripts/bench/paths-file.lua
echo "one connection at a time (service time without queueing):"
CONNECTIONS=1 run api-search-1conn "http://127.0.0.1:$PORT" scripts/bench/search-paths.lua
CONNECTIONS=1 PATHS=scripts/bench/ask-paths.txt run api-ask-1conn "http://127.0.0.1:$PORT" scripts/bench/paths-file.lua
CONNECTIONS=1 PATHS=.build/bench/org-paths.txt run org-page-1conn "http://127.0.0.1:$PORT" scripts/bench/paths-file.lua
CONNECTIONS=1 PATHS=.build/bench/suggest-paths.txt run api-suggest-1conn "http://127.0.0.1:$PORT" scripts/bench/paths-file.lua
# The same search mix with the server's result cache off: what each search costs when
# every request is computed (the figures above serve repeated queries from the cache).
UNCACHED_PORT=8183
.build/release/gongshi serve --db "$DB" --port "$UNCACHED_PORT" --threads "$THREADS" --search-cache 0 2>/dev/null >/dev/null & pids+=($!)
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$UNCACHED_PORT) 2>/dev/null && break; sleep 0.2; done
sleep "${WARMUP:-2}"
echo "search result cache off (--search-cache 0):"
run api-search-uncached "http://127.0.0.1:$UNCACHED_PORT" scripts/bench/search-paths.lua
CONNECTIONS=1 run api-search-uncached-1conn "http://127.0.0.1:$UNCACHED_PORT" scripts/bench/search-paths.lua
hello=$(cat .build/bench/hello-world.rps); static=$(cat .build/bench/static-file.rps)
awk -v s="$static" -v h="$hello" 'BEGIN { printf "static file / hello-world (the two runs above): %.0f%%\n", 100 * s / h }'
# Single runs of either swing by 20 % on a busy 2-core machine, so the ratio is also taken
# as the median of back-to-back pairs, the order flipped each round.
ratios=()
rate() { wrk -t2 -c50 -d3s "$1" | awk '/Requests\/sec/ {print $2}'; }
for i in $(seq "${RATIO_ROUNDS:-7}"); do
  if [ $((i % 2)) -eq 1 ]; then
    h=$(rate "http://127.0.0.1:$HELLO_PORT/"); s=$(rate "http://127.0.0.1:$PORT/static/css/site.css")
  else
    s=$(rate "http://127.0.0.1:$PORT/static/css/site.css"); h=$(rate "http://127.0.0.1:$HELLO_PORT/")
  fi
  ratios+=("$(awk -v s="$s" -v h="$h" 'BEGIN { printf "%.1f", 100 * s / h }')")
done
printf "static file / hello-world, %s alternating 3 s pairs: %s %%; median %s %%\n" "${#ratios[@]}" "${ratios[*]}" \
  "$(printf "%s\n" "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/$server/status)"
