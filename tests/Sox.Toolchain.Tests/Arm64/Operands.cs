using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Targets.Arm64;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Seeded operand choices for the round trips, biased toward the limits: every integer draw returns its minimum
/// or maximum a quarter of the time each, and register 31 (SP or XZR) appears where the field allows it.
/// </summary>
internal sealed class Operands(Random random)
{
    public Random Random { get; } = random;

    /// <summary>A label bound at offset 0 of the code under test, the target of label operands.</summary>
    public Label Anchor { get; set; }

    /// <summary>X0…X30.</summary>
    public Arm64Register Gpr() => (Arm64Register)Random.Next(31);

    /// <summary>X0…X30 or (one time in six) XZR.</summary>
    public Arm64Register GprOrZr() => Random.Next(6) == 0 ? Arm64Register.XZR : Gpr();

    /// <summary>X0…X30 or (one time in six) SP.</summary>
    public Arm64Register GprOrSp() => Random.Next(6) == 0 ? Arm64Register.SP : Gpr();

    /// <summary>V0…V31.</summary>
    public Arm64Register Vector() => (Arm64Register)(64 + Random.Next(32));

    public int Int(int min, int max) => Random.Next(4) switch
    {
        0 => min,
        1 => max,
        _ => Random.Next(min, max + 1),
    };

    public bool Bool() => Random.Next(2) == 0;

    public Arm64Condition Cond() => (Arm64Condition)Random.Next(16);

    /// <summary>Any condition but AL and NV (those that can be inverted).</summary>
    public Arm64Condition InvertibleCond() => (Arm64Condition)Random.Next(14);

    public Arm64Shift Shift(bool allowRor) => (Arm64Shift)Random.Next(allowRor ? 4 : 3);

    public T Of<T>(params T[] values) => values[Random.Next(values.Length)];
}
