using System.Buffers.Binary;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>Objects the tests write, built through the public model exactly as a code generator would.</summary>
internal static class SampleObjects
{
    /// <summary>
    /// Every section kind, local/global/undefined symbols and every relocation kind of <paramref name="machine"/>.
    /// Layout (hand-computed, asserted by the tests):
    /// .text 0x30 bytes: main (global func, 0..0x20), helper (local func, 0x20..0x30);
    /// .rodata: "abc\0" then message (local object) at 4, 6 bytes;
    /// .data: value (global object) at 0, 4 bytes;
    /// .data.rel.ro (align 8): table (local object) at 0, 16 bytes: Absolute64 → value+8 at 0, PcRelative32Data → message+2 at 8;
    /// .bss: counter (global object) at 0, 8 bytes; scratch (local object) at 0x10 (align 16), 32 bytes;
    /// .sox_lines (custom, allocated, align 4) 8 bytes; .sox.info (custom, not allocated) 3 bytes;
    /// externals: puts (declared, function) and sox_panic (only named by a relocation).
    /// </summary>
    public static ObjectFile AllKinds(ObjectMachine machine)
    {
        var obj = new ObjectFile(machine, "sample.sox");
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        var rodata = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyData);
        var data = obj.GetOrAddSection(ObjectSectionKind.Data);
        var relro = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyAfterRelocation);
        var bss = obj.GetOrAddSection(ObjectSectionKind.Bss);
        var lines = obj.AddCustomSection(".sox_lines", ObjectSectionFlags.Allocated, 4);
        var info = obj.AddCustomSection(".sox.info", ObjectSectionFlags.None);

        text.Append(new byte[0x30]);
        obj.DefineSymbol("main", text, 0, 0x20, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        obj.DefineSymbol("helper", text, 0x20, 0x10, ObjectSymbolBinding.Local, ObjectSymbolType.Function);
        rodata.Append("abc\0"u8);
        obj.DefineSymbol("message", rodata, rodata.Append("hello\0"u8), 6, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        obj.DefineSymbol("value", data, data.Append([1, 0, 0, 0]), 4, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        relro.Append(new byte[16]);
        relro.AddRelocation(new SymbolRelocation(0, RelocationKind.Absolute64, "value", 8));
        relro.AddRelocation(new SymbolRelocation(8, RelocationKind.PcRelative32Data, "message", 2));
        obj.DefineSymbol("table", relro, 0, 16, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        obj.DefineSymbol("counter", bss, bss.Reserve(8, 8), 8, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        obj.DefineSymbol("scratch", bss, bss.Reserve(32, 16), 32, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        lines.Append([1, 2, 3, 4, 5, 6, 7, 8]);
        info.Append("sox"u8);
        obj.DeclareExternal("puts", ObjectSymbolType.Function);

        if (machine == ObjectMachine.X64)
        {
            text.AddRelocation(new SymbolRelocation(0x01, RelocationKind.X64Branch32, "puts", -4));
            text.AddRelocation(new SymbolRelocation(0x06, RelocationKind.X64Branch32, "helper", -4));
            text.AddRelocation(new SymbolRelocation(0x0b, RelocationKind.X64PcRelative32, "message", -4));
            text.AddRelocation(new SymbolRelocation(0x10, RelocationKind.X64PcRelative32, "value", -4));
            text.AddRelocation(new SymbolRelocation(0x15, RelocationKind.X64GotLoad32, "scratch", -4));
            text.AddRelocation(new SymbolRelocation(0x1a, RelocationKind.X64GotLoad32, "counter", -4));
            text.AddRelocation(new SymbolRelocation(0x21, RelocationKind.X64Branch32, "sox_panic", -4));
        }
        else
        {
            text.AddRelocation(new SymbolRelocation(0x00, RelocationKind.Arm64Call26, "puts", 0));
            text.AddRelocation(new SymbolRelocation(0x04, RelocationKind.Arm64Call26, "helper", 0));
            text.AddRelocation(new SymbolRelocation(0x08, RelocationKind.Arm64AdrPage21, "message", 0));
            text.AddRelocation(new SymbolRelocation(0x0c, RelocationKind.Arm64AddLow12, "message", 0));
            text.AddRelocation(new SymbolRelocation(0x10, RelocationKind.Arm64AdrPage21, "table", 0));
            text.AddRelocation(new SymbolRelocation(0x14, RelocationKind.Arm64Load64Low12, "table", 8));
            text.AddRelocation(new SymbolRelocation(0x18, RelocationKind.Arm64GotPage21, "scratch", 0));
            text.AddRelocation(new SymbolRelocation(0x1c, RelocationKind.Arm64GotLoad64Low12, "scratch", 0));
            text.AddRelocation(new SymbolRelocation(0x20, RelocationKind.Arm64GotPage21, "counter", 0));
            text.AddRelocation(new SymbolRelocation(0x24, RelocationKind.Arm64GotLoad64Low12, "counter", 0));
            text.AddRelocation(new SymbolRelocation(0x28, RelocationKind.Arm64Call26, "sox_panic", 0));
        }
        return obj;
    }

    /// <summary>
    /// A program whose <c>main</c> prints "hello from sox" with puts and returns
    /// value (17, read through pointer in .data.rel.ro) + value (read through delta, a 32-bit PC-relative offset in
    /// .rodata) + counter (a .bss global set to 5 through the GOT) + helper() (a local function returning 3) = 42.
    /// Code bytes come from GNU as; the assembly is in <see cref="X64Code"/> and <see cref="Arm64Code"/>.
    /// </summary>
    public static ObjectFile Program(ObjectMachine machine)
    {
        var obj = new ObjectFile(machine, "program.sox");
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        var (code, relocations, mainSize) = machine == ObjectMachine.X64 ? (X64Code, X64Relocations, 0x4a) : (Arm64Bytes(), Arm64Relocations, 0x68);
        int at = text.Append(code, relocations);
        obj.DefineSymbol("main", text, at, mainSize, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        obj.DefineSymbol("helper", text, at + mainSize, code.Length - mainSize, ObjectSymbolBinding.Local, ObjectSymbolType.Function);

        var rodata = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyData);
        obj.DefineSymbol("message", rodata, rodata.Append("hello from sox\0"u8), 15, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        int delta = rodata.AlignTo(4);
        rodata.Append([0, 0, 0, 0], [new SymbolRelocation(0, RelocationKind.PcRelative32Data, "value", 0)]);
        obj.DefineSymbol("delta", rodata, delta, 4, ObjectSymbolBinding.Local, ObjectSymbolType.Object);

        var data = obj.GetOrAddSection(ObjectSectionKind.Data);
        data.AlignTo(4);
        obj.DefineSymbol("value", data, data.Append([17, 0, 0, 0]), 4, ObjectSymbolBinding.Global, ObjectSymbolType.Object);

        var relro = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyAfterRelocation);
        int pointer = relro.Append(new byte[8], [new SymbolRelocation(0, RelocationKind.Absolute64, "value", 0)]);
        obj.DefineSymbol("pointer", relro, pointer, 8, ObjectSymbolBinding.Local, ObjectSymbolType.Object);

        var bss = obj.GetOrAddSection(ObjectSectionKind.Bss);
        obj.DefineSymbol("counter", bss, bss.Reserve(4, 4), 4, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        obj.DeclareExternal("puts", ObjectSymbolType.Function);
        return obj;
    }

    // x86-64, from `as` (GNU assembler 2.x) and `objdump -dr`:
    //  0: 55                    push %rbp
    //  1: 48 89 e5              mov %rsp,%rbp
    //  4: 53                    push %rbx
    //  5: 48 83 ec 08           sub $0x8,%rsp
    //  9: 48 8d 3d 00 00 00 00  lea message(%rip),%rdi            c: R_X86_64_PC32 message-4
    // 10: e8 00 00 00 00        call puts@PLT                    11: R_X86_64_PLT32 puts-4
    // 15: 48 8b 05 00 00 00 00  mov pointer(%rip),%rax           18: R_X86_64_PC32 pointer-4
    // 1c: 8b 18                 mov (%rax),%ebx
    // 1e: 48 8d 0d 00 00 00 00  lea delta(%rip),%rcx             21: R_X86_64_PC32 delta-4
    // 25: 48 63 11              movslq (%rcx),%rdx
    // 28: 48 01 ca              add %rcx,%rdx
    // 2b: 03 1a                 add (%rdx),%ebx
    // 2d: 48 8b 0d 00 00 00 00  mov counter@GOTPCREL(%rip),%rcx  30: R_X86_64_REX_GOTPCRELX counter-4
    // 34: c7 01 05 00 00 00     movl $0x5,(%rcx)
    // 3a: 03 19                 add (%rcx),%ebx
    // 3c: e8 00 00 00 00        call helper                      3d: R_X86_64_PLT32 helper-4
    // 41: 01 d8                 add %ebx,%eax
    // 43: 48 83 c4 08           add $0x8,%rsp
    // 47: 5b                    pop %rbx
    // 48: 5d                    pop %rbp
    // 49: c3                    ret
    // 4a: b8 03 00 00 00        helper: mov $0x3,%eax
    // 4f: c3                    ret
    private static readonly byte[] X64Code =
    [
        0x55, 0x48, 0x89, 0xe5, 0x53, 0x48, 0x83, 0xec, 0x08, 0x48, 0x8d, 0x3d,
        0x00, 0x00, 0x00, 0x00, 0xe8, 0x00, 0x00, 0x00, 0x00, 0x48, 0x8b, 0x05,
        0x00, 0x00, 0x00, 0x00, 0x8b, 0x18, 0x48, 0x8d, 0x0d, 0x00, 0x00, 0x00,
        0x00, 0x48, 0x63, 0x11, 0x48, 0x01, 0xca, 0x03, 0x1a, 0x48, 0x8b, 0x0d,
        0x00, 0x00, 0x00, 0x00, 0xc7, 0x01, 0x05, 0x00, 0x00, 0x00, 0x03, 0x19,
        0xe8, 0x00, 0x00, 0x00, 0x00, 0x01, 0xd8, 0x48, 0x83, 0xc4, 0x08, 0x5b,
        0x5d, 0xc3, 0xb8, 0x03, 0x00, 0x00, 0x00, 0xc3,
    ];

    private static readonly SymbolRelocation[] X64Relocations =
    [
        new(0x0c, RelocationKind.X64PcRelative32, "message", -4),
        new(0x11, RelocationKind.X64Branch32, "puts", -4),
        new(0x18, RelocationKind.X64PcRelative32, "pointer", -4),
        new(0x21, RelocationKind.X64PcRelative32, "delta", -4),
        new(0x30, RelocationKind.X64GotLoad32, "counter", -4),
        new(0x3d, RelocationKind.X64Branch32, "helper", -4),
    ];

    // AArch64, from `aarch64-linux-gnu-as` and `aarch64-linux-gnu-objdump -dr`:
    //  0: a9be7bfd  stp x29, x30, [sp, #-32]!
    //  4: 910003fd  mov x29, sp
    //  8: f9000bf3  str x19, [sp, #16]
    //  c: 90000000  adrp x0, message                    R_AARCH64_ADR_PREL_PG_HI21 message
    // 10: 91000000  add x0, x0, :lo12:message           R_AARCH64_ADD_ABS_LO12_NC message
    // 14: 94000000  bl puts                             R_AARCH64_CALL26 puts
    // 18: 90000001  adrp x1, pointer                    R_AARCH64_ADR_PREL_PG_HI21 pointer
    // 1c: f9400021  ldr x1, [x1, :lo12:pointer]         R_AARCH64_LDST64_ABS_LO12_NC pointer
    // 20: b9400033  ldr w19, [x1]
    // 24: 90000002  adrp x2, delta                      R_AARCH64_ADR_PREL_PG_HI21 delta
    // 28: 91000042  add x2, x2, :lo12:delta             R_AARCH64_ADD_ABS_LO12_NC delta
    // 2c: b9800043  ldrsw x3, [x2]
    // 30: 8b030043  add x3, x2, x3
    // 34: b9400063  ldr w3, [x3]
    // 38: 0b030273  add w19, w19, w3
    // 3c: 90000002  adrp x2, :got:counter               R_AARCH64_ADR_GOT_PAGE counter
    // 40: f9400042  ldr x2, [x2, :got_lo12:counter]     R_AARCH64_LD64_GOT_LO12_NC counter
    // 44: 528000a3  mov w3, #5
    // 48: b9000043  str w3, [x2]
    // 4c: b9400043  ldr w3, [x2]
    // 50: 0b030273  add w19, w19, w3
    // 54: 94000000  bl helper                           R_AARCH64_CALL26 helper
    // 58: 0b130000  add w0, w0, w19
    // 5c: f9400bf3  ldr x19, [sp, #16]
    // 60: a8c27bfd  ldp x29, x30, [sp], #32
    // 64: d65f03c0  ret
    // 68: 52800060  helper: mov w0, #3
    // 6c: d65f03c0  ret
    private static readonly uint[] Arm64Code =
    [
        0xa9be7bfd, 0x910003fd, 0xf9000bf3, 0x90000000, 0x91000000, 0x94000000, 0x90000001, 0xf9400021,
        0xb9400033, 0x90000002, 0x91000042, 0xb9800043, 0x8b030043, 0xb9400063, 0x0b030273, 0x90000002,
        0xf9400042, 0x528000a3, 0xb9000043, 0xb9400043, 0x0b030273, 0x94000000, 0x0b130000, 0xf9400bf3,
        0xa8c27bfd, 0xd65f03c0, 0x52800060, 0xd65f03c0,
    ];

    private static readonly SymbolRelocation[] Arm64Relocations =
    [
        new(0x0c, RelocationKind.Arm64AdrPage21, "message", 0),
        new(0x10, RelocationKind.Arm64AddLow12, "message", 0),
        new(0x14, RelocationKind.Arm64Call26, "puts", 0),
        new(0x18, RelocationKind.Arm64AdrPage21, "pointer", 0),
        new(0x1c, RelocationKind.Arm64Load64Low12, "pointer", 0),
        new(0x24, RelocationKind.Arm64AdrPage21, "delta", 0),
        new(0x28, RelocationKind.Arm64AddLow12, "delta", 0),
        new(0x3c, RelocationKind.Arm64GotPage21, "counter", 0),
        new(0x40, RelocationKind.Arm64GotLoad64Low12, "counter", 0),
        new(0x54, RelocationKind.Arm64Call26, "helper", 0),
    ];

    private static byte[] Arm64Bytes()
    {
        var bytes = new byte[Arm64Code.Length * 4];
        for (int i = 0; i < Arm64Code.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), Arm64Code[i]);
        return bytes;
    }
}
