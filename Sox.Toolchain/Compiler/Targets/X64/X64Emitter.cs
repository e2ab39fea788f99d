using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// The x86-64 half of <see cref="FunctionEmitter"/>: the prologue of <see cref="FrameLayout"/> (<c>push rbp;
/// mov rbp, rsp; sub rsp, N</c>, callee-saved registers stored below RBP), the stack-overflow check of
/// runtime-abi.md, every instruction, and the epilogue before each <c>ret</c>.
/// </summary>
public sealed partial class X64Emitter : FunctionEmitter
{
    private readonly X64Encoder _encoder;

    /// <summary>An emitter of <paramref name="function"/>, laid out as <paramref name="frame"/>, into <paramref name="encoder"/>.</summary>
    public X64Emitter(X64Encoder encoder, MachineFunction function, FrameLayout frame) : base(encoder, function, frame) => _encoder = encoder;

    /// <summary>Whether the prologue has the Windows x64 shape (<see cref="EmitWindowsPrologue"/>).</summary>
    private bool Windows => Function.Target.Convention == CallingConventionKind.MicrosoftX64;

    /// <summary><c>push rbp; mov rbp, rsp; sub rsp, N</c>, then the callee-saved registers stored below RBP; each step
    /// recorded for call frame information.</summary>
    protected override void EmitPrologue()
    {
        if (Windows)
        {
            EmitWindowsPrologue();
            return;
        }
        _encoder.Push_r64(X64Register.Rbp);
        RecordPrologueStep(new PrologueStep(PrologueOperation.PushNonvolatile, X64Target.Rbp, 0));
        _encoder.Mov_rm64_r64(X64Register.Rbp, X64Register.Rsp);
        RecordPrologueStep(new PrologueStep(PrologueOperation.SetFrameRegister, X64Target.Rbp, 0));
        if (Frame.BodySize > 0)
        {
            _encoder.Alu_rm64_imm(X64AluOp.Sub, X64Register.Rsp, Frame.BodySize);
            RecordPrologueStep(new PrologueStep(PrologueOperation.Allocate, 0, Frame.BodySize));
        }
        foreach (var (register, offset) in Frame.CalleeSaved)
        {
            _encoder.Mov_rm64_r64(X64Memory.At(X64Register.Rbp, offset), Reg(register));
            RecordPrologueStep(new PrologueStep(PrologueOperation.SaveNonvolatile, register, offset));
        }
    }

    /// <summary>
    /// The Windows x64 prologue: the same frame (RBP at the saved RBP, the return address above it, the saves below
    /// it), built in an order whose every step an <c>UNWIND_CODE</c> describes ("x64 exception handling"): offsets in
    /// save codes are unsigned and count from the frame base, RSP when the frame register was set (RBP minus 16 ×
    /// FrameOffset, at most 240 bytes), and may only follow the setting of the frame register. So the save area is
    /// allocated first and RBP is set to the top of it:
    /// <code>
    /// push rbp                 UWOP_PUSH_NONVOL rbp
    /// sub  rsp, S              UWOP_ALLOC_SMALL S        (S = SaveAreaBytes; without saves: mov rbp, rsp, FrameOffset 0)
    /// lea  rbp, [rsp + S]      UWOP_SET_FPREG, FrameOffset S/16
    /// mov  [rbp - k], reg      UWOP_SAVE_NONVOL reg, (S - k)/8
    /// movaps [rbp - k], xmmN   UWOP_SAVE_XMM128 xmmN, (S - k)/16   (RBP is 16-byte aligned, so is every 16-byte slot)
    /// sub  rsp, BodySize - S   UWOP_ALLOC_SMALL/LARGE    (after the frame register: the unwinder resets RSP from RBP)
    /// </code>
    /// The largest save area (seven general registers and XMM6–XMM15) is 224 bytes, so S/16 always fits the 4-bit field.
    /// </summary>
    private void EmitWindowsPrologue()
    {
        var saveArea = Frame.SaveAreaBytes;
        if (saveArea > 240) throw new InvalidOperationException($"A save area of {saveArea} bytes does not fit the Windows x64 frame offset.");
        _encoder.Push_r64(X64Register.Rbp);
        RecordPrologueStep(new PrologueStep(PrologueOperation.PushNonvolatile, X64Target.Rbp, 0));
        if (saveArea == 0)
        {
            _encoder.Mov_rm64_r64(X64Register.Rbp, X64Register.Rsp);
            RecordPrologueStep(new PrologueStep(PrologueOperation.SetFrameRegister, X64Target.Rbp, 0));
        }
        else
        {
            _encoder.Alu_rm64_imm(X64AluOp.Sub, X64Register.Rsp, saveArea);
            RecordPrologueStep(new PrologueStep(PrologueOperation.Allocate, 0, saveArea));
            _encoder.Lea_r64_m(X64Register.Rbp, X64Memory.At(X64Register.Rsp, saveArea));
            RecordPrologueStep(new PrologueStep(PrologueOperation.SetFrameRegister, X64Target.Rbp, saveArea));
            foreach (var (register, offset) in Frame.CalleeSaved)
            {
                if (register >= TargetDescription.FloatBase)
                {
                    _encoder.Movaps_m128_xmm(X64Memory.At(X64Register.Rbp, offset), Reg(register));
                    RecordPrologueStep(new PrologueStep(PrologueOperation.SaveXmm128, register, saveArea + offset));
                }
                else
                {
                    _encoder.Mov_rm64_r64(X64Memory.At(X64Register.Rbp, offset), Reg(register));
                    RecordPrologueStep(new PrologueStep(PrologueOperation.SaveNonvolatile, register, saveArea + offset));
                }
            }
        }
        if (Frame.BodySize > saveArea)
        {
            _encoder.Alu_rm64_imm(X64AluOp.Sub, X64Register.Rsp, Frame.BodySize - saveArea);
            RecordPrologueStep(new PrologueStep(PrologueOperation.Allocate, 0, Frame.BodySize - saveArea));
        }
    }

