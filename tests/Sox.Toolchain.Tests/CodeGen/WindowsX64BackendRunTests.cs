using System.Diagnostics;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Driver;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Coff;
using Sox.Compiler.Targets.X64;
using Sox.Toolchain.Tests.ObjectFiles;
using IrCallingConvention = Sox.Compiler.Ir.CallingConvention;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// The win-x64 backend end to end without the front end or the runtime: hand-built IR functions (C convention, so
/// the Microsoft x64 convention) compiled for <see cref="X64Target.WindowsX64"/>, written as a COFF object with its
/// <c>.pdata</c>/<c>.xdata</c>, linked with a C driver by the MinGW gcc and run under Wine. It checks every rule of
/// docs/calling-conventions.md "win-x64" that code generation owns: positional registers (mixed integer and double
/// arguments), the home area and stack arguments in both directions (Sox calling C with 12 arguments, C calling Sox
/// with 9 and with mixed ones), a variadic C callee reading doubles that were passed in both register files, 16-byte
/// alignment at every call, callee-saved RBX RSI RDI R12–R15 and all 128 bits of XMM6–XMM15 preserved for a C caller
/// (an assembly caller with canaries), and the unwind data: a C helper called from 12 frames of Sox recursion walks
/// the stack with <c>RtlVirtualUnwind</c> back to <c>main</c>, checking each Sox frame's RSP/RBP/return address and
/// that the registers recovered for the assembly caller are its canaries.
/// </summary>
[TestClass]
public sealed class WindowsX64BackendRunTests
{
    private const string Driver = """
        #include <windows.h>
        #include <stdio.h>
        #include <stdint.h>
        #include <stdarg.h>
        #include <string.h>
        uintptr_t sox_stack_limit = 0;
        void sox_stack_overflow(void) { printf("overflow\n"); fflush(stdout); ExitProcess(3); }
        static int misaligned = 0;
        #define CHECK_ALIGN() do { if (((uintptr_t)__builtin_frame_address(0) & 15) != 0) misaligned++; } while (0)
        int64_t sum9(int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t);
        int64_t call12(void);
        double mixed(int64_t, double, int64_t, double, int64_t, double);
        int64_t deep(int64_t, double);
        int64_t floats(double);
        int64_t call_variadic(void);
        int main(int argc, char** argv);
        int64_t c_sum12(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, int64_t h, int64_t i, int64_t j, int64_t k, int64_t l) {
            CHECK_ALIGN();
            return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g + 8*h + 9*i + 10*j + 11*k + 12*l;
        }
        /* Overwrites every volatile register, XMM0-5 included. */
        double c_clobber(double x) {
            CHECK_ALIGN();
            __asm__ volatile("xorps %%xmm0, %%xmm0; xorps %%xmm1, %%xmm1; xorps %%xmm2, %%xmm2; xorps %%xmm3, %%xmm3; xorps %%xmm4, %%xmm4; xorps %%xmm5, %%xmm5"
                ::: "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "memory");
            return x * 2;
        }
        /* A variadic callee: va_arg reads the home area, which its prologue fills from RCX, RDX, R8, R9. */
        double c_vsum(int64_t count, ...) {
            va_list ap; double s = 0; int64_t i;
            CHECK_ALIGN();
            va_start(ap, count);
            for (i = 0; i < count; i++) s = s * 10 + va_arg(ap, double);
            va_end(ap);
            return s;
        }

        /* canary_enter(fn, arg, x): RBX RSI RDI R12-R15 and XMM6-15 (all 128 bits) hold canaries across fn(arg, x);
           what they hold afterwards goes to canary_after. Its own unwind data comes from the .seh directives. */
        uint64_t canary_values[7] = { 0x1111111111111101ull, 0x2222222222222202ull, 0x3333333333333303ull, 0x4444444444444404ull,
                                      0x5555555555555505ull, 0x6666666666666606ull, 0x7777777777777707ull };
        unsigned char canary_xmm[160];
        uint64_t canary_after[7];
        unsigned char canary_xmm_after[160];
        int64_t canary_enter(int64_t (*fn)(int64_t, double), int64_t arg, double x);
        __asm__(
            ".text\n.globl canary_enter\n.def canary_enter; .scl 2; .type 32; .endef\n.seh_proc canary_enter\ncanary_enter:\n"
            "push %rbp\n.seh_pushreg %rbp\npush %rbx\n.seh_pushreg %rbx\npush %rsi\n.seh_pushreg %rsi\npush %rdi\n.seh_pushreg %rdi\n"
            "push %r12\n.seh_pushreg %r12\npush %r13\n.seh_pushreg %r13\npush %r14\n.seh_pushreg %r14\npush %r15\n.seh_pushreg %r15\n"
            "sub $200, %rsp\n.seh_stackalloc 200\n"
            "movaps %xmm6, 32(%rsp)\n.seh_savexmm %xmm6, 32\nmovaps %xmm7, 48(%rsp)\n.seh_savexmm %xmm7, 48\n"
            "movaps %xmm8, 64(%rsp)\n.seh_savexmm %xmm8, 64\nmovaps %xmm9, 80(%rsp)\n.seh_savexmm %xmm9, 80\n"
            "movaps %xmm10, 96(%rsp)\n.seh_savexmm %xmm10, 96\nmovaps %xmm11, 112(%rsp)\n.seh_savexmm %xmm11, 112\n"
            "movaps %xmm12, 128(%rsp)\n.seh_savexmm %xmm12, 128\nmovaps %xmm13, 144(%rsp)\n.seh_savexmm %xmm13, 144\n"
            "movaps %xmm14, 160(%rsp)\n.seh_savexmm %xmm14, 160\nmovaps %xmm15, 176(%rsp)\n.seh_savexmm %xmm15, 176\n"
            ".seh_endprologue\n"
            "mov %rcx, %rax\nmov %rdx, %rcx\nmovapd %xmm2, %xmm1\n"
            "lea canary_values(%rip), %r10\nmov 0(%r10), %rbx\nmov 8(%r10), %rsi\nmov 16(%r10), %rdi\nmov 24(%r10), %r12\n"
            "mov 32(%r10), %r13\nmov 40(%r10), %r14\nmov 48(%r10), %r15\n"
            "lea canary_xmm(%rip), %r10\nmovups 0(%r10), %xmm6\nmovups 16(%r10), %xmm7\nmovups 32(%r10), %xmm8\nmovups 48(%r10), %xmm9\n"
            "movups 64(%r10), %xmm10\nmovups 80(%r10), %xmm11\nmovups 96(%r10), %xmm12\nmovups 112(%r10), %xmm13\n"
            "movups 128(%r10), %xmm14\nmovups 144(%r10), %xmm15\n"
            "call *%rax\n"
            "lea canary_after(%rip), %r10\nmov %rbx, 0(%r10)\nmov %rsi, 8(%r10)\nmov %rdi, 16(%r10)\nmov %r12, 24(%r10)\n"
            "mov %r13, 32(%r10)\nmov %r14, 40(%r10)\nmov %r15, 48(%r10)\n"
            "lea canary_xmm_after(%rip), %r10\nmovups %xmm6, 0(%r10)\nmovups %xmm7, 16(%r10)\nmovups %xmm8, 32(%r10)\nmovups %xmm9, 48(%r10)\n"
            "movups %xmm10, 64(%r10)\nmovups %xmm11, 80(%r10)\nmovups %xmm12, 96(%r10)\nmovups %xmm13, 112(%r10)\n"
            "movups %xmm14, 128(%r10)\nmovups %xmm15, 144(%r10)\n"
            "movaps 32(%rsp), %xmm6\nmovaps 48(%rsp), %xmm7\nmovaps 64(%rsp), %xmm8\nmovaps 80(%rsp), %xmm9\nmovaps 96(%rsp), %xmm10\n"
            "movaps 112(%rsp), %xmm11\nmovaps 128(%rsp), %xmm12\nmovaps 144(%rsp), %xmm13\nmovaps 160(%rsp), %xmm14\nmovaps 176(%rsp), %xmm15\n"
            "add $200, %rsp\npop %r15\npop %r14\npop %r13\npop %r12\npop %rdi\npop %rsi\npop %rbx\npop %rbp\nret\n.seh_endproc\n");

        static int walked = 0, soxFrames = 0, frameErrors = 0, reachedCanary = 0, reachedMain = 0, registerErrors = 0;
        static int in_function(DWORD64 pc, void* fn) {
            DWORD64 base; PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(pc, &base, NULL);
            return f != NULL && base + f->BeginAddress == (DWORD64)fn;
        }
        /* Called from the bottom of deep(): unwinds frame by frame to main. */
        int64_t c_walk(void) {
            CONTEXT ctx; int i;
            CHECK_ALIGN();
            RtlCaptureContext(&ctx);
            for (i = 0; i < 200; i++) {
                DWORD64 base, establisher; PVOID handlerData;
                PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(ctx.Rip, &base, NULL);
                if (in_function(ctx.Rip, (void*)main)) { reachedMain = 1; break; }
                if (in_function(ctx.Rip, (void*)canary_enter)) {
                    reachedCanary = 1;
                    if (ctx.Rbx != canary_values[0] || ctx.Rsi != canary_values[1] || ctx.Rdi != canary_values[2] || ctx.R12 != canary_values[3]
                        || ctx.R13 != canary_values[4] || ctx.R14 != canary_values[5] || ctx.R15 != canary_values[6]) registerErrors++;
                    if (memcmp(&ctx.Xmm6, canary_xmm, 160) != 0) registerErrors++;
                }
                if (f == NULL) { frameErrors++; break; }
                if (in_function(ctx.Rip, (void*)deep)) {
                    DWORD64 rbp = ctx.Rbp;
                    RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, ctx.Rip, f, &ctx, &handlerData, &establisher, NULL);
                    soxFrames++;
                    /* The frame-pointer chain and the unwind data must agree: [rbp] = caller's RBP, [rbp+8] = return address. */
                    if (ctx.Rsp != rbp + 16 || ctx.Rbp != *(DWORD64*)rbp || ctx.Rip != *(DWORD64*)(rbp + 8)) frameErrors++;
                } else {
                    RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, ctx.Rip, f, &ctx, &handlerData, &establisher, NULL);
                }
                walked++;
            }
            return 1000;
        }
        int main(int argc, char** argv) {
            int i;
            for (i = 0; i < 160; i++) canary_xmm[i] = (unsigned char)(0xA0 + i);
            printf("%lld\n", (long long)sum9(1, 2, 3, 4, 5, 6, 7, 8, 9));
            printf("%lld\n", (long long)call12());
            printf("%.17g\n", mixed(1, 2.5, 3, 4.5, 5, 6.5));
            printf("%lld\n", (long long)floats(1.25));
            printf("%lld\n", (long long)call_variadic());
            int64_t r = canary_enter(deep, 12, 0.5);
            printf("deep %lld\n", (long long)r);
            printf("walk sox=%d errors=%d canary=%d main=%d registers=%d\n", soxFrames, frameErrors, reachedCanary, reachedMain, registerErrors);
            int same = memcmp(canary_after, canary_values, sizeof canary_values) == 0 && memcmp(canary_xmm_after, canary_xmm, 160) == 0;
            printf("preserved %d\n", same);
            printf("misaligned %d\n", misaligned);
            if (argc > 1) {
                char probe;
                sox_stack_limit = (uintptr_t)&probe - 256 * 1024;
                printf("%lld\n", (long long)deep(100000000, 0.5));
            }
            return 0;
        }
        """;

