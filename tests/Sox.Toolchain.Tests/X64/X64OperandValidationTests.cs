using Sox.Compiler.Targets.X64;
using static Sox.Compiler.Targets.X64.X64Register;

namespace Sox.Toolchain.Tests.X64;

/// <summary>Operands that no encoding can express are rejected when they are built or used.</summary>
[TestClass]
public sealed class X64OperandValidationTests
{
    [TestMethod]
    public void RspCannotBeAnIndex()
    {
        Assert.ThrowsExactly<ArgumentException>(() => X64Memory.At(Rax, Rsp, 1));
        Assert.ThrowsExactly<ArgumentException>(() => X64Memory.Indexed(Rsp, 2));
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(3)]
    [DataRow(16)]
    [DataRow(-1)]
    public void ScaleMustBeOneTwoFourOrEight(int scale) =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => X64Memory.At(Rax, Rcx, scale));

    [TestMethod]
    public void XmmRegistersCannotAddressMemory()
    {
        Assert.ThrowsExactly<ArgumentException>(() => X64Memory.At(Xmm0));
        Assert.ThrowsExactly<ArgumentException>(() => X64Memory.At(Rax, Xmm3, 4));
    }

    [TestMethod]
    public void RegisterClassesAreChecked()
    {
        var e = new X64Encoder();
        Assert.ThrowsExactly<ArgumentException>(() => e.Add_rm64_r64(Rax, Xmm1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Addsd_xmm_xmmm64(Xmm0, Rax));
        Assert.ThrowsExactly<ArgumentException>(() => e.Movq_xmm_rm64(Rax, Rcx));
        Assert.ThrowsExactly<ArgumentException>(() => e.Movq_rm64_xmm(Xmm0, Xmm1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Cvttsd2si_r64_xmmm64(Xmm0, Xmm1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Push_r64(Xmm15));
        Assert.HasCount(0, e.Finish().Code);
    }

    [TestMethod]
    public void DefaultMemoryOperandIsRejected()
    {
        var e = new X64Encoder();
        Assert.ThrowsExactly<ArgumentException>(() => e.Mov_r64_rm64(Rax, default));
    }

    [TestMethod]
    public void AlignmentMustBeAPowerOfTwo()
    {
        var e = new X64Encoder();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Align(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => e.Align(24));
        e.Align(1);
        Assert.HasCount(0, e.Finish().Code);
    }

    [TestMethod]
    public void ConditionsInvertToTheirComplement()
    {
        // SDM Vol. 1 Table B-1 pairs: O/NO, B/AE, E/NE, BE/A, S/NS, P/NP, L/GE, LE/G.
        Assert.AreEqual(X64Condition.NE, X64Condition.E.Invert());
        Assert.AreEqual(X64Condition.AE, X64Condition.B.Invert());
        Assert.AreEqual(X64Condition.A, X64Condition.BE.Invert());
        Assert.AreEqual(X64Condition.GE, X64Condition.L.Invert());
        Assert.AreEqual(X64Condition.LE, X64Condition.G.Invert());
        Assert.AreEqual(X64Condition.NP, X64Condition.P.Invert());
        Assert.AreEqual(X64Condition.NO, X64Condition.O.Invert());
        Assert.AreEqual(X64Condition.S, X64Condition.NS.Invert());
    }

    [TestMethod]
    public void RegisterNamesFollowIntel()
    {
        Assert.AreEqual("r13", R13.Name());
        Assert.AreEqual("r13d", R13.Name32());
        Assert.AreEqual("sil", Rsi.Name8());
        Assert.AreEqual("xmm12", Xmm12.Name());
        Assert.AreEqual(12, Xmm12.HardwareNumber());
        Assert.IsTrue(R8.IsExtended());
        Assert.IsFalse(Rdi.IsExtended());
        Assert.HasCount(16, X64Registers.GeneralPurpose);
        Assert.HasCount(16, X64Registers.Xmm);
    }
}
