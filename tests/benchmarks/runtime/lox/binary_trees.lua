-- Binary trees in the Lox benchmark's shape: trees of objects whose constructor builds the children, `check`
-- walks them, and the loops run at the top level over global variables.
Tree = {}
Tree.__index = Tree

function Tree.new(item, depth)
  local t = setmetatable({ item = item, depth = depth }, Tree)
  if depth > 0 then
    local item2 = item + item
    depth = depth - 1
    t.left = Tree.new(item2 - 1, depth)
    t.right = Tree.new(item2, depth)
  else
    t.left = nil
    t.right = nil
  end
  return t
end

function Tree:check()
  if self.left == nil then return self.item end
  return self.item + self.left:check() - self.right:check()
end

local function n(x) return string.format("%d", x) end

minDepth = 4
maxDepth = 14
stretchDepth = maxDepth + 1
print("stretch tree of depth " .. n(stretchDepth) .. " check: " .. n(Tree.new(0, stretchDepth):check()))

longLivedTree = Tree.new(0, maxDepth)
iterations = 1
d = 0
while d < maxDepth do
  iterations = iterations * 2
  d = d + 1
end

depth = minDepth
while depth < stretchDepth do
  local check = 0
  local i = 1
  while i <= iterations do
    check = check + Tree.new(i, depth):check() + Tree.new(0 - i, depth):check()
    i = i + 1
  end
  print(n(iterations * 2) .. " trees of depth " .. n(depth) .. " check: " .. n(check))
  iterations = iterations / 4
  depth = depth + 2
end
print("long lived tree of depth " .. n(maxDepth) .. " check: " .. n(longLivedTree:check()))
