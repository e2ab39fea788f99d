using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// The range of instruction positions over which a virtual register is live, without holes (a conservative
/// simplification of Poletto–Sarkar linear scan: one interval per register, no splitting). Positions: the
/// instruction with linear index i reads its operands at 2i and writes its results at 2i + 1.
/// </summary>
public sealed class LiveInterval
{
    /// <summary>An empty interval for virtual register <paramref name="virtualIndex"/> of class <paramref name="cls"/>.</summary>
    public LiveInterval(int virtualIndex, RegisterClass cls)
    {
        VirtualIndex = virtualIndex;
        Class = cls;
    }

    /// <summary>The virtual register.</summary>
    public int VirtualIndex { get; private set; }

    /// <summary>Its register class.</summary>
    public RegisterClass Class { get; private set; }

    /// <summary>The first position it is live at.</summary>
    public int Start { get; private set; } = int.MaxValue;

    /// <summary>The last position it is live at.</summary>
    public int End { get; private set; } = int.MinValue;

    /// <summary>True before any position was added.</summary>
    public bool IsEmpty => Start > End;

    // The optional numbers below are stored as value + 1 (0: none), not as int?: there is one interval per virtual
    // register of every function, and nullable fields would make each a third bigger.
    private int _hint, _virtualHint, _register, _spillSlot;

    /// <summary>A physical register that would remove a copy if chosen (set from copies to/from it).</summary>
    public int? Hint { get => Get(_hint); set => _hint = Set(value); }

    /// <summary>Another virtual register connected by a copy; its register is a good choice too.</summary>
    public int? VirtualHint { get => Get(_virtualHint); set => _virtualHint = Set(value); }

    /// <summary>The assigned physical register, or null when spilled.</summary>
    public int? Register { get => Get(_register); set => _register = Set(value); }

    /// <summary><see cref="Register"/>, or −1 when there is none (the allocator's hot paths: no <c>int?</c>).</summary>
    internal int Assigned => _register - 1;

    /// <summary><see cref="Hint"/>, or −1 when there is none.</summary>
    internal int HintOrNone => _hint - 1;

    /// <summary><see cref="VirtualHint"/>, or −1 when there is none.</summary>
    internal int VirtualHintOrNone => _virtualHint - 1;

    /// <summary>The frame object holding the value when spilled.</summary>
    public int? SpillSlot { get => Get(_spillSlot); set => _spillSlot = Set(value); }

    /// <summary>
    /// Whether the value is spilled and rematerialised: the instruction (reading no register) that defined it is
    /// repeated, with another destination, at each use; the value then has neither a register nor a slot.
    /// </summary>
    public bool IsRematerialised { get; set; }

    /// <summary>
    /// Makes this the empty interval of <paramref name="virtualIndex"/> of class <paramref name="cls"/> again: the
    /// intervals are pooled per thread (<see cref="Workspace.TakeIntervals"/>), one object per virtual register of the
    /// largest function so far instead of one per virtual register of every function.
    /// </summary>
    internal void Reset(int virtualIndex, RegisterClass cls)
    {
        VirtualIndex = virtualIndex;
        Class = cls;
        Start = int.MaxValue;
        End = int.MinValue;
        _hint = _virtualHint = _register = _spillSlot = 0;
        IsRematerialised = CrossesCall = CrossesColdCall = false;
    }

    private static int? Get(int stored) => stored == 0 ? null : stored - 1;

    private static int Set(int? value) => value is { } v ? v + 1 : 0;

    /// <summary>
    /// Whether the register is live across an instruction that clobbers registers (a call): live after it and not
    /// written by it. Exact, unlike the interval's hull: a value that only spans a call on a slow path it is dead on
    /// (a fast path's temporary with the runtime call laid out beside it) needs no callee-saved register.
    /// </summary>
    public bool CrossesCall { get; set; }

    /// <summary>
    /// Whether the register is live across a call in a cold block (<see cref="Mir.MachineBlock.IsCold"/>: a runtime slow
    /// path, an inline cache's miss). A value that crosses only such calls (<see cref="CrossesCall"/> false) may take a
    /// caller-saved register; the allocator then saves it before each of those calls and restores it after
    /// (<see cref="Liveness.ColdCrossings"/>). Source variables' registers count such calls as <see cref="CrossesCall"/>.
    /// </summary>
    public bool CrossesColdCall { get; set; }

    /// <summary>Widens the interval to include <paramref name="position"/>.</summary>
    public void Extend(int position)
    {
        if (position < Start) Start = position;
        if (position > End) End = position;
    }

    /// <summary>Whether the interval meets [<paramref name="start"/>, <paramref name="end"/>] (inclusive).</summary>
    public bool Overlaps(int start, int end) => Start <= end && start <= End;

    /// <inheritdoc />
    public override string ToString() => $"{MReg.Virtual(VirtualIndex)} [{Start},{End}]" + (Register is { } r ? $" -> p{r}" : SpillSlot is { } s ? $" -> slot{s}" : IsRematerialised ? " -> remat" : "");
}
