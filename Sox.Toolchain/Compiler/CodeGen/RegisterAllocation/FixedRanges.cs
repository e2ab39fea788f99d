namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// The position ranges in which one physical register is taken by fixed uses (argument and result
/// registers, implicit operands, call clobbers). Sorted by start with a running maximum of ends, so
/// "does [start, end] overlap any range" is a binary search: O(log n) even in a function with thousands of calls.
/// </summary>
public sealed class FixedRanges
{
    private int[] _starts = new int[4];
    private int[] _maxEnd = new int[4];
    private int _count;

    public int Count => _count;

    public void Add(int start, int end)
    {
        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _maxEnd, _count * 2);
        }
        _starts[_count] = start;
        _maxEnd[_count] = end;
        _count++;
    }

    /// <summary>Sorts the ranges by start and turns the ends into running maxima; call once, after the last <see cref="Add"/>.</summary>
    public void Seal()
    {
        // Ranges mostly arrive in order (one pass over the function), so check before sorting.
        var sorted = true;
        for (var i = 1; i < _count && sorted; i++) sorted = _starts[i - 1] <= _starts[i];
        if (!sorted) Array.Sort(_starts, _maxEnd, 0, _count);
        var max = int.MinValue;
        for (var i = 0; i < _count; i++)
        {
            max = Math.Max(max, _maxEnd[i]);
            _maxEnd[i] = max;
        }
    }

    /// <summary>True when some range overlaps [start, end] (inclusive).</summary>
    public bool Overlaps(int start, int end)
    {
        // Last range whose start <= end; any range at or before it with an end >= start overlaps.
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_starts[mid] <= end) lo = mid + 1;
            else hi = mid - 1;
        }
        return hi >= 0 && _maxEnd[hi] >= start;
    }
}
