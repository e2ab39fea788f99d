namespace Sox.Compiler.CodeGen;

/// <summary>A register a calling convention sets to <paramref name="Value"/> for the callee without an argument for it.</summary>
/// <param name="Register">The physical register (the target's numbering).</param>
/// <param name="Value">The value it must hold at the call.</param>
public readonly record struct ImplicitArgument(int Register, long Value);
