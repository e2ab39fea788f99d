using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// One function encoded on its own: its bytes, relocations and line-change points, all with offsets from the
/// function's start. Branches never leave a function, so encoding (and branch relaxation) per function gives the
/// same bytes as one encoder for the whole module; <see cref="Join"/> lays the functions out as that encoder did.
/// </summary>
public sealed record FunctionCode(byte[] Code, IReadOnlyList<SymbolRelocation> Relocations, IReadOnlyList<(int Offset, int Line)> Lines)
{
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
            foreach (var relocation in part.Relocations) relocations[r++] = relocation with { Offset = relocation.Offset + start };
            compiled[i] = new CompiledFunction(functions[i], start, part.Code.Length, part.Lines);
            offset = start + part.Code.Length;
        }
        return new CompiledCode(code, relocations, compiled);
    }

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) & -alignment;
}

/// <summary>Fills alignment padding with the target's no-op instructions.</summary>
public delegate void PaddingWriter(Span<byte> gap);
