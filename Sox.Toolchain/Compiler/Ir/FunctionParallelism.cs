using System.Runtime.ExceptionServices;

namespace Sox.Compiler.Ir;

/// <summary>
/// Runs independent per-function work (passes, instruction selection, register allocation) on several threads.
/// The largest functions start first, so a module's top level (often most of the work) does not end up last on
/// one thread while the others idle; each result goes to its function's index, so the output never depends on the
/// schedule. Work that shares state across functions (encoding into one buffer, object writing) stays sequential.
/// </summary>
public static class FunctionParallelism
{
    /// <summary>Below this many instructions in total, threads cost more than they save.</summary>
    private const int MinimumInstructions = 4096;

    /// <summary>Passes and code generation loop rather than recurse; this is ample.</summary>
    private const int StackSize = 16 * 1024 * 1024;

    /// <summary>Threads to use: one per processor (the calling thread is one of them).</summary>
    public static int Workers => WorkersOverride.Value ?? Environment.ProcessorCount;

    /// <summary>For tests: a fixed number of threads for this flow of execution, used even for small modules.</summary>
    internal static readonly AsyncLocal<int?> WorkersOverride = new();

    /// <summary>
    /// Calls <paramref name="body"/> once for each index of <paramref name="functions"/>, on up to <see cref="Workers"/>
    /// threads, largest function first. The first exception (by completion) is rethrown as is.
    /// </summary>
    public static void For(IReadOnlyList<IrFunction> functions, Action<int> body)
    {
        var count = functions.Count;
        var sizes = new long[count];
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            var size = 0;
            foreach (var block in functions[i].Blocks) size += block.Instructions.Count;
            total += size;
            // Size descending, then index ascending: the key orders the queue deterministically.
            sizes[i] = (long)(int.MaxValue - size) << 32 | (uint)i;
        }
        var workers = Math.Min(Workers, count);
        if (workers <= 1 || (total < MinimumInstructions && WorkersOverride.Value is null))
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }

        Array.Sort(sizes);
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        void Work()
        {
            int k;
            while (Volatile.Read(ref failure) is null && (k = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    body((int)(uint)sizes[k]);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                }
            }
        }

        // Own threads rather than the pool's: the pool may be busy (in-process builds compile modules in parallel) and
        // would add its start-up delay; the calling thread works too.
        var helpers = new Thread[workers - 1];
        for (var w = 0; w < helpers.Length; w++)
        {
            helpers[w] = new Thread(Work, StackSize) { Name = "sox-functions", IsBackground = true };
            helpers[w].Start();
        }
        Work();
        foreach (var helper in helpers) helper.Join();
        failure?.Throw();
    }
}
