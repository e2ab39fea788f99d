using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Targets.X64;

namespace Sox.Toolchain.Tests.X64;

/// <summary>The operand values the round trips try: every register, the boundary immediates and displacements,
/// every scale, every base and index (RSP excepted as index), RIP-relative symbols, GOT entries and labels.</summary>
internal static class RoundTripValues
{
    public static readonly int[] Displacements = [0, 1, -1, 127, -128, 128, -129, 0x1234, int.MaxValue, int.MinValue];

    private static readonly object[] Gprs = Enumerable.Range(0, 16).Select(n => (object)(X64Register)n).ToArray();
    private static readonly object[] Xmms = Enumerable.Range(16, 16).Select(n => (object)(X64Register)n).ToArray();
    private static readonly object[] Int8s = [(sbyte)0, (sbyte)1, (sbyte)-1, (sbyte)127, (sbyte)-128, (sbyte)42];
    private static readonly object[] Int32s = [0, 1, -1, 127, -128, 128, -129, int.MaxValue, int.MinValue, 0x12345678];
    private static readonly object[] UInt8s = [(byte)0, (byte)1, (byte)2, (byte)63, (byte)128, (byte)255];
    private static readonly object[] UInt32s = [0u, 1u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu];
    private static readonly object[] Int64s =
    [
        0L, 1L, -1L, (long)int.MaxValue, int.MaxValue + 1L, (long)uint.MaxValue, uint.MaxValue + 1L,
        (long)int.MinValue, int.MinValue - 1L, long.MaxValue, long.MinValue, 0x7FF8000000000001L,
    ];
    private static readonly object[] Conditions = Enumerable.Range(0, 16).Select(n => (object)(X64Condition)n).ToArray();
    private static readonly object[] AluOps = Enumerable.Range(0, 8).Select(n => (object)(X64AluOp)n).ToArray();
    private static readonly object[] Symbols = ["f", "sox_runtime_call"];

    public static object[] For(Param param, Label anchor) => param switch
    {
        Param.G64 or Param.G32 or Param.G16 or Param.G8 => Gprs,
        Param.X => Xmms,
        Param.M => Memories(anchor),
        Param.I8 => Int8s,
        Param.I32 => Int32s,
        Param.U8 => UInt8s,
        Param.U32 => UInt32s,
        Param.I64 => Int64s,
        Param.Cc => Conditions,
        Param.Op => AluOps,
        Param.Sym => Symbols,
        _ => throw new ArgumentOutOfRangeException(nameof(param)),
    };

    /// <summary>
    /// Every base with every boundary displacement; every index (not RSP) with every scale, cycling through bases
    /// and displacements; every index without a base; RIP-relative symbol, GOT entry and label operands.
    /// </summary>
    public static object[] Memories(Label anchor)
    {
        var list = new List<object>();
        for (var b = 0; b < 16; b++)
            foreach (var d in Displacements)
                list.Add(X64Memory.At((X64Register)b, d));
        var k = 0;
        foreach (var scale in new[] { 1, 2, 4, 8 })
            for (var x = 0; x < 16; x++)
            {
                if (x == (int)X64Register.Rsp) continue;
                list.Add(X64Memory.At((X64Register)((x + 3 * k) % 16), (X64Register)x, scale, Displacements[k % Displacements.Length]));
                k++;
            }
        for (var x = 0; x < 16; x++)
        {
            if (x == (int)X64Register.Rsp) continue;
            list.Add(X64Memory.Indexed((X64Register)x, 1 << (x % 4), Displacements[x % Displacements.Length]));
        }
        list.Add(X64Memory.RipRelative("data"));
        list.Add(X64Memory.RipRelative("table", 24));
        list.Add(X64Memory.RipRelative("table", -8));
        list.Add(X64Memory.GotEntry("sox_nil"));
        list.Add(X64Memory.RipRelative(anchor, 16));
        list.Add(X64Memory.RipRelative(anchor));
        return [.. list];
    }

    /// <summary>
    /// Argument tuples for a form: the full product when it is small, else every value of every position at least
    /// once (position k takes value i mod |set k|) plus seeded random tuples.
    /// </summary>
    public static IEnumerable<object[]> Combinations(Param[] @params, Label anchor, int limit, int seed)
    {
        var sets = @params.Select(p => For(p, anchor)).ToArray();
        var product = sets.Aggregate(1L, (n, s) => n * s.Length);
        if (product <= limit)
        {
            for (var i = 0L; i < product; i++)
            {
                var rest = i;
                var args = new object[sets.Length];
                for (var k = sets.Length - 1; k >= 0; k--)
                {
                    args[k] = sets[k][rest % sets[k].Length];
                    rest /= sets[k].Length;
                }
                yield return args;
            }
            yield break;
        }
        var longest = sets.Max(s => s.Length);
        for (var i = 0; i < longest; i++)
            yield return sets.Select(s => s[i % s.Length]).ToArray();
        var random = new Random(seed);
        for (var i = longest; i < limit; i++)
            yield return sets.Select(s => s[random.Next(s.Length)]).ToArray();
    }
}
