namespace Sox.Compiler.Lowering;

/// <summary>What <c>sox_program_entry</c> does after running the entry module's top level (§5, §7).</summary>
public enum EntryMode
{
    /// <summary>Call <c>main</c> through <c>sox_run_main</c> when the entry module declares it.</summary>
    Run,
    /// <summary>Hand the entry module's <c>#[test]</c> functions to <c>sox_run_tests</c>.</summary>
    Test,
    /// <summary>Hand the entry module's <c>Benchmark*</c> functions to <c>sox_run_benchmarks</c>.</summary>
    Bench,
}

/// <summary>Per-module lowering settings.</summary>
/// <param name="IsEntry">Also emit <c>sox_program_entry</c> into this module.</param>
/// <param name="Mode">What the program entry runs.</param>
/// <param name="VariadicArgumentsOnStack">
/// The target passes every variadic C argument on the stack (Apple arm64), so calls of variadic externs are
/// compiled in place instead of classified at run time (§9, <see cref="ExternFunctions"/>).
/// </param>
/// <param name="VariadicArgumentsInBothFiles">
/// The target passes a variadic argument in both the integer and the vector register of its position (Microsoft
/// x64), so the class of its C type does not matter and calls of variadic externs are compiled in place: each
/// variadic argument's 64 bits travel as a double, which the calling convention also copies to the integer register.
/// </param>
public sealed record LoweringOptions(bool IsEntry = false, EntryMode Mode = EntryMode.Run, bool VariadicArgumentsOnStack = false,
    bool VariadicArgumentsInBothFiles = false)
{
    /// <summary>Whether known calls of variadic externs are compiled in place rather than classified by the runtime.</summary>
    public bool VariadicCallsInPlace => VariadicArgumentsOnStack || VariadicArgumentsInBothFiles;
}
