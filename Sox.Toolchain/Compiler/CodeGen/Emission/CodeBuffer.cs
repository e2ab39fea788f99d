using System.Buffers.Binary;
using Sox.Compiler.Ir;

namespace Sox.Compiler.CodeGen.Emission;

/// <summary>
/// A growable buffer of machine code with labels, branch relaxation, label fields and symbol relocations, shared
/// by every target's encoder (after Cranelift's <c>machinst/buffer.rs</c>). The target's encoder appends bytes in
/// program order and asks for relaxable branches, label fields and relocations at the current position; the
/// facts that differ per target come from its <see cref="IBranchForms"/>. <see cref="Finish"/> is called once.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> The buffer keeps the fixed-size bytes in one array and records "sites" whose size is only
/// known at the end: relaxable branches (<see cref="Branch"/>) and alignment padding (<see cref="Align"/>).
/// <see cref="Finish"/> starts with every relaxable branch in its short form and grows to the long form only those
/// whose displacement does not fit, repeating until nothing changes (growth is monotone, so this terminates; it is
/// the classic optimistic relaxation, as in LLVM's MCAssembler). Every position (label, relocation, label field)
/// is recorded as (fixed offset, number of sites before it), so offsets are final only after <see cref="Finish"/>:
/// to learn where something ended up, bind a label there (<see cref="Here"/>).</para>
/// </remarks>
public sealed class CodeBuffer
{
    /// <summary>A position before relaxation: bytes in the fixed buffer and the count of earlier sites.</summary>
    private readonly record struct Position(int Fixed, int SitesBefore);

    /// <summary>A variable-size piece of code inserted at <see cref="Fixed"/>: a relaxable branch, or padding when <see cref="Alignment"/> is set.</summary>
    private readonly record struct Site(int Fixed, int Kind, uint Form, int LabelId, int Alignment)
    {
        /// <summary>Whether the site is alignment padding rather than a branch.</summary>
        public bool IsPadding => Alignment != 0;
    }

    /// <summary>A fixed-size field holding <c>label + Addend − field</c> in the target's <see cref="Kind"/> of field.</summary>
    private readonly record struct LabelUse(Position Field, int Kind, long Addend, int LabelId);

    private readonly record struct PendingRelocation(Position Field, RelocationKind Kind, string Symbol, long Addend);

    private readonly IBranchForms _forms;
    // The compiler's own buffers, not List<T> of these structs: ReadyToRun cannot precompile the framework's generic
    // code over them (ValueBuffer). A label's position is unbound while its Fixed is -1.
    private readonly ValueBuffer<Site> _sites;
    private readonly ValueBuffer<Position> _labels;
    private readonly ValueBuffer<PendingRelocation> _relocations;
    private readonly ValueBuffer<LabelUse> _labelUses;
    private static readonly Position Unbound = new(-1, 0);
    private byte[] _code;
    private int _length;
    private bool _finished;

    /// <summary>An empty buffer for the target whose branch forms are <paramref name="forms"/>.</summary>
    public CodeBuffer(IBranchForms forms) : this(forms, 256)
    {
    }

    /// <summary>An empty buffer with room for <paramref name="capacity"/> bytes before it grows.</summary>
    /// <remarks>The lists of branches, labels and relocations get room in proportion: compiled Sox code has about one
    /// relaxable branch and one relocation per 40 bytes and a label per 20–30 (blocks and line changes).</remarks>
    public CodeBuffer(IBranchForms forms, int capacity)
    {
        _forms = forms;
        _code = new byte[Math.Max(16, capacity)];
        _sites = new(capacity / 32 + 8);
        _labels = new(capacity / 16 + 8);
        _relocations = new(capacity / 32 + 8);
        _labelUses = new(capacity / 256 + 4);
    }

    /// <summary>The current position: the fixed offset and how many variable-size sites precede it.</summary>
    private Position Current => new(_length, _sites.Count);

    /// <summary>Throws once <see cref="Finish"/> has run: a finished buffer takes no more code.</summary>
    public void ThrowIfFinished()
    {
        if (_finished) throw new InvalidOperationException("The encoder has already been finished.");
    }

