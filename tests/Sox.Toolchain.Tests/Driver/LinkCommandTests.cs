using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Driver;

/// <summary>
/// The link command of every target and output kind, as data: <see cref="LinkCommand.For"/> runs nothing, so these
/// check the exact argument list that <c>sox build</c> runs and the SDK writes to <c>link.rsp</c>.
/// </summary>
[TestClass]
public sealed class LinkCommandTests
{
    private static readonly LinkInputs Program = new()
    {
        OutputPath = "/out/app",
        ProgramObjects = ["/obj/lib_math.o", "/obj/main.o"],
        NativeObjects = ["/obj/native/helper.o"],
        Runtime = ["/rt/sox_entry.o", "/rt/sox_gc.o"],
        Libraries = [LinkLibrary.Parse("m"), LinkLibrary.Parse("third_party/libz.a"), LinkLibrary.Named("sqlite3"), LinkLibrary.Named("m")],
        ExtraArguments = ["-L/opt/lib"],
    };

    private static TargetPlatform Target(string rid) => TargetPlatform.Find(rid) ?? throw new AssertFailedException(rid);

    [TestMethod]
    public void Executable_TargetArgumentsOutputObjectsRuntimeLibrariesEachOnceAtTheirLastPlaceThenExtras()
    {
        var command = LinkCommand.For(Target("linux-x64"), new LinkToolchain("/usr/bin/gcc", []), Program);
        Assert.AreEqual("/usr/bin/gcc", command.Tool);
        CollectionAssert.AreEqual(new[]
        {
            "-o", "/out/app", "/obj/lib_math.o", "/obj/main.o", "/obj/native/helper.o", "/rt/sox_entry.o", "/rt/sox_gc.o",
            "third_party/libz.a", "-lsqlite3", "-lm", "-lpthread", "-L/opt/lib",
        }, command.Arguments.ToArray());
    }

    [TestMethod]
    public void CrossClang_PutsItsTargetArgumentsFirst()
    {
        var command = LinkCommand.For(Target("linux-arm64"), new LinkToolchain("/usr/bin/clang", ["--target=aarch64-linux-gnu", "-fuse-ld=lld"]), Program);
        CollectionAssert.AreEqual(new[] { "--target=aarch64-linux-gnu", "-fuse-ld=lld", "-o", "/out/app" }, command.Arguments.Take(4).ToArray());
    }

    [TestMethod]
    [DataRow("linux-x64")]
    [DataRow("linux-arm64")]
    public void ElfSharedLibrary_IsSymbolicAndLeavesOutTheRuntimeMain(string rid)
    {
        var command = LinkCommand.For(Target(rid), new LinkToolchain("cc", []), Program with { OutputPath = "/out/libapp.so", Kind = LinkOutputKind.SharedLibrary });
        CollectionAssert.AreEqual(new[] { "-shared", "-fPIC", "-Wl,-Bsymbolic", "-o", "/out/libapp.so" }, command.Arguments.Take(5).ToArray());
        CollectionAssert.DoesNotContain(command.Arguments.ToArray(), "/rt/sox_entry.o");
        CollectionAssert.Contains(command.Arguments.ToArray(), "/rt/sox_gc.o");
    }

    [TestMethod]
    [DataRow("linux-x64", "-Wl,--version-script,/obj/exports.list")]
    [DataRow("linux-arm64", "-Wl,--version-script,/obj/exports.list")]
    [DataRow("osx-arm64", "-Wl,-exported_symbols_list,/obj/exports.list")]
    public void SharedLibrary_ExportsWhatItsExportListNames(string rid, string argument)
    {
        var shared = Program with { OutputPath = "/out/libapp.so", Kind = LinkOutputKind.SharedLibrary, ExportedSymbols = ["area"], ExportListPath = "/obj/exports.list" };
        CollectionAssert.Contains(LinkCommand.For(Target(rid), new LinkToolchain("cc", []), shared).Arguments.ToArray(), argument);
        Assert.IsFalse(LinkCommand.For(Target(rid), new LinkToolchain("cc", []), shared with { Kind = LinkOutputKind.Executable }).Arguments.Any(a => a.Contains("exports.list", StringComparison.Ordinal)), "an executable exports nothing anyway");
        Assert.IsFalse(LinkCommand.For(Target("win-x64"), new LinkToolchain("cc", []), shared).Arguments.Any(a => a.Contains("exports.list", StringComparison.Ordinal)), "a DLL exports its .drectve names");
    }

    [TestMethod]
    [DataRow("osx-arm64", "arm64-apple-macos11")]
    [DataRow("osx-x64", "x86_64-apple-macos11")]
    public void MacOSSharedLibrary_IsADylibNamedByRpathWithoutBsymbolic(string rid, string triple)
    {
        var toolchain = new LinkToolchain("/usr/bin/clang", [$"--target={triple}", "-fuse-ld=lld", "-isysroot", "/sdk"]);
        var command = LinkCommand.For(Target(rid), toolchain, Program with { OutputPath = "/out/libapp.dylib", Kind = LinkOutputKind.SharedLibrary });
        CollectionAssert.AreEqual(new[]
        {
            $"--target={triple}", "-fuse-ld=lld", "-isysroot", "/sdk", "-dynamiclib", "-Wl,-install_name,@rpath/libapp.dylib", "-o", "/out/libapp.dylib",
        }, command.Arguments.Take(8).ToArray());
        CollectionAssert.DoesNotContain(command.Arguments.ToArray(), "-Wl,-Bsymbolic");
        CollectionAssert.DoesNotContain(command.Arguments.ToArray(), "/rt/sox_entry.o");
    }

