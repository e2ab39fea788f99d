namespace Sox.Compiler.Targets.X64;

/// <summary>Where a function landed in the encoder's output: its bounds and line-change points, as labels.</summary>
public sealed record X64EmittedFunction(string Symbol, X64Label Start, X64Label End, IReadOnlyList<(X64Label Label, int Line)> Lines);
