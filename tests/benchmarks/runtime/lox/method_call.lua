-- Method calls in the Lox benchmark's shape: a class hierarchy whose override calls the base method, methods
-- that return `self` for chaining, and top-level loops over global variables.
Toggle = {}
Toggle.__index = Toggle
function Toggle.new(startState)
  local o = setmetatable({}, Toggle)
  o:init(startState)
  return o
end
function Toggle:init(startState) self.state = startState end
function Toggle:value() return self.state end
function Toggle:activate()
  self.state = not self.state
  return self
end

NthToggle = setmetatable({}, { __index = Toggle })
NthToggle.__index = NthToggle
function NthToggle.new(startState, maxCounter)
  local o = setmetatable({}, NthToggle)
  o:init(startState, maxCounter)
  return o
end
function NthToggle:init(startState, maxCounter)
  Toggle.init(self, startState)
  self.countMax = maxCounter
  self.count = 0
end
function NthToggle:activate()
  self.count = self.count + 1
  if self.count >= self.countMax then
    Toggle.activate(self)
    self.count = 0
  end
  return self
end

n = 100000
val = true
toggle = Toggle.new(val)
for i = 0, n - 1 do
  val = toggle:activate():value()
  val = toggle:activate():value()
  val = toggle:activate():value()
  val = toggle:activate():value()
  val = toggle:activate():value()
  val = toggle:activate():value()
  val = toggle:activate():value()
  val = toggle:activate():value()
  val = toggle:activate():value()
  val = toggle:activate():value()
end
print(toggle:value())

val = true
ntoggle = NthToggle.new(val, 3)
for i = 0, n - 1 do
  val = ntoggle:activate():value()
  val = ntoggle:activate():value()
  val = ntoggle:activate():value()
  val = ntoggle:activate():value()
  val = ntoggle:activate():value()
  val = ntoggle:activate():value()
  val = ntoggle:activate():value()
  val = ntoggle:activate():value()
  val = ntoggle:activate():value()
  val = ntoggle:activate():value()
end
print(ntoggle:value())
