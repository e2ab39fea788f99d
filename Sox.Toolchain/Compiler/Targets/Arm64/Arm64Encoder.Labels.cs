using System.Buffers.Binary;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

public sealed partial class Arm64Encoder
{
    /// <summary>A position before relaxation: bytes in the fixed buffer and the count of earlier sites.</summary>
    private readonly record struct Position(int Fixed, int SitesBefore);

    private enum SiteKind : byte { Imm19Branch, Imm14Branch, Align }

    /// <summary>
    /// A variable-size piece of code inserted at <see cref="Fixed"/>: a conditional branch (<see cref="Word"/> is
    /// the short form with a zero offset) or alignment padding.
    /// </summary>
    private readonly record struct Site(int Fixed, SiteKind Kind, uint Word, int LabelId, int Alignment);

    /// <summary>The PC-relative fields a fixed-size instruction can hold (Arm ARM C4.1.65, C4.1.94).</summary>
    private enum FieldKind : byte
    {
        /// <summary>B, BL: imm26 at bits 25–0, ×4.</summary>
        Imm26,
        /// <summary>LDR (literal): imm19 at bits 23–5, ×4.</summary>
        Imm19,
        /// <summary>ADR: immhi (bits 23–5) : immlo (bits 30–29), ×1.</summary>
        Adr21,
    }

    private readonly record struct LabelReference(Position Instruction, FieldKind Kind, int LabelId);

    private readonly record struct PendingRelocation(Position Instruction, RelocationKind Kind, string Symbol, long Addend);

    private readonly List<Site> _sites = [];
    private readonly List<Position?> _labels = [];
    private readonly List<PendingRelocation> _relocations = [];
    private readonly List<LabelReference> _labelReferences = [];

    /// <summary>The current position: the fixed offset and how many variable-size sites precede it.</summary>
    private Position Current => new(_length, _sites.Count);

    /// <summary>Creates an unbound label.</summary>
    public Arm64Label CreateLabel()
    {
        ThrowIfFinished();
        _labels.Add(null);
        return new Arm64Label(_labels.Count - 1);
    }

    /// <summary>Binds <paramref name="label"/> to the current position; a label is bound exactly once.</summary>
    public void Bind(Arm64Label label)
    {
        ThrowIfFinished();
        CheckLabel(label);
        if (_labels[label.Id] is not null) throw new InvalidOperationException($"Label {label} is already bound.");
        _labels[label.Id] = Current;
    }

    /// <summary>Creates a label bound to the current position (e.g. a return address for the line table).</summary>
    public Arm64Label Here()
    {
        var label = CreateLabel();
        Bind(label);
        return label;
    }

    /// <summary>
    /// Pads with NOPs so the next instruction starts at a multiple of <paramref name="alignment"/> (a power of two,
    /// 4…4096) relative to the start of this code; the object writer aligns the section at least as much.
    /// </summary>
    public void Align(int alignment)
    {
        ThrowIfFinished();
        if (alignment < 4 || (alignment & (alignment - 1)) != 0 || alignment > 4096)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Alignment must be a power of two from 4 to 4096.");
        if (alignment > 4) _sites.Add(new Site(_length, SiteKind.Align, 0, 0, alignment));
    }

    private void CheckLabel(Arm64Label label)
    {
        if ((uint)label.Id >= (uint)_labels.Count)
            throw new ArgumentException($"Label {label} does not belong to this encoder.", nameof(label));
    }

    private void AddBranchSite(SiteKind kind, uint word, Arm64Label label)
    {
        ThrowIfFinished();
        CheckLabel(label);
        _sites.Add(new Site(_length, kind, word, label.Id, 0));
    }

    /// <summary>Emits <paramref name="word"/> with its PC-relative field left zero, to be filled in by <see cref="Finish"/>.</summary>
    private void EmitLabelReference(uint word, FieldKind kind, Arm64Label label)
    {
        ThrowIfFinished();
        CheckLabel(label);
        _labelReferences.Add(new LabelReference(Current, kind, label.Id));
        Emit(word);
    }

    /// <summary>Emits <paramref name="word"/> with a relocation for <paramref name="symbol"/> at its offset.</summary>
    private void EmitRelocated(uint word, RelocationKind kind, string symbol, long addend)
    {
        ThrowIfFinished();
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        _relocations.Add(new PendingRelocation(Current, kind, symbol, addend));
        Emit(word);
    }

