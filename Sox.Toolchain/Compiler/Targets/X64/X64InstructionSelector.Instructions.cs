using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;
using static Sox.Compiler.CodeGen.Mir.MachineOperand;

namespace Sox.Compiler.Targets.X64;

public sealed partial class X64InstructionSelector
{
    /// <inheritdoc />
    protected override void SelectIntCompare(IntCompareInst c)
    {
        SelectCompare(c.Left, c.Right);
        Emit(X64Opcode.SetccZx, Def(V(c.Dest)), Imm((long)c.Condition));
    }

    /// <inheritdoc />
    protected override void SelectFloatCompare(FloatCompareInst c) =>
        Emit(X64Opcode.FloatSet, Def(V(c.Dest)), Use(V(c.Left)), Use(V(c.Right)), Imm((long)c.Condition), Def(_mf.NewVirtual(RegisterClass.General)));

    /// <inheritdoc />
    protected override void SelectSymbolAddress(SymbolAddressInst s) => Emit(X64Opcode.LeaSymbol, Def(V(s.Dest)), Sym(s.Symbol, s.Addend));

    /// <inheritdoc />
    protected override void SelectStackSlotAddress(StackSlotAddressInst s) => Emit(X64Opcode.Lea, Def(V(s.Dest)), Frame(_slots[s.Slot]));

    /// <inheritdoc />
    protected override void SelectJump(JumpInst j) => Emit(X64Opcode.Jmp, Target(_blocks[j.Target].Index)).Flags = InstrFlags.Terminator;

    /// <summary><c>test v, v; jne ifTrue; jmp ifFalse</c>.</summary>
    protected override void SelectBranch(BranchInst b)
    {
        Emit(X64Opcode.TestRR, Use(V(b.Condition)), Use(V(b.Condition)));
        Branch(IntCondition.Ne, b.IfTrue, b.IfFalse);
    }

    /// <inheritdoc />
    protected override void SelectCompareBranch(CompareBranchInst c)
    {
        SelectCompare(c.Left, c.Right);
        Branch(c.Condition, c.IfTrue, c.IfFalse);
    }

    /// <summary>One pseudo-instruction: the emitter expands it around UCOMISD's parity flag (see X64Emitter).</summary>
    protected override void SelectFloatCompareBranch(FloatCompareBranchInst f) =>
        Emit(new MachineInstr((int)X64Opcode.FloatBranch, Use(V(f.Left)), Use(V(f.Right)), Imm((long)f.Condition),
            Target(_blocks[f.IfTrue].Index), Target(_blocks[f.IfFalse].Index))
        { Flags = InstrFlags.Terminator });

    /// <inheritdoc />
    protected override void SelectUnreachable(UnreachableInst u) => Emit(new MachineInstr((int)X64Opcode.Ud2) { Flags = InstrFlags.Terminator });

    private void Branch(IntCondition condition, BasicBlock ifTrue, BasicBlock ifFalse)
    {
        Emit(new MachineInstr((int)X64Opcode.Jcc, Imm((long)condition), Target(_blocks[ifTrue].Index)) { Flags = InstrFlags.Terminator });
        Emit(new MachineInstr((int)X64Opcode.Jmp, Target(_blocks[ifFalse].Index)) { Flags = InstrFlags.Terminator });
    }

    /// <inheritdoc />
    protected override void SelectConst(ConstInst c)
    {
        if (c.Dest.Type == IrType.I64)
        {
            Emit(X64Opcode.MovRI, Def(V(c.Dest)), Imm(c.Bits));
            return;
        }
        SelectFloatConstant(V(c.Dest), c.Bits);
    }

    /// <summary>
    /// +0.0 by <c>xorpd x, x</c> (a zeroing idiom, no load); any other double loaded from the function's literal pool
    /// (one RIP-relative <c>movsd</c> instead of a 10-byte <c>mov r64, imm64</c> and a <c>movq</c>).
    /// </summary>
    protected override void SelectFloatConstant(MReg dest, long bits)
    {
        if (bits == 0) Emit(X64Opcode.XorpdZero, Def(dest));
        else Emit(X64Opcode.MovsdRPool, Def(dest), Imm(bits));
    }

    private void SelectCompare(VReg left, VReg right)
    {
        if (TryImmediate32(right, out var imm)) Emit(X64Opcode.CmpRI, Use(V(left)), Imm(imm));
        else Emit(X64Opcode.CmpRR, Use(V(left)), Use(V(right)));
    }

