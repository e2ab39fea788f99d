using Sox.Compiler.Text;

namespace Sox.Compiler.Diagnostics;

/// <summary>Collects diagnostics of one compilation, in the order reported.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors { get; private set; }

    public int Count => _items.Count;

    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        if (diagnostic.IsError) HasErrors = true;
    }

    public Diagnostic Report(DiagnosticDescriptor descriptor, SourceText source, TextSpan span, params object?[] args)
    {
        var diagnostic = new Diagnostic(descriptor, source.GetLocation(span), descriptor.Format(args));
        Add(diagnostic);
        return diagnostic;
    }

    /// <summary>A diagnostic that belongs to no source position (the path is printed as "sox").</summary>
    public Diagnostic Report(DiagnosticDescriptor descriptor, params object?[] args)
    {
        var diagnostic = new Diagnostic(descriptor, new SourceLocation("", new LinePosition(0, 0)), descriptor.Format(args));
        Add(diagnostic);
        return diagnostic;
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Add(d);
    }
}
