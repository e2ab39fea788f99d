namespace Sox.Compiler.CodeGen.Emission;

/// <summary>
/// What one prologue or epilogue instruction did to the stack, the frame register or the callee-saved registers, for
/// unwind data: Windows x64 <c>UNWIND_CODE</c>s (prologue steps only) and DWARF call frame information (DWARF 4 §6.4,
/// all of them, so that every instruction of a function, prologue and epilogues included, has its CFA described).
/// </summary>
public enum PrologueOperation
{
    /// <summary><c>push reg</c>: <see cref="PrologueStep.Register"/> saved at the new SP, SP lowered by 8.</summary>
    PushNonvolatile,
    /// <summary>SP lowered by <see cref="PrologueStep.Value"/> bytes (a multiple of 8).</summary>
    Allocate,
    /// <summary>The frame register <see cref="PrologueStep.Register"/> set to SP + <see cref="PrologueStep.Value"/> (a multiple of 16).</summary>
    SetFrameRegister,
    /// <summary>A 64-bit register stored at frame base + <see cref="PrologueStep.Value"/> (frame base: SP when the frame
    /// register was set, i.e. the frame register minus its offset; the value is negative when the saves lie below the
    /// frame register): a general register, or on AArch64 the low 64 bits (D<i>n</i>) of a vector register.</summary>
    SaveNonvolatile,
    /// <summary>A whole XMM register stored at frame base + <see cref="PrologueStep.Value"/> (16-byte aligned).</summary>
    SaveXmm128,
    /// <summary>AArch64 <c>stp a, b, [sp, #-n]!</c>: SP lowered by <see cref="PrologueStep.Value"/>, then
    /// <see cref="PrologueStep.Register"/> stored at the new SP and <see cref="PrologueStep.SecondRegister"/> at SP + 8
    /// (the frame record: X29, X30).</summary>
    PushPair,
    /// <summary>An epilogue starts here (recorded before its first instruction): the frame as the prologue left it
    /// holds until <see cref="PopFrame"/>.</summary>
    EpilogueStart,
    /// <summary>The frame is gone (after <c>pop rbp</c> / <c>ldp x29, x30, [sp], #16</c>): SP is back at its value on
    /// entry and every register the prologue saved holds the caller's value again.</summary>
    PopFrame,
    /// <summary>The epilogue's return instruction ends here; code after it (another block) runs in the prologue's frame.</summary>
    EpilogueEnd,
}

/// <summary>
/// One prologue or epilogue instruction's effect, recorded by the emitter as it encodes the instruction (called right
/// after it, so the step's position is the end of its instruction, as Windows x64 unwind codes count them and as a
/// DWARF CFI row takes effect; <see cref="PrologueOperation.EpilogueStart"/> is recorded before the epilogue).
/// </summary>
/// <param name="Operation">What the instruction did.</param>
/// <param name="Register">The register pushed, saved or set up (our physical numbering: XMM/V n is 32 + n).</param>
/// <param name="Value">Bytes allocated, the frame register's offset from SP, or a save's offset from the frame base.</param>
/// <param name="SecondRegister">The second register of <see cref="PrologueOperation.PushPair"/>; -1 otherwise.</param>
public readonly record struct PrologueStep(PrologueOperation Operation, int Register, int Value, int SecondRegister = -1);
