using Sox.Compiler.CodeGen;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Elf;
using Sox.Compiler.Targets.X64;
using Sox.Toolchain.Tests.ObjectFiles;
using IrCallingConvention = Sox.Compiler.Ir.CallingConvention;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// The x86-64 backend end to end without the front end: hand-built IR functions (C convention) are compiled
/// through instruction selection, linear-scan allocation, frame layout, encoding, the object builder and the
/// ELF writer, linked with a C driver by gcc and run. The driver prints what the functions return; expected
/// values are computed here in C#.
/// </summary>
[TestClass]
public sealed class X64BackendRunTests
{
    private const string Driver = """
        #include <stdio.h>
        #include <stdint.h>
        #include <stdlib.h>
        #include <math.h>
        uintptr_t sox_stack_limit = 0;
        void sox_stack_overflow(void) { printf("overflow\n"); fflush(stdout); exit(3); }
        int misaligned = 0;
        long c_sum12(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j, long k, long l) {
            if (((uintptr_t)__builtin_frame_address(0) & 15) != 0) misaligned++;
            return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g + 8*h + 9*i + 10*j + 11*k + 12*l;
        }
        long c_twice(long x) {
            if (((uintptr_t)__builtin_frame_address(0) & 15) != 0) misaligned++;
            /* Trash every caller-saved register the ABI allows, so a value kept in one across the call breaks. */
            __asm__ volatile("" ::: "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory");
            return 2 * x;
        }
        long sum9(long, long, long, long, long, long, long, long, long);
        long call12(void);
        long fact(long);
        long fib(long);
        double hyp(double, double);
        long fcmp(double, double);
        long pressure(long);
        long shifts(long, long);
        long sum_array(long*, long);
        long recurse(long);
        int main(int argc, char** argv) {
            long arr[5] = {3, 1, 4, 1, 5};
            printf("%ld\n", sum9(1, 2, 3, 4, 5, 6, 7, 8, 9));
            printf("%ld\n", call12());
            printf("%ld\n", fact(15));
            printf("%ld\n", fib(20));
            printf("%.17g\n", hyp(3.5, -1.25));
            printf("%ld %ld %ld\n", fcmp(1.0, 2.0), fcmp(2.0, 2.0), fcmp(NAN, 1.0));
            printf("%ld\n", pressure(7));
            printf("%ld\n", shifts(-1000, 3));
            printf("%ld\n", sum_array(arr, 5));
            printf("misaligned %d\n", misaligned);
            if (argc > 1) {
                char probe;
                sox_stack_limit = (uintptr_t)&probe - 256 * 1024;
                printf("%ld\n", recurse(100000000));
            }
            return 0;
        }
        """;

    private static IrFunction CFunction(IrModule module, string name, params IrType[] parameters) =>
        CFunctionReturning(module, name, IrType.I64, parameters);

    private static IrFunction CFunctionReturning(IrModule module, string name, IrType result, params IrType[] parameters)
    {
        var f = new IrFunction(name, Linkage.Global, IrCallingConvention.C, result) { TraceName = name };
        foreach (var p in parameters) f.AddParameter(p);
        module.Functions.Add(f);
        return f;
    }

