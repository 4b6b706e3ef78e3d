#!/usr/bin/env bash
# The cluster test (issue 16), on one machine: 20,000 generated organizations indexed and
# snapshotted, three read nodes on loopback ports behind HAProxy (deploy/haproxy.cfg with
# only its addresses, socket and rate limits replaced), and wrk driving a mix of searches,
# organization pages, name suggestions and policy pages:
#   capacity   wrk's closed loop (as fast as CONNECTIONS go) on one node directly, then
#              through HAProxy: the request rates each setup reaches (figures only)
#   same load  a fixed request rate RATE (default LOAD_FRACTION x the single node's capacity),
#              open loop, on one node directly and through HAProxy, alternating, in rounds
#              until PAIRS rounds had every run at the same load (requests sent at RATE,
#              within 2 %): the p99 ratio of the medians over those rounds, HAProxy's p99
#              bounded from above with the lag of sending (see below); plus, as a figure,
#              node1 alone through HAProxy (the cost of the hop itself)
#   run (a)    20 s through HAProxy, one node SIGKILLed at 5 s
#   run (b)    through HAProxy while scripts/rollout.sh rolls out a new snapshot with
#              1,000 more organizations across all nodes; then a rollback (no load)
# Pass: 0 non-2xx and 0 socket errors in (a) and (b), every node on the new generation at the
# end, p99 through HAProxy <= 1.5 x the single node's p99 at the same fixed request rate.
# Prints its figures; exit 1 on fail.
# Run (b) lasts DURATION_B (90) s by default, not 20: on this 2-core machine under full load
# (and other builds) the rollout of three nodes (copy and verify 200 MB, drain, SIGTERM,
# start with its SHA-256 check, UP after 2 health checks, each) took 31-68 s.
# Settings: ORGS (20000), MORE (1000), CONNECTIONS (16), DURATION (20), DURATION_B (90), BASELINE (10),
# NODE_THREADS (2), RATE (req/s; default LOAD_FRACTION (0.5) x the single node's capacity),
# FIXED_CONNECTIONS (64), PAIRS (3), KEEP=1 keeps .build/cluster-test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ORGS="${ORGS:-20000}"; MORE="${MORE:-1000}"; CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-20}"; DURATION_B="${DURATION_B:-90}"; BASELINE="${BASELINE:-10}"; NODE_THREADS="${NODE_THREADS:-2}"
RATE="${RATE:-}"; LOAD_FRACTION="${LOAD_FRACTION:-0.5}"; FIXED_CONNECTIONS="${FIXED_CONNECTIONS:-64}"; PAIRS="${PAIRS:-3}"
./scripts/install-deps.sh --cluster
swift build -c release 2>&1 | tail -1
BIN="$ROOT/.build/release/gongshi"
W="$ROOT/.build/cluster-test"
rm -rf "$W"; mkdir -p "$W"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for n in 1 2 3; do [ -f "$W/nodes/node$n/pid" ] && kill "$(cat "$W/nodes/node$n/pid")" 2>/dev/null || true; done
  [ -f "$W/haproxy.pid" ] && kill "$(cat "$W/haproxy.pid")" 2>/dev/null || true
  if [ "${KEEP:-0}" != 1 ]; then chmod -R u+w "$W" 2>/dev/null; rm -rf "$W"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
t0=$(date +%s.%N)
elapsed() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# --- corpus, index, snapshot -------------------------------------------------------------
echo "== corpus: $ORGS organizations (+$MORE for the rollout), bundled policies"
mkdir -p "$W/corpus"
cp -a Corpus/policies Corpus/rules Corpus/synonyms.txt "$W/corpus/"
"$BIN" generate --orgs "$ORGS" --out "$W/corpus" | tail -1
/usr/bin/time -f "index: %e s" "$BIN" index --corpus "$W/corpus" --db "$W/index.sqlite" --quiet 2>&1 | tail -2
/usr/bin/time -f "snapshot: %e s" "$BIN" snapshot --db "$W/index.sqlite" --out "$W/snap-a" 2>&1 | grep -v '^·' | head -3
GEN_A=$("$BIN" verify-snapshot --generation-only "$W/snap-a")

