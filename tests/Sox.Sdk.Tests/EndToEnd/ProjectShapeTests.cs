using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>Output types, and project paths that need quoting.</summary>
[TestClass]
public sealed class ProjectShapeTests
{
    [TestMethod]
    public void PathWithSpacesAndNonAsciiLetters_BuildsAndRuns()
    {
        var project = TestProject.Create("dossier à l'été ünïcødé", "Ünïcødé App", """
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
            </Project>
            """,
            ("main.sox", "import m \"sous dossier/modülé\"\nprint m.value()\n"),
            ("sous dossier/modülé.sox", "fn value() { return \"ça marche\" }\nreturn {\"value\": value}\n"));
        var build = project.Build().ShouldSucceed();
        CollectionAssert.AreEquivalent(new[] { "main.sox", "sous dossier/modülé.sox" }, build.CompiledFiles.Select(f => f.Replace("\\ ", " ")).ToArray(), build.Output);
        var run = TestProject.Run(project.PathOf("bin/Debug/linux-x64/Ünïcødé App"), [], project.Directory).ShouldSucceed();
        Assert.AreEqual("ça marche\n", run.Output);
        Assert.AreEqual(0, project.Build().ShouldSucceed().CompiledFiles.Count, "incremental with such paths too");
    }

    [TestMethod]
    public void Library_IsAStaticArchive_AndSharedLibraryASharedObject()
    {
        var project = TestProject.FromSample("library", "library", "library.soxproj");
        var build = project.Build().ShouldSucceed();
        var archive = project.PathOf("bin/Debug/linux-x64/liblibrary.a");
        // Written by the compiler's own archive writer: no ar or llvm-ar is needed for ELF (issue 12).
        StringAssert.Contains(build.Output, "Archived ");
        StringAssert.StartsWith(File.ReadAllText(project.PathOf("obj/Debug/linux-x64/link.rsp")), "rcs\n");
        Assert.IsTrue(File.Exists(archive));
        if (TestProject.OnPath("ar"))
        {
            var members = TestProject.Run("ar", ["t", archive], project.Directory).ShouldSucceed().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            CollectionAssert.IsSubsetOf(new[] { "api.o", "shapes.o", "sox_gc.o", "sox_main.o" }, members);
        }

        project.Build("-p:OutputType=SharedLibrary").ShouldSucceed();
        var shared = project.PathOf("bin/Debug/linux-x64/liblibrary.so");
        Assert.IsTrue(File.Exists(shared));
        var header = File.ReadAllBytes(shared)[..18];
        CollectionAssert.AreEqual(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, header[..4]);
        Assert.AreEqual(3, header[16], "e_type ET_DYN");
    }
}
