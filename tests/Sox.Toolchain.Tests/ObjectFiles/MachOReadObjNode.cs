using System.Globalization;
using System.Text.RegularExpressions;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// One block of <c>llvm-readobj</c>'s indented output (<c>Name {</c> … <c>}</c> or <c>Name [ (0x…)</c> … <c>]</c>):
/// its <c>Key: Value</c> fields (bare words such as <c>Extern</c> are fields with an empty value) and its
/// sub-blocks. A list block's own <c>(0x…)</c> is kept as the field with the empty key.
/// </summary>
internal sealed partial class MachOReadObjNode(string name)
{
    public string Name { get; } = name;
    public List<(string Key, string Value)> Fields { get; } = [];
    public List<MachOReadObjNode> Children { get; } = [];

    public static MachOReadObjNode Parse(string output)
    {
        var root = new MachOReadObjNode("");
        var stack = new Stack<MachOReadObjNode>();
        stack.Push(root);
        foreach (var raw in output.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0) continue;
            if (line is "}" or "]") { if (stack.Count > 1) stack.Pop(); continue; }
            Match m;
            if ((m = Open().Match(line)).Success)
            {
                var node = new MachOReadObjNode(m.Groups[1].Value.Trim());
                if (m.Groups[2].Success) node.Fields.Add(("", m.Groups[2].Value));
                stack.Peek().Children.Add(node);
                stack.Push(node);
                continue;
            }
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0) stack.Peek().Fields.Add((line[..colon], line[(colon + 2)..]));
            else if (line.EndsWith(':')) stack.Peek().Fields.Add((line[..^1], ""));
            else stack.Peek().Fields.Add((line, ""));
        }
        return root;
    }

    public MachOReadObjNode Child(string name) => Children.FirstOrDefault(c => c.Name == name) ?? throw new AssertFailedException($"llvm-readobj printed no {name} block under {Name}");

    public bool Has(string key) => Fields.Any(f => f.Key == key);

    public string Text(string key) => Fields.FirstOrDefault(f => f.Key == key) is { Key: not null } f ? f.Value : throw new AssertFailedException($"llvm-readobj printed no {key} in {Name}");

    /// <summary>A numeric field: <c>0x…</c>, a decimal, or the <c>(0x…)</c>/<c>(N)</c> after a name (<c>Arm64 (0x100000C)</c>).</summary>
    public ulong Number(string key)
    {
        string text = Text(key).Trim();
        var inParentheses = Parenthesised().Match(text);
        if (inParentheses.Success) text = inParentheses.Groups[1].Value;
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(text, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(.*?)\s*(?:\{|\[\s*(?:\((0x[0-9A-Fa-f]+)\))?)$")]
    private static partial Regex Open();
    [GeneratedRegex(@"\((0x[0-9A-Fa-f]+|\d+)\)\s*$")]
    private static partial Regex Parenthesised();
}
