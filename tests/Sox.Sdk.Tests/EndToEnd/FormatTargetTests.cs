using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>issue 14: <c>dotnet build -t:SoxFormat</c> formats the project's files as <c>sox fmt</c> does;
/// <c>-p:SoxFormatCheck=true</c> reports SOX6011 instead, for CI.</summary>
[TestClass]
public sealed class FormatTargetTests
{
    [TestMethod]
    public void SoxFormat_ChecksThenFormats_TheProjectsSoxFiles()
    {
        var project = TestProject.Create("format", "app", "<Project Sdk=\"Sox.Sdk\" />",
            ("main.sox", "import \"lib/util\"\nprint  util.twice( 2 );\n"), ("lib/util.sox", "fn twice(x){return x*2}\nreturn {twice: twice}\n"));

        var check = project.DotNet("build", project.ProjectFile, "-t:SoxFormat", "-p:SoxFormatCheck=true").ShouldFail();
        StringAssert.Contains(check.Output, "main.sox : error SOX6011: The file is not formatted.");
        StringAssert.Contains(check.Output, "util.sox : error SOX6011");
        Assert.AreEqual("import \"lib/util\"\nprint  util.twice( 2 );\n", File.ReadAllText(project.PathOf("main.sox")), "a check changes nothing");

        project.DotNet("build", project.ProjectFile, "-t:SoxFormat").ShouldSucceed();
        Assert.AreEqual("import \"lib/util\"\nprint util.twice(2)\n", File.ReadAllText(project.PathOf("main.sox")));
        Assert.AreEqual("fn twice(x) { return x * 2 }\nreturn {twice: twice}\n", File.ReadAllText(project.PathOf("lib/util.sox")));
        project.DotNet("build", project.ProjectFile, "-t:SoxFormat", "-p:SoxFormatCheck=true").ShouldSucceed();
        Assert.IsFalse(Directory.Exists(project.PathOf("bin")), "formatting builds nothing");
    }
}
