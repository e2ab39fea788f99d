namespace Sox.Compiler.CodeGen.Emission;

/// <summary>What one prologue instruction did to the stack or the callee-saved registers (for unwind data).</summary>
public enum PrologueOperation
{
    /// <summary><c>push reg</c>: <see cref="PrologueStep.Register"/> saved at the new SP, SP lowered by 8.</summary>
    PushNonvolatile,
    /// <summary>SP lowered by <see cref="PrologueStep.Value"/> bytes (a multiple of 8).</summary>
    Allocate,
    /// <summary>The frame register <see cref="PrologueStep.Register"/> set to SP + <see cref="PrologueStep.Value"/> (a multiple of 16).</summary>
    SetFrameRegister,
    /// <summary>A 64-bit general register stored at frame base + <see cref="PrologueStep.Value"/> (frame base: SP when
    /// the frame register was set, i.e. the frame register minus its offset).</summary>
    SaveNonvolatile,
    /// <summary>A whole XMM register stored at frame base + <see cref="PrologueStep.Value"/> (16-byte aligned).</summary>
    SaveXmm128,
}

/// <summary>
/// One prologue instruction's effect, recorded by the emitter as it encodes the prologue (Windows x64 turns the
/// steps into <c>UNWIND_CODE</c>s; other targets record none).
/// </summary>
/// <param name="Operation">What the instruction did.</param>
/// <param name="Register">The register pushed, saved or set up (our physical numbering: XMM n is 32 + n).</param>
/// <param name="Value">Bytes allocated, the frame register's offset from SP, or a save's offset from the frame base.</param>
public readonly record struct PrologueStep(PrologueOperation Operation, int Register, int Value);
