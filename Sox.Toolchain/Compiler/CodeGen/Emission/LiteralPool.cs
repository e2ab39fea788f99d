namespace Sox.Compiler.CodeGen.Emission;

/// <summary>
/// A function's pool of 64-bit constants: one label per distinct value, kept in order of first use (the order the
/// pool is laid out in). A small open-addressing table of the compiler's own instead of <c>Dictionary&lt;long,
/// Label&gt;</c>: ReadyToRun cannot precompile the framework's dictionary over <see cref="Label"/>, so it ran as
/// start-up JIT code (tier 0) at every constant load of every function.
/// </summary>
internal sealed class LiteralPool
{
    private readonly ValueBuffer<long> _values = new(0);
    private readonly ValueBuffer<Label> _labels = new(0);
    private int[] _slots = []; // index + 1 into _values, 0: empty; the length is a power of two

    /// <summary>The number of distinct constants.</summary>
    public int Count => _values.Count;

    /// <summary>The constant at <paramref name="index"/> (order of first use).</summary>
    public long Value(int index) => _values[index];

    /// <summary>The label of the constant at <paramref name="index"/>.</summary>
    public Label LabelAt(int index) => _labels[index];

    /// <summary>The label of <paramref name="bits"/>, created in <paramref name="encoder"/> on first use.</summary>
    public Label GetOrAdd(long bits, InstructionEncoder encoder)
    {
        if (_slots.Length > 0)
        {
            var mask = _slots.Length - 1;
            for (var i = Hash(bits) & mask; _slots[i] != 0; i = (i + 1) & mask)
            {
                if (_values[_slots[i] - 1] == bits) return _labels[_slots[i] - 1];
            }
        }
        var label = encoder.CreateLabel();
        _values.Add(bits);
        _labels.Add(label);
        if (_values.Count * 2 > _slots.Length) Rehash();
        else Insert(_values.Count - 1);
        return label;
    }

    private void Rehash()
    {
        _slots = new int[Math.Max(16, _slots.Length * 2)];
        for (var k = 0; k < _values.Count; k++) Insert(k);
    }

    private void Insert(int index)
    {
        var mask = _slots.Length - 1;
        var i = Hash(_values[index]) & mask;
        while (_slots[i] != 0) i = (i + 1) & mask;
        _slots[i] = index + 1;
    }

    private static int Hash(long bits)
    {
        var h = (ulong)bits * 0x9E3779B97F4A7C15UL;
        return (int)(h >> 40);
    }
}