    /// <summary>
    /// Lays out the code (relaxing conditional branches, sizing padding), resolves label references and returns
    /// the bytes, relocations and label offsets. The encoder cannot be used afterwards.
    /// </summary>
    /// <remarks>
    /// Relaxation: B.cond, CBZ and CBNZ reach ±1 MiB (imm19 × 4), TBZ/TBNZ ±32 KiB (imm14 × 4) (Arm ARM C4.1.65
    /// "Branches, Exception Generating and System instructions"). Every such branch starts in its 4-byte form;
    /// one whose target is out of range becomes the inverted branch skipping over an unconditional B (imm26,
    /// ±128 MiB): <c>b.ne far</c> → <c>b.eq +8; b far</c>, <c>cbz x0, far</c> → <c>cbnz x0, +8; b far</c>.
    /// Growth is monotone, so the loop terminates; without padding a branch is long exactly when its short form
    /// cannot reach.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A referenced label is unbound, or a fixed-size reference (B, BL, ADR, LDR literal) is out of range.</exception>
    public Arm64MachineCode Finish()
    {
        ThrowIfFinished();
        foreach (var site in _sites)
            if (site.Kind != SiteKind.Align) RequireBound(site.LabelId);
        foreach (var reference in _labelReferences) RequireBound(reference.LabelId);
        _finished = true;

        var sizes = new int[_sites.Count];
        for (var i = 0; i < sizes.Length; i++) sizes[i] = _sites[i].Kind == SiteKind.Align ? 0 : 4;
        var extraBefore = new int[_sites.Count + 1];
        bool changed;
        do
        {
            changed = false;
            Layout(sizes, extraBefore);
            for (var i = 0; i < sizes.Length; i++)
            {
                var site = _sites[i];
                if (site.Kind == SiteKind.Align || sizes[i] != 4) continue;
                var displacement = Final(_labels[site.LabelId]!.Value, extraBefore) - (site.Fixed + extraBefore[i]);
                if (FitsBranch(displacement, site.Kind == SiteKind.Imm19Branch ? 19 : 14)) continue;
                sizes[i] = 8;
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
                for (var p = 0; p < sizes[i]; p += 4) BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(at + p), NopWord);
                continue;
            }
            var displacement = Final(_labels[site.LabelId]!.Value, extraBefore) - at;
            var bits = site.Kind == SiteKind.Imm19Branch ? 19 : 14;
            if (sizes[i] == 4)
            {
                Write(output, at, site.Word | BranchField(displacement, bits));
            }
            else
            {
                Write(output, at, InvertBranch(site.Word) | BranchField(8, bits));
                if (!FitsBranch(displacement - 4, 26))
                    throw new InvalidOperationException($"The branch at offset {at} to L{site.LabelId} is beyond B's ±128 MiB.");
                Write(output, at + 4, 0x1400_0000u | (uint)((displacement - 4) >> 2) & 0x03FF_FFFF);
            }
        }
        _code.AsSpan(copied, _length - copied).CopyTo(output.AsSpan(copied + extraBefore[_sites.Count]));

        foreach (var reference in _labelReferences)
        {
            var at = Final(reference.Instruction, extraBefore);
            var displacement = (long)Final(_labels[reference.LabelId]!.Value, extraBefore) - at;
            var word = BinaryPrimitives.ReadUInt32LittleEndian(output.AsSpan(at));
            word |= reference.Kind switch
            {
                FieldKind.Imm26 when FitsBranch(displacement, 26) => (uint)(displacement >> 2) & 0x03FF_FFFF,
                FieldKind.Imm19 when FitsBranch(displacement, 19) => BranchField(displacement, 19),
                FieldKind.Adr21 when displacement is >= -(1 << 20) and < 1 << 20 =>
                    ((uint)displacement & 3) << 29 | ((uint)(displacement >> 2) & 0x7FFFF) << 5,
                _ => throw new InvalidOperationException(
                    $"The {reference.Kind} reference at offset {at} to L{reference.LabelId} is out of range ({displacement} bytes)."),
            };
            Write(output, at, word);
        }

        var relocations = _relocations
            .Select(r => new SymbolRelocation(Final(r.Instruction, extraBefore), r.Kind, r.Symbol, r.Addend))
            .ToArray();
        var labels = _labels.Select(p => p is { } position ? Final(position, extraBefore) : -1).ToArray();
        return new Arm64MachineCode(output, relocations, labels);
    }

    /// <summary>Whether a byte displacement fits a signed <paramref name="bits"/>-bit word offset (always a multiple of 4 here).</summary>
    private static bool FitsBranch(long displacement, int bits) =>
        displacement >= -(1L << (bits + 1)) && displacement < 1L << (bits + 1);

    /// <summary>The imm19 (bits 23–5) or imm14 (bits 18–5) field for a byte displacement.</summary>
    private static uint BranchField(long displacement, int bits) => ((uint)(displacement >> 2) & ((1u << bits) - 1)) << 5;

    /// <summary>
    /// The branch with the opposite condition: B.cond flips cond&lt;0&gt; (Arm ARM C1.2.4), CBZ↔CBNZ and TBZ↔TBNZ
    /// flip the op bit 24 (C4.1.65 "Compare and branch (immediate)", "Test and branch (immediate)").
    /// </summary>
    private static uint InvertBranch(uint word) => (word & 0xFF00_0010) == 0x5400_0000 ? word ^ 1 : word ^ (1u << 24);

    private static void Write(byte[] output, int at, uint word) => BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(at), word);

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
