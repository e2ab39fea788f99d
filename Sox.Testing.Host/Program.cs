using Microsoft.Testing.Extensions;
using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Helpers;
using Microsoft.Testing.Platform.Services;
using Sox.Testing.Host;

// `dotnet run` and `dotnet test` read one run command from a project (RunCommand, RunArguments: see
// dotnet/sdk src/Cli/dotnet/Commands/Test/MTP/SolutionAndProjectUtility.cs and Commands/Run/RunCommand.cs), and
// nothing in the evaluation tells them apart. `dotnet test` and IDEs always start a test application in server mode
// (--server): without it, and given the project's program, this is `dotnet run`, which must start that program as before.
if (!args.Contains("--server", StringComparer.Ordinal) && RunProgram.TryRun(args, out var exitCode)) return exitCode;

// A Microsoft.Testing.Platform application (https://learn.microsoft.com/dotnet/core/testing/microsoft-testing-platform-intro):
// the platform owns the command line, `dotnet test`'s pipe protocol (--server dotnettestcli), the terminal output, the
// exit codes and the TRX report; SoxTestFramework turns the native test program's tests into test nodes.
var builder = await TestApplication.CreateBuilderAsync(HostArguments.Normalize(args));
builder.CommandLine.AddProvider(() => new SoxCommandLineOptions());
builder.RegisterTestFramework(
    _ => new SoxTestFrameworkCapabilities(),
    (_, services) => new SoxTestFramework(services.GetCommandLineOptions()));
// --treenode-filter: the platform parses it and hands the framework a TreeNodeFilter (SoxTestFramework.Matches).
builder.AddTreeNodeFilterService(new SoxCommandLineOptions());
builder.AddTrxReportProvider();
using var app = await builder.BuildAsync();
return await app.RunAsync();