# --- request mix ----------------------------------------------------------------------
"$BIN" sample-paths --db "$W/snap-a/gongshi.sqlite" --count 300 --out "$W" >/dev/null
python3 - "$W" <<'PY'
import sys, os, random, urllib.parse, glob
w = sys.argv[1]
queries = ["基金会", "社会团体 成立登记", "民非 分支机构", "年检", "原始基金", "青民[2016]45号", "慈善组织 公开募捐",
           "shehuituanti", "活动异常名录", "行政处罚", "业务主管单位", "志愿服务", "政府信息公开 答复期限", "评估等级",
           "注销登记", "养老服务中心"]
search = ["/api/search?q=" + urllib.parse.quote(q) for q in queries] + ["/search?q=" + urllib.parse.quote(q) for q in queries[:8]]
policies = ["/policies/" + os.path.basename(p)[:-3] for p in sorted(glob.glob("Corpus/policies/**/*.md", recursive=True))]
orgs = open(os.path.join(w, "org-paths.txt")).read().split()
suggest = open(os.path.join(w, "suggest-paths.txt")).read().split()
# 30 % searches, 30 % organization pages, 30 % suggestions, 10 % policy pages
mix = (search * 13)[:300] + orgs[:300] + suggest[:300] + (policies * 20)[:100]
random.Random(16).shuffle(mix)
open(os.path.join(w, "mix.txt"), "w").write("\n".join(mix) + "\n")
PY

# --- nodes and HAProxy -----------------------------------------------------------------
PORTS=(); for n in 1 2 3; do PORTS+=("$(free_port)"); done
LB_PORT=$(free_port)
for n in 1 2 3; do
  d="$W/nodes/node$n"
  mkdir -p "$d/snapshots"
  cp -a "$W/snap-a" "$d/snapshots/gen$GEN_A-snap-a"
  ln -sfn "$d/snapshots/gen$GEN_A-snap-a" "$d/current"
  echo "127.0.0.1:${PORTS[$((n - 1))]}" > "$d/address"
done
export GONGSHI_NODES="node1 node2 node3" GONGSHI_ROOT="$W/nodes" GONGSHI_BIN="$BIN" NODE_CONTROL=local \
       HAPROXY_SOCKET="$W/haproxy.sock" HAPROXY_BACKEND=nodes ROLLOUT_CONF=/nonexistent \
       GONGSHI_SERVE_ARGS="--threads $NODE_THREADS --no-access-log --static-dir $ROOT/Static --per-address-connections 0"
start_node() {  # n
  local d="$W/nodes/node$1"
  nohup "$BIN" serve --snapshot "$d/current" --host 127.0.0.1 --port "${PORTS[$(($1 - 1))]}" $GONGSHI_SERVE_ARGS >>"$d/serve.log" 2>&1 &
  echo $! > "$d/pid"
}
for n in 1 2 3; do start_node $n; done

