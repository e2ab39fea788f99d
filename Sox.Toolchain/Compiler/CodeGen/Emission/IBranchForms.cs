namespace Sox.Compiler.CodeGen.Emission;

/// <summary>
/// What a target tells the <see cref="CodeBuffer"/> about its PC-relative forms, so that label binding, branch
/// relaxation and padding are written once (as Cranelift's <c>MachInstLabelUse</c> does for its buffer).
/// <para>A <em>relaxable branch</em> has a short and a long form; its <c>kind</c> (a small number the target
/// chooses) selects the sizes and the reach, its <c>form</c> carries whatever the target needs to write it (a
/// condition code, an instruction word without its offset). A <em>label field</em> is a fixed-size PC-relative
/// field inside an instruction the target has already written (a rel32, an imm26); its <c>kind</c> says which.
/// Displacements are always measured from the first byte of the branch or field; a target that counts from
/// elsewhere (x86-64 counts from the end of the instruction) adjusts for it.</para>
/// </summary>
public interface IBranchForms
{
    /// <summary>The size of every instruction divides this (1 on x86-64, 4 on AArch64); the least alignment <see cref="CodeBuffer.Align"/> takes.</summary>
    int InstructionAlignment { get; }

    /// <summary>Fills <paramref name="gap"/> (a multiple of <see cref="InstructionAlignment"/> bytes) with no-op instructions.</summary>
    void WritePadding(Span<byte> gap);

    /// <summary>The size in bytes of the short form of a branch of <paramref name="kind"/>.</summary>
    int ShortSize(int kind);

    /// <summary>The size in bytes of the long form of a branch of <paramref name="kind"/>.</summary>
    int LongSize(int kind);

    /// <summary>Whether the short form of <paramref name="kind"/> reaches <paramref name="displacement"/> bytes from its first byte.</summary>
    bool FitsShort(int kind, long displacement);

    /// <summary>Writes the short form into <paramref name="site"/> (exactly <see cref="ShortSize"/> bytes); the displacement fits.</summary>
    void WriteShort(Span<byte> site, int kind, uint form, long displacement);

    /// <summary>Writes the long form into <paramref name="site"/> (exactly <see cref="LongSize"/> bytes); false when even that cannot reach.</summary>
    bool TryWriteLong(Span<byte> site, int kind, uint form, long displacement);

    /// <summary>
    /// Fills the label field of <paramref name="kind"/> that starts at <paramref name="field"/>[0] with
    /// <paramref name="displacement"/>; false when the field cannot hold it.
    /// </summary>
    bool TryPatchField(Span<byte> field, int kind, long displacement);
}
