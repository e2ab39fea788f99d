using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;
using Sox.Compiler.Targets.Arm64;
using static Sox.Compiler.Targets.Arm64.Arm64Register;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Labels, branch relaxation, alignment and relocation offsets. Ranges come from the Arm ARM (B.cond/CBZ/LDR literal
/// imm19 and ADR imm21: ±1 MiB; TBZ imm14: ±32 KiB; B/BL imm26: ±128 MiB); the branches are decoded with
/// <see cref="A64Decode"/>, and a relaxed program is also read back by GNU objdump.
/// </summary>
[TestClass]
public sealed class Arm64LabelTests
{
    private const int OneMiB = 1 << 20;

    private static void Nops(Arm64Encoder e, int count)
    {
        for (var i = 0; i < count; i++) e.Nop();
    }

    /// <summary>Where the (possibly relaxed) conditional branch at <paramref name="at"/> goes, and its size.</summary>
    private static (long Target, int Size) Follow(byte[] code, int at)
    {
        var word = A64Decode.Word(code, at);
        var offset = A64Decode.IsTb(word) ? A64Decode.Imm14(word) : A64Decode.Imm19(word);
        if (offset != 8 || !A64Decode.IsB(A64Decode.Word(code, at + 4))) return (at + offset, 4);
        return (at + 4 + A64Decode.Imm26(A64Decode.Word(code, at + 4)), 8);
    }

    [TestMethod]
    [DataRow(OneMiB - 4, true)]
    [DataRow(OneMiB, false)]
    [DataRow(4, true)]
    public void ForwardBCondIsShortExactlyWhenImm19Reaches(int distance, bool isShort)
    {
        var e = new Arm64Encoder();
        var target = e.CreateLabel();
        e.B_cond(Arm64Condition.NE, target);
        Nops(e, distance / 4 - 1);
        e.Bind(target);
        var code = e.Finish();

        var first = A64Decode.Word(code.Code, 0);
        Assert.IsTrue(A64Decode.IsBCond(first));
        if (isShort)
        {
            Assert.AreEqual(distance, code.LabelOffset(target));
            Assert.AreEqual(1, A64Decode.Cond(first)); // NE
            Assert.AreEqual(distance, A64Decode.Imm19(first));
        }
        else
        {
            Assert.AreEqual(distance + 4, code.LabelOffset(target));
            Assert.AreEqual(0, A64Decode.Cond(first)); // inverted: EQ
            Assert.AreEqual(8, A64Decode.Imm19(first));
            var b = A64Decode.Word(code.Code, 4);
            Assert.IsTrue(A64Decode.IsB(b));
            Assert.AreEqual(distance, A64Decode.Imm26(b)); // from offset 4 to distance + 4
        }
    }

    [TestMethod]
    [DataRow(OneMiB, true)]
    [DataRow(OneMiB + 4, false)]
    [DataRow(0, true)]
    public void BackwardCbzIsShortExactlyWhenImm19Reaches(int distance, bool isShort)
    {
        var e = new Arm64Encoder();
        var top = e.Here();
        Nops(e, distance / 4);
        e.Cbz_x(X7, top);
        var code = e.Finish();

        var word = A64Decode.Word(code.Code, distance);
        Assert.IsTrue(A64Decode.IsCb(word));
        Assert.AreEqual(7u, word & 31);
        Assert.AreEqual(isShort ? 0 : 1, A64Decode.Op(word)); // relaxed: CBNZ over the B
        Assert.AreEqual(distance + (isShort ? 4 : 8), code.Code.Length);
        Assert.AreEqual((0L, isShort ? 4 : 8), Follow(code.Code, distance));
    }

    [TestMethod]
    [DataRow(32768 - 4, true)]
    [DataRow(32768, false)]
    public void ForwardTbnzIsShortExactlyWhenImm14Reaches(int distance, bool isShort)
    {
        var e = new Arm64Encoder();
        var target = e.CreateLabel();
        e.Tbnz(X2, 40, target);
        Nops(e, distance / 4 - 1);
        e.Bind(target);
        var code = e.Finish();

        var word = A64Decode.Word(code.Code, 0);
        Assert.IsTrue(A64Decode.IsTb(word));
        Assert.AreEqual(isShort ? 1 : 0, A64Decode.Op(word));
        Assert.AreEqual(1u, word >> 31);         // b5: bit 40
        Assert.AreEqual(8u, (word >> 19) & 31);  // b40
        Assert.AreEqual((code.LabelOffset(target), isShort ? 4 : 8), Follow(code.Code, 0));
        Assert.AreEqual(distance + (isShort ? 0 : 4), code.LabelOffset(target));
    }

    [TestMethod]
    public void BackwardTbzAtTheImm14Limit()
    {
        foreach (var (distance, isShort) in new[] { (32768, true), (32772, false) })
        {
            var e = new Arm64Encoder();
            var top = e.Here();
            Nops(e, distance / 4);
            e.Tbz(X0, 0, top);
            var code = e.Finish();
            Assert.AreEqual((0L, isShort ? 4 : 8), Follow(code.Code, distance), $"distance {distance}");
        }
    }

    [TestMethod]
    public void EveryConditionAndCompareBranchRelaxesToItsInverse()
    {
        var e = new Arm64Encoder();
        var far = e.CreateLabel();
        var sites = new List<(Label At, uint ExpectedFirst)>();
        for (var cc = 0; cc < 14; cc++)
        {
            sites.Add((e.Here(), 0x5400_0040u | (uint)(cc ^ 1)));
            e.B_cond((Arm64Condition)cc, far);
        }
        sites.Add((e.Here(), 0xB500_0040u | 3)); e.Cbz_x(X3, far);    // → cbnz x3, +8
        sites.Add((e.Here(), 0xB400_0040u | 3)); e.Cbnz_x(X3, far);   // → cbz x3, +8
        sites.Add((e.Here(), 0x3500_0040u | 31)); e.Cbz_w(XZR, far);  // → cbnz wzr, +8
        sites.Add((e.Here(), 0x3400_0040u | 4)); e.Cbnz_w(X4, far);   // → cbz w4, +8
        Nops(e, OneMiB / 4);
        e.Bind(far);
        var code = e.Finish();
        foreach (var (at, expected) in sites)
        {
            var offset = code.LabelOffset(at);
            Assert.AreEqual(expected, A64Decode.Word(code.Code, offset), $"site at {offset}");
            Assert.AreEqual((code.LabelOffset(far), 8), Follow(code.Code, offset));
        }
    }

    [TestMethod]
    public void AlwaysConditionsCannotBeRelaxedAndAreRejected()
    {
        var e = new Arm64Encoder();
        var l = e.Here();
        Assert.ThrowsExactly<ArgumentException>(() => e.B_cond(Arm64Condition.AL, l));
        Assert.ThrowsExactly<ArgumentException>(() => e.B_cond(Arm64Condition.NV, l));
    }

    [TestMethod]
    public void GrowthOfOneBranchCanPushAnotherOutOfRange()
    {
        // Branch A jumps to T exactly at the imm19 limit only while B (between them) stays short; B's target is
        // far, so B grows and A must grow too.
        var e = new Arm64Encoder();
        var t = e.CreateLabel();
        var far = e.CreateLabel();
        e.B_cond(Arm64Condition.EQ, t);      // A at 0
        e.B_cond(Arm64Condition.NE, far);    // B at 4
        Nops(e, OneMiB / 4 - 3);
        e.Bind(t);                           // T at 1 MiB − 4 if nothing grows
        Nops(e, OneMiB / 4);
        e.Bind(far);
        var code = e.Finish();
        Assert.AreEqual((code.LabelOffset(t), 8), Follow(code.Code, 0));
        Assert.AreEqual((code.LabelOffset(far), 8), Follow(code.Code, 8));
        Assert.AreEqual(OneMiB + 4, code.LabelOffset(t));
    }

    [TestMethod]
    public void RelocationsAndLabelsMoveWithRelaxation()
    {
        var e = new Arm64Encoder();
        var far = e.CreateLabel();
        e.Cbz_x(X0, far);
        var call = e.Here();
        e.Bl("callee");
        e.Adrp(X1, "data", 8);
        e.Add_x_lo12(X1, X1, "data", 8);
        e.Adrp_got(X2, "global");
        e.Ldr_x(X2, Arm64Memory.GotLow12(X2, "global"));
        Nops(e, OneMiB / 4);
        e.Bind(far);
        e.B("tail");
        var code = e.Finish();

        Assert.AreEqual(8, code.LabelOffset(call));
        var end = code.LabelOffset(far);
        Assert.AreEqual(8 + 20 + OneMiB, end);
        SymbolRelocation[] expected =
        [
            new(8, RelocationKind.Arm64Call26, "callee", 0),
            new(12, RelocationKind.Arm64AdrPage21, "data", 8),
            new(16, RelocationKind.Arm64AddLow12, "data", 8),
            new(20, RelocationKind.Arm64GotPage21, "global", 0),
            new(24, RelocationKind.Arm64GotLoad64Low12, "global", 0),
            new(end, RelocationKind.Arm64Call26, "tail", 0),
        ];
        CollectionAssert.AreEqual(expected, code.Relocations.ToArray());
        Assert.AreEqual(0x9400_0000u, A64Decode.Word(code.Code, 8));
        Assert.AreEqual(0x1400_0000u, A64Decode.Word(code.Code, end));
    }

    [TestMethod]
    [DataRow(OneMiB - 4, true)]
    [DataRow(OneMiB, false)]
    public void AdrAndLiteralLoadsReachOneMiBForwardAndThrowBeyond(int distance, bool fits)
    {
        foreach (var literal in new[] { false, true })
        {
            var e = new Arm64Encoder();
            var target = e.CreateLabel();
            if (literal) e.Ldr_x_literal(X0, target);
            else e.Adr(X0, target);
            Nops(e, distance / 4 - 1);
            e.Bind(target);
            if (!fits)
            {
                Assert.ThrowsExactly<InvalidOperationException>(() => e.Finish());
                continue;
            }
            var word = A64Decode.Word(e.Finish().Code, 0);
            Assert.AreEqual(distance, literal ? A64Decode.Imm19(word) : A64Decode.Adr(word));
        }
    }

    [TestMethod]
    public void AdrReachesOneMiBBackward()
    {
        var e = new Arm64Encoder();
        var top = e.Here();
        Nops(e, OneMiB / 4);
        e.Adr(X3, top);
        var code = e.Finish();
        Assert.AreEqual(-OneMiB, A64Decode.Adr(A64Decode.Word(code.Code, OneMiB)));
    }

    /// <summary>B's imm26 reaches −128 MiB exactly and not one word further (a 128 MiB buffer, built once).</summary>
    [TestMethod]
    public void BackwardBAtTheImm26Limit()
    {
        const int words = 1 << 25; // 128 MiB of NOPs
        var e = new Arm64Encoder();
        var top = e.Here();
        Nops(e, words);
        var last = e.Here();
        e.B(top);
        var code = e.Finish();
        Assert.AreEqual(-(1L << 27), A64Decode.Imm26(A64Decode.Word(code.Code, code.LabelOffset(last))));

        var beyond = new Arm64Encoder();
        var start = beyond.Here();
        Nops(beyond, words + 1);
        beyond.Bl(start);
        Assert.ThrowsExactly<InvalidOperationException>(() => beyond.Finish());
    }

    [TestMethod]
    public void AlignPadsWithNopsAndCountsRelaxation()
    {
        var e = new Arm64Encoder();
        var far = e.CreateLabel();
        e.B_cond(Arm64Condition.EQ, far);  // becomes 8 bytes
        e.Align(16);
        var aligned = e.Here();
        e.Brk(1);
        Nops(e, OneMiB / 4);
        e.Bind(far);
        var code = e.Finish();
        Assert.AreEqual(16, code.LabelOffset(aligned));
        Assert.AreEqual(0xD503_201Fu, A64Decode.Word(code.Code, 8));
        Assert.AreEqual(0xD503_201Fu, A64Decode.Word(code.Code, 12));
        Assert.AreEqual((code.LabelOffset(far), 8), Follow(code.Code, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Arm64Encoder().Align(2));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Arm64Encoder().Align(24));
    }

    [TestMethod]
    public void RandomProgramsResolveEveryBranchAndRelaxOnlyWhenNeeded()
    {
        var random = new Random(5);
        for (var program = 0; program < 6; program++)
        {
            var e = new Arm64Encoder();
            var labels = Enumerable.Range(0, 40).Select(_ => e.CreateLabel()).ToList();
            var bound = new HashSet<int>();
            var sites = new List<(Label At, int Target, bool TestBit)>();
            for (var step = 0; step < 400; step++)
            {
                switch (random.Next(4))
                {
                    case 0 when bound.Count < labels.Count:
                        var free = Enumerable.Range(0, labels.Count).Where(i => !bound.Contains(i)).ToList();
                        var pick = free[random.Next(free.Count)];
                        e.Bind(labels[pick]);
                        bound.Add(pick);
                        break;
                    case 1:
                        var target = random.Next(labels.Count);
                        var testBit = random.Next(3) == 0;
                        sites.Add((e.Here(), target, testBit));
                        if (testBit) e.Tbz(X1, random.Next(64), labels[target]);
                        else e.B_cond((Arm64Condition)random.Next(14), labels[target]);
                        break;
                    default:
                        Nops(e, random.Next(program % 2 == 0 ? 400 : 40000));
                        break;
                }
            }
            for (var i = 0; i < labels.Count; i++)
                if (!bound.Contains(i)) e.Bind(labels[i]);
            var code = e.Finish();
            foreach (var (at, target, testBit) in sites)
            {
                var offset = code.LabelOffset(at);
                var (reached, size) = Follow(code.Code, offset);
                var goal = code.LabelOffset(labels[target]);
                Assert.AreEqual(goal, reached, $"program {program}, site at {offset}");
                var limit = testBit ? 1 << 15 : 1 << 20;
                var shortFits = goal - offset >= -limit && goal - offset < limit;
                Assert.AreEqual(shortFits ? 4 : 8, size, $"program {program}, site at {offset} to {goal}");
            }
        }
    }

    [TestMethod]
    public void RelaxedCodeReadsBackWithObjdump()
    {
        var e = new Arm64Encoder();
        var far = e.CreateLabel();
        e.B_cond(Arm64Condition.LT, far);
        e.Cbz_w(X5, far);
        e.Tbnz(X6, 3, far);
        Nops(e, OneMiB / 4);
        e.Bind(far);
        var code = e.Finish();
        var text = ObjdumpDisassembler.Disassemble(code.Code[..24]);
        var end = $"0x{code.LabelOffset(far):x}";
        Assert.AreEqual("b.ge 0x8", text[0]);
        Assert.AreEqual($"b {end}", text[4]);
        Assert.AreEqual("cbnz w5, 0x10", text[8]);
        Assert.AreEqual($"b {end}", text[12]);
        Assert.AreEqual("tbz w6, #3, 0x18", text[16]);
        Assert.AreEqual($"b {end}", text[20]);
    }

    [TestMethod]
    public void LabelMisuseIsReported()
    {
        var e = new Arm64Encoder();
        var l = e.Here();
        Assert.ThrowsExactly<InvalidOperationException>(() => e.Bind(l));
        var other = new Arm64Encoder();
        other.CreateLabel();
        other.CreateLabel();
        var foreign = other.CreateLabel();
        Assert.ThrowsExactly<ArgumentException>(() => e.B(foreign));
        var unbound = e.CreateLabel();
        e.B(unbound);
        Assert.ThrowsExactly<InvalidOperationException>(() => e.Finish());

        var fresh = new Arm64Encoder();
        var never = fresh.CreateLabel();
        var code = fresh.Finish();
        Assert.ThrowsExactly<InvalidOperationException>(() => code.LabelOffset(never));
    }
}
