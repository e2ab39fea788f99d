using Sox.Compiler.CodeGen;
using Sox.Compiler.Targets.Arm64;
using Sox.Compiler.Targets.X64;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// <see cref="CallingConvention.Assign"/>, the one place that places arguments for every backend
/// (docs/calling-conventions.md): register files counted independently, stack slots in argument order, narrow
/// widths (packed only on Apple arm64) and variadic calls (AL's count on System V; every variadic argument in an
/// 8-byte stack slot on Apple arm64).
/// </summary>
[TestClass]
public sealed class CallingConventionTests
{
    private static readonly TargetDescription SysV = X64Target.LinuxX64;
    private static readonly TargetDescription Aapcs = Arm64Target.LinuxArm64;
    private static readonly TargetDescription Apple = Arm64Target.Create("osx-arm64", ObjectFormat.MachO, CallingConventionKind.AppleArm64);
    private static readonly TargetDescription Windows = X64Target.WindowsX64;

    private const RegisterClass G = RegisterClass.General;
    private const RegisterClass F = RegisterClass.Float;

    private static string Describe(TargetDescription target, CallLayout layout) => string.Join(" ", layout.Arguments.Select(a =>
        a.Register is { } r ? target.RegisterName(r) : a.Width == 8 ? $"[{a.StackOffset}]" : $"[{a.StackOffset}:{a.Width}]"));

    [TestMethod]
    public void SysVIntegersUseSixRegistersThenTheStackInOrder()
    {
        var layout = CallingConvention.Assign(SysV, Enumerable.Repeat(G, 9).ToArray());
        Assert.AreEqual("rdi rsi rdx rcx r8 r9 [0] [8] [16]", Describe(SysV, layout));
        Assert.AreEqual(32, layout.StackBytes, "24 bytes of arguments, rounded up to keep RSP 16-byte aligned");
        Assert.AreEqual(0, layout.FloatRegistersUsed);
    }

    [TestMethod]
    public void SysVDoublesUseEightRegistersThenTheStack()
    {
        var layout = CallingConvention.Assign(SysV, Enumerable.Repeat(F, 10).ToArray());
        Assert.AreEqual("xmm0 xmm1 xmm2 xmm3 xmm4 xmm5 xmm6 xmm7 [0] [8]", Describe(SysV, layout));
        Assert.AreEqual(16, layout.StackBytes);
        Assert.AreEqual(8, layout.FloatRegistersUsed);
    }

