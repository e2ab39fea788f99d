using Sox.Compiler.Diagnostics;

namespace Sox.Compiler.Driver;

/// <summary>The outcome of a build: diagnostics, what was written, and how long each phase took.</summary>
public sealed record BuildResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<(string Phase, TimeSpan Time)> Timings, string? Output)
{
    /// <summary>True when an output was written and no diagnostic is an error.</summary>
    public bool Success => Output is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>Bytes allocated in each entry of <see cref="Timings"/>, when <see cref="BuildOptions.MeasureSteps"/> asked for them.</summary>
    public IReadOnlyDictionary<string, long> Allocations { get; init; } = new Dictionary<string, long>();
}
