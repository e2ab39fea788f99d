namespace Sox.Compiler.Ir;

/// <summary>
/// The NaN-boxing constants of runtime-abi.md "Values" and "Objects", in one place for lowering, passes and
/// tests. A value is a number when <c>(v &amp; Qnan) != Qnan</c>; an object when <c>(v &amp; ObjectTag) == ObjectTag</c>.
/// </summary>
public static class ValueBits
{
    public const long Qnan = 0x7ffc000000000000;
    public const long Sign = unchecked((long)0x8000000000000000);
    public const long Nil = Qnan | 1;
    public const long False = Qnan | 2;
    public const long True = Qnan | 3;
    public const long Undefined = Qnan | 4;
    public const long ObjectTag = Sign | Qnan;
    public const long AddressMask = 0x0000ffffffffffff;

    /// <summary>The canonical NaN every NaN is turned into before it becomes a value (runtime-abi.md).</summary>
    public const long CanonicalNan = 0x7ff8000000000000;

    // Object types (header byte 0) and field offsets generated code reads.
    public const int TypeString = 1, TypeClosure = 2, TypeCell = 3;
    public const int HeaderTypeOffset = 0, HeaderFlagsOffset = 1, HeaderAuxOffset = 4;
    public const int CellValueOffset = 8;
    public const int ClosureCodeOffset = 8, ClosureFunctionOffset = 16, ClosureCellsOffset = 24;
    public const byte StaticObjectFlag = 1;

    // Instances, shapes and property caches (runtime-abi.md "Instances, shapes and inline caches").
    public const int TypeInstance = 6;
    public const int TypeNative = 4;
    public const int InstanceShapeOffset = 16, ShapeIdOffset = 0;
    public const int PropertyCacheSize = 40, PropertyCacheShapeIdOffset = 0, PropertyCachePayloadOffset = 8;

    public static long Bool(bool b) => b ? True : False;

    public static bool IsNumber(long bits) => (bits & Qnan) != Qnan;

    /// <summary>The value of a double, canonicalising NaN so no payload can look like a tag.</summary>
    public static long Number(double d) => double.IsNaN(d) ? CanonicalNan : BitConverter.DoubleToInt64Bits(d);

    public static double ToDouble(long bits) => BitConverter.Int64BitsToDouble(bits);

    /// <summary>Falsey per §2: nil and false, i.e. <c>(v - Nil) &lt;= 1</c> unsigned.</summary>
    public static bool IsFalsey(long bits) => (ulong)unchecked(bits - Nil) <= 1;

    /// <summary>A readable name for a tagged constant, or null when it is a number or unknown.</summary>
    public static string? Describe(long bits) => bits switch
    {
        Nil => "nil",
        False => "false",
        True => "true",
        Undefined => "undefined",
        _ => null,
    };
}
