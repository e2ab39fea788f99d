using Sox.Compiler.CodeGen;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// The AArch64 AAPCS64 register file as data for the shared allocator and call lowering (AAPCS64 §6.1.1
/// "General-purpose registers", Table 2, and §6.1.2 "SIMD and Floating-Point registers"). General registers use
/// their hardware numbers (X0 0 … X30 30, SP 31), SIMD&amp;FP registers <see cref="TargetDescription.FloatBase"/> + n.
/// <list type="table">
/// <item><term>X0–X7</term><description>arguments and results; allocatable (caller-saved)</description></item>
/// <item><term>X8</term><description>indirect result location; never allocated (Sox returns nothing in memory, but C callees may read it)</description></item>
/// <item><term>X9–X14</term><description>temporaries; allocatable (caller-saved)</description></item>
/// <item><term>X15</term><description>reserved: the emitter's address scratch, where a frame or memory offset does not fit an
/// immediate form (<see cref="Arm64Emitter"/>'s <c>Memory</c>); it is written and read within one machine instruction's
/// expansion, after any spill load of that instruction and before its spill store</description></item>
/// <item><term>X16, X17</term><description>IP0/IP1: the two spill scratch registers (and the prologue's scratch). AAPCS64 §6.1.1
/// lets a linker veneer or PLT stub clobber them, but only on the path of a branch (<c>bl</c>/<c>b</c> to a symbol), and
/// a spill load is always followed by its use in the same instruction with no branch between, so the value cannot be lost.
/// Every call clobbers them, which the allocator knows because they are in <see cref="TargetDescription.CallerSaved"/>.</description></item>
/// <item><term>X18</term><description>the platform register: never touched (reserved on Apple and Windows)</description></item>
/// <item><term>X19–X28</term><description>callee-saved; allocatable, saved in the prologue when used</description></item>
/// <item><term>X29, X30, SP</term><description>frame pointer, link register, stack pointer</description></item>
/// <item><term>V0–V7</term><description>floating-point arguments and results (caller-saved)</description></item>
/// <item><term>V8–V15</term><description>callee-saved (only the low 64 bits, D8–D15, AAPCS64 §6.1.2 — all Sox uses)</description></item>
/// <item><term>V16–V29</term><description>temporaries (caller-saved); V30/V31 are the float spill scratch</description></item>
/// </list>
/// </summary>
public static class Arm64Target
{
    /// <summary>General registers by hardware number (the ones this file names).</summary>
    public const int X0 = 0, X8 = 8, X9 = 9, X15 = 15, X16 = 16, X17 = 17, X19 = 19, X28 = 28;
    /// <summary>The frame pointer (X29), link register (X30) and stack pointer (number 31 here, never XZR).</summary>
    public const int Fp = 29, Lr = 30, Sp = 31;
    /// <summary>V0, the first SIMD&amp;FP register.</summary>
    public const int V0 = TargetDescription.FloatBase;

    /// <summary>SIMD&amp;FP register V<paramref name="n"/>.</summary>
    public static int V(int n) => V0 + n;

    /// <summary>The assembler name of a physical register (x0…x30, sp, d0…d31).</summary>
    public static string Name(int physical) => physical switch
    {
        >= TargetDescription.FloatBase => "d" + (physical - TargetDescription.FloatBase),
        Sp => "sp",
        Fp => "x29",
        _ => "x" + physical,
    };

    private static IEnumerable<int> Range(int first, int last) => Enumerable.Range(first, last - first + 1);

    /// <summary>linux-arm64 (ELF, AAPCS64) or osx-arm64 (Mach-O, <see cref="CallingConventionKind.AppleArm64"/>): the same register file.</summary>
    public static TargetDescription Create(string name, ObjectFormat format, CallingConventionKind convention) => new()
    {
        Name = name,
        Architecture = TargetArchitecture.Arm64,
        Convention = convention,
        // Caller-saved first (short values then cost no save/restore): the temporaries, then the argument registers
        // (copy hints still pull values that travel into a call towards them), then the callee-saved ones.
        AllocatableGeneral = Range(X9, 14).Concat(Range(X0, 7)).Concat(Range(X19, X28)).ToArray(),
        AllocatableFloat = Range(0, 7).Concat(Range(16, 29)).Concat(Range(8, 15)).Select(V).ToArray(),
        CallerSaved = new HashSet<int>(Range(X0, X17).Append(Lr).Concat(Range(0, 7).Concat(Range(16, 31)).Select(V))),
        CalleeSaved = new HashSet<int>(Range(X19, X28).Concat(Range(8, 15).Select(V))),
        IntegerArguments = Range(X0, 7).ToArray(),
        FloatArguments = Range(0, 7).Select(V).ToArray(),
        IntegerResult = X0,
        FloatResult = V0,
        StackPointer = Sp,
        FramePointer = Fp,
        LinkRegister = Lr,
        ScratchGeneral = new[] { X16, X17 },
        ScratchFloat = new[] { V(30), V(31) },
        // The saved x29/x30 pair sits between FP and the first incoming stack argument (AAPCS64 §6.2.3).
        IncomingArgumentsOffset = 16,
        ObjectFormat = format,
        RegisterName = Name,
    };

    /// <summary>linux-arm64: AAPCS64, ELF.</summary>
    public static TargetDescription LinuxArm64 { get; } = Create("linux-arm64", ObjectFormat.Elf, CallingConventionKind.Aapcs64);

    /// <summary>
    /// osx-arm64. Apple's "Writing ARM64 code for Apple platforms" changes nothing this register file relies on: X18
    /// is reserved (never allocated here anyway), X29 must always hold a valid frame record (every Sox frame keeps
    /// one), and the differences in argument passing (variadic arguments on the stack, arguments narrower than 32
    /// bits extended by the caller, packed stack arguments) only concern C types, handled by
    /// <see cref="CallingConvention"/> for <see cref="CallingConventionKind.AppleArm64"/>.
    /// </summary>
    public static TargetDescription OsxArm64 { get; } = Create("osx-arm64", ObjectFormat.MachO, CallingConventionKind.AppleArm64);
}
