using Sox.Compiler.Targets.Arm64;
using static Sox.Compiler.Targets.Arm64.Arm64Register;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>Operands that no encoding can express are rejected, never truncated or silently re-read.</summary>
[TestClass]
public sealed class Arm64OperandValidationTests
{
    private static Arm64Memory M(Arm64Register @base, long offset = 0) => Arm64Memory.At(@base, offset);

    [TestMethod]
    public void RegisterThirtyOneMustBeTheOneTheFieldMeans()
    {
        var e = new Arm64Encoder();
        Assert.ThrowsExactly<ArgumentException>(() => e.Add_x_imm(XZR, X0, 1));        // Rd is SP here
        Assert.ThrowsExactly<ArgumentException>(() => e.Adds_x_imm(SP, X0, 1));        // Rd is XZR here
        Assert.ThrowsExactly<ArgumentException>(() => e.Cmp_x_imm(XZR, 1));            // Rn is SP here
        Assert.ThrowsExactly<ArgumentException>(() => e.Add_x_shifted(X0, SP, X1));    // all XZR: use the extended form
        Assert.ThrowsExactly<ArgumentException>(() => e.Cmp_x_shifted(SP, X1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Mov_x(X0, SP));               // ORR reads XZR: use Mov_x_sp
        Assert.ThrowsExactly<ArgumentException>(() => e.Mov_x_sp(X0, X1));            // needs SP on one side
        Assert.ThrowsExactly<ArgumentException>(() => e.And_x_imm(X0, SP, 1));         // Rn is XZR here
        Assert.ThrowsExactly<ArgumentException>(() => e.Ands_x_imm(SP, X0, 1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Add_x_extended(X0, XZR, X1, Arm64Extend.Uxtx));
        Assert.ThrowsExactly<ArgumentException>(() => e.Str_x(SP, M(X0)));             // Rt is XZR here
        Assert.ThrowsExactly<ArgumentException>(() => Arm64Memory.At(XZR));            // a base is SP
        Assert.ThrowsExactly<ArgumentException>(() => Arm64Memory.Indexed(X0, SP));    // an index is XZR
        Assert.ThrowsExactly<ArgumentException>(() => e.Ret(XZR));
        Assert.ThrowsExactly<ArgumentException>(() => e.Blr(SP));
        Assert.ThrowsExactly<ArgumentException>(() => e.Adrp(SP, "s"));
        Assert.ThrowsExactly<ArgumentException>(() => e.Movz_x(SP, 1));
    }

    [TestMethod]
    public void RegisterClassesAreChecked()
    {
        var e = new Arm64Encoder();
        Assert.ThrowsExactly<ArgumentException>(() => e.Add_x_shifted(X0, V1, X2));
        Assert.ThrowsExactly<ArgumentException>(() => e.Fadd_d(V0, X1, V2));
        Assert.ThrowsExactly<ArgumentException>(() => e.Fmov_d_x(X0, X1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Fmov_x_d(X0, X1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldr_d(X0, M(X1)));
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldr_x(V0, M(X1)));
        Assert.ThrowsExactly<ArgumentException>(() => Arm64Memory.At(V3));
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldp_d(X0, X1, M(SP)));
    }

    [TestMethod]
    public void ImmediatesAreRangeChecked()
    {
        var e = new Arm64Encoder();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Add_x_imm(X0, X1, 4096));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Sub_x_imm(X0, X1, -1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Add_x_shifted(X0, X1, X2, Arm64Shift.Lsl, 64));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Add_w_shifted(X0, X1, X2, Arm64Shift.Lsl, 32));
        Assert.ThrowsExactly<ArgumentException>(() => e.Add_x_shifted(X0, X1, X2, Arm64Shift.Ror, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Add_x_extended(X0, X1, X2, Arm64Extend.Uxtw, 5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Movz_x(X0, 1, 8));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Movz_w(X0, 1, 32));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Lsl_x_imm(X0, X1, 64));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Lsr_w_imm(X0, X1, 32));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Ubfm_w(X0, X1, 0, 32));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Ubfx_x(X0, X1, 60, 5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Tbz(X0, 64, e.Here()));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Fmov_d_imm(V0, 0.0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Fmov_d_imm(V0, 0.1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Dmb((Arm64Barrier)4));
    }

    [TestMethod]
    [DataRow(0UL)]
    [DataRow(ulong.MaxValue)]
    [DataRow(0x1234UL)]
    [DataRow(0x5555555555555554UL)]
    public void UnencodableBitmasksAreRejected(ulong value)
    {
        var e = new Arm64Encoder();
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.And_x_imm(X0, X1, value));
        StringAssert.Contains(error.Message, "bitmask");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Orr_w_imm(X0, X1, (uint)value));
    }

    [TestMethod]
    public void OffsetsTheScaledFormCannotHoldGoUnscaledOrAreRejected()
    {
        var e = new Arm64Encoder();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Ldr_x(X0, M(X1, 32768)));    // beyond 4095 × 8
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Ldr_x(X0, M(X1, 260)));      // misaligned and > 255
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Ldr_x(X0, M(X1, -257)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Ldrb_w(X0, M(X1, 4096)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Ldr_x(X0, Arm64Memory.Unscaled(X1, 256)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Ldr_x(X0, Arm64Memory.PreIndex(X1, 256)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Str_x(X0, Arm64Memory.PostIndex(X1, -257)));
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldr_x(X0, default));
        Assert.ThrowsExactly<ArgumentException>(() => Arm64Memory.Indexed(X0, X1, Arm64Extend.Uxtb));
    }

    [TestMethod]
    public void PairOffsetsAndModesAreChecked()
    {
        var e = new Arm64Encoder();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Stp_x(X0, X1, M(SP, 512)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Stp_x(X0, X1, M(SP, -520)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Stp_x(X0, X1, M(SP, 4)));
        Assert.ThrowsExactly<ArgumentException>(() => e.Stp_x(X0, X1, Arm64Memory.Unscaled(SP, 8)));
        Assert.ThrowsExactly<ArgumentException>(() => e.Stp_x(X0, X1, Arm64Memory.Indexed(SP, X2)));
    }

    [TestMethod]
    public void UnpredictableRegisterCombinationsAreRejected()
    {
        var e = new Arm64Encoder();
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldr_x(X1, Arm64Memory.PreIndex(X1, 8)));
        Assert.ThrowsExactly<ArgumentException>(() => e.Str_x(X1, Arm64Memory.PostIndex(X1, 8)));
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldp_x(X0, X0, M(SP)));
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldp_x(X0, X1, Arm64Memory.PostIndex(X1, 16)));
        // Register 31 as XZR with an SP base is not the same register, and plain offsets never write back.
        e.Str_x(XZR, Arm64Memory.PreIndex(SP, -16));
        e.Ldr_x(X1, M(X1, 8));
        e.Ldr_d(V1, Arm64Memory.PreIndex(X1, 8));
        Assert.HasCount(12, e.Finish().Code);
    }

    [TestMethod]
    public void SymbolOperandsAreLimitedToTheirRelocationKinds()
    {
        var e = new Arm64Encoder();
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldr_w(X0, Arm64Memory.SymbolLow12(X0, "s")));
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldr_s(V0, Arm64Memory.SymbolLow12(X0, "s")));
        Assert.ThrowsExactly<ArgumentException>(() => e.Str_x(X0, Arm64Memory.GotLow12(X0, "s")));
        Assert.ThrowsExactly<ArgumentException>(() => e.Ldr_d(V0, Arm64Memory.GotLow12(X0, "s")));
        Assert.ThrowsExactly<ArgumentException>(() => e.Bl(""));
        Assert.ThrowsExactly<ArgumentException>(() => Arm64Memory.SymbolLow12(X0, ""));
    }

    [TestMethod]
    public void ConditionsInvertInPairsAndAlwaysHasNoInverse()
    {
        (Arm64Condition, Arm64Condition)[] pairs =
        [
            (Arm64Condition.EQ, Arm64Condition.NE), (Arm64Condition.HS, Arm64Condition.LO), (Arm64Condition.MI, Arm64Condition.PL),
            (Arm64Condition.VS, Arm64Condition.VC), (Arm64Condition.HI, Arm64Condition.LS), (Arm64Condition.GE, Arm64Condition.LT),
            (Arm64Condition.GT, Arm64Condition.LE),
        ];
        foreach (var (a, b) in pairs)
        {
            Assert.AreEqual(b, a.Invert());
            Assert.AreEqual(a, b.Invert());
        }
        Assert.ThrowsExactly<ArgumentException>(() => Arm64Condition.AL.Invert());
        Assert.ThrowsExactly<ArgumentException>(() => new Arm64Encoder().Cset_x(X0, Arm64Condition.NV));
        Assert.AreEqual("lo", Arm64Condition.CC.Suffix());
    }
}
