-- Instantiation in the Lox benchmark's shape: 5 million objects whose constructor calls an (empty) `init`,
-- created in a top-level loop over a global counter.
Foo = {}
Foo.__index = Foo
function Foo:init() end
function Foo.new()
  local o = setmetatable({}, Foo)
  o:init()
  return o
end

i = 0
while i < 500000 do
  Foo.new()
  Foo.new()
  Foo.new()
  Foo.new()
  Foo.new()
  Foo.new()
  Foo.new()
  Foo.new()
  Foo.new()
  Foo.new()
  i = i + 1
end
print(string.format("%d", i))
