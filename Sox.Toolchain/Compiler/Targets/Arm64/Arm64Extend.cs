namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// The extension applied to the index/second register of an extended-register instruction; the value is the
/// 3-bit <c>option</c> field (Arm ARM C4.1.96, <c>DecodeRegExtend</c>). UXTB…SXTW read the W view of the register,
/// UXTX/SXTX the X view. UXTX is what <c>lsl</c> means in <c>add x0, sp, x1, lsl #2</c> and <c>[x0, x1, lsl #3]</c>.
/// </summary>
public enum Arm64Extend : byte
{
    /// <summary>Zero-extend the low byte.</summary>
    Uxtb = 0,
    /// <summary>Zero-extend the low halfword.</summary>
    Uxth = 1,
    /// <summary>Zero-extend the low word (a 32-bit unsigned index).</summary>
    Uxtw = 2,
    /// <summary>The whole X register (printed <c>lsl</c> where it is the preferred form).</summary>
    Uxtx = 3,
    /// <summary>Sign-extend the low byte.</summary>
    Sxtb = 4,
    /// <summary>Sign-extend the low halfword.</summary>
    Sxth = 5,
    /// <summary>Sign-extend the low word (a 32-bit signed index).</summary>
    Sxtw = 6,
    /// <summary>The whole X register, "sign-extended" (a no-op at 64 bits).</summary>
    Sxtx = 7,
}
