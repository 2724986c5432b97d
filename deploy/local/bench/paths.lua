-- wrk script of ./shop bench: every request takes a random line of the file named by BENCH_PATHS — a path with its
-- query (a GET), or "METHOD path body" (a JSON body); with BENCH_TOKENS set, a random bearer token of that file rides
-- along; with BENCH_BYPASS_CACHE=1, every request asks for a fresh answer (Cache-Control: no-cache), so the gateway's
-- micro-cache is bypassed. done() writes the figures as one JSON object to BENCH_OUT.

local paths = {}
local tokens = {}
local bypass = os.getenv("BENCH_BYPASS_CACHE") == "1"

local function lines(file)
  local out = {}
  for line in io.lines(file) do
    if #line > 0 then
      out[#out + 1] = line
    end
  end
  return out
end

local function parse(line)
  if line:sub(1, 1) == "/" then
    return { method = "GET", path = line }
  end
  local method, path, body = line:match("^(%u+) (%S+) ?(.*)$")
  if body == "" then
    body = nil
  end
  return { method = method, path = path, body = body }
end

function init(args)
  for _, line in ipairs(lines(os.getenv("BENCH_PATHS"))) do
    paths[#paths + 1] = parse(line)
  end
  local tokenFile = os.getenv("BENCH_TOKENS")
  if tokenFile ~= nil and #tokenFile > 0 then
    tokens = lines(tokenFile)
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local target = paths[math.random(#paths)]
  local headers = {}
  if #tokens > 0 then
    headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]
  end
  if bypass then
    headers["Cache-Control"] = "no-cache"
  end
  if target.body ~= nil then
    headers["Content-Type"] = "application/json"
  end
  return wrk.format(target.method, target.path, headers, target.body)
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("BENCH_OUT"), "w")
  local e = summary.errors
  out:write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    latency.mean))
  out:close()
end
