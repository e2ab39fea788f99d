using System.Buffers.Binary;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

public sealed partial class X64Encoder
{
    /// <summary>A position before relaxation: bytes in the fixed buffer and the count of earlier sites.</summary>
    private readonly record struct Position(int Fixed, int SitesBefore);

    private enum SiteKind : byte { Jmp, Jcc, Align }

    /// <summary>A variable-size piece of code inserted at <see cref="Fixed"/>.</summary>
    private readonly record struct Site(int Fixed, SiteKind Kind, X64Condition Condition, int LabelId, int Alignment);

    private readonly record struct PendingRelocation(Position Field, RelocationKind Kind, string Symbol, long Addend);

    /// <summary>
    /// A displacement field of <see cref="Width"/> bytes holding <c>label + Offset − (field + Tail)</c>, where
    /// <see cref="Tail"/> is the distance from the field to the end of the instruction.
    /// </summary>
    private readonly record struct LabelReference(Position Field, int Width, int Tail, int LabelId, long Offset);

    private readonly List<Site> _sites = [];
    private readonly List<Position?> _labels = [];
    private readonly List<PendingRelocation> _relocations = [];
    private readonly List<LabelReference> _labelReferences = [];

    /// <summary>Creates an unbound label.</summary>
    public X64Label CreateLabel()
    {
        ThrowIfFinished();
        _labels.Add(null);
        return new X64Label(_labels.Count - 1);
    }

    /// <summary>Binds <paramref name="label"/> to the current position; a label is bound exactly once.</summary>
    public void Bind(X64Label label)
    {
        ThrowIfFinished();
        CheckLabel(label);
        if (_labels[label.Id] is not null) throw new InvalidOperationException($"Label {label} is already bound.");
        _labels[label.Id] = Current;
    }

    /// <summary>Creates a label bound to the current position (e.g. a return address for the line table).</summary>
    public X64Label Here()
    {
        var label = CreateLabel();
        Bind(label);
        return label;
    }

    /// <summary>
    /// Pads with multi-byte NOPs so the next instruction starts at a multiple of <paramref name="alignment"/>
    /// (a power of two) relative to the start of this code; the object writer aligns the section at least as much.
    /// </summary>
    public void Align(int alignment)
    {
        ThrowIfFinished();
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0 || alignment > 4096)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Alignment must be a power of two up to 4096.");
        if (alignment > 1) _sites.Add(new Site(_length, SiteKind.Align, default, 0, alignment));
    }

    private void CheckLabel(X64Label label)
    {
        if ((uint)label.Id >= (uint)_labels.Count)
            throw new ArgumentException($"Label {label} does not belong to this encoder.", nameof(label));
    }

    private void AddBranchSite(SiteKind kind, X64Condition condition, X64Label label)
    {
        ThrowIfFinished();
        CheckLabel(label);
        _sites.Add(new Site(_length, kind, condition, label.Id, 0));
    }

    /// <summary>Records a label displacement field of <paramref name="width"/> bytes at the current position and emits zeros.</summary>
    private void LabelField(X64Label label, int width, int tail)
    {
        CheckLabel(label);
        _labelReferences.Add(new LabelReference(Current, width, tail, label.Id, 0));
        if (width == 1) Byte(0);
        else Int32(0);
    }

    /// <summary>
    /// Lays out the code (relaxing branches, sizing padding), resolves label references and returns the bytes,
    /// relocations and label offsets. The encoder cannot be used afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">A referenced label is unbound, or a forced rel8 is out of range.</exception>
    public X64MachineCode Finish()
    {
        ThrowIfFinished();
        foreach (var site in _sites)
            if (site.Kind != SiteKind.Align) RequireBound(site.LabelId);
        foreach (var reference in _labelReferences) RequireBound(reference.LabelId);
        _finished = true;

        var sizes = new int[_sites.Count];
        for (var i = 0; i < sizes.Length; i++) sizes[i] = _sites[i].Kind == SiteKind.Align ? 0 : 2;
        var extraBefore = new int[_sites.Count + 1];
        bool changed;
        do
        {
            changed = false;
            Layout(sizes, extraBefore);
            for (var i = 0; i < sizes.Length; i++)
            {
                var site = _sites[i];
                if (site.Kind == SiteKind.Align || sizes[i] != 2) continue;
                var end = site.Fixed + extraBefore[i] + 2;
                if (FitsInt8(Final(_labels[site.LabelId]!.Value, extraBefore) - end)) continue;
                sizes[i] = site.Kind == SiteKind.Jmp ? 5 : 6;
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
            if (site.Kind == SiteKind.Align)
            {
                WriteNops(output.AsSpan(at, sizes[i]));
                continue;
            }
            var target = Final(_labels[site.LabelId]!.Value, extraBefore);
            var span = output.AsSpan(at, sizes[i]);
            var rel = target - (at + sizes[i]);
            switch (sizes[i], site.Kind)
            {
                case (2, SiteKind.Jmp): span[0] = 0xEB; span[1] = (byte)rel; break;           // JMP rel8: EB cb
                case (2, SiteKind.Jcc): span[0] = (byte)(0x70 | (int)site.Condition); span[1] = (byte)rel; break; // Jcc rel8: 70+cc cb
                case (5, _): span[0] = 0xE9; BinaryPrimitives.WriteInt32LittleEndian(span[1..], rel); break; // JMP rel32: E9 cd
                default:                                                                         // Jcc rel32: 0F 80+cc cd
                    span[0] = 0x0F; span[1] = (byte)(0x80 | (int)site.Condition);
                    BinaryPrimitives.WriteInt32LittleEndian(span[2..], rel);
                    break;
            }
        }
        _code.AsSpan(copied, _length - copied).CopyTo(output.AsSpan(copied + extraBefore[_sites.Count]));

        foreach (var reference in _labelReferences)
        {
            var field = Final(reference.Field, extraBefore);
            var value = Final(_labels[reference.LabelId]!.Value, extraBefore) + reference.Offset - (field + reference.Tail);
            if (reference.Width == 1)
            {
                if (!FitsInt8(value))
                    throw new InvalidOperationException($"rel8 to L{reference.LabelId} is out of range ({value}).");
                output[field] = (byte)value;
            }
            else
            {
                BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(field), checked((int)value));
            }
        }

        var relocations = _relocations
            .Select(r => new SymbolRelocation(Final(r.Field, extraBefore), r.Kind, r.Symbol, r.Addend))
            .ToArray();
        var labels = _labels.Select(p => p is { } position ? Final(position, extraBefore) : -1).ToArray();
        return new X64MachineCode(output, relocations, labels);
    }

    private void RequireBound(int labelId)
    {
        if (_labels[labelId] is null) throw new InvalidOperationException($"Label L{labelId} is referenced but never bound.");
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
            if (site.Kind == SiteKind.Align) sizes[i] = -(site.Fixed + extra) & (site.Alignment - 1);
            extra += sizes[i];
        }
        extraBefore[_sites.Count] = extra;
    }
}
