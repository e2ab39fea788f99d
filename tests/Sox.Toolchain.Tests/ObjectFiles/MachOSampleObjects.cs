using System.Buffers.Binary;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// Objects for the Mach-O tests beyond <see cref="SampleObjects"/>, and the Apple-syntax assembly of each Mach-O
/// sample, which the tests assemble with <c>clang --target=arm64-apple-macos11</c> / <c>x86_64-apple-macos11</c>
/// and compare with what <c>MachOObjectWriter</c> writes.
/// </summary>
internal static class MachOSampleObjects
{
    /// <summary>
    /// The forms <see cref="SampleObjects.Program"/> lacks: a GOT load of a data symbol of the dylib
    /// (<c>__stderrp</c>, so the GOT entry stays and is bound), non-zero addends on every arm64 instruction
    /// relocation (ARM64_RELOC_ADDEND pairs), x86-64 RIP-relative fields followed by 4, 1 and 2 immediate bytes
    /// (X86_64_RELOC_SIGNED_4/1/2), a call to helper+1 / bl to helper+4, PC-relative data before the section's first
    /// symbol (anchored at the section start) and a pointer with an addend. Code bytes come from
    /// <c>clang -c</c> of <see cref="AddendsAssembly"/>, with the x86-64 displacements zeroed as an ELF-style
    /// encoder leaves them (the writer must store the Mach-O implicit addends itself).
    /// Layout: __text main (global) then helper (local) at <see cref="AddendsHelperOffset"/>; __TEXT,__const: the
    /// 32-bit delta to value at 0, message "hello" at 4; __DATA,__data value (global) = 17; __DATA,__const pointer
    /// (local) = message+2.
    /// </summary>
    public static ObjectFile Addends(ObjectMachine machine)
    {
        var obj = new ObjectFile(machine, "addends.sox");
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        var (code, relocations) = machine == ObjectMachine.X64 ? (X64AddendsCode, X64AddendsRelocations) : (Words(Arm64AddendsCode), Arm64AddendsRelocations);
        int helper = AddendsHelperOffset(machine);
        text.Append(code, relocations);
        obj.DefineSymbol("main", text, 0, helper, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        obj.DefineSymbol("helper", text, helper, code.Length - helper, ObjectSymbolBinding.Local, ObjectSymbolType.Function);

        var rodata = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyData);
        rodata.Append([0, 0, 0, 0], [new SymbolRelocation(0, RelocationKind.PcRelative32Data, "value", 0)]);
        obj.DefineSymbol("message", rodata, rodata.Append("hello\0"u8), 6, ObjectSymbolBinding.Local, ObjectSymbolType.Object);

        var data = obj.GetOrAddSection(ObjectSectionKind.Data);
        data.AlignTo(4);
        obj.DefineSymbol("value", data, data.Append([17, 0, 0, 0]), 4, ObjectSymbolBinding.Global, ObjectSymbolType.Object);

        var relro = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyAfterRelocation);
        obj.DefineSymbol("pointer", relro, relro.Append(new byte[8], [new SymbolRelocation(0, RelocationKind.Absolute64, "message", 2)]), 8,
            ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        obj.DeclareExternal("__stderrp", ObjectSymbolType.Object);
        return obj;
    }

    /// <summary>Where helper starts in <see cref="Addends"/>'s __text.</summary>
    public static int AddendsHelperOffset(ObjectMachine machine) => machine == ObjectMachine.X64 ? 0x2e : 0x18;

    /// <summary>The assembly of <see cref="SampleObjects.Program"/> for Apple's assembler.</summary>
    public static string ProgramAssembly(ObjectMachine machine) => machine == ObjectMachine.X64 ? X64Program : Arm64Program;

    /// <summary>The assembly of <see cref="Addends"/> for Apple's assembler.</summary>
    public static string AddendsAssembly(ObjectMachine machine) => machine == ObjectMachine.X64 ? X64Addends : Arm64Addends;

