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

    /// <summary><c>push rbp; mov rbp, rsp; sub rsp, N</c>, then the callee-saved registers stored below RBP.</summary>
    protected override void EmitPrologue()
    {
        _encoder.Push_r64(X64Register.Rbp);
        _encoder.Mov_rm64_r64(X64Register.Rbp, X64Register.Rsp);
        if (Frame.BodySize > 0) _encoder.Alu_rm64_imm(X64AluOp.Sub, X64Register.Rsp, Frame.BodySize);
        foreach (var (register, offset) in Frame.CalleeSaved) _encoder.Mov_rm64_r64(X64Memory.At(X64Register.Rbp, offset), Reg(register));
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

    /// <summary>Reloads the callee-saved registers, then <c>mov rsp, rbp; pop rbp; ret</c>.</summary>
    protected override void EmitEpilogue()
    {
        foreach (var (register, offset) in Frame.CalleeSaved) _encoder.Mov_r64_rm64(Reg(register), X64Memory.At(X64Register.Rbp, offset));
        _encoder.Mov_rm64_r64(X64Register.Rsp, X64Register.Rbp);
        _encoder.Pop_r64(X64Register.Rbp);
        _encoder.Ret();
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
