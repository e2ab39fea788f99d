using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;
using static Sox.Compiler.CodeGen.Mir.MachineOperand;

namespace Sox.Compiler.Targets.Arm64;

public sealed partial class Arm64InstructionSelector
{
    protected override void Select(Instruction instr)
    {
        switch (instr)
        {
            case ConstInst c: SelectConst(c); break;
            case CopyInst c: Copy(V(c.Dest), V(c.Source)); break;
            case IntBinaryInst b: SelectIntBinary(b); break;
            case FloatBinaryInst f: SelectFloatBinary(f); break;
            case IntCompareInst c:
                SelectCompare(c.Left, c.Right);
                Emit(Arm64Opcode.Cset, Def(V(c.Dest)), Imm((long)Condition(c.Condition)));
                break;
            case FloatCompareInst c:
                Emit(Arm64Opcode.FcmpRR, Use(V(c.Left)), Use(V(c.Right)));
                Emit(Arm64Opcode.Cset, Def(V(c.Dest)), Imm((long)Condition(c.Condition)));
                break;
            case ConvertInst c: SelectConvert(c); break;
            case LoadInst l: SelectLoad(l); break;
            case StoreInst s: SelectStore(s); break;
            case SymbolAddressInst s: Emit(Arm64Opcode.AddrSymbol, Def(V(s.Dest)), Sym(s.Symbol, s.Addend)); break;
            case StackSlotAddressInst s: Emit(Arm64Opcode.AddrFrame, Def(V(s.Dest)), Frame(_slots[s.Slot])); break;
            case CallInst c: SelectCall(c); break;
            case JumpInst j: Emit(Arm64Opcode.B, Target(_blocks[j.Target].Index)).Flags = InstrFlags.Terminator; break;
            case BranchInst b:
                Emit(new MachineInstr((int)Arm64Opcode.Cbnz, Use(V(b.Condition)), Target(_blocks[b.IfTrue].Index)) { Flags = InstrFlags.Terminator });
                Emit(new MachineInstr((int)Arm64Opcode.B, Target(_blocks[b.IfFalse].Index)) { Flags = InstrFlags.Terminator });
                break;
            case CompareBranchInst c:
                SelectCompare(c.Left, c.Right);
                Branch(Condition(c.Condition), c.IfTrue, c.IfFalse);
                break;
            case FloatCompareBranchInst f:
                Emit(Arm64Opcode.FcmpRR, Use(V(f.Left)), Use(V(f.Right)));
                Branch(Condition(f.Condition), f.IfTrue, f.IfFalse);
                break;
            case ReturnInst r: SelectReturn(r); break;
            case UnreachableInst: Emit(new MachineInstr((int)Arm64Opcode.Udf) { Flags = InstrFlags.Terminator }); break;
            default:
                throw new InvalidOperationException($"instruction selection got {instr.GetType().Name}; legalisation must remove it first");
        }
    }

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

