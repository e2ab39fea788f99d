using System.Globalization;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// §9 in the SDK: the libraries of <c>extern "lib" fn</c> declarations reach the link (once, incrementally), and an
/// <c>OutputType=SharedLibrary</c> project's <c>export fn</c>s are called by a C program (library mode).
/// </summary>
[TestClass]
public sealed class ExternExportTests
{
    [TestMethod]
    public void ExternLibraries_AreLinkedOnce_AndAddingOrRemovingOneRelinks()
    {
        // libsoxextra.a outside the project, found through -L in SoxLinkerArgs when an extern "soxextra" fn names it.
        var libraries = TestEnvironment.NewFolder("extern-libs");
        NativeTools.StaticLibrary(libraries, "soxextra", "#include <stdint.h>\nint64_t sox_extra_answer(void) { return 42; }\n");
        var project = TestProject.Create("extern-lib", "cube", $"""
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <SoxLinkerArgs>-L{libraries}</SoxLinkerArgs>
              </PropertyGroup>
              <ItemGroup>
                <SoxNativeLibrary Include="m" />
              </ItemGroup>
            </Project>
            """,
            ("main.sox", "import \"extra\"\nextern \"m\" fn cbrt(x: double): double\nprint cbrt(27)\nprint extra.answer()\n"),
            ("extra.sox", "fn answer() { return 41 }\nreturn {\"answer\": answer}\n"));
        var linkFile = project.PathOf("obj/Debug/linux-x64/link.rsp");
        var program = project.PathOf("bin/Debug/linux-x64/cube");

        var build = project.Build().ShouldSucceed();
        // libm: named by the extern, by SoxNativeLibrary and by the runtime, passed once.
        Assert.AreEqual(1, File.ReadAllLines(linkFile).Count(a => a == "-lm"), File.ReadAllText(linkFile));
        var echoed = build.Output.Split('\n').Single(l => l.Contains("link.rsp: ", StringComparison.Ordinal));
        Assert.AreEqual(1, echoed.Split(' ').Count(a => a == "-lm"), "the command line in the log: " + echoed);
        var lines = TestProject.Run(program, [], project.Directory).ShouldSucceed().Output.Split('\n');
        Assert.AreEqual(3.0, double.Parse(lines[0], CultureInfo.InvariantCulture), 1e-12, "cbrt(27) from libm");
        Assert.AreEqual("41", lines[1]);

        var noop = project.Build().ShouldSucceed();
        Assert.IsFalse(noop.Linked || noop.CompiledRuntime || noop.CompiledFiles.Count > 0, noop.Output);
        Assert.IsTrue(noop.Skipped("SoxCompile") && noop.Skipped("SoxLink"), noop.Output);

        // An imported module declares extern "soxextra": it alone recompiles, and the link gains -lsoxextra.
        project.Write("extra.sox", "extern \"soxextra\" fn sox_extra_answer(): int\nfn answer() { return sox_extra_answer() }\nreturn {\"answer\": answer}\n");
        var added = project.Build().ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "extra.sox" }, added.CompiledFiles.ToArray(), added.Output);
        Assert.IsTrue(added.Linked, added.Output);
        var link = File.ReadAllLines(linkFile);
        Assert.IsTrue(Array.IndexOf(link, "-lsoxextra") >= 0 && Array.IndexOf(link, "-lsoxextra") < Array.IndexOf(link, "-lm"), string.Join('\n', link));
        StringAssert.EndsWith(TestProject.Run(program, [], project.Directory).ShouldSucceed().Output, "\n42\n");

        // Removing the declaration takes the library out of the link again.
        project.Write("extra.sox", "fn answer() { return 43 }\nreturn {\"answer\": answer}\n");
        var removed = project.Build().ShouldSucceed();
        Assert.IsTrue(removed.Linked, removed.Output);
        CollectionAssert.DoesNotContain(File.ReadAllLines(linkFile), "-lsoxextra");
        StringAssert.EndsWith(TestProject.Run(program, [], project.Directory).ShouldSucceed().Output, "\n43\n");
        Assert.IsFalse(project.Build().ShouldSucceed().Linked, "and then nothing runs");

        project.DotNet("clean", project.ProjectFile).ShouldSucceed();
        Assert.IsFalse(Directory.Exists(project.PathOf("obj/Debug/linux-x64/sox")), "clean removes libraries.txt with the other files of sox/");
    }

    /// <summary>The Sox library a C host calls: each C type as a parameter, module state kept between calls, an allocation-heavy call.</summary>
    private const string Library = """
        var calls = 0
        var names = []

        export fn area(w: double, h: double): double { calls = calls + 1; return w * h }
        export fn twice(n: int): int { calls = calls + 1; return n * 2 }
        export fn add32(a: int32, b: int32): int32 { calls = calls + 1; return a + b }
        export fn negate(b: bool): bool { calls = calls + 1; return !b }
        export fn vowels(s: cstring): int {
          calls = calls + 1
          var n = 0
          foreach var i, c in s { if stringIndexOf("aeiouAEIOU", c) >= 0 { n = n + 1 } }
          return n
        }
        export fn remember(s: cstring): int {
          calls = calls + 1
          push(names, stringUpper(s))
          return len(names)
        }
        // Garbage: arrays, strings and tables, many times the collector's threshold.
        export fn churn(n: int): int {
          var total = 0
          for var i = 0; i < n; i = i + 1 { var a = [i, str(i), {"k": i}]; total = total + len(a[1]) }
          return total
        }
        export fn summary(): int {
          print "calls: " + str(calls) + ", names: " + arrayJoin(names, " ")
          return calls
        }
        export fn fail(x: int): int { return x + nil }
        // The runtime's own counters, through the project's C (gcstats.c): the library exports nothing but its export fns.
        extern fn gc_collections(): int
        export fn collections(): int { return gc_collections() }
        """;

    /// <summary>C inside the library that reads the collector's statistics (sox_runtime.h).</summary>
    private const string GcStats = """
        #include <stdint.h>
        #include "sox_runtime.h"
        int64_t gc_collections(void) {
          SoxGcStats stats;
          sox_gc_stats(&stats);
          return (int64_t)stats.collections;
        }
        """;

    /// <summary>Every export fn of <see cref="Library"/>: all the library exports.</summary>
    private static readonly string[] Exports = ["add32", "area", "churn", "collections", "fail", "negate", "remember", "summary", "twice", "vowels"];

    private const string Host = """
        #include <stdbool.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <string.h>

        double area(double w, double h);
        int64_t twice(int64_t n);
        int32_t add32(int32_t a, int32_t b);
        bool negate(bool b);
        int64_t vowels(const char* s);
        int64_t remember(const char* s);
        int64_t churn(int64_t n);
        int64_t summary(void);
        int64_t fail(int64_t x);
        int64_t collections(void);

        int main(int argc, char** argv) {
          if (argc > 1) {
            printf("before the error\n");
            fflush(stdout);
            return (int)fail(1);
          }
          printf("area %g\n", area(2.5, 4));
          printf("twice %lld %lld\n", (long long)twice(-21), (long long)twice(1099511627776LL));
          printf("add32 %d\n", add32(-5, 12));
          printf("negate %d %d\n", negate(true), negate(false));
          printf("vowels %lld\n", (long long)vowels("Sox exports to C"));
          char buffer[16];
          strcpy(buffer, "first");
          remember(buffer);
          strcpy(buffer, "second");
          remember(buffer);
          printf("remember %lld\n", (long long)remember("third"));
          memset(buffer, 'x', 6); /* Sox copied the strings */
          printf("churn %lld\n", (long long)churn(200000));
          printf("the collector ran: %s\n", collections() > 0 ? "yes" : "no");
          printf("summary %lld\n", (long long)summary());
          return 0;
        }
        """;

    [TestMethod]
    public void SharedLibrary_ExportsAreCalledFromC_InLibraryMode_AndAnErrorExitsWith70()
    {
        var project = TestProject.Create("exports", "exports", """
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <OutputType>SharedLibrary</OutputType>
              </PropertyGroup>
            </Project>
            """,
            ("exports.sox", Library), ("gcstats.c", GcStats));
        project.Build().ShouldSucceed();
        var output = project.PathOf("bin/Debug/linux-x64");
        var library = Path.Combine(output, "libexports.so");
        var symbols = NativeTools.DefinedSymbols(library);
        foreach (var export in Exports)
        {
            Assert.AreEqual('T', symbols.GetValueOrDefault(export), export + " is a global function of the library");
        }
        Assert.IsFalse(symbols.ContainsKey("main"), "a shared library links without the runtime's main (sox_entry.c)");
        // Its dynamic symbol table: the export fns and nothing else — no sox_* runtime function, no module global, not
        // the project's gc_collections (LinkCommand.ExportList, a version script).
        CollectionAssert.AreEqual(Exports, NativeTools.ExportedSymbols(library).ToArray(), string.Join(" ", NativeTools.ExportedSymbols(library)));
        Assert.AreEqual('t', symbols.GetValueOrDefault("sox_gc_stats"), "the runtime is linked in, its symbols local");

        var host = NativeTools.Program(TestEnvironment.NewFolder("exports-host"), "host", Host, "-L" + output, "-lexports", "-Wl,-rpath," + output);
        var run = TestProject.Run(host, [], project.Directory).ShouldSucceed();
        Assert.AreEqual("""
            area 10
            twice -42 2199023255552
            add32 7
            negate 0 1
            vowels 4
            remember 3
            churn 1088890
            the collector ran: yes
            calls: 10, names: FIRST SECOND THIRD
            summary 10

            """, run.Output);

        // A runtime error inside an export: its message and trace, then exit 70, as in a Sox program.
        var line = Library.Split('\n').ToList().FindIndex(l => l.Contains("x + nil", StringComparison.Ordinal)) + 1;
        var failed = TestProject.Run(host, ["fail"], project.Directory);
        Assert.AreEqual(70, failed.ExitCode, failed.Output);
        StringAssert.Contains(failed.Output, "before the error\n");
        StringAssert.Contains(failed.Output, "Operands must be two numbers or two strings.\n");
        StringAssert.Contains(failed.Output, $"[line {line}] in fail()");

        project.DotNet("clean", project.ProjectFile).ShouldSucceed();
        Assert.IsFalse(File.Exists(library));
        Assert.IsFalse(Directory.Exists(project.PathOf("obj/Debug/linux-x64/soxrt")), "clean removes every runtime object, sox_entry.o (not linked) too");
    }
}
