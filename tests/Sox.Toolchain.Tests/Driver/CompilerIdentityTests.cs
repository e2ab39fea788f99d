using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Driver;

/// <summary>
/// <see cref="CCompiler.Identity"/> keys the runtime cache. It runs <c>--version</c> once per compiler binary: the
/// answer is kept in the cache directory, keyed on the binary's path, size and modification time, so a new
/// process does not ask again, and replacing the binary does. The compiler here is a script that counts its runs.
/// </summary>
[TestClass]
public sealed class CompilerIdentityTests
{
    [TestMethod]
    public void VersionIsAskedOnceAcrossProcessesAndAgainWhenTheBinaryChanges()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("needs a POSIX shell for the stand-in compiler");
        var root = Directory.CreateTempSubdirectory("sox-cc-identity-");
        try
        {
            var runs = Path.Combine(root.FullName, "runs");
            var compiler = Path.Combine(root.FullName, "fakecc");
            WriteCompiler(compiler, runs, "fakecc version 1.0");
            var cache = Path.Combine(root.FullName, "cache");

            var first = new CCompiler(compiler, []).Identity(cache);
            StringAssert.Contains(first, "fakecc version 1.0");
            Assert.AreEqual(1, Runs(runs));

            CCompiler.ForgetIdentities(); // as the next `sox build` process starts
            Assert.AreEqual(first, new CCompiler(compiler, []).Identity(cache));
            Assert.AreEqual(1, Runs(runs), "a new process must read the stored identity, not run --version again");

            WriteCompiler(compiler, runs, "fakecc version 2.0 with a longer banner");
            CCompiler.ForgetIdentities();
            StringAssert.Contains(new CCompiler(compiler, []).Identity(cache), "fakecc version 2.0");
            Assert.AreEqual(2, Runs(runs), "a replaced compiler must be asked again");

            CCompiler.ForgetIdentities();
            new CCompiler(compiler, []).Identity(null);
            Assert.AreEqual(3, Runs(runs), "without a cache directory nothing is stored");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void WriteCompiler(string path, string runs, string banner)
    {
        File.WriteAllText(path, $"#!/bin/sh\necho run >> '{runs}'\necho '{banner}'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Size alone already differs between the banners; a later time makes the point for equal sizes too.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(Runs(runs) + 1));
    }

    private static int Runs(string file) => File.Exists(file) ? File.ReadAllLines(file).Length : 0;
}
