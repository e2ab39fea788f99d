namespace Sox.Compiler.Ir;

/// <summary>
/// The two register classes of the IR. <see cref="I64"/> holds NaN-boxed values (runtime-abi.md "Values"), raw
/// pointers and integers; <see cref="F64"/> holds unboxed doubles. Instruction selection maps I64 to general
/// purpose registers and F64 to vector/FP registers on every target.
/// </summary>
public enum IrType
{
    /// <summary>A 64-bit word: a NaN-boxed value, a raw pointer or an integer.</summary>
    I64,

    /// <summary>An unboxed IEEE-754 double.</summary>
    F64,
}
