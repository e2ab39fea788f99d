namespace Sox.Compiler.CodeGen;

/// <summary>The two register files every supported target has: integer/pointer and floating point.</summary>
public enum RegisterClass
{
    General,
    Float,
}
