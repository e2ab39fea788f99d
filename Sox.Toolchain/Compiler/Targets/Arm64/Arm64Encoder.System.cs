namespace Sox.Compiler.Targets.Arm64;

// Exception generation, hints and barriers (Arm ARM C4.1.65 "Exception generation", "Hints", "Barriers";
// C6.2 NOP, BRK, UDF, DMB).
public sealed partial class Arm64Encoder
{
    /// <summary><c>nop</c> — NOP (HINT #0).</summary>
    public void Nop() => Emit(Arm64BranchForms.NopWord);

    /// <summary><c>brk #imm16</c> — BRK: a breakpoint exception (SIGTRAP on Linux); the immediate is for the debugger.</summary>
    public void Brk(ushort imm16) => Emit(0xD420_0000 | (uint)imm16 << 5);

    /// <summary><c>udf #imm16</c> — UDF: permanently undefined (SIGILL), for unreachable code.</summary>
    public void Udf(ushort imm16) => Emit(imm16);

    /// <summary><c>dmb option</c> — DMB, a data memory barrier.</summary>
    public void Dmb(Arm64Barrier option)
    {
        if ((int)option is < 1 or > 15 || ((int)option & 3) == 0)
            throw new ArgumentOutOfRangeException(nameof(option), option, "Not a DMB option.");
        Emit(0xD503_30BF | (uint)option << 8);
    }
}
