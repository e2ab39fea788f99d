namespace Sox.Compiler.Ir;

/// <summary>Two's-complement 64-bit integer operations. Shifts take the count modulo 64.</summary>
public enum IntOp { Add, Sub, Mul, And, Or, Xor, Shl, Shr, Sar }

/// <summary>IEEE-754 binary64 arithmetic, round to nearest.</summary>
public enum FloatOp { FAdd, FSub, FMul, FDiv }

/// <summary>Integer comparisons: signed (Lt…Ge) and unsigned (ULt…UGe).</summary>
public enum IntCondition { Eq, Ne, Lt, Le, Gt, Ge, ULt, ULe, UGt, UGe }

/// <summary>
/// IEEE-754 comparisons. Ordered: false when either side is NaN, except <see cref="Ne"/>, which is true then
/// (so <c>NaN != NaN</c>, §3). Instruction selection must honour this (x86 ucomisd sets PF on unordered).
/// </summary>
public enum FloatCondition { Eq, Ne, Lt, Le, Gt, Ge }

/// <summary>Register-class changes.</summary>
public enum ConvertKind
{
    /// <summary>Reinterpret the 64 bits of an I64 as a double (no conversion).</summary>
    BitsToFloat,
    /// <summary>Reinterpret the 64 bits of a double as an I64.</summary>
    FloatToBits,
    /// <summary>Signed 64-bit integer to the nearest double.</summary>
    IntToFloat,
    /// <summary>Double to signed 64-bit integer, truncating toward zero; the caller range-checks first (§9).</summary>
    FloatToInt,
    /// <summary>F64 → F64 holding a C <c>float</c> in its low 32 bits (§9 <c>float</c> arguments and results).</summary>
    DoubleToSingle,
    /// <summary>The low 32 bits of an F64 register as a <c>float</c>, widened exactly to a double.</summary>
    SingleToDouble,
}

/// <summary>The binary operators of §3 on Sox values, before legalisation.</summary>
public enum SoxBinaryOp { Add, Sub, Mul, Div, Mod, Eq, Ne, Lt, Le, Gt, Ge }

/// <summary>The unary operators of §3 on Sox values, before legalisation.</summary>
public enum SoxUnaryOp { Negate, Not }

public static class OperatorNames
{
    public static string Name(this IntOp op) => op.ToString().ToLowerInvariant();

    public static string Name(this FloatOp op) => op.ToString().ToLowerInvariant();

    public static string Name(this IntCondition c) => c.ToString().ToLowerInvariant();

    public static string Name(this FloatCondition c) => c.ToString().ToLowerInvariant();

    public static string Name(this SoxBinaryOp op) => op.ToString().ToLowerInvariant();

    public static string Name(this SoxUnaryOp op) => op.ToString().ToLowerInvariant();

    public static string Name(this ConvertKind k) => k switch
    {
        ConvertKind.BitsToFloat => "bits_to_f64",
        ConvertKind.FloatToBits => "f64_to_bits",
        ConvertKind.IntToFloat => "i64_to_f64",
        ConvertKind.DoubleToSingle => "f64_to_f32",
        ConvertKind.SingleToDouble => "f32_to_f64",
        _ => "f64_to_i64",
    };

    /// <summary>The condition that holds exactly when <paramref name="c"/> does not.</summary>
    public static IntCondition Negate(this IntCondition c) => c switch
    {
        IntCondition.Eq => IntCondition.Ne,
        IntCondition.Ne => IntCondition.Eq,
        IntCondition.Lt => IntCondition.Ge,
        IntCondition.Le => IntCondition.Gt,
        IntCondition.Gt => IntCondition.Le,
        IntCondition.Ge => IntCondition.Lt,
        IntCondition.ULt => IntCondition.UGe,
        IntCondition.ULe => IntCondition.UGt,
        IntCondition.UGt => IntCondition.ULe,
        _ => IntCondition.ULt,
    };

    public static bool Evaluate(this IntCondition c, long a, long b) => c switch
    {
        IntCondition.Eq => a == b,
        IntCondition.Ne => a != b,
        IntCondition.Lt => a < b,
        IntCondition.Le => a <= b,
        IntCondition.Gt => a > b,
        IntCondition.Ge => a >= b,
        IntCondition.ULt => (ulong)a < (ulong)b,
        IntCondition.ULe => (ulong)a <= (ulong)b,
        IntCondition.UGt => (ulong)a > (ulong)b,
        _ => (ulong)a >= (ulong)b,
    };

    /// <summary>C# comparison operators already follow IEEE (false on NaN except !=).</summary>
    public static bool Evaluate(this FloatCondition c, double a, double b) => c switch
    {
        FloatCondition.Eq => a == b,
        FloatCondition.Ne => a != b,
        FloatCondition.Lt => a < b,
        FloatCondition.Le => a <= b,
        FloatCondition.Gt => a > b,
        _ => a >= b,
    };

    public static long Evaluate(this IntOp op, long a, long b) => op switch
    {
        IntOp.Add => unchecked(a + b),
        IntOp.Sub => unchecked(a - b),
        IntOp.Mul => unchecked(a * b),
        IntOp.And => a & b,
        IntOp.Or => a | b,
        IntOp.Xor => a ^ b,
        IntOp.Shl => a << (int)(b & 63),
        IntOp.Shr => (long)((ulong)a >> (int)(b & 63)),
        _ => a >> (int)(b & 63),
    };

    public static double Evaluate(this FloatOp op, double a, double b) => op switch
    {
        FloatOp.FAdd => a + b,
        FloatOp.FSub => a - b,
        FloatOp.FMul => a * b,
        _ => a / b,
    };
}
