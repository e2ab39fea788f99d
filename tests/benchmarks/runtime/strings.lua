-- Strings: 2 million concatenations (each a fresh 10-byte string) and 4 million
-- comparisons against strings with the same length, one equal and one not.
local function run(n)
  local a = "hello"
  local b = "world"
  local forward = 0
  local backward = 0
  local i = 0
  while i < n do
    local s = a .. b
    if s == "helloworld" then forward = forward + 1 end
    if s == "worldhello" then backward = backward + 1 end
    a, b = b, a
    i = i + 1
  end
  return forward * 10 + backward
end
print(string.format("%.0f", run(2000000)))
