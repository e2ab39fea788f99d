using System.Text.RegularExpressions;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.Debugging;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// The CodeView of <c>sox build -g</c> win-x64 objects, decoded by llvm-readobj <c>--codeview</c> without a warning:
/// <c>S_OBJNAME</c>, <c>S_COMPILE3</c> (C, x64, <c>sox</c>), one procedure per function named as the user wrote it with
/// its <c>LF_FUNC_ID</c>, <c>S_FRAMEPROC</c> and end record, a line table per function mapping to the module's
/// <c>.sox</c> file and lines, the <c>SoxValue</c> struct and its <c>S_UDT</c>, the type records of the signatures;
/// every relocation of <c>.debug$S</c> a SECREL/SECTION pair against a function.
/// </summary>
[TestClass]
public sealed class CodeViewObjectTests
{
    [TestMethod]
    [DataRow(OptimizationLevel.O0)]
    [DataRow(OptimizationLevel.O2)]
    public void LlvmReadobjDecodesTheCodeView(OptimizationLevel level)
    {
        var readobj = DebugProgram.RequireTool("llvm-readobj-19", "llvm-readobj");
        using var project = new TempProject();
        var objects = CodeViewProgram.CompileObjects(project, level);
        var main = objects.Single(o => Path.GetFileName(o) == "main.obj");
        var mathlib = objects.Single(o => Path.GetFileName(o) == "mathlib.obj");

        var view = ExternalTool.RunClean(readobj, project.Root, "--codeview", main);
        StringAssert.Contains(view, "Kind: S_OBJNAME (0x1101)");
        StringAssert.Contains(view, "Language: C (0x0)");
        StringAssert.Contains(view, "Machine: X64 (0xD0)");
        StringAssert.Contains(view, "VersionName: sox");
        // The global <script> (the module's init, called by the program) and the module's own functions (local).
        foreach (var (name, kind) in new[] { ("add", "S_LPROC32_ID"), ("twice", "S_LPROC32_ID"), ("Point.init", "S_LPROC32_ID"), ("<fn at line 17>", "S_LPROC32_ID"), ("<script>", "S_GPROC32_ID") })
        {
            StringAssert.Matches(view, new Regex($@"Kind: {kind} \(0x114[67]\)(?:\n[^\n]*){{6}}\n\s+FunctionType: {Regex.Escape(name)} \(0x1[0-9A-F]{{3}}\)(?:\n[^\n]*){{5}}\n\s+DisplayName: {Regex.Escape(name)}\n"), name);
            StringAssert.Matches(view, new Regex($@"FuncId \(0x1[0-9A-F]{{3}}\) \{{\n\s+TypeLeafKind: LF_FUNC_ID \(0x1601\)\n\s+ParentScope: 0x0\n\s+FunctionType: SoxValue \([^\n]*\) \(0x1[0-9A-F]{{3}}\)\n\s+Name: {Regex.Escape(name)}\n"), name);
        }
        Assert.AreEqual(5, Regex.Matches(view, "Kind: S_FRAMEPROC").Count, view);
        Assert.AreEqual(5, Regex.Matches(view, "Kind: S_PROC_ID_END").Count, view);
        StringAssert.Contains(view, "LocalFramePtrReg: RBP");
        StringAssert.Matches(view, new Regex(@"TypeLeafKind: LF_STRUCTURE \(0x1505\)\n\s+MemberCount: 1\n(?:[^\n]*\n){5}\s+SizeOf: 8\n\s+Name: SoxValue"));
        StringAssert.Matches(view, new Regex(@"Kind: S_UDT \(0x1108\)\n\s+Type: SoxValue \(0x1[0-9A-F]{3}\)\n\s+UDTName: SoxValue"));
        StringAssert.Matches(view, new Regex(@"TypeLeafKind: LF_PROCEDURE \(0x1008\)\n\s+ReturnType: SoxValue"));
        StringAssert.Contains(view, "TypeLeafKind: LF_ARGLIST (0x1201)");
        StringAssert.Matches(view, new Regex(@"Filename: \S*main\.sox \(0x1\)\n\s+ChecksumSize: 0x10\n\s+ChecksumKind: MD5"));

        // add's line table: main.sox lines 3 and 4 (DebugProgram), each a statement.
        var add = Regex.Match(view, @"FunctionLineTable \[\n\s+LinkageName: sox_fn_main_\d+_add\n(.*?)\n  \]", RegexOptions.Singleline);
        Assert.IsTrue(add.Success, view);
        StringAssert.Matches(add.Groups[1].Value, new Regex(@"Filename: \S*main\.sox"));
        foreach (var line in new[] { 3, 4 }) StringAssert.Contains(add.Groups[1].Value, $"LineNumberStart: {line}\n", $"line {line}");
        Assert.DoesNotContain("IsStatement: No", add.Groups[1].Value);

        // add's variables (the format-neutral model DWARF also writes): parameters a and b, local s, each an S_LOCAL of
        // type SoxValue followed by where it lives (at -O0 for the whole function).
        var addProcedure = Regex.Match(view, @"DisplayName: add\n(.*?)Kind: S_PROC_ID_END", RegexOptions.Singleline).Groups[1].Value;
        foreach (var (name, parameter) in new[] { ("a", true), ("b", true), ("s", false) })
        {
            var local = Regex.Match(addProcedure, $@"Kind: S_LOCAL \(0x113E\)\n\s+Type: SoxValue \(0x1[0-9A-F]{{3}}\)\n\s+Flags \[ \((0x[0-9A-F]+)\)\n(?:(?![^\n]*Kind:)[^\n]*\n)*?\s+VarName: {name}\n\s+\}}\n\s+(\w+) \{{\n\s+Kind: (S_DEFRANGE_\w+)");
            Assert.IsTrue(local.Success, $"{name} in\n{addProcedure}");
            Assert.AreEqual(parameter, (Convert.ToInt32(local.Groups[1].Value, 16) & 1) == 1, name);
            if (level == OptimizationLevel.O0) CollectionAssert.Contains(new[] { "S_DEFRANGE_REGISTER", "S_DEFRANGE_FRAMEPOINTER_REL" }, local.Groups[3].Value, name);
        }

        var other = ExternalTool.RunClean(readobj, project.Root, "--codeview", mathlib);
        StringAssert.Contains(other, "DisplayName: square");
        StringAssert.Matches(other, new Regex(@"Filename: \S*mathlib\.sox"));

        // .debug$S relocates code addresses only: SECREL + SECTION pairs against functions.
        var relocations = ExternalTool.RunClean(readobj, project.Root, "-r", main);
        var debugS = Regex.Match(relocations, @"Section \(\d+\) \.debug\$S \{\n(.*?)\n\s*\}", RegexOptions.Singleline);
        Assert.IsTrue(debugS.Success, relocations);
        var entries = debugS.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.AreEqual(0, entries.Length % 2, relocations);
        for (int i = 0; i < entries.Length; i += 2)
        {
            var secrel = Regex.Match(entries[i], @"^0x([0-9A-F]+) IMAGE_REL_AMD64_SECREL (sox_\w+) ");
            var section = Regex.Match(entries[i + 1], @"^0x([0-9A-F]+) IMAGE_REL_AMD64_SECTION (sox_\w+) ");
            Assert.IsTrue(secrel.Success && section.Success, $"{entries[i]} / {entries[i + 1]}");
            Assert.AreEqual(secrel.Groups[2].Value, section.Groups[2].Value);
            Assert.AreEqual(Convert.ToInt32(secrel.Groups[1].Value, 16) + 4, Convert.ToInt32(section.Groups[1].Value, 16));
        }
        // Each of the 5 procedures and each function's line table (the invoke thunks have lines too) has one pair.
        Assert.IsGreaterThanOrEqualTo(2 * 5 * 2, entries.Length, relocations);
    }

