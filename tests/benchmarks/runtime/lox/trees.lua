-- Trees in the Lox benchmark's shape: a tree of objects with five children per node, eight levels deep, built
-- once and walked recursively 100 times from a top-level loop.
Tree = {}
Tree.__index = Tree
function Tree.new(depth)
  local t = setmetatable({ depth = depth }, Tree)
  if depth > 0 then
    t.a = Tree.new(depth - 1)
    t.b = Tree.new(depth - 1)
    t.c = Tree.new(depth - 1)
    t.d = Tree.new(depth - 1)
    t.e = Tree.new(depth - 1)
  end
  return t
end
function Tree:walk()
  if self.depth == 0 then return 0 end
  return self.depth + self.a:walk() + self.b:walk() + self.c:walk() + self.d:walk() + self.e:walk()
end

tree = Tree.new(8)
total = 0
for i = 0, 99 do
  total = total + tree:walk()
end
print(string.format("%d", total))
