using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Lowering;
using Sox.Compiler.Passes;
using Sox.Compiler.Syntax;
using Sox.Compiler.Syntax.Formatting;
using Sox.Compiler.Text;
using Sox.Toolchain.Tests.Conformance;

namespace Sox.Toolchain.Tests.Syntax.Formatting;

/// <summary>
/// issue 14 item 3: over every Sox file the repository has (conformance programs and their modules, the front-end
/// corpus, samples, benchmarks, docs-free), formatting is idempotent, keeps every token other than a dropped
/// semicolon with its text and on its line, and parses to the same tree; single-module programs compile to
/// byte-identical objects before and after.
/// </summary>
[TestClass]
public sealed class FormatterInvariantTests
{
    private static IEnumerable<string> AllSoxFiles()
    {
        var root = Path.GetDirectoryName(ConformanceProgram.Root)!;
        var repository = Path.GetDirectoryName(root)!;
        foreach (var folder in new[] { Path.Combine(root, "conformance"), Path.Combine(root, "frontend"), Path.Combine(root, "benchmarks"), Path.Combine(repository, "test-projects") })
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.sox", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
                yield return file;
            }
        }
    }

    [TestMethod]
    public void EveryFile_FormatsIdempotently_KeepingItsTokensOnTheirLines()
    {
        var formatted = 0;
        var failures = new List<string>();
        foreach (var file in AllSoxFiles())
        {
            var source = new SourceText(file, File.ReadAllText(file));
            var result = SourceFormatter.Format(source);
            if (result.Text is null)
            {
                Assert.IsTrue(result.Diagnostics.Any(d => d.IsError), $"{file}: not formatted without an error");
                continue;
            }
            formatted++;
            var again = SourceFormatter.Format(new SourceText(file, result.Text)).Text;
            if (again != result.Text) failures.Add($"{file}: not idempotent");
            var before = Significant(source);
            var after = Significant(new SourceText(file, result.Text));
            if (!before.SequenceEqual(after))
            {
                var at = before.Zip(after).TakeWhile(p => p.First == p.Second).Count();
                failures.Add($"{file}: token {at} differs: {(at < before.Count ? before[at] : "end")} became {(at < after.Count ? after[at] : "end")}");
            }
        }
        Assert.IsGreaterThan(300, formatted, "the corpus was found");
        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    /// <summary>Random edits of real programs (characters deleted, duplicated, swapped in): the formatter never
    /// throws, and whatever it formats it formats idempotently with the same tokens on the same lines.</summary>
    [TestMethod]
    public void RandomEdits_NeverThrow_AndStayIdempotent()
    {
        var random = new Random(20261207);
        var files = AllSoxFiles().ToList();
        const string alphabet = "{}()[];:,.+-*/!=<>\"\n #\\abc0123fnvar";
        var failures = new List<string>();
        for (var n = 0; n < 1500; n++)
        {
            var text = new System.Text.StringBuilder(File.ReadAllText(files[random.Next(files.Count)]));
            for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, Math.Min(text.Length - at, random.Next(1, 4))); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            var source = new SourceText("edit.sox", text.ToString());
            var result = SourceFormatter.Format(source);
            if (result.Text is null) continue;
            if (SourceFormatter.Format(new SourceText("edit.sox", result.Text)).Text != result.Text
                || !Significant(source).SequenceEqual(Significant(new SourceText("edit.sox", result.Text))))
                failures.Add(text.ToString());
        }
        Assert.IsEmpty(failures, "first: \n" + failures.FirstOrDefault());
    }

    [TestMethod]
    public void SingleModulePrograms_CompileToIdenticalObjects_AtO0AndO2()
    {
        var target = TargetPlatform.Find("linux-x64")!;
        var compared = 0;
        foreach (var relative in ConformanceProgram.All())
        {
            var path = Path.Combine(ConformanceProgram.Root, relative);
            var text = File.ReadAllText(path);
            if (text.Contains("import ", StringComparison.Ordinal)) continue;
            var formatted = SourceFormatter.Format(new SourceText(path, text)).Text;
            if (formatted is null || formatted == text) continue;
            foreach (var level in new[] { OptimizationLevel.O0, OptimizationLevel.O2 })
            {
                var original = Compile(path, text, target, level);
                var reformatted = Compile(path, formatted, target, level);
                if (original is null) break;
                CollectionAssert.AreEqual(original, reformatted, $"{relative} at {level}: the formatted program compiles differently");
            }
            compared++;
        }
        Assert.IsGreaterThan(8, compared, "programs the formatter changes were compared");
    }

    private static byte[]? Compile(string path, string text, TargetPlatform target, OptimizationLevel level)
    {
        var front = FrontEnd.CheckSource(path, text);
        if (!front.Success || front.Graph is null) return null;
        return ModuleCompiler.Compile(front.Graph.Entry, true, target, level, EntryMode.Run, new DiagnosticBag());
    }

    /// <summary>The tokens that carry meaning, with their lines: all but semicolons (optional at a line's end, §4) and the end of the file.</summary>
    private static List<string> Significant(SourceText source)
    {
        var lines = source.Text;
        return Lexer.Tokenize(source, new DiagnosticBag())
            .Where(t => t.Kind is not (TokenKind.Semicolon or TokenKind.EndOfFile))
            .Select(t => $"{LineOf(lines, t.Span.Start)}:{t.Kind}:{lines.Substring(t.Span.Start, t.Span.Length)}")
            .ToList();
    }

    private static int LineOf(string text, int position)
    {
        var line = 1;
        for (var i = 0; i < position && i < text.Length; i++) if (text[i] == '\n') line++;
        return line;
    }
}
