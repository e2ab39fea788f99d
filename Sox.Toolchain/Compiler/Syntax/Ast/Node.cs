using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax.Ast;

/// <summary>Base of every AST node: its span in the file it came from.</summary>
public abstract class Node
{
    /// <summary>Sets the node's <see cref="Span"/>.</summary>
    /// <param name="span">The source text the node was parsed from.</param>
    protected Node(TextSpan span) => Span = span;

    /// <summary>
    /// The source text the node covers, from its first token to its last (a statement's terminating <c>;</c> is not
    /// included). Diagnostics and runtime line numbers point here unless the node has a more specific span.
    /// </summary>
    public TextSpan Span { get; }
}

/// <summary>A name as written (identifier token text and span).</summary>
public sealed record Name(string Text, TextSpan Span)
{
    /// <summary>The identifier text, so that names interpolate as written.</summary>
    public override string ToString() => Text;
}

/// <summary>One parsed file: its source and top-level statements.</summary>
public sealed class CompilationUnit : Node
{
    /// <summary>Creates the unit for a parsed file.</summary>
    /// <param name="source">The file's text.</param>
    /// <param name="statements">Its top-level statements, in source order.</param>
    /// <param name="span">The whole file.</param>
    public CompilationUnit(SourceText source, IReadOnlyList<Stmt> statements, TextSpan span) : base(span)
    {
        Source = source;
        Statements = statements;
    }

    /// <summary>The text the unit was parsed from (file path and line map for diagnostics and line tables).</summary>
    public SourceText Source { get; }

    /// <summary>The top-level statements in source order: the body of the module's script function (§6).</summary>
    public IReadOnlyList<Stmt> Statements { get; }
}
