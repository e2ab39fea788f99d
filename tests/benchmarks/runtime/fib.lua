-- Recursive calls: fib(32) makes about 7 million calls of one function.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(string.format("%.0f", fib(32)))
