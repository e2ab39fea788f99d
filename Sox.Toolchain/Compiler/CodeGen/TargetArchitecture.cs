namespace Sox.Compiler.CodeGen;

/// <summary>The instruction sets the backends generate.</summary>
public enum TargetArchitecture
{
    /// <summary>x86-64 (Targets/X64).</summary>
    X64,
    /// <summary>AArch64 (Targets/Arm64).</summary>
    Arm64,
}
