-- Benchmark maps: insert, lookup (hits and misses), delete and iteration over tables with
-- integer keys and string keys. Keys are built once up front, so the timing is dominated by
-- table operations.
local n = 150000 -- bench:size quick=20000
local rounds = 3 -- bench:size quick=2
local mod = 1000003

-- Integer keys, scattered over [0, mod).
local m = {}
for i = 0, n - 1 do
  m[(i * 7919) % mod] = i
end
local sum = 0
local hits = 0
for r = 0, rounds - 1 do
  for i = 0, n - 1 do
    local v = m[(i * 31 + r) % mod]
    if v ~= nil then
      sum = sum + v
      hits = hits + 1
    end
  end
end
for i = 0, n - 1, 2 do
  m[(i * 7919) % mod] = nil
end
for i = 0, n - 1, 3 do
  local k = (i * 7919) % mod
  m[k] = (m[k] or 0) + 5
end
local count = 0
for k, v in pairs(m) do
  count = count + 1
  sum = sum + ((k ~ v) & 0xFFFF)
end
io.write(string.format("int keys: len=%d count=%d hits=%d sum=%d\n", count, count, hits, sum))

-- String keys.
local keys = {}
for i = 0, n - 1 do
  keys[i] = string.format("key%d", (i * 7919) % mod)
end
local sm = {}
for i = 0, n - 1 do
  sm[keys[i]] = i
end
local ssum = 0
local shits = 0
for r = 0, rounds - 1 do
  for i = 0, n - 1 do
    local v = sm[keys[(i * 37 + r) % n]]
    if v ~= nil then
      ssum = ssum + v
      shits = shits + 1
    end
    if sm[keys[i]:sub(2)] ~= nil then
      ssum = ssum - 1
    end
  end
end
for i = 0, n - 1, 3 do
  sm[keys[i]] = nil
end
local scount = 0
for k, v in pairs(sm) do
  scount = scount + 1
  ssum = ssum + #k + v % 7
end
io.write(string.format("string keys: len=%d count=%d hits=%d sum=%d\n", scount, scount, shits, ssum))
