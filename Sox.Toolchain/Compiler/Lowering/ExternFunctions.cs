using System.Buffers.Binary;
using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>The symbols of one <c>extern fn</c> (§9) in its module.</summary>
internal sealed record LoweredExtern(ExternFnStmt Declaration, string Wrapper, string Thunk, string Descriptor, string NameSymbol, string ExternDescriptor, string Native, string NativeCall)
{
    public CType ReturnType => Declaration.ReturnType.Type ?? CType.Void;

    public IReadOnlyList<CType> ParameterTypes { get; } = Declaration.Parameters.Select(p => p.Type.Type ?? CType.Int).ToList();
}

/// <summary>
/// <c>extern fn</c> declarations (§9; docs/calling-conventions.md). A C function with a fixed signature gets a
/// Sox-convention wrapper (arity = its parameter count, no line-table entry so traces show the caller) that
/// converts each argument to its C type, calls the C symbol directly — the backend places every argument by the
/// platform ABI (<see cref="CodeGen.CallingConvention"/>) — and converts the result back; the variable holds a
/// closure of the wrapper and known call sites call the wrapper directly.
/// A variadic C function's variable holds a static native object (arity fixed count … 255) that calls
/// <c>sox_c_call_variadic</c> with an <c>SoxExternDesc</c>; known call sites call that directly, except on Apple
/// arm64, where the rule "every variadic argument on the stack in an 8-byte slot" needs no run-time
/// classification, so the call is compiled in place with each variadic argument converted by <c>sox_c_vararg</c>.
/// </summary>
internal static class ExternFunctions
{
    public static LoweredExtern For(ModuleContext m, ExternFnStmt s)
    {
        if (m.Externs.TryGetValue(s, out var lowered)) return lowered;
        var i = m.Externs.Count;
        var name = s.Name.Text;
        lowered = new LoweredExtern(s, m.Names.Extern(i, name, "fn"), m.Names.Extern(i, name, "invoke"), m.Names.Extern(i, name, "desc"),
            m.Names.Extern(i, name, "name"), m.Names.Extern(i, name, "cdesc"), m.Names.Extern(i, name, "native"), m.Names.Extern(i, name, "vcall"));
        m.Externs.Add(s, lowered);
        if (s.Library is { Length: > 0 } library && !m.Module.Libraries.Contains(library)) m.Module.Libraries.Add(library);
        if (s.IsVariadic) EmitVariadic(m, lowered);
        else EmitWrapper(m, lowered);
        return lowered;
    }

    /// <summary>The value the extern's variable holds: a closure of the wrapper, or the static native object.</summary>
    public static VReg Value(ModuleContext m, IrBuilder b, ExternFnStmt s)
    {
        var lowered = For(m, s);
        return s.IsVariadic
            ? b.BoxObject(b.SymbolAddress(lowered.Native))
            : b.CallValue(RuntimeFunctions.ClosureNew, b.SymbolAddress(lowered.Descriptor));
    }

