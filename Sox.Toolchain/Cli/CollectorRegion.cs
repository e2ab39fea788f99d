using System.Runtime;

namespace Sox.Cli;

/// <summary>
/// The <c>sox</c> process's collector during a build: a no-GC region (<see cref="GC.TryStartNoGCRegion(long)"/>) sized
/// from the program's source, so that the build runs without collections. A build's objects mostly stay reachable until
/// its object is written (the IR of every function, then its machine code), so each collection of a large build copied
/// and marked most of the heap: 5 collections paused about 275 ms of a 1,030 ms build of 10,000 lines. Allocation is
/// roughly proportional to the source (measured: about 1.35 MB per KB at <c>-O2</c>, 1.46 with <c>-g</c>, 0.7 at
/// <c>-O0</c>, plus a fixed part for small programs), so the region asks for <see cref="BytesPerSourceCharacter"/> per
/// character plus <see cref="FixedBytes"/>, at most <see cref="MaximumBytes"/> (and a quarter of the memory the
/// process may use). The memory the build allocates is then not reused while it runs: the process's peak memory is
/// about what the build allocates (330 MB instead of 216 MB for the 10,000-line program).
/// <para>
/// A build that allocates more than the region's budget is still correct: the runtime then collects and ends the
/// region by itself, and the rest of the build runs with the ordinary collector. Only the <c>sox</c> executable uses
/// this (<see cref="Enabled"/> is set by its entry point): the SDK compiles inside MSBuild, whose process and collector
/// are not ours, and tests call <see cref="SoxCli.Run"/> in a shared process where a region would stop every other
/// thread's collections too.
/// </para>
/// </summary>
internal static class CollectorRegion
{
    /// <summary>Bytes the region allows per character of the program's source (measured 1.35–1.46 MB per KB at -O2).</summary>
    public const long BytesPerSourceCharacter = 1600;

    /// <summary>Bytes the region allows besides the source's share (the compiler's own fixed allocations).</summary>
    public const long FixedBytes = 16L << 20;

    /// <summary>The largest region asked for: starting one commits its memory, which takes longer the larger it is.</summary>
    public const long MaximumBytes = 1L << 30;

    /// <summary>
    /// The environment variable that overrides the budget: a number of megabytes, 0 for no region (for a machine with
    /// little memory, or to measure the ordinary collector).
    /// </summary>
    public const string BudgetVariable = "SOX_GC_REGION_MB";

    /// <summary>Whether builds in this process may use a region: only the <c>sox</c> executable's entry point sets it.</summary>
    public static bool Enabled { get; set; }

    /// <summary>The budget of the last region started (0: none was), for <c>--timings</c>.</summary>
    public static long StartedBytes { get; private set; }


    /// <summary>The budget for a program of <paramref name="sourceCharacters"/> characters, within <paramref name="available"/> bytes of memory.</summary>
    public static long Budget(long sourceCharacters, long available)
    {
        var wanted = FixedBytes + Math.Min(sourceCharacters, MaximumBytes / BytesPerSourceCharacter) * BytesPerSourceCharacter;
        var cap = available > 0 ? Math.Min(MaximumBytes, available / 4) : MaximumBytes;
        return Math.Min(wanted, cap);
    }

    /// <summary>Starts a region for a program of <paramref name="sourceCharacters"/> characters, when <see cref="Enabled"/>.</summary>
    public static void Start(long sourceCharacters)
    {
        StartedBytes = 0;
        if (!Enabled || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return;
        var budget = Budget(sourceCharacters, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        if (long.TryParse(Environment.GetEnvironmentVariable(BudgetVariable), out var megabytes) && megabytes >= 0)
            budget = Math.Min(megabytes, MaximumBytes >> 20) << 20;
        if (budget == 0) return;
        try
        {
            if (GC.TryStartNoGCRegion(budget)) StartedBytes = budget;
        }
        catch (ArgumentOutOfRangeException)
        {
            // More than this runtime's collector allows in one region: build with the ordinary collector.
        }
        catch (InvalidOperationException)
        {
            // A region already in progress (not one of ours): leave it alone.
        }
    }

    /// <summary>
    /// Whether the last region ran out (the runtime collected and ended it). The region is never ended by us: ending
    /// it makes the next allocation collect at once (the gen0 budget is spent), which for the 10,000-line program
    /// paused about 200 ms to sweep the build's garbage; the process exits soon after a build, or runs the program in
    /// another process (run, test), and if it allocates past the budget the runtime ends the region as above.
    /// </summary>
    public static bool RanOut => StartedBytes > 0 && GCSettings.LatencyMode != GCLatencyMode.NoGCRegion;
}
