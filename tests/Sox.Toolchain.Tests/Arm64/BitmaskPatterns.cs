namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Every bitmask immediate, enumerated straight from the definition in the Arm ARM (C4.1.93 "Logical
/// (immediate)", pseudocode DecodeBitMasks): an element of esize ∈ {2, 4, …, 64} bits holding a run of 1…esize−1
/// ones rotated right by 0…esize−1, replicated; N:imms encodes esize and the run (table "imms" in C4.1.93).
/// </summary>
internal static class BitmaskPatterns
{
    // Declared first: static initializers run in textual order.
    private static readonly Dictionary<int, int> ImmsPrefix = new()
    {
        [64] = 0b000000, [32] = 0b000000, [16] = 0b100000, [8] = 0b110000, [4] = 0b111000, [2] = 0b111100,
    };

    /// <summary>(value, N:immr:imms) for every 64-bit bitmask immediate: 5334 of them.</summary>
    public static IReadOnlyList<(ulong Value, int Encoding)> All64 { get; } = Enumerate(64);

    /// <summary>(value, N:immr:imms) for every 32-bit bitmask immediate: 1302 of them.</summary>
    public static IReadOnlyList<(ulong Value, int Encoding)> All32 { get; } = Enumerate(32);

    private static List<(ulong, int)> Enumerate(int width)
    {
        var list = new List<(ulong, int)>();
        for (var esize = 2; esize <= width; esize *= 2)
        {
            for (var ones = 1; ones < esize; ones++)
            {
                for (var rotate = 0; rotate < esize; rotate++)
                {
                    ulong element = 0;
                    for (var bit = 0; bit < ones; bit++) element |= 1UL << ((bit - rotate + esize) % esize);
                    ulong value = 0;
                    for (var at = 0; at < width; at += esize) value |= element << at;
                    var n = esize == 64 ? 1 : 0;
                    list.Add((value, n << 12 | rotate << 6 | ImmsPrefix[esize] | (ones - 1)));
                }
            }
        }
        return list;
    }
}
