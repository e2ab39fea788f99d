namespace Sox.Testing.Host;

/// <summary>
/// The <c>--filter</c> expression, as VSTest and MSTest write it
/// (https://learn.microsoft.com/dotnet/core/testing/selective-unit-tests): <c>Property op value</c> conditions with
/// <c>=</c>, <c>!=</c>, <c>~</c> (contains), <c>!~</c>, joined by <c>&amp;</c> and <c>|</c> (<c>&amp;</c> binds
/// tighter) and grouped with parentheses; a value alone means <c>FullyQualifiedName~value</c>. Properties:
/// <c>FullyQualifiedName</c> (<c>Project.file_test.TestName</c>), <c>Name</c> and <c>DisplayName</c> (the test's
/// name) and <c>ClassName</c> (<c>Project.file_test</c>). Comparisons ignore case, as VSTest's do. A backslash escapes
/// the next character.
/// </summary>
internal abstract class TestFilter
{
    public abstract bool Matches(Func<string, string?> property);

    public static bool TryParse(string text, out TestFilter? filter, out string? error)
    {
        var parser = new Parser(text);
        try
        {
            filter = parser.ParseOr();
            if (!parser.AtEnd) throw new FormatException($"unexpected '{text[parser.Position]}' at {parser.Position + 1}");
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            filter = null;
            error = $"'{text}' is not a filter expression: {e.Message}.";
            return false;
        }
    }

    private sealed class And(TestFilter left, TestFilter right) : TestFilter
    {
        public override bool Matches(Func<string, string?> property) => left.Matches(property) && right.Matches(property);
    }

    private sealed class Or(TestFilter left, TestFilter right) : TestFilter
    {
        public override bool Matches(Func<string, string?> property) => left.Matches(property) || right.Matches(property);
    }

    private sealed class Condition(string name, string op, string value) : TestFilter
    {
        public override bool Matches(Func<string, string?> property)
        {
            var actual = property(name) ?? "";
            return op switch
            {
                "=" => string.Equals(actual, value, StringComparison.OrdinalIgnoreCase),
                "!=" => !string.Equals(actual, value, StringComparison.OrdinalIgnoreCase),
                "~" => actual.Contains(value, StringComparison.OrdinalIgnoreCase),
                _ => !actual.Contains(value, StringComparison.OrdinalIgnoreCase),
            };
        }
    }

    private sealed class Parser(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd
        {
            get
            {
                SkipSpace();
                return Position >= text.Length;
            }
        }

        public TestFilter ParseOr()
        {
            var left = ParseAnd();
            while (Accept('|')) left = new Or(left, ParseAnd());
            return left;
        }

        private TestFilter ParseAnd()
        {
            var left = ParsePrimary();
            while (Accept('&')) left = new And(left, ParsePrimary());
            return left;
        }

        private TestFilter ParsePrimary()
        {
            if (Accept('('))
            {
                var inner = ParseOr();
                if (!Accept(')')) throw new FormatException("a ')' is missing");
                return inner;
            }
            var first = Word();
            SkipSpace();
            string? op = null;
            foreach (var candidate in new[] { "!=", "!~", "=", "~" })
            {
                if (string.CompareOrdinal(text, Position, candidate, 0, candidate.Length) != 0) continue;
                op = candidate;
                Position += candidate.Length;
                break;
            }
            if (op is null)
            {
                if (first.Length == 0) throw new FormatException($"a condition is missing at {Position + 1}");
                return new Condition("FullyQualifiedName", "~", first);
            }
            if (first is not ("FullyQualifiedName" or "Name" or "DisplayName" or "ClassName"))
                throw new FormatException($"unknown property '{first}' (FullyQualifiedName, Name, DisplayName, ClassName)");
            return new Condition(first, op, Word());
        }

        private string Word()
        {
            SkipSpace();
            var word = new System.Text.StringBuilder();
            while (Position < text.Length && text[Position] is not ('(' or ')' or '&' or '|' or '=' or '~' or '!'))
            {
                if (text[Position] == '\\' && Position + 1 < text.Length) Position++;
                word.Append(text[Position++]);
            }
            return word.ToString().Trim();
        }

        private bool Accept(char c)
        {
            SkipSpace();
            if (Position >= text.Length || text[Position] != c) return false;
            Position++;
            return true;
        }

        private void SkipSpace()
        {
            while (Position < text.Length && char.IsWhiteSpace(text[Position])) Position++;
        }
    }
}
