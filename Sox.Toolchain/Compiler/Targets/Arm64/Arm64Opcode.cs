namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// Machine-IR opcodes of the AArch64 backend, named after the Arm ARM instructions they encode to (DDI 0487,
/// C6 base, C7 SIMD&amp;FP); R = register, I = immediate, M = memory. Operand order is the assembler's (destination
/// first); every form is three-address. A few pseudo-instructions (noted) expand to short fixed sequences in
/// <see cref="Arm64Emitter"/>.
/// </summary>
public enum Arm64Opcode
{
    /// <summary><c>mov xd, xm</c> (ORR with XZR; a copy).</summary>
    MovRR,
    /// <summary><c>mov xd, #imm64</c>: the shortest MOVZ/MOVN/ORR + MOVK sequence (<c>Mov_x_imm</c>).</summary>
    MovRI,
    /// <summary><c>ldr xt, m</c>.</summary>
    LdrRM,
    /// <summary><c>str xt, m</c>.</summary>
    StrMR,
    /// <summary><c>ldr wt, m</c> (zero-extends to 64 bits).</summary>
    Ldr32RM,
    /// <summary><c>str wt, m</c>.</summary>
    Str32MR,
    /// <summary><c>ldrb wt, m</c> (zero-extends).</summary>
    LdrbRM,
    /// <summary><c>strb wt, m</c>.</summary>
    StrbMR,
    /// <summary>Pseudo: the address of a frame slot, <c>add xd, sp, #off</c> (or via the address scratch).</summary>
    AddrFrame,
    /// <summary>Pseudo: <c>adrp xd, sym; add xd, xd, :lo12:sym</c> (ADR_PREL_PG_HI21 + ADD_ABS_LO12_NC).</summary>
    AddrSymbol,
    /// <summary><c>add xd, xn, xm</c>.</summary>
    AddRR,
    /// <summary><c>sub xd, xn, xm</c>.</summary>
    SubRR,
    /// <summary><c>and xd, xn, xm</c>.</summary>
    AndRR,
    /// <summary><c>orr xd, xn, xm</c>.</summary>
    OrrRR,
    /// <summary><c>eor xd, xn, xm</c>.</summary>
    EorRR,
    /// <summary><c>mul xd, xn, xm</c>.</summary>
    MulRR,
    /// <summary><c>lslv xd, xn, xm</c> (the count is taken modulo 64 by the hardware).</summary>
    LslvRR,
    /// <summary><c>lsrv xd, xn, xm</c>.</summary>
    LsrvRR,
    /// <summary><c>asrv xd, xn, xm</c>.</summary>
    AsrvRR,
    /// <summary><c>add xd, xn, #imm12{, lsl #12}</c>; operands d, n, imm (the emitter splits the shift).</summary>
    AddRI,
    /// <summary><c>sub xd, xn, #imm12{, lsl #12}</c>.</summary>
    SubRI,
    /// <summary><c>and xd, xn, #bitmask</c>.</summary>
    AndRI,
    /// <summary><c>orr xd, xn, #bitmask</c>.</summary>
    OrrRI,
    /// <summary><c>eor xd, xn, #bitmask</c>.</summary>
    EorRI,
    /// <summary><c>lsl xd, xn, #shift</c> (a UBFM alias).</summary>
    LslRI,
    /// <summary><c>lsr xd, xn, #shift</c> (a UBFM alias).</summary>
    LsrRI,
    /// <summary><c>asr xd, xn, #shift</c> (an SBFM alias).</summary>
    AsrRI,
    /// <summary><c>cmp xn, xm</c>.</summary>
    CmpRR,
    /// <summary><c>cmp xn, #imm12</c> or <c>cmn xn, #imm12</c> for a negative immediate.</summary>
    CmpRI,
    /// <summary><c>cset xd, cond</c>; operand 1 is the <see cref="Arm64Condition"/>.</summary>
    Cset,
    /// <summary><c>fcmp dn, dm</c>.</summary>
    FcmpRR,
    /// <summary><c>fmov dd, dn</c> (a copy).</summary>
    FmovRR,
    /// <summary><c>ldr dt, m</c>.</summary>
    LdrDRM,
    /// <summary><c>str dt, m</c>.</summary>
    StrDMR,
    /// <summary><c>fadd dd, dn, dm</c>.</summary>
    FaddRR,
    /// <summary><c>fsub dd, dn, dm</c>.</summary>
    FsubRR,
    /// <summary><c>fmul dd, dn, dm</c>.</summary>
    FmulRR,
    /// <summary><c>fdiv dd, dn, dm</c>.</summary>
    FdivRR,
    /// <summary><c>fmov dd, #imm</c> (FMOV scalar immediate: ±n/16 × 2^e); operand 1 holds the double's bits.</summary>
    FmovDI,
    /// <summary><c>fmov dd, xn</c> (bits to float).</summary>
    FmovDX,
    /// <summary><c>fmov xd, dn</c> (float to bits).</summary>
    FmovXD,
    /// <summary><c>scvtf dd, xn</c>.</summary>
    ScvtfDX,
    /// <summary><c>fcvtzs xd, dn</c>.</summary>
    FcvtzsXD,
    /// <summary><c>fcvt sd, dn</c> (§9 <c>float</c>).</summary>
    FcvtSD,
    /// <summary><c>fcvt dd, sn</c>.</summary>
    FcvtDS,
    /// <summary><c>str sn, [mem]</c>: a <c>float</c> stack argument (Apple arm64 packs it in 4 bytes).</summary>
    StrSMR,
    /// <summary><c>bl symbol</c> (CALL26).</summary>
    BlSymbol,
    /// <summary><c>blr xn</c>.</summary>
    Blr,
    /// <summary><c>b</c> to a block (omitted when the block is next).</summary>
    B,
    /// <summary><c>b.cond</c> to a block; operand 0 is the <see cref="Arm64Condition"/>.</summary>
    BCond,
    /// <summary><c>cbnz xt, block</c>.</summary>
    Cbnz,
    /// <summary>Return; the emitter writes the epilogue (which ends in <c>ret</c>).</summary>
    Ret,
    /// <summary><c>udf #0</c>: a permanently undefined instruction (SIGILL), like x86's <c>ud2</c>.</summary>
    Udf,
}
