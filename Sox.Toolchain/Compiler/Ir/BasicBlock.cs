namespace Sox.Compiler.Ir;

/// <summary>
/// A straight-line sequence of instructions ending in one <see cref="Ir.Terminator"/> (checked by
/// <see cref="IrVerifier"/>). <see cref="Id"/> is unique within the function; <see cref="Hint"/> only names the
/// block in dumps (<c>b3.loop</c>).
/// </summary>
public sealed class BasicBlock
{
    internal BasicBlock(int id, string? hint)
    {
        Id = id;
        Hint = hint;
    }

    public int Id { get; }

    public string? Hint { get; }

    public List<Instruction> Instructions { get; } = new();

    /// <summary>The last instruction when it is a terminator, else null (a block under construction).</summary>
    public Terminator? Terminator => Instructions.Count > 0 ? Instructions[^1] as Terminator : null;

    public IReadOnlyList<BasicBlock> Successors => Terminator?.Successors ?? [];

    public string Label => Hint is null ? "b" + Id : $"b{Id}.{Hint}";

    public override string ToString() => Label;
}
