using System.Diagnostics;
using Sox.Compiler.Driver;
using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary>
/// Every query at every position of real programs (the conformance files, each cut at a random point as an editor
/// buffer being typed would be), checking that none fails internally (<see cref="LanguageService.InternalError"/>,
/// which every swallowed exception raises) and that answers stay inside the text.
/// </summary>
[TestClass]
public sealed class RobustnessTests
{
    /// <summary>The time the sweep may take; the files are visited in a fixed shuffled order until it is spent.</summary>
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(7);

    [TestMethod]
    public void EveryQueryAtEveryPositionOfTruncatedProgramsAnswers()
    {
        var root = Conformance.ConformanceProgram.Root;
        var files = Directory.GetFiles(root, "*.sox", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.IsTrue(files.Count > 50, $"conformance programs under {root}");
        var random = new Random(14);
        files = files.OrderBy(_ => random.Next()).ToList();

        var errors = new List<string>();
        void OnError(Exception e)
        {
            lock (errors) errors.Add(e.ToString());
        }
        LanguageService.InternalError += OnError;
        var clock = Stopwatch.StartNew();
        int programs = 0, positions = 0;
        try
        {
            foreach (var file in files)
            {
                if (clock.Elapsed > s_budget) break;
                var text = File.ReadAllText(file);
                var cut = text[..random.Next(text.Length + 1)];
                var graph = FrontEnd.CheckSource(file, cut).Graph;
                Assert.IsNotNull(graph, file);
                var graphs = new[] { graph, FrontEnd.CheckSource(file, text).Graph };
                LanguageService.ClassifyNames(graph, file);
                var lines = cut.Split('\n');
                for (var line = 0; line <= lines.Length; line++)
                {
                    var length = line < lines.Length ? lines[line].Length : 0;
                    for (var character = 0; character <= length + 1; character++)
                    {
                        var position = new LinePosition(line, character);
                        positions++;
                        foreach (var location in LanguageService.Definition(graph, file, position)) AssertInside(location);
                        LanguageService.References(graphs, file, position, includeDeclaration: true);
                        if (LanguageService.Hover(graph, file, position) is { } hover)
                        {
                            Assert.IsTrue(hover.Range.Start.Line <= line && line <= hover.Range.End.Line, $"{file} {position}: hover range {hover.Range}");
                        }
                        LanguageService.Completion(graph, file, position);
                        LanguageService.SignatureHelp(graph, file, position);
                        if (LanguageService.PrepareRename(graphs, file, position) is { Range: not null })
                        {
                            var rename = LanguageService.Rename(graphs, file, position, "renamed_name");
                            Assert.IsNull(rename.Error, $"{file} {position}: prepared but refused: {rename.Error}");
                        }
                    }
                }
                programs++;
            }
            LanguageService.WorkspaceSymbols([null, .. files.Take(10).Select(f => FrontEnd.Check(f).Graph)], "a");
        }
        finally
        {
            LanguageService.InternalError -= OnError;
        }
        Assert.AreEqual(0, errors.Count, string.Join("\n\n", errors.Take(3)));
        Assert.IsTrue(programs >= 10, $"only {programs} programs ({positions} positions) in {s_budget.TotalSeconds} s");
        Console.WriteLine($"{programs} programs, {positions} positions, {clock.Elapsed.TotalSeconds:F1} s");
    }

    [TestMethod]
    public void JunkPathsAndPositionsAnswerNothing()
    {
        var errors = new List<Exception>();
        void OnError(Exception e)
        {
            lock (errors) errors.Add(e);
        }
        LanguageService.InternalError += OnError;
        try
        {
            AskJunk();
        }
        finally
        {
            LanguageService.InternalError -= OnError;
        }
        Assert.AreEqual(0, errors.Count, string.Join("\n", errors.Take(2)));
    }

    private static void AskJunk()
    {
        var graph = FrontEnd.CheckSource("junk.sox", "\0\u0001 fn ( class { this. super. \"unterminated").Graph;
        foreach (var path in new[] { "junk.sox", "", "\0", "other.sox" })
        {
            foreach (var position in new[] { new LinePosition(-1, -1), new LinePosition(0, 0), new LinePosition(0, 1000), new LinePosition(int.MaxValue, int.MaxValue) })
            {
                LanguageService.Definition(graph, path, position);
                LanguageService.References([graph, null], path, position, true);
                LanguageService.Hover(graph, path, position);
                LanguageService.Completion(graph, path, position);
                LanguageService.SignatureHelp(graph, path, position);
                LanguageService.PrepareRename([graph], path, position);
                LanguageService.Rename([graph], path, position, "x");
                LanguageService.Definition(null, path, position);
            }
        }
        Assert.AreEqual(0, LanguageService.WorkspaceSymbols([], "x").Count);
        Assert.AreEqual(0, LanguageService.WorkspaceSymbols(null!, null!).Count);
        Assert.AreEqual(0, LanguageService.References(null!, null!, default, true).Count);
        Assert.IsNotNull(LanguageService.Rename([graph], "junk.sox", default, null!).Error);
    }

    /// <summary>
    /// The front end parses on a 256 MB stack; the queries run on the caller's (here a 1 MB thread) and must skip
    /// what is too deep for it rather than overflow, which no catch could stop.
    /// </summary>
    [TestMethod]
    [DataRow("(", "x", ")", DisplayName = "parentheses")]
    [DataRow("{ ", "var x = 1", " }", DisplayName = "blocks")]
    [DataRow("f(", "x", ")", DisplayName = "calls")]
    [DataRow("fn () { return ", "x", " }", DisplayName = "lambdas")]
    public void DeeplyNestedCodeOnASmallStackAnswers(string open, string middle, string close)
    {
        var depth = 20_000;
        var text = "var x = 1\nfn f(a) { return a }\nprint " + string.Concat(Enumerable.Repeat(open, depth)) + middle + string.Concat(Enumerable.Repeat(close, depth)) + ".y\n";
        var graph = FrontEnd.CheckSource("deep.sox", text).Graph;
        var errors = new List<Exception>();
        void OnError(Exception e)
        {
            lock (errors) errors.Add(e);
        }
        LanguageService.InternalError += OnError;
        try
        {
            var thread = new Thread(() =>
            {
                foreach (var character in new[] { 0, 7, 100, depth, depth * open.Length + 2, text.Length - 3 })
                {
                    var position = new LinePosition(2, character);
                    LanguageService.Definition(graph, "deep.sox", position);
                    LanguageService.References([graph], "deep.sox", position, true);
                    LanguageService.Hover(graph, "deep.sox", position);
                    LanguageService.Completion(graph, "deep.sox", position);
                    LanguageService.SignatureHelp(graph, "deep.sox", position);
                    LanguageService.Rename([graph], "deep.sox", position, "z");
                }
                LanguageService.WorkspaceSymbols([graph], "");
                LanguageService.ClassifyNames(graph, "deep.sox");
            }, maxStackSize: 1024 * 1024);
            thread.Start();
            thread.Join();
        }
        finally
        {
            LanguageService.InternalError -= OnError;
        }
        Assert.AreEqual(0, errors.Count, string.Join("\n", errors.Take(2)));
    }

    private static void AssertInside(Location location)
    {
        Assert.IsTrue(location.Range.Start.Line >= 0 && location.Range.Start.Character >= 0, location.ToString());
        Assert.IsTrue(location.Range.Start.Line < location.Range.End.Line
            || (location.Range.Start.Line == location.Range.End.Line && location.Range.Start.Character <= location.Range.End.Character), location.ToString());
    }
}
