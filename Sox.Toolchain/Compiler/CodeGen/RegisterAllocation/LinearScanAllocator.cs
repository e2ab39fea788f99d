using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// Linear-scan register allocation (Poletto and Sarkar, "Linear Scan Register Allocation", TOPLAS 1999) over
/// the target's register description, shared by every backend.
/// <list type="bullet">
/// <item>Intervals are taken in order of start; a register is free for an interval when no active interval
/// holds it and no fixed use of it (argument/result registers, implicit operands, call clobbers) overlaps.
/// A value live across a call therefore overlaps that call's clobbers and can only get a callee-saved
/// register (or a spill slot); short values prefer caller-saved registers, which cost no save/restore.</item>
/// <item>When nothing is free, the interval that ends last (the current one or an active one) is spilled to
/// a frame slot for its whole life; spilled operands are loaded into / stored from the target's scratch
/// registers around each instruction.</item>
/// <item>Copies whose two sides end up in the same register are deleted; copy hints steer that.</item>
/// </list>
/// </summary>
public sealed class LinearScanAllocator
{
    private readonly MachineFunction _function;
    private readonly TargetDescription _target;
    private readonly ISpillCode _spillCode;

    public LinearScanAllocator(MachineFunction function, ISpillCode spillCode)
    {
        _function = function;
        _target = function.Target;
        _spillCode = spillCode;
    }

    public static AllocationResult Allocate(MachineFunction function, ISpillCode spillCode) =>
        new LinearScanAllocator(function, spillCode).Run();

    public AllocationResult Run()
    {
        var liveness = Liveness.Compute(_function);
        SetHints(liveness.Intervals);
        var callPositions = CallPositions();
        var order = liveness.Intervals.Where(i => !i.IsEmpty).OrderBy(i => i.Start).ThenBy(i => i.VirtualIndex).ToList();
        var active = new List<LiveInterval>();
        var spilled = 0;

        foreach (var current in order)
        {
            active.RemoveAll(a => a.End < current.Start);
            var register = ChooseFree(current, active, liveness, callPositions);
            if (register is { } r)
            {
                current.Register = r;
                active.Add(current);
                continue;
            }

            // Spill whichever of the current and the active intervals of its class ends last and whose register
            // the current interval could legally take.
            var victim = active
                .Where(a => a.Class == current.Class && a.End > current.End && !liveness.PhysicalConflicts(a.Register!.Value, current.Start, current.End))
                .OrderByDescending(a => a.End)
                .FirstOrDefault();
            if (victim is not null)
            {
                current.Register = victim.Register;
                victim.Register = null;
                victim.SpillSlot = _function.NewFrameObject(8, 8, isSpill: true);
                active.Remove(victim);
                active.Add(current);
            }
            else
            {
                current.SpillSlot = _function.NewFrameObject(8, 8, isSpill: true);
            }
            spilled++;
        }

        var removed = Rewrite(liveness.Intervals);
        var used = liveness.Intervals.Where(i => i.Register is not null).Select(i => i.Register!.Value)
            .Concat(ExplicitPhysicalDefs())
            .Where(_target.CalleeSaved.Contains).Distinct().OrderBy(r => r).ToList();
        return new AllocationResult(used, spilled, removed);
    }

    private int? ChooseFree(LiveInterval current, List<LiveInterval> active, Liveness liveness, List<int> callPositions)
    {
        var next = callPositions.BinarySearch(current.Start + 1);
        if (next < 0) next = ~next;
        var crossesCall = next < callPositions.Count && callPositions[next] < current.End;
        var candidates = _target.Allocatable(current.Class);
        var preferred = candidates.Where(r => _target.CalleeSaved.Contains(r) == crossesCall).Concat(candidates.Where(r => _target.CalleeSaved.Contains(r) != crossesCall));

        int? hinted = current.Hint;
        if (hinted is null && current.VirtualHint is { } hv && liveness.Intervals[hv].Register is { } hr) hinted = hr;
        if (hinted is { } h && candidates.Contains(h) && IsFree(h)) return h;
        foreach (var r in preferred)
        {
            if (IsFree(r)) return r;
        }
        return null;

        bool IsFree(int r) => !active.Any(a => a.Register == r) && !liveness.PhysicalConflicts(r, current.Start, current.End);
    }

