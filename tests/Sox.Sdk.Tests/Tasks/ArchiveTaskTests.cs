using System.Text;
using Microsoft.Build.Utilities;
using Sox.Build.Tasks;
using Sox.Compiler.Driver;
using Sox.Compiler.ObjectFiles;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.Tasks;

/// <summary>
/// <c>OutputType=Library</c> without <c>SoxAr</c>: <c>SoxWriteLinkCommand</c> names the built-in archiver for every
/// target, osx-* included, and <c>SoxWriteArchive</c> writes the variant the target's linker reads — BSD
/// (<c>__.SYMDEF</c>, <c>#1/N</c> names) for Mach-O, GNU for ELF.
/// </summary>
[TestClass]
public sealed class ArchiveTaskTests
{
    [TestMethod]
    [DataRow("osx-arm64", ObjectMachine.Arm64, "_sox_answer", "__.SYMDEF")]
    [DataRow("osx-x64", ObjectMachine.X64, "_sox_answer", "__.SYMDEF")]
    [DataRow("linux-x64", ObjectMachine.X64, "sox_answer", "/               ")]
    public void LibraryIsArchivedInProcessInTheTargetsVariant(string rid, ObjectMachine machine, string symbol, string symbolTable)
    {
        if (!TestProject.OnPath("llvm-nm")) Assert.Inconclusive("needs llvm-nm");
        var dir = Directory.CreateTempSubdirectory("sox-archive").FullName;
        try
        {
            var target = TargetPlatform.Find(rid)!;
            var obj = new ObjectFile(machine, "a.sox");
            var text = obj.GetOrAddSection(ObjectSectionKind.Text);
            obj.DefineSymbol("sox_answer", text, text.Append([0xC3, 0, 0, 0]), 4, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
            string member = Path.Combine(dir, "a.o"), archive = Path.Combine(dir, "libapp.a");
            File.WriteAllBytes(member, target.ObjectWriter.Write(obj));

            var link = new SoxWriteLinkCommand
            {
                BuildEngine = new NullBuildEngine(),
                RuntimeIdentifier = rid,
                OutputType = "Library",
                OutputPath = archive,
                ResponseFile = Path.Combine(dir, "link.rsp"),
                CCompiler = "/usr/bin/clang",
                ProgramObjects = [new TaskItem(member)],
            };
            Assert.IsTrue(link.Execute(), "no archiver is needed");
            Assert.AreEqual(LinkCommand.BuiltInArchiver, link.Tool);

            var write = new SoxWriteArchive { BuildEngine = new NullBuildEngine(), RuntimeIdentifier = rid, OutputPath = archive, ProgramObjects = [new TaskItem(member)] };
            Assert.IsTrue(write.Execute());
            var bytes = File.ReadAllBytes(archive);
            var start = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 100));
            StringAssert.StartsWith(start, "!<arch>\n");
            StringAssert.Contains(start, symbolTable);
            var armap = TestProject.Run("llvm-nm", ["--print-armap", archive], dir).ShouldSucceed().Output;
            StringAssert.Contains(armap, symbol + " in a.o");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
