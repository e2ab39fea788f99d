using System.Globalization;
using System.Text.RegularExpressions;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Disassembles raw A64 code with GNU <c>aarch64-linux-gnu-objdump -D -z -b binary -m aarch64 -M no-aliases</c>, the
/// independent oracle of the round trips; the no-aliases option prints the underlying encoding (<c>subs xzr, …</c>
/// rather than <c>cmp</c>), so the tests need not guess which alias a disassembler prefers.
/// </summary>
internal static partial class ObjdumpDisassembler
{
    public const string Tool = "aarch64-linux-gnu-objdump";

    /// <summary>Instruction text by byte offset; ends the test as Inconclusive when objdump is missing.</summary>
    public static Dictionary<int, string> Disassemble(byte[] code)
    {
        var objdump = ExternalTool.Require(Tool);
        using var temp = new TempDirectory();
        var file = temp.File("code.bin");
        File.WriteAllBytes(file, code);
        var output = ExternalTool.RunClean(objdump, temp.Path, "-D", "-z", "-b", "binary", "-m", "aarch64", "-M", "no-aliases", file);
        var result = new Dictionary<int, string>();
        foreach (var line in output.Split('\n'))
        {
            var match = Line().Match(line);
            if (!match.Success) continue;
            result[int.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = Normalize(match.Groups[2].Value);
        }
        return result;
    }

    /// <summary>Drops a trailing <c>// comment</c> and collapses white space to single spaces.</summary>
    public static string Normalize(string text) => Spaces().Replace(Comment().Replace(text, ""), " ").Trim();

    [GeneratedRegex(@"^\s*([0-9a-f]+):\t[0-9a-f]{8} \t(.*)$")]
    private static partial Regex Line();

    [GeneratedRegex(@"\s*//.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
