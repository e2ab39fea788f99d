namespace Sox.Compiler.Ir;

/// <summary>
/// A call, direct to <see cref="Symbol"/> or indirect through the code pointer in <see cref="Target"/> (exactly one
/// is set). With <see cref="CallingConvention.Sox"/> the first argument is the raw closure pointer and every
/// argument is I64; with <see cref="CallingConvention.C"/> arguments and result are I64 or F64 and are passed per
/// the platform C ABI by their IR type. <see cref="NoReturn"/> marks runtime error functions
/// (<c>sox_undefined_variable</c>, …); such a call has no result and is followed by <see cref="UnreachableInst"/>.
/// </summary>
public sealed class CallInst : Instruction
{
    /// <summary>A direct call of the function named <paramref name="symbol"/>; <paramref name="noReturn"/> for runtime error functions.</summary>
    public CallInst(string symbol, CallingConvention convention, IReadOnlyList<VReg> arguments, VReg? result, int line, bool noReturn = false)
        : base(line)
    {
        Symbol = symbol;
        Convention = convention;
        Arguments = arguments;
        Result = result;
        NoReturn = noReturn;
    }

    /// <summary>An indirect call through the code pointer in <paramref name="target"/>.</summary>
    public CallInst(VReg target, CallingConvention convention, IReadOnlyList<VReg> arguments, VReg? result, int line)
        : base(line)
    {
        Target = target;
        Convention = convention;
        Arguments = arguments;
        Result = result;
    }

    /// <summary>The function called directly, or null for an indirect call.</summary>
    public string? Symbol { get; }

    /// <summary>The register holding the code pointer of an indirect call, or null for a direct call.</summary>
    public VReg? Target { get; }

    /// <summary>How arguments and the result are passed.</summary>
    public CallingConvention Convention { get; }

    /// <summary>The argument registers in order (for Sox calls, the closure pointer first).</summary>
    public IReadOnlyList<VReg> Arguments { get; }

    /// <summary>The register receiving the result, or null when the result is unused or there is none.</summary>
    public VReg? Result { get; }

    /// <summary>True for a call that never returns (a runtime error function).</summary>
    public bool NoReturn { get; }

    /// <summary>
    /// For a call of a variadic C function (§9 <c>...</c>), the number of named arguments; the rest are variadic
    /// (SysV sets AL to the vector registers used; Apple arm64 passes them on the stack). Null for other calls.
    /// </summary>
    public int? FixedArgumentCount { get; init; }

    /// <summary>
    /// For C calls, each argument's C size in bytes (1, 4 or 8), which decides stack packing on Apple arm64
    /// (<see cref="CodeGen.CallingConvention"/>); null means every argument is 8 bytes.
    /// </summary>
    public IReadOnlyList<int>? ArgumentWidths { get; init; }

    /// <summary>
    /// For the direct call of a method closure that an invoke site's cache found (<c>a.m(x)</c>), the method's name
    /// <c>m</c>: the method inliner compares the closure's code with the module's methods of that name
    /// (<c>MethodInlining</c>). Null for every other call.
    /// </summary>
    public string? InvokedMethod { get; init; }

    /// <inheritdoc/>
    public override VReg? Dest => Result;

    /// <inheritdoc/>
    /// <remarks>An indirect call's list (target, then arguments) is built once: passes ask for it many times.</remarks>
    public override IReadOnlyList<VReg> Uses => Target is null ? Arguments : _uses ??= [Target, .. Arguments];

    private IReadOnlyList<VReg>? _uses;
}
