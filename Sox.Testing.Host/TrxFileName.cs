namespace Sox.Testing.Host;

/// <summary>
/// The TRX extension names its report after the test application's assembly and framework
/// (<c>Sox.Testing.Host_net10.0_x64.trx</c>): every Sox test project would write the same file into the shared
/// results folder of one <c>dotnet test</c> run. Unless the user named it (<c>--report-trx-filename</c>), the report
/// takes the project's name instead (<c>app.trx</c>).
/// </summary>
internal static class TrxFileName
{
    public static string[] Apply(string[] args)
    {
        if (!args.Contains("--report-trx", StringComparer.Ordinal) || args.Contains("--report-trx-filename", StringComparer.Ordinal)) return args;
        var project = Array.IndexOf(args, "--" + SoxCommandLineOptions.Project);
        if (project < 0 || project + 1 >= args.Length) return args;
        return [.. args, "--report-trx-filename", Path.GetFileNameWithoutExtension(args[project + 1]) + ".trx"];
    }
}
