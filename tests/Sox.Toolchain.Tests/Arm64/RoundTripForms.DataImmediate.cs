using Sox.Compiler.Targets.Arm64;
using static Sox.Toolchain.Tests.Arm64.Asm;

namespace Sox.Toolchain.Tests.Arm64;

internal static partial class RoundTripForms
{
    private delegate void AddSubImm(Arm64Encoder e, Arm64Register rd, Arm64Register rn, int imm12, bool shift12);

    /// <summary>ADD/ADDS/SUB/SUBS (immediate): Rd is SP for ADD/SUB, XZR for the S forms; Rn is always SP.</summary>
    private static RoundTripForm AddSubImmForm(string method, string mnemonic, bool is64, bool setsFlags, AddSubImm call) =>
        Form($"{method}({R},{R},Int32,Boolean)", (e, o) =>
        {
            var rd = setsFlags ? o.GprOrZr() : o.GprOrSp();
            var rn = o.GprOrSp();
            var imm = o.Int(0, 4095);
            var shift = o.Bool();
            call(e, rd, rn, imm, shift);
            return $"{mnemonic} {G(is64, rd)}, {G(is64, rn)}, #{Hex((ulong)imm)}{(shift ? ", lsl #12" : "")}";
        });

    private static RoundTripForm CompareImmForm(string method, string mnemonic, bool is64, Action<Arm64Encoder, Arm64Register, int, bool> call) =>
        Form($"{method}({R},Int32,Boolean)", (e, o) =>
        {
            var rn = o.GprOrSp();
            var imm = o.Int(0, 4095);
            var shift = o.Bool();
            call(e, rn, imm, shift);
            return $"{mnemonic} {G(is64, Arm64Register.XZR)}, {G(is64, rn)}, #{Hex((ulong)imm)}{(shift ? ", lsl #12" : "")}";
        });

    private static RoundTripForm[] AddSubImmediate =>
    [
        AddSubImmForm("Add_x_imm", "add", true, false, (e, d, n, i, s) => e.Add_x_imm(d, n, i, s)),
        AddSubImmForm("Add_w_imm", "add", false, false, (e, d, n, i, s) => e.Add_w_imm(d, n, i, s)),
        AddSubImmForm("Adds_x_imm", "adds", true, true, (e, d, n, i, s) => e.Adds_x_imm(d, n, i, s)),
        AddSubImmForm("Adds_w_imm", "adds", false, true, (e, d, n, i, s) => e.Adds_w_imm(d, n, i, s)),
        AddSubImmForm("Sub_x_imm", "sub", true, false, (e, d, n, i, s) => e.Sub_x_imm(d, n, i, s)),
        AddSubImmForm("Sub_w_imm", "sub", false, false, (e, d, n, i, s) => e.Sub_w_imm(d, n, i, s)),
        AddSubImmForm("Subs_x_imm", "subs", true, true, (e, d, n, i, s) => e.Subs_x_imm(d, n, i, s)),
        AddSubImmForm("Subs_w_imm", "subs", false, true, (e, d, n, i, s) => e.Subs_w_imm(d, n, i, s)),
        CompareImmForm("Cmp_x_imm", "subs", true, (e, n, i, s) => e.Cmp_x_imm(n, i, s)),
        CompareImmForm("Cmp_w_imm", "subs", false, (e, n, i, s) => e.Cmp_w_imm(n, i, s)),
        CompareImmForm("Cmn_x_imm", "adds", true, (e, n, i, s) => e.Cmn_x_imm(n, i, s)),
        CompareImmForm("Cmn_w_imm", "adds", false, (e, n, i, s) => e.Cmn_w_imm(n, i, s)),
        Form($"Mov_x_sp({R},{R})", (e, o) =>
        {
            // MOV (to/from SP) is ADD (immediate) #0 with SP on at least one side.
            var toSp = o.Bool();
            var rd = toSp ? Arm64Register.SP : o.GprOrSp();
            var rn = toSp ? o.GprOrSp() : Arm64Register.SP;
            e.Mov_x_sp(rd, rn);
            return $"add {X(rd)}, {X(rn)}, #0x0";
        }),
    ];

