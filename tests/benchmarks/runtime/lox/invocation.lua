-- Invocation in the Lox benchmark's shape: 10 million calls of an empty global function from a top-level loop
-- over a global counter.
function foo() end

i = 0
while i < 1000000 do
  foo()
  foo()
  foo()
  foo()
  foo()
  foo()
  foo()
  foo()
  foo()
  foo()
  i = i + 1
end
print(string.format("%d", i))
