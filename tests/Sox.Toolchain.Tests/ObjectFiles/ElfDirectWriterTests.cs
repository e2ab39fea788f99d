using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Elf;
using Sox.Compiler.Passes;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// The direct ELF writer (<c>ElfFileWriter</c>) against LibObjectFile's model of the same object, which wrote every
/// object before it: the bytes must be identical (layout, symbol and string order, relocations against section
/// symbols), for every section kind, .bss included, on both machines. The objects of real programs are compared the
/// same way by <see cref="ProgramObjectsMatchTheModel"/>.
/// </summary>
[TestClass]
public sealed class ElfDirectWriterTests
{
    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void EverySectionKindIsWrittenAsTheModelWritesIt(ObjectMachine machine)
    {
        var obj = SampleObjects.AllKinds(machine);
        CollectionAssert.AreEqual(ElfObjectWriter.WriteThroughModel(obj), new ElfObjectWriter().Write(obj));
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void TheSampleProgramIsWrittenAsTheModelWritesIt(ObjectMachine machine)
    {
        var obj = SampleObjects.Program(machine);
        CollectionAssert.AreEqual(ElfObjectWriter.WriteThroughModel(obj), new ElfObjectWriter().Write(obj));
    }

    [TestMethod]
    public void AnObjectWithoutSourceNameOrSymbolsIsWrittenAsTheModelWritesIt()
    {
        var obj = new ObjectFile(ObjectMachine.X64);
        obj.GetOrAddSection(ObjectSectionKind.Text).Append([0xc3]);
        obj.AddCustomSection(".empty", ObjectSectionFlags.None, 16);
        obj.GetOrAddSection(ObjectSectionKind.Bss).Reserve(24, 32);
        CollectionAssert.AreEqual(ElfObjectWriter.WriteThroughModel(obj), new ElfObjectWriter().Write(obj));
    }

    [TestMethod]
    public void ProgramObjectsMatchTheModel()
    {
        // A compiled module with code, data, relocations against locals and globals, and debug sections (-g).
        var source = string.Join("\n",
            "class A { init(x) { this.x = x } get() { return this.x } }",
            "fn f(n) { var s = 0  for var i = 0; i < n; i = i + 1 { s = s + A(i).get() }  return s }",
            "print f(10)",
            "print \"done \" + str(1.5)");
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "program.sox");
        File.WriteAllText(path, source);
        var graph = FrontEnd.Check(path).Graph ?? throw new InvalidOperationException("the program does not compile");
        foreach (var target in new[] { "linux-x64", "linux-arm64" })
        {
            var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
            foreach (var level in new[] { OptimizationLevel.O0, OptimizationLevel.O2 })
            {
                foreach (var debug in new[] { false, true })
                {
                    var obj = LargeStack.Run("elf-direct-test", () => ModuleCompiler.CompileModule(graph.Entry, true,
                        new ModuleCompileOptions(platform, level) { Debug = debug }, new DiagnosticBag())?.Object) ?? throw new InvalidOperationException("no object");
                    CollectionAssert.AreEqual(ElfObjectWriter.WriteThroughModel(obj), new ElfObjectWriter().Write(obj), $"{target} {level} -g {debug}");
                }
            }
        }
    }
}
