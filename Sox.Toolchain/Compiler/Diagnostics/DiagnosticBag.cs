using Sox.Compiler.Text;

namespace Sox.Compiler.Diagnostics;

/// <summary>Collects diagnostics of one compilation, in the order reported.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    /// <summary>The diagnostics so far, in the order reported.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True once an error (not just a warning) has been added: the compilation fails.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>The number of diagnostics so far, warnings included.</summary>
    public int Count => _items.Count;

    /// <summary>Adds a diagnostic made elsewhere (another bag, a module loaded in parallel).</summary>
    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        if (diagnostic.IsError) HasErrors = true;
    }

    /// <summary>
    /// Reports <paramref name="descriptor"/> at the start of <paramref name="span"/> in <paramref name="source"/>, its message
    /// formatted with <paramref name="args"/>; returns the diagnostic added.
    /// </summary>
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

    /// <summary>Adds several diagnostics in order (see <see cref="Add"/>).</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Add(d);
    }
}
