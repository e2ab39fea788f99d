using Sox.Compiler.Syntax.Ast;
using static Sox.Toolchain.Tests.Syntax.ParserTestHelpers;

namespace Sox.Toolchain.Tests.Syntax;

/// <summary>Statements of §4.</summary>
[TestClass]
public sealed class ParserStatementTests
{
    [TestMethod]
    [DataRow("var x = 1", "(var x 1)")]
    [DataRow("var y", "(var y _)")]
    [DataRow("var arr[]", "(var[] arr (array))")]
    [DataRow("var arr[] = {0, 1, 2}", "(var[] arr (array 0 1 2))")]
    [DataRow("var t = {}", "(var t (table))")]
    [DataRow("var a = b = c", "(var a (= b c))")]
    public void Var(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    public void ArrayDeclarationFlags()
    {
        var (unit, _) = Parse("var a[]\nvar b[] = {1}\nvar c = {1}");
        var vars = unit.Statements.Cast<VarStmt>().ToArray();
        Assert.IsTrue(vars[0].IsArrayForm);
        Assert.AreEqual(0, ((ArrayLiteral)vars[0].Initializer!).Elements.Count);
        Assert.IsTrue(vars[1].IsArrayForm);
        Assert.IsFalse(vars[2].IsArrayForm);
    }

    [TestMethod]
    [DataRow("print 1", "(print 1)")]
    [DataRow("print(1)", "(print (group 1))")]
    [DataRow("print (1) + 2", "(print (+ (group 1) 2))")]
    [DataRow("print {a: 1}", "(print (table \"a\":1))")]
    public void Print(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    [DataRow("if a { print 1 }", "(if a (block (print 1)) _)")]
    [DataRow("if (a) { print 1 }", "(if a (block (print 1)) _)")]
    [DataRow("if (n < 2) return n", "(if (< n 2) (return n) _)")]
    [DataRow("if (a) print 1 else print 2", "(if a (print 1) (print 2))")]
    [DataRow("if a { } else { print 2 }", "(if a (block) (block (print 2)))")]
    [DataRow("if a { } else if b { } else { }", "(if a (block) (if b (block) (block)))")]
    [DataRow("if (a) + b { }", "(if (+ (group a) b) (block) _)")]
    [DataRow("if a == b { }", "(if (== a b) (block) _)")]
    [DataRow("if f({}) { }", "(if (call f (table)) (block) _)")]
    [DataRow("if a\n{\nprint 1\n}\nelse\n{\n}", "(if a (block (print 1)) (block))")]
    public void If(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    [DataRow("while a { a = a - 1 }", "(while a (block (expr (= a (- a 1)))))")]
    [DataRow("while (a) a = a - 1", "(while a (expr (= a (- a 1))))")]
    [DataRow("while (a) { }", "(while a (block))")]
    [DataRow("while (a) if (b) break", "(while a (if b (break) _))")]
    public void While(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    [DataRow("for var i = 0; i < n; i = i + 1 { print i }", "(for (var i 0) (< i n) (= i (+ i 1)) (block (print i)))")]
    [DataRow("for (var i = 0; i < n; i = i + 1) print i", "(for (var i 0) (< i n) (= i (+ i 1)) (print i))")]
    [DataRow("for (var i = 0; i < n; i = i + 1) { }", "(for (var i 0) (< i n) (= i (+ i 1)) (block))")]
    [DataRow("for ;; { }", "(for _ _ _ (block))")]
    [DataRow("for (;;) { }", "(for _ _ _ (block))")]
    [DataRow("for i = 0; i < 3; { }", "(for (expr (= i 0)) (< i 3) _ (block))")]
    [DataRow("for (; i < 3;) i = i + 1", "(for _ (< i 3) _ (expr (= i (+ i 1))))")]
    [DataRow("for (var t = {}; t; t = nil) { }", "(for (var t (table)) t (= t nil) (block))")]
    [DataRow("for var t = {}; t != {1}; t = nil { }", "(for (var t (table)) (!= t (array 1)) (= t nil) (block))")]
    public void For(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    [DataRow("foreach var v in xs { print v }", "(foreach (v) xs (block (print v)))")]
    [DataRow("foreach var k, v in t { }", "(foreach (k v) t (block))")]
    [DataRow("foreach (var v in xs) print v", "(foreach (v) xs (print v))")]
    [DataRow("foreach (var i, c in \"ab\") { }", "(foreach (i c) \"ab\" (block))")]
    [DataRow("foreach var v in [1, 2] { }", "(foreach (v) (array 1 2) (block))")]
    [DataRow("foreach var v in f(x).y { }", "(foreach (v) (. (call f x) y) (block))")]
    public void Foreach(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    public void ForeachNames()
    {
        var (unit, _) = Parse("foreach var k, v in t { }\nforeach var w in t { }");
        var two = (ForeachStmt)unit.Statements[0];
        var one = (ForeachStmt)unit.Statements[1];
        Assert.AreEqual("k", two.KeyName!.Text);
        Assert.AreEqual("v", two.ValueName.Text);
        Assert.IsNull(one.KeyName);
        Assert.AreEqual("w", one.ValueName.Text);
    }

    [TestMethod]
    [DataRow("switch x { }", "(switch x)")]
    [DataRow("switch x { case 1 { print 1 } }", "(switch x (case (1) (block (print 1))))")]
    [DataRow("switch x { case 1 { } case 2 case 3 { print 3 } default { print 0 } }",
        "(switch x (case (1) (block)) (case (2 3) (block (print 3))) (default (block (print 0))))")]
    [DataRow("switch x { default { } case \"a\" { } }", "(switch x (default (block)) (case (\"a\") (block)))")]
    [DataRow("switch x { case 2, 3 { } }", "(switch x (case (2 3) (block)))")]
    [DataRow("switch (x) { case a + 1 { } }", "(switch x (case ((+ a 1)) (block)))")]
    [DataRow("switch x {\ncase 1\ncase 2\n{ break }\n}", "(switch x (case (1 2) (block (break))))")]
    [DataRow("switch x { case 1 default { } }", "(switch x (default+case (1) (block)))")]
    public void Switch(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    public void SwitchArmsShareOneBody()
    {
        var (unit, _) = Parse("switch x { case 2 case 3 { } default { } }");
        var cases = ((SwitchStmt)unit.Statements[0]).Cases;
        Assert.AreEqual(2, cases.Count);
        Assert.AreEqual(2, cases[0].Values.Count);
        Assert.IsFalse(cases[0].IsDefault);
        Assert.IsTrue(cases[1].IsDefault);
        Assert.AreEqual(0, cases[1].Values.Count);
    }

    [TestMethod]
    [DataRow("while a { break }", "(while a (block (break)))")]
    [DataRow("while a { continue; }", "(while a (block (continue)))")]
    [DataRow("fn f() { return }", "(fn:function f () (return))")]
    [DataRow("fn f() { return; }", "(fn:function f () (return))")]
    [DataRow("fn f() { return 1 }", "(fn:function f () (return 1))")]
    [DataRow("return", "(return)")]
    [DataRow("return\nprint 1", "(return)\n(print 1)")]
    [DataRow("return\n-1", "(return (- 1))")]
    [DataRow("return {add: add}", "(return (table \"add\":add))")]
    public void BreakContinueReturn(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    [DataRow("defer { print 1 }", "(defer (fn:defer () (print 1)))")]
    [DataRow("defer () { print 1 }", "(defer (fn:defer () (print 1)))")]
    public void Defer(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    [DataRow("assert(a == 1, \"msg\")", "(assert (== a 1) \"msg\")")]
    [DataRow("assert(a)", "(assert a)")]
    [DataRow("assert({} != nil)", "(assert (!= (table) nil))")]
    public void Assert_(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    [DataRow("{ }", "(block)")]
    [DataRow("{ var a = 1 { print a } }", "(block (var a 1) (block (print a)))")]
    public void Blocks(string text, string expected) => AssertAst(text, expected);

    /// <summary>At the start of a statement "{" always begins a block (§4): "{ a: 1 }" is a block with a stray ':'.</summary>
    [TestMethod]
    public void BraceAtStatementStartIsABlockNotATable() => AssertDiagnostics("{ a: 1 }", "SOX2001@1:4");

    [TestMethod]
    public void StatementSpans()
    {
        var (unit, _) = Parse("var a = 1;\n  if a { print a }");
        Assert.AreEqual(new Sox.Compiler.Text.TextSpan(0, 9), unit.Statements[0].Span);
        Assert.AreEqual(new Sox.Compiler.Text.TextSpan(13, 16), unit.Statements[1].Span);
    }
}
