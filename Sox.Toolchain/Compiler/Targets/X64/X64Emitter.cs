using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// Encodes an allocated machine function: the prologue of <see cref="FrameLayout"/> (<c>push rbp; mov rbp, rsp;
/// sub rsp, N</c>, callee-saved registers stored below RBP, then the stack-overflow check of runtime-abi.md),
/// every instruction, and the epilogue before each <c>ret</c>. Records (offset, line) pairs for the line table.
/// </summary>
public sealed partial class X64Emitter
{
    /// <summary>The runtime's lowest usable stack address (runtime-abi.md "Frames").</summary>
    public const string StackLimitSymbol = "sox_stack_limit";

    public const string StackOverflowSymbol = "sox_stack_overflow";

    private readonly X64Encoder _encoder;
    private readonly MachineFunction _function;
    private readonly FrameLayout _frame;
    private readonly X64Label[] _blockLabels;
    private readonly List<(X64Label Label, int Line)> _lines = new();
    private int _lastLine = -1;

    private X64Emitter(X64Encoder encoder, MachineFunction function, FrameLayout frame)
    {
        _encoder = encoder;
        _function = function;
        _frame = frame;
        _blockLabels = function.Blocks.Select(_ => encoder.CreateLabel()).ToArray();
    }

    /// <summary>
    /// Emits one function into <paramref name="encoder"/>. Positions are labels because the encoder settles
    /// branch sizes only when it finishes; read them from the finished code.
    /// </summary>
    public static X64EmittedFunction Emit(X64Encoder encoder, MachineFunction function, FrameLayout frame, bool checkStack)
    {
        var emitter = new X64Emitter(encoder, function, frame);
        var start = encoder.CreateLabel();
        encoder.Bind(start);
        emitter.EmitFunction(checkStack);
        var end = encoder.CreateLabel();
        encoder.Bind(end);
        return new X64EmittedFunction(function.Symbol, start, end, emitter._lines);
    }

    private void EmitFunction(bool checkStack)
    {
        var firstLine = _function.Blocks.SelectMany(b => b.Instructions).Select(i => i.Line).FirstOrDefault(l => l > 0);
        MarkLine(firstLine);
        _encoder.Push_r64(X64Register.Rbp);
        _encoder.Mov_rm64_r64(X64Register.Rbp, X64Register.Rsp);
        if (_frame.BodySize > 0) _encoder.Alu_rm64_imm(X64AluOp.Sub, X64Register.Rsp, _frame.BodySize);
        foreach (var (register, offset) in _frame.CalleeSaved) _encoder.Mov_rm64_r64(X64Memory.At(X64Register.Rbp, offset), Reg(register));

        var overflow = _encoder.CreateLabel();
        if (checkStack)
        {
            // runtime-abi.md: below sox_stack_limit the runtime reports "Stack overflow." instead of faulting.
            _encoder.Cmp_r64_rm64(X64Register.Rsp, X64Memory.RipRelative(StackLimitSymbol));
            _encoder.Jcc(X64Condition.B, overflow);
        }

        for (var b = 0; b < _function.Blocks.Count; b++)
        {
            _encoder.Bind(_blockLabels[b]);
            foreach (var instr in _function.Blocks[b].Instructions)
            {
                MarkLine(instr.Line);
                EmitInstruction(instr, b);
            }
        }

        if (checkStack)
        {
            _encoder.Bind(overflow);
            MarkLine(firstLine);
            _encoder.Call_rel32(StackOverflowSymbol);
            _encoder.Ud2();
        }
    }

    private void MarkLine(int line)
    {
        if (line <= 0 || line == _lastLine) return;
        var label = _encoder.CreateLabel();
        _encoder.Bind(label);
        _lines.Add((label, line));
        _lastLine = line;
    }

    private void EmitEpilogue()
    {
        foreach (var (register, offset) in _frame.CalleeSaved) _encoder.Mov_r64_rm64(Reg(register), X64Memory.At(X64Register.Rbp, offset));
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
        OperandKind.FrameSlot => X64Memory.At(X64Register.Rbp, _frame.FrameSlotOffset(operand)),
        OperandKind.OutgoingArgument => X64Memory.At(X64Register.Rsp, (int)operand.Value),
        OperandKind.IncomingArgument => X64Memory.At(X64Register.Rbp, _function.Target.IncomingArgumentsOffset + (int)operand.Value),
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
