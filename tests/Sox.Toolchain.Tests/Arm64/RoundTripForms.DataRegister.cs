using Sox.Compiler.Targets.Arm64;
using static Sox.Toolchain.Tests.Arm64.Asm;

namespace Sox.Toolchain.Tests.Arm64;

internal static partial class RoundTripForms
{
    private delegate void ShiftedCall(Arm64Encoder e, Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift, int amount);

    private delegate void ExtendedCall(Arm64Encoder e, Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Extend extend, int amount);

    /// <summary>
    /// A shifted-register form. <paramref name="fixedRd"/>/<paramref name="fixedRn"/> pin an operand to XZR for the
    /// aliases (CMP/CMN/TST: Rd = XZR; NEG/MVN/MOV: Rn = XZR), which then take fewer arguments.
    /// </summary>
    private static RoundTripForm ShiftedForm(string method, string mnemonic, bool is64, bool allowRor, ShiftedCall call,
        bool fixedRd = false, bool fixedRn = false, bool noShift = false)
    {
        var count = 3 - (fixedRd ? 1 : 0) - (fixedRn ? 1 : 0);
        var parameters = string.Join(",", Enumerable.Repeat(R, count)) + (noShift ? "" : ",Arm64Shift,Int32");
        return Form($"{method}({parameters})", (e, o) =>
        {
            var rd = fixedRd ? Arm64Register.XZR : o.GprOrZr();
            var rn = fixedRn ? Arm64Register.XZR : o.GprOrZr();
            var rm = o.GprOrZr();
            var shift = noShift ? Arm64Shift.Lsl : o.Shift(allowRor);
            var amount = noShift ? 0 : o.Int(0, is64 ? 63 : 31);
            call(e, rd, rn, rm, shift, amount);
            return $"{mnemonic} {G(is64, rd)}, {G(is64, rn)}, {G(is64, rm)}{Shift(shift, amount)}";
        });
    }

    /// <summary>
    /// An extended-register form (64-bit). Rm is read as W for UXTB…SXTW and as X for UXTX/SXTX. UXTX is printed as
    /// LSL (omitted at #0) when Rn is SP, or for ADD/SUB when Rd is SP: the Arm ARM's preferred disassembly (C6.2
    /// ADD (extended register): "Rd or Rn is '11111'"; ADDS/SUBS: "Rn is '11111'", as their Rd 31 is the zero register).
    /// </summary>
    private static RoundTripForm ExtendedForm(string method, string mnemonic, bool rdIsSp, ExtendedCall call, bool compare = false)
    {
        var parameters = compare ? $"{R},{R},Arm64Extend,Int32" : $"{R},{R},{R},Arm64Extend,Int32";
        return Form($"{method}({parameters})", (e, o) =>
        {
            var rd = compare ? Arm64Register.XZR : rdIsSp ? o.GprOrSp() : o.GprOrZr();
            var rn = o.GprOrSp();
            var rm = o.GprOrZr();
            var extend = (Arm64Extend)o.Random.Next(8);
            var amount = o.Int(0, 4);
            call(e, rd, rn, rm, extend, amount);
            var wide = extend is Arm64Extend.Uxtx or Arm64Extend.Sxtx;
            var suffix = extend == Arm64Extend.Uxtx && (rn == Arm64Register.SP || rd == Arm64Register.SP)
                ? amount == 0 ? "" : $", lsl #{amount}"
                : $", {ExtendName(extend)}{(amount == 0 ? "" : $" #{amount}")}";
            return $"{mnemonic} {X(rd)}, {X(rn)}, {(wide ? X(rm) : W(rm))}{suffix}";
        });
    }

