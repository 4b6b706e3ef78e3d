#!/usr/bin/env bash
# Search speed side by side with a peer: Gongshi's /api/search (result cache off) and
# Datasette over an FTS5 trigram table of the same articles, on the same machine, in
# the same run, with the same queries.
#
#   scripts/bench-search-peer.sh CORPUS_DIR      (e.g. ../shared/eval/stard-train/Corpus)
#
# Indexes CORPUS_DIR with `gongshi index` (incremental: a second run reuses the index),
# installs Datasette 0.65 from PyPI into .build/venv, copies every article (title, label,
# text) from that index into an FTS5 trigram table for Datasette, then runs wrk
# (2 threads x 50 connections, DURATION each after one unmeasured second) on both with 16
# one-word queries, and on Gongshi with the multi-word queries of issue 13; then one
# connection at a time for Gongshi's p50/p99. Nothing of CORPUS_DIR is copied into the repository.
# Each server runs in a session of its own (setsid), as a service does: with the kernel's
# autogroup scheduling a session shares one CPU share, so servers started from this shell
# would otherwise share theirs with wrk and whatever else the shell runs. Every line also
# gives the server's CPU time per request (from /proc), which other builders' load does
# not change, and the load average is printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:?usage: scripts/bench-search-peer.sh CORPUS_DIR}"
[ -d "$CORPUS" ] || { echo "no such corpus directory: $CORPUS" >&2; exit 2; }
DURATION="${DURATION:-10s}"
THREADS="${THREADS:-4}"
GONGSHI="${GONGSHI:-.build/release/gongshi}"   # another build to compare, e.g. one of main saved aside
OUT=.build/peer
mkdir -p "$OUT"

./scripts/install-deps.sh --bench
# Debian's python3 needs python3-venv for `python3 -m venv`.
if ! /usr/bin/python3 -c 'import ensurepip' 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv
fi
if [ ! -x .build/venv/bin/datasette ]; then
  /usr/bin/python3 -m venv .build/venv
  .build/venv/bin/pip install -q 'datasette==0.65.*'
fi
[ -x "$GONGSHI" ] || swift build -c release

echo "indexing $CORPUS ..."
"$GONGSHI" index --corpus "$CORPUS" --db "$OUT/gongshi.sqlite" --quiet >"$OUT/index.log" 2>&1 || [ $? -eq 1 ]
tail -4 "$OUT/index.log"
# Datasette detects the FTS table (and so applies _search) only through a quoted content= name: a table built
# before that name was quoted is rebuilt.
peer_table_ok() {
  [ -s "$OUT/articles.db" ] && .build/venv/bin/python - "$OUT/articles.db" <<'PY'
import sqlite3, sys
sql = "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%content=\"articles\"%'"
sys.exit(0 if sqlite3.connect(sys.argv[1]).execute(sql).fetchone()[0] else 1)
PY
}
if ! peer_table_ok || [ "$OUT/gongshi.sqlite" -nt "$OUT/articles.db" ]; then
  rm -f "$OUT/articles.db"
  .build/venv/bin/python - "$OUT/gongshi.sqlite" "$OUT/articles.db" <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1])
dst = sqlite3.connect(sys.argv[2])
dst.executescript("""
CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, label TEXT, text TEXT);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, label, text, content="articles", content_rowid=id, tokenize='trigram');
""")
rows = src.execute("SELECT u.id, d.title, u.label, u.text FROM unit u JOIN document d ON d.id = u.document_id")
dst.executemany("INSERT INTO articles VALUES (?, ?, ?, ?)", rows)
dst.execute("INSERT INTO articles_fts(rowid, title, label, text) SELECT id, title, label, text FROM articles")
dst.commit()
print("datasette table: %d articles" % dst.execute("SELECT count(*) FROM articles").fetchone()[0])
PY
fi

free_port() { .build/venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
GPORT=$(free_port); DPORT=$(free_port); APORT=$(free_port)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
setsid "$GONGSHI" serve --db "$OUT/gongshi.sqlite" --port "$GPORT" --threads "$THREADS" --search-cache 0 --no-access-log >/dev/null 2>&1 & pids+=($!)
GPID=$!
setsid .build/venv/bin/datasette serve "$OUT/articles.db" --port "$DPORT" --setting sql_time_limit_ms 10000 --setting suggest_facets off >/dev/null 2>&1 & pids+=($!)
DPID=$!
# The same Datasette as installed (its default settings, which compute facet suggestions for every table answer,
# JSON included): the configuration issue 13 measured (~74 req/s). Only the time limit is raised, as above, so a
# slow answer under 50 connections counts as slow rather than as an error.
setsid .build/venv/bin/datasette serve "$OUT/articles.db" --port "$APORT" --setting sql_time_limit_ms 10000 >/dev/null 2>&1 & pids+=($!)
APID=$!
for _ in $(seq 100); do
  (exec 3<>/dev/tcp/127.0.0.1/$GPORT) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$DPORT) 2>/dev/null &&
    (exec 3<>/dev/tcp/127.0.0.1/$APORT) 2>/dev/null && break
  sleep 0.2
done
sleep "${WARMUP:-2}"
# setsid runs the server itself (it forks only when started as a process-group leader).
for p in "$GPID" "$DPID" "$APID"; do
  [ -r "/proc/$p/stat" ] || { echo "server process $p not found (setsid forked?)" >&2; exit 1; }
done

