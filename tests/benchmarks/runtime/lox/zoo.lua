-- A polymorphic call site: six classes with the same method names (after the Lox `zoo` benchmark), their
-- instances called in rotation from one top-level loop.

Aardvark = {}
Aardvark.__index = Aardvark
function Aardvark.new() return setmetatable({ legs = 1 }, Aardvark) end
function Aardvark:ant() return self.legs + 0 end
function Aardvark:banana() return self.legs + 1 end
function Aardvark:tuna() return self.legs + 2 end
function Aardvark:hay() return self.legs + 3 end
function Aardvark:grass() return self.legs + 4 end
function Aardvark:mouse() return self.legs + 5 end

Baboon = {}
Baboon.__index = Baboon
function Baboon.new() return setmetatable({ legs = 2 }, Baboon) end
function Baboon:ant() return self.legs + 0 end
function Baboon:banana() return self.legs + 1 end
function Baboon:tuna() return self.legs + 2 end
function Baboon:hay() return self.legs + 3 end
function Baboon:grass() return self.legs + 4 end
function Baboon:mouse() return self.legs + 5 end

Cat = {}
Cat.__index = Cat
function Cat.new() return setmetatable({ legs = 3 }, Cat) end
function Cat:ant() return self.legs + 0 end
function Cat:banana() return self.legs + 1 end
function Cat:tuna() return self.legs + 2 end
function Cat:hay() return self.legs + 3 end
function Cat:grass() return self.legs + 4 end
function Cat:mouse() return self.legs + 5 end

Donkey = {}
Donkey.__index = Donkey
function Donkey.new() return setmetatable({ legs = 4 }, Donkey) end
function Donkey:ant() return self.legs + 0 end
function Donkey:banana() return self.legs + 1 end
function Donkey:tuna() return self.legs + 2 end
function Donkey:hay() return self.legs + 3 end
function Donkey:grass() return self.legs + 4 end
function Donkey:mouse() return self.legs + 5 end

Elephant = {}
Elephant.__index = Elephant
function Elephant.new() return setmetatable({ legs = 5 }, Elephant) end
function Elephant:ant() return self.legs + 0 end
function Elephant:banana() return self.legs + 1 end
function Elephant:tuna() return self.legs + 2 end
function Elephant:hay() return self.legs + 3 end
function Elephant:grass() return self.legs + 4 end
function Elephant:mouse() return self.legs + 5 end

Fox = {}
Fox.__index = Fox
function Fox.new() return setmetatable({ legs = 6 }, Fox) end
function Fox:ant() return self.legs + 0 end
function Fox:banana() return self.legs + 1 end
function Fox:tuna() return self.legs + 2 end
function Fox:hay() return self.legs + 3 end
function Fox:grass() return self.legs + 4 end
function Fox:mouse() return self.legs + 5 end

zoo = { Aardvark.new(), Baboon.new(), Cat.new(), Donkey.new(), Elephant.new(), Fox.new() }
sum = 0
i = 0
while i < 1000000 do
  local animal = zoo[i % 6 + 1]
  sum = sum + animal:ant() + animal:banana() + animal:tuna() + animal:hay() + animal:grass() + animal:mouse()
  i = i + 1
end
print(string.format("%d", sum))
