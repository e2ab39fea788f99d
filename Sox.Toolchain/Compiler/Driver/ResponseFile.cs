using System.Text;

namespace Sox.Compiler.Driver;

/// <summary>
/// Response files (<c>@file</c>) as the SDK hands them to the C compiler driver and the archiver: one argument a
/// line, in the syntax gcc, clang and GNU ar read (libiberty's: quotes group, a backslash escapes the next
/// character). The one place that knows the syntax, beside <see cref="LinkCommand"/> that makes the arguments.
/// </summary>
public static class ResponseFile
{
    /// <summary>The file's text for <paramref name="arguments"/>.</summary>
    public static string Format(IEnumerable<string> arguments)
    {
        var text = new StringBuilder();
        foreach (var argument in arguments) text.Append(Quote(argument)).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Writes the file only when its text changes, so that its timestamp moves exactly when an argument does: build
    /// steps that list it among their inputs rerun for a changed flag and for nothing else. True when written.
    /// </summary>
    public static bool WriteIfChanged(string path, IEnumerable<string> arguments)
    {
        var content = Format(arguments);
        if (File.Exists(path) && File.ReadAllText(path) == content) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, content);
        return true;
    }

    /// <summary>An argument as one response-file token: plain when it has nothing to escape, else quoted.</summary>
    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=+./,:".Contains(c))) return argument;
        return "\"" + argument.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