    private List<int> CallPositions()
    {
        var positions = new List<int>();
        var index = 0;
        foreach (var block in _function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr.IsCall) positions.Add(2 * index + 1);
                index++;
            }
        }
        return positions;
    }

    private void SetHints(IReadOnlyList<LiveInterval> intervals)
    {
        foreach (var instr in _function.Blocks.SelectMany(b => b.Instructions))
        {
            if (!instr.IsCopy) continue;
            var dst = instr.Operands[0].Register;
            var src = instr.Operands[1].Register;
            if (dst.IsVirtual && src.IsPhysical) intervals[dst.VirtualIndex].Hint ??= src.PhysicalNumber;
            else if (dst.IsPhysical && src.IsVirtual) intervals[src.VirtualIndex].Hint ??= dst.PhysicalNumber;
            else if (dst.IsVirtual && src.IsVirtual) intervals[dst.VirtualIndex].VirtualHint ??= src.VirtualIndex;
        }
    }

    private IEnumerable<int> ExplicitPhysicalDefs() =>
        _function.Blocks.SelectMany(b => b.Instructions)
            .SelectMany(i => i.Operands.Where(o => o.Kind == OperandKind.Register && o.Register.IsPhysical && o.Access is OperandAccess.Def or OperandAccess.UseDef)
                .Select(o => o.Register.PhysicalNumber).Concat(i.ImplicitDefs));

    /// <summary>Replaces virtual registers by their assignments, inserts spill code, drops identity copies.</summary>
    private int Rewrite(IReadOnlyList<LiveInterval> intervals)
    {
        var removed = 0;
        foreach (var block in _function.Blocks)
        {
            var output = new List<MachineInstr>(block.Instructions.Count);
            foreach (var instr in block.Instructions)
            {
                var before = new List<MachineInstr>();
                var after = new List<MachineInstr>();
                var scratchOf = new Dictionary<int, int>();
                var operands = instr.Operands;

                // Spilled registers the instruction reads get distinct scratch registers, loaded before it.
                // Ones it only writes may reuse those (every read happens before the write) but are distinct
                // among themselves; each written one is stored after the instruction.
                var readers = new Dictionary<RegisterClass, int>();
                var writers = new Dictionary<RegisterClass, int>();
                foreach (var pass in new[] { true, false })
                {
                    foreach (var op in operands)
                    {
                        if (!op.HasRegister || !op.Register.IsVirtual) continue;
                        var interval = intervals[op.Register.VirtualIndex];
                        if (interval.Register is not null || scratchOf.ContainsKey(interval.VirtualIndex)) continue;
                        var reads = operands.Any(o => o.HasRegister && o.Register == op.Register && (o.Kind == OperandKind.Memory || o.Access is OperandAccess.Use or OperandAccess.UseDef));
                        if (reads != pass) continue;
                        var writes = operands.Any(o => o.Kind == OperandKind.Register && o.Register == op.Register && o.Access is OperandAccess.Def or OperandAccess.UseDef);
                        var slot = interval.SpillSlot ?? throw new InvalidOperationException($"{op.Register} was neither allocated nor spilled");
                        var counter = reads ? readers : writers;
                        var n = counter.GetValueOrDefault(interval.Class);
                        var pool = _target.Scratch(interval.Class);
                        if (n >= pool.Count) throw new InvalidOperationException($"instruction needs more than {pool.Count} scratch registers");
                        counter[interval.Class] = n + 1;
                        var scratch = pool[n];
                        scratchOf[interval.VirtualIndex] = scratch;
                        if (reads) before.Add(WithLine(_spillCode.Load(scratch, slot), instr.Line));
                        if (writes) after.Add(WithLine(_spillCode.Store(slot, scratch), instr.Line));
                    }
                }
                for (var k = 0; k < operands.Length; k++)
                {
                    var op = operands[k];
                    if (!op.HasRegister || !op.Register.IsVirtual) continue;
                    var interval = intervals[op.Register.VirtualIndex];
                    operands[k] = op.WithRegister(MReg.Physical(interval.Register ?? scratchOf[interval.VirtualIndex]));
                }
                if (instr.IsCopy && operands[0].Register == operands[1].Register && before.Count == 0 && after.Count == 0)
                {
                    removed++;
                    continue;
                }
                output.AddRange(before);
                output.Add(instr);
                output.AddRange(after);
            }
            block.Instructions.Clear();
            block.Instructions.AddRange(output);
        }
        return removed;
    }

    private static MachineInstr WithLine(MachineInstr instr, int line)
    {
        instr.Line = line;
        return instr;
    }
}
