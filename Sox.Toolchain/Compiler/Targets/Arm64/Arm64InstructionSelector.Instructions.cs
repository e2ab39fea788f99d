using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;
using static Sox.Compiler.CodeGen.Mir.MachineOperand;

namespace Sox.Compiler.Targets.Arm64;

public sealed partial class Arm64InstructionSelector
{
    /// <inheritdoc />
    protected override void SelectIntCompare(IntCompareInst c)
    {
        SelectCompare(c.Left, c.Right);
        Emit(Arm64Opcode.Cset, Def(V(c.Dest)), Imm((long)Condition(c.Condition)));
    }

    /// <inheritdoc />
    protected override void SelectFloatCompare(FloatCompareInst c)
    {
        Emit(Arm64Opcode.FcmpRR, Use(V(c.Left)), Use(V(c.Right)));
        Emit(Arm64Opcode.Cset, Def(V(c.Dest)), Imm((long)Condition(c.Condition)));
    }

    /// <inheritdoc />
    protected override void SelectSymbolAddress(SymbolAddressInst s) => Emit(Arm64Opcode.AddrSymbol, Def(V(s.Dest)), Sym(s.Symbol, s.Addend));

    /// <inheritdoc />
    protected override void SelectStackSlotAddress(StackSlotAddressInst s) => Emit(Arm64Opcode.AddrFrame, Def(V(s.Dest)), Frame(_slots[s.Slot]));

    /// <inheritdoc />
    protected override void SelectJump(JumpInst j) => Emit(Arm64Opcode.B, Target(_blocks[j.Target].Index)).Flags = InstrFlags.Terminator;

    /// <summary><c>cbnz v, ifTrue; b ifFalse</c> (the emitter may invert the pair into one <c>cbz</c>).</summary>
    protected override void SelectBranch(BranchInst b)
    {
        Emit(new MachineInstr((int)Arm64Opcode.Cbnz, Use(V(b.Condition)), Target(_blocks[b.IfTrue].Index)) { Flags = InstrFlags.Terminator });
        Emit(new MachineInstr((int)Arm64Opcode.B, Target(_blocks[b.IfFalse].Index)) { Flags = InstrFlags.Terminator });
    }

    /// <inheritdoc />
    protected override void SelectCompareBranch(CompareBranchInst c)
    {
        SelectCompare(c.Left, c.Right);
        Branch(Condition(c.Condition), c.IfTrue, c.IfFalse);
    }

    /// <inheritdoc />
    protected override void SelectFloatCompareBranch(FloatCompareBranchInst f)
    {
        Emit(Arm64Opcode.FcmpRR, Use(V(f.Left)), Use(V(f.Right)));
        Branch(Condition(f.Condition), f.IfTrue, f.IfFalse);
    }

    /// <inheritdoc />
    protected override void SelectUnreachable(UnreachableInst u) => Emit(new MachineInstr((int)Arm64Opcode.Udf) { Flags = InstrFlags.Terminator });

    /// <summary>Integer conditions after <c>cmp a, b</c> (Arm ARM C1.2.4, Table C1-1).</summary>
    private static Arm64Condition Condition(IntCondition condition) => condition switch
    {
        IntCondition.Eq => Arm64Condition.EQ,
        IntCondition.Ne => Arm64Condition.NE,
        IntCondition.Lt => Arm64Condition.LT,
        IntCondition.Le => Arm64Condition.LE,
        IntCondition.Gt => Arm64Condition.GT,
        IntCondition.Ge => Arm64Condition.GE,
        IntCondition.ULt => Arm64Condition.LO,
        IntCondition.ULe => Arm64Condition.LS,
        IntCondition.UGt => Arm64Condition.HI,
        _ => Arm64Condition.HS,
    };

    /// <summary>
    /// Conditions after <c>fcmp a, b</c>, which sets NZCV to 0110 (equal), 1000 (less), 0010 (greater) or 0011
    /// (unordered) (Arm ARM C7.2.111 FCMP; Table C1-1 lists the floating-point meaning of each code). Every ordered
    /// comparison must be false on unordered, so less-than is MI (not LT, which is "less than or unordered"),
    /// less-or-equal LS (not LE), and GT, GE, EQ are already false on 0011; NE is true on unordered, as the IR
    /// requires (NaN != NaN, §3).
    /// </summary>
    private static Arm64Condition Condition(FloatCondition condition) => condition switch
    {
        FloatCondition.Eq => Arm64Condition.EQ,
        FloatCondition.Ne => Arm64Condition.NE,
        FloatCondition.Lt => Arm64Condition.MI,
        FloatCondition.Le => Arm64Condition.LS,
        FloatCondition.Gt => Arm64Condition.GT,
        _ => Arm64Condition.GE,
    };

    private void Branch(Arm64Condition condition, BasicBlock ifTrue, BasicBlock ifFalse)
    {
        Emit(new MachineInstr((int)Arm64Opcode.BCond, Imm((long)condition), Target(_blocks[ifTrue].Index)) { Flags = InstrFlags.Terminator });
        Emit(new MachineInstr((int)Arm64Opcode.B, Target(_blocks[ifFalse].Index)) { Flags = InstrFlags.Terminator });
    }

    /// <inheritdoc />
    protected override void SelectConst(ConstInst c)
    {
        if (c.Dest.Type == IrType.I64)
        {
            Emit(Arm64Opcode.MovRI, Def(V(c.Dest)), Imm(c.Bits));
            return;
        }
        SelectFloatConstant(V(c.Dest), c.Bits);
    }

