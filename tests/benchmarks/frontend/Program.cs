using System.Diagnostics;
using System.Globalization;
using Sox.Benchmarks.Frontend;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Text;

// Front-end benchmark: lex + parse + resolve generated programs of growing size; prints Markdown tables.
// Usage: FrontendBench [--sizes 10000,100000,1000000] [--runs N]
var sizes = new[] { 10_000, 100_000, 1_000_000 };
var runs = 5;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--sizes" && i + 1 < args.Length) sizes = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    else if (args[i] == "--runs" && i + 1 < args.Length) runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else
    {
        Console.Error.WriteLine("usage: FrontendBench [--sizes 10000,100000,1000000] [--runs N]");
        return 2;
    }
}

// Warm-up: JIT and tiering see every path before anything is timed.
var warmup = ProgramGenerator.Generate(5_000);
for (var i = 0; i < 10; i++) Check(warmup);

Console.WriteLine("Whole front end (FrontEnd.CheckSource: lex + parse + resolve), median of the runs:");
Console.WriteLine();
Console.WriteLine("| lines | runs | median | lines/s | allocated / run | bytes / line | gen2 GCs / run | time growth vs previous |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
var stages = new List<string>();
double? previousSeconds = null;
int? previousLines = null;
foreach (var size in sizes)
{
    var source = ProgramGenerator.Generate(size);
    var lines = ProgramGenerator.CountLines(source);
    var whole = Measure(runs, () => Check(source));
    var growth = previousSeconds is null ? "—"
        : $"×{whole.Seconds / previousSeconds.Value:F1} for ×{(double)lines / previousLines!.Value:F0} lines";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {lines:N0} | {runs} | {whole.Seconds * 1000:F1} ms | {lines / whole.Seconds:N0} | {whole.Bytes / (1024.0 * 1024):F1} MB | {(double)whole.Bytes / lines:F0} | {whole.Gen2:F1} | {growth} |"));
    previousSeconds = whole.Seconds;
    previousLines = lines;

    // Stage by stage on this thread, to show where time and growth go.
    var text = new SourceText("bench.sox", source);
    var lex = Measure(runs, () => Lexer.Tokenize(text, new DiagnosticBag()));
    var parse = Measure(runs, () => Parser.Parse(text, new DiagnosticBag()));
    var resolve = Measure(runs, () => Resolver.Resolve(Parser.Parse(text, new DiagnosticBag()), new DiagnosticBag()));
    stages.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {lines:N0} | {lex.Seconds * 1000:F1} ms | {(parse.Seconds - lex.Seconds) * 1000:F1} ms | {(resolve.Seconds - parse.Seconds) * 1000:F1} ms |"));
}
Console.WriteLine();
Console.WriteLine("By stage (medians; parse and resolve derived by difference):");
Console.WriteLine();
Console.WriteLine("| lines | lex | parse | resolve |");
Console.WriteLine("|---:|---:|---:|---:|");
foreach (var row in stages) Console.WriteLine(row);
return 0;

static (double Seconds, long Bytes, double Gen2) Measure(int runs, Action action)
{
    var times = new List<double>();
    var bytes = new List<long>();
    var gen2 = new List<int>();
    for (var run = 0; run < runs; run++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen2Before = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        bytes.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
        gen2.Add(GC.CollectionCount(2) - gen2Before);
        times.Add(watch.Elapsed.TotalSeconds);
    }
    return (times.Order().ElementAt(runs / 2), bytes.Order().ElementAt(runs / 2), gen2.Order().ElementAt(runs / 2));
}

static void Check(string source)
{
    var result = FrontEnd.CheckSource("bench.sox", source);
    // A benchmark of a program with errors would time error recovery instead of the normal path.
    if (!result.Success) throw new InvalidOperationException("generated program does not check: " + result.Diagnostics.FirstOrDefault());
}
