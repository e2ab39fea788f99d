using System.Text;

namespace Sox.Compiler.Driver;

/// <summary>
/// Arguments joined into one command-line string, for a tool started through
/// <see cref="System.Diagnostics.ProcessStartInfo.Arguments"/> (the SDK's ToolTask hands MSBuild a string, not a list).
/// .NET splits that string by the Windows rules on every host, so this one quoting is right everywhere; beside
/// <see cref="ResponseFile"/> (the <c>@file</c> syntax) it is the other host-facing syntax a command goes through.
/// </summary>
public static class ProcessArguments
{
    /// <summary>The arguments quoted and joined with spaces.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    /// <summary>
    /// One argument in quotes: inside them a backslash run is literal unless a quote follows it, then it is doubled
    /// and the quote escaped.
    /// </summary>
    public static string Quote(string argument)
    {
        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\') { backslashes++; continue; }
            if (c == '"') { quoted.Append('\\', backslashes * 2 + 1); backslashes = 0; quoted.Append('"'); continue; }
            quoted.Append('\\', backslashes);
            backslashes = 0;
            quoted.Append(c);
        }
        quoted.Append('\\', backslashes * 2).Append('"');
        return quoted.ToString();
    }
}
