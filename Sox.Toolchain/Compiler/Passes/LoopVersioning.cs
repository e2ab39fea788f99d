using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// The <c>version</c> pass: speculative loop versioning (issue 15 items 1 and 4: "a check on a loop-invariant value is
/// hoisted out of the loop"; inline-cache guards of an invariant receiver tested once). An innermost loop gets a
/// <b>fast copy</b> made of the blocks from which the next iteration (or the loop's exit) can be reached without a call
/// — the hot path; every edge of the copy into a block that must call (the real method call, a runtime slow path such
/// as <c>sox_add</c>, a cache fill, an error) is a <b>side exit</b>: it jumps to that block of the original loop, which
/// does the call and carries on in the original loop, exactly as without this pass. The original loop is unchanged.
/// <para>Because the copy calls nothing, memory changes in it only through its own stores, so a guard of the copy —
/// a compare-and-branch with one successor in the copy and the other a side exit — whose operands are computed only
/// from values assigned outside the copy, constants, addresses, pure operations and loads that no store of the copy can
/// write (<see cref="MemoryClass"/>) gives the same answer on every iteration. Such guards are evaluated once, before
/// the copy, in a chain of check blocks: all pass → the copy, where they are jumps to their passing side; any fails →
/// the original loop. The instructions those guards read (and every other such invariant instruction of the copy) move
/// into the chain.</para>
/// <para><b>Registers.</b> They are not SSA (docs/ir.md). Each register the copy assigns gets a new register in the copy
/// (so a register with one definition in the loop has one in the copy, which <c>gvn</c>, <c>licm</c> and <c>unbox</c>
/// rely on), except the registers debug variables live in, which keep their name so the debugger sees the variable in
/// both loops. Before the copy a renamed register that is live at the loop header is copied in; on every edge leaving
/// the copy (loop exits and side exits) each renamed register live at the target is copied back. An instruction moves
/// to the chain only when its destination has one definition in the copy and is not live at the header (so no read in
/// the copy sees an older value).</para>
/// <para><b>Loads in the chain</b> run before the loop, possibly when the loop would not have reached them. Loads of
/// module data (an <c>addr</c> symbol) are always valid. A load of the heap is moved only when every conditional
/// branch dominating it in the copy is a hoisted guard, a loop exit, a float compare or a number tag test: the
/// lowering loads from an object only behind its own tag/type/shape tests of that object, which are then among the
/// hoisted guards, and the other branches never establish that something is a pointer.</para>
/// <para>A register the copy assigns only from <c>f64_to_bits</c> (or copies of such), and does not read before
/// assigning, is a number throughout the copy (the running sum of a loop whose <c>sox_add</c> slow path is a side
/// exit): its number tag tests in the copy are jumps to their number side.</para>
/// <para>Each failed check costs one unit of a budget (<see cref="RecheckBudget"/>); while some is left, the original
/// loop's back edges run the checks again, so a loop whose first iteration fills the caches its guards compare with,
/// or that left the copy once for a rare slow path, goes back to the fast copy.</para>
/// <para><b>Limits.</b> Innermost loops whose preheader ends in a jump, at most <see cref="MaxLoopInstructions"/>
/// instructions in the loop and <see cref="MaxCopiedInstructions"/> in the copy, at least one guard hoisted, at most
/// <see cref="MaxLoopsPerFunction"/> loops per function. After versioning, the original loop can be entered from the
/// side exits, so it is no longer a natural loop for later passes (it is the slow path).</para>
/// </summary>
internal sealed partial class LoopVersioning : FunctionPass
{
    /// <summary>The largest loop (instructions) looked at.</summary>
    public const int MaxLoopInstructions = 8000;

    /// <summary>The largest fast copy (instructions) made.</summary>
    public const int MaxCopiedInstructions = 2000;

    /// <summary>The most loops versioned in one function.</summary>
    public const int MaxLoopsPerFunction = 4;

    /// <summary>How many failed checks the original loop's back edge re-runs the checks after (then it goes straight to
    /// its header, for one compare per iteration).</summary>
    public const int RecheckBudget = 8;

    /// <inheritdoc/>
    public override string Name => "version";

    /// <inheritdoc/>
    public override void Run(IrFunction function)
    {
        if (!HasBackwardEdge(function)) return; // most functions have no loop: no dominators, no allocation
        var done = new HashSet<BasicBlock>();
        var versioned = 0;
        while (versioned < MaxLoopsPerFunction && TryVersionOne(function, done, _fieldNames)) versioned++;
        if (versioned > 0) Reachability.RemoveUnreachableBlocks(function);
    }

