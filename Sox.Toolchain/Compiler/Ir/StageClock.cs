using System.Diagnostics;

namespace Sox.Compiler.Ir;

/// <summary>
/// Time and allocation of the named steps inside a phase (each pass, each part of the backend), summed over functions
/// and threads, for <c>--timings</c>. Steps of functions that run in parallel add up, so a step's time is thread time
/// (it can exceed the phase's wall time on several cores). Allocation is counted on the measuring thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), so parallel steps do not count each other's bytes.
/// A build without <c>--timings</c> has no clock and measures nothing.
/// </summary>
public sealed class StageClock
{
    // A class, not a value tuple: ReadyToRun cannot precompile collections over our value types, and JIT-compiling
    // them would show up in the very timings this measures.
    private sealed class Step(string name)
    {
        public readonly string Name = name;
        public long Ticks, Bytes;
    }

    private readonly List<Step> _steps = new();

    /// <summary>A point on the current thread: its timestamp and the bytes it had allocated.</summary>
    public readonly record struct Mark(long Timestamp, long Allocated);

    /// <summary>The current thread's <see cref="Mark"/>.</summary>
    public static Mark Now() => new(Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread());

    /// <summary>Adds what the current thread spent since <paramref name="since"/> to step <paramref name="name"/> and
    /// returns the new mark (the start of the next step).</summary>
    public Mark Add(string name, Mark since)
    {
        var now = Now();
        lock (_steps)
        {
            Step? step = null;
            foreach (var s in _steps)
            {
                if (ReferenceEquals(s.Name, name) || s.Name == name) step = s;
            }
            if (step is null) _steps.Add(step = new Step(name));
            step.Ticks += now.Timestamp - since.Timestamp;
            step.Bytes += now.Allocated - since.Allocated;
        }
        return now;
    }

    /// <summary>Hands each step to <paramref name="receive"/> in the order they were first measured (name, time, bytes
    /// allocated) and clears the clock.</summary>
    public void Take(Action<string, TimeSpan, long> receive)
    {
        lock (_steps)
        {
            foreach (var s in _steps) receive(s.Name, Stopwatch.GetElapsedTime(0, s.Ticks), s.Bytes);
            _steps.Clear();
        }
    }
}
