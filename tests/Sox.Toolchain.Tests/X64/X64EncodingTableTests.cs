using System.Globalization;
using Sox.Compiler.Ir;
using Sox.Compiler.Targets.X64;

namespace Sox.Toolchain.Tests.X64;

/// <summary>
/// Each row of <see cref="EncodingTable"/> encoded by <see cref="X64Encoder"/> must equal the bytes and relocation
/// GNU as produced for the row's assembly text.
/// </summary>
[TestClass]
public sealed class X64EncodingTableTests
{
    public static IEnumerable<object[]> Rows =>
        EncodingTable.All.Select((row, index) => new object[] { index, row.Assembly });

    [TestMethod]
    [DynamicData(nameof(Rows))]
    public void EncodesLikeGnuAs(int index, string assembly)
    {
        var row = EncodingTable.All[index];
        Assert.AreEqual(assembly, row.Assembly);
        Assert.IsFalse(string.IsNullOrWhiteSpace(row.Hex), "Row has no expected bytes; run regenerate-encodings.py.");

        var encoder = new X64Encoder();
        row.Emit(encoder);
        var code = encoder.Finish();

        Assert.AreEqual(row.Hex, Hex(code.Code), assembly);
        var expected = row.Relocation.Length == 0 ? [] : new[] { ParseRelocation(row.Relocation) };
        CollectionAssert.AreEqual(expected, code.Relocations.ToArray(), $"{assembly}: relocations");
    }

    [TestMethod]
    public void TableIsNotEmptyAndEveryRowHasBytes()
    {
        Assert.IsGreaterThan(250, EncodingTable.All.Count);
        foreach (var row in EncodingTable.All)
            Assert.IsTrue(row.Hex.Length > 0, row.Assembly);
    }

    internal static string Hex(byte[] bytes) => string.Join(" ", bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>Parses "offset Kind symbol addend".</summary>
    private static SymbolRelocation ParseRelocation(string text)
    {
        var parts = text.Split(' ');
        return new SymbolRelocation(
            int.Parse(parts[0], CultureInfo.InvariantCulture),
            Enum.Parse<RelocationKind>(parts[1]),
            parts[2],
            long.Parse(parts[3], CultureInfo.InvariantCulture));
    }
}
