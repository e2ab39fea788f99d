using Sox.Compiler.Ir;

namespace Sox.Toolchain.Tests.Ir;

[TestClass]
public sealed class PrinterTests
{
    [TestMethod]
    public void PrintsAFunctionInTheDocumentedFormat()
    {
        var f = new IrFunction("sox_fn_m_add", Linkage.Local, CallingConvention.Sox, IrType.I64) { TraceName = "add" };
        var closure = f.AddParameter(IrType.I64);
        var a = f.AddParameter(IrType.I64);
        var slot = f.NewStackSlot(16, 8, "args");
        var b = new IrBuilder(f) { Line = 3 };
        b.SetBlock(f.NewBlock());
        var one = b.Const(ValueBits.Number(1));
        var nil = b.Const(ValueBits.Nil);
        var sum = b.NewRegister();
        b.Emit(new SoxBinaryInst(SoxBinaryOp.Add, sum, a, one, 3));
        var p = b.SlotAddress(slot);
        b.Store(p, 8, sum);
        var d = b.Convert(ConvertKind.BitsToFloat, sum);
        b.Line = 4;
        b.CallC("fmod", [d, d], resultType: IrType.F64);
        var done = f.NewBlock("done");
        b.CompareBranch(IntCondition.ULe, nil, closure, done, done);
        b.SetBlock(done);
        b.Return(sum);

        var expected = """
            function sox_fn_m_add local sox -> i64 trace "add"
              params %0:i64 %1:i64
              slot $0 size 16 align 8 args
            b0:
              %2:i64 = const 0x3ff0000000000000 num 1  @3
              %3:i64 = const 0x7ffc000000000001 nil  @3
              %4:i64 = sox.add %1, %2  @3
              %5:i64 = slotaddr $0  @3
              store64 [%5+8], %4  @3
              %6:f64 = bits_to_f64 %4  @3
              %7:f64 = call.c fmod(%6:f64, %6:f64)  @4
              br.ule %3, %0, b1.done, b1.done  @4
            b1.done:
              ret %4  @4

            """.Replace("\r\n", "\n");
        Assert.AreEqual(expected, IrPrinter.Print(f));
    }

    [TestMethod]
    public void PrintsDataItemsWithBytesAndRelocations()
    {
        var module = new IrModule("m", "sox_lines_m");
        var item = new DataItem("sox_desc_m_f", Linkage.Local, DataSection.ReadOnlyRelocated, DataKind.FunctionDescriptor, 8, new byte[16]);
        item.AddPointer(8, "sox_fn_m_f");
        module.Data.Add(item);
        var text = IrPrinter.Print(module);
        StringAssert.Contains(text, "data sox_desc_m_f local read_only_relocated function_descriptor align 8 size 16");
        StringAssert.Contains(text, "  bytes 00000000000000000000000000000000");
        StringAssert.Contains(text, "  reloc +8 absolute64 sox_fn_m_f+0");
    }

    [TestMethod]
    public void PrintsNoReturnCallsAndIndirectCalls()
    {
        var f = new IrFunction("g", Linkage.Global, CallingConvention.C, null) { InLineTable = false };
        var b = new IrBuilder(f) { Line = 7 };
        b.SetBlock(f.NewBlock());
        var code = b.SymbolAddress("h", 16);
        b.Emit(new CallInst(code, CallingConvention.Sox, [code], null, 7));
        b.CallNoReturn("sox_undefined_variable", code);
        var text = IrPrinter.Print(f);
        StringAssert.Contains(text, "function g global c -> void\n");
        StringAssert.Contains(text, "%0:i64 = addr h+16  @7");
        StringAssert.Contains(text, "call.sox *%0(%0)  @7");
        StringAssert.Contains(text, "call.c.noreturn sox_undefined_variable(%0)  @7\n  unreachable  @7");
    }
}
