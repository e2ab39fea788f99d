using Sox.Build.Tasks;
using Sox.Build.Tasks.Internal;
using Sox.Compiler.Driver;

namespace Sox.Sdk.Tests.Tasks;

/// <summary>The pieces of Sox.Build.Tasks that decide rebuilds, tested in-process.</summary>
[TestClass]
public sealed class TaskPartsTests
{
    [TestMethod]
    public void DependencyFile_RoundTripsPathsWithSpaces()
    {
        var dir = Directory.CreateTempSubdirectory("sox-dep").FullName;
        try
        {
            var file = new DependencyFile("sox abc;linux-x64;O0;module;name:a_b;imports:", "/p/obj/a b.o", ["/p/a b.sox", "/p/c.sox"]);
            var path = Path.Combine(dir, "a b.d");
            file.Write(path);
            StringAssert.StartsWith(File.ReadAllText(path), "# key: sox abc;linux-x64;O0;module;name:a_b;imports:\n/p/obj/a\\ b.o: \\\n  /p/a\\ b.sox \\\n  /p/c.sox\n");
            var read = DependencyFile.Read(path);
            Assert.IsNotNull(read);
            Assert.AreEqual(file.Key, read.Key);
            Assert.AreEqual(file.Object, read.Object);
            CollectionAssert.AreEqual(file.Prerequisites.ToArray(), read.Prerequisites.ToArray());
            Assert.IsNull(DependencyFile.Read(Path.Combine(dir, "missing.d")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void MakeDependencies_ReadsTheRulesGccAndClangWrite()
    {
        var rule = "/p/obj/native/a\\ b.o: /p/a\\ b.c /p/inc/x.h \\\n  /usr/include/stdio.h \\\n /p/cost$$.h /p/hash\\#.h\n\n";
        CollectionAssert.AreEqual(new[] { "/p/a b.c", "/p/inc/x.h", "/usr/include/stdio.h", "/p/cost$.h", "/p/hash#.h" },
            MakeDependencies.ParsePrerequisites(rule)!.ToArray());
        CollectionAssert.AreEqual(new[] { "util.c" }, MakeDependencies.ParsePrerequisites("util.o : util.c\r\n")!.ToArray());
        Assert.IsNull(MakeDependencies.ParsePrerequisites("not a rule"));
    }

    [TestMethod]
    public void NativeTool_QuotesArgumentsAsProcessStartInfoSplitsThem()
    {
        // printf prints each argument on a line of its own: what the process received, split by the runtime.
        if (!File.Exists("/usr/bin/printf")) Assert.Inconclusive("/usr/bin/printf is missing");
        string[] arguments = ["-MD", "/p/a b.c", "say \"hi\"", "dir\\", "a\\\"b", "x\\y"];
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/printf")
        {
            Arguments = ProcessArguments.Join(new[] { "%s\n" }.Concat(arguments)),
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var printed = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        CollectionAssert.AreEqual(arguments, printed.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [TestMethod]
    public void WarningOptions_FollowCSharpRules()
    {
        var plain = new WarningOptions(false, "SOX3014; SOX6002", null, null);
        Assert.IsTrue(plain.IsSuppressed("SOX3014"));
        Assert.IsTrue(plain.IsSuppressed("sox6002"));
        Assert.IsFalse(plain.IsError("SOX3014"));

        var strict = new WarningOptions(true, null, null, "SOX6002");
        Assert.IsTrue(strict.IsError("SOX3014"));
        Assert.IsFalse(strict.IsError("SOX6002"), "WarningsNotAsErrors wins over TreatWarningsAsErrors");

        var one = new WarningOptions(false, null, "SOX6002,SOX1234", null);
        Assert.IsTrue(one.IsError("SOX1234"));
        Assert.IsFalse(one.IsError("SOX3014"));
    }

    [TestMethod]
    public void ResponseFile_IsRewrittenOnlyWhenItsArgumentsChange_AndQuotesAsGccReads()
    {
        var dir = Directory.CreateTempSubdirectory("sox-rsp").FullName;
        try
        {
            var path = Path.Combine(dir, "link.rsp");
            var first = new SoxWriteResponseFile { File = path, Arguments = ["-o", "/a b/app", "-lm", "say \"hi\"\\"], BuildEngine = new NullBuildEngine() };
            Assert.IsTrue(first.Execute());
            Assert.IsTrue(first.Changed);
            Assert.AreEqual("-o\n\"/a b/app\"\n-lm\n\"say \\\"hi\\\"\\\\\"\n", File.ReadAllText(path));
            var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, stamp);

            var same = new SoxWriteResponseFile { File = path, Arguments = ["-o", "/a b/app", "-lm", "say \"hi\"\\"], BuildEngine = new NullBuildEngine() };
            Assert.IsTrue(same.Execute());
            Assert.IsFalse(same.Changed);
            Assert.AreEqual(stamp, File.GetLastWriteTimeUtc(path), "unchanged arguments leave the timestamp alone");

            var changed = new SoxWriteResponseFile { File = path, Arguments = ["-o", "/a b/app"], BuildEngine = new NullBuildEngine() };
            Assert.IsTrue(changed.Execute());
            Assert.IsTrue(changed.Changed);
            Assert.AreNotEqual(stamp, File.GetLastWriteTimeUtc(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void EntryResolver_PrefersMainSox_ThenTheFileNobodyImports()
    {
        var dir = Directory.CreateTempSubdirectory("sox-entry").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "app.sox"), "import \"util\"\nprint util.x\n");
            File.WriteAllText(Path.Combine(dir, "util.sox"), "return {\"x\": 1}\n");
            var sources = new[] { Path.Combine(dir, "app.sox"), Path.Combine(dir, "util.sox") };
            Assert.AreEqual(sources[0], EntryResolver.Resolve(sources, dir, out _));

            File.WriteAllText(Path.Combine(dir, "other.sox"), "print 2\n");
            var three = sources.Append(Path.Combine(dir, "other.sox")).ToArray();
            Assert.IsNull(EntryResolver.Resolve(three, dir, out var problem));
            StringAssert.Contains(problem, "app.sox");
            StringAssert.Contains(problem, "other.sox");

            File.WriteAllText(Path.Combine(dir, "main.sox"), "print 3\n");
            Assert.AreEqual(Path.Combine(dir, "main.sox"), EntryResolver.Resolve([.. three, Path.Combine(dir, "main.sox")], dir, out _));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
