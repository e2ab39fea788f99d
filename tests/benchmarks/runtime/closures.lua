-- Closures: 2 million closure creations (each capturing a parameter) and 6 million calls
-- through closure values.
local function makeAdder(k)
  return function(x) return x + k end
end

local function run(n)
  local total = 0
  local i = 0
  while i < n do
    local add = makeAdder(i)
    total = total + add(1) + add(2) + add(3)
    i = i + 1
  end
  return total
end
print(string.format("%.0f", run(2000000)))
