using System.Text;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// issue 12: a project's objects carry DWARF in Debug and Release, as .NET projects carry symbols, unless
/// <c>DebugType=none</c> or <c>DebugSymbols=false</c>; switching recompiles; gdb stops at a source line of the
/// program the SDK built.
/// </summary>
[TestClass]
public sealed class DebugSymbolsTests
{
    [TestMethod]
    public void DebugInformation_IsOnByDefault_OffWithDebugTypeNone_AndGdbBreaksAtASourceLine()
    {
        var project = TestProject.FromSample("debug-symbols", "hello", "hello.soxproj");
        project.Build().ShouldSucceed();
        var obj = project.PathOf("obj/Debug/linux-x64/sox/hello.o");
        Assert.IsTrue(HasSection(obj, ".debug_line") && HasSection(obj, ".debug_info"), "Debug objects carry DWARF");

        var off = project.Build("-p:DebugType=none").ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "hello.sox" }, off.CompiledFiles.ToArray(), "a change of DebugType recompiles:\n" + off.Output);
        Assert.IsFalse(HasSection(obj, ".debug_info"), "DebugType=none: no DWARF");

        project.Build("-c", "Release").ShouldSucceed();
        Assert.IsTrue(HasSection(project.PathOf("obj/Release/linux-x64/sox/hello.o"), ".debug_info"), "Release objects carry DWARF too");

        if (!TestProject.OnPath("gdb")) Assert.Inconclusive("needs gdb (Debian package gdb) for the breakpoint check");
        project.Build().ShouldSucceed();
        var line = File.ReadAllLines(project.PathOf("hello.sox")).ToList().FindIndex(l => l.Contains("return fib(n - 1)", StringComparison.Ordinal)) + 1;
        var gdb = TestProject.Run("gdb", ["-batch", "-nx", "-ex", $"break hello.sox:{line}", "-ex", "run", "-ex", "bt", project.PathOf("bin/Debug/linux-x64/hello")], project.Directory);
        StringAssert.Contains(gdb.Output, $"hello.sox:{line}", gdb.Output);
        StringAssert.Contains(gdb.Output, " fib (", gdb.Output);
    }

    /// <summary>The section name is in the object's section-name string table exactly when the section exists
    /// (every name there is a section's).</summary>
    private static bool HasSection(string objectFile, string name) =>
        Encoding.ASCII.GetString(File.ReadAllBytes(objectFile)).Contains(name + "\0", StringComparison.Ordinal);
}