    /// <summary>Appends one byte.</summary>
    public void Byte(int value) => Reserve(1)[0] = (byte)value;

    /// <summary>Appends bytes.</summary>
    public void Bytes(ReadOnlySpan<byte> values) => values.CopyTo(Reserve(values.Length));

    /// <summary>Appends a little-endian 32-bit value (an x86 imm32/disp32, an A64 instruction word).</summary>
    public void UInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    /// <summary>Appends a little-endian 64-bit value.</summary>
    public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    /// <summary>Appends <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> Reserve(int count)
    {
        ThrowIfFinished();
        if (_length + count > _code.Length) Array.Resize(ref _code, Math.Max(_code.Length * 2, _length + count));
        var span = _code.AsSpan(_length, count);
        _length += count;
        return span;
    }

    /// <summary>Creates an unbound label.</summary>
    public Label CreateLabel()
    {
        ThrowIfFinished();
        _labels.Add(Unbound);
        return new Label(_labels.Count - 1);
    }

    /// <summary>Binds <paramref name="label"/> to the current position; a label is bound exactly once.</summary>
    public void Bind(Label label)
    {
        ThrowIfFinished();
        CheckLabel(label);
        if (_labels[label.Id].Fixed >= 0) throw new InvalidOperationException($"Label {label} is already bound.");
        _labels[label.Id] = Current;
    }

    /// <summary>Creates a label bound to the current position (e.g. a return address for the line table).</summary>
    public Label Here()
    {
        var label = CreateLabel();
        Bind(label);
        return label;
    }

