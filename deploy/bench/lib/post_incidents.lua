-- wrk script: varied valid incident reports (random category, severity, point inside the bench
-- grid, description), a token per request from a file of many subjects.
-- Environment: BENCH_TOKENS (file, one token per line), BENCH_GRID (area code), BENCH_LON/LAT/SIZE
-- (the grid's square), WRK_DELAY_MS (per-connection pause, for a lower offered rate).
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local grid, lon0, lat0, size = os.getenv("BENCH_GRID"), tonumber(os.getenv("BENCH_LON")), tonumber(os.getenv("BENCH_LAT")), tonumber(os.getenv("BENCH_SIZE"))
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
local cats = { "STREET_LIGHT", "RUBBISH", "THEFT" }
local sev = { "GENERAL", "GENERAL", "GENERAL", "SERIOUS" }
local words = { "路灯不亮", "垃圾堆放", "电动车被盗", "near the market", "东门口", "for two days", "again", "urgent", "小区北侧" }
local n, threads = 0, {}
statuses = {}
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

setup = function(thread) threads[#threads + 1] = thread end
request = function()
  n = n + 1
  local body = string.format('{"categoryCode":"%s","severity":"%s","description":"%s %s #%d-%d","lat":%.6f,"lon":%.6f,"address":"bench road %d","areaCode":"%s"}',
    cats[math.random(#cats)], sev[math.random(#sev)], words[math.random(#words)], words[math.random(#words)], n, math.random(1e9),
    lat0 + math.random() * size, lon0 + math.random() * size, math.random(999), grid)
  return wrk.format("POST", "/api/v1/incidents", { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)], ["Content-Type"] = "application/json" }, body)
end
response = function(status) if status ~= 201 then statuses[status] = (statuses[status] or 0) + 1 end end
if delay_ms > 0 then delay = function() return delay_ms end end
done = function()
  local parts = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do parts[#parts + 1] = k .. "×" .. v end
  end
  io.write("non-201 statuses: " .. (#parts > 0 and table.concat(parts, " ") or "none") .. "\n")
end
