using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;
using Sox.Compiler.Targets.Arm64;
using static Sox.Toolchain.Tests.Arm64.Asm;

namespace Sox.Toolchain.Tests.Arm64;

internal static partial class RoundTripForms
{
    private static RoundTripForm CompareBranchForm(string method, string mnemonic, bool is64, Action<Arm64Encoder, Arm64Register, Label> call) =>
        Form($"{method}({R},Label)", (e, o) =>
        {
            var rt = o.GprOrZr();
            call(e, rt, o.Anchor);
            return $"{mnemonic} {G(is64, rt)}, 0x0";
        });

    /// <summary>TBZ/TBNZ: b5 selects the view, so GNU prints wN for bits 0–31 and xN for 32–63.</summary>
    private static RoundTripForm TestBranchForm(string method, string mnemonic, Action<Arm64Encoder, Arm64Register, int, Label> call) =>
        Form($"{method}({R},Int32,Label)", (e, o) =>
        {
            var rt = o.GprOrZr();
            var bit = o.Of(0, 31, 32, 63, o.Random.Next(64));
            call(e, rt, bit, o.Anchor);
            return $"{mnemonic} {G(bit >= 32, rt)}, #{bit}, 0x0";
        });

    private static RoundTripForm RegisterBranchForm(string method, string mnemonic, Action<Arm64Encoder, Arm64Register> call) =>
        Form($"{method}({R})", (e, o) =>
        {
            var rn = o.Gpr();
            call(e, rn);
            return mnemonic == "ret" && rn == Arm64Register.X30 ? "ret" : $"{mnemonic} {X(rn)}";
        });

    private static RoundTripForm[] Branches =>
    [
        Form("B(Label)", (e, o) => { e.B(o.Anchor); return "b 0x0"; }),
        Form("Bl(Label)", (e, o) => { e.Bl(o.Anchor); return "bl 0x0"; }),
        Form("B(String)", (e, o) => { e.B("tail"); return new Expected("b {pc}", RelocationKind.Arm64Call26, "tail"); }),
        Form("Bl(String)", (e, o) => { e.Bl("callee"); return new Expected("bl {pc}", RelocationKind.Arm64Call26, "callee"); }),
        Form("B_cond(Arm64Condition,Label)", (e, o) =>
        {
            var cond = o.InvertibleCond();
            e.B_cond(cond, o.Anchor);
            return $"b.{Cond(cond)} 0x0";
        }),
        CompareBranchForm("Cbz_x", "cbz", true, (e, t, l) => e.Cbz_x(t, l)),
        CompareBranchForm("Cbnz_x", "cbnz", true, (e, t, l) => e.Cbnz_x(t, l)),
        CompareBranchForm("Cbz_w", "cbz", false, (e, t, l) => e.Cbz_w(t, l)),
        CompareBranchForm("Cbnz_w", "cbnz", false, (e, t, l) => e.Cbnz_w(t, l)),
        TestBranchForm("Tbz", "tbz", (e, t, b, l) => e.Tbz(t, b, l)),
        TestBranchForm("Tbnz", "tbnz", (e, t, b, l) => e.Tbnz(t, b, l)),
        RegisterBranchForm("Br", "br", (e, n) => e.Br(n)),
        RegisterBranchForm("Blr", "blr", (e, n) => e.Blr(n)),
        RegisterBranchForm("Ret", "ret", (e, n) => e.Ret(n)),
    ];

    private static RoundTripForm[] PcRelative =>
    [
        Form($"Adr({R},Label)", (e, o) =>
        {
            var rd = o.Gpr();
            e.Adr(rd, o.Anchor);
            return $"adr {X(rd)}, 0x0";
        }),
        Form($"Adrp({R},String,Int64)", (e, o) =>
        {
            var rd = o.Gpr();
            var addend = o.Of(0L, 8L, -8L, 1L << 32);
            e.Adrp(rd, "data", addend);
            return new Expected($"adrp {X(rd)}, {{page}}", RelocationKind.Arm64AdrPage21, "data", addend);
        }),
        Form($"Adrp_got({R},String)", (e, o) =>
        {
            var rd = o.Gpr();
            e.Adrp_got(rd, "global");
            return new Expected($"adrp {X(rd)}, {{page}}", RelocationKind.Arm64GotPage21, "global");
        }),
        Form($"Add_x_lo12({R},{R},String,Int64)", (e, o) =>
        {
            var (rd, rn) = (o.GprOrSp(), o.GprOrSp());
            var addend = o.Of(0L, 8L, -8L);
            e.Add_x_lo12(rd, rn, "data", addend);
            return new Expected($"add {X(rd)}, {X(rn)}, #0x0", RelocationKind.Arm64AddLow12, "data", addend);
        }),
    ];

    private static readonly string[] BarrierNames =
        ["#0x0", "oshld", "oshst", "osh", "#0x4", "nshld", "nshst", "nsh", "#0x8", "ishld", "ishst", "ish", "#0xc", "ld", "st", "sy"];

    private static RoundTripForm[] SystemForms =>
    [
        Form("Nop()", (e, o) => { e.Nop(); return "hint #0x0"; }),
        Form("Brk(UInt16)", (e, o) =>
        {
            var imm = (ushort)o.Int(0, 0xFFFF);
            e.Brk(imm);
            return $"brk #{Hex(imm)}";
        }),
        Form("Udf(UInt16)", (e, o) =>
        {
            var imm = (ushort)o.Int(0, 0xFFFF);
            e.Udf(imm);
            return $"udf #{imm}";
        }),
        Form("Dmb(Arm64Barrier)", (e, o) =>
        {
            var option = o.Of(Enum.GetValues<Arm64Barrier>());
            e.Dmb(option);
            return $"dmb {BarrierNames[(int)option]}";
        }),
    ];
}
