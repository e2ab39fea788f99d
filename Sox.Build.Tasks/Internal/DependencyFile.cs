using System.Text;

namespace Sox.Build.Tasks.Internal;

/// <summary>
/// The dependency file written beside each object (<c>main.o</c> → <c>main.d</c>), make-style so that other tools
/// can read it:
/// <code>
/// # key: sox &lt;compiler mvid&gt;;linux-x64;O0;entry:Run;name:main;imports:lib_math
/// /abs/obj/Debug/linux-x64/sox/main.o: \
///   /abs/main.sox \
///   /abs/lib/math.sox
/// </code>
/// The key holds everything besides source text that changes the object (<see cref="Sox.Compiler.Driver.ModuleCompiler.ObjectKey"/>);
/// the prerequisites are the module's source and the sources of the modules it imports.
/// </summary>
internal sealed record DependencyFile(string Key, string Object, IReadOnlyList<string> Prerequisites)
{
    private const string KeyPrefix = "# key: ";

    public static DependencyFile? Read(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var lines = File.ReadAllLines(path);
            if (lines.Length < 2 || !lines[0].StartsWith(KeyPrefix, StringComparison.Ordinal)) return null;
            var target = lines[1].TrimEnd('\\', ' ');
            if (!target.EndsWith(':')) return null;
            var prerequisites = lines.Skip(2).Select(l => Unescape(l.Trim().TrimEnd('\\').TrimEnd())).Where(l => l.Length > 0).ToList();
            return new DependencyFile(lines[0][KeyPrefix.Length..], Unescape(target[..^1]), prerequisites);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Write(string path)
    {
        var text = new StringBuilder();
        text.Append(KeyPrefix).Append(Key).Append('\n');
        text.Append(Escape(Object)).Append(':');
        foreach (var p in Prerequisites) text.Append(" \\\n  ").Append(Escape(p));
        text.Append('\n');
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>make's escaping of spaces; enough for the paths a project holds.</summary>
    private static string Escape(string path) => path.Replace(" ", "\\ ");

    private static string Unescape(string path) => path.Replace("\\ ", " ");
}
