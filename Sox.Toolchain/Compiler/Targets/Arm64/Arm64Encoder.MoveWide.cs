namespace Sox.Compiler.Targets.Arm64;

// Move wide (immediate): sf opc 100101 hw imm16 Rd (Arm ARM C4.1.92, C6.2 MOVZ, MOVN, MOVK), and the choice of
// the shortest sequence for an arbitrary constant. Rd is the zero register when 31.
public sealed partial class Arm64Encoder
{
    private const uint Movn = 0x1280_0000, Movz = 0x5280_0000, Movk = 0x7280_0000;

    private void MoveWide(uint opcode, bool is64, Arm64Register rd, ushort imm16, int shift)
    {
        if (shift is not (0 or 16 or 32 or 48) || (!is64 && shift > 16))
            throw new ArgumentOutOfRangeException(nameof(shift), shift, is64 ? "Shift must be 0, 16, 32 or 48." : "Shift must be 0 or 16.");
        Emit(opcode | Sf(is64) | (uint)(shift / 16) << 21 | (uint)imm16 << 5 | Rz(rd, nameof(rd)));
    }

    /// <summary><c>movz xd, #imm16{, lsl #shift}</c> — MOVZ, 64-bit: xd = imm16 &lt;&lt; shift.</summary>
    public void Movz_x(Arm64Register rd, ushort imm16, int shift = 0) => MoveWide(Movz, true, rd, imm16, shift);

    /// <summary><c>movz wd, #imm16{, lsl #shift}</c> — MOVZ, 32-bit (shift 0 or 16).</summary>
    public void Movz_w(Arm64Register rd, ushort imm16, int shift = 0) => MoveWide(Movz, false, rd, imm16, shift);

    /// <summary><c>movn xd, #imm16{, lsl #shift}</c> — MOVN, 64-bit: xd = ~(imm16 &lt;&lt; shift).</summary>
    public void Movn_x(Arm64Register rd, ushort imm16, int shift = 0) => MoveWide(Movn, true, rd, imm16, shift);

    /// <summary><c>movn wd, #imm16{, lsl #shift}</c> — MOVN, 32-bit (shift 0 or 16).</summary>
    public void Movn_w(Arm64Register rd, ushort imm16, int shift = 0) => MoveWide(Movn, false, rd, imm16, shift);

    /// <summary><c>movk xd, #imm16{, lsl #shift}</c> — MOVK, 64-bit: replaces one halfword, keeps the others.</summary>
    public void Movk_x(Arm64Register rd, ushort imm16, int shift = 0) => MoveWide(Movk, true, rd, imm16, shift);

    /// <summary><c>movk wd, #imm16{, lsl #shift}</c> — MOVK, 32-bit (shift 0 or 16).</summary>
    public void Movk_w(Arm64Register rd, ushort imm16, int shift = 0) => MoveWide(Movk, false, rd, imm16, shift);

    /// <summary>
    /// Loads any 64-bit constant into X0…X30 with the fewest instructions among: one MOVZ (at most one non-zero
    /// halfword), one MOVN (at most one halfword other than 0xFFFF), one <c>orr xd, xzr, #bitmask</c>, else MOVZ
    /// followed by a MOVK per further non-zero halfword or MOVN followed by a MOVK per further non-0xFFFF halfword,
    /// whichever is shorter (MOVZ on a tie). This is the choice of the <c>mov</c> alias in the Arm ARM (C6.2
    /// MOV (wide immediate), MOV (inverted wide immediate), MOV (bitmask immediate)) extended to sequences; LLVM
    /// additionally tries ORR+MOVK pairs, which this does not.
    /// </summary>
    public void Mov_x_imm(Arm64Register rd, long value) => MoveImmediate(rd, (ulong)value, 4, true);

    /// <summary>Loads any 32-bit constant into W0…W30 (zeroing the upper half); the 32-bit <see cref="Mov_x_imm"/>.</summary>
    public void Mov_w_imm(Arm64Register rd, int value) => MoveImmediate(rd, (uint)value, 2, false);

    private void MoveImmediate(Arm64Register rd, ulong value, int halves, bool is64)
    {
        R(rd, nameof(rd)); // ORR's Rd would be SP, MOVZ's the zero register: neither is a useful target
        int zeros = 0, ones = 0;
        for (var i = 0; i < halves; i++)
        {
            var half = (value >> (16 * i)) & 0xFFFF;
            if (half == 0) zeros++;
            if (half == 0xFFFF) ones++;
        }
        var movzCount = Math.Max(1, halves - zeros);
        var movnCount = Math.Max(1, halves - ones);
        if (movzCount > 1 && movnCount > 1 && Arm64Immediates.IsBitmask(value, is64 ? 64 : 32))
        {
            if (is64) Orr_x_imm(rd, Arm64Register.XZR, value);
            else Orr_w_imm(rd, Arm64Register.XZR, (uint)value);
            return;
        }
        var inverted = movnCount < movzCount;
        var skip = inverted ? 0xFFFFUL : 0;
        if ((inverted ? ones : zeros) == halves)
        {
            MoveWide(inverted ? Movn : Movz, is64, rd, 0, 0); // 0 or all ones: one instruction, shift 0
            return;
        }
        var first = true;
        for (var i = 0; i < halves; i++)
        {
            var half = (value >> (16 * i)) & 0xFFFF;
            if (half == skip) continue;
            if (first)
                MoveWide(inverted ? Movn : Movz, is64, rd, (ushort)(inverted ? ~half & 0xFFFF : half), 16 * i);
            else
                MoveWide(Movk, is64, rd, (ushort)half, 16 * i);
            first = false;
        }
    }
}