haproxy_config() {  # socket port [keep-limits]
  local limits=(-e "s|sc_http_req_rate(0) gt [0-9]* }.*|sc_http_req_rate(0) gt 10000000 }|" -e "s|sc_conn_cur(0) gt [0-9]* }.*|sc_conn_cur(0) gt 100000 }|")
  [ -n "${3:-}" ] && limits=(-e "s|\(sc_[a-z_]*(0) gt [0-9]* }\).*|\1|")
sed -e "s|^\(\s*\)stats socket .*# cluster-test: replaced|\1stats socket $1 mode 600 level admin|" \
    -e "s|^\(\s*\)bind .*# cluster-test: replaced|\1bind 127.0.0.1:$2|" \
    -e "s|^\(\s*\)maxconn .*# cluster-test: replaced|\1maxconn 2000|" \
    "${limits[@]}" \
    -e "s|server node1 .*# cluster-test: replaced|server node1 127.0.0.1:${PORTS[0]}|" \
    -e "s|server node2 .*# cluster-test: replaced|server node2 127.0.0.1:${PORTS[1]}|" \
    -e "s|server node3 .*# cluster-test: replaced|server node3 127.0.0.1:${PORTS[2]}|" \
    -e "s|server primary .*# cluster-test: replaced|server primary 127.0.0.1:${PORTS[0]} check inter 2s|" \
    -e "s|^\(\s*\)log /dev/log.*|\1log stderr format raw local0 warning|" \
    deploy/haproxy.cfg
}
haproxy_config "$W/haproxy.sock" "$LB_PORT" > "$W/haproxy.cfg"
grep -v '^\s*#' "$W/haproxy.cfg" | grep -q "cluster-test: replaced" && { echo "FAIL: a marked line of deploy/haproxy.cfg was not replaced"; exit 1; }
haproxy -c -q -f "$W/haproxy.cfg"
haproxy -f "$W/haproxy.cfg" -db >"$W/haproxy.log" 2>&1 & echo $! > "$W/haproxy.pid"
hap() { echo "$1" | socat -t 5 stdio "UNIX-CONNECT:$W/haproxy.sock"; }
status_of() { hap "show stat" | awk -F, -v s="$1" '$1 == "nodes" && $2 == s { print $18 }'; }
wait_up() {
  for _ in $(seq 300); do
    local all=1
    for n in "$@"; do [ "$(status_of node$n 2>/dev/null)" = UP ] || all=0; done
    [ $all = 1 ] && return 0
    sleep 0.2
  done
  echo "FAIL: nodes $* not UP in 60 s"; tail -5 "$W/haproxy.log"; exit 1
}
wait_up 1 2 3
echo "== 3 nodes UP behind HAProxy on 127.0.0.1:$LB_PORT (nodes ${PORTS[*]}), generation $GEN_A, $(elapsed) s"

LB="http://127.0.0.1:$LB_PORT"
load() {  # name url seconds [NEW_GEN [RATE]] -> the RESULT line
  local name=$1 url=$2 seconds=$3 c=$CONNECTIONS prio=()
  # At a fixed rate wrk runs at a higher priority (when allowed), so that on a machine busy
  # with other builds it keeps its schedule: it needs little CPU, but needs it on time.
  [ -n "${5:-}" ] && { c=$FIXED_CONNECTIONS; prio=(nice -n -10); }
  NEW_GEN="${4:-}" RATE="${5:-}" WRK_THREADS=2 PATHS="$W/mix.txt" \
    "${prio[@]}" wrk -t2 -c"$c" -d"${seconds}s" --timeout 10s -s scripts/cluster/mix.lua "$url" > "$W/wrk-$name.txt" 2>&1 || true
  grep '^RESULT' "$W/wrk-$name.txt" || { cat "$W/wrk-$name.txt"; echo "FAIL: wrk gave no result"; exit 1; }
}
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- capacity: closed loop, one node directly and through HAProxy ------------------------
PATHS="$W/mix.txt" wrk -t2 -c"$CONNECTIONS" -d2s -s scripts/cluster/mix.lua "http://127.0.0.1:${PORTS[0]}" >/dev/null 2>&1 || true   # warm-up
PATHS="$W/mix.txt" wrk -t2 -c"$CONNECTIONS" -d2s -s scripts/cluster/mix.lua "$LB" >/dev/null 2>&1 || true
echo "== capacity: wrk closed loop, $CONNECTIONS connections, ${BASELINE} s each"
cap_single=$(load cap-single "http://127.0.0.1:${PORTS[0]}" "$BASELINE")
cap_lb=$(load cap-haproxy "$LB" "$BASELINE")
echo "single node : $cap_single"
echo "via HAProxy : $cap_lb"

# --- the same load: one fixed request rate on one node directly and through HAProxy ------
# wrk's closed loop is no common load: each setup runs at its own saturated rate, and three
# nodes, HAProxy and wrk share the same 2 cores. Instead both get the same offered rate,
# below saturation, from an open-loop schedule (scripts/cluster/mix.lua with RATE), in
# alternating runs so that the other work on the machine falls on both alike. A third run
# in each round, HAProxy with node2 and node3 in maintenance (node1 alone behind it), shows
# what the proxy hop itself costs; it is a figure, not a criterion. It comes first in its
# round so that the slow start of node2 and node3 afterwards falls in the single-node run.
[ -n "$RATE" ] || RATE=$(awk -v c="$(field "$cap_single" rps)" -v f="$LOAD_FRACTION" 'BEGIN { printf "%d", c * f }')
MAX_ROUNDS=$((2 * PAIRS))
echo "== same load: a fixed $RATE req/s sent (open loop, $FIXED_CONNECTIONS connections), ${BASELINE} s per run; rounds of" \
     "one node via HAProxy (hop), one node directly (single), three nodes via HAProxy (haproxy) until $PAIRS rounds at the same load (at most $MAX_ROUNDS)"