    private void SelectConst(ConstInst c)
    {
        if (c.Dest.Type == IrType.I64)
        {
            Emit(Arm64Opcode.MovRI, Def(V(c.Dest)), Imm(c.Bits));
            return;
        }
        // Doubles: one FMOV (immediate) when the value has an 8-bit encoding (Arm ARM C7.2.132; 0.5, 1, 2, 10 …),
        // else materialise the bits in a general register and move them across (no literal pool needed).
        if (Arm64Immediates.TryEncodeFloat(BitConverter.Int64BitsToDouble(c.Bits), out _))
        {
            Emit(Arm64Opcode.FmovDI, Def(V(c.Dest)), Imm(c.Bits));
            return;
        }
        var bits = _mf.NewVirtual(RegisterClass.General);
        Emit(Arm64Opcode.MovRI, Def(bits), Imm(c.Bits));
        Emit(Arm64Opcode.FmovDX, Def(V(c.Dest)), Use(bits));
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

    private void SelectIntBinary(IntBinaryInst b)
    {
        var dest = V(b.Dest);
        var left = V(b.Left);
        if (TryConstant(b.Right, out var imm) && SelectIntImmediate(b.Op, dest, left, imm)) return;
        Emit(b.Op switch
        {
            IntOp.Add => Arm64Opcode.AddRR, IntOp.Sub => Arm64Opcode.SubRR, IntOp.And => Arm64Opcode.AndRR,
            IntOp.Or => Arm64Opcode.OrrRR, IntOp.Xor => Arm64Opcode.EorRR, IntOp.Mul => Arm64Opcode.MulRR,
            IntOp.Shl => Arm64Opcode.LslvRR, IntOp.Shr => Arm64Opcode.LsrvRR, _ => Arm64Opcode.AsrvRR,
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

    private void SelectFloatBinary(FloatBinaryInst f) => Emit(f.Op switch
    {
        FloatOp.FAdd => Arm64Opcode.FaddRR, FloatOp.FSub => Arm64Opcode.FsubRR,
        FloatOp.FMul => Arm64Opcode.FmulRR, _ => Arm64Opcode.FdivRR,
    }, Def(V(f.Dest)), Use(V(f.Left)), Use(V(f.Right)));

    private void SelectConvert(ConvertInst c) => Emit(c.Kind switch
    {
        ConvertKind.BitsToFloat => Arm64Opcode.FmovDX,
        ConvertKind.FloatToBits => Arm64Opcode.FmovXD,
        ConvertKind.IntToFloat => Arm64Opcode.ScvtfDX,
        ConvertKind.DoubleToSingle => Arm64Opcode.FcvtSD,
        ConvertKind.SingleToDouble => Arm64Opcode.FcvtDS,
        _ => Arm64Opcode.FcvtzsXD,
    }, Def(V(c.Dest)), Use(V(c.Source)));

    private void SelectLoad(LoadInst l)
    {
        var opcode = l.Dest.Type == IrType.F64 ? Arm64Opcode.LdrDRM
            : l.Width switch { 1 => Arm64Opcode.LdrbRM, 4 => Arm64Opcode.Ldr32RM, _ => Arm64Opcode.LdrRM };
        Emit(opcode, Def(V(l.Dest)), Mem(V(l.Base), l.Offset));
    }

    private void SelectStore(StoreInst s)
    {
        var opcode = s.Value.Type == IrType.F64 ? Arm64Opcode.StrDMR
            : s.Width switch { 1 => Arm64Opcode.StrbMR, 4 => Arm64Opcode.Str32MR, _ => Arm64Opcode.StrMR };
        Emit(opcode, Mem(V(s.Base), s.Offset), Use(V(s.Value)));
    }

    private void SelectCall(CallInst c)
    {
        var classes = c.Arguments.Select(a => a.Type == IrType.F64 ? RegisterClass.Float : RegisterClass.General).ToArray();
        var layout = CodeGen.CallingConvention.Assign(_target, classes, c.FixedArgumentCount, c.ArgumentWidths);
        _mf.OutgoingArgumentBytes = Math.Max(_mf.OutgoingArgumentBytes, layout.StackBytes);

        // The call target is read after the argument registers are set, so keep it in a virtual register the
        // allocator keeps apart from them.
        var target = c.Target is { } t ? V(t) : default;
        // AAPCS64 §6.8.2 stage C: stack arguments in 8-byte slots from SP upwards, SP 16-byte aligned (§6.2.2).
        for (var i = 0; i < c.Arguments.Count; i++)
        {
            if (layout.Arguments[i] is { OnStack: true } at)
                Emit(StackArgumentStore(classes[i], at.Width), Outgoing(at.StackOffset), Use(V(c.Arguments[i])));
        }
        var argumentRegisters = new List<int>();
        for (var i = 0; i < c.Arguments.Count; i++)
        {
            if (layout.Arguments[i].Register is { } reg)
            {
                Copy(MReg.Physical(reg), V(c.Arguments[i]));
                argumentRegisters.Add(reg);
            }
        }
        var resultRegister = c.Result is { Type: IrType.F64 } ? _target.FloatResult : _target.IntegerResult;
        var operands = c.Symbol is { } symbol ? new[] { Sym(symbol) } : new[] { Use(target) };
        // BL/BLR write the return address to X30 (Arm ARM C6.2.34, C6.2.35); X30 is in the caller-saved set, and
        // the prologue saved the caller's LR with the frame record.
        Emit(new MachineInstr((int)(c.Symbol is null ? Arm64Opcode.Blr : Arm64Opcode.BlSymbol), operands)
        {
            Flags = InstrFlags.Call,
            ImplicitUses = argumentRegisters,
            ImplicitDefs = new[] { _target.IntegerResult, _target.FloatResult },
            Clobbers = _target.CallerSaved,
        });
        if (c.Result is { } result) Copy(V(result), MReg.Physical(resultRegister));
    }

    /// <summary>The store of a stack argument of its C width (only Apple arm64 packs arguments narrower than 8 bytes).</summary>
    private static Arm64Opcode StackArgumentStore(RegisterClass cls, int width) => (cls, width) switch
    {
        (RegisterClass.Float, 4) => Arm64Opcode.StrSMR,
        (RegisterClass.Float, _) => Arm64Opcode.StrDMR,
        (_, 1) => Arm64Opcode.StrbMR,
        (_, 4) => Arm64Opcode.Str32MR,
        _ => Arm64Opcode.StrMR,
    };

    private void SelectReturn(ReturnInst r)
    {
        var uses = Array.Empty<int>();
        if (r.Value is { } value)
        {
            var reg = value.Type == IrType.F64 ? _target.FloatResult : _target.IntegerResult;
            Copy(MReg.Physical(reg), V(value));
            uses = new[] { reg };
        }
        Emit(new MachineInstr((int)Arm64Opcode.Ret) { Flags = InstrFlags.Return | InstrFlags.Terminator, ImplicitUses = uses });
    }
}
