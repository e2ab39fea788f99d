using System.Globalization;
using System.Text;
using Microsoft.Testing.Extensions.TrxReport.Abstractions;
using Microsoft.Testing.Platform.Capabilities.TestFramework;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.TestFramework;
using Microsoft.Testing.Platform.Requests;

namespace Sox.Testing.Host;

/// <summary>
/// Each <c>#[test]</c> function is a test node: uid <c>file::Name</c> (file relative to the project folder), display
/// name the function's name, its source file and line (<see cref="TestFileLocationProperty"/>, for "go to test"), and a
/// four-level path <c>/Project/Project/file_test/Name</c> (assembly, namespace, class, method, as
/// <see cref="TestMethodIdentifierProperty"/> names them) for <c>--treenode-filter</c> and Test Explorer grouping.
/// A result carries the outcome, every recorded message with its <c>[line N]</c>, what the test printed
/// (<see cref="StandardOutputProperty"/>) and its duration (<see cref="TimingProperty"/>).
/// </summary>
internal sealed class SoxTestFramework(ICommandLineOptions options) : ITestFramework, IDataProducer
{
    /// <summary>The default per-test timeout when none is given: generous, it is there to end hangs, not to time tests.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public string Uid => "Sox";

    public string Version => typeof(SoxTestFramework).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public string DisplayName => "Sox";

    public string Description => "The #[test] functions of a Sox project (docs/language.md §7).";

    public Type[] DataTypesProduced => [typeof(TestNodeUpdateMessage)];

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public Task<CreateTestSessionResult> CreateTestSessionAsync(CreateTestSessionContext context) =>
        Task.FromResult(new CreateTestSessionResult { IsSuccess = true });

    public Task<CloseTestSessionResult> CloseTestSessionAsync(CloseTestSessionContext context) =>
        Task.FromResult(new CloseTestSessionResult { IsSuccess = true });

    public async Task ExecuteRequestAsync(ExecuteRequestContext context)
    {
        try
        {
            if (context.Request is TestExecutionRequest request) await ExecuteAsync(context, request);
        }
        finally
        {
            context.Complete();
        }
    }

    private async Task ExecuteAsync(ExecuteRequestContext context, TestExecutionRequest request)
    {
        options.TryGetOptionArgumentList(SoxCommandLineOptions.Program, out var programArguments);
        var program = Path.GetFullPath(programArguments![0]);
        var projectFile = options.TryGetOptionArgumentList(SoxCommandLineOptions.Project, out var projectArguments) ? projectArguments[0] : program;
        var project = new ProjectInfo(Path.GetFileNameWithoutExtension(projectFile), Path.GetDirectoryName(Path.GetFullPath(projectFile))!);
        var runner = options.TryGetOptionArgumentList(SoxCommandLineOptions.Runner, out var runnerArguments) ? HostArguments.TestRunner(runnerArguments[0]) : [];
        var native = new NativeTestProgram(program, project.Directory, runner);
        var session = request.Session.SessionUid;

        var timeout = DefaultTimeout;
        if (options.TryGetOptionArgumentList(SoxCommandLineOptions.Timeout, out var timeoutArguments))
            timeout = TimeSpan.FromSeconds(double.Parse(timeoutArguments[0], CultureInfo.InvariantCulture));
        var (tests, error) = await native.ListAsync(timeout, context.CancellationToken);
        if (error is not null)
        {
            // Listing failed (a top-level error in a test file's module): one failing node says so.
            var node = new TestNode
            {
                Uid = new TestNodeUid($"{project.Name}::test-program"),
                DisplayName = $"{project.Name} (test program)",
                Properties = new PropertyBag(new FailedTestNodeStateProperty(error)),
            };
            await context.MessageBus.PublishAsync(this, new TestNodeUpdateMessage(session, node));
            return;
        }

        TestFilter? filter = null;
        if (options.TryGetOptionArgumentList(SoxCommandLineOptions.Filter, out var filterArguments)) TestFilter.TryParse(filterArguments[0], out filter, out _);
        var selected = tests.Where(t => Matches(project, t, request.Filter, filter)).ToList();

        if (request is DiscoverTestExecutionRequest)
        {
            foreach (var test in selected)
                await context.MessageBus.PublishAsync(this, new TestNodeUpdateMessage(session, Node(project, test, DiscoveredTestNodeStateProperty.CachedInstance)));
            return;
        }
        if (request is not RunTestExecutionRequest) return;

        await native.RunAsync(
            selected,
            timeout,
            test => context.MessageBus.PublishAsync(this, new TestNodeUpdateMessage(session, Node(project, test, InProgressTestNodeStateProperty.CachedInstance))),
            outcome => context.MessageBus.PublishAsync(this, new TestNodeUpdateMessage(session, Result(project, outcome))),
            context.CancellationToken);
    }

    private sealed record ProjectInfo(string Name, string Directory);

    private static string RelativeFile(ProjectInfo project, SoxTest test) =>
        Path.GetRelativePath(project.Directory, FullPath(project, test.File)).Replace('\\', '/');

    private static string FullPath(ProjectInfo project, string file) => Path.GetFullPath(file, project.Directory);

    /// <summary>The class level: the file's name without <c>.sox</c>, as Go names a test by its package file.</summary>
    private static string ClassName(SoxTest test) => Path.GetFileNameWithoutExtension(test.File);

