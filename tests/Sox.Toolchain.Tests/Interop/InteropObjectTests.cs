using Sox.Compiler.Driver;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Interop;

/// <summary>
/// The relocations and symbols §9 puts in an object (docs/calling-conventions.md "Relocations"), read back with
/// readelf: a call to a C function with a fixed signature is a PLT-style branch (R_X86_64_PLT32 /
/// R_AARCH64_CALL26), the variadic descriptor holds the C function's absolute address in .data.rel.ro
/// (R_X86_64_64 / R_AARCH64_ABS64), and an export is a global function symbol under its own name.
/// </summary>
[TestClass]
public sealed class InteropObjectTests
{
    private const string Program = """
        extern fn puts(s: cstring): int
        extern fn printf(fmt: cstring, ...): int
        export fn twice(x: int): int { return x * 2 }
        puts("x")
        printf("%g\n", 1)
        """;

    [TestMethod]
    [DataRow("linux-x64", "R_X86_64_PLT32", "R_X86_64_64")]
    [DataRow("linux-arm64", "R_AARCH64_CALL26", "R_AARCH64_ABS64")]
    public void CallsDescriptorsAndExportsHaveTheirRelocationsAndSymbols(string target, string call, string absolute)
    {
        var readelf = ExternalTool.Require("readelf");
        using var dir = new TempDirectory();
        var source = dir.File("interop.sox");
        File.WriteAllText(source, Program);
        var obj = dir.File("interop.o");
        var result = NativeCompiler.Build(new BuildOptions { EntryPath = source, OutputPath = obj, Target = target, Emit = EmitKind.Obj });
        if (!result.Success && result.Diagnostics.Any(d => d.Code is "SOX5007" or "SOX5003")) Assert.Inconclusive($"needs a C compiler for {target}");
        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));

        var relocations = ExternalTool.RunClean(readelf, dir.Path, "-rW", obj);
        var sections = relocations.Split("Relocation section '").Skip(1)
            .ToDictionary(s => s[..s.IndexOf('\'')], s => s);
        StringAssert.Matches(sections[".rela.text"], new System.Text.RegularExpressions.Regex($@"\b{call}\s+0+ puts\b"), "the call to puts");
        StringAssert.Matches(sections[".rela.data.rel.ro"], new System.Text.RegularExpressions.Regex($@"\b{absolute}\s+0+ printf \+ 0"), "printf's descriptor");
        Assert.DoesNotContain("printf", sections[".rela.text"], "a variadic function is reached through its descriptor on Linux, not called directly");

        var symbols = ExternalTool.RunClean(readelf, dir.Path, "-sW", obj);
        StringAssert.Matches(symbols, new System.Text.RegularExpressions.Regex(@"FUNC\s+GLOBAL\s+DEFAULT\s+\d+ twice$", System.Text.RegularExpressions.RegexOptions.Multiline), "the export");
        StringAssert.Matches(symbols, new System.Text.RegularExpressions.Regex(@"NOTYPE\s+GLOBAL\s+DEFAULT\s+UND puts$", System.Text.RegularExpressions.RegexOptions.Multiline), "puts undefined");
    }
}
