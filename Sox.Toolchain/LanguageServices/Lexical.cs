using Sox.Compiler.Semantics;

namespace Sox.LanguageServices;

/// <summary>The identifier and keyword rules of §1.3, for checking a new name.</summary>
internal static class Lexical
{
    public static bool IsIdentifier(string text) =>
        text.Length > 0
        && (char.IsAsciiLetter(text[0]) || text[0] == '_')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static bool IsKeyword(string text) => CompletionProvider.Keywords.Contains(text, StringComparer.Ordinal);

    public static bool IsBuiltin(string text) => Builtins.IsBuiltin(text);
}