# The 16 one-word queries (3 characters or more, so the trigram table can answer them)
# and the multi-word queries people type without spaces (issue 13).
ONE_WORD=(个体工商户 劳动合同 交通事故 知识产权 消费者 工伤保险 未成年人 商标注册 行政复议 土地承包 房屋租赁 食品安全 环境保护 民事诉讼 社会保险 著作权)
MULTI_WORD=(劳动合同解除条件 交通事故赔偿标准 工伤保险认定 未成年人保护监护 个体工商户登记 消费者权益赔偿 行政复议申请期限 房屋租赁合同解除)
urlencode() { .build/venv/bin/python -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
write_paths() {  # file prefix suffix queries...
  local file=$1 prefix=$2 suffix=$3; shift 3
  : > "$file"
  for q in "$@"; do echo "$prefix$(urlencode "$q")$suffix" >> "$file"; done
}
write_paths "$OUT/gongshi-one.txt" "/api/search?q=" "" "${ONE_WORD[@]}"
write_paths "$OUT/gongshi-multi.txt" "/api/search?q=" "" "${MULTI_WORD[@]}"
write_paths "$OUT/datasette-one.txt" "/articles/articles.json?_search=" "&_size=10" "${ONE_WORD[@]}"

# Each target answers every query with 200 before it is timed.
for f in gongshi-one gongshi-multi; do
  while read -r p; do curl -sf -o /dev/null "http://127.0.0.1:$GPORT$p" || { echo "gongshi failed: $p" >&2; exit 1; }; done < "$OUT/$f.txt"
done
for port in "$DPORT" "$APORT"; do
  while read -r p; do curl -sf -o /dev/null "http://127.0.0.1:$port$p" || { echo "datasette failed: $p" >&2; exit 1; }; done < "$OUT/datasette-one.txt"
done
# Datasette ignores _search (and answers the table's first rows) unless it detects the FTS table, which it does
# only for a quoted content= name: check that the peer really searched, or the ratio means nothing.
for port in "$DPORT" "$APORT"; do
  while read -r p; do
    curl -sf "http://127.0.0.1:$port$p" | .build/venv/bin/python -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(0 if " match " in d["query"]["sql"] else 1)' || { echo "datasette did not search: $p" >&2; exit 1; }
  done < "$OUT/datasette-one.txt"
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime of process $1
machine_ticks() { awk '/^cpu / {print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }  # idle, all
run() {  # name port pathsfile connections server-pid
  local name=$1 port=$2 paths=$3 c=$4 pid=$5 t=2 out before after
  [ "$c" -lt 2 ] && t=1
  # A long timeout: on a busy machine a slow peer's answers would otherwise count as errors, not requests.
  PATHS="$paths" wrk -t$t -c"$c" -d1s --timeout 30s -s scripts/bench/paths-file.lua "http://127.0.0.1:$port" >/dev/null
  before=$(cpu_ticks "$pid")
  local m0 m1
  m0=$(machine_ticks)
  out=$(PATHS="$paths" wrk -t$t -c"$c" -d"$DURATION" --timeout 30s --latency -s scripts/bench/paths-file.lua "http://127.0.0.1:$port")
  after=$(cpu_ticks "$pid")
  m1=$(machine_ticks)
  local rps p50 p99 errors cpu idle
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  cpu=$(awk -v d=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$(awk '/requests in/ {print $1}' <<<"$out")" \
    'BEGIN { printf "%.2f", (n > 0 ? d * 1000 / hz / n : 0) }')
  # The machine's idle share during the run: what the server could have had and did not get.
  idle=$(awk -v a="$m0" -v b="$m1" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2]; printf "%.0f", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }')
  printf "%-34s %10s req/s   p50 %8s   p99 %8s   server CPU %5s ms/request   idle %3s%%  %s\n" "$name" "$rps" "$p50" "$p99" "$cpu" "$idle" "$errors"
  echo "$rps" > "$OUT/$name.rps"
}

echo "wrk, $DURATION each; gongshi serve --search-cache 0 --threads $THREADS; datasette $(.build/venv/bin/datasette --version | awk '{print $NF}') (FTS5 trigram)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "50 connections:"
run datasette-one-word "$DPORT" "$OUT/datasette-one.txt" 50 "$DPID"
run datasette-defaults-one-word "$APORT" "$OUT/datasette-one.txt" 50 "$APID"
run gongshi-one-word "$GPORT" "$OUT/gongshi-one.txt" 50 "$GPID"
run gongshi-multi-word "$GPORT" "$OUT/gongshi-multi.txt" 50 "$GPID"
echo "one connection:"
run gongshi-one-word-1conn "$GPORT" "$OUT/gongshi-one.txt" 1 "$GPID"
run gongshi-multi-word-1conn "$GPORT" "$OUT/gongshi-multi.txt" 1 "$GPID"
run datasette-one-word-1conn "$DPORT" "$OUT/datasette-one.txt" 1 "$DPID"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
d=$(cat "$OUT/datasette-one-word.rps"); a=$(cat "$OUT/datasette-defaults-one-word.rps"); g=$(cat "$OUT/gongshi-one-word.rps"); m=$(cat "$OUT/gongshi-multi-word.rps")
g1=$(cat "$OUT/gongshi-one-word-1conn.rps")
awk -v d="$d" -v a="$a" -v g="$g" -v m="$m" -v g1="$g1" 'BEGIN {
  printf "gongshi / datasette (suggest_facets off), one-word queries, 50 connections: %.1fx (target >= 20x)\n", g / d
  printf "gongshi / datasette (default settings, as issue 13 measured it), one-word queries, 50 connections: %.1fx (target >= 20x)\n", g / a
  printf "multi-word / one-word req/s: %.2f (target >= 0.5, i.e. within 2x)\n", m / g
  printf "gongshi one-word, 50 connections / one connection req/s: %.2f (2 cores: >= 1, ideally ~2)\n", g / g1
}'
