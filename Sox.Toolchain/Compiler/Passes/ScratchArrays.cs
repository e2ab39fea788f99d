namespace Sox.Compiler.Passes;

/// <summary>
/// Per-thread scratch arrays of the passes: each pass keeps its arrays in a thread-static scratch object and takes
/// them through these, so a 10,000-line module's thousands of functions reuse one set instead of allocating per
/// function (docs/performance.md, "Compile time: scratch arrays and the collector").
/// </summary>
internal static class ScratchArrays
{
    /// <summary>An array of at least <paramref name="n"/> elements whose first <paramref name="n"/> are default.</summary>
    public static T[] Take<T>(ref T[]? cache, int n)
    {
        if (cache is null || cache.Length < n) cache = new T[Math.Max(n, (cache?.Length ?? 0) * 2)];
        else Array.Clear(cache, 0, n);
        return cache;
    }

    /// <summary>An array of at least <paramref name="n"/> elements, contents unspecified.</summary>
    public static T[] TakeDirty<T>(ref T[]? cache, int n)
    {
        if (cache is null || cache.Length < n) cache = new T[Math.Max(n, (cache?.Length ?? 0) * 2)];
        return cache;
    }
}
