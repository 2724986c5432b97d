-- wrk script of ./shop bench: every request takes a random line of the file named by BENCH_PATHS (a path with its
-- query); with BENCH_TOKENS set, a random bearer token of that file rides along. done() writes the figures as one
-- JSON object to BENCH_OUT.

local paths = {}
local tokens = {}

local function lines(file)
  local out = {}
  for line in io.lines(file) do
    if #line > 0 then
      out[#out + 1] = line
    end
  end
  return out
end

function init(args)
  paths = lines(os.getenv("BENCH_PATHS"))
  local tokenFile = os.getenv("BENCH_TOKENS")
  if tokenFile ~= nil and #tokenFile > 0 then
    tokens = lines(tokenFile)
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local path = paths[math.random(#paths)]
  if #tokens > 0 then
    return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] })
  end
  return wrk.format("GET", path)
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
