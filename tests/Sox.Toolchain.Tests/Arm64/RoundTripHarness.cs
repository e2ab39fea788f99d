using System.Globalization;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;
using Sox.Compiler.Targets.Arm64;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Encodes a batch of round-trip forms with <see cref="Arm64Encoder"/>, disassembles the result once with GNU
/// objdump and compares, per encoder call, the text of every instruction it produced and its relocation.
/// Failures are collected and reported together.
/// </summary>
internal static class RoundTripHarness
{
    /// <summary>Runs <paramref name="forms"/> (each once, in order) and returns how many instructions were checked.</summary>
    public static int Run(IEnumerable<RoundTripForm> forms, Operands operands)
    {
        var encoder = new Arm64Encoder();
        var anchor = encoder.Here(); // offset 0: the target of label operands
        operands.Anchor = anchor;
        var items = new List<(RoundTripForm Form, Label Start, Expected Expected)>();
        foreach (var form in forms)
        {
            var start = encoder.Here();
            items.Add((form, start, form.Emit(encoder, operands)));
        }
        var end = encoder.Here();
        var code = encoder.Finish();
        Assert.AreEqual(0, code.LabelOffset(anchor));
        var text = ObjdumpDisassembler.Disassemble(code.Code);

        var failures = new List<string>();
        var relocations = new List<SymbolRelocation>();
        for (var i = 0; i < items.Count; i++)
        {
            var (form, start, expected) = items[i];
            var from = code.LabelOffset(start);
            var to = i + 1 < items.Count ? code.LabelOffset(items[i + 1].Start) : code.LabelOffset(end);
            var lines = new List<string>();
            for (var at = from; at < to; at += 4) lines.Add(text.TryGetValue(at, out var line) ? line : $"<nothing at {at:x}>");
            var actual = string.Join("\n", lines);
            var wanted = expected.Text
                .Replace("{pc}", "0x" + from.ToString("x", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{page}", "0x" + (from & ~0xFFF).ToString("x", CultureInfo.InvariantCulture), StringComparison.Ordinal);
            if (actual != wanted)
            {
                var hex = string.Join(" ", code.Code[from..to].Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
                failures.Add($"{form}: expected \"{wanted}\", objdump read \"{actual}\" from {hex}");
            }
            if (expected.Kind is { } kind) relocations.Add(new SymbolRelocation(from, kind, expected.Symbol!, expected.Addend));
        }
        CollectionAssert.AreEqual(relocations, code.Relocations.ToArray(), "relocations");
        if (failures.Count > 0)
            Assert.Fail($"{failures.Count} of {items.Count} encoder calls failed the round trip:\n" + string.Join("\n", failures.Take(30)));
        return items.Count;
    }
}
