#!/usr/bin/env bash
# Prints /api/search answers (result cache off) for a fixed list of queries and settings, one
# JSON answer a line, so a change meant to make search faster can be checked to leave every
# result, score, snippet, facet and count as it was:
#
#   scripts/search-results.sh DB > before.jsonl; (change, rebuild); scripts/search-results.sh DB | diff before.jsonl -
#
# Uses .build/release/gongshi (GONGSHI=... for another build).
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:?usage: scripts/search-results.sh DB}"
GONGSHI="${GONGSHI:-.build/release/gongshi}"
QUERIES=(
  青民[2016]45号 洞委社工办〔2018〕12号 青民（2016）45号 社會團體登記管理條例 党群服务中心 一步 民政 200平方米 原始基金
  "民非 分支机构" "社团 年检 收费" "shehui tuanti dengji" ＡＡＡ评估 法律服务协会 成立社会团体条件 成立协会 社团登记多久
  社会团体登记管理条例第十条 慈善法第十条 社团条例10条 青民〔2016〕45 青民罚决字〔2025〕1号 1+11+X falv falu 法律服物工作者协会
  社会团体登记管理例 jijinhui jjh 民政局 "基金会 原始基金" 社团 养老服务中心 "青浦区 书画" 境外ngo 社會團體 严重违法失信名单
  个体工商户 劳动合同 交通事故 知识产权 消费者 工伤保险 未成年人 商标注册 行政复议 土地承包 房屋租赁 食品安全 环境保护
  民事诉讼 社会保险 著作权 劳动合同解除条件 交通事故赔偿标准 工伤保险认定 未成年人保护监护 个体工商户登记 消费者权益赔偿
  行政复议申请期限 房屋租赁合同解除 "成立 协会 多久 报销" 年检 行政处罚 协会 基金会 "\"OR NEAR(*" 的 公司法第三条 zzzzqqq
)
SETTINGS=("" "&page=2" "&facets=1" "&type=article" "&type=org&facets=1" "&type=credit" "&limit=30")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$GONGSHI" serve --db "$DB" --port "$PORT" --threads 2 --search-cache 0 --no-access-log >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done
for q in "${QUERIES[@]}"; do
  enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
  for s in "${SETTINGS[@]}"; do
    printf '%s%s\t' "$q" "$s"
    curl -s "http://127.0.0.1:$PORT/api/search?q=$enc$s"
    echo
  done
done
