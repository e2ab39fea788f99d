using System.Text.RegularExpressions;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Toolchain.Tests.Editors;

/// <summary>
/// The TextMate grammar (editors/vscode/syntaxes/sox.tmLanguage.json) cannot drift from the compiler: its keyword
/// rules colour exactly the lexer's keywords (§1.3), its built-in rule names exactly <see cref="Builtins"/> (§8), and
/// its C type alternatives are exactly the parser's C types (§9.2). The grammar's regular expressions are run here
/// with .NET's engine, which agrees with Oniguruma (what VS Code runs) on the syntax they use: \b, groups,
/// alternation, look-around. Needs no Node.js; the npm grammar tests (<see cref="VsCodeExtensionTests"/>) check the
/// same rules in VS Code's own engine on annotated samples.
/// </summary>
[TestClass]
public sealed class GrammarDriftTests
{
    /// <summary>The grammar rules that colour keywords, and the scopes a keyword may get.</summary>
    private static readonly string[] KeywordRules = ["keywords", "language-variables", "constants"];

    private static readonly string[] KeywordScopes = ["keyword.", "storage.type.", "constant.language.", "variable.language."];

    /// <summary>Every keyword of the lexer, read from it: each keyword kind's spelling, checked to lex as that kind.</summary>
    private static IReadOnlyList<string> LexerKeywords()
    {
        var kinds = Enum.GetValues<TokenKind>().Where(k => k >= TokenKind.And && k <= TokenKind.While).ToList();
        var words = new List<string>();
        foreach (var kind in kinds)
        {
            var word = kind.ToString().ToLowerInvariant();
            var tokens = Lexer.Tokenize(new SourceText("k.sox", word), new DiagnosticBag());
            Assert.AreEqual(kind, tokens[0].Kind, $"the lexer does not read '{word}' as {kind}: update this test's spelling rule");
            words.Add(word);
        }
        // Not a keyword: the lexer reads a name that merely starts like one as a name.
        Assert.AreEqual(TokenKind.Identifier, Lexer.Tokenize(new SourceText("k.sox", "iffy"), new DiagnosticBag())[0].Kind);
        return words;
    }

    /// <summary>The (regex, scope) pairs of the keyword rules.</summary>
    private static List<(Regex Pattern, string Scope)> KeywordPatterns()
    {
        var repository = VsCodeExtension.GrammarRepository();
        var patterns = new List<(Regex, string)>();
        foreach (var ruleName in KeywordRules)
        {
            Assert.IsTrue(repository.TryGetProperty(ruleName, out var rule), $"the grammar has no rule '{ruleName}'");
            var rules = rule.TryGetProperty("patterns", out var list) ? list.EnumerateArray().ToList() : [rule];
            foreach (var r in rules)
            {
                var scope = r.GetProperty("name").GetString()!;
                Assert.IsTrue(KeywordScopes.Any(s => scope.StartsWith(s, StringComparison.Ordinal)), $"'{scope}' is not a keyword scope");
                patterns.Add((new Regex(r.GetProperty("match").GetString()!, RegexOptions.CultureInvariant), scope));
            }
        }
        return patterns;
    }

    [TestMethod]
    public void EveryLexerKeywordIsColouredAsAKeyword()
    {
        var patterns = KeywordPatterns();
        var keywords = LexerKeywords();
        Assert.HasCount(26, keywords, "language.md §1.3 lists 26 keywords");
        var missing = keywords.Where(k => !patterns.Any(p => p.Pattern.Match(k) is { Success: true } m && m.Value == k)).ToList();
        Assert.AreEqual(0, missing.Count, "keywords the grammar does not colour: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void TheGrammarColoursNoWordTheLexerDoesNotReserve()
    {
        var keywords = LexerKeywords().ToHashSet(StringComparer.Ordinal);
        // The literal words of the keyword rules: their regexes without the \b anchors and group syntax.
        var words = KeywordPatterns()
            .SelectMany(p => Regex.Matches(p.Pattern.ToString().Replace(@"\b", " "), "[A-Za-z_][A-Za-z0-9_]*").Select(m => m.Value))
            .ToList();
        Assert.IsGreaterThanOrEqualTo(keywords.Count, words.Count);
        var extra = words.Where(w => !keywords.Contains(w)).Distinct().ToList();
        Assert.AreEqual(0, extra.Count, "the grammar colours as keywords words that are names to the compiler: " + string.Join(", ", extra));
        // Contextual words (§1.3) are names, and a keyword's prefix or extension is a name.
        foreach (var name in new[] { "extern", "export", "iffy", "classic", "fnord", "thistle", "nile", "printer" })
            Assert.IsFalse(KeywordPatterns().Any(p => p.Pattern.IsMatch(name)), $"'{name}' is a name, coloured as a keyword");
    }

    [TestMethod]
    public void TheBuiltinRuleNamesExactlyTheCompilersBuiltins()
    {
        var rule = VsCodeExtension.GrammarRepository().GetProperty("builtins");
        Assert.AreEqual("support.function.builtin.sox", rule.GetProperty("name").GetString());
        var pattern = new Regex(rule.GetProperty("match").GetString()!, RegexOptions.CultureInvariant);
        var alternatives = Regex.Match(pattern.ToString(), @"\(\?:([A-Za-z|]+)\)").Groups[1].Value.Split('|');
        CollectionAssert.AreEquivalent(Builtins.ByName.Keys.ToArray(), alternatives);
        foreach (var name in Builtins.ByName.Keys)
        {
            Assert.AreEqual(name, pattern.Match(name).Value, $"built-in {name}");
            Assert.IsFalse(pattern.IsMatch("t." + name), $"t.{name} is a property, not the built-in");
            Assert.IsFalse(pattern.IsMatch(name + "x"), $"{name}x is a name");
        }
    }

    [TestMethod]
    public void TheCTypeAlternativesAreExactlyTheParsersCTypes()
    {
        // The parser's C types, read back from it: each spelling must parse to its CType (§9.2).
        var cTypes = Enum.GetValues<CType>().Select(t => t.ToString().ToLowerInvariant()).ToArray();
        foreach (var type in cTypes)
        {
            var bag = new DiagnosticBag();
            var unit = Parser.Parse(new SourceText("c.sox", $"extern fn f(x: {type}): {type}\n"), bag);
            var extern_ = (ExternFnStmt)unit.Statements.Single();
            Assert.AreEqual(type, extern_.ReturnType.Type?.ToString().ToLowerInvariant(), $"the parser does not know the C type {type}");
        }
        var rules = new[] { "extern-declaration", "export-declaration", "c-parameters" };
        var texts = rules.Select(r => VsCodeExtension.GrammarRepository().GetProperty(r).GetRawText()).ToList();
        var lists = texts.SelectMany(t => Regex.Matches(t, @"\\\\b\((int[a-z0-9|]*)\)\\\\b").Select(m => m.Groups[1].Value)).ToList();
        Assert.HasCount(3, lists, "one C type alternation each in the extern and export return types and the C parameters");
        foreach (var list in lists) CollectionAssert.AreEquivalent(cTypes, list.Split('|'));
    }
}
