using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// Instruction selection for x86-64: one IR function (legalised: no high-level Sox operations left) becomes
/// machine IR over virtual registers, a macro expansion per IR instruction. Two-address forms are built as
/// <c>mov d, a; op d, b</c>; a constant with a single definition that fits in 32 bits becomes an immediate.
/// Calls and parameters go through the shared <see cref="CodeGen.CallingConvention"/>.
/// </summary>
public sealed partial class X64InstructionSelector : InstructionSelector
{
    private X64InstructionSelector(IrFunction ir, TargetDescription target) : base(ir, target)
    {
    }

    /// <summary>Selects <paramref name="ir"/> (legalised) into machine IR for <paramref name="target"/>.</summary>
    public static MachineFunction Select(IrFunction ir, TargetDescription target) => new X64InstructionSelector(ir, target).Run();

    private MachineInstr Emit(X64Opcode opcode, params MachineOperand[] operands) => Emit(new MachineInstr((int)opcode, operands));

    /// <inheritdoc />
    protected override int CopyOpcode(RegisterClass cls) => (int)(cls == RegisterClass.Float ? X64Opcode.MovsdRR : X64Opcode.MovRR);

    /// <inheritdoc />
    protected override int IncomingLoadOpcode(RegisterClass cls) => (int)(cls == RegisterClass.Float ? X64Opcode.MovsdRM : X64Opcode.MovRM);

    /// <summary>
    /// <c>mov</c>/<c>movsd</c> of the whole register: SysV AMD64 gives every stack argument an 8-byte slot
    /// (psABI §3.2.3), so a narrower C width never narrows the store.
    /// </summary>
    protected override int OutgoingStoreOpcode(RegisterClass cls, int width) => (int)(cls == RegisterClass.Float ? X64Opcode.MovsdMR : X64Opcode.MovMR);

    /// <inheritdoc />
    protected override int BitsMoveOpcode(RegisterClass destination) =>
        (int)(destination == RegisterClass.General ? X64Opcode.MovqRX : X64Opcode.MovqXR);

    /// <inheritdoc />
    protected override int ConstantOpcode => (int)X64Opcode.MovRI;

    /// <summary><c>call rel32</c> to a symbol, or <c>call r64</c>; either pushes the return address (SDM Vol. 2A "CALL").</summary>
    protected override int CallOpcode(bool indirect) => (int)(indirect ? X64Opcode.CallR : X64Opcode.CallSymbol);

    /// <inheritdoc />
    protected override int ReturnOpcode => (int)X64Opcode.Ret;

    private bool TryImmediate32(VReg r, out int value)
    {
        if (TryConstant(r, out var bits) && bits is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)bits;
            return true;
        }
        value = 0;
        return false;
    }
}
