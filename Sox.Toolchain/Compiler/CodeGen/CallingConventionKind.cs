namespace Sox.Compiler.CodeGen;

/// <summary>The C calling conventions the backends implement (architecture.md D2).</summary>
public enum CallingConventionKind
{
    /// <summary>System V AMD64 psABI §3.2.3 (Linux and macOS x86-64).</summary>
    SysVAmd64,
    /// <summary>AAPCS64 "Procedure Call Standard for the Arm 64-bit Architecture" §6.8 (Linux arm64).</summary>
    Aapcs64,
    /// <summary>Apple's arm64 variant: variadic arguments all on the stack in 8-byte slots.</summary>
    AppleArm64,
    /// <summary>
    /// The Microsoft x64 convention (Windows): the first four arguments by position in RCX, RDX, R8, R9 or XMM0–XMM3,
    /// a 32-byte home area reserved by every caller below the stack arguments, the rest on the stack in 8-byte slots
    /// from offset 32; a variadic call passes a floating-point argument in both its XMM register and the integer
    /// register of its position.
    /// </summary>
    MicrosoftX64,
}
