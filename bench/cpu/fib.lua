-- Benchmark fib: recursive function calls (call/return overhead, small integer arithmetic).
local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end

local n = 33 -- bench:size quick=24
io.write(string.format("fib(%d) = %d\n", n, fib(n)))
