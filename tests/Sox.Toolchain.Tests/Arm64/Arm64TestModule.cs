using Sox.Compiler.Ir;
using IrCallingConvention = Sox.Compiler.Ir.CallingConvention;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Hand-built IR functions (C convention) for the AArch64 backend run tests: the functions of the x86-64
/// backend's run test (<c>X64BackendRunTests</c>) plus frames of every size class, nested calls with stack
/// arguments, floating-point arguments, every float condition as value and branch, indirect calls and narrow
/// loads/stores. <see cref="Arm64BackendRunTests"/> links them with a C driver and checks what they return.
/// </summary>
internal static class Arm64TestModule
{
    /// <summary>Stack-slot sizes of the frame tests: small, above the imm12 range of SUB, above 64 KiB.</summary>
    public static readonly int[] FrameSizes = [16, 5000, 70000];

    private static IrFunction FunctionReturning(IrModule module, string name, IrType result, params IrType[] parameters)
    {
        var f = new IrFunction(name, Linkage.Global, IrCallingConvention.C, result) { TraceName = name };
        foreach (var p in parameters) f.AddParameter(p);
        module.Functions.Add(f);
        return f;
    }

    private static IrFunction Function(IrModule module, string name, params IrType[] parameters) => FunctionReturning(module, name, IrType.I64, parameters);

    public static IrModule Build()
    {
        var module = new IrModule("arm64_backend_test", "sox_lt_arm64_backend_test");
        Sum9(module);
        Call12(module);
        Fact(module);
        Fib(module);
        Hyp(module);
        FloatCompares(module);
        FloatBranches(module);
        Pressure(module);
        FloatPressure(module);
        Shifts(module);
        SumArray(module);
        NarrowMemory(module);
        Nested(module);
        Indirect(module);
        FloatArguments(module);
        Immediates(module);
        foreach (var size in FrameSizes) Frame(module, size);
        BigFrameSpills(module);
        Recurse(module);
        return module;
    }

