-- Binary trees (the Benchmarks Game shape, two trees per iteration as in its older
-- version): about 6.3 million tables allocated, most of them short-lived.
local function bottomUp(depth)
  if depth == 0 then return { left = nil, right = nil } end
  return { left = bottomUp(depth - 1), right = bottomUp(depth - 1) }
end

local function check(tree)
  if tree.left == nil then return 1 end
  return 1 + check(tree.left) + check(tree.right)
end

local minDepth = 4
local maxDepth = 14
local stretchDepth = maxDepth + 1
print(string.format("stretch tree of depth %d check: %d", stretchDepth, check(bottomUp(stretchDepth))))
local longLived = bottomUp(maxDepth)
for depth = minDepth, maxDepth, 2 do
  local iterations = 2 ^ (maxDepth - depth + minDepth)
  local sum = 0
  for _ = 1, iterations do
    sum = sum + check(bottomUp(depth)) + check(bottomUp(depth))
  end
  print(string.format("%d trees of depth %d check: %d", iterations * 2, depth, sum))
end
print(string.format("long lived tree of depth %d check: %d", maxDepth, check(longLived)))