    /// <summary>The namespace level: the project, then the folders of the file below it (<c>calc.lib</c>).</summary>
    private static string Namespace(ProjectInfo project, SoxTest test)
    {
        var folder = Path.GetDirectoryName(RelativeFile(project, test))?.Replace('\\', '/') ?? "";
        return folder.Length == 0 || folder.StartsWith("..", StringComparison.Ordinal) ? project.Name : $"{project.Name}.{folder.Replace('/', '.')}";
    }

    private static bool Matches(ProjectInfo project, SoxTest test, ITestExecutionFilter? requestFilter, TestFilter? filter)
    {
        var uid = TestUid(project, test);
        switch (requestFilter)
        {
            case TestNodeUidListFilter list when !list.TestNodeUids.Any(u => u.Value == uid):
                return false;
            case TreeNodeFilter tree:
                var path = $"/{Escape(project.Name)}/{Escape(Namespace(project, test))}/{Escape(ClassName(test))}/{Escape(test.Name)}";
                if (!tree.MatchesFilter(path, new PropertyBag())) return false;
                break;
        }
        return filter is null || filter.Matches(property => property switch
        {
            "FullyQualifiedName" => $"{Namespace(project, test)}.{ClassName(test)}.{test.Name}",
            "ClassName" => $"{Namespace(project, test)}.{ClassName(test)}",
            "Name" or "DisplayName" => test.Name,
            _ => null,
        });
    }

    /// <summary>A path segment as TreeNodeFilter reads it: '/' and its operators escaped.</summary>
    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string TestUid(ProjectInfo project, SoxTest test) => $"{RelativeFile(project, test)}::{test.Name}";

    private static TestNode Node(ProjectInfo project, SoxTest test, params IProperty[] extra)
    {
        var line = new LinePosition(test.Line, -1);
        var properties = new List<IProperty>(extra)
        {
            new TestFileLocationProperty(FullPath(project, test.File), new LinePositionSpan(line, line)),
            new TestMethodIdentifierProperty(project.Name, Namespace(project, test), ClassName(test), test.Name, 0, [], ""),
        };
        return new TestNode { Uid = new TestNodeUid(TestUid(project, test)), DisplayName = test.Name, Properties = new PropertyBag(properties) };
    }

    private static TestNode Result(ProjectInfo project, SoxTestOutcome outcome)
    {
        var test = outcome.Test;
        var timing = new TimingProperty(new TimingInfo(outcome.Start, outcome.End, outcome.Duration));
        var extra = new List<IProperty> { timing };
        if (outcome.Output.Length > 0)
        {
            extra.Add(new StandardOutputProperty(outcome.Output));
            // TRX reads output and errors from its own properties (Microsoft.Testing.Extensions.TrxReport.Abstractions).
            extra.Add(new TrxMessagesProperty([new StandardOutputTrxMessage(outcome.Output)]));
        }
        if (outcome.Kind == SoxTestOutcomeKind.Passed)
        {
            extra.Add(PassedTestNodeStateProperty.CachedInstance);
            return Node(project, test, [.. extra]);
        }

        // `message [line N]` per recorded message (`in file` when not the test's own file), then the crash or timeout
        // report; the stack trace names each place as .NET does, so that IDEs link it to the source line.
        var message = new StringBuilder();
        var stack = new StringBuilder();
        foreach (var m in outcome.Messages)
        {
            var file = FullPath(project, m.File);
            if (message.Length > 0) message.Append('\n');
            message.Append(m.Text).Append(" [line ").Append(m.Line.ToString(CultureInfo.InvariantCulture)).Append(']');
            if (file != FullPath(project, test.File)) message.Append(" in ").Append(Path.GetRelativePath(project.Directory, file).Replace('\\', '/'));
            if (stack.Length > 0) stack.Append('\n');
            stack.Append("   at ").Append(test.Name).Append("() in ").Append(file).Append(":line ").Append(m.Line.ToString(CultureInfo.InvariantCulture));
        }
        if (outcome.Report is not null)
        {
            if (message.Length > 0) message.Append('\n');
            message.Append(outcome.Report);
        }
        if (stack.Length == 0) stack.Append("   at ").Append(test.Name).Append("() in ").Append(FullPath(project, test.File)).Append(":line ").Append(test.Line.ToString(CultureInfo.InvariantCulture));
        var text = message.ToString();
        var exception = new SoxTestFailureException(text, stack.ToString());
        extra.Add(new TrxExceptionProperty(text, stack.ToString()));
        // A crash is a failure of that test like any other (Failed, not Error: the terminal then shows the message, not
        // an exception type the user never wrote).
        extra.Add(outcome.Kind switch
        {
            SoxTestOutcomeKind.TimedOut => new TimeoutTestNodeStateProperty(text),
            _ => new FailedTestNodeStateProperty(exception, null!),
        });
        return Node(project, test, [.. extra]);
    }
}

/// <summary>A Sox test's failure, shaped as an exception because that is how the platform, the terminal and TRX carry
/// a failure's message and stack trace.</summary>
internal sealed class SoxTestFailureException(string message, string stackTrace) : Exception(message)
{
    public override string? StackTrace { get; } = stackTrace;
}

/// <summary>TRX: the framework supports it (the TRX extension refuses --report-trx otherwise).</summary>
internal sealed class SoxTestFrameworkCapabilities : ITestFrameworkCapabilities
{
    public IReadOnlyCollection<ITestFrameworkCapability> Capabilities { get; } = [new TrxCapability()];

    private sealed class TrxCapability : ITrxReportCapability
    {
        public bool IsSupported => true;

        public void Enable()
        {
        }
    }
}
