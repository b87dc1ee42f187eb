-- Benchmark sieve: the sieve of Eratosthenes over a table of booleans, repeated (table allocation,
-- indexed loads and stores, strided loops).
local function sieve(n)
  local composite = {}
  for i = 0, n do
    composite[i] = false
  end
  local count, last = 0, 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      last = i
      for j = i * i, n, i do
        composite[j] = true
      end
    end
  end
  return count, last
end

local n = 1000000 -- bench:size quick=100000
local reps = 8 -- bench:size quick=2
local total = 0
local count, last = 0, 0
for r = 0, reps - 1 do
  count, last = sieve(n + r)
  total = total + count + last % 1000
end
io.write(string.format("sieve(%d) x%d: count=%d last=%d checksum=%d\n", n, reps, count, last, total))
