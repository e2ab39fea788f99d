namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// The position ranges in which one physical register is taken by fixed uses (argument and result
/// registers, implicit operands, call clobbers). Sorted by start with a running maximum of ends, so
/// "does [start, end] overlap any range" is a binary search: O(log n) even in a function with thousands of calls.
/// </summary>
public sealed class FixedRanges
{
    private readonly List<(int Start, int End)> _ranges = new();
    private int[] _starts = Array.Empty<int>();
    private int[] _maxEnd = Array.Empty<int>();

    public int Count => _ranges.Count;

    public void Add(int start, int end) => _ranges.Add((start, end));

    public void Seal()
    {
        _ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        _starts = new int[_ranges.Count];
        _maxEnd = new int[_ranges.Count];
        var max = int.MinValue;
        for (var i = 0; i < _ranges.Count; i++)
        {
            _starts[i] = _ranges[i].Start;
            max = Math.Max(max, _ranges[i].End);
            _maxEnd[i] = max;
        }
    }

    /// <summary>True when some range overlaps [start, end] (inclusive).</summary>
    public bool Overlaps(int start, int end)
    {
        // Last range whose start <= end; any range before it with an end >= start overlaps.
        var i = Array.BinarySearch(_starts, end);
        if (i < 0) i = ~i - 1;
        else
        {
            while (i + 1 < _starts.Length && _starts[i + 1] == end) i++;
        }
        return i >= 0 && _maxEnd[i] >= start;
    }
}