    private static IrFunction CFunction(IrModule module, string name, IrType result, params IrType[] parameters)
    {
        var f = new IrFunction(name, Linkage.Global, IrCallingConvention.C, result) { TraceName = name };
        foreach (var p in parameters) f.AddParameter(p);
        module.Functions.Add(f);
        return f;
    }

    /// <summary>The functions the driver calls; expected results are computed in <see cref="Expected"/>.</summary>
    public static IrModule BuildModule()
    {
        var module = new IrModule("win_test", "sox_lt_win_test");
        // sum9: nine integers, five on the stack above the home area (incoming at RBP+48).
        {
            var f = CFunction(module, "sum9", IrType.I64, Enumerable.Repeat(IrType.I64, 9).ToArray());
            var b = new IrBuilder(f) { Line = 1 };
            b.SetBlock(f.NewBlock());
            var acc = f.Parameters[0];
            for (var i = 1; i < 9; i++) acc = b.Int(IntOp.Add, acc, b.Int(IntOp.Mul, f.Parameters[i], i + 1));
            b.Return(acc);
        }
        // call12: twelve outgoing arguments, eight on the stack from [rsp+32].
        {
            var f = CFunction(module, "call12", IrType.I64);
            var b = new IrBuilder(f) { Line = 2 };
            b.SetBlock(f.NewBlock());
            var args = Enumerable.Range(1, 12).Select(i => b.Const(i * 10)).ToArray();
            b.Return(b.CallValue("c_sum12", args));
        }
        // mixed(a, x, b, y, c, z): RCX, XMM1, R8, XMM3, [rsp+40], [rsp+48] at the callee's entry.
        {
            var f = CFunction(module, "mixed", IrType.F64, IrType.I64, IrType.F64, IrType.I64, IrType.F64, IrType.I64, IrType.F64);
            var b = new IrBuilder(f) { Line = 3 };
            b.SetBlock(f.NewBlock());
            var p = f.Parameters;
            VReg AsF(VReg v) => v.Type == IrType.F64 ? v : b.Convert(ConvertKind.IntToFloat, v);
            var acc = AsF(p[0]);
            for (var i = 1; i < 6; i++) acc = b.Float(FloatOp.FAdd, b.Float(FloatOp.FMul, acc, b.ConstF64(10)), AsF(p[i]));
            b.Return(acc);
        }
        // floats(x): twelve doubles live across a call that clobbers XMM0–XMM5: they need XMM6–XMM15 (saved) or spills.
        {
            var f = CFunction(module, "floats", IrType.I64, IrType.F64);
            var b = new IrBuilder(f) { Line = 4 };
            b.SetBlock(f.NewBlock());
            var values = Enumerable.Range(1, 12).Select(k => b.Float(FloatOp.FMul, f.Parameters[0], b.ConstF64(k))).ToList();
            var c = b.CallC("c_clobber", [values[0]], resultType: IrType.F64)!;
            var acc = c;
            foreach (var v in values) acc = b.Float(FloatOp.FAdd, b.Float(FloatOp.FMul, acc, b.ConstF64(2)), v);
            b.Return(b.Convert(ConvertKind.FloatToInt, acc));
        }
        // call_variadic: c_vsum(6, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0): the three doubles in registers also go in RDX, R8, R9.
        {
            var f = CFunction(module, "call_variadic", IrType.I64);
            var b = new IrBuilder(f) { Line = 5 };
            b.SetBlock(f.NewBlock());
            VReg[] args = [b.Const(6), .. Enumerable.Range(1, 6).Select(k => b.ConstF64(k))];
            var r = b.NewRegister(IrType.F64);
            f.Entry.Instructions.Add(new CallInst("c_vsum", IrCallingConvention.C, args, r, 5) { FixedArgumentCount = 1 });
            b.Return(b.Convert(ConvertKind.FloatToInt, r));
        }
        // deep(n, x): recursion with seven integers and ten doubles live across the call (every callee-saved register
        // of both files), calling c_walk at the bottom.
        {
            var f = CFunction(module, "deep", IrType.I64, IrType.I64, IrType.F64);
            var b = new IrBuilder(f) { Line = 6 };
            var entry = f.NewBlock();
            var bottom = f.NewBlock();
            var recurse = f.NewBlock();
            b.SetBlock(entry);
            var n = f.Parameters[0];
            var x = f.Parameters[1];
            b.CompareBranch(IntCondition.Eq, n, b.Const(0), bottom, recurse);
            b.SetBlock(bottom);
            b.Return(b.CallValue("c_walk"));
            b.SetBlock(recurse);
            var ints = Enumerable.Range(1, 7).Select(k => b.Int(IntOp.Add, b.Int(IntOp.Mul, n, k), k)).ToList();
            var doubles = Enumerable.Range(1, 10).Select(k => b.Float(FloatOp.FMul, x, b.ConstF64(k))).ToList();
            var r = b.CallValue("deep", b.Int(IntOp.Sub, n, 1), b.Float(FloatOp.FAdd, x, b.ConstF64(1)));
            var acc = r;
            foreach (var v in ints) acc = b.Int(IntOp.Add, acc, v);
            var facc = b.ConstF64(0);
            foreach (var v in doubles) facc = b.Float(FloatOp.FAdd, facc, v);
            b.Return(b.Int(IntOp.Add, acc, b.Convert(ConvertKind.FloatToInt, facc)));
        }
        return module;
    }

