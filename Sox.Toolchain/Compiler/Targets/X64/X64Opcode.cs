namespace Sox.Compiler.Targets.X64;

/// <summary>
/// Machine-IR opcodes of the x86-64 backend, named after the Intel SDM forms they encode to (r = register,
/// m = memory, i = immediate). Operand order is Intel's (destination first). A few pseudo-instructions
/// (noted) expand to short fixed sequences in <see cref="X64Emitter"/>.
/// </summary>
public enum X64Opcode
{
    /// <summary><c>mov r64, r64</c> (a copy).</summary>
    MovRR,
    /// <summary><c>mov r64, imm64</c> (the encoder picks the shortest form).</summary>
    MovRI,
    /// <summary><c>mov r64, m64</c>.</summary>
    MovRM,
    /// <summary><c>mov m64, r64</c>.</summary>
    MovMR,
    /// <summary><c>mov r32, m32</c> (zero-extends).</summary>
    Mov32RM,
    /// <summary><c>mov m32, r32</c>.</summary>
    Mov32MR,
    /// <summary><c>movzx r32, m8</c>.</summary>
    Movzx8RM,
    /// <summary><c>mov m8, r8</c>.</summary>
    Mov8MR,
    /// <summary><c>lea r64, m</c> (memory or frame slot).</summary>
    Lea,
    /// <summary><c>lea r64, [rip + symbol]</c>.</summary>
    LeaSymbol,
    /// <summary><c>add r64, r64</c>.</summary>
    AddRR,
    /// <summary><c>sub r64, r64</c>.</summary>
    SubRR,
    /// <summary><c>and r64, r64</c>.</summary>
    AndRR,
    /// <summary><c>or r64, r64</c>.</summary>
    OrRR,
    /// <summary><c>xor r64, r64</c>.</summary>
    XorRR,
    /// <summary><c>imul r64, r64</c>.</summary>
    ImulRR,
    /// <summary><c>add r64, imm32</c> (imm8 when it fits).</summary>
    AddRI,
    /// <summary><c>sub r64, imm32</c>.</summary>
    SubRI,
    /// <summary><c>and r64, imm32</c>.</summary>
    AndRI,
    /// <summary><c>or r64, imm32</c>.</summary>
    OrRI,
    /// <summary><c>xor r64, imm32</c>.</summary>
    XorRI,
    /// <summary><c>imul r64, r64, imm32</c>.</summary>
    ImulRRI,
    /// <summary><c>shl r64, imm8</c>.</summary>
    ShlRI,
    /// <summary><c>shr r64, imm8</c>.</summary>
    ShrRI,
    /// <summary><c>sar r64, imm8</c>.</summary>
    SarRI,
    /// <summary><c>shl r64, cl</c> (implicit use of RCX).</summary>
    ShlRCl,
    /// <summary><c>shr r64, cl</c> (implicit use of RCX).</summary>
    ShrRCl,
    /// <summary><c>sar r64, cl</c> (implicit use of RCX).</summary>
    SarRCl,
    /// <summary><c>cmp r64, r64</c>.</summary>
    CmpRR,
    /// <summary><c>cmp r64, imm32</c>.</summary>
    CmpRI,
    /// <summary><c>test r64, r64</c>.</summary>
    TestRR,
    /// <summary>Pseudo: <c>setcc r8; movzx r32, r8</c>; operand 1 is the <see cref="Ir.IntCondition"/>.</summary>
    SetccZx,
    /// <summary>Pseudo: <c>ucomisd a, b</c> and a 0/1 result honouring IEEE unordered; operands d, a, b, condition, temp.</summary>
    FloatSet,
    /// <summary><c>movapd xmm, xmm</c> (a copy of the double).</summary>
    MovsdRR,
    /// <summary><c>movsd xmm, m64</c>.</summary>
    MovsdRM,
    /// <summary><c>movsd m64, xmm</c>.</summary>
    MovsdMR,
    /// <summary><c>addsd xmm, xmm</c>.</summary>
    AddsdRR,
    /// <summary><c>subsd xmm, xmm</c>.</summary>
    SubsdRR,
    /// <summary><c>mulsd xmm, xmm</c>.</summary>
    MulsdRR,
    /// <summary><c>divsd xmm, xmm</c>.</summary>
    DivsdRR,
    /// <summary><c>movq xmm, r64</c> (bits to float).</summary>
    MovqXR,
    /// <summary><c>movq r64, xmm</c> (float to bits).</summary>
    MovqRX,
    /// <summary><c>cvtsi2sd xmm, r64</c> (after clearing the destination).</summary>
    Cvtsi2sdRR,
    /// <summary><c>cvttsd2si r64, xmm</c> (truncating).</summary>
    Cvttsd2siRR,
    /// <summary><c>cvtsd2ss xmm, xmm</c> (§9 <c>float</c>).</summary>
    Cvtsd2ssRR,
    /// <summary><c>cvtss2sd xmm, xmm</c>.</summary>
    Cvtss2sdRR,
    /// <summary><c>call rel32</c> to a symbol.</summary>
    CallSymbol,
    /// <summary><c>call r64</c>.</summary>
    CallR,
    /// <summary><c>jmp rel</c> to a block.</summary>
    Jmp,
    /// <summary><c>jcc rel</c> to a block; operand 0 is the <see cref="Ir.IntCondition"/>.</summary>
    Jcc,
    /// <summary>Pseudo: <c>ucomisd a, b</c> and the branches for an IEEE condition; operands a, b, condition, true block, false block.</summary>
    FloatBranch,
    /// <summary>Return; the emitter writes the epilogue before <c>ret</c>.</summary>
    Ret,
    /// <summary><c>ud2</c>, for unreachable code.</summary>
    Ud2,
    /// <summary><c>movsd xmm, [rip + literal]</c>: operand 1 holds the double's bits, which the emitter puts in the
    /// function's literal pool.</summary>
    MovsdRPool,
    /// <summary><c>xorpd xmm, xmm</c>: +0.0 (operand 0 only written).</summary>
    XorpdZero,
    /// <summary><c>op r64, m64</c> (ADD/OR/AND/SUB/XOR/CMP; operand 2 is the <see cref="X64AluOp"/>): a spill slot read in
    /// place by the register allocator instead of reloaded into a scratch register first.</summary>
    AluRM,
    /// <summary><c>cmp m64, r64</c>: as <see cref="AluRM"/>, with the slot as the first comparand.</summary>
    CmpMR,
}