    /// <inheritdoc />
    protected override void SelectIntBinary(IntBinaryInst b)
    {
        var dest = V(b.Dest);
        // d = l op r as "mov t, l; op t, r; mov d, t": a fresh t keeps it right when d is also r; copy hints
        // usually give t and d the same register so the moves disappear.
        var t = _mf.NewVirtual(RegisterClass.General);
        Copy(t, V(b.Left));
        if (b.Op is IntOp.Shl or IntOp.Shr or IntOp.Sar)
        {
            if (TryImmediate32(b.Right, out var count))
            {
                Emit(b.Op switch { IntOp.Shl => X64Opcode.ShlRI, IntOp.Shr => X64Opcode.ShrRI, _ => X64Opcode.SarRI }, UseDef(t), Imm(count & 63));
            }
            else
            {
                Copy(MReg.Physical(X64Target.Rcx), V(b.Right));
                Emit(new MachineInstr((int)(b.Op switch { IntOp.Shl => X64Opcode.ShlRCl, IntOp.Shr => X64Opcode.ShrRCl, _ => X64Opcode.SarRCl }), UseDef(t))
                {
                    ImplicitUses = new[] { X64Target.Rcx },
                });
            }
        }
        else if (TryImmediate32(b.Right, out var imm))
        {
            if (b.Op == IntOp.Mul) Emit(X64Opcode.ImulRRI, Def(t), Use(t), Imm(imm));
            else Emit(b.Op switch
            {
                IntOp.Add => X64Opcode.AddRI,
                IntOp.Sub => X64Opcode.SubRI,
                IntOp.And => X64Opcode.AndRI,
                IntOp.Or => X64Opcode.OrRI,
                _ => X64Opcode.XorRI,
            }, UseDef(t), Imm(imm));
        }
        else
        {
            Emit(b.Op switch
            {
                IntOp.Add => X64Opcode.AddRR,
                IntOp.Sub => X64Opcode.SubRR,
                IntOp.And => X64Opcode.AndRR,
                IntOp.Or => X64Opcode.OrRR,
                IntOp.Xor => X64Opcode.XorRR,
                _ => X64Opcode.ImulRR,
            }, UseDef(t), Use(V(b.Right)));
        }
        Copy(dest, t);
    }

    /// <inheritdoc />
    protected override void SelectFloatBinary(FloatBinaryInst f)
    {
        var opcode = f.Op switch
        {
            FloatOp.FAdd => X64Opcode.AddsdRR,
            FloatOp.FSub => X64Opcode.SubsdRR,
            FloatOp.FMul => X64Opcode.MulsdRR,
            _ => X64Opcode.DivsdRR,
        };
        if (f.Dest == f.Left)
        {
            // `v = v op r` (a loop variable updated in place, FloatRegisters): the two-address form as it stands.
            Emit(opcode, UseDef(V(f.Dest)), Use(V(f.Right)));
            return;
        }
        var t = _mf.NewVirtual(RegisterClass.Float);
        Copy(t, V(f.Left));
        Emit(opcode, UseDef(t), Use(V(f.Right)));
        Copy(V(f.Dest), t);
    }

    /// <inheritdoc />
    protected override void SelectConvert(ConvertInst c)
    {
        var (opcode, _) = c.Kind switch
        {
            ConvertKind.BitsToFloat => (X64Opcode.MovqXR, 0),
            ConvertKind.FloatToBits => (X64Opcode.MovqRX, 0),
            ConvertKind.IntToFloat => (X64Opcode.Cvtsi2sdRR, 0),
            ConvertKind.DoubleToSingle => (X64Opcode.Cvtsd2ssRR, 0),
            ConvertKind.SingleToDouble => (X64Opcode.Cvtss2sdRR, 0),
            _ => (X64Opcode.Cvttsd2siRR, 0),
        };
        Emit(opcode, Def(V(c.Dest)), Use(V(c.Source)));
    }

    /// <inheritdoc />
    protected override void SelectLoad(LoadInst l)
    {
        var opcode = l.Dest.Type == IrType.F64 ? X64Opcode.MovsdRM
            : l.Width switch { 1 => X64Opcode.Movzx8RM, 4 => X64Opcode.Mov32RM, _ => X64Opcode.MovRM };
        Emit(opcode, Def(V(l.Dest)), Mem(V(l.Base), l.Offset));
    }

    /// <inheritdoc />
    protected override void SelectStore(StoreInst s)
    {
        var opcode = s.Value.Type == IrType.F64 ? X64Opcode.MovsdMR
            : s.Width switch { 1 => X64Opcode.Mov8MR, 4 => X64Opcode.Mov32MR, _ => X64Opcode.MovMR };
        Emit(opcode, Mem(V(s.Base), s.Offset), Use(V(s.Value)));
    }
}
