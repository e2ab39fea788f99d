namespace Sox.Compiler.Targets.X64;

/// <summary>Operations on <see cref="X64Condition"/>.</summary>
public static class X64Conditions
{
    /// <summary>
    /// The condition that holds exactly when <paramref name="condition"/> does not: the codes come in pairs that
    /// differ only in bit 0 (Intel SDM Vol. 2A §B.1.4.7, "Condition Test (tttn) Field").
    /// </summary>
    public static X64Condition Invert(this X64Condition condition) => (X64Condition)((int)condition ^ 1);

    /// <summary>The Intel mnemonic suffix ("e", "ne", "l", …), lower case.</summary>
    public static string Suffix(this X64Condition condition) => Suffixes[(int)condition & 15];

    private static readonly string[] Suffixes =
        ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];
}
