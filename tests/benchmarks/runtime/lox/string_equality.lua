-- String equality: strings that share a long prefix and differ late (or only in length), compared with `==` in a
-- top-level loop over global variables. Every string is built at run time.
prefix = "the quick brown fox jumps over the lazy dog, "
prefix = prefix .. prefix
a = prefix .. "alpha"
a2 = prefix .. "alph" .. "a"
b = prefix .. "alphb"
c = prefix .. "alpha!"
count = 0
i = 0
while i < 1000000 do
  i = i + 1
  if a == a2 then count = count + 1 end
  if a == b then count = count + 1 end
  if a2 == b then count = count + 1 end
  if a == c then count = count + 1 end
  if b == c then count = count + 1 end
  if a == prefix then count = count + 1 end
  if c == a2 then count = count + 1 end
  if b == b then count = count + 1 end
end
print(string.format("%d", count))
