using Iced.Intel;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Ir;
using Sox.Compiler.Targets.Arm64;
using Sox.Compiler.Targets.X64;
using Sox.Toolchain.Tests.Arm64;
using Instruction = Iced.Intel.Instruction;
using IrCallingConvention = Sox.Compiler.Ir.CallingConvention;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// The machine code of a compiled variadic C call (a <see cref="CallInst"/> with
/// <see cref="CallInst.FixedArgumentCount"/>; docs/calling-conventions.md "Variadic calls"), checked against
/// independent disassemblers: on System V the caller sets AL to the number of vector registers used (Iced
/// decodes it); on Apple arm64 every variadic argument is stored to its 8-byte slot at [sp], [sp, #8], … and none
/// travels in x1–x7 or v0–v7 (GNU objdump decodes it). Compiled variadic calls are what Apple arm64 uses for
/// every known call site; Linux targets call variadic functions through the runtime's trampoline instead
/// (tests/interop/variadic.sox), so this is the only test of the backends' variadic path on an ELF host.
/// </summary>
[TestClass]
public sealed class VariadicCallCodeTests
{
    /// <summary>f() calls printf(fmt, 1.5, 7, 2.5, 9) with one fixed argument; the widths say 8 bytes each.</summary>
    private static IrFunction PrintfCaller(params IrType[] variadic)
    {
        var f = new IrFunction("caller", Linkage.Global, IrCallingConvention.C, IrType.I64) { TraceName = "caller" };
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock());
        var args = new List<VReg> { b.Const(0x1000) };
        var k = 1;
        foreach (var type in variadic) args.Add(type == IrType.F64 ? b.ConstF64(k++ + 0.5) : b.Const(k++));
        var result = b.NewRegister();
        b.Emit(new CallInst("printf", IrCallingConvention.C, args, result, 1)
        {
            FixedArgumentCount = 1,
            ArgumentWidths = args.Select(_ => 8).ToList(),
        });
        b.Return(result);
        return f;
    }

    private static List<Instruction> DecodeX64(byte[] code)
    {
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code), 0, DecoderOptions.None);
        var list = new List<Instruction>();
        while (decoder.IP < (ulong)code.Length) list.Add(decoder.Decode());
        return list;
    }

    /// <summary>The immediate AL holds at the call: the last write to RAX/EAX/AL before it must be a MOV of a constant.</summary>
    private static long AlAtCall(List<Instruction> code)
    {
        var call = code.FindIndex(i => i.Mnemonic == Mnemonic.Call);
        Assert.IsGreaterThanOrEqualTo(0, call, "no call");
        for (var i = call - 1; i >= 0; i--)
        {
            var instr = code[i];
            if (instr.OpCount == 0 || instr.Op0Kind != OpKind.Register) continue;
            if (instr.Op0Register.GetFullRegister() != Register.RAX) continue;
            Assert.AreEqual(Mnemonic.Mov, instr.Mnemonic, $"RAX last written by {instr} before the call");
            Assert.IsTrue(instr.Op1Kind is OpKind.Immediate32 or OpKind.Immediate64 or OpKind.Immediate32to64 or OpKind.Immediate8,
                $"RAX last written by {instr}, not a constant");
            return (long)instr.GetImmediate(1);
        }
        Assert.Fail("AL is not set before the variadic call");
        return -1;
    }

    [TestMethod]
    [DataRow(new[] { IrType.F64, IrType.I64, IrType.F64, IrType.I64 }, 2)]
    [DataRow(new[] { IrType.I64, IrType.I64 }, 0)]
    [DataRow(new[] { IrType.F64, IrType.F64, IrType.F64, IrType.F64, IrType.F64, IrType.F64, IrType.F64, IrType.F64, IrType.F64, IrType.F64 }, 8)]
    public void SysVVariadicCallSetsAlToTheVectorRegistersUsed(IrType[] variadic, int expectedAl)
    {
        var code = new X64Backend(X64Target.LinuxX64).CompileFunctions([PrintfCaller(variadic)], new CodeGenOptions { CheckStack = false });
        Assert.AreEqual(expectedAl, AlAtCall(DecodeX64(code.Code)));
        Assert.AreEqual("printf", code.Relocations.Single().Symbol);
    }

    [TestMethod]
    public void SysVFixedCallLeavesAlAlone()
    {
        var f = new IrFunction("caller", Linkage.Global, IrCallingConvention.C, IrType.I64) { TraceName = "caller" };
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock());
        b.Return(b.CallC("puts", [b.Const(0x1000)]));
        var code = DecodeX64(new X64Backend(X64Target.LinuxX64).CompileFunctions([f], new CodeGenOptions { CheckStack = false }).Code);
        var call = code.FindIndex(i => i.Mnemonic == Mnemonic.Call);
        Assert.IsFalse(code.Take(call).Any(i => i.OpCount > 0 && i.Op0Kind == OpKind.Register && i.Op0Register.GetFullRegister() == Register.RAX),
            "a call with a fixed signature does not need AL");
    }

    [TestMethod]
    public void AppleArm64VariadicArgumentsGoToStackSlotsNotRegisters()
    {
        var apple = Arm64Target.Create("osx-arm64", ObjectFormat.MachO, CallingConventionKind.AppleArm64);
        var code = new Arm64Backend(apple).CompileFunctions([PrintfCaller(IrType.F64, IrType.I64, IrType.F64, IrType.I64)], new CodeGenOptions { CheckStack = false });
        var listing = ObjdumpDisassembler.Disassemble(code.Code).OrderBy(p => p.Key).Select(p => p.Value).ToList();
        var text = string.Join("\n", listing);
        var bl = listing.FindIndex(l => l.StartsWith("bl ", StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, bl, text);
        var beforeCall = listing.Take(bl).ToList();
        // Each slot gets its argument's value: follow the stored register back to the constant put in it. Doubles
        // are stored from D registers and integers from X registers, each to its own 8-byte slot.
        Assert.AreEqual("d=1.5", StoredValue(beforeCall, "[sp]"), text);
        Assert.AreEqual("x=2", StoredValue(beforeCall, "[sp, #8]"), text);
        Assert.AreEqual("d=3.5", StoredValue(beforeCall, "[sp, #16]"), text);
        Assert.AreEqual("x=4", StoredValue(beforeCall, "[sp, #24]"), text);
        Assert.AreEqual("x=4096", ValueOf(beforeCall, beforeCall.Count, "x0"), "the format in x0\n" + text);
        // Nothing is put in x1-x7 (registers a variadic integer would use on Linux).
        var written = beforeCall.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^(mov|movz|movk|orr|add|ldr)\S* [xw][1-7],")).ToList();
        Assert.IsEmpty(written, "x1-x7 written before the variadic call:\n" + string.Join("\n", written) + "\n\n" + text);
    }

    /// <summary>"d=1.5" or "x=2": the register kind and constant stored by the last <c>str</c> to <paramref name="slot"/>.</summary>
    private static string StoredValue(List<string> code, string slot)
    {
        var at = code.FindLastIndex(l => l.StartsWith("str ", StringComparison.Ordinal) && l.EndsWith(", " + slot, StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, at, $"no store to {slot}");
        var register = code[at]["str ".Length..code[at].IndexOf(',')];
        return ValueOf(code, at, register);
    }

    /// <summary>The constant the last write before line <paramref name="before"/> put in <paramref name="register"/> (movz or fmov #imm).</summary>
    private static string ValueOf(List<string> code, int before, string register)
    {
        for (var i = before - 1; i >= 0; i--)
        {
            var parts = code[i].Split(' ', 3);
            if (parts.Length < 3 || parts[1] != register + ",") continue;
            var operand = parts[2].TrimStart('#');
            return parts[0] switch
            {
                "movz" => $"{register[0]}={Convert.ToInt64(operand, 16)}",
                "fmov" => $"{register[0]}={double.Parse(operand, System.Globalization.CultureInfo.InvariantCulture)}",
                _ => $"{register[0]}: {code[i]}",
            };
        }
        return $"{register} never set";
    }
}
