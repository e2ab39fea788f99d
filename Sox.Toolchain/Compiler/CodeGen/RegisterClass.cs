namespace Sox.Compiler.CodeGen;

/// <summary>The two register files every supported target has: integer/pointer and floating point.</summary>
public enum RegisterClass
{
    /// <summary>Integer and pointer registers (x64 RAX…R15, arm64 X0…X30).</summary>
    General,
    /// <summary>Floating-point registers (x64 XMM0…XMM15, arm64 V0…V31).</summary>
    Float,
}
