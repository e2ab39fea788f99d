namespace Sox.Compiler.Targets.X64;

/// <summary>
/// The x86-64 registers the backend allocates: the sixteen general-purpose registers and the sixteen SSE
/// registers. The low four bits of the value are the hardware register number (Intel SDM Vol. 2A §2.2.1,
/// Table 2-4 "REX.B/REX.R/REX.X extension": bit 3 goes into a REX bit, bits 0–2 into ModRM/SIB/opcode).
/// </summary>
/// <remarks>
/// Width is chosen by the instruction, not the register: <c>Rax</c> names RAX, EAX or AL depending on the form
/// (<c>…_r64</c>, <c>…_r32</c>, <c>…_r8</c>). Byte forms always mean the low byte (AL…DIL, R8B…R15B); the encoder
/// adds a REX prefix for SPL/BPL/SIL/DIL so the legacy AH/CH/DH/BH encodings are never produced (SDM Vol. 2A §2.2.1.2).
/// </remarks>
public enum X64Register : byte
{
    /// <summary>RAX (0): return value, implicit operand of CQO/IDIV.</summary>
    Rax = 0,
    /// <summary>RCX (1): shift count register (CL).</summary>
    Rcx = 1,
    /// <summary>RDX (2).</summary>
    Rdx = 2,
    /// <summary>RBX (3).</summary>
    Rbx = 3,
    /// <summary>RSP (4): as a memory base it needs a SIB byte; it can never be an index.</summary>
    Rsp = 4,
    /// <summary>RBP (5): as a memory base with no displacement it needs an explicit disp8 of 0.</summary>
    Rbp = 5,
    /// <summary>RSI (6).</summary>
    Rsi = 6,
    /// <summary>RDI (7).</summary>
    Rdi = 7,
    /// <summary>R8 (8).</summary>
    R8 = 8,
    /// <summary>R9 (9).</summary>
    R9 = 9,
    /// <summary>R10 (10).</summary>
    R10 = 10,
    /// <summary>R11 (11).</summary>
    R11 = 11,
    /// <summary>R12 (12): like RSP, needs a SIB byte as a base (but may be an index).</summary>
    R12 = 12,
    /// <summary>R13 (13): like RBP, needs a displacement as a base.</summary>
    R13 = 13,
    /// <summary>R14 (14).</summary>
    R14 = 14,
    /// <summary>R15 (15).</summary>
    R15 = 15,
    /// <summary>XMM0.</summary>
    Xmm0 = 16,
    /// <summary>XMM1.</summary>
    Xmm1,
    /// <summary>XMM2.</summary>
    Xmm2,
    /// <summary>XMM3.</summary>
    Xmm3,
    /// <summary>XMM4.</summary>
    Xmm4,
    /// <summary>XMM5.</summary>
    Xmm5,
    /// <summary>XMM6.</summary>
    Xmm6,
    /// <summary>XMM7.</summary>
    Xmm7,
    /// <summary>XMM8.</summary>
    Xmm8,
    /// <summary>XMM9.</summary>
    Xmm9,
    /// <summary>XMM10.</summary>
    Xmm10,
    /// <summary>XMM11.</summary>
    Xmm11,
    /// <summary>XMM12.</summary>
    Xmm12,
    /// <summary>XMM13.</summary>
    Xmm13,
    /// <summary>XMM14.</summary>
    Xmm14,
    /// <summary>XMM15.</summary>
    Xmm15,
}