    /// <summary>A call of a variadic extern with at least its fixed arguments, at a known call site.</summary>
    public static VReg CallVariadic(ModuleContext m, IrBuilder b, LoweredExtern e, IReadOnlyList<VReg> args, VReg argumentArray, bool variadicOnStack,
        bool asDoubles = false)
    {
        if (!variadicOnStack)
            return b.CallValue(CInterop.CallVariadic, b.SymbolAddress(e.ExternDescriptor), b.Const(args.Count), argumentArray);
        var fixedCount = e.ParameterTypes.Count;
        var cArgs = new List<VReg>(args.Count);
        var widths = new List<int>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            if (i < fixedCount)
            {
                cArgs.Add(CInterop.ToC(b, args[i], e.ParameterTypes[i], i + 1, e.NameSymbol));
                widths.Add(CInterop.Width(e.ParameterTypes[i]));
            }
            else
            {
                var bits = b.CallValue(CInterop.VarArg, args[i], b.Const(i + 1), b.SymbolAddress(e.NameSymbol));
                // Microsoft x64: as a double the argument is in XMMi and, for a variadic call, also in the integer
                // register of its position, so a pointer, an int or a double is where va_arg looks for it.
                cArgs.Add(asDoubles ? b.Convert(ConvertKind.BitsToFloat, bits) : bits);
                widths.Add(8);
            }
        }
        return CallC(b, e, cArgs, widths, fixedCount);
    }

    private static VReg CallC(IrBuilder b, LoweredExtern e, List<VReg> cArgs, List<int> widths, int? fixedCount)
    {
        var returnType = e.ReturnType;
        var result = returnType == CType.Void ? null : b.NewRegister(CInterop.IrTypeOf(returnType));
        b.Emit(new CallInst(e.Declaration.Name.Text, CallingConvention.C, cArgs, result, b.Line)
        {
            ArgumentWidths = widths,
            FixedArgumentCount = fixedCount,
        });
        return result is null ? b.Const(ValueBits.Nil) : CInterop.FromC(b, result, returnType);
    }

    private static void EmitWrapper(ModuleContext m, LoweredExtern e)
    {
        var s = e.Declaration;
        var line = m.Line(s.Span);
        var f = new IrFunction(e.Wrapper, Linkage.Local, CallingConvention.Sox, IrType.I64) { InLineTable = false };
        f.AddParameter(IrType.I64, "closure");
        var parameters = s.Parameters.Select(p => f.AddParameter(IrType.I64, p.Name.Text)).ToList();
        var b = new IrBuilder(f) { Line = line };
        b.SetBlock(f.NewBlock());
        var cArgs = new List<VReg>(parameters.Count);
        for (var i = 0; i < parameters.Count; i++) cArgs.Add(CInterop.ToC(b, parameters[i], e.ParameterTypes[i], i + 1, e.NameSymbol));
        b.Return(CallC(b, e, cArgs, e.ParameterTypes.Select(CInterop.Width).ToList(), fixedCount: null));
        m.Module.Functions.Add(f);
        FunctionDescriptors.Emit(m, e.Wrapper, e.Thunk, e.Descriptor, e.NameSymbol, s.Name.Text,
            arity: parameters.Count, captureCount: 0, kind: 0, thunkArguments: parameters.Count);
    }

    /// <summary>The SoxExternDesc, the native's entry <c>SoxValue vcall(uint32_t argc, const SoxValue* args)</c> and the static SoxNative.</summary>
    private static void EmitVariadic(ModuleContext m, LoweredExtern e)
    {
        var s = e.Declaration;
        m.Strings.AddCString(e.NameSymbol, s.Name.Text);

        // SoxExternDesc {fn, name, fixedCount, returnType, fixedTypes} with the type codes right after it.
        var types = e.ParameterTypes.Select(t => (byte)CInterop.Code(t)).ToArray();
        var bytes = new byte[32 + types.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)types.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), (uint)CInterop.Code(e.ReturnType));
        types.CopyTo(bytes, 32);
        var desc = new DataItem(e.ExternDescriptor, Linkage.Local, DataSection.ReadOnlyRelocated, DataKind.Other, 8, bytes);
        desc.AddPointer(0, s.Name.Text);
        desc.AddPointer(8, e.NameSymbol);
        desc.AddPointer(24, e.ExternDescriptor, 32);
        m.Module.Data.Add(desc);

        var f = new IrFunction(e.NativeCall, Linkage.Local, CallingConvention.C, IrType.I64) { InLineTable = false };
        var argc = f.AddParameter(IrType.I64, "argc");
        var args = f.AddParameter(IrType.I64, "args");
        var b = new IrBuilder(f) { Line = m.Line(s.Span) };
        b.SetBlock(f.NewBlock());
        var count = b.Int(IntOp.And, argc, 0xFFFF_FFFF); // uint32_t: the upper half is undefined (psABI §3.2.3)
        b.Return(b.CallValue(CInterop.CallVariadic, b.SymbolAddress(e.ExternDescriptor), count, args));
        m.Module.Functions.Add(f);

        // SoxNative {obj {type NATIVE, flags STATIC}, fn, name, minArity, maxArity} (sox_runtime.h).
        var native = new byte[32];
        native[0] = (byte)ValueBits.TypeNative;
        native[1] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(native.AsSpan(24), (uint)types.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(native.AsSpan(28), 255);
        var item = new DataItem(e.Native, Linkage.Local, DataSection.Data, DataKind.Other, 8, native);
        item.AddPointer(8, e.NativeCall);
        item.AddPointer(16, e.NameSymbol);
        m.Module.Data.Add(item);
    }
}
