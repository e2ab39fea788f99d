namespace Sox.LanguageServer.Protocol;

/// <summary>
/// The token types and modifiers of this server's semantic tokens, by index (LSP 3.17 "Semantic Tokens": the standard
/// type names, so every theme colours them).
/// </summary>
public static class SemanticTokenLegend
{
    public const int Keyword = 0, Function = 1, Method = 2, Class = 3, Parameter = 4, Variable = 5, Property = 6,
        String = 7, Number = 8, Comment = 9, Operator = 10, Decorator = 11, Namespace = 12, Type = 13;

    /// <summary>Modifier bits.</summary>
    public const int Declaration = 1, DefaultLibrary = 2;

    public static SemanticTokensLegend Legend { get; } = new(
        ["keyword", "function", "method", "class", "parameter", "variable", "property", "string", "number", "comment",
            "operator", "decorator", "namespace", "type"],
        ["declaration", "defaultLibrary"]);
}
