-- Equality in the Lox benchmark's shape: `==` between numbers, nil, booleans and strings of every pairing, in a
-- top-level loop over global variables. The matches are counted so no comparison is dead code.
one = 1
two = 2
none = nil
yes = true
no = false
s = "str"
s2 = "st" .. "r"
stru = "stru"
count = 0
i = 0
while i < 2000000 do
  i = i + 1
  if one == one then count = count + 1 end
  if one == two then count = count + 1 end
  if one == none then count = count + 1 end
  if one == s then count = count + 1 end
  if one == yes then count = count + 1 end
  if none == none then count = count + 1 end
  if none == one then count = count + 1 end
  if none == s then count = count + 1 end
  if none == yes then count = count + 1 end
  if yes == yes then count = count + 1 end
  if yes == one then count = count + 1 end
  if yes == no then count = count + 1 end
  if yes == s then count = count + 1 end
  if yes == none then count = count + 1 end
  if s == s2 then count = count + 1 end
  if s == stru then count = count + 1 end
  if s == one then count = count + 1 end
  if s == none then count = count + 1 end
  if s == yes then count = count + 1 end
end
print(string.format("%d", count))
