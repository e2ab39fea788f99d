using System.Numerics;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// Encodes x86-64 instructions into a growable code buffer, with labels, branch relaxation and symbol
/// relocations. Call the instruction methods in program order, then <see cref="InstructionEncoder.Finish"/> once.
/// </summary>
/// <remarks>
/// <para><b>Naming.</b> Methods are named after the instruction form in the Intel SDM opcode tables, spelled the
/// way Iced's <c>Code</c> enum spells them: <c>Add_rm64_r64</c> is "ADD r/m64, r64" (REX.W 01 /r). Where an
/// operand is <c>r/m</c>, the method is overloaded for <see cref="X64Register"/> and <see cref="X64Memory"/>.
/// A form always encodes exactly as named, with one documented exception per method at most (e.g. a shift by 1
/// uses the shorter D1 form). Methods whose name ends in <c>_imm</c> without a width pick the shortest correct
/// encoding for the value (imm8 vs imm32, the RAX short form, <c>mov r32, imm32</c> vs <c>movabs</c>).
/// Register operands are validated: a GPR where a GPR is required, an XMM register where an XMM is required.</para>
/// <para><b>Layout.</b> The bytes, labels and relocations live in the shared <see cref="CodeBuffer"/>
/// (<see cref="InstructionEncoder"/>), which sizes the relaxable branches (<see cref="Jmp(Label)"/>,
/// <see cref="Jcc(X64Condition, Label)"/>: 2-byte rel8 first, rel32 only where rel8 does not reach) and the
/// alignment padding (<see cref="InstructionEncoder.Align"/>) when it finishes; <see cref="X64BranchForms"/> holds
/// the x86-64 forms. Offsets are final only after <see cref="InstructionEncoder.Finish"/>: to learn where something
/// ended up, bind a label there (<see cref="InstructionEncoder.Here"/>).</para>
/// <para><b>Relocations.</b> <c>call sym</c>/<c>jmp sym</c> record <see cref="RelocationKind.X64Branch32"/>,
/// RIP-relative data <see cref="RelocationKind.X64PcRelative32"/>, GOT loads <see cref="RelocationKind.X64GotLoad32"/>,
/// all with addend = (operand addend) − (bytes from the start of the 32-bit field to the end of the instruction),
/// i.e. −4 unless an immediate follows the displacement (System V AMD64 ABI §4.4.1).</para>
/// </remarks>
public sealed partial class X64Encoder : InstructionEncoder
{
    /// <summary>An empty encoder.</summary>
    public X64Encoder() : base(X64BranchForms.Instance)
    {
    }

    /// <summary>An empty encoder with room for <paramref name="capacity"/> bytes before its buffer grows.</summary>
    public X64Encoder(int capacity) : base(X64BranchForms.Instance, capacity)
    {
    }

    private void Byte(int value) => Buffer.Byte(value);

    private void Bytes(ReadOnlySpan<byte> values) => Buffer.Bytes(values);

    private void Int32(int value) => Buffer.UInt32((uint)value);

    private void Int64(long value) => Buffer.Int64(value);

    /// <summary>A rel8 or rel32 field to <paramref name="label"/> ending <paramref name="tail"/> bytes before the end of the instruction, emitted as zeros.</summary>
    private void LabelField(Label label, int width, int tail)
    {
        Buffer.LabelField(width, -tail, label);
        if (width == 1) Byte(0);
        else Int32(0);
    }

    private static bool FitsInt8(long value) => value is >= sbyte.MinValue and <= sbyte.MaxValue;

    /// <summary>The hardware number of a general-purpose register operand, or an exception.</summary>
    private static int Gpr(X64Register register, string name = "register") => register.IsGeneralPurpose()
        ? register.HardwareNumber()
        : throw new ArgumentException($"{register} is not a general-purpose register.", name);

    /// <summary>The hardware number of an XMM register operand, or an exception.</summary>
    private static int Xmm(X64Register register, string name = "register") => register.IsXmm()
        ? register.HardwareNumber()
        : throw new ArgumentException($"{register} is not an XMM register.", name);

    /// <summary>
    /// SPL, BPL, SIL and DIL are only reachable with a REX prefix; without one, numbers 4–7 mean AH, CH, DH, BH
    /// (SDM Vol. 2A §2.2.1.2, Table 2-5 note).
    /// </summary>
    private static bool ByteRegisterNeedsRex(int number) => number is >= 4 and <= 7;