    /// <summary>
    /// Pads with the target's no-ops so the next instruction starts at a multiple of <paramref name="alignment"/>
    /// (a power of two from the target's instruction alignment to 4096) relative to the start of this code; the
    /// object writer aligns the section at least as much.
    /// </summary>
    public void Align(int alignment)
    {
        ThrowIfFinished();
        var least = _forms.InstructionAlignment;
        if (alignment < least || (alignment & (alignment - 1)) != 0 || alignment > 4096)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, $"Alignment must be a power of two from {least} to 4096.");
        if (alignment > least) _sites.Add(new Site(_length, 0, 0, 0, alignment));
    }

    /// <summary>Throws unless <paramref name="label"/> was created by this buffer.</summary>
    public void CheckLabel(Label label)
    {
        if ((uint)label.Id >= (uint)_labels.Count)
            throw new ArgumentException($"Label {label} does not belong to this encoder.", nameof(label));
    }

    /// <summary>A relaxable branch of the target's <paramref name="kind"/> to <paramref name="target"/>, sized by <see cref="Finish"/>.</summary>
    public void Branch(int kind, uint form, Label target)
    {
        ThrowIfFinished();
        CheckLabel(target);
        _sites.Add(new Site(_length, kind, form, target.Id, 0));
    }

    /// <summary>
    /// Records that the field of the target's <paramref name="kind"/> starting at the current position holds
    /// <c>target + addend − (field start)</c>; the caller then appends the field (or the instruction holding it) with
    /// the displacement bits zero.
    /// </summary>
    public void LabelField(int kind, long addend, Label target)
    {
        ThrowIfFinished();
        CheckLabel(target);
        _labelUses.Add(new LabelUse(Current, kind, addend, target.Id));
    }

    /// <summary>Records a relocation at the current position; the caller then appends the relocated field, zero.</summary>
    public void Relocation(RelocationKind kind, string symbol, long addend)
    {
        ThrowIfFinished();
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        _relocations.Add(new PendingRelocation(Current, kind, symbol, addend));
    }

    /// <summary>
    /// Lays out the code (relaxing branches, sizing padding), resolves label fields and returns the bytes,
    /// relocations and label offsets. The buffer cannot be used afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">A referenced label is unbound, or a branch or field cannot reach its label.</exception>
    public MachineCode Finish()
    {
        ThrowIfFinished();
        // Indexed loops rather than spans: Span<T> over these structs is framework code ReadyToRun cannot precompile.
        for (var i = 0; i < _sites.Count; i++)
            if (!_sites[i].IsPadding) RequireBound(_sites[i].LabelId);
        for (var i = 0; i < _labelUses.Count; i++) RequireBound(_labelUses[i].LabelId);
        _finished = true;

        var sizes = new int[_sites.Count];
        var isLong = new bool[_sites.Count];
        for (var i = 0; i < sizes.Length; i++) sizes[i] = _sites[i].IsPadding ? 0 : _forms.ShortSize(_sites[i].Kind);
        var extraBefore = new int[_sites.Count + 1];
        bool changed;
        do
        {
            changed = false;
            Layout(sizes, extraBefore);
            for (var i = 0; i < sizes.Length; i++)
            {
                var site = _sites[i];
                if (site.IsPadding || isLong[i]) continue;
                var displacement = Final(_labels[site.LabelId], extraBefore) - (site.Fixed + extraBefore[i]);
                if (_forms.FitsShort(site.Kind, displacement)) continue;
                isLong[i] = true;
                sizes[i] = _forms.LongSize(site.Kind);
                changed = true;
            }
        } while (changed);

        var output = new byte[_length + extraBefore[_sites.Count]];
        var copied = 0;
        for (var i = 0; i < _sites.Count; i++)
        {
            var site = _sites[i];
            _code.AsSpan(copied, site.Fixed - copied).CopyTo(output.AsSpan(copied + extraBefore[i]));
            copied = site.Fixed;
            var at = site.Fixed + extraBefore[i];
            var span = output.AsSpan(at, sizes[i]);
            if (site.IsPadding)
            {
                _forms.WritePadding(span);
                continue;
            }
            var displacement = Final(_labels[site.LabelId], extraBefore) - at;
            if (!isLong[i]) _forms.WriteShort(span, site.Kind, site.Form, displacement);
            else if (!_forms.TryWriteLong(span, site.Kind, site.Form, displacement))
                throw new InvalidOperationException($"The branch at offset {at} to L{site.LabelId} is out of range even in its long form ({displacement} bytes).");
        }
        _code.AsSpan(copied, _length - copied).CopyTo(output.AsSpan(copied + extraBefore[_sites.Count]));

        for (var u = 0; u < _labelUses.Count; u++)
        {
            var use = _labelUses[u];
            var at = Final(use.Field, extraBefore);
            var displacement = Final(_labels[use.LabelId], extraBefore) + use.Addend - at;
            if (!_forms.TryPatchField(output.AsSpan(at), use.Kind, displacement))
                throw new InvalidOperationException($"The label field at offset {at} to L{use.LabelId} is out of range ({displacement} bytes).");
        }

        var relocations = new SymbolRelocation[_relocations.Count];
        for (var i = 0; i < relocations.Length; i++)
        {
            var r = _relocations[i];
            relocations[i] = new SymbolRelocation(Final(r.Field, extraBefore), r.Kind, r.Symbol, r.Addend);
        }
        var labels = new int[_labels.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            var position = _labels[i];
            labels[i] = position.Fixed >= 0 ? Final(position, extraBefore) : -1;
        }
        return new MachineCode(output, relocations, labels);
    }

    private void RequireBound(int labelId)
    {
        if (_labels[labelId].Fixed < 0) throw new InvalidOperationException($"Label L{labelId} is referenced but never bound.");
    }

    private static int Final(Position position, int[] extraBefore) => position.Fixed + extraBefore[position.SitesBefore];

    /// <summary>Computes how many bytes the sites before each site add, sizing alignment padding on the way.</summary>
    private void Layout(int[] sizes, int[] extraBefore)
    {
        var extra = 0;
        for (var i = 0; i < _sites.Count; i++)
        {
            extraBefore[i] = extra;
            var site = _sites[i];
            if (site.IsPadding) sizes[i] = -(site.Fixed + extra) & (site.Alignment - 1);
            extra += sizes[i];
        }
        extraBefore[_sites.Count] = extra;
    }
}