# A round is at the same load when each of its runs sent RATE req/s (within 2 %); one that did
# not (the machine, shared with other builds, could not keep even the schedule) is printed
# and left out, whatever its latencies. wrk's latency starts when a request is written, so
# the wait of a request sent after its slot (every connection busy, or wrk short of CPU) is
# not in it: that lag is measured per request. For the criterion the HAProxy run counts
# with an upper bound of its p99 from the slots (p99.5 of wrk's latency + p99.5 of the lag:
# at most 0.5 % + 0.5 % of the requests beyond), the single node with wrk's p99 (a lower
# bound of the same), so that the ratio can only overstate what HAProxy costs.
p99_single=""; p99_lb=""; bound_lb=""; p99_hop=""; valid=0; rounds=0
while [ $valid -lt "$PAIRS" ] && [ $rounds -lt $MAX_ROUNDS ]; do
  rounds=$((rounds + 1)); ok=1; round=()
  for side in hop single haproxy; do
    url=$LB; [ $side = single ] && url="http://127.0.0.1:${PORTS[0]}"
    [ $side = hop ] && for n in 2 3; do hap "set server nodes/node$n state maint" >/dev/null; done
    r=$(load "fixed-$side-$rounds" "$url" "$BASELINE" "" "$RATE")
    [ $side = hop ] && { for n in 2 3; do hap "set server nodes/node$n state ready" >/dev/null; done; wait_up 1 2 3; }
    printf '%-11s : %s\n' "$side $rounds" "$r"
    round+=("$(field "$r" p99_ms)" "$(awk -v a="$(field "$r" p995_ms)" -v b="$(field "$r" lag_p995_ms)" 'BEGIN { printf "%.2f", a + b }')")
    awk -v a="$(field "$r" sent_rps)" -v t="$RATE" 'BEGIN { exit !(a >= 0.98 * t && a <= 1.02 * t) }' || ok=0
  done
  if [ $ok = 1 ]; then
    valid=$((valid + 1)); p99_hop+="${round[0]} "; p99_single+="${round[2]} "; p99_lb+="${round[4]} "; bound_lb+="${round[5]} "
  else
    echo "   round $rounds: not at the same load (a run did not send $RATE req/s), left out"
  fi
done
single_p99=$(median <<<"$p99_single"); lb_p99=$(median <<<"$p99_lb"); lb_bound=$(median <<<"$bound_lb"); hop_p99=$(median <<<"$p99_hop")

# --- run (a): SIGKILL one node at 5 s ----------------------------------------------------
echo "== run (a): ${DURATION} s via HAProxy, node2 SIGKILLed at 5 s"
( sleep 5; kill -9 "$(cat "$W/nodes/node2/pid")"; echo "   node2 killed at $(elapsed) s" ) & pids+=($!)
run_a=$(load a "$LB" "$DURATION")
echo "run (a)     : $run_a"
echo "   HAProxy: node2 $(status_of node2) after the run; retries/redispatches: $(hap "show stat" | awk -F, '$1 == "nodes" && $2 == "BACKEND" { print "retries " $16 ", redispatches " $17 }')"
start_node 2
wait_up 1 2 3