    /// <summary>True when some block jumps to a block at or before it in layout order: a loop's latch comes after its
    /// header (lowering lays loops out in order and passes insert new blocks next to the ones they split), while the
    /// blocks inlining and fast paths add jump forward to their joins (a cheap filter, not a proof).</summary>
    private static bool HasBackwardEdge(IrFunction function)
    {
        var blocks = function.Blocks;
        var ids = 0;
        foreach (var b in blocks) ids = Math.Max(ids, b.Id + 1);
        // FlowGraph.Positions, in this thread's scratch: every function of the module comes through here.
        var positions = ScratchArrays.TakeDirty(ref LoopVersioningScratch.Current.Layout, ids);
        Array.Fill(positions, -1, 0, ids);
        for (var i = 0; i < blocks.Count; i++) positions[blocks[i].Id] = i;
        for (var b = 0; b < blocks.Count; b++)
        {
            var successors = blocks[b].Successors;
            for (var i = 0; i < successors.Count; i++)
            {
                var id = successors[i].Id;
                if (((uint)id < (uint)ids ? positions[id] : -1) <= b) return true;
            }
        }
        return false;
    }

    private static bool TryVersionOne(IrFunction function, HashSet<BasicBlock> done, FieldNames names)
    {
        var loops = Loops.Find(function, out var dominators);
        if (dominators is null) return false;
        Facts? facts = null;
        foreach (var loop in loops)
        {
            if (!done.Add(loop.Header)) continue;
            if (loop.Preheader is not { Terminator: JumpInst } preheader) continue;
            if (loops.Exists(other => other != loop && loop.Body.Contains(other.Header))) continue; // innermost only
            var size = 0;
            foreach (var b in loop.Body) size += b.Instructions.Count;
            if (size > MaxLoopInstructions) continue;
            facts ??= new Facts(function); // again after each change: new registers, copies back
            var plan = Planner.Make(function, loop, facts, names);
            if (plan is null) continue;
            done.Add(Apply(function, loop, preheader, plan, facts));
            return true;
        }
        return false;
    }

    /// <summary>Function-wide register facts: definition counts and single definitions, who is a debug variable. Its
    /// arrays are this thread's <see cref="LoopVersioningScratch"/>: valid until the next <see cref="Facts"/> on the
    /// thread (the pass makes one per change of the function).</summary>
    internal sealed class Facts
    {
        private const byte DebugFlag = 1, ParameterFlag = 2;
        private readonly byte[] _flags;
        private readonly int _registers;

        public Facts(IrFunction function)
        {
            var scratch = LoopVersioningScratch.Current;
            var n = function.Registers.Count;
            _registers = n;
            DefinitionCounts = ScratchArrays.Take(ref scratch.Definitions, n);
            UseCounts = ScratchArrays.Take(ref scratch.Uses, n);
            SingleDefinition = ScratchArrays.Take(ref scratch.SingleDefinition, n);
            _flags = ScratchArrays.Take(ref scratch.Flags, n);
            // As RegisterCounts: a parameter counts one definition (the caller's), then every instruction assigning it.
            foreach (var p in function.Parameters)
            {
                DefinitionCounts[p.Id] = 1;
                _flags[p.Id] |= ParameterFlag;
            }
            var uses = UseCounts;
            foreach (var block in function.Blocks)
            {
                foreach (var inst in block.Instructions)
                {
                    if (inst.Dest is { } d) DefinitionCounts[d.Id]++;
                    LoopVersioningScratch.ForEachUse(inst, ref uses, static (u, ref counts) => counts[u.Id]++);
                }
            }
            foreach (var block in function.Blocks)
            {
                foreach (var inst in block.Instructions)
                {
                    if (inst.Dest is { } d && DefinitionCounts[d.Id] == 1) SingleDefinition[d.Id] = inst;
                }
            }
            foreach (var v in function.DebugVariables) _flags[v.Register.Id] |= DebugFlag;
        }

        /// <summary>Definitions of each register (parameters count one).</summary>
        public int[] DefinitionCounts { get; }

        /// <summary>Reads of each register.</summary>
        public int[] UseCounts { get; }

        /// <summary>The one instruction assigning a register assigned exactly once (null otherwise).</summary>
        public Instruction?[] SingleDefinition { get; }

        /// <summary>True when a debug variable names <paramref name="r"/>.</summary>
        public bool IsDebugRegister(VReg r) => (uint)r.Id < (uint)_registers && (_flags[r.Id] & DebugFlag) != 0;

        /// <summary>True when <paramref name="r"/> is one of the function's parameters.</summary>
        public bool IsParameter(VReg r) => (uint)r.Id < (uint)_registers && (_flags[r.Id] & ParameterFlag) != 0;
    }

    /// <summary>What versioning one loop does: the copy's blocks, the instructions moved to the chain and the guards
    /// hoisted (block → its passing successor), the address compares the chain makes and the fields carried in
    /// registers (<c>LoopVersioning.Fields.cs</c>).</summary>
    internal sealed record Plan(List<BasicBlock> Order, HashSet<BasicBlock> Region, HashSet<Instruction> Moved,
        Dictionary<BasicBlock, BasicBlock> Hoisted, Dictionary<BasicBlock, BasicBlock> Folded, List<VReg> Assigned,
        Func<VReg, bool> DefinedOutside, Liveness Liveness, List<AliasCheck> AliasChecks, List<Promotion> Promotions,
        Dictionary<Instruction, Promotion> PromotedAccess);
}