    /// <summary>
    /// Emits REX = 0100WRXB when any bit is needed or <paramref name="force"/> is set (SDM Vol. 2A §2.2.1.2,
    /// Table 2-4). REX must immediately precede the opcode, after any mandatory 66/F2/F3 prefix.
    /// </summary>
    private void Rex(bool w, int reg, int index, int rm, bool force)
    {
        var rex = (w ? 8 : 0) | ((reg >> 3) & 1) << 2 | ((index >> 3) & 1) << 1 | ((rm >> 3) & 1);
        if (rex != 0 || force) Byte(0x40 | rex);
    }

    private void ModRm(int mod, int reg, int rm) => Byte(mod << 6 | (reg & 7) << 3 | (rm & 7));

    private void Sib(int scale, int index, int @base) =>
        Byte(BitOperations.Log2((uint)scale) << 6 | (index & 7) << 3 | (@base & 7));

    /// <summary>
    /// <c>[prefix] [REX] opcode ModRM(11, reg, rm)</c>: both operands are registers
    /// (SDM Vol. 2A §2.1.5, Table 2-2, mod = 11b).
    /// </summary>
    private void EmitRegReg(byte prefix, bool w, ReadOnlySpan<byte> opcode, int reg, int rm, bool forceRex = false)
    {
        ThrowIfFinished();
        if (prefix != 0) Byte(prefix);
        Rex(w, reg, 0, rm, forceRex);
        Bytes(opcode);
        ModRm(0b11, reg, rm);
    }

    /// <summary>
    /// <c>[prefix] [REX] opcode ModRM [SIB] [disp8|disp32]</c> for a memory operand; <paramref name="immediateSize"/>
    /// is the number of immediate bytes the caller emits afterwards (needed for RIP-relative displacements,
    /// which count from the end of the instruction).
    /// </summary>
    /// <remarks>
    /// SDM Vol. 2A §2.1.5, Tables 2-2 and 2-3: mod 00 with rm 101b is RIP-relative in 64-bit mode, so an RBP/R13
    /// base with no displacement is encoded as mod 01 disp8 0; rm 100b means "a SIB byte follows", so an RSP/R12
    /// base always takes a SIB (index 100b = none); SIB base 101b with mod 00 means "no base, disp32".
    /// REX.X/REX.B extend index and base, so R12 as index is fine while RSP never is.
    /// </remarks>
    private void EmitRegMem(byte prefix, bool w, ReadOnlySpan<byte> opcode, int reg, in X64Memory memory,
        int immediateSize, bool forceRex = false)
    {
        ThrowIfFinished();
        if (memory.Kind == X64MemoryKind.RipLabel) Buffer.CheckLabel(memory.Label);
        if (memory.Kind == X64MemoryKind.BaseIndex && memory.Base is null && memory.Index is null)
            throw new ArgumentException("A memory operand needs a base or an index (default(X64Memory) is not one).", nameof(memory));
        if (prefix != 0) Byte(prefix);
        var index = memory.Index?.HardwareNumber() ?? 0;
        var @base = memory.Base?.HardwareNumber() ?? 0;
        Rex(w, reg, index, @base, forceRex);
        Bytes(opcode);

        if (memory.Kind != X64MemoryKind.BaseIndex)
        {
            ModRm(0b00, reg, 0b101);
            var tail = 4 + immediateSize;
            if (memory.Kind == X64MemoryKind.RipSymbol)
                Buffer.Relocation(memory.Relocation, memory.Symbol!, memory.Addend - tail);
            else
                Buffer.LabelField(X64BranchForms.Rel32, memory.Displacement - tail, memory.Label);
            Int32(0);
            return;
        }

        var displacement = memory.Displacement;
        if (memory.Base is null)
        {
            ModRm(0b00, reg, 0b100);
            Sib(memory.Scale, index, 0b101);
            Int32(displacement);
            return;
        }

        var mod = displacement == 0 && (@base & 7) != 0b101 ? 0b00 : FitsInt8(displacement) ? 0b01 : 0b10;
        if (memory.Index is not null || (@base & 7) == 0b100)
        {
            ModRm(mod, reg, 0b100);
            Sib(memory.Scale, memory.Index is null ? 0b100 : index, @base);
        }
        else
        {
            ModRm(mod, reg, @base);
        }
        if (mod == 0b01) Byte(displacement);
        else if (mod == 0b10) Int32(displacement);
    }
}
