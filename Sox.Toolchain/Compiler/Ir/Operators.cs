namespace Sox.Compiler.Ir;

/// <summary>Two's-complement 64-bit integer operations. Shifts take the count modulo 64.</summary>
public enum IntOp
{
    /// <summary>Wrapping addition.</summary>
    Add,

    /// <summary>Wrapping subtraction.</summary>
    Sub,

    /// <summary>Wrapping multiplication (low 64 bits).</summary>
    Mul,

    /// <summary>Bitwise and.</summary>
    And,

    /// <summary>Bitwise or.</summary>
    Or,

    /// <summary>Bitwise exclusive or.</summary>
    Xor,

    /// <summary>Shift left.</summary>
    Shl,

    /// <summary>Logical shift right (zeros shifted in).</summary>
    Shr,

    /// <summary>Arithmetic shift right (the sign bit shifted in).</summary>
    Sar,
}

/// <summary>IEEE-754 binary64 arithmetic, round to nearest.</summary>
public enum FloatOp
{
    /// <summary>Addition.</summary>
    FAdd,

    /// <summary>Subtraction.</summary>
    FSub,

    /// <summary>Multiplication.</summary>
    FMul,

    /// <summary>Division (by zero gives an infinity or NaN, no trap).</summary>
    FDiv,
}

/// <summary>Integer comparisons: signed (Lt…Ge) and unsigned (ULt…UGe).</summary>
public enum IntCondition
{
    /// <summary>Equal.</summary>
    Eq,

    /// <summary>Not equal.</summary>
    Ne,

    /// <summary>Signed less than.</summary>
    Lt,

    /// <summary>Signed less than or equal.</summary>
    Le,

    /// <summary>Signed greater than.</summary>
    Gt,

    /// <summary>Signed greater than or equal.</summary>
    Ge,

    /// <summary>Unsigned less than.</summary>
    ULt,

    /// <summary>Unsigned less than or equal.</summary>
    ULe,

    /// <summary>Unsigned greater than.</summary>
    UGt,

    /// <summary>Unsigned greater than or equal.</summary>
    UGe,
}

/// <summary>
/// IEEE-754 comparisons. Ordered: false when either side is NaN, except <see cref="Ne"/>, which is true then
/// (so <c>NaN != NaN</c>, §3). Instruction selection must honour this (x86 ucomisd sets PF on unordered).
/// </summary>
public enum FloatCondition
{
    /// <summary>Equal (ordered).</summary>
    Eq,

    /// <summary>Not equal, or unordered (either side NaN).</summary>
    Ne,

    /// <summary>Less than (ordered).</summary>
    Lt,

    /// <summary>Less than or equal (ordered).</summary>
    Le,

    /// <summary>Greater than (ordered).</summary>
    Gt,

    /// <summary>Greater than or equal (ordered).</summary>
    Ge,
}

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
public enum SoxBinaryOp
{
    /// <summary><c>+</c>: numbers add, strings concatenate.</summary>
    Add,

    /// <summary><c>-</c> on numbers.</summary>
    Sub,

    /// <summary><c>*</c> on numbers.</summary>
    Mul,

    /// <summary><c>/</c> on numbers.</summary>
    Div,

    /// <summary><c>%</c> on numbers (C <c>fmod</c>).</summary>
    Mod,

    /// <summary><c>==</c>: §3 equality of any two values.</summary>
    Eq,

    /// <summary><c>!=</c>.</summary>
    Ne,

    /// <summary><c>&lt;</c> on numbers.</summary>
    Lt,

    /// <summary><c>&lt;=</c> on numbers.</summary>
    Le,

    /// <summary><c>&gt;</c> on numbers.</summary>
    Gt,

    /// <summary><c>&gt;=</c> on numbers.</summary>
    Ge,
}

/// <summary>The unary operators of §3 on Sox values, before legalisation.</summary>
public enum SoxUnaryOp
{
    /// <summary><c>-x</c> on a number ("Operand must be a number.").</summary>
    Negate,

    /// <summary><c>!x</c>: the negated truthiness of any value.</summary>
    Not,
}

/// <summary>The IR printer's names of the operators (<c>add</c>, <c>ult</c>, <c>f64_to_i64</c>) and their constant evaluation, used by folding.</summary>
public static class OperatorNames
{
    /// <summary>The printed name: <c>add</c>, <c>sar</c>, ….</summary>
    public static string Name(this IntOp op) => op.ToString().ToLowerInvariant();

    /// <summary>The printed name: <c>fadd</c>, <c>fdiv</c>, ….</summary>
    public static string Name(this FloatOp op) => op.ToString().ToLowerInvariant();

    /// <summary>The printed name: <c>eq</c>, <c>ult</c>, ….</summary>
    public static string Name(this IntCondition c) => c.ToString().ToLowerInvariant();

    /// <summary>The printed name: <c>eq</c>, <c>lt</c>, ….</summary>
    public static string Name(this FloatCondition c) => c.ToString().ToLowerInvariant();

    /// <summary>The printed name, after <c>sox.</c>: <c>add</c>, <c>lt</c>, ….</summary>
    public static string Name(this SoxBinaryOp op) => op.ToString().ToLowerInvariant();

    /// <summary>The printed name, after <c>sox.</c>: <c>negate</c>, <c>not</c>.</summary>
    public static string Name(this SoxUnaryOp op) => op.ToString().ToLowerInvariant();

    /// <summary>The printed name, source type first: <c>i64_to_f64</c>, <c>bits_to_f64</c>, ….</summary>
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

    /// <summary>Whether <c>a c b</c> holds, unsigned conditions comparing the bits as unsigned (constant folding).</summary>
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

    /// <summary><c>a op b</c> as the target computes it: wrapping, shift counts modulo 64 (constant folding).</summary>
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

    /// <summary><c>a op b</c> in IEEE double arithmetic (constant folding).</summary>
    public static double Evaluate(this FloatOp op, double a, double b) => op switch
    {
        FloatOp.FAdd => a + b,
        FloatOp.FSub => a - b,
        FloatOp.FMul => a * b,
        _ => a / b,
    };
}
