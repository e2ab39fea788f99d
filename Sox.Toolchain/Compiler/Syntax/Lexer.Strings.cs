using System.Globalization;
using System.Text;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax;

/// <summary>String literals and their escapes (§1).</summary>
public sealed partial class Lexer
{
    /// <summary>
    /// A string may span lines. A bad escape is reported at its backslash and lexing of the string goes on, so
    /// one literal can report several bad escapes and still yields a String token. An unterminated string is
    /// reported at its opening quote and becomes a Bad token (the parser then stays quiet about it).
    /// </summary>
    private void ScanString()
    {
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd())
            {
                Report(DiagnosticCodes.UnterminatedString, new TextSpan(_start, 1));
                Add(TokenKind.Bad);
                return;
            }
            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                break;
            }
            if (c == '\\') ScanEscape(value);
            else
            {
                value.Append(c);
                _position++;
            }
        }
        AddToken(new Token(TokenKind.String, Span, _text[_start.._position], StringValue: value.ToString()));
    }

    private void ScanEscape(StringBuilder value)
    {
        var backslash = _position;
        _position++;
        if (AtEnd()) return; // The unterminated string is reported by the caller.
        var c = _text[_position];
        _position++;
        switch (c)
        {
            case 'n': value.Append('\n'); return;
            case 't': value.Append('\t'); return;
            case 'r': value.Append('\r'); return;
            case '\\': value.Append('\\'); return;
            case '"': value.Append('"'); return;
            case '0': value.Append('\0'); return;
            case 'u': ScanUnicodeEscape(backslash, value); return;
        }
        Report(DiagnosticCodes.UnknownEscape, new TextSpan(backslash, 2), c.ToString());
        // Keep the text as written: the program won't run, but the rest of the literal is still checked.
        value.Append('\\').Append(c);
    }

    /// <summary><c>\u{HEX}</c>: 1–6 hex digits naming a Unicode scalar value (no surrogates, at most U+10FFFF).</summary>
    private void ScanUnicodeEscape(int backslash, StringBuilder value)
    {
        if (Peek() != '{' || AtEnd())
        {
            ReportBadUnicode(backslash);
            return;
        }
        _position++;
        var digitsStart = _position;
        while (!AtEnd() && Uri.IsHexDigit(Peek())) _position++;
        var digits = _text[digitsStart.._position];
        if (Peek() != '}' || AtEnd())
        {
            // Stop before the offending character: it may be the closing quote.
            ReportBadUnicode(backslash);
            return;
        }
        _position++;
        if (digits.Length is < 1 or > 6)
        {
            ReportBadUnicode(backslash);
            return;
        }
        var scalar = int.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (!Rune.IsValid(scalar))
        {
            ReportBadUnicode(backslash);
            return;
        }
        value.Append(char.ConvertFromUtf32(scalar));
    }

    private void ReportBadUnicode(int backslash) =>
        Report(DiagnosticCodes.InvalidUnicodeEscape, TextSpan.FromBounds(backslash, _position), _text[backslash.._position]);
}
