namespace Sox.Compiler.CodeGen.Emission;

/// <summary>
/// A position in the code of one <see cref="CodeBuffer"/>, created by <see cref="CodeBuffer.CreateLabel"/> and
/// bound once by <see cref="CodeBuffer.Bind"/>. Branches may refer to a label before it is bound (forward
/// references); the final offset is known only after <see cref="CodeBuffer.Finish"/>.
/// </summary>
public readonly record struct Label
{
    internal Label(int id) => Id = id;

    /// <summary>The label's index within its buffer.</summary>
    public int Id { get; }

    /// <inheritdoc />
    public override string ToString() => $"L{Id}";
}