    private static IrModule BuildModule()
    {
        var module = new IrModule("backend_test", "sox_lt_backend_test");

        // sum9: nine integer parameters, three of them on the stack.
        {
            var f = CFunction(module, "sum9", Enumerable.Repeat(IrType.I64, 9).ToArray());
            var b = new IrBuilder(f) { Line = 1 };
            b.SetBlock(f.NewBlock());
            var acc = f.Parameters[0];
            for (var i = 1; i < 9; i++) acc = b.Int(IntOp.Add, acc, b.Int(IntOp.Mul, f.Parameters[i], i + 1));
            b.Return(acc);
        }
        // call12: twelve outgoing arguments, six on the stack.
        {
            var f = CFunction(module, "call12");
            var b = new IrBuilder(f) { Line = 2 };
            b.SetBlock(f.NewBlock());
            var args = Enumerable.Range(1, 12).Select(i => b.Const(i * 10)).ToList();
            b.Return(b.CallValue("c_sum12", args.ToArray()));
        }
        // fact: a counting loop.
        {
            var f = CFunction(module, "fact", IrType.I64);
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
        // fib: recursion; n is live across the first call.
        {
            var f = CFunction(module, "fib", IrType.I64);
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
        // hyp: doubles in XMM registers.
        {
            var f = CFunctionReturning(module, "hyp", IrType.F64, IrType.F64, IrType.F64);
            var b = new IrBuilder(f) { Line = 5 };
            b.SetBlock(f.NewBlock());
            var xx = b.Float(FloatOp.FMul, f.Parameters[0], f.Parameters[0]);
            var yy = b.Float(FloatOp.FMul, f.Parameters[1], f.Parameters[1]);
            var sum = b.Float(FloatOp.FAdd, xx, yy);
            b.Return(b.Float(FloatOp.FDiv, sum, b.ConstF64(0.5)));
        }
        // fcmp: 100*(a<b) + 10*(a==b) + (a!=b), checking IEEE unordered handling.
        {
            var f = CFunction(module, "fcmp", IrType.F64, IrType.F64);
            var b = new IrBuilder(f) { Line = 6 };
            b.SetBlock(f.NewBlock());
            var lt = b.FloatCompare(FloatCondition.Lt, f.Parameters[0], f.Parameters[1]);
            var eq = b.FloatCompare(FloatCondition.Eq, f.Parameters[0], f.Parameters[1]);
            var ne = b.FloatCompare(FloatCondition.Ne, f.Parameters[0], f.Parameters[1]);
            b.Return(b.Int(IntOp.Add, b.Int(IntOp.Add, b.Int(IntOp.Mul, lt, 100), b.Int(IntOp.Mul, eq, 10)), ne));
        }
        // pressure: 24 values live across a call.
        {
            var f = CFunction(module, "pressure", IrType.I64);
            var b = new IrBuilder(f) { Line = 7 };
            b.SetBlock(f.NewBlock());
            var values = Enumerable.Range(1, 24).Select(k => b.Int(IntOp.Mul, f.Parameters[0], k)).ToList();
            var twice = b.CallValue("c_twice", values[5]);
            var acc = twice;
            for (var k = values.Count - 1; k >= 0; k--) acc = b.Int(IntOp.Add, acc, b.Int(IntOp.Xor, values[k], k));
            b.Return(acc);
        }
        // shifts: variable count (through CL) and immediates.
        {
            var f = CFunction(module, "shifts", IrType.I64, IrType.I64);
            var b = new IrBuilder(f) { Line = 8 };
            b.SetBlock(f.NewBlock());
            var a = f.Parameters[0];
            var n = f.Parameters[1];
            var sar = b.Int(IntOp.Sar, a, n);
            var shr = b.Int(IntOp.Shr, a, b.Const(60));
            var shl = b.Int(IntOp.Shl, n, n);
            b.Return(b.Int(IntOp.Add, b.Int(IntOp.Add, sar, shr), shl));
        }
        // sum_array: loads through a pointer.
        {
            var f = CFunction(module, "sum_array", IrType.I64, IrType.I64);
            var b = new IrBuilder(f) { Line = 9 };
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
        // recurse: unbounded recursion must hit the prologue's stack check.
        {
            var f = CFunction(module, "recurse", IrType.I64);
            var b = new IrBuilder(f) { Line = 10 };
            b.SetBlock(f.NewBlock());
            b.Return(b.Int(IntOp.Add, b.CallValue("recurse", b.Int(IntOp.Sub, f.Parameters[0], 1)), 1));
        }
        return module;
    }

    [TestMethod]
    public void HandBuiltIrCompilesLinksAndRuns()
    {
        var gcc = ExternalTool.Require("gcc");
        using var dir = new TempDirectory();
        var module = BuildModule();
        IrVerifier.VerifyOrThrow(module, "construction");
        var code = new X64Backend(X64Target.LinuxX64).CompileFunctions(module.Functions, new CodeGenOptions());
        var obj = ObjectBuilder.Build(module, code, X64Target.LinuxX64, "backend_test.sox");
        File.WriteAllBytes(Path.Combine(dir.Path, "module.o"), new ElfObjectWriter().Write(obj));
        File.WriteAllText(Path.Combine(dir.Path, "driver.c"), Driver);
        ExternalTool.RunClean(gcc, dir.Path, "-O0", "-fno-omit-frame-pointer", "-o", "prog", "driver.c", "module.o", "-lm");

        var run = ExternalTool.Run(Path.Combine(dir.Path, "prog"), dir.Path);
        Assert.AreEqual(0, run.ExitCode, run.StandardError);
        long fact = 1;
        for (var i = 2; i <= 15; i++) fact *= i;
        long pressure = 2 * 7 * 6;
        for (var k = 23; k >= 0; k--) pressure += (7L * (k + 1)) ^ k;
        var expected = string.Join("\n",
            Enumerable.Range(1, 9).Sum(i => (long)i * i),
            Enumerable.Range(1, 12).Sum(i => (long)i * i * 10),
            fact,
            Fib(20),
            ((3.5 * 3.5 + 1.25 * 1.25) / 0.5).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            "101 10 1",
            pressure,
            (-1000L >> 3) + (long)(unchecked((ulong)-1000L) >> 60) + (3L << 3),
            31415,
            "misaligned 0") + "\n";
        Assert.AreEqual(expected, run.StandardOutput);

        var overflow = ExternalTool.Run(Path.Combine(dir.Path, "prog"), dir.Path, "deep");
        Assert.AreEqual(3, overflow.ExitCode, overflow.StandardError);
        StringAssert.EndsWith(overflow.StandardOutput, "overflow\n");
    }

    private static long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);
}
