using Sox.Compiler.Syntax.Ast;
using static Sox.Toolchain.Tests.Syntax.ParserTestHelpers;

namespace Sox.Toolchain.Tests.Syntax;

/// <summary>Functions, attributes, classes, imports, extern and export (§5–§9).</summary>
[TestClass]
public sealed class ParserDeclarationTests
{
    [TestMethod]
    [DataRow("fn f() { }", "(fn:function f ())")]
    [DataRow("fn add(a, b) { return a + b }", "(fn:function add (a b) (return (+ a b)))")]
    [DataRow("fn main(argc, argv) { fn inner() { } }", "(fn:function main (argc argv) (fn:function inner ()))")]
    [DataRow("#[test] fn t1(t) { t.Error(\"x\") }", "(fn:function #[test] t1 (t) (expr (call (. t Error) \"x\")))")]
    [DataRow("#[test]\n#[test]\nfn t2(t) { }", "(fn:function #[test] #[test] t2 (t))")]
    public void Functions(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    public void TestAttributeMarksTheFunction()
    {
        var (unit, _) = Parse("#[test] fn a(t) { }\nfn b(t) { }");
        var a = ((FunctionStmt)unit.Statements[0]).Function;
        var b = ((FunctionStmt)unit.Statements[1]).Function;
        Assert.IsTrue(a.IsTest);
        Assert.AreEqual(FunctionKind.Function, a.Kind);
        Assert.IsFalse(b.IsTest);
    }

    [TestMethod]
    [DataRow("class A { }", "(class A)")]
    [DataRow("class B < A { init(x) { this.x = x } m() { return super.m() + 1 } }",
        "(class B < A (fn:initializer init (x) (expr (= (. this x) x))) (fn:method m () (return (+ (call (super m)) 1))))")]
    [DataRow("class C { fn m() { } fn init() { } }", "(class C (fn:method m ()) (fn:initializer init ()))")]
    [DataRow("class D {\n  a() { }\n  b(x, y) { }\n}", "(class D (fn:method a ()) (fn:method b (x y)))")]
    public void Classes(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    public void ClassSuperclassIsAVariable()
    {
        var (unit, _) = Parse("class B < A { }");
        var cls = (ClassStmt)unit.Statements[0];
        Assert.AreEqual("A", cls.Superclass!.Name.Text);
        Assert.AreEqual("B", cls.Name.Text);
    }

    [TestMethod]
    [DataRow("import \"a\"", "(import \"a\")")]
    [DataRow("import m \"lib/math\"", "(import (m \"lib/math\"))")]
    [DataRow("import ( \"a\" b \"lib/b\" )", "(import \"a\" (b \"lib/b\"))")]
    [DataRow("import (\n  \"a\"\n  b \"lib/b\"\n)", "(import \"a\" (b \"lib/b\"))")]
    [DataRow("import (\"a\", b \"lib/b\"; \"c\",)", "(import \"a\" (b \"lib/b\") \"c\")")]
    [DataRow("import ()", "(import)")]
    public void Imports(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    public void ImportSpans()
    {
        var (unit, _) = Parse("import m \"lib/m\"");
        var spec = ((ImportStmt)unit.Statements[0]).Imports[0];
        Assert.AreEqual("m", spec.Alias!.Text);
        Assert.AreEqual("lib/m", spec.Path);
        Assert.AreEqual(new Sox.Compiler.Text.TextSpan(9, 7), spec.PathSpan);
    }

    [TestMethod]
    [DataRow("extern fn puts(s: cstring): int", "(extern _ puts (s:cstring) int)")]
    [DataRow("extern fn pow(x: double, y: double): double", "(extern _ pow (x:double y:double) double)")]
    [DataRow("extern fn printf(fmt: cstring, ...): int", "(extern _ printf (fmt:cstring ...) int)")]
    [DataRow("extern \"mylib\" fn scale(v: double, k: int32): double", "(extern \"mylib\" scale (v:double k:int32) double)")]
    [DataRow("extern fn f()", "(extern _ f () void)")]
    [DataRow("extern fn g(a: int32, b: uint8, c: float, d: bool, e: pointer): void", "(extern _ g (a:int32 b:uint8 c:float d:bool e:pointer) void)")]
    [DataRow("extern fn h(a: long): widget", "(extern _ h (a:long?) widget?)")]
    [DataRow("extern fn v(...)", "(extern _ v (...) void)")]
    public void Extern(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    public void ExternTypes()
    {
        var (unit, _) = Parse("extern fn f(a: int, b: long): cstring");
        var ext = (ExternFnStmt)unit.Statements[0];
        Assert.AreEqual(CType.Int, ext.Parameters[0].Type.Type);
        Assert.IsNull(ext.Parameters[1].Type.Type);
        Assert.AreEqual("long", ext.Parameters[1].Type.Text);
        Assert.AreEqual(CType.CString, ext.ReturnType.Type);
        Assert.IsFalse(ext.IsVariadic);
        Assert.IsNull(ext.Library);
    }

    [TestMethod]
    [DataRow("export fn area(w: double, h: double): double { return w * h }",
        "(export area (w:double h:double) double (return (* w h)))")]
    [DataRow("export fn tick() { }", "(export tick () void)")]
    public void Export(string text, string expected) => AssertAst(text, expected);

    [TestMethod]
    public void ExportBodyIsAnExportFunction()
    {
        var (unit, _) = Parse("export fn area(w: double, h: double): double { return w * h }");
        var export = (ExportFnStmt)unit.Statements[0];
        Assert.AreEqual(FunctionKind.Export, export.Function.Kind);
        CollectionAssert.AreEqual(new[] { "w", "h" }, export.Function.Parameters.Select(p => p.Text).ToArray());
        Assert.AreEqual("area", export.Function.Name!.Text);
    }

    [TestMethod]
    [DataRow("extern = 1\nprint extern", "(expr (= extern 1))\n(print extern)")]
    [DataRow("export(1)", "(expr (call export 1))")]
    [DataRow("var export = extern", "(var export extern)")]
    public void ExternAndExportAreContextual(string text, string expected) => AssertAst(text, expected);
}
