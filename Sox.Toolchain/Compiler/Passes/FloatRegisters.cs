using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// <c>unbox</c>: numbers the float operations work on live unboxed in F64 registers (so in the allocator's float
/// class: XMM on x86-64, V on AArch64) across their whole live range, loop back edges included, instead of being
/// moved from a general register into a float one before every operation and back after it.
/// <list type="bullet">
/// <item>An I64 register is <b>unboxed</b> when every assignment of it is a number constant (bits outside the tag
/// space, runtime-abi.md "NaN boxing"), an <c>f64_to_bits</c> of a float result, or a copy of another unboxed
/// register, and its copy web (registers joined by copies) has a read by <c>bits_to_f64</c>, i.e. a float
/// operation wants it. It gets an F64 twin: assignments write the twin (<c>const</c> as a double, <c>copy</c> of
/// the float result, <c>copy</c> of the other twin), <c>bits_to_f64 r</c> becomes <c>copy twin</c>, and every other
/// read (a call argument, a store, a return, a tag test, a slow path's runtime call) is preceded by
/// <c>r = f64_to_bits twin</c> (<b>boxing only where the value escapes</b>). Both conversions are bit-for-bit
/// (IEEE 754 §5.5.1 copy operations; <c>movq</c>/<c>fmov</c>), so every value, NaN payloads and −0 included, is
/// exactly the one the boxed register held.</item>
/// <item>Debugging: a variable held in an unboxed register is described by its twin (a number's boxed bits are its
/// double's bits, so the low 64 bits of the XMM/V register are the variable's <c>SoxValue</c>); the backends map
/// float registers to DWARF XMM 17–32 / V 64–95 and CodeView XMM 154–169.</item>
/// <item>Copies: the F64 copies between float operations go (<see cref="PropagateCopies"/>), so a loop variable is
/// updated in place.</item>
/// <item>Constants: an F64 <c>const</c> that is its register's only assignment and sits in a loop moves to the
/// loop's preheader (<see cref="Loops"/>), innermost loop first, so a loop materialises it once instead of once
/// per iteration.</item>
/// <item>Calls: no calling convention Sox targets keeps all float registers across a call (System V: none; Win64:
/// XMM6–15; AAPCS64: the low halves of V8–V15), and the allocator gives a value live across a call only a
/// callee-saved register or a spill slot for its whole life. So around each call every F64 register live after
/// it is parked in a general register (<c>s = f64_to_bits r</c> before, <c>r = bits_to_f64 s</c> after) or, when
/// its only assignment is a constant, rematerialised after the call; the F64 register is then not live across the
/// call and keeps a caller-saved register, and the general one gets a callee-saved register as boxed values always
/// did. The cost stays on the call's path (usually a slow path).</item>
/// </list>
/// Runs after <c>legalize</c> and <c>fold</c>, where every float operation is explicit.
/// </summary>
public sealed partial class FloatRegisters : FunctionPass
{
    /// <inheritdoc/>
    public override string Name => "unbox";

    /// <inheritdoc/>
    public override void Run(IrFunction function)
    {
        if (!HasFloatWork(function)) return;
        Unbox(function);
        PropagateCopies(function);
        HoistConstants(function);
        SplitAtCalls(function);
    }

