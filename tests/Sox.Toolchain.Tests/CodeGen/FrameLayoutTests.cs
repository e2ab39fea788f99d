using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;

namespace Sox.Toolchain.Tests.CodeGen;

[TestClass]
public sealed class FrameLayoutTests
{
    [TestMethod]
    [DataRow(0, 0, 0, 0)]
    [DataRow(1, 0, 0, 16)]
    [DataRow(2, 1, 0, 32)]
    [DataRow(3, 2, 24, 64)]
    [DataRow(0, 0, 8, 16)]
    public void BodySizeKeepsTheStackAlignedAndHoldsEverything(int savedRegisters, int spills, int outgoing, int expectedBody)
    {
        var f = new MachineFunction("f", TestMachine.Target);
        for (var i = 0; i < spills; i++) f.NewFrameObject(8, 8, isSpill: true);
        f.OutgoingArgumentBytes = outgoing;
        var layout = FrameLayout.Compute(f, Enumerable.Range(3, savedRegisters).ToList());
        Assert.AreEqual(expectedBody, layout.BodySize);
        Assert.AreEqual(0, layout.BodySize % 16);
        // Saves, objects and the outgoing area are disjoint and inside the body.
        var used = new List<(int Lo, int Hi)>();
        used.AddRange(layout.CalleeSaved.Select(s => (s.Offset, s.Offset + 8)));
        used.AddRange(layout.ObjectOffsets.Select(o => (o, o + 8)));
        used.Add((-layout.BodySize, -layout.BodySize + layout.OutgoingArgumentBytes));
        foreach (var (lo, hi) in used) Assert.IsTrue(lo >= -layout.BodySize && hi <= 0, $"[{lo},{hi}) outside the frame");
        for (var i = 0; i < used.Count; i++)
        {
            for (var j = i + 1; j < used.Count; j++)
                Assert.IsTrue(used[i].Hi <= used[j].Lo || used[j].Hi <= used[i].Lo, $"{used[i]} overlaps {used[j]}");
        }
    }

    [TestMethod]
    public void ObjectsAreAlignedToTheirAlignment()
    {
        var f = new MachineFunction("f", TestMachine.Target);
        f.NewFrameObject(8, 8, isSpill: true);
        var array = f.NewFrameObject(40, 16, isSpill: false);
        var layout = FrameLayout.Compute(f, new[] { 3 });
        Assert.AreEqual(0, layout.ObjectOffsets[array] % 16);
    }
}
