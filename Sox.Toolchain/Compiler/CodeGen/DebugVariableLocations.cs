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
        // removed (a copy between the same register), where the next one starts (no code ran in between).
        var listing = availability.Instructions;
        // Offsets are never negative, so -1 marks an instruction not emitted; the first emission of one counts.
        var offsets = new int[listing.Count + 1];
        Array.Fill(offsets, -1);
        foreach (var (instr, label) in emitted.Instructions)
        {
            var k = instr.ListingIndex;
            if (k >= 0 && k < listing.Count && offsets[k] < 0 && ReferenceEquals(listing[k], instr)) offsets[k] = offsetOf(label) - start;
        }
        offsets[listing.Count] = (emitted.BodyEnd is { } end ? offsetOf(end) : offsetOf(emitted.End)) - start;
        for (var i = listing.Count - 1; i >= 0; i--)
        {
            if (offsets[i] < 0) offsets[i] = offsets[i + 1];
        }
        var prologueEnd = emitted.PrologueEnd is { } p ? offsetOf(p) - start : 0;

        var result = new List<DebugVariable>(function.DebugVariables.Count);
        foreach (var (variable, register) in function.DebugVariables)
        {
            var ranges = new List<DebugVariableRange>();
            if (register is { IsVirtual: true } r && availability.Registers.TryGetValue(r.VirtualIndex, out var spans)
                && Home(intervals[r.VirtualIndex], frame, variable.Indirections) is { } home)
            {
                if (spans.EntryRegister is { } entry && offsets[entry.Copy] > prologueEnd)
                {
                    Add(ranges, prologueEnd, offsets[entry.Copy], new DebugLocation(DebugLocationBase.Register, entry.Physical, variable.Indirections));
                }
                foreach (var span in spans.Spans)
                {
                    var from = offsets[span.First];
                    var to = span.StartOnly ? from + 1 : offsets[span.End];
                    if (to > from) Add(ranges, from, to, home);
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
