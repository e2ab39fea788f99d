using Sox.Compiler.Targets.Arm64;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// The bitmask-immediate and FP-immediate encoders against independent enumerations of the Arm ARM's definitions
/// (<see cref="BitmaskPatterns"/>, <see cref="RoundTripForms.ExpandFpImmediate"/>).
/// </summary>
[TestClass]
public sealed class Arm64ImmediatesTests
{
    [TestMethod]
    public void EveryBitmaskImmediateEncodesAsTheArchitectureDefinesIt()
    {
        Assert.AreEqual(5334, BitmaskPatterns.All64.Count);
        Assert.AreEqual(1302, BitmaskPatterns.All32.Count);
        foreach (var (width, patterns) in new[] { (64, BitmaskPatterns.All64), (32, BitmaskPatterns.All32) })
        {
            Assert.AreEqual(patterns.Count, patterns.Select(p => p.Value).Distinct().Count(), "each value has one encoding");
            foreach (var (value, encoding) in patterns)
            {
                Assert.IsTrue(Arm64Immediates.TryEncodeBitmask(value, width, out var actual), $"0x{value:x} ({width})");
                Assert.AreEqual(encoding, actual, $"0x{value:x} ({width})");
            }
        }
    }

    [TestMethod]
    public void ValuesOutsideTheEnumerationAreRejected()
    {
        var all64 = BitmaskPatterns.All64.Select(p => p.Value).ToHashSet();
        var all32 = BitmaskPatterns.All32.Select(p => p.Value).ToHashSet();
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            // Random values, and near-misses of patterns (one bit flipped).
            var value = i % 2 == 0
                ? (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63)
                : BitmaskPatterns.All64[random.Next(BitmaskPatterns.All64.Count)].Value ^ (1UL << random.Next(64));
            Assert.AreEqual(all64.Contains(value), Arm64Immediates.IsBitmask(value, 64), $"0x{value:x}");
            var low = value & 0xFFFFFFFF;
            Assert.AreEqual(all32.Contains(low), Arm64Immediates.IsBitmask(low, 32), $"0x{low:x} (32)");
        }
        Assert.IsFalse(Arm64Immediates.IsBitmask(0, 64));
        Assert.IsFalse(Arm64Immediates.IsBitmask(ulong.MaxValue, 64));
        Assert.IsFalse(Arm64Immediates.IsBitmask(0, 32));
        Assert.IsFalse(Arm64Immediates.IsBitmask(0xFFFFFFFF, 32));
        Assert.IsFalse(Arm64Immediates.IsBitmask(0x1_0000_0001, 32), "more than 32 bits");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Arm64Immediates.IsBitmask(1, 16));
    }

    [TestMethod]
    public void EveryFpImmediateRoundTripsAndOthersAreRejected()
    {
        for (var imm8 = 0; imm8 < 256; imm8++)
        {
            var value = RoundTripForms.ExpandFpImmediate(imm8);
            Assert.IsTrue(Arm64Immediates.TryEncodeFloat(value, out var actual), $"{value}");
            Assert.AreEqual(imm8, actual, $"{value}");
        }
        foreach (var value in new[] { 0.0, -0.0, 32.0, 0.0625, 0.1, 1.03125, double.NaN, double.PositiveInfinity, 1e300 })
            Assert.IsFalse(Arm64Immediates.TryEncodeFloat(value, out _), $"{value}");
    }
}