    [TestMethod]
    public void SysVCountsTheRegisterFilesIndependentlyAndInterleavesTheStack()
    {
        // 10 integers and 10 doubles alternating: integers 7-10 and doubles 9-10 share the stack in argument order.
        var classes = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? G : F).ToArray();
        var layout = CallingConvention.Assign(SysV, classes);
        Assert.AreEqual("rdi xmm0 rsi xmm1 rdx xmm2 rcx xmm3 r8 xmm4 r9 xmm5 [0] xmm6 [8] xmm7 [16] [24] [32] [40]", Describe(SysV, layout));
        Assert.AreEqual(48, layout.StackBytes);
    }

    [TestMethod]
    public void SysVIgnoresWidthsNarrowArgumentsTakeWholeSlots()
    {
        var classes = Enumerable.Repeat(G, 6).Concat([G, G, G, F]).Concat(Enumerable.Repeat(F, 8)).ToArray();
        var widths = Enumerable.Repeat(8, 6).Concat([4, 1, 1, 4]).Concat(Enumerable.Repeat(8, 8)).ToArray();
        var layout = CallingConvention.Assign(SysV, classes, widths: widths);
        Assert.AreEqual("rdi rsi rdx rcx r8 r9 [0] [8] [16] xmm0 xmm1 xmm2 xmm3 xmm4 xmm5 xmm6 xmm7 [24]", Describe(SysV, layout));
    }

    [TestMethod]
    public void SysVVariadicCallsPlaceLikeFixedOnesAndCountVectorRegistersForAl()
    {
        // printf(fmt, 1.5, "s", 2.5, true): psABI §3.5.7, AL = 2.
        var classes = new[] { G, F, G, F, G };
        var layout = CallingConvention.Assign(SysV, classes, fixedCount: 1);
        Assert.AreEqual("rdi xmm0 rsi xmm1 rdx", Describe(SysV, layout));
        Assert.AreEqual(2, layout.FloatRegistersUsed);
        // Eleven doubles: only eight registers are used, the rest go on the stack; AL is 8.
        var many = CallingConvention.Assign(SysV, new[] { G }.Concat(Enumerable.Repeat(F, 11)).ToArray(), fixedCount: 1);
        Assert.AreEqual(8, many.FloatRegistersUsed);
        Assert.AreEqual(32, many.StackBytes);
    }

    [TestMethod]
    public void OnlySysVVariadicCallsSetAlAsAnImplicitArgument()
    {
        var classes = new[] { G, F, G, F, G };
        var variadic = CallingConvention.Assign(SysV, classes, fixedCount: 1);
        Assert.AreEqual(new ImplicitArgument(X64Target.Rax, 2), variadic.ImplicitArguments.Single(), "AL (in RAX) = 2 vector registers");
        Assert.IsEmpty(CallingConvention.Assign(SysV, classes).ImplicitArguments, "a fixed-argument call sets nothing");
        Assert.IsEmpty(CallingConvention.Assign(Aapcs, classes, fixedCount: 1).ImplicitArguments);
        Assert.IsEmpty(CallingConvention.Assign(Apple, classes, fixedCount: 1).ImplicitArguments);
    }

    [TestMethod]
    public void Aapcs64UsesEightRegistersOfEachFile()
    {
        var classes = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? G : F).ToArray();
        var layout = CallingConvention.Assign(Aapcs, classes);
        Assert.AreEqual("x0 d0 x1 d1 x2 d2 x3 d3 x4 d4 x5 d5 x6 d6 x7 d7 [0] [8] [16] [24]", Describe(Aapcs, layout));
        Assert.AreEqual(32, layout.StackBytes);
        var nine = CallingConvention.Assign(Aapcs, Enumerable.Repeat(G, 9).ToArray());
        Assert.AreEqual("x0 x1 x2 x3 x4 x5 x6 x7 [0]", Describe(Aapcs, nine));
        Assert.AreEqual(16, nine.StackBytes, "SP stays 16-byte aligned (AAPCS64 §6.2.2)");
    }

    [TestMethod]
    public void Aapcs64NarrowStackArgumentsTakeWholeSlots()
    {
        var classes = Enumerable.Repeat(G, 8).Concat([G, G, G, G]).Concat(Enumerable.Repeat(F, 8)).Append(F).ToArray();
        var widths = Enumerable.Repeat(8, 8).Concat([4, 1, 1, 8]).Concat(Enumerable.Repeat(8, 8)).Append(4).ToArray();
        var layout = CallingConvention.Assign(Aapcs, classes, widths: widths);
        Assert.AreEqual("x0 x1 x2 x3 x4 x5 x6 x7 [0] [8] [16] [24] d0 d1 d2 d3 d4 d5 d6 d7 [32]", Describe(Aapcs, layout));
        Assert.AreEqual(48, layout.StackBytes);
    }

    [TestMethod]
    public void Aapcs64VariadicArgumentsFollowTheFixedRules()
    {
        // Linux AAPCS64: variadic arguments are placed as named ones (§6.8.2; no AL).
        var layout = CallingConvention.Assign(Aapcs, [G, F, G, F], fixedCount: 1);
        Assert.AreEqual("x0 d0 x1 d1", Describe(Aapcs, layout));
        Assert.AreEqual(0, layout.StackBytes);
    }

    [TestMethod]
    public void AppleArm64PacksNarrowFixedStackArgumentsAtTheirNaturalAlignment()
    {
        // After x0-x7 and v0-v7: int32, uint8, bool, int32, float, int, uint8, double on the stack.
        var classes = Enumerable.Repeat(G, 8).Concat(Enumerable.Repeat(F, 8)).Concat([G, G, G, G, F, G, G, F]).ToArray();
        var widths = Enumerable.Repeat(8, 16).Concat([4, 1, 1, 4, 4, 8, 1, 8]).ToArray();
        var layout = CallingConvention.Assign(Apple, classes, widths: widths);
        Assert.AreEqual("[0:4] [4:1] [5:1] [8:4] [12:4] [16] [24:1] [32]", Describe(Apple, layout).Split(' ', 17)[16]);
        Assert.AreEqual(48, layout.StackBytes, "40 bytes rounded up to 16");
        // Without widths every argument is 8 bytes, as on Linux.
        var unpacked = CallingConvention.Assign(Apple, classes);
        Assert.AreEqual("[0] [8] [16] [24] [32] [40] [48] [56]", Describe(Apple, unpacked).Split(' ', 17)[16]);
    }

    [TestMethod]
    public void AppleArm64PassesEveryVariadicArgumentOnTheStackInEightByteSlots()
    {
        // printf(fmt, 1.5, 7, "s", 2.5): the format in x0, the variadic ones at [sp], [sp+8], … whatever their class.
        var layout = CallingConvention.Assign(Apple, [G, F, G, G, F], fixedCount: 1, widths: [8, 8, 8, 8, 8]);
        Assert.AreEqual("x0 [0] [8] [16] [24]", Describe(Apple, layout));
        Assert.AreEqual(32, layout.StackBytes);
        Assert.AreEqual(0, layout.FloatRegistersUsed);
        // Nine fixed arguments then variadic ones: the variadic slots start 8-aligned after packed fixed ones.
        var classes = Enumerable.Repeat(G, 9).Concat([F, G]).ToArray();
        var widths = Enumerable.Repeat(8, 8).Concat([4, 8, 8]).ToArray();
        var mixed = CallingConvention.Assign(Apple, classes, fixedCount: 9, widths: widths);
        Assert.AreEqual("x0 x1 x2 x3 x4 x5 x6 x7 [0:4] [8] [16]", Describe(Apple, mixed));
        Assert.AreEqual(32, mixed.StackBytes);
        // Fixed arguments still use registers when the call is variadic.
        var fixedFloats = CallingConvention.Assign(Apple, [F, G, F], fixedCount: 2);
        Assert.AreEqual("d0 x0 [0]", Describe(Apple, fixedFloats));
    }

    [TestMethod]
    public void NoArgumentsNeedNoStack()
    {
        foreach (var target in new[] { SysV, Aapcs, Apple })
        {
            var layout = CallingConvention.Assign(target, [], fixedCount: 0);
            Assert.IsEmpty(layout.Arguments);
            Assert.AreEqual(0, layout.StackBytes);
        }
    }

    [TestMethod]
    public void MicrosoftX64AssignsRegistersByPositionAcrossBothFiles()
    {
        // f(int, double, int, double): RCX, XMM1, R8, XMM3 — RDX, XMM0, R9 and XMM2 stay unused.
        var layout = CallingConvention.Assign(Windows, new[] { G, F, G, F });
        Assert.AreEqual("rcx xmm1 r8 xmm3", Describe(Windows, layout));
        Assert.AreEqual(32, layout.StackBytes, "the home area is reserved even when every argument is in a register");
        var doubles = CallingConvention.Assign(Windows, Enumerable.Repeat(F, 4).ToArray());
        Assert.AreEqual("xmm0 xmm1 xmm2 xmm3", Describe(Windows, doubles));
    }

    [TestMethod]
    public void MicrosoftX64PutsTheFifthArgumentAboveTheHomeArea()
    {
        var layout = CallingConvention.Assign(Windows, Enumerable.Repeat(G, 9).ToArray());
        Assert.AreEqual("rcx rdx r8 r9 [32] [40] [48] [56] [64]", Describe(Windows, layout));
        Assert.AreEqual(80, layout.StackBytes, "32 bytes of home area and 40 of arguments, rounded up to 16");
        var mixed = CallingConvention.Assign(Windows, new[] { G, F, G, F, G, F });
        Assert.AreEqual("rcx xmm1 r8 xmm3 [32] [40]", Describe(Windows, mixed), "stack slots count positions, not registers left in a file");
    }

    [TestMethod]
    public void MicrosoftX64ReservesTheHomeAreaForCallsWithoutArguments()
    {
        var layout = CallingConvention.Assign(Windows, Array.Empty<RegisterClass>());
        Assert.AreEqual(32, layout.StackBytes);
        Assert.AreEqual(32, Windows.HomeAreaBytes);
    }

    [TestMethod]
    public void MicrosoftX64VariadicDoublesAlsoGoInTheIntegerRegisterOfTheirPosition()
    {
        // printf(fmt, 1.5, "s", 2.5, 3.5, 4.5): the doubles at positions 1 and 3 are in XMM1/RDX and XMM3/R9; the fifth and
        // sixth arguments are on the stack only; fixed doubles are never duplicated.
        var layout = CallingConvention.Assign(Windows, new[] { G, F, G, F, F, F }, fixedCount: 1);
        Assert.AreEqual("rcx xmm1 r8 xmm3 [32] [40]", Describe(Windows, layout));
        Assert.AreEqual(X64Target.Rdx, layout.Arguments[1].AlsoInRegister);
        Assert.IsNull(layout.Arguments[2].AlsoInRegister);
        Assert.AreEqual(X64Target.R9, layout.Arguments[3].AlsoInRegister);
        Assert.IsNull(layout.Arguments[4].AlsoInRegister);
        Assert.AreEqual(0, layout.ImplicitArguments.Count, "no AL on Windows");
        var fixedDoubles = CallingConvention.Assign(Windows, new[] { F, F }, fixedCount: 2);
        Assert.IsTrue(fixedDoubles.Arguments.All(a => a.AlsoInRegister is null));
    }

    [TestMethod]
    public void MicrosoftX64TargetDescriptionFollowsTheConventionsRegisterUsage()
    {
        // "x64 software conventions", register volatility: RSI and RDI are nonvolatile, XMM6–XMM15 too (all 128 bits).
        string Names(IEnumerable<int> registers) => string.Join(" ", registers.OrderBy(r => r).Select(Windows.RegisterName));
        Assert.AreEqual("rbx rsi rdi r12 r13 r14 r15 xmm6 xmm7 xmm8 xmm9 xmm10 xmm11 xmm12 xmm13 xmm14 xmm15", Names(Windows.CalleeSaved));
        Assert.AreEqual("rax rcx rdx r8 r9 r10 r11 xmm0 xmm1 xmm2 xmm3 xmm4 xmm5", Names(Windows.CallerSaved));
        Assert.AreEqual(16, Windows.CalleeSavedFloatBytes);
        Assert.IsTrue(Windows.Scratch(RegisterClass.Float).All(Windows.CallerSaved.Contains), "spill scratch registers must be volatile");
        Assert.IsTrue(Windows.Scratch(RegisterClass.General).All(Windows.CallerSaved.Contains));
        Assert.IsFalse(Windows.AllocatableGeneral.Intersect(Windows.ScratchGeneral).Any());
        Assert.IsFalse(Windows.AllocatableFloat.Intersect(Windows.ScratchFloat).Any());
        Assert.AreEqual(ObjectFormat.Coff, Windows.ObjectFormat);
    }
}
