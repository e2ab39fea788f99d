using Sox.Cli;
using Sox.Compiler.Syntax.Formatting;
using Sox.Compiler.Text;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Syntax.Formatting;

/// <summary>The canonical layout, case by case (input → output), and <c>sox fmt</c>'s files, folders, stdin and
/// <c>--check</c>.</summary>
[TestClass]
public sealed class FormatterStyleTests
{
    [TestMethod]
    [DataRow("var   x=1+2*3;\n", "var x = 1 + 2 * 3\n", DisplayName = "spaces around operators, no trailing semicolon")]
    [DataRow("print  foo ( a,b )[ 0 ] . bar\n", "print foo(a, b)[0].bar\n", DisplayName = "calls, indexing, member access")]
    [DataRow("var t = { \"k\" : 1 , b:[ 1,2 ] }\n", "var t = {\"k\": 1, b: [1, 2]}\n", DisplayName = "table and array literals")]
    [DataRow("fn f(){return -x}\n", "fn f() { return -x }\n", DisplayName = "one-line block, unary minus")]
    [DataRow("print - -3\nprint ! ok\n", "print - -3\nprint !ok\n", DisplayName = "unary operators")]
    [DataRow("print a[ 1 : 3 ] + a[:2]\n", "print a[1:3] + a[:2]\n", DisplayName = "slices")]
    [DataRow("class A{}\nfn g() {}\nvar e = {}\n", "class A {}\nfn g() {}\nvar e = {}\n", DisplayName = "empty braces")]
    [DataRow("if x {\n\t\tprint 1\n    } else {\nprint 2\n}\n", "if x {\n  print 1\n} else {\n  print 2\n}\n", DisplayName = "indentation by braces")]
    [DataRow("call(a, fn () {\nreturn 1\n})\n", "call(a, fn () {\n  return 1\n})\n", DisplayName = "one indent per line that opens brackets")]
    [DataRow("var total = a +\nb\n", "var total = a +\n  b\n", DisplayName = "continuation line")]
    [DataRow("var x = 1   // one\n\n\n  // two\nprint x;  /* three */ print y\n", "var x = 1 // one\n\n\n// two\nprint x; /* three */ print y\n", DisplayName = "comments and blank lines stay")]
    [DataRow("#[test]\nfn testA(t) { assert (1 == 1, \"m\") }\n", "#[test]\nfn testA(t) { assert(1 == 1, \"m\") }\n", DisplayName = "attributes and assert")]
    [DataRow("for (var i = 0;; i = i + 1) { break; }\n", "for (var i = 0; ; i = i + 1) { break }\n", DisplayName = "for clauses")]
    [DataRow("extern \"m\" fn cos(x:double):double\n", "extern \"m\" fn cos(x: double): double\n", DisplayName = "extern declaration")]
    public void Layout(string input, string expected)
    {
        var result = SourceFormatter.Format(new SourceText("style.sox", input));
        Assert.AreEqual(expected, result.Text);
    }

    [TestMethod]
    public void AFileWithSyntaxErrors_IsNotFormatted()
    {
        var result = SourceFormatter.Format(new SourceText("bad.sox", "fn f( {\n"));
        Assert.IsNull(result.Text);
        Assert.IsTrue(result.Diagnostics.Any(d => d.IsError));
    }

    [TestMethod]
    public void Cli_FormatsFilesAndFolders_CheckReports_AndStdinWorks()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.sox"), "var x=1\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "lib"));
        File.WriteAllText(Path.Combine(dir.Path, "lib", "b.sox"), "print  x\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "obj"));
        File.WriteAllText(Path.Combine(dir.Path, "obj", "skip.sox"), "print  skipped\n");

        var check = CliRun.Of("fmt", "--check", dir.Path);
        Assert.AreEqual(ExitCodes.Failure, check.ExitCode, check.Error);
        CollectionAssert.AreEquivalent(new[] { dir.File("a.sox"), Path.Combine(dir.Path, "lib", "b.sox") },
            check.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.AreEqual("var x=1\n", File.ReadAllText(dir.File("a.sox")), "--check changes nothing");

        Assert.AreEqual(ExitCodes.Success, CliRun.Of("fmt", dir.Path).ExitCode);
        Assert.AreEqual("var x = 1\n", File.ReadAllText(dir.File("a.sox")));
        Assert.AreEqual("print x\n", File.ReadAllText(Path.Combine(dir.Path, "lib", "b.sox")));
        Assert.AreEqual("print  skipped\n", File.ReadAllText(Path.Combine(dir.Path, "obj", "skip.sox")), "build folders are skipped");
        Assert.AreEqual(ExitCodes.Success, CliRun.Of("fmt", "--check", dir.Path).ExitCode, "formatted: --check passes");

        File.WriteAllText(dir.File("bad.sox"), "fn (\n");
        var bad = CliRun.Of("fmt", dir.File("bad.sox"));
        Assert.AreEqual(ExitCodes.Failure, bad.ExitCode);
        StringAssert.Contains(bad.Error, "error SOX");

        var stdout = new StringWriter();
        var code = SoxCli.Run(["fmt", "-"], stdout, new StringWriter(), new StringReader("print(1+1);\n"));
        Assert.AreEqual(ExitCodes.Success, code);
        Assert.AreEqual("print (1 + 1)\n", stdout.ToString());
    }
}
