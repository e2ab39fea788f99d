using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes.Types;

/// <summary>
/// The <c>types</c> pass: applies <see cref="TypeAnalysis"/>. Invariants established: no conditional branch of a
/// reached block has a successor the analysis proves never taken (a truthiness test of a value proven a number, a
/// number tag test of a value proven a number or proven not one): it is a jump, and the blocks only that edge
/// reached become unreachable for dead-code elimination; no <c>==</c>/<c>!=</c> whose outcome the operand kinds
/// decide (§3: values of different kinds are never equal; nil, true and false equal only themselves) is left; no
/// copy, equality, <c>!</c> or truthiness test assigns a register whose value <see cref="ConstantValues"/> knows
/// (every definition assigns the same constant): it is that <c>const</c>, and branches on known constants are
/// jumps (their other edge is never executable).
/// </summary>
internal sealed class TypeFacts : FunctionPass
{
    /// <inheritdoc/>
    public override string Name => "types";

    /// <inheritdoc/>
    public override void Run(IrFunction function)
    {
        if (!MayChange(function)) return;
        var analysis = TypeAnalysis.Run(function);
        if (analysis is null) return;
        var state = new ValueKind[analysis.Registers];
        foreach (var block in function.Blocks)
        {
            if (!analysis.IsReached(block)) continue;
            analysis.EntryState(block, state);
            var instructions = block.Instructions;
            for (var i = 0; i < instructions.Count - 1; i++)
            {
                var inst = instructions[i];
                if (inst.Dest is { } d && inst is not ConstInst && (inst.IsPure || inst is SoxBinaryInst { Op: SoxBinaryOp.Eq or SoxBinaryOp.Ne })
                    && analysis.Constants.TryGet(d, out var bits))
                {
                    // Every definition of d assigns these bits: a copy of a constant (a global's mirror register set
                    // once from a literal), an equality or truthiness of constants.
                    instructions[i] = new ConstInst(d, bits, inst.Line) { Column = inst.Column };
                }
                else if (inst is SoxBinaryInst { Op: SoxBinaryOp.Eq or SoxBinaryOp.Ne } eq
                    && ValueKinds.Equality(TypeAnalysis.Of(state, eq.Left), TypeAnalysis.Of(state, eq.Right)) is { } equal)
                {
                    var value = eq.Op == SoxBinaryOp.Eq ? equal : !equal;
                    instructions[i] = new ConstInst(eq.Dest, ValueBits.Bool(value), eq.Line) { Column = eq.Column };
                }
                analysis.Step(instructions[i], state);
            }
            if (instructions[^1] is not Terminator term || term.Successors.Count != 2) continue;
            var successors = term.Successors;
            if (successors[0] == successors[1]) continue;
            bool taken0 = analysis.IsExecutable(block, 0), taken1 = analysis.IsExecutable(block, 1);
            if (taken0 == taken1) continue;
            instructions[^1] = new JumpInst(taken0 ? successors[0] : successors[1], term.Line) { Column = term.Column };
        }
    }

    /// <summary>
    /// False when nothing in <paramref name="function"/> is of a kind this pass rewrites, so the analysis is not run
    /// (invoke thunks, accessors: about half the functions of a program). Only a copy, a truthiness test, <c>!</c> or
    /// an equality can get a constant <see cref="ConstantValues"/> knows (any other definition makes its register
    /// varying), only an equality is decided by kinds, and only a branch with two different successors becomes a jump.
    /// </summary>
    private static bool MayChange(IrFunction function)
    {
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                switch (inst)
                {
                    case CopyInst or SoxTruthyInst or SoxUnaryInst { Op: SoxUnaryOp.Not }
                        or SoxBinaryInst { Op: SoxBinaryOp.Eq or SoxBinaryOp.Ne }:
                        return true;
                    case Terminator and not (JumpInst or ReturnInst or UnreachableInst):
                        return true;
                }
            }
        }
        return false;
    }
}
