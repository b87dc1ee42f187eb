-- Benchmark structs: method calls on small objects (tables with a metatable), and a
-- binary-trees style allocation workload (many short-lived nodes, recursion).
local Vec = {}
Vec.__index = Vec
local function newVec(x, y)
  return setmetatable({ X = x, Y = y }, Vec)
end
function Vec:Add(o) return newVec(self.X + o.X, self.Y + o.Y) end
function Vec:Scale(k) return newVec(self.X * k, self.Y * k) end
function Vec:Dot(o) return self.X * o.X + self.Y * o.Y end
function Vec:Wrap(m) return newVec(self.X % m, self.Y % m) end

local Counter = {}
Counter.__index = Counter
function Counter:Add(d)
  self.n = self.n + 1
  self.total = self.total + d
end

local Node = {}
Node.__index = Node
local function bottomUp(depth)
  if depth <= 0 then
    return setmetatable({}, Node)
  end
  return setmetatable({ left = bottomUp(depth - 1), right = bottomUp(depth - 1) }, Node)
end
function Node:Check()
  if self.left == nil then
    return 1
  end
  return 1 + self.left:Check() + self.right:Check()
end

local calls = 500000 -- bench:size quick=100000
local maxDepth = 14 -- bench:size quick=10

-- Method calls on small objects.
local c = setmetatable({ n = 0, total = 0 }, Counter)
local v = newVec(1, 2)
local step = newVec(3, 5)
for _ = 1, calls do
  v = v:Add(step):Scale(3):Wrap(1009)
  c:Add(v:Dot(step))
end
io.write(string.format("vec: v=(%d,%d) n=%d total=%d\n", v.X, v.Y, c.n, c.total))

-- Binary trees.
local minDepth = 4
local stretch = maxDepth + 1
io.write(string.format("stretch tree of depth %d\t check: %d\n", stretch, bottomUp(stretch):Check()))
local longLived = bottomUp(maxDepth)
for d = minDepth, maxDepth, 2 do
  local iters = 1 << (maxDepth - d + minDepth)
  local check = 0
  for _ = 1, iters do
    check = check + bottomUp(d):Check()
  end
  io.write(string.format("%d\t trees of depth %d\t check: %d\n", iters, d, check))
end
io.write(string.format("long lived tree of depth %d\t check: %d\n", maxDepth, longLived:Check()))
