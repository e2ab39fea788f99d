namespace Sox.Cli;

/// <summary>Process exit codes shared by every command.</summary>
public static class ExitCodes
{
    /// <summary>The command did its work; warnings may have been printed.</summary>
    public const int Success = 0;

    /// <summary>The input had errors (diagnostics were printed).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong: no command, an unknown option, missing files.</summary>
    public const int Usage = 2;
}
