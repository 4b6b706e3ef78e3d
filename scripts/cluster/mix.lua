-- wrk: requests the paths in the file named by PATHS in turn (the cluster test's mix of
-- searches, organization pages, name suggestions and policy pages), and counts what wrk
-- itself does not: every status outside 200-299 (wrk counts 3xx as success), and the
-- responses that carry the generation in NEW_GEN (X-Gongshi-Generation), to show the
-- mixed-version window of a rollout. Prints one RESULT line at the end.
--
-- With RATE set (requests per second, all threads together; WRK_THREADS = wrk's -t), the
-- load is a fixed request rate instead of wrk's closed loop: each thread sends on a fixed
-- schedule, one request every WRK_THREADS / RATE seconds, on whichever of its connections
-- is free (open loop, like wrk2: the schedule does not wait for slow responses). wrk times
-- a request from when it is written, so the time a request waited past its slot (every
-- connection busy, or wrk itself short of CPU) is not in wrk's latency; it is measured here
-- for every request (the lag: late = more than 10 ms, lag_p995_ms = its 99.5th percentile),
-- so that p995_ms + lag_p995_ms bounds the 99th percentile counted from the slots (at most
-- 0.5 % of requests beyond each). `sent_rps` is the rate requests were sent at (the offered
-- load), `rps` the rate of completed responses (less those in flight at the end).
-- Without RATE it is wrk's usual closed loop (as fast as the connections go).
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local rate = tonumber(os.getenv("RATE") or "") or 0
local wrk_threads = tonumber(os.getenv("WRK_THREADS") or "") or 1

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
  sent = 0
  late = 0
  max_lag = 0
  lags = {}
  want = os.getenv("NEW_GEN") or ""
end
-- Slots taken by delay() and not yet sent, in the order they were taken (= time order).
local slots, first, last = {}, 1, 0
local now_ms = nil
function request()
  n = n + 1
  sent = sent + 1
  if now_ms ~= nil and first <= last then
    local lag = math.max(0, now_ms() - slots[first])
    slots[first] = nil
    first = first + 1
    lags[#lags + 1] = lag
    if lag > 10 then
      late = late + 1
      if lag > max_lag then max_lag = lag end
    end
  end
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
  -- HAProxy forwards header names in lower case (HTX); the nodes send them capitalised.
  local g = headers["X-Gongshi-Generation"] or headers["x-gongshi-generation"]
  if g == nil then nogen = nogen + 1 elseif g == want then newgen = newgen + 1 end
end

if rate > 0 then
  -- wrk is built with LuaJIT: a monotonic clock in milliseconds through its FFI.
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } gongshi_timespec;
    int clock_gettime(int clock_id, gongshi_timespec *tp);
  ]]
  local ts = ffi.new("gongshi_timespec")
  now_ms = function()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local interval = 1000 * wrk_threads / rate
  local next_slot = nil
  -- Called (per thread) before each request of a free connection: it takes the next slot of
  -- the thread's schedule and waits until then; request() then measures how late it is.
  function delay()
    local now = now_ms()
    if next_slot == nil then next_slot = now + interval * id / wrk_threads end
    local slot = next_slot
    next_slot = next_slot + interval
    last = last + 1
    slots[last] = slot
    local wait = slot - now
    if wait <= 0 then return 0 end
    return math.ceil(wait)
  end
end

function done(summary, latency, requests)
  local bad, new, none, behind, lag, out, all_lags = 0, 0, 0, 0, 0, 0, {}
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    new = new + t:get("newgen")
    none = none + t:get("nogen")
    behind = behind + t:get("late")
    out = out + t:get("sent")
    lag = math.max(lag, t:get("max_lag"))
    for _, l in ipairs(t:get("lags")) do all_lags[#all_lags + 1] = l end
  end
  table.sort(all_lags)
  local lag_p995 = #all_lags > 0 and all_lags[math.max(1, math.ceil(#all_lags * 0.995))] or 0
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f sent_rps=%.1f target_rps=%.1f late=%d lag_p995_ms=%.1f max_lag_ms=%.1f non2xx=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p995_ms=%.2f max_ms=%.2f new_generation=%d no_generation=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), out / (summary.duration / 1e6), rate, behind, lag_p995, lag, bad,
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.5) / 1000, latency.max / 1000, new, none))
end
