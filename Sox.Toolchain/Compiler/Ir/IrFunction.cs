using Sox.Compiler.Semantics;

namespace Sox.Compiler.Ir;

/// <summary>
/// One native function: a Sox function body, an invoke thunk, a module initialiser or the program entry.
/// <see cref="Blocks"/>[0] is the entry block and has no predecessors. Parameters are registers defined on entry.
/// </summary>
public sealed class IrFunction
{
    private readonly List<VReg> _registers = new();
    private int _nextBlockId;

    /// <summary>An empty function; add parameters, blocks and slots with the <c>New…</c> and <see cref="AddParameter"/> methods.</summary>
    public IrFunction(string symbol, Linkage linkage, CallingConvention convention, IrType? returnType)
    {
        Symbol = symbol;
        Linkage = linkage;
        Convention = convention;
        ReturnType = returnType;
    }

    /// <summary>The symbol of the function's code in the object file.</summary>
    public string Symbol { get; }

    /// <summary>Whether other object files may call the function.</summary>
    public Linkage Linkage { get; }

    /// <summary>How the function receives its parameters and returns its result.</summary>
    public CallingConvention Convention { get; }

    /// <summary>Null for a function that returns nothing (<c>void</c>).</summary>
    public IrType? ReturnType { get; }

    /// <summary>The parameter registers in ABI order, defined on entry.</summary>
    public List<VReg> Parameters { get; } = new();

    /// <summary>
    /// For a C-convention function with C-typed parameters (a §9 export), each parameter's C size in bytes, which
    /// decides where a stack parameter lies on Apple arm64; null means 8 bytes each.
    /// </summary>
    public IReadOnlyList<int>? ParameterWidths { get; set; }

    /// <summary>The blocks in layout order; the first is the entry.</summary>
    public List<BasicBlock> Blocks { get; } = new();

    /// <summary>The fixed-size areas of the function's frame.</summary>
    public List<StackSlot> StackSlots { get; } = new();

    /// <summary>Every register created for this function, indexed by <see cref="VReg.Id"/>.</summary>
    public IReadOnlyList<VReg> Registers => _registers;

    /// <summary>The Sox function this was lowered from (null for thunks, initialisers' helpers and the entry).</summary>
    public FunctionInfo? Source { get; init; }

    /// <summary>
    /// The name stack traces print for this function's frames (runtime-abi.md line tables): the function's name,
    /// or null for a script (<c>[line N] in script</c>). Functions that never appear in traces (thunks) set
    /// <see cref="InLineTable"/> false.
    /// </summary>
    public string? TraceName { get; init; }

    /// <summary>True when the backend must emit a line-table entry for this function.</summary>
    public bool InLineTable { get; init; } = true;

    /// <summary>
    /// True for the C entry of an <c>export fn</c> (§9): a shared library exports it, and only it, to its users. Global
    /// linkage alone does not say so: module initialisers and cross-module functions are global too.
    /// </summary>
    public bool IsExported { get; init; }

    /// <summary>The source line of the function's declaration (1 for a module's top level), for debugging
    /// information; 0 when unknown (compiler-made functions).</summary>
    public int DeclarationLine { get; init; }

    /// <summary>The Sox variables a debugger can show, in declaration order (see <see cref="IrDebugVariable"/>);
    /// recorded at every optimisation level, with or without debugging information.</summary>
    public List<IrDebugVariable> DebugVariables { get; } = new();

    /// <summary>True when the body registers defers (it owns a defer-list slot and runs it on every return).</summary>
    public bool HasDefers { get; set; }

    /// <summary>The entry block (<see cref="Blocks"/>[0]).</summary>
    public BasicBlock Entry => Blocks[0];

    /// <summary>A new register of <paramref name="type"/>; <paramref name="hint"/> names it in dumps.</summary>
    public VReg NewRegister(IrType type, string? hint = null)
    {
        var r = new VReg(_registers.Count, type, hint);
        _registers.Add(r);
        return r;
    }

    /// <summary>A new register appended to <see cref="Parameters"/>.</summary>
    public VReg AddParameter(IrType type, string? hint = null)
    {
        var r = NewRegister(type, hint);
        Parameters.Add(r);
        return r;
    }

    /// <summary>A new empty block at the end of the layout.</summary>
    public BasicBlock NewBlock(string? hint = null)
    {
        var b = new BasicBlock(_nextBlockId++, hint);
        Blocks.Add(b);
        return b;
    }

    /// <summary>A new block placed right after <paramref name="after"/> in layout order (fast paths fall through).</summary>
    public BasicBlock NewBlockAfter(BasicBlock after, string? hint = null)
    {
        var b = new BasicBlock(_nextBlockId++, hint);
        Blocks.Insert(Blocks.IndexOf(after) + 1, b);
        return b;
    }

    /// <summary>A new frame slot of <paramref name="size"/> bytes aligned to <paramref name="alignment"/>.</summary>
    public StackSlot NewStackSlot(int size, int alignment, string? hint = null)
    {
        var s = new StackSlot(StackSlots.Count, size, alignment, hint);
        StackSlots.Add(s);
        return s;
    }

    /// <summary>The <see cref="Symbol"/>.</summary>
    public override string ToString() => Symbol;
}
