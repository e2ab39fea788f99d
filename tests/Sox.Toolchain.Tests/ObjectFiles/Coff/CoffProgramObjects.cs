using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Coff;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// Hand-built x64 Windows objects (Microsoft x64 calling convention) for the link-and-run tests; the code bytes come
/// from <c>clang --target=x86_64-w64-windows-gnu</c> assembling the listing below, with every relocated field zeroed.
/// </summary>
internal static class CoffProgramObjects
{
    /// <summary>What <see cref="MainSource"/> prints when linked with <see cref="Program"/>.</summary>
    public const string ExpectedOutput = "hello from sox\nthrough a relocated pointer\nanswer=42 greet=33 value=10\n";
    /// <summary>main's exit code: sox_answer() + sox_greet().</summary>
    public const int ExpectedExitCode = 42 + 33;

    /// <summary>
    /// <c>int sox_answer(void)</c> returning 42 and <c>int sox_greet(void)</c>, which prints message (.rdata, REL32) with
    /// puts (REL32 call), then the string that table (.rdata$sox_relro, ADDR64) points at; stores 5 to sox_counter (.bss,
    /// REL32_4: an imm32 follows the field); returns *sox_pointer (.data, ADDR64 → sox_value = 10) + sox_counter +
    /// sox_value read through a GOT load (the .refptr slot) + (flag == 1, REL32_1: an imm8 follows) + helper() (a local
    /// label, IMAGE_SYM_CLASS_LABEL, returning 7) = 33. sox_greet's .pdata entry (three ADDR32NB words) points at its UNWIND_INFO in .xdata.
    /// </summary>
    public static ObjectFile Program()
    {
        var obj = new ObjectFile(ObjectMachine.X64, "program.sox");
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        int at = text.Append(Code, Relocations);
        obj.DefineSymbol("sox_answer", text, at, 6, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        obj.DefineSymbol("sox_greet", text, at + 6, GreetSize, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        // An untyped local in code: IMAGE_SYM_CLASS_LABEL, the target of the REL32 call at 0x5b.
        obj.DefineSymbol("helper", text, at + 0x68, 6, ObjectSymbolBinding.Local, ObjectSymbolType.None);

        var rodata = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyData);
        obj.DefineSymbol("message", rodata, rodata.Append("hello from sox\0"u8), 15, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        obj.DefineSymbol("message2", rodata, rodata.Append("through a relocated pointer\0"u8), 28, ObjectSymbolBinding.Local, ObjectSymbolType.Object);

        var data = obj.GetOrAddSection(ObjectSectionKind.Data);
        data.AlignTo(8);
        obj.DefineSymbol("sox_pointer", data, data.Append(new byte[8], [new SymbolRelocation(0, RelocationKind.Absolute64, "sox_value", 0)]), 8,
            ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        obj.DefineSymbol("sox_value", data, data.Append([10, 0, 0, 0]), 4, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        obj.DefineSymbol("flag", data, data.Append([1]), 1, ObjectSymbolBinding.Local, ObjectSymbolType.Object);

        var relro = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyAfterRelocation);
        obj.DefineSymbol("table", relro, relro.Append(new byte[8], [new SymbolRelocation(0, RelocationKind.Absolute64, "message2", 0)]), 8,
            ObjectSymbolBinding.Local, ObjectSymbolType.Object);

        var bss = obj.GetOrAddSection(ObjectSectionKind.Bss);
        obj.DefineSymbol("sox_counter", bss, bss.Reserve(4, 4), 4, ObjectSymbolBinding.Global, ObjectSymbolType.Object);

        // UNWIND_INFO for "sub rsp, 40": version 1, no flags, prolog 4 bytes, 1 code: at offset 4, UWOP_ALLOC_SMALL (2)
        // of (40 - 8) / 8 = 4; RUNTIME_FUNCTION { BeginAddress, EndAddress, UnwindInfoAddress } as RVAs.
        var xdata = obj.GetOrAddSection(ObjectSectionKind.UnwindInfo);
        obj.DefineSymbol("sox_greet_unwind", xdata, xdata.Append([0x01, 0x04, 0x01, 0x00, 0x04, 0x42, 0x00, 0x00]), 8, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        obj.GetOrAddSection(ObjectSectionKind.FunctionTable).Append(new byte[12],
        [
            new SymbolRelocation(0, RelocationKind.ImageRelative32, "sox_greet", 0),
            new SymbolRelocation(4, RelocationKind.ImageRelative32, "sox_greet", GreetSize),
            new SymbolRelocation(8, RelocationKind.ImageRelative32, "sox_greet_unwind", 0),
        ]);
        obj.DeclareExternal("puts", ObjectSymbolType.Function);
        return obj;
    }

    /// <summary>A DLL's object: sox_answer and the datum sox_dll_value (7), both exported through <c>.drectve</c>.</summary>
    public static ObjectFile Library()
    {
        var obj = new ObjectFile(ObjectMachine.X64, "library.sox");
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        obj.DefineSymbol("sox_answer", text, text.Append(Code.AsSpan(0, 6)), 6, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        var data = obj.GetOrAddSection(ObjectSectionKind.Data);
        obj.DefineSymbol("sox_dll_value", data, data.Append([7, 0, 0, 0]), 4, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        var directives = obj.GetOrAddSection(ObjectSectionKind.LinkerDirectives);
        directives.Append(CoffLinkerDirectives.Export("sox_answer"));
        directives.Append(CoffLinkerDirectives.Export("sox_dll_value", isData: true));
        return obj;
    }

    /// <summary>The C side: calls both functions and prints what they return with msvcrt's printf (no headers, so
    /// every driver compiles it alike).</summary>
    public const string MainSource = """
        int printf(const char *format, ...);
        int sox_answer(void);
        int sox_greet(void);
        extern int sox_value;
        int main(void)
        {
            int answer = sox_answer();
            int greet = sox_greet();
            printf("answer=%d greet=%d value=%d\n", answer, greet, sox_value);
            return answer + greet;
        }

        """;

    /// <summary>An entry point for linking with bare lld-link (no C runtime start-up objects): runs main and exits
    /// through msvcrt's exit, which flushes stdout; __main is what MinGW compilers call from main to run constructors.</summary>
    public const string StartSource = """
        int main(void);
        void exit(int status);
        void __main(void) {}
        void sox_start(void) { exit(main()); }

        """;

    /// <summary>Uses <see cref="Library"/> through its import library.</summary>
    public const string DllUserSource = """
        int printf(const char *format, ...);
        __declspec(dllimport) int sox_answer(void);
        __declspec(dllimport) extern int sox_dll_value;
        int main(void)
        {
            printf("dll answer=%d value=%d\n", sox_answer(), sox_dll_value);
            return sox_answer();
        }

        """;

    private const int GreetSize = 0x62;

    //  0: b8 2a 00 00 00                 sox_answer: mov eax, 42
    //  5: c3                             ret
    //  6: 48 83 ec 28                    sox_greet: sub rsp, 40
    //  a: 48 8d 0d 00 00 00 00           lea rcx, [rip + message]          d: REL32 message
    // 11: e8 00 00 00 00                 call puts                        12: REL32 puts
    // 16: 48 8b 05 00 00 00 00           mov rax, [rip + table]           19: REL32 table
    // 1d: 48 89 c1                       mov rcx, rax
    // 20: e8 00 00 00 00                 call puts                        21: REL32 puts
    // 25: c7 05 00 00 00 00 05 00 00 00  mov dword [rip + sox_counter], 5 27: REL32_4 sox_counter
    // 2f: 48 8b 05 00 00 00 00           mov rax, [rip + sox_pointer]     32: REL32 sox_pointer
    // 36: 8b 00                          mov eax, [rax]
    // 38: 03 05 00 00 00 00              add eax, [rip + sox_counter]     3a: REL32 sox_counter
    // 3e: 48 8b 0d 00 00 00 00           mov rcx, [rip + sox_value@GOT]   41: REL32 .refptr.sox_value
    // 45: 03 01                          add eax, [rcx]
    // 47: 80 3d 00 00 00 00 01           cmp byte [rip + flag], 1         49: REL32_1 flag
    // 4e: 0f 94 c1                       sete cl
    // 51: 0f b6 c9                       movzx ecx, cl
    // 54: 01 c8                          add eax, ecx
    // 56: 89 44 24 20                    mov [rsp + 32], eax
    // 5a: e8 00 00 00 00                 call helper                      5b: REL32 helper
    // 5f: 03 44 24 20                    add eax, [rsp + 32]
    // 63: 48 83 c4 28                    add rsp, 40
    // 67: c3                             ret
    // 68: b8 07 00 00 00                 helper: mov eax, 7
    // 6d: c3                             ret
    private static readonly byte[] Code =
    [
        0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3,
        0x48, 0x83, 0xec, 0x28,
        0x48, 0x8d, 0x0d, 0x00, 0x00, 0x00, 0x00,
        0xe8, 0x00, 0x00, 0x00, 0x00,
        0x48, 0x8b, 0x05, 0x00, 0x00, 0x00, 0x00,
        0x48, 0x89, 0xc1,
        0xe8, 0x00, 0x00, 0x00, 0x00,
        0xc7, 0x05, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00,
        0x48, 0x8b, 0x05, 0x00, 0x00, 0x00, 0x00,
        0x8b, 0x00,
        0x03, 0x05, 0x00, 0x00, 0x00, 0x00,
        0x48, 0x8b, 0x0d, 0x00, 0x00, 0x00, 0x00,
        0x03, 0x01,
        0x80, 0x3d, 0x00, 0x00, 0x00, 0x00, 0x01,
        0x0f, 0x94, 0xc1,
        0x0f, 0xb6, 0xc9,
        0x01, 0xc8,
        0x89, 0x44, 0x24, 0x20,
        0xe8, 0x00, 0x00, 0x00, 0x00,
        0x03, 0x44, 0x24, 0x20,
        0x48, 0x83, 0xc4, 0x28,
        0xc3,
        0xb8, 0x07, 0x00, 0x00, 0x00,
        0xc3,
    ];

    private static readonly SymbolRelocation[] Relocations =
    [
        new(0x0d, RelocationKind.X64PcRelative32, "message", -4),
        new(0x12, RelocationKind.X64Branch32, "puts", -4),
        new(0x19, RelocationKind.X64PcRelative32, "table", -4),
        new(0x21, RelocationKind.X64Branch32, "puts", -4),
        new(0x27, RelocationKind.X64PcRelative32, "sox_counter", -8),
        new(0x32, RelocationKind.X64PcRelative32, "sox_pointer", -4),
        new(0x3a, RelocationKind.X64PcRelative32, "sox_counter", -4),
        new(0x41, RelocationKind.X64GotLoad32, "sox_value", -4),
        new(0x49, RelocationKind.X64PcRelative32, "flag", -5),
        new(0x5b, RelocationKind.X64Branch32, "helper", -4),
    ];
}
