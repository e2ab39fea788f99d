using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

public sealed partial class FloatRegisters
{
    /// <summary>
    /// Removes the F64 copies the lowering's copy-on-read (and the twins' copies) leave between float operations, so a
    /// loop variable is updated in place (<c>sum = fadd sum, t</c>) instead of through a chain of temporaries that the
    /// allocator cannot give the variable's register (its interval spans the loop):
    /// <list type="number">
    /// <item>Forward, within a block: a float operation or copy reading <c>d</c> after <c>d = copy t</c>, with neither
    /// assigned in between, reads <c>t</c> instead.</item>
    /// <item>F64 copies nobody reads any more are deleted (not those assigning a debug variable's register).</item>
    /// <item>Backward, within a block: <c>t = op …</c> followed by <c>v = copy t</c>, where that copy is the only
    /// read of <c>t</c>, <c>t</c> has no other assignment and <c>v</c> is neither read nor assigned in between, becomes
    /// <c>v = op …</c> (reads happen before the write, so <c>v = fadd v, x</c> is fine).</item>
    /// </list>
    /// </summary>
    private static void PropagateCopies(IrFunction function)
    {
        // Every step starts from an F64 copy: without one (no twin was made and gvn left none) there is nothing to do.
        if (!HasFloatCopy(function)) return;
        var count = function.Registers.Count;
        var scratch = FloatRegistersScratch.Current;
        var debugRegisters = ScratchArrays.Take(ref scratch.DebugRegisters, count);
        foreach (var v in function.DebugVariables)
        {
            if (v.Register.Id < count) debugRegisters[v.Register.Id] = true;
        }
        // alias[d] = t after `d = copy t` in this block (neither assigned since); the keys set are listed in `aliased`
        // so that each block starts empty without clearing the whole array. Arrays by register id, not a dictionary:
        // this walks every instruction of every function with float work.
        var alias = ScratchArrays.Take(ref scratch.Alias, count);
        var aliased = scratch.Aliased;
        aliased.Clear();
        foreach (var block in function.Blocks)
        {
            foreach (var key in aliased) alias[key] = null;
            aliased.Clear();
            var instructions = block.Instructions;
            for (var n = 0; n < instructions.Count; n++)
            {
                var instr = instructions[n];
                if (aliased.Count > 0)
                {
                    var rewritten = WithFloatUses(instr, alias);
                    if (!ReferenceEquals(rewritten, instr)) instructions[n] = instr = rewritten;
                }
                if (instr.Dest is not { } d) continue;
                if (aliased.Count > 0)
                {
                    // d changes: it no longer aliases anything, and nothing aliases it.
                    var kept = 0;
                    for (var k = 0; k < aliased.Count; k++)
                    {
                        var key = aliased[k];
                        if (key == d.Id || alias[key] == d)
                        {
                            alias[key] = null;
                            continue;
                        }
                        aliased[kept++] = key;
                    }
                    aliased.RemoveRange(kept, aliased.Count - kept);
                }
                if (instr is CopyInst { Dest.Type: IrType.F64 } c && c.Source != d)
                {
                    alias[d.Id] = c.Source;
                    aliased.Add(d.Id);
                }
            }
        }

        foreach (var key in aliased) alias[key] = null;
        aliased.Clear();

        var uses = UseCounts(function, scratch);
        foreach (var block in function.Blocks)
        {
            var instructions = block.Instructions;
            var kept = 0;
            for (var n = 0; n < instructions.Count; n++)
            {
                var instr = instructions[n];
                if (instr is CopyInst { Dest.Type: IrType.F64 } c && uses[c.Dest.Id] == 0 && !debugRegisters[c.Dest.Id])
                {
                    uses[c.Source.Id]--;
                    continue;
                }
                instructions[kept++] = instr;
            }
            if (kept < instructions.Count) instructions.RemoveRange(kept, instructions.Count - kept);
        }

        var assignments = AssignmentCounts(function, ref scratch.Assignments);
        foreach (var block in function.Blocks)
        {
            var instructions = block.Instructions;
            for (var q = 0; q < instructions.Count; q++)
            {
                if (instructions[q] is not CopyInst { Dest.Type: IrType.F64 } copy) continue;
                var t = copy.Source;
                var v = copy.Dest;
                if (t == v || uses[t.Id] != 1 || assignments[t.Id] != 1 || debugRegisters[t.Id]) continue;
                var p = q - 1;
                while (p >= 0 && instructions[p].Dest != t && !Touches(instructions[p], v)) p--;
                if (p < 0 || instructions[p].Dest != t) continue;
                if (Retarget(instructions[p], v) is not { } made) continue;
                instructions[p] = made;
                instructions.RemoveAt(q);
                uses[t.Id] = 0;
                q--;
            }
        }
    }