    /// <summary><c>--emit obj</c> merges a program's modules into one object; CodeView cannot be concatenated, so the
    /// merged object leaves it out rather than carry corrupt sections (each module's own object keeps it).</summary>
    [TestMethod]
    public void MergingModulesLeavesCodeViewOut()
    {
        using var project = new TempProject();
        var main = project.Write("main.sox", DebugProgram.Main + "\n");
        project.Write("mathlib.sox", DebugProgram.MathLib + "\n");
        var graph = FrontEnd.Check(main).Graph!;
        var objects = graph.Modules.Select(m => LargeStack.Run("codeview-merge-test", () => ModuleCompiler.CompileModule(m, m == graph.Entry,
            new ModuleCompileOptions(CodeViewProgram.Win, OptimizationLevel.O0) { Debug = true }, new DiagnosticBag())!.Object!)).ToList();
        Assert.HasCount(2, objects);
        foreach (var obj in objects) Assert.IsTrue(obj.Sections.Any(s => s.Name == ".debug$S") && obj.Sections.Any(s => s.Name == ".debug$T"));
        var merged = ObjectFileMerger.Merge(objects);
        Assert.IsFalse(merged.Sections.Any(s => s.Name.StartsWith(".debug$", StringComparison.Ordinal)));
        Assert.IsTrue(merged.Sections.Any(s => s.Kind == ObjectSectionKind.Text));
    }
}
