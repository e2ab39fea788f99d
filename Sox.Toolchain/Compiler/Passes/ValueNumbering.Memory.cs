using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// What memory an address may point into, as far as <see cref="ValueNumbering"/> can tell from how the IR computed
/// it. Each class is justified by how the lowering and the runtime use memory (docs/runtime-abi.md):
/// <list type="bullet">
/// <item><see cref="Symbol"/>: <c>addr S+a</c> plus a constant offset — the module's global slots
/// (<c>sox_globals_M</c>), its property/invoke caches (<c>sox_ics_M</c>) and other module data. Generated code
/// addresses module data only through <c>addr</c> of the symbol (there is no dynamic index into it), so two symbol
/// accesses alias only when they name the same symbol and their byte ranges overlap, and a store through any
/// other address never writes module data (heap stores write fields of instances, cells and closures' capture
/// slots, all heap objects; static objects in module data — strings, capture-free closures — are never written).
/// The runtime writes caches and slots only inside calls, and every call ends every fact.</item>
/// <item><see cref="Slot"/>: <c>slotaddr $n</c> plus a constant offset — this frame's argument arrays. Only
/// accesses through the same slot alias; the slot's address is handed only to calls.</item>
/// <item><see cref="Start"/>: the start of an allocation — an object's unboxed pointer (<c>v &amp;
/// 0x0000ffffffffffff</c>: a boxed object is <c>SIGN|QNAN|address</c> of the object's header), a Sox function's
/// closure parameter, and the pointers an object holds at +16 or from +24 on (an instance's shape, a closure's
/// function descriptor and cells, an array's items, a class's init closure, an instance's overflow array). Every
/// constant-offset access through such a base stays inside that one allocation, and allocations do not overlap,
/// so two such accesses whose offset ranges do not overlap never alias, whatever the bases: different bases are
/// different allocations, equal bases different bytes. This is what lets a shape pointer <c>[obj+16]</c> and a
/// shape id <c>[shape+0]</c> survive a store to a cell's value <c>[cell+8]</c>.</item>
/// <item><see cref="Other"/>: any other heap address, e.g. a field slot <c>obj + [cache+8]</c>. A store through
/// it may write any heap word, so it ends every <see cref="Start"/> and <see cref="Other"/> fact.</item>
/// <item><see cref="Unknown"/>: arithmetic on a symbol or slot address other than through the instruction's
/// constant offset; a store through it ends every fact, and loads through it are not remembered.</item>
/// </list>
/// </summary>
internal enum AddressClass : byte
{
    /// <summary>Any heap address (see the enum's summary).</summary>
    Other,

    /// <summary>The start of an allocation.</summary>
    Start,

    /// <summary>A module data symbol plus a constant.</summary>
    Symbol,

    /// <summary>A frame slot plus a constant.</summary>
    Slot,

    /// <summary>Computed from a symbol or slot address in a way not tracked.</summary>
    Unknown,
}

/// <summary>A load (or store, for forwarding) whose value is known: at <c>(Class, Base, Offset)</c>, <see cref="Width"/>
/// bytes of type <see cref="Type"/> have value number <see cref="Vn"/>, held by register <see cref="Holder"/>.</summary>
internal struct AvailableLoad
{
    /// <summary>The address class.</summary>
    public AddressClass Class;

    /// <summary>Symbol number, slot id, or (heap) the base's value number.</summary>
    public long Base;

    /// <summary>Byte offset from the symbol, slot or base.</summary>
    public long Offset;

    /// <summary>Access width in bytes.</summary>
    public int Width;

    /// <summary>The type of the value.</summary>
    public IrType Type;

    /// <summary>The value number of the value.</summary>
    public int Vn;

    /// <summary>The register holding the value.</summary>
    public int Holder;

    /// <summary>Definition count of a multiply-assigned holder when it took the value.</summary>
    public int Generation;

    /// <summary>Block visit of a multiply-assigned holder when it took the value.</summary>
    public int Stamp;

    /// <summary>True when a store of <paramref name="width"/> bytes at (<paramref name="cls"/>, <paramref name="b"/>,
    /// <paramref name="offset"/>) may change this value (the rules in <see cref="AddressClass"/>).</summary>
    public readonly bool KilledBy(AddressClass cls, long b, long offset, int width)
    {
        var overlaps = Offset < offset + width && offset < Offset + Width;
        return cls switch
        {
            AddressClass.Symbol or AddressClass.Slot => Class == cls && Base == b && overlaps,
            AddressClass.Start => Class == AddressClass.Other || (Class == AddressClass.Start && overlaps),
            AddressClass.Other => Class is AddressClass.Other or AddressClass.Start,
            _ => true,
        };
    }
}

/// <summary>The loads known at one point: a short flat list (linear search; bounded so a long block stays linear).</summary>
internal sealed class AvailableLoads
{
    /// <summary>The most values remembered at once; more are not added.</summary>
    public const int Capacity = 48;

    private AvailableLoad[] _items = new AvailableLoad[8];

    /// <summary>Changes with every change of the list (to share unchanged snapshots).</summary>
    public int Version { get; private set; }

    /// <summary>Notes a change made through the indexer.</summary>
    public void Touch() => Version++;

    /// <summary>How many are known.</summary>
    public int Count { get; private set; }

    /// <summary>The <paramref name="i"/>th known value.</summary>
    public ref AvailableLoad this[int i] => ref _items[i];

    /// <summary>Forgets everything (a call, an instruction with unknown effects).</summary>
    public void Clear()
    {
        if (Count > 0) Version++;
        Count = 0;
    }

    /// <summary>Remembers <paramref name="load"/> when there is room.</summary>
    public void Add(in AvailableLoad load)
    {
        if (Count == Capacity) return;
        Version++;
        if (Count == _items.Length) Array.Resize(ref _items, Capacity);
        _items[Count++] = load;
    }

    /// <summary>Forgets every value a store at (<paramref name="cls"/>, <paramref name="b"/>, <paramref name="offset"/>)
    /// of <paramref name="width"/> bytes may change.</summary>
    public void Kill(AddressClass cls, long b, long offset, int width)
    {
        if (cls == AddressClass.Unknown)
        {
            Clear();
            return;
        }
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (!_items[i].KilledBy(cls, b, offset, width)) _items[kept++] = _items[i];
        }
        if (kept != Count) Version++;
        Count = kept;
    }

    /// <summary>Copies the current list to <paramref name="target"/> (exactly <see cref="Count"/> long).</summary>
    public void CopyTo(Span<AvailableLoad> target) => _items.AsSpan(0, Count).CopyTo(target);

    /// <summary>Replaces the list with <paramref name="items"/>.</summary>
    public void Load(ReadOnlySpan<AvailableLoad> items)
    {
        if (items.Length > _items.Length) Array.Resize(ref _items, Capacity);
        items.CopyTo(_items);
        Count = items.Length;
        Version++;
    }
}