    private static string Expected()
    {
        var mixed = 0.0;
        foreach (var v in new[] { 1, 2.5, 3, 4.5, 5, 6.5 }) mixed = mixed * 10 + v;
        var floats = 1.25 * 2;
        for (var k = 1; k <= 12; k++) floats = floats * 2 + 1.25 * k;
        var vsum = 0.0;
        for (var k = 1; k <= 6; k++) vsum = vsum * 10 + k;
        long deep = 1000;
        for (long n = 1; n <= 12; n++)
        {
            var x = 0.5 + (12 - n);
            for (var k = 1; k <= 7; k++) deep += n * k + k;
            var fsum = 0.0;
            for (var k = 1; k <= 10; k++) fsum += x * k;
            deep += (long)fsum;
        }
        return string.Join("\n",
            Enumerable.Range(1, 9).Sum(i => (long)i * i),
            Enumerable.Range(1, 12).Sum(i => (long)i * i * 10),
            mixed.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            (long)floats,
            (long)vsum,
            "deep " + deep,
            "walk sox=13 errors=0 canary=1 main=1 registers=0",
            "preserved 1",
            "misaligned 0") + "\n";
    }

    /// <summary>The MinGW gcc and Wine, or Inconclusive naming what is missing.</summary>
    internal static (string Gcc, TargetPlatform Platform) RequireTools()
    {
        var platform = TargetPlatform.Find("win-x64")!;
        var gcc = ExternalTool.Find("x86_64-w64-mingw32-gcc");
        if (gcc is null) Assert.Inconclusive("needs x86_64-w64-mingw32-gcc (Debian package mingw-w64)");
        if (platform.MissingRunner() is not null) Assert.Inconclusive("needs wine64 (Debian package wine64)");
        return (gcc, platform);
    }