    //  0: 48 8b 05 00 00 00 00        movq ___stderrp@GOTPCREL(%rip), %rax   X86_64_RELOC_GOT_LOAD
    //  7: c7 05 00 00 00 00 05 00 00 00  movl $5, _value(%rip)             X86_64_RELOC_SIGNED_4 (field -4)
    // 11: 48 8d 3d 00 00 00 00        leaq _message+4(%rip), %rdi           X86_64_RELOC_SIGNED (field 4)
    // 18: c6 05 00 00 00 00 01        movb $1, _value(%rip)                 X86_64_RELOC_SIGNED_1 (field -1)
    // 1f: 66 c7 05 00 00 00 00 01 00  movw $1, _value(%rip)                 X86_64_RELOC_SIGNED_2 (field -2)
    // 28: e8 00 00 00 00              callq _helper+1                       X86_64_RELOC_BRANCH (field 1)
    // 2d: c3                          retq
    // 2e: 90 c3                       helper: nop; retq
    private static readonly byte[] X64AddendsCode =
    [
        0x48, 0x8b, 0x05, 0x00, 0x00, 0x00, 0x00, 0xc7, 0x05, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00,
        0x00, 0x48, 0x8d, 0x3d, 0x00, 0x00, 0x00, 0x00, 0xc6, 0x05, 0x00, 0x00, 0x00, 0x00, 0x01, 0x66,
        0xc7, 0x05, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0xe8, 0x00, 0x00, 0x00, 0x00, 0xc3, 0x90, 0xc3,
    ];

    // Addends as an ELF-style encoder gives them: S + A - P with P the displacement's first byte.
    private static readonly SymbolRelocation[] X64AddendsRelocations =
    [
        new(0x03, RelocationKind.X64GotLoad32, "__stderrp", -4),
        new(0x09, RelocationKind.X64PcRelative32, "value", -8),
        new(0x14, RelocationKind.X64PcRelative32, "message", 4 - 4),
        new(0x1a, RelocationKind.X64PcRelative32, "value", -5),
        new(0x22, RelocationKind.X64PcRelative32, "value", -6),
        new(0x29, RelocationKind.X64Branch32, "helper", 1 - 4),
    ];

    //  0: 90000000  adrp x0, ___stderrp@GOTPAGE                ARM64_RELOC_GOT_LOAD_PAGE21
    //  4: f9400000  ldr x0, [x0, ___stderrp@GOTPAGEOFF]         ARM64_RELOC_GOT_LOAD_PAGEOFF12
    //  8: 90000001  adrp x1, _message@PAGE+4                    ARM64_RELOC_ADDEND 4, ARM64_RELOC_PAGE21
    //  c: 91000021  add x1, x1, _message@PAGEOFF+4              ARM64_RELOC_ADDEND 4, ARM64_RELOC_PAGEOFF12
    // 10: 94000000  bl _helper+4                                ARM64_RELOC_ADDEND 4, ARM64_RELOC_BRANCH26
    // 14: d65f03c0  ret
    // 18: d503201f  helper: nop
    // 1c: d65f03c0  ret
    private static readonly uint[] Arm64AddendsCode = [0x90000000, 0xf9400000, 0x90000001, 0x91000021, 0x94000000, 0xd65f03c0, 0xd503201f, 0xd65f03c0];

    private static readonly SymbolRelocation[] Arm64AddendsRelocations =
    [
        new(0x00, RelocationKind.Arm64GotPage21, "__stderrp", 0),
        new(0x04, RelocationKind.Arm64GotLoad64Low12, "__stderrp", 0),
        new(0x08, RelocationKind.Arm64AdrPage21, "message", 4),
        new(0x0c, RelocationKind.Arm64AddLow12, "message", 4),
        new(0x10, RelocationKind.Arm64Call26, "helper", 4),
    ];

