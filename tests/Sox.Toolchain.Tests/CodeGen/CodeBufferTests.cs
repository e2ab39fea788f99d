using System.Buffers.Binary;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// The shared <see cref="CodeBuffer"/> on its own, with a toy target whose forms make the arithmetic easy to
/// follow: a branch is 2 bytes (<c>AA disp8</c>) reaching −100…100 from its first byte, or 5 bytes
/// (<c>BB disp32</c>); a label field is one signed byte; padding is <c>90</c>. The x86-64 and AArch64 forms are
/// tested through their encoders (X64LabelTests, Arm64LabelTests).
/// </summary>
[TestClass]
public sealed class CodeBufferTests
{
    private sealed class ToyForms(int instructionAlignment = 1) : IBranchForms
    {
        public int InstructionAlignment => instructionAlignment;

        public void WritePadding(Span<byte> gap) => gap.Fill(0x90);

        public int ShortSize(int kind) => 2;

        public int LongSize(int kind) => 5;

        public bool FitsShort(int kind, long displacement) => displacement is >= -100 and <= 100;

        public void WriteShort(Span<byte> site, int kind, uint form, long displacement)
        {
            site[0] = 0xAA;
            site[1] = (byte)displacement;
        }

        public bool TryWriteLong(Span<byte> site, int kind, uint form, long displacement)
        {
            site[0] = 0xBB;
            BinaryPrimitives.WriteInt32LittleEndian(site[1..], (int)displacement);
            return true;
        }

        public bool TryPatchField(Span<byte> field, int kind, long displacement)
        {
            if (displacement is < sbyte.MinValue or > sbyte.MaxValue) return false;
            field[0] = (byte)displacement;
            return true;
        }
    }

    private static void Filler(CodeBuffer buffer, int count) => buffer.Reserve(count).Fill(0xCC);

    [TestMethod]
    [DataRow(98, true)]
    [DataRow(99, false)]
    public void ABranchIsShortExactlyWhenItsShortFormReaches(int gap, bool isShort)
    {
        var buffer = new CodeBuffer(new ToyForms());
        var target = buffer.CreateLabel();
        buffer.Branch(0, 0, target);
        Filler(buffer, gap);
        buffer.Bind(target);
        var code = buffer.Finish();

        var size = isShort ? 2 : 5;
        Assert.AreEqual(size + gap, code.LabelOffset(target));
        Assert.AreEqual(isShort ? 0xAA : 0xBB, code.Code[0]);
        Assert.AreEqual(size + gap, isShort ? (sbyte)code.Code[1] : BinaryPrimitives.ReadInt32LittleEndian(code.Code.AsSpan(1)));
    }

    [TestMethod]
    public void GrowingOneBranchCanPushAnEarlierOneOutOfReach()
    {
        // The outer branch reaches its label 99 bytes on while the inner branch is short; the inner one cannot reach
        // its own label, grows by 3 bytes, and so pushes the outer label to 102, out of the outer short form's reach.
        var buffer = new CodeBuffer(new ToyForms());
        var outer = buffer.CreateLabel();
        var inner = buffer.CreateLabel();
        buffer.Branch(0, 0, outer);
        Filler(buffer, 95);
        buffer.Branch(0, 0, inner);
        buffer.Bind(outer);
        Filler(buffer, 150);
        buffer.Bind(inner);
        var code = buffer.Finish();

        Assert.AreEqual(0xBB, code.Code[0], "the outer branch had to grow after the inner one did");
        Assert.AreEqual(0xBB, code.Code[5 + 95]);
        Assert.AreEqual(5 + 95 + 5, code.LabelOffset(outer));
        Assert.AreEqual(5 + 95 + 5 + 150, code.LabelOffset(inner));
    }

    [TestMethod]
    public void LabelFieldsAndRelocationsMoveWithTheCodeBeforeThem()
    {
        var buffer = new CodeBuffer(new ToyForms());
        var far = buffer.CreateLabel();
        var near = buffer.CreateLabel();
        buffer.Branch(0, 0, far);
        buffer.LabelField(0, -1, near);   // a one-byte field counting from its own end
        buffer.Byte(0);
        buffer.Relocation(RelocationKind.Absolute64, "data", 8);
        buffer.Int64(0);
        buffer.Bind(near);
        Filler(buffer, 200);
        buffer.Bind(far);
        var code = buffer.Finish();

        Assert.AreEqual(0xBB, code.Code[0]);
        Assert.AreEqual(8, (sbyte)code.Code[5], "from the end of the field (offset 6) to near (offset 14)");
        Assert.AreEqual(new SymbolRelocation(6, RelocationKind.Absolute64, "data", 8), code.Relocations.Single());
    }

    [TestMethod]
    public void PaddingIsTheTargetsAndAlignsToTheBufferStart()
    {
        var buffer = new CodeBuffer(new ToyForms());
        buffer.Byte(0x01);
        buffer.Align(8);
        var aligned = buffer.Here();
        buffer.Byte(0x02);
        var code = buffer.Finish();

        Assert.AreEqual(8, code.LabelOffset(aligned));
        CollectionAssert.AreEqual(new byte[] { 0x01, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x02 }, code.Code);
    }

    [TestMethod]
    public void MisuseIsReported()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CodeBuffer(new ToyForms(instructionAlignment: 4)).Align(2),
            "below the target's instruction alignment");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CodeBuffer(new ToyForms()).Align(12));

        var buffer = new CodeBuffer(new ToyForms());
        Assert.ThrowsExactly<ArgumentException>(() => buffer.Branch(0, 0, new CodeBuffer(new ToyForms()).Here()), "a label of another buffer");
        var unbound = buffer.CreateLabel();
        buffer.Branch(0, 0, unbound);
        Assert.ThrowsExactly<InvalidOperationException>(() => buffer.Finish(), "an unbound label");

        var tooFar = new CodeBuffer(new ToyForms());
        var label = tooFar.CreateLabel();
        tooFar.LabelField(0, 0, label);
        tooFar.Byte(0);
        Filler(tooFar, 200);
        tooFar.Bind(label);
        Assert.ThrowsExactly<InvalidOperationException>(() => tooFar.Finish(), "a one-byte field cannot reach 201 bytes");
        Assert.ThrowsExactly<InvalidOperationException>(() => tooFar.Byte(0), "a finished buffer takes no more code");
    }
}
