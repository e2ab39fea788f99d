using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>The target's loads and stores of spill slots, used when rewriting spilled virtual registers.</summary>
public interface ISpillCode
{
    /// <summary>Loads frame object <paramref name="frameObject"/> into physical register <paramref name="physical"/>.</summary>
    MachineInstr Load(int physical, int frameObject);

    /// <summary>Stores physical register <paramref name="physical"/> into frame object <paramref name="frameObject"/>.</summary>
    MachineInstr Store(int frameObject, int physical);

    /// <summary>
    /// Whether <paramref name="definition"/> may be repeated, with another destination register, wherever the value it
    /// writes is needed instead of keeping that value in a spill slot: it writes only its operand 0, reads no register
    /// and no memory that can change, and leaves the flags alone (a constant, a symbol's address).
    /// </summary>
    bool IsRematerialisable(MachineInstr definition);

    /// <summary>
    /// <paramref name="instr"/> (already rewritten to physical registers except for spilled ones) with its register operand
    /// <paramref name="operand"/>, which it only reads, replaced by frame object <paramref name="frameObject"/>, when the
    /// target has that form (x64 <c>cmp r, m</c>, <c>and r, m</c>); null when it has not, and the value is reloaded.
    /// </summary>
    MachineInstr? FoldReload(MachineInstr instr, int operand, int frameObject);
}