    private static bool HasFloatCopy(IrFunction function)
    {
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr is CopyInst { Dest.Type: IrType.F64 }) return true;
            }
        }
        return false;
    }

    private static bool Touches(Instruction instr, VReg v)
    {
        if (instr.Dest == v) return true;
        var uses = instr.Uses;
        for (var k = 0; k < uses.Count; k++)
        {
            if (uses[k] == v) return true;
        }
        return false;
    }

    /// <summary>Reads of registers per register id (in this thread's scratch array, valid until the next run).</summary>
    private static int[] UseCounts(IrFunction function, FloatRegistersScratch scratch)
    {
        var counts = ScratchArrays.Take(ref scratch.Uses, function.Registers.Count);
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                var uses = instr.Uses;
                for (var k = 0; k < uses.Count; k++) counts[uses[k].Id]++;
            }
        }
        return counts;
    }

    /// <summary><paramref name="instr"/> reading each aliased F64 register's source instead (float operations and
    /// F64 copies/conversions only), or <paramref name="instr"/> itself when nothing changes.</summary>
    private static Instruction WithFloatUses(Instruction instr, VReg?[] alias)
    {
        VReg A(VReg r) => r.Id < alias.Length && alias[r.Id] is { } s ? s : r;
        Instruction made = instr switch
        {
            FloatBinaryInst f when A(f.Left) != f.Left || A(f.Right) != f.Right => new FloatBinaryInst(f.Op, f.Dest, A(f.Left), A(f.Right), f.Line),
            FloatCompareInst f when A(f.Left) != f.Left || A(f.Right) != f.Right => new FloatCompareInst(f.Condition, f.Dest, A(f.Left), A(f.Right), f.Line),
            FloatCompareBranchInst f when A(f.Left) != f.Left || A(f.Right) != f.Right => new FloatCompareBranchInst(f.Condition, A(f.Left), A(f.Right), f.IfTrue, f.IfFalse, f.Line),
            CopyInst { Dest.Type: IrType.F64 } c when A(c.Source) != c.Source => new CopyInst(c.Dest, A(c.Source), c.Line),
            ConvertInst { Source.Type: IrType.F64 } c when A(c.Source) != c.Source => new ConvertInst(c.Kind, c.Dest, A(c.Source), c.Line),
            _ => instr,
        };
        return ReferenceEquals(made, instr) ? instr : Stamp(made, instr);
    }

    /// <summary><paramref name="instr"/> assigning <paramref name="v"/> instead of its own destination (float
    /// operations, constants and F64 copies), or null.</summary>
    private static Instruction? Retarget(Instruction instr, VReg v)
    {
        Instruction? made = instr switch
        {
            FloatBinaryInst f => new FloatBinaryInst(f.Op, v, f.Left, f.Right, f.Line),
            ConstInst c => new ConstInst(v, c.Bits, c.Line),
            CopyInst c => new CopyInst(v, c.Source, c.Line),
            _ => null,
        };
        return made is null ? null : Stamp(made, instr);
    }
}
