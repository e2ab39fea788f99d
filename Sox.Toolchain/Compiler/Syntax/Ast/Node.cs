using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax.Ast;

/// <summary>Base of every AST node: its span in the file it came from.</summary>
public abstract class Node
{
    protected Node(TextSpan span) => Span = span;

    public TextSpan Span { get; }
}

/// <summary>A name as written (identifier token text and span).</summary>
public sealed record Name(string Text, TextSpan Span)
{
    public override string ToString() => Text;
}

/// <summary>One parsed file: its source and top-level statements.</summary>
public sealed class CompilationUnit : Node
{
    public CompilationUnit(SourceText source, IReadOnlyList<Stmt> statements, TextSpan span) : base(span)
    {
        Source = source;
        Statements = statements;
    }

    public SourceText Source { get; }

    public IReadOnlyList<Stmt> Statements { get; }
}
