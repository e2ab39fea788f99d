using Sox.Compiler.Ir;
using Sox.Compiler.Passes;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// The shared control-flow analyses on hand-built graphs: natural loops (body order, which the passes' output
/// follows, membership, preheaders), dominators, and the flow-graph helpers (distinct predecessors by block position,
/// reverse postorder, sweep order with unreachable blocks). They are arrays by block id for compile speed; these pin
/// down what they answer.
/// </summary>
[TestClass]
public sealed class LoopsTests
{
    private static void Jump(BasicBlock from, BasicBlock to) => from.Instructions.Add(new JumpInst(to, 1));

    private static void Branch(IrFunction f, BasicBlock from, BasicBlock ifTrue, BasicBlock ifFalse) =>
        from.Instructions.Add(new BranchInst(f.Parameters[0], ifTrue, ifFalse, 1));

    private static void Return(BasicBlock from) => from.Instructions.Add(new ReturnInst(null, 1));

    /// <summary>entry → h; h → a | exit; a → b | c; b → h; c → h (two latches of one header); plus an unreachable block
    /// that jumps into the loop.</summary>
    private static (IrFunction F, BasicBlock Entry, BasicBlock H, BasicBlock A, BasicBlock B, BasicBlock C, BasicBlock Exit, BasicBlock Dead) TwoLatches()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, null);
        f.AddParameter(IrType.I64);
        var entry = f.NewBlock("entry");
        var h = f.NewBlock("h");
        var a = f.NewBlock("a");
        var b = f.NewBlock("b");
        var c = f.NewBlock("c");
        var exit = f.NewBlock("exit");
        var dead = f.NewBlock("dead");
        Jump(entry, h);
        Branch(f, h, a, exit);
        Branch(f, a, b, c);
        Jump(b, h);
        Jump(c, h);
        Return(exit);
        Jump(dead, a);
        return (f, entry, h, a, b, c, exit, dead);
    }

    [TestMethod]
    public void LoopBodyListsHeaderThenEachLatchInReversePostorderWithWhatLeadsToIt()
    {
        var (f, entry, h, a, b, c, exit, dead) = TwoLatches();
        var loops = Loops.Find(f, out var dominators);

        Assert.AreEqual(1, loops.Count, "two back edges to one header are one loop");
        var loop = loops[0];
        Assert.AreSame(h, loop.Header);
        Assert.AreSame(entry, loop.Preheader);
        // Reverse postorder is entry, h, exit, a, c, b: latch c comes first, then a (its predecessor), then latch b.
        CollectionAssert.AreEqual(new[] { h, c, a, b }, loop.Body.ToArray());
        Assert.AreEqual(4, loop.Body.Count);
        Assert.IsTrue(loop.Body.Contains(a));
        Assert.IsFalse(loop.Body.Contains(exit));
        Assert.IsFalse(loop.Body.Contains(dead), "an unreachable block is in no loop");
        Assert.IsFalse(loop.Body.Contains(f.NewBlock("later")), "a block made after the search is not in the loop");

        Assert.IsNotNull(dominators);
        Assert.IsTrue(dominators.Dominates(h, b));
        Assert.IsTrue(dominators.Dominates(a, a));
        Assert.IsFalse(dominators.Dominates(b, c));
        Assert.IsFalse(dominators.IsReached(dead));
        Assert.IsFalse(dominators.Dominates(dead, a), "unreachable blocks dominate nothing");
        Assert.IsTrue(dominators.Order(entry) < dominators.Order(h) && dominators.Order(h) < dominators.Order(a));
    }

    [TestMethod]
    public void NoPreheaderWhenTheOutsidePredecessorAlsoGoesElsewhere()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, null);
        f.AddParameter(IrType.I64);
        var entry = f.NewBlock("entry");
        var h = f.NewBlock("h");
        var exit = f.NewBlock("exit");
        Branch(f, entry, h, exit);
        Branch(f, h, h, exit);
        Return(exit);

        var loops = Loops.Find(f, out _);
        Assert.AreEqual(1, loops.Count);
        CollectionAssert.AreEqual(new[] { h }, loops[0].Body.ToArray(), "a block looping to itself is its own latch");
        Assert.IsNull(loops[0].Preheader, "the entry also branches to the exit: code at its end would not run once per entry");
    }

    [TestMethod]
    public void StraightLineCodeHasNoLoopAndNoDominators()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, null);
        var entry = f.NewBlock("entry");
        var next = f.NewBlock("next");
        Jump(entry, next);
        Return(next);
        Assert.AreEqual(0, Loops.Find(f, out var dominators).Count);
        Assert.IsNull(dominators);
    }

    [TestMethod]
    public void PredecessorsAreDistinctAndInBlockListOrder()
    {
        var (f, _, h, a, b, c, exit, dead) = TwoLatches();
        // A branch naming one block twice still makes one predecessor.
        var twice = f.NewBlock("twice");
        Branch(f, twice, exit, exit);
        var positions = FlowGraph.Positions(f);
        var preds = FlowGraph.Predecessors(f, positions);
        int P(BasicBlock block) => FlowGraph.PositionOf(positions, block);

        CollectionAssert.AreEqual(new[] { P(f.Entry), P(b), P(c) }, preds.Of(P(h)).ToArray());
        CollectionAssert.AreEqual(new[] { P(h), P(dead) }, preds.Of(P(a)).ToArray(), "unreachable predecessors count");
        CollectionAssert.AreEqual(new[] { P(h), P(twice) }, preds.Of(P(exit)).ToArray());
        Assert.AreEqual(0, preds.Count(P(f.Entry)));
    }

    [TestMethod]
    public void SweepOrderIsReversePostorderThenTheUnreachableBlocks()
    {
        var (f, entry, h, a, b, c, exit, dead) = TwoLatches();
        var positions = FlowGraph.Positions(f);
        int P(BasicBlock block) => FlowGraph.PositionOf(positions, block);

        CollectionAssert.AreEqual(new[] { P(entry), P(h), P(exit), P(a), P(c), P(b) }, FlowGraph.ReversePostorder(f, positions));
        CollectionAssert.AreEqual(new[] { P(entry), P(h), P(exit), P(a), P(c), P(b), P(dead) }, FlowGraph.SweepOrder(f, positions));
    }
}
