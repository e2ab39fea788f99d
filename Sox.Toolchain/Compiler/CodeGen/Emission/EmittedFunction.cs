namespace Sox.Compiler.CodeGen.Emission;

/// <summary>Where a function landed in the encoder's output: its bounds and line-change points, as labels.</summary>
/// <param name="Symbol">The function's symbol.</param>
/// <param name="Start">Bound before the function's first byte.</param>
/// <param name="End">Bound after the function's last byte.</param>
/// <param name="Lines">Each point where the source line changes, with the new line.</param>
public sealed record EmittedFunction(string Symbol, Label Start, Label End, IReadOnlyList<(Label Label, int Line)> Lines);
