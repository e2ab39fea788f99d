using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// Encodes A64 instructions into a growable code buffer, with labels, branch relaxation and symbol relocations.
/// Call the instruction methods in program order, then <see cref="InstructionEncoder.Finish"/> once.
/// </summary>
/// <remarks>
/// <para><b>Naming.</b> A method is one encoding of the Arm ARM (Arm Architecture Reference Manual for A-profile,
/// DDI 0487, chapter C6 "A64 Base Instruction Descriptions" and C7 for SIMD&amp;FP), spelled
/// <c>Mnemonic_variant[_class]</c>: the variant is the register view of the destination (<c>x</c> 64-bit, <c>w</c>
/// 32-bit, <c>d</c>/<c>s</c> double/single FP), the class the Arm ARM's encoding class where a mnemonic has several
/// (<c>Add_x_imm</c> is "ADD (immediate), 64-bit variant", <c>Add_x_shifted</c> "ADD (shifted register)",
/// <c>Add_x_extended</c> "ADD (extended register)"). Aliases the Arm ARM defines (<c>cmp</c>, <c>mov</c>,
/// <c>lsl</c>, <c>cset</c>, …) are methods of their own that emit the underlying encoding.</para>
/// <para><b>Register 31.</b> Each 5-bit register field means either SP or the zero register; methods document
/// which and reject the other (<see cref="Arm64Register.SP"/> and <see cref="Arm64Register.XZR"/> are distinct
/// operands). Immediates are range-checked; nothing is silently truncated.</para>
/// <para><b>Layout.</b> Every instruction is 4 bytes except relaxable branches (<see cref="B_cond"/>,
/// <see cref="Cbz_x"/>/<see cref="Cbnz_x"/>/…, <see cref="Tbz"/>/<see cref="Tbnz"/>), which become 8 bytes
/// (the inverted branch over an unconditional <c>b</c>) when their target is out of their field's range, and
/// <see cref="InstructionEncoder.Align"/> padding. The shared <see cref="CodeBuffer"/> sizes these "sites" when it
/// finishes, with the AArch64 forms of <see cref="Arm64BranchForms"/>; offsets are final only after
/// <see cref="InstructionEncoder.Finish"/>: bind a label (<see cref="InstructionEncoder.Here"/>) to learn where
/// something ended up.</para>
/// <para><b>Relocations.</b> Symbol operands record a <see cref="SymbolRelocation"/> at
/// the instruction's offset with the operand's addend (AArch64 ELF is RELA and the PC is the instruction's own
/// address, so nothing is folded into the addend; ELF for the Arm 64-bit Architecture §5.7); the relocated
/// field is written as zero.</para>
/// </remarks>
public sealed partial class Arm64Encoder : InstructionEncoder
{
    /// <summary>An empty encoder.</summary>
    public Arm64Encoder() : base(Arm64BranchForms.Instance)
    {
    }

    /// <summary>An empty encoder with room for <paramref name="capacity"/> bytes before its buffer grows.</summary>
    public Arm64Encoder(int capacity) : base(Arm64BranchForms.Instance, capacity)
    {
    }

    /// <summary>Appends one instruction word (A64 instructions are little-endian 32-bit words, Arm ARM C1.1).</summary>
    private void Emit(uint word) => Buffer.UInt32(word);

    /// <summary>Emits <paramref name="word"/> with the PC-relative field of <paramref name="kind"/> left zero, to be filled in when the buffer finishes.</summary>
    private void EmitLabelReference(uint word, int kind, Label label)
    {
        Buffer.LabelField(kind, 0, label);
        Emit(word);
    }

    /// <summary>Emits <paramref name="word"/> with a relocation for <paramref name="symbol"/> at its offset.</summary>
    private void EmitRelocated(uint word, RelocationKind kind, string symbol, long addend)
    {
        Buffer.Relocation(kind, symbol, addend);
        Emit(word);
    }

    /// <summary>A register field that reads X0…X30 or, as number 31, the zero register.</summary>
    private static uint Rz(Arm64Register register, string name) =>
        register.IsGeneralPurpose() || register == Arm64Register.XZR
            ? (uint)register.HardwareNumber()
            : throw new ArgumentException($"{register} is not valid here: this field takes X0…X30 or XZR.", name);

    /// <summary>A register field that reads X0…X30 or, as number 31, the stack pointer.</summary>
    private static uint Rsp(Arm64Register register, string name) =>
        register.IsGeneralPurpose() || register == Arm64Register.SP
            ? (uint)register.HardwareNumber()
            : throw new ArgumentException($"{register} is not valid here: this field takes X0…X30 or SP.", name);

    /// <summary>A register field that must be X0…X30 (neither SP nor the zero register is meaningful).</summary>
    private static uint R(Arm64Register register, string name) => register.IsGeneralPurpose()
        ? (uint)register.HardwareNumber()
        : throw new ArgumentException($"{register} is not valid here: this field takes X0…X30.", name);

    /// <summary>A SIMD&amp;FP register field (V0…V31).</summary>
    private static uint V(Arm64Register register, string name) => register.IsVector()
        ? (uint)register.HardwareNumber()
        : throw new ArgumentException($"{register} is not a SIMD&FP register (V0…V31).", name);

    private static uint Sf(bool is64) => is64 ? 1u << 31 : 0;

    private static void CheckRange(long value, long min, long max, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"Must be in {min}…{max}.");
    }

    private static uint Cond(Arm64Condition condition) => (uint)condition & 15;
}
