using System.Collections;
using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles;

/// <summary>
/// A section's relocations in the order they were added: a growable array of the compiler's own rather than
/// <c>List&lt;SymbolRelocation&gt;</c>, whose code ReadyToRun cannot precompile (the framework's generic code over the
/// compiler's struct), so adding and reading relocations ran as start-up JIT code.
/// </summary>
public sealed class RelocationList : IReadOnlyList<SymbolRelocation>
{
    private SymbolRelocation[] _items = new SymbolRelocation[8];

    /// <inheritdoc />
    public int Count { get; private set; }

    /// <inheritdoc />
    public SymbolRelocation this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Makes room for <paramref name="capacity"/> relocations in all.</summary>
    internal void EnsureCapacity(int capacity)
    {
        if (capacity <= _items.Length) return;
        var grown = new SymbolRelocation[Math.Max(capacity, _items.Length * 2)];
        Array.Copy(_items, grown, Count);
        _items = grown;
    }

    /// <summary>Appends <paramref name="relocation"/>.</summary>
    internal void Add(SymbolRelocation relocation)
    {
        if (Count == _items.Length) EnsureCapacity(Count + 1);
        _items[Count++] = relocation;
    }

    /// <inheritdoc />
    public IEnumerator<SymbolRelocation> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return _items[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
