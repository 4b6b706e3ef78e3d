-- wrk: requests the paths in the file named by PATHS in turn (the cluster test's mix of
-- searches, organization pages, name suggestions and policy pages), and counts what wrk
-- itself does not: every status outside 200-299 (wrk counts 3xx as success), and the
-- responses that carry the generation in NEW_GEN (X-Gongshi-Generation), to show the
-- mixed-version window of a rollout. Prints one RESULT line at the end.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end
local n = 0
function init(args)
  n = id * 7919
  non2xx = 0
  newgen = 0
  nogen = 0
  want = os.getenv("NEW_GEN") or ""
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
  -- HAProxy forwards header names in lower case (HTX); the nodes send them capitalised.
  local g = headers["X-Gongshi-Generation"] or headers["x-gongshi-generation"]
  if g == nil then nogen = nogen + 1 elseif g == want then newgen = newgen + 1 end
end
function done(summary, latency, requests)
  local bad, new, none = 0, 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    new = new + t:get("newgen")
    none = none + t:get("nogen")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f non2xx=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f new_generation=%d no_generation=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), bad, e.connect + e.read + e.write + e.timeout,
    e.connect, e.read, e.write, e.timeout, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, new, none))
end
