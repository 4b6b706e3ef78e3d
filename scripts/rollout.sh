#!/usr/bin/env bash
# Rolls a new index snapshot out to the read nodes, one node at a time, with no failed
# request: for each node, copy the snapshot beside the one it serves and verify it, drain
# the node on HAProxy's runtime API, wait for its sessions to end, stop it with SIGTERM
# (requests in flight finish), start it on the new snapshot, wait until it reports the new
# generation and HAProxy has it UP again, then take the next node.
#
#   scripts/rollout.sh NEW_SNAPSHOT_DIR            roll out
#   scripts/rollout.sh --rollback                  the same with each node's previous snapshot
#
# Each node has a directory $GONGSHI_ROOT/<node>/ holding:
#   snapshots/<name>/   snapshot directories (gongshi snapshot output, copied here)
#   current, previous   symbolic links to two of them (the node serves `current`)
#   address             host:port the node listens on (for its /healthz)
# Settings (environment, or the file $ROLLOUT_CONF, default /etc/gongshi/rollout.env):
#   GONGSHI_NODES      node names, which are also HAProxy server names  (node1 node2 node3)
#   GONGSHI_ROOT       (/var/lib/gongshi)
#   GONGSHI_BIN        (gongshi on PATH)
#   HAPROXY_SOCKET     runtime API: a unix socket path or ipv4@host:port  (/run/haproxy/admin.sock)
#   HAPROXY_BACKEND    (nodes)
#   NODE_CONTROL       systemd: systemctl stop/start gongshi@<node>
#                      local:   the node is a process whose pid is in <node>/pid, started
#                               with GONGSHI_SERVE_ARGS (scripts/cluster-test.sh uses this)
#   KEEP_SNAPSHOTS     snapshots kept per node besides current and previous (1)
# Needs socat (scripts/install-deps.sh --cluster) and curl.
set -euo pipefail
ROLLOUT_CONF="${ROLLOUT_CONF:-/etc/gongshi/rollout.env}"
# shellcheck disable=SC1090
[ -f "$ROLLOUT_CONF" ] && . "$ROLLOUT_CONF"
GONGSHI_NODES="${GONGSHI_NODES:-node1 node2 node3}"
GONGSHI_ROOT="${GONGSHI_ROOT:-/var/lib/gongshi}"
GONGSHI_BIN="${GONGSHI_BIN:-gongshi}"
HAPROXY_SOCKET="${HAPROXY_SOCKET:-/run/haproxy/admin.sock}"
HAPROXY_BACKEND="${HAPROXY_BACKEND:-nodes}"
NODE_CONTROL="${NODE_CONTROL:-systemd}"
KEEP_SNAPSHOTS="${KEEP_SNAPSHOTS:-1}"
DRAIN_TIMEOUT="${DRAIN_TIMEOUT:-30}"
UP_TIMEOUT="${UP_TIMEOUT:-120}"

say() { echo "[rollout $(date -u +%H:%M:%S)] $*"; }
die() { echo "[rollout] 错误：$*" >&2; exit 1; }

command -v socat >/dev/null || die "缺少 socat：请运行 scripts/install-deps.sh --cluster"
command -v curl >/dev/null || die "缺少 curl"

haproxy() {  # a runtime API command
  local address=$HAPROXY_SOCKET
  case "$address" in ipv4@*) address="TCP:${address#ipv4@}" ;; *) address="UNIX-CONNECT:$address" ;; esac
  echo "$1" | socat -t 5 stdio "$address"
}

# Field of this node's line in `show stat` (CSV): 5 = scur (sessions now), 18 = status.
stat_field() {
  haproxy "show stat" | awk -F, -v b="$HAPROXY_BACKEND" -v s="$1" -v f="$2" '$1 == b && $2 == s { print $f }'
}

node_generation() {  # the generation the node's /healthz reports, or nothing
  curl -fsS --max-time 2 "http://$(cat "$GONGSHI_ROOT/$1/address")/healthz" 2>/dev/null \
    | sed -n 's/.*"generation":\([0-9]*\).*/\1/p'
}