    /// <summary>True when the function converts or computes floats at all (most functions do not).</summary>
    private static bool HasFloatWork(IrFunction function)
    {
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr is ConvertInst or FloatBinaryInst or FloatCompareInst or FloatCompareBranchInst) return true;
                if (instr is ConstInst c && c.Dest.Type == IrType.F64) return true;
            }
        }
        return false;
    }

    /// <summary>True for constant bits that are a number, not a tagged value (runtime-abi.md "NaN boxing").</summary>
    private static bool IsNumberBits(long bits) => (bits & ValueBits.Qnan) != ValueBits.Qnan;

    /// <summary>Gives every unboxed register (class summary) its F64 twin and rewrites assignments and reads.</summary>
    private static void Unbox(IrFunction function)
    {
        var count = function.Registers.Count;
        var scratch = FloatRegistersScratch.Current;
        // Candidates: I64 registers whose every assignment produces a number. Parameters are assigned by the caller.
        var candidate = ScratchArrays.Take(ref scratch.Candidate, count);
        var floatUse = ScratchArrays.Take(ref scratch.FloatUse, count);
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr is ConvertInst { Kind: ConvertKind.BitsToFloat } b) floatUse[b.Source.Id] = true;
                if (instr.Dest is not { Type: IrType.I64 } d) continue;
                candidate[d.Id] = true;
            }
        }
        foreach (var p in function.Parameters) candidate[p.Id] = false;
        // The copies between candidates (dest, source), in instruction order: the copy web's edges.
        var copies = 0;
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr.Dest is not { Type: IrType.I64 } d || !candidate[d.Id]) continue;
                switch (instr)
                {
                    case ConstInst c when IsNumberBits(c.Bits):
                    case ConvertInst { Kind: ConvertKind.FloatToBits }:
                        break;
                    case CopyInst copy:
                        if (scratch.CopyDest is not { } dests || dests.Length == copies)
                        {
                            // Grow, keeping the copies recorded so far.
                            var size = Math.Max(16, copies * 2);
                            Array.Resize(ref scratch.CopyDest, size);
                            Array.Resize(ref scratch.CopySource, size);
                        }
                        scratch.CopyDest![copies] = d.Id;
                        scratch.CopySource![copies++] = copy.Source.Id;
                        break;
                    default:
                        candidate[d.Id] = false;
                        break;
                }
            }
        }
        // Who each register copies (`sources`) and who copies it (`users`), as rows of two flat arrays by register:
        // for the worklists below, linear in the copies.
        var copyDest = scratch.CopyDest ?? [];
        var copySource = scratch.CopySource ?? [];
        var sourceStart = Rows(ref scratch.SourceStart, ref scratch.SourceItems, copyDest, copySource);
        var sourceItems = scratch.SourceItems!;
        var userStart = Rows(ref scratch.UserStart, ref scratch.UserItems, copySource, copyDest);
        var userItems = scratch.UserItems!;

        int[] Rows(ref int[]? startCache, ref int[]? itemsCache, int[] key, int[] value)
        {
            var start = ScratchArrays.Take(ref startCache, count + 1);
            for (var e = 0; e < copies; e++) start[key[e] + 1]++;
            for (var r = 0; r < count; r++) start[r + 1] += start[r];
            var fill = ScratchArrays.Take(ref scratch.Fill, count);
            var items = ScratchArrays.TakeDirty(ref itemsCache, copies);
            for (var e = 0; e < copies; e++) items[start[key[e]] + fill[key[e]]++] = value[e];
            return start;
        }

        // A copy of a register that is not a candidate (a parameter, a call result, …) disqualifies, transitively.
        // Each register is pushed at most once (when it is, or becomes, a non-candidate), so the stack has room.
        var work = ScratchArrays.TakeDirty(ref scratch.Work, count);
        var top = 0;
        for (var r = 0; r < count; r++)
        {
            if (!candidate[r]) work[top++] = r;
        }
        while (top > 0)
        {
            var s = work[--top];
            for (var k = userStart[s]; k < userStart[s + 1]; k++)
            {
                var r = userItems[k];
                if (!candidate[r]) continue;
                candidate[r] = false;
                work[top++] = r;
            }
        }

        // Worth it: the copy web (both directions) holds a register a float operation reads. Each register is pushed
        // at most once (when it becomes kept).
        var kept = ScratchArrays.Take(ref scratch.Kept, count);
        for (var r = 0; r < count; r++)
        {
            if (!candidate[r] || !floatUse[r]) continue;
            kept[r] = true;
            work[top++] = r;
        }
        while (top > 0)
        {
            var r = work[--top];
            Spread(sourceStart, sourceItems, r);
            Spread(userStart, userItems, r);
        }

        void Spread(int[] start, int[] items, int r)
        {
            for (var k = start[r]; k < start[r + 1]; k++)
            {
                var n = items[k];
                if (!candidate[n] || kept[n]) continue;
                kept[n] = true;
                work[top++] = n;
            }
        }

        var twin = ScratchArrays.Take(ref scratch.Twin, count);
        var any = false;
        var registers = function.Registers;
        for (var r = 0; r < count; r++)
        {
            if (!kept[r]) continue;
            twin[r] = function.NewRegister(IrType.F64, registers[r].Hint);
            any = true;
        }
        if (!any) return;

        var output = scratch.Output;
        foreach (var block in function.Blocks)
        {
            output.Clear();
            var changed = false;
            foreach (var instr in block.Instructions)
            {
                if (instr.Dest is { } d && d.Id < count && twin[d.Id] is { } t)
                {
                    output.Add(Stamp(instr switch
                    {
                        ConstInst c => new ConstInst(t, c.Bits, c.Line),
                        ConvertInst c => new CopyInst(t, c.Source, c.Line),
                        CopyInst c => new CopyInst(t, twin[c.Source.Id]!, c.Line),
                        _ => throw new InvalidOperationException($"unbox: unexpected assignment {instr}"),
                    }, instr));
                    changed = true;
                    continue;
                }
                if (instr is ConvertInst { Kind: ConvertKind.BitsToFloat } b && twin[b.Source.Id] is { } source)
                {
                    output.Add(Stamp(new CopyInst(b.Dest, source, b.Line), instr));
                    changed = true;
                    continue;
                }
                // Any other read escapes: box the current value into the original register just before it.
                var uses = instr.Uses;
                for (var k = 0; k < uses.Count; k++)
                {
                    var u = uses[k];
                    if (u.Id >= count || twin[u.Id] is not { } ut || SeenBefore(uses, k)) continue;
                    output.Add(Stamp(new ConvertInst(ConvertKind.FloatToBits, u, ut, instr.Line), instr));
                    changed = true;
                }
                output.Add(instr);
            }
            // A block with nothing unboxed keeps its list as it is (the rebuilt one would be the same).
            if (!changed) continue;
            block.Instructions.Clear();
            block.Instructions.AddRange(output);
        }
        output.Clear();

        // A variable in an unboxed register is found in its twin: the same 64 bits (class summary).
        var variables = function.DebugVariables;
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            if (v.Indirections.Count == 0 && v.Register.Id < count && twin[v.Register.Id] is { } t) variables[i] = v with { Register = t };
        }
    }

    private static bool SeenBefore(IReadOnlyList<VReg> uses, int k)
    {
        for (var j = 0; j < k; j++)
        {
            if (ReferenceEquals(uses[j], uses[k])) return true;
        }
        return false;
    }

    /// <summary>Gives <paramref name="made"/> the source position of <paramref name="from"/> (line tables, columns).</summary>
    private static Instruction Stamp(Instruction made, Instruction from)
    {
        made.Line = from.Line;
        made.Column = from.Column;
        return made;
    }
}
