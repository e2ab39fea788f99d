namespace Sox.Compiler.Diagnostics;

/// <summary>
/// A stable diagnostic id with its severity and message format (<see cref="string.Format(string, object[])"/>
/// placeholders). Tests assert ids and positions, never wording. Every descriptor is listed in
/// docs/diagnostics.md.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    /// <summary>The message with the placeholders filled in (the format itself when there are no arguments).</summary>
    public string Format(params object?[] args) => args.Length == 0 ? MessageFormat : string.Format(MessageFormat, args);
}
