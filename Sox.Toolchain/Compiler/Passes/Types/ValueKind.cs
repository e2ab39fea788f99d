using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes.Types;

/// <summary>
/// What a register may hold at a program point: a set of kinds (the type lattice of <see cref="TypeAnalysis"/>;
/// the meet is the union). <see cref="None"/> is "no value reaches here yet" (the optimistic top); <see cref="Any"/>
/// is "nothing known". For an F64 register only <see cref="Number"/> (a double whose bits are a valid number value,
/// runtime-abi.md "Values") and <see cref="Other"/> are used.
/// </summary>
[Flags]
internal enum ValueKind : byte
{
    /// <summary>No value: not assigned on any path analysed so far.</summary>
    None = 0,

    /// <summary>A number: <c>(v &amp; QNAN) != QNAN</c> (§2).</summary>
    Number = 1,

    /// <summary><c>nil</c>.</summary>
    Nil = 2,

    /// <summary><c>false</c>.</summary>
    False = 4,

    /// <summary><c>true</c>.</summary>
    True = 8,

    /// <summary>An object value (string, instance, closure, …): <c>(v &amp; (SIGN|QNAN)) == SIGN|QNAN</c>.</summary>
    Object = 16,

    /// <summary>A raw 0 or 1 (compare results, truthiness flags): never a Sox value, but its bits are a number's.</summary>
    Flag = 32,

    /// <summary>Any other bit pattern (pointers, masks, <c>undefined</c>, loads, call results' unknown part).</summary>
    Other = 64,

    /// <summary>A boolean.</summary>
    Bool = False | True,

    /// <summary>Everything: nothing is known.</summary>
    Any = Number | Nil | False | True | Object | Flag | Other,

    /// <summary>The kinds whose bits pass the number tag test <c>(v &amp; QNAN) != QNAN</c>.</summary>
    NumberBits = Number | Flag | Other,

    /// <summary>The kinds whose bits fail the number tag test.</summary>
    TaggedBits = Nil | False | True | Object | Other,
}

/// <summary>Classification of constants and small questions about kind sets.</summary>
internal static class ValueKinds
{
    /// <summary>The kind of 64 constant bits in a register of <paramref name="type"/>.</summary>
    public static ValueKind OfConstant(long bits, IrType type)
    {
        if (type == IrType.F64) return ValueBits.IsNumber(bits) ? ValueKind.Number : ValueKind.Other;
        if (ValueBits.IsNumber(bits)) return ValueKind.Number;
        return bits switch
        {
            ValueBits.Nil => ValueKind.Nil,
            ValueBits.False => ValueKind.False,
            ValueBits.True => ValueKind.True,
            _ when (bits & ValueBits.ObjectTag) == ValueBits.ObjectTag => ValueKind.Object,
            _ => ValueKind.Other,
        };
    }

    /// <summary>
    /// True when every value of <paramref name="kinds"/> passes the number tag test (and some value is known): a
    /// number, or a raw 0/1 flag, whose bits are those of +0.0 or a denormal.
    /// </summary>
    public static bool IsNumber(ValueKind kinds) =>
        kinds != ValueKind.None && (kinds & ~(ValueKind.Number | ValueKind.Flag)) == 0;

    /// <summary>True when a value of <paramref name="kinds"/> may be a number, including unknown bits.</summary>
    public static bool MayBeNumber(ValueKind kinds) => (kinds & (ValueKind.Number | ValueKind.Other)) != 0;

    /// <summary>True when a value of <paramref name="kinds"/> may be an object, including unknown bits.</summary>
    public static bool MayBeObject(ValueKind kinds) => (kinds & (ValueKind.Object | ValueKind.Other)) != 0;

    /// <summary>
    /// The outcome of Sox <c>==</c> (§3) decided by the kinds alone, or null: values of different kinds are never
    /// equal, and nil/true/false are equal exactly to themselves.
    /// </summary>
    public static bool? Equality(ValueKind left, ValueKind right)
    {
        if (left == ValueKind.None || right == ValueKind.None) return null;
        if (((left | right) & (ValueKind.Flag | ValueKind.Other)) != 0) return null;
        if ((left & right) == 0) return false;
        bool Single(ValueKind k) => k is ValueKind.Nil or ValueKind.False or ValueKind.True;
        return Single(left) && left == right ? true : null;
    }
}