    /// <summary>Runs a Windows program under the target's runner; stdout with CRLF made LF.</summary>
    internal static (int Exit, string Stdout, string Stderr) RunUnderWine(TargetPlatform platform, string exe, params string[] arguments)
    {
        platform.PrepareRunner?.Invoke();
        var command = platform.RunCommand(exe);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(exe)!,
        };
        foreach (var a in command.Skip(1).Concat(arguments)) start.ArgumentList.Add(a);
        foreach (var (name, value) in platform.RunnerEnvironment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{exe} did not finish within 3 minutes");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result.Replace("\r\n", "\n"), stderr.Result);
    }

    private static string BuildProgram(string directory, string gcc)
    {
        var module = BuildModule();
        IrVerifier.VerifyOrThrow(module, "construction");
        var code = new X64Backend(X64Target.WindowsX64).CompileFunctions(module.Functions, new CodeGenOptions());
        var obj = ObjectBuilder.Build(module, code, X64Target.WindowsX64, "win_test.sox");
        File.WriteAllBytes(Path.Combine(directory, "module.obj"), new CoffObjectWriter().Write(obj));
        File.WriteAllText(Path.Combine(directory, "driver.c"), Driver);
        ExternalTool.RunClean(gcc, directory, "-O1", "-o", "prog.exe", "driver.c", "module.obj");
        return Path.Combine(directory, "prog.exe");
    }

    [TestMethod]
    public void WinX64HandBuiltIrFollowsTheMicrosoftConventionAndUnwindsUnderWine()
    {
        var (gcc, platform) = RequireTools();
        using var dir = new TempDirectory();
        var exe = BuildProgram(dir.Path, gcc);
        var run = RunUnderWine(platform, exe);
        Assert.AreEqual(0, run.Exit, run.Stderr + run.Stdout);
        Assert.AreEqual(Expected(), run.Stdout);

        var overflow = RunUnderWine(platform, exe, "deep");
        Assert.AreEqual(3, overflow.Exit, overflow.Stderr);
        StringAssert.EndsWith(overflow.Stdout, "overflow\n");
    }
}