    [TestMethod]
    public void StaticLibrary_ArchivesEveryObjectWithoutLibrariesOrTargetArguments()
    {
        foreach (var target in TargetPlatform.All)
        {
            var command = LinkCommand.For(target, new LinkToolchain("clang", ["--target=x"], "/usr/bin/llvm-ar"), Program with { OutputPath = "/out/libapp.a", Kind = LinkOutputKind.StaticLibrary });
            Assert.AreEqual("/usr/bin/llvm-ar", command.Tool, target.RuntimeIdentifier);
            CollectionAssert.AreEqual(new[]
            {
                "rcs", "/out/libapp.a", "/obj/lib_math.o", "/obj/main.o", "/obj/native/helper.o", "/rt/sox_entry.o", "/rt/sox_gc.o",
            }, command.Arguments.ToArray(), target.RuntimeIdentifier);
        }
        // Without an archiver, every target's archive is the compiler's own (sox-ar, same arguments): GNU variant for
        // ELF and COFF, BSD for Mach-O.
        foreach (var target in TargetPlatform.All)
        {
            var builtIn = LinkCommand.For(target, new LinkToolchain("cc", []), Program with { Kind = LinkOutputKind.StaticLibrary });
            Assert.AreEqual(LinkCommand.BuiltInArchiver, builtIn.Tool, target.RuntimeIdentifier);
            Assert.AreEqual("rcs", builtIn.Arguments[0], target.RuntimeIdentifier);
        }
    }

    /// <summary>The built-in archiver writes what the command lists: the members, in order, with a symbol table a
    /// linker uses (llvm-nm --print-armap lists the index).</summary>
    [TestMethod]
    public void BuiltInArchiver_WritesTheArchiveTheCommandDescribes()
    {
        var nm = Sox.Toolchain.Tests.ObjectFiles.ExternalTool.Require("llvm-nm");
        using var dir = new Sox.Toolchain.Tests.ObjectFiles.TempDirectory();
        var target = Target("linux-x64");
        var obj = new Sox.Compiler.ObjectFiles.ObjectFile(Sox.Compiler.ObjectFiles.ObjectMachine.X64, "a.sox");
        var text = obj.GetOrAddSection(Sox.Compiler.ObjectFiles.ObjectSectionKind.Text);
        obj.DefineSymbol("sox_answer", text, text.Append([0xC3]), 1, Sox.Compiler.ObjectFiles.ObjectSymbolBinding.Global, Sox.Compiler.ObjectFiles.ObjectSymbolType.Function);
        File.WriteAllBytes(dir.File("a.o"), target.ObjectWriter.Write(obj));
        var command = LinkCommand.For(target, new LinkToolchain("cc", []), new LinkInputs { OutputPath = dir.File("libx.a"), Kind = LinkOutputKind.StaticLibrary, ProgramObjects = [dir.File("a.o")] });
        LinkCommand.RunBuiltInArchiver(target, command.Arguments);
        StringAssert.Contains(Sox.Toolchain.Tests.ObjectFiles.ExternalTool.RunClean(nm, dir.Path, "--print-armap", "libx.a"), "sox_answer in a.o");
    }

    [TestMethod]
    public void EveryTarget_LinksAnExecutableWithTheToolchainsArgumentsThenTheRuntimesLibrariesLast()
    {
        foreach (var target in TargetPlatform.All)
        {
            var command = LinkCommand.For(target, new LinkToolchain("cc", ["--target=t"]), Program with { ExtraArguments = [] });
            CollectionAssert.AreEqual(new[] { "--target=t", "-o", "/out/app" }, command.Arguments.Take(3).ToArray(), target.RuntimeIdentifier);
            CollectionAssert.AreEqual(RuntimeLibrary.LinkLibraries.Select(l => "-l" + l).ToArray(),
                command.Arguments.TakeLast(RuntimeLibrary.LinkLibraries.Length).ToArray(), target.RuntimeIdentifier);
        }
    }

    [TestMethod]
    public void Libraries_AreNamesUnlessAPathOrALibraryFile()
    {
        Assert.IsFalse(LinkLibrary.Parse("m").IsFile);
        Assert.IsFalse(LinkLibrary.Parse("sqlite3").IsFile);
        Assert.IsTrue(LinkLibrary.Parse("libz.a").IsFile);
        Assert.IsTrue(LinkLibrary.Parse("libfoo.so").IsFile);
        Assert.IsTrue(LinkLibrary.Parse("libfoo.dylib").IsFile);
        Assert.IsTrue(LinkLibrary.Parse("lib/foo").IsFile);
        CollectionAssert.AreEqual(new[] { "-lz", "/p/libq.a", "-lm" },
            LinkCommand.LibraryArguments([LinkLibrary.Named("m"), LinkLibrary.Named("z"), new LinkLibrary("/p/libq.a", true), LinkLibrary.Named("m")]).ToArray());
    }

    [TestMethod]
    public void ResponseFile_QuotesWhatGccWouldSplit()
    {
        Assert.AreEqual("-o\n\"/a b/app\"\n\"-Wl,-install_name,@rpath/libx.dylib\"\n\"say \\\"hi\\\"\\\\\"\n\"\"\n",
            ResponseFile.Format(["-o", "/a b/app", "-Wl,-install_name,@rpath/libx.dylib", "say \"hi\"\\", ""]));
    }
}
