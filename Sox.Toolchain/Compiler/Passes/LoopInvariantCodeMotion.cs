using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// The <c>licm</c> pass: loop-invariant code motion. Invariant established: no instruction of a loop that has a
/// preheader (<see cref="Loops"/>) is both hoistable and loop-invariant; such an instruction runs once, at the end of
/// the preheader, instead of on every iteration.
/// <para><b>Hoistable</b> (<see cref="CanHoist"/>): it has no effect besides its result, cannot fail or trap, and its
/// result depends only on its operands — constants, copies, addresses, integer and float arithmetic (wrapping, IEEE,
/// no division traps: the IR has no integer division), compares, conversions, <c>sox.not</c>, <c>sox.truthy</c>,
/// and Sox <c>==</c>/<c>!=</c> and calls of the runtime functions <see cref="RuntimeFunctions.EffectOf(string)"/> calls
/// <see cref="RuntimeEffect.Pure"/> (§3: equality of any two values is defined; <c>sox_equal</c> compares numbers,
/// bits, immutable string contents or C pointers, never allocates, never runs Sox code and never fails).
/// Loads are not hoisted (stores and calls in the loop may change memory), nor other calls, nor the other Sox operators,
/// which fail on non-numbers. Because a hoisted instruction cannot fail, running it when the block it came from
/// would not have run (a loop that runs zero times, an arm not taken) is unobservable.</para>
/// <para><b>Loop-invariant</b>: every operand is assigned nowhere in the loop, or by an instruction already hoisted;
/// and, since registers are not SSA (docs/ir.md), the destination has exactly one definition in the function,
/// which dominates every read of it. So every read, in the loop or after it, sees the one value, which the
/// preheader (dominating the whole loop) now computes from the same operand values.</para>
/// <para>Constants and addresses are cheap to rematerialise and instruction selection folds single-definition
/// constants into immediates, so they move only when another moved instruction reads them. Hoisted instructions
/// take the line of the preheader's jump (the loop statement): they run there, and none of them can appear in a
/// runtime error's trace. Inner loops are processed first, so code invariant in a nest moves out level by level.</para>
/// </summary>
internal sealed class LoopInvariantCodeMotion : FunctionPass
{
    /// <inheritdoc/>
    public override string Name => "licm";

    /// <inheritdoc/>
    public override void Run(IrFunction function)
    {
        var loops = Loops.Find(function, out var dominators);
        if (dominators is null || !loops.Exists(l => l.Preheader is not null)) return;
        var registers = function.Registers.Count;
        var defs = RegisterCounts.Definitions(function);
        var scratch = Scratch.Current;
        var dominatesUses = DefinitionsDominatingUses(function, defs, loops, dominators, scratch);
        var words = (registers + 63) >> 6;
        var assigned = ScratchArrays.Take(ref scratch.Assigned, words);
        var invariant = ScratchArrays.Take(ref scratch.Invariant, words);
        var needed = ScratchArrays.Take(ref scratch.Needed, words);
        var body = scratch.Body;
        var candidates = scratch.Candidates;
        var moved = scratch.Moved;
        var from = scratch.From;

        // Loops come outermost first (reverse postorder of headers); inner first lets a nest empty level by level.
        for (var l = loops.Count - 1; l >= 0; l--)
        {
            var loop = loops[l];
            if (loop.Preheader is not { } preheader) continue;
            // The reached blocks of the loop in reverse postorder (distinct numbers: any sort gives this order).
            body.Clear();
            foreach (var block in loop.Body)
            {
                if (dominators.IsReached(block)) body.Add((dominators.Order(block), block));
            }
            body.Sort(static (a, b) => a.Order.CompareTo(b.Order));
            Array.Clear(assigned, 0, words);
            foreach (var (_, block) in body)
            {
                foreach (var inst in block.Instructions)
                {
                    if (inst.Dest is { } d) Set(assigned, d.Id);
                }
            }

            // Candidates in dominance-compatible order (reverse postorder), so an operand's candidate comes first.
            candidates.Clear();
            Array.Clear(invariant, 0, words);
            foreach (var (_, block) in body)
            {
                var instructions = block.Instructions;
                for (var i = 0; i < instructions.Count - 1; i++)
                {
                    var inst = instructions[i];
                    if (!CanHoist(inst) || inst.Dest is not { } dest || defs[dest.Id] != 1 || !dominatesUses[dest.Id]) continue;
                    var uses = inst.Uses;
                    var ready = true;
                    for (var u = 0; u < uses.Count && ready; u++) ready = !Get(assigned, uses[u].Id) || Get(invariant, uses[u].Id);
                    if (!ready) continue;
                    Set(invariant, dest.Id);
                    candidates.Add((block, inst, false));
                }
            }
            if (candidates.Count == 0) continue;

            // Keep only what pays: everything but constants and addresses, and the candidates those read.
            Array.Clear(needed, 0, words);
            for (var c = candidates.Count - 1; c >= 0; c--)
            {
                var inst = candidates[c].Inst;
                if ((inst is ConstInst or SymbolAddressInst or StackSlotAddressInst) && !Get(needed, inst.Dest!.Id)) continue;
                candidates[c] = (candidates[c].Block, inst, true);
                foreach (var u in inst.Uses)
                {
                    if (Get(invariant, u.Id)) Set(needed, u.Id);
                }
            }

            var jump = preheader.Instructions[^1];
            moved.Clear();
            from.Clear();
            for (var c = 0; c < candidates.Count; c++)
            {
                if (!candidates[c].Moving) continue;
                var inst = candidates[c].Inst;
                inst.Line = jump.Line;
                inst.Column = jump.Column;
                preheader.Instructions.Insert(preheader.Instructions.Count - 1, inst);
                moved.Add(inst);
                if (!from.Contains(candidates[c].Block)) from.Add(candidates[c].Block);
            }
            // The preheader is outside the loop, so removing from the loop's blocks never touches what was inserted.
            foreach (var block in from) block.Instructions.RemoveAll(scratch.IsMoved);
        }
        body.Clear();
        candidates.Clear();
        moved.Clear();
        from.Clear();
    }

