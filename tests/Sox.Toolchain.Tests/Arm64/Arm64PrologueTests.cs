using System.Text.RegularExpressions;
using Sox.Compiler.CodeGen;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Elf;
using Sox.Compiler.Targets.Arm64;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// The shape of the frames the AArch64 emitter writes, read back with <c>aarch64-linux-gnu-objdump</c> from the
/// object of <see cref="Arm64TestModule"/> (the run test executes the same code): the frame record, the body
/// allocation for every size class, callee-saved pairs, the stack check, and the epilogue before every <c>ret</c>.
/// </summary>
[TestClass]
public sealed class Arm64PrologueTests
{
    private static Dictionary<string, List<string>>? _functions;

    /// <summary>Each function's instructions as objdump prints them (<c>-M no-aliases</c> off: the usual aliases).</summary>
    private static Dictionary<string, List<string>> Disassembly()
    {
        if (_functions is not null) return _functions;
        var objdump = ExternalTool.Require("aarch64-linux-gnu-objdump");
        using var dir = new TempDirectory();
        var module = Arm64TestModule.Build();
        var code = new Arm64Backend(Arm64Target.LinuxArm64).CompileFunctions(module.Functions, new CodeGenOptions());
        var obj = ObjectBuilder.Build(module, code, Arm64Target.LinuxArm64, "prologue.sox");
        File.WriteAllBytes(Path.Combine(dir.Path, "module.o"), new ElfObjectWriter().Write(obj));
        var text = ExternalTool.RunClean(objdump, dir.Path, "-d", "--no-show-raw-insn", "module.o");
        var functions = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in text.Split('\n'))
        {
            var header = Regex.Match(line, @"^[0-9a-f]+ <(\w+)>:$");
            if (header.Success) functions[header.Groups[1].Value] = current = new List<string>();
            else if (current is not null && Regex.Match(line, @"^\s+[0-9a-f]+:\s+(.*)$") is { Success: true } m)
                current.Add(Regex.Replace(m.Groups[1].Value.Split("//")[0].Trim(), @"\s+", " "));
        }
        return _functions = functions;
    }

    private static List<string> Function(string name) =>
        Disassembly().TryGetValue(name, out var f) ? f : throw new AssertFailedException($"{name} not in the disassembly");

    private static string Show(List<string> instructions) => string.Join("\n", instructions);

    [TestMethod]
    [DataRow("frame16")]
    [DataRow("frame5000")]
    [DataRow("frame70000")]
    [DataRow("fib")]
    [DataRow("bigspill")]
    public void EveryFunctionStartsWithTheFrameRecordAndTheStackCheck(string name)
    {
        var f = Function(name);
        Assert.AreEqual("stp x29, x30, [sp, #-16]!", f[0], Show(f));
        Assert.AreEqual("mov x29, sp", f[1], Show(f));
        var check = f.FindIndex(i => i.StartsWith("adrp x16,", StringComparison.Ordinal));
        Assert.IsGreaterThan(1, check, Show(f));
        StringAssert.StartsWith(f[check + 1], "ldr x16, [x16", Show(f));
        Assert.AreEqual("cmp sp, x16", f[check + 2], Show(f));
        StringAssert.StartsWith(f[check + 3], "b.cc", Show(f));   // objdump spells LO as its alias CC
        CollectionAssert.Contains(f, "bl 0 <sox_stack_overflow>", Show(f));
    }

    [TestMethod]
    [DataRow("frame16")]
    [DataRow("frame5000")]
    [DataRow("frame70000")]
    [DataRow("imm")]
    [DataRow("bigspill")]
    public void EveryReturnRestoresTheFrame(string name)
    {
        var f = Function(name);
        var returns = Enumerable.Range(0, f.Count).Where(i => f[i] == "ret").ToList();
        Assert.IsNotEmpty(returns, Show(f));
        if (name == "imm") Assert.HasCount(2, returns, Show(f));
        foreach (var r in returns)
        {
            Assert.AreEqual("ldp x29, x30, [sp], #16", f[r - 1], Show(f));
            Assert.AreEqual("mov sp, x29", f[r - 2], Show(f));
        }
    }

    [TestMethod]
    public void SmallFramesSubtractAnImm12()
    {
        var f = Function("frame16");
        Assert.MatchesRegex(@"^sub sp, sp, #0x[0-9a-f]{1,3}$", f[2], Show(f));
        Assert.IsFalse(f.Any(i => i.Contains("x15", StringComparison.Ordinal)), Show(f));
    }

    [TestMethod]
    [DataRow("frame5000")]
    [DataRow("frame70000")]
    [DataRow("bigspill")]
    public void LargeFramesMaterialiseTheSizeInX16(string name)
    {
        var f = Function(name);
        // mov x16, #size (one or more MOVZ/MOVK), then SUB (extended register), which can name SP.
        var sub = f.IndexOf("sub sp, sp, x16");
        Assert.IsGreaterThan(2, sub, Show(f));
        Assert.IsTrue(f.Skip(2).Take(sub - 2).All(i => i.StartsWith("mov x16,", StringComparison.Ordinal) || i.StartsWith("movk x16,", StringComparison.Ordinal)), Show(f));
        var size = BodySize(f.Skip(2).Take(sub - 2));
        var slots = name == "bigspill" ? 140000 : int.Parse(name["frame".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsGreaterThanOrEqualTo(slots, size, Show(f));
        Assert.AreEqual(0, size % 16, "SP stays 16-byte aligned");
    }

    [TestMethod]
    public void AddressesBeyondEveryImmediateGoThroughX15()
    {
        var f = Function("bigspill");
        Assert.IsTrue(f.Any(i => i.StartsWith("add x", StringComparison.Ordinal) && i.EndsWith(", sp, x15", StringComparison.Ordinal)), Show(f));
        var n = Function("narrow");
        Assert.IsTrue(n.Any(i => Regex.IsMatch(i, @"^str x\d+, \[x\d+, x15\]$")), Show(n));
    }

    [TestMethod]
    public void CalleeSavedRegistersAreSavedInPairsBelowTheFrameRecord()
    {
        var f = Function("pressure");
        var pairs = f.Where(i => Regex.IsMatch(i, @"^stp x(19|2\d), x(19|2\d), \[x29, #-\d+\]$")).ToList();
        Assert.IsGreaterThanOrEqualTo(2, pairs.Count, Show(f));
        var restores = f.Where(i => Regex.IsMatch(i, @"^ldp x(19|2\d), x(19|2\d), \[x29, #-\d+\]$")).ToList();
        Assert.HasCount(pairs.Count, restores, Show(f));
        var floats = Function("fpressure");
        Assert.IsTrue(floats.Any(i => Regex.IsMatch(i, @"^stp d(8|9|1[0-5]), d(8|9|1[0-5]), \[x29, #-\d+\]$")), Show(floats));
    }

    private static int BodySize(IEnumerable<string> moves)
    {
        long value = 0;
        foreach (var m in moves)
        {
            var match = Regex.Match(m, @"#0x([0-9a-f]+)(?:, lsl #(\d+))?|#(\d+)(?:, lsl #(\d+))?");
            var hex = match.Groups[1].Success;
            var imm = hex ? Convert.ToInt64(match.Groups[1].Value, 16) : long.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            var shiftGroup = hex ? match.Groups[2] : match.Groups[4];
            var shift = shiftGroup.Success ? int.Parse(shiftGroup.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            value = m.StartsWith("movk", StringComparison.Ordinal) ? (value & ~(0xFFFFL << shift)) | (imm << shift) : imm << shift;
        }
        return (int)value;
    }
}
