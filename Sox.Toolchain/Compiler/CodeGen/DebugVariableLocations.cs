using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// Turns a function's <see cref="VariableAvailability"/> (instruction spans, before allocation), the allocator's
/// assignment of each register (a physical register or a spill slot for its whole interval) and the emitted
/// instructions' offsets into <see cref="DebugVariable"/>s with code ranges.
/// </summary>
internal static class DebugVariableLocations
{
    /// <summary>The variables of <paramref name="function"/>; <paramref name="offsetOf"/> reads a label of the finished
    /// code, <paramref name="start"/> is the function's first offset there.</summary>
    public static IReadOnlyList<DebugVariable> Build(MachineFunction function, VariableAvailability availability,
        IReadOnlyList<LiveInterval> intervals, FrameLayout frame, EmittedFunction emitted, Func<Label, int> offsetOf, int start)
    {
        // The code offset of each boundary of the pre-allocation listing (VariableAvailability.Boundaries): where its
        // instruction was emitted or, for one the allocator removed (a copy between the same register), where the next
        // one starts (no code ran in between); the emitter bound those labels. Past the listing: the body's end.
        var boundaries = availability.Boundaries;
        var offsets = new int[boundaries.Length];
        for (var i = 0; i < offsets.Length; i++) offsets[i] = offsetOf(emitted.BoundaryStarts[i]) - start;
        var bodyEnd = (emitted.BodyEnd is { } end ? offsetOf(end) : offsetOf(emitted.End)) - start;
        var count = availability.InstructionCount;
        var prologueEnd = emitted.PrologueEnd is { } p ? offsetOf(p) - start : 0;

        int[]? firsts = null;
        var result = new List<DebugVariable>(function.DebugVariables.Count);
        foreach (var (variable, register) in function.DebugVariables)
        {
            var ranges = new List<DebugVariableRange>();
            if (register is { IsVirtual: true } r && availability.Registers.TryGetValue(r.VirtualIndex, out var spans)
                && Home(intervals[r.VirtualIndex], frame, variable.Indirections) is { } home)
            {
                if (spans.EntryRegister is { } entry && OffsetAt(entry.Copy) > prologueEnd)
                {
                    Add(ranges, prologueEnd, OffsetAt(entry.Copy), new DebugLocation(DebugLocationBase.Register, entry.Physical, variable.Indirections));
                }
                if (function.Layout is null)
                {
                    foreach (var span in spans.Spans)
                    {
                        var from = OffsetAt(span.First);
                        var to = span.StartOnly ? from + 1 : OffsetAt(span.End);
                        if (to > from) Add(ranges, from, to, home);
                    }
                }
                else
                {
                    AddPiecesByBlock(ranges, spans.Spans, home);
                }
            }
            result.Add(new DebugVariable(variable.Name, variable.Kind, variable.DeclarationLine, ranges));
        }
        return result;

        int OffsetAt(int position) => position >= count ? bodyEnd : offsets[IndexOf(boundaries, position)];

        // Blocks emitted out of index order (BlockLayout): a span of listing positions is contiguous only within a
        // block, so it becomes one piece per block it crosses (from its first position or the block's start, to its
        // end position or the block's end), the pieces sorted by code offset before they are joined.
        void AddPiecesByBlock(List<DebugVariableRange> into, VariableAvailability.Span[] spanList, DebugLocation home)
        {
            firsts ??= BlockFirstPositions(function);
            var pieces = new List<DebugVariableRange>();
            foreach (var span in spanList)
            {
                if (span.StartOnly)
                {
                    var at = OffsetAt(span.First);
                    pieces.Add(new DebugVariableRange(at, at + 1, home));
                    continue;
                }
                for (var b = 0; b < firsts.Length; b++)
                {
                    if (firsts[b] == int.MaxValue) continue;
                    var next = NextFirst(firsts, b);
                    if (span.End <= firsts[b] || span.First >= next) continue;
                    var from = span.First >= firsts[b] ? OffsetAt(span.First) : offsetOf(emitted.BlockStarts[b]) - start;
                    // An end at or past the listing's end is the end of the last block in index order, not of the body.
                    var to = span.End < next && span.End < count ? OffsetAt(span.End) : offsetOf(emitted.BlockEnds[b]!.Value) - start;
                    if (to > from) pieces.Add(new DebugVariableRange(from, to, home));
                }
            }
            // By start, ties in listing order: sorted as (start, index) keys, since a long[] sort is precompiled where
            // one over the range type would need JIT in every -g build (performance.md, the -g cost).
            var keys = new long[pieces.Count];
            for (var k = 0; k < keys.Length; k++) keys[k] = (long)pieces[k].Start << 32 | (uint)k;
            Array.Sort(keys);
            foreach (var key in keys)
            {
                var piece = pieces[(int)(uint)key];
                Add(into, piece.Start, piece.End, piece.Location);
            }
        }
    }

    /// <summary>Per block index, the listing position of its first listed instruction (int.MaxValue: none); ascending
    /// over the blocks that have one, as the listing follows block index order.</summary>
    private static int[] BlockFirstPositions(MachineFunction function)
    {
        var firsts = new int[function.Blocks.Count];
        for (var b = 0; b < firsts.Length; b++)
        {
            firsts[b] = int.MaxValue;
            foreach (var instruction in function.Blocks[b].Instructions)
            {
                if (instruction.ListingIndex < 0) continue;
                firsts[b] = instruction.ListingIndex;
                break;
            }
        }
        return firsts;
    }

    /// <summary>The first listed position of the next block after <paramref name="b"/> that has one (int.MaxValue: none).</summary>
    private static int NextFirst(int[] firsts, int b)
    {
        for (var c = b + 1; c < firsts.Length; c++)
        {
            if (firsts[c] != int.MaxValue) return firsts[c];
        }
        return int.MaxValue;
    }

    /// <summary>The index of <paramref name="value"/> in the ascending <paramref name="sorted"/>, which holds it (a
    /// binary search written out: the generic <c>Array.BinarySearch</c> over <c>int</c> would be JIT-compiled).</summary>
    private static int IndexOf(int[] sorted, int value)
    {
        int low = 0, high = sorted.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] == value) return mid;
            if (sorted[mid] < value) low = mid + 1;
            else high = mid - 1;
        }
        throw new InvalidOperationException($"Listing position {value} is not a recorded boundary.");
    }

    private static DebugLocation? Home(LiveInterval interval, FrameLayout frame, IReadOnlyList<int> indirections) =>
        interval.Register is { } physical ? new DebugLocation(DebugLocationBase.Register, physical, indirections)
        : interval.SpillSlot is { } slot ? new DebugLocation(DebugLocationBase.FrameSlot, frame.ObjectOffsets[slot], indirections)
        : null;

    /// <summary>Appends a range, joining it to the previous one when they touch with the same location; a one-byte
    /// "start only" range that falls inside the previous one (an instruction without code) adds nothing.</summary>
    private static void Add(List<DebugVariableRange> ranges, int from, int to, DebugLocation location)
    {
        if (ranges.Count > 0)
        {
            var last = ranges[^1];
            if (from < last.End)
            {
                if (to <= last.End) return;
                from = last.End;
            }
            if (from == last.End && last.Location.Equals(location))
            {
                ranges[^1] = last with { End = to };
                return;
            }
        }
        ranges.Add(new DebugVariableRange(from, to, location));
    }
}