stop_node() {
  local node=$1 dir="$GONGSHI_ROOT/$1"
  if [ "$NODE_CONTROL" = systemd ]; then
    systemctl stop "gongshi@$node"
  else
    local pid
    pid=$(cat "$dir/pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then die "$node (pid $pid) 30 秒内未退出"; fi
    fi
  fi
}

start_node() {
  local node=$1 dir="$GONGSHI_ROOT/$1"
  if [ "$NODE_CONTROL" = systemd ]; then
    systemctl start "gongshi@$node"
  else
    local address=${2:-$(cat "$dir/address")}
    # shellcheck disable=SC2086
    nohup "$GONGSHI_BIN" serve --snapshot "$dir/current" --host "${address%:*}" --port "${address##*:}" \
      ${GONGSHI_SERVE_ARGS:-} >>"$dir/serve.log" 2>&1 &
    echo $! > "$dir/pid"
  fi
}

# Switches one node to the snapshot directory $2 (already inside the node's snapshots/).
switch_node() {
  local node=$1 target=$2 dir="$GONGSHI_ROOT/$1"
  local want
  want=$("$GONGSHI_BIN" verify-snapshot --quick --generation-only "$target") || die "$node：快照 $target 校验未通过，未做任何改动"
  say "$node: draining (HAProxy $HAPROXY_BACKEND/$node)"
  haproxy "set server $HAPROXY_BACKEND/$node state drain" >/dev/null
  local waited=0
  while [ "$(stat_field "$node" 5)" != "0" ] && [ $waited -lt $((DRAIN_TIMEOUT * 10)) ]; do sleep 0.1; waited=$((waited + 1)); done
  say "$node: sessions ended ($(stat_field "$node" 5) left after $((waited / 10)).$((waited % 10)) s); SIGTERM"
  stop_node "$node"
  # `previous` becomes what was current; the links change only while the node is stopped.
  local old
  old=$(readlink "$dir/current" || true)
  if [ -n "$old" ] && [ "$old" != "$target" ]; then ln -sfn "$old" "$dir/previous"; fi
  ln -sfn "$target" "$dir/current"
  start_node "$node"
  haproxy "set server $HAPROXY_BACKEND/$node state ready" >/dev/null
  local t=0
  until [ "$(node_generation "$node")" = "$want" ] && [ "$(stat_field "$node" 18)" = "UP" ]; do
    sleep 0.2; t=$((t + 1))
    [ $t -gt $((UP_TIMEOUT * 5)) ] && die "$node 未在 ${UP_TIMEOUT} 秒内以索引版本 $want 恢复 UP（状态 $(stat_field "$node" 18)）"
  done
  say "$node: UP on generation $want"
}

prune() {  # keeps current, previous and the KEEP_SNAPSHOTS newest others
  local dir="$GONGSHI_ROOT/$1/snapshots" keep current previous
  current=$(basename "$(readlink "$GONGSHI_ROOT/$1/current" || echo none)")
  previous=$(basename "$(readlink "$GONGSHI_ROOT/$1/previous" || echo none)")
  keep=0
  for s in $(ls -1t "$dir" 2>/dev/null); do
    [ "$s" = "$current" ] || [ "$s" = "$previous" ] && continue
    case "$s" in .incoming-*) continue ;; esac
    keep=$((keep + 1))
    [ $keep -gt "$KEEP_SNAPSHOTS" ] && chmod -R u+w "$dir/$s" && rm -rf "${dir:?}/$s"
  done
  return 0
}

if [ "${1:-}" = "--rollback" ]; then
  for node in $GONGSHI_NODES; do
    previous=$(readlink "$GONGSHI_ROOT/$node/previous" || true)
    [ -n "$previous" ] || die "$node 没有上一个快照（previous）"
    switch_node "$node" "$previous"
  done
  say "rollback done"
  exit 0
fi

NEW="${1:?用法：scripts/rollout.sh NEW_SNAPSHOT_DIR | --rollback}"
NEW="${NEW%/}"
"$GONGSHI_BIN" verify-snapshot "$NEW" >/dev/null || die "新快照 $NEW 校验未通过"
generation=$("$GONGSHI_BIN" verify-snapshot --quick --generation-only "$NEW")
name="gen$generation-$(basename "$NEW")"
for node in $GONGSHI_NODES; do
  dir="$GONGSHI_ROOT/$node/snapshots"
  mkdir -p "$dir"
  if [ ! -d "$dir/$name" ]; then
    # Copied under a hidden name and renamed once verified: a half copy never has the
    # name a node could be switched to.
    say "$node: copying $NEW -> $dir/$name"
    rm -rf "$dir/.incoming-$name"
    cp -a "$NEW" "$dir/.incoming-$name"
    "$GONGSHI_BIN" verify-snapshot "$dir/.incoming-$name" >/dev/null || die "$node：复制后的快照校验未通过"
    mv "$dir/.incoming-$name" "$dir/$name"
  fi
  switch_node "$node" "$dir/$name"
  prune "$node"
done
say "rollout of $name done: every node serves generation $generation"
