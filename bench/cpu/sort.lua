-- Benchmark sort: a hand-written quicksort (median of three, insertion sort for short runs)
-- of an array of pseudo-random integers, repeated; table indexing, swaps, recursion.
-- Arrays are 0-based like the Go version.
local function insertionSort(a, lo, hi)
  for i = lo + 1, hi do
    local v = a[i]
    local j = i - 1
    while j >= lo and a[j] > v do
      a[j + 1] = a[j]
      j = j - 1
    end
    a[j + 1] = v
  end
end

local function quicksort(a, lo, hi)
  while hi - lo > 16 do
    local mid = lo + (hi - lo) // 2
    if a[mid] < a[lo] then
      a[mid], a[lo] = a[lo], a[mid]
    end
    if a[hi] < a[lo] then
      a[hi], a[lo] = a[lo], a[hi]
    end
    if a[hi] < a[mid] then
      a[hi], a[mid] = a[mid], a[hi]
    end
    local pivot = a[mid]
    local i, j = lo, hi
    while i <= j do
      while a[i] < pivot do
        i = i + 1
      end
      while a[j] > pivot do
        j = j - 1
      end
      if i <= j then
        a[i], a[j] = a[j], a[i]
        i = i + 1
        j = j - 1
      end
    end
    -- Recurse into the smaller part, loop on the larger one.
    if j - lo < hi - i then
      quicksort(a, lo, j)
      lo = i
    else
      quicksort(a, i, hi)
      hi = j
    end
  end
  insertionSort(a, lo, hi)
end

local n = 300000 -- bench:size quick=30000
local rounds = 3 -- bench:size quick=1
local seed = 42
local checksum = 0
local sorted = true
for _ = 1, rounds do
  local a = {}
  for i = 0, n - 1 do
    seed = (seed * 1103515245 + 12345) % 2147483648
    a[i] = seed % 1000000
  end
  quicksort(a, 0, n - 1)
  for i = 1, n - 1 do
    if a[i - 1] > a[i] then
      io.write("not sorted at ", i, "\n")
      sorted = false
      break
    end
  end
  if not sorted then break end
  for i = 0, n - 1, 97 do
    checksum = (checksum * 31 + a[i]) % 1000000007
  end
end
if sorted then
  io.write(string.format("sort(%d) x%d: checksum=%d\n", n, rounds, checksum))
end
