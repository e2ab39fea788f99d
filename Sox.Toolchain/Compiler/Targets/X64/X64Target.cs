using Sox.Compiler.CodeGen;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// The x86-64 System V register file as data for the shared allocator and call lowering (psABI §3.2.1,
/// Figure 3.4 "Register Usage"). General registers use their hardware numbers (RAX 0 … R15 15), XMM
/// registers 32 + n.
/// </summary>
public static class X64Target
{
    /// <summary>General registers by hardware number (REX.B/R/X extends them to 4 bits).</summary>
    public const int Rax = 0, Rcx = 1, Rdx = 2, Rbx = 3, Rsp = 4, Rbp = 5, Rsi = 6, Rdi = 7;
    /// <summary>The REX-only general registers.</summary>
    public const int R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;
    /// <summary>XMM0, the first SSE register.</summary>
    public const int Xmm0 = TargetDescription.FloatBase;

    private static readonly string[] GeneralNames =
        { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };

    /// <summary>XMM<paramref name="n"/>.</summary>
    public static int Xmm(int n) => Xmm0 + n;

    /// <summary>The assembler name of a physical register (rax…r15, xmm0…xmm15).</summary>
    public static string Name(int physical) =>
        physical >= TargetDescription.FloatBase ? "xmm" + (physical - TargetDescription.FloatBase) : GeneralNames[physical];

    /// <summary>linux-x64 (ELF) or osx-x64 (Mach-O): the same ABI, another object format.</summary>
    public static TargetDescription Create(string name, ObjectFormat format) => new()
    {
        Name = name,
        Architecture = TargetArchitecture.X64,
        Convention = CallingConventionKind.SysVAmd64,
        // Caller-saved first: short values then cost no save/restore; R10/R11 are spill scratch.
        AllocatableGeneral = new[] { Rax, Rcx, Rdx, Rsi, Rdi, R8, R9, Rbx, R12, R13, R14, R15 },
        AllocatableFloat = Enumerable.Range(0, 14).Select(Xmm).ToArray(),
        CallerSaved = new HashSet<int>(new[] { Rax, Rcx, Rdx, Rsi, Rdi, R8, R9, R10, R11 }.Concat(Enumerable.Range(0, 16).Select(Xmm))),
        CalleeSaved = new HashSet<int> { Rbx, R12, R13, R14, R15 },
        IntegerArguments = new[] { Rdi, Rsi, Rdx, Rcx, R8, R9 },
        FloatArguments = Enumerable.Range(0, 8).Select(Xmm).ToArray(),
        IntegerResult = Rax,
        FloatResult = Xmm0,
        StackPointer = Rsp,
        FramePointer = Rbp,
        ScratchGeneral = new[] { R10, R11 },
        ScratchFloat = new[] { Xmm(14), Xmm(15) },
        ObjectFormat = format,
        RegisterName = Name,
    };

    /// <summary>
    /// win-x64: the Microsoft x64 convention ("x64 calling convention", "x64 software conventions"), COFF objects.
    /// RAX, RCX, RDX, R8–R11 and XMM0–XMM5 are volatile; RBX, RBP, RDI, RSI, R12–R15 and the whole 128 bits of
    /// XMM6–XMM15 are nonvolatile. Sox keeps only 64-bit values in XMM registers, but a C caller may keep a vector
    /// in XMM6–XMM15, so a Sox function that uses one saves and restores all 16 bytes (<c>movaps</c>,
    /// <see cref="TargetDescription.CalleeSavedFloatBytes"/>). The float spill scratch registers are XMM4 and XMM5, which
    /// are volatile and never arguments; R10 and R11 stay the general ones.
    /// </summary>
    public static TargetDescription WindowsX64 { get; } = new()
    {
        Name = "win-x64",
        Architecture = TargetArchitecture.X64,
        Convention = CallingConventionKind.MicrosoftX64,
        AllocatableGeneral = new[] { Rax, Rcx, Rdx, R8, R9, Rbx, Rsi, Rdi, R12, R13, R14, R15 },
        AllocatableFloat = new[] { 0, 1, 2, 3 }.Concat(Enumerable.Range(6, 10)).Select(Xmm).ToArray(),
        CallerSaved = new HashSet<int>(new[] { Rax, Rcx, Rdx, R8, R9, R10, R11 }.Concat(Enumerable.Range(0, 6).Select(Xmm))),
        CalleeSaved = new HashSet<int>(new[] { Rbx, Rsi, Rdi, R12, R13, R14, R15 }.Concat(Enumerable.Range(6, 10).Select(Xmm))),
        IntegerArguments = new[] { Rcx, Rdx, R8, R9 },
        FloatArguments = Enumerable.Range(0, 4).Select(Xmm).ToArray(),
        IntegerResult = Rax,
        FloatResult = Xmm0,
        StackPointer = Rsp,
        FramePointer = Rbp,
        ScratchGeneral = new[] { R10, R11 },
        ScratchFloat = new[] { Xmm(4), Xmm(5) },
        HomeAreaBytes = 32,
        CalleeSavedFloatBytes = 16,
        ObjectFormat = ObjectFormat.Coff,
        RegisterName = Name,
    };

    /// <summary>linux-x64: System V AMD64, ELF.</summary>
    public static TargetDescription LinuxX64 { get; } = Create("linux-x64", ObjectFormat.Elf);

    /// <summary>osx-x64: macOS on x86-64 follows the System V psABI too (Mach-O symbols get their <c>_</c> in the writer).</summary>
    public static TargetDescription OsxX64 { get; } = Create("osx-x64", ObjectFormat.MachO);
}
