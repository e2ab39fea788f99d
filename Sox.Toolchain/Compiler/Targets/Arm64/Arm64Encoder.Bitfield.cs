namespace Sox.Compiler.Targets.Arm64;

// Bitfield: sf opc 100110 N immr imms Rn Rd with N = sf (Arm ARM C4.1.92, C6.2 SBFM, UBFM) and their aliases
// LSL/LSR/ASR (immediate), SXTB/SXTH/SXTW, UXTB/UXTH, UBFX/SBFX. Rd and Rn are the zero register when 31.
public sealed partial class Arm64Encoder
{
    private const uint Sbfm = 0x1300_0000, Ubfm = 0x5300_0000;

    private void Bitfield(uint opcode, bool is64, Arm64Register rd, Arm64Register rn, int immr, int imms)
    {
        var size = is64 ? 64 : 32;
        CheckRange(immr, 0, size - 1, nameof(immr));
        CheckRange(imms, 0, size - 1, nameof(imms));
        Emit(opcode | (is64 ? 1u << 31 | 1u << 22 : 0) | (uint)immr << 16 | (uint)imms << 10
            | Rz(rn, nameof(rn)) << 5 | Rz(rd, nameof(rd)));
    }

    /// <summary><c>ubfm xd, xn, #immr, #imms</c> — UBFM, 64-bit.</summary>
    public void Ubfm_x(Arm64Register rd, Arm64Register rn, int immr, int imms) => Bitfield(Ubfm, true, rd, rn, immr, imms);

    /// <summary><c>ubfm wd, wn, #immr, #imms</c> — UBFM, 32-bit.</summary>
    public void Ubfm_w(Arm64Register rd, Arm64Register rn, int immr, int imms) => Bitfield(Ubfm, false, rd, rn, immr, imms);

    /// <summary><c>sbfm xd, xn, #immr, #imms</c> — SBFM, 64-bit.</summary>
    public void Sbfm_x(Arm64Register rd, Arm64Register rn, int immr, int imms) => Bitfield(Sbfm, true, rd, rn, immr, imms);

    /// <summary><c>sbfm wd, wn, #immr, #imms</c> — SBFM, 32-bit.</summary>
    public void Sbfm_w(Arm64Register rd, Arm64Register rn, int immr, int imms) => Bitfield(Sbfm, false, rd, rn, immr, imms);

    /// <summary><c>lsl xd, xn, #shift</c> (0–63) — alias of <c>ubfm xd, xn, #(-shift mod 64), #(63-shift)</c>.</summary>
    public void Lsl_x_imm(Arm64Register rd, Arm64Register rn, int shift) => ShiftLeft(true, rd, rn, shift);

    /// <summary><c>lsl wd, wn, #shift</c> (0–31) — alias of <c>ubfm wd, wn, #(-shift mod 32), #(31-shift)</c>.</summary>
    public void Lsl_w_imm(Arm64Register rd, Arm64Register rn, int shift) => ShiftLeft(false, rd, rn, shift);

    /// <summary><c>lsr xd, xn, #shift</c> (0–63) — alias of <c>ubfm xd, xn, #shift, #63</c>.</summary>
    public void Lsr_x_imm(Arm64Register rd, Arm64Register rn, int shift) => Bitfield(Ubfm, true, rd, rn, shift, 63);

    /// <summary><c>lsr wd, wn, #shift</c> (0–31) — alias of <c>ubfm wd, wn, #shift, #31</c>.</summary>
    public void Lsr_w_imm(Arm64Register rd, Arm64Register rn, int shift) => Bitfield(Ubfm, false, rd, rn, shift, 31);

    /// <summary><c>asr xd, xn, #shift</c> (0–63) — alias of <c>sbfm xd, xn, #shift, #63</c>.</summary>
    public void Asr_x_imm(Arm64Register rd, Arm64Register rn, int shift) => Bitfield(Sbfm, true, rd, rn, shift, 63);

    /// <summary><c>asr wd, wn, #shift</c> (0–31) — alias of <c>sbfm wd, wn, #shift, #31</c>.</summary>
    public void Asr_w_imm(Arm64Register rd, Arm64Register rn, int shift) => Bitfield(Sbfm, false, rd, rn, shift, 31);

    private void ShiftLeft(bool is64, Arm64Register rd, Arm64Register rn, int shift)
    {
        var size = is64 ? 64 : 32;
        CheckRange(shift, 0, size - 1, nameof(shift));
        Bitfield(Ubfm, is64, rd, rn, (size - shift) % size, size - 1 - shift);
    }

    /// <summary><c>ubfx xd, xn, #lsb, #width</c> — alias of <c>ubfm xd, xn, #lsb, #(lsb+width-1)</c>: extracts bits lsb…lsb+width−1.</summary>
    public void Ubfx_x(Arm64Register rd, Arm64Register rn, int lsb, int width)
    {
        CheckRange(lsb, 0, 63, nameof(lsb));
        CheckRange(width, 1, 64 - lsb, nameof(width));
        Bitfield(Ubfm, true, rd, rn, lsb, lsb + width - 1);
    }

    /// <summary><c>sbfx xd, xn, #lsb, #width</c> — alias of <c>sbfm xd, xn, #lsb, #(lsb+width-1)</c>: extracts and sign-extends.</summary>
    public void Sbfx_x(Arm64Register rd, Arm64Register rn, int lsb, int width)
    {
        CheckRange(lsb, 0, 63, nameof(lsb));
        CheckRange(width, 1, 64 - lsb, nameof(width));
        Bitfield(Sbfm, true, rd, rn, lsb, lsb + width - 1);
    }

    /// <summary><c>sxtw xd, wn</c> — alias of <c>sbfm xd, xn, #0, #31</c>.</summary>
    public void Sxtw_x(Arm64Register rd, Arm64Register rn) => Bitfield(Sbfm, true, rd, rn, 0, 31);

    /// <summary><c>sxth xd, wn</c> — alias of <c>sbfm xd, xn, #0, #15</c>.</summary>
    public void Sxth_x(Arm64Register rd, Arm64Register rn) => Bitfield(Sbfm, true, rd, rn, 0, 15);

    /// <summary><c>sxtb xd, wn</c> — alias of <c>sbfm xd, xn, #0, #7</c>.</summary>
    public void Sxtb_x(Arm64Register rd, Arm64Register rn) => Bitfield(Sbfm, true, rd, rn, 0, 7);

    /// <summary><c>uxtb wd, wn</c> — alias of <c>ubfm wd, wn, #0, #7</c> (writing W zeroes the upper half).</summary>
    public void Uxtb_w(Arm64Register rd, Arm64Register rn) => Bitfield(Ubfm, false, rd, rn, 0, 7);

    /// <summary><c>uxth wd, wn</c> — alias of <c>ubfm wd, wn, #0, #15</c>.</summary>
    public void Uxth_w(Arm64Register rd, Arm64Register rn) => Bitfield(Ubfm, false, rd, rn, 0, 15);
}
