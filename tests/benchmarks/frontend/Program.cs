using System.Diagnostics;
using System.Globalization;
using Sox.Benchmarks.Frontend;
using Sox.Compiler.Driver;

// Front-end benchmark: lex + parse + resolve generated programs of growing size; prints a Markdown table.
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

Console.WriteLine("| lines | runs | median | lines/s | allocated / run | bytes / line | time growth vs previous |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
double? previousSeconds = null;
int? previousLines = null;
foreach (var size in sizes)
{
    var source = ProgramGenerator.Generate(size);
    var lines = ProgramGenerator.CountLines(source);
    var times = new List<double>();
    var allocations = new List<long>();
    for (var run = 0; run < runs; run++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        Check(source);
        watch.Stop();
        allocations.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
        times.Add(watch.Elapsed.TotalSeconds);
    }
    var median = times.Order().ElementAt(times.Count / 2);
    var allocated = allocations.Order().ElementAt(allocations.Count / 2);
    var growth = previousSeconds is null ? "—"
        : $"×{median / previousSeconds.Value:F1} for ×{(double)lines / previousLines!.Value:F0} lines";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {lines:N0} | {runs} | {median * 1000:F1} ms | {lines / median:N0} | {allocated / (1024.0 * 1024):F1} MB | {(double)allocated / lines:F0} | {growth} |"));
    previousSeconds = median;
    previousLines = lines;
}
return 0;

static void Check(string source)
{
    var result = FrontEnd.CheckSource("bench.sox", source);
    // A benchmark of a program with errors would time error recovery instead of the normal path.
    if (!result.Success) throw new InvalidOperationException("generated program does not check: " + result.Diagnostics.FirstOrDefault());
}
