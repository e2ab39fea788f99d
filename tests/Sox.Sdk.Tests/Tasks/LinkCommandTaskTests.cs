using Microsoft.Build.Utilities;
using Sox.Build.Tasks;
using Sox.Compiler.Driver;

namespace Sox.Sdk.Tests.Tasks;

/// <summary><c>SoxWriteLinkCommand</c>: the SDK's link.rsp is the command of the compiler's <see cref="LinkCommand"/>.</summary>
[TestClass]
public sealed class LinkCommandTaskTests
{
    [TestMethod]
    [DataRow("Exe", "linux-x64")]
    [DataRow("SharedLibrary", "linux-arm64")]
    [DataRow("SharedLibrary", "osx-arm64")]
    [DataRow("Library", "osx-x64")]
    public void WritesTheCompilersLinkCommand_AndRewritesOnlyWhenItChanges(string outputType, string rid)
    {
        var dir = Directory.CreateTempSubdirectory("sox-link").FullName;
        try
        {
            var rsp = Path.Combine(dir, "link.rsp");
            string P(string name) => Path.Combine(dir, name);
            SoxWriteLinkCommand Task() => new()
            {
                BuildEngine = new NullBuildEngine(),
                RuntimeIdentifier = rid,
                OutputType = outputType,
                OutputPath = P("out/app"),
                ResponseFile = rsp,
                CCompiler = "/usr/bin/clang",
                TargetArguments = ["--target=x"],
                Archiver = "/usr/bin/llvm-ar",
                ProgramObjects = [new TaskItem(P("sox/main.o"))],
                NativeObjects = [new TaskItem(P("native/a b.o"))],
                RuntimeObjects = [new TaskItem(P("soxrt/sox_entry.o")), new TaskItem(P("soxrt/sox_gc.o"))],
                NativeLibraries = [new TaskItem("m"), new TaskItem(P("third/libz.a"))],
                ExternLibraries = ["sqlite3", "m"],
                LinkerArguments = ["-L/opt"],
            };

            var first = Task();
            Assert.IsTrue(first.Execute());
            Assert.IsTrue(first.Changed);
            var kind = outputType switch { "Exe" => LinkOutputKind.Executable, "SharedLibrary" => LinkOutputKind.SharedLibrary, _ => LinkOutputKind.StaticLibrary };
            var expected = LinkCommand.For(TargetPlatform.Find(rid)!, new LinkToolchain("/usr/bin/clang", ["--target=x"], "/usr/bin/llvm-ar"), new LinkInputs
            {
                OutputPath = P("out/app"),
                Kind = kind,
                ProgramObjects = [P("sox/main.o")],
                NativeObjects = [P("native/a b.o")],
                Runtime = [P("soxrt/sox_entry.o"), P("soxrt/sox_gc.o")],
                Libraries = [LinkLibrary.Named("m"), new LinkLibrary(P("third/libz.a"), true), LinkLibrary.Named("sqlite3"), LinkLibrary.Named("m")],
                ExtraArguments = ["-L/opt"],
            });
            Assert.AreEqual(expected.Tool, first.Tool);
            Assert.AreEqual(ResponseFile.Format(expected.Arguments), File.ReadAllText(rsp));

            var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(rsp, stamp);
            var again = Task();
            Assert.IsTrue(again.Execute());
            Assert.IsFalse(again.Changed);
            Assert.AreEqual(stamp, File.GetLastWriteTimeUtc(rsp), "an unchanged command leaves link.rsp alone, so nothing relinks");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
