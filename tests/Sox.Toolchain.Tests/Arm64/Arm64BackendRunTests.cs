using System.Globalization;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Elf;
using Sox.Compiler.Targets.Arm64;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// The AArch64 backend end to end without the front end, the twin of <c>X64BackendRunTests</c>: the hand-built
/// IR of <see cref="Arm64TestModule"/> goes through instruction selection, linear-scan allocation, frame layout,
/// encoding, the object builder and the ELF writer, is linked with a C driver by <c>aarch64-linux-gnu-gcc</c> and
/// run under <c>qemu-aarch64</c>. The driver prints what the functions return; expected values are computed here.
/// </summary>
[TestClass]
public sealed class Arm64BackendRunTests
{
    private const string Sysroot = "/usr/aarch64-linux-gnu";

    private static readonly string Driver = """
        #include <stdio.h>
        #include <stdint.h>
        #include <stdlib.h>
        #include <string.h>
        #include <math.h>
        uintptr_t sox_stack_limit = 0;
        void sox_stack_overflow(void) { printf("overflow\n"); fflush(stdout); exit(3); }
        int misaligned = 0;
        long c_table[2] = {5, 1000};
        static void check_alignment(void) {
            if (((uintptr_t)__builtin_frame_address(0) & 15) != 0) misaligned++;
        }
        long c_sum12(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j, long k, long l) {
            check_alignment();
            return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g + 8*h + 9*i + 10*j + 11*k + 12*l;
        }
        long c_twice(long x) {
            check_alignment();
            long r = 2 * x;
            /* Really overwrite every caller-saved register (AAPCS64 §6.1.1, §6.1.2), so a value kept in one across
               the call breaks. */
            __asm__ volatile(TRASH ::: CLOBBERS, "memory");
            return r;
        }
        double c_fmix(double a, long b, double c) { check_alignment(); return a * b + c; }
        long sum9(long, long, long, long, long, long, long, long, long);
        long nest9(long, long, long, long, long, long, long, long, long);
        long nest12(long, long, long, long, long, long, long, long, long, long, long, long);
        long call12(void);
        long fact(long);
        long fib(long);
        double hyp(double, double);
        long fcmp(double, double);
        long fbranch(double, double);
        long pressure(long);
        double fpressure(double);
        long shifts(long, long);
        long sum_array(long*, long);
        long narrow(unsigned char*);
        long indirect(long);
        double fargs(double, long);
        long imm(long);
        long frame16(long);
        long frame5000(long);
        long frame70000(long);
        long bigspill(long);
        long recurse(long);
        static unsigned char buffer[40016];
        int main(int argc, char** argv) {
            long arr[5] = {3, 1, 4, 1, 5};
            double cases[4][2] = {{1.0, 2.0}, {2.0, 2.0}, {3.0, 2.0}, {NAN, 1.0}};
            long longs[] = {-100000, -4096, -5, -4, 0, 7, 0x4fff, 0x5000, 123456789};
            uint32_t word;
            long stored;
            printf("%ld\n", sum9(1, 2, 3, 4, 5, 6, 7, 8, 9));
            printf("%ld\n", call12());
            printf("%ld\n", fact(15));
            printf("%ld\n", fib(20));
            printf("%.17g\n", hyp(3.5, -1.25));
            for (int i = 0; i < 4; i++) printf("%06ld %06ld\n", fcmp(cases[i][0], cases[i][1]), fbranch(cases[i][0], cases[i][1]));
            printf("%ld\n", pressure(7));
            printf("%.17g\n", fpressure(1.5));
            printf("%ld\n", shifts(-1000, 3));
            printf("%ld\n", sum_array(arr, 5));
            buffer[9] = 0xAB;
            word = 0x89ABCDEFu;
            memcpy(buffer + 12, &word, 4);
            printf("%ld", narrow(buffer + 8));
            memcpy(&word, buffer + 20, 4);
            memcpy(&stored, buffer, 8);
            printf(" %d %u %ld\n", buffer[16], word, stored);
            printf("%ld %ld\n", nest9(1, 2, 3, 4, 5, 6, 7, 8, 9), nest12(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
            printf("%ld\n", indirect(21));
            printf("%.17g\n", fargs(-2.25, 5));
            for (int i = 0; i < 9; i++) printf("%ld ", imm(longs[i]));
            printf("\n%ld %ld %ld %ld\n", frame16(3), frame5000(5), frame70000(7), bigspill(11));
            printf("misaligned %d\n", misaligned);
            if (argc > 1) {
                char probe;
                sox_stack_limit = (uintptr_t)&probe - 256 * 1024;
                printf("%ld\n", recurse(100000000));
            }
            return 0;
        }
        """;

    /// <summary>Assembly that overwrites X1–X17 and V0–V7, V16–V31 (X0 carries the result), and its clobber list.</summary>
    private static string DriverSource()
    {
        var general = Enumerable.Range(1, 17).ToList();
        var vector = Enumerable.Range(0, 8).Concat(Enumerable.Range(16, 16)).ToList();
        var trash = string.Concat(general.Select(n => $"mov x{n}, #-1\\n")) + string.Concat(vector.Select(n => $"fmov d{n}, #-1.0\\n"));
        var clobbers = string.Join(", ", general.Select(n => $"\"x{n}\"").Concat(vector.Select(n => $"\"v{n}\"")));
        return Driver.Replace("TRASH", $"\"{trash}\"").Replace("CLOBBERS", clobbers);
    }

