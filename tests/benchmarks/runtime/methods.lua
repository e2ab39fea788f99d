-- Method calls with field reads and writes: 10 million calls of `add`, each reading two
-- fields and writing one.
local Counter = {}
Counter.__index = Counter

function Counter.new(step)
  return setmetatable({ count = 0, step = step }, Counter)
end

function Counter:add(x)
  self.count = self.count + x * self.step
end

local function run(n)
  local c = Counter.new(1)
  local i = 0
  while i < n do
    c:add(i)
    i = i + 1
  end
  return c.count
end
print(string.format("%.0f", run(10000000)))
