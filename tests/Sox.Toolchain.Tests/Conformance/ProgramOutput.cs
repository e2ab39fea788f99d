using System.Text;

namespace Sox.Toolchain.Tests.Conformance;

/// <summary>
/// How a run of a test program is judged (tests/conformance/README.md, also tests/interop): stdout as bytes, stderr
/// line by line (or only its first line for <c>stderr-first</c>), then the exit code.
/// </summary>
internal static class ProgramOutput
{
    public static void AssertMatches(string context, byte[] expectedStdout, IReadOnlyList<string>? expectedStderr, string? expectedStderrFirst,
        int expectedExit, int exit, byte[] stdout, string stderr)
    {
        Assert.AreEqual(Encoding.UTF8.GetString(expectedStdout), Encoding.UTF8.GetString(stdout), $"stdout of {context}\nstderr:\n{stderr}");
        CollectionAssert.AreEqual(expectedStdout, stdout, $"stdout bytes of {context}");
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1] == "") lines.RemoveAt(lines.Count - 1);
        if (expectedStderrFirst is { } first)
        {
            Assert.IsNotEmpty(lines, $"stderr of {context} is empty");
            Assert.AreEqual(first, lines[0], $"first stderr line of {context}");
        }
        else
        {
            Assert.AreEqual(string.Join("\n", expectedStderr ?? []), string.Join("\n", lines), $"stderr of {context}");
        }
        Assert.AreEqual(expectedExit, exit, $"exit code of {context}\nstderr:\n{stderr}");
    }
}
