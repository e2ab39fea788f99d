using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>The <c>unbox</c> pass (<see cref="FloatRegisters"/>): numbers in F64 registers, boxed where they escape.</summary>
[TestClass]
public sealed class FloatRegistersTests
{
    private const string SumDoubled = "fn sumDoubled(n) {\n  var sum = 0\n  var i = 0\n  while i < n {\n    sum = sum + i * 2\n    i = i + 1\n  }\n  return sum\n}\nprint sumDoubled(30)";

    private static IrFunction Compiled(string source, string name)
    {
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        return Function(m, name);
    }

    [TestMethod]
    public void LoopVariablesStayInFloatRegistersAndConstantsLeaveTheLoop()
    {
        var f = Compiled(SumDoubled, "sumDoubled");
        // The loop's fast path (every loop block without a call) converts nothing: sum and i stay F64.
        var fastLoopBlocks = f.Blocks.Where(b => IrShape.InCycle(b) && !b.Instructions.OfType<CallInst>().Any()).ToList();
        Assert.IsTrue(fastLoopBlocks.Count > 0);
        foreach (var block in fastLoopBlocks)
        {
            foreach (var instr in block.Instructions)
            {
                Assert.IsFalse(instr is ConvertInst { Kind: ConvertKind.FloatToBits }, $"{block}: {instr}");
                Assert.IsFalse(instr is ConstInst { Dest.Type: IrType.F64 }, $"{block}: a constant materialised per iteration");
            }
        }
        Assert.IsTrue(f.Blocks.SelectMany(b => b.Instructions).OfType<FloatBinaryInst>().Count() >= 3);
        // No copy chain between the float operations: sum and i are updated in place (`sum = fadd sum, t`).
        var sum = f.DebugVariables.Single(v => v.Name == "sum").Register;
        var i = f.DebugVariables.Single(v => v.Name == "i").Register;
        var updates = f.Blocks.Where(IrShape.InCycle).SelectMany(b => b.Instructions).OfType<FloatBinaryInst>().ToList();
        Assert.IsTrue(updates.Any(u => u.Dest == sum && u.Left == sum && u.Op == FloatOp.FAdd), IrPrinter.Print(f));
        Assert.IsTrue(updates.Any(u => u.Dest == i && u.Left == i && u.Op == FloatOp.FAdd), IrPrinter.Print(f));
        // The debugger finds sum and i in their F64 registers (the same 64 bits as the boxed value).
        Assert.AreEqual(IrType.F64, f.DebugVariables.Single(v => v.Name == "sum").Register.Type);
        Assert.AreEqual(IrType.F64, f.DebugVariables.Single(v => v.Name == "i").Register.Type);
        Assert.AreEqual(IrType.I64, f.DebugVariables.Single(v => v.Name == "n").Register.Type);
    }

    [TestMethod]
    public void ANumberIsBoxedWhereItEscapes()
    {
        var f = Compiled(SumDoubled, "sumDoubled");
        var ret = f.Blocks.Select(b => b.Terminator).OfType<ReturnInst>().Single();
        var block = f.Blocks.Single(b => b.Terminator == ret);
        var box = block.Instructions[^2];
        Assert.IsTrue(box is ConvertInst { Kind: ConvertKind.FloatToBits } c && c.Dest == ret.Uses[0], IrPrinter.Print(f));
    }

    [TestMethod]
    public void NoFloatRegisterIsLiveAcrossACall()
    {
        var f = Compiled("fn g(x) { return x }\nfn h(n) {\n  var a = 1.5\n  var s = 0\n  var i = 0\n  while i < n {\n    s = s + g(a) + a * 2\n    a = a + 1\n    i = i + 1\n  }\n  return s\n}\nprint h(3)", "h");
        Assert.IsTrue(f.Registers.Any(r => r.Type == IrType.F64));
        var crossing = FloatsLiveAcrossCalls(f);
        Assert.AreEqual(0, crossing.Count, string.Join(", ", crossing) + "\n" + IrPrinter.Print(f));
        // a and s are kept across g's call in general registers: parked before, restored after.
        var a = f.DebugVariables.Single(v => v.Name == "a").Register;
        Assert.AreEqual(IrType.F64, a.Type);
        Assert.IsTrue(f.Blocks.SelectMany(b => b.Instructions).OfType<ConvertInst>().Any(c => c.Kind == ConvertKind.BitsToFloat && c.Dest == a));
    }

    [TestMethod]
    public void ValuesThatAreNotNumbersStayBoxed()
    {
        var f = Compiled("fn k(n) {\n  var x = nil\n  var i = 0\n  while i < n {\n    x = i\n    i = i + 1\n  }\n  return x\n}\nprint k(2)", "k");
        Assert.AreEqual(IrType.I64, f.DebugVariables.Single(v => v.Name == "x").Register.Type, "x may be nil: never unboxed");
        Assert.AreEqual(IrType.F64, f.DebugVariables.Single(v => v.Name == "i").Register.Type);
    }

    /// <summary>Registers of type F64 live right after a (returning) call that does not assign them: backward liveness.</summary>
    private static List<string> FloatsLiveAcrossCalls(IrFunction f)
    {
        var liveIn = f.Blocks.ToDictionary(b => b, _ => new HashSet<VReg>());
        bool changed;
        do
        {
            changed = false;
            foreach (var block in Enumerable.Reverse(f.Blocks))
            {
                var live = new HashSet<VReg>(block.Successors.SelectMany(s => liveIn[s]));
                for (var n = block.Instructions.Count - 1; n >= 0; n--) Step(block.Instructions[n], live);
                if (live.SetEquals(liveIn[block])) continue;
                liveIn[block] = live;
                changed = true;
            }
        }
        while (changed);

        var found = new List<string>();
        foreach (var block in f.Blocks)
        {
            var live = new HashSet<VReg>(block.Successors.SelectMany(s => liveIn[s]));
            for (var n = block.Instructions.Count - 1; n >= 0; n--)
            {
                var instr = block.Instructions[n];
                if (instr is CallInst { NoReturn: false } call)
                {
                    found.AddRange(live.Where(r => r.Type == IrType.F64 && r != call.Dest).Select(r => $"{r} at {block}"));
                }
                Step(instr, live);
            }
        }
        return found;

        static void Step(Instruction instr, HashSet<VReg> live)
        {
            if (instr.Dest is { } d) live.Remove(d);
            foreach (var u in instr.Uses) live.Add(u);
        }
    }
}
