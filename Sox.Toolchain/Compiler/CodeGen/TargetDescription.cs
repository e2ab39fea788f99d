namespace Sox.Compiler.CodeGen;

/// <summary>
/// A target as data (style.md: the register file, argument/result registers, callee-saved sets, stack
/// alignment, object format). The register allocator, frame layout and call lowering read only this, so
/// x86-64 and AArch64 share them. Physical registers are numbered: general registers by their hardware
/// number (0–31), float/vector registers by <see cref="FloatBase"/> + hardware number.
/// </summary>
public sealed class TargetDescription
{
    /// <summary>Physical numbers of float registers start here (x64 XMM0 = 32, arm64 V0 = 32).</summary>
    public const int FloatBase = 32;

    /// <summary>The runtime identifier (linux-x64, osx-arm64, …).</summary>
    public required string Name { get; init; }

    /// <summary>The instruction set.</summary>
    public required TargetArchitecture Architecture { get; init; }

    /// <summary>Registers the allocator may hand out, in order of preference within each class.</summary>
    public required IReadOnlyList<int> AllocatableGeneral { get; init; }

    /// <summary>Float registers the allocator may hand out, in order of preference.</summary>
    public required IReadOnlyList<int> AllocatableFloat { get; init; }

    /// <summary>Registers a call may overwrite (the ABI's caller-saved, volatile set).</summary>
    public required IReadOnlySet<int> CallerSaved { get; init; }

    /// <summary>Registers a function must preserve; saved in the prologue only when used.</summary>
    public required IReadOnlySet<int> CalleeSaved { get; init; }

    /// <summary>The C calling convention (<see cref="CallingConvention"/> reads it).</summary>
    public required CallingConventionKind Convention { get; init; }

    /// <summary>The integer argument registers, in argument order.</summary>
    public required IReadOnlyList<int> IntegerArguments { get; init; }

    /// <summary>The float argument registers, in argument order.</summary>
    public required IReadOnlyList<int> FloatArguments { get; init; }

    /// <summary>The register an integer result comes back in.</summary>
    public required int IntegerResult { get; init; }

    /// <summary>The register a float result comes back in.</summary>
    public required int FloatResult { get; init; }

    /// <summary>The stack pointer.</summary>
    public required int StackPointer { get; init; }

    /// <summary>The frame pointer (every Sox frame keeps one, architecture.md D3).</summary>
    public required int FramePointer { get; init; }

    /// <summary>The link register (arm64 X30); null where the call pushes the return address (x64).</summary>
    public int? LinkRegister { get; init; }

    /// <summary>Registers kept out of allocation so spill code always has somewhere to load into (two per class).</summary>
    public required IReadOnlyList<int> ScratchGeneral { get; init; }

    /// <summary>The float spill scratch registers (two).</summary>
    public required IReadOnlyList<int> ScratchFloat { get; init; }

    /// <summary>SP alignment required at every call (16 on every supported target).</summary>
    public int StackAlignment { get; init; } = 16;

    /// <summary>Bytes between the frame pointer and the first incoming stack argument (saved FP + return address/LR).</summary>
    public int IncomingArgumentsOffset { get; init; } = 16;

    /// <summary>
    /// Bytes every caller reserves at the bottom of its outgoing-argument area for the callee, even for a call with
    /// no stack arguments (the Microsoft x64 convention's 32-byte home area, where a callee may spill RCX, RDX, R8 and
    /// R9); stack arguments start above it. 0 on System V and AAPCS64.
    /// </summary>
    public int HomeAreaBytes { get; init; }

    /// <summary>
    /// Bytes a prologue saves of each callee-saved float register: 8 where only the low 64 bits are callee-saved
    /// (AAPCS64 D8–D15), 16 where the whole register is (Microsoft x64 XMM6–XMM15, saved with 16-byte aligned moves).
    /// </summary>
    public int CalleeSavedFloatBytes { get; init; } = 8;

    /// <summary>The object file format the target links.</summary>
    public required ObjectFormat ObjectFormat { get; init; }

    /// <summary>Whether the object format's symbol names carry a leading underscore (Mach-O). Informational: the
    /// Mach-O writer adds it to every name (MachOImageBuilder.Decorate); code generation always uses C names.</summary>
    public bool SymbolPrefixUnderscore => ObjectFormat == ObjectFormat.MachO;

    /// <summary>The assembler name of a physical register, for listings.</summary>
    public required Func<int, string> RegisterName { get; init; }

    /// <summary>The class of physical register <paramref name="physical"/>.</summary>
    public static RegisterClass ClassOf(int physical) => physical >= FloatBase ? RegisterClass.Float : RegisterClass.General;

    /// <summary>The allocatable registers of <paramref name="cls"/>.</summary>
    public IReadOnlyList<int> Allocatable(RegisterClass cls) => cls == RegisterClass.General ? AllocatableGeneral : AllocatableFloat;

    /// <summary>The spill scratch registers of <paramref name="cls"/>.</summary>
    public IReadOnlyList<int> Scratch(RegisterClass cls) => cls == RegisterClass.General ? ScratchGeneral : ScratchFloat;
}
