-- Benchmark loops: nested integer loops with arithmetic, bit operations and a branch.
local n = 4000 -- bench:size quick=600
local sum = 0
for i = 0, n - 1 do
  for j = 0, n - 1 do
    local x = i * j + (i ~ j)
    if (x & 1) == 0 then
      sum = sum + (x >> 2)
    else
      sum = sum - x % 7
    end
  end
  sum = sum & 0xFFFFFFFFFF
end
io.write(string.format("loops(%d) = %d\n", n, sum))
