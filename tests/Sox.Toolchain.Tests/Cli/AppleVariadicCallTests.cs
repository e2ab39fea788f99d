using System.Text.RegularExpressions;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Cli;

/// <summary>
/// Apple arm64's variadic rule ("Writing ARM64 code for Apple platforms": every variadic argument on the stack in an
/// 8-byte slot) checked in the Mach-O object the driver writes for <c>osx-arm64</c>: the call of a variadic extern
/// stores each variadic argument to <c>[sp, #8*i]</c> and passes only the fixed ones in registers; narrow fixed
/// stack arguments are packed by size. The object is disassembled by llvm-objdump (independent of our encoder).
/// </summary>
[TestClass]
public sealed class AppleVariadicCallTests
{
    private const string Program = """
        extern fn printf(fmt: cstring, ...): int32
        extern fn scale(v: double, k: int32, a: int, b: int, c: int, d: int, e: int, f: int, g: int, h: int32, i: uint8, j: float): double
        printf("%s %g %g %d\n", "x", 1.5, 2, true)
        print scale(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
        """;

    private static List<string> CallSequence(string target, string callee)
    {
        var objdump = ExternalTool.Require("llvm-objdump");
        using var project = new TempProject();
        var source = project.Write("app.sox", Program);
        var output = Path.Combine(project.Root, "app.o");
        var build = CliRun.Of("build", "--target", target, "--emit", "obj", "-O2", source, "-o", output);
        Assert.AreEqual(0, build.ExitCode, build.Error);
        var listing = ExternalTool.Run(objdump, project.Root, "--macho", "-d", output);
        Assert.AreEqual(0, listing.ExitCode, listing.StandardError);
        var lines = listing.StandardOutput.Split('\n');
        var call = Array.FindIndex(lines, l => Regex.IsMatch(l, $@"\bbl\s+_{callee}$"));
        Assert.IsTrue(call > 0, $"no call of _{callee}:\n{listing.StandardOutput}");
        // The argument set-up: back from the call to the previous call (the last conversion).
        var start = Array.FindLastIndex(lines, call - 1, l => Regex.IsMatch(l, @"\bbl\s"));
        return lines[(start + 1)..call].Select(l => Regex.Replace(l.Trim(), @"^[0-9a-f]+:\s+([0-9a-f]{2}\s){4}\s*", "")).ToList();
    }

    [TestMethod]
    public void VariadicArgumentsGoOnTheStackInEightByteSlots()
    {
        var setup = CallSequence("osx-arm64", "printf");
        var stores = setup.Where(l => l.StartsWith("str", StringComparison.Ordinal)).ToList();
        // Four variadic arguments ("x", 1.5, 2, true): one 8-byte store each at sp+0, 8, 16, 24.
        CollectionAssert.AreEqual(new[] { "[sp]", "[sp, #8]", "[sp, #16]", "[sp, #24]" },
            stores.Select(s => Regex.Match(s, @"\[sp(, #\d+)?\]").Value).ToArray(), string.Join("\n", setup));
        Assert.IsTrue(stores.All(s => Regex.IsMatch(s, @"^str\s+x\d+,")), "every slot is a 64-bit store:\n" + string.Join("\n", stores));
        // Only the format string travels in a register.
        Assert.IsFalse(setup.Any(l => Regex.IsMatch(l, @"^(mov|fmov|add|adrp)\s+[xd][1-7],")), "no variadic argument in x1–x7/d1–d7:\n" + string.Join("\n", setup));
    }

    [TestMethod]
    public void NarrowFixedStackArgumentsArePackedBySize()
    {
        var setup = CallSequence("osx-arm64", "scale");
        // v in d0, k and a…g in x0–x7; h (int32) at sp+0 in 4 bytes, i (uint8) at sp+4 in 1 byte; j (float) in s1.
        Assert.IsTrue(setup.Any(l => Regex.IsMatch(l, @"^str\s+w\d+, \[sp\]$")), string.Join("\n", setup));
        Assert.IsTrue(setup.Any(l => Regex.IsMatch(l, @"^strb\s+w\d+, \[sp, #4\]$")), string.Join("\n", setup));
        // j is narrowed to single precision and reaches s1: converted there directly, or converted into another
        // register that the argument moves then copy to d1 (its low 32 bits are s1).
        var narrowed = setup.Select(l => Regex.Match(l, @"^fcvt\s+s(\d+), d\d+$")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.IsTrue(narrowed.Contains("1") || narrowed.Any(n => setup.Any(l => Regex.IsMatch(l, $@"^fmov\s+(d1, d{n}|s1, s{n})$"))), string.Join("\n", setup));
    }

    [TestMethod]
    public void LinuxArm64PassesNarrowStackArgumentsInEightByteSlots()
    {
        var objdump = ExternalTool.Require("aarch64-linux-gnu-objdump");
        using var project = new TempProject();
        var source = project.Write("app.sox", Program);
        var output = Path.Combine(project.Root, "app.o");
        var build = CliRun.Of("build", "--target", "linux-arm64", "--emit", "obj", "-O2", source, "-o", output);
        Assert.AreEqual(0, build.ExitCode, build.Error);
        var listing = ExternalTool.Run(objdump, project.Root, "-d", "-r", output).StandardOutput;
        // AAPCS64 stage C: each stack argument takes an 8-byte slot, so h (int32) and i (uint8) are stored whole
        // at sp+0 and sp+8, just before the call of scale.
        StringAssert.Matches(listing, new Regex(@"str\s+x\d+, \[sp\]\n(.*\n)?.*str\s+x\d+, \[sp, #8\]\n(.*\n){1,12}.*bl\s.*<scale>"));
    }
}
