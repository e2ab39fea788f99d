using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// The §9 conversions between Sox values and C types, emitted inline or as calls to the runtime's
/// <c>sox_c_*</c> functions (sox_runtime.h "Calling C"), and each C type's place in the C ABI: <c>double</c> and
/// <c>float</c> travel in vector registers (an F64 register; a <c>float</c> in its low 32 bits), everything else
/// in integer registers; the width decides stack packing on Apple arm64 (<see cref="CodeGen.CallingConvention"/>).
/// </summary>
internal static class CInterop
{
    public const string ArgInt = "sox_c_arg_int";
    public const string ArgDouble = "sox_c_arg_double";
    public const string ArgAddress = "sox_c_arg_address";
    public const string VarArg = "sox_c_vararg";
    public const string FromDouble = "sox_c_from_double";
    public const string FromCString = "sox_c_from_cstring";
    public const string FromPointer = "sox_c_from_pointer";
    public const string CallVariadic = "sox_c_call_variadic";
    public const string ExportEnter = "sox_export_enter";
    public const string ExportLeave = "sox_export_leave";

    /// <summary>The runtime's SOX_CTYPE_* code: the enum's order.</summary>
    public static int Code(CType type) => (int)type;

    public static IrType IrTypeOf(CType type) => type is CType.Double or CType.Float ? IrType.F64 : IrType.I64;

    /// <summary>The C size in bytes (sizeof), 1, 4 or 8.</summary>
    public static int Width(CType type) => type switch
    {
        CType.Int32 or CType.Float => 4,
        CType.UInt8 or CType.Bool => 1,
        _ => 8,
    };

    /// <summary>Converts Sox value <paramref name="value"/> to C type <paramref name="type"/> (argument <paramref name="index"/>, 0 = a result).</summary>
    public static VReg ToC(IrBuilder b, VReg value, CType type, int index, string nameSymbol)
    {
        var name = b.SymbolAddress(nameSymbol);
        switch (type)
        {
            case CType.Double:
                return b.CallC(ArgDouble, [value, b.Const(index), name], resultType: IrType.F64)!;
            case CType.Float:
                return b.Convert(ConvertKind.DoubleToSingle, b.CallC(ArgDouble, [value, b.Const(index), name], resultType: IrType.F64)!);
            case CType.CString:
            case CType.Pointer:
                return b.CallValue(ArgAddress, value, b.Const(Code(type)), b.Const(index), name);
            default:
                return b.CallValue(ArgInt, value, b.Const(Code(type)), b.Const(index), name);
        }
    }

    /// <summary>
    /// Converts a C value of <paramref name="type"/> to a Sox value. Integer results are extended from their C
    /// width first, because the ABIs leave the upper bits of a narrow result undefined (psABI §3.2.3 and
    /// AAPCS64 §6.8.2 C.9 leave extension of <c>int32</c>/<c>uint8</c>/<c>bool</c> to the receiver).
    /// </summary>
    public static VReg FromC(IrBuilder b, VReg value, CType type)
    {
        switch (type)
        {
            case CType.Int:
                return Number(b, value);
            case CType.Int32:
                return Number(b, b.Int(IntOp.Sar, b.Int(IntOp.Shl, value, 32), 32));
            case CType.UInt8:
                return Number(b, b.Int(IntOp.And, value, 0xFF));
            case CType.Bool:
                var isTrue = b.Compare(IntCondition.Ne, b.Int(IntOp.And, value, 0xFF), b.Const(0));
                return b.Int(IntOp.Add, isTrue, ValueBits.False); // false | 1 is true (runtime-abi.md "Values")
            case CType.Double:
                return b.CallValue(FromDouble, value);
            case CType.Float:
                return b.CallValue(FromDouble, b.Convert(ConvertKind.SingleToDouble, value));
            case CType.CString:
                return b.CallValue(FromCString, value);
            case CType.Pointer:
                return b.CallValue(FromPointer, value);
            default:
                return b.Const(ValueBits.Nil);
        }
    }

    /// <summary>An integer as a Sox number: the double's bits are the value.</summary>
    private static VReg Number(IrBuilder b, VReg integer) =>
        b.Convert(ConvertKind.FloatToBits, b.Convert(ConvertKind.IntToFloat, integer));
}