    private static RoundTripForm[] AddSubRegister =>
    [
        ShiftedForm("Add_x_shifted", "add", true, false, (e, d, n, m, s, a) => e.Add_x_shifted(d, n, m, s, a)),
        ShiftedForm("Add_w_shifted", "add", false, false, (e, d, n, m, s, a) => e.Add_w_shifted(d, n, m, s, a)),
        ShiftedForm("Adds_x_shifted", "adds", true, false, (e, d, n, m, s, a) => e.Adds_x_shifted(d, n, m, s, a)),
        ShiftedForm("Adds_w_shifted", "adds", false, false, (e, d, n, m, s, a) => e.Adds_w_shifted(d, n, m, s, a)),
        ShiftedForm("Sub_x_shifted", "sub", true, false, (e, d, n, m, s, a) => e.Sub_x_shifted(d, n, m, s, a)),
        ShiftedForm("Sub_w_shifted", "sub", false, false, (e, d, n, m, s, a) => e.Sub_w_shifted(d, n, m, s, a)),
        ShiftedForm("Subs_x_shifted", "subs", true, false, (e, d, n, m, s, a) => e.Subs_x_shifted(d, n, m, s, a)),
        ShiftedForm("Subs_w_shifted", "subs", false, false, (e, d, n, m, s, a) => e.Subs_w_shifted(d, n, m, s, a)),
        ShiftedForm("Cmp_x_shifted", "subs", true, false, (e, _, n, m, s, a) => e.Cmp_x_shifted(n, m, s, a), fixedRd: true),
        ShiftedForm("Cmp_w_shifted", "subs", false, false, (e, _, n, m, s, a) => e.Cmp_w_shifted(n, m, s, a), fixedRd: true),
        ShiftedForm("Cmn_x_shifted", "adds", true, false, (e, _, n, m, s, a) => e.Cmn_x_shifted(n, m, s, a), fixedRd: true),
        ShiftedForm("Neg_x", "sub", true, false, (e, d, _, m, s, a) => e.Neg_x(d, m, s, a), fixedRn: true),
        ShiftedForm("Neg_w", "sub", false, false, (e, d, _, m, s, a) => e.Neg_w(d, m, s, a), fixedRn: true),
        ExtendedForm("Add_x_extended", "add", true, (e, d, n, m, x, a) => e.Add_x_extended(d, n, m, x, a)),
        ExtendedForm("Adds_x_extended", "adds", false, (e, d, n, m, x, a) => e.Adds_x_extended(d, n, m, x, a)),
        ExtendedForm("Sub_x_extended", "sub", true, (e, d, n, m, x, a) => e.Sub_x_extended(d, n, m, x, a)),
        ExtendedForm("Subs_x_extended", "subs", false, (e, d, n, m, x, a) => e.Subs_x_extended(d, n, m, x, a)),
        ExtendedForm("Cmp_x_extended", "subs", false, (e, _, n, m, x, a) => e.Cmp_x_extended(n, m, x, a), compare: true),
        ExtendedForm("Cmn_x_extended", "adds", false, (e, _, n, m, x, a) => e.Cmn_x_extended(n, m, x, a), compare: true),
    ];

    private static RoundTripForm[] LogicalRegister =>
    [
        ShiftedForm("And_x_shifted", "and", true, true, (e, d, n, m, s, a) => e.And_x_shifted(d, n, m, s, a)),
        ShiftedForm("And_w_shifted", "and", false, true, (e, d, n, m, s, a) => e.And_w_shifted(d, n, m, s, a)),
        ShiftedForm("Bic_x_shifted", "bic", true, true, (e, d, n, m, s, a) => e.Bic_x_shifted(d, n, m, s, a)),
        ShiftedForm("Bic_w_shifted", "bic", false, true, (e, d, n, m, s, a) => e.Bic_w_shifted(d, n, m, s, a)),
        ShiftedForm("Orr_x_shifted", "orr", true, true, (e, d, n, m, s, a) => e.Orr_x_shifted(d, n, m, s, a)),
        ShiftedForm("Orr_w_shifted", "orr", false, true, (e, d, n, m, s, a) => e.Orr_w_shifted(d, n, m, s, a)),
        ShiftedForm("Orn_x_shifted", "orn", true, true, (e, d, n, m, s, a) => e.Orn_x_shifted(d, n, m, s, a)),
        ShiftedForm("Orn_w_shifted", "orn", false, true, (e, d, n, m, s, a) => e.Orn_w_shifted(d, n, m, s, a)),
        ShiftedForm("Eor_x_shifted", "eor", true, true, (e, d, n, m, s, a) => e.Eor_x_shifted(d, n, m, s, a)),
        ShiftedForm("Eor_w_shifted", "eor", false, true, (e, d, n, m, s, a) => e.Eor_w_shifted(d, n, m, s, a)),
        ShiftedForm("Ands_x_shifted", "ands", true, true, (e, d, n, m, s, a) => e.Ands_x_shifted(d, n, m, s, a)),
        ShiftedForm("Ands_w_shifted", "ands", false, true, (e, d, n, m, s, a) => e.Ands_w_shifted(d, n, m, s, a)),
        ShiftedForm("Tst_x_shifted", "ands", true, true, (e, _, n, m, s, a) => e.Tst_x_shifted(n, m, s, a), fixedRd: true),
        ShiftedForm("Tst_w_shifted", "ands", false, true, (e, _, n, m, s, a) => e.Tst_w_shifted(n, m, s, a), fixedRd: true),
        ShiftedForm("Mov_x", "orr", true, false, (e, d, _, m, _, _) => e.Mov_x(d, m), fixedRn: true, noShift: true),
        ShiftedForm("Mov_w", "orr", false, false, (e, d, _, m, _, _) => e.Mov_w(d, m), fixedRn: true, noShift: true),
        ShiftedForm("Mvn_x", "orn", true, true, (e, d, _, m, s, a) => e.Mvn_x(d, m, s, a), fixedRn: true),
        ShiftedForm("Mvn_w", "orn", false, true, (e, d, _, m, s, a) => e.Mvn_w(d, m, s, a), fixedRn: true),
    ];
}
