namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// A position in the code of one <see cref="Arm64Encoder"/>, created by <see cref="Arm64Encoder.CreateLabel"/> and
/// bound once by <see cref="Arm64Encoder.Bind"/>. Branches may refer to a label before it is bound (forward
/// references); the final offset is known only after <see cref="Arm64Encoder.Finish"/>.
/// </summary>
public readonly record struct Arm64Label
{
    internal Arm64Label(int id) => Id = id;

    /// <summary>The label's index within its encoder.</summary>
    public int Id { get; }

    /// <inheritdoc />
    public override string ToString() => $"L{Id}";
}
