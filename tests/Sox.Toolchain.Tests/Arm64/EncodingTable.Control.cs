using Sox.Compiler.Targets.Arm64;
using static Sox.Compiler.Targets.Arm64.Arm64Register;

namespace Sox.Toolchain.Tests.Arm64;

// Branches, PC-relative addressing, symbols and miscellany. Label rows bind labels in the encoder where the
// assembly has `1:`. See EncodingTable.cs for where the hex comes from.
internal static partial class EncodingTable
{
    private static EncodingRow[] Control =>
    [
        Row("b 1f; nop; 1:", "02 00 00 14 1f 20 03 d5", e => { var l = e.CreateLabel(); e.B(l); e.Nop(); e.Bind(l); }),
        Row("1: nop; b 1b", "1f 20 03 d5 ff ff ff 17", e => { var l = e.Here(); e.Nop(); e.B(l); }),
        Row("1: bl 1b", "00 00 00 94", e => { var l = e.Here(); e.Bl(l); }),
        Row("bl sym", "00 00 00 94", "0 Arm64Call26 sym 0", e => e.Bl("sym")),
        Row("b sym", "00 00 00 14", "0 Arm64Call26 sym 0", e => e.B("sym")),
        Row("b.eq 1f; nop; 1:", "40 00 00 54 1f 20 03 d5", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.EQ, l); e.Nop(); e.Bind(l); }),
        Row("1: b.ne 1b", "01 00 00 54", e => { var l = e.Here(); e.B_cond(Arm64Condition.NE, l); }),
        Row("1: nop; b.hs 1b", "1f 20 03 d5 e2 ff ff 54", e => { var l = e.Here(); e.Nop(); e.B_cond(Arm64Condition.HS, l); }),
        Row("b.lo 1f; 1:", "23 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.LO, l); e.Bind(l); }),
        Row("b.mi 1f; 1:", "24 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.MI, l); e.Bind(l); }),
        Row("b.pl 1f; 1:", "25 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.PL, l); e.Bind(l); }),
        Row("b.vs 1f; 1:", "26 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.VS, l); e.Bind(l); }),
        Row("b.vc 1f; 1:", "27 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.VC, l); e.Bind(l); }),
        Row("b.hi 1f; 1:", "28 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.HI, l); e.Bind(l); }),
        Row("b.ls 1f; 1:", "29 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.LS, l); e.Bind(l); }),
        Row("b.ge 1f; 1:", "2a 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.GE, l); e.Bind(l); }),
        Row("b.lt 1f; 1:", "2b 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.LT, l); e.Bind(l); }),
        Row("b.gt 1f; 1:", "2c 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.GT, l); e.Bind(l); }),
        Row("b.le 1f; 1:", "2d 00 00 54", e => { var l = e.CreateLabel(); e.B_cond(Arm64Condition.LE, l); e.Bind(l); }),
        Row("cbz x0, 1f; nop; 1:", "40 00 00 b4 1f 20 03 d5", e => { var l = e.CreateLabel(); e.Cbz_x(X0, l); e.Nop(); e.Bind(l); }),
        Row("1: cbnz xzr, 1b", "1f 00 00 b5", e => { var l = e.Here(); e.Cbnz_x(XZR, l); }),
        Row("1: cbz w30, 1b", "1e 00 00 34", e => { var l = e.Here(); e.Cbz_w(X30, l); }),
        Row("cbnz w3, 1f; 1:", "23 00 00 35", e => { var l = e.CreateLabel(); e.Cbnz_w(X3, l); e.Bind(l); }),
        Row("tbz w3, #0, 1f; nop; 1:", "43 00 00 36 1f 20 03 d5", e => { var l = e.CreateLabel(); e.Tbz(X3, 0, l); e.Nop(); e.Bind(l); }),
        Row("1: tbnz w3, #31, 1b", "03 00 f8 37", e => { var l = e.Here(); e.Tbnz(X3, 31, l); }),
        Row("1: tbz x3, #32, 1b", "03 00 00 b6", e => { var l = e.Here(); e.Tbz(X3, 32, l); }),
        Row("tbnz x0, #63, 1f; 1:", "20 00 f8 b7", e => { var l = e.CreateLabel(); e.Tbnz(X0, 63, l); e.Bind(l); }),
        Row("br x16", "00 02 1f d6", e => e.Br(X16)),
        Row("blr x30", "c0 03 3f d6", e => e.Blr(X30)),
        Row("blr x0", "00 00 3f d6", e => e.Blr(X0)),
        Row("ret", "c0 03 5f d6", e => e.Ret()),
        Row("ret x1", "20 00 5f d6", e => e.Ret(X1)),
        Row("1: adr x0, 1b", "00 00 00 10", e => { var l = e.Here(); e.Adr(X0, l); }),
        Row("adr x30, 1f; nop; nop; 1:", "7e 00 00 10 1f 20 03 d5 1f 20 03 d5", e => { var l = e.CreateLabel(); e.Adr(X30, l); e.Nop(); e.Nop(); e.Bind(l); }),
        Row("adrp x0, sym", "00 00 00 90", "0 Arm64AdrPage21 sym 0", e => e.Adrp(X0, "sym")),
        Row("adrp x9, sym+4096", "09 00 00 90", "0 Arm64AdrPage21 sym 4096", e => e.Adrp(X9, "sym", 4096)),
        Row("adrp x1, :got:sym", "01 00 00 90", "0 Arm64GotPage21 sym 0", e => e.Adrp_got(X1, "sym")),
        Row("add x0, x0, :lo12:sym", "00 00 00 91", "0 Arm64AddLow12 sym 0", e => e.Add_x_lo12(X0, X0, "sym")),
        Row("add sp, x1, :lo12:sym+8", "3f 00 00 91", "0 Arm64AddLow12 sym 8", e => e.Add_x_lo12(SP, X1, "sym", 8)),
        Row("nop", "1f 20 03 d5", e => e.Nop()),
        Row("brk #0", "00 00 20 d4", e => e.Brk(0)),
        Row("brk #0xf000", "00 00 3e d4", e => e.Brk(0xf000)),
        Row("brk #0xffff", "e0 ff 3f d4", e => e.Brk(0xffff)),
        Row("udf #0", "00 00 00 00", e => e.Udf(0)),
        Row("udf #65535", "ff ff 00 00", e => e.Udf(65535)),
        Row("dmb ish", "bf 3b 03 d5", e => e.Dmb(Arm64Barrier.Ish)),
        Row("dmb sy", "bf 3f 03 d5", e => e.Dmb(Arm64Barrier.Sy)),
        Row("dmb ishld", "bf 39 03 d5", e => e.Dmb(Arm64Barrier.Ishld)),
        Row("nop; .balign 16; nop", "1f 20 03 d5 1f 20 03 d5 1f 20 03 d5 1f 20 03 d5 1f 20 03 d5", e => { e.Nop(); e.Align(16); e.Nop(); }),
    ];
}
