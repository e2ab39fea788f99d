namespace Sox.Compiler.CodeGen;

/// <summary>Where one argument travels; a stack argument occupies <see cref="Width"/> bytes at <see cref="StackOffset"/>.</summary>
/// <param name="Register">The physical register, or null for a stack argument.</param>
/// <param name="StackOffset">A stack argument's byte offset from the first stack argument (SP at the call).</param>
/// <param name="Width">A stack argument's size in bytes (1, 4 or 8).</param>
public readonly record struct ArgumentLocation(int? Register, int StackOffset, int Width = 8)
{
    /// <summary>
    /// A register of the other class that must hold the argument's bits too, or null: the Microsoft x64 convention
    /// passes a variadic double in both its XMM register and the integer register of the same position (the callee
    /// may read either).
    /// </summary>
    public int? AlsoInRegister { get; init; }

    /// <summary>Whether the argument goes on the stack.</summary>
    public bool OnStack => Register is null;

    /// <summary>An argument in <paramref name="register"/>.</summary>
    public static ArgumentLocation InRegister(int register) => new(register, 0);

    /// <summary>An argument of <paramref name="width"/> bytes at stack offset <paramref name="offset"/>.</summary>
    public static ArgumentLocation Stack(int offset, int width = 8) => new(null, offset, width);
}
