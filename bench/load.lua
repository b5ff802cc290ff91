-- wrk script of bench/load.sh: one connection per wrk thread (wrk -t N -c N), so that each thread's Lua state
-- sees its own requests and answers strictly in turn and can time each of them. Every thread plays one route
-- family (LOAD_FAMILIES, one name per thread) and picks each request at random from that family's list
-- (LOAD_URLS/<family>.txt: a path, then its headers, tab-separated). At the end every request is written to
-- LOAD_LOG as "family start_ms end_ms status", status 0 for a connection that broke before its answer (a
-- socket error: wrk asked for the next request without an answer to the last) and -1 for a request still
-- waiting when the run ended. Times are CLOCK_REALTIME milliseconds, the clock of `date +%s%3N`.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } load_timespec;
  int clock_gettime(int clock, load_timespec *ts);
]]
local ts = ffi.new("load_timespec")
local function now_ms()
  ffi.C.clock_gettime(0, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

-- setup and done run in wrk's main Lua state
local threads = {}
local families = {}
for f in string.gmatch(os.getenv("LOAD_FAMILIES") or "", "%S+") do families[#families + 1] = f end

function setup(thread)
  local n = #threads + 1
  if not families[n] then error("LOAD_FAMILIES names fewer families than wrk has threads") end
  thread:set("family", families[n])
  thread:set("seed", n)
  -- wrk calls request() once on its first thread before the run, to check the request it returns: not a request
  thread:set("skip", n == 1)
  threads[n] = thread
end

-- the rest runs in each thread's state
function init(args)
  math.randomseed(seed * 7919 + os.time())
  local host = wrk.host .. (wrk.port and (":" .. wrk.port) or "")
  reqs = {}
  for line in io.lines(os.getenv("LOAD_URLS") .. "/" .. family .. ".txt") do
    local path, headers = nil, { Host = host }
    for part in string.gmatch(line, "[^\t]+") do
      if not path then
        path = part
      else
        local name, value = string.match(part, "^([^:]+):%s*(.*)$")
        headers[name] = value
      end
    end
    if path then reqs[#reqs + 1] = wrk.format("GET", path, headers) end
  end
  if #reqs == 0 then error("no URLs for family " .. family) end
  rows, started = {}, nil
end

function request()
  local t = now_ms()
  if skip then
    skip = false
    return reqs[1]
  end
  if started then -- the last request got no answer: its connection broke
    rows[#rows + 1] = string.format("%s %.3f %.3f 0", family, started, t)
  end
  started = t
  return reqs[math.random(#reqs)]
end

function response(status, headers, body)
  rows[#rows + 1] = string.format("%s %.3f %.3f %d", family, started, now_ms(), status)
  started = nil
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("LOAD_LOG"), "w"))
  for _, thread in ipairs(threads) do
    for _, row in ipairs(thread:get("rows")) do out:write(row, "\n") end
    local pending = thread:get("started")
    if pending then out:write(string.format("%s %.3f %.3f -1\n", thread:get("family"), pending, pending)) end
  end
  out:close()
end