# --- run (b): rollout of a new snapshot under load ---------------------------------------
echo "== new snapshot: +$MORE organizations"
"$BIN" generate --orgs "$MORE" --seed 777 --out "$W/more" >/dev/null
# Only codes not already in the index (a different seed may draw an existing one).
python3 - "$W" <<'PY'
import csv, glob, os, sqlite3, sys
w = sys.argv[1]
known = {r[0] for r in sqlite3.connect(f"file:{w}/snap-a/gongshi.sqlite?immutable=1", uri=True).execute("SELECT code FROM org")}
os.makedirs(f"{w}/corpus/orgs", exist_ok=True)
rows = 0
for path in sorted(glob.glob(f"{w}/more/orgs/*.csv")):
    with open(path, encoding="utf-8-sig", newline="") as f, open(f"{w}/corpus/orgs/more-{os.path.basename(path)}", "w", encoding="utf-8", newline="") as out:
        reader = csv.reader(f); writer = csv.writer(out)
        header = next(reader); writer.writerow(header)
        code = header.index("code") if "code" in header else header.index("统一社会信用代码")
        for row in reader:
            if row[code] not in known:
                writer.writerow(row); rows += 1
print(f"   {rows} new organizations")
PY
"$BIN" index --corpus "$W/corpus" --db "$W/index.sqlite" --quiet 2>&1 | tail -1
/usr/bin/time -f "   snapshot: %e s" "$BIN" snapshot --db "$W/index.sqlite" --out "$W/snap-b" 2>&1 | grep -v '^·' | sed -n '1,3p'
GEN_B=$("$BIN" verify-snapshot --generation-only "$W/snap-b")
echo "== run (b): ${DURATION_B} s via HAProxy, rollout of generation $GEN_B starting at 2 s"
( set +e; sleep 2; echo "   rollout starts at $(elapsed) s"; ./scripts/rollout.sh "$W/snap-b" > "$W/rollout.log" 2>&1; echo $? > "$W/rollout.rc"; date +%s.%N > "$W/rollout.end"
  echo "   rollout ended at $(elapsed) s (exit $(cat "$W/rollout.rc"))" ) & rollout=$!; pids+=($rollout)
run_b=$(load b "$LB" "$DURATION_B" "$GEN_B")
load_end=$(date +%s.%N)
wait $rollout || true
echo "run (b)     : $run_b"
sed 's/^/   /' "$W/rollout.log"

# --- checks -----------------------------------------------------------------------------
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
check "run (a): 0 non-2xx, 0 socket errors" "[ $(field "$run_a" non2xx) = 0 ] && [ $(field "$run_a" socket_errors) = 0 ]"
check "run (b): 0 non-2xx, 0 socket errors" "[ $(field "$run_b" non2xx) = 0 ] && [ $(field "$run_b" socket_errors) = 0 ]"
check "rollout exited 0 before the load ended" "[ \"\$(cat $W/rollout.rc 2>/dev/null)\" = 0 ] && awk -v a=\$(cat $W/rollout.end) -v b=$load_end 'BEGIN { exit !(a < b) }'"
for n in 1 2 3; do
  g=$(curl -fsS "http://127.0.0.1:${PORTS[$((n - 1))]}/healthz" 2>/dev/null | sed -n 's/.*"generation":\([0-9]*\).*/\1/p')
  check "node$n reports generation $GEN_B (/healthz: $g)" "[ '$g' = '$GEN_B' ]"
done
h=$(curl -fsS -D - -o /dev/null "$LB/api/search?q=%E5%9F%BA%E9%87%91%E4%BC%9A" 2>/dev/null | tr -d '\r' | sed -n 's/^X-Gongshi-Generation: //Ip')
check "X-Gongshi-Generation through HAProxy is $GEN_B ($h)" "[ '$h' = '$GEN_B' ]"
m=$(curl -s -o /dev/null -w '%{http_code}' "$LB/metrics")
check "/metrics denied through HAProxy ($m)" "[ '$m' = 404 ]"
curl -fsS "http://127.0.0.1:${PORTS[0]}/metrics" > "$W/metrics.txt" 2>/dev/null || true
check "/metrics served on a node" "grep -q '^gongshi_http_requests_total' $W/metrics.txt"
# The shipped per-address limit (300 requests in 10 s): a second HAProxy with the limits of
# deploy/haproxy.cfg unchanged; 330 requests from one address in a row, the last ones get 429.
RL_PORT=$(free_port)
haproxy_config "$W/haproxy-rl.sock" "$RL_PORT" keep-limits > "$W/haproxy-rl.cfg"
haproxy -f "$W/haproxy-rl.cfg" -db >"$W/haproxy-rl.log" 2>&1 & rl=$!; pids+=($rl)
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$RL_PORT/healthz" 2>/dev/null && break; sleep 0.1; done
# One curl for all of them (kept-alive connection): well within 10 s even on a busy machine.
codes=$(curl -s -w '\n%{http_code}\n' $(for _ in $(seq 330); do printf 'http://127.0.0.1:%s/healthz ' "$RL_PORT"; done) \
  | grep -E '^[0-9]{3}$' | sort | uniq -c | tr -s ' ' | tr '\n' ';')
