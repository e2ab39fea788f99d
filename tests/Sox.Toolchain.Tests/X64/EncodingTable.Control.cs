using static Sox.Compiler.Targets.X64.X64Register;

namespace Sox.Toolchain.Tests.X64;

// CALL, JMP (to symbols and through registers/memory), RET, UD2, INT3 and the NOP forms. Branches to labels are
// checked against Iced in X64LabelTests. See EncodingTable.cs for where the hex comes from.
internal static partial class EncodingTable
{
    private static EncodingRow[] Control =>
    [
        Row("call sym", "e8 00 00 00 00", "1 X64Branch32 sym -4", e => e.Call_rel32("sym")),
        Row("call rax", "ff d0", e => e.Call_rm64(Rax)),
        Row("call r11", "41 ff d3", e => e.Call_rm64(R11)),
        Row("call qword ptr [rax + 16]", "ff 50 10", e => e.Call_rm64(M(Rax, 16))),
        Row("call qword ptr [r12]", "41 ff 14 24", e => e.Call_rm64(M(R12))),
        Row("call qword ptr [rip + sym@GOTPCREL]", "ff 15 00 00 00 00", "2 X64GotLoad32 sym -4", e => e.Call_rm64(Got("sym"))),
        Row("jmp sym", "e9 00 00 00 00", "1 X64Branch32 sym -4", e => e.Jmp_rel32("sym")),
        Row("jmp rax", "ff e0", e => e.Jmp_rm64(Rax)),
        Row("jmp r13", "41 ff e5", e => e.Jmp_rm64(R13)),
        Row("jmp qword ptr [r8 + 8*rax]", "41 ff 24 c0", e => e.Jmp_rm64(M(R8, Rax, 8))),
        Row("ret", "c3", e => e.Ret()),
        Row("ud2", "0f 0b", e => e.Ud2()),
        Row("int3", "cc", e => e.Int3()),
        Row("nop", "90", e => e.Nop()),
        Row("nop", "90", e => e.Nop(1)),
        Row("xchg ax, ax", "66 90", e => e.Nop(2)),
        Row("nop dword ptr [rax]", "0f 1f 00", e => e.Nop(3)),
        Row("{disp8} nop dword ptr [rax]", "0f 1f 40 00", e => e.Nop(4)),
        Row("{disp8} nop dword ptr [rax + rax*1]", "0f 1f 44 00 00", e => e.Nop(5)),
        Row("{disp8} nop word ptr [rax + rax*1]", "66 0f 1f 44 00 00", e => e.Nop(6)),
        Row("{disp32} nop dword ptr [rax]", "0f 1f 80 00 00 00 00", e => e.Nop(7)),
        Row("{disp32} nop dword ptr [rax + rax*1]", "0f 1f 84 00 00 00 00 00", e => e.Nop(8)),
        Row("{disp32} nop word ptr [rax + rax*1]", "66 0f 1f 84 00 00 00 00 00", e => e.Nop(9)),
        Row("{disp32} nop word ptr [rax + rax*1]; xchg ax, ax", "66 0f 1f 84 00 00 00 00 00 66 90", e => e.Nop(11)),
    ];
}
