namespace Sox.Compiler.CodeGen;

/// <summary>
/// A growable array of values, for the backend's hot paths. The framework's <c>List&lt;T&gt;</c> instantiated over
/// the compiler's own structs cannot be precompiled by ReadyToRun (its code lives outside the compiler's version
/// bubble), so every such instantiation is JIT-compiled at start-up; this type is the compiler's own, so it is
/// precompiled. The indexer returns a reference, so elements can be updated in place.
/// </summary>
internal sealed class ValueBuffer<T>
{
    private T[] _items;

    /// <summary>An empty buffer with room for <paramref name="capacity"/> elements.</summary>
    public ValueBuffer(int capacity = 8) => _items = capacity > 0 ? new T[capacity] : [];

    /// <summary>The number of elements.</summary>
    public int Count { get; private set; }

    /// <summary>The element at <paramref name="index"/> (no bounds check beyond the array's).</summary>
    public ref T this[int index] => ref _items[index];

    /// <summary>The last element.</summary>
    public ref T Last => ref _items[Count - 1];

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Math.Max(8, _items.Length * 2));
        _items[Count++] = item;
    }

    /// <summary>The backing array: the first <see cref="Count"/> elements are the buffer's, the rest is spare room. For handing
    /// the elements on without a copy; the buffer must not be used afterwards.</summary>
    public T[] Items => _items;

    /// <summary>The elements as a span.</summary>
    public ReadOnlySpan<T> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>A copy of the elements (through <see cref="Array.Copy(Array, Array, int)"/>, not a span: the span's generic
    /// code over the compiler's structs would be JIT-compiled too).</summary>
    public T[] ToArray()
    {
        if (Count == 0) return [];
        var result = new T[Count];
        Array.Copy(_items, result, Count);
        return result;
    }
}