    private static byte[] Words(uint[] words)
    {
        var bytes = new byte[words.Length * 4];
        for (int i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), words[i]);
        return bytes;
    }

    private const string Arm64Program = """
	.section __TEXT,__text,regular,pure_instructions
	.build_version macos, 11, 0
	.globl _main
	.p2align 4
_main:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	adrp x0, _message@PAGE
	add x0, x0, _message@PAGEOFF
	bl _puts
	adrp x1, _pointer@PAGE
	ldr x1, [x1, _pointer@PAGEOFF]
	ldr w19, [x1]
	adrp x2, _delta@PAGE
	add x2, x2, _delta@PAGEOFF
	ldrsw x3, [x2]
	add x3, x2, x3
	ldr w3, [x3]
	add w19, w19, w3
	adrp x2, _counter@GOTPAGE
	ldr x2, [x2, _counter@GOTPAGEOFF]
	mov w3, #5
	str w3, [x2]
	ldr w3, [x2]
	add w19, w19, w3
	bl _helper
	add w0, w0, w19
	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
_helper:
	mov w0, #3
	ret
	.section __TEXT,__const
_message:
	.asciz "hello from sox"
	.p2align 2
_delta:
	.long _value - .
	.section __DATA,__data
	.p2align 2
	.globl _value
_value:
	.long 17
	.section __DATA,__const
	.p2align 3
_pointer:
	.quad _value
	.globl _counter
.zerofill __DATA,__bss,_counter,4,2
.subsections_via_symbols
""";

    private const string X64Program = """
	.section __TEXT,__text,regular,pure_instructions
	.build_version macos, 11, 0
	.globl _main
	.p2align 4
_main:
	pushq %rbp
	movq %rsp, %rbp
	pushq %rbx
	subq $8, %rsp
	leaq _message(%rip), %rdi
	callq _puts
	movq _pointer(%rip), %rax
	movl (%rax), %ebx
	leaq _delta(%rip), %rcx
	movslq (%rcx), %rdx
	addq %rcx, %rdx
	addl (%rdx), %ebx
	movq _counter@GOTPCREL(%rip), %rcx
	movl $5, (%rcx)
	addl (%rcx), %ebx
	callq _helper
	addl %ebx, %eax
	addq $8, %rsp
	popq %rbx
	popq %rbp
	retq
_helper:
	movl $3, %eax
	retq
	.section __TEXT,__const
_message:
	.asciz "hello from sox"
	.p2align 2
_delta:
	.long _value - .
	.section __DATA,__data
	.p2align 2
	.globl _value
_value:
	.long 17
	.section __DATA,__const
	.p2align 3
_pointer:
	.quad _value
	.globl _counter
.zerofill __DATA,__bss,_counter,4,2
.subsections_via_symbols
""";

    private const string Arm64Addends = """
	.section	__TEXT,__text,regular,pure_instructions
	.build_version macos, 11, 0
	.globl	_main
	.p2align	4
_main:
	adrp x0, ___stderrp@GOTPAGE
	ldr x0, [x0, ___stderrp@GOTPAGEOFF]
	adrp x1, _message@PAGE+4
	add x1, x1, _message@PAGEOFF+4
	bl _helper+4
	ret
_helper:
	nop
	ret
	.section	__TEXT,__const
	.long _value - .
_message: .asciz "hello"
	.section __DATA,__data
	.p2align 2
	.globl _value
_value: .long 17
	.section __DATA,__const
	.p2align 3
_pointer: .quad _message+2
.subsections_via_symbols
""";

    private const string X64Addends = """
	.section	__TEXT,__text,regular,pure_instructions
	.build_version macos, 11, 0
	.globl	_main
	.p2align	4
_main:
	movq ___stderrp@GOTPCREL(%rip), %rax
	movl $5, _value(%rip)
	leaq _message+4(%rip), %rdi
	movb $1, _value(%rip)
	movw $1, _value(%rip)
	call _helper+1
	ret
_helper:
	nop
	ret
	.section	__TEXT,__const
	.long _value - .
_message: .asciz "hello"
	.section __DATA,__data
	.p2align 2
	.globl _value
_value: .long 17
	.section __DATA,__const
	.p2align 3
_pointer: .quad _message+2
.subsections_via_symbols
""";
}
