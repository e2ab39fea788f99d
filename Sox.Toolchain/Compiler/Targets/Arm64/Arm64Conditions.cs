namespace Sox.Compiler.Targets.Arm64;

/// <summary>Operations on <see cref="Arm64Condition"/>.</summary>
public static class Arm64Conditions
{
    /// <summary>
    /// The condition that holds exactly when <paramref name="condition"/> does not: the codes come in pairs that
    /// differ only in bit 0 (Arm ARM C1.2.4, and the pseudocode <c>ConditionHolds</c>: "if cond&lt;0&gt; == '1' and
    /// cond != '1111' then result = !result"). AL and NV both mean "always", so they have no inverse.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="condition"/> is AL or NV.</exception>
    public static Arm64Condition Invert(this Arm64Condition condition) => condition is Arm64Condition.AL or Arm64Condition.NV
        ? throw new ArgumentException($"{condition} (always) has no inverse.", nameof(condition))
        : (Arm64Condition)((int)condition ^ 1);

    /// <summary>The mnemonic suffix ("eq", "ne", "hs", …), lower case, as disassemblers print it.</summary>
    public static string Suffix(this Arm64Condition condition) => Suffixes[(int)condition & 15];

    private static readonly string[] Suffixes =
        ["eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"];
}
