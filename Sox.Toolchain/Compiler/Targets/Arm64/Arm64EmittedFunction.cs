namespace Sox.Compiler.Targets.Arm64;

/// <summary>Where a function landed in the encoder's output: its bounds and line-change points, as labels.</summary>
public sealed record Arm64EmittedFunction(string Symbol, Arm64Label Start, Arm64Label End, IReadOnlyList<(Arm64Label Label, int Line)> Lines);
