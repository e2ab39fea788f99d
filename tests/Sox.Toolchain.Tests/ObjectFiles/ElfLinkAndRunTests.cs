using System.Runtime.InteropServices;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Elf;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// Links <see cref="SampleObjects.Program"/> with the system toolchains (PIE by default) and runs it: it must
/// print through puts (PLT32 / CALL26), read .rodata, .data, .data.rel.ro and .bss through every relocation kind
/// of its machine, call a local function through a section-symbol relocation, and exit with 42.
/// </summary>
[TestClass]
public sealed class ElfLinkAndRunTests
{
    private const string ExpectedOutput = "hello from sox\n";
    private const int ExpectedExitCode = 17 + 17 + 5 + 3;
    private const string Arm64Sysroot = "/usr/aarch64-linux-gnu";

    [TestMethod]
    public void X64ProgramLinkedWithGccRuns()
    {
        RequireX64LinuxHost();
        string gcc = ExternalTool.Require("gcc");
        using var dir = new TempDirectory();
        string program = Link(dir, ObjectMachine.X64, gcc);
        AssertRuns(ExternalTool.Run(program, dir.Path));
        AssertStackIsNotExecutable(dir, program);
    }

    [TestMethod]
    public void X64ProgramLinkedWithClangAndLldRuns()
    {
        RequireX64LinuxHost();
        string clang = ExternalTool.Require("clang");
        ExternalTool.Require("ld.lld");
        using var dir = new TempDirectory();
        string program = Link(dir, ObjectMachine.X64, clang, "-fuse-ld=lld");
        AssertRuns(ExternalTool.Run(program, dir.Path));
        AssertStackIsNotExecutable(dir, program);
    }

    [TestMethod]
    public void Arm64ProgramLinkedWithCrossGccRunsUnderQemu()
    {
        string gcc = ExternalTool.Require("aarch64-linux-gnu-gcc");
        string qemu = ExternalTool.Require("qemu-aarch64");
        RequireArm64Sysroot();
        using var dir = new TempDirectory();
        string program = Link(dir, ObjectMachine.Arm64, gcc);
        AssertRuns(ExternalTool.Run(qemu, dir.Path, "-L", Arm64Sysroot, program));
        AssertStackIsNotExecutable(dir, program);
    }

    [TestMethod]
    public void Arm64ProgramLinkedWithClangAndLldRunsUnderQemu()
    {
        string clang = ExternalTool.Require("clang");
        ExternalTool.Require("ld.lld");
        ExternalTool.Require("aarch64-linux-gnu-gcc");   // clang borrows the cross gcc's crt files and libgcc
        string qemu = ExternalTool.Require("qemu-aarch64");
        RequireArm64Sysroot();
        using var dir = new TempDirectory();
        string program = Link(dir, ObjectMachine.Arm64, clang, "--target=aarch64-linux-gnu", "-fuse-ld=lld");
        AssertRuns(ExternalTool.Run(qemu, dir.Path, "-L", Arm64Sysroot, program));
    }

    private static string Link(TempDirectory dir, ObjectMachine machine, string driver, params string[] options)
    {
        var writer = new ElfObjectWriter();
        string obj = dir.File("program" + writer.FileExtension), program = dir.File("program");
        File.WriteAllBytes(obj, writer.Write(SampleObjects.Program(machine)));
        // RunClean: the link must not warn (a missing .note.GNU-stack draws "implies executable stack").
        ExternalTool.RunClean(driver, dir.Path, [.. options, "-o", program, obj]);
        return program;
    }

    private static void AssertRuns(ToolResult run)
    {
        Assert.AreEqual(ExpectedOutput, run.StandardOutput, run.StandardError);
        Assert.AreEqual(ExpectedExitCode, run.ExitCode, run.StandardError);
    }

    private static void AssertStackIsNotExecutable(TempDirectory dir, string program)
    {
        if (ExternalTool.Find("readelf") is not { } readelf) return;   // the run above is the main check
        var stack = ExternalTool.RunClean(readelf, dir.Path, "-lW", program).Split('\n').Single(l => l.TrimStart().StartsWith("GNU_STACK", StringComparison.Ordinal));
        StringAssert.Matches(stack, new System.Text.RegularExpressions.Regex(@"\sRW\s"), stack);
    }

    private static void RequireX64LinuxHost()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
            Assert.Inconclusive("needs an x86-64 Linux host");
    }

    private static void RequireArm64Sysroot()
    {
        if (!Directory.Exists(Path.Combine(Arm64Sysroot, "lib")))
            Assert.Inconclusive($"needs libc6-dev-arm64-cross ({Arm64Sysroot})");
    }
}
