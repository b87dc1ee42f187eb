-- Benchmark strings: building strings with table.concat (Lua's strings.Builder) and with ..
-- concatenation, byte indexing, slicing and comparison of substrings.
local n = 300000 -- bench:size quick=30000
local rounds = 3 -- bench:size quick=1
local byte, char, sub = string.byte, string.char, string.sub

local checksum = 0
local total = 0
for r = 0, rounds - 1 do
  -- 1. table.concat: many small appends.
  local parts = {}
  local np = 0
  for i = 0, n - 1 do
    np = np + 1
    parts[np] = "ab"
    np = np + 1
    parts[np] = char(97 + (i + r) % 26)
    if i % 10 == 0 then
      np = np + 1
      parts[np] = "xyz"
    end
  end
  local s = table.concat(parts)
  total = total + #s

  -- 2. Byte indexing over the whole string.
  for i = 0, #s - 1 do
    checksum = checksum + byte(s, i + 1) * (i % 7 + 1)
  end

  -- 3. Substring comparison.
  local matches = 0
  for i = 0, #s - 3, 3 do
    if sub(s, i + 1, i + 3) == "xyz" then
      matches = matches + 1
    end
  end
  checksum = checksum + matches

  -- 4. Concatenation with ..: short strings rebuilt many times.
  for k = 0, n // 100 - 1 do
    local t = ""
    for j = 0, 39 do
      t = t .. sub(s, j + 1, j + 2)
    end
    checksum = checksum + #t + byte(t, k % #t + 1)
  end
end
checksum = checksum & 0xFFFFFFFF
io.write(string.format("strings: total=%d checksum=%d\n", total, checksum))
