using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Sox.Testing.Host;

/// <summary>A <c>#[test]</c> function of the program: its index in list order, name, source file and line.</summary>
internal sealed record SoxTest(int Index, string Name, string File, int Line);

/// <summary>One recorded failure: a t.Error/t.Fatal call, a failed assert or a runtime error, where it happened.</summary>
internal sealed record SoxTestMessage(string File, int Line, string Text);

internal enum SoxTestOutcomeKind
{
    Passed,
    Failed,
    /// <summary>The program ended during the test (a fault, <c>sysExit</c>, an overflow the runtime could not catch).</summary>
    Crashed,
    TimedOut,
}

internal sealed record SoxTestOutcome(
    SoxTest Test, SoxTestOutcomeKind Kind, IReadOnlyList<SoxTestMessage> Messages, string Output,
    DateTimeOffset Start, DateTimeOffset End, TimeSpan Duration, string? Report);

/// <summary>
/// Talks to the native test program's machine mode (Sox.Sdk/runtime/sox_test.c): <c>--sox-test-list</c> lists the
/// tests, <c>--sox-test-run</c> runs those whose indexes are written to its stdin and reports events on stdout, each
/// an RS (0x1E) character, TAB-separated escaped fields and a line feed; the text between a test's <c>start</c> and
/// <c>end</c> events is what it printed. A program that ends without its <c>done</c> event died inside the running
/// test: that test fails with the program's stderr and the program starts again for the tests after it, so that a
/// crash costs one test, not the run. A test running longer than the timeout is stopped (the process is killed) and
/// fails the same way.
/// </summary>
internal sealed class NativeTestProgram(string path, string workingDirectory, IReadOnlyList<string> runner)
{
    private const char EventMark = '\x1e';

