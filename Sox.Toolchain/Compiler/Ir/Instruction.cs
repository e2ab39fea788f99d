namespace Sox.Compiler.Ir;

/// <summary>
/// One IR instruction. Operands are always virtual registers (constants are materialised by
/// <see cref="ConstInst"/>; instruction selection may fold a constant whose register has a single definition into
/// an immediate). Every instruction carries the source <see cref="Line"/> the line table maps its code to: for an
/// operation that can raise a runtime error, the line of that operation (§10; calls: the closing parenthesis).
/// </summary>
public abstract class Instruction
{
    /// <summary>Starts an instruction attributed to source line <paramref name="line"/>.</summary>
    protected Instruction(int line) => Line = line;

    /// <summary>The 1-based source line the line table attributes this instruction's code to.</summary>
    public int Line { get; set; }

    /// <summary>The 1-based column of the first token of the statement or expression this instruction's code belongs
    /// to, for debugging line tables; 0 when not known (stamped by <see cref="IrBuilder"/>).</summary>
    public int Column { get; set; }

    /// <summary>The register this instruction assigns, if any.</summary>
    public virtual VReg? Dest => null;

    /// <summary>The registers this instruction reads, in operand order.</summary>
    public abstract IReadOnlyList<VReg> Uses { get; }

    /// <summary>True for a <see cref="Terminator"/>, which ends a block.</summary>
    public virtual bool IsTerminator => false;

    /// <summary>
    /// True when the instruction has no effect besides assigning <see cref="Dest"/> and cannot fail, so dead-code
    /// elimination may delete it when the register is never read.
    /// </summary>
    public virtual bool IsPure => false;

    /// <summary>The blocks control may go to next (terminators only).</summary>
    public virtual IReadOnlyList<BasicBlock> Successors => [];
}
