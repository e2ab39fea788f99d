using System.Runtime.InteropServices;
using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles;

/// <summary>
/// A section of an <see cref="ObjectFile"/>: its bytes (or, for <see cref="ObjectSectionKind.Bss"/>, only a size),
/// its alignment and the relocations that patch its bytes. Code generators append encoded functions and data
/// and get back the offset at which each landed; relocation offsets are relative to the section start.
/// Created through <see cref="ObjectFile.GetOrAddSection"/> and <see cref="ObjectFile.AddCustomSection"/>.
/// </summary>
public sealed class ObjectSection
{
    private readonly List<byte> _bytes = [];
    private readonly RelocationList _relocations = new();
    private int _bssSize;

    internal ObjectSection(ObjectSectionKind kind, string name, ObjectSectionFlags flags, int alignment)
    {
        CheckAlignment(alignment);
        Kind = kind;
        Name = name;
        Flags = flags;
        Alignment = alignment;
    }

    /// <summary>What the section holds.</summary>
    public ObjectSectionKind Kind { get; }

    /// <summary>The section's name: the ELF/COFF conventional name for standard kinds (<c>.text</c>, …), the caller's
    /// for custom ones. Serializers whose names differ (Mach-O) map standard sections by <see cref="Kind"/>.</summary>
    public string Name { get; }

    /// <summary>The run-time properties of the section's memory.</summary>
    public ObjectSectionFlags Flags { get; }

    /// <summary>The section's required alignment in bytes, a power of two; raised by <see cref="AlignTo"/>.</summary>
    public int Alignment { get; private set; }

    /// <summary>Whether the section is zero-initialised and occupies no file bytes.</summary>
    public bool IsBss => Kind == ObjectSectionKind.Bss;

    /// <summary>The section's size in bytes (for bss, the reserved size).</summary>
    public int Size => IsBss ? _bssSize : _bytes.Count;

    /// <summary>The section's contents; empty for bss.</summary>
    public ReadOnlySpan<byte> Bytes => CollectionsMarshal.AsSpan(_bytes);

    /// <summary>The relocations against this section's bytes, in the order they were added.</summary>
    public IReadOnlyList<SymbolRelocation> Relocations => _relocations;

    /// <summary>Appends <paramref name="data"/> and returns the offset at which it starts.</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        if (IsBss) throw new InvalidOperationException($"Section {Name} is bss and holds no bytes; use {nameof(Reserve)}.");
        int offset = _bytes.Count;
        _bytes.AddRange(data);
        return offset;
    }

    /// <summary>
    /// Appends encoded code or data together with its relocations, whose offsets are relative to the start of
    /// <paramref name="data"/> (as an encoder reports them); returns the offset at which the data starts.
    /// </summary>
    public int Append(ReadOnlySpan<byte> data, IEnumerable<SymbolRelocation> relocations)
    {
        ArgumentNullException.ThrowIfNull(relocations);
        int offset = Append(data);
        if (relocations is SymbolRelocation[] array)
        {
            // The encoder's relocations: an indexed loop over the array, not the framework's array enumerator over the
            // compiler's struct (JIT-compiled: ReadyToRun cannot precompile it).
            _relocations.EnsureCapacity(_relocations.Count + array.Length);
            for (var i = 0; i < array.Length; i++) AddRelocation(array[i] with { Offset = checked(array[i].Offset + offset) });
            return offset;
        }
        if (relocations is IReadOnlyCollection<SymbolRelocation> known) _relocations.EnsureCapacity(_relocations.Count + known.Count);
        foreach (var relocation in relocations)
            AddRelocation(relocation with { Offset = checked(relocation.Offset + offset) });
        return offset;
    }

    /// <summary>
    /// Pads the section to a multiple of <paramref name="alignment"/> with <paramref name="fill"/> (for bss, by
    /// reserving) and raises the section's alignment to at least that; returns the aligned offset.
    /// </summary>
    public int AlignTo(int alignment, byte fill = 0)
    {
        CheckAlignment(alignment);
        Alignment = Math.Max(Alignment, alignment);
        int padding = (alignment - Size % alignment) % alignment;
        if (IsBss) _bssSize += padding;
        else for (int i = 0; i < padding; i++) _bytes.Add(fill);
        return Size;
    }

    /// <summary>Reserves <paramref name="size"/> zero bytes in a bss section at the given alignment; returns their offset.</summary>
    public int Reserve(int size, int alignment = 1)
    {
        if (!IsBss) throw new InvalidOperationException($"Section {Name} is not bss; use {nameof(Append)}.");
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        int offset = AlignTo(alignment);
        _bssSize = checked(_bssSize + size);
        return offset;
    }

    /// <summary>Adds a relocation whose offset is relative to the section start; the patched field must lie inside
    /// the bytes already appended.</summary>
    public void AddRelocation(SymbolRelocation relocation)
    {
        if (IsBss) throw new InvalidOperationException($"Section {Name} is bss and cannot hold relocations.");
        ArgumentException.ThrowIfNullOrEmpty(relocation.Symbol, nameof(relocation));
        int width = FieldWidth(relocation.Kind);
        if (relocation.Offset < 0 || relocation.Offset + width > _bytes.Count)
            throw new ArgumentOutOfRangeException(nameof(relocation),
                $"Relocation at 0x{relocation.Offset:x} ({width} bytes) lies outside {Name} (0x{_bytes.Count:x} bytes).");
        _relocations.Add(relocation);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind}, {Size} bytes, align {Alignment})";

    /// <summary>The number of bytes the linker patches for a relocation of the given kind.</summary>
    internal static int FieldWidth(RelocationKind kind) => kind switch
    {
        RelocationKind.Absolute64 => 8,
        RelocationKind.SectionIndex16 => 2,
        _ => 4,
    };

    private static void CheckAlignment(int alignment)
    {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Alignment must be a power of two.");
    }
}
