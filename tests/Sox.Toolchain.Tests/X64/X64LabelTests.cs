using Iced.Intel;
using Sox.Compiler.Targets.X64;
using static Sox.Compiler.Targets.X64.X64Register;
using RelocationKind = Sox.Compiler.Ir.RelocationKind;
using SymbolRelocation = Sox.Compiler.Ir.SymbolRelocation;

namespace Sox.Toolchain.Tests.X64;

/// <summary>
/// Labels, branch relaxation, alignment and relocation offsets. Expected offsets and sizes are computed by hand
/// from the instruction sizes in the SDM (JMP rel8 2 bytes, rel32 5; Jcc rel8 2, rel32 6); targets are read
/// back with Iced.
/// </summary>
[TestClass]
public sealed class X64LabelTests
{
    private static List<Instruction> Decode(byte[] code)
    {
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code), 0, DecoderOptions.None);
        var list = new List<Instruction>();
        while (decoder.IP < (ulong)code.Length)
        {
            var instruction = decoder.Decode();
            Assert.AreNotEqual(Code.INVALID, instruction.Code, $"invalid instruction at {instruction.IP}");
            list.Add(instruction);
        }
        return list;
    }

    private static void Filler(X64Encoder e, int bytes)
    {
        for (var i = 0; i < bytes; i++) e.Int3();
    }

    [TestMethod]
    [DataRow(127, true)]
    [DataRow(128, false)]
    [DataRow(0, true)]
    [DataRow(5000, false)]
    public void ForwardJmpUsesRel8ExactlyWhenItFits(int gap, bool isShort)
    {
        var e = new X64Encoder();
        var target = e.CreateLabel();
        e.Jmp(target);
        Filler(e, gap);
        e.Bind(target);
        e.Ret();
        var code = e.Finish();

        var size = isShort ? 2 : 5;
        Assert.AreEqual(size + gap, code.LabelOffset(target));
        var jmp = Decode(code.Code)[0];
        Assert.AreEqual(isShort ? Code.Jmp_rel8_64 : Code.Jmp_rel32_64, jmp.Code);
        Assert.AreEqual((ulong)(size + gap), jmp.NearBranchTarget);
    }

    [TestMethod]
    [DataRow(126, true)]
    [DataRow(127, false)]
    [DataRow(0, true)]
    public void BackwardJmpUsesRel8ExactlyWhenItFits(int gap, bool isShort)
    {
        var e = new X64Encoder();
        var top = e.Here();
        Filler(e, gap);
        e.Jmp(top);
        var code = e.Finish();

        Assert.AreEqual(gap + (isShort ? 2 : 5), code.Code.Length);
        var jmp = Decode(code.Code)[^1];
        Assert.AreEqual(isShort ? Code.Jmp_rel8_64 : Code.Jmp_rel32_64, jmp.Code);
        Assert.AreEqual(0UL, jmp.NearBranchTarget);
    }

    [TestMethod]
    public void JccOfEveryConditionRelaxesAtTheBoundaryInBothDirections()
    {
        for (var cc = 0; cc < 16; cc++)
        {
            var condition = (X64Condition)cc;
            foreach (var (gap, isShort) in new[] { (127, true), (128, false) })
            {
                var e = new X64Encoder();
                var target = e.CreateLabel();
                e.Jcc(condition, target);
                Filler(e, gap);
                e.Bind(target);
                var code = e.Finish();
                var jcc = Decode(code.Code)[0];
                Assert.AreEqual(RoundTripForms.CcCode("J", condition, isShort ? "_rel8_64" : "_rel32_64"), jcc.Code);
                Assert.AreEqual((ulong)(gap + (isShort ? 2 : 6)), jcc.NearBranchTarget);
            }
            foreach (var (gap, isShort) in new[] { (126, true), (127, false) })
            {
                var e = new X64Encoder();
                Filler(e, 3);
                var top = e.Here();
                Filler(e, gap);
                e.Jcc(condition, top);
                var code = e.Finish();
                var jcc = Decode(code.Code)[^1];
                Assert.AreEqual(RoundTripForms.CcCode("J", condition, isShort ? "_rel8_64" : "_rel32_64"), jcc.Code);
                Assert.AreEqual(3UL, jcc.NearBranchTarget);
                Assert.AreEqual(3 + gap + (isShort ? 2 : 6), code.Code.Length);
            }
        }
    }

    [TestMethod]
    public void GrowingABranchGrowsTheBranchesThatSpanIt()
    {
        // jmp A spans "jne B" and 125 bytes: 2 + 125 = 127 fits only while jne B is short; jne B spans 325 bytes.
        var e = new X64Encoder();
        var a = e.CreateLabel();
        var b = e.CreateLabel();
        e.Jmp(a);
        e.Jcc(X64Condition.NE, b);
        Filler(e, 125);
        e.Bind(a);
        Filler(e, 200);
        e.Bind(b);
        var code = e.Finish();

        Assert.AreEqual(5 + 6 + 125 + 200, code.Code.Length);
        var instructions = Decode(code.Code);
        Assert.AreEqual(Code.Jmp_rel32_64, instructions[0].Code);
        Assert.AreEqual(Code.Jne_rel32_64, instructions[1].Code);
        Assert.AreEqual((ulong)(5 + 6 + 125), instructions[0].NearBranchTarget);
        Assert.AreEqual((ulong)code.Code.Length, instructions[1].NearBranchTarget);
        Assert.AreEqual(5 + 6 + 125, code.LabelOffset(a));
    }

    [TestMethod]
    public void ForcedFormsKeepTheirSize()
    {
        var e = new X64Encoder();
        var next = e.CreateLabel();
        e.Jmp_rel32(next);
        e.Jcc_rel32(X64Condition.E, next);
        e.Jmp_rel8(next);
        e.Jcc_rel8(X64Condition.B, next);
        e.Call_rel32(next);
        e.Bind(next);
        var code = e.Finish();

        var instructions = Decode(code.Code);
        CollectionAssert.AreEqual(
            new[] { Code.Jmp_rel32_64, Code.Je_rel32_64, Code.Jmp_rel8_64, Code.Jb_rel8_64, Code.Call_rel32_64 },
            instructions.Select(i => i.Code).ToArray());
        Assert.AreEqual(5 + 6 + 2 + 2 + 5, code.LabelOffset(next));
        foreach (var instruction in instructions) Assert.AreEqual((ulong)code.LabelOffset(next), instruction.NearBranchTarget);
    }

    [TestMethod]
    public void ForcedRel8OutOfRangeFailsAtFinish()
    {
        var e = new X64Encoder();
        var far = e.CreateLabel();
        e.Jmp_rel8(far);
        Filler(e, 128);
        e.Bind(far);
        Assert.ThrowsExactly<InvalidOperationException>(() => e.Finish());
    }

    [TestMethod]
    public void ReferencedButUnboundLabelFailsAtFinish()
    {
        var e = new X64Encoder();
        e.Jcc(X64Condition.L, e.CreateLabel());
        Assert.ThrowsExactly<InvalidOperationException>(() => e.Finish());
    }

    [TestMethod]
    public void LabelsBindOnceAndBelongToTheirEncoder()
    {
        var e = new X64Encoder();
        var label = e.Here();
        Assert.ThrowsExactly<InvalidOperationException>(() => e.Bind(label));
        var other = new X64Encoder();
        Assert.ThrowsExactly<ArgumentException>(() => other.Jmp(label));
        e.Ret();
        e.Finish();
        Assert.ThrowsExactly<InvalidOperationException>(() => e.Ret());
    }

    [TestMethod]
    public void RelocationsAndRipLabelOperandsMoveWithRelaxation()
    {
        // lea rax,[rip+data] (7) ; jmp end (relaxed to 5) ; call f (5) ; 200 x int3 ; end: ; data: ud2
        var e = new X64Encoder();
        var end = e.CreateLabel();
        var data = e.CreateLabel();
        e.Lea_r64_m(Rax, X64Memory.RipRelative(data, 1));
        e.Jmp(end);
        e.Call_rel32("f");
        e.Movsd_xmm_xmmm64(Xmm1, X64Memory.RipRelative("k"));
        Filler(e, 200);
        e.Bind(end);
        e.Bind(data);
        e.Ud2();
        var code = e.Finish();

        var dataOffset = 7 + 5 + 5 + 8 + 200;
        Assert.AreEqual(dataOffset, code.LabelOffset(data));
        var instructions = Decode(code.Code);
        Assert.AreEqual((ulong)(dataOffset + 1), instructions[0].IPRelativeMemoryAddress);
        Assert.AreEqual((ulong)dataOffset, instructions[1].NearBranchTarget);
        CollectionAssert.AreEqual(
            new[]
            {
                new SymbolRelocation(7 + 5 + 1, RelocationKind.X64Branch32, "f", -4),
                new SymbolRelocation(7 + 5 + 5 + 4, RelocationKind.X64PcRelative32, "k", -4),
            },
            code.Relocations.ToArray());
    }

    [TestMethod]
    public void AlignPadsWithDecodableNopsAndInteractsWithRelaxation()
    {
        var e = new X64Encoder();
        var loop = e.CreateLabel();
        var exit = e.CreateLabel();
        e.Push_r64(Rbp);              // 1 byte
        e.Jmp(exit);                  // relaxed below
        e.Align(16);
        e.Bind(loop);
        Filler(e, 130);
        e.Jcc(X64Condition.NE, loop); // backward over 130 bytes: rel32
        e.Align(32);
        e.Bind(exit);
        e.Ret();
        var code = e.Finish();

        Assert.AreEqual(16, code.LabelOffset(loop));
        Assert.AreEqual(0, code.LabelOffset(exit) % 32);
        var instructions = Decode(code.Code);
        Assert.AreEqual(code.Code.Length, (int)instructions[^1].NextIP);
        var jmp = instructions[1];
        Assert.AreEqual((ulong)code.LabelOffset(exit), jmp.NearBranchTarget);
        var jne = instructions.Single(i => i.Mnemonic == Mnemonic.Jne);
        Assert.AreEqual(Code.Jne_rel32_64, jne.Code);
        Assert.AreEqual(16UL, jne.NearBranchTarget);
        var padding = instructions.Where(i => i.Mnemonic is not (Mnemonic.Push or Mnemonic.Jmp or Mnemonic.Jne or Mnemonic.Int3 or Mnemonic.Ret));
        Assert.IsTrue(padding.All(i => i.Mnemonic == Mnemonic.Nop));
    }

    [TestMethod]
    public void NopOfEveryLengthDecodesAsNops()
    {
        for (var n = 0; n <= 40; n++)
        {
            var e = new X64Encoder();
            e.Nop(n);
            var code = e.Finish();
            Assert.HasCount(n, code.Code);
            var instructions = Decode(code.Code);
            Assert.IsTrue(instructions.All(i => i.Mnemonic == Mnemonic.Nop && i.Length <= 9), $"Nop({n})");
            Assert.AreEqual((n + 8) / 9, instructions.Count, $"Nop({n}) uses the longest NOPs first");
        }
    }

    /// <summary>
    /// Random programs of labels, relaxed and forced branches and filler: every branch hits its label, and a
    /// relaxed branch is long only when rel8 cannot reach (without alignment, distances only grow, so the
    /// optimistic relaxation is exact).
    /// </summary>
    [TestMethod]
    public void RandomProgramsBranchToTheirLabelsWithMinimalForms()
    {
        var random = new Random(42);
        for (var program = 0; program < 40; program++)
        {
            var e = new X64Encoder();
            var labels = Enumerable.Range(0, 12).Select(_ => e.CreateLabel()).ToArray();
            var unbound = labels.ToList();
            var branches = new List<(int Label, bool Relaxed)>();
            var steps = 150;
            for (var step = 0; step < steps; step++)
            {
                var choice = random.Next(10);
                if (choice < 2 && unbound.Count > 0)
                {
                    var label = unbound[random.Next(unbound.Count)];
                    e.Bind(label);
                    unbound.Remove(label);
                }
                else if (choice < 6)
                {
                    var label = random.Next(labels.Length);
                    var relaxed = random.Next(4) != 0;
                    var cc = (X64Condition)random.Next(16);
                    if (random.Next(2) == 0) { if (relaxed) e.Jmp(labels[label]); else e.Jmp_rel32(labels[label]); }
                    else { if (relaxed) e.Jcc(cc, labels[label]); else e.Jcc_rel32(cc, labels[label]); }
                    branches.Add((label, relaxed));
                }
                else
                {
                    Filler(e, random.Next(0, 60));
                }
            }
            foreach (var label in unbound) e.Bind(label);
            var code = e.Finish();

            var decoded = Decode(code.Code).Where(i => i.Mnemonic != Mnemonic.Int3).ToList();
            Assert.HasCount(branches.Count, decoded);
            for (var i = 0; i < branches.Count; i++)
            {
                var instruction = decoded[i];
                var target = code.LabelOffset(labels[branches[i].Label]);
                Assert.AreEqual((ulong)target, instruction.NearBranchTarget, $"program {program}, branch {i}");
                var isShort = instruction.Code is Code.Jmp_rel8_64 || instruction.Length == 2;
                if (!branches[i].Relaxed) Assert.IsFalse(isShort);
                else
                {
                    var rel8 = target - ((long)instruction.IP + 2);
                    Assert.AreEqual(rel8 is >= -128 and <= 127, isShort, $"program {program}, branch {i}: rel8 would be {rel8}");
                }
            }
        }
    }
}