    // sum9: nine integer parameters, one of them on the stack (AAPCS64 has eight argument registers).
    private static void Sum9(IrModule module)
    {
        var f = Function(module, "sum9", Enumerable.Repeat(IrType.I64, 9).ToArray());
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock());
        var acc = f.Parameters[0];
        for (var i = 1; i < 9; i++) acc = b.Int(IntOp.Add, acc, b.Int(IntOp.Mul, f.Parameters[i], i + 1));
        b.Return(acc);
    }

    // call12: twelve outgoing arguments, four on the stack, to a C callee that checks SP alignment.
    private static void Call12(IrModule module)
    {
        var f = Function(module, "call12");
        var b = new IrBuilder(f) { Line = 2 };
        b.SetBlock(f.NewBlock());
        var args = Enumerable.Range(1, 12).Select(i => b.Const(i * 10)).ToList();
        b.Return(b.CallValue("c_sum12", args.ToArray()));
    }

    private static void Fact(IrModule module)
    {
        var f = Function(module, "fact", IrType.I64);
        var b = new IrBuilder(f) { Line = 3 };
        var entry = f.NewBlock();
        var loop = f.NewBlock();
        var done = f.NewBlock();
        b.SetBlock(entry);
        var acc = b.NewRegister();
        var i = b.NewRegister();
        b.Copy(acc, b.Const(1));
        b.Copy(i, b.Const(1));
        b.Jump(loop);
        b.SetBlock(loop);
        b.Copy(acc, b.Int(IntOp.Mul, acc, i));
        b.Copy(i, b.Int(IntOp.Add, i, 1));
        b.CompareBranch(IntCondition.Le, i, f.Parameters[0], loop, done);
        b.SetBlock(done);
        b.Return(acc);
    }

    // fib: recursion; n is live across the first call, so it needs a callee-saved register.
    private static void Fib(IrModule module)
    {
        var f = Function(module, "fib", IrType.I64);
        var b = new IrBuilder(f) { Line = 4 };
        var entry = f.NewBlock();
        var small = f.NewBlock();
        var big = f.NewBlock();
        b.SetBlock(entry);
        var n = f.Parameters[0];
        b.CompareBranch(IntCondition.Lt, n, b.Const(2), small, big);
        b.SetBlock(small);
        b.Return(n);
        b.SetBlock(big);
        var x = b.CallValue("fib", b.Int(IntOp.Sub, n, 1));
        var y = b.CallValue("fib", b.Int(IntOp.Sub, n, 2));
        b.Return(b.Int(IntOp.Add, x, y));
    }

    private static void Hyp(IrModule module)
    {
        var f = FunctionReturning(module, "hyp", IrType.F64, IrType.F64, IrType.F64);
        var b = new IrBuilder(f) { Line = 5 };
        b.SetBlock(f.NewBlock());
        var xx = b.Float(FloatOp.FMul, f.Parameters[0], f.Parameters[0]);
        var yy = b.Float(FloatOp.FMul, f.Parameters[1], f.Parameters[1]);
        var sum = b.Float(FloatOp.FAdd, xx, yy);
        var diff = b.Float(FloatOp.FSub, sum, b.ConstF64(0.25));
        b.Return(b.Float(FloatOp.FDiv, diff, b.ConstF64(0.5)));
    }

    /// <summary>The six float conditions as digits lt le gt ge eq ne (1 when true): IEEE unordered must give 000001.</summary>
    private static void FloatCompares(IrModule module)
    {
        var f = Function(module, "fcmp", IrType.F64, IrType.F64);
        var b = new IrBuilder(f) { Line = 6 };
        b.SetBlock(f.NewBlock());
        VReg? acc = null;
        foreach (var c in new[] { FloatCondition.Lt, FloatCondition.Le, FloatCondition.Gt, FloatCondition.Ge, FloatCondition.Eq, FloatCondition.Ne })
        {
            var bit = b.FloatCompare(c, f.Parameters[0], f.Parameters[1]);
            acc = acc is null ? bit : b.Int(IntOp.Add, b.Int(IntOp.Mul, acc, 10), bit);
        }
        b.Return(acc);
    }

    /// <summary>The same digits through fused compare-and-branch (<c>fbr.c</c>), a chain of blocks.</summary>
    private static void FloatBranches(IrModule module)
    {
        var f = Function(module, "fbranch", IrType.F64, IrType.F64);
        var b = new IrBuilder(f) { Line = 7 };
        b.SetBlock(f.NewBlock());
        var acc = b.NewRegister();
        b.Copy(acc, b.Const(0));
        foreach (var c in new[] { FloatCondition.Lt, FloatCondition.Le, FloatCondition.Gt, FloatCondition.Ge, FloatCondition.Eq, FloatCondition.Ne })
        {
            var yes = f.NewBlock();
            var no = f.NewBlock();
            var next = f.NewBlock();
            b.Copy(acc, b.Int(IntOp.Mul, acc, 10));
            b.Emit(new FloatCompareBranchInst(c, f.Parameters[0], f.Parameters[1], yes, no, b.Line));
            b.SetBlock(yes);
            b.Copy(acc, b.Int(IntOp.Add, acc, 1));
            b.Jump(next);
            b.SetBlock(no);
            b.Jump(next);
            b.SetBlock(next);
        }
        b.Return(acc);
    }

    // pressure: 24 values live across a call to a C function that trashes every caller-saved register.
    private static void Pressure(IrModule module)
    {
        var f = Function(module, "pressure", IrType.I64);
        var b = new IrBuilder(f) { Line = 8 };
        b.SetBlock(f.NewBlock());
        var values = Enumerable.Range(1, 24).Select(k => b.Int(IntOp.Mul, f.Parameters[0], k)).ToList();
        var acc = b.CallValue("c_twice", values[5]);
        for (var k = values.Count - 1; k >= 0; k--) acc = b.Int(IntOp.Add, acc, b.Int(IntOp.Xor, values[k], k));
        b.Return(acc);
    }

    // fpressure: 20 doubles live across the same call: D8–D15 are callee-saved, the rest spill.
    private static void FloatPressure(IrModule module)
    {
        var f = FunctionReturning(module, "fpressure", IrType.F64, IrType.F64);
        var b = new IrBuilder(f) { Line = 9 };
        b.SetBlock(f.NewBlock());
        var values = Enumerable.Range(1, 20).Select(k => b.Float(FloatOp.FMul, f.Parameters[0], b.ConstF64(k))).ToList();
        b.CallValue("c_twice", b.Const(1));
        var acc = b.ConstF64(0);
        for (var k = values.Count - 1; k >= 0; k--) acc = b.Float(FloatOp.FAdd, b.Float(FloatOp.FMul, acc, b.ConstF64(0.5)), values[k]);
        b.Return(acc);
    }

    // shifts: variable counts (LSLV/LSRV/ASRV) and immediates.
    private static void Shifts(IrModule module)
    {
        var f = Function(module, "shifts", IrType.I64, IrType.I64);
        var b = new IrBuilder(f) { Line = 10 };
        b.SetBlock(f.NewBlock());
        var a = f.Parameters[0];
        var n = f.Parameters[1];
        var sar = b.Int(IntOp.Sar, a, n);
        var shr = b.Int(IntOp.Shr, a, b.Const(60));
        var shl = b.Int(IntOp.Shl, n, n);
        var shr2 = b.Int(IntOp.Shr, a, n);
        var sar2 = b.Int(IntOp.Sar, a, b.Const(2));
        var shl2 = b.Int(IntOp.Shl, n, b.Const(70)); // count modulo 64
        b.Return(b.Int(IntOp.Add, b.Int(IntOp.Add, b.Int(IntOp.Add, sar, shr), shl), b.Int(IntOp.Xor, b.Int(IntOp.Add, shr2, sar2), shl2)));
    }

    private static void SumArray(IrModule module)
    {
        var f = Function(module, "sum_array", IrType.I64, IrType.I64);
        var b = new IrBuilder(f) { Line = 11 };
        var entry = f.NewBlock();
        var loop = f.NewBlock();
        var done = f.NewBlock();
        b.SetBlock(entry);
        var p = b.NewRegister();
        var end = b.Int(IntOp.Add, f.Parameters[0], b.Int(IntOp.Shl, f.Parameters[1], 3));
        var acc = b.NewRegister();
        b.Copy(p, f.Parameters[0]);
        b.Copy(acc, b.Const(0));
        b.Jump(loop);
        b.SetBlock(loop);
        b.Copy(acc, b.Int(IntOp.Add, b.Int(IntOp.Mul, acc, 10), b.Load(p, 0)));
        b.Copy(p, b.Int(IntOp.Add, p, 8));
        b.CompareBranch(IntCondition.ULt, p, end, loop, done);
        b.SetBlock(done);
        b.Return(acc);
    }

    // narrow(p): 1-, 4- and 8-byte loads (zero-extending) and stores at small and unencodable offsets.
    private static void NarrowMemory(IrModule module)
    {
        var f = Function(module, "narrow", IrType.I64);
        var b = new IrBuilder(f) { Line = 12 };
        b.SetBlock(f.NewBlock());
        var p = f.Parameters[0];
        var byte1 = b.Load(p, 1, 1);           // p[1] as a byte
        var word = b.Load(p, 4, 4);            // bytes 4..7
        b.Store(p, 8, b.Const(-1), 1);         // one byte of all ones
        b.Store(p, 12, b.Const(0x1234567890), 4);
        b.Store(p, 40000, b.Const(77));        // beyond the scaled imm12 range of an 8-byte access
        b.Store(p, -8, word);                  // a negative offset (unscaled form)
        var far = b.Load(p, 40000);
        b.Return(b.Int(IntOp.Add, b.Int(IntOp.Add, b.Int(IntOp.Mul, byte1, 1000000000000), word), far));
    }

    // nest9(a..i) / nest12(): calls with stack arguments whose values come from calls with stack arguments.
    private static void Nested(IrModule module)
    {
        {
            var f = Function(module, "nest9", Enumerable.Repeat(IrType.I64, 9).ToArray());
            var b = new IrBuilder(f) { Line = 13 };
            b.SetBlock(f.NewBlock());
            var ps = f.Parameters;
            var inner = b.CallValue("sum9", ps[8], ps[7], ps[6], ps[5], ps[4], ps[3], ps[2], ps[1], ps[0]);
            var outer = b.CallValue("sum9", inner, ps[0], ps[1], ps[2], ps[3], ps[4], ps[5], ps[6], ps[8]);
            b.Return(b.Int(IntOp.Sub, outer, ps[7]));
        }
        {
            var f = Function(module, "nest12", Enumerable.Repeat(IrType.I64, 12).ToArray());
            var b = new IrBuilder(f) { Line = 14 };
            b.SetBlock(f.NewBlock());
            var ps = f.Parameters;
            var nine = b.CallValue("nest9", ps[11], ps[10], ps[9], ps[8], ps[7], ps[6], ps[5], ps[4], ps[3]);
            var twelve = b.CallValue("c_sum12", nine, ps[0], ps[1], ps[2], ps[3], ps[4], ps[5], ps[6], ps[7], ps[8], ps[9], ps[11]);
            b.Return(b.Int(IntOp.Add, twelve, ps[10]));
        }
    }

    // indirect(x): BLR through the address of a C function (ADRP + ADD :lo12:).
    private static void Indirect(IrModule module)
    {
        var f = Function(module, "indirect", IrType.I64);
        var b = new IrBuilder(f) { Line = 15 };
        b.SetBlock(f.NewBlock());
        var target = b.SymbolAddress("c_twice");
        var r = b.NewRegister();
        b.Emit(new CallInst(target, IrCallingConvention.C, [f.Parameters[0]], r, b.Line));
        b.Return(b.Int(IntOp.Add, r, b.Load(b.SymbolAddress("c_table", 8), 0)));
    }

    // fargs(x, n): doubles in V registers mixed with integers in X registers, a double result, conversions.
    private static void FloatArguments(IrModule module)
    {
        var f = FunctionReturning(module, "fargs", IrType.F64, IrType.F64, IrType.I64);
        var b = new IrBuilder(f) { Line = 16 };
        b.SetBlock(f.NewBlock());
        var r = b.CallC("c_fmix", [f.Parameters[0], f.Parameters[1], b.ConstF64(2.5)], resultType: IrType.F64)!;
        var truncated = b.Convert(ConvertKind.FloatToInt, r);
        var back = b.Convert(ConvertKind.IntToFloat, b.Int(IntOp.Add, truncated, 1));
        var bits = b.Convert(ConvertKind.FloatToBits, back);
        b.Return(b.Convert(ConvertKind.BitsToFloat, b.Int(IntOp.Xor, bits, 0)));
    }

    // imm(x): every immediate form and its fallbacks: add/sub imm12 and imm12<<12, negative, too large, bitmasks, cmp/cmn.
    private static void Immediates(IrModule module)
    {
        var f = Function(module, "imm", IrType.I64);
        var b = new IrBuilder(f) { Line = 17 };
        var entry = f.NewBlock();
        var yes = f.NewBlock();
        var no = f.NewBlock();
        b.SetBlock(entry);
        var x = f.Parameters[0];
        var acc = b.Int(IntOp.Add, x, 4095);
        acc = b.Int(IntOp.Add, acc, 0x7ff000);
        acc = b.Int(IntOp.Sub, acc, -17);
        acc = b.Int(IntOp.Add, acc, -4096);
        acc = b.Int(IntOp.Add, acc, 0x123457);             // no imm12 form: materialised
        acc = b.Int(IntOp.Xor, acc, b.Int(IntOp.And, x, 0x00ff00ff00ff00ff));
        acc = b.Int(IntOp.Or, acc, 0x7ffc000000000000);    // the NaN-boxing tag is a bitmask immediate
        acc = b.Int(IntOp.And, acc, 0x0000ffffffffffff);
        acc = b.Int(IntOp.Xor, acc, 0x1234);               // not a bitmask: materialised
        var lt = b.Compare(IntCondition.Lt, x, b.Const(-5));  // cmn
        var ge = b.Compare(IntCondition.UGe, x, b.Const(0x5000));
        acc = b.Int(IntOp.Add, acc, b.Int(IntOp.Add, b.Int(IntOp.Mul, lt, 100), ge));
        b.CompareBranch(IntCondition.Gt, x, b.Const(-4095), yes, no);
        b.SetBlock(yes);
        b.Return(b.Int(IntOp.Add, acc, 1000));
        b.SetBlock(no);
        b.Return(acc);
    }

    /// <summary>
    /// frameN(x): an N-byte stack slot written at both ends, a call in between (so x stays in a callee-saved
    /// register), the ends read back: SUB with imm12, with a materialised size, slot addresses beyond imm12.
    /// </summary>
    private static void Frame(IrModule module, int size)
    {
        var f = Function(module, $"frame{size}", IrType.I64);
        var b = new IrBuilder(f) { Line = 18 };
        b.SetBlock(f.NewBlock());
        var slot = f.NewStackSlot(size, 16);
        var x = f.Parameters[0];
        var first = b.SlotAddress(slot);
        b.Store(first, 0, x);
        b.Store(first, size - 8, b.Int(IntOp.Mul, x, 3));
        var twice = b.CallValue("c_twice", x);
        var again = b.SlotAddress(slot);
        var sum = b.Int(IntOp.Add, b.Load(again, 0), b.Load(again, size - 8));
        b.Return(b.Int(IntOp.Add, b.Int(IntOp.Add, sum, twice), x));
    }

    /// <summary>
    /// bigspill(x): two 70000-byte slots and 24 values live across a call, so spill slots sit far from FP and the
    /// second slot's address is beyond every immediate form.
    /// </summary>
    private static void BigFrameSpills(IrModule module)
    {
        var f = Function(module, "bigspill", IrType.I64);
        var b = new IrBuilder(f) { Line = 19 };
        b.SetBlock(f.NewBlock());
        var one = f.NewStackSlot(70000, 16);
        var two = f.NewStackSlot(70000, 16);
        var x = f.Parameters[0];
        var values = Enumerable.Range(1, 24).Select(k => b.Int(IntOp.Mul, x, k)).ToList();
        b.Store(b.SlotAddress(one), 69992, values[0]);
        b.Store(b.SlotAddress(two), 8, values[1]);
        var acc = b.CallValue("c_twice", values[2]);
        for (var k = values.Count - 1; k >= 0; k--) acc = b.Int(IntOp.Add, acc, b.Int(IntOp.Xor, values[k], k));
        acc = b.Int(IntOp.Add, acc, b.Load(b.SlotAddress(one), 69992));
        b.Return(b.Int(IntOp.Add, acc, b.Load(b.SlotAddress(two), 8)));
    }

    // recurse: unbounded recursion must hit the prologue's stack check.
    private static void Recurse(IrModule module)
    {
        var f = Function(module, "recurse", IrType.I64);
        var b = new IrBuilder(f) { Line = 20 };
        b.SetBlock(f.NewBlock());
        b.Return(b.Int(IntOp.Add, b.CallValue("recurse", b.Int(IntOp.Sub, f.Parameters[0], 1)), 1));
    }
}
