
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
public enum DataKind { StringObject, CString, FunctionDescriptor, GlobalSlots, ModuleState, Other }

/// <summary>
/// A named, initialised piece of data. Pointers to other symbols are left as zero bytes in <see cref="Bytes"/> and
/// listed in <see cref="Relocations"/> as <see cref="RelocationKind.Absolute64"/> at their offset.
/// </summary>
public sealed class DataItem
{
    public DataItem(string symbol, Linkage linkage, DataSection section, DataKind kind, int alignment, byte[] bytes)
    {
        Symbol = symbol;
        Linkage = linkage;
        Section = section;
        Kind = kind;
        Alignment = alignment;
        Bytes = bytes;
    }

    public string Symbol { get; }

    public Linkage Linkage { get; }

    public DataSection Section { get; }

    public DataKind Kind { get; }

    public int Alignment { get; }

    public byte[] Bytes { get; }

    public List<SymbolRelocation> Relocations { get; } = new();

    /// <summary>Writes a 64-bit absolute pointer to <paramref name="target"/>+<paramref name="addend"/> at <paramref name="offset"/>.</summary>
    public void AddPointer(int offset, string target, long addend = 0) =>
        Relocations.Add(new SymbolRelocation(offset, RelocationKind.Absolute64, target, addend));

    public override string ToString() => Symbol;
}