    /// <summary>Compiles the test module and links it; returns the program's path.</summary>
    internal static string BuildProgram(TempDirectory dir, out CompiledCode code)
    {
        var gcc = ExternalTool.Require("aarch64-linux-gnu-gcc");
        var module = Arm64TestModule.Build();
        IrVerifier.VerifyOrThrow(module, "construction");
        code = new Arm64Backend(Arm64Target.LinuxArm64).CompileFunctions(module.Functions, new CodeGenOptions());
        var obj = ObjectBuilder.Build(module, code, Arm64Target.LinuxArm64, "arm64_backend_test.sox");
        File.WriteAllBytes(Path.Combine(dir.Path, "module.o"), new ElfObjectWriter().Write(obj));
        File.WriteAllText(Path.Combine(dir.Path, "driver.c"), DriverSource());
        ExternalTool.RunClean(gcc, dir.Path, "-O1", "-fno-omit-frame-pointer", "-o", "prog", "driver.c", "module.o", "-lm");
        return Path.Combine(dir.Path, "prog");
    }

    [TestMethod]
    public void HandBuiltIrCompilesLinksAndRunsUnderQemu()
    {
        var qemu = ExternalTool.Require("qemu-aarch64");
        using var dir = new TempDirectory();
        var program = BuildProgram(dir, out _);

        var run = ExternalTool.Run(qemu, dir.Path, "-L", Sysroot, program);
        Assert.AreEqual(0, run.ExitCode, run.StandardError);
        Assert.AreEqual(ExpectedOutput(), run.StandardOutput);

        var overflow = ExternalTool.Run(qemu, dir.Path, "-L", Sysroot, program, "deep");
        Assert.AreEqual(3, overflow.ExitCode, overflow.StandardError);
        StringAssert.EndsWith(overflow.StandardOutput, "overflow\n");
    }

    private static string ExpectedOutput()
    {
        var inv = CultureInfo.InvariantCulture;
        long fact = 1;
        for (var i = 2; i <= 15; i++) fact *= i;
        long pressure = 2 * 7 * 6;
        for (var k = 23; k >= 0; k--) pressure += (7L * (k + 1)) ^ k;
        var fpressure = 0.0;
        for (var k = 19; k >= 0; k--) fpressure = fpressure * 0.5 + 1.5 * (k + 1);
        var word = 0x89ABCDEFL;
        var narrow = 0xABL * 1000000000000 + word + 77;
        var nest9 = Nest9(1, 2, 3, 4, 5, 6, 7, 8, 9);
        var nest12 = Sum12(Nest9(12, 11, 10, 9, 8, 7, 6, 5, 4), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12) + 11;
        var fargs = (double)((long)(-2.25 * 5 + 2.5) + 1);
        long[] imms = [-100000, -4096, -5, -4, 0, 7, 0x4fff, 0x5000, 123456789];
        long bigspill = 2 * 3 * 11;
        for (var k = 23; k >= 0; k--) bigspill += (11L * (k + 1)) ^ k;
        bigspill += 11 + 22;
        var lines = new List<string>
        {
            Sum9(1, 2, 3, 4, 5, 6, 7, 8, 9).ToString(inv),
            Enumerable.Range(1, 12).Sum(i => (long)i * i * 10).ToString(inv),
            fact.ToString(inv),
            Fib(20).ToString(inv),
            ((3.5 * 3.5 + 1.25 * 1.25 - 0.25) / 0.5).ToString("G17", inv),
            // lt le gt ge eq ne
            "110001 110001", "010110 010110", "001101 001101", "000001 000001",
            pressure.ToString(inv),
            fpressure.ToString("G17", inv),
            ((-1000L >> 3) + (long)(unchecked((ulong)-1000L) >> 60) + (3L << 3) + (((long)(unchecked((ulong)-1000L) >> 3) + (-1000L >> 2)) ^ (3L << 6))).ToString(inv),
            "31415",
            $"{narrow} 255 {0x34567890} {word}",
            $"{nest9} {nest12}",
            (42 + 1000).ToString(inv),
            fargs.ToString("G17", inv),
            string.Concat(imms.Select(x => Imm(x).ToString(inv) + " ")),
            $"{7 * 3} {7 * 5} {7 * 7} {bigspill}",
            "misaligned 0",
        };
        return string.Join("\n", lines) + "\n";
    }

    private static long Sum9(params long[] a) => Enumerable.Range(0, 9).Sum(i => a[i] * (i + 1));

    private static long Sum12(params long[] a) => Enumerable.Range(0, 12).Sum(i => a[i] * (i + 1));

    private static long Nest9(params long[] p) => Sum9(Sum9(p[8], p[7], p[6], p[5], p[4], p[3], p[2], p[1], p[0]), p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[8]) - p[7];

    private static long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);

    private static long Imm(long x)
    {
        unchecked
        {
            var acc = x + 4095 + 0x7ff000 + 17 - 4096 + 0x123457;
            acc ^= x & 0x00ff00ff00ff00ff;
            acc |= 0x7ffc000000000000;
            acc &= 0x0000ffffffffffff;
            acc ^= 0x1234;
            acc += (x < -5 ? 100 : 0) + ((ulong)x >= 0x5000 ? 1 : 0);
            return x > -4095 ? acc + 1000 : acc;
        }
    }
}