    private static bool Get(ulong[] bits, int i) => (bits[i >> 6] & (1UL << (i & 63))) != 0;

    private static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << (i & 63);

    /// <summary>
    /// What one run needs besides its results, kept per thread and reused by the next function (licm runs twice on
    /// each of a module's thousands of functions): bit rows by register, the loop's blocks, the candidates.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? t_current;

        public static Scratch Current => t_current ??= new();

        public ulong[]? Assigned, Invariant, Needed;
        public BasicBlock?[]? DefBlock;
        public int[]? DefIndex;
        public bool[]? Result;
        public readonly List<(int Order, BasicBlock Block)> Body = new();
        public readonly List<(BasicBlock Block, Instruction Inst, bool Moving)> Candidates = new();
        public readonly HashSet<Instruction> Moved = new();
        public readonly List<BasicBlock> From = new();
        public readonly Predicate<Instruction> IsMoved;

        private Scratch() => IsMoved = Moved.Contains;

    }

    /// <summary>
    /// True for an instruction that only computes its result from its operands and cannot fail (see the class
    /// summary): safe to run once before the loop, even on a path where it would not have run.
    /// </summary>
    internal static bool CanHoist(Instruction inst) => inst switch
    {
        ConstInst or CopyInst or SymbolAddressInst or StackSlotAddressInst => true,
        IntBinaryInst or FloatBinaryInst or IntCompareInst or FloatCompareInst or ConvertInst => true,
        SoxTruthyInst => true,
        SoxUnaryInst u => u.Op == SoxUnaryOp.Not,
        SoxBinaryInst b => RuntimeFunctions.EffectOf(Legalize.RuntimeFunction(b.Op)) == RuntimeEffect.Pure,
        CallInst call => RuntimeFunctions.IsPure(call),
        _ => false,
    };

    /// <summary>
    /// The single-definition registers assigned in a loop block whose definition dominates every read (a read in
    /// the defining block must come after it). Only those may move: a read the definition does not dominate could
    /// see the value of a previous iteration, or none.
    /// </summary>
    private static bool[] DefinitionsDominatingUses(IrFunction function, int[] defs, List<Loops.Loop> loops, Loops.Dominators dominators, Scratch scratch)
    {
        var registers = function.Registers.Count;
        var defBlock = ScratchArrays.Take(ref scratch.DefBlock, registers);
        var defIndex = ScratchArrays.Take(ref scratch.DefIndex, registers);
        var result = ScratchArrays.Take(ref scratch.Result, registers);
        // Every block of some loop (a block of nested loops is seen once per loop: a single-definition register's one
        // definition is recorded the same each time).
        foreach (var loop in loops)
        {
            foreach (var block in loop.Body)
            {
                var instructions = block.Instructions;
                for (var i = 0; i < instructions.Count; i++)
                {
                    if (instructions[i].Dest is not { } d || defs[d.Id] != 1) continue;
                    defBlock[d.Id] = block;
                    defIndex[d.Id] = i;
                    result[d.Id] = true;
                }
            }
        }
        foreach (var block in function.Blocks)
        {
            var instructions = block.Instructions;
            for (var i = 0; i < instructions.Count; i++)
            {
                var uses = instructions[i].Uses;
                for (var u = 0; u < uses.Count; u++)
                {
                    var r = uses[u].Id;
                    if (defBlock[r] is not { } db || !result[r]) continue;
                    var dominated = db == block ? defIndex[r] < i : dominators.Dominates(db, block);
                    if (!dominated) result[r] = false;
                }
            }
        }
        // The scratch outlives the function on this thread: drop its blocks.
        Array.Clear(defBlock, 0, registers);
        return result;
    }
}
