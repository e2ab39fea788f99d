using System.Buffers.Binary;
using System.Numerics;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// Encodes x86-64 instructions into a growable code buffer, with labels, branch relaxation and symbol
/// relocations. Call the instruction methods in program order, then <see cref="Finish"/> once.
/// </summary>
/// <remarks>
/// <para><b>Naming.</b> Methods are named after the instruction form in the Intel SDM opcode tables, spelled the
/// way Iced's <c>Code</c> enum spells them: <c>Add_rm64_r64</c> is "ADD r/m64, r64" (REX.W 01 /r). Where an
/// operand is <c>r/m</c>, the method is overloaded for <see cref="X64Register"/> and <see cref="X64Memory"/>.
/// A form always encodes exactly as named, with one documented exception per method at most (e.g. a shift by 1
/// uses the shorter D1 form). Methods whose name ends in <c>_imm</c> without a width pick the shortest correct
/// encoding for the value (imm8 vs imm32, the RAX short form, <c>mov r32, imm32</c> vs <c>movabs</c>).
/// Register operands are validated: a GPR where a GPR is required, an XMM register where an XMM is required.</para>
/// <para><b>Layout.</b> The encoder keeps the fixed-size bytes in one buffer and records "sites" whose size is only
/// known at the end: relaxable branches (<see cref="Jmp(X64Label)"/>, <see cref="Jcc(X64Condition, X64Label)"/>)
/// and alignment padding (<see cref="Align"/>). <see cref="Finish"/> starts with every relaxable branch in its
/// 2-byte rel8 form and grows to rel32 only those whose displacement does not fit, repeating until nothing
/// changes (growth is monotone, so this terminates; it is the classic optimistic relaxation, as in LLVM's
/// MCAssembler). Every position (label, relocation, displacement field) is recorded as (fixed offset, number of
/// sites before it), so offsets are final only after <see cref="Finish"/>: to learn where something ended up,
/// bind a label there (<see cref="Here"/>).</para>
/// <para><b>Relocations.</b> <c>call sym</c>/<c>jmp sym</c> record <see cref="RelocationKind.X64Branch32"/>,
/// RIP-relative data <see cref="RelocationKind.X64PcRelative32"/>, GOT loads <see cref="RelocationKind.X64GotLoad32"/>,
/// all with addend = (operand addend) − (bytes from the start of the 32-bit field to the end of the instruction),
/// i.e. −4 unless an immediate follows the displacement (System V AMD64 ABI §4.4.1).</para>
/// </remarks>
public sealed partial class X64Encoder
{
    private byte[] _code = new byte[256];
    private int _length;
    private bool _finished;

    private void ThrowIfFinished()
    {
        if (_finished) throw new InvalidOperationException("The encoder has already been finished.");
    }

    /// <summary>The current position: the fixed offset and how many variable-size sites precede it.</summary>
    private Position Current => new(_length, _sites.Count);

    private void EnsureRoom(int count)
    {
        if (_length + count <= _code.Length) return;
        Array.Resize(ref _code, Math.Max(_code.Length * 2, _length + count));
    }

    private void Byte(int value)
    {
        EnsureRoom(1);
        _code[_length++] = (byte)value;
    }

    private void Bytes(ReadOnlySpan<byte> values)
    {
        EnsureRoom(values.Length);
        values.CopyTo(_code.AsSpan(_length));
        _length += values.Length;
    }

    private void Int32(int value)
    {
        EnsureRoom(4);
        BinaryPrimitives.WriteInt32LittleEndian(_code.AsSpan(_length), value);
        _length += 4;
    }

    private void Int64(long value)
    {
        EnsureRoom(8);
        BinaryPrimitives.WriteInt64LittleEndian(_code.AsSpan(_length), value);
        _length += 8;
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
        if (memory.Kind == X64MemoryKind.RipLabel) CheckLabel(memory.Label);
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
            var field = Current;
            var tail = 4 + immediateSize;
            Int32(0);
            if (memory.Kind == X64MemoryKind.RipSymbol)
                _relocations.Add(new PendingRelocation(field, memory.Relocation, memory.Symbol!, memory.Addend - tail));
            else
                _labelReferences.Add(new LabelReference(field, 4, tail, memory.Label.Id, memory.Displacement));
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
