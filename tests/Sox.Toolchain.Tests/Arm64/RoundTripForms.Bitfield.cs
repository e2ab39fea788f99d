using Sox.Compiler.Targets.Arm64;
using static Sox.Toolchain.Tests.Arm64.Asm;

namespace Sox.Toolchain.Tests.Arm64;

internal static partial class RoundTripForms
{
    private static RoundTripForm BitfieldForm(string method, string mnemonic, bool is64, Action<Arm64Encoder, Arm64Register, Arm64Register, int, int> call) =>
        Form($"{method}({R},{R},Int32,Int32)", (e, o) =>
        {
            var (rd, rn) = (o.GprOrZr(), o.GprOrZr());
            var size = is64 ? 64 : 32;
            var (immr, imms) = (o.Int(0, size - 1), o.Int(0, size - 1));
            call(e, rd, rn, immr, imms);
            return $"{mnemonic} {G(is64, rd)}, {G(is64, rn)}, #{immr}, #{imms}";
        });

    /// <summary>An alias with one immediate, expanded as the Arm ARM defines it into (immr, imms) of UBFM/SBFM.</summary>
    private static RoundTripForm ShiftForm(string method, string mnemonic, bool is64, Func<int, int, (int, int)> fields,
        Action<Arm64Encoder, Arm64Register, Arm64Register, int> call) =>
        Form($"{method}({R},{R},Int32)", (e, o) =>
        {
            var (rd, rn) = (o.GprOrZr(), o.GprOrZr());
            var size = is64 ? 64 : 32;
            var shift = o.Int(0, size - 1);
            call(e, rd, rn, shift);
            var (immr, imms) = fields(size, shift);
            return $"{mnemonic} {G(is64, rd)}, {G(is64, rn)}, #{immr}, #{imms}";
        });

    private static RoundTripForm ExtendForm(string method, string mnemonic, bool is64, int imms, Action<Arm64Encoder, Arm64Register, Arm64Register> call) =>
        Form($"{method}({R},{R})", (e, o) =>
        {
            var (rd, rn) = (o.GprOrZr(), o.GprOrZr());
            call(e, rd, rn);
            return $"{mnemonic} {G(is64, rd)}, {G(is64, rn)}, #0, #{imms}";
        });

    private static RoundTripForm ExtractForm(string method, string mnemonic, Action<Arm64Encoder, Arm64Register, Arm64Register, int, int> call) =>
        Form($"{method}({R},{R},Int32,Int32)", (e, o) =>
        {
            var (rd, rn) = (o.GprOrZr(), o.GprOrZr());
            var lsb = o.Int(0, 63);
            var width = o.Int(1, 64 - lsb);
            call(e, rd, rn, lsb, width);
            return $"{mnemonic} {X(rd)}, {X(rn)}, #{lsb}, #{lsb + width - 1}";
        });

    private static RoundTripForm[] Bitfield =>
    [
        BitfieldForm("Ubfm_x", "ubfm", true, (e, d, n, r, s) => e.Ubfm_x(d, n, r, s)),
        BitfieldForm("Ubfm_w", "ubfm", false, (e, d, n, r, s) => e.Ubfm_w(d, n, r, s)),
        BitfieldForm("Sbfm_x", "sbfm", true, (e, d, n, r, s) => e.Sbfm_x(d, n, r, s)),
        BitfieldForm("Sbfm_w", "sbfm", false, (e, d, n, r, s) => e.Sbfm_w(d, n, r, s)),
        // LSL #s is UBFM #(-s MOD size), #(size-1-s); LSR/ASR #s are UBFM/SBFM #s, #(size-1) (Arm ARM C6.2 LSL/LSR/ASR (immediate)).
        ShiftForm("Lsl_x_imm", "ubfm", true, (n, s) => ((n - s) % n, n - 1 - s), (e, d, r, s) => e.Lsl_x_imm(d, r, s)),
        ShiftForm("Lsl_w_imm", "ubfm", false, (n, s) => ((n - s) % n, n - 1 - s), (e, d, r, s) => e.Lsl_w_imm(d, r, s)),
        ShiftForm("Lsr_x_imm", "ubfm", true, (n, s) => (s, n - 1), (e, d, r, s) => e.Lsr_x_imm(d, r, s)),
        ShiftForm("Lsr_w_imm", "ubfm", false, (n, s) => (s, n - 1), (e, d, r, s) => e.Lsr_w_imm(d, r, s)),
        ShiftForm("Asr_x_imm", "sbfm", true, (n, s) => (s, n - 1), (e, d, r, s) => e.Asr_x_imm(d, r, s)),
        ShiftForm("Asr_w_imm", "sbfm", false, (n, s) => (s, n - 1), (e, d, r, s) => e.Asr_w_imm(d, r, s)),
        ExtractForm("Ubfx_x", "ubfm", (e, d, n, l, w) => e.Ubfx_x(d, n, l, w)),
        ExtractForm("Sbfx_x", "sbfm", (e, d, n, l, w) => e.Sbfx_x(d, n, l, w)),
        ExtendForm("Sxtw_x", "sbfm", true, 31, (e, d, n) => e.Sxtw_x(d, n)),
        ExtendForm("Sxth_x", "sbfm", true, 15, (e, d, n) => e.Sxth_x(d, n)),
        ExtendForm("Sxtb_x", "sbfm", true, 7, (e, d, n) => e.Sxtb_x(d, n)),
        ExtendForm("Uxtb_w", "ubfm", false, 7, (e, d, n) => e.Uxtb_w(d, n)),
        ExtendForm("Uxth_w", "ubfm", false, 15, (e, d, n) => e.Uxth_w(d, n)),
    ];
}
