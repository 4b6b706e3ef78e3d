-- wrk: a mixed list of /api/search queries (plain words, synonyms, a 文号, a credit
-- code, pinyin, a question), one picked per request in turn.
local queries = {
  "基金会", "社会团体 成立登记", "民非 分支机构", "年检", "原始基金", "青民[2016]45号",
  "慈善组织 公开募捐", "shehuituanti", "活动异常名录", "行政处罚", "业务主管单位", "志愿服务",
  "政府信息公开 答复期限", "评估等级", "注销登记", "养老服务中心",
}
local paths = {}
for i, q in ipairs(queries) do
  paths[i] = "/api/search?q=" .. q:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
