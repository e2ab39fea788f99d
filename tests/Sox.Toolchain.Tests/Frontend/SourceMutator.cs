using System.Text;
using System.Text.RegularExpressions;

namespace Sox.Toolchain.Tests.Frontend;

/// <summary>
/// Damages valid programs the way editing does: byte edits (which may break UTF-8), token deletions and
/// duplications, line swaps. Tokens come from a rough regex, independent of the lexer under test.
/// </summary>
public sealed class SourceMutator(Random random)
{
    public enum Kind { ByteEdit, TokenDeletion, TokenDuplication, LineShuffle }

    private static readonly Regex s_token = new(
        @"\s+|//[^\n]*|/\*.*?\*/|""(?:[^""\\]|\\.)*""|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|\.\.\.|[=!<>]=|#\[\w*\]|.",
        RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>Bytes that make interesting damage: delimiters, quotes, escapes, comment starts, newlines.</summary>
    private static readonly byte[] s_interesting = Encoding.ASCII.GetBytes("{}()[]\";:,.\\/*#\n=<>!-+u0");

    public (Kind Kind, string Text) Mutate(string source)
    {
        var kind = (Kind)random.Next(4);
        var text = kind switch
        {
            Kind.ByteEdit => EditBytes(source),
            Kind.TokenDeletion => EditTokens(source, duplicate: false),
            Kind.TokenDuplication => EditTokens(source, duplicate: true),
            _ => ShuffleLines(source),
        };
        return (kind, text);
    }

    private string EditBytes(string source)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(source));
        var edits = 1 + random.Next(4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            var value = random.Next(3) == 0 ? (byte)random.Next(256) : s_interesting[random.Next(s_interesting.Length)];
            switch (random.Next(3))
            {
                case 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                default: bytes.RemoveAt(at); break;
            }
        }
        // Invalid UTF-8 becomes U+FFFD, as when the driver reads a damaged file.
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private string EditTokens(string source, bool duplicate)
    {
        var tokens = s_token.Matches(source).Select(m => m.Value).ToList();
        var edits = 1 + random.Next(3);
        for (var i = 0; i < edits && tokens.Count > 0; i++)
        {
            var at = random.Next(tokens.Count);
            if (duplicate) tokens.Insert(at, tokens[at]);
            else tokens.RemoveAt(at);
        }
        return string.Concat(tokens);
    }

    private string ShuffleLines(string source)
    {
        var lines = source.Split('\n');
        var swaps = 1 + random.Next(3);
        for (var i = 0; i < swaps; i++)
        {
            var a = random.Next(lines.Length);
            var b = random.Next(lines.Length);
            (lines[a], lines[b]) = (lines[b], lines[a]);
        }
        return string.Join('\n', lines);
    }
}