    private static RoundTripForm LogicalImmForm(string method, string mnemonic, bool is64, bool setsFlags, Action<Arm64Encoder, Arm64Register, Arm64Register, ulong> call) =>
        Form($"{method}({R},{R},{(is64 ? "UInt64" : "UInt32")})", (e, o) =>
        {
            var rd = setsFlags ? o.GprOrZr() : o.GprOrSp();
            var rn = o.GprOrZr();
            var patterns = is64 ? BitmaskPatterns.All64 : BitmaskPatterns.All32;
            var value = patterns[o.Random.Next(patterns.Count)].Value;
            call(e, rd, rn, value);
            return $"{mnemonic} {G(is64, rd)}, {G(is64, rn)}, #{Hex(value)}";
        });

    private static RoundTripForm TestImmForm(string method, bool is64, Action<Arm64Encoder, Arm64Register, ulong> call) =>
        Form($"{method}({R},{(is64 ? "UInt64" : "UInt32")})", (e, o) =>
        {
            var rn = o.GprOrZr();
            var patterns = is64 ? BitmaskPatterns.All64 : BitmaskPatterns.All32;
            var value = patterns[o.Random.Next(patterns.Count)].Value;
            call(e, rn, value);
            return $"ands {G(is64, Arm64Register.XZR)}, {G(is64, rn)}, #{Hex(value)}";
        });

    private static RoundTripForm[] LogicalImmediate =>
    [
        LogicalImmForm("And_x_imm", "and", true, false, (e, d, n, v) => e.And_x_imm(d, n, v)),
        LogicalImmForm("And_w_imm", "and", false, false, (e, d, n, v) => e.And_w_imm(d, n, (uint)v)),
        LogicalImmForm("Orr_x_imm", "orr", true, false, (e, d, n, v) => e.Orr_x_imm(d, n, v)),
        LogicalImmForm("Orr_w_imm", "orr", false, false, (e, d, n, v) => e.Orr_w_imm(d, n, (uint)v)),
        LogicalImmForm("Eor_x_imm", "eor", true, false, (e, d, n, v) => e.Eor_x_imm(d, n, v)),
        LogicalImmForm("Eor_w_imm", "eor", false, false, (e, d, n, v) => e.Eor_w_imm(d, n, (uint)v)),
        LogicalImmForm("Ands_x_imm", "ands", true, true, (e, d, n, v) => e.Ands_x_imm(d, n, v)),
        LogicalImmForm("Ands_w_imm", "ands", false, true, (e, d, n, v) => e.Ands_w_imm(d, n, (uint)v)),
        TestImmForm("Tst_x_imm", true, (e, n, v) => e.Tst_x_imm(n, v)),
        TestImmForm("Tst_w_imm", false, (e, n, v) => e.Tst_w_imm(n, (uint)v)),
    ];

    private static RoundTripForm MoveWideForm(string method, string mnemonic, bool is64, Action<Arm64Encoder, Arm64Register, ushort, int> call) =>
        Form($"{method}({R},UInt16,Int32)", (e, o) =>
        {
            var rd = o.GprOrZr();
            var imm = (ushort)o.Int(0, 0xFFFF);
            var shift = 16 * o.Random.Next(is64 ? 4 : 2);
            call(e, rd, imm, shift);
            return $"{mnemonic} {G(is64, rd)}, #{Hex(imm)}{(shift == 0 ? "" : $", lsl #{shift}")}";
        });

    private static RoundTripForm[] MoveWide =>
    [
        MoveWideForm("Movz_x", "movz", true, (e, d, i, s) => e.Movz_x(d, i, s)),
        MoveWideForm("Movz_w", "movz", false, (e, d, i, s) => e.Movz_w(d, i, s)),
        MoveWideForm("Movn_x", "movn", true, (e, d, i, s) => e.Movn_x(d, i, s)),
        MoveWideForm("Movn_w", "movn", false, (e, d, i, s) => e.Movn_w(d, i, s)),
        MoveWideForm("Movk_x", "movk", true, (e, d, i, s) => e.Movk_x(d, i, s)),
        MoveWideForm("Movk_w", "movk", false, (e, d, i, s) => e.Movk_w(d, i, s)),
    ];
}
