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
        // The offset of each instruction of the pre-allocation listing: where it was emitted, or, for one the allocator
        // removed (a copy between the same register), where the next one starts (no code ran in between). Its end is
        // where the next instruction emitted after it starts: blocks may be emitted in another order than the listing's
        // (BlockLayout), so only instructions of one block are contiguous in the code.
        var listing = availability.Instructions;
        // Offsets are never negative, so -1 marks an instruction not emitted; the first emission of one counts.
        var offsets = new int[listing.Count + 1];
        var ends = new int[listing.Count + 1];
        Array.Fill(offsets, -1);
        var bodyEnd = (emitted.BodyEnd is { } end ? offsetOf(end) : offsetOf(emitted.End)) - start;
        for (var j = 0; j < emitted.Instructions.Count; j++)
        {
            var (instr, label) = emitted.Instructions[j];
            var k = instr.ListingIndex;
            if (k < 0 || k >= listing.Count || offsets[k] >= 0 || !ReferenceEquals(listing[k], instr)) continue;
            offsets[k] = offsetOf(label) - start;
            ends[k] = j + 1 < emitted.Instructions.Count ? offsetOf(emitted.Instructions[j + 1].Start) - start : bodyEnd;
        }
        offsets[listing.Count] = bodyEnd;
        ends[listing.Count] = bodyEnd;
        for (var i = listing.Count - 1; i >= 0; i--)
        {
            if (offsets[i] >= 0) continue;
            offsets[i] = offsets[i + 1];
            ends[i] = offsets[i + 1];
        }

        // The block of each listed instruction (a removed one: its successor's, which is in the same block, since a
        // block ends in a terminator, never removed).
        var blockOf = new int[listing.Count + 1];
        Array.Fill(blockOf, -1);
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                var k = instr.ListingIndex;
                if (k >= 0 && k < listing.Count && ReferenceEquals(listing[k], instr)) blockOf[k] = block.Index;
            }
        }
        for (var i = listing.Count - 1; i >= 0; i--)
        {
            if (blockOf[i] < 0) blockOf[i] = blockOf[i + 1];
        }
        var prologueEnd = emitted.PrologueEnd is { } p ? offsetOf(p) - start : 0;

        var result = new List<DebugVariable>(function.DebugVariables.Count);
        var pieces = new List<DebugVariableRange>();
        foreach (var (variable, register) in function.DebugVariables)
        {
            var ranges = new List<DebugVariableRange>();
            pieces.Clear();
            if (register is { IsVirtual: true } r && availability.Registers.TryGetValue(r.VirtualIndex, out var spans)
                && Home(intervals[r.VirtualIndex], frame, variable.Indirections) is { } home)
            {
                if (spans.EntryRegister is { } entry && offsets[entry.Copy] > prologueEnd)
                {
                    pieces.Add(new DebugVariableRange(prologueEnd, offsets[entry.Copy], new DebugLocation(DebugLocationBase.Register, entry.Physical, variable.Indirections)));
                }
                foreach (var span in spans.Spans)
                {
                    if (span.StartOnly)
                    {
                        pieces.Add(new DebugVariableRange(offsets[span.First], offsets[span.First] + 1, home));
                        continue;
                    }
                    if (function.Layout is null)
                    {
                        // Blocks in listing order (no BlockLayout: -O0): the span is one contiguous piece of code.
                        if (offsets[span.End] > offsets[span.First]) pieces.Add(new DebugVariableRange(offsets[span.First], offsets[span.End], home));
                        continue;
                    }
                    // One piece per block the span crosses.
                    for (var i = span.First; i < span.End;)
                    {
                        var last = i;
                        while (last + 1 < span.End && blockOf[last + 1] == blockOf[i]) last++;
                        if (ends[last] > offsets[i]) pieces.Add(new DebugVariableRange(offsets[i], ends[last], home));
                        i = last + 1;
                    }
                }
                // By start, ties in listing order: sorted as (start, index) keys, since a long[] sort is precompiled
                // where one over the range type would need JIT in every -g build (performance.md, the -g cost).
                var keys = new long[pieces.Count];
                for (var k = 0; k < keys.Length; k++) keys[k] = (long)pieces[k].Start << 32 | (uint)k;
                Array.Sort(keys);
                foreach (var key in keys)
                {
                    var piece = pieces[(int)(uint)key];
                    Add(ranges, piece.Start, piece.End, piece.Location);
                }
            }
            result.Add(new DebugVariable(variable.Name, variable.Kind, variable.DeclarationLine, ranges));
        }
        return result;
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
