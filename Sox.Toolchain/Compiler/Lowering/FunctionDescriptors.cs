using System.Buffers.Binary;
using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// The per-function runtime metadata of runtime-abi.md "Functions": the 40-byte <c>SoxFunction</c> descriptor
/// (code, invoke thunk, arity, capture count, name, kind) and the invoke thunk
/// <c>SoxValue invoke(SoxClosure* self, const SoxValue* args)</c> that loads <c>args[i]</c> (for methods
/// <c>args[0]</c> is the receiver) and calls the code, so the runtime can call any arity without assembly.
/// </summary>
internal static class FunctionDescriptors
{
    public const int DescriptorSize = 40;

    public static void Emit(ModuleContext m, LoweredFunction lowered, FunctionDecl decl)
    {
        var info = lowered.Info;
        Emit(m, lowered.Symbol, lowered.Thunk, lowered.Descriptor, lowered.NameSymbol, info.DisplayName,
            decl.Parameters.Count, info.Captures.Count, Kind(info.Kind), decl.Parameters.Count + (info.This is null ? 0 : 1));
    }

    /// <summary>The descriptor, name and thunk of any Sox-convention function (also §9 extern wrappers).</summary>
    public static void Emit(ModuleContext m, string code, string thunk, string descriptorSymbol, string nameSymbol, string displayName,
        int arity, int captureCount, uint kind, int thunkArguments)
    {
        var bytes = new byte[DescriptorSize];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)arity);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), (uint)captureCount);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(32), kind);
        var descriptor = new DataItem(descriptorSymbol, Linkage.Local, DataSection.ReadOnlyRelocated, DataKind.FunctionDescriptor, 8, bytes);
        descriptor.AddPointer(0, code);
        descriptor.AddPointer(8, thunk);
        descriptor.AddPointer(24, nameSymbol);
        m.Strings.AddCString(nameSymbol, displayName);
        m.Module.Data.Add(descriptor);
        m.Module.Functions.Add(Thunk(code, thunk, thunkArguments));
    }

    /// <summary>runtime-abi.md: 0 function, 1 method, 2 initializer, 3 script, 4 lambda (defer bodies are lambdas).</summary>
    private static uint Kind(FunctionKind kind) => kind switch
    {
        FunctionKind.Method => 1,
        FunctionKind.Initializer => 2,
        FunctionKind.Script => 3,
        FunctionKind.Lambda or FunctionKind.Defer => 4,
        _ => 0,
    };

    private static IrFunction Thunk(string code, string thunk, int argumentCount)
    {
        var f = new IrFunction(thunk, Linkage.Local, CallingConvention.InvokeThunk, IrType.I64) { InLineTable = false };
        var self = f.AddParameter(IrType.I64, "closure");
        var args = f.AddParameter(IrType.I64, "args");
        var b = new IrBuilder(f) { Line = 0 };
        b.SetBlock(f.NewBlock());
        var values = new List<VReg> { self };
        for (var i = 0; i < argumentCount; i++) values.Add(b.Load(args, 8 * i));
        var result = b.NewRegister();
        b.Emit(new CallInst(code, CallingConvention.Sox, values, result, 0));
        b.Return(result);
        return f;
    }
}