    public async Task<(List<SoxTest> Tests, string? Error)> ListAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return ([], $"The test program '{path}' does not exist: build the project (dotnet build, or dotnet test without --no-build).");
        Process process;
        try
        {
            process = Start("--sox-test-list");
        }
        catch (InvalidOperationException e)
        {
            // Not runnable here (a program built for another RuntimeIdentifier without its runner).
            return ([], e.Message);
        }
        using var _ = process;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var events = ReadEvents(process.StandardOutput);
        var tests = new List<SoxTest>();
        var done = false;
        var preamble = new StringBuilder();
        // Listing runs the test files' top-level code: one that never ends must not hang discovery.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero) wait.CancelAfter(timeout);
        try
        {
            await foreach (var e in events.ReadAllAsync(wait.Token))
            {
                if (e.Kind == "" && e.Fields.Length == 1) preamble.Append(e.Fields[0]);
                else if (e.Kind == "test" && e.Fields.Length >= 3) tests.Add(new SoxTest(tests.Count, e.Fields[0], e.Fields[1], ParseInt(e.Fields[2])));
                else if (e.Kind == "done") done = true;
            }
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            return ([], $"The test program '{path}' did not list its tests within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (SoxTestTimeout) and was stopped.{Describe(preamble.ToString(), "")}");
        }
        var stderr = await errors;
        if (done && process.ExitCode == 0) return (tests, null);
        return (tests, $"The test program '{path}' failed before running any test (exit code {process.ExitCode}).{Describe(preamble.ToString(), stderr)}");
    }

    /// <summary>Runs <paramref name="selection"/>, calling <paramref name="started"/> and <paramref name="finished"/> per test.</summary>
    public async Task RunAsync(IReadOnlyList<SoxTest> selection, TimeSpan timeout, Func<SoxTest, Task> started,
        Func<SoxTestOutcome, Task> finished, CancellationToken cancellationToken)
    {
        var remaining = new List<SoxTest>(selection);
        var byIndex = selection.ToDictionary(t => t.Index);
        while (remaining.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var process = Start("--sox-test-run");
            // Output is read from the start: the modules' top-level code runs before the program reads its selection,
            // and a program blocked on a full stdout pipe would never read it.
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var events = ReadEvents(process.StandardOutput);
            var stdin = new StringBuilder();
            foreach (var test in remaining) stdin.Append(test.Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
            try
            {
                await process.StandardInput.WriteAsync(stdin.ToString());
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program ended before reading its selection; what it printed on stderr says why (below).
            }

            SoxTest? current = null;
            var output = new StringBuilder();
            var preamble = new StringBuilder();
            var messages = new List<SoxTestMessage>();
            var startTime = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var done = false;
            var ranAny = false;
            while (true)
            {
                Event? e;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (timeout > TimeSpan.Zero)
                {
                    var left = timeout - clock.Elapsed;
                    wait.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                }
                try
                {
                    e = await events.WaitToReadAsync(wait.Token) && events.TryRead(out var next) ? next : null;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Kill(process);
                    var end = DateTimeOffset.UtcNow;
                    var seconds = timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
                    if (current is not null)
                    {
                        var report = $"The test ran longer than its timeout of {seconds} s (SoxTestTimeout) and was stopped.";
                        await finished(new SoxTestOutcome(current, SoxTestOutcomeKind.TimedOut, messages.ToList(), output.ToString(), startTime, end, clock.Elapsed, report));
                        remaining.Remove(current);
                    }
                    else
                    {
                        // Stuck outside any test (a module's top-level code): no test can run in this program.
                        var report = $"The test program started no test within {seconds} s (SoxTestTimeout) and was stopped.{Describe(preamble.ToString(), "")}";
                        foreach (var test in remaining)
                            await finished(new SoxTestOutcome(test, SoxTestOutcomeKind.TimedOut, [], "", end, end, TimeSpan.Zero, report));
                        remaining.Clear();
                    }
                    break;
                }
                catch (OperationCanceledException)
                {
                    Kill(process);
                    throw;
                }

                if (e is null)
                {
                    // End of output: the program exited (or closed stdout). Without `done`, it died in `current`.
                    await process.WaitForExitAsync(CancellationToken.None);
                    var stderr = await errors;
                    if (done) return;
                    var end = DateTimeOffset.UtcNow;
                    var report = $"The test program stopped during this test (exit code {process.ExitCode}).{Describe("", stderr)}";
                    if (current is not null)
                    {
                        await finished(new SoxTestOutcome(current, SoxTestOutcomeKind.Crashed, messages.ToList(), output.ToString(), startTime, end, clock.Elapsed, report));
                        remaining.Remove(current);
                    }
                    else if (ranAny)
                    {
                        // It died between two tests: start again with the ones not run yet.
                    }
                    else
                    {
                        // It died before starting a test (its modules' top-level code): every remaining test fails.
                        report = $"The test program stopped before running this test (exit code {process.ExitCode}).{Describe(preamble.ToString(), stderr)}";
                        foreach (var test in remaining)
                            await finished(new SoxTestOutcome(test, SoxTestOutcomeKind.Crashed, [], "", end, end, TimeSpan.Zero, report));
                        remaining.Clear();
                    }
                    break;
                }

                switch (e.Kind)
                {
                    case "":
                        (current is null ? preamble : output).Append(e.Fields[0]);
                        break;
                    case "start" when e.Fields.Length >= 1 && byIndex.TryGetValue(ParseInt(e.Fields[0]), out var test):
                        current = test;
                        ranAny = true;
                        output.Clear();
                        messages.Clear();
                        startTime = DateTimeOffset.UtcNow;
                        clock.Restart();
                        await started(test);
                        break;
                    case "message" when e.Fields.Length >= 3:
                        messages.Add(new SoxTestMessage(e.Fields[0], ParseInt(e.Fields[1]), e.Fields[2]));
                        break;
                    case "end" when current is not null && e.Fields.Length >= 3:
                        var duration = TimeSpan.FromMicroseconds(ParseInt(e.Fields[2]));
                        var kind = e.Fields[1] == "pass" ? SoxTestOutcomeKind.Passed : SoxTestOutcomeKind.Failed;
                        await finished(new SoxTestOutcome(current, kind, messages.ToList(), output.ToString(), startTime, startTime + duration, duration, null));
                        remaining.Remove(current);
                        current = null;
                        clock.Restart();
                        break;
                    case "done":
                        done = true;
                        remaining.Clear();
                        break;
                }
            }
        }
    }

    private Process Start(string mode)
    {
        // Another target's program starts through its runner, whose arguments end with the program (HostArguments.TestRunner).
        var info = new ProcessStartInfo(runner.Count > 0 ? runner[0] : path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in runner.Skip(1)) info.ArgumentList.Add(argument);
        info.ArgumentList.Add(mode);
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"Could not start the test program '{path}'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start the test program '{path}': {e.Message} (a program for another RuntimeIdentifier runs through its runner, as with dotnet run -r).", e);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }

    private static string Describe(string stdout, string stderr)
    {
        var text = new StringBuilder();
        if (stderr.Trim().Length > 0) text.Append('\n').Append(stderr.TrimEnd());
        if (stdout.Trim().Length > 0) text.Append("\nIts output:\n").Append(stdout.TrimEnd());
        return text.ToString();
    }

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? (int)Math.Min(l, int.MaxValue) : 0;

    /// <summary>An event (Kind and its fields), or output between events (Kind "", one field: the text).</summary>
    private sealed record Event(string Kind, string[] Fields);

    /// <summary>Splits stdout into output text and events as it arrives, so that a test's start is seen while it runs.</summary>
    private static ChannelReader<Event> ReadEvents(StreamReader reader)
    {
        var channel = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            var pending = new StringBuilder();
            var buffer = new char[8192];
            try
            {
                int n;
                while ((n = await reader.ReadAsync(buffer)) > 0)
                {
                    pending.Append(buffer, 0, n);
                    Drain(pending, channel.Writer, atEnd: false);
                }
                Drain(pending, channel.Writer, atEnd: true);
            }
            catch (IOException)
            {
                // The pipe broke because the process was killed (timeout): the end of the stream.
            }
            catch (ObjectDisposedException)
            {
                // Likewise, after the process object was disposed.
            }
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    private static void Drain(StringBuilder pending, ChannelWriter<Event> writer, bool atEnd)
    {
        var text = pending.ToString();
        var at = 0;
        while (at < text.Length)
        {
            var mark = text.IndexOf(EventMark, at);
            if (mark < 0)
            {
                writer.TryWrite(new Event("", [text[at..]]));
                at = text.Length;
                break;
            }
            if (mark > at) writer.TryWrite(new Event("", [text[at..mark]]));
            var newline = text.IndexOf('\n', mark);
            if (newline < 0)
            {
                if (atEnd) writer.TryWrite(new Event("", [text[mark..]]));
                else
                {
                    at = mark;
                    break;
                }
                at = text.Length;
                break;
            }
            var fields = text[(mark + 1)..newline].TrimEnd('\r').Split('\t').Select(Unescape).ToArray();
            // The first field names the protocol ("sox-test"): anything else is output that happened to contain RS.
            if (fields.Length >= 2 && fields[0] == "sox-test") writer.TryWrite(new Event(fields[1], fields[2..]));
            else writer.TryWrite(new Event("", [text[mark..(newline + 1)]]));
            at = newline + 1;
        }
        pending.Clear();
        if (at < text.Length) pending.Append(text, at, text.Length - at);
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var s = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i + 1 == field.Length)
            {
                s.Append(field[i]);
                continue;
            }
            s.Append(field[++i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', var c => c });
        }
        return s.ToString();
    }
}
