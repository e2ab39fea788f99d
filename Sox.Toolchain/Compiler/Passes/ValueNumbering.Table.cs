namespace Sox.Compiler.Passes;

/// <summary>
/// The scoped expression table of <see cref="ValueNumbering"/>: an open-addressing hash table from an expression
/// (kind, two operand words) to the value number it computes and the register that holds it, with an undo log so
/// that leaving a dominator-tree node forgets exactly what its block added (entries are only ever added or
/// overwritten, and undone in reverse order, so restoring a slot to its previous content — empty included — keeps
/// every probe sequence intact). Flat arrays, no per-entry allocation.
/// </summary>
internal sealed class ValueNumberingTable
{
    /// <summary>One expression and where its value is.</summary>
    internal struct Entry
    {
        /// <summary>Expression kind (opcode and sub-operation); 0 marks an empty slot.</summary>
        public int Kind;

        /// <summary>First operand word (a value number, constant bits or symbol number).</summary>
        public long A;

        /// <summary>Second operand word.</summary>
        public long B;

        /// <summary>The value number of the expression.</summary>
        public int Vn;

        /// <summary>The register holding the value (-1: none, e.g. constants, which are never replaced).</summary>
        public int Holder;

        /// <summary>For a register with several definitions: its definition count when it took the value.</summary>
        public int Generation;

        /// <summary>For a register with several definitions: the block visit in which it took the value.</summary>
        public int Stamp;

        /// <summary>The call epoch (<see cref="ValueNumbering"/>) when the holder took the value: an F64 holder
        /// stands in only within the same epoch.</summary>
        public int Epoch;
    }

    private Entry[] _slots = [];
    private int _mask;
    private int _capacity;
    private int _count;
    // The undo log: a slot that was empty (most insertions), or ~slot with its old entry in _overwritten.
    private readonly List<int> _undo = new();
    private readonly List<Entry> _overwritten = new();

    /// <summary>Empties the table and sizes it for <paramref name="expected"/> entries (the slot array is reused
    /// when large enough; only the part in use is cleared).</summary>
    public void Reset(int expected)
    {
        var capacity = 16;
        while (capacity < expected * 2) capacity <<= 1;
        if (_slots.Length < capacity) _slots = new Entry[capacity];
        else Array.Clear(_slots, 0, capacity);
        _capacity = capacity;
        _mask = capacity - 1;
        _count = 0;
        _undo.Clear();
        _overwritten.Clear();
    }

    /// <summary>A position of the undo log to return to with <see cref="Restore"/>.</summary>
    public int Mark => _undo.Count;

    /// <summary>The slot of the expression: holding it, or the empty slot where it would go.</summary>
    public int Find(int kind, long a, long b)
    {
        var h = Hash(kind, a, b) & _mask;
        while (true)
        {
            ref var e = ref _slots[h];
            if (e.Kind == 0 || (e.Kind == kind && e.A == a && e.B == b)) return h;
            h = (h + 1) & _mask;
        }
    }

    /// <summary>The entry in <paramref name="slot"/> (Kind 0 when empty).</summary>
    public ref Entry At(int slot) => ref _slots[slot];

    /// <summary>Puts <paramref name="entry"/> into <paramref name="slot"/> (from <see cref="Find"/>), logging the old content.</summary>
    public void Set(int slot, Entry entry)
    {
        if (_slots[slot].Kind == 0)
        {
            _count++;
            _undo.Add(slot);
        }
        else
        {
            _undo.Add(~slot);
            _overwritten.Add(_slots[slot]);
        }
        _slots[slot] = entry;
    }

    /// <summary>True when the table is more than half full (the caller then stops adding, keeping probes short).</summary>
    public bool Crowded => _count * 2 > _capacity;

    /// <summary>Undoes every <see cref="Set"/> after <paramref name="mark"/>, latest first.</summary>
    public void Restore(int mark)
    {
        for (var i = _undo.Count - 1; i >= mark; i--)
        {
            var slot = _undo[i];
            if (slot >= 0)
            {
                _count--;
                _slots[slot] = default;
            }
            else
            {
                _slots[~slot] = _overwritten[^1];
                _overwritten.RemoveAt(_overwritten.Count - 1);
            }
        }
        _undo.RemoveRange(mark, _undo.Count - mark);
    }

    private static int Hash(int kind, long a, long b)
    {
        var h = (ulong)kind * 0x9E3779B97F4A7C15UL;
        h ^= (ulong)a + 0x7F4A7C159E3779B9UL + (h << 6) + (h >> 2);
        h ^= (ulong)b + 0x94D049BB133111EBUL + (h << 6) + (h >> 2);
        h ^= h >> 31;
        return (int)(h ^ (h >> 29));
    }
}
