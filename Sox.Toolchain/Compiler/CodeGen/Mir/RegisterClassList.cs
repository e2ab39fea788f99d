namespace Sox.Compiler.CodeGen.Mir;

/// <summary>
/// The class of each virtual register of a <see cref="MachineFunction"/>, by index: a growable array of the compiler's
/// own rather than <c>List&lt;RegisterClass&gt;</c>, whose code ReadyToRun cannot precompile (the framework's generic
/// code over the compiler's enum), so it ran as start-up JIT code on every register the allocator looked at.
/// </summary>
public sealed class RegisterClassList
{
    private RegisterClass[] _items = [];

    /// <summary>The number of virtual registers.</summary>
    public int Count { get; private set; }

    /// <summary>The class of virtual register <paramref name="index"/>.</summary>
    public RegisterClass this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Room for this many registers before the array grows (only a capacity: the contents do not change).</summary>
    public int Capacity
    {
        get => _items.Length;
        set
        {
            if (value > _items.Length) Array.Resize(ref _items, value);
        }
    }

    /// <summary>The classes of all <see cref="Count"/> registers, without a copy (valid until the next <see cref="Add"/>).</summary>
    public ReadOnlySpan<RegisterClass> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>Appends the class of a new virtual register.</summary>
    public void Add(RegisterClass cls)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Math.Max(16, _items.Length * 2));
        _items[Count++] = cls;
    }
}
