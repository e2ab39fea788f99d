using Sox.Compiler.Ir;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// One function encoded on its own: its bytes, relocations and line-change points, all with offsets from the
/// function's start. Branches never leave a function, so encoding (and branch relaxation) per function gives the
/// same bytes as one encoder for the whole module; <see cref="Join"/> lays the functions out as that encoder did.
/// </summary>
public sealed record FunctionCode(byte[] Code, IReadOnlyList<SymbolRelocation> Relocations, IReadOnlyList<(int Offset, int Line)> Lines)
{
    /// <summary>The prologue's size and steps (offsets from the function's start), for unwind data; null when not recorded.</summary>
    public FunctionPrologue? Prologue { get; init; }

    /// <summary>The 1-based source column of each of <see cref="Lines"/>' points, in the same order (0: unknown); empty when not recorded.</summary>
    public IReadOnlyList<int> Columns { get; init; } = [];

    /// <summary>The epilogues' steps (offsets from the function's start), for call frame information; empty when not recorded.</summary>
    public IReadOnlyList<(int Offset, Emission.PrologueStep Step)> Epilogue { get; init; } = [];

    /// <summary>Offset from the function's start of the first byte after its prologue (debug line tables mark it
    /// <c>prologue_end</c>); null when the emitter did not record it.</summary>
    public int? PrologueEnd { get; init; }

    /// <summary>The function's Sox variables and where they live (offsets from its start); empty unless
    /// <see cref="CodeGenOptions.DescribeVariables"/>.</summary>
    public IReadOnlyList<DebugVariable> Variables { get; init; } = [];

    /// <summary>
    /// The module's code: each function at the next multiple of <paramref name="alignment"/>, the gap filled by
    /// <paramref name="padding"/> (the target's NOPs), in the order of <paramref name="functions"/>.
    /// </summary>
    public static CompiledCode Join(IReadOnlyList<IrFunction> functions, IReadOnlyList<FunctionCode> parts, int alignment, PaddingWriter padding)
    {
        var size = 0;
        foreach (var part in parts) size = AlignUp(size, alignment) + part.Code.Length;
        var code = new byte[size];
        var relocationCount = 0;
        foreach (var part in parts) relocationCount += part.Relocations.Count;
        var relocations = new SymbolRelocation[relocationCount];
        var compiled = new CompiledFunction[parts.Count];
        int offset = 0, r = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var start = AlignUp(offset, alignment);
            padding(code.AsSpan(offset, start - offset));
            part.Code.CopyTo(code, start);
            if (part.Relocations is SymbolRelocation[] own)
            {
                // The encoder's array, indexed: the framework's array enumerator over our struct is JIT-compiled code.
                for (var k = 0; k < own.Length; k++) relocations[r++] = own[k] with { Offset = own[k].Offset + start };
            }
            else
            {
                foreach (var relocation in part.Relocations) relocations[r++] = relocation with { Offset = relocation.Offset + start };
            }
            compiled[i] = new CompiledFunction(functions[i], start, part.Code.Length, part.Lines) { Prologue = part.Prologue, Epilogue = part.Epilogue, PrologueEnd = part.PrologueEnd, Columns = part.Columns, Variables = part.Variables };
            offset = start + part.Code.Length;
        }
        return new CompiledCode(code, relocations, compiled);
    }

    /// <summary>
    /// The backends' common driver: compiles each function on its own with <paramref name="compile"/> (selection,
    /// allocation, frame, encoding: the target's part), several at a time (<see cref="FunctionParallelism"/>), hands
    /// the listings to <see cref="CodeGenOptions.DumpMachineCode"/> in function order, and joins the parts, so the
    /// bytes do not depend on the schedule.
    /// </summary>
    public static CompiledCode CompileAll(IReadOnlyList<IrFunction> functions, CodeGenOptions options, int alignment, PaddingWriter padding,
        Func<IrFunction, bool, (FunctionCode Code, string? Listing)> compile)
    {
        var parts = new FunctionCode[functions.Count];
        var listings = options.DumpMachineCode is null ? null : new string?[functions.Count];
        FunctionParallelism.For(functions, i =>
        {
            var (code, listing) = compile(functions[i], listings is not null);
            parts[i] = code;
            if (listings is not null) listings[i] = listing;
        });
        if (listings is not null)
        {
            foreach (var listing in listings) options.DumpMachineCode!(listing ?? "");
        }
        return Join(functions, parts, alignment, padding);
    }

    /// <summary>The bytes of one function between two offsets of its encoder's output, with offsets made function-relative.</summary>
    /// <remarks>The line points are already function-relative. When the function is the whole output (the usual case:
    /// one encoder per function) the bytes and relocations are taken as they are, not copied.</remarks>
    public static FunctionCode Slice(byte[] code, IReadOnlyList<SymbolRelocation> relocations, int start, int end, (int Offset, int Line)[] lines)
    {
        if (start == 0) return new(end == code.Length ? code : code[..end], relocations, lines);
        var moved = new SymbolRelocation[relocations.Count];
        for (var i = 0; i < moved.Length; i++) moved[i] = relocations[i] with { Offset = relocations[i].Offset - start };
        return new(code[start..end], moved, lines);
    }

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) & -alignment;
}

/// <summary>A function's prologue for unwind data: its size in bytes and each step with the offset of the end of its instruction.</summary>
/// <param name="Size">Bytes from the function's start to the end of the prologue.</param>
/// <param name="Steps">The steps in prologue order.</param>
public sealed record FunctionPrologue(int Size, IReadOnlyList<(int Offset, Emission.PrologueStep Step)> Steps);

/// <summary>Fills alignment padding with the target's no-op instructions.</summary>
public delegate void PaddingWriter(Span<byte> gap);
