namespace Sox.Compiler.Ir;

/// <summary>
/// The NaN-boxing constants of runtime-abi.md "Values" and "Objects", in one place for lowering, passes and
/// tests. A value is a number when <c>(v &amp; Qnan) != Qnan</c>; an object when <c>(v &amp; ObjectTag) == ObjectTag</c>.
/// </summary>
public static class ValueBits
{
    /// <summary>The quiet-NaN bits (exponent all ones, quiet bit and bit 50): a value with all of them set is not a number.</summary>
    public const long Qnan = 0x7ffc000000000000;

    /// <summary>The sign bit; with <see cref="Qnan"/> it marks an object pointer (<see cref="ObjectTag"/>).</summary>
    public const long Sign = unchecked((long)0x8000000000000000);

    /// <summary><c>nil</c>.</summary>
    public const long Nil = Qnan | 1;

    /// <summary><c>false</c>.</summary>
    public const long False = Qnan | 2;

    /// <summary><c>true</c>.</summary>
    public const long True = Qnan | 3;

    /// <summary>The content of a global slot not yet defined (never visible to programs: reading it is "Undefined variable").</summary>
    public const long Undefined = Qnan | 4;

    /// <summary><c>Sign | Qnan</c>: or-ed with a 48-bit address it makes an object value.</summary>
    public const long ObjectTag = Sign | Qnan;

    /// <summary>The 48 address bits of an object value (and-ed with the value, it gives the raw pointer).</summary>
    public const long AddressMask = 0x0000ffffffffffff;

    /// <summary>The canonical NaN every NaN is turned into before it becomes a value (runtime-abi.md).</summary>
    public const long CanonicalNan = 0x7ff8000000000000;

    // Object types (header byte 0, SoxObjType) and field offsets generated code reads.

    /// <summary>Object type of a string (<c>SOX_OBJ_STRING</c>).</summary>
    public const int TypeString = 1;

    /// <summary>Object type of a closure (<c>SOX_OBJ_CLOSURE</c>).</summary>
    public const int TypeClosure = 2;

    /// <summary>Object type of a cell, a captured variable's box (<c>SOX_OBJ_CELL</c>).</summary>
    public const int TypeCell = 3;

    /// <summary>Offset of the type byte in every object header.</summary>
    public const int HeaderTypeOffset = 0;

    /// <summary>Offset of the flags byte in every object header (bit 0: <see cref="StaticObjectFlag"/>).</summary>
    public const int HeaderFlagsOffset = 1;

    /// <summary>Offset of the 32-bit per-type word of the header (closures: the arity).</summary>
    public const int HeaderAuxOffset = 4;

    /// <summary>Offset of a string's 32-bit length, followed by its 32-bit FNV-1a hash (runtime-abi.md "Objects").</summary>
    public const int StringLengthOffset = 8;

    /// <summary>Offset of the value a cell holds.</summary>
    public const int CellValueOffset = 8;

    /// <summary>Offset of a class's cached <c>init</c> closure pointer (<c>SoxClass.init</c>, NULL when it has none).</summary>
    public const int ClassInitOffset = 16;

    /// <summary>Offset of a class's 64-bit id (<c>SoxClass.id</c>): unique for the program's lifetime, never 0; super
    /// caches compare it.</summary>
    public const int ClassIdOffset = 72;

    /// <summary>Size in bytes of a <c>SoxSuperCache</c>, one per <c>super.m(x)</c> site: the superclass's id at +0, the
    /// method closure at +8.</summary>
    public const int SuperCacheSize = 16;

    /// <summary>Offset of a closure's code pointer (the native function generated code calls).</summary>
    public const int ClosureCodeOffset = 8;

    /// <summary>Offset of a closure's <c>SoxFunction*</c> descriptor.</summary>
    public const int ClosureFunctionOffset = 16;

    /// <summary>Offset of a closure's array of captured cells.</summary>
    public const int ClosureCellsOffset = 24;

    /// <summary>Header flag of an object the compiler emitted in <c>.data</c>: never freed, moved or traced.</summary>
    public const byte StaticObjectFlag = 1;

    // Instances, shapes and property caches (runtime-abi.md "Instances, shapes and inline caches").

    /// <summary>Object type of a class instance (<c>SOX_OBJ_INSTANCE</c>).</summary>
    public const int TypeInstance = 6;

    /// <summary>Object type of a native (built-in) function (<c>SOX_OBJ_NATIVE</c>).</summary>
    public const int TypeNative = 4;

    /// <summary>Offset of an instance's <c>SoxShape*</c>.</summary>
    public const int InstanceShapeOffset = 16;

    /// <summary>Offset of a shape's 64-bit id, which property caches compare.</summary>
    public const int ShapeIdOffset = 0;

    /// <summary>Size in bytes of a <c>SoxPropertyCache</c>, one per property get or set site: <see cref="PropertyCacheEntries"/>
    /// (shape id, field offset) pairs, then the runtime's transition (from id, to shape, offset) and miss counter.</summary>
    public const int PropertyCacheSize = PropertyCacheEntries * PropertyCacheEntrySize + 32;

    /// <summary>Entries of a <c>SoxPropertyCache</c> (<c>SOX_PROPERTY_CACHE_ENTRIES</c>): receiver shapes per get or set
    /// site before the runtime starts replacing them.</summary>
    public const int PropertyCacheEntries = 4;

    /// <summary>Size of one <c>SoxPropertyCache</c> entry: the shape id at +0, the field's byte offset at +8.</summary>
    public const int PropertyCacheEntrySize = 16;

    /// <summary>Size in bytes of a <c>SoxInvokeCache</c>, one per <c>a.m(x)</c> site: <see cref="InvokeCacheEntries"/>
    /// (shape id, method closure) pairs, then the runtime's round-robin counter.</summary>
    public const int InvokeCacheSize = InvokeCacheEntries * InvokeCacheEntrySize + 8;

    /// <summary>Entries of a <c>SoxInvokeCache</c> (<c>SOX_INVOKE_CACHE_ENTRIES</c>): receiver shapes per site before
    /// the runtime starts replacing them.</summary>
    public const int InvokeCacheEntries = 4;

    /// <summary>Size of one <c>SoxInvokeCache</c> entry: the shape id at +0, the <c>SoxClosure*</c> at +8.</summary>
    public const int InvokeCacheEntrySize = 16;

    /// <summary>Offset of an entry's cached shape id (0: the entry is empty), in property and invoke caches.</summary>
    public const int PropertyCacheShapeIdOffset = 0;

    /// <summary>Offset of an entry's payload: an inline field's byte offset (get, set) or the method closure (invoke).</summary>
    public const int PropertyCachePayloadOffset = 8;

    /// <summary>The value of a boolean.</summary>
    public static long Bool(bool b) => b ? True : False;

    /// <summary>True when the bits are a number (a double), not a tagged value.</summary>
    public static bool IsNumber(long bits) => (bits & Qnan) != Qnan;

    /// <summary>The value of a double, canonicalising NaN so no payload can look like a tag.</summary>
    public static long Number(double d) => double.IsNaN(d) ? CanonicalNan : BitConverter.DoubleToInt64Bits(d);

    /// <summary>The double a number value holds (the bits reinterpreted).</summary>
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
