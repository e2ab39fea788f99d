-- A while loop over numbers: 30 million iterations summing i*2 (all floats).
local function sumDoubled(n)
  local sum = 0.0
  local i = 0.0
  while i < n do
    sum = sum + i * 2
    i = i + 1
  end
  return sum
end
print(string.format("%.0f", sumDoubled(30000000)))
