using Sox.Compiler.Syntax.Ast;
using static Sox.Toolchain.Tests.Syntax.ParserTestHelpers;

namespace Sox.Toolchain.Tests.Syntax;

/// <summary>Expressions of §3: every precedence level, associativity, postfix forms and literals.</summary>
[TestClass]
public sealed class ParserExpressionTests
{
    /// <summary>Parses one expression statement and compares the dump of its expression.</summary>
    private static void AssertExpr(string text, string expected) => AssertAst(text, $"(expr {expected})");

    [TestMethod]
    [DataRow("1", "1")]
    [DataRow("3.25", "3.25")]
    [DataRow("\"a\\tb\"", "\"a\\tb\"")]
    [DataRow("true", "true")]
    [DataRow("false", "false")]
    [DataRow("nil", "nil")]
    [DataRow("this", "this")]
    [DataRow("abc", "abc")]
    [DataRow("extern", "extern")]
    [DataRow("export", "export")]
    [DataRow("(1)", "(group 1)")]
    [DataRow("super.m", "(super m)")]
    [DataRow("super.m(1)", "(call (super m) 1)")]
    public void Primaries(string text, string expected) => AssertExpr(text, expected);

    [TestMethod]
    // Each row pairs two adjacent levels of the table: the higher one binds tighter on both sides.
    [DataRow("a = b or c", "(= a (or b c))")]
    [DataRow("a or b and c", "(or a (and b c))")]
    [DataRow("a and b or c", "(or (and a b) c)")]
    [DataRow("a and b == c", "(and a (== b c))")]
    [DataRow("a == b and c", "(and (== a b) c)")]
    [DataRow("a == b < c", "(== a (< b c))")]
    [DataRow("a < b == c", "(== (< a b) c)")]
    [DataRow("a < b + c", "(< a (+ b c))")]
    [DataRow("a + b < c", "(< (+ a b) c)")]
    [DataRow("a + b * c", "(+ a (* b c))")]
    [DataRow("a * b + c", "(+ (* a b) c)")]
    [DataRow("-a * b", "(* (- a) b)")]
    [DataRow("a * -b", "(* a (- b))")]
    [DataRow("-a.b", "(- (. a b))")]
    [DataRow("!f()", "(! (call f))")]
    [DataRow("-a[1]", "(- ([] a 1))")]
    [DataRow("(a + b) * c", "(* (group (+ a b)) c)")]
    public void PrecedenceOfEveryLevel(string text, string expected) => AssertExpr(text, expected);

    [TestMethod]
    [DataRow("a - b - c", "(- (- a b) c)")]
    [DataRow("a / b / c", "(/ (/ a b) c)")]
    [DataRow("a % b * c", "(* (% a b) c)")]
    [DataRow("a == b != c", "(!= (== a b) c)")]
    [DataRow("a < b <= c > d >= e", "(>= (> (<= (< a b) c) d) e)")]
    [DataRow("a or b or c", "(or (or a b) c)")]
    [DataRow("a and b and c", "(and (and a b) c)")]
    [DataRow("a = b = c", "(= a (= b c))")]
    [DataRow("!!a", "(! (! a))")]
    [DataRow("--a", "(- (- a))")]
    [DataRow("a + b - c", "(- (+ a b) c)")]
    public void Associativity(string text, string expected) => AssertExpr(text, expected);

    [TestMethod]
    public void EveryBinaryOperator()
    {
        foreach (var op in new[] { "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=" })
            AssertExpr($"a {op} b", $"({op} a b)");
    }

    [TestMethod]
    [DataRow("f()", "(call f)")]
    [DataRow("f(1, 2)(3)", "(call (call f 1 2) 3)")]
    [DataRow("a.b.c", "(. (. a b) c)")]
    [DataRow("a.b(1).c", "(. (call (. a b) 1) c)")]
    [DataRow("a[1][2]", "([] ([] a 1) 2)")]
    [DataRow("a[i:j]", "([:] a i j)")]
    [DataRow("a[i:]", "([:] a i _)")]
    [DataRow("a[:j]", "([:] a _ j)")]
    [DataRow("a[:]", "([:] a _ _)")]
    [DataRow("a[1 + 2:n - 1]", "([:] a (+ 1 2) (- n 1))")]
    [DataRow("\"abc\"[1]", "([] \"abc\" 1)")]
    public void CallsAndAccess(string text, string expected) => AssertExpr(text, expected);

    [TestMethod]
    [DataRow("x = 1", "(= x 1)")]
    [DataRow("a.b = 1", "(= (. a b) 1)")]
    [DataRow("a[i] = 1", "(= ([] a i) 1)")]
    [DataRow("a.b.c = d = 2", "(= (. (. a b) c) (= d 2))")]
    [DataRow("f().x = 1", "(= (. (call f) x) 1)")]
    public void AssignmentTargets(string text, string expected) => AssertExpr(text, expected);

