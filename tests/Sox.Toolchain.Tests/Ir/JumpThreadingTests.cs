using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// The 'jumps' pass (<see cref="JumpThreading"/>) on hand-built functions and on what -O2 leaves of constructions,
/// and 'promote''s reloads after calls on slow paths. Behaviour on every target:
/// tests/conformance/optimisations/jump_threading.sox and global_reload_after_call.sox.
/// </summary>
[TestClass]
public sealed class JumpThreadingTests
{
    private static bool OnlyAJump(BasicBlock b) => b.Instructions.Count == 1 && b.Instructions[0] is JumpInst;

    [TestMethod]
    public void BranchesToAnEmptyBlockGoToItsFinalTargetAndTheEmptyBlockGoes()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, IrType.I64);
        var closure = f.AddParameter(IrType.I64);
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock());
        var empty1 = f.NewBlock("empty1");
        var empty2 = f.NewBlock("empty2");
        var other = f.NewBlock("other");
        var exit = f.NewBlock("exit");
        b.Branch(closure, empty1, other);
        b.SetBlock(empty1);
        b.Jump(empty2);
        b.SetBlock(empty2);
        b.Jump(exit);
        b.SetBlock(other);
        var v = b.Int(IntOp.Add, closure, closure);
        b.Store(closure, 8, v);
        b.Jump(exit);
        b.SetBlock(exit);
        b.Return(closure);

        new JumpThreading().Run(f);
        Assert.AreEqual(0, IrVerifier.Verify(f).Count, IrPrinter.Print(f));
        Assert.IsFalse(f.Blocks.Contains(empty1) || f.Blocks.Contains(empty2), IrPrinter.Print(f));
        var branch = (BranchInst)f.Entry.Terminator!;
        Assert.AreSame(exit, branch.IfTrue, IrPrinter.Print(f));
        Assert.AreSame(other, branch.IfFalse);
        Assert.IsFalse(f.Blocks.Any(OnlyAJump), IrPrinter.Print(f));
    }

    [TestMethod]
    public void ABranchWhoseTargetsBecomeEqualIsAJumpAndStraightLinesMerge()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, IrType.I64);
        var closure = f.AddParameter(IrType.I64);
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock());
        var then = f.NewBlock("then");
        var otherwise = f.NewBlock("else");
        var exit = f.NewBlock("exit");
        var condition = b.Compare(IntCondition.Lt, closure, closure);
        b.Branch(condition, then, otherwise);
        b.SetBlock(then);
        b.Jump(exit);
        b.SetBlock(otherwise);
        b.Jump(exit);
        b.SetBlock(exit);
        b.Line = 7;
        b.Store(closure, 8, closure);
        b.Return(closure);

        new JumpThreading().Run(f);
        Assert.AreEqual(0, IrVerifier.Verify(f).Count, IrPrinter.Print(f));
        // entry → exit by a jump, then merged: one block, the dead compare dropped, lines kept.
        Assert.AreEqual(1, f.Blocks.Count, IrPrinter.Print(f));
        Assert.IsFalse(Instructions(f).Any(i => i is IntCompareInst || i.Dest == condition), IrPrinter.Print(f));
        Assert.AreEqual(7, Instructions(f).OfType<StoreInst>().Single().Line);
        Assert.IsInstanceOfType<ReturnInst>(f.Entry.Terminator);
    }

    [TestMethod]
    public void ACycleOfEmptyBlocksStaysAsWritten()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, IrType.I64);
        var closure = f.AddParameter(IrType.I64);
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock());
        var spin1 = f.NewBlock("spin1");
        var spin2 = f.NewBlock("spin2");
        var exit = f.NewBlock("exit");
        b.Branch(closure, spin1, exit);
        b.SetBlock(spin1);
        b.Jump(spin2);
        b.SetBlock(spin2);
        b.Jump(spin1);
        b.SetBlock(exit);
        b.Return(closure);

        new JumpThreading().Run(f);
        Assert.AreEqual(0, IrVerifier.Verify(f).Count, IrPrinter.Print(f));
        // Still an infinite loop on the true edge (merged into one block jumping to itself or two empty blocks).
        var target = ((BranchInst)f.Entry.Terminator!).IfTrue;
        Assert.IsTrue(IrShape.InCycle(target), IrPrinter.Print(f));
        Assert.AreSame(exit, ((BranchInst)f.Entry.Terminator!).IfFalse);
    }

    [TestMethod]
    public void ConstructionsOfAClassWithAnEmptyInitLeaveNoEmptyBlockAndNoGlobalLoadOnTheHotPath()
    {
        // lox/instantiation's shape: each Foo() of a known class is direct with no guard (FunctionLowerer.Construct.cs),
        // and empty after inline + deadalloc: nothing is left of it, no sox_call and no global reload in the loop.
        var m = Lower("class Foo {\n  init() {}\n}\nvar i = 0\nwhile i < 10 {\n  Foo()\n  Foo()\n  Foo()\n  i = i + 1\n}\nprint i");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var init = Init(m);
        Assert.IsFalse(init.Blocks.Skip(1).Any(OnlyAJump), IrPrinter.Print(init));
        var addresses = Instructions(init).OfType<SymbolAddressInst>().Where(a => a.Symbol.StartsWith("sox_globals_", StringComparison.Ordinal)).Select(a => a.Dest).ToHashSet();
        foreach (var block in init.Blocks.Where(IrShape.InCycle))
        {
            var calls = block.Instructions.OfType<CallInst>().Any(c => c.Symbol == RuntimeFunctions.Call);
            var loads = block.Instructions.OfType<LoadInst>().Count(l => addresses.Contains(l.Base));
            // Globals are loaded in the loop only right after a sox_call (the reloads), never on the direct path.
            Assert.IsTrue(loads == 0 || calls, block.Label + "\n" + IrPrinter.Print(init));
        }
        Assert.AreEqual(0, CallsTo(init, RuntimeFunctions.Call).Count(), IrPrinter.Print(init));
    }

    [TestMethod]
    public void AGlobalAFunctionMayChangeIsLoadedAfterTheCallBeforeTheJoin()
    {
        var m = Lower("var count = 0\nfn bump() { count = count + 100 }\nvar i = 0\nwhile i < 10 {\n  if (i > 5) bump()\n  count = count + 1\n  i = i + 1\n}\nprint count");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var init = Init(m);
        var call = Instructions(init).OfType<CallInst>().Single(c => c.Convention == CallingConvention.Sox);
        var block = IrShape.BlockOf(init, call);
        var after = block.Instructions.Skip(block.Instructions.IndexOf(call) + 1).ToList();
        var addresses = Instructions(init).OfType<SymbolAddressInst>().Where(a => a.Symbol.StartsWith("sox_globals_", StringComparison.Ordinal)).Select(a => a.Dest).ToHashSet();
        Assert.IsTrue(after.OfType<LoadInst>().Any(l => addresses.Contains(l.Base)), IrPrinter.Print(init));
        Assert.IsInstanceOfType<JumpInst>(block.Terminator);
    }
}