    /// <summary>runtime-abi.md: below sox_stack_limit the runtime reports "Stack overflow." instead of faulting.</summary>
    protected override void EmitStackCheck(Label overflow)
    {
        _encoder.Cmp_r64_rm64(X64Register.Rsp, X64Memory.RipRelative(StackLimitSymbol));
        _encoder.Jcc(X64Condition.B, overflow);
    }

    /// <summary><c>call sox_stack_overflow; ud2</c>.</summary>
    protected override void EmitStackOverflowCall()
    {
        _encoder.Call_rel32(StackOverflowSymbol);
        _encoder.Ud2();
    }

    /// <summary>The function's literal pool: a label per distinct 64-bit constant, in order of first use.</summary>
    private readonly LiteralPool _literals = new();

    /// <summary>The label of <paramref name="bits"/> in the literal pool (added on first use).</summary>
    private Label Literal(long bits) => _literals.GetOrAdd(bits, _encoder);

    /// <summary>The literal pool, 8-byte aligned (a <c>movsd</c> load then never splits a cache line).</summary>
    protected override void EmitLiteralPool()
    {
        if (_literals.Count == 0) return;
        _encoder.Align(8);
        for (var i = 0; i < _literals.Count; i++)
        {
            _encoder.Bind(_literals.LabelAt(i));
            _encoder.Data64(_literals.Value(i));
        }
    }

    /// <summary>Reloads the callee-saved registers, then <c>mov rsp, rbp; pop rbp; ret</c>.</summary>
    protected override void EmitEpilogue()
    {
        RecordEpilogueStep(new PrologueStep(PrologueOperation.EpilogueStart, 0, 0));
        foreach (var (register, offset) in Frame.CalleeSaved)
        {
            if (register >= TargetDescription.FloatBase && Windows) _encoder.Movaps_xmm_m128(Reg(register), X64Memory.At(X64Register.Rbp, offset));
            else _encoder.Mov_r64_rm64(Reg(register), X64Memory.At(X64Register.Rbp, offset));
        }
        _encoder.Mov_rm64_r64(X64Register.Rsp, X64Register.Rbp);
        _encoder.Pop_r64(X64Register.Rbp);
        RecordEpilogueStep(new PrologueStep(PrologueOperation.PopFrame, 0, 0));
        _encoder.Ret();
        RecordEpilogueStep(new PrologueStep(PrologueOperation.EpilogueEnd, 0, 0));
    }

    /// <summary>Our physical numbering (XMM at 32 + n) to the encoder's registers.</summary>
    private static X64Register Reg(int physical) => physical >= TargetDescription.FloatBase
        ? (X64Register)((int)X64Register.Xmm0 + physical - TargetDescription.FloatBase)
        : (X64Register)physical;

    private static X64Register Reg(MachineOperand operand) => Reg(operand.Register.PhysicalNumber);

    private X64Memory Memory(MachineOperand operand) => operand.Kind switch
    {
        OperandKind.Memory => X64Memory.At(Reg(operand), (int)operand.Value),
        OperandKind.FrameSlot => X64Memory.At(X64Register.Rbp, Frame.FrameSlotOffset(operand)),
        OperandKind.OutgoingArgument => X64Memory.At(X64Register.Rsp, (int)operand.Value),
        OperandKind.IncomingArgument => X64Memory.At(X64Register.Rbp, Function.Target.IncomingArgumentsOffset + (int)operand.Value),
        OperandKind.Symbol => X64Memory.RipRelative(operand.Symbol!, operand.Value),
        _ => throw new InvalidOperationException($"{operand} is not a memory operand"),
    };

    private static X64Condition Condition(long condition) => (IntCondition)condition switch
    {
        IntCondition.Eq => X64Condition.E,
        IntCondition.Ne => X64Condition.NE,
        IntCondition.Lt => X64Condition.L,
        IntCondition.Le => X64Condition.LE,
        IntCondition.Gt => X64Condition.G,
        IntCondition.Ge => X64Condition.GE,
        IntCondition.ULt => X64Condition.B,
        IntCondition.ULe => X64Condition.BE,
        IntCondition.UGt => X64Condition.A,
        _ => X64Condition.AE,
    };
}
