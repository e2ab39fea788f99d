-- Recursive calls in the Lox benchmark's shape: a global function calling itself through its global name.
function fib(n)
  if n < 2 then return n end
  return fib(n - 2) + fib(n - 1)
end
print(string.format("%d", fib(35)))
