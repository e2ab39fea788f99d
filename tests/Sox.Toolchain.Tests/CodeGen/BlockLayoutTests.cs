using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using static Sox.Toolchain.Tests.CodeGen.TestMachine;

namespace Sox.Toolchain.Tests.CodeGen;

[TestClass]
public sealed class BlockLayoutTests
{
    /// <summary>Adds block <paramref name="b"/>'s terminator: a jump, or a two-way branch when two successors are given.</summary>
    private static void Terminate(MachineBlock b, params int[] successors)
    {
        b.Successors.AddRange(successors);
        if (successors.Length == 0)
        {
            b.Add(new MachineInstr(Ret, MachineOperand.Use(MReg.Physical(0))) { Flags = InstrFlags.Return | InstrFlags.Terminator });
            return;
        }
        if (successors.Length == 1)
        {
            b.Add(new MachineInstr(Jump, MachineOperand.Target(successors[0])) { Flags = InstrFlags.Terminator });
            return;
        }
        b.Add(new MachineInstr(BranchLess, MachineOperand.Use(MReg.Physical(0)), MachineOperand.Use(MReg.Physical(1)),
            MachineOperand.Target(successors[0]), MachineOperand.Target(successors[1]))
        { Flags = InstrFlags.Terminator });
    }

    private static MachineFunction Blocks(int count)
    {
        var f = new MachineFunction("layout", Target);
        for (var k = 0; k < count; k++) f.NewBlock();
        return f;
    }

    [TestMethod]
    public void ColdBlocksGoLastAndWhatOnlyTheyReachFollowsThem()
    {
        // 0 → 1 | 2(cold); 1 → 3; 2 → 4 (reached only from the cold block); 3 → return; 4 → 3
        var f = Blocks(5);
        Terminate(f.Blocks[0], 1, 2);
        Terminate(f.Blocks[1], 3);
        Terminate(f.Blocks[2], 4);
        Terminate(f.Blocks[3]);
        Terminate(f.Blocks[4], 3);
        f.Blocks[2].IsCold = true;
        CollectionAssert.AreEqual(new[] { 0, 1, 3, 2, 4 }, BlockLayout.Compute(f));
    }

    [TestMethod]
    public void EntryBlockStaysFirstEvenWhenMarkedCold()
    {
        var f = Blocks(2);
        Terminate(f.Blocks[0], 1);
        Terminate(f.Blocks[1]);
        f.Blocks[0].IsCold = true;
        CollectionAssert.AreEqual(new[] { 0, 1 }, BlockLayout.Compute(f));
    }

    [TestMethod]
    public void WhileLoopIsRotatedSoItsTestFollowsTheBody()
    {
        // 0 entry → 1; 1 header: tag test → 2 | 6(cold slow path); 2 exit test → 3 (body) | 5 (exit);
        // 3 body → 4; 4 latch → 1; 5 exit: return; 6 → 2.
        var f = Blocks(7);
        Terminate(f.Blocks[0], 1);
        Terminate(f.Blocks[1], 2, 6);
        Terminate(f.Blocks[2], 3, 5);
        Terminate(f.Blocks[3], 4);
        Terminate(f.Blocks[4], 1);
        Terminate(f.Blocks[5]);
        Terminate(f.Blocks[6], 2);
        f.Blocks[6].IsCold = true;
        // The header and the exit test move after the latch; the exit follows them; the slow path goes last.
        CollectionAssert.AreEqual(new[] { 0, 3, 4, 1, 2, 5, 6 }, BlockLayout.Compute(f));
    }

    [TestMethod]
    public void NestedLoopsAreBothRotatedAndEveryBlockIsLaidOutOnce()
    {
        // outer: 1 test → 2 | 6; 2 → 3; inner: 3 test → 4 | 5; 4 → 3; 5 → 1; 6 return.
        var f = Blocks(7);
        Terminate(f.Blocks[0], 1);
        Terminate(f.Blocks[1], 2, 6);
        Terminate(f.Blocks[2], 3);
        Terminate(f.Blocks[3], 4, 5);
        Terminate(f.Blocks[4], 3);
        Terminate(f.Blocks[5], 1);
        Terminate(f.Blocks[6]);
        var order = BlockLayout.Compute(f);
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 7).ToArray(), order);
        Assert.AreEqual(0, order[0]);
        // Inner loop: the body (4) falls into its test (3); outer: block 5 falls into the outer test (1).
        Assert.AreEqual(Array.IndexOf(order, 4) + 1, Array.IndexOf(order, 3), string.Join(" ", order));
        Assert.AreEqual(Array.IndexOf(order, 5) + 1, Array.IndexOf(order, 1), string.Join(" ", order));
    }
}
