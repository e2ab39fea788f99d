
namespace Sox.Compiler.Ir;

/// <summary>Where a data item goes; object writers map these to their sections.</summary>
public enum DataSection
{
    /// <summary>Writable data (<c>.data</c>): global slots, module state, static string objects (their header flags are runtime-owned bits).</summary>
    Data,
    /// <summary>Read-only after relocation (<c>.data.rel.ro</c>): SoxFunction descriptors, test lists.</summary>
    ReadOnlyRelocated,
    /// <summary>Read-only bytes without relocations (<c>.rodata</c>): NUL-terminated C strings.</summary>
    ReadOnly,
}

/// <summary>What a data item is for (documentation and dumps; the bytes are authoritative).</summary>
public enum DataKind
{
    /// <summary>A static <c>SoxString</c> object (a string literal).</summary>
    StringObject,

    /// <summary>NUL-terminated bytes for C (names, messages).</summary>
    CString,

    /// <summary>A <c>SoxFunction</c> descriptor: name, arity, invoke thunk.</summary>
    FunctionDescriptor,

    /// <summary>The module's global variable slots (GC roots).</summary>
    GlobalSlots,

    /// <summary>The module's state word (reserved: lowering emits none today).</summary>
    ModuleState,

    /// <summary>Anything else (test and bench lists, property caches).</summary>
    Other,
}

/// <summary>
/// A named, initialised piece of data. Pointers to other symbols are left as zero bytes in <see cref="Bytes"/> and
/// listed in <see cref="Relocations"/> as <see cref="RelocationKind.Absolute64"/> at their offset.
/// </summary>
public sealed class DataItem
{
    /// <summary>A data item with its final bytes; pointers in it are added with <see cref="AddPointer"/>.</summary>
    public DataItem(string symbol, Linkage linkage, DataSection section, DataKind kind, int alignment, byte[] bytes)
    {
        Symbol = symbol;
        Linkage = linkage;
        Section = section;
        Kind = kind;
        Alignment = alignment;
        Bytes = bytes;
    }

    /// <summary>The symbol naming the item's first byte.</summary>
    public string Symbol { get; }

    /// <summary>Whether other object files may refer to the symbol.</summary>
    public Linkage Linkage { get; }

    /// <summary>The section the item is placed in.</summary>
    public DataSection Section { get; }

    /// <summary>What the item is for (dumps only).</summary>
    public DataKind Kind { get; }

    /// <summary>The required alignment in bytes (a power of two).</summary>
    public int Alignment { get; }

    /// <summary>The contents, with zeros where relocations will put pointers.</summary>
    public byte[] Bytes { get; }

    /// <summary>The pointers to other symbols inside <see cref="Bytes"/>, by offset.</summary>
    public List<SymbolRelocation> Relocations { get; } = new();

    /// <summary>Writes a 64-bit absolute pointer to <paramref name="target"/>+<paramref name="addend"/> at <paramref name="offset"/>.</summary>
    public void AddPointer(int offset, string target, long addend = 0) =>
        Relocations.Add(new SymbolRelocation(offset, RelocationKind.Absolute64, target, addend));

    /// <summary>The <see cref="Symbol"/>.</summary>
    public override string ToString() => Symbol;
}
