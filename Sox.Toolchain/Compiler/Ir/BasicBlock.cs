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

    /// <summary>The number of the block, unique within its function.</summary>
    public int Id { get; }

    /// <summary>What the block is for, for dumps (<c>loop</c>, <c>slow</c>); never semantically significant.</summary>
    public string? Hint { get; }

    /// <summary>
    /// Whether the pass that made the block knows it rarely runs (the fallback call of an inlined method, the invoke
    /// cache's probe behind inlined guards). Instruction selection carries it to <c>MachineBlock.IsCold</c> (block layout
    /// and spill weights); a hint only, never semantically significant.
    /// </summary>
    public bool IsCold { get; set; }

    /// <summary>The instructions in order; the last is the terminator once the block is complete.</summary>
    public List<Instruction> Instructions { get; } = new();

    /// <summary>The last instruction when it is a terminator, else null (a block under construction).</summary>
    public Terminator? Terminator => Instructions.Count > 0 ? Instructions[^1] as Terminator : null;

    /// <summary>The blocks control may go to from this one (none before the terminator is added).</summary>
    public IReadOnlyList<BasicBlock> Successors => Terminator?.Successors ?? [];

    /// <summary>The name dumps and assembly labels use: <c>b&lt;id&gt;</c> or <c>b&lt;id&gt;.&lt;hint&gt;</c>.</summary>
    public string Label => Hint is null ? "b" + Id : $"b{Id}.{Hint}";

    /// <summary>The <see cref="Label"/>.</summary>
    public override string ToString() => Label;
}
