using Sox.Cli;

namespace Sox.Toolchain.Tests.Cli;

[TestClass]
public sealed class CommandLineTests
{
    private static readonly string[] s_flags = ["help", "warnaserror"];
    private static readonly string[] s_valued = ["target"];

    [TestMethod]
    public void OptionsAndOperandsMayInterleave()
    {
        var line = CommandLine.Parse(["a.sox", "--warnaserror", "b.sox", "--target", "linux-x64"], s_flags, s_valued, out var error);
        Assert.IsNull(error);
        Assert.IsNotNull(line);
        CollectionAssert.AreEqual(new[] { "a.sox", "b.sox" }, line.Operands.ToArray());
        Assert.IsTrue(line.Has("warnaserror"));
        Assert.AreEqual("linux-x64", line.Value("target"));
    }

    [TestMethod]
    public void ValuedOptionAcceptsTheEqualsForm()
    {
        var line = CommandLine.Parse(["--target=linux-arm64"], s_flags, s_valued, out _);
        Assert.AreEqual("linux-arm64", line!.Value("target"));
    }

    [TestMethod]
    public void DoubleDashEndsOptionsSoFilesMayStartWithADash()
    {
        var line = CommandLine.Parse(["--", "--odd.sox", "-"], s_flags, s_valued, out _);
        CollectionAssert.AreEqual(new[] { "--odd.sox", "-" }, line!.Operands.ToArray());
        Assert.IsFalse(line.Has("odd.sox"));
    }

    [TestMethod]
    public void ShortHelpAliasesMapToHelp()
    {
        Assert.IsTrue(CommandLine.Parse(["-h"], s_flags, s_valued, out _)!.Has("help"));
        Assert.IsTrue(CommandLine.Parse(["-?"], s_flags, s_valued, out _)!.Has("help"));
    }

    [TestMethod]
    public void UsageErrorsNameTheProblem()
    {
        Assert.IsNull(CommandLine.Parse(["--nope"], s_flags, s_valued, out var unknown));
        StringAssert.Contains(unknown, "unknown option '--nope'");
        Assert.IsNull(CommandLine.Parse(["--target"], s_flags, s_valued, out var missing));
        StringAssert.Contains(missing, "needs a value");
        Assert.IsNull(CommandLine.Parse(["--warnaserror=yes"], s_flags, s_valued, out var extra));
        StringAssert.Contains(extra, "takes no value");
    }
}
