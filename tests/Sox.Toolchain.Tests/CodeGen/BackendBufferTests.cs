using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.Targets.X64;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// The backend's own containers that replace framework collections over the compiler's structs (which ReadyToRun cannot
/// precompile): the literal pool's table, the virtual registers' classes and a section's relocations. Each must behave
/// exactly as the collection it replaced, since the object's bytes follow their order.
/// </summary>
[TestClass]
public sealed class BackendBufferTests
{
    [TestMethod]
    public void TheLiteralPoolKeepsOneLabelPerValueInOrderOfFirstUse()
    {
        var pool = new LiteralPool();
        var encoder = new X64Encoder();
        // Enough values to rehash several times, with repeats, zero, negatives and values that differ only in high bits.
        var values = new List<long>();
        for (var i = 0; i < 300; i++) values.Add((i % 3 == 0 ? -1L : 1L) * ((long)i << (i % 50)));
        values.Add(0);
        values.Add(long.MinValue);
        values.Add(long.MaxValue);
        values.Add(1L << 62);
        values.Add(1L << 61);
        var expected = new Dictionary<long, Label>();
        var order = new List<long>();
        foreach (var value in values.Concat(values.AsEnumerable().Reverse()))
        {
            var label = pool.GetOrAdd(value, encoder);
            if (expected.TryGetValue(value, out var first)) Assert.AreEqual(first, label, $"{value}");
            else
            {
                expected[value] = label;
                order.Add(value);
            }
        }
        Assert.AreEqual(order.Count, pool.Count);
        for (var i = 0; i < order.Count; i++)
        {
            Assert.AreEqual(order[i], pool.Value(i));
            Assert.AreEqual(expected[order[i]], pool.LabelAt(i));
        }
    }

    [TestMethod]
    public void RegisterClassesGrowPastTheirCapacityAndCheckTheIndex()
    {
        var classes = new RegisterClassList { Capacity = 3 };
        for (var i = 0; i < 100; i++) classes.Add(i % 3 == 0 ? RegisterClass.Float : RegisterClass.General);
        Assert.AreEqual(100, classes.Count);
        for (var i = 0; i < 100; i++) Assert.AreEqual(i % 3 == 0 ? RegisterClass.Float : RegisterClass.General, classes[i]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => classes[100]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => classes[-1]);
    }

    [TestMethod]
    public void ASectionKeepsItsRelocationsInOrderFromArraysAndOtherSequences()
    {
        var file = new ObjectFile(ObjectMachine.X64, null);
        var text = file.GetOrAddSection(ObjectSectionKind.Text);
        var first = new SymbolRelocation[20];
        for (var i = 0; i < first.Length; i++) first[i] = new SymbolRelocation(4 * i, RelocationKind.X64PcRelative32, $"f{i}", -4);
        text.Append(new byte[80], first);
        var second = new List<SymbolRelocation> { new(0, RelocationKind.Absolute64, "g", 8) };
        text.Append(new byte[8], second);
        var relocations = text.Relocations;
        Assert.AreEqual(21, relocations.Count);
        for (var i = 0; i < first.Length; i++) Assert.AreEqual(first[i], relocations[i]);
        Assert.AreEqual(new SymbolRelocation(80, RelocationKind.Absolute64, "g", 8), relocations[20]);
        CollectionAssert.AreEqual(relocations.ToList(), Enumerable.Range(0, 21).Select(i => relocations[i]).ToList());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => relocations[21]);
    }
}
