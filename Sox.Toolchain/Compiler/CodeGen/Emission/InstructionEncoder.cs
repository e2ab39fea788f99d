namespace Sox.Compiler.CodeGen.Emission;

/// <summary>
/// What every target's instruction encoder shares: a <see cref="CodeBuffer"/> for the target's
/// <see cref="IBranchForms"/> and the label API over it. A target's encoder (X64Encoder, Arm64Encoder) adds only
/// its instruction encodings, which append to <see cref="Buffer"/>.
/// </summary>
public abstract class InstructionEncoder
{
    /// <summary>An encoder with an empty buffer for a target whose branch forms are <paramref name="forms"/>.</summary>
    protected InstructionEncoder(IBranchForms forms) => Buffer = new CodeBuffer(forms);

    /// <summary>An encoder whose buffer has room for <paramref name="capacity"/> bytes before it grows.</summary>
    protected InstructionEncoder(IBranchForms forms, int capacity) => Buffer = new CodeBuffer(forms, capacity);

    /// <summary>The code emitted so far.</summary>
    protected CodeBuffer Buffer { get; }

    /// <summary>Creates an unbound label.</summary>
    public Label CreateLabel() => Buffer.CreateLabel();

    /// <summary>Binds <paramref name="label"/> to the current position; a label is bound exactly once.</summary>
    public void Bind(Label label) => Buffer.Bind(label);

    /// <summary>Creates a label bound to the current position (e.g. a return address for the line table).</summary>
    public Label Here() => Buffer.Here();

    /// <summary>Pads with no-ops to a multiple of <paramref name="alignment"/> (see <see cref="CodeBuffer.Align"/>).</summary>
    public void Align(int alignment) => Buffer.Align(alignment);

    /// <summary>Eight bytes of data, little-endian (a literal pool entry).</summary>
    public void Data64(long value) => Buffer.Int64(value);

    /// <summary>
    /// Lays out the code (relaxing branches, sizing padding), resolves label references and returns the bytes,
    /// relocations and label offsets. The encoder cannot be used afterwards (see <see cref="CodeBuffer.Finish"/>).
    /// </summary>
    public MachineCode Finish() => Buffer.Finish();

    /// <summary>Throws once <see cref="Finish"/> has run.</summary>
    protected void ThrowIfFinished() => Buffer.ThrowIfFinished();
}
