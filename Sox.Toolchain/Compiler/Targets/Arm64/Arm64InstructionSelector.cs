using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// Instruction selection for AArch64: one IR function (legalised: no high-level Sox operations left) becomes
/// machine IR over virtual registers, a macro expansion per IR instruction. Every data-processing form is
/// three-address (Arm ARM C6), so no copies are needed around operations; a constant with a single definition
/// becomes an immediate where the instruction has a form for it (ADD/SUB/CMP imm12, logical bitmask immediates,
/// shift amounts). Calls and parameters go through the shared <see cref="CodeGen.CallingConvention"/> (AAPCS64 §6.8.2).
/// </summary>
public sealed partial class Arm64InstructionSelector : InstructionSelector
{
    private Arm64InstructionSelector(IrFunction ir, TargetDescription target) : base(ir, target)
    {
    }

    /// <summary>Selects <paramref name="ir"/> (legalised) into machine IR for <paramref name="target"/>.</summary>
    public static MachineFunction Select(IrFunction ir, TargetDescription target) => new Arm64InstructionSelector(ir, target).Run();

    private MachineInstr Emit(Arm64Opcode opcode, params MachineOperand[] operands) => Emit(new MachineInstr((int)opcode, operands));

    /// <inheritdoc />
    protected override int CopyOpcode(RegisterClass cls) => (int)(cls == RegisterClass.Float ? Arm64Opcode.FmovRR : Arm64Opcode.MovRR);

    /// <inheritdoc />
    protected override int IncomingLoadOpcode(RegisterClass cls) => (int)(cls == RegisterClass.Float ? Arm64Opcode.LdrDRM : Arm64Opcode.LdrRM);

    /// <summary>
    /// The store of a stack argument of its C width (AAPCS64 §6.8.2 stage C: slots from SP upwards, SP 16-byte
    /// aligned, §6.2.2); only Apple arm64 packs arguments narrower than 8 bytes, so only there is a width below 8.
    /// </summary>
    protected override int OutgoingStoreOpcode(RegisterClass cls, int width) => (int)((cls, width) switch
    {
        (RegisterClass.Float, 4) => Arm64Opcode.StrSMR,
        (RegisterClass.Float, _) => Arm64Opcode.StrDMR,
        (_, 1) => Arm64Opcode.StrbMR,
        (_, 4) => Arm64Opcode.Str32MR,
        _ => Arm64Opcode.StrMR,
    });

    /// <inheritdoc />
    protected override int BitsMoveOpcode(RegisterClass destination) =>
        (int)(destination == RegisterClass.General ? Arm64Opcode.FmovXD : Arm64Opcode.FmovDX);

    /// <inheritdoc />
    protected override int ConstantOpcode => (int)Arm64Opcode.MovRI;

    /// <summary>
    /// BL to a symbol, or BLR; both write the return address to X30 (Arm ARM C6.2.34, C6.2.35), which is in the
    /// caller-saved set; the prologue saved the caller's LR with the frame record.
    /// </summary>
    protected override int CallOpcode(bool indirect) => (int)(indirect ? Arm64Opcode.Blr : Arm64Opcode.BlSymbol);

    /// <inheritdoc />
    protected override int ReturnOpcode => (int)Arm64Opcode.Ret;

    /// <summary>
    /// A constant every use of which became an immediate (ADD/CMP imm12, a bitmask) needs no register: its
    /// <c>mov</c> has no side effect, so it is dropped when nothing reads the virtual register it defines.
    /// </summary>
    protected override void Finish()
    {
        var read = new HashSet<int>();
        foreach (var instr in _mf.Blocks.SelectMany(b => b.Instructions))
        {
            foreach (var op in instr.Operands)
            {
                if (op.HasRegister && op.Register.IsVirtual && (op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef))
                    read.Add(op.Register.VirtualIndex);
            }
        }
        foreach (var block in _mf.Blocks)
        {
            block.Instructions.RemoveAll(i => i.Opcode is (int)Arm64Opcode.MovRI or (int)Arm64Opcode.FmovDI
                && i.Operands[0].Register is { IsVirtual: true } d && !read.Contains(d.VirtualIndex));
        }
    }
}