    [TestMethod]
    [DataRow("[]", "(array)")]
    [DataRow("[1, 2, 3]", "(array 1 2 3)")]
    [DataRow("[1, 2,]", "(array 1 2)")]
    [DataRow("[[1], []]", "(array (array 1) (array))")]
    public void ArrayLiterals(string text, string expected) => AssertExpr(text, expected);

    [TestMethod]
    [DataRow("x = {}", "(= x (table))")]
    [DataRow("x = {1, 2}", "(= x (array 1 2))")]
    [DataRow("x = {1, 2,}", "(= x (array 1 2))")]
    [DataRow("x = {a}", "(= x (array a))")]
    [DataRow("x = {\"s\"}", "(= x (array \"s\"))")]
    [DataRow("x = {a: 1, \"k 2\": b}", "(= x (table \"a\":1 \"k 2\":b))")]
    [DataRow("x = {a: 1,}", "(= x (table \"a\":1))")]
    [DataRow("x = {a: {b: {}}}", "(= x (table \"a\":(table \"b\":(table))))")]
    [DataRow("x = {a: [1, {2}]}", "(= x (table \"a\":(array 1 (array 2))))")]
    public void BraceLiterals(string text, string expected) => AssertExpr(text, expected);

    [TestMethod]
    [DataRow("f = fn () { }", "(= f (fn:lambda ()))")]
    [DataRow("f = fn (a, b) { return a + b }", "(= f (fn:lambda (a b) (return (+ a b))))")]
    [DataRow("fn (x) { print x }(1)", "(call (fn:lambda (x) (print x)) 1)")]
    [DataRow("f(fn () { return {} })", "(call f (fn:lambda () (return (table))))")]
    public void Lambdas(string text, string expected) => AssertExpr(text, expected);

    [TestMethod]
    public void LambdaHasKindLambdaAndNoName()
    {
        var (unit, _) = Parse("var f = fn (a) { }");
        var function = ((FunctionExpr)((VarStmt)unit.Statements[0]).Initializer!).Function;
        Assert.AreEqual(FunctionKind.Lambda, function.Kind);
        Assert.IsNull(function.Name);
    }

    [TestMethod]
    public void GreedyParsingContinuesAcrossLines()
    {
        AssertAst("var a = 1\n-1", "(var a (- 1 1))");
        AssertAst("print a\n(b)", "(print (call a b))");
        AssertAst("var x = a\n.b", "(var x (. a b))");
        AssertAst("var x = a\n[0]", "(var x ([] a 0))");
        AssertAst("var x = a or\n b", "(var x (or a b))");
    }

    [TestMethod]
    public void AStatementEndsWhereTheNextTokenCannotContinueIt()
    {
        AssertAst("var a = 1 print a", "(var a 1)\n(print a)");
        AssertAst("print a b", "(print a)\n(expr b)");
        AssertAst("x = 1; y = 2;", "(expr (= x 1))\n(expr (= y 2))");
        AssertAst(";;print 1;;", "(print 1)");
    }

    [TestMethod]
    public void SpansCoverTheWholeExpression()
    {
        var (unit, _) = Parse("x = a.b(1, 2) + c[3]");
        var assign = (AssignExpr)((ExpressionStmt)unit.Statements[0]).Expression;
        Assert.AreEqual(new Sox.Compiler.Text.TextSpan(0, 20), assign.Span);
        var sum = (BinaryExpr)assign.Value;
        Assert.AreEqual(new Sox.Compiler.Text.TextSpan(4, 16), sum.Span);
        Assert.AreEqual(new Sox.Compiler.Text.TextSpan(14, 1), sum.OperatorSpan);
        var call = (CallExpr)sum.Left;
        Assert.AreEqual(new Sox.Compiler.Text.TextSpan(4, 9), call.Span);
        Assert.AreEqual(new Sox.Compiler.Text.TextSpan(12, 1), call.CloseParenSpan);
    }

    [TestMethod]
    public void StringAndNumberValuesAreDecoded()
    {
        var (unit, _) = Parse("x = [\"a\\u{41}\", 2.5]");
        var array = (ArrayLiteral)((AssignExpr)((ExpressionStmt)unit.Statements[0]).Expression).Value;
        Assert.AreEqual("aA", ((StringLiteral)array.Elements[0]).Value);
        Assert.AreEqual(2.5, ((NumberLiteral)array.Elements[1]).Value);
    }

    [TestMethod]
    public void CallWith255ArgumentsIsFine()
    {
        var args = string.Join(", ", Enumerable.Range(0, 255));
        var (unit, bag) = Parse($"f({args})");
        Assert.AreEqual(0, bag.Count);
        Assert.AreEqual(255, ((CallExpr)((ExpressionStmt)unit.Statements[0]).Expression).Arguments.Count);
    }

    [TestMethod]
    public void LambdaWith255ParametersIsFine()
    {
        var parameters = string.Join(", ", Enumerable.Range(0, 255).Select(i => "p" + i));
        var (_, bag) = Parse($"var f = fn ({parameters}) {{ }}");
        Assert.AreEqual(0, bag.Count);
    }
}
