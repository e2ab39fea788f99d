using System.Globalization;
using System.Text.RegularExpressions;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Targets.Arm64;
using static Sox.Compiler.Targets.Arm64.Arm64Register;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// <see cref="Arm64Encoder.Mov_x_imm"/> and <see cref="Arm64Encoder.Mov_w_imm"/>: for many constants, the emitted
/// sequence is read back with GNU objdump and executed by a tiny interpreter of MOVZ/MOVN/MOVK/ORR (semantics from
/// the Arm ARM), which must produce the constant in as many instructions as the shortest of the documented choices.
/// </summary>
[TestClass]
public sealed partial class Arm64MoveImmediateTests
{
    private static readonly HashSet<ulong> Bitmask64 = BitmaskPatterns.All64.Select(p => p.Value).ToHashSet();
    private static readonly HashSet<ulong> Bitmask32 = BitmaskPatterns.All32.Select(p => p.Value).ToHashSet();

    private static IEnumerable<ulong> Constants(int count, int seed)
    {
        var random = new Random(seed);
        ulong[] special = [0, ulong.MaxValue, 1, 0xFFFF, 0x10000, 0x7FF8000000000000, 0xFFF8000000000001, 0x8000000000000000,
            0x5555555555555555, 0xFFFF0000FFFF0000, 0x0000FFFF00000000, 0xFFFFFFFF0000FFFF, 0x123456789ABCDEF0];
        foreach (var value in special) yield return value;
        for (var i = 0; i < count; i++)
        {
            // Build from halfwords that are often 0 or 0xFFFF, so every sequence length occurs.
            ulong value = 0;
            for (var h = 0; h < 4; h++)
                value |= (ulong)(random.Next(3) switch { 0 => 0, 1 => 0xFFFF, _ => random.Next(0x10000) }) << (16 * h);
            yield return random.Next(8) == 0 ? BitmaskPatterns.All64[random.Next(BitmaskPatterns.All64.Count)].Value : value;
        }
    }

    /// <summary>The fewest instructions among MOVZ+MOVKs, MOVN+MOVKs and one ORR bitmask (the documented choice).</summary>
    private static int Shortest(ulong value, int halves, bool bitmask)
    {
        var halfwords = Enumerable.Range(0, halves).Select(h => (value >> (16 * h)) & 0xFFFF).ToList();
        var movz = Math.Max(1, halfwords.Count(h => h != 0));
        var movn = Math.Max(1, halfwords.Count(h => h != 0xFFFF));
        return Math.Min(Math.Min(movz, movn), bitmask ? 1 : int.MaxValue);
    }

    [TestMethod]
    public void SixtyFourBitConstantsLoadInTheFewestInstructions() => Check(true, Constants(1500, 7).ToList());

    [TestMethod]
    public void ThirtyTwoBitConstantsLoadInTheFewestInstructions() =>
        Check(false, Constants(1500, 8).Select(v => v & 0xFFFFFFFF).Concat([0xFFFFFFFF, 0x80000000, 0xFFFF1234]).ToList());

    private static void Check(bool is64, List<ulong> values)
    {
        var e = new Arm64Encoder();
        var starts = new List<Label>();
        foreach (var value in values)
        {
            starts.Add(e.Here());
            if (is64) e.Mov_x_imm(X9, (long)value);
            else e.Mov_w_imm(X9, (int)(uint)value);
        }
        starts.Add(e.Here());
        var code = e.Finish();
        var text = ObjdumpDisassembler.Disassemble(code.Code);
        var failures = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var lines = new List<string>();
            for (var at = code.LabelOffset(starts[i]); at < code.LabelOffset(starts[i + 1]); at += 4) lines.Add(text[at]);
            var result = Execute(lines, is64);
            var shortest = Shortest(values[i], is64 ? 4 : 2, (is64 ? Bitmask64 : Bitmask32).Contains(values[i]));
            if (result != values[i] || lines.Count != shortest)
                failures.Add($"0x{values[i]:x}: {string.Join("; ", lines)} gives 0x{result:x} in {lines.Count} (shortest {shortest})");
        }
        Assert.IsEmpty(failures, string.Join("\n", failures.Take(20)));
    }

    /// <summary>Runs "movz/movn/movk xN|wN, #imm{, lsl #s}" and "orr xN|wN, xzr|wzr, #imm" (Arm ARM C6.2 pseudocode).</summary>
    private static ulong Execute(List<string> lines, bool is64)
    {
        ulong register = 0xDEADBEEFDEADBEEF;
        foreach (var line in lines)
        {
            var match = Instruction().Match(line);
            Assert.IsTrue(match.Success, $"unexpected instruction \"{line}\"");
            Assert.AreEqual(is64 ? "x9" : "w9", match.Groups[2].Value, line);
            var imm = ulong.Parse(match.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var shift = match.Groups[4].Success ? int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
            register = match.Groups[1].Value switch
            {
                "movz" => imm << shift,
                "movn" => ~(imm << shift),
                "movk" => (register & ~(0xFFFFUL << shift)) | imm << shift,
                _ => imm, // orr with the zero register
            };
            if (!is64) register &= 0xFFFFFFFF; // writing W zeroes the upper half
        }
        return register;
    }

    [GeneratedRegex(@"^(movz|movn|movk|orr) ([xw]9), (?:[xw]zr, )?#0x([0-9a-f]+)(?:, lsl #(\d+))?$")]
    private static partial Regex Instruction();

    [TestMethod]
    public void TargetsMustBeGeneralRegisters()
    {
        var e = new Arm64Encoder();
        Assert.ThrowsExactly<ArgumentException>(() => e.Mov_x_imm(SP, 1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Mov_x_imm(XZR, 1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Mov_w_imm(V0, 1));
    }
}