kill $rl 2>/dev/null || true
check "per-address rate limit of deploy/haproxy.cfg: 330 requests in a row -> ${codes}" "grep -q ' 429' <<<'$codes' && grep -Eq ' (29[0-9]|30[0-1]) 200' <<<'$codes'"

# A node refuses an altered snapshot: one byte of the database changed, same size.
cp -a "$W/snap-b" "$W/snap-bad"; chmod u+w "$W/snap-bad/gongshi.sqlite"
printf 'X' | dd of="$W/snap-bad/gongshi.sqlite" bs=1 seek=100000 conv=notrunc 2>/dev/null
"$BIN" serve --snapshot "$W/snap-bad" --port 0 > "$W/bad.log" 2>&1 && bad=0 || bad=$?
check "serve --snapshot refuses an altered file (exit $bad: $(grep -o 'SHA-256.*不符' "$W/bad.log" | cut -c1-24)…)" "[ $bad = 2 ] && grep -q 'gongshi.sqlite 的 SHA-256' $W/bad.log"

# Rollback (no load): every node back on its previous snapshot.
rb_start=$(date +%s.%N)
./scripts/rollout.sh --rollback > "$W/rollback.log" 2>&1 && rb=0 || rb=$?
rb_time=$(awk -v a="$rb_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
gens=""
for n in 1 2 3; do
  gens+="$(curl -fsS "http://127.0.0.1:${PORTS[$((n - 1))]}/healthz" 2>/dev/null | sed -n 's/.*"generation":\([0-9]*\).*/\1/p') "
done
check "rollback in $rb_time s: every node back on generation $GEN_A (${gens% })" "[ $rb = 0 ] && [ '${gens% }' = '$GEN_A $GEN_A $GEN_A' ]"
check "the same load: $valid of $rounds rounds sent $RATE req/s in every run (within 2 %); $PAIRS needed" "[ $valid = $PAIRS ]"
ratio=$(awk -v a="$lb_bound" -v b="$single_p99" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
plain=$(awk -v a="$lb_p99" -v b="$single_p99" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
check "p99 via HAProxy / single node at $RATE req/s = $lb_bound / $single_p99 ms = $ratio (<= 1.5; HAProxy: median of the bounds ${bound_lb% }; single: median of ${p99_single% })" \
  "[ $valid = $PAIRS ] && awk -v r=$ratio 'BEGIN { exit !(r <= 1.5) }'"
echo "figures: capacity (closed loop, $CONNECTIONS connections) single $(field "$cap_single" rps) req/s p99 $(field "$cap_single" p99_ms) ms, via HAProxy $(field "$cap_lb" rps) req/s p99 $(field "$cap_lb" p99_ms) ms;" \
     "at $RATE req/s (medians of $valid rounds): single p99 $single_p99 ms, via HAProxy p99 $lb_p99 ms (bound with the lag $lb_bound ms), ratio $ratio (wrk's p99 alone: $plain);" \
     "one node via HAProxy p99 $hop_p99 ms; run (a) p99 $(field "$run_a" p99_ms) ms, $(field "$run_a" requests) requests;" \
     "run (b) p99 $(field "$run_b" p99_ms) ms, $(field "$run_b" requests) requests, $(field "$run_b" new_generation) answered by generation $GEN_B; total $(elapsed) s"
[ $fail = 0 ] && echo "cluster test: PASS" || echo "cluster test: FAIL"
exit $fail
