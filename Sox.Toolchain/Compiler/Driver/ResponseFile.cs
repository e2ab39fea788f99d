using System.Text;

namespace Sox.Compiler.Driver;

/// <summary>How a tool splits a response file into arguments.</summary>
public enum ResponseFileSyntax
{
    /// <summary>
    /// libiberty's (gcc, GNU ar) and LLVM's <c>TokenizeGNUCommandLine</c> (clang's driver in its GNU mode on every
    /// host, llvm-ar off Windows): whitespace separates, quotes group, a backslash escapes the next character inside
    /// quotes and out — so a Windows path's backslashes must be doubled (<c>C:\o\a.o</c> is <c>"C:\\o\\a.o"</c>).
    /// </summary>
    Gnu,
    /// <summary>
    /// The Windows command-line rules (LLVM's <c>TokenizeWindowsCommandLine</c>, as <c>CommandLineToArgvW</c>):
    /// backslashes are literal unless a quote follows them. llvm-lib reads its response files so on every host, and
    /// llvm-ar on Windows ("--rsp-quoting: the default when on Windows is windows", llvm-ar's manual).
    /// </summary>
    Windows,
}

/// <summary>
/// Response files (<c>@file</c>) as the SDK hands them to the C compiler driver and the archiver: one argument a
/// line, in the syntax the tool reads (<see cref="ResponseFileSyntax"/>: GNU for gcc and clang, which read it on
/// Windows too; Windows for llvm-lib). The one place that knows the syntax, beside <see cref="LinkCommand"/> that
/// makes the arguments and says which syntax its tool reads.
/// </summary>
public static class ResponseFile
{
    /// <summary>The file's text for <paramref name="arguments"/>, in the GNU syntax.</summary>
    public static string Format(IEnumerable<string> arguments) => Format(arguments, ResponseFileSyntax.Gnu);

    /// <summary>The file's text for <paramref name="arguments"/> in <paramref name="syntax"/>.</summary>
    public static string Format(IEnumerable<string> arguments, ResponseFileSyntax syntax)
    {
        var text = new StringBuilder();
        foreach (var argument in arguments) text.Append(Quote(argument, syntax)).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Writes the file only when its text changes, so that its timestamp moves exactly when an argument does: build
    /// steps that list it among their inputs rerun for a changed flag and for nothing else. True when written.
    /// </summary>
    public static bool WriteIfChanged(string path, IEnumerable<string> arguments) => WriteIfChanged(path, arguments, ResponseFileSyntax.Gnu);

    /// <summary><see cref="WriteIfChanged(string, IEnumerable{string})"/> in <paramref name="syntax"/>.</summary>
    public static bool WriteIfChanged(string path, IEnumerable<string> arguments, ResponseFileSyntax syntax)
    {
        var content = Format(arguments, syntax);
        if (File.Exists(path) && File.ReadAllText(path) == content) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, content);
        return true;
    }

    /// <summary>An argument as one GNU response-file token: plain when it has nothing to escape, else quoted.</summary>
    public static string Quote(string argument) => Quote(argument, ResponseFileSyntax.Gnu);

    /// <summary>
    /// An argument as one token of <paramref name="syntax"/>: plain when it has nothing either syntax treats
    /// specially (a backslash is not plain, so a Windows path is always quoted), else quoted — GNU: backslashes and
    /// quotes escaped; Windows: <see cref="ProcessArguments.Quote"/>, whose rules are the same.
    /// </summary>
    public static string Quote(string argument, ResponseFileSyntax syntax)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=+./,:".Contains(c))) return argument;
        return syntax == ResponseFileSyntax.Windows
            ? ProcessArguments.Quote(argument)
            : "\"" + argument.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