    /// <summary>
    /// Doubles: one FMOV (immediate) when the value has an 8-bit encoding (Arm ARM C7.2.132; 0.5, 1, 2, 10 …),
    /// else the bits materialised in a general register and moved across.
    /// </summary>
    protected override void SelectFloatConstant(MReg dest, long bits)
    {
        if (Arm64Immediates.TryEncodeFloat(BitConverter.Int64BitsToDouble(bits), out _))
        {
            Emit(Arm64Opcode.FmovDI, Def(dest), Imm(bits));
            return;
        }
        base.SelectFloatConstant(dest, bits);
    }

    /// <summary>ADD/SUB/CMP (immediate) take a 12-bit unsigned value, optionally shifted left by 12 (Arm ARM C6.2.4).</summary>
    internal static bool IsAddSubImmediate(long value) =>
        value is >= 0 and <= 4095 || (value > 0 && (value & 0xFFF) == 0 && value >> 12 <= 4095);

    private void SelectCompare(VReg left, VReg right)
    {
        // cmn xn, #imm is cmp xn, #-imm (ADDS vs SUBS set the same flags for the comparison); the emitter picks.
        if (TryConstant(right, out var imm) && (IsAddSubImmediate(imm) || (imm != long.MinValue && IsAddSubImmediate(-imm))))
            Emit(Arm64Opcode.CmpRI, Use(V(left)), Imm(imm));
        else Emit(Arm64Opcode.CmpRR, Use(V(left)), Use(V(right)));
    }

    /// <inheritdoc />
    protected override void SelectIntBinary(IntBinaryInst b)
    {
        var dest = V(b.Dest);
        var left = V(b.Left);
        if (TryConstant(b.Right, out var imm) && SelectIntImmediate(b.Op, dest, left, imm)) return;
        Emit(b.Op switch
        {
            IntOp.Add => Arm64Opcode.AddRR,
            IntOp.Sub => Arm64Opcode.SubRR,
            IntOp.And => Arm64Opcode.AndRR,
            IntOp.Or => Arm64Opcode.OrrRR,
            IntOp.Xor => Arm64Opcode.EorRR,
            IntOp.Mul => Arm64Opcode.MulRR,
            IntOp.Shl => Arm64Opcode.LslvRR,
            IntOp.Shr => Arm64Opcode.LsrvRR,
            _ => Arm64Opcode.AsrvRR,
        }, Def(dest), Use(left), Use(V(b.Right)));
    }

    /// <summary>The immediate forms: ADD/SUB imm12 (either sign), logical bitmask immediates (Arm ARM C6.2.12), shifts.</summary>
    private bool SelectIntImmediate(IntOp op, MReg dest, MReg left, long imm)
    {
        switch (op)
        {
            case IntOp.Add or IntOp.Sub:
                var value = op == IntOp.Add ? imm : unchecked(-imm);
                if (IsAddSubImmediate(value)) Emit(Arm64Opcode.AddRI, Def(dest), Use(left), Imm(value));
                else if (value != long.MinValue && IsAddSubImmediate(-value)) Emit(Arm64Opcode.SubRI, Def(dest), Use(left), Imm(-value));
                else return false;
                return true;
            case IntOp.And or IntOp.Or or IntOp.Xor:
                if (!Arm64Immediates.IsBitmask((ulong)imm, 64)) return false;
                Emit(op switch { IntOp.And => Arm64Opcode.AndRI, IntOp.Or => Arm64Opcode.OrrRI, _ => Arm64Opcode.EorRI },
                    Def(dest), Use(left), Imm(imm));
                return true;
            case IntOp.Shl or IntOp.Shr or IntOp.Sar:
                Emit(op switch { IntOp.Shl => Arm64Opcode.LslRI, IntOp.Shr => Arm64Opcode.LsrRI, _ => Arm64Opcode.AsrRI },
                    Def(dest), Use(left), Imm(imm & 63));
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    protected override void SelectFloatBinary(FloatBinaryInst f) => Emit(f.Op switch
    {
        FloatOp.FAdd => Arm64Opcode.FaddRR,
        FloatOp.FSub => Arm64Opcode.FsubRR,
        FloatOp.FMul => Arm64Opcode.FmulRR,
        _ => Arm64Opcode.FdivRR,
    }, Def(V(f.Dest)), Use(V(f.Left)), Use(V(f.Right)));

    /// <inheritdoc />
    protected override void SelectConvert(ConvertInst c) => Emit(c.Kind switch
    {
        ConvertKind.BitsToFloat => Arm64Opcode.FmovDX,
        ConvertKind.FloatToBits => Arm64Opcode.FmovXD,
        ConvertKind.IntToFloat => Arm64Opcode.ScvtfDX,
        ConvertKind.DoubleToSingle => Arm64Opcode.FcvtSD,
        ConvertKind.SingleToDouble => Arm64Opcode.FcvtDS,
        _ => Arm64Opcode.FcvtzsXD,
    }, Def(V(c.Dest)), Use(V(c.Source)));

    /// <inheritdoc />
    protected override void SelectLoad(LoadInst l)
    {
        var opcode = l.Dest.Type == IrType.F64 ? Arm64Opcode.LdrDRM
            : l.Width switch { 1 => Arm64Opcode.LdrbRM, 4 => Arm64Opcode.Ldr32RM, _ => Arm64Opcode.LdrRM };
        Emit(opcode, Def(V(l.Dest)), Mem(V(l.Base), l.Offset));
    }

    /// <inheritdoc />
    protected override void SelectStore(StoreInst s)
    {
        var opcode = s.Value.Type == IrType.F64 ? Arm64Opcode.StrDMR
            : s.Width switch { 1 => Arm64Opcode.StrbMR, 4 => Arm64Opcode.Str32MR, _ => Arm64Opcode.StrMR };
        Emit(opcode, Mem(V(s.Base), s.Offset), Use(V(s.Value)));
    }
}
