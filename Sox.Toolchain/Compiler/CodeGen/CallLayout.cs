namespace Sox.Compiler.CodeGen;

/// <summary>The locations of a call's arguments and the stack bytes they need.</summary>
/// <param name="Arguments">Where each argument goes, in argument order.</param>
/// <param name="StackBytes">The outgoing stack area the call needs, a multiple of the stack alignment.</param>
/// <param name="FloatRegistersUsed">How many float argument registers the arguments take.</param>
public sealed record CallLayout(IReadOnlyList<ArgumentLocation> Arguments, int StackBytes, int FloatRegistersUsed)
{
    /// <summary>
    /// Registers the convention sets to a constant before this call besides the arguments (SysV AMD64 §3.5.7: AL
    /// holds the number of vector registers a variadic call uses); instruction selection loads each one and adds it
    /// to the call's uses.
    /// </summary>
    public IReadOnlyList<ImplicitArgument> ImplicitArguments { get; init; } = [];
}
