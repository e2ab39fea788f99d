namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// The AArch64 registers the backend names: X0…X30, the stack pointer and the zero register, and the SIMD&amp;FP
/// registers V0…V31. The hardware number is <see cref="Arm64Registers.HardwareNumber"/>: SP and XZR are both
/// register number 31, and which one a 5-bit field means is fixed by the encoding (Arm ARM C1.2.5 "Register
/// names": "In instructions where register 31 is the stack pointer … otherwise the zero register"), so they are
/// distinct operands here and every method checks that it receives the one its field can mean.
/// </summary>
/// <remarks>
/// Width is chosen by the instruction, not the register (as for <c>X64Register</c>): <c>X3</c> is X3 in a
/// <c>…_x…</c> form and W3 in a <c>…_w…</c> form; <c>V5</c> is D5 in a <c>…_d…</c> form and S5 in a <c>…_s…</c> form
/// (Arm ARM C1.2.5 and A1.4 "SIMD and floating-point register views").
/// </remarks>
public enum Arm64Register : byte
{
    /// <summary>X0 (0): first argument and result register (AAPCS64 §6.4.1).</summary>
    X0 = 0,
    /// <summary>X1 (1).</summary>
    X1 = 1,
    /// <summary>X2 (2).</summary>
    X2 = 2,
    /// <summary>X3 (3).</summary>
    X3 = 3,
    /// <summary>X4 (4).</summary>
    X4 = 4,
    /// <summary>X5 (5).</summary>
    X5 = 5,
    /// <summary>X6 (6).</summary>
    X6 = 6,
    /// <summary>X7 (7).</summary>
    X7 = 7,
    /// <summary>X8 (8): indirect result location register (AAPCS64).</summary>
    X8 = 8,
    /// <summary>X9 (9).</summary>
    X9 = 9,
    /// <summary>X10 (10).</summary>
    X10 = 10,
    /// <summary>X11 (11).</summary>
    X11 = 11,
    /// <summary>X12 (12).</summary>
    X12 = 12,
    /// <summary>X13 (13).</summary>
    X13 = 13,
    /// <summary>X14 (14).</summary>
    X14 = 14,
    /// <summary>X15 (15).</summary>
    X15 = 15,
    /// <summary>X16 (16): IP0, intra-procedure-call scratch (veneers may clobber it).</summary>
    X16 = 16,
    /// <summary>X17 (17): IP1, intra-procedure-call scratch.</summary>
    X17 = 17,
    /// <summary>X18 (18): platform register (reserved on Apple and Windows).</summary>
    X18 = 18,
    /// <summary>X19 (19).</summary>
    X19 = 19,
    /// <summary>X20 (20).</summary>
    X20 = 20,
    /// <summary>X21 (21).</summary>
    X21 = 21,
    /// <summary>X22 (22).</summary>
    X22 = 22,
    /// <summary>X23 (23).</summary>
    X23 = 23,
    /// <summary>X24 (24).</summary>
    X24 = 24,
    /// <summary>X25 (25).</summary>
    X25 = 25,
    /// <summary>X26 (26).</summary>
    X26 = 26,
    /// <summary>X27 (27).</summary>
    X27 = 27,
    /// <summary>X28 (28).</summary>
    X28 = 28,
    /// <summary>X29 (29): frame pointer (FP).</summary>
    X29 = 29,
    /// <summary>X30 (30): link register (LR).</summary>
    X30 = 30,
    /// <summary>The stack pointer (register number 31 where the encoding reads it as SP).</summary>
    SP = 31,
    /// <summary>The zero register (register number 31 where the encoding reads it as XZR/WZR).</summary>
    XZR = 32,
    /// <summary>V0: SIMD&amp;FP register (D0/S0), first FP argument and result.</summary>
    V0 = 64,
    /// <summary>V1: SIMD&amp;FP register, D1 or S1 by instruction form.</summary>
    V1,
    /// <summary>V2: SIMD&amp;FP register, D2 or S2 by instruction form.</summary>
    V2,
    /// <summary>V3: SIMD&amp;FP register, D3 or S3 by instruction form.</summary>
    V3,
    /// <summary>V4: SIMD&amp;FP register, D4 or S4 by instruction form.</summary>
    V4,
    /// <summary>V5: SIMD&amp;FP register, D5 or S5 by instruction form.</summary>
    V5,
    /// <summary>V6: SIMD&amp;FP register, D6 or S6 by instruction form.</summary>
    V6,
    /// <summary>V7: SIMD&amp;FP register, D7 or S7 by instruction form.</summary>
    V7,
    /// <summary>V8: SIMD&amp;FP register, D8 or S8 by instruction form.</summary>
    V8,
    /// <summary>V9: SIMD&amp;FP register, D9 or S9 by instruction form.</summary>
    V9,
    /// <summary>V10: SIMD&amp;FP register, D10 or S10 by instruction form.</summary>
    V10,
    /// <summary>V11: SIMD&amp;FP register, D11 or S11 by instruction form.</summary>
    V11,
    /// <summary>V12: SIMD&amp;FP register, D12 or S12 by instruction form.</summary>
    V12,
    /// <summary>V13: SIMD&amp;FP register, D13 or S13 by instruction form.</summary>
    V13,
    /// <summary>V14: SIMD&amp;FP register, D14 or S14 by instruction form.</summary>
    V14,
    /// <summary>V15: SIMD&amp;FP register, D15 or S15 by instruction form.</summary>
    V15,
    /// <summary>V16: SIMD&amp;FP register, D16 or S16 by instruction form.</summary>
    V16,
    /// <summary>V17: SIMD&amp;FP register, D17 or S17 by instruction form.</summary>
    V17,
    /// <summary>V18: SIMD&amp;FP register, D18 or S18 by instruction form.</summary>
    V18,
    /// <summary>V19: SIMD&amp;FP register, D19 or S19 by instruction form.</summary>
    V19,
    /// <summary>V20: SIMD&amp;FP register, D20 or S20 by instruction form.</summary>
    V20,
    /// <summary>V21: SIMD&amp;FP register, D21 or S21 by instruction form.</summary>
    V21,
    /// <summary>V22: SIMD&amp;FP register, D22 or S22 by instruction form.</summary>
    V22,
    /// <summary>V23: SIMD&amp;FP register, D23 or S23 by instruction form.</summary>
    V23,
    /// <summary>V24: SIMD&amp;FP register, D24 or S24 by instruction form.</summary>
    V24,
    /// <summary>V25: SIMD&amp;FP register, D25 or S25 by instruction form.</summary>
    V25,
    /// <summary>V26: SIMD&amp;FP register, D26 or S26 by instruction form.</summary>
    V26,
    /// <summary>V27: SIMD&amp;FP register, D27 or S27 by instruction form.</summary>
    V27,
    /// <summary>V28: SIMD&amp;FP register, D28 or S28 by instruction form.</summary>
    V28,
    /// <summary>V29: SIMD&amp;FP register, D29 or S29 by instruction form.</summary>
    V29,
    /// <summary>V30: SIMD&amp;FP register, D30 or S30 by instruction form.</summary>
    V30,
    /// <summary>V31: SIMD&amp;FP register, D31 or S31 by instruction form.</summary>
    V31,
}
